//! Checking one answer against its field, and a whole case against its
//! procedure ("can this be marked ready to file?").

use unicode_segmentation::UnicodeSegmentation;

use super::condition::Answers;
use super::model::{Field, FieldKind, Procedure, Text, YES_NO};
use crate::domain::date::Date;
use crate::domain::provinces::OldProvinces;
use crate::domain::units::Units;
use crate::domain::validate::{self, Checked, IdFacts, Sex, Validation};
use crate::i18n::{Lang, Message};
use crate::text::nfc;

/// Checks what was typed into `field`, given the other answers of the case
/// (an identification number is checked against the birth date and sex).
/// Returns the value to store.
pub fn check_answer(field: &Field, raw: &str, answers: &Answers, today: Date) -> Validation {
    let input = nfc(raw);
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(required(field));
    }
    let max = field.kind.max_chars();
    if trimmed.chars().count() > max {
        return Err(Message::new("validate.too_long").arg("max", max));
    }
    let checked = match field.kind {
        FieldKind::Text | FieldKind::Note => Checked::ok(trimmed),
        FieldKind::PersonName => validate::person_name(trimmed)?,
        FieldKind::IdNumber => {
            let facts = IdFacts {
                birth_date: field
                    .id_checks
                    .birth_date
                    .as_ref()
                    .and_then(|f| answers.get(f))
                    .and_then(|d| validate::parse_date(d).ok()),
                sex: field.id_checks.sex_is.or_else(|| {
                    let answer = answers.get(field.id_checks.sex.as_ref()?)?;
                    Sex::from_answer(answer)
                }),
                today,
            };
            validate::id_number(trimmed, &facts, OldProvinces::embedded())?
        }
        FieldKind::OldId => validate::old_cmnd(trimmed)?,
        FieldKind::Phone => validate::phone(trimmed)?,
        FieldKind::Date => late(field, validate::date(trimmed, field.not_future, today)?, today),
        FieldKind::Number => {
            let n: i64 = trimmed
                .replace(['.', ' '], "")
                .parse()
                .map_err(|_| Message::new("validate.number.form").arg("value", trimmed))?;
            Checked::ok(n.to_string())
        }
        FieldKind::Choice => {
            if field.choice(trimmed).is_none() {
                return Err(Message::new("validate.choice.unknown").arg("value", trimmed));
            }
            Checked::ok(trimmed)
        }
        FieldKind::MultiChoice => {
            let mut picked = Vec::new();
            for v in trimmed.split(',').map(str::trim).filter(|v| !v.is_empty()) {
                if field.choice(v).is_none() {
                    return Err(Message::new("validate.choice.unknown").arg("value", v));
                }
                if !picked.contains(&v) {
                    picked.push(v);
                }
            }
            Checked::ok(picked.join(","))
        }
        FieldKind::YesNo if YES_NO.contains(&trimmed) => Checked::ok(trimmed),
        FieldKind::YesNo => return Err(Message::new("validate.yes_no").arg("value", trimmed)),
        FieldKind::Commune => {
            let unit = trimmed
                .parse::<u32>()
                .ok()
                .and_then(|code| Units::embedded().commune(code));
            match unit {
                Some(c) => Checked::ok(c.code.to_string()),
                None => return Err(Message::new("validate.commune.unknown").arg("value", trimmed)),
            }
        }
        FieldKind::Email => validate::email(trimmed)?,
        FieldKind::TaxCode => validate::tax_code(trimmed)?,
        FieldKind::SocialInsurance => validate::social_insurance(trimmed)?,
        FieldKind::Code => validate::code(trimmed)?,
    };
    check_constraint(field, checked, today)
}

/// A date further back than the field's `late` days is kept, with its
/// warning (a birth registered after 60 days pays a fee); one at most its
/// `recent` days back, with that note (a child under 6 can have the
/// liên thông bundle). Both are said when both hold.
fn late(field: &Field, checked: Checked, today: Date) -> Checked {
    let Ok(day) = validate::parse_date(&checked.value) else {
        return checked;
    };
    let ago = today.days_since_epoch() - day.days_since_epoch();
    let late = field.late.as_ref().filter(|n| ago > i64::from(n.days));
    let recent = field.recent.as_ref().filter(|n| ago <= i64::from(n.days));
    let words: Vec<&Text> = late.into_iter().chain(recent).map(|n| &n.words).collect();
    if words.is_empty() {
        return checked;
    }
    let join = |lang: Lang| words.iter().map(|t| t.get(lang)).collect::<Vec<_>>().join(" ");
    let text = Text {
        vi: join(Lang::Vi),
        en: Some(join(Lang::En)),
    };
    Checked::warn(checked.value, own_words(&text))
}

