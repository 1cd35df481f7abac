//! Fitting words to columns: wrapping and cutting by display width.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::text::display_width;

/// Words of `text` in lines of at most `width` columns. Wrapping here, not
/// in the paragraph, keeps each field on a known row for the caret.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = display_width(&line) + usize::from(!line.is_empty()) + display_width(word);
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` wrapped to `width` columns, each line in `style`.
pub fn wrapped(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// At most `width` columns of `s`, with an ellipsis when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if display_width(&out) + 2 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
