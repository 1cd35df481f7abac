//! Cases: creation and committed edits, each with its audit event.

use std::collections::BTreeMap;

use super::records::{AuditEvent, Case, Change, Id, Resident, Status};
use super::{StatusChange, Store, StoreError, Tx, TxResult, abort, index, merge, now_ms};
use trolyso_core::domain::procedure::{AnswerRole, FoundFields, Level, ResidentFields};
use trolyso_core::domain::validate::Sex;

/// Someone on file a case turns out to be for (by their identification
/// number), and the record the case had of its own until then.
struct Known {
    person: Resident,
    own_record: Option<Id>,
}

impl Store {
    pub fn create_case(
        &self,
        procedure_id: &str,
        procedure_version: u32,
        resident_id: Option<Id>,
        helper: &str,
    ) -> Result<Case, StoreError> {
        let now = now_ms();
        let tick = self.tick(now);
        let case = Case {
            resident_id,
            revision: 1,
            written: tick,
            ..Case::new(Id::new(now)?, procedure_id, procedure_version, helper, now)
        };
        let value = self.seal(&case.id.0, &case)?;
        let event = self.audit_value(now, helper, Some(case.id), Change::Created)?;
        self.commit(|tx| {
            tx.cases.insert(&case.id.0[..], value.clone())?;
            for k in index::case_keys(&case) {
                tx.idx.insert(k.as_slice(), &[][..])?;
            }
            tx.audit.insert(&event.0.0[..], event.1.clone())?;
            self.write_facts(tx, &case, helper, now)
        })?;
        Ok(case)
    }

    pub fn case(&self, id: &Id) -> Result<Option<Case>, StoreError> {
        self.get(&self.cases, id)
    }

    /// One committed edit: the answer to one field (empty removes it).
    /// Returns only after the edit is on disk.
    pub fn set_answer(&self, id: &Id, field: &str, value: &str, helper: &str) -> Result<Case, StoreError> {
        self.save_answer(id, field, value, helper, &AnswerRole::default())
    }

    /// One committed edit of an answer. For an answer of the resident's
    /// (`role.resident`), their record is brought up to date from the case's
    /// answers in the same transaction (created and linked to the case the
    /// first time a name is there): a crash leaves the answer, the record and
    /// the link together or not at all. An answer naming a person (the
    /// child's, the father's name) is indexed with the case, so Home finds
    /// the case by it.
    pub fn save_answer(
        &self,
        id: &Id,
        field: &str,
        value: &str,
        helper: &str,
        role: &AnswerRole,
    ) -> Result<Case, StoreError> {
        let resident = role.resident.as_ref();
        let value = trolyso_core::text::nfc(value.trim());
        let now = now_ms();
        // Drawn before the transaction (it may run more than once), and only
        // for an answer that can name the resident.
        let new_resident = resident.map(|_| Id::new(now)).transpose()?;
        // The resident's identification number names someone on file: the
        // case is theirs (looked up before the transaction, which cannot
        // scan the index).
        let known = match resident {
            Some(fields) if fields.id_number.as_deref() == Some(field) => self.known_person(id, &value)?,
            _ => None,
        };
        // A person the case names (the father): their record on file by
        // the number the case will hold.
        let named = match &role.named {
            Some(group) => {
                let case = self.case(id)?.ok_or(StoreError::NotFound)?;
                let mut answers = case.answers.clone();
                if value.is_empty() {
                    answers.remove(field);
                } else {
                    answers.insert(field.to_owned(), value.clone());
                }
                self.look_up_named(std::slice::from_ref(group), &case, &answers)?
            }
            None => Vec::new(),
        };
        let change = Change::Answer {
            field: field.to_owned(),
        };
        self.edit_case_in(id, helper, change, now, |tx, case| {
            let found_before = (role.found.as_ref()).map(|f| index::found_keys(&self.index_key, f, case));
            if value.is_empty() {
                case.answers.remove(field);
            } else {
                case.answers.insert(field.to_owned(), value.clone());
            }
            case.last_field = Some(field.to_owned());
            if let (Some(fields), Some(known)) = (resident, &known) {
                self.take_known(tx, case, fields, known, helper, now)?;
            }
            if let (Some(found), Some(before)) = (&role.found, found_before) {
                tx.replace_keys(&before, &self.found_keys(tx, found, case)?)?;
            }
            if let Some((fields, new_id)) = resident.zip(new_resident) {
                self.sync_resident(tx, case, fields, new_id, helper, now)?;
            }
            self.link_named(tx, case, &named)
        })
    }