/// What an empty required field says: the file's `required_message`, or
/// the general words.
fn required(field: &Field) -> Message {
    (field.required_message.as_ref()).map_or_else(|| Message::new("validate.required"), own_words)
}

/// A message in the procedure file's own words.
fn own_words(text: &Text) -> Message {
    Message::new("validate.custom").localized("text", &text.vi, text.get(Lang::En))
}

fn check_constraint(field: &Field, checked: Checked, today: Date) -> Validation {
    let c = &field.constraint;
    // The procedure's own words win over the general ones.
    let fail = |general: Message| Err(c.message.as_ref().map_or(general, own_words));
    let number = (field.kind == FieldKind::Number)
        .then(|| checked.value.parse::<i64>().ok())
        .flatten();
    if let Some(n) = number
        && (c.min.is_some_and(|min| n < min) || c.max.is_some_and(|max| n > max))
    {
        let bound = |b: Option<i64>| b.map_or(String::new(), |v| v.to_string());
        return fail(
            Message::new("validate.number.range").arg("range", format!("{}–{}", bound(c.min), bound(c.max))),
        );
    }
    if let Some(years) = c.min_age
        && field.kind == FieldKind::Date
        && let Ok(born) = validate::parse_date(&checked.value)
        && born.years_until(today) < years as i32
    {
        return fail(Message::new("validate.date.too_young").arg("years", years));
    }
    let len = checked.value.graphemes(true).count();
    if let Some(min) = c.min_length.filter(|m| len < *m) {
        return fail(Message::new("validate.length.short").arg("min", min));
    }
    if let Some(max) = c.max_length.filter(|m| len > *m) {
        return fail(Message::new("validate.length.long").arg("max", max));
    }
    Ok(checked)
}

/// An answer as a person reads it (and types it into the portal): a choice
/// by its label, a commune by its name, yes / no in words.
pub fn shown_answer(field: &Field, value: &str, lang: Lang) -> String {
    match field.kind {
        FieldKind::YesNo => Message::new(if value == "yes" { "ui.yes" } else { "ui.no" }).render(lang),
        FieldKind::Choice | FieldKind::MultiChoice => value
            .split(',')
            .map(|v| {
                field
                    .choice(v)
                    .map_or_else(|| v.to_owned(), |c| c.label.get(lang).to_owned())
            })
            .collect::<Vec<_>>()
            .join(", "),
        FieldKind::Commune => value
            .parse::<u32>()
            .ok()
            .and_then(|c| Units::embedded().commune(c))
            .map_or_else(|| value.to_owned(), |c| c.name.clone()),
        _ => value.to_owned(),
    }
}

