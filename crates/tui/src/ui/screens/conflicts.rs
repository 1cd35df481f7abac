//! One card at a time: which case, which field, why a person must choose,
//! and every value kept with who wrote it, on which machine, when.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{CardField, ConflictRow, Conflicts, Kept, KeptValue};
use crate::ui::Ui;
use crate::ui::widgets::{clickable_window, framed};
use trolyso_core::i18n::Message;

pub fn draw(ui: &mut Ui, area: Rect, c: &Conflicts) -> Option<Position> {
    let Some(rows) = &c.rows else {
        ui.frame.render_widget(
            Paragraph::new(ui.t("exchange.reading")).style(ui.theme.quiet),
            area,
        );
        return None;
    };
    let Some(row) = c.card() else {
        ui.frame.render_widget(
            Paragraph::new(ui.t("conflict.none")).wrap(Wrap { trim: true }),
            area,
        );
        return None;
    };
    let lang = ui.lang();
    let [head, options] = Layout::vertical([Constraint::Length(5), Constraint::Min(3)]).areas(area);
    let why = row.why_key();
    let name = row.name.clone().unwrap_or_else(|| "—".into());
    let lines = vec![
        Line::styled(
            Message::new("conflict.count")
                .arg("at", c.at + 1)
                .arg("of", rows.len())
                .render(lang),
            ui.theme.quiet,
        ),
        Line::styled(
            format!("{name} — {}", ui.app.catalogue.title(&row.procedure, lang)),
            ui.theme.title,
        ),
        Line::raw(
            Message::new("conflict.field")
                .arg("field", field_label(ui, row))
                .render(lang),
        ),
        Line::styled(ui.t(why), ui.theme.error),
    ];
    ui.frame
        .render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), head);
    let inner = framed(ui, options, ui.t("conflict.choose"));
    let versions = row.kept();
    let shown = clickable_window(ui, inner, c.choice, versions.len());
    for (y, i) in (inner.y..inner.bottom()).zip(shown) {
        let style = if i == c.choice {
            ui.theme.focus
        } else {
            ui.theme.normal
        };
        let text = format!("{}. {}", i + 1, option(ui, &versions[i]));
        ui.frame.render_widget(
            Paragraph::new(crate::ui::text::truncate(&text, usize::from(inner.width))).style(style),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
    }
    None
}

/// The field's name as the procedure calls it.
fn field_label(ui: &Ui, row: &ConflictRow) -> String {
    match row.field() {
        CardField::Answer(answer) => ui
            .app
            .catalogue
            .get(&row.procedure)
            .and_then(|p| p.field(answer))
            .map_or_else(|| answer.to_owned(), |f| f.label.get(ui.lang()).to_owned()),
        CardField::Status => ui.t("conflict.field_status"),
        CardField::Hoso => ui.t("conflict.field_hoso"),
        CardField::Other(other) => other.to_owned(),
    }
}

/// One kept value: what it is, then who wrote it, on which machine, when.
fn option(ui: &Ui, v: &Kept) -> String {
    let value = match &v.value {
        KeptValue::Empty => ui.t("conflict.empty"),
        KeptValue::Status(s) => ui.t(s.message_key()),
        KeptValue::Text(s) => s.clone(),
    };
    let (date, time) = trolyso_core::domain::date::local_time(v.at_ms);
    let helper = if v.helper.is_empty() { "—" } else { &v.helper };
    let machine = match &v.machine {
        None => ui.t("conflict.this_machine"),
        Some(id) => Message::new("conflict.machine").arg("id", id).render(ui.lang()),
    };
    let mut text = Message::new("conflict.option")
        .arg("value", value)
        .arg("helper", helper)
        .arg("machine", machine)
        .arg("when", format!("{time} {date}"))
        .render(ui.lang());
    if v.flagged {
        text.push_str(&ui.t("conflict.flagged"));
    }
    text
}
