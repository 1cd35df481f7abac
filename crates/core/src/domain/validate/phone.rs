use super::{Checked, Validation};
use crate::i18n::Message;

/// Mobile prefixes in use (DOMAIN.md, marked [OK]).
const MOBILE: &[&str] = &[
    "032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079", "081", "082",
    "083", "084", "085", "086", "088", "089", "090", "091", "092", "093", "094", "095", "096", "097", "098",
    "099", "052", "056", "058", "059",
];
/// In use but not confirmed (DOMAIN.md [?]): accepted with "kiểm tra lại".
const UNSURE: &[&str] = &["087"];

/// A mobile number: spaces, dots, dashes and `+84` accepted; stored as
/// `0xxxxxxxxx`.
pub fn phone(input: &str) -> Validation {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Message::new("validate.required"));
    }
    let mut digits = String::new();
    for (i, c) in trimmed.char_indices() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => {}
            ' ' | '.' | '-' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(Message::new("validate.phone.chars").arg("value", trimmed)),
        }
    }
    let national = if trimmed.starts_with('+') || (digits.starts_with("84") && digits.len() == 11) {
        match digits.strip_prefix("84") {
            Some(rest) if !rest.starts_with('0') => format!("0{rest}"),
            Some(rest) => rest.to_owned(),
            None => return Err(Message::new("validate.phone.country")),
        }
    } else {
        digits
    };
    if !national.starts_with('0') {
        return Err(Message::new("validate.phone.leading_zero"));
    }
    if national.len() != 10 {
        return Err(Message::new("validate.phone.length").arg("count", national.len()));
    }
    let prefix = &national[..3];
    if MOBILE.contains(&prefix) {
        Ok(Checked::ok(national))
    } else if UNSURE.contains(&prefix) {
        let warning = Message::new("validate.phone.unsure_prefix").arg("prefix", prefix);
        Ok(Checked::warn(national, warning))
    } else {
        Err(Message::new("validate.phone.not_mobile").arg("prefix", prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_what_people_type() {
        for input in [
            "0912345678",
            "0912 345 678",
            "0912.345.678",
            "+84 912 345 678",
            "+840912345678",
            "84912345678",
        ] {
            assert_eq!(phone(input).unwrap().value, "0912345678", "{input}");
        }
        assert!(phone("0359876543").unwrap().warning.is_none());
    }

    #[test]
    fn refuses_what_is_not_a_mobile_number() {
        assert_eq!(phone("").unwrap_err().key, "validate.required");
        assert_eq!(phone("0912 345 67").unwrap_err().key, "validate.phone.length");
        assert_eq!(phone("09123456789").unwrap_err().key, "validate.phone.length");
        assert_eq!(phone("912345678").unwrap_err().key, "validate.phone.leading_zero");
        assert_eq!(phone("0912-abc").unwrap_err().key, "validate.phone.chars");
        assert_eq!(phone("+1 912 345 678").unwrap_err().key, "validate.phone.country");
        // 071–075 and 080 are not mobile prefixes; 024 is Hà Nội's landline.
        for n in ["0711234567", "0801234567", "0241234567"] {
            assert_eq!(phone(n).unwrap_err().key, "validate.phone.not_mobile", "{n}");
        }
    }

    #[test]
    fn unconfirmed_prefix_is_accepted_with_a_warning() {
        let c = phone("0871234567").unwrap();
        assert_eq!(c.warning.unwrap().key, "validate.phone.unsure_prefix");
    }
}