    /// The person on file whose identification number is `number`, for the
    /// case `case`, with whether the case's own record (if any) is only its
    /// own (made as the name was typed, before the number was).
    fn known_person(&self, case: &Id, number: &str) -> Result<Option<Known>, StoreError> {
        let Some(digits) = super::named::id_digits(number) else {
            return Ok(None);
        };
        let Some(person) = self.person_by_number(&digits)? else {
            return Ok(None);
        };
        let current = self.case(case)?.and_then(|c| c.resident_id);
        if current == Some(person.id) {
            return Ok(None);
        }
        let own_record = current.filter(|rid| self.only_case_of(rid, case));
        // A record with other cases is another person on file: joining two
        // records is a person's choice, not this save's.
        if current.is_some() && own_record.is_none() {
            return Ok(None);
        }
        Ok(Some(Known { person, own_record }))
    }

    /// Whether `case` is the one case of the person `resident` (a key that
    /// cannot be read counts as another case: their record stays).
    pub(super) fn only_case_of(&self, resident: &Id, case: &Id) -> bool {
        (self
            .idx
            .scan_prefix(index::cases_of_resident_prefix(resident))
            .keys())
        .all(|k| k.is_ok_and(|k| k.ends_with(&case.0)))
    }

    /// Inside a transaction: the case becomes `known.person`'s. The record
    /// made for it alone goes; the resident's answers the case lacks are
    /// filled from the person's record (what is typed stays).
    fn take_known(
        &self,
        tx: &Tx,
        case: &mut Case,
        fields: &ResidentFields,
        known: &Known,
        helper: &str,
        now: i64,
    ) -> TxResult<()> {
        if let Some(own) = known.own_record {
            if let Some(bytes) = tx.residents.get(&own.0[..])? {
                let old: Resident = self.open_record(&own.0, &bytes).or_else(abort)?;
                tx.replace_keys(&index::resident_keys(&self.index_key, &old), &[])?;
            }
            tx.residents.remove(&own.0[..])?;
        }
        let p = &known.person;
        for (field, value) in p.answers_for(fields) {
            if case.answers.get(&field).is_none_or(|v| v.is_empty()) {
                case.answers.insert(field, value);
            }
        }
        case.resident_id = Some(p.id);
        self.audit_in(tx, now, helper, Some(case.id), Change::Resident)
    }

    /// Inside a transaction: the answers a case is found by may have
    /// changed from `old`'s to `new`'s; its keys follow.
    pub(super) fn refind(
        &self,
        tx: &Tx,
        found: &FoundFields,
        old: Option<&Case>,
        new: &Case,
    ) -> TxResult<()> {
        let before = old
            .map(|c| index::found_keys(&self.index_key, found, c))
            .unwrap_or_default();
        tx.replace_keys(&before, &self.found_keys(tx, found, new)?)
    }

