//! Backups: one file holding every tree as stored (so records stay
//! encrypted and the data key stays wrapped), followed by a SHA-256 of all
//! that comes before it. A backup is read back and checked before it gets
//! its name; restore checks the sum before writing anything. Both stream:
//! memory stays flat whatever the size of the data.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use sha2::{Digest, Sha256};

use super::error::StoreError;
use super::{TREES, db_path, is_set_up, lock, open_sled, watch};
use trolyso_core::domain::Date;

const MAGIC: &[u8] = b"TROLYSO-BACKUP\n";
/// 1: each tree's entry count before its entries. 2: entries end with
/// [`END`], so writing needs no counting pass over the data first.
const FORMAT: u32 = 2;
const END: u32 = u32::MAX;
const SUM_LEN: u64 = 32;
/// No key or value we store comes near this; a longer one is a damaged
/// length, refused before it is read into memory.
const MAX_ENTRY: u64 = 16 * 1024 * 1024;
/// Automatic backups kept in `backups/`.
pub const BACKUPS_KEPT: usize = 7;
/// The folder of automatic backups inside the data folder.
pub const FOLDER: &str = "backups";
/// What a backup is called while it is written and checked.
const PARTIAL: &str = "partial";

/// A writer that hashes what passes through it.
struct Hashing<W: Write> {
    inner: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn bad(path: &Path, problem: &'static str) -> StoreError {
    StoreError::Backup {
        path: path.to_owned(),
        problem,
    }
}

/// Writes the backup to `out` through a `.partial` file that is read back
/// and checked before it is renamed into place, so a half-written or
/// garbled backup never carries the final name. Returns false, with nothing
/// left behind, if `cancel` was raised on the way.
pub fn write(db: &sled::Db, out: &Path, cancel: &AtomicBool) -> Result<bool, StoreError> {
    let tmp = out.with_extension(PARTIAL);
    let written = watch::busy(|| write_file(db, &tmp, cancel)).and_then(|entries| match entries {
        Some(n) => {
            let read_back = watch::busy(|| scan(&tmp, |_, _, _| Ok(())))?;
            if read_back != n {
                return Err(bad(out, "store.backup_problem.read_back"));
            }
            std::fs::rename(&tmp, out).map_err(StoreError::io_at(out))?;
            Ok(true)
        }
        None => Ok(false),
    });
    if !matches!(written, Ok(true)) {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The entries written, or None if cancelled.
fn write_file(db: &sled::Db, tmp: &Path, cancel: &AtomicBool) -> Result<Option<u64>, StoreError> {
    let err = StoreError::io_at(tmp);
    let file = super::paths::create_private(tmp).map_err(&err)?;
    let mut w = Hashing {
        inner: BufWriter::new(file),
        hash: Sha256::new(),
    };
    w.write_all(MAGIC).map_err(&err)?;
    w.write_all(&FORMAT.to_be_bytes()).map_err(&err)?;
    w.write_all(&(TREES.len() as u16).to_be_bytes()).map_err(&err)?;
    let mut entries = 0u64;
    for name in TREES {
        let tree = db.open_tree(name)?;
        w.write_all(&(name.len() as u16).to_be_bytes()).map_err(&err)?;
        w.write_all(name.as_bytes()).map_err(&err)?;
        for kv in tree.iter() {
            if cancel.load(Ordering::Relaxed) {
                return Ok(None);
            }
            watch::progress();
            let (k, v) = kv?;
            w.write_all(&(k.len() as u32).to_be_bytes()).map_err(&err)?;
            w.write_all(&k).map_err(&err)?;
            w.write_all(&(v.len() as u32).to_be_bytes()).map_err(&err)?;
            w.write_all(&v).map_err(&err)?;
            entries += 1;
        }
        w.write_all(&END.to_be_bytes()).map_err(&err)?;
    }
    let sum = w.hash.finalize_reset();
    let mut inner = w.inner;
    inner.write_all(&sum).map_err(&err)?;
    let file = inner.into_inner().map_err(|e| err(e.into_error()))?;
    // The whole backup reaches the disk here: on a slow disk that can take
    // longer than the watchdog's stall time, and is no sign of damage.
    watch::unwatched(|| file.sync_all()).map_err(&err)?;
    Ok(Some(entries))
}

/// The body of a backup as it is read: bytes are hashed as they pass.
struct Body<'p> {
    inner: std::io::Take<BufReader<std::fs::File>>,
    hash: Sha256,
    path: &'p Path,
}

impl Body<'_> {
    /// Exactly `n` bytes into `buf`.
    fn bytes(&mut self, buf: &mut Vec<u8>, n: u64) -> Result<(), StoreError> {
        buf.clear();
        let got = (&mut self.inner)
            .take(n)
            .read_to_end(buf)
            .map_err(StoreError::io_at(self.path))?;
        if got as u64 != n {
            return Err(bad(self.path, "store.backup_problem.truncated"));
        }
        self.hash.update(&buf[..]);
        Ok(())
    }

    /// A big-endian number of `n` bytes.
    fn number(&mut self, n: u64) -> Result<u64, StoreError> {
        let mut buf = Vec::with_capacity(8);
        self.bytes(&mut buf, n)?;
        Ok(buf.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }
}

/// Reads a backup from start to end, handing each entry to `visit`, and
/// checks its sum at the end. Returns the number of entries. A caller that
/// must not act on a bad file scans twice: once to check, once to act.
fn scan(
    path: &Path,
    mut visit: impl FnMut(&str, &[u8], &[u8]) -> Result<(), StoreError>,
) -> Result<u64, StoreError> {
    let file = std::fs::File::open(path).map_err(StoreError::io_at(path))?;
    let len = file.metadata().map_err(StoreError::io_at(path))?.len();
    if len < MAGIC.len() as u64 + 6 + SUM_LEN {
        return Err(bad(path, "store.backup_problem.not_ours"));
    }
    let mut body = Body {
        inner: BufReader::new(file).take(len - SUM_LEN),
        hash: Sha256::new(),
        path,
    };
    let (mut key, mut value) = (Vec::new(), Vec::new());
    body.bytes(&mut key, MAGIC.len() as u64)?;
    if key != MAGIC {
        return Err(bad(path, "store.backup_problem.not_ours"));
    }
    let format = body.number(4)?;
    if format != 1 && format != u64::from(FORMAT) {
        return Err(bad(path, "store.backup_problem.unknown_format"));
    }
    let tree_count = body.number(2)?;
    let mut entries = 0u64;
    for _ in 0..tree_count {
        let n = body.number(2)?;
        body.bytes(&mut key, n)?;
        let name = String::from_utf8_lossy(&key).into_owned();
        if !TREES.contains(&name.as_str()) {
            return Err(bad(path, "store.backup_problem.strange_tree"));
        }
        let mut left = if format == 1 { body.number(8)? } else { u64::MAX };
        while left > 0 {
            left -= 1;
            let kl = body.number(4)?;
            if format != 1 && kl == u64::from(END) {
                break;
            }
            let vl = |n: u64| {
                if n > MAX_ENTRY {
                    Err(bad(path, "store.backup_problem.checksum"))
                } else {
                    Ok(n)
                }
            };
            body.bytes(&mut key, vl(kl)?)?;
            let n = vl(body.number(4)?)?;
            body.bytes(&mut value, n)?;
            watch::progress();
            visit(&name, &key, &value)?;
            entries += 1;
        }
    }
    // Bytes left before the sum: not a file this code wrote.
    if body.inner.limit() != 0 {
        return Err(bad(path, "store.backup_problem.checksum"));
    }
    let sum = body.hash.finalize();
    let mut stored = [0u8; SUM_LEN as usize];
    body.inner
        .into_inner()
        .read_exact(&mut stored)
        .map_err(|_| bad(path, "store.backup_problem.truncated"))?;
    if sum.as_slice() != stored {
        return Err(bad(path, "store.backup_problem.checksum"));
    }
    Ok(entries)
}

/// `trolyso restore FILE`: into an empty data folder only, after the
/// checksum has been verified.
pub fn restore(file: &Path, dir: &Path) -> Result<u64, StoreError> {
    watch::busy(|| {
        scan(file, |_, _, _| Ok(()))?;
        let _lock = lock(dir)?;
        if is_set_up(dir) {
            return Err(StoreError::NotEmpty { dir: dir.to_owned() });
        }
        // Written into a hidden sibling of `db/` and renamed into place at
        // the end: a restore killed half-way leaves a folder with no `db/`
        // (restore again), never one that opens as an empty office.
        let staging = dir.join(STAGING);
        remove_staging(dir)?;
        let result = (|| {
            let db = open_sled(&staging, dir)?;
            let count = scan(file, |name, k, v| {
                // A restored folder is another machine: a backup restored on
                // a second PC while the first goes on working must not write
                // edits under the first one's name (bundles would take two
                // different edits for one). It gets its own id on opening.
                if name == "meta" && k == super::sent::MACHINE_ID {
                    return Ok(());
                }
                db.open_tree(name)?.insert(k, v)?;
                Ok(())
            })?;
            db.flush()?;
            drop(db);
            // The checks of the data that was here before do not apply to
            // the restored data: its generation starts from the backup's.
            for stale in [super::integrity::MARKER, super::integrity::MANIFEST] {
                match std::fs::remove_file(dir.join(stale)) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(StoreError::io_at(dir)(e));
                    }
                    _ => {}
                }
            }
            std::fs::rename(&staging, db_path(dir)).map_err(StoreError::io_at(dir))?;
            super::paths::sync_dir(dir).map_err(StoreError::io_at(dir))?;
            Ok(count)
        })();
        if result.is_err() {
            let _ = remove_staging(dir);
        }
        result
    })
}

