//! The case store: sled trees of encrypted records, indexes of keyed hashes,
//! and one transaction plus `flush()` for every committed edit.
//!
//! Trees: `meta` (the wrapped data key, unencrypted parameters), `cases`,
//! `residents`, `audit` (append-only) and `idx` (indexes). Keys are random
//! time-ordered ids or keyed hashes; no personal value is ever a key.

mod backup;
mod codec;
pub mod crypto;
mod error;
mod index;
mod integrity;
mod keyring;
pub mod paths;
pub mod records;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use zeroize::Zeroizing;

pub use backup::{BACKUPS_KEPT, restore};
pub use crypto::KdfParams;
pub use error::StoreError;
pub use records::{AuditEvent, Case, Change, Id, Reason, Resident, Settings, Status};

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
    marker: integrity::Marker,
    /// The last audit key's time part: keys of events in the same
    /// millisecond must still sort in the order the events happened.
    audit_clock: std::sync::atomic::AtomicU64,
    _close: CloseGuard,
    _lock: DirLock,
}

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

/// Opens a sled database folder; its errors, and its panics on damaged
/// files, become a description.
fn open_sled(path: &Path) -> Result<sled::Db, String> {
    let result =
        std::panic::catch_unwind(|| sled::Config::new().path(path).cache_capacity(CACHE_BYTES).open());
    match result {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("sled panicked while opening".into()),
    }
}

fn open_db(dir: &Path) -> Result<sled::Db, StoreError> {
    open_sled(&db_path(dir)).map_err(|detail| StoreError::Damaged {
        dir: dir.to_owned(),
        detail,
    })
}

