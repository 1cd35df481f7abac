//! Two records of one person joined, a helper's choice: a resident typed on
//! two machines, or before their number was known, has two records. The
//! other record's cases become the kept one's (each a committed edit, so
//! bundles carry it), what only the other record knew fills the kept one's
//! blanks, and the other record goes. A join cut short is finished by
//! joining again.

use std::collections::BTreeSet;

use super::records::{Change, Id, Resident};
use super::{Store, StoreError, index, now_ms};
use trolyso_core::domain::procedure::{Answers, FieldRoles, ResidentFields};
use trolyso_core::text::fold;

/// Records looked at for a name, at most: a common name is confirmed on
/// this many, not on every namesake.
const NAMESAKES: usize = 200;

impl Store {
    /// Other records that may be the same person as `r`: the same
    /// identification number, or the same name and birth date; with how many
    /// cases each has.
    pub fn look_alikes(&self, r: &Resident) -> Result<Vec<(Resident, usize)>, StoreError> {
        let mut ids = BTreeSet::new();
        if let Some(n) = r.id_number.as_deref().filter(|n| !n.is_empty()) {
            ids.extend(self.ids_under(&index::exact_key(&self.index_key, index::ID_NUMBER, n))?);
        }
        if r.birth_date.is_some() {
            let mut walk = self.exact_word_walk(&r.full_name, index::NAME_WORD);
            let mut target = Vec::new();
            while ids.len() < NAMESAKES
                && let Some(found) = walk.first_at_or_after(&self.idx, &target)?
            {
                ids.extend(Id::from_slice(&found[1..]));
                target = found;
                target.push(0);
            }
        }
        let name = fold(&r.full_name);
        let mut out = Vec::new();
        for id in ids.into_iter().filter(|id| *id != r.id) {
            let Some(other) = self.resident(&id)? else {
                continue;
            };
            let same_number = other.id_number.is_some() && other.id_number == r.id_number;
            let same_birth = other.birth_date.is_some()
                && other.birth_date == r.birth_date
                && fold(&other.full_name) == name;
            // Two different numbers are two people, whatever their names.
            let numbers_differ = matches!((&other.id_number, &r.id_number), (Some(a), Some(b)) if a != b);
            if same_number || (same_birth && !numbers_differ) {
                let cases = self.idx.scan_prefix(index::cases_of_resident_prefix(&id)).count();
                out.push((other, cases));
            }
        }
        Ok(out)
    }

    /// Joins the record `gone` into `kept`: its cases become `kept`'s, its
    /// details fill what `kept` lacks, and it goes (audited). Every case of
    /// the person then has the resident's answers the record knows where
    /// they were blank (`roles`: a procedure's fields by role).
    pub fn join_residents(
        &self,
        kept: &Id,
        gone: &Id,
        helper: &str,
        roles: &dyn Fn(&str) -> FieldRoles,
    ) -> Result<Resident, StoreError> {
        let keep = self.resident(kept)?.ok_or(StoreError::NotFound)?;
        if kept == gone {
            return Ok(keep);
        }
        let other = self.resident(gone)?.ok_or(StoreError::NotFound)?;
        let joined = Resident {
            id_number: keep.id_number.clone().or(other.id_number.clone()),
            birth_date: keep.birth_date.clone().or(other.birth_date.clone()),
            sex: keep.sex.or(other.sex),
            phone: keep.phone.clone().or(other.phone.clone()),
            commune_code: keep.commune_code.or(other.commune_code),
            address: keep.address.clone().or(other.address.clone()),
            notes: [keep.notes.as_str(), other.notes.as_str()]
                .into_iter()
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            ..keep.clone()
        };
        let now = now_ms();
        let cases_of = |r: &Id| self.ids_under(&index::cases_of_resident_prefix(r));
        for id in cases_of(gone)?.into_iter().chain(cases_of(kept)?) {
            let Some(case) = self.case(&id)? else {
                continue;
            };
            let roles = roles(&case.procedure_id);
            let fill = blanks(&joined, &roles.resident, &case.answers);
            if case.resident_id == Some(*kept) && fill.is_empty() {
                continue;
            }
            self.edit_case_in(&id, helper, Change::Resident, now, |tx, case| {
                let before = case.clone();
                case.resident_id = Some(*kept);
                for (field, value) in &fill {
                    case.answers.insert(field.clone(), value.clone());
                }
                self.refind(tx, &roles.found, Some(&before), case)
            })?;
        }
        // Cases that name the other record name the kept one now.
        for id in self.ids_under(&index::named_prefix(gone))? {
            self.edit_case_in(&id, helper, Change::Resident, now, |tx, case| {
                for person in case.named.values_mut().filter(|p| **p == *gone) {
                    *person = *kept;
                }
                tx.idx.remove(index::named_key(gone, &id))?;
                tx.idx.insert(index::named_key(kept, &id), &[][..])?;
                Ok(())
            })?;
        }
        let before = [
            index::resident_keys(&self.index_key, &keep),
            index::resident_keys(&self.index_key, &other),
        ]
        .concat();
        let sealed = self.seal(&kept.0, &joined)?;
        let change = Change::Joined {
            kept: *kept,
            gone: *gone,
        };
        let event = self.audit_value(now, helper, None, change)?;
        self.commit(|tx| {
            tx.replace_keys(&before, &self.resident_keys(tx, &joined)?)?;
            tx.residents.insert(&kept.0[..], sealed.clone())?;
            tx.residents.remove(&gone.0[..])?;
            tx.audit.insert(&event.0.0[..], event.1.clone())?;
            Ok(())
        })?;
        Ok(joined)
    }
}

/// The resident's answers a case lacks that the record knows.
fn blanks(person: &Resident, fields: &ResidentFields, answers: &Answers) -> Vec<(String, String)> {
    person
        .answers_for(fields)
        .into_iter()
        .filter(|(field, _)| answers.get(field).is_none_or(|v| v.is_empty()))
        .collect()
}
