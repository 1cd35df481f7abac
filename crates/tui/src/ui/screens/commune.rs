//! A commune as a line of a form, and the province → commune picker.

use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::{CommunePicker, UnitRow};
use crate::ui::Ui;
use crate::ui::text::truncate;
use crate::ui::widgets::{self, clickable_window, framed, input};
use trolyso_core::domain::units::Units;
use trolyso_core::i18n::Message;

/// "Xã Quang Chiểu, Thanh Hóa" for a unit code.
pub fn name(code: u32) -> Option<String> {
    let units = Units::embedded();
    let c = units.commune(code)?;
    let province = units
        .province(c.province_code)
        .map(|p| p.name.as_str())
        .unwrap_or_default();
    Some(format!("{}, {province}", c.name))
}

/// A commune field's line: the unit's name, or how to pick one.
/// A commune field's value; empty, the office's commune is offered (Enter
/// takes it) when one is set.
pub fn field_value(ui: &Ui, code: Option<u32>, office: Option<u32>, focused: bool) -> Line<'static> {
    let theme = ui.theme;
    let (text, style) = match (code.and_then(name), office.and_then(name)) {
        (Some(name), _) => (name, if focused { theme.focus } else { theme.normal }),
        (None, Some(office)) => (
            ui.say(&Message::new("ui.commune.offer").arg("commune", office)),
            if focused { theme.focus } else { theme.quiet },
        ),
        (None, None) => (
            ui.t("ui.commune.none"),
            if focused { theme.focus } else { theme.quiet },
        ),
    };
    widgets::value_line(text, style)
}

/// One row of the picker's list.
fn row_text(ui: &Ui, p: &CommunePicker, row: UnitRow) -> String {
    let units = Units::embedded();
    match row {
        UnitRow::Province(code) => {
            let province = units.province(code).map(|x| x.name.as_str()).unwrap_or_default();
            let text = Message::new("ui.commune.province_row").arg("province", province);
            format!("▸ {}", ui.say(&text))
        }
        UnitRow::Commune(code) if p.province.is_some() => units
            .commune(code)
            .map(|c| format!("  {}", c.name))
            .unwrap_or_default(),
        UnitRow::Commune(code) => name(code).map(|n| format!("  {n}")).unwrap_or_default(),
    }
}

/// The commune picker over `area`: the search line, then provinces or
/// communes; returns where the caret is.
pub fn draw_picker(ui: &mut Ui, area: Rect, p: &CommunePicker) -> Option<Position> {
    let units = Units::embedded();
    let popup = area.inner(Margin {
        horizontal: 2,
        vertical: 1,
    });
    ui.frame.render_widget(Clear, popup);
    let title = match p.province.and_then(|c| units.province(c)) {
        Some(province) => ui.say(&Message::new("ui.commune.in_province").arg("province", &province.name)),
        None => ui.t("ui.commune.title"),
    };
    let inner = framed(ui, popup, title);
    let [field, list, hint] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let label = ui.t("ui.commune.search");
    let cursor = input(ui, field, &label, &p.query, true, false);
    let rows = p.rows(units);
    if rows.is_empty() {
        ui.frame.render_widget(
            Paragraph::new(ui.t("ui.commune.empty")).wrap(Wrap { trim: true }),
            list,
        );
    }
    // Only the rows that fit are formatted (the country has 3,321).
    let lines: Vec<Line> = clickable_window(ui, list, p.selected, rows.len())
        .map(|i| {
            let style = if i == p.selected {
                ui.theme.focus
            } else {
                ui.theme.normal
            };
            Line::styled(truncate(&row_text(ui, p, rows[i]), list.width as usize), style)
        })
        .collect();
    ui.frame.render_widget(Paragraph::new(lines), list);
    ui.frame.render_widget(
        Paragraph::new(ui.t("ui.commune.hint")).style(ui.theme.quiet),
        hint,
    );
    cursor
}
