use unicode_normalization::UnicodeNormalization;
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
