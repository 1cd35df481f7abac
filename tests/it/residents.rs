//! Issue 29: a resident is a person on file. A case whose resident's
//! identification number is someone on file becomes that person's: what
//! the record knows is filled in (what is typed stays), the record made for
//! the case alone goes, and the report counts the person once.

use crate::common::*;
use trolyso::app::Screen;
use trolyso::domain::procedure::Catalogue;
use trolyso::i18n::Lang;
use trolyso::report::Metric;
use trolyso::store::{Id, Store};

/// Lê Thị Mai as her first visit recorded her (her sex last: not every
/// procedure asks it).
const MAI: [(&str, &str); 5] = [
    ("ho_ten", "Lê Thị Mai"),
    ("ngay_sinh", "02/03/1990"),
    ("so_dinh_danh", "038190012345"),
    ("so_dien_thoai", "0912345678"),
    ("gioi_tinh", "female"),
];

/// Answers typed into a new case of `procedure`, saved as the wizard saves
/// them (each with its field's role).
fn visit(s: &Store, catalogue: &Catalogue, procedure: &str, answers: &[(&str, &str)]) -> Id {
    let p = catalogue.get(procedure).unwrap();
    let c = s.create_case(procedure, p.version, None, "Chị Hoa").unwrap();
    for (field, value) in answers {
        s.save_answer(&c.id, field, value, "Chị Hoa", &p.answer_role(field))
            .unwrap();
    }
    c.id
}

#[test]
fn a_returning_person_is_known_by_their_number_and_counted_once() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    let catalogue = s.app.catalogue.clone();
    let store = s.store();
    let first = visit(store, &catalogue, "vneid-muc-1", &MAI);
    // Next week, her health card: the name typed first (a record of its own
    // for a moment), then her number: the case is hers, the rest filled.
    let second = visit(
        store,
        &catalogue,
        "the-bhyt",
        &[("ho_ten", "Lê Thị Mai"), ("so_dinh_danh", "038190012345")],
    );
    // Another visit: only her number typed.
    let third = visit(
        store,
        &catalogue,
        "the-bhyt",
        &[("so_dinh_danh", "038 190 012 345")],
    );
    let person = store.case(&first).unwrap().unwrap().resident_id.unwrap();
    for id in [second, third] {
        let case = store.case(&id).unwrap().unwrap();
        assert_eq!(case.resident_id, Some(person), "linked to the one person");
        assert_eq!(case.answers["ngay_sinh"], "02/03/1990");
        assert_eq!(case.answers["gioi_tinh"], "female");
        assert_eq!(case.answers["so_dien_thoai"], "0912345678");
        assert_eq!(case.answers["ho_ten"], "Lê Thị Mai");
    }
    // Her number finds all three cases, and so does her name.
    let by_number = store.search_id_number("038190012345", 10, None).unwrap().items;
    assert_eq!(by_number.len(), 3);
    assert_eq!(store.search_name("le thi mai", 10, None).unwrap().items.len(), 3);
    // Someone else with a number of their own stays someone else.
    visit(
        store,
        &catalogue,
        "vneid-muc-1",
        &[("ho_ten", "Trần Văn Lực"), ("so_dinh_danh", "038090054321")],
    );
    let today = trolyso::domain::Date::today();
    let month = trolyso::report::Period::month_of(today);
    let report = trolyso::report::build(store, month, trolyso::store::now_ms()).unwrap();
    assert_eq!(report.value(Metric::CasesWorked, ""), Some(4));
    assert_eq!(
        report.value(Metric::ResidentsHelped, ""),
        Some(2),
        "people, not cases"
    );
}

