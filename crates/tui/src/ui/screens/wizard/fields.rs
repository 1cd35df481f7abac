//! The step's instructions, its fields, their problems and hints, its tips.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::commune;
use crate::app::Wizard;
use crate::ui::text::wrapped;
use crate::ui::widgets::{field_line, framed, value_line};
use crate::ui::{Ui, caret_at};
use trolyso_core::domain::procedure::{Field, FieldKind, Procedure, shown_answer};
use trolyso_core::i18n::Message;
use trolyso_core::text::display_width;

/// Where an option was drawn: its line among the field's, its column and
/// width (for clicks).
type Spot = (usize, u16, u16);

/// Options side by side when they fit the width, else one to a line,
/// wrapped under their mark: never cut.
fn options_lines(
    spans: Vec<(String, ratatui::style::Style)>,
    width: usize,
) -> (Vec<Line<'static>>, Vec<Spot>) {
    let total: usize = spans.iter().map(|(t, _)| display_width(t)).sum();
    if total <= width {
        let mut spots = Vec::new();
        let mut col = 0;
        for (t, _) in &spans {
            spots.push((0, col as u16, display_width(t.trim_end()) as u16));
            col += display_width(t);
        }
        let line = Line::from(
            spans
                .into_iter()
                .map(|(t, st)| Span::styled(t, st))
                .collect::<Vec<_>>(),
        );
        return (vec![line], spots);
    }
    let mut lines = Vec::new();
    let mut spots = Vec::new();
    for (text, style) in spans {
        let text = text.trim_end();
        // The mark is "( ) ", "(•) ", "[ ] " or "[x] ".
        let cut = text.find(") ").or_else(|| text.find("] ")).map_or(0, |i| i + 2);
        let (mark, label) = text.split_at(cut);
        spots.push((lines.len(), 0, width as u16));
        for (n, part) in crate::ui::text::wrap(label, width.saturating_sub(display_width(mark)))
            .into_iter()
            .enumerate()
        {
            let lead = if n == 0 {
                mark.to_owned()
            } else {
                " ".repeat(display_width(mark))
            };
            lines.push(Line::styled(format!("{lead}{part}"), style));
        }
    }
    (lines, spots)
}

/// The value lines of a field that is chosen rather than typed.
fn choices_lines(
    ui: &Ui,
    w: &Wizard,
    f: &Field,
    focused: bool,
    width: usize,
) -> (Vec<Line<'static>>, Vec<Spot>) {
    let theme = ui.theme;
    let lang = ui.lang();
    match f.kind {
        FieldKind::Commune => {
            let code = w.case.answers.get(&f.id).and_then(|v| v.parse().ok());
            let office = ui.app.settings.home_commune;
            (vec![commune::field_value(ui, code, office, focused)], Vec::new())
        }
        FieldKind::MultiChoice => {
            let picked: Vec<&str> = w
                .case
                .answers
                .get(&f.id)
                .map(|v| v.split(',').collect())
                .unwrap_or_default();
            let spans = f
                .choices
                .iter()
                .enumerate()
                .map(|(ci, c)| {
                    let on = picked.contains(&c.value.as_str());
                    let here = focused && ci == w.choice;
                    (
                        format!("[{}] {}   ", if on { "x" } else { " " }, c.label.get(lang)),
                        if here { theme.focus } else { theme.normal },
                    )
                })
                .collect();
            options_lines(spans, width)
        }
        _ => {
            let current = w.case.answers.get(&f.id).map(String::as_str);
            let spans = f
                .option_values()
                .into_iter()
                .map(|v| {
                    let on = current == Some(v);
                    let label = shown_answer(f, v, lang);
                    (
                        format!("{} {label}   ", if on { "(•)" } else { "( )" }),
                        if focused && on { theme.focus } else { theme.normal },
                    )
                })
                .collect();
            options_lines(spans, width)
        }
    }
}

