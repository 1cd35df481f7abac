//! The report screen's fixture: November counted from made-up facts, and
//! its charts at three sizes.

use crate::screens::{app, render, today};
use trolyso::app::Screen;
use trolyso::assets::AssetSource;
use trolyso::domain::Date;
use trolyso::domain::procedure::load_all;
use trolyso::i18n::Lang;
use trolyso::store::{Id, Reason, Status};

/// November's report from made-up facts: for each procedure given, cases
/// started and filed on a few days; some paused for each reason in turn.
pub(crate) fn report_view(procedures: &[&str]) -> trolyso::app::ReportView {
    use trolyso::domain::date::day_start_ms;
    use trolyso::report::{Period, compute};
    use trolyso::store::{Facts, Mark};
    let at = |d: u8| day_start_ms(Date::new(2026, 11, d).unwrap()) + 9 * 3_600_000;
    // As recorded when each was marked filed.
    let level = |p: &str| {
        if p == "dang-ky-khai-sinh" {
            trolyso::domain::procedure::Level::Full
        } else {
            trolyso::domain::procedure::Level::Guide
        }
    };
    let mut facts = Vec::new();
    for (i, p) in procedures.iter().enumerate() {
        for n in 0..(3 + i % 4) {
            let k = facts.len();
            let reason = Reason::ALL[k % Reason::ALL.len()];
            let (to, why) = if k % 3 == 0 {
                (Status::Paused, Some(reason))
            } else {
                (Status::Filed, None)
            };
            facts.push(Facts {
                case: Id([k as u8; 16]),
                procedure: (*p).to_owned(),
                helper: "Chị Hoa".into(),
                resident: Some(Id([k as u8 / 2; 16])),
                status: to,
                reason: why,
                next_visit: None,
                created_ms: at(1 + (k % 27) as u8),
                marks: vec![Mark {
                    to,
                    at_ms: at(1 + ((k + n) % 27) as u8 + 1),
                    reason: why,
                    helper: "Anh Tuấn".into(),
                }],
                registered_ms: Some(at(5)),
                activated_ms: (k % 2 == 0).then(|| at(6)),
                level: (to == Status::Filed).then(|| level(p)),
                revision: 1,
            });
        }
    }
    let waiting: Vec<Facts> = facts
        .iter()
        .filter(|f| f.status == Status::Paused)
        .cloned()
        .collect();
    let period = Period::month(2026, 11).unwrap();
    let mut view = trolyso::app::ReportView::new(today());
    view.report = Some(Box::new(compute(period, &facts, &waiting, at(28))));
    let due = |day: u8, name: &str, procedure: &str| trolyso::app::VisitRow {
        date: trolyso::domain::Date::new(2026, 12, day).unwrap(),
        name: name.into(),
        procedure: procedure.into(),
        reason: None,
    };
    view.visits = Some(vec![
        due(1, "Lê T. M.", "vneid-muc-1"),
        due(3, "Trần V. B.", "dang-ky-khai-sinh"),
    ]);
    view
}

/// Every procedure filed and every reason given: each chart row still shows
/// its number inside its frame, the label cut to the room it has.
#[test]
pub(crate) fn report_labels_fit_their_charts() {
    let catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
    let ids: Vec<&str> = catalogue.procedures.iter().map(|p| p.id.as_str()).collect();
    for lang in Lang::ALL {
        for (w, h) in [(80, 24), (100, 30), (60, 24)] {
            let text = render(&app(lang, Screen::Report(report_view(&ids))), w, h);
            let charts: Vec<&str> = text
                .lines()
                .skip_while(|l| !l.contains("┐┌"))
                .skip(1)
                .take_while(|l| !l.starts_with('└'))
                .collect();
            assert!(!charts.is_empty(), "{text}");
            // Rows where a chart sits beside a chart (not a frame's edge:
            // the right side holds two frames, one over the other).
            for line in charts.into_iter().filter(|l| l.contains("││")) {
                let halves: Vec<&str> = line.split("││").collect();
                assert_eq!(halves.len(), 2, "two frames side by side: {line}");
                for half in halves {
                    let inside = half.trim_matches('│').trim_end();
                    assert!(
                        inside.is_empty() || inside.chars().any(|c| c.is_ascii_digit()),
                        "{w}×{h}: a bar without its number: {line}\n{text}"
                    );
                }
            }
        }
    }
}
