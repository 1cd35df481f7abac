//! Issue 30: a visit at 80×24, second round — what the helper sees is what
//! is saved, and nothing is cut.

use crate::common;

use common::*;
use trolyso::app::Screen;
use trolyso::i18n::Lang;

/// Item 1: a letter typed and F6 or F5 at once show the value as typed,
/// not the one saved before it (the save came back while the overlay had
/// the keys and was dropped).
#[test]
fn the_card_and_the_review_show_the_value_as_typed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "dang ky khai sinh");
    s.typing("Nguyeenx Vawn An");
    s.send("<tab><s-tab>");
    s.typing("h");
    s.send("<f6>");
    let screen = s.screen();
    assert!(screen.contains("N g u y ễ n   V ă n   A n h"), "{screen}");
    s.send("<esc>");
    // Telex: a second "a" makes "Anh" into "Ânh".
    s.typing("a");
    s.send("<f5>");
    assert!(
        s.screen().contains("Họ và tên của trẻ: Nguyễn Văn Ânh"),
        "{}",
        s.screen()
    );
    let Screen::Wizard(w) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    assert_eq!(w.case.answers["ho_ten_tre"], "Nguyễn Văn Ânh");
}

fn resize(s: &mut Session, width: u16, height: u16) {
    s.terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    s.redraw();
}

/// Items 2 and 3: the pause dialog opens on the reasons; ↓↓ Tab and a date
/// put the date in the date; a past date is refused in words that stay in
/// view with the slip choice, at 80×24 and at 60×16.
#[test]
fn the_pause_dialog_reads_in_order_and_its_message_is_in_view() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "dang ky khai sinh");
    s.typing("Nguyeenx Vawn An");
    s.send("<f4><down><down><tab>");
    s.typing("20/10/2026");
    let Screen::Wizard(w) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    let trolyso::app::Mode::Pause(form) = &w.mode else {
        panic!("{}", s.screen())
    };
    assert_eq!(form.next_visit.text(), "20/10/2026");
    assert_eq!(form.reason, 2);
    s.send("<enter>");
    for (width, height) in [(80, 24), (60, 16)] {
        resize(&mut s, width, height);
        let screen = s.screen();
        assert!(
            screen.contains("20/10/2026") && screen.contains("đã qua"),
            "{screen}"
        );
        assert!(screen.contains("Ghi phiếu") && screen.contains("▶"), "{screen}");
        insta::assert_snapshot!(format!("pause_past_date_{width}x{height}"), screen);
    }
    // Typed on the reasons, a date goes to the date.
    resize(&mut s, 80, 24);
    s.send("<esc><f4>");
    s.typing("0");
    let Screen::Wizard(w) = &s.app.screen else {
        panic!()
    };
    let trolyso::app::Mode::Pause(form) = &w.mode else {
        panic!()
    };
    assert_eq!(form.next_visit.text(), "0");
}

/// Item 2: "Đánh dấu sẵn sàng nộp" with answers missing says why, in view,
/// with every way to finish, at 80×24 and 60×16.
#[test]
fn a_refused_finish_is_said_in_view() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "dang ky khai sinh");
    s.typing("Nguyeenx Vawn An");
    s.send("<tab><f5><end><enter>");
    for (width, height) in [(80, 24), (60, 16)] {
        resize(&mut s, width, height);
        let screen = s.screen();
        assert!(screen.contains("Chưa được: còn ô thiếu"), "{screen}");
        assert!(screen.contains("→ Đánh dấu hoàn thành"), "{screen}");
        insta::assert_snapshot!(format!("review_refused_{width}x{height}"), screen);
    }
}

/// Item 14: after a wrong passphrase, the right one typed while the wrong
/// one is still being tried is kept, and Enter opens the data.
#[test]
fn a_passphrase_typed_while_the_last_is_tried_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    drop(s);
    let mut s = Session::new(tmp.path(), Lang::Vi);
    s.typing("sai mat khau");
    s.send("<enter>");
    // Typed at once, before the answer about the wrong one arrives.
    s.typing(PASS);
    s.finish_work();
    assert!(s.screen().contains("Sai mật khẩu"), "{}", s.screen());
    s.send("<enter>");
    s.finish_work();
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
}

