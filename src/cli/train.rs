//! Training from the command line: loading the scenarios, and the results
//! a trainer collects from each PC.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::assets::AssetSource;
use crate::domain::Date;
use crate::domain::procedure::{Catalogue, LoadProblem};
use crate::domain::training::{Scenario, load_scenarios};
use crate::i18n::{Lang, Message};
use crate::store::{Reason, Status};

pub use crate::store::paths::training_dir;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ResultsFormat {
    /// For Excel (UTF-8 with BOM)
    Csv,
    Json,
}

/// The scenarios, checked against the procedures and the statuses and
/// pause reasons the store knows.
pub fn load_training(source: &AssetSource, catalogue: &Catalogue) -> (Vec<Scenario>, Vec<LoadProblem>) {
    let files = match source.training_files() {
        Ok(f) => f,
        Err(e) => {
            return (
                Vec::new(),
                vec![LoadProblem {
                    file: "training".into(),
                    line: 1,
                    column: 1,
                    message: e.message(),
                }],
            );
        }
    };
    let known_end = |status: &str, reason: Option<&str>| {
        Status::from_name(status).is_some_and(|s| s != Status::Preparing)
            && reason.is_none_or(|r| Reason::from_name(r).is_some())
    };
    load_scenarios(&files, catalogue, &known_end, Date::today())
}

/// What the app reads beside its first screen, in order: the national list
/// (5,000 entries take longer to parse than the first frame may), sent as
/// soon as it is ready, then the training scenarios, checked against the
/// catalogue with that list.
pub fn read_beside_first_screen(
    source: AssetSource,
    mut catalogue: Catalogue,
    imported: Option<String>,
) -> (
    std::sync::mpsc::Receiver<Vec<crate::domain::catalogue::Entry>>,
    std::thread::JoinHandle<Vec<Scenario>>,
) {
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || {
        let entries = crate::domain::catalogue::with_shipped(imported.as_deref());
        // The app may have ended already: nobody to tell is no failure.
        let _ = tx.send(entries.clone());
        catalogue.set_entries(entries);
        load_training(&source, &catalogue).0
    });
    (rx, handle)
}

/// `trolyso train results`: every result kept on this PC, as CSV for
/// Excel or JSON, to the screen or a file.
pub fn run_results(
    dir: &Path,
    format: ResultsFormat,
    out: Option<&PathBuf>,
    scenarios: &[Scenario],
    lang: Lang,
    stdout: &mut impl Write,
) -> Result<(), Message> {
    let io = |p: &Path| {
        let p = p.to_owned();
        move |e: std::io::Error| crate::store::StoreError::io_at(&p)(e).message()
    };
    let (results, bad) = crate::shell::results::read(dir).map_err(io(dir))?;
    if bad > 0 {
        tracing::warn!("{bad} result lines could not be read");
    }
    let title = |id: &str| {
        scenarios
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_owned(), |s| s.title.get(lang).to_owned())
    };
    let scenario = |id: &str| scenarios.iter().find(|s| s.id == id);
    // The criterion's words as the score card says them; an id no longer
    // in the scenario as it is.
    let criterion = |sc: &str, id: &str| {
        scenario(sc)
            .and_then(|s| s.checks.iter().find(|c| c.id == id))
            .map_or_else(|| id.to_owned(), |c| c.say.get(lang).to_owned())
    };
    let ended = |name: &str| match crate::store::Status::from_name(name) {
        Some(status) => Message::new(status.message_key()).render(lang),
        None => Message::new("train.ended_left").render(lang),
    };
    let words = crate::shell::results::Words {
        title: &title,
        criterion: &criterion,
        ended: &ended,
    };
    let text = match format {
        ResultsFormat::Csv => crate::shell::results::csv(&results, &words),
        ResultsFormat::Json => {
            let mut t = serde_json::to_string_pretty(&results)
                .map_err(|e| Message::new("store.internal").arg("detail", e))?;
            t.push('\n');
            t
        }
    };
    match out {
        Some(path) => {
            crate::store::paths::write_private(path, text.as_bytes()).map_err(io(path))?;
            writeln!(
                stdout,
                "{}",
                Message::new("train.results_written")
                    .arg("count", results.len())
                    .arg("path", path.display())
                    .render(lang)
            )
            .map_err(io(path))
        }
        None => stdout.write_all(text.as_bytes()).map_err(io(dir)),
    }
}
