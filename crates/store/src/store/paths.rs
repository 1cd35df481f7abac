//! Where the data folder is, and the lock that keeps a second copy of the app
//! off it.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The env variable that overrides the data folder (for scripts and tests).
pub const DATA_DIR_ENV: &str = "TROLYSO_DATA_DIR";

/// The data folder: `--data-dir`, else `TROLYSO_DATA_DIR`, else the
/// platform's data directory (Linux `~/.local/share/trolyso`, Windows
/// `%APPDATA%\trolyso\data`).
pub fn data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_owned());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    ProjectDirs::from("vn", "", "trolyso").map(|p| p.data_dir().to_owned())
}

/// The training folder beside the real one: `trolyso-training` next to
/// `trolyso` (on Windows `data-training` next to `data`). Never inside it,
/// so nothing that walks the real folder ever meets training files.
pub fn training_dir(real: &Path) -> PathBuf {
    let name = real
        .file_name()
        .map_or_else(|| "trolyso".into(), |n| n.to_string_lossy().into_owned());
    real.with_file_name(format!("{name}-training"))
}

/// Makes every file and folder this process creates owner-only from the
/// start (sled creates its files with the process's mask, and so does the
/// log): nothing is readable by others even for the moment before a chmod.
/// On Windows the user's profile folders are already private.
pub fn private_from_the_start() {
    #[cfg(unix)]
    // SAFETY: umask(2) only sets the process's file-creation mask; it
    // touches no memory and cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Creates a folder that only its owner can read (on Unix; on Windows the
/// user's profile folders are already private).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

/// Makes the data folder owner-only if it was there already with wider
/// permissions (made by hand, or by an older version). Only the data folder:
/// a folder chosen for a backup (a USB stick) is the user's business.
pub fn tighten_data_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Options that create a file only its owner can read (on Unix).
pub fn private_file() -> OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut o = OpenOptions::new();
        o.mode(0o600);
        o
    }
    // On Windows the data folder is under the user's profile, which only
    // that user can read; what protects the data there is its encryption.
    #[cfg(not(unix))]
    OpenOptions::new()
}

/// An empty owner-only file at `path` to write, replacing one there.
pub fn create_private(path: &Path) -> std::io::Result<File> {
    private_file().create(true).truncate(true).write(true).open(path)
}

/// Writes `bytes` to an owner-only file at `path`, whole or not at all: a
/// file beside it is written and flushed to disk, then renamed over `path`.
/// A full disk or a pulled plug leaves the old file as it was (never a cut
/// one under its name) and no file beside it.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy().into_owned());
    let beside = path.with_file_name(format!(".{name}.partial"));
    let done = create_private(&beside)
        .and_then(|f| written(f, bytes))
        .and_then(|()| std::fs::rename(&beside, path));
    if done.is_err() {
        let _ = std::fs::remove_file(&beside);
    }
    done
}

/// Makes a rename inside `dir` last through a power cut: the directory's
/// entry is synced (Unix; on Windows the rename is already durable once
/// it returns).
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Writes `bytes` to an owner-only file at `path` that must not exist yet
/// (`AlreadyExists` otherwise) and waits until they are on disk.
pub fn write_private_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    written(private_file().create_new(true).write(true).open(path)?, bytes)
}

fn written(mut f: File, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Makes every file under `dir` owner-only (sled creates its files with the
/// process umask).
pub fn restrict_files(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            let mode = if entry.file_type()?.is_dir() { 0o700 } else { 0o600 };
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))?;
            if entry.file_type()?.is_dir() {
                restrict_files(&path)?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Whether another copy of the app has the data folder open now. For
/// saying so at start, before a passphrase is asked for; opening still
/// takes the lock for itself.
pub fn in_use(dir: &Path) -> bool {
    matches!(DirLock::acquire(dir), Err(LockError::Busy))
}

/// An exclusive lock on `trolyso.lock` in the data folder, held while the
/// store is open and released when dropped (or when the process dies).
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

pub enum LockError {
    Busy,
    Io(std::io::Error),
}

impl DirLock {
    pub fn acquire(dir: &Path) -> Result<Self, LockError> {
        let file = private_file()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("trolyso.lock"))
            .map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Busy),
            Err(std::fs::TryLockError::Error(e)) => Err(LockError::Io(e)),
        }
    }
}

/// Copies in chunks, telling the watchdog after each: a large database on
/// a slow disk takes a while, and that is not a stall.
fn copy_file(from: &Path, to: &Path) -> std::io::Result<()> {
    use std::io::{Read, Write};
    let mut src = File::open(from)?;
    let mut dst = create_private(to)?;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = src.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        dst.write_all(&buf[..n])?;
        super::watch::progress();
    }
}

/// A folder and everything in it, copied owner-only (a database checked
/// on a copy; a closed data folder copied in tests and benchmarks).
pub fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            copy_file(&e.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod write_tests {
    #[test]
    fn a_file_is_replaced_whole_or_left_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("bao-cao.csv");
        super::write_private(&path, b"first").unwrap();
        super::write_private(&path, b"second, longer").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second, longer");
        // The file beside cannot be written (its name taken by a folder):
        // the old file stays whole and the error comes back.
        std::fs::create_dir(tmp.path().join(".bao-cao.csv.partial")).unwrap();
        assert!(super::write_private(&path, b"third").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"second, longer");
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
