//! Telling a damaged database from a crashed one, without touching it.
//!
//! sled recovers from a crash by replaying its log up to the first bad
//! record, and it writes while doing so. That is right after a crash and
//! wrong for a file that was truncated or garbled: it would silently drop
//! acknowledged edits and change the evidence. So:
//!
//! - every committed edit raises a generation number inside the database and,
//!   after the flush, in a small `generation` file beside it (no fsync: it can
//!   only lag behind the database, never run ahead of it);
//! - a clean close writes a manifest of the database files (sizes and times);
//! - on open, if the files are exactly as the manifest says, sled opens them
//!   directly; otherwise (a crash, or files changed by something else) sled
//!   first opens a copy, and the real files are opened only if the copy has
//!   its keyring and a generation at least the one in the marker file.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::error::StoreError;

pub const MARKER: &str = "generation";
pub const MANIFEST: &str = "clean-close.json";
const VERIFY_DIR: &str = "db.verify";
/// The copy read when store work stopped moving, to confirm damage.
const STALL_CHECK_DIR: &str = "db.stall-check";
/// Mixed into the marker so a torn or zeroed file reads as unknown, not 0.
const MARKER_CHECK: u64 = 0x7472_6f6c_7973_6f21;
pub const GENERATION_KEY: &[u8] = b"generation";

pub fn read_generation(meta: &sled::Tree) -> Result<u64, StoreError> {
    read_u64(meta, GENERATION_KEY)
}

/// A number kept big-endian under `key` (0 when there is none).
pub fn read_u64(tree: &sled::Tree, key: &[u8]) -> Result<u64, StoreError> {
    Ok(tree
        .get(key)?
        .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
        .unwrap_or(0))
}

/// The `generation` file, rewritten in place after every flush.
#[derive(Debug)]
pub struct Marker {
    file: Mutex<File>,
}

impl Marker {
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(MARKER);
        let file = super::paths::private_file()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(StoreError::io_at(dir))?;
        Ok(Self {
            file: Mutex::new(file),
        })
    }

    pub fn write(&self, generation: u64) {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&generation.to_be_bytes());
        bytes[8..].copy_from_slice(&(generation ^ MARKER_CHECK).to_be_bytes());
        let Ok(mut f) = self.file.lock() else { return };
        // The marker is a check, not data: failing to write it only weakens
        // the next check, so it is logged and not reported.
        if let Err(e) = f.seek(SeekFrom::Start(0)).and_then(|_| f.write_all(&bytes)) {
            tracing::warn!("could not write the generation marker: {e}");
        }
    }
}

