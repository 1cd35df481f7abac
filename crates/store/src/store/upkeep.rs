//! The store's upkeep: backups, by hand and the daily one (which the app
//! runs beside the helper's work, as a job).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::{Store, StoreError, backup};

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

    /// Today's automatic backup in `backups/` if there is none yet, keeping
    /// the newest [`BACKUPS_KEPT`]. Returns the file written, if any.
    pub fn auto_backup_if_due(
        &self,
        today: trolyso_core::domain::Date,
    ) -> Result<Option<PathBuf>, StoreError> {
        self.daily_backup(today, &AtomicBool::new(false))
    }

    /// [`Store::auto_backup_if_due`] beside the helper's work (a job of the
    /// app's): `stop` ends it between trees, its partial file removed, when
    /// the store is about to close.
    pub fn daily_backup(
        &self,
        today: trolyso_core::domain::Date,
        stop: &AtomicBool,
    ) -> Result<Option<PathBuf>, StoreError> {
        self.may_leave()?;
        backup::auto(&self.db, &self.dir, today, stop)
    }
}
