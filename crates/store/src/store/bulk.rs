//! Many records at once, for seeding test data and benchmarks, and the
//! size of what is stored, to compare with the folder on disk.

use super::postings::BatchKeys;
use super::records::{Case, Resident};
use super::{Store, StoreError, facts, index};

impl Store {
    /// Writes many residents and cases at once with a single flush at the
    /// end: for seeding test data and benchmarks, not for a helper's edits
    /// (those go one committed edit at a time).
    /// Every index a folder made by the app has is written: the names and
    /// numbers each case is found by (`found_by` says which answers) too.
    pub fn insert_many(
        &self,
        items: &[(Resident, Case)],
        found_by: &trolyso_core::domain::procedure::FoundBy,
    ) -> Result<(), StoreError> {
        let mut residents = sled::Batch::default();
        let mut cases = sled::Batch::default();
        let mut idx = sled::Batch::default();
        let mut keys = BatchKeys::default();
        let held = self.vocab.hold();
        for (r, c) in items {
            self.learn_into(&mut keys, &r.full_name)?;
            let found = found_by.of(&c.procedure_id);
            for name in found.iter().flat_map(|f| f.names_in(&c.answers)) {
                self.learn_into(&mut keys, name)?;
            }
            residents.insert(&r.id.0[..], self.seal(&r.id.0, r)?);
            cases.insert(&c.id.0[..], self.seal(&c.id.0, c)?);
            for k in index::resident_keys(&self.index_key, r)
                .into_iter()
                .chain(index::case_keys(c))
                .chain(index::hoso_keys(&self.index_key, c))
                .chain(found.map_or_else(Vec::new, |f| index::found_keys(&self.index_key, f, c)))
                .chain(
                    [c.created_at_ms, c.updated_at_ms]
                        .map(|at| facts::day_key(trolyso_core::domain::date::local_day(at), &c.id)),
                )
            {
                keys.insert(k);
            }
            let key = facts::facts_key(&c.id);
            idx.insert(key.clone(), self.seal(&key, &facts::rebuilt(c, &[]))?);
        }
        self.residents.apply_batch(residents)?;
        self.cases.apply_batch(cases)?;
        let learned = keys.write(&self.idx, &mut idx)?;
        self.idx.apply_batch(idx)?;
        self.vocab.add(learned);
        drop(held);
        self.flush_raising_generation()
    }

    /// Bytes of keys and values in every tree: the encoded data, to compare
    /// with the folder's size on disk.
    pub fn stored_bytes(&self) -> Result<u64, StoreError> {
        let mut total = 0u64;
        for tree in [
            &self.meta,
            &self.cases,
            &self.residents,
            &self.audit,
            &self.idx,
            &self.settings,
        ] {
            for kv in tree.iter() {
                let (k, v) = kv?;
                total += (k.len() + v.len()) as u64;
            }
        }
        Ok(total)
    }
}
