//! Issue 28: an office takes bundles only from machines it enrolled, with
//! the key it enrolled. Each attack found by trying as an outsider is
//! refused through the binary, in words, before anything in the bundle is
//! decrypted; nothing is written but the audit log's line saying what was
//! refused.

use crate::bundle::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signer, SigningKey};
use sha2::Digest;
use std::path::{Path, PathBuf};
use trolyso::bundle;
use trolyso::store::exchange::Since;
use trolyso::store::{Change, KdfParams, Store};

/// A command on the folder `dir`, as a script or a helper types it:
/// whether it succeeded, and what it said (never a system error's debug
/// text or a panic).
pub(crate) fn run(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trolyso"))
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env("TROLYSO_PASSPHRASE", PASS)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        !text.contains("Os {") && !text.contains("Error") && !text.contains("panicked"),
        "{args:?}: {text}"
    );
    (out.status.success(), text)
}

/// `genuine` re-signed under a fresh key, its header naming `machine`: what
/// anyone holding a real bundle (or only the office's public key) can make.
/// Its entries stay encrypted to the office: whatever they say would be
/// read only if the signature were trusted.
fn forged(genuine: &Path, machine: &str) -> PathBuf {
    let seed: [u8; 32] = std::array::from_fn(|i| i as u8 ^ 0x5a);
    let key = SigningKey::from_bytes(&seed);
    let text = std::fs::read_to_string(genuine).unwrap();
    let mut lines = text.lines();
    let magic = lines.next().unwrap();
    let (json, _) = lines.next().unwrap().rsplit_once(' ').unwrap();
    let mut header: serde_json::Value = serde_json::from_str(json).unwrap();
    header["machine"] = machine.into();
    header["key"] = B64.encode(key.verifying_key().to_bytes()).into();
    let id = header["id"].as_str().unwrap().to_owned();
    let json = header.to_string();
    let mut out = format!(
        "{magic}\n{json} {}\n",
        B64.encode(key.sign(json.as_bytes()).to_bytes())
    );
    for line in lines.filter(|l| !l.is_empty()) {
        let mut parts = line.split(' ');
        let (hash, _, sealed) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let raw = B64.decode(hash).unwrap();
        assert_eq!(raw, sha2::Sha256::digest(B64.decode(sealed).unwrap()).to_vec());
        let signed = [id.as_bytes(), b"\n", &raw].concat();
        out.push_str(&format!(
            "{hash} {} {sealed}\n",
            B64.encode(key.sign(&signed).to_bytes())
        ));
    }
    let path = genuine.with_file_name(format!("gia-{machine}.trolyso"));
    std::fs::write(&path, out).unwrap();
    path
}

fn refusals(store: &Store) -> Vec<(String, String)> {
    store
        .audit_events()
        .filter_map(|e| match e.unwrap().change {
            Change::Refused { machine, why, .. } => Some((machine, why)),
            _ => None,
        })
        .collect()
}

/// Two folders on disk (the commands open them), the laptop enrolled.
struct Office {
    _tmp: tempfile::TempDir,
    office: PathBuf,
    laptop: PathBuf,
    stick: PathBuf,
}

fn office_and_laptop() -> Office {
    let tmp = tempfile::tempdir().unwrap();
    let (office, laptop, stick) = (
        tmp.path().join("office"),
        tmp.path().join("laptop"),
        tmp.path().join("usb"),
    );
    std::fs::create_dir(&stick).unwrap();
    let o = Store::create(&office, PASS, KdfParams::light_for_tests())
        .unwrap()
        .0;
    let l = Store::create(&laptop, PASS, KdfParams::light_for_tests())
        .unwrap()
        .0;
    let key = stick.join("khoa.txt");
    std::fs::write(&key, bundle::key_file_text(&o).unwrap()).unwrap();
    enrolled(&o, &l, &key);
    Office {
        _tmp: tmp,
        office,
        laptop,
        stick,
    }
}

/// A genuine bundle of the enrolled laptop with one case, whose id is
/// returned; the office has taken it.
fn a_case_at_the_office(o: &Office) -> (PathBuf, trolyso::store::Id) {
    let l = Store::open(&o.laptop, PASS).unwrap();
    let id = case(&l, "Đỗ Thị Lan", "001203004590", "0912345690");
    let file = export(&l, &o.stick, Since::All);
    drop(l);
    let (ok, said) = run(&o.office, &["bundle", "import", file.to_str().unwrap()]);
    assert!(ok && said.contains("1 hồ sơ mới"), "{said}");
    (file, id)
}

