//! The new guided procedures walked from start to finish in process, as a
//! helper would with a resident, including the branches their answers take.

use crate::common;
use trolyso::app::CaseEffect;

use common::*;
use ratatui::crossterm::event::KeyCode;
use trolyso::app::Screen;
use trolyso::i18n::Lang;
use trolyso::store::{Case, Status};

fn session(tmp: &tempfile::TempDir) -> Session {
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    s
}

fn latest(s: &Session) -> Case {
    s.store().recent(1, None).unwrap().items.remove(0).case
}

/// The applicant's step most procedures open with: name, birth date,
/// number, phone, and the commune (the office's, picked from the list).
fn fill_applicant(s: &mut Session, name: &str, born: &str, number: &str) {
    s.typing(name);
    s.key(KeyCode::Tab);
    s.typing(born);
    s.key(KeyCode::Tab);
    s.typing(number);
    s.key(KeyCode::Tab);
    s.typing("0912345678");
    s.key(KeyCode::Tab);
    // The office's commune is offered (Enter would take it and move on);
    // picked from the list here, the focus stays on it.
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
    s.key(KeyCode::Enter);
    assert!(s.screen().contains("Xã Quang Chiểu, Thanh Hóa"), "{}", s.screen());
    s.key(KeyCode::Tab);
}

fn finish(s: &mut Session, to: Status) {
    choose_finish(s, to);
    s.key(KeyCode::F(8));
    s.key(KeyCode::Enter);
    if to == Status::Filed {
        s.typing("G22.99-261128-0042");
        s.key(KeyCode::Enter);
        s.key(KeyCode::Enter);
    }
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
    assert!(s.screen().contains("Đã ghi phiếu"), "{}", s.screen());
}

/// The branch: a new phone without NFC, the old one gone, skips the
/// passcode step and ends on the borrowed phone being let go of.
#[test]
fn vneid_device_change_takes_its_branch() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(&tmp);
    start(&mut s, "quen passcode");
    s.typing("Nguyeenx Thij Lan");
    s.key(KeyCode::Tab);
    s.typing("0912345678");
    s.key(KeyCode::Tab);
    s.keys(&[KeyCode::Right, KeyCode::Right, KeyCode::Right]);
    assert!(
        s.screen().contains("(•) Đổi sang điện thoại mới"),
        "{}",
        s.screen()
    );
    s.key(KeyCode::Tab);
    let screen = s.screen();
    assert!(screen.contains("Chuyển sang điện thoại mới"), "{screen}");
    assert!(!screen.contains("Lấy lại passcode"), "{screen}");
    // Old phone gone, no NFC on the new one.
    s.keys(&[
        KeyCode::Right,
        KeyCode::Right,
        KeyCode::Tab,
        KeyCode::Right,
        KeyCode::Right,
        KeyCode::Tab,
    ]);
    let screen = s.screen();
    assert!(
        screen.contains("Máy mới không có NFC") && screen.contains("Hủy liên kết"),
        "{screen}"
    );
    s.key(KeyCode::Right);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Right);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Right);
    finish(&mut s, Status::Done);
    let case = latest(&s);
    assert_eq!(case.status, Status::Done);
    assert_eq!(case.answers["van_de"], "may_moi");
    assert_eq!(case.answers["may_cu_con"], "no");
    assert_eq!(case.answers["cach_lam"], "muon_may");
    assert_eq!(case.answers["da_huy_lien_ket"], "yes");
    assert_eq!(case.answers["da_xong"], "yes");
    assert!(!case.answers.contains_key("bi_khoa"));
}

