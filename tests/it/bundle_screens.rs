//! The bundles screen and the conflict cards, driven by key presses: a
//! field laptop's bundle imported at the office, a number changed on both
//! machines chosen on Home.

use crate::common;

use common::Session;
use trolyso::app::Screen;
use trolyso::bundle;
use trolyso::i18n::Lang;
use trolyso::store::exchange::Since;
use trolyso::store::{KdfParams, Store};

fn folder_to(s: &mut Session, path: &std::path::Path) {
    let Screen::Exchange(x) = &s.app.screen else {
        panic!("{}", s.screen());
    };
    let typed = x.folder.text().chars().count();
    s.send(&"<bs>".repeat(typed));
    s.send(&path.display().to_string());
}

/// A machine set up in a session (`here`: "office" or "laptop"), the other
/// machine's store beside it, and an empty USB folder.
/// The bundles screen opened from Home on `usb`, `file` highlighted.
fn highlight(s: &mut Session, usb: &std::path::Path, file: &std::path::Path) {
    s.send("<esc><f8>");
    folder_to(s, usb);
    let Screen::Exchange(x) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    let at = x.files.iter().position(|(f, _)| f == file).unwrap();
    s.send(&"<up>".repeat(x.files.len()));
    s.send(&"<down>".repeat(at));
}

struct Two {
    s: Session,
    other: Store,
    usb: std::path::PathBuf,
    _tmp: tempfile::TempDir,
}

fn two(here: &str) -> Two {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(&tmp.path().join(here), Lang::Vi);
    common::set_up(&mut s);
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let other = Store::create(&tmp.path().join("other"), "máy kia", KdfParams::light_for_tests())
        .unwrap()
        .0;
    Two {
        s,
        other,
        usb,
        _tmp: tmp,
    }
}

#[test]
fn a_bundle_comes_in_from_the_screen_and_a_number_is_chosen_from_home() {
    let Two {
        mut s,
        other: laptop,
        usb,
        _tmp,
    } = two("office");
    s.send("<esc>");

    // The office writes its key to the stick (F4) and the laptop joins it.
    s.send("<f8>");
    assert!(matches!(s.app.screen, Screen::Exchange(_)), "{}", s.screen());
    folder_to(&mut s, &usb);
    s.send("<f4>");
    assert!(s.screen().contains("Đã ghi khóa văn phòng"), "{}", s.screen());
    let key = std::fs::read_dir(&usb).unwrap().next().unwrap().unwrap().path();
    let joined = bundle::join(&laptop, &key).unwrap();

    // The office enrols the laptop from its request: Enter shows who asks
    // and the pairing code the laptop's screen showed; Enter again enrols.
    highlight(&mut s, &usb, &joined.request);
    assert!(s.screen().contains("Yêu cầu"), "{}", s.screen());
    s.send("<enter>");
    let Screen::Exchange(x) = &s.app.screen else {
        panic!()
    };
    let shown = x
        .preview
        .as_ref()
        .map(|(_, l)| l[0].render(Lang::Vi))
        .unwrap_or_default();
    assert!(shown.contains(&joined.code), "{shown}");
    assert!(s.screen().contains("Mã đối chiếu"), "{}", s.screen());
    s.send("<enter>");
    assert!(s.screen().contains("Đã chấp nhận máy"), "{}", s.screen());
    let enrolment = bundle::places::bundles_and_keys_in(&usb)
        .into_iter()
        .find(|(_, k)| *k == Some(bundle::Kind::Enrolment))
        .unwrap()
        .0;
    bundle::take_enrolment(&laptop, &enrolment).unwrap();

    let catalogue = s.app.catalogue.clone();
    let p = catalogue.get("vneid-muc-1").unwrap();
    let case = laptop
        .create_case("vneid-muc-1", p.version, None, "Chị Lan")
        .unwrap();
    for (f, v) in [
        ("ho_ten", "Nguyễn Thị Mai"),
        ("so_dinh_danh", "001203004567"),
        ("so_dien_thoai", "0912345678"),
    ] {
        laptop
            .save_answer(&case.id, f, v, "Chị Lan", &p.answer_role(f))
            .unwrap();
    }
    bundle::export(&laptop, Since::Last, &usb, "Chị Lan")
        .unwrap()
        .unwrap();

    // Enter shows what the bundle brings, without writing; Enter again imports.
    s.send("<esc><f8>");
    folder_to(&mut s, &usb);
    assert!(s.screen().contains("Gói        goi-"), "{}", s.screen());
    s.send("<enter>");
    assert!(s.screen().contains("Nếu nhận gói này"), "{}", s.screen());
    assert!(s.screen().contains("1 hồ sơ mới"), "{}", s.screen());
    assert_eq!(s.store().case_count().unwrap(), 0);
    s.send("<enter>");
    assert_eq!(s.store().case_count().unwrap(), 1);
    assert!(!s.screen().contains("Nếu nhận gói này"), "{}", s.screen());
    assert!(s.screen().contains("Đã nhận: 1 hồ sơ mới"), "{}", s.screen());

    // The office and the village change the phone without seeing each other.
    s.store()
        .save_answer(
            &case.id,
            "so_dien_thoai",
            "0987000111",
            "Chị Hoa",
            &p.answer_role("so_dien_thoai"),
        )
        .unwrap();
    laptop
        .save_answer(
            &case.id,
            "so_dien_thoai",
            "0987000222",
            "Chị Lan",
            &p.answer_role("so_dien_thoai"),
        )
        .unwrap();
    let second = bundle::export(&laptop, Since::Last, &usb, "Chị Lan")
        .unwrap()
        .unwrap()
        .path;
    highlight(&mut s, &usb, &second);
    // Two bundles on the stick now, never one over the other.
    let Screen::Exchange(x) = &s.app.screen else {
        panic!()
    };
    assert_eq!(x.files.iter().filter(|(_, kind)| kind.is_none()).count(), 2);
    s.send("<enter><enter>");
    assert!(s.screen().contains("cần người chọn"), "{}", s.screen());

    // Home says so until a person chooses.
    s.send("<esc>");
    assert!(
        s.screen().contains("⚠ 1 hồ sơ có giá trị khác nhau"),
        "{}",
        s.screen()
    );
    // Its row is marked (issue 30, item 7).
    assert!(s.screen().contains("│! "), "{}", s.screen());
    s.send("<f10>");
    let screen = s.screen();
    assert!(screen.contains("Số điện thoại"), "{screen}");
    assert!(
        screen.contains("0987000111") && screen.contains("0987000222"),
        "{screen}"
    );
    assert!(screen.contains("máy này"), "{screen}");
    let Screen::Conflicts(c) = &s.app.screen else {
        panic!()
    };
    let second = c.card().unwrap().card.versions[1].value.clone().unwrap();
    s.send("<down><enter>");
    assert!(
        s.screen().contains("Không còn giá trị nào cần chọn"),
        "{}",
        s.screen()
    );
    let stored = s.store().case(&case.id).unwrap().unwrap();
    assert_eq!(stored.answers["so_dien_thoai"], second);
    s.send("<esc>");
    assert!(!s.screen().contains("⚠"), "{}", s.screen());
}