/// The same through the screens: her number typed in a new case fills her
/// details and says so.
#[test]
fn the_wizard_says_what_it_filled_from_the_record() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    let catalogue = s.app.catalogue.clone();
    visit(s.store(), &catalogue, "the-bhyt", &MAI[..4]);
    start(&mut s, "vneid muc 1");
    let Screen::Wizard(w) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    let case = w.case.id;
    // To the number's field, then her number.
    for _ in 0..12 {
        let Screen::Wizard(w) = &s.app.screen else {
            panic!("{}", s.screen())
        };
        if w.focused(&s.app.catalogue)
            .is_some_and(|f| f.id == "so_dinh_danh")
        {
            break;
        }
        s.send("<tab>");
    }
    s.send("038190012345<tab>");
    assert!(
        s.screen().contains("Người này đã có trong hồ sơ"),
        "{}",
        s.screen()
    );
    let stored = s.store().case(&case).unwrap().unwrap();
    assert_eq!(stored.answers["ho_ten"], "Lê Thị Mai");
    assert_eq!(stored.answers["ngay_sinh"], "02/03/1990");
    // The field moved to (the phone) shows what was filled, and leaving it
    // keeps it.
    assert!(s.screen().contains("› 0912345678"), "{}", s.screen());
    s.send("<tab>");
    let stored = s.store().case(&case).unwrap().unwrap();
    assert_eq!(stored.answers["so_dien_thoai"], "0912345678");
}

/// Issue 29: the report screen lists who is due back in the coming seven
/// days, soonest first, their names masked; later visits are not listed.
#[test]
fn the_report_screen_lists_who_is_due_back_this_week() {
    use trolyso::store::{Reason, Status, StatusChange};
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    let catalogue = s.app.catalogue.clone();
    let today = trolyso::domain::Date::today();
    s.app.today = today;
    for (name, number, days) in [
        ("Lê Thị Mai", "038190012345", 3),
        ("Trần Văn Bình", "038090012346", 1),
        ("Phạm Thu Hà", "038190012347", 10),
    ] {
        let id = visit(
            s.store(),
            &catalogue,
            "vneid-muc-1",
            &[("ho_ten", name), ("so_dinh_danh", number)],
        );
        let pause = StatusChange {
            reason: Some(Reason::NoOtp),
            next_visit: Some(today.add_days(days).to_string()),
            ..Default::default()
        };
        s.store()
            .set_status(&id, Status::Paused, &pause, "Chị Hoa")
            .unwrap();
    }
    s.send("<f7>");
    let screen = s.screen();
    let first = screen.find("Trần V. B.").expect(&screen);
    let second = screen.find("Lê T. M.").expect(&screen);
    assert!(first < second, "soonest first: {screen}");
    assert!(!screen.contains("Phạm"), "ten days on is not this week: {screen}");
    assert!(!screen.contains("Lê Thị Mai"), "names masked: {screen}");
}

/// Issue 29: Home finds a case by the end of any number it holds (the
/// father's identification number, not only the mother's) and by its hồ sơ
/// code, typed whole or only its end.
#[test]
fn home_finds_a_case_by_any_number_it_holds_and_its_hoso_code() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    let p = s.app.catalogue.get("dang-ky-khai-sinh").unwrap().clone();
    let store = s.store();
    let c = store
        .create_case("dang-ky-khai-sinh", p.version, None, "Chị Hoa")
        .unwrap();
    for (field, value) in [
        ("ho_ten_tre", "Nguyễn Văn Ân"),
        ("ho_ten_me", "Trần Thị Lan"),
        ("so_dinh_danh_me", "001190012345"),
        ("so_dinh_danh_cha", "001085067890"),
        ("ma_ho_so", "G22.99-261203-0042"),
    ] {
        store
            .save_answer(&c.id, field, value, "Chị Hoa", &p.answer_role(field))
            .unwrap();
    }
    // Someone else, so a search that lists everything would show.
    let other = store.create_case("vneid-muc-1", 1, None, "Chị Hoa").unwrap();
    let vneid = s.app.catalogue.get("vneid-muc-1").unwrap().clone();
    store
        .save_answer(
            &other.id,
            "ho_ten",
            "Lê Văn Tám",
            "Chị Hoa",
            &vneid.answer_role("ho_ten"),
        )
        .unwrap();
    for typed in [
        "7890",
        "001085067890",
        "2345",
        "G22.99-261203-0042",
        "0042",
        "261203-0042",
    ] {
        s.send("<esc>");
        s.typing(typed);
        let screen = s.screen();
        assert!(
            screen.contains("Trần T. L.") || screen.contains("Trần Thị Lan"),
            "{typed}: {screen}"
        );
        assert!(!screen.contains("Lê V"), "{typed}: {screen}");
    }
}

