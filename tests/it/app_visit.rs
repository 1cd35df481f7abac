//! Whole flows driven by key presses, in process: the settings, the commune
//! and documents, a pause in typing, the recovery code, the slips, the
//! restore offer, and how fields and choices answer keys.

use crate::common;

use common::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use trolyso::app::Screen;
use trolyso::i18n::Lang;

/// Settings: every row changes with ← →, is saved at once, and is there
/// after a restart; the language changes the screen as soon as it is picked.
#[test]
fn settings_are_saved_at_once_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    assert_eq!(
        s.store().settings().unwrap().home_commune,
        s.app.settings.home_commune
    );
    s.key(KeyCode::F(9));
    assert!(s.screen().contains("Cài đặt"), "{}", s.screen());
    // Language → English at once.
    s.key(KeyCode::Right);
    assert!(
        s.screen().contains("Settings") && s.screen().contains("English"),
        "{}",
        s.screen()
    );
    // Theme → high contrast; typing → VNI.
    s.keys(&[KeyCode::Down, KeyCode::Right, KeyCode::Down, KeyCode::Right]);
    assert!(
        s.screen().contains("High contrast") && s.screen().contains("F2: VNI"),
        "{}",
        s.screen()
    );
    // The helper's name, typed in VNI, saved when the row is left.
    s.key(KeyCode::Down);
    for _ in 0..10 {
        s.key(KeyCode::Backspace);
    }
    s.typing("Anh Tua61n");
    s.key(KeyCode::Down);
    // The office's commune: the picker opens on the current one.
    s.key(KeyCode::Enter);
    assert!(s.screen().contains("Thanh Hóa"), "{}", s.screen());
    s.key(KeyCode::Esc);
    s.typing("hoan kiem");
    s.key(KeyCode::Enter);
    assert!(s.screen().contains("Phường Hoàn Kiếm, Hà Nội"), "{}", s.screen());
    // Idle lock: 5 → 10 minutes.
    s.keys(&[KeyCode::Down, KeyCode::Right]);
    assert!(s.screen().contains("10 min"), "{}", s.screen());
    let saved = s.store().settings().unwrap();
    assert_eq!(saved.lang, Some(Lang::En));
    assert!(saved.high_contrast);
    assert_eq!(saved.helper, "Anh Tuấn");
    assert_eq!(saved.idle_minutes, 10);
    let hoan_kiem = trolyso::domain::units::Units::embedded()
        .search_communes(Some(1), "hoan kiem")
        .first()
        .copied()
        .unwrap()
        .code;
    assert_eq!(saved.home_commune, Some(hoan_kiem));
    s.key(KeyCode::Esc);
    assert!(matches!(s.app.screen, Screen::Home(_)));

    // The next day the office opens in English, with its settings.
    drop(s);
    let mut s = Session::new(tmp.path(), Lang::Vi);
    s.typing(PASS);
    s.key(KeyCode::Enter);
    assert!(s.screen().contains("Recent cases"), "{}", s.screen());
    assert_eq!(s.app.settings.idle_minutes, 10);
}

/// An empty helper's name is refused in the settings, and the old one kept.
#[test]
fn settings_keep_a_name_for_the_slips() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    s.key(KeyCode::F(9));
    s.keys(&[KeyCode::Down, KeyCode::Down, KeyCode::Down]);
    for _ in 0..10 {
        s.key(KeyCode::Backspace);
    }
    s.key(KeyCode::Esc);
    assert_eq!(s.store().settings().unwrap().helper, "Chi Hoa");
    assert_eq!(s.app.settings.helper, "Chi Hoa");
}