#[test]
fn settings_lead_to_the_bundles_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(&tmp.path().join("office"), Lang::En);
    common::set_up(&mut s);
    s.send("<esc><f9>");
    assert!(matches!(s.app.screen, Screen::Settings(_)), "{}", s.screen());
    let rows = trolyso::app::SettingsRow::ALL.len();
    s.send(&"<down>".repeat(rows - 1));
    assert!(s.screen().contains("Bundles for the office"), "{}", s.screen());
    s.send("<enter>");
    assert!(matches!(s.app.screen, Screen::Exchange(_)), "{}", s.screen());
    assert!(s.screen().contains("This machine:"), "{}", s.screen());
    s.send("<esc>");
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
}

#[test]
fn cards_turn_with_page_keys_and_each_starts_on_its_shown_value() {
    use trolyso::store::clock::{Clock, Version};
    use trolyso::store::merge::{Card, Why};
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(&tmp.path().join("office"), Lang::Vi);
    common::set_up(&mut s);
    let version = |v: &str, at: u64| Version {
        value: Some(v.into()),
        clock: Clock::new(at << 16, "aaaa", "Hoa", Default::default()),
    };
    let row = |n: u8, name: &str| trolyso::app::ConflictRow {
        card: Card {
            case: trolyso::store::Id([n; 16]),
            field: "hoso".into(),
            why: Why::Differs,
            versions: vec![version("H-1", 2), version("H-2", 1)],
        },
        procedure: "vneid-muc-1".into(),
        name: Some(name.into()),
        here: "bbbb".into(),
    };
    s.app.screen = Screen::Conflicts(trolyso::app::Conflicts {
        rows: Some(vec![row(1, "Lê Thị Một"), row(2, "Lê Văn Hai")]),
        at: 0,
        choice: 0,
    });
    s.send("<down>");
    s.send("<pgdn>");
    assert!(
        s.screen().contains("Thẻ 2/2") && s.screen().contains("Lê Văn Hai"),
        "{}",
        s.screen()
    );
    let Screen::Conflicts(c) = &s.app.screen else {
        panic!()
    };
    assert_eq!((c.at, c.choice), (1, 0));
    s.send("<pgdn><pgup>");
    assert!(
        s.screen().contains("Thẻ 1/2") && s.screen().contains("Mã hồ sơ"),
        "{}",
        s.screen()
    );
}

