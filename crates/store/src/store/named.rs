//! The other people a case names with their identification number (the
//! father of a child being registered, a child): each has a record of their
//! own, found by that number, so their own later visit starts from what is
//! known; the case is linked to the record, and their screen lists it.
//!
//! Records are looked up before a transaction (it cannot scan the index);
//! the transaction reads the record again and writes the record, its keys
//! and the link together.

use super::records::{Case, Id, Resident};
use super::{Store, StoreError, Tx, TxResult, abort, index};
use trolyso_core::domain::procedure::ResidentFields;

/// What a named person's number found before the transaction: the record on
/// file, or the id a new record takes.
#[derive(Debug, Clone)]
pub(super) struct Named {
    pub(super) group: ResidentFields,
    pub(super) on_file: Option<Id>,
    pub(super) new_id: Id,
    /// The id a new record takes when `new_id` is someone's already.
    pub(super) spare_id: Id,
    /// The record linked until now, when this case was all it came from:
    /// it goes if the link moves (a number corrected).
    pub(super) alone: Option<Id>,
}

/// The id of a record made for someone `case` names in `field`: the same on
/// every machine that links them from the same case (no name or number in
/// it), so two machines do not make two records of one father.
fn named_id(case: &Id, field: &str) -> Id {
    use sha2::{Digest, Sha256};
    let hash = Sha256::new()
        .chain_update(b"trolyso: a person a case names")
        .chain_update(case.0)
        .chain_update(field.as_bytes())
        .finalize();
    let mut id = [0u8; 16];
    id.copy_from_slice(&hash[..16]);
    Id(id)
}

/// A number as records keep it (digits), when it can be one: 9 or 12 digits.
pub(super) fn id_digits(number: &str) -> Option<String> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    matches!(digits.len(), 9 | 12).then_some(digits)
}

