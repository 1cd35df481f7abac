//! The case store: sled trees of encrypted records, indexes of keyed hashes,
//! and one transaction plus `flush()` for every committed edit.
//!
//! Trees: `meta` (the wrapped data key, unencrypted parameters), `cases`,
//! `residents`, `audit` (append-only) and `idx` (indexes). Keys are random
//! time-ordered ids or keyed hashes; no personal value is ever a key.

mod backup;
mod bulk;
mod cases;
pub mod clock;
mod codec;
mod commit;
pub mod crypto;
mod delete;
mod enrol;
mod error;
pub mod exchange;
mod facts;
mod index;
mod integrity;
mod join;
mod keyring;
pub mod merge;
mod named;
pub(crate) mod parallel;
pub mod paths;
mod pending;
mod postings;
mod prepare;
mod records;
mod residents;
mod search;
mod sent;
mod upkeep;
mod vocab;
pub mod watch;

use std::path::{Path, PathBuf};

use std::sync::atomic::AtomicBool;
use std::time::{SystemTime, UNIX_EPOCH};

use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use zeroize::Zeroizing;

pub use backup::{BACKUPS_KEPT, found_in as backups_found_in, restore};
pub use crypto::KdfParams;
pub use enrol::{Machine, Trust};
pub use error::{RecordError, StoreError, io_problem};
pub use facts::{Facts, Mark};
pub use integrity::{StallVerdict, confirm_stall};
pub use prepare::{Pass, Preparation, Prepared, Progress, Reached};
pub use records::{AuditEvent, Case, Change, Id, Reason, Resident, SentRow, Settings, Status};

use crypto::SecretKey;
use paths::{DirLock, LockError};

/// sled's page cache. Small enough for a 64 MB budget on an old PC; pages
/// and searches touch few records, so a larger cache buys little.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

const TREES: [&str; 6] = ["meta", "cases", "residents", "audit", "idx", "settings"];

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// A page of results and where the next one starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<Vec<u8>>,
}

/// A case with its resident, as lists show it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub case: Case,
    pub resident: Option<Resident>,
}

/// What a status change carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusChange {
    pub reason: Option<Reason>,
    pub next_visit: Option<String>,
    pub hoso_code: Option<String>,
    /// When filing: how the portal took it (toàn trình, một phần); None
    /// when the helper could not tell.
    pub level: Option<trolyso_core::domain::procedure::Level>,
    /// When pausing: what is missing, in the helper's words.
    pub note: Option<String>,
}

// Fields drop in order: sled lets go of its files, then the clean-close
// manifest is written, then the folder lock is released.
pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    meta: sled::Tree,
    cases: sled::Tree,
    residents: sled::Tree,
    audit: sled::Tree,
    idx: sled::Tree,
    settings: sled::Tree,
    data_key: SecretKey,
    index_key: SecretKey,
    vocab: vocab::Vocabulary,
    marker: integrity::Marker,
    /// The last audit key's time part: keys of events in the same
    /// millisecond must still sort in the order the events happened.
    audit_clock: std::sync::atomic::AtomicU64,
    /// This folder's machine id: names its edits in bundles.
    machine: String,
    /// The hybrid logical clock that stamps this machine's edits
    /// ([`clock`]): never below a reading it has written or trusted.
    hlc: std::sync::atomic::AtomicU64,
    /// Made-up residents for practice: nothing here may leave the folder.
    training: bool,
    _close: CloseGuard,
    _lock: DirLock,
}

/// The meta key that marks a training folder; not secret (it must be read
/// before the key is derived, to refuse the wrong kind of folder).
const KIND_KEY: &[u8] = b"kind";
const TRAINING: &[u8] = b"training";

/// The training folder's passphrase. Not a secret: training holds only
/// made-up residents, and a trainee has no passphrase to remember. The
/// folder is still encrypted like a real one, so the code is the same.
const TRAINING_PASSPHRASE: &str = "luyen-tap-trolyso";

/// Writes the clean-close manifest when the store is dropped.
struct CloseGuard {
    dir: PathBuf,
}

impl Drop for CloseGuard {
    fn drop(&mut self) {
        // sled finishes closing on its own threads; the manifest must see
        // the files as sled leaves them.
        if wait_for_sled_release(&self.dir) {
            integrity::write_manifest(&self.dir, &db_path(&self.dir));
        }
    }
}

/// How long to wait for sled to let go of its files after the last handle
/// is dropped.
const SLED_RELEASE: std::time::Duration = std::time::Duration::from_secs(3);

/// Waits until sled's own lock on its log file is free, which it is once
/// sled has closed. Returns false if it is still held after [`SLED_RELEASE`].
fn wait_for_sled_release(dir: &Path) -> bool {
    let Ok(file) = std::fs::File::open(db_path(dir).join("db")) else {
        return true;
    };
    let deadline = std::time::Instant::now() + SLED_RELEASE;
    loop {
        match file.try_lock() {
            Ok(()) => return true,
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(_) => return false,
        }
    }
}

