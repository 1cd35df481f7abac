//! A damaged database gives a clear message and is left byte for byte as it
//! was; the way out (restore from a backup) is named.

use std::path::{Path, PathBuf};

use trolyso::i18n::Lang;
use trolyso::store::{KdfParams, Store, StoreError};

const PASS: &str = "văn phòng";

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

fn filled_store() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let (s, _) = Store::create(tmp.path(), PASS, KdfParams::light_for_tests()).unwrap();
    for i in 0..150 {
        let c = s.create_case("vneid-muc-1", 1, None, "Chị Hoa").unwrap();
        s.set_answer(&c.id, "ghi_chu", &format!("lần {i}"), "Chị Hoa")
            .unwrap();
    }
    tmp
}

fn assert_damaged_and_untouched(dir: &Path) {
    let db = dir.join("db");
    let before = files(&db);
    for _ in 0..2 {
        let err = Store::open(dir, PASS).unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
        let vi = err.message().render(Lang::Vi);
        assert!(
            vi.contains("bị hỏng") && vi.contains("khôi phục") && vi.contains(&dir.display().to_string()),
            "{vi}"
        );
        assert!(err.message().render(Lang::En).contains("restore"));
        assert_eq!(files(&db), before, "the damaged files were changed");
    }
    assert!(!dir.join("db.verify").exists());
}

#[test]
fn a_truncated_database_file() {
    let tmp = filled_store();
    let db = tmp.path().join("db/db");
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() * 2 / 3]).unwrap();
    assert_damaged_and_untouched(tmp.path());
}

#[test]
fn a_garbled_database_file() {
    let tmp = filled_store();
    let db = tmp.path().join("db/db");
    let mut bytes = std::fs::read(&db).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 100] {
        *b ^= 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    assert_damaged_and_untouched(tmp.path());
}

#[test]
fn a_garbled_start_and_a_garbled_config() {
    let tmp = filled_store();
    let db = tmp.path().join("db/db");
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[..64] {
        *b ^= 0xFF;
    }
    std::fs::write(&db, &bytes).unwrap();
    assert_damaged_and_untouched(tmp.path());

    let tmp = filled_store();
    let conf = tmp.path().join("db/conf");
    let mut bytes = std::fs::read(&conf).unwrap();
    bytes[3] ^= 0xFF;
    std::fs::write(&conf, &bytes).unwrap();
    assert_damaged_and_untouched(tmp.path());
}

#[test]
fn a_clean_store_opens_after_a_close_and_keeps_everything() {
    let tmp = filled_store();
    let s = Store::open(tmp.path(), PASS).unwrap();
    assert_eq!(s.case_count().unwrap(), 150);
    assert_eq!(s.recent(200, None).unwrap().items.len(), 150);
}

/// Issue 34: when store work stops moving, a copy of the data is read before
/// anyone is told "damaged": a sound folder is said to be untouched, and
/// garbled or cut files are confirmed as damage; the real files never change.
#[test]
fn a_stall_is_called_damage_only_when_a_copy_confirms_it() {
    use trolyso::store::{StallVerdict, confirm_stall};
    let stall = std::time::Duration::from_secs(2);
    let tmp = filled_store();
    assert_eq!(confirm_stall(tmp.path(), stall), StallVerdict::Sound);
    assert!(!tmp.path().join("db.stall-check").exists());

    let db = tmp.path().join("db/db");
    let mut bytes = std::fs::read(&db).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 100] {
        *b ^= 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let before = files(&tmp.path().join("db"));
    assert!(matches!(
        confirm_stall(tmp.path(), stall),
        StallVerdict::Damaged(_)
    ));
    assert_eq!(
        files(&tmp.path().join("db")),
        before,
        "the real files were changed"
    );

    let cut = filled_store();
    let db = cut.path().join("db/db");
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() * 2 / 3]).unwrap();
    assert!(matches!(
        confirm_stall(cut.path(), stall),
        StallVerdict::Damaged(_)
    ));
    // No folder set up: nothing to damage.
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(confirm_stall(empty.path(), stall), StallVerdict::Sound);
}