/// Issue 29: a case filed on a laptop reaches the office with the level the
/// portal showed, counted there, and found there by the father's number and
/// by its hồ sơ code.
#[test]
fn a_filing_and_its_numbers_travel_to_the_office() {
    use crate::bundle::{catalogue, export, import, join, machine};
    use trolyso::domain::procedure::Level;
    use trolyso::store::exchange::Since;
    use trolyso::store::{Status, StatusChange};
    let (office, laptop, stick) = (machine(), machine(), tempfile::tempdir().unwrap());
    join(&office.store, &laptop.store, stick.path());
    let catalogue = catalogue();
    let id = visit(
        &laptop.store,
        &catalogue,
        "dang-ky-khai-sinh",
        &[
            ("ho_ten_tre", "Nguyễn Văn Ân"),
            ("ho_ten_me", "Trần Thị Lan"),
            ("so_dinh_danh_cha", "001085067890"),
        ],
    );
    let filed = StatusChange {
        hoso_code: Some("G22.99-261203-0042".into()),
        level: Some(Level::Full),
        ..Default::default()
    };
    laptop
        .store
        .set_status(&id, Status::Filed, &filed, "Chị Hoa")
        .unwrap();
    import(&office.store, &export(&laptop.store, stick.path(), Since::Last)).unwrap();

    let arrived = office.store.case(&id).unwrap().unwrap();
    assert_eq!(arrived.filed_level, Some(Level::Full));
    let found_by = catalogue.found_by();
    for typed in ["7890", "0042"] {
        let found = office.store.search_case_numbers(typed, &found_by, 10).unwrap();
        assert_eq!(found.len(), 1, "{typed}");
    }
    let month = trolyso::report::Period::month_of(trolyso::domain::Date::today());
    let report = trolyso::report::build(&office.store, month, trolyso::store::now_ms()).unwrap();
    assert_eq!(report.value(Metric::FiledByLevel, "level:toan_trinh"), Some(1));
    assert_eq!(report.value(Metric::FullShare, ""), Some(100));
}