/// A commune field opens the picker on the office's commune; the documents
/// checklist is ticked per case and saved at once.
#[test]
fn commune_field_and_documents_brought() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "khai sinh");
    // To the last-but-one step: the person filing, phone, commune.
    s.keys(&[KeyCode::PageDown, KeyCode::PageDown, KeyCode::PageDown]);
    assert!(s.screen().contains("Người đi đăng ký"), "{}", s.screen());
    s.keys(&[KeyCode::Tab, KeyCode::Tab]);
    // The office's commune is offered (Enter would take it); Space opens
    // the list on the office's province to pick another.
    assert!(
        s.screen().contains("Xã Quang Chiểu, Thanh Hóa — Enter"),
        "{}",
        s.screen()
    );
    s.key(KeyCode::Char(' '));
    assert!(
        s.screen().contains("Chọn xã/phường/đặc khu — Thanh Hóa"),
        "{}",
        s.screen()
    );
    s.typing("dong son");
    s.key(KeyCode::Enter);
    assert!(s.screen().contains("Đông Sơn, Thanh Hóa"), "{}", s.screen());
    let case = s.store().recent(1, None).unwrap().items.remove(0).case;
    let code: u32 = case.answers["noi_cu_tru"].parse().unwrap();
    assert!(
        trolyso::domain::units::Units::embedded()
            .commune(code)
            .unwrap()
            .name
            .contains("Đông Sơn")
    );

    // F7: the documents brought, ticked one by one.
    s.key(KeyCode::F(7));
    assert!(s.screen().contains("Giấy tờ người dân đã mang"), "{}", s.screen());
    s.key(KeyCode::Char(' '));
    s.key(KeyCode::Down);
    s.key(KeyCode::Char(' '));
    s.key(KeyCode::Left);
    s.key(KeyCode::Esc);
    assert!(s.screen().contains("Giấy tờ 1/2"), "{}", s.screen());
    let case = s.store().recent(1, None).unwrap().items.remove(0).case;
    assert_eq!(case.documents.get("giay_chung_sinh"), Some(&true));
    assert_eq!(case.documents.get("can_cuoc_me"), Some(&false));
    // Esc from the checklist went back to the fields, not Home.
    assert!(matches!(s.app.screen, Screen::Wizard(_)));
}

#[test]
fn a_pause_in_typing_saves_what_is_typed_and_the_case_reopens_there() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "khai sinh");
    // The mother's step answered first, then back to the child's name.
    s.send("<pgdn>Traanf Thij Hoa<tab><pgup>Nguyeenx Vawn A");
    assert!(s.screen().contains(&s.words("ui.saving")), "{}", s.screen());
    // The keys rest: the shell sends this after 300 ms.
    s.runtime.dispatch(&mut s.app, trolyso::app::Action::SaveTyping);
    s.send("n");
    let case = s.store().recent(1, None).unwrap().items.remove(0).case;
    assert_eq!(case.answers["ho_ten_tre"], "Nguyễn Văn A");
    s.runtime.dispatch(&mut s.app, trolyso::app::Action::SaveTyping);
    s.event(Event::Resize(80, 24));
    assert!(s.screen().contains(&s.words("ui.saved")), "{}", s.screen());
    let case = s.store().recent(1, None).unwrap().items.remove(0).case;
    assert_eq!(case.answers["ho_ten_tre"], "Nguyễn Văn An");
    // A half-typed date is saved as it stands, with no message yet.
    s.send("<tab>05/0");
    s.runtime.dispatch(&mut s.app, trolyso::app::Action::SaveTyping);
    let case = s.store().recent(1, None).unwrap().items.remove(0).case;
    assert_eq!(case.answers["ngay_sinh_tre"], "05/0");
    s.event(Event::Resize(80, 24));
    assert!(!s.screen().contains("dạng ngày/tháng/năm"), "{}", s.screen());
    s.send("9/2026<c-q>");

    // The next day it opens on the date, in the child's step, not at the
    // mother's step (the last one answered in order).
    drop(s);
    let mut s = Session::new(tmp.path(), Lang::Vi);
    s.send(&format!("{PASS}<enter><enter>"));
    let Screen::Wizard(w) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    assert_eq!((w.step, w.field), (0, 1), "{}", s.screen());
    assert!(s.screen().contains("› 05/09/2026"), "{}", s.screen());
}

