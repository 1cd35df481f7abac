//! The store's upkeep beside the helper's work: backups, by hand and the
//! daily one on its own thread.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::{DailyBackup, RecordError, Store, StoreError, backup, watch};

impl Store {
    /// Writes one encrypted, checksummed backup file of every tree, read
    /// back and checked before it gets its name.
    pub fn backup(&self, out: &Path) -> Result<(), StoreError> {
        self.may_leave()?;
        backup::write(&self.db, out, &AtomicBool::new(false)).map(|_| ())
    }

    /// The daily backup, in the foreground (for commands that end when done,
    /// after their work). A failure comes back for the command to say: a
    /// script must learn that today's backup is missing, not only the log.
    pub fn take_daily_backup(&self) -> Result<(), StoreError> {
        match self.auto_backup_if_due(trolyso_core::domain::Date::today()) {
            Ok(Some(path)) => tracing::info!("automatic backup written: {}", path.display()),
            Ok(None) => {}
            Err(e) => {
                tracing::warn!("automatic backup failed: {e}");
                return Err(e);
            }
        }
        Ok(())
    }

    /// Starts the daily backup on its own thread, so the helper can work
    /// while it runs; [`Store::daily_backup_done`] tells how it went.
    pub fn start_daily_backup(&self, today: trolyso_core::domain::Date) {
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
                .unwrap_or_else(|_| Err(RecordError::Worker("the daily backup").into())),
        )
    }

    /// Today's automatic backup in `backups/` if there is none yet, keeping
    /// the newest [`BACKUPS_KEPT`]. Returns the file written, if any.
    pub fn auto_backup_if_due(
        &self,
        today: trolyso_core::domain::Date,
    ) -> Result<Option<PathBuf>, StoreError> {
        self.may_leave()?;
        backup::auto(&self.db, &self.dir, today, &AtomicBool::new(false))
    }
}