/// What stops a case from being marked ready to file: each shown field that
/// is required and empty, or whose answer no longer passes its check.
pub fn problems(procedure: &Procedure, answers: &Answers, today: Date) -> Vec<(String, Message)> {
    let mut out = Vec::new();
    for field in procedure.visible_fields(answers) {
        match answers.get(&field.id).filter(|a| !a.trim().is_empty()) {
            None if field.is_required(answers) => out.push((field.id.clone(), required(field))),
            None => {}
            Some(value) => {
                if let Err(m) = check_answer(field, value, answers, today) {
                    out.push((field.id.clone(), m));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::SourceFile;
    use crate::domain::procedure::load_one;

    const FORM: &str = r#"
id = "f"
title = { vi = "Mẫu" }
level = "toan_trinh"
sources = ["Luật Hộ tịch 2014, Điều 16 [?]"]

[[steps]]
id = "a"
title = { vi = "A" }

[[steps.fields]]
id = "gioi_tinh"
kind = "choice"
label = { vi = "Giới tính" }
required = true
choices = [{ value = "male", vi = "Nam" }, { value = "female", vi = "Nữ" }]

[[steps.fields]]
id = "ngay_sinh"
kind = "date"
label = { vi = "Ngày sinh" }
not_future = true
required = true

[[steps.fields]]
id = "so"
kind = "id_number"
label = { vi = "Số định danh" }
required = true
checks = { birth_date = "ngay_sinh", sex = "gioi_tinh" }

[[steps.fields]]
id = "so_con"
kind = "number"
label = { vi = "Số con" }
constraint = { min = 0, max = 20 }
required_when = { field = "gioi_tinh", equals = "female" }
required_message = { vi = "Ghi số con (0 nếu chưa có)", en = "Write the number of children (0 if none)" }

[[steps.fields]]
id = "xa"
kind = "commune"
label = { vi = "Xã" }
relevant = { field = "gioi_tinh", equals = "male" }
required = true

[[steps.fields]]
id = "ghi_chu"
kind = "text"
label = { vi = "Ghi chú" }
constraint = { max_length = 5, message = { vi = "Tối đa năm chữ", en = "Five letters at most" } }

[[steps.fields]]
id = "ngay_sinh_chong"
kind = "date"
label = { vi = "Ngày sinh của chồng" }
constraint = { min_age = 20 }

[[steps.fields]]
id = "ngay_sinh_be"
kind = "date"
label = { vi = "Ngày sinh của bé" }
late = { days = 60, vi = "Quá 60 ngày", en = "Over 60 days" }

[[steps.fields]]
id = "ngay_sinh_tre"
kind = "date"
label = { vi = "Ngày sinh của trẻ" }
late = { days = 60, vi = "Quá 60 ngày.", en = "Over 60 days." }
recent = { days = 2190, vi = "Dưới 6 tuổi.", en = "Under 6." }
"#;

    fn form() -> Procedure {
        load_one(&SourceFile {
            name: "f.toml".into(),
            text: FORM.into(),
        })
        .unwrap()
    }

    fn today() -> Date {
        Date::new(2026, 11, 28).unwrap()
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn id_number_is_checked_against_other_answers() {
        let p = form();
        let f = p.field("so").unwrap();
        let a = answers(&[("gioi_tinh", "male"), ("ngay_sinh", "01/01/1992")]);
        let err = check_answer(f, "038090012345", &a, today()).unwrap_err();
        assert_eq!(err.key, "validate.id.year_mismatch");
        let a = answers(&[("gioi_tinh", "female"), ("ngay_sinh", "01/01/1990")]);
        assert_eq!(
            check_answer(f, "038090012345", &a, today()).unwrap_err().key,
            "validate.id.sex_mismatch"
        );
        assert!(check_answer(f, "038190012345", &a, today()).is_ok());
    }

    #[test]
    fn constraints_and_kinds() {
        let p = form();
        let n = p.field("so_con").unwrap();
        assert_eq!(check_answer(n, "3", &Answers::new(), today()).unwrap().value, "3");
        assert_eq!(
            check_answer(n, "21", &Answers::new(), today()).unwrap_err().key,
            "validate.number.range"
        );
        assert_eq!(
            check_answer(n, "ba", &Answers::new(), today()).unwrap_err().key,
            "validate.number.form"
        );
        let note = p.field("ghi_chu").unwrap();
        assert_eq!(
            check_answer(note, "Nguyễn", &Answers::new(), today())
                .unwrap_err()
                .key,
            "validate.custom"
        );
        let err = check_answer(note, "Nguyễn", &Answers::new(), today()).unwrap_err();
        assert_eq!(err.render(Lang::Vi), "Tối đa năm chữ");
        assert_eq!(err.render(Lang::En), "Five letters at most");
        assert!(check_answer(note, "Nguyễ", &Answers::new(), today()).is_ok());
        let c = p.field("gioi_tinh").unwrap();
        assert_eq!(
            check_answer(c, "other", &Answers::new(), today())
                .unwrap_err()
                .key,
            "validate.choice.unknown"
        );
        let x = p.field("xa").unwrap();
        let qc = Units::embedded().commune_by_name(38, "quang chieu").unwrap().code;
        assert!(check_answer(x, &qc.to_string(), &Answers::new(), today()).is_ok());
        assert_eq!(
            check_answer(x, "1", &Answers::new(), today()).unwrap_err().key,
            "validate.commune.unknown"
        );
    }

    /// Issue 14: the age to marry is counted in whole years to today; a
    /// birth more than 60 days back is kept with a warning, never refused.
    #[test]
    fn ages_and_lateness_of_dates() {
        let p = form();
        let man = p.field("ngay_sinh_chong").unwrap();
        let none = Answers::new();
        assert!(check_answer(man, "28/11/2006", &none, today()).is_ok());
        let err = check_answer(man, "29/11/2006", &none, today()).unwrap_err();
        assert_eq!(err.key, "validate.date.too_young");
        assert!(
            err.render(Lang::Vi).contains("20 tuổi"),
            "{}",
            err.render(Lang::Vi)
        );
        let baby = p.field("ngay_sinh_be").unwrap();
        let on_time = check_answer(baby, "29/09/2026", &none, today()).unwrap();
        assert_eq!(on_time.warning, None);
        let late = check_answer(baby, "28/09/2026", &none, today()).unwrap();
        assert_eq!(late.value, "28/09/2026");
        assert_eq!(late.warning.unwrap().render(Lang::En), "Over 60 days");
        let text = FORM.replace(
            "kind = \"text\"\nlabel = { vi = \"Ghi chú\" }",
            "kind = \"text\"\nlabel = { vi = \"Ghi chú\" }\nlate = { days = 1, vi = \"x\" }",
        );
        let err = load_one(&SourceFile {
            name: "f.toml".into(),
            text,
        })
        .unwrap_err();
        assert!(
            err[0].render(Lang::Vi).contains("chỉ trường ngày"),
            "{:?}",
            err[0].render(Lang::Vi)
        );
    }

    /// Issue 31: a date within its `recent` days has its note (a child
    /// under 6 can have the liên thông bundle); late and recent together
    /// are both said, in both languages.
    #[test]
    fn a_recent_date_has_its_note_beside_the_late_one() {
        let p = form();
        let child = p.field("ngay_sinh_tre").unwrap();
        let none = Answers::new();
        let said = |day: &str, lang| {
            check_answer(child, day, &none, today())
                .unwrap()
                .warning
                .map(|m| m.render(lang))
        };
        assert_eq!(said("20/11/2026", Lang::Vi).as_deref(), Some("Dưới 6 tuổi."));
        assert_eq!(
            said("01/01/2024", Lang::Vi).as_deref(),
            Some("Quá 60 ngày. Dưới 6 tuổi.")
        );
        assert_eq!(
            said("01/01/2024", Lang::En).as_deref(),
            Some("Over 60 days. Under 6.")
        );
        assert_eq!(said("01/01/2015", Lang::En).as_deref(), Some("Over 60 days."));
        // Only a date has one.
        let text = FORM.replace(
            "kind = \"text\"\nlabel = { vi = \"Ghi chú\" }",
            "kind = \"text\"\nlabel = { vi = \"Ghi chú\" }\nrecent = { days = 1, vi = \"x\" }",
        );
        let err = load_one(&SourceFile {
            name: "f.toml".into(),
            text,
        })
        .unwrap_err();
        assert!(
            err[0].render(Lang::Vi).contains("recent"),
            "{}",
            err[0].render(Lang::Vi)
        );
    }

    /// A step's `refer` is an id like any other: a malformed one is said.
    #[test]
    fn a_step_refers_to_another_procedure_by_its_id() {
        let with = |refer: &str| {
            load_one(&SourceFile {
                name: "f.toml".into(),
                text: FORM.replacen("[[steps]]", &format!("[[steps]]\nrefer = \"{refer}\""), 1),
            })
        };
        let p = with("dang-ky-khai-sinh").unwrap();
        assert_eq!(p.steps[0].refer.as_deref(), Some("dang-ky-khai-sinh"));
        let err = with("Đăng ký").unwrap_err();
        assert!(
            err[0].render(Lang::Vi).contains("Đăng ký"),
            "{}",
            err[0].render(Lang::Vi)
        );
    }

    #[test]
    fn problems_follow_conditions() {
        let p = form();
        let mut a = answers(&[
            ("gioi_tinh", "female"),
            ("ngay_sinh", "01/01/1990"),
            ("so", "038190012345"),
        ]);
        // so_con is required for a woman; xa is hidden.
        let ps = problems(&p, &a, today());
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].0, "so_con");
        // The file's own words for an empty required field (they were loaded
        // but never shown before).
        assert_eq!(ps[0].1.render(Lang::Vi), "Ghi số con (0 nếu chưa có)");
        let empty = check_answer(p.field("so_con").unwrap(), " ", &a, today()).unwrap_err();
        assert_eq!(empty.render(Lang::En), "Write the number of children (0 if none)");
        a.insert("so_con".into(), "2".into());
        assert!(problems(&p, &a, today()).is_empty());
        // Changing the sex shows the commune and makes the number inconsistent.
        a.insert("gioi_tinh".into(), "male".into());
        let ps: Vec<_> = problems(&p, &a, today()).into_iter().map(|(f, _)| f).collect();
        assert_eq!(ps, ["so", "xa"]);
    }
}
