//! Failures as the helper meets them: what a killed process leaves, and
//! the words for what the system reports.

use super::*;

/// Issue 12, item 8: what a process killed half-way leaves (a backup being
/// written, the clean-close manifest being written, the copy being checked)
/// is gone once the store is opened again.
#[test]
fn leftovers_of_a_killed_process_are_removed_on_open() {
    let tmp = tempfile::tempdir().unwrap();
    drop(new_store(tmp.path()));
    let backups = tmp.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let leftovers = [
        backups.join("trolyso-2026-11-28.partial"),
        tmp.path().join(".clean-close.json.partial"),
        tmp.path().join("db.verify").join("db"),
    ];
    for f in &leftovers {
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, b"half").unwrap();
    }
    let s = Store::open(tmp.path(), PASS).unwrap();
    for f in &leftovers {
        assert!(!f.exists(), "{} left", f.display());
    }
    drop(s);
}

/// Issue 12, item 6: the system's own words never reach the helper; a full
/// disk says what to do, in the screen's language.
#[test]
fn system_errors_are_told_in_words() {
    let full = StoreError::Io {
        dir: "/du-lieu".into(),
        source: std::io::Error::from_raw_os_error(28),
    };
    let vi = full.message().render(Lang::Vi);
    assert!(
        vi.contains("ổ đĩa đã đầy") && !vi.contains("Os {") && !vi.contains("os error"),
        "{vi}"
    );
    let en = full.message().render(Lang::En);
    assert!(en.contains("the disk is full"), "{en}");
    let denied = StoreError::Io {
        dir: "/du-lieu".into(),
        source: std::io::ErrorKind::PermissionDenied.into(),
    };
    assert!(denied.message().render(Lang::Vi).contains("không có quyền"));
    let corrupt = StoreError::Sled(sled::Error::Corruption { at: None, bt: () });
    let vi = corrupt.message().render(Lang::Vi);
    assert!(
        vi.contains("bị hỏng") && vi.contains("khôi phục") && !vi.contains("Inline"),
        "{vi}"
    );
}

/// Issue 32, item 2: a snapshot sled was writing when the disk filled
/// (`db/snap.*.generating`) made every later open say "damaged" until it
/// was deleted by hand. It is removed at open; the cases are all there.
#[test]
fn a_half_written_snapshot_is_not_taken_for_damage() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    for _ in 0..5 {
        s.create_case("vneid-muc-1", 1, None, "h").unwrap();
    }
    drop(s);
    let half = tmp.path().join("db").join("snap.00000000000A1B2C.generating");
    std::fs::write(&half, vec![0xA5u8; 4096]).unwrap();
    let s = Store::open(tmp.path(), PASS).unwrap();
    assert_eq!(s.case_count().unwrap(), 5);
    assert!(!half.exists());
}

/// Issue 32, items 2 and 3: a full disk or a data file the user may not
/// write is the system's, said as such (what to do), never "damaged data,
/// restore from a backup" — which would lose the edits since the backup.
#[test]
fn a_full_disk_or_no_permission_at_open_is_not_damage() {
    use std::io::{Error, ErrorKind};
    for (e, key) in [
        (Error::from(ErrorKind::StorageFull), "io.disk_full"),
        (Error::from_raw_os_error(28), "io.disk_full"),
        (Error::from(ErrorKind::PermissionDenied), "io.permission"),
        (Error::from(ErrorKind::ReadOnlyFilesystem), "io.permission"),
    ] {
        assert!(is_system_trouble(&e), "{e:?}");
        assert_eq!(trolyso_core::i18n::io_problem(&e), key, "{e:?}");
        let words = StoreError::io_at(Path::new("/data"))(e)
            .message()
            .render(Lang::Vi);
        assert!(!words.contains("hỏng"), "{words}");
    }
    assert!(!is_system_trouble(&Error::from(ErrorKind::InvalidData)));
}

/// Item 3 on a real file system: `db/db` read-only to its owner. Root may
/// write anyway (CI runs as root): there the check is skipped.
#[cfg(unix)]
#[test]
fn a_read_only_database_file_is_said_as_permission() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    drop(new_store(tmp.path()));
    let file = tmp.path().join("db").join("db");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o400)).unwrap();
    let Err(err) = Store::open(tmp.path(), PASS) else {
        panic!("a read-only database was opened")
    };
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let words = err.message().render(Lang::Vi);
    assert!(!words.contains("hỏng"), "{words}");
}
