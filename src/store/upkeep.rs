//! The store's upkeep beside the helper's work: backups (by hand and the
//! daily one on its own thread) and index keys added by later versions.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::records::{Case, Resident};
use super::{DailyBackup, Store, StoreError, backup, index, watch};

impl Store {
    /// Writes one encrypted, checksummed backup file of every tree, read
    /// back and checked before it gets its name.
    pub fn backup(&self, out: &Path) -> Result<(), StoreError> {
        self.may_leave()?;
        backup::write(&self.db, out, &AtomicBool::new(false)).map(|_| ())
    }

    /// The daily backup, in the foreground (for commands that end when done).
    /// Failing to take it is logged and must not stop the work at hand.
    pub fn take_daily_backup(&self) {
        match self.auto_backup_if_due(crate::domain::Date::today()) {
            Ok(Some(path)) => tracing::info!("automatic backup written: {}", path.display()),
            Ok(None) => {}
            Err(e) => tracing::warn!("automatic backup failed: {e}"),
        }
    }

    /// Starts the daily backup on its own thread, so the helper can work
    /// while it runs; [`Store::daily_backup_done`] tells how it went.
    pub fn start_daily_backup(&self, today: crate::domain::Date) {
        if self.may_leave().is_err() {
            return;
        }
        let Ok(mut slot) = self.daily.lock() else { return };
        if slot.is_some() {
            return;
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let (db, dir, stop) = (self.db.clone(), self.dir.clone(), cancel.clone());
        let spawned = std::thread::Builder::new()
            .name("daily backup".into())
            .spawn(move || watch::busy(|| backup::auto(&db, &dir, today, &stop)));
        match spawned {
            Ok(handle) => *slot = Some(DailyBackup { cancel, handle }),
            Err(e) => tracing::warn!("could not start the daily backup: {e}"),
        }
    }

    /// Whether the daily backup is running now.
    pub fn daily_backup_running(&self) -> bool {
        self.daily
            .lock()
            .is_ok_and(|slot| slot.as_ref().is_some_and(|job| !job.handle.is_finished()))
    }

    /// How the daily backup went, once it has ended (then only once): the
    /// file written, None if today's was already there.
    pub fn daily_backup_done(&self) -> Option<Result<Option<PathBuf>, StoreError>> {
        let mut slot = self.daily.lock().ok()?;
        if !slot.as_ref()?.handle.is_finished() {
            return None;
        }
        let job = slot.take()?;
        Some(
            job.handle
                .join()
                .unwrap_or_else(|_| Err(StoreError::Record("the daily backup thread panicked".into()))),
        )
    }

    /// Today's automatic backup in `backups/` if there is none yet, keeping
    /// the newest [`BACKUPS_KEPT`]. Returns the file written, if any.
    pub fn auto_backup_if_due(&self, today: crate::domain::Date) -> Result<Option<PathBuf>, StoreError> {
        self.may_leave()?;
        backup::auto(&self.db, &self.dir, today, &AtomicBool::new(false))
    }

    /// Index keys added by later versions, built once for the residents
    /// already stored (the data key is needed, so on the first open).
    pub(super) fn migrate_indexes(&self) -> Result<(), StoreError> {
        self.index_once(b"index: number suffix", |batch| {
            for kv in self.residents.iter() {
                let (k, v) = kv?;
                watch::progress();
                let r: Resident = self.open_record(&k, &v)?;
                for mut key in index::suffix_keys(&self.index_key, &r) {
                    key.extend_from_slice(&r.id.0);
                    batch.insert(key, &[][..]);
                }
            }
            Ok(0)
        })
        .map(|_| ())
    }

    /// Cases stored before names of people were indexed with their case
    /// (the store does not know which answers are names: `names` says, from
    /// the procedures). Done once; returns how many cases were indexed.
    pub fn index_people_once(&self, names: impl Fn(&Case) -> Vec<String>) -> Result<usize, StoreError> {
        self.index_once(b"index: people of a case", |batch| {
            let mut indexed = 0;
            for kv in self.cases.iter() {
                let (k, v) = kv?;
                watch::progress();
                let case: Case = self.open_record(&k, &v)?;
                let found = names(&case);
                indexed += usize::from(!found.is_empty());
                for name in found {
                    for key in index::person_keys(&self.index_key, &name, &case.id) {
                        batch.insert(key, &[][..]);
                    }
                }
            }
            Ok(indexed)
        })
    }

    /// Index keys built once per data folder: `fill` puts them in a batch
    /// (and says how many records it indexed), the batch and the mark that
    /// it was done are written and flushed. Done already: nothing, 0.
    fn index_once(
        &self,
        done_mark: &[u8],
        fill: impl FnOnce(&mut sled::Batch) -> Result<usize, StoreError>,
    ) -> Result<usize, StoreError> {
        if self.meta.get(done_mark)?.is_some() {
            return Ok(0);
        }
        let mut batch = sled::Batch::default();
        let indexed = fill(&mut batch)?;
        self.idx.apply_batch(batch)?;
        self.meta.insert(done_mark, &[1u8][..])?;
        self.flush_raising_generation()?;
        Ok(indexed)
    }
}