/// The trees a committed edit may write, inside its transaction.
struct Tx<'a> {
    cases: &'a TransactionalTree,
    residents: &'a TransactionalTree,
    audit: &'a TransactionalTree,
    idx: &'a TransactionalTree,
    /// The name words it writes to the vocabulary and removes from it.
    words: &'a vocab::WordChanges,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

fn abort<T>(e: StoreError) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(e))
}

fn tx_error(e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => StoreError::Sled(e),
    }
}

/// The sled folder inside the data folder.
fn db_path(dir: &Path) -> PathBuf {
    dir.join("db")
}

/// Whether the office has been set up in `dir`.
pub fn is_set_up(dir: &Path) -> bool {
    db_path(dir).exists()
}

/// Whether the meta tree marks a training folder.
fn is_training(meta: &sled::Tree) -> Result<bool, StoreError> {
    Ok(meta.get(KIND_KEY)?.is_some_and(|v| v.as_ref() == TRAINING))
}

/// Opens a sled database folder; its errors, and its panics on damaged
/// files, become a description.
/// sled's own open at `path` (in data folder `dir`), its panics caught. A
/// snapshot sled was still writing when it stopped (`snap.*.generating`,
/// left by a full disk) is removed first: it is never whole, and sled took
/// it for damage at every open after. A system error (a full disk, no
/// permission) is said as such; anything else as damaged data.
fn open_sled(path: &Path, dir: &Path) -> Result<sled::Db, StoreError> {
    remove_half_snapshots(path);
    let damaged = |detail: String| StoreError::Damaged {
        dir: dir.to_owned(),
        detail,
    };
    let result =
        std::panic::catch_unwind(|| sled::Config::new().path(path).cache_capacity(CACHE_BYTES).open());
    match result {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(sled::Error::Io(e))) if is_system_trouble(&e) => Err(StoreError::io_at(dir)(e)),
        Ok(Err(e)) => Err(damaged(e.to_string())),
        Err(_) => Err(damaged("sled panicked while opening".into())),
    }
}

/// Errors the data is not to blame for: the helper can act on them.
fn is_system_trouble(e: &std::io::Error) -> bool {
    use std::io::ErrorKind as K;
    matches!(
        e.kind(),
        K::StorageFull | K::QuotaExceeded | K::PermissionDenied | K::ReadOnlyFilesystem
    ) || e.raw_os_error() == Some(28)
}

fn remove_half_snapshots(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => tracing::warn!("removed a half-written snapshot: {name}"),
                Err(e) => tracing::warn!("could not remove a half-written snapshot {name}: {e}"),
            }
        }
    }
}

/// [`open_sled`] for the checks that read a copy of the data.
fn open_copy(path: &Path) -> Result<sled::Db, StoreError> {
    open_sled(path, path)
}

fn open_db(dir: &Path) -> Result<sled::Db, StoreError> {
    open_sled(&db_path(dir), dir)
}

fn lock(dir: &Path) -> Result<DirLock, StoreError> {
    paths::create_private_dir(dir)
        .and_then(|()| paths::tighten_data_dir(dir))
        .map_err(StoreError::io_at(dir))?;
    DirLock::acquire(dir).map_err(|e| match e {
        LockError::Busy => StoreError::InUse { dir: dir.to_owned() },
        LockError::Io(source) => StoreError::io_at(dir)(source),
    })
}

impl Store {
    /// Sets up a new office store in `dir`: a fresh data key wrapped by the
    /// passphrase and by a recovery code, which is returned to be shown once.
    pub fn create(
        dir: &Path,
        passphrase: &str,
        kdf: KdfParams,
    ) -> Result<(Store, Zeroizing<String>), StoreError> {
        watch::busy(|| Self::create_busy(dir, passphrase, kdf))
    }

    fn create_busy(
        dir: &Path,
        passphrase: &str,
        kdf: KdfParams,
    ) -> Result<(Store, Zeroizing<String>), StoreError> {
        Self::create_kind(dir, passphrase, kdf, false)
    }

    fn create_kind(
        dir: &Path,
        passphrase: &str,
        kdf: KdfParams,
        training: bool,
    ) -> Result<(Store, Zeroizing<String>), StoreError> {
        let lock = lock(dir)?;
        if is_set_up(dir) {
            return Err(StoreError::AlreadySetUp { dir: dir.to_owned() });
        }
        let db = open_db(dir)?;
        let meta = db.open_tree("meta")?;
        let data_key = SecretKey::random()?;
        let (ring, code) = keyring::Keyring::new(&data_key, passphrase, kdf)?;
        ring.save(&meta)?;
        keyring::keep_header(dir, &ring.header());
        if training {
            meta.insert(KIND_KEY, TRAINING)?;
        }
        let store = Self::assemble(dir, db, data_key, lock)?;
        // Nothing from before: no one-time work to do.
        store.mark_prepared()?;
        store.flush()?;
        Ok((store, code))
    }