/// Marriage: no data in the database yet, so the marital-status certificate
/// joins the documents to bring; filed with its hồ sơ code.
#[test]
fn marriage_asks_for_the_certificate_when_the_data_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(&tmp);
    start(&mut s, "ket hon");
    s.typing("Lee Vawn Binhf");
    s.key(KeyCode::Tab);
    s.typing("12/03/1995");
    s.key(KeyCode::Tab);
    s.typing("038095012345");
    s.key(KeyCode::Tab);
    s.typing("Ddinh Thij Mai");
    s.key(KeyCode::Tab);
    s.typing("20/07/1997");
    s.key(KeyCode::Tab);
    s.typing("038197054321");
    s.key(KeyCode::Tab);
    assert!(s.screen().contains("Tình trạng hôn nhân"), "{}", s.screen());
    assert!(s.screen().contains("Giấy tờ 0/1"), "{}", s.screen());
    s.keys(&[KeyCode::Right, KeyCode::Right]);
    assert!(s.screen().contains("Giấy tờ 0/2"), "{}", s.screen());
    s.key(KeyCode::F(7));
    assert!(
        s.screen().contains("Giấy xác nhận tình trạng hôn nhân"),
        "{}",
        s.screen()
    );
    s.key(KeyCode::Esc);
    s.key(KeyCode::Tab);
    s.typing("0912345678");
    s.key(KeyCode::Tab);
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter);
    finish(&mut s, Status::Filed);
    let case = latest(&s);
    assert_eq!(case.status, Status::Filed);
    assert_eq!(case.answers["ho_ten_nam"], "Lê Văn Bình");
    assert_eq!(case.answers["ho_ten_nu"], "Đinh Thị Mai");
    assert_eq!(case.answers["co_du_lieu_hon_nhan"], "no");
    assert_eq!(case.hoso_code.as_deref(), Some("G22.99-261128-0042"));
    // Found by the man's name, typed without accents.
    s.typing("le van binh");
    assert!(s.screen().contains("Lê Văn Bình"), "{}", s.screen());
}

/// Marital-status certificate for a divorced resident: the divorce ruling
/// is on the list; ticked as brought; marked done.
#[test]
fn marital_status_for_a_divorced_resident() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(&tmp);
    start(&mut s, "xac nhan tinh trang hon nhan");
    fill_applicant(&mut s, "Phamj Vawn Tuaans", "01/01/1980", "038080011111");
    s.keys(&[KeyCode::Right, KeyCode::Right]);
    s.key(KeyCode::Tab);
    s.typing("Ddeer keets hoon");
    s.key(KeyCode::F(7));
    s.key(KeyCode::Down);
    assert!(
        s.screen().contains("Bản án, quyết định ly hôn đã có hiệu lực"),
        "{}",
        s.screen()
    );
    s.key(KeyCode::Char(' '));
    s.key(KeyCode::Esc);
    finish(&mut s, Status::Done);
    let case = latest(&s);
    assert_eq!(case.answers["tinh_trang"], "ly_hon");
    assert_eq!(case.answers["muc_dich"], "Để kết hôn");
    assert_eq!(case.documents.get("ban_an_ly_hon"), Some(&true));
}

/// Copy of an extract: "other" asks which one; zero copies is caught and
/// fixed before the case can be marked ready.
#[test]
fn copy_of_an_extract_catches_zero_copies() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(&tmp);
    start(&mut s, "trich luc");
    fill_applicant(&mut s, "Hoaf Thij Thu", "05/05/1990", "038190022222");
    s.keys(&[KeyCode::Right, KeyCode::Right, KeyCode::Right, KeyCode::Right]);
    s.key(KeyCode::Tab);
    assert!(s.screen().contains("Ghi rõ loại trích lục"), "{}", s.screen());
    s.typing("Nhaajn cha con");
    s.key(KeyCode::Tab);
    s.typing("Hoaf Vawn Nam");
    s.key(KeyCode::Tab);
    s.typing("0");
    // The step's last field is wrong: Tab keeps the focus on it.
    s.key(KeyCode::Tab);
    assert!(s.screen().contains("1–50"), "{}", s.screen());
    s.key(KeyCode::Backspace);
    s.typing("2");
    s.key(KeyCode::Tab);
    finish(&mut s, Status::ReadyToFile);
    let case = latest(&s);
    assert_eq!(case.status, Status::ReadyToFile);
    assert_eq!(case.answers["so_ban"], "2");
    assert_eq!(case.answers["ghi_ro_loai"], "Nhận cha con");
}

