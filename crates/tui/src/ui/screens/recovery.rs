//! The recovery code, shown once after setup.

use ratatui::layout::{Margin, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::Recovery;
use crate::ui::Ui;

pub fn draw(ui: &mut Ui, area: Rect, r: &Recovery) -> Option<Position> {
    let lines = vec![
        Line::raw(ui.t("ui.recovery.intro")),
        Line::raw(""),
        Line::styled(format!("    {}", r.code), ui.theme.title),
        Line::raw(""),
        Line::raw(ui.t("ui.recovery.then")),
    ];
    let inner = area.inner(Margin {
        horizontal: 2,
        vertical: 1,
    });
    ui.frame
        .render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    None
}
