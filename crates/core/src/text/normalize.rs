use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The one form text is stored in: NFC, so "ễ" typed precomposed and typed as
/// e + U+0302 + U+0303 is the same string on disk, in indexes and in search.
pub fn nfc(s: &str) -> String {
    // Most text already is NFC (typed or pasted precomposed); the quick
    // check spares composing it again (a catalogue import of thousands of
    // lines does this five times a line).
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_owned();
    }
    s.nfc().collect()
}

/// Columns the text takes on a terminal (a wide CJK glyph takes two, a
/// combining mark none).
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The longest start of `s`, whole graphemes, at most `width` columns.
pub fn fit_start(s: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, g) in s.grapheme_indices(true) {
        used += display_width(g);
        if used > width {
            return &s[..at];
        }
    }
    s
}

/// At most `width` columns of `s`, by whole graphemes, with an ellipsis
/// when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_owned();
    }
    format!("{}…", fit_start(s, width.saturating_sub(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        let decomposed = "Nguye\u{302}\u{303}n";
        assert_eq!(nfc(decomposed), "Nguyễn");
        assert_eq!(nfc("Nguyễn"), "Nguyễn");
    }

    #[test]
    fn width_ignores_combining_marks() {
        assert_eq!(display_width("Nguye\u{302}\u{303}n"), 6);
        assert_eq!(display_width("Nguyễn"), 6);
    }
}
