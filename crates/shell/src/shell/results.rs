//! Exercise results in the training folder: one JSON line per exercise,
//! appended and synced, and read back for the list and the trainer's export.

use std::io::Write;
use std::path::{Path, PathBuf};

use trolyso_tui::app::training::ExerciseResult;

const FILE: &str = "results.jsonl";

pub fn path(training_dir: &Path) -> PathBuf {
    training_dir.join(FILE)
}

/// Appends one result and syncs it: a result the score card showed is on disk.
pub fn append(training_dir: &Path, result: &ExerciseResult) -> std::io::Result<()> {
    let mut line = serde_json::to_string(result).map_err(std::io::Error::other)?;
    line.push('\n');
    let mut file = trolyso_store::store::paths::private_file()
        .create(true)
        .append(true)
        .open(path(training_dir))?;
    file.write_all(line.as_bytes())?;
    file.sync_all()
}

/// Every result kept, oldest first, and how many lines could not be read
/// (a line cut short by a pulled plug is skipped, not fatal).
pub fn read(training_dir: &Path) -> std::io::Result<(Vec<ExerciseResult>, usize)> {
    let text = match std::fs::read_to_string(path(training_dir)) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(e) => return Err(e),
    };
    let mut bad = 0;
    let results = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).inspect_err(|_| bad += 1).ok())
        .collect();
    Ok((results, bad))
}

/// The best score per scenario for one trainee.
pub fn best_of(results: &[ExerciseResult], trainee: &str) -> std::collections::BTreeMap<String, u32> {
    let mut best = std::collections::BTreeMap::new();
    for r in results.iter().filter(|r| r.trainee == trainee) {
        let b = best.entry(r.scenario.clone()).or_insert(0);
        *b = (*b).max(r.score);
    }
    best
}

/// What a trainer reads in the CSV instead of the app's ids: a scenario's
/// title, a criterion's words (by scenario and id), how a visit ended.
pub struct Words<'a> {
    pub title: &'a dyn Fn(&str) -> String,
    pub criterion: &'a dyn Fn(&str, &str) -> String,
    pub ended: &'a dyn Fn(&str) -> String,
}

/// The results as CSV for Excel (`text::csv`), in words.
pub fn csv(results: &[ExerciseResult], words: &Words) -> String {
    let header = [
        "ngay",
        "hoc_vien",
        "kich_ban",
        "ten_kich_ban",
        "diem",
        "giay",
        "so_phim",
        "ket_thuc",
        "chua_dat",
    ];
    trolyso_core::text::csv::for_excel(
        &header,
        results.iter().map(|r| {
            [
                r.day.clone(),
                r.trainee.clone(),
                r.scenario.clone(),
                (words.title)(&r.scenario),
                r.score.to_string(),
                r.seconds.to_string(),
                r.keys.to_string(),
                (words.ended)(&r.ended),
                r.missed
                    .iter()
                    .map(|id| (words.criterion)(&r.scenario, id))
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(trainee: &str, score: u32) -> ExerciseResult {
        ExerciseResult {
            day: "28/11/2026".into(),
            trainee: trainee.into(),
            scenario: "ba-lan".into(),
            score,
            missed: vec!["hoi-nfc".into(), "khong-otp".into()],
            keys: 120,
            seconds: 300,
            ended: "paused".into(),
        }
    }

    #[test]
    fn csv_has_a_bom_crlf_and_quotes_what_needs_it() {
        let words = Words {
            title: &|_| "Bà Lan".into(),
            criterion: &|_, id| format!("<{id}>"),
            ended: &|e| format!("[{e}]"),
        };
        let text = csv(&[result("Nguyễn Văn \"Tư\", tổ 3", 80)], &words);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("\r\n"));
        assert!(text.contains("\"Nguyễn Văn \"\"Tư\"\", tổ 3\""), "{text}");
        assert!(
            text.contains("<hoi-nfc>; <khong-otp>") && text.contains("[paused]"),
            "{text}"
        );
    }

    #[test]
    fn results_append_and_read_back_skipping_a_cut_line() {
        let dir = tempfile::tempdir().unwrap();
        append(dir.path(), &result("A", 70)).unwrap();
        append(dir.path(), &result("A", 90)).unwrap();
        append(dir.path(), &result("B", 100)).unwrap();
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(path(dir.path()))
            .unwrap();
        f.write_all(b"{\"day\":\"28/1").unwrap();
        let (all, bad) = read(dir.path()).unwrap();
        assert_eq!((all.len(), bad), (3, 1));
        assert_eq!(best_of(&all, "A").get("ba-lan"), Some(&90));
    }
}
