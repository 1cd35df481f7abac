//! Bundles through the commands, said in words; and a bundle signed under a
//! machine id with another key than the one it first came with.

use crate::bundle::*;
use std::path::Path;
use trolyso::bundle;
use trolyso::store::exchange::Since;
use trolyso::store::{KdfParams, Store};

/// The command line, as a script or a helper types it.
#[test]
fn the_commands_say_what_they_did_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    let (office, laptop, usb) = (
        tmp.path().join("office"),
        tmp.path().join("laptop"),
        tmp.path().join("usb"),
    );
    std::fs::create_dir(&usb).unwrap();
    drop(Store::create(&office, PASS, KdfParams::light_for_tests()).unwrap());
    {
        let l = Store::create(&laptop, PASS, KdfParams::light_for_tests())
            .unwrap()
            .0;
        case(&l, "Bùi Thị Hạnh", "001203004580", "0912345680");
    }
    let run = |dir: &Path, args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_trolyso"))
            .args(args)
            .arg("--data-dir")
            .arg(dir)
            .env("TROLYSO_PASSPHRASE", PASS)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
        assert!(
            !text.contains("Os {") && !text.contains("Error"),
            "{args:?}: {text}"
        );
        (out.status.success(), text)
    };
    let key = usb.join("khoa.txt");
    let (ok, said) = run(&office, &["office", "export-key", "--out", key.to_str().unwrap()]);
    assert!(ok && said.contains("Đã ghi khóa văn phòng"), "{said}");
    let (ok, said) = run(&laptop, &["bundle", "export", "--out", usb.to_str().unwrap()]);
    assert!(!ok && said.contains("chưa nối với văn phòng"), "{said}");
    let (ok, said) = run(&laptop, &["office", "join", key.to_str().unwrap()]);
    assert!(ok && said.contains("Đã nối với văn phòng"), "{said}");
    let (ok, said) = run(
        &laptop,
        &[
            "bundle",
            "export",
            "--out",
            usb.to_str().unwrap(),
            "--since",
            "31/02/2026",
        ],
    );
    assert!(!ok && said.contains("--since"), "{said}");
    let (ok, said) = run(&laptop, &["bundle", "export", "--out", usb.to_str().unwrap()]);
    assert!(ok && said.contains("1 hồ sơ"), "{said}");
    let file = bundle::places::bundles_in(&usb).pop().unwrap();
    let file = file.to_str().unwrap();
    let (ok, said) = run(&office, &["bundle", "import", file, "--dry-run"]);
    assert!(
        ok && said.contains("mới:") && said.contains("Bùi Thị Hạnh") && said.contains("Chạy thử"),
        "{said}"
    );
    let (ok, said) = run(&office, &["bundle", "import", file]);
    assert!(ok && said.contains("1 hồ sơ mới"), "{said}");
    let (ok, said) = run(&office, &["bundle", "import", file]);
    assert!(ok && said.contains("đã nhận rồi"), "{said}");
    let gone = usb.join("khong-co.trolyso");
    let (ok, said) = run(&office, &["bundle", "import", gone.to_str().unwrap()]);
    assert!(!ok && said.contains("khong-co.trolyso"), "{said}");
}

#[test]
fn a_bundle_signed_with_another_key_than_its_machine_had_is_refused() {
    let (office, laptop, stick) = (machine(), machine(), tempfile::tempdir().unwrap());
    join(&office.store, &laptop.store, stick.path());
    case(&laptop.store, "Lý Văn Khoa", "001203004581", "0912345681");
    let file = export(&laptop.store, stick.path(), Since::All);
    // The office knew this machine id by another key: someone else's bundle
    // under its name.
    let machine_id = laptop.store.machine_id().unwrap();
    office.store.remember_sender(&machine_id, [7; 32]).unwrap();
    assert_eq!(import(&office.store, &file).unwrap_err(), "bundle.wrong_sender");
    assert_eq!(office.store.case_count().unwrap(), 0);
    // The key it first came with is kept after an import.
    let (office2, key2) = (machine(), stick.path().join("k2.txt"));
    std::fs::write(&key2, bundle::key_file_text(&office2.store).unwrap()).unwrap();
    bundle::join(&laptop.store, &key2).unwrap();
    let file2 = export(&laptop.store, stick.path(), Since::All);
    import(&office2.store, &file2).unwrap();
    assert!(office2.store.office_keys().unwrap().sender(&machine_id).is_some());
}
