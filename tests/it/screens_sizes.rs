//! Screens at sizes and looks other than the default: too small, every size
//! without a panic, scrolled, high contrast and ASCII, and wide.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trolyso::app::{App, Home, Picker, Screen, Setup};
use trolyso::i18n::Lang;
use trolyso::store::{CaseRow, Id, Status};
use trolyso::ui::{Palette, Theme, draw};

use crate::screens::*;

#[test]
fn a_window_too_small() {
    let app = app(Lang::Vi, Screen::Home(Home::default()));
    insta::assert_snapshot!("too_small_vi", render(&app, 50, 10));
}

#[test]
fn no_size_panics() {
    for (_, app) in screens(Lang::Vi) {
        for w in [1u16, 2, 5, 20, 59, 60, 61, 79, 80, 81, 120, 300] {
            for h in [1u16, 2, 5, 15, 16, 17, 23, 24, 25, 60, 100] {
                render(&app, w, h);
            }
        }
    }
}

#[test]
fn home_scrolls_to_the_selected_row() {
    let rows: Vec<CaseRow> = (0..40)
        .map(|i| {
            let mut c = case("vneid-muc-1", Status::Preparing, &[]);
            c.id = Id([i as u8; 16]);
            let resident = resident(i as u8, &format!("Người Số {i}"), None);
            CaseRow {
                case: c,
                resident: Some(resident),
            }
        })
        .collect();
    let screen = render(
        &app(
            Lang::Vi,
            Screen::Home(Home {
                rows,
                selected: 35,
                ..Home::default()
            }),
        ),
        80,
        24,
    );
    assert!(screen.contains("Người Số 35"), "{screen}");
    assert!(!screen.contains("Người Số 0 "), "{screen}");
}

/// The high-contrast theme marks where the helper is in black on yellow,
/// and the ASCII borders use only plain characters.
#[test]
fn high_contrast_and_ascii() {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let app = app(Lang::Vi, Screen::Setup(Setup::default()));
    terminal
        .draw(|f| {
            draw(f, &app, &Theme::new(Palette::HighContrast, false));
        })
        .unwrap();
    let buf = terminal.backend().buffer();
    let header = &buf[(0, 0)];
    assert_eq!(header.bg, ratatui::style::Color::Black);
    let home = app_with_rows();
    terminal
        .draw(|f| {
            draw(f, &home, &Theme::new(Palette::HighContrast, true));
        })
        .unwrap();
    let buf = terminal.backend().buffer();
    let mut found_focus = false;
    let mut ascii_only_border = true;
    for y in 0..24 {
        for x in 0..80 {
            let cell = &buf[(x, y)];
            found_focus |= cell.bg == ratatui::style::Color::Yellow;
            ascii_only_border &= !"┌┐└┘─│┏┓┗┛━┃".contains(cell.symbol());
        }
    }
    assert!(found_focus && ascii_only_border);
}

fn app_with_rows() -> App {
    let rows = vec![CaseRow {
        case: case("vneid-muc-1", Status::Preparing, &[]),
        resident: None,
    }];
    app(
        Lang::Vi,
        Screen::Home(Home {
            rows,
            selected: 0,
            ..Home::default()
        }),
    )
}

/// A wide window has room for each procedure's processing time.
#[test]
fn a_wide_picker_shows_the_time() {
    let mut picker = Picker::default();
    picker.query.insert_str("lien thong khai sinh");
    let app = app(Lang::Vi, Screen::Picker(picker));
    assert!(render(&app, 140, 30).contains("3 ngày làm việc"));
    assert!(!render(&app, 80, 24).contains("3 ngày làm việc"));
}