    /// Copies the resident's answers to their record inside a transaction,
    /// creating the record (with `new_id`) and linking the case the first
    /// time a name is there.
    pub(super) fn sync_resident(
        &self,
        tx: &Tx,
        case: &mut Case,
        fields: &ResidentFields,
        new_id: Id,
        helper: &str,
        now: i64,
    ) -> TxResult<()> {
        let answer = |f: &Option<String>| f.as_ref().and_then(|f| case.answers.get(f)).cloned();
        let Some(full_name) = answer(&fields.name) else {
            return Ok(());
        };
        let mut resident = Resident {
            id: case.resident_id.unwrap_or(new_id),
            full_name,
            // Kept as digits: typed with spaces or dots (a save while
            // typing), the number still finds the person.
            id_number: answer(&fields.id_number)
                .map(|n| n.chars().filter(char::is_ascii_digit).collect::<String>())
                .filter(|n| !n.is_empty()),
            birth_date: answer(&fields.birth_date),
            sex: answer(&fields.sex).as_deref().and_then(Sex::from_answer),
            phone: answer(&fields.phone),
            commune_code: answer(&fields.commune).and_then(|c| c.parse().ok()),
            address: answer(&fields.address),
            notes: String::new(),
        };
        let old: Option<Resident> = match tx.residents.get(&resident.id.0[..])? {
            Some(bytes) => Some(self.open_record(&resident.id.0, &bytes).or_else(abort)?),
            None => None,
        };
        if let Some(old) = &old {
            resident.commune_code = resident.commune_code.or(old.commune_code);
            resident.address = resident.address.or_else(|| old.address.clone());
            resident.notes = old.notes.clone();
            // A person's record serves all their cases: what this case's
            // procedure does not ask stays as another case left it.
            resident.id_number = resident.id_number.or_else(|| old.id_number.clone());
            resident.birth_date = resident.birth_date.or_else(|| old.birth_date.clone());
            resident.sex = resident.sex.or(old.sex);
            resident.phone = resident.phone.or_else(|| old.phone.clone());
        }
        let old_keys = (old.as_ref())
            .map(|o| index::resident_keys(&self.index_key, o))
            .unwrap_or_default();
        tx.replace_keys(&old_keys, &self.resident_keys(tx, &resident)?)?;
        let sealed = self.seal(&resident.id.0, &resident).or_else(abort)?;
        tx.residents.insert(&resident.id.0[..], sealed)?;
        if case.resident_id.is_none() {
            case.resident_id = Some(resident.id);
            self.audit_in(tx, now, helper, Some(case.id), Change::Resident)?;
        }
        Ok(())
    }

    /// Marks a document as brought (or not).
    pub fn set_document(
        &self,
        id: &Id,
        document: &str,
        brought: bool,
        helper: &str,
    ) -> Result<Case, StoreError> {
        self.edit_case(
            id,
            helper,
            Change::Document {
                document: document.to_owned(),
            },
            |case| {
                case.documents.insert(document.to_owned(), brought);
                Ok(())
            },
        )
    }

    /// Records the readiness checklist gone through before starting.
    pub fn set_readiness(
        &self,
        id: &Id,
        items: &BTreeMap<String, bool>,
        helper: &str,
    ) -> Result<Case, StoreError> {
        self.edit_case(id, helper, Change::Readiness, |case| {
            case.readiness = items.clone();
            Ok(())
        })
    }

    /// Moves a case along its lifecycle. Pausing and cancelling need a
    /// reason; filing needs the hồ sơ code.
    pub fn set_status(
        &self,
        id: &Id,
        to: Status,
        change: &StatusChange,
        helper: &str,
    ) -> Result<Case, StoreError> {
        let current = self.case(id)?.ok_or(StoreError::NotFound)?;
        self.edit_case(
            id,
            helper,
            Change::Status {
                from: current.status,
                to,
            },
            |case| {
                if !case.status.can_become(to) {
                    return Err(StoreError::BadTransition {
                        from: case.status,
                        to,
                    });
                }
                match to {
                    Status::Paused | Status::Cancelled => {
                        case.reason = Some(change.reason.ok_or(StoreError::MissingReason)?);
                        case.next_visit = change.next_visit.clone().filter(|d| !d.trim().is_empty());
                        case.pause_note = change
                            .note
                            .as_deref()
                            .map(|n| trolyso_core::text::nfc(n.trim()))
                            .filter(|n| !n.is_empty());
                    }
                    Status::Filed => {
                        let code = change
                            .hoso_code
                            .as_deref()
                            .map(str::trim)
                            .filter(|c| !c.is_empty());
                        case.hoso_code = Some(code.ok_or(StoreError::MissingHosoCode)?.to_owned());
                        case.filed_level = change.level.filter(|l| matches!(l, Level::Full | Level::Partial));
                        case.reason = None;
                        case.next_visit = None;
                        case.pause_note = None;
                    }
                    _ => {
                        case.reason = None;
                        case.next_visit = None;
                        case.pause_note = None;
                    }
                }
                case.status = to;
                Ok(())
            },
        )
    }

