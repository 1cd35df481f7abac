//! Nothing fails unseen: on every screen, an effect that fails reaches the
//! helper as words on the screen — in the screen's own place for it, or on
//! the notice line. The data is closed under the session (as after a lock
//! the screen did not see) so every store effect really fails.

use crate::common;

use common::*;
use trolyso::app::{Action, Screen};
use trolyso::i18n::{Lang, Message};

/// A session set up, on Home, in `lang`.
fn at_home(dir: &std::path::Path, lang: Lang) -> Session {
    let mut s = Session::new(dir, lang);
    set_up(&mut s);
    s
}

/// The data closes behind the screen's back: every store effect fails.
fn close_store(s: &mut Session) {
    s.runtime.store = None;
}

#[test]
fn setup_shows_a_folder_that_cannot_be_written() {
    let tmp = tempfile::tempdir().unwrap();
    // The data folder's place is taken by a file.
    let blocked = tmp.path().join("du-lieu");
    std::fs::write(&blocked, "not a folder").unwrap();
    let mut s = Session::new(&blocked, Lang::Vi);
    s.send(&format!("{PASS}<enter>{PASS}<enter>Chi Hoa<enter>"));
    pick_quang_chieu(&mut s);
    s.send("<enter>");
    assert!(matches!(s.app.screen, Screen::Setup(_)), "{}", s.screen());
    let Screen::Setup(setup) = &s.app.screen else {
        unreachable!()
    };
    let error = setup.error.as_ref().expect("the failure is kept");
    assert!(
        s.screen().contains(&error.render(Lang::Vi)[..20]),
        "{}",
        s.screen()
    );
}

#[test]
fn unlock_shows_a_wrong_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    drop(at_home(tmp.path(), Lang::Vi));
    let mut s = Session::new(tmp.path(), Lang::Vi);
    s.send("sai mat khau<enter>");
    let said = Message::new("store.wrong_passphrase")
        .arg("tries", 1)
        .render(Lang::Vi);
    // The start of it: the rest wraps onto the next line.
    let start: String = said.chars().take(40).collect();
    assert!(s.screen().contains(&start), "{}", s.screen());
}

#[test]
fn recovery_code_screen_shows_a_late_failure_on_the_notice_line() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::En);
    s.send(&format!("{PASS}<enter>{PASS}<enter>Chi Hoa<enter>"));
    pick_quang_chieu(&mut s);
    s.send("<enter>");
    assert!(matches!(s.app.screen, Screen::Recovery(_)));
    // A save that failed after its screen was left arrives here.
    s.runtime
        .dispatch(&mut s.app, Action::Failed(Message::new("ui.no_store")));
    s.event(ratatui::crossterm::event::Event::Resize(80, 24));
    assert!(s.shows("ui.no_store"), "{}", s.screen());
    // The code is still there to copy.
    assert!(matches!(s.app.screen, Screen::Recovery(_)));
}

#[test]
fn home_shows_a_failed_search_and_a_failed_open() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = at_home(tmp.path(), Lang::Vi);
    start(&mut s, "khai sinh");
    s.send("Nguyeenx Vawn Aan<esc>");
    assert!(matches!(s.app.screen, Screen::Home(_)));
    close_store(&mut s);
    s.send("<enter>");
    assert!(matches!(s.app.screen, Screen::Home(_)));
    assert!(s.shows("ui.no_store"), "{}", s.screen());
    s.send("nguyen");
    assert!(s.shows("ui.no_store"), "{}", s.screen());
}

#[test]
fn picker_shows_a_late_failure_on_the_notice_line() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = at_home(tmp.path(), Lang::En);
    s.send("<f3>");
    assert!(matches!(s.app.screen, Screen::Picker(_)));
    s.runtime
        .dispatch(&mut s.app, Action::Failed(Message::new("ui.no_store")));
    s.send("birth");
    assert!(s.shows("ui.no_store"), "{}", s.screen());
}

#[test]
fn detail_shows_a_case_that_could_not_be_started() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = at_home(tmp.path(), Lang::Vi);
    s.send("<f3>khai sinh<enter>");
    assert!(matches!(s.app.screen, Screen::Detail(_)));
    close_store(&mut s);
    s.send("<enter>");
    assert!(matches!(s.app.screen, Screen::Detail(_)));
    assert!(s.shows("ui.no_store"), "{}", s.screen());
}

#[test]
fn settings_show_a_setting_that_could_not_be_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = at_home(tmp.path(), Lang::Vi);
    s.send("<f9>");
    close_store(&mut s);
    s.send("<down><right>");
    assert!(s.shows("ui.no_store"), "{}", s.screen());
}

#[test]
fn the_case_shows_an_answer_that_could_not_be_saved_in_every_part() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = at_home(tmp.path(), Lang::En);
    start(&mut s, "birth");
    s.send("Nguyen Van An<tab>");
    close_store(&mut s);
    // The fields: a date typed, then Tab saves it.
    s.send("05/09/2026<tab>");
    assert!(s.shows("ui.no_store"), "{}", s.screen());
    // Pausing.
    s.send("<f4><enter>");
    assert!(s.shows("ui.no_store"), "{}", s.screen());
    s.send("<esc>");
    // A document ticked.
    s.send("<f7> ");
    assert!(s.shows("ui.no_store"), "{}", s.screen());
    s.send("<esc>");
    // Recorded as filed from the review.
    let row = choose_finish(&mut s, trolyso::store::Status::Filed);
    assert!(row > 0);
    s.send("<enter>HS-1<enter><enter>");
    assert!(s.shows("ui.no_store"), "{}", s.screen());
    // Copying in the filing view (Esc: from the level back to the code,
    // from the code to the review, from the review to the fields).
    s.send("<esc><esc><esc><f6>");
    s.runtime.clipboard = Box::new(|_| Err(std::io::Error::other("no terminal")));
    s.send("<enter>");
    let said = Message::new("ui.filing.copy_failed")
        .word("detail", "io.other")
        .render(Lang::En);
    assert!(s.screen().contains(&said[..30]), "{}", s.screen());
}

