//! A line being typed: `› ` and the text, scrolled sideways so the caret is
//! always on screen, however long the text.

use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;

use crate::ui::{Ui, caret_at};
use trolyso_core::text::{LineEditor, display_width};

/// What stands before every value a helper reads or types.
const PROMPT: &str = "› ";

/// A value on its line after the prompt.
pub fn value_line(text: String, style: Style) -> Line<'static> {
    Line::from(vec![Span::raw(PROMPT), Span::styled(text, style)])
}

/// What of `text` fits `width` columns with the caret (at `caret` columns
/// into the text) in view, and the caret's column within what is shown.
fn scrolled(text: &str, caret: usize, width: usize) -> (String, usize) {
    if width == 0 {
        return (String::new(), 0);
    }
    // Graphemes are dropped from the left until the caret fits, leaving its
    // own column free at the right edge.
    let mut dropped = 0;
    let mut start = 0;
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    while caret - dropped >= width && start < graphemes.len() {
        dropped += display_width(graphemes[start]);
        start += 1;
    }
    let shown = crate::ui::text::fit_start(&graphemes[start..].concat(), width).to_owned();
    (shown, caret - dropped)
}

/// The field's line at `width` columns, and the caret's column in it.
/// A secret shows a dot per letter.
pub fn field_line(editor: &LineEditor, width: usize, secret: bool, style: Style) -> (Line<'static>, u16) {
    let (text, caret) = if secret {
        let dots = "•".repeat(editor.text().chars().count());
        (dots, editor.before_caret().chars().count())
    } else {
        (editor.text().to_owned(), editor.caret_column())
    };
    let prompt = display_width(PROMPT);
    let (shown, col) = scrolled(&text, caret, width.saturating_sub(prompt));
    (value_line(shown, style), (prompt + col) as u16)
}

/// One labelled text input; returns where the caret is when focused.
pub fn input(
    ui: &mut Ui,
    area: Rect,
    label: &str,
    editor: &LineEditor,
    focused: bool,
    secret: bool,
) -> Option<Position> {
    let style = if focused { ui.theme.focus } else { ui.theme.normal };
    let (line, col) = field_line(editor, area.width as usize, secret, style);
    let lines = vec![Line::raw(label.to_owned()), line];
    ui.frame.render_widget(Paragraph::new(lines), area);
    focused.then(|| caret_at(area, 1, col)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_shown_whole() {
        assert_eq!(scrolled("Nguyễn", 6, 20), ("Nguyễn".into(), 6));
    }

    #[test]
    fn long_text_scrolls_to_keep_the_caret_in_view() {
        let text = "Bệnh viện Đa khoa tỉnh Thanh Hóa, cơ sở 2";
        let caret = display_width(text);
        let (shown, col) = scrolled(text, caret, 10);
        assert!(col < 10, "{col}");
        assert!(display_width(&shown) <= 10);
        assert!(text.ends_with(&shown), "{shown}");
        // The caret at the start shows the start.
        let (shown, col) = scrolled(text, 0, 10);
        assert_eq!(col, 0);
        assert!(text.starts_with(&shown));
    }

    #[test]
    fn wide_letters_are_never_split() {
        let (shown, col) = scrolled("日本語日本語", 12, 5);
        assert!(display_width(&shown) <= 5);
        assert!(col < 5);
    }
}
