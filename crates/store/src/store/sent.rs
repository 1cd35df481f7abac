//! What the store keeps about counts sent to the province: this folder's
//! machine id, and an audit event for each push or CSV with every row.

use super::records::Change;
use super::{Store, StoreError, crypto, now_ms};

/// Where `meta` keeps the machine id.
pub(super) const MACHINE_ID: &[u8] = b"machine id";

/// The machine id kept in `meta`, made on first open (flushed with the
/// next committed write).
pub(super) fn machine_id(meta: &sled::Tree) -> Result<String, StoreError> {
    if let Some(v) = meta.get(MACHINE_ID)? {
        return Ok(String::from_utf8_lossy(&v).into_owned());
    }
    let bytes: [u8; 8] = crypto::random_bytes()?;
    let id = trolyso_core::text::letter_code(&bytes);
    meta.insert(MACHINE_ID, id.as_bytes())?;
    Ok(id)
}

impl Store {
    /// This data folder's machine id: random, not secret (it names the
    /// sender of counts and of bundles, never a person).
    pub fn machine_id(&self) -> Result<String, StoreError> {
        Ok(self.machine.clone())
    }

    /// Records in the audit log what left for the province, committed
    /// before the caller says it was sent.
    pub fn record_sent(&self, helper: &str, change: Change) -> Result<(), StoreError> {
        let event = self.audit_value(now_ms(), helper, None, change)?;
        self.commit(|tx| {
            tx.audit.insert(&event.0.0[..], event.1.clone())?;
            Ok(())
        })
    }
}
