//! Residents: their records and the index entries that find them.

use super::records::{Id, Resident};
use super::{Store, StoreError, index, now_ms};

impl Store {
    /// Stores a new resident (its `id` is assigned here) and indexes its
    /// name, identification number and phone as keyed hashes.
    pub fn create_resident(&self, mut resident: Resident) -> Result<Resident, StoreError> {
        resident.id = Id::new(now_ms())?;
        self.save_resident(None, &resident)?;
        Ok(resident)
    }

    /// Replaces a resident's details and re-indexes them.
    pub fn update_resident(&self, resident: &Resident) -> Result<(), StoreError> {
        let old: Option<Resident> = self.get(&self.residents, &resident.id)?;
        if old.is_none() {
            return Err(StoreError::NotFound);
        }
        self.save_resident(old.as_ref(), resident)
    }

    fn save_resident(&self, old: Option<&Resident>, new: &Resident) -> Result<(), StoreError> {
        let value = self.seal(&new.id.0, new)?;
        let remove = old
            .map(|o| index::resident_keys(&self.index_key, o))
            .unwrap_or_default();
        self.commit(|tx| {
            tx.residents.insert(&new.id.0[..], value.clone())?;
            tx.replace_keys(&remove, &self.resident_keys(tx, new)?)
        })
    }

    pub fn resident(&self, id: &Id) -> Result<Option<Resident>, StoreError> {
        self.get(&self.residents, id)
    }
}
