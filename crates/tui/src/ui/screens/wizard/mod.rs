//! The case: the steps on the left (and the documents brought under them),
//! the step's fields on the right, or an overlay over them.

mod documents;
mod fields;
mod filing;
mod pause;
mod review;

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::commune;
use crate::app::{Mode, Wizard};
use crate::ui::Ui;
use crate::ui::text::{truncate, truncate_middle};
use trolyso_core::domain::procedure::Procedure;
use trolyso_core::i18n::Message;

/// A document's line: ticked when brought.
fn document_line(ui: &Ui, w: &Wizard, d: &trolyso_core::domain::procedure::Document) -> String {
    let mark = if w.brought(&d.id) { "x" } else { " " };
    format!("[{mark}] {}", d.text.get(ui.lang()))
}

/// A document as the side pane names it: without the words in brackets
/// (how to scan it, what to check), which F7 shows in full — "Giấy
/// chứ…đính kèm)" hid the words that say which paper.
fn short_document_line(ui: &Ui, w: &Wizard, d: &trolyso_core::domain::procedure::Document) -> String {
    let line = document_line(ui, w, d);
    match line.find(" (") {
        Some(at) if at > 4 => line[..at].to_owned(),
        _ => line,
    }
}

/// The shown steps, the current one marked, those with a problem flagged.
fn draw_steps(ui: &mut Ui, area: Rect, w: &Wizard, proc: &Procedure) -> Rect {
    let app = ui.app;
    let visible = w.visible_steps(&app.catalogue);
    let step_lines: Vec<Line> = visible
        .iter()
        .map(|&si| {
            let step = &proc.steps[si];
            let has_problem = step.fields.iter().any(|f| w.problems.contains_key(&f.id));
            let answered = step
                .fields
                .iter()
                .filter(|f| f.is_relevant(&w.case.answers))
                .all(|f| w.case.answers.contains_key(&f.id));
            let (mark, style) = if si == w.step {
                ("▶", ui.theme.focus)
            } else if has_problem {
                ("!", ui.theme.error)
            } else if answered {
                ("✓", ui.theme.normal)
            } else {
                (" ", ui.theme.normal)
            };
            Line::styled(
                format!(
                    "{mark} {}",
                    truncate(
                        step.title.get(app.lang),
                        usize::from(area.width).saturating_sub(4)
                    )
                ),
                style,
            )
        })
        .collect();
    let (n, total) = w.step_count(&app.catalogue);
    let title = ui.say(&Message::new("ui.wizard.step_of").arg("n", n).arg("total", total));
    let steps_height = (step_lines.len() as u16 + 2).min(area.height);
    let [steps_area, rest] =
        Layout::vertical([Constraint::Length(steps_height), Constraint::Min(0)]).areas(area);
    ui.frame.render_widget(
        Paragraph::new(step_lines).block(ui.theme.block(title)),
        steps_area,
    );
    rest
}

/// Under the steps, the documents brought, when there is room.
fn draw_documents_pane(ui: &mut Ui, area: Rect, w: &Wizard) {
    let docs = w.documents(&ui.app.catalogue);
    if docs.is_empty() || area.height < 3 {
        return;
    }
    let brought = docs.iter().filter(|d| w.brought(&d.id)).count();
    let title = ui.say(
        &Message::new("ui.wizard.documents_count")
            .arg("n", brought)
            .arg("total", docs.len()),
    );
    let width = area.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = docs
        .iter()
        .map(|d| {
            Line::styled(
                truncate_middle(&short_document_line(ui, w, d), width),
                ui.theme.quiet,
            )
        })
        .collect();
    ui.frame
        .render_widget(Paragraph::new(lines).block(ui.theme.block(title)), area);
}

pub fn draw(ui: &mut Ui, area: Rect, w: &Wizard) -> Option<Position> {
    let Some(proc) = w.procedure(&ui.app.catalogue) else {
        ui.frame
            .render_widget(Paragraph::new(ui.t("ui.wizard.no_procedure")), area);
        return None;
    };
    // The side grows with the window (a quarter, up to 44 columns): at
    // 200×60 step titles were cut as at 80×24.
    let side_width = (area.width / 4).clamp(24, 44);
    let [side, main] = Layout::horizontal([Constraint::Length(side_width), Constraint::Min(20)]).areas(area);
    let docs_area = draw_steps(ui, side, w, proc);
    draw_documents_pane(ui, docs_area, w);
    match &w.mode {
        Mode::Review(review) => review::draw(ui, main, w, review),
        Mode::Filing(filing) => filing::draw(ui, main, w, filing),
        Mode::Documents { selected } => documents::draw(ui, main, w, *selected),
        Mode::Fields => fields::draw(ui, main, w, proc),
        Mode::Pause(form) => {
            fields::draw(ui, main, w, proc);
            pause::draw(ui, main, form, w.slip)
        }
        Mode::Commune(picker) => {
            fields::draw(ui, main, w, proc);
            commune::draw_picker(ui, main, picker)
        }
    }
}

/// Whether the visit ends with a slip for the resident, and the key that
/// changes it: on the pause form and the review, where a visit ends.
fn slip_line<'a>(ui: &Ui, on: bool) -> ratatui::text::Line<'a> {
    let mark = if on { "[x]" } else { "[ ]" };
    let style = if on { ui.theme.normal } else { ui.theme.quiet };
    ratatui::text::Line::styled(format!("{mark} {}", ui.t("ui.slip.ask")), style)
}
