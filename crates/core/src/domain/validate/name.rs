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
    // Hyphens and apostrophes, straight or curly as phones type them, appear
    // in ethnic-minority names: "H’Hen Niê", "Ksor H'Luy".
    if let Some(c) = value
        .chars()
        .find(|c| !(c.is_alphabetic() || c.is_whitespace() || *c == '-' || APOSTROPHES.contains(c)))
    {
        return Err(Message::new("validate.name.char").arg("char", c));
    }
    let tidy: Vec<String> = words.iter().map(|w| title_case(w)).collect();
    Ok(Checked::ok(tidy.join(" ")))
}

/// Kept as typed, so a name matches the papers it was copied from.
const APOSTROPHES: [char; 4] = ['\'', '\u{2019}', '\u{2018}', '\u{2BC}'];

/// Capital at the start of the word and after an apostrophe ("H'Hen").
fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut capital = true;
    for g in word.graphemes(true) {
        if capital {
            capital = false;
            out.push_str(&g.to_uppercase());
            continue;
        }
        capital = g.chars().all(|c| APOSTROPHES.contains(&c));
        out.push_str(&g.to_lowercase());
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
        assert_eq!(person_name("H'Hen Niê").unwrap().value, "H'Hen Niê");
        // Issue 14: a curly apostrophe, as a phone or Word types it.
        assert_eq!(person_name("h’hen niê").unwrap().value, "H’Hen Niê");
        assert_eq!(person_name("KSOR H'LUY").unwrap().value, "Ksor H'Luy");
        assert_eq!(person_name("Y-Moan").unwrap().value, "Y-moan");
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
