use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;
use trolyso_core::domain::procedure::AnswerRole;
use trolyso_core::i18n::Lang;

mod delete;
mod facts;
mod failures;
mod found_by;
mod join;
mod kdf_header;
mod merge;
mod named;
mod prepare;
mod resident_sync;
mod vocab;

const PASS: &str = "mật khẩu văn phòng";

fn new_store(dir: &Path) -> Store {
    Store::create(dir, PASS, KdfParams::light_for_tests()).unwrap().0
}

fn resident(name: &str, id_number: &str, phone: &str) -> Resident {
    Resident {
        id: Id([0; 16]),
        full_name: name.into(),
        id_number: Some(id_number.into()),
        birth_date: Some("01/01/1990".into()),
        sex: None,
        phone: Some(phone.into()),
        commune_code: Some(14950),
        address: None,
        notes: String::new(),
    }
}

fn names(page: &Page<CaseRow>) -> Vec<String> {
    page.items
        .iter()
        .map(|r| r.resident.as_ref().map_or(String::new(), |r| r.full_name.clone()))
        .collect()
}

/// The residents of every case a name search finds, page by page
/// (`per_page` cases at a time), in id order.
fn residents_found(s: &Store, query: &str, per_page: usize) -> Vec<Id> {
    let mut found = Vec::new();
    let mut cursor: Option<Vec<u8>> = None;
    loop {
        let page = s.search_name(query, per_page, cursor.as_deref()).unwrap();
        found.extend(page.items.iter().filter_map(|r| r.case.resident_id));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    found.sort();
    found
}

#[test]
fn edits_survive_reopening() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let case_id = {
        let s = new_store(dir);
        let c = s.create_case("dang-ky-khai-sinh", 1, None, "Chị Hoa").unwrap();
        s.set_answer(&c.id, "ho_ten_tre", "Nguyễn Văn An", "Chị Hoa")
            .unwrap();
        s.set_answer(&c.id, "noi_sinh", "Bệnh viện", "Chị Hoa").unwrap();
        let c = s.set_answer(&c.id, "noi_sinh", "", "Chị Hoa").unwrap();
        assert_eq!(c.revision, 4);
        c.id
    };
    let s = Store::open(dir, PASS).unwrap();
    let c = s.case(&case_id).unwrap().unwrap();
    assert_eq!(
        c.answers.get("ho_ten_tre").map(String::as_str),
        Some("Nguyễn Văn An")
    );
    assert!(!c.answers.contains_key("noi_sinh"));
    let events: Vec<_> = s.audit_events().map(Result::unwrap).collect();
    assert_eq!(events.len(), 4);
    assert_eq!(
        events[1].change,
        Change::Answer {
            field: "ho_ten_tre".into()
        }
    );
}

#[test]
fn a_second_opener_is_told_the_folder_is_in_use() {
    let tmp = tempfile::tempdir().unwrap();
    let _first = new_store(tmp.path());
    let err = Store::open(tmp.path(), PASS).unwrap_err();
    assert!(matches!(err, StoreError::InUse { .. }), "{err}");
    let text = err.message().render(Lang::Vi);
    assert!(text.contains(&tmp.path().display().to_string()), "{text}");
    assert!(text.contains("đang được mở trong một cửa sổ khác"), "{text}");
}

#[test]
fn wrong_passphrase_is_refused_then_slowed_down() {
    let tmp = tempfile::tempdir().unwrap();
    drop(new_store(tmp.path()));
    for n in 1..=4 {
        match Store::open(tmp.path(), "sai").unwrap_err() {
            StoreError::WrongPassphrase { tries, wait_secs: 0 } => assert_eq!(tries, n),
            e => panic!("{e}"),
        }
    }
    match Store::open(tmp.path(), "sai").unwrap_err() {
        StoreError::WrongPassphrase {
            tries: 5,
            wait_secs: 1,
        } => {}
        e => panic!("{e}"),
    }
    // Even the right passphrase waits now.
    assert!(matches!(
        Store::open(tmp.path(), PASS).unwrap_err(),
        StoreError::TooSoon { .. }
    ));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let s = Store::open(tmp.path(), PASS).unwrap();
    drop(s);
    // A right answer resets the count.
    assert!(matches!(
        Store::open(tmp.path(), "sai").unwrap_err(),
        StoreError::WrongPassphrase {
            tries: 1,
            wait_secs: 0
        }
    ));
}

