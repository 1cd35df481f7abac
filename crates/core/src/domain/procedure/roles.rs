//! What an answer is to people besides its value: the one place that says
//! which answers are the resident's (kept on their record) and which name a
//! person (a case is found by them). The wizard, bundles, the merge, the
//! person index and seeding all ask here.

use super::model::{Procedure, ResidentFields};

/// A procedure's fields by role, as the merge of bundles needs them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldRoles {
    /// The answers copied to the resident's record (their name, numbers…).
    pub resident: ResidentFields,
    /// Answers that name a person other than the resident (the child, a
    /// parent); the resident's own name is found through their record.
    pub people: Vec<String>,
}

/// Where one answer goes besides the case when it is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerRole {
    /// The field is one of the resident's: their record is brought up to
    /// date from the case's answers (these fields) in the same transaction.
    pub resident: Option<ResidentFields>,
    /// The answer names a person: Home finds the case by it.
    pub names_person: bool,
}

impl Procedure {
    pub fn roles(&self) -> FieldRoles {
        FieldRoles {
            resident: self.resident.clone(),
            people: self
                .person_name_fields()
                .filter(|f| self.resident.name.as_ref() != Some(&f.id))
                .map(|f| f.id.clone())
                .collect(),
        }
    }

    /// The role of an answer to `field` of this procedure.
    pub fn answer_role(&self, field: &str) -> AnswerRole {
        AnswerRole {
            resident: Some(&self.resident).filter(|r| r.contains(field)).cloned(),
            names_person: self.person_name_fields().any(|f| f.id == field),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::assets::AssetSource;
    use crate::domain::procedure::load_all;

    #[test]
    fn a_birth_registration_keeps_the_mother_on_her_record_and_finds_the_child_by_name() {
        let catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
        let birth = catalogue.get("dang-ky-khai-sinh").unwrap();

        let mother = birth.answer_role("ho_ten_me");
        assert_eq!(mother.resident.as_ref(), Some(&birth.resident));
        assert!(mother.names_person);
        let child = birth.answer_role("ho_ten_tre");
        assert_eq!(child.resident, None);
        assert!(child.names_person);
        let place = birth.answer_role("noi_sinh");
        assert_eq!((place.resident, place.names_person), (None, false));

        // The merge asks a person about the other people's names; the
        // mother's is hers, through her record.
        let roles = birth.roles();
        assert!(roles.people.iter().any(|f| f == "ho_ten_tre"));
        assert!(!roles.people.iter().any(|f| f == "ho_ten_me"));
        assert_eq!(roles.resident, birth.resident);
    }
}
