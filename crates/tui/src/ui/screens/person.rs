//! A person on file: who they are (numbers masked), their VNeID account,
//! then every case of theirs as Home lists them.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::home::draw_case;
use crate::app::PersonView;
use crate::ui::Ui;
use crate::ui::text::{truncate, wrapped};
use crate::ui::widgets::{clickable_window, framed};
use crate::ui::words::stage_key;
use trolyso_core::domain::privacy::mask_number;
use trolyso_core::i18n::Message;

pub fn draw(ui: &mut Ui, area: Rect, p: &PersonView) -> Option<Position> {
    let [head, list] = Layout::vertical([Constraint::Length(4), Constraint::Min(1)]).areas(area);
    let name = p
        .person
        .as_ref()
        .map_or_else(|| ui.t("ui.person.nobody"), |r| r.full_name.clone());
    let inner = framed(ui, head, name);
    let width = usize::from(inner.width);
    let dash = || "—".to_owned();
    let mut lines = Vec::new();
    if let Some(r) = &p.person {
        let numbers = Message::new("ui.person.numbers")
            .arg("id", r.id_number.as_deref().map_or_else(dash, mask_number))
            .arg("phone", r.phone.as_deref().map_or_else(dash, mask_number))
            .arg("born", r.birth_date.clone().unwrap_or_else(dash))
            .render(ui.lang());
        lines.push(Line::raw(truncate(&numbers, width)));
    }
    let account = p
        .account_stage()
        .map_or_else(|| ui.t("ui.person.no_account"), |s| ui.t(stage_key(s)));
    let account = Message::new("ui.person.account")
        .arg("stage", account)
        .render(ui.lang());
    lines.push(Line::raw(truncate(&account, width)));
    ui.frame.render_widget(Paragraph::new(lines), inner);

    let title = Message::new("ui.person.cases")
        .arg("n", p.rows.len())
        .render(ui.lang());
    let inner = framed(ui, list, title);
    let shown = clickable_window(ui, inner, p.selected, p.rows.len());
    for (y, i) in (inner.y..inner.bottom()).zip(shown) {
        let style = if i == p.selected {
            ui.theme.focus
        } else {
            ui.theme.normal
        };
        let row = Rect {
            y,
            height: 1,
            ..inner
        };
        draw_case(ui, row, &p.rows[i], false, style);
    }
    if p.deleting
        && let Some(row) = p.rows.get(p.selected)
    {
        draw_confirm(ui, inner, &row.case.procedure_id);
    }
    None
}

/// Deleting a draft, asked over the list: what goes, and that it is for good.
fn draw_confirm(ui: &mut Ui, area: Rect, procedure: &str) {
    let width = area.width.saturating_sub(8);
    let app = ui.app;
    let words = Message::new("ui.person.delete_ask")
        .arg("procedure", app.catalogue.title(procedure, app.lang))
        .render(ui.lang());
    let mut lines = wrapped(&words, usize::from(width.saturating_sub(2)), ui.theme.normal);
    lines.push(Line::raw(""));
    lines.push(Line::styled(ui.t("ui.person.delete_keys"), ui.theme.title));
    // As tall as what it says, under the chosen row where it fits.
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect::new(area.x + 4, area.y + (area.height - height).min(2), width, height);
    ui.frame.render_widget(Clear, popup);
    let inner = framed(ui, popup, ui.t("ui.person.delete_title"));
    ui.frame.render_widget(Paragraph::new(lines), inner);
}
