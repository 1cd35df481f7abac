//! Whole flows driven by key presses, in process: the screen at its smallest
//! and widest, the language kept, help, plain ASCII, clicks, a late birth,
//! the report screen and the national list.

use crate::common;

use common::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use trolyso::app::Screen;
use trolyso::i18n::Lang;

/// Issue 13, items 3 and 4: at the smallest size the app works at (60×16)
/// the focused field stays in view as the helper moves down a step, and
/// long choices are wrapped under their mark, not cut.
#[test]
fn the_focused_field_stays_in_view_at_60_by_16() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    s.terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 16)).unwrap();
    start(&mut s, "khai sinh");
    s.send("<pgdn><pgdn><pgdn>");
    s.send("<right><right><right>");
    // Wrapped: the end of the long choice can be read.
    assert!(s.screen().contains("trên Cổng)"), "{}", s.screen());
    s.send("<tab>");
    s.typing("Lee Vawn Baa");
    s.send("<tab>038090012345<tab>");
    s.typing("ông nội");
    s.send("<tab>091");
    assert!(s.screen().contains("› 091"), "{}", s.screen());
}

/// Issue 13, item 10: an office that chose English gets English from the
/// first screen of the next start (the settings themselves are encrypted
/// and read only after the unlock).
#[test]
fn the_chosen_language_is_kept_for_the_unlock_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    assert_eq!(trolyso::shell::remembered_lang(tmp.path()), None);
    // Settings: the language row is first; → changes it, saved at once.
    s.send("<f9><right>");
    assert_eq!(s.app.lang, Lang::En, "{}", s.screen());
    assert_eq!(trolyso::shell::remembered_lang(tmp.path()), Some(Lang::En));
}

/// Issue 13, item 21: F1 in the pause and filing dialogs tells how that
/// dialog works, not the wizard's text again.
#[test]
fn help_in_a_dialog_is_about_the_dialog() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "khai sinh");
    s.send("<f1>");
    assert!(s.screen().contains("Telex: aa â"), "{}", s.screen());
    s.send("<f1><f4><f1>");
    assert!(s.screen().contains("Chọn lý do tạm dừng"), "{}", s.screen());
    s.send("<f1><esc><f6><f1>");
    assert!(s.screen().contains("Mở Cổng ở cửa sổ bên cạnh"), "{}", s.screen());
}

/// Issue 13, item 8: `--ascii` leaves no symbol an old console cannot draw,
/// on the screens of a visit, and nothing moves.
#[test]
fn ascii_draws_no_symbols() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    s.looks.ascii = true;
    set_up(&mut s);
    start(&mut s, "khai sinh");
    for keys in ["", "<f5>", "<esc><f4>", "<esc><f7>", "<esc><f6>", "<esc><esc>"] {
        s.send(keys);
        let screen = s.screen();
        for symbol in [
            "▶", "›", "→", "◀", "←", "⌫", "↑", "↓", "✓", "•", "…", "─", "│", "┌",
        ] {
            assert!(!screen.contains(symbol), "{symbol} after {keys:?}:\n{screen}");
        }
    }
    // The arrows are still named, in plain characters (Home's key bar is
    // full: the help lists them).
    s.send("<f1>");
    assert!(
        s.screen().contains("^          lên") && s.screen().contains("v          xuống"),
        "{}",
        s.screen()
    );
}

/// Issue 13, item 20: at 200 columns the case list shows the procedure's
/// whole title; the side pane tells the mother's card from the father's.
#[test]
fn wide_screens_show_whole_titles_and_documents_stay_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "khai sinh");
    s.typing("Nguyeenx Vawn Aan");
    s.send("<tab><pgdn><pgdn>");
    s.send("<right>");
    let screen = s.screen();
    assert!(
        screen.contains("của mẹ") && screen.contains("của cha"),
        "{screen}"
    );
    s.send("<esc>");
    s.terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 60)).unwrap();
    s.event(Event::Resize(200, 60));
    assert!(s.screen().contains("Đăng ký khai sinh"), "{}", s.screen());
}

