//! The store across processes: edits acknowledged before a SIGKILL are all
//! there after a restart, and a second copy of the app on the same folder is
//! turned away with a clear message and exit code 2.
//!
//! The child process is this test binary run again with `child` as the test
//! to run and the folder in `TROLYSO_TEST_CHILD_DIR`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use trolyso_store::store::{Id, KdfParams, Store};

const PASS: &str = "văn phòng";
const CHILD_DIR: &str = "TROLYSO_TEST_CHILD_DIR";
const CHILD_MODE: &str = "TROLYSO_TEST_CHILD_MODE";

/// What the `type` child types, a letter at a time.
const TYPED: &str = "Nguyễn Thị Minh Khai, xóm Đồng Tâm, cơ sở 2";

/// The child: with mode `edit`, makes a case and commits edits to it in a
/// loop, printing each acknowledged one; with mode `type`, types [`TYPED`]
/// into one field a letter at a time, each pause saved as the app's
/// autosave does (`save_answer`), printing the letters acknowledged; with
/// mode `hold`, keeps the store open. Does nothing when run as an ordinary
/// test.
#[test]
fn child() {
    let Ok(dir) = std::env::var(CHILD_DIR) else { return };
    let store = Store::open(Path::new(&dir), PASS).unwrap();
    let mut out = std::io::stdout().lock();
    if std::env::var(CHILD_MODE).as_deref() == Ok("hold") {
        writeln!(out, "ready").unwrap();
        out.flush().unwrap();
        std::thread::sleep(Duration::from_secs(60));
        return;
    }
    let case = store.create_case("vneid-muc-1", 1, None, "Chị Hoa").unwrap();
    writeln!(out, "case {}", case.id).unwrap();
    out.flush().unwrap();
    if std::env::var(CHILD_MODE).as_deref() == Ok("type") {
        let letters: Vec<char> = TYPED.chars().collect();
        for n in 1..=letters.len() {
            let typed: String = letters[..n].iter().collect();
            store
                .save_answer(&case.id, "ghi_chu", &typed, "Chị Hoa", &Default::default())
                .unwrap();
            writeln!(out, "typed {n}").unwrap();
            out.flush().unwrap();
        }
        std::thread::sleep(Duration::from_secs(60));
        return;
    }
    for k in 0.. {
        store
            .set_answer(&case.id, &format!("e{k}"), &format!("giá trị {k}"), "Chị Hoa")
            .unwrap();
        writeln!(out, "ack {k}").unwrap();
        out.flush().unwrap();
    }
}

fn spawn_child(dir: &Path, mode: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["child", "--exact", "--nocapture", "--test-threads=1", "-q"])
        .env(CHILD_DIR, dir)
        .env(CHILD_MODE, mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A small generator for kill moments; the seed is printed so a failing run
/// can be repeated.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn make_store() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    Store::create(tmp.path(), PASS, KdfParams::light_for_tests()).unwrap();
    tmp
}

#[test]
fn acknowledged_edits_survive_sigkill() {
    let tmp = make_store();
    let seed = std::env::var("TROLYSO_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            now.as_nanos() as u64 ^ 0x9E37_79B9_7F4A_7C15
        });
    println!("crash seed {seed}");
    let mut rng = XorShift(seed | 1);
    // Thirty rounds on every run; the long run (200 and more) is asked for:
    // `TROLYSO_CRASH_ROUNDS=200 cargo test -p trolyso-store --test process`.
    let rounds: usize = std::env::var("TROLYSO_CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let mut acked: BTreeMap<Id, i64> = BTreeMap::new();
    // Cases typed into, and how many letters were acknowledged.
    let mut typed: BTreeMap<Id, usize> = BTreeMap::new();
    let started = Instant::now();
    for round in 0..rounds {
        // Every third round kills in the middle of typing.
        let typing = round % 3 == 2;
        let mut child = spawn_child(tmp.path(), if typing { "type" } else { "edit" });
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let stop_after = rng.below(if typing { 30 } else { 12 }) as i64;
        let mut case = None;
        let mut last = -1i64;
        // Kill at a random ack, sometimes in the middle of the next edit.
        while let Some(Ok(line)) = lines.next() {
            if let Some(id) = line.strip_prefix("case ") {
                case = Some(Id::parse(id).unwrap());
            } else if let Some(k) = line.strip_prefix("ack ").or_else(|| line.strip_prefix("typed ")) {
                last = k.parse().unwrap();
                if last >= stop_after {
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(3000)));
        child.kill().unwrap();
        child.wait().unwrap();
        // Lines the child printed before it died were acknowledged too.
        for line in lines.map_while(Result::ok) {
            if let Some(k) = line.strip_prefix("ack ").or_else(|| line.strip_prefix("typed ")) {
                last = k.parse().unwrap();
            }
        }
        match case {
            Some(id) if typing => {
                typed.insert(id, last.max(0) as usize);
            }
            Some(id) => {
                acked.insert(id, last);
            }
            None => {}
        }
        let store = Store::open(tmp.path(), PASS).unwrap_or_else(|e| panic!("round {round}: {e}"));
        for (id, last) in &acked {
            let c = store
                .case(id)
                .unwrap()
                .unwrap_or_else(|| panic!("round {round}: case {id} lost"));
            for k in 0..=*last {
                assert_eq!(
                    c.answers.get(&format!("e{k}")).map(String::as_str),
                    Some(format!("giá trị {k}").as_str()),
                    "round {round}: case {id} lost edit {k}"
                );
            }
        }
        for (id, letters) in &typed {
            let c = store
                .case(id)
                .unwrap()
                .unwrap_or_else(|| panic!("round {round}: case {id} lost"));
            let stored = c.answers.get("ghi_chu").map_or("", String::as_str);
            // Every acknowledged letter is there, and nothing that was not typed.
            let want: String = TYPED.chars().take(*letters).collect();
            assert!(
                stored.starts_with(want.trim()) && TYPED.starts_with(stored),
                "round {round}: typed {letters} letters, found {stored:?}"
            );
        }
    }
    println!("{rounds} kill rounds in {:?}", started.elapsed());
}

fn db_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir.join("db"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    out.sort();
    out
}

/// A second opening from another process is turned away in words, and the
/// files are left as they were (the command's exit code 2 is the binary's:
/// `tests/it/cli_store.rs`).
#[test]
fn a_second_copy_is_turned_away() {
    let tmp = make_store();
    let mut holder = spawn_child(tmp.path(), "hold");
    let mut lines = BufReader::new(holder.stdout.take().unwrap()).lines();
    // libtest prints its own lines first.
    assert!(lines.by_ref().map_while(Result::ok).any(|l| l == "ready"));
    let before = db_files(tmp.path());
    let err = Store::open(tmp.path(), PASS).unwrap_err();
    holder.kill().unwrap();
    holder.wait().unwrap();
    let said = err.message().render(trolyso_core::i18n::Lang::Vi);
    assert!(
        said.contains(&format!(
            "Dữ liệu ở {} đang được mở trong một cửa sổ khác",
            tmp.path().display()
        )),
        "{said}"
    );
    assert_eq!(db_files(tmp.path()), before);
}
