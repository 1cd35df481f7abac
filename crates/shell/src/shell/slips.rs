//! Slip files in the data folder's `slips/`: written only when the helper
//! asks, never over an earlier one, and gone a day later (a slip holds the
//! resident's name in a plain file, for printing, not for keeping).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use trolyso_store::store::Id;
use trolyso_store::store::paths::write_private_new;
use trolyso_tui::app::slip::Slip;

/// The folder of slips inside the data folder.
const FOLDER: &str = "slips";
/// How long a slip is kept: long enough to print it.
pub const KEPT_FOR: Duration = Duration::from_secs(24 * 60 * 60);

/// Writes `slips/<date>-<time>-<case>.txt` and `.html`, owner-only; returns
/// the HTML page's path (the one to print). A second slip of the same case
/// in the same minute gets `-2`, `-3`, … rather than replacing the first.
pub fn write(dir: &Path, case: &Id, slip: &Slip) -> std::io::Result<PathBuf> {
    let folder = dir.join(FOLDER);
    trolyso_store::store::paths::create_private_dir(&folder)?;
    let (day, time) = trolyso_core::domain::date::local_time(trolyso_store::store::now_ms());
    let id = case.to_string();
    let stem = format!(
        "{:04}{:02}{:02}-{}-{}",
        day.year,
        day.month,
        day.day,
        time.replace(':', ""),
        &id[id.len() - 8..]
    );
    for n in 1..1000 {
        let name = if n == 1 {
            stem.clone()
        } else {
            format!("{stem}-{n}")
        };
        let html = folder.join(format!("{name}.html"));
        let text = folder.join(format!("{name}.txt"));
        match write_private_new(&html, slip.html.as_bytes()) {
            Ok(()) => {
                write_private_new(&text, slip.text.as_bytes())?;
                return Ok(html);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::ErrorKind::AlreadyExists.into())
}

/// Removes slips older than [`KEPT_FOR`]; returns how many went. Failing
/// to remove one is logged: it is tried again at the next start.
pub fn remove_old(dir: &Path, now: SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(dir.join(FOLDER)) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > KEPT_FOR));
        if old {
            match std::fs::remove_file(e.path()) {
                Ok(()) => removed += 1,
                Err(err) => tracing::warn!("could not remove an old slip: {err}"),
            }
        }
    }
    if removed > 0 {
        tracing::info!("removed {removed} slip files older than a day");
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slip(text: &str) -> Slip {
        Slip {
            text: text.into(),
            html: format!("<p>{text}</p>"),
        }
    }

    #[test]
    fn a_second_slip_in_the_same_minute_keeps_the_first() {
        let tmp = tempfile::tempdir().unwrap();
        let id = Id([7; 16]);
        let first = write(tmp.path(), &id, &slip("đã nộp, mã G22")).unwrap();
        let second = write(tmp.path(), &id, &slip("hoàn thành")).unwrap();
        assert_ne!(first, second);
        assert!(
            std::fs::read_to_string(&first)
                .unwrap()
                .contains("đã nộp, mã G22")
        );
        assert!(std::fs::read_to_string(&second).unwrap().contains("hoàn thành"));
        assert_eq!(std::fs::read_dir(tmp.path().join(FOLDER)).unwrap().count(), 4);
    }

    #[test]
    fn slips_older_than_a_day_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let path = write(tmp.path(), &Id([1; 16]), &slip("Nguyễn Văn An")).unwrap();
        let now = SystemTime::now();
        assert_eq!(remove_old(tmp.path(), now), 0);
        assert_eq!(
            remove_old(tmp.path(), now + KEPT_FOR + Duration::from_secs(60)),
            2
        );
        assert!(!path.exists());
    }
}
