//! The helper at the keyboard, in process: a session on ratatui's
//! TestBackend driven by key presses, shared by the flow tests.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use trolyso::app::{App, Screen};
use trolyso::assets::AssetSource;
use trolyso::domain::Date;
use trolyso::domain::procedure::load_all;
use trolyso::i18n::Lang;
use trolyso::shell::{Runtime, handle};
use trolyso::store::{KdfParams, Store, is_set_up};
use trolyso::ui::{Looks, Palette};

pub const PASS: &str = "matkhau123";

pub struct Session {
    pub terminal: Terminal<TestBackend>,
    pub app: App,
    pub runtime: Runtime,
    pub looks: Looks,
    /// Keys pressed so far (a visit's cost, counted in tests).
    pub pressed: usize,
    /// Of those, keys other than a character (Tab, Enter, arrows, F-keys).
    pub named: usize,
}

impl Session {
    pub fn new(dir: &std::path::Path, lang: Lang) -> Self {
        let mut catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
        catalogue.set_entries(trolyso::domain::catalogue::with_shipped(None));
        let app = App::new(catalogue, lang, is_set_up(dir), Date::new(2026, 11, 28).unwrap());
        Session {
            terminal: Terminal::new(TestBackend::new(80, 24)).unwrap(),
            app,
            runtime: Runtime::new(dir.to_owned(), KdfParams::light_for_tests()),
            looks: Looks::always(Palette::Plain),
            pressed: 0,
            named: 0,
        }
    }

    /// A trainee at a classroom PC: `trolyso train` on the training folder
    /// `dir`, the trainee's name already given.
    pub fn training(dir: &std::path::Path, lang: Lang) -> Self {
        let mut s = Session::new(dir, lang);
        let scenarios = trolyso::cli::load_training(&AssetSource::Embedded, &s.app.catalogue).0;
        let store = Store::open_training(dir, KdfParams::light_for_tests()).unwrap();
        let mut settings = store.settings().unwrap();
        settings.helper = "Học Viên Thử".into();
        store.save_settings(&settings).unwrap();
        let catalogue = std::mem::take(&mut s.app.catalogue);
        s.app = App::training(
            catalogue,
            lang,
            scenarios,
            settings,
            Date::new(2026, 11, 28).unwrap(),
            None,
        );
        s.runtime.store = Some(std::sync::Arc::new(store));
        s.redraw();
        s
    }

    pub fn redraw(&mut self) {
        trolyso::shell::redraw(&mut self.terminal, &self.app, &mut self.runtime, &self.looks).unwrap();
    }

    pub fn event(&mut self, e: Event) {
        if let Event::Key(k) = &e {
            self.pressed += 1;
            if !matches!(k.code, KeyCode::Char(_)) {
                self.named += 1;
            }
        }
        handle(
            &mut self.terminal,
            &mut self.app,
            &mut self.runtime,
            &self.looks,
            e,
        )
        .unwrap();
    }

