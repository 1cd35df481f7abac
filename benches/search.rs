//! Search as you type: the procedure picker over the guided files plus a
//! national list of 5,000 entries, and the commune picker over the 3,321
//! units. Each sample is one key: the query grows by a letter, the matches
//! are searched, and (for "key + frame") the screen is drawn at 80×24.
//! `cargo bench --bench search`; no store is needed.

mod common;

use common::{Bench, national_list};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trolyso::app::{App, CommunePicker, Picker, Screen, picker_matches};
use trolyso::assets::AssetSource;
use trolyso::domain::Date;
use trolyso::domain::catalogue::parse;
use trolyso::domain::procedure::load_all;
use trolyso::domain::units::Units;
use trolyso::i18n::Lang;
use trolyso::ui::{Palette, Theme, draw};

const QUERIES: [&str; 6] = [
    "dang ky khai sinh",
    "chung thuc",
    "thu tuc so 4999",
    "cap doi giay phep",
    "xac nhan tinh trang hon nhan",
    "1.00012",
];
const COMMUNE_QUERIES: [&str; 5] = [
    "phuong dong son",
    "xa quang chieu",
    "hoan kiem",
    "thanh",
    "ben thanh",
];
fn main() {
    let mut bench = Bench::new("search");
    let mut catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
    let parsed = parse(&national_list(5_000));
    assert!(parsed.rejected.is_empty());
    catalogue.set_entries(parsed.entries);
    let mut app = App::new(catalogue, Lang::Vi, true, Date::new(2026, 11, 28).unwrap());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let theme = Theme::new(Palette::Color, false);

    // Each call is one key: the next letter of one of the queries, typed
    // from the start again when it is complete.
    let mut typing = Typing::new(&QUERIES);
    let mut picker = Picker::default();
    bench.run("procedure search, 5,000 entries + guided files, per key", || {
        if typing.next_letter(&mut picker.query) {
            picker = Picker::default();
            typing.next_letter(&mut picker.query);
        }
        std::hint::black_box(picker_matches(&app.catalogue, &picker).len());
    });
    let mut typing = Typing::new(&QUERIES);
    app.screen = Screen::Picker(Picker::default());
    bench.run("procedure picker, key + frame, 80×24", || {
        if let Screen::Picker(p) = &mut app.screen
            && typing.next_letter(&mut p.query)
        {
            *p = Picker::default();
            typing.next_letter(&mut p.query);
        }
        terminal
            .draw(|f| {
                draw(f, &app, &theme);
            })
            .unwrap();
    });
    let units = Units::embedded();
    let mut typing = Typing::new(&COMMUNE_QUERIES);
    let mut picker = CommunePicker::default();
    bench.run("commune search, 3,321 units, per key", || {
        if typing.next_letter(&mut picker.query) {
            picker = CommunePicker::default();
            typing.next_letter(&mut picker.query);
        }
        std::hint::black_box(picker.rows(units).len());
    });
    bench.finish();
}

/// Queries typed letter by letter, one after another, round and round.
struct Typing {
    letters: Vec<Option<char>>,
    at: usize,
}

impl Typing {
    fn new(queries: &[&str]) -> Self {
        let letters = queries
            .iter()
            .flat_map(|q| q.chars().map(Some).chain([None]))
            .collect();
        Typing { letters, at: 0 }
    }

    /// Types the next letter; true at the end of a query (the caller
    /// starts a new one).
    fn next_letter(&mut self, line: &mut trolyso::text::LineEditor) -> bool {
        let l = self.letters[self.at % self.letters.len()];
        self.at += 1;
        match l {
            Some(c) => {
                line.insert_char(c);
                false
            }
            None => true,
        }
    }
}
