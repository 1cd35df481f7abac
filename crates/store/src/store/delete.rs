//! A draft deleted: a case begun by mistake and never filed goes with its
//! answers, index keys and facts (the audit log keeps who deleted it and
//! when), and with it the record of a person who has no other case. A mark
//! of its id keeps a bundle from another machine from bringing it back.

use super::records::{Case, Change, Id, Resident, Status};
use super::{Store, StoreError, abort, exchange, facts, index, now_ms};
use trolyso_core::domain::procedure::FoundFields;

impl Case {
    /// Nothing about it was ever filed: it may be deleted.
    pub fn is_draft(&self) -> bool {
        self.hoso_code.is_none()
            && matches!(
                self.status,
                Status::Preparing | Status::ReadyToFile | Status::Paused | Status::Cancelled
            )
    }
}

impl Store {
    /// Deletes the draft `id` (`found`: the answers its procedure is found
    /// by, whose keys go too). Refused for a case that was filed.
    pub fn delete_draft(&self, id: &Id, helper: &str, found: &FoundFields) -> Result<(), StoreError> {
        let case = self.case(id)?.ok_or(StoreError::NotFound)?;
        if !case.is_draft() {
            return Err(StoreError::NotADraft);
        }
        // The person's record goes only when this was their one case
        // (looked up before the transaction, which cannot scan).
        let alone = case.resident_id.is_some_and(|rid| self.only_case_of(&rid, id));
        // A person only this draft named (their record made from it) goes
        // with it.
        let mut only_here = Vec::new();
        for person in case.named.values() {
            if self.only_named_by(person, id)? {
                only_here.push(*person);
            }
        }
        let now = now_ms();
        let event = self.audit_value(now, helper, Some(*id), Change::Deleted)?;
        self.commit(|tx| {
            let Some(bytes) = tx.cases.get(&id.0[..])? else {
                return abort(StoreError::NotFound);
            };
            let case: Case = self.open_record(&id.0, &bytes).or_else(abort)?;
            if !case.is_draft() {
                return abort(StoreError::NotADraft);
            }
            tx.cases.remove(&id.0[..])?;
            let keys = [
                index::case_keys(&case),
                index::hoso_keys(&self.index_key, &case),
                index::found_keys(&self.index_key, found, &case),
            ]
            .concat();
            tx.replace_keys(&keys, &[])?;
            tx.idx.remove(facts::facts_key(id))?;
            exchange::forget_unsettled(tx, id)?;
            if let Some(rid) = case.resident_id.filter(|_| alone)
                && let Some(bytes) = tx.residents.get(&rid.0[..])?
            {
                let person: Resident = self.open_record(&rid.0, &bytes).or_else(abort)?;
                tx.replace_keys(&index::resident_keys(&self.index_key, &person), &[])?;
                tx.residents.remove(&rid.0[..])?;
            }
            for person in case.named.values() {
                tx.idx.remove(index::named_key(person, id))?;
                if only_here.contains(person) {
                    self.drop_named(tx, person)?;
                }
            }
            tx.idx.insert(index::deleted_key(id), &[][..])?;
            tx.audit.insert(&event.0.0[..], event.1.clone())?;
            Ok(())
        })
    }

    /// Whether the case `id` was deleted here.
    pub fn was_deleted(&self, id: &Id) -> Result<bool, StoreError> {
        Ok(self.idx.contains_key(index::deleted_key(id))?)
    }
}