    /// Hands work beside the helper's (a bundle on a worker, the daily
    /// backup) its progress and, once it has ended, its outcome, as the
    /// shell's loop does, until none is left.
    pub fn finish_work(&mut self) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            trolyso::shell::collect_work(&mut self.terminal, &mut self.app, &mut self.runtime, &self.looks)
                .unwrap();
            if !self.runtime.working() || std::time::Instant::now() > deadline {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn keys(&mut self, codes: &[KeyCode]) {
        for c in codes {
            self.key(*c);
        }
    }

    pub fn typing(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Keys as a helper presses them: letters as they are, and the other
    /// keys by name: `<tab>`, `<s-tab>`, `<enter>`, `<esc>`, `<up>`, `<down>`,
    /// `<left>`, `<right>`, `<pgup>`, `<pgdn>`, `<home>`, `<end>`, `<bs>`,
    /// `<del>`, `<f1>`…`<f12>`, `<c-q>` (Ctrl+Q).
    pub fn send(&mut self, keys: &str) {
        let mut rest = keys;
        while let Some(c) = rest.chars().next() {
            let named = (c == '<').then(|| rest.find('>')).flatten();
            let Some(end) = named else {
                self.key(KeyCode::Char(c));
                rest = &rest[c.len_utf8()..];
                continue;
            };
            let name = &rest[1..end];
            rest = &rest[end + 1..];
            let code = match name {
                "tab" => KeyCode::Tab,
                "s-tab" => KeyCode::BackTab,
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" => KeyCode::PageUp,
                "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "bs" => KeyCode::Backspace,
                "del" => KeyCode::Delete,
                _ if name.starts_with("c-") => {
                    let c = name[2..].chars().next().expect("a letter after c-");
                    self.event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
                    continue;
                }
                _ if name.starts_with('f') => KeyCode::F(name[1..].parse().expect("f and a number")),
                other => panic!("no key named <{other}>"),
            };
            self.key(code);
        }
    }

    /// The words for `key` in the session's language, as the screen says them.
    pub fn words(&self, key: &'static str) -> String {
        trolyso::i18n::tr(self.app.lang, key)
    }

    /// The screen shows the words for `key`.
    pub fn shows(&self, key: &'static str) -> bool {
        self.screen().contains(&self.words(key))
    }

    pub fn screen(&self) -> String {
        let buf = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    pub fn store(&self) -> &Store {
        self.runtime.store.as_ref().unwrap()
    }
}

/// In the open commune picker: types the commune, chooses it.
pub fn pick_quang_chieu(s: &mut Session) {
    assert!(
        matches!(&s.app.screen, Screen::Setup(x) if x.picker.is_some()),
        "{}",
        s.screen()
    );
    s.typing("quang chieu");
    s.key(KeyCode::Enter);
    assert!(s.screen().contains("Xã Quang Chiểu, Thanh Hóa"), "{}", s.screen());
}

/// New case: the picker, the procedure found by `query`, its detail, start.
pub fn start(s: &mut Session, query: &str) {
    s.key(KeyCode::F(3));
    s.typing(query);
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter);
    assert!(matches!(s.app.screen, Screen::Wizard(_)), "{}", s.screen());
}

pub fn set_up(s: &mut Session) {
    set_up_noting_the_code(s);
}

/// Sets up the office as [`set_up`] does; returns the recovery code shown
/// once on the way, as the helper copies it onto paper.
pub fn set_up_noting_the_code(s: &mut Session) -> String {
    s.typing(PASS);
    s.key(KeyCode::Enter);
    s.typing(PASS);
    s.key(KeyCode::Enter);
    s.typing("Chi Hoa");
    s.key(KeyCode::Enter);
    // The office's commune, picked from the country's list.
    pick_quang_chieu(s);
    s.key(KeyCode::Enter);
    let code = match &s.app.screen {
        Screen::Recovery(r) => r.code.clone(),
        _ => panic!("{}", s.screen()),
    };
    // Copied onto paper, its last group typed back.
    s.typing(code.rsplit('-').next().unwrap());
    s.key(KeyCode::Enter);
    // The first-run tour, skipped.
    assert!(matches!(s.app.screen, Screen::Tour(_)), "{}", s.screen());
    s.key(KeyCode::Esc);
    assert!(matches!(s.app.screen, Screen::Home(_)));
    code
}

/// Opens the review and moves to the row that finishes the case as `to`.
pub fn choose_finish(s: &mut Session, to: trolyso::store::Status) -> usize {
    s.key(KeyCode::F(5));
    let rows = match &s.app.screen {
        Screen::Wizard(w) => w.review_rows(&s.app.catalogue),
        _ => panic!("not in a case"),
    };
    let row = rows
        .iter()
        .position(|r| *r == trolyso::app::ReviewRow::Finish(to))
        .unwrap();
    for _ in 0..row {
        s.key(KeyCode::Down);
    }
    row
}