/// Issue 27: a bundle is read and imported on a worker; the screen says how
/// far it has come and answers keys meanwhile (help opens and closes), starts
/// nothing else (a second Enter) until the work has ended; Esc stops it.
#[test]
fn a_bundle_is_read_and_imported_beside_the_screen() {
    let Two {
        mut s,
        other: laptop,
        usb,
        _tmp,
    } = two("office");
    s.runtime.background = true;
    s.send("<esc>");
    s.send("<f8>");
    folder_to(&mut s, &usb);
    s.send("<f4>");
    let key = std::fs::read_dir(&usb).unwrap().next().unwrap().unwrap().path();
    crate::bundle::enrolled(s.store(), &laptop, &key);
    let mut g = trolyso::dev::seed::Generator::new(4);
    trolyso::dev::seed::fill(&laptop, &mut g, 400, trolyso::store::now_ms()).unwrap();
    bundle::export(&laptop, Since::All, &usb, "Chị Lan")
        .unwrap()
        .unwrap();
    s.send("<esc><f8>");
    folder_to(&mut s, &usb);

    s.send("<enter>");
    assert!(s.runtime.working(), "the preview runs beside the screen");
    assert!(s.screen().contains("Đang đọc và kiểm tra gói"), "{}", s.screen());
    s.send("<f1>");
    assert!(s.app.help, "a key is answered while the bundle is read");
    assert!(
        s.screen().contains("Gói đang được đọc"),
        "help says what goes on: {}",
        s.screen()
    );
    // Enter starts nothing else while it works.
    s.send("<f1><enter>");
    assert!(matches!(s.app.screen, Screen::Exchange(_)), "{}", s.screen());
    s.finish_work();
    assert!(s.screen().contains("Nếu nhận gói này"), "{}", s.screen());
    assert!(s.screen().contains("400 hồ sơ mới"), "{}", s.screen());
    assert_eq!(s.store().case_count().unwrap(), 0, "a preview writes nothing");

    // Esc while it imports stops it after the case under way: what came
    // in is whole, and importing again takes the rest.
    s.send("<enter>");
    assert!(s.runtime.working(), "the import runs beside the screen");
    s.send("<esc>");
    assert!(s.screen().contains("Đang dừng"), "{}", s.screen());
    assert!(
        matches!(s.app.screen, Screen::Exchange(_)),
        "Esc stops, it does not leave"
    );
    s.finish_work();
    let taken = s.store().case_count().unwrap();
    assert!(
        taken == 400 || s.screen().contains("Đã dừng"),
        "{taken}: {}",
        s.screen()
    );
    s.send("<enter>");
    s.finish_work();
    s.send("<enter>");
    s.finish_work();
    assert_eq!(s.store().case_count().unwrap(), 400);
    assert!(!s.runtime.working());
    assert!(!s.screen().contains("Đang"), "{}", s.screen());
}