/// Issue 13, item 22: with the mouse on in Settings, a click chooses a row
/// (a second click opens it) and a click on a field moves the focus there;
/// with it off (the default), clicks do nothing.
#[test]
fn clicks_choose_rows_and_fields_when_the_mouse_is_on() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    for name in ["Nguyeenx Vawn Aan", "Traanf Vawn Binhf"] {
        start(&mut s, "khai sinh");
        s.typing(name);
        s.send("<tab><esc>");
    }
    let click = |s: &mut Session, action: trolyso::app::Action| {
        let hit = s
            .runtime
            .hits
            .iter()
            .find(|h| h.action == action)
            .unwrap_or_else(|| panic!("nothing to click for {action:?}:\n{}", s.screen()))
            .area;
        s.event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: hit.x + 1,
            row: hit.y,
            modifiers: KeyModifiers::NONE,
        }));
    };
    // Off by default: nothing happens.
    click(&mut s, trolyso::app::Action::Pick(1));
    let Screen::Home(h) = &s.app.screen else { panic!() };
    assert_eq!(h.selected, 0);
    s.app.settings.mouse = true;
    click(&mut s, trolyso::app::Action::Pick(1));
    let Screen::Home(h) = &s.app.screen else { panic!() };
    assert_eq!(h.selected, 1);
    click(&mut s, trolyso::app::Action::Pick(1));
    let Screen::Wizard(_) = &s.app.screen else {
        panic!("{}", s.screen())
    };
    click(&mut s, trolyso::app::Action::FocusField(2));
    let Screen::Wizard(w) = &s.app.screen else {
        panic!()
    };
    assert_eq!(w.field, 2, "{}", s.screen());
    // A click on an option chooses it (and focuses its field).
    click(&mut s, trolyso::app::Action::ChooseOption { field: 2, option: 1 });
    let Screen::Wizard(w) = &s.app.screen else {
        panic!()
    };
    assert_eq!(
        w.case.answers.get("gioi_tinh_tre").map(String::as_str),
        Some("female")
    );
    // The wheel moves like ↓ in a list: F5's review.
    s.send("<f5>");
    s.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 30,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    let Screen::Wizard(w) = &s.app.screen else {
        panic!()
    };
    let trolyso::app::Mode::Review(r) = &w.mode else {
        panic!()
    };
    assert_eq!(r.selected, 1);
}

/// A value kept with a caveat says so beside it: a birth more than 60 days
/// back is registered late and pays a fee (issue 14). Warnings were worked
/// out by the checks but never shown; they come back after a restart too.
#[test]
fn a_late_birth_is_kept_with_its_warning_shown() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "dang ky khai sinh");
    s.typing("Nguyeenx Vawn An");
    s.key(KeyCode::Tab);
    s.typing("01/08/2026");
    s.key(KeyCode::Tab);
    assert!(s.screen().contains("Quá 60 ngày"), "{}", s.screen());
    assert!(!s.screen().contains("Chưa được"), "{}", s.screen());
    // An on-time date takes the warning away.
    s.key(KeyCode::BackTab);
    s.send("<c-u>");
    s.typing("01/11/2026");
    s.key(KeyCode::Tab);
    assert!(!s.screen().contains("Quá 60 ngày"), "{}", s.screen());
    // Late again, then leave and reopen the case: the warning is back.
    s.key(KeyCode::BackTab);
    s.send("<c-u>");
    s.typing("01/08/2026");
    s.key(KeyCode::Tab);
    s.key(KeyCode::Esc);
    s.key(KeyCode::Enter);
    assert!(matches!(s.app.screen, Screen::Wizard(_)), "{}", s.screen());
    assert!(s.screen().contains("Quá 60 ngày"), "{}", s.screen());
}