#[test]
fn passphrase_change_and_recovery_code() {
    let tmp = tempfile::tempdir().unwrap();
    let (s, code) = Store::create(tmp.path(), PASS, KdfParams::light_for_tests()).unwrap();
    let c = s.create_case("vneid-muc-1", 1, None, "Anh Tuấn").unwrap();
    assert!(matches!(
        s.change_passphrase("sai", "mới").unwrap_err(),
        StoreError::WrongPassphrase { .. }
    ));
    s.change_passphrase(PASS, "mới").unwrap();
    drop(s);
    assert!(Store::open(tmp.path(), PASS).is_err());
    drop(Store::open(tmp.path(), "mới").unwrap());
    assert!(matches!(
        Store::open_with_recovery(tmp.path(), "AAAA-BBBB-CCCC-DDDD-EEEE", "x").unwrap_err(),
        StoreError::WrongRecoveryCode
    ));
    let s = Store::open_with_recovery(tmp.path(), &code.to_lowercase(), "khôi phục").unwrap();
    assert!(s.case(&c.id).unwrap().is_some());
    drop(s);
    drop(Store::open(tmp.path(), "khôi phục").unwrap());
}

#[test]
fn lists_and_searches_read_pages_through_indexes() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let people = [
        ("Nguyễn Văn An", "038090012345", "0912345678"),
        ("Nguyễn Thị Bình", "038190012346", "0912345679"),
        ("Lê Văn Thành", "038058012347", "+84 988 111 222"),
        ("Trần Văn Anh", "001090012348", "0977000111"),
    ];
    let mut ids = Vec::new();
    for (name, number, phone) in people {
        let r = s.create_resident(resident(name, number, phone)).unwrap();
        let c = s.create_case("vneid-muc-1", 1, Some(r.id), "Chị Hoa").unwrap();
        ids.push(c.id);
        // Cases made in one millisecond sort by their random id: each its
        // own time, so "newest first" has one answer.
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    // Newest first; touching the first case moves it to the top.
    let page = s.recent(10, None).unwrap();
    assert_eq!(names(&page)[0], "Trần Văn Anh");
    s.set_answer(&ids[0], "co_the_can_cuoc", "yes", "Chị Hoa")
        .unwrap();
    let page = s.recent(2, None).unwrap();
    assert_eq!(names(&page), ["Nguyễn Văn An", "Trần Văn Anh"]);
    let page2 = s.recent(2, page.next.as_deref()).unwrap();
    assert_eq!(names(&page2), ["Lê Văn Thành", "Nguyễn Thị Bình"]);
    assert!(s.recent(2, page2.next.as_deref()).unwrap().items.is_empty() || page2.next.is_none());

    let mut found = names(&s.search_name("nguyen van a", 10, None).unwrap());
    found.sort();
    assert_eq!(found, ["Nguyễn Văn An"]);
    let mut found = names(&s.search_name("van an", 10, None).unwrap());
    found.sort();
    assert_eq!(found, ["Nguyễn Văn An", "Trần Văn Anh"]);
    assert_eq!(
        names(&s.search_name("thanh", 10, None).unwrap()),
        ["Lê Văn Thành"]
    );
    assert!(s.search_name("hoa", 10, None).unwrap().items.is_empty());
    assert!(s.search_name("", 10, None).unwrap().items.is_empty());
    // A page of one, then the next.
    let p1 = s.search_name("van", 1, None).unwrap();
    assert_eq!(p1.items.len(), 1);
    let p2 = s.search_name("van", 1, p1.next.as_deref()).unwrap();
    assert_eq!(p2.items.len(), 1);
    assert_ne!(names(&p1), names(&p2));

    assert_eq!(
        names(&s.search_id_number("038 190 012 346", 10, None).unwrap()),
        ["Nguyễn Thị Bình"]
    );
    assert!(
        s.search_id_number("038190012999", 10, None)
            .unwrap()
            .items
            .is_empty()
    );
    assert_eq!(
        names(&s.search_phone("0988.111.222", 10, None).unwrap()),
        ["Lê Văn Thành"]
    );

    // Changing a resident's name re-indexes it.
    let mut r = s
        .resident(&s.case(&ids[2]).unwrap().unwrap().resident_id.unwrap())
        .unwrap()
        .unwrap();
    r.full_name = "Lê Văn Thắng".into();
    s.update_resident(&r).unwrap();
    assert!(s.search_name("thanh", 10, None).unwrap().items.is_empty());
    assert_eq!(
        names(&s.search_name("thang", 10, None).unwrap()),
        ["Lê Văn Thắng"]
    );
}