fn lock(dir: &Path) -> Result<DirLock, StoreError> {
    paths::create_private_dir(dir).map_err(|e| StoreError::Io {
        dir: dir.to_owned(),
        source: e,
    })?;
    DirLock::acquire(dir).map_err(|e| match e {
        LockError::Busy => StoreError::InUse { dir: dir.to_owned() },
        LockError::Io(source) => StoreError::Io {
            dir: dir.to_owned(),
            source,
        },
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
        let lock = lock(dir)?;
        if is_set_up(dir) {
            return Err(StoreError::AlreadySetUp { dir: dir.to_owned() });
        }
        let db = open_db(dir)?;
        let meta = db.open_tree("meta")?;
        let data_key = SecretKey::random()?;
        let (ring, code) = keyring::Keyring::new(&data_key, passphrase, kdf)?;
        ring.save(&meta)?;
        db.flush()?;
        let store = Self::assemble(dir, db, data_key, lock)?;
        Ok((store, code))
    }

    /// Opens an existing store with the office passphrase.
    pub fn open(dir: &Path, passphrase: &str) -> Result<Store, StoreError> {
        let (db, ring, lock) = Self::open_locked(dir)?;
        let meta = db.open_tree("meta")?;
        let data_key = ring.unlock_with_passphrase(&meta, passphrase, now_ms())?;
        db.flush()?;
        Self::assemble(dir, db, data_key, lock)
    }

    /// Opens with the recovery code and sets a new passphrase.
    pub fn open_with_recovery(dir: &Path, code: &str, new_passphrase: &str) -> Result<Store, StoreError> {
        let (db, ring, lock) = Self::open_locked(dir)?;
        let meta = db.open_tree("meta")?;
        let data_key = ring.unlock_with_recovery(code)?;
        ring.rewrap_passphrase(&meta, &data_key, new_passphrase)?;
        db.flush()?;
        Self::assemble(dir, db, data_key, lock)
    }

    fn open_locked(dir: &Path) -> Result<(sled::Db, keyring::Keyring, DirLock), StoreError> {
        if !is_set_up(dir) {
            return Err(StoreError::NotSetUp { dir: dir.to_owned() });
        }
        let lock = lock(dir)?;
        integrity::check_before_open(dir, &db_path(dir), open_sled)?;
        let db = open_db(dir)?;
        let meta = db.open_tree("meta")?;
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
        Ok(Store {
            dir: dir.to_owned(),
            meta: db.open_tree("meta")?,
            cases: db.open_tree("cases")?,
            residents: db.open_tree("residents")?,
            audit,
            audit_clock: std::sync::atomic::AtomicU64::new(last_audit),
            idx: db.open_tree("idx")?,
            settings: db.open_tree("settings")?,
            index_key: data_key.derive(b"trolyso index v1"),
            data_key,
            db,
            marker: integrity::Marker::open(dir)?,
            _close: CloseGuard { dir: dir.to_owned() },
            _lock: lock,
        })
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
        ring.unlock_with_passphrase(&self.meta, old, now_ms())?;
        ring.rewrap_passphrase(&self.meta, &self.data_key, new)?;
        self.flush()
    }

    fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    /// One committed edit: `write` and a raised generation in one
    /// transaction, then `flush()`, then the generation marker. Returns only
    /// when the edit is on disk.
    fn commit<T>(&self, write: impl Fn(&Tx) -> TxResult<T>) -> Result<T, StoreError> {
        let (value, generation) = (&self.meta, &self.cases, &self.residents, &self.audit, &self.idx)
            .transaction(|(meta, cases, residents, audit, idx)| {
                let value = write(&Tx {
                    cases,
                    residents,
                    audit,
                    idx,
                })?;
                let old = meta.get(integrity::GENERATION_KEY)?;
                let generation = old
                    .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
                    .unwrap_or(0)
                    + 1;
                meta.insert(integrity::GENERATION_KEY, &generation.to_be_bytes())?;
                Ok((value, generation))
            })
            .map_err(tx_error)?;
        self.flush()?;
        self.marker.write(generation);
        Ok(value)
    }

    // ----- residents -------------------------------------------------------

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
        let insert = index::resident_keys(&self.index_key, new);
        self.commit(|tx| {
            tx.residents.insert(&new.id.0[..], value.clone())?;
            for k in &remove {
                tx.idx.remove(k.as_slice())?;
            }
            for k in &insert {
                tx.idx.insert(k.as_slice(), &[][..])?;
            }
            Ok(())
        })
    }

    pub fn resident(&self, id: &Id) -> Result<Option<Resident>, StoreError> {
        self.get(&self.residents, id)
    }

    // ----- cases -----------------------------------------------------------

    pub fn create_case(
        &self,
        procedure_id: &str,
        procedure_version: u32,
        resident_id: Option<Id>,
        helper: &str,
    ) -> Result<Case, StoreError> {
        let now = now_ms();
        let case = Case {
            id: Id::new(now)?,
            procedure_id: procedure_id.to_owned(),
            procedure_version,
            resident_id,
            helper: helper.to_owned(),
            status: Status::Preparing,
            answers: Default::default(),
            documents: Default::default(),
            readiness: Default::default(),
            reason: None,
            next_visit: None,
            hoso_code: None,
            created_at_ms: now,
            updated_at_ms: now,
            revision: 1,
        };
        let value = self.seal(&case.id.0, &case)?;
        let event = self.audit_value(now, helper, Some(case.id), Change::Created)?;
        self.commit(|tx| {
            tx.cases.insert(&case.id.0[..], value.clone())?;
            for k in index::case_keys(&case) {
                tx.idx.insert(k.as_slice(), &[][..])?;
            }
            tx.audit.insert(&event.0.0[..], event.1.clone())?;
            Ok(())
        })?;
        Ok(case)
    }

    pub fn case(&self, id: &Id) -> Result<Option<Case>, StoreError> {
        self.get(&self.cases, id)
    }

    /// One committed edit: the answer to one field (empty removes it).
    /// Returns only after the edit is on disk.
    pub fn set_answer(&self, id: &Id, field: &str, value: &str, helper: &str) -> Result<Case, StoreError> {
        let value = crate::text::nfc(value.trim());
        self.edit_case(
            id,
            helper,
            Change::Answer {
                field: field.to_owned(),
            },
            |case| {
                if value.is_empty() {
                    case.answers.remove(field);
                } else {
                    case.answers.insert(field.to_owned(), value.clone());
                }
                Ok(())
            },
        )
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

    /// Links the case to a resident.
    pub fn set_case_resident(&self, id: &Id, resident: Id, helper: &str) -> Result<Case, StoreError> {
        self.edit_case(id, helper, Change::Resident, |case| {
            case.resident_id = Some(resident);
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
                    }
                    Status::Filed => {
                        let code = change
                            .hoso_code
                            .as_deref()
                            .map(str::trim)
                            .filter(|c| !c.is_empty());
                        case.hoso_code = Some(code.ok_or(StoreError::MissingHosoCode)?.to_owned());
                        case.reason = None;
                        case.next_visit = None;
                    }
                    _ => {
                        case.reason = None;
                        case.next_visit = None;
                    }
                }
                case.status = to;
                Ok(())
            },
        )
    }

    /// Reads, changes and writes one case with its index entries and an
    /// audit event in one transaction, then flushes.
    fn edit_case(
        &self,
        id: &Id,
        helper: &str,
        change: Change,
        apply: impl Fn(&mut Case) -> Result<(), StoreError>,
    ) -> Result<Case, StoreError> {
        let now = now_ms();
        let event = self.audit_value(now, helper, Some(*id), change)?;
        self.commit(|tx| {
            let Some(bytes) = tx.cases.get(&id.0[..])? else {
                return abort(StoreError::NotFound);
            };
            let old: Case = match self.open_record(&id.0, &bytes) {
                Ok(c) => c,
                Err(e) => return abort(e),
            };
            let mut case = old.clone();
            if let Err(e) = apply(&mut case) {
                return abort(e);
            }
            case.revision = old.revision + 1;
            // Keep the recent list in edit order even if the clock steps back.
            case.updated_at_ms = now.max(old.updated_at_ms + 1);
            let value = match self.seal(&id.0, &case) {
                Ok(v) => v,
                Err(e) => return abort(e),
            };
            tx.cases.insert(&id.0[..], value)?;
            reindex_case(tx.idx, &old, &case)?;
            tx.audit.insert(&event.0.0[..], event.1.clone())?;
            Ok(case)
        })
    }

    fn audit_value(
        &self,
        now: i64,
        helper: &str,
        case_id: Option<Id>,
        change: Change,
    ) -> Result<(Id, Vec<u8>), StoreError> {
        // Microseconds of the wall clock, or one more than the last key:
        // always increasing (keys of older stores, in milliseconds, are
        // smaller and stay first).
        use std::sync::atomic::Ordering;
        let wall = (now.max(0) as u64).saturating_mul(1000);
        let prev = self
            .audit_clock
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| {
                Some(wall.max(last + 1))
            })
            .unwrap_or(wall);
        let mut key = Id::new(now)?;
        key.0[..8].copy_from_slice(&wall.max(prev + 1).to_be_bytes());
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

    // ----- lists and search -------------------------------------------------

    fn row(&self, case_id: &[u8]) -> Result<Option<CaseRow>, StoreError> {
        let Some(id) = Id::from_slice(case_id) else {
            return Ok(None);
        };
        let Some(case) = self.case(&id)? else {
            return Ok(None);
        };
        let resident = match &case.resident_id {
            Some(r) => self.resident(r)?,
            None => None,
        };
        Ok(Some(CaseRow { case, resident }))
    }

    /// Newest-changed first, from an index: reads only the page it returns.
    pub fn recent(&self, limit: usize, after: Option<&[u8]>) -> Result<Page<CaseRow>, StoreError> {
        self.page_desc(&[index::RECENT], limit, after)
    }

    /// Cases with one status, newest-changed first.
    pub fn by_status(
        &self,
        status: Status,
        limit: usize,
        after: Option<&[u8]>,
    ) -> Result<Page<CaseRow>, StoreError> {
        self.page_desc(&[index::STATUS, status.code()], limit, after)
    }

    fn page_desc(
        &self,
        prefix: &[u8],
        limit: usize,
        after: Option<&[u8]>,
    ) -> Result<Page<CaseRow>, StoreError> {
        let iter = match after {
            Some(cursor) => self.idx.range(prefix.to_vec()..cursor.to_vec()),
            None => self.idx.scan_prefix(prefix),
        };
        let mut items = Vec::with_capacity(limit);
        let mut next = None;
        for kv in iter.rev() {
            let (k, _) = kv?;
            if !k.starts_with(prefix) {
                break;
            }
            if items.len() == limit {
                next = Some(last_key(&items, &k));
                break;
            }
            if let Some(row) = self.row(&k[k.len() - 16..])? {
                items.push((k.to_vec(), row));
            }
        }
        Ok(finish_page(items, next))
    }

    /// Cases whose resident's name has every typed word as the start of one
    /// of its words, accents or not ("nguyen van a" finds "Nguyễn Văn An").
    pub fn search_name(
        &self,
        query: &str,
        limit: usize,
        after: Option<&[u8]>,
    ) -> Result<Page<CaseRow>, StoreError> {
        let q = crate::text::fold(query);
        let mut words: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
        // The longest word first: its list is likely the shortest. A word
        // typed twice is one list (equal words sort together).
        words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        words.dedup();
        let lists: Vec<Vec<u8>> = words
            .iter()
            .map(|w| index::name_prefix_key(&self.index_key, w))
            .collect();
        let name_matches = |r: &Resident| crate::text::fold_matches(&crate::text::fold(&r.full_name), &q);
        self.search_residents(&lists, limit, after, name_matches)
    }

    /// Cases of the resident with this identification number.
    pub fn search_id_number(
        &self,
        number: &str,
        limit: usize,
        after: Option<&[u8]>,
    ) -> Result<Page<CaseRow>, StoreError> {
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let prefix = index::exact_key(&self.index_key, index::ID_NUMBER, &digits);
        let same = |r: &Resident| r.id_number.as_deref() == Some(digits.as_str());
        self.search_residents(&[prefix], limit, after, same)
    }

    /// Cases of the resident with this phone number (any way it is written).
    pub fn search_phone(
        &self,
        phone: &str,
        limit: usize,
        after: Option<&[u8]>,
    ) -> Result<Page<CaseRow>, StoreError> {
        let normal = index::normal_phone(phone);
        let prefix = index::exact_key(&self.index_key, index::PHONE, &normal);
        let same =
            |r: &Resident| r.phone.as_deref().map(index::normal_phone).as_deref() == Some(normal.as_str());
        self.search_residents(&[prefix], limit, after, same)
    }

    /// Cases of the residents listed under every one of `lists` (index
    /// prefixes followed by resident ids, in id order) and accepted by
    /// `confirm` on the decrypted record (a keyed hash can collide; the
    /// record has the last word). The lists are walked together, each
    /// jumping to the largest id seen so far (a leapfrog join), so the cost
    /// follows the residents found rather than the longest list. The cursor
    /// is the first list's key of the last resident given.
    fn search_residents(
        &self,
        lists: &[Vec<u8>],
        limit: usize,
        after: Option<&[u8]>,
        confirm: impl Fn(&Resident) -> bool,
    ) -> Result<Page<CaseRow>, StoreError> {
        let Some(first) = lists.first() else {
            return Ok(finish_page(Vec::new(), None));
        };
        // Resident ids are compared as bytes; a 0 after an id is the
        // smallest key past it.
        let mut target: Vec<u8> = match after {
            Some(cursor) => {
                let mut t = cursor.get(first.len()..).unwrap_or_default().to_vec();
                t.push(0);
                t
            }
            None => Vec::new(),
        };
        let mut items: Vec<(Vec<u8>, CaseRow)> = Vec::new();
        let mut next = None;
        let (mut agreed, mut i) = (0, 0);
        while let Some(found) = self.first_at_or_after(&lists[i], &target)? {
            if found == target {
                agreed += 1;
            } else {
                target = found;
                agreed = 1;
            }
            i = (i + 1) % lists.len();
            if agreed < lists.len() {
                continue;
            }
            let key = [first.as_slice(), &target].concat();
            if items.len() >= limit {
                next = Some(last_key(&items, &key));
                break;
            }
            if let Some(id) = Id::from_slice(&target)
                && let Some(resident) = self.resident(&id)?
                && confirm(&resident)
            {
                for ck in self.idx.scan_prefix(index::cases_of_resident_prefix(&id)) {
                    let (ck, _) = ck?;
                    if let Some(row) = self.row(&ck[ck.len() - 16..])? {
                        items.push((key.clone(), row));
                    }
                }
            }
            target.push(0);
            agreed = 0;
        }
        Ok(finish_page(items, next))
    }

    /// The first resident id at or after `target` in the list under `prefix`.
    fn first_at_or_after(&self, prefix: &[u8], target: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        match self.idx.range([prefix, target].concat()..).next() {
            Some(kv) => {
                let (k, _) = kv?;
                Ok(k.strip_prefix(prefix).map(<[u8]>::to_vec))
            }
            None => Ok(None),
        }
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

    /// Writes many residents and cases at once with a single flush at the
    /// end: for seeding test data and benchmarks, not for a helper's edits
    /// (those go one committed edit at a time).
    pub fn insert_many(&self, items: &[(Resident, Case)]) -> Result<(), StoreError> {
        let mut residents = sled::Batch::default();
        let mut cases = sled::Batch::default();
        let mut idx = sled::Batch::default();
        for (r, c) in items {
            residents.insert(&r.id.0[..], self.seal(&r.id.0, r)?);
            cases.insert(&c.id.0[..], self.seal(&c.id.0, c)?);
            for k in index::resident_keys(&self.index_key, r)
                .into_iter()
                .chain(index::case_keys(c))
            {
                idx.insert(k, &[][..]);
            }
        }
        self.residents.apply_batch(residents)?;
        self.cases.apply_batch(cases)?;
        self.idx.apply_batch(idx)?;
        self.flush()
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
        self.flush()
    }

    /// Counts of records, for reports and tests.
    pub fn case_count(&self) -> usize {
        self.cases.len()
    }

    /// Writes a raw record of any schema version (migration tests).
    #[cfg(test)]
    fn put_raw(&self, tree: &sled::Tree, key: &[u8], value: Vec<u8>) -> Result<(), StoreError> {
        tree.insert(key, value)?;
        self.flush()
    }

    /// Writes one encrypted, checksummed backup file of every tree.
    pub fn backup(&self, out: &Path) -> Result<(), StoreError> {
        backup::write(&self.db, out)
    }

    /// The daily backup, taken by whatever opens the store first that day.
    /// Failing to take it is logged and must not stop the work at hand.
    pub fn take_daily_backup(&self) {
        match self.auto_backup_if_due(crate::domain::Date::today()) {
            Ok(Some(path)) => tracing::info!("automatic backup written: {}", path.display()),
            Ok(None) => {}
            Err(e) => tracing::warn!("automatic backup failed: {e}"),
        }
    }

    /// Today's automatic backup in `backups/` if there is none yet, keeping
    /// the newest [`BACKUPS_KEPT`]. Returns the file written, if any.
    pub fn auto_backup_if_due(&self, today: crate::domain::Date) -> Result<Option<PathBuf>, StoreError> {
        backup::auto(&self.db, &self.dir, today)
    }
}

/// The cursor of a full page: the index key of its last item.
fn last_key(items: &[(Vec<u8>, CaseRow)], fallback: &[u8]) -> Vec<u8> {
    items.last().map_or_else(|| fallback.to_vec(), |(k, _)| k.clone())
}

fn finish_page(items: Vec<(Vec<u8>, CaseRow)>, next: Option<Vec<u8>>) -> Page<CaseRow> {
    Page {
        items: items.into_iter().map(|(_, r)| r).collect(),
        next,
    }
}

fn reindex_case(idx: &TransactionalTree, old: &Case, new: &Case) -> TxResult<()> {
    for k in index::case_keys(old) {
        idx.remove(k.as_slice())?;
    }
    for k in index::case_keys(new) {
        idx.insert(k.as_slice(), &[][..])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
