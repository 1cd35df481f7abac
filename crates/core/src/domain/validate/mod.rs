//! Validators for what a helper types. Each returns the tidied value (what is
//! stored) or a [`Message`] naming what is wrong and how to fix it.

mod code;
mod email;
mod id_number;
mod name;
mod numbers;
mod phone;

use serde::{Deserialize, Serialize};

use super::date::Date;
use crate::i18n::Message;

pub use code::{MAX_CODE, code};
pub use email::email;
pub use id_number::{IdFacts, id_number, old_cmnd};
pub use name::person_name;
pub use numbers::{social_insurance, tax_code};
pub use phone::phone;

/// A value that passed: the form to store, and a warning to show beside it
/// when the value is accepted with a caveat (an expired CMND, an unconfirmed
/// mobile prefix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub value: String,
    pub warning: Option<Message>,
}

impl Checked {
    pub fn ok(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            warning: None,
        }
    }

    pub fn warn(value: impl Into<String>, warning: Message) -> Self {
        Self {
            value: value.into(),
            warning: Some(warning),
        }
    }
}

pub type Validation = Result<Checked, Message>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// The stored answer of a sex choice field.
    pub fn from_answer(s: &str) -> Option<Self> {
        match s {
            "male" | "nam" => Some(Sex::Male),
            "female" | "nu" | "nữ" => Some(Sex::Female),
            _ => None,
        }
    }

    /// The answer a sex choice field stores for it.
    pub fn answer(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    pub fn message_key(self) -> &'static str {
        match self {
            Sex::Male => "sex.male",
            Sex::Female => "sex.female",
        }
    }
}

/// Digits only, with the spaces, dots and dashes people type between groups
/// removed. `None` when anything else is there.
fn digits_only(input: &str) -> Option<String> {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '0'..='9' => out.push(c),
            ' ' | '.' | '-' | '\u{a0}' => {}
            _ => return None,
        }
    }
    Some(out)
}

/// A date as `dd/mm/yyyy` (also `d/m/yyyy`, with `-` or `.`), on the real
/// calendar. With `not_future`, a day after `today` is refused (a birth date).
pub fn date(input: &str, not_future: bool, today: Date) -> Validation {
    let parsed = parse_date(input.trim())?;
    if not_future && parsed > today {
        return Err(Message::new("validate.date.future")
            .arg("value", parsed)
            .arg("today", today));
    }
    Ok(Checked::ok(parsed.to_string()))
}

/// Reads a stored or typed date.
pub fn parse_date(input: &str) -> Result<Date, Message> {
    let bad_form = || Message::new("validate.date.form").arg("value", input);
    if input.is_empty() {
        return Err(Message::new("validate.required"));
    }
    // Eight digits with no separator read as ddmmyyyy ("05112026"), the
    // way a date is typed on a number pad.
    let packed = (input.len() == 8 && input.bytes().all(|b| b.is_ascii_digit()))
        .then(|| vec![&input[..2], &input[2..4], &input[4..]]);
    let parts: Vec<&str> = packed.unwrap_or_else(|| input.split(['/', '-', '.']).collect());
    let [d, m, y] = parts.as_slice() else {
        return Err(bad_form());
    };
    let num = |s: &str, max_len| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(d), Some(m), Some(y)) = (num(d, 2), num(m, 2), num(y, 4)) else {
        return Err(bad_form());
    };
    if y < 1000 {
        return Err(Message::new("validate.date.year").arg("value", input));
    }
    if !(1..=12).contains(&m) {
        return Err(Message::new("validate.date.month").arg("value", input));
    }
    Date::new(y as i32, m as u8, d as u8)
        .ok_or_else(|| Message::new("validate.date.not_a_day").arg("value", input))
}

/// The shortest office passphrase, in characters.
pub const MIN_PASSPHRASE: usize = 8;

/// Whether a new office passphrase is long enough (setup, change, recovery).
pub fn long_enough(passphrase: &str) -> bool {
    passphrase.chars().count() >= MIN_PASSPHRASE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 28).unwrap()
    }

    #[test]
    fn dates_on_the_real_calendar() {
        assert_eq!(date("29/02/2024", true, today()).unwrap().value, "29/02/2024");
        assert_eq!(date("1/2/1990", true, today()).unwrap().value, "01/02/1990");
        assert_eq!(date(" 01-02-1990 ", true, today()).unwrap().value, "01/02/1990");
        assert_eq!(
            date("29/02/2023", true, today()).unwrap_err().key,
            "validate.date.not_a_day"
        );
        assert_eq!(
            date("31/04/2020", true, today()).unwrap_err().key,
            "validate.date.not_a_day"
        );
        assert_eq!(
            date("12/13/2020", true, today()).unwrap_err().key,
            "validate.date.month"
        );
        assert_eq!(
            date("2020-01-01", true, today()).unwrap_err().key,
            "validate.date.form"
        );
        assert_eq!(
            date("1/1/90", true, today()).unwrap_err().key,
            "validate.date.year"
        );
        assert_eq!(
            date("hôm qua", true, today()).unwrap_err().key,
            "validate.date.form"
        );
        assert_eq!(date("", true, today()).unwrap_err().key, "validate.required");
        // Issue 30, item 14: eight digits are ddmmyyyy.
        assert_eq!(date("05112026", true, today()).unwrap().value, "05/11/2026");
        assert_eq!(
            date("31042020", true, today()).unwrap_err().key,
            "validate.date.not_a_day"
        );
        assert_eq!(
            date("0511202", true, today()).unwrap_err().key,
            "validate.date.form"
        );
    }

    #[test]
    fn birth_dates_are_not_in_the_future() {
        assert!(date("28/11/2026", true, today()).is_ok());
        assert_eq!(
            date("29/11/2026", true, today()).unwrap_err().key,
            "validate.date.future"
        );
        assert!(date("29/11/2026", false, today()).is_ok());
    }
}
