use super::{Checked, Sex, Validation, digits_only};
use crate::domain::date::Date;
use crate::domain::provinces::OldProvinces;
use crate::i18n::Message;

/// What the rest of the form already says about the person, to check the
/// number against.
#[derive(Debug, Clone, Copy)]
pub struct IdFacts {
    pub birth_date: Option<Date>,
    pub sex: Option<Sex>,
    pub today: Date,
}

/// The 12-digit personal identification number (số định danh cá nhân): the
/// province of birth registration, then century and sex, then the year.
pub fn id_number(input: &str, facts: &IdFacts, provinces: &OldProvinces) -> Validation {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Message::new("validate.required"));
    }
    let Some(digits) = digits_only(trimmed) else {
        return Err(Message::new("validate.id.not_digits").arg("value", trimmed));
    };
    match digits.len() {
        12 => {}
        9 => return Err(Message::new("validate.id.old_cmnd_9")),
        n => return Err(Message::new("validate.id.length").arg("count", n)),
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let province = (d[0] * 100 + d[1] * 10 + d[2]) as u16;
    if provinces.name(province).is_none() {
        return Err(Message::new("validate.id.province").arg("code", &digits[..3]));
    }
    let year = 1900 + (d[3] / 2) as i32 * 100 + (d[4] * 10 + d[5]) as i32;
    let sex = if d[3].is_multiple_of(2) {
        Sex::Male
    } else {
        Sex::Female
    };
    if year > facts.today.year {
        return Err(Message::new("validate.id.year_future")
            .arg("year", year)
            .arg("digit", d[3]));
    }
    if let Some(born) = facts.birth_date
        && born.year != year
    {
        return Err(Message::new("validate.id.year_mismatch")
            .arg("id_year", year)
            .arg("form_year", born.year));
    }
    if let Some(form_sex) = facts.sex
        && form_sex != sex
    {
        return Err(Message::new("validate.id.sex_mismatch")
            .word("id_sex", sex.message_key())
            .word("form_sex", form_sex.message_key()));
    }
    Ok(Checked::ok(digits))
}

/// An old people's ID card number (CMND, 9 or 12 digits), for reading old
/// papers: accepted, with the warning that it expired on 31/12/2024.
pub fn old_cmnd(input: &str) -> Validation {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Message::new("validate.required"));
    }
    let Some(digits) = digits_only(trimmed) else {
        return Err(Message::new("validate.id.not_digits").arg("value", trimmed));
    };
    if digits.len() != 9 && digits.len() != 12 {
        return Err(Message::new("validate.cmnd.length").arg("count", digits.len()));
    }
    Ok(Checked::warn(digits, Message::new("validate.cmnd.expired")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn facts(birth: Option<(i32, u8, u8)>, sex: Option<Sex>) -> IdFacts {
        IdFacts {
            birth_date: birth.map(|(y, m, d)| Date::new(y, m, d).unwrap()),
            sex,
            today: Date::new(2026, 11, 28).unwrap(),
        }
    }

    fn check(input: &str, f: IdFacts) -> Validation {
        id_number(input, &f, OldProvinces::embedded())
    }

    #[test]
    fn accepts_a_consistent_thanh_hoa_number() {
        let f = facts(Some((1990, 5, 1)), Some(Sex::Male));
        assert_eq!(check("038090012345", f).unwrap().value, "038090012345");
        assert_eq!(check("038 090 012 345", f).unwrap().value, "038090012345");
        let f = facts(Some((2005, 1, 1)), Some(Sex::Female));
        assert!(check("001305000001", f).is_ok());
        assert!(check("001305000001", facts(None, None)).is_ok());
    }

    #[test]
    fn thanh_hoa_number_whose_sex_digit_contradicts_the_form() {
        // 038 1 90…: a woman born in 1990; the form says male.
        let err = check("038190012345", facts(Some((1990, 5, 1)), Some(Sex::Male))).unwrap_err();
        assert_eq!(err.key, "validate.id.sex_mismatch");
        let vi = err.render(Lang::Vi);
        assert!(vi.contains("nữ") && vi.contains("nam"), "{vi}");
    }

    #[test]
    fn year_digits_are_checked_against_the_birth_date() {
        let err = check("038090012345", facts(Some((1992, 5, 1)), None)).unwrap_err();
        assert_eq!(err.key, "validate.id.year_mismatch");
        assert_eq!(
            err.render(Lang::Vi),
            "Số định danh cho biết sinh năm 1990, nhưng ngày sinh là 1992. Xem lại số trên thẻ hoặc ngày sinh."
        );
        // Century digit 2 means the 2000s.
        let err = check("038290012345", facts(Some((1990, 5, 1)), None)).unwrap_err();
        assert!(err.render(Lang::Vi).contains("2090"));
    }

    #[test]
    fn refuses_malformed_numbers() {
        let f = facts(None, None);
        assert_eq!(check("", f).unwrap_err().key, "validate.required");
        assert_eq!(check("03809001234", f).unwrap_err().key, "validate.id.length");
        assert_eq!(check("0380900123456", f).unwrap_err().key, "validate.id.length");
        assert_eq!(
            check("03809001234O", f).unwrap_err().key,
            "validate.id.not_digits"
        );
        assert_eq!(check("123456789", f).unwrap_err().key, "validate.id.old_cmnd_9");
        // 003 is no province code.
        assert_eq!(check("003090012345", f).unwrap_err().key, "validate.id.province");
        // Century digit 4 means the 2100s: not born yet.
        assert_eq!(
            check("038490012345", f).unwrap_err().key,
            "validate.id.year_future"
        );
    }

    #[test]
    fn old_cmnd_is_accepted_as_expired() {
        let c = old_cmnd("172 345 678").unwrap();
        assert_eq!(c.value, "172345678");
        assert_eq!(c.warning.unwrap().key, "validate.cmnd.expired");
        assert!(old_cmnd("038090012345").unwrap().warning.is_some());
        assert_eq!(old_cmnd("1234567").unwrap_err().key, "validate.cmnd.length");
    }
}
