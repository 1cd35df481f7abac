use unicode_segmentation::UnicodeSegmentation;

use super::normalize::{display_width, nfc};

/// One line of text being typed, with a caret that only ever sits between
/// graphemes. The caret is kept as a grapheme index; byte offsets and screen
/// columns are derived from it, never stored beside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    caret: usize,
}

impl LineEditor {
    pub fn new(text: &str) -> Self {
        let text = nfc(text);
        let caret = text.graphemes(true).count();
        Self { text, caret }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The caret as a grapheme index (0 = before the first letter).
    pub fn caret(&self) -> usize {
        self.caret
    }

    /// Screen columns between the start of the text and the caret: where the
    /// terminal cursor goes so an input method's preview appears there.
    pub fn caret_column(&self) -> usize {
        display_width(self.before_caret())
    }

    pub fn before_caret(&self) -> &str {
        &self.text[..self.caret_byte()]
    }

    pub fn after_caret(&self) -> &str {
        &self.text[self.caret_byte()..]
    }

    fn grapheme_count(&self) -> usize {
        self.text.graphemes(true).count()
    }

    fn byte_of(&self, grapheme: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .nth(grapheme)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn caret_byte(&self) -> usize {
        self.byte_of(self.caret)
    }

    /// Inserts typed or pasted text at the caret. Line breaks and other
    /// control characters become spaces: a field is one line.
    pub fn insert_str(&mut self, s: &str) {
        let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let after = self.after_caret().to_owned();
        let mut before = self.before_caret().to_owned();
        before.push_str(&clean);
        let before = nfc(&before);
        self.caret = before.graphemes(true).count();
        self.text = nfc(&(before + &after));
        // Normalising across the seam may merge a trailing mark into the
        // grapheme after the caret; keep the caret inside the text.
        self.caret = self.caret.min(self.grapheme_count());
    }

    pub fn insert_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.insert_str(c.encode_utf8(&mut buf));
    }

    pub fn left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.caret = (self.caret + 1).min(self.grapheme_count());
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.grapheme_count();
    }

    /// Deletes the grapheme before the caret: one visible letter, however
    /// many code points it was typed as.
    pub fn backspace(&mut self) {
        if self.caret == 0 {
            return;
        }
        let start = self.byte_of(self.caret - 1);
        let end = self.caret_byte();
        self.text.replace_range(start..end, "");
        self.caret -= 1;
    }

    pub fn delete(&mut self) {
        if self.caret >= self.grapheme_count() {
            return;
        }
        let start = self.caret_byte();
        let end = self.byte_of(self.caret + 1);
        self.text.replace_range(start..end, "");
    }

    /// Deletes back to the start of the word before the caret (Ctrl+W,
    /// Ctrl+Backspace), with the spaces after that word.
    pub fn delete_word(&mut self) {
        let graphemes: Vec<&str> = self.before_caret().graphemes(true).collect();
        let mut n = graphemes.len();
        while n > 0 && graphemes[n - 1].chars().all(char::is_whitespace) {
            n -= 1;
        }
        while n > 0 && !graphemes[n - 1].chars().all(char::is_whitespace) {
            n -= 1;
        }
        let start = self.byte_of(n);
        let end = self.caret_byte();
        self.text.replace_range(start..end, "");
        self.caret = n;
    }

    /// The word that ends at the caret (letters only), for the composers.
    pub fn word_before_caret(&self) -> &str {
        let before = self.before_caret();
        let start = before
            .grapheme_indices(true)
            .rev()
            .take_while(|(_, g)| g.chars().all(char::is_alphabetic))
            .last()
            .map_or(before.len(), |(i, _)| i);
        &before[start..]
    }

