use std::io::Write;

use crate::assets::AssetSource;
use crate::domain::procedure::load_all;
use crate::i18n::{Lang, Message};

/// `trolyso check [DIR]`: every problem on its own line, then a summary.
/// Returns the process exit code: 0 when there is no problem, 1 otherwise.
pub fn run_check(source: &AssetSource, lang: Lang, out: &mut impl Write) -> std::io::Result<i32> {
    let files = match source.procedure_files() {
        Ok(files) => files,
        Err(e) => {
            writeln!(out, "{}", e.message().render(lang))?;
            return Ok(1);
        }
    };
    let catalogue = load_all(&files);
    for problem in &catalogue.problems {
        writeln!(out, "{}", problem.render(lang))?;
    }
    let summary = Message::new("check.summary")
        .arg("procedures", catalogue.procedures.len())
        .arg("problems", catalogue.problems.len());
    writeln!(out, "{}", summary.render(lang))?;
    // Scenarios are held against the procedures just read, with the
    // national list they may name; a folder of procedures alone has none.
    if !source.has_training() {
        return Ok(if catalogue.problems.is_empty() { 0 } else { 1 });
    }
    let mut catalogue = catalogue;
    catalogue.set_entries(crate::domain::catalogue::with_shipped(None));
    let (scenarios, problems) = super::load_training(source, &catalogue);
    for problem in &problems {
        writeln!(out, "{}", problem.render(lang))?;
    }
    let summary = Message::new("check.training_summary")
        .arg("scenarios", scenarios.len())
        .arg("problems", problems.len());
    writeln!(out, "{}", summary.render(lang))?;
    Ok(if catalogue.problems.is_empty() && problems.is_empty() {
        0
    } else {
        1
    })
}