/// Temporary residence: the address's commune picked by typing its name.
#[test]
fn temporary_residence_with_a_commune_typed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(&tmp);
    start(&mut s, "dang ky tam tru");
    fill_applicant(&mut s, "Trinhj Vawn Hung", "10/10/2000", "038200033333");
    // The address's commune: the office's is offered; Space opens the
    // list instead, Esc goes up to the country.
    assert!(
        s.screen().contains("Xã Quang Chiểu, Thanh Hóa — Enter"),
        "{}",
        s.screen()
    );
    s.key(KeyCode::Char(' '));
    s.key(KeyCode::Esc);
    s.typing("dong son");
    s.key(KeyCode::Enter);
    assert!(
        s.screen().contains("Phường Đông Sơn, Thanh Hóa"),
        "{}",
        s.screen()
    );
    s.key(KeyCode::Tab);
    s.typing("12 Lee Lowij");
    s.key(KeyCode::Tab);
    s.keys(&[KeyCode::Right, KeyCode::Right, KeyCode::Right]);
    s.key(KeyCode::Tab);
    s.typing("12");
    s.key(KeyCode::Tab);
    finish(&mut s, Status::ReadyToFile);
    let case = latest(&s);
    assert_eq!(case.answers["loai_cho_o"], "thue_muon");
    assert_eq!(case.answers["dia_chi"], "12 Lê Lợi");
    let units = trolyso::domain::units::Units::embedded();
    let code: u32 = case.answers["noi_dang_ky"].parse().unwrap();
    assert_eq!(units.commune(code).unwrap().name, "Phường Đông Sơn");
}

/// An entry of the national list with no guide of its own (every shipped
/// entry has one now, so an imported list brings it) is worked with the
/// general guide and keeps its own title and code.
#[test]
fn a_catalogue_entry_runs_the_general_guide() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(&tmp);
    let imported =
        "ma,ten,muc_do,cap,linh_vuc\n9.999999,Thủ tục nhập thử không có hướng dẫn,chua_ro,,Hộ tịch\n";
    s.app
        .catalogue
        .set_entries(trolyso::domain::catalogue::with_shipped(Some(imported)));
    s.key(KeyCode::F(3));
    s.typing("thu tuc nhap thu");
    assert!(s.screen().contains("(hướng dẫn chung)"), "{}", s.screen());
    s.key(KeyCode::Enter);
    let screen = s.screen();
    assert!(
        screen.contains("Thủ tục nhập thử")
            && screen.contains("9.999999")
            && screen.contains("chưa có hướng dẫn riêng"),
        "{screen}"
    );
    s.key(KeyCode::Enter);
    fill_applicant(&mut s, "Vux Thij Ha", "03/03/1985", "038185044444");
    assert!(s.screen().contains("Tìm thủ tục trên Cổng"), "{}", s.screen());
    // The entry's name is in the guide's name field already.
    assert!(
        s.screen().contains("› Thủ tục nhập thử không có hướng dẫn"),
        "{}",
        s.screen()
    );
    s.key(KeyCode::Tab);
    s.key(KeyCode::Right);
    s.key(KeyCode::Esc);
    let case = latest(&s);
    assert_eq!(case.procedure_id, "danh-muc:9.999999");
    assert_eq!(case.answers["ten_thu_tuc"], "Thủ tục nhập thử không có hướng dẫn");
    assert_eq!(case.answers["tim_thay"], "yes");
    assert!(
        s.screen().contains("Thủ tục nhập") && s.screen().contains("Vũ Thị Ha"),
        "{}",
        s.screen()
    );
}

