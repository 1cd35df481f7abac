//! Handling one key and drawing one frame, as the main loop does: on the
//! case list (Home) and in the wizard, at 80×24 and 200×60, with 10,000 and
//! 100,000 cases in the store; typing a search on Home; and start to the
//! first frame (assets, an imported catalogue of 5,000 entries, the first
//! draw — no key derivation, which waits for the passphrase).
//!
//! Run: `cargo bench --bench render`.

mod common;

use std::path::Path;

use common::{Bench, PASS, folder};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use trolyso::app::{App, Screen};
use trolyso::assets::AssetSource;
use trolyso::cli::read_beside_first_screen;
use trolyso::domain::Date;
use trolyso::domain::catalogue::parse;
use trolyso::domain::procedure::load_all;
use trolyso::i18n::Lang;
use trolyso::shell::{Runtime, handle};
use trolyso::store::{KdfParams, is_set_up};
use trolyso::ui::{Looks, Palette, Theme, draw};

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

struct Session {
    terminal: Terminal<TestBackend>,
    app: App,
    runtime: Runtime,
    looks: Looks,
}

impl Session {
    fn press(&mut self, code: KeyCode) {
        handle(
            &mut self.terminal,
            &mut self.app,
            &mut self.runtime,
            &self.looks,
            key(code),
        )
        .unwrap();
    }
}

/// What runs before the passphrase screen is drawn, as `main` does it: the
/// guided files read, the national list and the scenarios started on their
/// own thread, the first frame drawn.
struct Started {
    app: App,
    terminal: Terminal<TestBackend>,
    entries: std::sync::mpsc::Receiver<Vec<trolyso::domain::catalogue::Entry>>,
    lessons: std::thread::JoinHandle<Vec<trolyso::domain::training::Scenario>>,
}

fn start(dir: &Path, imported: &str) -> Started {
    let catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
    let (entries, lessons) = read_beside_first_screen(
        AssetSource::Embedded,
        catalogue.clone(),
        Some(imported.to_owned()),
    );
    let app = App::new(catalogue, Lang::Vi, is_set_up(dir), Date::today());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| {
            draw(f, &app, &Theme::new(Palette::Color, false));
        })
        .unwrap();
    Started {
        app,
        terminal,
        entries,
        lessons,
    }
}

/// What was read beside the first screen, waited for and put in.
fn finish(mut s: Started) -> (App, Terminal<TestBackend>) {
    s.app.catalogue.set_entries(s.entries.recv().unwrap());
    drop(s.lessons.join());
    (s.app, s.terminal)
}

fn main() {
    let mut bench = Bench::new("render");
    bare_ratatui(&mut bench);
    let imported = common::national_list(5_000);
    assert!(parse(&imported).rejected.is_empty());
    let dir = folder(100_000);
    // Timed to the first frame; the list and scenarios read beside it are
    // waited for outside the timing (they would only slow the next sample).
    bench.run_part("start to first frame, 5,000 imported entries", || {
        let t = std::time::Instant::now();
        let started = start(&dir, &imported);
        let took = t.elapsed();
        finish(started);
        took
    });
    for n in [10_000, 100_000] {
        let (app, terminal) = finish(start(&folder(n), &imported));
        let mut s = Session {
            terminal,
            app,
            runtime: Runtime::new(folder(n), KdfParams::default()),
            looks: Looks::always(Palette::Color),
        };
        for c in PASS.chars() {
            s.press(KeyCode::Char(c));
        }
        s.press(KeyCode::Enter);
        assert!(matches!(s.app.screen, Screen::Home(_)));
        measure(&mut bench, &mut s, n);
        // The store's lock goes with the session.
        drop(s);
    }
    bench.finish();
}

/// The floor under a frame: ratatui alone drawing a bordered list that
/// fills 200×60, its selection moved a row per call (as the case list's
/// Down and Up), with no app and no store.
fn bare_ratatui(bench: &mut Bench) {
    use ratatui::widgets::{Block, List, ListState};
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let rows: Vec<String> = (0..58)
        .map(|i| format!("{i:>5}  Nguyễn Thị Hồng Nhung · Đăng ký khai sinh · đang chuẩn bị · 03/12/2026"))
        .collect();
    let mut state = ListState::default();
    let mut second = true;
    bench.run(
        "bare ratatui (no app, no store): list, key + frame, 200×60",
        || {
            second = !second;
            state.select(Some(usize::from(second)));
            terminal
                .draw(|f| {
                    let list = List::new(rows.iter().map(String::as_str))
                        .block(Block::bordered())
                        .highlight_symbol("▶ ");
                    f.render_stateful_widget(list, f.area(), &mut state);
                })
                .unwrap();
        },
    );
}

/// One key, then the other, then the first again…: each call one key and
/// one frame, the screen back where it was every second call.
fn alternate(bench: &mut Bench, s: &mut Session, name: &str, keys: [KeyCode; 2]) {
    let mut second = true;
    bench.run(name, || {
        second = !second;
        s.press(keys[usize::from(second)]);
    });
}

fn measure(bench: &mut Bench, s: &mut Session, n: usize) {
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        s.terminal.backend_mut().resize(w, h);
        let name = format!("case list, key + frame, {w}×{h}, {n} cases");
        alternate(bench, s, &name, [KeyCode::Down, KeyCode::Up]);
    }
    // Typing on Home searches names as each letter comes.
    s.terminal.backend_mut().resize(80, 24);
    let name = format!("case list, type a search letter, 80×24, {n} cases");
    alternate(bench, s, &name, [KeyCode::Char('h'), KeyCode::Backspace]);
    s.press(KeyCode::Esc);
    s.press(KeyCode::Enter);
    assert!(matches!(s.app.screen, Screen::Wizard(_)));
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        s.terminal.backend_mut().resize(w, h);
        let name = format!("wizard, type in a field, key + frame, {w}×{h}, {n} cases");
        alternate(bench, s, &name, [KeyCode::Char('a'), KeyCode::Backspace]);
    }
}