/// Issue 29: the person's screen (F4 on Home) shows her, masked, with every
/// case of hers; F3 starts a new case for her with what her record knows;
/// a draft made by mistake is deleted after Enter confirms it, and a filed
/// case is not.
#[test]
fn the_persons_screen_lists_her_cases_starts_one_and_deletes_a_draft() {
    use trolyso::store::{Status, StatusChange};
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    let catalogue = s.app.catalogue.clone();
    let filed = visit(s.store(), &catalogue, "vneid-muc-1", &MAI);
    let done = StatusChange {
        hoso_code: Some("G01".into()),
        ..Default::default()
    };
    s.store()
        .set_status(&filed, Status::Filed, &done, "Chị Hoa")
        .unwrap();
    // A draft begun by mistake, her number typed.
    let draft = visit(
        s.store(),
        &catalogue,
        "the-bhyt",
        &[("so_dinh_danh", "038190012345")],
    );
    visit(
        s.store(),
        &catalogue,
        "vneid-muc-1",
        &[("ho_ten", "Trần Văn Lực")],
    );

    s.send("<esc>");
    s.typing("le thi mai");
    s.send("<f4>");
    let screen = s.screen();
    assert!(matches!(s.app.screen, Screen::Person(_)), "{screen}");
    assert!(screen.contains("Lê Thị Mai"), "{screen}");
    assert!(screen.contains("•••••••••345"), "numbers masked: {screen}");
    assert!(!screen.contains("038190012345"), "{screen}");
    assert!(screen.contains("Hồ sơ của người này (2)"), "{screen}");
    assert!(!screen.contains("Trần Văn Lực"), "{screen}");

    // A filed case is not deleted.
    let at = |s: &Session, id| match &s.app.screen {
        Screen::Person(p) => p.rows.iter().position(|r| r.case.id == id).unwrap(),
        _ => panic!("{}", s.screen()),
    };
    for _ in 0..at(&s, filed) {
        s.send("<down>");
    }
    s.send("<del>");
    assert!(s.screen().contains("đã nộp nên không xóa được"), "{}", s.screen());
    assert!(s.store().case(&filed).unwrap().is_some());

    // The draft: asked first; Esc keeps it, Enter deletes it.
    s.send("<up><up><up>");
    for _ in 0..at(&s, draft) {
        s.send("<down>");
    }
    s.send("<del>");
    assert!(s.screen().contains("Xóa hồ sơ nháp"), "{}", s.screen());
    s.send("<esc>");
    assert!(s.store().case(&draft).unwrap().is_some(), "Esc keeps it");
    s.send("<del><enter>");
    assert!(s.store().case(&draft).unwrap().is_none());
    assert!(s.screen().contains("Đã xóa hồ sơ nháp"), "{}", s.screen());
    assert!(s.screen().contains("Hồ sơ của người này (1)"), "{}", s.screen());

    // A new case for her: her details are its first answers, and it is hers.
    s.send("<f3>");
    s.typing("the bhyt");
    s.send("<enter><enter>");
    let Screen::Wizard(w) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    let case = s.store().case(&w.case.id).unwrap().unwrap();
    let person = s.store().case(&filed).unwrap().unwrap().resident_id;
    assert_eq!(case.resident_id, person);
    let fields = &catalogue.get(&case.procedure_id).unwrap().resident;
    let answer = |f: &Option<String>| case.answers.get(f.as_ref().unwrap()).map(String::as_str);
    assert_eq!(answer(&fields.name), Some("Lê Thị Mai"));
    assert_eq!(answer(&fields.id_number), Some("038190012345"));
    assert_eq!(answer(&fields.birth_date), Some("02/03/1990"));
    // From the case, F9: her screen, the new case among hers.
    s.send("<f9>");
    assert!(matches!(s.app.screen, Screen::Person(_)), "{}", s.screen());
    assert!(s.screen().contains("Hồ sơ của người này (2)"), "{}", s.screen());
    // Esc: back into the case it was opened from.
    s.send("<esc>");
    let Screen::Wizard(back) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    assert_eq!(back.case.id, case.id);
}

/// Issue 29: the person's screen says when another record may be the same
/// person; F6, then Enter, joins it: one person with both cases.
#[test]
fn a_look_alike_record_is_joined_from_the_persons_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    // One woman typed twice before her number was known: two records.
    for procedure in ["vneid-muc-1", "the-bhyt"] {
        let r = s
            .store()
            .create_resident(trolyso::store::Resident {
                id: Id([0; 16]),
                full_name: "Mai Thị Công".into(),
                id_number: None,
                birth_date: Some("10/12/1941".into()),
                sex: None,
                phone: None,
                commune_code: None,
                address: None,
                notes: String::new(),
            })
            .unwrap();
        s.store()
            .create_case(procedure, 1, Some(r.id), "Chị Hoa")
            .unwrap();
    }
    s.send("<esc>");
    s.typing("mai thi cong");
    s.send("<f4>");
    assert!(
        s.screen().contains("Có thể trùng: Mai Thị Công"),
        "{}",
        s.screen()
    );
    assert!(s.screen().contains("Hồ sơ của người này (1)"), "{}", s.screen());
    s.send("<f6>");
    assert!(s.screen().contains("Gộp hai người là một"), "{}", s.screen());
    s.send("<enter>");
    assert!(s.screen().contains("Đã gộp"), "{}", s.screen());
    assert!(s.screen().contains("Hồ sơ của người này (2)"), "{}", s.screen());
    assert!(!s.screen().contains("Có thể trùng"), "{}", s.screen());
    assert_eq!(
        s.store()
            .search_name("mai thi cong", 10, None)
            .unwrap()
            .items
            .len(),
        2
    );
}