impl Store {
    /// The person on file with this identification number (digits).
    pub(super) fn person_by_number(&self, digits: &str) -> Result<Option<Resident>, StoreError> {
        let prefix = index::exact_key(&self.index_key, index::ID_NUMBER, digits);
        for rid in self.ids_under(&prefix)? {
            if let Some(r) = self.resident(&rid)?
                && r.id_number.as_deref() == Some(digits)
            {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// Before a transaction: what each person `groups` names in `answers`
    /// (to be `case`'s) finds on file by their number.
    pub(super) fn look_up_named(
        &self,
        groups: &[ResidentFields],
        case: &Case,
        answers: &trolyso_core::domain::procedure::Answers,
    ) -> Result<Vec<Named>, StoreError> {
        let mut out = Vec::new();
        for group in groups {
            let number = group.id_number.as_ref().and_then(|f| answers.get(f));
            let on_file = match number.and_then(|n| id_digits(n)) {
                Some(digits) => self.person_by_number(&digits)?.map(|r| r.id),
                None => None,
            };
            let linked = group.name.as_ref().and_then(|f| case.named.get(f));
            let alone = match linked {
                Some(person) if self.only_named_by(person, &case.id)? => Some(*person),
                _ => None,
            };
            out.push(Named {
                group: group.clone(),
                on_file,
                new_id: named_id(&case.id, group.name.as_deref().unwrap_or_default()),
                spare_id: Id::new(super::now_ms())?,
                alone,
            });
        }
        Ok(out)
    }

    /// Whether `person`'s record came from `case` alone: no case of their
    /// own, no other case naming them.
    pub(super) fn only_named_by(&self, person: &Id, case: &Id) -> Result<bool, StoreError> {
        if self
            .idx
            .scan_prefix(index::cases_of_resident_prefix(person))
            .next()
            .is_some()
        {
            return Ok(false);
        }
        for k in self.idx.scan_prefix(index::named_prefix(person)).keys() {
            if !k?.ends_with(&case.0) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Inside a transaction: the record of someone only this case named
    /// goes (their number corrected, or the case deleted).
    pub(super) fn drop_named(&self, tx: &Tx, person: &Id) -> TxResult<()> {
        if let Some(bytes) = tx.residents.get(&person.0[..])? {
            let record: Resident = self.open_record(&person.0, &bytes).or_else(abort)?;
            tx.replace_keys(&index::resident_keys(&self.index_key, &record), &[])?;
            tx.residents.remove(&person.0[..])?;
        }
        Ok(())
    }

    /// Inside a transaction: each named person's record is kept (made, or
    /// its blanks filled) and linked to `case`; a link whose number went or
    /// changed goes.
    pub(super) fn link_named(&self, tx: &Tx, case: &mut Case, named: &[Named]) -> TxResult<()> {
        for n in named {
            let Some(field) = n.group.name.clone() else {
                continue;
            };
            let answer = |f: &Option<String>| f.as_ref().and_then(|f| case.answers.get(f)).cloned();
            let old = case.named.get(&field).copied();
            let number = answer(&n.group.id_number).and_then(|v| id_digits(&v));
            let name = answer(&n.group.name).filter(|v| !v.is_empty());
            let person = match (number, name) {
                (Some(number), Some(name)) => {
                    self.keep_named(tx, n, number, name, answer(&n.group.birth_date))?
                }
                _ => None,
            };
            // The case's own resident is not someone else it names.
            let person = person.filter(|p| Some(*p) != case.resident_id);
            if old == person {
                // Written again: an older folder's pass may find the link
                // without its key.
                if let Some(p) = person {
                    tx.idx.insert(index::named_key(&p, &case.id), &[][..])?;
                }
                continue;
            }
            if let Some(old) = old {
                tx.idx.remove(index::named_key(&old, &case.id))?;
                case.named.remove(&field);
                if n.alone == Some(old) {
                    self.drop_named(tx, &old)?;
                }
            }
            if let Some(p) = person {
                tx.idx.insert(index::named_key(&p, &case.id), &[][..])?;
                case.named.insert(field, p);
            }
        }
        Ok(())
    }

    /// The record of a named person: the one on file with their number
    /// (what it lacks filled in); else the one this case made before, when
    /// only this case has it (their number or name corrected); else a new
    /// one.
    fn keep_named(
        &self,
        tx: &Tx,
        n: &Named,
        number: String,
        name: String,
        birth_date: Option<String>,
    ) -> TxResult<Option<Id>> {
        let read = |id: Id| -> TxResult<Option<Resident>> {
            match tx.residents.get(&id.0[..])? {
                Some(bytes) => Ok(Some(self.open_record::<Resident>(&id.0, &bytes).or_else(abort)?)),
                None => Ok(None),
            }
        };
        let on_file = match n.on_file {
            Some(id) => read(id)?.filter(|r| r.id_number.as_deref() == Some(number.as_str())),
            None => None,
        };
        let made_here = read(n.new_id)?;
        let (before, person) = match (on_file, made_here) {
            (Some(r), _) => {
                let person = Resident {
                    birth_date: r.birth_date.clone().or(birth_date),
                    ..r.clone()
                };
                (Some(r), person)
            }
            (None, Some(r)) if n.alone == Some(r.id) => {
                let person = Resident {
                    full_name: name,
                    id_number: Some(number),
                    birth_date: birth_date.or(r.birth_date.clone()),
                    ..r.clone()
                };
                (Some(r), person)
            }
            (None, made_here) => {
                // The id this case's record takes is someone's already (their
                // own visit since): a new id.
                let id = if made_here.is_some() { n.spare_id } else { n.new_id };
                let person = Resident {
                    id,
                    full_name: name,
                    id_number: Some(number),
                    birth_date,
                    sex: None,
                    phone: None,
                    commune_code: None,
                    address: None,
                    notes: String::new(),
                };
                (None, person)
            }
        };
        if before.as_ref() != Some(&person) {
            let old_keys = before
                .as_ref()
                .map(|r| index::resident_keys(&self.index_key, r))
                .unwrap_or_default();
            tx.replace_keys(&old_keys, &self.resident_keys(tx, &person)?)?;
            let sealed = self.seal(&person.id.0, &person).or_else(abort)?;
            tx.residents.insert(&person.id.0[..], sealed)?;
        }
        Ok(Some(person.id))
    }

    /// The cases that name `person` (not as their resident), newest first.
    pub fn cases_naming(&self, person: &Id) -> Result<Vec<super::CaseRow>, StoreError> {
        self.rows_newest_first(&index::named_prefix(person))
    }
}
