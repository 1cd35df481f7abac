//! Backups: one file holding every tree as stored (so records stay
//! encrypted and the data key stays wrapped), followed by a SHA-256 of all
//! that comes before it. Restore checks the sum before writing anything.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::error::StoreError;
use super::{TREES, db_path, is_set_up, lock, open_db};
use crate::domain::Date;

const MAGIC: &[u8] = b"TROLYSO-BACKUP\n";
const FORMAT: u32 = 1;
/// Automatic backups kept in `backups/`.
pub const BACKUPS_KEPT: usize = 7;

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

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |e| StoreError::Backup {
        path: path.to_owned(),
        detail: e.to_string(),
    }
}

/// Writes the backup to `out` through a temporary file renamed into place,
/// so a half-written backup never carries the final name.
pub fn write(db: &sled::Db, out: &Path) -> Result<(), StoreError> {
    let err = io_err(out);
    let tmp = out.with_extension("partial");
    let file = super::paths::private_file()
        .create(true)
        .truncate(true)
        .write(true)
        .open(&tmp)
        .map_err(&err)?;
    let mut w = Hashing {
        inner: BufWriter::new(file),
        hash: Sha256::new(),
    };
    w.write_all(MAGIC).map_err(&err)?;
    w.write_all(&FORMAT.to_be_bytes()).map_err(&err)?;
    w.write_all(&(TREES.len() as u16).to_be_bytes()).map_err(&err)?;
    for name in TREES {
        let tree = db.open_tree(name)?;
        w.write_all(&(name.len() as u16).to_be_bytes()).map_err(&err)?;
        w.write_all(name.as_bytes()).map_err(&err)?;
        w.write_all(&(tree.len() as u64).to_be_bytes()).map_err(&err)?;
        for kv in tree.iter() {
            let (k, v) = kv?;
            w.write_all(&(k.len() as u32).to_be_bytes()).map_err(&err)?;
            w.write_all(&k).map_err(&err)?;
            w.write_all(&(v.len() as u32).to_be_bytes()).map_err(&err)?;
            w.write_all(&v).map_err(&err)?;
        }
    }
    let sum = w.hash.finalize_reset();
    let mut inner = w.inner;
    inner.write_all(&sum).map_err(&err)?;
    let file = inner.into_inner().map_err(|e| err(e.into_error()))?;
    file.sync_all().map_err(&err)?;
    drop(file);
    std::fs::rename(&tmp, out).map_err(&err)?;
    Ok(())
}

type Entries = Vec<(String, Vec<(Vec<u8>, Vec<u8>)>)>;

/// Reads and checks a backup file completely before anything is written.
fn read(path: &Path) -> Result<Entries, StoreError> {
    let bad = |detail: &str| StoreError::Backup {
        path: path.to_owned(),
        detail: detail.to_owned(),
    };
    let bytes = std::fs::read(path).map_err(io_err(path))?;
    if bytes.len() < MAGIC.len() + 4 + 32 || !bytes.starts_with(MAGIC) {
        return Err(bad("không phải tệp sao lưu của trolyso"));
    }
    let (body, sum) = bytes.split_at(bytes.len() - 32);
    if Sha256::digest(body).as_slice() != sum {
        return Err(bad("tổng kiểm tra không khớp: tệp bị hỏng hoặc chép thiếu"));
    }
    let mut pos = MAGIC.len();
    let mut take = |n: usize| -> Result<&[u8], StoreError> {
        let s = body.get(pos..pos + n).ok_or_else(|| bad("tệp bị cắt ngắn"))?;
        pos += n;
        Ok(s)
    };
    let format = u32::from_be_bytes(take(4)?.try_into().unwrap_or_default());
    if format != FORMAT {
        return Err(bad("phiên bản tệp sao lưu không biết"));
    }
    let tree_count = u16::from_be_bytes(take(2)?.try_into().unwrap_or_default());
    let mut trees = Vec::new();
    for _ in 0..tree_count {
        let n = u16::from_be_bytes(take(2)?.try_into().unwrap_or_default()) as usize;
        let name = String::from_utf8_lossy(take(n)?).into_owned();
        if !TREES.contains(&name.as_str()) {
            return Err(bad("tên bảng lạ"));
        }
        let count = u64::from_be_bytes(take(8)?.try_into().unwrap_or_default());
        let mut entries = Vec::new();
        for _ in 0..count {
            let kl = u32::from_be_bytes(take(4)?.try_into().unwrap_or_default()) as usize;
            let k = take(kl)?.to_vec();
            let vl = u32::from_be_bytes(take(4)?.try_into().unwrap_or_default()) as usize;
            let v = take(vl)?.to_vec();
            entries.push((k, v));
        }
        trees.push((name, entries));
    }
    Ok(trees)
}

/// `trolyso restore FILE`: into an empty data folder only, after the
/// checksum has been verified.
pub fn restore(file: &Path, dir: &Path) -> Result<usize, StoreError> {
    let trees = read(file)?;
    let _lock = lock(dir)?;
    if is_set_up(dir) {
        return Err(StoreError::NotEmpty { dir: dir.to_owned() });
    }
    let result = (|| {
        let db = open_db(dir)?;
        let mut count = 0;
        for (name, entries) in &trees {
            let tree = db.open_tree(name)?;
            for (k, v) in entries {
                tree.insert(k.as_slice(), v.as_slice())?;
                count += 1;
            }
        }
        db.flush()?;
        Ok(count)
    })();
    if result.is_err() {
        // A half-restored folder would look set up; leave it empty again.
        let _ = std::fs::remove_dir_all(db_path(dir));
    }
    result
}

/// Today's automatic backup, then the oldest beyond [`BACKUPS_KEPT`] removed.
pub fn auto(db: &sled::Db, dir: &Path, today: Date) -> Result<Option<PathBuf>, StoreError> {
    let folder = dir.join("backups");
    super::paths::create_private_dir(&folder).map_err(|e| StoreError::Io {
        dir: folder.clone(),
        source: e,
    })?;
    let name = format!(
        "trolyso-{:04}-{:02}-{:02}.bak",
        today.year, today.month, today.day
    );
    let path = folder.join(&name);
    if path.exists() {
        return Ok(None);
    }
    write(db, &path)?;
    let mut existing: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| StoreError::Io {
            dir: folder.clone(),
            source: e,
        })?
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
