//! Every answer, step by step, then the ways to finish.

use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::{FILING_LEVELS, Review, ReviewRow, Wizard};
use crate::ui::text::wrapped;
use crate::ui::widgets::{field_line, framed};
use crate::ui::words::{filing_level_key, finish_key};
use crate::ui::{Ui, caret_at};
use trolyso_core::domain::procedure::shown_answer;

pub fn draw(ui: &mut Ui, area: Rect, w: &Wizard, r: &Review) -> Option<Position> {
    let title = ui.t("ui.review.title");
    let framed_area = framed(ui, area, title);
    // The slip choice stays on the last row whatever the list's scroll.
    let [inner, slip_row] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Min(1),
        ratatui::layout::Constraint::Length(1),
    ])
    .areas(framed_area);
    let slip = super::slip_line(ui, w.slip);
    ui.frame.render_widget(Paragraph::new(slip), slip_row);
    let app = ui.app;
    let theme = ui.theme;
    let proc = w.procedure(&app.catalogue)?;
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut last_step = None;
    // Each row's own lines (not its step's title), for clicks.
    let mut row_lines = Vec::new();
    for (i, row) in w.review_rows(&app.catalogue).iter().enumerate() {
        let style = if i == r.selected {
            theme.focus
        } else {
            theme.normal
        };
        if i == r.selected {
            selected_line = lines.len();
        }
        match *row {
            ReviewRow::Answer { step, field } => {
                if last_step != Some(step) {
                    lines.push(Line::styled(
                        proc.steps[step].title.get(app.lang).to_owned(),
                        theme.title,
                    ));
                    last_step = Some(step);
                }
                let f = proc.steps[step]
                    .fields
                    .iter()
                    .filter(|f| f.is_relevant(&w.case.answers))
                    .nth(field);
                let Some(f) = f else { continue };
                let value = w
                    .case
                    .answers
                    .get(&f.id)
                    .map(|v| shown_answer(f, v, app.lang))
                    .unwrap_or_else(|| "—".into());
                let mark = if w.problems.contains_key(&f.id) {
                    "! "
                } else {
                    "  "
                };
                // Wrapped, not cut: the whole answer is what is checked here.
                let text = format!("{}: {value}", f.label.get(app.lang));
                let start = lines.len();
                for (n, part) in crate::ui::text::wrap(&text, width.saturating_sub(4))
                    .into_iter()
                    .enumerate()
                {
                    let lead = if n == 0 { mark } else { "    " };
                    lines.push(Line::styled(format!("{lead}{part}"), style));
                }
                row_lines.push((i, start..lines.len()));
            }
            ReviewRow::Finish(to) => {
                if last_step.is_some() {
                    lines.push(Line::raw(""));
                    last_step = None;
                }
                row_lines.push((i, lines.len()..lines.len() + 1));
                lines.push(Line::styled(format!("→ {}", ui.t(finish_key(to))), style));
            }
        }
    }
    let mut caret = None;
    if let Some(code) = &r.hoso_code {
        lines.push(Line::raw(""));
        lines.push(Line::raw(ui.t("ui.review.hoso_code")));
        selected_line = lines.len();
        let (line, col) = field_line(code, width, false, theme.normal);
        if r.level.is_none() {
            caret = Some((lines.len(), col));
        }
        lines.push(line);
    }
    if let Some(at) = r.level {
        lines.push(Line::raw(""));
        lines.extend(wrapped(&ui.t("ui.review.level_question"), width, theme.normal));
        for (i, level) in FILING_LEVELS.iter().enumerate() {
            let (lead, style) = if i == at {
                ("› ", theme.focus)
            } else {
                ("  ", theme.normal)
            };
            lines.push(Line::styled(
                format!("{lead}{}", ui.t(filing_level_key(*level))),
                style,
            ));
        }
    }
    if let Some(e) = &r.error {
        lines.extend(wrapped(&ui.say(e), width, theme.error));
    }
    // On the finishing rows, everything below them (the other ways to
    // finish, the code being typed, why a way is refused) stays in view:
    // at 80×24 the refusal was below the frame and Enter seemed dead.
    let finishing = r.hoso_code.is_some()
        || matches!(
            w.review_rows(&app.catalogue).get(r.selected),
            Some(ReviewRow::Finish(_))
        );
    let keep_to = if finishing { lines.len() } else { selected_line + 3 };
    let skip = keep_to.saturating_sub(inner.height as usize).min(selected_line);
    let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
    if r.hoso_code.is_none() {
        for (i, rows) in row_lines.into_iter().filter(|(_, rows)| rows.start >= skip) {
            let area = Rect::new(
                inner.x,
                inner.y + (rows.start - skip) as u16,
                inner.width,
                rows.len() as u16,
            );
            ui.hit(area.intersection(inner), crate::app::Action::Pick(i));
        }
    }
    ui.frame.render_widget(Paragraph::new(lines), inner);
    caret.and_then(|(line, col)| caret_at(inner, line - skip, col))
}
