//! The first-run tour: one page at a time, "n / 3", what to press.

use ratatui::layout::{Margin, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::{TOUR_PAGES, Tour};
use crate::ui::Ui;
use crate::ui::text::wrapped;
use crate::ui::widgets::framed;

const PAGES: [(&str, &str); TOUR_PAGES] = [
    ("tour.1.title", "tour.1.body"),
    ("tour.2.title", "tour.2.body"),
    ("tour.3.title", "tour.3.body"),
];

pub fn draw(ui: &mut Ui, area: Rect, t: &Tour) -> Option<Position> {
    let (title, body) = PAGES[t.page.min(TOUR_PAGES - 1)];
    let title = format!("{} ({}/{TOUR_PAGES})", ui.t(title), t.page + 1);
    let inner = framed(ui, area, title).inner(Margin {
        horizontal: 2,
        vertical: 1,
    });
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    // Each paragraph of the page on its own lines, a blank line between.
    for para in ui.t(body).split('\n') {
        lines.extend(wrapped(para, width, ui.theme.normal));
        lines.push(Line::raw(""));
    }
    let last = t.page + 1 == TOUR_PAGES;
    lines.push(Line::styled(
        ui.t(if last { "tour.last" } else { "tour.next" }),
        ui.theme.quiet,
    ));
    ui.frame.render_widget(Paragraph::new(lines), inner);
    None
}