/// Item 5: the app stopped on the recovery code's screen (kill -9, a pulled
/// plug) shows the same code at the next unlock, the tour after it; the
/// code leaves only when its last group is typed back from the paper.
#[test]
fn the_recovery_code_is_shown_again_until_typed_back() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    s.send(&format!("{PASS}<enter>{PASS}<enter>Chi Hoa<enter>"));
    pick_quang_chieu(&mut s);
    s.send("<enter>");
    let Screen::Recovery(r) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    let code = r.code.clone();
    // Enter alone no longer leaves it.
    s.send("<enter>");
    assert!(matches!(s.app.screen, Screen::Recovery(_)), "{}", s.screen());
    assert!(s.screen().contains("Chưa khớp"), "{}", s.screen());
    drop(s);

    let mut s = Session::new(tmp.path(), Lang::Vi);
    s.send(&format!("{PASS}<enter>"));
    s.finish_work();
    let Screen::Recovery(r) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    assert_eq!(r.code, code);
    assert!(s.screen().contains(&code), "{}", s.screen());
    // Typed back in small letters with a space: as on paper, it matches.
    let last = code.rsplit('-').next().unwrap().to_lowercase();
    s.typing(&format!(" {last}"));
    s.send("<enter>");
    assert!(matches!(s.app.screen, Screen::Tour(_)), "{}", s.screen());
    s.send("<esc>");
    drop(s);

    let mut s = Session::new(tmp.path(), Lang::Vi);
    s.send(&format!("{PASS}<enter>"));
    s.finish_work();
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
}

/// Item 9: a search that matches nothing is not a dead end: Enter starts the
/// general guide with the procedure's name as typed.
#[test]
fn a_procedure_not_in_the_list_runs_the_general_guide_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    s.send("<f3>");
    s.typing("xin phep xay dung nha");
    assert!(s.screen().contains("hướng dẫn chung"), "{}", s.screen());
    s.send("<enter>");
    assert!(matches!(s.app.screen, Screen::Detail(_)), "{}", s.screen());
    assert!(s.screen().contains("Tên thủ tục"), "{}", s.screen());
    s.send("<enter>");
    let Screen::Wizard(w) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    assert_eq!(w.case.procedure_id, "thu-tuc-chung");
    assert_eq!(w.case.answers["ten_thu_tuc"], "xin phep xay dung nha");
}

/// Item 8: in the picker Shift+Tab goes back a field of work (F4 changes
/// the level); levels read as levels; "level 1" finds the level-1 guide;
/// titles are not cut at 60×16; at 200 columns every column is named.
#[test]
fn the_picker_browses_back_and_reads_at_every_size() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::En);
    set_up(&mut s);
    s.send("<f3><tab><tab><s-tab>");
    assert!(s.screen().contains("Field: Health insurance"), "{}", s.screen());
    s.send("<f4>");
    assert!(s.screen().contains("Level: full process"), "{}", s.screen());
    s.send("<f4><f4><f4><f4><esc><f3>");
    s.typing("level 1");
    assert!(
        s.screen().contains("Create a VNeID level-1 account"),
        "{}",
        s.screen()
    );
    assert!(!s.screen().contains("check again  "), "{}", s.screen());
    s.send("<esc><f3>");
    s.typing("vneid");
    resize(&mut s, 60, 16);
    assert!(
        s.screen().contains("Activating a VNeID account after a le"),
        "{}",
        s.screen()
    );
    resize(&mut s, 200, 60);
    let screen = s.screen();
    let header = screen
        .lines()
        .find(|l| l.contains("Level") && l.contains("Fee"))
        .unwrap();
    assert!(header.contains("Time"), "{screen}");
}

/// Item 7: the step's bar shows Tab and PgDn; Home's shows the report,
/// bundles and settings at 80 columns.
#[test]
fn the_key_bars_show_the_keys_a_visit_needs() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    let bar = |s: &Session| s.screen().lines().last().unwrap().to_owned();
    let home = bar(&s);
    for key in ["F3 ", "F7 ", "F8 ", "F9 "] {
        assert!(home.contains(key), "{home}");
    }
    start(&mut s, "dang ky khai sinh");
    let step = bar(&s);
    for key in ["Tab ", "PgDn ", "F5 ", "F4 "] {
        assert!(step.contains(key), "{step}");
    }
}