/// Issue 17: F7 on Home opens this month's report, counted from what the
/// office did; PgUp / PgDn change the month (never past this one); F8 keeps
/// the CSV and the printable page in `reports/`; Esc goes back Home.
#[test]
fn the_report_screen_counts_the_month_and_keeps_its_files() {
    use trolyso::report::Metric;
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    start(&mut s, "khai sinh");
    s.send("<esc>");
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
    let shown = |s: &Session| match &s.app.screen {
        Screen::Report(v) => (
            v.period.key(),
            v.report.as_ref().and_then(|r| r.value(Metric::Started, "")),
        ),
        _ => panic!("not the report:\n{}", s.screen()),
    };
    // The case was started now, by the real clock: the report's month is
    // the real one too.
    let today = trolyso::domain::Date::today();
    s.app.today = today;
    let month = trolyso::report::Period::month_of(today);
    let before = month.step_month(-1);
    s.send("<f7>");
    assert_eq!(shown(&s), (month.key(), Some(1)));
    assert!(
        s.screen().contains(&format!("Tháng {}", month.label())),
        "{}",
        s.screen()
    );
    assert!(s.screen().contains("Đã nộp theo thủ tục"), "{}", s.screen());
    s.send("<pgdn>");
    assert_eq!(shown(&s).0, month.key(), "no month after this one");
    s.send("<pgup>");
    assert_eq!(shown(&s), (before.key(), Some(0)));
    s.send("<right><f8>");
    assert_eq!(shown(&s).0, month.key());
    let stem = tmp.path().join(format!("reports/bao-cao-{}", month.key()));
    let page = stem.with_extension("html");
    assert!(page.exists() && stem.with_extension("csv").exists());
    assert!(s.screen().contains("Đã lưu báo cáo"), "{}", s.screen());
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("data-metric=\"started\" data-breakdown=\"\">1<"));
    s.send("<esc>");
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
}

/// Issue 27: the report is counted beside the screen: "Đang đếm…" while
/// keys are answered; months asked for meanwhile are counted in turn, and
/// the one shown is the one asked for last; Esc leaves while it counts.
#[test]
fn the_report_is_counted_beside_the_screen() {
    use trolyso::report::Metric;
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    let mut g = trolyso::dev::seed::Generator::new(7);
    trolyso::dev::seed::fill(s.store(), &mut g, 300, trolyso::store::now_ms()).unwrap();
    s.runtime.background = true;
    let today = trolyso::domain::Date::today();
    s.app.today = today;
    let month = trolyso::report::Period::month_of(today);

    s.send("<f7>");
    assert!(s.runtime.working(), "the count runs beside the screen");
    assert!(s.screen().contains("Đang đếm"), "{}", s.screen());
    s.send("<f1>");
    assert!(s.app.help, "a key is answered while the report is counted");
    s.send("<f1><pgup><pgdn>");
    s.finish_work();
    let Screen::Report(v) = &s.app.screen else {
        panic!("not the report:\n{}", s.screen())
    };
    assert_eq!(v.period.key(), month.key());
    // The same numbers as counted in place.
    let here = trolyso::report::build(s.store(), month, trolyso::store::now_ms()).unwrap();
    let shown = v.report.as_deref().unwrap();
    assert_eq!((&shown.rows, &shown.dataset), (&here.rows, &here.dataset));
    let waiting = here.value(Metric::WaitingNow, "");
    assert!(
        waiting.is_some_and(|n| n > 0),
        "seeded cases waiting: {waiting:?}"
    );
    assert!(!s.screen().contains("Đang đếm"), "{}", s.screen());

    // Leaving while it counts: Home, and nothing said when it ends.
    s.send("<pgup><esc>");
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
    s.finish_work();
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
    assert!(s.app.notice.is_none(), "{:?}", s.app.notice);
}

/// Issue 19: the national list is read beside the first screen (not before
/// it) and is in the catalogue before the office's data opens, an imported
/// entry included.
#[test]
fn the_national_list_arrives_before_the_office_opens() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    s.app.catalogue.entries.clear();
    let imported =
        "ma,ten,muc_do,cap,linh_vuc\n9.999999,Thủ tục thử nghiệm của tỉnh,toan_trinh,tinh,Hộ tịch\n";
    let (entries, _) = trolyso::cli::read_beside_first_screen(
        trolyso::assets::AssetSource::Embedded,
        s.app.catalogue.clone(),
        Some(imported.to_owned()),
    );
    s.runtime.entries = Some(entries);
    set_up(&mut s);
    assert!(s.app.catalogue.entries.iter().any(|e| e.code == "9.999999"));
    assert!(s.runtime.entries.is_none(), "taken once");
}