/// Issue 12, item 2: the recovery code opens the data when the passphrase is
/// forgotten (F4 on the unlock screen), a new passphrase is set twice, and
/// the same code keeps working afterwards (no new code is shown: the paper
/// in the drawer stays right).
#[test]
fn a_forgotten_passphrase_is_replaced_with_the_recovery_code() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    let code = set_up_noting_the_code(&mut s);
    drop(s);

    let mut s = Session::new(tmp.path(), Lang::Vi);
    s.event(Event::Resize(80, 24));
    assert!(s.screen().contains("F4 quên mật khẩu"), "{}", s.screen());
    s.key(KeyCode::F(4));
    assert!(s.screen().contains("Mã khôi phục"), "{}", s.screen());
    // Esc goes back to the passphrase; F4 again to the code.
    s.key(KeyCode::Esc);
    assert!(s.screen().contains("F4 quên mật khẩu"), "{}", s.screen());
    s.key(KeyCode::F(4));
    // A wrong code: said, and the code kept to be corrected.
    s.typing("AAAA-BBBB");
    s.key(KeyCode::Tab);
    s.typing("mat khau moi 1");
    s.key(KeyCode::Tab);
    s.typing("mat khau moi 1");
    s.key(KeyCode::Enter);
    assert!(s.shows("store.wrong_recovery_code"), "{}", s.screen());
    assert!(s.runtime.store.is_none());
    // Two different new passphrases are refused before anything is tried.
    let Screen::Unlock(u) = &mut s.app.screen else {
        panic!()
    };
    let forgot = u.forgot.as_mut().unwrap();
    forgot.code = Default::default();
    forgot.code.insert_str(&code.to_lowercase());
    s.key(KeyCode::Tab);
    s.typing("mat khau moi 1");
    s.key(KeyCode::Tab);
    s.typing("mat khau moi 2");
    s.key(KeyCode::Enter);
    assert!(s.shows("ui.setup.mismatch"), "{}", s.screen());
    s.typing("mat khau moi 1");
    s.key(KeyCode::Tab);
    s.typing("mat khau moi 1");
    s.key(KeyCode::Enter);
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
    assert!(s.shows("ui.forgot.done"), "{}", s.screen());
    drop(s);

    // The new passphrase opens; the old one no longer does; the code still does.
    let dir = tmp.path();
    assert!(trolyso::store::Store::open(dir, PASS).is_err());
    drop(trolyso::store::Store::open(dir, "mat khau moi 1").unwrap());
    drop(trolyso::store::Store::open_with_recovery(dir, &code, "mat khau moi 3").unwrap());
}

/// Issue 12, item 4: with the screen in English, the slip a resident takes
/// home is still in Vietnamese; a document ticked as brought (F7) is not
/// asked for again.
#[test]
fn slips_are_in_vietnamese_and_ask_only_for_what_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::En);
    set_up(&mut s);
    start(&mut s, "khai sinh");
    // The first document ticked as brought.
    s.key(KeyCode::F(7));
    s.key(KeyCode::Char(' '));
    s.key(KeyCode::Esc);
    let (brought, missing) = {
        let Screen::Wizard(w) = &s.app.screen else {
            panic!("{}", s.screen())
        };
        let p = w.procedure(&s.app.catalogue).unwrap();
        let relevant: Vec<_> = p
            .documents
            .iter()
            .filter(|d| d.is_relevant(&w.case.answers))
            .collect();
        assert!(w.brought(&relevant[0].id), "{}", s.screen());
        (relevant[0].text.vi.clone(), relevant[1].text.vi.clone())
    };
    s.key(KeyCode::F(4));
    s.key(KeyCode::F(8));
    s.key(KeyCode::Enter);
    let html = std::fs::read_dir(tmp.path().join("slips"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .unwrap();
    assert!(html.contains("Phiếu hẹn và hướng dẫn cho người dân"), "{html}");
    assert!(html.contains("lang=\"vi\""), "{html}");
    assert!(html.contains(&missing), "{html}");
    assert!(!html.contains(&brought), "{html}");
}

/// Issue 12, item 5: the data folder lost its `db/` (deleted, disk swapped)
/// but `backups/` holds good backups: restoring is offered before a fresh
/// setup, and the restored office opens with its own passphrase.
#[test]
fn a_missing_database_offers_the_backups_first() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "khai sinh");
    s.typing("Nguyeenx Vawn Aan");
    s.key(KeyCode::Tab);
    s.store()
        .auto_backup_if_due(trolyso::domain::Date::new(2026, 11, 28).unwrap())
        .unwrap();
    s.event(Event::Key(KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::CONTROL,
    )));
    drop(s);
    std::fs::remove_dir_all(tmp.path().join("db")).unwrap();

    let mut s = Session::new(tmp.path(), Lang::Vi);
    s.app.offer_restore(trolyso::shell::backups_found(tmp.path()));
    s.event(Event::Resize(80, 24));
    assert!(s.screen().contains("Không thấy dữ liệu hồ sơ"), "{}", s.screen());
    assert!(s.screen().contains("trolyso-2026-11-28.bak"), "{}", s.screen());
    s.key(KeyCode::Enter);
    assert!(matches!(s.app.screen, Screen::Unlock(_)), "{}", s.screen());
    assert!(s.screen().contains("Đã khôi phục bản sao lưu"), "{}", s.screen());
    s.typing(PASS);
    s.key(KeyCode::Enter);
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
    let case = s.store().recent(1, None).unwrap().items.remove(0).case;
    assert_eq!(case.answers["ho_ten_tre"], "Nguyễn Văn Ân");
}