#[test]
fn status_follows_the_lifecycle() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let c = s.create_case("vneid-muc-1", 1, None, "Chị Hoa").unwrap();
    let none = StatusChange::default();
    assert!(matches!(
        s.set_status(&c.id, Status::Paused, &none, "h").unwrap_err(),
        StoreError::MissingReason
    ));
    let pause = StatusChange {
        note: None,
        reason: Some(Reason::SimNotOwnName),
        next_visit: Some("03/12/2026".into()),
        ..none.clone()
    };
    let c2 = s.set_status(&c.id, Status::Paused, &pause, "h").unwrap();
    assert_eq!(c2.reason, Some(Reason::SimNotOwnName));
    assert_eq!(s.by_status(Status::Paused, 10, None).unwrap().items.len(), 1);
    assert!(s.by_status(Status::Preparing, 10, None).unwrap().items.is_empty());
    // Finishing a paused case straight away asks for what filing asks.
    assert!(matches!(
        s.set_status(&c.id, Status::Filed, &none, "h").unwrap_err(),
        StoreError::MissingHosoCode
    ));
    assert!(matches!(
        s.set_status(&c.id, Status::NeedsMore, &none, "h").unwrap_err(),
        StoreError::BadTransition { .. }
    ));
    s.set_status(&c.id, Status::Preparing, &none, "h").unwrap();
    assert!(matches!(
        s.set_status(&c.id, Status::Filed, &none, "h").unwrap_err(),
        StoreError::MissingHosoCode
    ));
    let filed = StatusChange {
        note: None,
        hoso_code: Some(" G22.99-260101-0001 ".into()),
        ..none.clone()
    };
    let c3 = s.set_status(&c.id, Status::Filed, &filed, "h").unwrap();
    assert_eq!(c3.hoso_code.as_deref(), Some("G22.99-260101-0001"));
    assert_eq!(c3.reason, None);
    assert!(s.by_status(Status::Paused, 10, None).unwrap().items.is_empty());
}

/// Known names and numbers never appear on disk, in UTF-8, NFD, folded or
/// as digits.
#[test]
fn no_personal_value_is_readable_on_disk() {
    use unicode_normalization::UnicodeNormalization;
    let tmp = tempfile::tempdir().unwrap();
    let secrets = [
        ("Nguyễn Văn Thành", "038090012345", "0912345678"),
        ("Phạm Thị Hương", "038195054321", "0388765432"),
    ];
    {
        let s = new_store(tmp.path());
        for (name, number, phone) in secrets {
            let r = s.create_resident(resident(name, number, phone)).unwrap();
            let c = s
                .create_case("dang-ky-khai-sinh", 1, Some(r.id), "Chị Hoa")
                .unwrap();
            s.set_answer(&c.id, "ho_ten_me", name, "Chị Hoa").unwrap();
            s.set_answer(&c.id, "so_dinh_danh_me", number, "Chị Hoa").unwrap();
            s.set_answer(&c.id, "so_dien_thoai", phone, "Chị Hoa").unwrap();
        }
        s.backup(&tmp.path().join("backup.bak")).unwrap();
        s.auto_backup_if_due(trolyso_core::domain::Date::new(2026, 11, 28).unwrap())
            .unwrap();
    }
    let mut needles: Vec<Vec<u8>> = Vec::new();
    for (name, number, phone) in secrets {
        needles.push(name.as_bytes().to_vec());
        needles.push(name.nfd().collect::<String>().into_bytes());
        needles.push(trolyso_core::text::fold(name).into_bytes());
        needles.push(name.rsplit_once(' ').unwrap().1.as_bytes().to_vec());
        needles.push(number.as_bytes().to_vec());
        needles.push(phone.as_bytes().to_vec());
        needles.push(phone.as_bytes()[1..].to_vec());
    }
    // Random ciphertext holds any short run of bytes by chance; five bytes
    // and more do not turn up by accident in a few hundred kilobytes.
    needles.retain(|n| n.len() >= 5);
    let mut files = 0;
    let mut stack = vec![tmp.path().to_owned()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            files += 1;
            let bytes = std::fs::read(&p).unwrap();
            for n in &needles {
                assert!(
                    !bytes.windows(n.len()).any(|w| w == n.as_slice()),
                    "{} holds {:?}",
                    p.display(),
                    String::from_utf8_lossy(n)
                );
            }
        }
    }
    assert!(files >= 3, "only {files} files looked at");
}

