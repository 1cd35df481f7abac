//! The report's files in the data folder's `reports/`: the CSV for Excel
//! and the page to print, one pair per period (saving again replaces them
//! with the newer count). Counts only: nothing in them names a resident.

use std::path::{Path, PathBuf};

use trolyso_report::report::Report;
use trolyso_report::report::format::{self, Labels};
use trolyso_store::store::paths::{create_private_dir, write_private};

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
