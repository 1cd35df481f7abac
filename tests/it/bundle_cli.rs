//! Bundles through the commands, said in words: joining, enrolment and
//! revocation.

use crate::bundle::*;
use crate::bundle_trust::run;
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
    let key = usb.join("khoa.txt");
    let (ok, said) = run(&office, &["office", "export-key", "--out", key.to_str().unwrap()]);
    assert!(ok && said.contains("Đã ghi khóa văn phòng"), "{said}");
    let (ok, said) = run(&laptop, &["bundle", "export", "--out", usb.to_str().unwrap()]);
    assert!(!ok && said.contains("chưa nối với văn phòng nào"), "{said}");
    let (ok, said) = run(&office, &["office", "join", key.to_str().unwrap()]);
    assert!(!ok && said.contains("không nối với chính nó"), "{said}");
    let (ok, said) = run(&laptop, &["office", "join", key.to_str().unwrap()]);
    assert!(
        ok && said.contains("Đã nối với văn phòng") && said.contains("Mã đối chiếu"),
        "{said}"
    );
    let code = said.split("Mã đối chiếu: ").nth(1).unwrap()[..14].to_owned();
    let request = bundle::places::bundles_and_keys_in(&usb)
        .into_iter()
        .find(|(_, k)| *k == Some(bundle::Kind::Request))
        .unwrap()
        .0;
    let request = request.to_str().unwrap();
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
    // Not enrolled yet: refused, in words, nothing taken.
    let (ok, said) = run(&office, &["bundle", "import", file]);
    assert!(!ok && said.contains("chưa chấp nhận"), "{said}");
    // The office reads the request: the same code as the laptop's screen.
    let (ok, said) = run(&office, &["office", "enrol", request, "--yes"]);
    assert!(
        ok && said.contains(&code) && said.contains("Đã chấp nhận máy"),
        "{said}"
    );
    let (ok, said) = run(&office, &["office", "machines"]);
    assert!(
        ok && said.contains("chấp nhận") && !said.contains("thu hồi"),
        "{said}"
    );
    let enrolment = bundle::places::bundles_and_keys_in(&usb)
        .into_iter()
        .find(|(_, k)| *k == Some(bundle::Kind::Enrolment))
        .unwrap()
        .0;
    let (ok, said) = run(&laptop, &["office", "join", enrolment.to_str().unwrap()]);
    assert!(ok && said.contains("đã chấp nhận máy này"), "{said}");
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
fn a_revoked_machine_s_bundles_are_refused() {
    let (office, laptop, stick) = (machine(), machine(), tempfile::tempdir().unwrap());
    join(&office.store, &laptop.store, stick.path());
    case(&laptop.store, "Lý Văn Khoa", "001203004581", "0912345681");
    let first = export(&laptop.store, stick.path(), Since::All);
    import(&office.store, &first).unwrap();
    let id = laptop.store.machine_id().unwrap();
    let keys = office.store.office_keys().unwrap();
    let (_, m) = keys.machines().find(|(m, _)| **m == id).unwrap();
    assert_eq!((m.cases, m.last_bundle_ms.is_some()), (1, true));

    assert_eq!(
        office.store.revoke(&id[..6], "Anh Nam").unwrap(),
        Some(id.clone())
    );
    case(&laptop.store, "Lý Văn Khải", "001203004582", "0912345682");
    let second = export(&laptop.store, stick.path(), Since::Last);
    assert_eq!(
        import(&office.store, &second).unwrap_err(),
        "bundle.refused_revoked"
    );
    assert_eq!(office.store.case_count().unwrap(), 1);
    assert!(office.store.revoke("khongco", "Anh Nam").unwrap().is_none());
}