/// Browsing: Tab narrows the list to one field of work at a time.
#[test]
fn the_picker_browses_by_field_of_work() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(&tmp);
    s.key(KeyCode::F(3));
    // Fields in order: bao_hiem, bao_tro_xa_hoi, chung_thuc, cu_tru, dinh_danh, ho_tich, tu_phap.
    s.keys(&[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    let screen = s.screen();
    assert!(screen.contains("Lĩnh vực: Cư trú"), "{screen}");
    assert!(
        screen.contains("Đăng ký tạm trú") && !screen.contains("Đăng ký kết hôn"),
        "{screen}"
    );
    s.key(KeyCode::F(4));
    assert!(s.screen().contains("Mức độ: toàn trình"), "{}", s.screen());
    assert!(s.screen().contains("Không có thủ tục nào khớp"), "{}", s.screen());
}

/// Issue 13, item 14: "someone else" filing a birth registration asks for
/// that person's name, ID number and relation to the child.
#[test]
fn someone_else_filing_is_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(&tmp);
    start(&mut s, "khai sinh");
    s.send("<pgdn><pgdn><pgdn>");
    assert!(s.screen().contains("Người nộp hồ sơ là"), "{}", s.screen());
    assert!(!s.screen().contains("Họ và tên người nộp"), "{}", s.screen());
    s.send("<right><right><right>");
    let screen = s.screen();
    assert!(
        screen.contains("Họ và tên người nộp")
            && screen.contains("Số định danh của người nộp")
            && screen.contains("Quan hệ với trẻ"),
        "{screen}"
    );
}

/// Issue 13, "done when": the clean birth registration, from F3 to "hoàn
/// thành", counted in keys as a helper presses them (every letter typed
/// included). 278 when the issue was written; the bound keeps it down.
/// Issue 30: the keys other than typed letters at most 25 (the two spaces
/// that tick the checklist counted with them); a choice takes its letter.
#[test]
fn a_clean_birth_registration_in_few_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(&tmp);
    s.pressed = 0;
    s.named = 0;
    s.send("<f3>khai sinh<enter>");
    // Readiness with the parents: certificate and cards brought (→ F7 too).
    s.send(" <down> <enter>");
    // The child (no liên thông: the family wants the birth only), the
    // mother, no father's details, the person filing.
    // "na": Nam, and on to the next field; "k": no liên thông.
    s.send("Nguyeenx Vawn Aan<tab>05/09/2026<tab>naBeenhj vieenj tinhr<tab>k");
    s.send("Traanf Thij Hoa<tab>01/02/1992<tab>038192012345<tab>");
    // "k": Không, no father's details, on to the next step.
    s.send("k");
    // "m": Mẹ files; the office's commune, offered: one Enter takes it.
    s.send("m0912345678<tab><enter>");
    // Filed with its code, then done: the review's End, one key away.
    s.send("<f5><end><down><enter>G22.99-261128-0042<enter><enter>");
    let case = latest(&s);
    assert_eq!(case.status, Status::Filed, "{}", s.screen());
    s.send("<enter><f5><end>");
    let rows = {
        let trolyso::app::Screen::Wizard(w) = &s.app.screen else {
            panic!("{}", s.screen())
        };
        w.review_rows(&s.app.catalogue)
    };
    let done = rows
        .iter()
        .position(|r| *r == trolyso::app::ReviewRow::Finish(Status::Done))
        .expect("a row to finish as done");
    let at = rows
        .iter()
        .position(|r| matches!(r, trolyso::app::ReviewRow::Finish(_)))
        .unwrap();
    for _ in at..done {
        s.send("<down>");
    }
    s.send("<enter>");
    let case = latest(&s);
    assert_eq!(case.status, Status::Done, "{}", s.screen());
    assert_eq!(case.documents.get("giay_chung_sinh"), Some(&true));
    assert_eq!(case.answers["gioi_tinh_tre"], "male");
    assert_eq!(case.answers["co_thong_tin_cha"], "no");
    assert_eq!(case.answers["quan_he"], "me");
    let others = s.named + 2;
    println!(
        "clean birth registration: {} keys, {others} other than letters",
        s.pressed
    );
    assert!(s.pressed <= 170, "{} keys", s.pressed);
    assert!(others <= 25, "{others} keys other than letters");
}