/// Item 11: on the training list of `trolyso train`, Esc hands the PC to
/// the next trainee: the last one's name goes, the name field has the keys.
#[test]
fn esc_on_the_training_list_is_for_the_next_trainee() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::training(tmp.path(), Lang::Vi);
    assert!(s.screen().contains("Học Viên Thử"), "{}", s.screen());
    s.send("<esc>");
    let Screen::Lessons(l) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    assert!(l.naming && l.name.text().is_empty(), "{}", s.screen());
    s.typing("Nguyeenx Vawn Binhf");
    s.send("<enter>");
    assert_eq!(s.app.settings.helper, "Nguyễn Văn Bình");
}

/// Item 13, the mechanical part of the wording rules: no double space
/// inside a sentence, no word said twice in a row, no source repeating the
/// words its own mark becomes ("theo nguồn tham khảo (theo nguồn tham
/// khảo)"), and helpers are never told to type a command.
#[test]
fn visible_strings_read_cleanly() {
    use trolyso::assets::AssetSource;
    let mut texts: Vec<(String, String)> = Vec::new();
    for f in ["assets/i18n/vi.toml", "assets/i18n/en.toml"] {
        let text = std::fs::read_to_string(f).unwrap();
        texts.extend(text.lines().filter_map(|l| {
            l.split_once(" = \"")
                .map(|(k, v)| (format!("{f} {k}"), v.to_owned()))
        }));
    }
    let files = AssetSource::Embedded.procedure_files().unwrap();
    let training = AssetSource::Embedded.training_files().unwrap();
    for f in files.iter().chain(&training) {
        for (i, line) in f.text.lines().enumerate() {
            for part in line.split('"').skip(1).step_by(2) {
                texts.push((format!("{}:{}", f.name, i + 1), part.to_owned()));
            }
        }
    }
    let mut wrong = Vec::new();
    for (at, text) in &texts {
        let inner = text.trim_start();
        // Between two words; padding that lines columns up is not a slip.
        let chars: Vec<char> = inner.chars().collect();
        let slip = chars
            .windows(4)
            .any(|w| w[0].is_alphabetic() && w[1] == ' ' && w[2] == ' ' && w[3].is_alphabetic());
        if slip {
            wrong.push(format!("{at}: double space in {text:?}"));
        }
        // Words side by side with nothing between them ("và tháng (tháng 2"
        // is two phrases).
        let words: Vec<&str> = inner.split_whitespace().collect();
        for pair in words.windows(2) {
            let plain = |w: &str| w.chars().all(char::is_alphabetic);
            if plain(pair[0]) && plain(pair[1]) && pair[0].to_lowercase() == pair[1].to_lowercase() {
                wrong.push(format!("{at}: \"{}\" twice in {text:?}", pair[0]));
            }
        }
        if text.contains("theo nguồn tham khảo [3P]") {
            wrong.push(format!("{at}: {text}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // What a helper reads in the app names keys, not commands.
    for key in [
        "store.wrong_passphrase_wait",
        "store.too_soon",
        "train.help.score",
        "report.screen.help",
        "store.training_folder",
    ] {
        for lang in [Lang::Vi, Lang::En] {
            let words = trolyso::i18n::Message::new(key).render(lang);
            assert!(!words.contains("trolyso "), "{key}: {words}");
        }
    }
}

/// Item 14: "step n of total" counts the steps shown and those that may
/// still be; through a whole birth registration the total never goes up
/// and the step never goes back.
#[test]
fn the_step_counter_moves_one_way() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "dang ky khai sinh");
    let count = |s: &Session| {
        let Screen::Wizard(w) = &s.app.screen else {
            panic!("{}", s.screen())
        };
        w.step_count(&s.app.catalogue)
    };
    let mut seen = vec![count(&s)];
    for keys in [
        "Nguyeenx Vawn Aan<tab>05/09/2026<tab><right><tab>Beenhj vieenj<tab><tab>",
        "Traanf Thij Hoa<tab>01/02/1992<tab>038192012345<tab>",
        "<right><tab><right><tab>",
        "Nguyeenx Vawn Binhf<tab>01/01/1990<tab>038090012345<tab>",
        "<right><tab>0912345678<tab><enter>",
    ] {
        s.send(keys);
        seen.push(count(&s));
    }
    for pair in seen.windows(2) {
        let ((n0, t0), (n1, t1)) = (pair[0], pair[1]);
        assert!(t1 <= t0 && n1 >= n0, "{seen:?}");
    }
    assert_eq!(seen.last().unwrap().1, seen.last().unwrap().0, "{seen:?}");
}

/// A letter picks the option it begins and moves on once only one does:
/// "k" is Không; "n" could be Nam or Nữ, "nu" is Nữ; in English "y"/"n".
#[test]
fn a_choice_takes_its_first_letters() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "dang ky khai sinh");
    s.send("<tab><tab>n");
    let answer = |s: &Session, f: &str| {
        let Screen::Wizard(w) = &s.app.screen else {
            panic!("{}", s.screen())
        };
        (
            w.case.answers.get(f).cloned(),
            w.focused(&s.app.catalogue).map(|f| f.id.clone()),
        )
    };
    assert_eq!(
        answer(&s, "gioi_tinh_tre"),
        (Some("male".into()), Some("gioi_tinh_tre".into()))
    );
    s.send("u");
    assert_eq!(
        answer(&s, "gioi_tinh_tre"),
        (Some("female".into()), Some("noi_sinh".into()))
    );
    s.send("<tab>k");
    assert_eq!(answer(&s, "can_lien_thong").0.as_deref(), Some("no"));
    // A letter no option begins does nothing.
    // "k" left the child's step; on from the mother's to the father's.
    s.send("<pgdn>x");
    assert_eq!(answer(&s, "co_thong_tin_cha").0, None);
    s.send("c");
    // "Có": the marriage question is shown and has the focus.
    assert_eq!(
        answer(&s, "co_thong_tin_cha"),
        (Some("yes".into()), Some("cha_me_ket_hon".into()))
    );
}