/// F4 on the restore offer sets up a new office instead.
#[test]
fn the_restore_offer_can_be_passed_over() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::En);
    s.app.offer_restore(vec![trolyso::app::Found {
        path: tmp.path().join("backups").join("trolyso-2026-11-28.bak"),
        when: "28/11/2026 09:00".into(),
    }]);
    s.event(Event::Resize(80, 24));
    assert!(s.screen().contains("F4 new office"), "{}", s.screen());
    s.key(KeyCode::F(4));
    assert!(matches!(s.app.screen, Screen::Setup(_)), "{}", s.screen());
}

/// Issue 13, item 17: Ctrl+U empties a field at once, however long the
/// paste that went wrong.
#[test]
fn ctrl_u_clears_a_field() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "khai sinh");
    s.event(Event::Paste("Nguyễn Văn An ".repeat(400)));
    // Too long for a name: said when the field is left (issue 13, item 2).
    s.key(KeyCode::Tab);
    assert!(s.screen().contains("Dài quá 100 ký tự"), "{}", s.screen());
    s.key(KeyCode::BackTab);
    s.send("<c-u>");
    let Screen::Wizard(w) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    assert_eq!(w.editor.text(), "");
    s.typing("Nguyeenx Vawn Aan");
    s.key(KeyCode::Tab);
    let case = s.store().recent(1, None).unwrap().items.remove(0).case;
    assert_eq!(case.answers["ho_ten_tre"], "Nguyễn Văn Ân");
}

/// Issue 13, item 16: ← and → on a yes/no move like a list: nothing chosen,
/// either starts at the first; the ends stop rather than wrap round.
#[test]
fn arrows_on_a_choice_move_like_a_list() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "tao tai khoan vneid");
    let answer = |s: &Session| {
        let Screen::Wizard(w) = &s.app.screen else {
            panic!("{}", s.screen())
        };
        let field = w.focused(&s.app.catalogue).unwrap();
        (w.case.answers.get(&field.id).cloned(), field.choices.len().max(2))
    };
    s.key(KeyCode::Left);
    let (first, n) = answer(&s);
    assert!(first.is_some());
    s.key(KeyCode::Left);
    assert_eq!(answer(&s).0, first, "← at the first stays");
    for _ in 0..n + 2 {
        s.key(KeyCode::Right);
    }
    let last = answer(&s).0;
    assert_ne!(last, first);
    s.key(KeyCode::Right);
    assert_eq!(answer(&s).0, last, "→ at the last stays");
}

/// Issue 13, item 5: in the review a long answer is wrapped, not cut, and
/// End (or PgDn) reaches the finishing actions in one key.
#[test]
fn the_review_wraps_answers_and_reaches_finishing_in_one_key() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "khai sinh");
    s.typing("Nguyeenx Vawn Aan");
    s.send("<tab>05/09/2026<tab><right><tab>");
    s.typing("Beenhj vieenj Ddaa khoa tinhr Thanh Hoas, khoa Sarn, phongf 204, giuwowngf 12");
    s.send("<tab><f5>");
    let screen = s.screen();
    assert!(screen.contains("giường 12"), "{screen}");
    s.send("<end>");
    let Screen::Wizard(w) = &s.app.screen else {
        panic!()
    };
    let trolyso::app::Mode::Review(r) = &w.mode else {
        panic!("{}", s.screen())
    };
    let rows = w.review_rows(&s.app.catalogue);
    assert!(
        matches!(rows[r.selected], trolyso::app::ReviewRow::Finish(_)),
        "{}",
        s.screen()
    );
    assert!(
        s.screen().contains("▶") || s.screen().contains("→"),
        "{}",
        s.screen()
    );
    s.send("<home>");
    let Screen::Wizard(w) = &s.app.screen else {
        panic!()
    };
    let trolyso::app::Mode::Review(r) = &w.mode else {
        panic!()
    };
    assert_eq!(r.selected, 0);
}