/// Issue 29: her name and birth date typed in a new case (no number yet):
/// the wizard says someone on file may be her; F9, F6 and Enter join them,
/// and the new case has what her record knew.
#[test]
fn a_name_and_birth_date_on_file_are_offered_and_joined() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    let catalogue = s.app.catalogue.clone();
    visit(s.store(), &catalogue, "vneid-muc-1", &MAI[..4]);
    start(&mut s, "the bhyt");
    let Screen::Wizard(w) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    let case = w.case.id;
    let fields = catalogue.get(&w.case.procedure_id).unwrap().resident.clone();
    let p = catalogue.get(&w.case.procedure_id).unwrap().clone();
    // Her name saved (as typed in its field), then her birth date typed.
    let name = fields.name.as_ref().unwrap();
    s.store()
        .save_answer(&case, name, "Lê Thị Mai", "Chị Hoa", &p.answer_role(name))
        .unwrap();
    let (si, fi) = p
        .steps
        .iter()
        .enumerate()
        .find_map(|(si, st)| {
            let fi = st
                .fields
                .iter()
                .position(|f| Some(&f.id) == fields.birth_date.as_ref())?;
            Some((si, fi))
        })
        .unwrap();
    let Screen::Wizard(w) = &mut s.app.screen else {
        panic!()
    };
    w.go_to(&catalogue, si, fi);
    s.typing("02/03/1990");
    s.send("<tab>");
    assert!(
        s.screen()
            .contains("Có thể người này đã có trong hồ sơ: Lê Thị Mai"),
        "{}",
        s.screen()
    );
    s.send("<f9>");
    assert!(s.screen().contains("Có thể trùng: Lê Thị Mai"), "{}", s.screen());
    s.send("<f6><enter>");
    assert!(s.screen().contains("Hồ sơ của người này (2)"), "{}", s.screen());
    let joined = s.store().case(&case).unwrap().unwrap();
    let id = fields.id_number.as_ref().unwrap();
    assert_eq!(joined.answers.get(id).map(String::as_str), Some("038190012345"));
}

/// Issue 29: the father named with his number in his child's birth
/// registration comes for his own account: his number alone brings his
/// name, and his screen lists the birth registration that names him.
#[test]
fn the_father_named_in_a_birth_registration_is_known_on_his_own_visit() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    let catalogue = s.app.catalogue.clone();
    visit(
        s.store(),
        &catalogue,
        "dang-ky-khai-sinh",
        &[
            ("ho_ten_tre", "Nguyễn Gia Huy"),
            ("ho_ten_me", "Trần Thị Lan"),
            ("ho_ten_cha", "Nguyễn Văn Bảo"),
            ("so_dinh_danh_cha", "001088067890"),
        ],
    );
    let own = visit(
        s.store(),
        &catalogue,
        "vneid-muc-1",
        &[("so_dinh_danh", "001088067890")],
    );
    let own = s.store().case(&own).unwrap().unwrap();
    assert_eq!(own.answers["ho_ten"], "Nguyễn Văn Bảo");
    s.send("<esc>");
    s.typing("nguyen van bao");
    s.send("<f4>");
    let screen = s.screen();
    assert!(screen.contains("Nguyễn Văn Bảo"), "{screen}");
    assert!(screen.contains("hồ sơ có nêu tên họ (1"), "{screen}");
    assert!(
        screen.contains("Trần Thị Lan"),
        "the birth registration, hers: {screen}"
    );
}