#[test]
fn quitting_saves_what_is_being_typed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = at_home(tmp.path(), Lang::Vi);
    start(&mut s, "khai sinh");
    s.send("Nguyeenx Vawn Aan<c-q>");
    assert!(s.app.quit);
    let case = s.store().recent(1, None).unwrap().items.remove(0).case;
    assert_eq!(case.answers["ho_ten_tre"], "Nguyễn Văn Ân");
}

/// The restore offer: a backup that turns out damaged is said on the screen,
/// naming the file and what to do, and nothing is restored.
#[test]
fn the_restore_offer_shows_a_damaged_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let backups = tmp.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let bad = backups.join("trolyso-2026-11-28.bak");
    std::fs::write(&bad, b"TROLYSO-BACKUP\n\0\0\0\x02 cut short").unwrap();
    let mut s = Session::new(tmp.path(), Lang::En);
    s.app.offer_restore(trolyso::shell::backups_found(tmp.path()));
    s.send("<enter>");
    assert!(matches!(s.app.screen, Screen::Restore(_)), "{}", s.screen());
    let screen = s.screen();
    assert!(
        screen.contains("trolyso-2026-11-28.bak cannot be") && screen.contains("not a trolyso backup file"),
        "{screen}"
    );
    assert!(!trolyso::store::is_set_up(tmp.path()));
}

#[test]
fn the_bundles_screen_shows_what_could_not_be_done() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = at_home(&tmp.path().join("office"), Lang::Vi);
    s.send("<esc><f8>");
    assert!(matches!(s.app.screen, Screen::Exchange(_)), "{}", s.screen());
    // Not joined to an office: F8 says how to join.
    s.send("<f8>");
    assert!(
        s.screen().contains("chưa nối với văn phòng nào"),
        "{}",
        s.screen()
    );
    // A bundle that is not one, read from the folder.
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    std::fs::write(usb.join("hong.trolyso"), "not a bundle").unwrap();
    let Screen::Exchange(x) = &s.app.screen else {
        panic!()
    };
    let typed = x.folder.text().chars().count();
    s.send(&"<bs>".repeat(typed));
    s.send(&usb.display().to_string());
    s.send("<enter>");
    assert!(
        s.screen().contains("không phải gói dữ liệu trolyso"),
        "{}",
        s.screen()
    );
    // The data closes behind the screen: said, not lost.
    close_store(&mut s);
    s.send("<f4>");
    assert!(s.shows("ui.no_store"), "{}", s.screen());
}

#[test]
fn the_conflict_cards_show_what_could_not_be_read() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = at_home(tmp.path(), Lang::Vi);
    s.send("<esc><f10>");
    assert!(matches!(s.app.screen, Screen::Conflicts(_)), "{}", s.screen());
    assert!(s.shows("conflict.none"), "{}", s.screen());
    s.send("<esc>");
    close_store(&mut s);
    s.send("<f10>");
    assert!(matches!(s.app.screen, Screen::Conflicts(_)), "{}", s.screen());
    assert!(s.shows("ui.no_store"), "{}", s.screen());
}

/// Issue 32, item 10: a case list that cannot be read is not shown as an
/// office with no cases ("Chưa có hồ sơ nào"): its place says it was not
/// read, the notice line says why; a list read again clears it.
#[test]
fn an_unreadable_case_list_is_not_an_empty_office() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = at_home(tmp.path(), Lang::Vi);
    let store = s.runtime.store.clone();
    close_store(&mut s);
    s.send("<esc>");
    let screen = s.screen();
    assert!(screen.contains("Chưa đọc được danh sách hồ sơ"), "{screen}");
    assert!(!screen.contains("Chưa có hồ sơ nào"), "{screen}");
    assert!(screen.contains(&s.words("ui.no_store")), "{screen}");
    s.runtime.store = store;
    s.send("<esc>");
    assert!(s.screen().contains("Chưa có hồ sơ nào"), "{}", s.screen());
}

/// Issue 27: today's automatic backup is a job beside the helper's work;
/// one that fails is said on the notice line, one that works says nothing
/// and leaves today's file in `backups/`.
#[test]
fn the_daily_backup_runs_beside_the_helper_and_says_a_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    set_up(&mut s);
    drop(s);
    let backups = tmp.path().join("backups");
    let _ = std::fs::remove_dir_all(&backups);
    std::fs::write(&backups, "not a folder").unwrap();

    let unlock = |s: &mut Session| {
        s.typing(PASS);
        s.send("<enter>");
        assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
        s.finish_work();
        assert!(!s.runtime.working());
    };
    let mut s = Session::new(tmp.path(), Lang::Vi);
    unlock(&mut s);
    assert!(
        s.screen().contains("Sao lưu tự động hôm nay không được"),
        "{}",
        s.screen()
    );
    drop(s);

    std::fs::remove_file(&backups).unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    unlock(&mut s);
    assert!(!s.screen().contains("Sao lưu tự động"), "{}", s.screen());
    let today = trolyso::domain::Date::today();
    let name = format!(
        "trolyso-{:04}-{:02}-{:02}.bak",
        today.year, today.month, today.day
    );
    assert!(
        backups.join(&name).is_file(),
        "{name} in {:?}",
        std::fs::read_dir(&backups).unwrap().collect::<Vec<_>>()
    );
}