#[test]
fn backup_and_restore_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("a");
    let file = tmp.path().join("sao-luu.bak");
    let before_and_machine = {
        let s = new_store(&src);
        let r = s
            .create_resident(resident("Nguyễn Văn An", "038090012345", "0912345678"))
            .unwrap();
        let c = s.create_case("vneid-muc-1", 1, Some(r.id), "h").unwrap();
        s.set_answer(&c.id, "ho_ten", "Nguyễn Văn An", "h").unwrap();
        s.backup(&file).unwrap();
        (c.id, s.recent(10, None).unwrap(), s.machine_id().unwrap())
    };
    let (case_id, before, machine) = before_and_machine;
    let dst = tmp.path().join("b");
    let n = restore(&file, &dst).unwrap();
    assert!(n > 5);
    let s = Store::open(&dst, PASS).unwrap();
    // Everything but the machine's name: the restored folder is another.
    assert_ne!(s.machine_id().unwrap(), machine);
    assert_eq!(s.recent(10, None).unwrap(), before);
    assert!(s.case(&case_id).unwrap().is_some());
    assert_eq!(names(&s.search_name("an", 10, None).unwrap()), ["Nguyễn Văn An"]);
    drop(s);
    // Never over existing data.
    assert!(matches!(
        restore(&file, &dst).unwrap_err(),
        StoreError::NotEmpty { .. }
    ));
    // A damaged file is refused before anything is written.
    let mut bytes = std::fs::read(&file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    let bad = tmp.path().join("hong.bak");
    std::fs::write(&bad, &bytes).unwrap();
    let empty = tmp.path().join("c");
    let err = restore(&bad, &empty).unwrap_err();
    assert!(matches!(err, StoreError::Backup { .. }), "{err}");
    assert!(!is_set_up(&empty));
    std::fs::write(&bad, &bytes[..bytes.len() - 10]).unwrap();
    assert!(matches!(
        restore(&bad, &empty).unwrap_err(),
        StoreError::Backup { .. }
    ));
}

#[test]
fn automatic_backups_keep_the_last_seven() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let day = trolyso_core::domain::Date::new(2026, 11, 1).unwrap();
    for n in 0..10 {
        assert!(s.auto_backup_if_due(day.add_days(n)).unwrap().is_some());
    }
    assert!(s.auto_backup_if_due(day.add_days(9)).unwrap().is_none());
    let mut kept: Vec<String> = std::fs::read_dir(tmp.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    kept.sort();
    assert_eq!(kept.len(), BACKUPS_KEPT);
    assert_eq!(kept[0], "trolyso-2026-11-04.bak");
}

