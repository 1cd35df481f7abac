//! Fitting words to columns: wrapping and cutting by display width.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::text::display_width;

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

/// `word` in pieces of at most `width` columns, by grapheme.
fn pieces(word: &str, width: usize) -> Vec<String> {
    if width == 0 || display_width(word) <= width {
        return vec![word.to_owned()];
    }
    let mut out = vec![String::new()];
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(word, true) {
        let last = out.last_mut().expect("never empty");
        if !last.is_empty() && display_width(last) + display_width(g) > width {
            out.push(String::new());
        }
        out.last_mut().expect("never empty").push_str(g);
    }
    out
}

/// `text` wrapped to `width` columns, each line in `style`.
pub fn wrapped(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// At most `width` columns of `s`, with an ellipsis when cut.
/// `s` cut in the middle to fit `width`: its start and its end stay, for
/// lines that differ only at the end ("Thẻ căn cước của mẹ" / "… của cha").
pub fn truncate_middle(s: &str, width: usize) -> String {
    if display_width(s) <= width || width < 5 {
        return truncate(s, width);
    }
    let chars: Vec<char> = s.chars().collect();
    let tail_room = width / 2;
    let mut tail = String::new();
    for c in chars.iter().rev() {
        if display_width(&tail) + display_width(&c.to_string()) > tail_room {
            break;
        }
        tail.insert(0, *c);
    }
    // The end from a word's start: "của mẹ", not "ước của mẹ".
    let cut_inside_a_word = s.len() > tail.len() && !s[..s.len() - tail.len()].ends_with(' ');
    if cut_inside_a_word && let Some(space) = tail.find(' ') {
        tail = tail[space..].to_owned();
    }
    let tail = tail.trim_start().to_owned();
    let head = truncate(s, width - display_width(&tail));
    format!("{head}{tail}")
}

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