#[test]
fn a_stranger_s_folder_holding_only_the_office_key_gets_nothing_in() {
    let o = office_and_laptop();
    let stranger = o.stick.parent().unwrap().join("stranger");
    let key = o.stick.join("khoa.txt");
    let seed = std::process::Command::new(env!("CARGO_BIN_EXE_trolyso"))
        .args(["dev", "seed", "--cases", "7", "--light-kdf", "--data-dir"])
        .arg(&stranger)
        .env("TROLYSO_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(seed.status.success());
    let (ok, said) = run(&stranger, &["office", "join", key.to_str().unwrap()]);
    assert!(ok && said.contains("Mã đối chiếu"), "{said}");
    let (ok, said) = run(
        &stranger,
        &[
            "bundle",
            "export",
            "--out",
            o.stick.to_str().unwrap(),
            "--since",
            "all",
        ],
    );
    assert!(ok, "{said}");
    let file = bundle::places::bundles_in(&o.stick).pop().unwrap();

    let (ok, said) = run(
        &o.office,
        &["bundle", "import", file.to_str().unwrap(), "--dry-run"],
    );
    assert!(
        !ok && said.contains("chưa chấp nhận") && !said.contains("hồ sơ mới"),
        "{said}"
    );
    let (ok, said) = run(&o.office, &["bundle", "import", file.to_str().unwrap()]);
    assert!(!ok && said.contains("chưa chấp nhận"), "{said}");
    let office = Store::open(&o.office, PASS).unwrap();
    assert_eq!(office.case_count().unwrap(), 0);
    let refused = refusals(&office);
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(
        refused.iter().all(|(_, why)| why == "not_enrolled"),
        "{refused:?}"
    );
}

#[test]
fn a_crafted_bundle_for_an_existing_case_is_refused_unread() {
    let o = office_and_laptop();
    let (genuine, id) = a_case_at_the_office(&o);
    // The same entries (for a case the office holds) under a fresh key:
    // as a new machine, as the enrolled laptop, as the office itself.
    let laptop_id = Store::open(&o.laptop, PASS).unwrap().machine_id().unwrap();
    let office_id = Store::open(&o.office, PASS).unwrap().machine_id().unwrap();
    for (claim, words, why) in [
        ("kkkkkkkkkkkkkkkk", "chưa chấp nhận", "not_enrolled"),
        (laptop_id.as_str(), "chữ ký khác", "other_key"),
        (office_id.as_str(), "chính máy này", "own_id"),
    ] {
        let file = forged(&genuine, claim);
        let (ok, said) = run(&o.office, &["bundle", "import", file.to_str().unwrap()]);
        assert!(!ok && said.contains(words), "{claim}: {said}");
        let office = Store::open(&o.office, PASS).unwrap();
        assert_eq!(refusals(&office).last().unwrap().1, why);
        let case = office.case(&id).unwrap().unwrap();
        assert_eq!(case.answers["ho_ten"], "Đỗ Thị Lan", "{claim}");
    }
    // The real laptop's next bundle is still taken.
    let l = Store::open(&o.laptop, PASS).unwrap();
    case(&l, "Đỗ Văn Hùng", "001203004591", "0912345691");
    let next = export(&l, &o.stick, Since::Last);
    drop(l);
    let (ok, said) = run(&o.office, &["bundle", "import", next.to_str().unwrap()]);
    assert!(ok && said.contains("1 hồ sơ mới"), "{said}");
}

#[test]
fn a_machine_never_joins_itself_nor_enrols_its_own_request() {
    let o = office_and_laptop();
    let own = o.stick.join("khoa.txt");
    let (ok, said) = run(&o.office, &["office", "join", own.to_str().unwrap()]);
    assert!(!ok && said.contains("không nối với chính nó"), "{said}");
    // A request changed on the way (another helper's name) is refused.
    let request = bundle::places::bundles_and_keys_in(&o.stick)
        .into_iter()
        .find(|(_, k)| *k == Some(bundle::Kind::Request))
        .unwrap()
        .0;
    let text = std::fs::read_to_string(&request).unwrap();
    std::fs::write(&request, text.replacen("\"helper\":\"", "\"helper\":\"X", 1)).unwrap();
    let (ok, said) = run(
        &o.office,
        &["office", "enrol", request.to_str().unwrap(), "--yes"],
    );
    assert!(!ok && said.contains("đã bị sửa"), "{said}");
    // A file far too big is not read whole.
    let big = o.stick.join("to.txt");
    std::fs::write(&big, "age1".repeat(100_000)).unwrap();
    let (ok, said) = run(&o.office, &["office", "enrol", big.to_str().unwrap(), "--yes"]);
    assert!(!ok && said.contains("quá lớn"), "{said}");
}

/// A genuine bundle of the laptop's, its header changed by `edit` and
/// signed again with the laptop's own key, its entry lines replaced by
/// `lines`: what a broken copy tool, or a machine gone wrong, hands in.
fn resigned(
    genuine: &Path,
    laptop: &Store,
    edit: impl Fn(&mut serde_json::Value),
    lines: impl Fn(Vec<String>) -> Vec<String>,
) -> PathBuf {
    let key = laptop.office_keys().unwrap().signing();
    let text = std::fs::read_to_string(genuine).unwrap();
    let mut all = text.lines();
    let magic = all.next().unwrap();
    let (json, _) = all.next().unwrap().rsplit_once(' ').unwrap();
    let mut header: serde_json::Value = serde_json::from_str(json).unwrap();
    edit(&mut header);
    let json = header.to_string();
    let mut out = format!(
        "{magic}\n{json} {}\n",
        B64.encode(key.sign(json.as_bytes()).to_bytes())
    );
    for line in lines(all.filter(|l| !l.is_empty()).map(str::to_owned).collect()) {
        out.push_str(&line);
        out.push('\n');
    }
    let path = genuine.with_file_name("sua.trolyso");
    std::fs::write(&path, out).unwrap();
    path
}

/// Issue 28, item 3: a bundle file is read as a stream within limits; its
/// header's count holds against its lines; damaged lines are counted and a
/// few listed; nothing readable is a failure; a repeated line counts once,
/// the same in the preview and the import.
#[test]
fn a_bundle_is_read_within_limits_and_its_header_checked() {
    let (office, laptop, stick) = (machine(), machine(), tempfile::tempdir().unwrap());
    join(&office.store, &laptop.store, stick.path());
    for (name, n) in [("Hà Văn Một", 1), ("Hà Văn Hai", 2), ("Hà Văn Ba", 3)] {
        case(
            &laptop.store,
            name,
            &format!("00120300459{n}"),
            &format!("091234569{n}"),
        );
    }
    let genuine = export(&laptop.store, stick.path(), Since::All);
    let preview = |f: &Path| bundle::import(&office.store, f, &catalogue(), bundle::ImportMode::Preview);
    let keys = |r: &bundle::Received| bundle::summary(r).iter().map(|m| m.key).collect::<Vec<_>>();

    // Header lies: refused as a damaged header, nothing read after it.
    for edit in [
        (|h: &mut serde_json::Value| h["entries"] = u64::MAX.into()) as fn(&mut serde_json::Value),
        |h| h["machine"] = "".into(),
        |h| h["id"] = "x".repeat(100_000).into(),
        |h| h["made_ms"] = 4_102_444_800_000_i64.into(),
    ] {
        let f = resigned(&genuine, &laptop.store, edit, |l| l);
        assert_eq!(preview(&f).unwrap_err().key, "bundle.damaged_header");
    }
    // Fewer announced than there are lines: those announced, the rest said.
    let f = resigned(&genuine, &laptop.store, |h| h["entries"] = 2.into(), |l| l);
    let got = preview(&f).unwrap();
    assert_eq!(got.imported.new.len(), 2);
    assert!(keys(&got).contains(&"bundle.extra"), "{:?}", keys(&got));
    // A line far too long, and one-letter lines: damaged, counted, a few
    // listed; the good parts come in.
    let f = resigned(
        &genuine,
        &laptop.store,
        |h| h["entries"] = 40.into(),
        |l| {
            let mut out = vec!["A".repeat(3_000_000)];
            out.extend((0..36).map(|i| format!("x{i}")));
            out.extend(l);
            out
        },
    );
    let got = preview(&f).unwrap();
    assert_eq!((got.imported.new.len(), got.damaged_count), (3, 37));
    assert_eq!(got.damaged.len(), 20, "a few listed, all counted");
    // Nothing readable (the same damaged line thrice): a failure, not an
    // import of nothing.
    let f = resigned(
        &genuine,
        &laptop.store,
        |h| h["entries"] = 3.into(),
        |_| vec!["x".into(); 3],
    );
    assert_eq!(preview(&f).unwrap_err().key, "bundle.nothing_readable");
    // The same line fifty times: one case, in the preview and the import.
    let f = resigned(
        &genuine,
        &laptop.store,
        |h| h["entries"] = 53.into(),
        |l| [l.clone(), vec![l[0].clone(); 50]].concat(),
    );
    let dry = preview(&f).unwrap();
    let done = bundle::import(&office.store, &f, &catalogue(), bundle::ImportMode::Write).unwrap();
    assert_eq!((dry.imported.new.len(), done.imported.new.len()), (3, 3));
    assert_eq!((dry.duplicates, done.duplicates), (50, 50));
    assert!(keys(&done).contains(&"bundle.duplicates"));
}

/// Issue 28, item 4: an import asked to stop merges no further case; the
/// cases merged before are whole, and importing again takes the rest.
#[test]
fn an_import_asked_to_stop_takes_no_further_case() {
    let (office, laptop, stick) = (machine(), machine(), tempfile::tempdir().unwrap());
    join(&office.store, &laptop.store, stick.path());
    for n in 0..5 {
        case(
            &laptop.store,
            &format!("Vi Văn Số {n}"),
            &format!("00120300460{n}"),
            &format!("091234570{n}"),
        );
    }
    let entries = laptop.store.outgoing(Since::All).unwrap().entries;
    let catalogue = catalogue();
    let roles = bundle::roles_of(&catalogue);
    let from = trolyso::store::exchange::BundleFrom {
        machine: &laptop.store.machine_id().unwrap(),
        bundle: "dung",
        damaged: 0,
    };
    let stopped = trolyso::store::Progress::default();
    stopped.ask_to_stop();
    let got = office
        .store
        .import_entries(&entries, &roles, &from, bundle::ImportMode::Write, &stopped)
        .unwrap();
    assert_eq!((got.stopped, got.new.len()), (5, 0));
    assert_eq!(office.store.case_count().unwrap(), 0);
    let got = office
        .store
        .import_entries(
            &entries,
            &roles,
            &from,
            bundle::ImportMode::Write,
            &Default::default(),
        )
        .unwrap();
    assert_eq!((got.stopped, got.new.len()), (0, 5));
    // Reading a file stops as well, before anything is merged. (An export
    // cut off earlier left a half-written file: the next one removes it.)
    let left = stick.path().join("goi-abcd-2026-12-01-0930-xyzw.tmp");
    std::fs::write(&left, "TROLYSO-BUNDLE 1\n").unwrap();
    let file = export(&laptop.store, stick.path(), Since::All);
    assert!(!left.exists());
    let err = bundle::import_watched(
        &office.store,
        &file,
        &catalogue,
        bundle::ImportMode::Write,
        &stopped,
    );
    assert_eq!(err.unwrap_err().key, "bundle.stopped_reading");
}

/// A machine revoked at the office (a lost laptop): its next bundle is
/// refused through the binary, in words, and the audit log says so.
#[test]
fn a_revoked_machine_is_refused_through_the_commands() {
    let o = office_and_laptop();
    a_case_at_the_office(&o);
    let id = Store::open(&o.laptop, PASS).unwrap().machine_id().unwrap();
    let (ok, said) = run(&o.office, &["office", "revoke", &id[..6]]);
    assert!(ok && said.contains("Đã thu hồi máy"), "{said}");
    let (ok, said) = run(&o.office, &["office", "machines"]);
    assert!(
        ok && said.contains("đã thu hồi") && said.contains("1 hồ sơ"),
        "{said}"
    );
    let l = Store::open(&o.laptop, PASS).unwrap();
    case(&l, "Đỗ Văn Mất", "001203004592", "0912345692");
    let next = export(&l, &o.stick, Since::Last);
    drop(l);
    let (ok, said) = run(&o.office, &["bundle", "import", next.to_str().unwrap()]);
    assert!(!ok && said.contains("đã bị văn phòng thu hồi"), "{said}");
    let office = Store::open(&o.office, PASS).unwrap();
    assert_eq!(office.case_count().unwrap(), 1);
    assert_eq!(refusals(&office).last().unwrap().1, "revoked");
    drop(office);
    let (ok, said) = run(&o.office, &["office", "revoke", "zzzzzz"]);
    assert!(!ok && said.contains("Không có máy nào"), "{said}");
}
