//! What the procedure is, what to bring, where it is filed, the sources, and
//! the readiness checklist gone through with the resident.

use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::Detail;
use crate::ui::Ui;
use crate::ui::text::{truncate, wrapped};
use crate::ui::widgets::framed;
use crate::ui::words::{certainty_key, field_of_work_or, level_key, source_in_words};
use trolyso_core::domain::procedure::Certainty;
use trolyso_core::i18n::Message;

/// The facts line: level, reference code, fee, time, where it is filed.
fn facts(ui: &Ui, d: &Detail) -> String {
    let app = ui.app;
    let p = &app.catalogue.procedures[d.procedure];
    let entry = d.entry.and_then(|e| app.catalogue.entries.get(e));
    let level = entry.map_or(p.level, |e| e.level);
    let mut facts = vec![format!("{}: {}", ui.t("ui.detail.level"), ui.t(level_key(level)))];
    if let Some(e) = entry {
        facts.push(format!(
            "{} {}",
            ui.t(certainty_key(Certainty::ThirdParty)),
            e.code
        ));
        let field = field_of_work_or(ui.lang(), &e.field_key, &e.field);
        for (key, value) in [
            ("ui.detail.field", &field),
            ("ui.detail.agency_level", &e.agency_level),
        ] {
            if !value.is_empty() {
                facts.push(format!("{}: {value}", ui.t(key)));
            }
        }
    }
    for (key, value) in [
        ("ui.detail.fee", &p.fee),
        ("ui.detail.time", &p.processing_time),
        ("ui.detail.filed_at", &p.filed_at),
    ] {
        if let Some(v) = value {
            facts.push(format!("{}: {}", ui.t(key), v.get(app.lang)));
        }
    }
    if let Some(code) = &p.portal {
        facts.push(format!("{} {}", ui.t(certainty_key(code.certainty)), code.code));
    }
    facts.join(" · ")
}

pub fn draw(ui: &mut Ui, area: Rect, d: &Detail) -> Option<Position> {
    let app = ui.app;
    let p = &app.catalogue.procedures[d.procedure];
    let entry = d.entry.and_then(|e| app.catalogue.entries.get(e));
    let title = entry.map_or_else(|| p.title.get(app.lang).to_owned(), |e| e.title.clone());
    let inner = framed(ui, area, title);
    let width = inner.width as usize;
    let theme = ui.theme;
    let mut lines: Vec<Line> = Vec::new();
    let push = |lines: &mut Vec<Line>, text: String, style: Style| lines.extend(wrapped(&text, width, style));
    push(&mut lines, facts(ui, d), theme.quiet);
    if entry.is_some() {
        push(&mut lines, ui.t("ui.detail.generic"), theme.normal);
    }
    // What to press comes before the lists, which a small window may cut.
    push(&mut lines, ui.t("ui.detail.start"), theme.normal);
    // Answers brought from the case that sent the resident here: named, so
    // the helper knows what will not need typing again.
    if !d.carried.is_empty() {
        let fields: Vec<&str> = d
            .carried
            .iter()
            .filter_map(|c| p.field(&c.field))
            .map(|f| f.label.get(app.lang))
            .collect();
        let words = Message::new("ui.detail.carried").arg("fields", fields.join(", "));
        push(&mut lines, ui.say(&words), theme.title);
    }
    if !p.readiness.is_empty() {
        lines.push(Line::styled(ui.t("ui.detail.ready"), theme.title));
        for (i, (item, on)) in p.readiness.iter().zip(&d.checks).enumerate() {
            let style = if i == d.selected {
                theme.focus
            } else {
                theme.normal
            };
            let text = format!("[{}] {}", if *on { "x" } else { " " }, item.text.get(app.lang));
            lines.push(Line::styled(truncate(&text, width), style));
        }
    }
    if !p.documents.is_empty() {
        lines.push(Line::styled(ui.t("ui.detail.documents"), theme.title));
        for doc in &p.documents {
            push(&mut lines, format!("- {}", doc.text.get(app.lang)), theme.normal);
        }
    }
    lines.push(Line::styled(ui.t("ui.detail.sources"), theme.title));
    for src in &p.sources {
        push(
            &mut lines,
            format!("- {}", source_in_words(ui.lang(), src)),
            theme.quiet,
        );
    }
    ui.frame.render_widget(Paragraph::new(lines), inner);
    None
}
