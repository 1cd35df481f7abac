//! Pieces every screen draws with: a framed box, a text field that keeps
//! its caret in view, a scrolling list window, the key bar.

mod field;
pub(crate) mod keybar;

pub use field::{field_line, input, value_line};

use ratatui::layout::Rect;

use super::Ui;

/// A bordered box with a title; returns the area inside it.
pub fn framed(ui: &mut Ui, area: Rect, title: String) -> Rect {
    let block = ui.theme.block(title);
    let inner = block.inner(area);
    ui.frame.render_widget(block, area);
    inner
}

/// The rows of a list of `len` that a window `height` rows tall shows with
/// row `selected` in view: the window scrolls only as far as it must.
pub fn window(selected: usize, len: usize, height: usize) -> std::ops::Range<usize> {
    let skip = selected.saturating_sub(height.saturating_sub(1));
    skip.min(len)..len.min(skip + height)
}

/// [`window`] for a list drawn one row per line in `area`: each row shown
/// is also where a click picks it.
pub fn clickable_window(ui: &mut Ui, area: Rect, selected: usize, len: usize) -> std::ops::Range<usize> {
    let shown = window(selected, len, area.height as usize);
    for (n, i) in shown.clone().enumerate() {
        let row = Rect::new(area.x, area.y + n as u16, area.width, 1);
        ui.hit(row, crate::app::Action::Pick(i));
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_window_follows_the_selection() {
        assert_eq!(window(0, 100, 10), 0..10);
        assert_eq!(window(9, 100, 10), 0..10);
        assert_eq!(window(10, 100, 10), 1..11);
        assert_eq!(window(99, 100, 10), 90..100);
        assert_eq!(window(0, 3, 10), 0..3);
        assert_eq!(window(0, 0, 10), 0..0);
    }
}