/// Item 6: what the "before starting" checklist saw is not asked again:
/// ticking the chip card and the SIM answers them in step 1, and the case
/// opens at the question still open (NFC).
#[test]
fn the_checklist_answers_what_it_saw() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    s.send("<f3>");
    s.typing("tao tai khoan vneid muc 1");
    s.send("<enter> <down><down> <enter>");
    let Screen::Wizard(w) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    assert_eq!(
        w.case.answers.get("co_the_can_cuoc").map(String::as_str),
        Some("yes")
    );
    assert_eq!(
        w.case.answers.get("sim_chinh_chu").map(String::as_str),
        Some("yes")
    );
    assert_eq!(w.focused(&s.app.catalogue).unwrap().id, "dien_thoai_nfc");
    assert!(s.screen().contains("(•) Có   ( ) Không"), "{}", s.screen());
}

/// Issue 29: the search line composes as fields do ("F2: Telex" on the
/// header): "Traanf" finds Trần Thị Hoa.
#[test]
fn the_search_line_types_telex() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "dang ky khai sinh");
    s.send("<pgdn>Traanf Thij Hoa<tab><esc>");
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
    s.typing("Traanf");
    let Screen::Home(h) = &s.app.screen else { panic!() };
    assert_eq!(h.query.text(), "Trần");
    assert!(s.screen().contains("Trần Thị Hoa"), "{}", s.screen());
}