/// Issue 28, item 5: the laptop's screen keeps its pairing code until the
/// office's enrolment is taken back; a file copied onto the stick shows at
/// the next look, without typing the folder again; the screen opens on the
/// folder used last.
#[test]
fn the_laptop_waits_with_its_code_and_the_stick_is_looked_at_again() {
    let Two {
        mut s,
        other: office,
        usb,
        _tmp,
    } = two("laptop");
    std::fs::write(usb.join("khoa.txt"), bundle::key_file_text(&office).unwrap()).unwrap();
    s.send("<esc><f8>");
    folder_to(&mut s, &usb);
    assert!(s.screen().contains("Khóa"), "{}", s.screen());
    s.send("<enter>");
    assert!(s.screen().contains("Nhấn Enter lần nữa để nối"), "{}", s.screen());
    assert!(!s.screen().contains("Nếu nhận gói này"), "{}", s.screen());
    s.send("<enter>");
    assert!(s.screen().contains("chờ văn phòng chấp nhận"), "{}", s.screen());
    let Screen::Exchange(x) = &s.app.screen else {
        panic!()
    };
    let code = x.info.as_ref().and_then(|i| i.waiting_code.clone()).unwrap();
    assert!(s.screen().contains(&code), "{}", s.screen());
    let request = x
        .files
        .iter()
        .find(|(_, k)| *k == Some(bundle::Kind::Request))
        .unwrap()
        .0
        .clone();

    // The office enrols it; the stick shows the enrolment at the next look.
    let (_, code_there) = bundle::read_request(&office, &request).unwrap();
    assert_eq!(code_there, code, "both screens show one code");
    bundle::enrol(&office, &request, "Anh Nam").unwrap();
    let enrolments = |s: &Session| match &s.app.screen {
        Screen::Exchange(x) => x
            .files
            .iter()
            .filter(|(_, k)| *k == Some(bundle::Kind::Enrolment))
            .count(),
        _ => panic!(),
    };
    assert_eq!(enrolments(&s), 0);
    s.runtime.dispatch(&mut s.app, trolyso::app::Action::LookAgain);
    assert_eq!(enrolments(&s), 1);
    let Screen::Exchange(x) = &s.app.screen else {
        panic!()
    };
    let at = x
        .files
        .iter()
        .position(|(_, k)| *k == Some(bundle::Kind::Enrolment))
        .unwrap();
    s.send(&"<up>".repeat(5));
    s.send(&"<down>".repeat(at));
    s.send("<enter><enter>");
    assert!(s.screen().contains("đã chấp nhận máy này"), "{}", s.screen());
    assert!(!s.screen().contains("chờ văn phòng"), "{}", s.screen());

    // Back on Home and in again: the same folder.
    s.send("<esc><f8>");
    let Screen::Exchange(x) = &s.app.screen else {
        panic!()
    };
    assert_eq!(x.folder.text(), usb.display().to_string());
}

/// Issue 28, items 1 and 5: the office sees the machines it enrolled by
/// helper and commune (F6), and revokes one with two Enters.
#[test]
fn the_office_lists_its_machines_and_revokes_one() {
    let Two {
        mut s,
        other: laptop,
        usb,
        _tmp,
    } = two("office");
    let mut settings = laptop.settings().unwrap();
    settings.helper = "Anh Tuấn".into();
    laptop.save_settings(&settings).unwrap();
    let key = usb.join("khoa.txt");
    std::fs::write(&key, bundle::key_file_text(s.store()).unwrap()).unwrap();
    crate::bundle::enrolled(s.store(), &laptop, &key);

    s.send("<esc><f8>");
    assert!(
        s.screen().contains("Máy văn phòng đã chấp nhận: 1"),
        "{}",
        s.screen()
    );
    s.send("<f6>");
    assert!(s.screen().contains("Anh Tuấn"), "{}", s.screen());
    s.send("<enter>");
    assert!(s.screen().contains("Thu hồi máy của Anh Tuấn"), "{}", s.screen());
    let id = laptop.machine_id().unwrap();
    let revoked = |s: &Session| {
        let keys = s.store().office_keys().unwrap();
        keys.machines().any(|(m, r)| *m == id && r.revoked_ms.is_some())
    };
    assert!(!revoked(&s), "one Enter only asks");
    s.send("<enter>");
    assert!(revoked(&s));
    assert!(s.screen().contains("Đã thu hồi máy"), "{}", s.screen());
    assert!(
        s.screen().contains("đã thu hồi"),
        "the list says so: {}",
        s.screen()
    );
}

/// Issue 28, item 4: the import after a preview takes what the preview
/// read and decrypted; it does not read the file again. (Shown by a file
/// garbled afterwards with its length and time kept: the import still takes
/// every case; a file changed otherwise is read again.)
#[test]
fn the_import_reuses_what_its_preview_read() {
    let Two {
        mut s,
        other: laptop,
        usb,
        _tmp,
    } = two("office");
    let key = usb.join("khoa.txt");
    std::fs::write(&key, bundle::key_file_text(s.store()).unwrap()).unwrap();
    crate::bundle::enrolled(s.store(), &laptop, &key);
    let mut g = trolyso::dev::seed::Generator::new(5);
    trolyso::dev::seed::fill(&laptop, &mut g, 30, trolyso::store::now_ms()).unwrap();
    let file = bundle::export(&laptop, Since::All, &usb, "Chị Lan")
        .unwrap()
        .unwrap()
        .path;
    highlight(&mut s, &usb, &file);
    s.send("<enter>");
    assert!(s.screen().contains("30 hồ sơ mới"), "{}", s.screen());

    let when = std::fs::metadata(&file).unwrap().modified().unwrap();
    let len = std::fs::metadata(&file).unwrap().len() as usize;
    std::fs::write(&file, "x".repeat(len)).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(when)
        .unwrap();
    s.send("<enter>");
    assert_eq!(s.store().case_count().unwrap(), 30, "{}", s.screen());
}