/// Issue 31: parents not married. The birth guide asks before the father's
/// fields, says which procedure to use, and F3 opens it; the case typed so
/// far stays on Home.
#[test]
fn unmarried_parents_are_sent_to_the_combined_registration_by_f3() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(&tmp);
    s.send("<f3>khai sinh<enter><enter>");
    s.send("Nguyeenx Vawn Aan<tab>05/09/2026<tab><right><tab>Beenhj vieenj tinhr<tab><tab>");
    s.send("Traanf Thij Hoa<tab>01/02/1992<tab>038192012345<tab>");
    // The father's details: yes; the parents' marriage: no.
    s.send("<right><tab><right><right><tab>");
    let screen = s.screen();
    assert!(screen.contains("Cha mẹ chưa kết hôn"), "{screen}");
    assert!(screen.contains("F3"), "{screen}");
    assert!(!screen.contains("Họ và tên cha"), "{screen}");
    s.send("<f3>");
    let screen = s.screen();
    assert!(
        matches!(s.app.screen, Screen::Detail(_))
            && screen.contains("Đăng ký khai sinh kết hợp nhận cha, mẹ, con"),
        "{screen}"
    );
    // The birth case keeps what was typed, at its step.
    let birth = latest(&s);
    assert_eq!(birth.procedure_id, "dang-ky-khai-sinh");
    assert_eq!(birth.answers["cha_me_ket_hon"], "no");
    assert_eq!(birth.answers["ho_ten_me"], "Trần Thị Hoa");
    // The child is not typed twice: the new case starts with what both ask.
    assert!(screen.contains("Điền sẵn, không phải gõ lại"), "{screen}");
    assert!(screen.contains("Họ và tên của trẻ"), "{screen}");
    s.send("<enter>");
    let combined = latest(&s);
    assert_eq!(combined.procedure_id, "khai-sinh-nhan-cha-me-con");
    assert_ne!(combined.id, birth.id);
    assert_eq!(combined.answers["ho_ten_tre"], "Nguyễn Văn Ân");
    assert_eq!(combined.answers["ngay_sinh_tre"], "05/09/2026");
    assert_eq!(combined.answers["gioi_tinh_tre"], "male");
    // It opens at the first field still empty: the recognising parent.
    assert!(s.screen().contains("▶ Người nhận con"), "{}", s.screen());
    // Elsewhere F3 is not bound in the case: the key bar never offers it.
    s.send("<esc>");
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
    s.send("<down><enter>");
    assert!(matches!(s.app.screen, Screen::Wizard(_)), "{}", s.screen());
    s.send("<pgup><pgup>");
    assert!(!s.screen().contains("F3"), "{}", s.screen());
}

/// A case that could not be started (the store said no) is started again
/// with Enter, and again with the answers carried from the case that sent
/// the resident here: they were taken out of the screen at the first try.
#[test]
fn a_referred_start_that_failed_keeps_its_carried_answers() {
    use trolyso::app::{Action, Carried, Detail, Effect, update};
    use trolyso::i18n::Message;
    let mut app = crate::screens::app(Lang::Vi, Screen::Home(Default::default()));
    let guide = app
        .catalogue
        .procedures
        .iter()
        .position(|p| p.id == "thu-tuc-chung")
        .unwrap();
    let name = Carried::new(
        &app.catalogue.procedures[guide],
        "ten_thu_tuc",
        "Cấp lại sổ".into(),
    );
    app.screen = Screen::Detail(Detail::referred(&app.catalogue, guide, vec![name.clone()]));
    let started = |effects: Vec<Effect>| match effects.as_slice() {
        [Effect::Case(CaseEffect::CreateCase { carried, .. })] => carried.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        started(update(&mut app, Action::Submit)),
        std::slice::from_ref(&name)
    );
    update(&mut app, Action::Failed(Message::new("store.io")));
    assert_eq!(started(update(&mut app, Action::Submit)), [name]);
}
