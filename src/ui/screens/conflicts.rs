//! One card at a time: which case, which field, why a person must choose,
//! and every value kept with who wrote it, on which machine, when.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{ConflictRow, Conflicts};
use crate::i18n::Message;
use crate::store::Status;
use crate::store::clock::{Version, ms_of_reading};
use crate::store::merge::{self, Why};
use crate::ui::Ui;
use crate::ui::widgets::{clickable_window, framed};

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
    let why = match row.card.why {
        Why::Differs => "conflict.why_differs",
        Why::Backwards => "conflict.why_backwards",
        Why::ClockAhead => "conflict.why_clock",
    };
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
    let versions = &row.card.versions;
    let shown = clickable_window(ui, inner, c.choice, versions.len());
    for (y, i) in (inner.y..inner.bottom()).zip(shown) {
        let style = if i == c.choice {
            ui.theme.focus
        } else {
            ui.theme.normal
        };
        let text = format!("{}. {}", i + 1, option(ui, row, &versions[i]));
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
    let field = &row.card.field;
    if let Some(answer) = merge::answer_of(field) {
        let procedure = ui.app.catalogue.get(&row.procedure);
        if let Some(f) = procedure.and_then(|p| p.field(answer)) {
            return f.label.get(ui.lang()).to_owned();
        }
        return answer.to_owned();
    }
    match field.as_str() {
        merge::STATUS => ui.t("conflict.field_status"),
        merge::HOSO => ui.t("conflict.field_hoso"),
        other => other.to_owned(),
    }
}

/// One kept value: what it is, then who wrote it, on which machine, when.
fn option(ui: &Ui, row: &ConflictRow, v: &Version) -> String {
    let value = match (row.card.field.as_str(), v.value.as_deref()) {
        (_, None) => ui.t("conflict.empty"),
        (merge::STATUS, Some(s)) => merge::status_of(Some(s))
            .map(|s: Status| ui.t(s.message_key()))
            .unwrap_or_else(|| s.to_owned()),
        (_, Some(s)) => s.to_owned(),
    };
    let (date, time) = crate::domain::date::local_time(ms_of_reading(v.clock.at));
    let helper = if v.clock.helper.is_empty() {
        "—"
    } else {
        &v.clock.helper
    };
    // Machine ids are long letters: the last four tell machines apart.
    let machine = if v.clock.machine == row.here {
        ui.t("conflict.this_machine")
    } else {
        let tail: Vec<char> = v.clock.machine.chars().collect();
        Message::new("conflict.machine")
            .arg(
                "id",
                tail[tail.len().saturating_sub(4)..].iter().collect::<String>(),
            )
            .render(ui.lang())
    };
    let mut text = Message::new("conflict.option")
        .arg("value", value)
        .arg("helper", helper)
        .arg("machine", machine)
        .arg("when", format!("{time} {date}"))
        .render(ui.lang());
    if v.clock.flagged {
        text.push_str(&ui.t("conflict.flagged"));
    }
    text
}
