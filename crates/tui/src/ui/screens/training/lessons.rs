//! The scenario list: the trainee's name above, the scenarios below.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::Lessons;
use crate::ui::Ui;
use crate::ui::text::{truncate, wrapped};
use crate::ui::widgets::{clickable_window, framed, input};
use trolyso_core::i18n::Message;

pub fn draw(ui: &mut Ui, area: Rect, l: &Lessons) -> Option<Position> {
    let training = ui.app.training.as_ref()?;
    let [name, list, brief] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(4), Constraint::Length(5)]).areas(area);
    let label = match &l.error {
        Some(e) => ui.say(e),
        None => ui.t("train.name"),
    };
    let cursor = input(ui, name, &label, &l.name, l.naming, false);
    if l.error.is_some() {
        ui.frame
            .render_widget(Paragraph::new(Line::styled(label, ui.theme.error)), name);
    }
    let inner = framed(ui, list, ui.t("train.list"));
    let width = inner.width as usize;
    let lang = ui.lang();
    let lines: Vec<Line> = clickable_window(ui, inner, l.selected, training.scenarios.len())
        .map(|i| {
            let s = &training.scenarios[i];
            let best = training
                .best
                .get(&s.id)
                .map(|b| format!("{b:>3}/100"))
                .unwrap_or_else(|| "   —   ".into());
            let minutes = Message::new("train.minutes")
                .arg("minutes", s.minutes)
                .render(lang);
            let right = format!("  {minutes:>8} {best}");
            let title = truncate(
                &format!("{:>2}. {}", i + 1, s.title.get(lang)),
                width.saturating_sub(trolyso_core::text::display_width(&right)),
            );
            let pad = width.saturating_sub(
                trolyso_core::text::display_width(&title) + trolyso_core::text::display_width(&right),
            );
            let style = if i == l.selected && !l.naming {
                ui.theme.focus
            } else {
                ui.theme.normal
            };
            Line::styled(format!("{title}{}{right}", " ".repeat(pad)), style)
        })
        .collect();
    ui.frame.render_widget(Paragraph::new(lines), inner);
    if let Some(s) = training.scenarios.get(l.selected) {
        let text = wrapped(s.brief.get(lang), brief.width as usize, ui.theme.quiet);
        ui.frame
            .render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), brief);
    }
    cursor
}