/// A record written at schema version 1 of a type now at version 2 is
/// upgraded when read.
#[test]
fn an_old_record_is_migrated_on_read() {
    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct NoteV2 {
        text: String,
        /// New in version 2: split out of the text in version 1.
        author: String,
    }
    impl records::Record for NoteV2 {
        const TREE: &'static str = "cases";
        const VERSION: u16 = 2;
        fn migrate(from: u16, mut v: serde_json::Value) -> Result<serde_json::Value, RecordError> {
            match from {
                1 => {
                    let old = v["body"].as_str().unwrap_or_default().to_owned();
                    let (author, text) = old.split_once(": ").unwrap_or(("", &old));
                    v = serde_json::json!({ "text": text, "author": author });
                    Ok(v)
                }
                2 => Ok(v),
                n => Err(RecordError::NoUpgrade {
                    tree: "cases",
                    from: n,
                }),
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let key = [7u8; 16];
    let v1 = codec::seal_version(
        &s.data_key,
        "cases",
        &key,
        1,
        &serde_json::json!({ "body": "Hoa: gọi lại thứ Năm" }),
    )
    .unwrap();
    s.put_raw(&s.cases, &key, v1).unwrap();
    drop(s);
    let s = Store::open(tmp.path(), PASS).unwrap();
    let note: NoteV2 = s.get(&s.cases, &Id(key)).unwrap().unwrap();
    assert_eq!(
        note,
        NoteV2 {
            text: "gọi lại thứ Năm".into(),
            author: "Hoa".into()
        }
    );
    // A version the code does not know is an error, not a guess.
    let v9 = codec::seal_version(&s.data_key, "cases", &key, 9, &serde_json::json!({})).unwrap();
    s.put_raw(&s.cases, &key, v9).unwrap();
    assert!(s.get::<NoteV2>(&s.cases, &Id(key)).is_err());
}

// ----- a model of the store, checked against random operations ------------

#[derive(Debug, Clone)]
enum Op {
    Create,
    Answer { case: usize, field: u8, value: String },
    Pause { case: usize },
    Resume { case: usize },
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => Just(Op::Create),
        6 => (0usize..8, 0u8..4, "[a-zđơư ]{0,6}").prop_map(|(case, field, value)| Op::Answer { case, field, value }),
        1 => (0usize..8).prop_map(|case| Op::Pause { case }),
        1 => (0usize..8).prop_map(|case| Op::Resume { case }),
        1 => Just(Op::Reopen),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn the_store_matches_a_model_across_reopens(ops in proptest::collection::vec(op(), 1..40)) {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = Some(new_store(tmp.path()));
        let mut model: Vec<(Id, BTreeMap<String, String>, Status)> = Vec::new();
        for op in ops {
            let s = store.as_ref().unwrap();
            match op {
                Op::Create => {
                    let c = s.create_case("p", 1, None, "h").unwrap();
                    model.push((c.id, BTreeMap::new(), Status::Preparing));
                }
                Op::Answer { case, field, value } if case < model.len() => {
                    let id = model[case].0;
                    let field = format!("f{field}");
                    s.set_answer(&id, &field, &value, "h").unwrap();
                    let v = trolyso_core::text::nfc(value.trim());
                    if v.is_empty() { model[case].1.remove(&field); } else { model[case].1.insert(field, v); }
                }
                Op::Pause { case } if case < model.len() => {
                    let change = StatusChange { reason: Some(Reason::NoOtp), ..Default::default() };
                    let ok = s.set_status(&model[case].0, Status::Paused, &change, "h").is_ok();
                    prop_assert_eq!(ok, model[case].2.can_become(Status::Paused));
                    if ok { model[case].2 = Status::Paused; }
                }
                Op::Resume { case } if case < model.len() => {
                    let ok = s.set_status(&model[case].0, Status::Preparing, &StatusChange::default(), "h").is_ok();
                    prop_assert_eq!(ok, model[case].2.can_become(Status::Preparing));
                    if ok { model[case].2 = Status::Preparing; }
                }
                Op::Reopen => {
                    drop(store.take());
                    store = Some(Store::open(tmp.path(), PASS).unwrap());
                }
                _ => {}
            }
        }
        let s = store.as_ref().unwrap();
        for (id, answers, status) in &model {
            let c = s.case(id).unwrap().unwrap();
            prop_assert_eq!(&c.answers, answers);
            prop_assert_eq!(c.status, *status);
        }
        let recent = s.recent(100, None).unwrap();
        prop_assert_eq!(recent.items.len(), model.len());
        let paused = model.iter().filter(|m| m.2 == Status::Paused).count();
        prop_assert_eq!(s.by_status(Status::Paused, 100, None).unwrap().items.len(), paused);
        // Recent is ordered newest-changed first.
        let times: Vec<i64> = recent.items.iter().map(|r| r.case.updated_at_ms).collect();
        prop_assert!(times.windows(2).all(|w| w[0] >= w[1]));
    }
}

/// After a clean close the files are exactly as the manifest says, so the
/// next open needs no check of a copy; after edits without a close, it does.
#[test]
fn a_clean_close_is_recognised() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    s.create_case("p", 1, None, "h").unwrap();
    drop(s);
    assert!(integrity::closed_cleanly(tmp.path(), &db_path(tmp.path())));
    // The manifest is used up: until the next close, a crash is possible.
    assert!(!integrity::closed_cleanly(tmp.path(), &db_path(tmp.path())));
}

#[cfg(unix)]
#[test]
fn files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let s = new_store(&dir);
    s.create_case("p", 1, None, "h").unwrap();
    s.auto_backup_if_due(trolyso_core::domain::Date::new(2026, 11, 28).unwrap())
        .unwrap();
    drop(s);
    let mut stack = vec![dir.clone()];
    let mut seen = 0;
    while let Some(d) = stack.pop() {
        let mode = std::fs::metadata(&d).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{} is {:o}", d.display(), mode);
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let mode = std::fs::metadata(&p).unwrap().permissions().mode();
                assert_eq!(mode & 0o077, 0, "{} is {:o}", p.display(), mode);
                seen += 1;
            }
        }
    }
    assert!(seen >= 4);
}
