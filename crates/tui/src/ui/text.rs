//! Fitting words to columns: wrapping and cutting by display width.

use ratatui::style::Style;
use ratatui::text::Line;

use unicode_segmentation::UnicodeSegmentation;

use trolyso_core::text::display_width;
// Cutting to a width is text's (reports cut labels too); the screens
// reach it here with the rest of their text helpers.
pub use trolyso_core::text::{fit_start, truncate};

/// Words of `text` in lines of at most `width` columns. Wrapping here, not
/// in the paragraph, keeps each field on a known row for the caret. A word
/// wider than a line (an address, a long code) is broken, never cut off.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace().flat_map(|w| pieces(w, width)) {
        let needed = display_width(&line) + usize::from(!line.is_empty()) + display_width(&word);
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `word` in pieces of at most `width` columns, by grapheme (a grapheme
/// wider than the line gets a piece of its own).
fn pieces(word: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = word;
    while !rest.is_empty() {
        let mut piece = fit_start(rest, width);
        if piece.is_empty() {
            piece = rest.graphemes(true).next().unwrap_or(rest);
        }
        out.push(piece.to_owned());
        rest = &rest[piece.len()..];
    }
    out
}

/// The longest end of `s`, whole graphemes, at most `width` columns.
fn fit_end(s: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, g) in s.grapheme_indices(true).rev() {
        used += display_width(g);
        if used > width {
            return &s[at + g.len()..];
        }
    }
    s
}

/// `text` wrapped to `width` columns, each line in `style`.
pub fn wrapped(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// `s` cut in the middle to fit `width`: its start and its end stay, for
/// lines that differ only at the end ("Thẻ căn cước của mẹ" / "… của cha").
pub fn truncate_middle(s: &str, width: usize) -> String {
    if display_width(s) <= width || width < 5 {
        return truncate(s, width);
    }
    let mut tail = fit_end(s, width / 2);
    // The end from a word's start: "của mẹ", not "ước của mẹ".
    let cut_inside_a_word = !s[..s.len() - tail.len()].ends_with(' ');
    if cut_inside_a_word && let Some(space) = tail.find(' ') {
        tail = &tail[space..];
    }
    let tail = tail.trim_start();
    let head = truncate(s, width - display_width(tail));
    format!("{head}{tail}")
}

#[cfg(test)]
mod middle_tests {
    use super::*;

    /// A word longer than the line used to run off the frame ("…ma_thu_tuc=1.000"
    /// with the code's end lost); it is broken over lines instead.
    #[test]
    fn a_word_wider_than_the_line_is_broken_not_cut() {
        let lines = wrap("tra tại dichvucong.gov.vn/p/home?ma_thu_tuc=1.000894 nhé", 20);
        assert!(lines.iter().all(|l| display_width(l) <= 20), "{lines:?}");
        assert_eq!(
            lines.concat().replace(' ', ""),
            "tratạidichvucong.gov.vn/p/home?ma_thu_tuc=1.000894nhé"
        );
        assert_eq!(wrap("Nguyễn", 3), ["Ngu", "yễn"]);
    }

    /// Cut by whole graphemes and columns: a wide letter is never split
    /// or let past the edge, a letter and its marks stay together.
    #[test]
    fn cutting_keeps_graphemes_whole_and_within_the_width() {
        assert_eq!(truncate("日本語日本語", 6), "日本…");
        assert_eq!(truncate("Nguye\u{302}\u{303}n Văn", 6), "Nguye\u{302}\u{303}…");
        assert_eq!(truncate("ngắn", 4), "ngắn");
        assert_eq!(fit_end("Thẻ của mẹ", 6), "của mẹ");
        for width in 0..12 {
            assert!(display_width(&truncate("日本語 Nguyễn", width)) <= width.max(1));
        }
    }

    #[test]
    fn the_end_that_tells_lines_apart_stays() {
        let mother = truncate_middle("[ ] Thẻ căn cước của mẹ", 20);
        let father = truncate_middle("[ ] Thẻ căn cước của cha", 20);
        assert_ne!(mother, father);
        assert!(
            mother.ends_with("của mẹ") && display_width(&mother) <= 20,
            "{mother}"
        );
        assert_eq!(truncate_middle("ngắn", 20), "ngắn");
    }
}