    /// Opens an existing store with the office passphrase, with the
    /// one-time work an older folder needs done first (all but the people
    /// index, which needs the procedures: see [`Store::prepare`]).
    pub fn open(dir: &Path, passphrase: &str) -> Result<Store, StoreError> {
        Self::unlock(dir, passphrase).and_then(Self::prepared)
    }

    /// Opens an existing store with the office passphrase, leaving the
    /// one-time work to the caller ([`Store::prepare`]): the app does it
    /// with progress on screen. The passphrase key is derived on its own
    /// thread while sled opens the data (from the header beside `db/`; a
    /// folder without one derives after).
    pub fn unlock(dir: &Path, passphrase: &str) -> Result<Store, StoreError> {
        let early = keyring::EarlyKey::start(dir, passphrase);
        watch::section("opening", || {
            Self::open_kind(dir, false, |ring, meta| {
                let key = ring.unlock_with_passphrase(meta, passphrase, early, now_ms())?;
                keyring::keep_header(dir, &ring.header());
                Ok(key)
            })
        })
    }

    /// Opens with the recovery code and sets a new passphrase; the one-time
    /// work is the caller's, as with [`Store::unlock`].
    pub fn unlock_with_recovery(dir: &Path, code: &str, new_passphrase: &str) -> Result<Store, StoreError> {
        watch::section("opening", || {
            Self::open_kind(dir, false, |ring, meta| {
                let data_key = ring.unlock_with_recovery(code)?;
                let header = ring.rewrap_passphrase(meta, &data_key, new_passphrase)?;
                keyring::keep_header(dir, &header);
                Ok(data_key)
            })
        })
    }

    /// [`Store::unlock_with_recovery`], then the one-time work.
    pub fn open_with_recovery(dir: &Path, code: &str, new_passphrase: &str) -> Result<Store, StoreError> {
        Self::unlock_with_recovery(dir, code, new_passphrase).and_then(Self::prepared)
    }

    /// The store with its one-time work done (all but the indexes of what
    /// a case is found by, which need the procedures),
    /// without progress shown: for commands and tests.
    fn prepared(self) -> Result<Store, StoreError> {
        let how = Preparation {
            found_by: None,
            stop: &AtomicBool::new(false),
            progress: &Progress::default(),
        };
        self.prepare(&how)?;
        Ok(self)
    }

    /// Opens the training folder, setting it up on first use: no
    /// passphrase to type, and a folder of real data is refused.
    pub fn open_training(dir: &Path, kdf: KdfParams) -> Result<Store, StoreError> {
        watch::busy(|| {
            if !is_set_up(dir) {
                return Self::create_kind(dir, TRAINING_PASSPHRASE, kdf, true).map(|(store, _)| store);
            }
            Self::open_kind(dir, true, |ring, meta| {
                ring.unlock_with_passphrase(meta, TRAINING_PASSPHRASE, None, now_ms())
            })
            .and_then(Self::prepared)
        })
    }

    /// Opens a folder set up before, refusing the other kind (training
    /// for real data, or real data for training); `unlock` gives the data key.
    fn open_kind(
        dir: &Path,
        training: bool,
        unlock: impl FnOnce(&keyring::Keyring, &sled::Tree) -> Result<SecretKey, StoreError>,
    ) -> Result<Store, StoreError> {
        let (db, ring, lock) = Self::open_locked(dir)?;
        let meta = db.open_tree("meta")?;
        match (is_training(&meta)?, training) {
            (true, false) => return Err(StoreError::TrainingFolder { dir: dir.to_owned() }),
            (false, true) => return Err(StoreError::RealFolder { dir: dir.to_owned() }),
            _ => {}
        }
        let data_key = unlock(&ring, &meta)?;
        db.flush()?;
        Self::assemble(dir, db, data_key, lock)
    }

    /// Whether this folder holds training (made-up residents).
    pub fn is_training(&self) -> bool {
        self.training
    }

    /// The one gate for data leaving the folder: a backup, a report, a
    /// bundle or a push asks here first, and training never passes.
    pub fn may_leave(&self) -> Result<(), StoreError> {
        if self.training {
            Err(StoreError::TrainingStaysHome)
        } else {
            Ok(())
        }
    }

