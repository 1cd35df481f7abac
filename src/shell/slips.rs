//! Slip files in the data folder's `slips/`.

use std::path::{Path, PathBuf};

use crate::app::slip::Slip;
use crate::store::Id;

/// Writes `slips/<date>-<time>-<case>.txt` and `.html`, owner-only; returns
/// the HTML page's path (the one to print).
pub fn write(dir: &Path, case: &Id, slip: &Slip) -> std::io::Result<PathBuf> {
    let folder = dir.join("slips");
    crate::store::paths::create_private_dir(&folder)?;
    // Date and time, then the random end of the case id: two slips never
    // share a name, and a folder lists them in order.
    let (day, time) = crate::domain::date::local_time(crate::store::now_ms());
    let id = case.to_string();
    let stem = format!(
        "{:04}{:02}{:02}-{}-{}",
        day.year,
        day.month,
        day.day,
        time.replace(':', ""),
        &id[id.len() - 8..]
    );
    for (ext, body) in [("txt", &slip.text), ("html", &slip.html)] {
        crate::store::paths::write_private(&folder.join(format!("{stem}.{ext}")), body.as_bytes())?;
    }
    Ok(folder.join(format!("{stem}.html")))
}
