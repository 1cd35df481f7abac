//! The bundles screen and the conflict cards, driven by key presses: a
//! field laptop's bundle imported at the office, a number changed on both
//! machines chosen on Home.

mod common;

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

#[test]
fn a_bundle_comes_in_from_the_screen_and_a_number_is_chosen_from_home() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(&tmp.path().join("office"), Lang::Vi);
    common::set_up(&mut s);
    s.send("<esc>");
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let laptop = Store::create(
        &tmp.path().join("laptop"),
        "mật khẩu máy xách tay",
        KdfParams::light_for_tests(),
    )
    .unwrap()
    .0;

    // The office writes its key to the stick (F4) and the laptop joins it.
    s.send("<f8>");
    assert!(matches!(s.app.screen, Screen::Exchange(_)), "{}", s.screen());
    folder_to(&mut s, &usb);
    s.send("<f4>");
    assert!(s.screen().contains("Đã ghi khóa văn phòng"), "{}", s.screen());
    let key = std::fs::read_dir(&usb).unwrap().next().unwrap().unwrap().path();
    bundle::join(&laptop, &key).unwrap();

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
            .save_answer(&case.id, f, v, "Chị Lan", Some(&p.resident), f == "ho_ten")
            .unwrap();
    }
    bundle::export(&laptop, Since::Last, &usb, "Chị Lan")
        .unwrap()
        .unwrap();

    // Enter shows what the bundle brings, without writing; Enter again imports.
    s.send("<esc><f8>");
    folder_to(&mut s, &usb);
    assert!(s.screen().contains("Gói   goi-"), "{}", s.screen());
    s.send("<enter>");
    assert!(s.screen().contains("Nếu nhận gói này"), "{}", s.screen());
    assert!(s.screen().contains("1 hồ sơ mới"), "{}", s.screen());
    assert_eq!(s.store().case_count().unwrap(), 0);
    s.send("<enter>");
    assert_eq!(s.store().case_count().unwrap(), 1);
    assert!(!s.screen().contains("Nếu nhận gói này"), "{}", s.screen());

    // The office and the village change the phone without seeing each other.
    s.store()
        .save_answer(
            &case.id,
            "so_dien_thoai",
            "0987000111",
            "Chị Hoa",
            Some(&p.resident),
            false,
        )
        .unwrap();
    laptop
        .save_answer(
            &case.id,
            "so_dien_thoai",
            "0987000222",
            "Chị Lan",
            Some(&p.resident),
            false,
        )
        .unwrap();
    let second = bundle::export(&laptop, Since::Last, &usb, "Chị Lan")
        .unwrap()
        .unwrap()
        .path;
    s.send("<esc><f8>");
    folder_to(&mut s, &usb);
    // Two bundles on the stick now, never one over the other.
    let Screen::Exchange(x) = &s.app.screen else {
        panic!()
    };
    assert_eq!(
        x.files.iter().filter(|f| !trolyso::app::is_key_file(f)).count(),
        2
    );
    let at = x.files.iter().position(|f| *f == second).unwrap();
    s.send(&"<down>".repeat(at));
    s.send("<enter><enter>");
    assert!(s.screen().contains("cần người chọn"), "{}", s.screen());

    // Home says so until a person chooses.
    s.send("<esc>");
    assert!(
        s.screen().contains("⚠ 1 hồ sơ có giá trị khác nhau"),
        "{}",
        s.screen()
    );
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
