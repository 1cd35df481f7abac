//! The commune's report on a seeded folder of 10,000 cases (five years of
//! made-up work, about 170 cases a month): counted for this month, for the
//! last twelve months, and for all five years (every case worked: the
//! heaviest a report can be); and the command's whole work — unlock, open,
//! count, and all four formats. Target (issue 17): under 2 s.
//!
//! Run: `cargo bench --bench report` (the folder is seeded on first use).

mod common;

use common::{Bench, PASS, folder};
use trolyso::assets::AssetSource;
use trolyso::domain::Date;
use trolyso::domain::procedure::load_all;
use trolyso::i18n::Lang;
use trolyso::report::format::{self, Labels};
use trolyso::report::{Period, build};
use trolyso::store::{Store, now_ms};

fn main() {
    let mut bench = Bench::new("report");
    let dir = folder(10_000);
    let catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
    let today = Date::today();
    let month = Period::month_of(today);
    let year = Period {
        first: today.add_days(-365),
        last: today,
    };
    let all = Period {
        first: today.add_days(-6 * 366),
        last: today,
    };
    {
        // Opened once first: a folder seeded before reports gets its facts.
        let store = Store::open(&dir, PASS).unwrap();
        for (name, period) in [
            ("this month", month),
            ("last 12 months", year),
            ("five years, every case", all),
        ] {
            let counted = build(&store, period, now_ms()).unwrap();
            let worked = counted
                .value(trolyso::report::Metric::CasesWorked, "")
                .unwrap_or(0);
            bench.run(
                &format!("report, {name} ({worked} cases worked), 10,000 cases"),
                || {
                    std::hint::black_box(build(&store, period, now_ms()).unwrap());
                },
            );
        }
    }
    let labels = Labels {
        catalogue: &catalogue,
        lang: Lang::Vi,
        place: Some("Xã Quang Chiểu, Thanh Hóa".into()),
    };
    bench.slow(
        "unlock + open + this month's report in table, CSV, JSON and HTML, 10,000 cases",
        || {
            let store = Store::open(&dir, PASS).unwrap();
            let r = build(&store, month, now_ms()).unwrap();
            std::hint::black_box((
                format::table(&r, &labels),
                format::csv(&r, &labels),
                format::json(&r, &labels),
                format::html(&r, &labels),
            ));
        },
    );
    bench.finish();
}
