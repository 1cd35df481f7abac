//! Handling one key and drawing one frame, with 100,000 cases in the store
//! (or `TROLYSO_BENCH_CASES`), at 80×24 and 200×60; and the time from start
//! to the first frame (the passphrase screen, before any key derivation).
//!
//! Run: `cargo bench --bench render`.

use std::path::Path;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use trolyso::app::run::handle;
use trolyso::app::runtime::Runtime;
use trolyso::app::{App, Screen};
use trolyso::assets::AssetSource;
use trolyso::domain::Date;
use trolyso::domain::procedure::load_all;
use trolyso::i18n::Lang;
use trolyso::store::{KdfParams, is_set_up};
use trolyso::ui::{Palette, Theme, draw};

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

mod common;

use common::{PASS, report};

fn main() {
    if let Some((dir, n)) = common::seeded_folder(7) {
        measure(&dir, n);
    }
}

fn measure(dir: &Path, n: usize) {
    let theme = Theme::new(Palette::Color, false);
    // Start to the first frame: what runs before the passphrase screen.
    let t = Instant::now();
    let catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
    let mut app = App::new(catalogue, Lang::Vi, is_set_up(dir), Date::today());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| draw(f, &app, &theme)).unwrap();
    let first_frame = t.elapsed();

    println!("| key + frame ({n} cases) | samples | p50 | p99 |");
    println!("| --- | --- | --- | --- |");
    let mut runtime = Runtime::new(dir.to_owned(), KdfParams::default());
    for c in PASS.chars() {
        handle(
            &mut terminal,
            &mut app,
            &mut runtime,
            &theme,
            key(KeyCode::Char(c)),
        )
        .unwrap();
    }
    handle(&mut terminal, &mut app, &mut runtime, &theme, key(KeyCode::Enter)).unwrap();
    assert!(matches!(app.screen, Screen::Home(_)));
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        terminal.backend_mut().resize(w, h);
        let mut samples = Vec::new();
        for i in 0..400 {
            let code = if i % 2 == 0 { KeyCode::Down } else { KeyCode::Up };
            let t = Instant::now();
            handle(&mut terminal, &mut app, &mut runtime, &theme, key(code)).unwrap();
            samples.push(t.elapsed());
        }
        report(&format!("Home, move in the case list, {w}×{h}"), samples);
    }
    // Typing a search on Home runs a name search per key.
    terminal.backend_mut().resize(80, 24);
    let mut samples = Vec::new();
    for i in 0..100 {
        let t = Instant::now();
        let c = if i % 2 == 0 {
            KeyCode::Char('h')
        } else {
            KeyCode::Backspace
        };
        handle(&mut terminal, &mut app, &mut runtime, &theme, key(c)).unwrap();
        samples.push(t.elapsed());
    }
    report("Home, type a search letter (name search), 80×24", samples);
    handle(&mut terminal, &mut app, &mut runtime, &theme, key(KeyCode::Esc)).unwrap();
    // Open a case and type in a field.
    handle(&mut terminal, &mut app, &mut runtime, &theme, key(KeyCode::Enter)).unwrap();
    assert!(matches!(app.screen, Screen::Wizard(_)));
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        terminal.backend_mut().resize(w, h);
        let mut samples = Vec::new();
        for i in 0..400 {
            let c = if i % 2 == 0 {
                KeyCode::Char('a')
            } else {
                KeyCode::Backspace
            };
            let t = Instant::now();
            handle(&mut terminal, &mut app, &mut runtime, &theme, key(c)).unwrap();
            samples.push(t.elapsed());
        }
        report(&format!("Wizard, type in a field, {w}×{h}"), samples);
    }
    println!();
    println!(
        "start to first frame (catalogue, words, first draw; no key derivation): {:.1} ms",
        first_frame.as_secs_f64() * 1000.0
    );
}