    fn edit_case(
        &self,
        id: &Id,
        helper: &str,
        change: Change,
        apply: impl Fn(&mut Case) -> Result<(), StoreError>,
    ) -> Result<Case, StoreError> {
        self.edit_case_in(id, helper, change, now_ms(), |_, case| apply(case).or_else(abort))
    }

    /// Reads, changes and writes one case with its index entries and an
    /// audit event in one transaction, then flushes; `apply` may write to
    /// the other trees in the same transaction.
    pub(super) fn edit_case_in(
        &self,
        id: &Id,
        helper: &str,
        change: Change,
        now: i64,
        apply: impl Fn(&Tx, &mut Case) -> TxResult<()>,
    ) -> Result<Case, StoreError> {
        let event = self.audit_value(now, helper, Some(*id), change)?;
        let tick = self.tick(now);
        self.commit(|tx| {
            let Some(bytes) = tx.cases.get(&id.0[..])? else {
                return abort(StoreError::NotFound);
            };
            let old: Case = self.open_record(&id.0, &bytes).or_else(abort)?;
            let mut case = old.clone();
            apply(tx, &mut case)?;
            merge::stamp(&old, &mut case, tick, &self.machine, helper);
            case.written = tick;
            case.revision = old.revision + 1;
            // Keep the recent list in edit order even if the clock steps back.
            case.updated_at_ms = now.max(old.updated_at_ms + 1);
            let value = self.seal(&id.0, &case).or_else(abort)?;
            tx.cases.insert(&id.0[..], value)?;
            tx.replace_keys(&index::case_keys(&old), &index::case_keys(&case))?;
            tx.replace_keys(
                &index::hoso_keys(&self.index_key, &old),
                &index::hoso_keys(&self.index_key, &case),
            )?;
            tx.audit.insert(&event.0.0[..], event.1.clone())?;
            self.write_facts(tx, &case, helper, now)?;
            super::exchange::mark_unsettled(tx, &case)?;
            Ok(case)
        })
    }

    /// Inside a transaction: an audit event written with the rest.
    pub(super) fn audit_in(
        &self,
        tx: &Tx,
        now: i64,
        helper: &str,
        case_id: Option<Id>,
        change: Change,
    ) -> TxResult<()> {
        let (key, event) = self.audit_value(now, helper, case_id, change).or_else(abort)?;
        tx.audit.insert(&key.0[..], event)?;
        Ok(())
    }

    pub(super) fn audit_value(
        &self,
        now: i64,
        helper: &str,
        case_id: Option<Id>,
        change: Change,
    ) -> Result<(Id, Vec<u8>), StoreError> {
        // Microseconds of the wall clock, or one more than the last key:
        // always increasing (keys of older stores, in milliseconds, are
        // smaller and stay first).
        let wall = (now.max(0) as u64).saturating_mul(1000);
        let mut key = Id::new(now)?;
        key.0[..8].copy_from_slice(&super::clock::advance(&self.audit_clock, wall).to_be_bytes());
        let event = AuditEvent {
            at_ms: now,
            helper: helper.to_owned(),
            case_id,
            change,
        };
        Ok((key, self.seal(&key.0, &event)?))
    }

    /// Audit events, oldest first.
    pub fn audit_events(&self) -> impl Iterator<Item = Result<AuditEvent, StoreError>> + '_ {
        self.audit.iter().map(move |kv| {
            let (k, v) = kv?;
            self.open_record(&k, &v)
        })
    }
}
