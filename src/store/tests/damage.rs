//! Damaged files: every command ends, with the words for damaged data.

use super::*;

/// A store as an office leaves it after a few days: seeded, opened and
/// closed a few times (sled has written a snapshot by then: the state in
/// which one flipped bit used to send `backup` into an endless loop).
fn lived_in(dir: &Path) {
    let s = new_store(dir);
    let mut g = crate::dev::seed::Generator::new(3);
    crate::dev::seed::fill(&s, &mut g, 200, now_ms()).unwrap();
    drop(s);
    for _ in 0..3 {
        let s = Store::open(dir, PASS).unwrap();
        s.recent(50, None).unwrap();
        s.auto_backup_if_due(crate::domain::Date::new(2026, 11, 28).unwrap())
            .unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Flips one bit of `db/db` at `offset`; with `keep_time` the file's time
/// is put back, as bit rot on a disk would leave it.
fn flip(dir: &Path, offset: u64, keep_time: bool) {
    use std::io::{Read, Seek, SeekFrom, Write};
    let path = dir.join("db").join("db");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .unwrap();
    let mut b = [0u8];
    f.seek(SeekFrom::Start(offset)).unwrap();
    f.read_exact(&mut b).unwrap();
    f.seek(SeekFrom::Start(offset)).unwrap();
    f.write_all(&[b[0] ^ 1]).unwrap();
    if keep_time {
        f.set_modified(modified).unwrap();
    }
}

/// What a helper would do with the store: open, list, search, back up.
/// Returns the first failure's words (None if all went through).
fn use_it(dir: &Path) -> Option<(&'static str, String)> {
    let run = || -> Result<(), StoreError> {
        let s = Store::open(dir, PASS)?;
        s.recent(500, None)?;
        s.search_name("nguyen", 50, None)?;
        s.backup(&dir.join("tay.bak"))?;
        s.auto_backup_if_due(crate::domain::Date::new(2026, 12, 1).unwrap())?;
        Ok(())
    };
    run()
        .err()
        .map(|e| (e.message().key, e.message().render(Lang::Vi)))
}

#[test]
fn one_flipped_bit_ends_every_command_with_words_not_a_loop() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("base");
    lived_in(&base);
    let size = std::fs::metadata(base.join("db").join("db")).unwrap().len();
    let (mut damaged, mut fine) = (0, 0);
    for i in 0..40u64 {
        let keep_time = i % 2 == 0;
        let dir = tmp.path().join(format!("w{i}"));
        copy_dir(&base, &dir);
        flip(&dir, size * i / 40 + i % 13, keep_time);
        let (tx, rx) = std::sync::mpsc::channel();
        let d = dir.clone();
        std::thread::spawn(move || tx.send(use_it(&d)));
        let outcome = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("offset {}: still running after 30 s", size * i / 40));
        match outcome {
            None => fine += 1,
            Some((key, said)) => {
                damaged += 1;
                assert!(
                    ["store.damaged", "store.corrupt"].contains(&key),
                    "offset {}: {key}: {said}",
                    size * i / 40
                );
                assert!(!said.contains("Inline") && !said.contains("backtrace"), "{said}");
            }
        }
        // A failed backup leaves no half-written file.
        let partials = std::fs::read_dir(dir.join("backups"))
            .map(|d| {
                d.filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .path()
                        .extension()
                        .is_some_and(|x| x == "partial")
                })
                .count()
            })
            .unwrap_or(0);
        assert_eq!(partials, 0);
    }
    assert!(damaged > 0, "no flip was noticed ({fine} went through)");
}