pub fn draw(ui: &mut Ui, area: Rect, w: &Wizard, proc: &Procedure) -> Option<Position> {
    let app = ui.app;
    let theme = ui.theme;
    let step = &proc.steps[w.step.min(proc.steps.len().saturating_sub(1))];
    let inner = framed(ui, area, step.title.get(app.lang).to_owned());
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let push_wrapped = |lines: &mut Vec<Line>, text: &str, style| lines.extend(wrapped(text, width, style));
    if let Some(i) = &step.instructions {
        push_wrapped(&mut lines, i.get(app.lang), theme.quiet);
        lines.push(Line::raw(""));
    }
    if let Some(referred) = w.referred(&app.catalogue) {
        let title = app.catalogue.procedures[referred].title.get(app.lang);
        let words = ui.say(&Message::new("ui.wizard.referred").arg("title", title));
        push_wrapped(&mut lines, &words, theme.title);
        lines.push(Line::raw(""));
    }
    let mut caret = None;
    // The focused field's rows: kept in view at any height.
    let mut focus_rows = 0..0;
    // Each field's rows, and each option's place, for clicks.
    let mut field_rows = Vec::new();
    let mut option_spots = Vec::new();
    let fields = w.visible_fields(&app.catalogue);
    for (fi, f) in fields.iter().enumerate() {
        let focused = fi == w.field;
        let start = lines.len();
        let required = if f.is_required(&w.case.answers) { " *" } else { "" };
        // Long labels wrap: a question cut at 80 columns is a question lost.
        push_wrapped(
            &mut lines,
            &format!("{}{required}", f.label.get(app.lang)),
            if focused { theme.title } else { theme.normal },
        );
        let typed = f.kind.is_typed();
        if typed && focused {
            let (line, col) = field_line(&w.editor, width, false, theme.focus);
            caret = Some((lines.len(), col));
            lines.push(line);
        } else if typed {
            let value = w.case.answers.get(&f.id).cloned().unwrap_or_default();
            lines.push(value_line(value, theme.normal));
        } else {
            let (option_lines, spots) = choices_lines(ui, w, f, focused, width);
            let base = lines.len();
            option_spots.extend(
                spots
                    .into_iter()
                    .enumerate()
                    .map(|(oi, (line, col, w))| (base + line, col, w, fi, oi)),
            );
            lines.extend(option_lines);
        }
        if let Some(m) = w.problems.get(&f.id) {
            push_wrapped(&mut lines, &ui.say(m), theme.error);
        } else if let Some(m) = w.warnings.get(&f.id) {
            push_wrapped(&mut lines, &ui.say(m), theme.title);
        }
        if let Some(h) = f.hint.as_ref().filter(|_| focused) {
            push_wrapped(&mut lines, h.get(app.lang), theme.quiet);
        }
        // A failure to save is said under the field it concerns, kept in
        // view with it, not below the tips where a small frame cuts it.
        if let Some(e) = w.error.as_ref().filter(|_| focused) {
            push_wrapped(&mut lines, &ui.say(e), theme.error);
        }
        if focused {
            focus_rows = start..lines.len();
        }
        field_rows.push(start..lines.len());
    }
    if fields.is_empty() {
        push_wrapped(&mut lines, &ui.t("ui.wizard.no_fields"), theme.normal);
    }
    for tip in &step.tips {
        lines.push(Line::raw(""));
        push_wrapped(&mut lines, &format!("* {}", tip.get(app.lang)), theme.quiet);
    }
    if let Some(e) = w.error.as_ref().filter(|_| w.field >= fields.len()) {
        push_wrapped(&mut lines, &ui.say(e), theme.error);
    }
    // Scrolled so the focused field (label, value, message) is in view.
    let height = inner.height as usize;
    let skip = focus_rows.end.saturating_sub(height).min(focus_rows.start);
    let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
    // Options first: a click on one chooses it, anywhere else in the field
    // focuses the field.
    for (line, col, width, field, option) in option_spots.into_iter().filter(|s| s.0 >= skip) {
        let area = Rect::new(inner.x + col, inner.y + (line - skip) as u16, width, 1);
        ui.hit(
            area.intersection(inner),
            crate::app::Action::ChooseOption { field, option },
        );
    }
    for (fi, rows) in field_rows.into_iter().enumerate() {
        if rows.end > skip {
            let top = rows.start.max(skip) - skip;
            let area = Rect::new(
                inner.x,
                inner.y + top as u16,
                inner.width,
                (rows.end - skip - top) as u16,
            );
            ui.hit(area.intersection(inner), crate::app::Action::FocusField(fi));
        }
    }
    ui.frame.render_widget(Paragraph::new(lines), inner);
    caret.and_then(|(row, col)| caret_at(inner, row - skip, col))
}
