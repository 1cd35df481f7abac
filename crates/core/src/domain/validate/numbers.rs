use super::{Checked, Validation, digits_only};
use crate::i18n::Message;

const TAX_WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// A tax code (mã số thuế): 10 digits whose last is a check digit, or 13 for
/// a branch (10 + 001–999), written with or without the dash. Stored as
/// `0123456789` or `0123456789-001`.
pub fn tax_code(input: &str) -> Validation {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Message::new("validate.required"));
    }
    let Some(digits) = digits_only(trimmed) else {
        return Err(Message::new("validate.tax.not_digits").arg("value", trimmed));
    };
    if digits.len() != 10 && digits.len() != 13 {
        return Err(Message::new("validate.tax.length").arg("count", digits.len()));
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = d.iter().zip(TAX_WEIGHTS).map(|(a, w)| a * w).sum();
    let check = 10 - (sum % 11);
    if check >= 10 || check != d[9] {
        return Err(Message::new("validate.tax.check_digit"));
    }
    if digits.len() == 13 {
        if &digits[10..] == "000" {
            return Err(Message::new("validate.tax.branch"));
        }
        return Ok(Checked::ok(format!("{}-{}", &digits[..10], &digits[10..])));
    }
    Ok(Checked::ok(digits))
}

/// A social insurance number (mã số BHXH): 10 digits, or the 12-digit
/// personal identification number that serves as the code under the 2024
/// law. Neither is confirmed (DOMAIN.md [?]), so another length is kept
/// with a warning to check, never refused.
pub fn social_insurance(input: &str) -> Validation {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Message::new("validate.required"));
    }
    let Some(digits) = digits_only(trimmed) else {
        return Err(Message::new("validate.bhxh.not_digits").arg("value", trimmed));
    };
    if digits.len() != 10 && digits.len() != 12 {
        let warning = Message::new("validate.bhxh.length").arg("count", digits.len());
        return Ok(Checked::warn(digits, warning));
    }
    Ok(Checked::ok(digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a valid 10-digit code from 9 digits.
    fn with_check(nine: &str) -> Option<String> {
        let sum: u32 = nine
            .bytes()
            .zip(TAX_WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        let check = 10 - sum % 11;
        (check < 10).then(|| format!("{nine}{check}"))
    }

    #[test]
    fn check_digit() {
        // 010010002: sum = 0·31+1·29+0+0+1·17+0+0+0+2·3 = 52; 52 mod 11 = 8; 10-8 = 2.
        assert_eq!(tax_code("0100100022").unwrap().value, "0100100022");
        assert_eq!(with_check("010010002").unwrap(), "0100100022");
        assert_eq!(
            tax_code("0100100023").unwrap_err().key,
            "validate.tax.check_digit"
        );
        assert_eq!(tax_code("0100100022-001").unwrap().value, "0100100022-001");
        assert_eq!(tax_code("0100100022001").unwrap().value, "0100100022-001");
        assert_eq!(tax_code("0100100022-000").unwrap_err().key, "validate.tax.branch");
        assert_eq!(tax_code("01001000").unwrap_err().key, "validate.tax.length");
        assert_eq!(tax_code("01001000x2").unwrap_err().key, "validate.tax.not_digits");
        assert_eq!(tax_code("").unwrap_err().key, "validate.required");
    }

    #[test]
    fn every_single_digit_change_breaks_the_check() {
        let good = "0100100022";
        for pos in 0..10 {
            for digit in b'0'..=b'9' {
                let mut bytes = good.as_bytes().to_vec();
                if bytes[pos] == digit {
                    continue;
                }
                bytes[pos] = digit;
                let changed = String::from_utf8(bytes).unwrap();
                assert!(tax_code(&changed).is_err(), "{changed}");
            }
        }
    }

    #[test]
    fn social_insurance_is_ten_or_twelve_digits_and_another_length_only_warns() {
        let ten = social_insurance("38 1234 5678").unwrap();
        assert_eq!((ten.value.as_str(), ten.warning), ("3812345678", None));
        let twelve = social_insurance("038 190 012 345").unwrap();
        assert_eq!((twelve.value.as_str(), twelve.warning), ("038190012345", None));
        let nine = social_insurance("381234567").unwrap();
        assert_eq!(nine.value, "381234567");
        assert_eq!(nine.warning.unwrap().key, "validate.bhxh.length");
        assert_eq!(
            social_insurance("38123456a8").unwrap_err().key,
            "validate.bhxh.not_digits"
        );
    }
}