    /// Replaces the word that ends at the caret with `word`.
    pub fn replace_word_before_caret(&mut self, word: &str) {
        let old_len = self.word_before_caret().graphemes(true).count();
        for _ in 0..old_len {
            self.backspace();
        }
        self.insert_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn backspace_removes_one_visible_letter_of_decomposed_input() {
        let mut e = LineEditor::default();
        e.insert_str("Nguye\u{302}\u{303}n");
        assert_eq!(e.text(), "Nguyễn");
        e.backspace();
        assert_eq!(e.text(), "Nguyễ");
        e.backspace();
        assert_eq!(e.text(), "Nguy");
    }

    #[test]
    fn decomposed_text_kept_as_combining_clusters_is_deleted_whole() {
        // A letter with marks NFC cannot compose stays one grapheme.
        let mut e = LineEditor::new("x\u{301}\u{323}y");
        e.left();
        e.backspace();
        assert_eq!(e.text(), "y");
        assert_eq!(e.caret_column(), 0);
    }

    #[test]
    fn moves_and_measures_in_columns() {
        let mut e = LineEditor::new("Văn 漢字");
        assert_eq!(e.caret_column(), 8);
        e.left();
        assert_eq!(e.caret_column(), 6);
        e.home();
        e.right();
        assert_eq!(e.caret_column(), 1);
        e.delete();
        assert_eq!(e.text(), "Vn 漢字");
        e.end();
        e.delete();
        assert_eq!(e.text(), "Vn 漢字");
    }

    #[test]
    fn delete_word_takes_the_word_and_its_spaces() {
        let mut e = LineEditor::new("Nguyễn Văn   ");
        e.delete_word();
        assert_eq!(e.text(), "Nguyễn ");
        e.delete_word();
        assert_eq!(e.text(), "");
        e.delete_word();
        assert_eq!(e.text(), "");
    }

    #[test]
    fn pasted_line_breaks_become_spaces() {
        let mut e = LineEditor::default();
        e.insert_str("Nguyễn\nVăn\tAn");
        assert_eq!(e.text(), "Nguyễn Văn An");
    }

    #[test]
    fn word_before_caret_stops_at_non_letters() {
        let mut e = LineEditor::new("Nguyen Vawn");
        assert_eq!(e.word_before_caret(), "Vawn");
        e.replace_word_before_caret("Văn");
        assert_eq!(e.text(), "Nguyen Văn");
        e.home();
        assert_eq!(e.word_before_caret(), "");
    }

    #[derive(Debug, Clone)]
    enum Op {
        Insert(String),
        Left,
        Right,
        Home,
        End,
        Backspace,
        Delete,
        DeleteWord,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            "[a-zàễ漢 \u{0301}\u{0302}\u{0303}\u{0323}\u{0309}]{1,4}".prop_map(Op::Insert),
            Just(Op::Left),
            Just(Op::Right),
            Just(Op::Home),
            Just(Op::End),
            Just(Op::Backspace),
            Just(Op::Delete),
            Just(Op::DeleteWord),
        ]
    }

    proptest! {
        #[test]
        fn random_edits_keep_the_caret_on_a_grapheme_boundary(ops in proptest::collection::vec(op(), 0..60)) {
            let mut e = LineEditor::default();
            for op in ops {
                match op {
                    Op::Insert(s) => e.insert_str(&s),
                    Op::Left => e.left(),
                    Op::Right => e.right(),
                    Op::Home => e.home(),
                    Op::End => e.end(),
                    Op::Backspace => e.backspace(),
                    Op::Delete => e.delete(),
                    Op::DeleteWord => e.delete_word(),
                }
                let before = e.before_caret();
                let after = e.after_caret();
                prop_assert_eq!(format!("{before}{after}"), e.text());
                let boundaries: Vec<usize> = e.text().grapheme_indices(true).map(|(i, _)| i)
                    .chain(std::iter::once(e.text().len())).collect();
                prop_assert!(boundaries.contains(&before.len()));
                prop_assert_eq!(e.caret_column(), display_width(before));
                prop_assert_eq!(e.text(), nfc(e.text()));
            }
        }
    }
}
