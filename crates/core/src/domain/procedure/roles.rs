//! What an answer is to people besides its value: the one place that says
//! which answers are the resident's (kept on their record) and which a case
//! is found by (a person's name, a number or code). The wizard, bundles, the
//! merge, the case indexes and seeding all ask here.

use super::model::{FieldKind, Procedure, ResidentFields};

/// A procedure's fields by role, as the merge of bundles needs them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldRoles {
    /// The answers copied to the resident's record (their name, numbers…).
    pub resident: ResidentFields,
    /// The answers the case is found by.
    pub found: FoundFields,
    /// The other people a case names with their number (the father, a
    /// child): each linked to their own record on file.
    pub named: Vec<ResidentFields>,
}

/// The answers a case is found by from Home, besides its resident's record.
/// Two of them may share an index key ("Nguyễn" in the child's and the
/// father's name, the same last digits in two numbers), so a case's keys are
/// always worked out from all of them together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoundFields {
    /// Answers naming a person: the resident, a child, a parent.
    pub names: Vec<String>,
    /// Answers holding a number or code: a person's identification number
    /// or phone, a code the portal gave. Found by their last digits.
    pub numbers: Vec<String>,
}

impl FoundFields {
    pub fn contains(&self, field: &str) -> bool {
        self.names.iter().chain(&self.numbers).any(|f| f == field)
    }

    /// The names among `answers`.
    pub fn names_in<'a>(&'a self, answers: &'a super::Answers) -> impl Iterator<Item = &'a str> + 'a {
        self.names
            .iter()
            .filter_map(|f| answers.get(f))
            .map(String::as_str)
    }

    /// The numbers and codes among `answers`.
    pub fn numbers_in<'a>(&'a self, answers: &'a super::Answers) -> impl Iterator<Item = &'a str> + 'a {
        self.numbers
            .iter()
            .filter_map(|f| answers.get(f))
            .map(String::as_str)
    }
}

/// Where one answer goes besides the case when it is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerRole {
    /// The field is one of the resident's: their record is brought up to
    /// date from the case's answers (these fields) in the same transaction.
    pub resident: Option<ResidentFields>,
    /// The answer is one the case is found by: all of them, so the case's
    /// keys are worked out whole. None for any other answer.
    pub found: Option<FoundFields>,
    /// The answer is one of another person's the case names (the father's
    /// name, number or birth date): their fields, by which their own record
    /// is kept and linked.
    pub named: Option<ResidentFields>,
}

impl Procedure {
    pub fn roles(&self) -> FieldRoles {
        FieldRoles {
            resident: self.resident.clone(),
            found: self.found_fields(),
            named: self.named_people(),
        }
    }

    /// The other people a case of this procedure names with their own
    /// identification number: the fields `ho_ten_X`, `so_dinh_danh_X` and
    /// `ngay_sinh_X` of one person share their ending (`_cha`, `_me`,
    /// `_tre`…), as the procedure files' README says. The resident's own
    /// fields are not among them.
    pub fn named_people(&self) -> Vec<ResidentFields> {
        let field_of = |id: String, kinds: &[FieldKind]| {
            self.field(&id)
                .filter(|f| kinds.contains(&f.kind))
                .map(|f| f.id.clone())
        };
        self.person_name_fields()
            .filter(|f| self.resident.name.as_ref() != Some(&f.id))
            .filter_map(|f| {
                let person = f.id.strip_prefix("ho_ten_")?;
                Some(ResidentFields {
                    name: Some(f.id.clone()),
                    id_number: Some(field_of(
                        format!("so_dinh_danh_{person}"),
                        &[FieldKind::IdNumber, FieldKind::OldId],
                    )?),
                    birth_date: field_of(format!("ngay_sinh_{person}"), &[FieldKind::Date]),
                    ..ResidentFields::default()
                })
            })
            .filter(|p| !self.resident.contains(p.id_number.as_deref().unwrap_or_default()))
            .collect()
    }

    pub fn found_fields(&self) -> FoundFields {
        FoundFields {
            names: self.person_name_fields().map(|f| f.id.clone()).collect(),
            numbers: self.number_fields().map(|f| f.id.clone()).collect(),
        }
    }

    /// The role of an answer to `field` of this procedure.
    pub fn answer_role(&self, field: &str) -> AnswerRole {
        AnswerRole {
            resident: Some(&self.resident).filter(|r| r.contains(field)).cloned(),
            found: Some(self.found_fields()).filter(|found| found.contains(field)),
            named: self.named_people().into_iter().find(|p| p.contains(field)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::assets::AssetSource;
    use crate::domain::procedure::load_all;

    #[test]
    fn a_birth_registration_keeps_the_mother_on_her_record_and_finds_the_case_by_every_name_and_number() {
        let catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
        let birth = catalogue.get("dang-ky-khai-sinh").unwrap();

        let mother = birth.answer_role("ho_ten_me");
        assert_eq!(mother.resident.as_ref(), Some(&birth.resident));
        let found = mother.found.expect("the mother's name finds the case");
        let child = birth.answer_role("ho_ten_tre");
        assert_eq!(child.resident, None);
        assert_eq!(
            child.found.as_ref(),
            Some(&found),
            "all of them, whichever is saved"
        );
        assert!(found.names.iter().any(|f| f == "ho_ten_tre"));
        // The father's number and the hồ sơ code find the case too.
        assert!(found.numbers.iter().any(|f| f == "so_dinh_danh_cha"));
        assert!(found.numbers.iter().any(|f| f == "ma_ho_so"));
        assert!(birth.answer_role("so_dinh_danh_cha").found.is_some());
        let place = birth.answer_role("noi_sinh");
        assert_eq!((place.resident, place.found, place.named), (None, None, None));
        // The father is named with his number: his own record is kept.
        let father = birth.answer_role("so_dinh_danh_cha").named.unwrap();
        assert_eq!(father.name.as_deref(), Some("ho_ten_cha"));
        assert_eq!(father.birth_date.as_deref(), Some("ngay_sinh_cha"));
        assert_eq!(birth.answer_role("ho_ten_cha").named, Some(father));
        assert_eq!(mother.named, None, "the resident is no one else");

        let roles = birth.roles();
        assert_eq!(roles.resident, birth.resident);
        assert_eq!(roles.found, found);
    }
}