/// Where a restore writes before the data is whole.
const STAGING: &str = ".db-restoring";

/// A restore's leftover from a killed run: it never held data in use.
fn remove_staging(dir: &Path) -> Result<(), StoreError> {
    match std::fs::remove_dir_all(dir.join(STAGING)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::io_at(dir)(e)),
        _ => Ok(()),
    }
}

/// Today's automatic backup, then the oldest beyond [`BACKUPS_KEPT`] removed.
pub fn auto(
    db: &sled::Db,
    dir: &Path,
    today: Date,
    cancel: &AtomicBool,
) -> Result<Option<PathBuf>, StoreError> {
    let folder = dir.join(FOLDER);
    super::paths::create_private_dir(&folder).map_err(StoreError::io_at(&folder))?;
    let name = format!(
        "trolyso-{:04}-{:02}-{:02}.bak",
        today.year, today.month, today.day
    );
    let path = folder.join(&name);
    if path.exists() || !write(db, &path, cancel)? {
        return Ok(None);
    }
    let mut existing: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(StoreError::io_at(&folder))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("trolyso-") && n.ends_with(".bak"))
        })
        .collect();
    // Names sort by date.
    existing.sort();
    let extra = existing.len().saturating_sub(BACKUPS_KEPT);
    for old in &existing[..extra] {
        let _ = std::fs::remove_file(old);
    }
    Ok(Some(path))
}

/// The backups in the data folder's `backups/` (automatic and by hand),
/// newest first, with when each was written (ms since the epoch).
pub fn found_in(dir: &Path) -> Vec<(PathBuf, i64)> {
    let Ok(entries) = std::fs::read_dir(dir.join(FOLDER)) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, i64)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bak"))
        .filter_map(|p| {
            let modified = std::fs::metadata(&p).and_then(|m| m.modified()).ok()?;
            let ms = modified.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis() as i64;
            Some((p, ms))
        })
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    found
}

/// Removes what a backup killed half-way leaves: `.partial` files.
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir.join(FOLDER)) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().is_some_and(|x| x == PARTIAL) {
            match std::fs::remove_file(&path) {
                Ok(()) => tracing::info!("removed a half-written backup: {}", path.display()),
                Err(e) => tracing::warn!("could not remove {}: {e}", path.display()),
            }
        }
    }
}
