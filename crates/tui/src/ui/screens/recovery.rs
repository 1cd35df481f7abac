//! The recovery code, shown until its last group is typed back.

use ratatui::layout::{Margin, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::Recovery;
use crate::ui::text::wrapped;
use crate::ui::widgets::field_line;
use crate::ui::{Ui, caret_at};

pub fn draw(ui: &mut Ui, area: Rect, r: &Recovery) -> Option<Position> {
    let inner = area.inner(Margin {
        horizontal: 2,
        vertical: 1,
    });
    let width = inner.width as usize;
    let theme = ui.theme;
    let mut lines = wrapped(&ui.t("ui.recovery.intro"), width, theme.normal);
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!("    {}", r.code), theme.title));
    lines.push(Line::raw(""));
    lines.extend(wrapped(&ui.t("ui.recovery.then"), width, theme.normal));
    let (line, col) = field_line(&r.typed, width, false, theme.focus);
    let row = lines.len();
    lines.push(line);
    if let Some(e) = &r.error {
        lines.extend(wrapped(&ui.say(e), width, theme.error));
    }
    ui.frame.render_widget(Paragraph::new(lines), inner);
    caret_at(inner, row, col)
}