    fn open_locked(dir: &Path) -> Result<(sled::Db, keyring::Keyring, DirLock), StoreError> {
        if !is_set_up(dir) {
            return Err(StoreError::NotSetUp { dir: dir.to_owned() });
        }
        let lock = lock(dir)?;
        // What a process killed half-way may have left; nothing else can be
        // writing here now that the lock is held.
        backup::remove_leftovers(dir);
        integrity::remove_leftovers(dir);
        integrity::check_before_open(dir, &db_path(dir), open_copy)?;
        let db = open_db(dir)?;
        let meta = db.open_tree("meta")?;
        // The files may match the clean-close manifest and still have been
        // changed (a bit flipped with the file's time kept): sled then
        // replays its log only up to the damage. The generation shows it.
        integrity::check_generation(dir, &meta)?;
        let ring = keyring::Keyring::load(&meta)?.ok_or_else(|| StoreError::Damaged {
            dir: dir.to_owned(),
            detail: "no keyring in meta".into(),
        })?;
        Ok((db, ring, lock))
    }

    fn assemble(dir: &Path, db: sled::Db, data_key: SecretKey, lock: DirLock) -> Result<Store, StoreError> {
        // Files sled created are made owner-only; failing that is no reason
        // to refuse to open.
        if let Err(e) = paths::restrict_files(dir) {
            tracing::warn!("could not restrict file permissions: {e}");
        }
        let audit = db.open_tree("audit")?;
        let last_audit = audit
            .last()?
            .and_then(|(k, _)| {
                k.get(..8)
                    .map(|b| u64::from_be_bytes(b.try_into().unwrap_or_default()))
            })
            .unwrap_or(0);
        let meta = db.open_tree("meta")?;
        let machine = sent::machine_id(&meta)?;
        let hlc = exchange::clock_kept(&meta)?.max(clock::reading_of_ms(now_ms()));
        let store = Store {
            machine,
            hlc: std::sync::atomic::AtomicU64::new(hlc),
            dir: dir.to_owned(),
            training: is_training(&meta)?,
            meta,
            cases: db.open_tree("cases")?,
            residents: db.open_tree("residents")?,
            audit,
            audit_clock: std::sync::atomic::AtomicU64::new(last_audit),
            idx: db.open_tree("idx")?,
            settings: db.open_tree("settings")?,
            index_key: data_key.derive(b"trolyso index v1"),
            vocab: vocab::Vocabulary::default(),
            data_key,
            db,
            marker: integrity::Marker::open(dir)?,
            _close: CloseGuard { dir: dir.to_owned() },
            _lock: lock,
        };
        store.load_vocabulary()?;
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Changes the office passphrase: only the wrapped data key is rewritten.
    pub fn change_passphrase(&self, old: &str, new: &str) -> Result<(), StoreError> {
        let ring = keyring::Keyring::load(&self.meta)?.ok_or_else(|| StoreError::Damaged {
            dir: self.dir.clone(),
            detail: "no keyring in meta".into(),
        })?;
        ring.unlock_with_passphrase(&self.meta, old, None, now_ms())?;
        let header = ring.rewrap_passphrase(&self.meta, &self.data_key, new)?;
        keyring::keep_header(&self.dir, &header);
        self.flush_raising_generation()
    }

    // ----- records -----------------------------------------------------------

    fn get<R: records::Record>(&self, tree: &sled::Tree, id: &Id) -> Result<Option<R>, StoreError> {
        match tree.get(id.0)? {
            Some(bytes) => self.open_record(&id.0, &bytes).map(Some),
            None => Ok(None),
        }
    }

    fn seal<R: records::Record>(&self, key: &[u8], record: &R) -> Result<Vec<u8>, StoreError> {
        codec::seal(&self.data_key, key, record)
    }

    fn open_record<R: records::Record>(&self, key: &[u8], bytes: &[u8]) -> Result<R, StoreError> {
        codec::open(&self.data_key, key, bytes)
    }

    /// The office's settings (defaults until first saved).
    pub fn settings(&self) -> Result<Settings, StoreError> {
        Ok(self
            .get::<Settings>(&self.settings, &Id([0; 16]))?
            .unwrap_or_default())
    }

    /// Saves the office's settings, flushed before returning.
    pub fn save_settings(&self, settings: &Settings) -> Result<(), StoreError> {
        let key = Id([0; 16]);
        self.settings.insert(key.0, self.seal(&key.0, settings)?)?;
        self.flush_raising_generation()
    }

    /// Counts of records, for reports and tests.
    /// Stops at the first unreadable record: sled's own `len()` counts
    /// its errors too, for ever, once a page is damaged.
    pub fn case_count(&self) -> Result<usize, StoreError> {
        let mut n = 0;
        for kv in self.cases.iter() {
            kv?;
            n += 1;
        }
        Ok(n)
    }

    /// Writes a raw record of any schema version (migration tests).
    #[cfg(test)]
    fn put_raw(&self, tree: &sled::Tree, key: &[u8], value: Vec<u8>) -> Result<(), StoreError> {
        tree.insert(key, value)?;
        self.flush()
    }
}

#[cfg(test)]
mod tests;