/// Issue 29: the hồ sơ code typed in the step is the one "Ghi đã nộp"
/// offers: Enter records it, nothing typed twice.
#[test]
fn the_code_typed_in_the_step_is_filed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "dang ky khai sinh");
    // Straight to the filing step's code field.
    let p = s.app.catalogue.get("dang-ky-khai-sinh").unwrap().clone();
    let nop = p.steps.iter().position(|x| x.id == "nop").unwrap();
    let at = p.steps[nop]
        .fields
        .iter()
        .position(|f| f.id == "ma_ho_so")
        .unwrap();
    if let Screen::Wizard(w) = &mut s.app.screen {
        w.go_to(&s.app.catalogue, nop, at);
    }
    s.typing("G22.99-261203-0042");
    choose_finish(&mut s, trolyso::store::Status::Filed);
    s.send("<enter>");
    assert!(s.screen().contains("› G22.99-261203-0042"), "{}", s.screen());
    s.send("<enter>");
    // Then how the portal took it, asked rather than assumed: the second
    // choice is "một phần".
    assert!(
        s.screen().contains("Cổng ghi nộp toàn trình hay một phần?"),
        "{}",
        s.screen()
    );
    assert_eq!(
        s.store().recent(1, None).unwrap().items[0].case.status,
        trolyso::store::Status::Preparing
    );
    s.send("<up><up><down><enter>");
    let case = s.store().recent(1, None).unwrap().items.remove(0).case;
    assert_eq!(case.status, trolyso::store::Status::Filed, "{}", s.screen());
    assert_eq!(case.hoso_code.as_deref(), Some("G22.99-261203-0042"));
    assert_eq!(case.filed_level, Some(trolyso::domain::procedure::Level::Partial));
}

/// Issue 29: a mistaken case is cancelled from the review, with a reason
/// from the list and words of its own; it leaves the visit like a pause.
#[test]
fn a_mistaken_case_is_cancelled_with_its_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "dang ky khai sinh");
    s.typing("Nguyeenx Vawn An");
    s.send("<tab>");
    choose_finish(&mut s, trolyso::store::Status::Cancelled);
    assert!(s.screen().contains("→ Hủy hồ sơ"), "{}", s.screen());
    // Nothing filled in does not stop a cancel.
    s.send("<enter>");
    assert!(
        s.screen().contains("Hủy hồ sơ — Enter để hủy") && s.screen().contains("Vì sao hủy"),
        "{}",
        s.screen()
    );
    assert!(!s.screen().contains("Ngày hẹn quay lại"), "{}", s.screen());
    s.send("<end>");
    for _ in 0..10 {
        s.send("<down>");
    }
    s.typing("Taoj nhaamf thur tucj");
    s.send("<enter>");
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
    let case = s.store().recent(1, None).unwrap().items.remove(0).case;
    assert_eq!(case.status, trolyso::store::Status::Cancelled);
    assert_eq!(case.reason, Some(trolyso::store::Reason::Other));
    assert_eq!(case.pause_note.as_deref(), Some("Tạo nhầm thủ tục"));
    assert_eq!(case.next_visit, None);
}

/// Issue 29: a filed case's result is recorded from Home in one dialog
/// (F5, choose, Enter), without reopening the case; a case not filed says
/// what F5 is for.
#[test]
fn a_result_is_recorded_from_home() {
    use trolyso::store::{Status, StatusChange};
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    let store = s.store();
    let filed = store
        .create_case("dang-ky-khai-sinh", 2, None, "Chị Hoa")
        .unwrap();
    let change = StatusChange {
        hoso_code: Some("G22.99-261203-0001".into()),
        ..StatusChange::default()
    };
    store
        .set_status(&filed.id, Status::Filed, &change, "Chị Hoa")
        .unwrap();
    let open = store.create_case("vneid-muc-1", 1, None, "Chị Hoa").unwrap();
    s.send("<esc>");
    let row_of = |s: &Session, id| {
        let Screen::Home(h) = &s.app.screen else {
            panic!("{}", s.screen())
        };
        h.rows.iter().position(|r| r.case.id == id).unwrap()
    };
    // The case not filed first: F5 says what it is for.
    let at = row_of(&s, open.id);
    s.send(&"<down>".repeat(at));
    s.send("<f5>");
    assert!(s.screen().contains("chưa nộp"), "{}", s.screen());
    s.send("<home>");
    let at = row_of(&s, filed.id);
    s.send("<up><up>");
    s.send(&"<down>".repeat(at));
    s.send("<f5>");
    assert!(s.screen().contains("Ghi kết quả hồ sơ đã nộp"), "{}", s.screen());
    s.send("<enter>");
    assert!(s.screen().contains("Đã ghi kết quả"), "{}", s.screen());
    let case = s.store().case(&filed.id).unwrap().unwrap();
    assert_eq!(case.status, Status::Done);
    assert!(matches!(s.app.screen, Screen::Home(_)));
}
