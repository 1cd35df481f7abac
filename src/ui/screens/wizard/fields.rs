//! The step's instructions, its fields, their problems and hints, its tips.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::commune;
use crate::app::Wizard;
use crate::domain::procedure::{Field, FieldKind, Procedure};
use crate::ui::text::wrapped;
use crate::ui::widgets::{field_line, framed, value_line};
use crate::ui::{Ui, caret_at};

/// The value line of a field that is chosen rather than typed.
fn choices_line(ui: &Ui, w: &Wizard, f: &Field, focused: bool) -> Line<'static> {
    let theme = ui.theme;
    let lang = ui.lang();
    match f.kind {
        FieldKind::Commune => {
            let code = w.case.answers.get(&f.id).and_then(|v| v.parse().ok());
            commune::field_value(ui, code, focused)
        }
        FieldKind::MultiChoice => {
            let picked: Vec<&str> = w
                .case
                .answers
                .get(&f.id)
                .map(|v| v.split(',').collect())
                .unwrap_or_default();
            let spans: Vec<Span> = f
                .choices
                .iter()
                .enumerate()
                .map(|(ci, c)| {
                    let on = picked.contains(&c.value.as_str());
                    let here = focused && ci == w.choice;
                    Span::styled(
                        format!("[{}] {}   ", if on { "x" } else { " " }, c.label.get(lang)),
                        if here { theme.focus } else { theme.normal },
                    )
                })
                .collect();
            Line::from(spans)
        }
        _ => {
            let current = w.case.answers.get(&f.id);
            let options: Vec<(String, String)> = if f.kind == FieldKind::YesNo {
                vec![("yes".into(), ui.t("ui.yes")), ("no".into(), ui.t("ui.no"))]
            } else {
                f.choices
                    .iter()
                    .map(|c| (c.value.clone(), c.label.get(lang).to_owned()))
                    .collect()
            };
            let spans: Vec<Span> = options
                .iter()
                .map(|(v, label)| {
                    let on = current == Some(v);
                    Span::styled(
                        format!("{} {label}   ", if on { "(•)" } else { "( )" }),
                        if focused && on { theme.focus } else { theme.normal },
                    )
                })
                .collect();
            Line::from(spans)
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
    let mut cursor = None;
    let fields = w.visible_fields(&app.catalogue);
    for (fi, f) in fields.iter().enumerate() {
        let focused = fi == w.field;
        let required = if f.is_required(&w.case.answers) { " *" } else { "" };
        lines.push(Line::styled(
            format!("{}{required}", f.label.get(app.lang)),
            if focused { theme.title } else { theme.normal },
        ));
        let typed = f.kind.is_typed();
        if typed && focused {
            let (line, col) = field_line(&w.editor, width, false, theme.focus);
            cursor = caret_at(inner, lines.len(), col);
            lines.push(line);
        } else if typed {
            let value = w.case.answers.get(&f.id).cloned().unwrap_or_default();
            lines.push(value_line(value, theme.normal));
        } else {
            lines.push(choices_line(ui, w, f, focused));
        }
        if let Some(m) = w.problems.get(&f.id) {
            push_wrapped(&mut lines, &ui.say(m), theme.error);
        }
        if let Some(h) = f.hint.as_ref().filter(|_| focused) {
            push_wrapped(&mut lines, h.get(app.lang), theme.quiet);
        }
    }
    if fields.is_empty() {
        lines.push(Line::raw(ui.t("ui.wizard.no_fields")));
    }
    for tip in &step.tips {
        lines.push(Line::raw(""));
        push_wrapped(&mut lines, &format!("* {}", tip.get(app.lang)), theme.quiet);
    }
    if let Some(e) = &w.error {
        push_wrapped(&mut lines, &ui.say(e), theme.error);
    }
    // Wrapping would move the caret's row; fields stay on one line each.
    ui.frame.render_widget(Paragraph::new(lines), inner);
    cursor
}
