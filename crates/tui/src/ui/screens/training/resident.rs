//! The simulated resident during an exercise: what they said last and the
//! values they handed over, under the screen; the questions to ask, over it.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::app::training::Run;
use crate::ui::Ui;
use crate::ui::text::{truncate, wrap};
use crate::ui::widgets::{clickable_window, framed};
use trolyso_core::domain::training::Scenario;
use trolyso_core::text::display_width;

/// Rows the strip under the screen takes.
pub const STRIP_ROWS: u16 = 3;

/// The resident's last words (two rows) and what they handed over (one).
pub fn strip(ui: &mut Ui, area: Rect, scenario: &Scenario, run: &Run) {
    let lang = ui.lang();
    let width = area.width as usize;
    let who = first_name(&scenario.resident.name);
    // Before the first question: who came and what for, and how to ask.
    let words = match run.said.last() {
        Some(s) if s.spoken => format!("{who}: {}", s.words.get(lang)),
        Some(s) => s.words.get(lang).to_owned(),
        None => scenario.brief.get(lang).to_owned(),
    };
    let mut lines: Vec<Line> = wrap(&words, width)
        .into_iter()
        .take(2)
        .map(|l| Line::styled(l, ui.theme.key))
        .collect();
    while lines.len() < 2 {
        lines.push(Line::raw(""));
    }
    let last = if run.said.is_empty() {
        trolyso_core::i18n::Message::new("train.ask_first")
            .arg("name", who)
            .render(lang)
    } else {
        handed_line(ui, run, width)
    };
    lines.push(Line::styled(truncate(&last, width), ui.theme.title));
    ui.frame.render_widget(Paragraph::new(lines), area);
}

/// The values handed over, never cut (they are there to be typed): with
/// their labels when all fit, else the values alone, else the newest that
/// fit (the question menu lists them all, with their labels).
fn handed_line(ui: &Ui, run: &Run, width: usize) -> String {
    let handed = run.handed();
    if handed.is_empty() {
        return String::new();
    }
    let lead = ui.t("train.handed");
    let fits = |parts: &[String]| display_width(&format!("{lead} {}", parts.join(" · "))) <= width;
    let labelled = labelled(ui, run);
    if fits(&labelled) {
        return format!("{lead} {}", labelled.join(" · "));
    }
    let mut values: Vec<String> = handed.iter().map(|(_, v)| v.clone()).collect();
    while values.len() > 1 && !fits(&values) {
        values.remove(0);
    }
    truncate(&format!("{lead} {}", values.join(" · ")), width)
}

/// Each value handed over so far, after its label.
fn labelled(ui: &Ui, run: &Run) -> Vec<String> {
    let lang = ui.lang();
    run.handed()
        .iter()
        .map(|(label, value)| format!("{} {value}", label.get(lang)))
        .collect()
}

/// How the strip names the resident: the last word of the name, as one
/// calls a person at the desk ("Lan").
fn first_name(full: &str) -> &str {
    full.rsplit(' ').next().unwrap_or(full)
}

/// The question menu over the screen: each question (✓ once asked) and
/// the row that ends the exercise; under them the last reply and every
/// value handed over so far, with its label.
pub fn menu(ui: &mut Ui, area: Rect, scenario: &Scenario, run: &Run, selected: usize) {
    let lang = ui.lang();
    let box_area = area.inner(ratatui::layout::Margin {
        horizontal: 2,
        vertical: 1,
    });
    ui.frame.render_widget(Clear, box_area);
    let title = format!("{} — {}", ui.t("train.ask_title"), scenario.resident.name);
    let inner = framed(ui, box_area, title);
    let rows = scenario.questions.len() + 1;
    let [list, said] = Layout::vertical([Constraint::Min(3), Constraint::Length(6)]).areas(inner);
    let width = list.width as usize;
    let lines: Vec<Line> = clickable_window(ui, list, selected, rows)
        .map(|i| {
            let text = match scenario.questions.get(i) {
                Some(q) => {
                    let mark = if run.asked(&q.id) { "✓" } else { " " };
                    format!("{mark} {}", q.ask.get(lang))
                }
                None => format!("  {}", ui.t("train.end_exercise")),
            };
            let style = if i == selected {
                ui.theme.focus
            } else if i + 1 == rows {
                ui.theme.error
            } else {
                ui.theme.normal
            };
            Line::styled(truncate(&text, width), style)
        })
        .collect();
    ui.frame.render_widget(Paragraph::new(lines), list);
    let width = said.width as usize;
    let mut lines: Vec<Line> = run
        .said
        .last()
        .map(|last| wrap(last.words.get(lang), width))
        .unwrap_or_default()
        .into_iter()
        .take(2)
        .map(|l| Line::styled(l, ui.theme.quiet))
        .collect();
    let handed = labelled(ui, run);
    if !handed.is_empty() {
        let all = format!("{} {}", ui.t("train.handed"), handed.join(" · "));
        lines.extend(
            wrap(&all, width)
                .into_iter()
                .map(|l| Line::styled(l, ui.theme.title)),
        );
    }
    ui.frame.render_widget(Paragraph::new(lines), said);
}