/// The generation the marker file vouches for, if it can be read.
fn marker_generation(dir: &Path) -> Option<u64> {
    let mut bytes = [0u8; 16];
    File::open(dir.join(MARKER)).ok()?.read_exact(&mut bytes).ok()?;
    let g = u64::from_be_bytes(bytes[..8].try_into().ok()?);
    let check = u64::from_be_bytes(bytes[8..].try_into().ok()?);
    (g ^ MARKER_CHECK == check).then_some(g)
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct FileStamp {
    path: String,
    len: u64,
    modified_ns: u128,
}

fn stamps(db: &Path) -> std::io::Result<Vec<FileStamp>> {
    let mut out = Vec::new();
    let mut stack = vec![db.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let e = e?;
            let meta = e.metadata()?;
            if meta.is_dir() {
                stack.push(e.path());
                continue;
            }
            let modified_ns = meta
                .modified()?
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let path = e
                .path()
                .strip_prefix(db)
                .unwrap_or(&e.path())
                .display()
                .to_string();
            out.push(FileStamp {
                path,
                len: meta.len(),
                modified_ns,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// [`StoreError::Damaged`] when the database holds an older generation than
/// the marker file vouches for: acknowledged edits are missing.
pub fn check_generation(dir: &Path, meta: &sled::Tree) -> Result<(), StoreError> {
    let have = read_generation(meta)?;
    match marker_generation(dir) {
        Some(want) if have < want => Err(StoreError::Damaged {
            dir: dir.to_owned(),
            detail: format!("generation {have} < {want}: edits lost"),
        }),
        _ => Ok(()),
    }
}

/// Written when the store closes cleanly, after sled has let go of its files.
pub fn write_manifest(dir: &Path, db: &Path) {
    let result = stamps(db).and_then(|s| {
        let json = serde_json::to_vec(&s).map_err(std::io::Error::other)?;
        super::paths::write_private(&dir.join(MANIFEST), &json)
    });
    if let Err(e) = result {
        tracing::warn!("could not write the clean-close manifest: {e}");
    }
}

/// Opens the copy of `dir`'s database at `copy` and reads every record of
/// every tree once, `moved` told after each: sled checks each page it
/// reads, so damage anywhere shows here, on the copy, rather than in the
/// middle of a helper's work. [`StoreError::Damaged`] when the copy does
/// not open, has no keyring or fewer edits than acknowledged; a read that
/// spins instead is for whoever watches `moved`.
fn read_copy(
    dir: &Path,
    copy: &Path,
    open: impl Fn(&Path) -> Result<sled::Db, StoreError>,
    moved: impl Fn(),
) -> Result<(), StoreError> {
    let damaged = |detail: String| StoreError::Damaged {
        dir: dir.to_owned(),
        detail,
    };
    // Whatever stops the copy from opening is the data's fault.
    let db = open(copy).map_err(|e| damaged(e.to_string()))?;
    let meta = db.open_tree("meta")?;
    if meta.get(b"keyring")?.is_none() {
        return Err(damaged("no keyring in meta".into()));
    }
    check_generation(dir, &meta)?;
    for name in db.tree_names() {
        for kv in db.open_tree(name)?.iter() {
            kv?;
            moved();
        }
    }
    Ok(())
}

/// What a copy of the data says after store work stopped moving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StallVerdict {
    /// The copy is damaged too (it fails to open or read, lacks its
    /// keyring or edits, or reading it stops moving as well).
    Damaged(String),
    /// Every record of the copy reads: the data is sound, the work was slow
    /// or stuck for another reason, and nothing was changed by stopping it.
    Sound,
}

/// Confirms a stall as damage, or not, without touching the real files: a
/// copy of the database is opened and every record read on a thread of its
/// own; reading that stops moving for `stall` is damage as well (sled spins
/// on a damaged page of the copy as on the original).
pub fn confirm_stall(dir: &Path, stall: std::time::Duration) -> StallVerdict {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};
    let db = dir.join("db");
    if !db.exists() {
        return StallVerdict::Sound;
    }
    let copy = dir.join(STALL_CHECK_DIR);
    let _ = std::fs::remove_dir_all(&copy);
    if let Err(e) = super::paths::copy_dir(&db, &copy) {
        // A copy that cannot be made (a full disk) says nothing of the data.
        tracing::warn!("could not copy the data to confirm a stall: {e}");
        let _ = std::fs::remove_dir_all(&copy);
        return StallVerdict::Sound;
    }
    let moved = Arc::new(AtomicI64::new(super::now_ms()));
    let (tell, verdict) = std::sync::mpsc::channel();
    let (dir_owned, copy_owned, moved_there) = (dir.to_owned(), copy.clone(), moved.clone());
    let spawned = std::thread::Builder::new()
        .name("stall check".into())
        .spawn(move || {
            let result = read_copy(&dir_owned, &copy_owned, super::open_copy, || {
                moved_there.store(super::now_ms(), Ordering::Relaxed)
            });
            let _ = tell.send(result);
        });
    if let Err(e) = spawned {
        tracing::warn!("could not start the stall check: {e}");
        let _ = std::fs::remove_dir_all(&copy);
        return StallVerdict::Sound;
    }
    let said = loop {
        match verdict.recv_timeout(std::time::Duration::from_millis(50)) {
            Ok(Ok(())) => break StallVerdict::Sound,
            Ok(Err(e)) => break StallVerdict::Damaged(e.to_string()),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                break StallVerdict::Damaged("the check of the copy panicked".into());
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let still = super::now_ms().saturating_sub(moved.load(Ordering::Relaxed));
                if still > stall.as_millis() as i64 {
                    break StallVerdict::Damaged("reading the copy stopped moving too".into());
                }
            }
        }
    };
    // A thread still spinning on the copy keeps its files open; what is
    // left is removed at the next open.
    let _ = std::fs::remove_dir_all(&copy);
    said
}

/// Removes what a process killed half-way may leave: the manifest being
/// written and the copy being checked.
pub fn remove_leftovers(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(format!(".{MANIFEST}.partial")));
    let _ = std::fs::remove_dir_all(dir.join(VERIFY_DIR));
    let _ = std::fs::remove_dir_all(dir.join(STALL_CHECK_DIR));
}

/// Whether the database files are exactly as the last clean close left them.
/// The manifest is removed: until the next clean close, a crash is possible.
pub(super) fn closed_cleanly(dir: &Path, db: &Path) -> bool {
    let path = dir.join(MANIFEST);
    let Ok(bytes) = std::fs::read(&path) else {
        return false;
    };
    let _ = std::fs::remove_file(&path);
    let Ok(recorded) = serde_json::from_slice::<Vec<FileStamp>>(&bytes) else {
        return false;
    };
    stamps(db).is_ok_and(|now| now == recorded)
}

/// Checks the database before sled may write to it. Returns
/// [`StoreError::Damaged`] with the real files untouched when the copy shows
/// lost edits, a missing keyring, or does not open at all.
pub fn check_before_open(
    dir: &Path,
    db: &Path,
    open: impl Fn(&Path) -> Result<sled::Db, StoreError>,
) -> Result<(), StoreError> {
    if closed_cleanly(dir, db) {
        return Ok(());
    }
    let copy: PathBuf = dir.join(VERIFY_DIR);
    let _ = std::fs::remove_dir_all(&copy);
    super::paths::copy_dir(db, &copy).map_err(StoreError::io_at(dir))?;
    let verdict = read_copy(dir, &copy, open, super::watch::progress);
    let _ = std::fs::remove_dir_all(&copy);
    // Whatever went wrong reading the copy, the real files are damaged.
    verdict.map_err(|e| match e {
        StoreError::Damaged { .. } => e,
        other => StoreError::Damaged {
            dir: dir.to_owned(),
            detail: other.to_string(),
        },
    })
}
