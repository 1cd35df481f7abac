//! Search as you type: the procedure picker over the guided files plus a
//! national list of 5,000 entries, and the commune picker over the 3,321
//! units. Each sample is one key: the query grows by a letter, the matches
//! are searched, and (for "key + frame") the screen is drawn at 80×24.
//! `cargo bench --bench search`; no store is needed.

mod common;

use std::time::{Duration, Instant};

use common::report;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trolyso::app::{App, CommunePicker, Picker, Screen, picker_matches};
use trolyso::assets::AssetSource;
use trolyso::domain::Date;
use trolyso::domain::catalogue::{HEADER, parse};
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
const ROUNDS: usize = 40;

/// 5,000 entries in the words a province's list uses.
fn national_list() -> String {
    let words = [
        "Cấp đổi giấy phép",
        "Đăng ký biến động",
        "Thủ tục số",
        "Xác nhận",
        "Cấp lại",
        "Công nhận",
        "Gia hạn",
        "Thẩm định hồ sơ",
    ];
    let fields = [
        "Hộ tịch",
        "Cư trú",
        "Đất đai",
        "Giao thông",
        "Bảo trợ xã hội",
        "Giáo dục",
    ];
    let mut csv = format!("{HEADER}\n");
    for i in 0..5_000 {
        csv.push_str(&format!(
            "1.{:06},{} {i} lĩnh vực {},{},Cấp tỉnh,{}\n",
            10_000 + i,
            words[i % words.len()],
            fields[i % fields.len()],
            if i % 3 == 0 { "toan_trinh" } else { "mot_phan" },
            fields[i % fields.len()]
        ));
    }
    csv
}

fn main() {
    let mut catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
    let parsed = parse(&national_list());
    assert!(parsed.rejected.is_empty());
    catalogue.set_entries(parsed.entries);
    println!("| measure | samples | p50 | p99 |");
    println!("|---|---|---|---|");

    let mut search = Vec::new();
    let mut frames = Vec::new();
    let mut app = App::new(catalogue, Lang::Vi, true, Date::new(2026, 11, 28).unwrap());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let theme = Theme::new(Palette::Color, false);
    for _ in 0..ROUNDS {
        for q in QUERIES {
            let mut picker = Picker::default();
            for c in q.chars() {
                picker.query.insert_char(c);
                let t = Instant::now();
                let n = picker_matches(&app.catalogue, &picker).len();
                search.push(t.elapsed());
                std::hint::black_box(n);
            }
            app.screen = Screen::Picker(Picker::default());
            for c in q.chars() {
                let t = Instant::now();
                if let Screen::Picker(p) = &mut app.screen {
                    p.query.insert_char(c);
                }
                terminal.draw(|f| draw(f, &app, &theme)).unwrap();
                frames.push(t.elapsed());
            }
        }
    }
    report("procedure search, 5,000 entries + guided files, per key", search);
    report("procedure picker, key + frame 80×24", frames);

    let units = Units::embedded();
    let mut communes: Vec<Duration> = Vec::new();
    for _ in 0..ROUNDS {
        for q in COMMUNE_QUERIES {
            let mut picker = CommunePicker::default();
            for c in q.chars() {
                picker.query.insert_char(c);
                let t = Instant::now();
                let n = picker.rows(units).len();
                communes.push(t.elapsed());
                std::hint::black_box(n);
            }
        }
    }
    report("commune search, 3,321 units, per key", communes);
}
