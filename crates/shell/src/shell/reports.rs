//! The report's files in the data folder's `reports/`: the CSV for Excel
//! and the page to print, one pair per period (saving again replaces them
//! with the newer count). Counts only: nothing in them names a resident.

use std::path::{Path, PathBuf};

use trolyso_core::domain::procedure::Catalogue;
use trolyso_core::i18n::Lang;
use trolyso_report::report::Report;
use trolyso_report::report::format::{self, Labels};
use trolyso_store::store::paths::{create_private_dir, write_private};
use trolyso_store::store::{Store, StoreError, now_ms};

use super::jobs::Run;
use super::runtime::{answer, failed};
use trolyso_tui::app::{Action, ReportEffect, VISITS_AHEAD_DAYS, VisitRow};

pub const FOLDER: &str = "reports";

/// Writes `reports/bao-cao-<period>.csv` and `.html`; returns the page's path.
pub fn write(dir: &Path, report: &Report, labels: &Labels) -> std::io::Result<PathBuf> {
    let folder = dir.join(FOLDER);
    create_private_dir(&folder)?;
    // A range's `..` becomes `_` in a file name.
    let stem = format!("bao-cao-{}", report.period.key().replace("..", "_"));
    write_private(
        &folder.join(format!("{stem}.csv")),
        format::csv(report, labels).as_bytes(),
    )?;
    let page = folder.join(format!("{stem}.html"));
    write_private(&page, format::html(report, labels).as_bytes())?;
    Ok(page)
}

/// Counting a period is long work on a large folder (every case's facts
/// are read): it runs beside the screen, which says "counting" and answers
/// keys meanwhile. Keeping the files is short. Training counts nothing and
/// keeps no report.
pub fn run(store: &Store, dir: &Path, effect: ReportEffect, catalogue: &Catalogue, lang: Lang) -> Run {
    match effect {
        ReportEffect::LoadReport(period) => Run::Beside(Box::new(move |store, _| {
            let built = store
                .may_leave()
                .and_then(|()| trolyso_report::report::build(store, period, now_ms()));
            answer(built, |r| Action::ReportReady(Box::new(r)))
        })),
        ReportEffect::LoadVisits(today) => Run::Beside(Box::new(move |store, _| {
            let listed = store
                .may_leave()
                .and_then(|()| store.next_visits(today, VISITS_AHEAD_DAYS));
            answer(listed, |rows| {
                Action::VisitsListed(
                    rows.into_iter()
                        .map(|(date, row)| VisitRow {
                            date,
                            name: row
                                .resident
                                .map(|r| trolyso_core::domain::privacy::mask_name(&r.full_name))
                                .unwrap_or_default(),
                            procedure: row.case.procedure_id,
                            reason: row.case.reason,
                        })
                        .collect(),
                )
            })
        })),
        ReportEffect::SaveReport(report) => Run::Now(save(store, dir, &report, catalogue, lang)),
    }
}

fn save(store: &Store, dir: &Path, report: &Report, catalogue: &Catalogue, lang: Lang) -> Action {
    if let Err(e) = store.may_leave() {
        return Action::Failed(e.message());
    }
    let place = store
        .settings()
        .ok()
        .and_then(|x| x.home_commune)
        .and_then(|c| trolyso_core::domain::units::Units::embedded().place(c));
    let labels = Labels {
        catalogue,
        lang,
        place,
    };
    match write(dir, report, &labels) {
        Ok(page) => Action::ReportSaved(page),
        Err(e) => failed(StoreError::io_at(&dir.join(FOLDER))(e)),
    }
}
