use unicode_segmentation::UnicodeSegmentation;

use super::{Checked, Validation};
use crate::i18n::Message;
use crate::text::nfc;

/// A person's name: letters (Vietnamese marks welcome) and spaces; stored in
/// NFC, in title case, with one space between words ("nguyễn  văn   an" →
/// "Nguyễn Văn An").
pub fn person_name(input: &str) -> Validation {
    let value = nfc(input);
    let words: Vec<&str> = value.split_whitespace().collect();
    if words.is_empty() {
        return Err(Message::new("validate.required"));
    }
    if let Some(c) = value.chars().find(char::is_ascii_digit) {
        return Err(Message::new("validate.name.digit").arg("char", c));
    }
    // Hyphen and apostrophe appear in some ethnic-minority and foreign names.
    if let Some(c) = value
        .chars()
        .find(|c| !(c.is_alphabetic() || c.is_whitespace() || *c == '-' || *c == '\''))
    {
        return Err(Message::new("validate.name.char").arg("char", c));
    }
    let tidy: Vec<String> = words.iter().map(|w| title_case(w)).collect();
    Ok(Checked::ok(tidy.join(" ")))
}

fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for (i, g) in word.graphemes(true).enumerate() {
        if i == 0 {
            out.push_str(&g.to_uppercase());
        } else {
            out.push_str(&g.to_lowercase());
        }
    }
    nfc(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidies_to_title_case() {
        assert_eq!(person_name("nguyễn  văn   an").unwrap().value, "Nguyễn Văn An");
        assert_eq!(person_name("  ĐẶNG THỊ ĐÀO ").unwrap().value, "Đặng Thị Đào");
        assert_eq!(person_name("nguye\u{302}\u{303}n").unwrap().value, "Nguyễn");
        assert_eq!(person_name("H'Hen Niê").unwrap().value, "H'hen Niê");
    }

    #[test]
    fn refuses_digits_and_symbols() {
        assert_eq!(
            person_name("Nguyễn Văn 2").unwrap_err().key,
            "validate.name.digit"
        );
        assert_eq!(person_name("Nguyễn @n").unwrap_err().key, "validate.name.char");
        assert_eq!(person_name("   ").unwrap_err().key, "validate.required");
    }
}
