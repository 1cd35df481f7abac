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
