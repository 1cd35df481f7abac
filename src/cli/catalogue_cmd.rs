//! `trolyso catalogue import FILE.csv`: the province's whole list, kept in
//! the data folder beside the shipped one.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::domain::catalogue::{self, Entry};
use crate::i18n::{Lang, Message};

fn catalogue_file(dir: &Path) -> PathBuf {
    dir.join("imported-catalogue.csv")
}

/// The largest list accepted. A province's list is ~2,000 rows (~300 KB)
/// and the national one ~6,000; more than this is the wrong file.
pub const MAX_CATALOGUE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads at most [`MAX_CATALOGUE_BYTES`] (and one byte more, to know): a
/// wrong file of a gigabyte is never taken into memory.
fn read_capped(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_CATALOGUE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_CATALOGUE_BYTES).then_some(bytes))
}

/// The imported list, if any (read by the app at start). One larger than
/// an import accepts (put there by hand) is left out, and logged.
pub fn imported_catalogue(dir: &Path) -> Option<String> {
    match read_capped(&catalogue_file(dir)) {
        Ok(Some(bytes)) => String::from_utf8(bytes).ok(),
        Ok(None) => {
            tracing::warn!("the imported catalogue is larger than {MAX_CATALOGUE_BYTES} bytes: left out");
            None
        }
        Err(_) => None,
    }
}

/// Imports `file` into the data folder `dir`; prints the report. Every good
/// line is imported in one step; bad lines are listed with their numbers
/// and make the exit code 1.
pub fn run_catalogue_import(file: &Path, dir: &Path, lang: Lang, out: &mut impl Write) -> i32 {
    let say = |out: &mut dyn Write, m: Message| {
        let _ = writeln!(out, "{}", m.render(lang));
    };
    // The data folder is shared with the app: an import waits for no one
    // and writes under the same lock.
    let _lock = match crate::store::paths::create_private_dir(dir)
        .map_err(crate::store::paths::LockError::Io)
        .and_then(|()| crate::store::paths::DirLock::acquire(dir))
    {
        Ok(lock) => lock,
        Err(crate::store::paths::LockError::Busy) => {
            say(
                out,
                crate::store::StoreError::InUse { dir: dir.to_owned() }.message(),
            );
            return 2;
        }
        Err(crate::store::paths::LockError::Io(source)) => {
            say(out, crate::store::StoreError::io_at(dir)(source).message());
            return 1;
        }
    };
    let text = match read_capped(file) {
        Ok(Some(bytes)) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                say(
                    out,
                    Message::new("catalogue.not_utf8").arg("file", file.display()),
                );
                return 1;
            }
        },
        Ok(None) => {
            say(
                out,
                Message::new("catalogue.too_big")
                    .arg("file", file.display())
                    .arg("max", MAX_CATALOGUE_BYTES / (1024 * 1024)),
            );
            return 1;
        }
        Err(e) => {
            say(
                out,
                Message::new("catalogue.read")
                    .arg("file", file.display())
                    .word("detail", crate::store::io_problem(&e)),
            );
            return 1;
        }
    };
    let parsed = catalogue::parse(&text);
    let mut all: BTreeMap<String, Entry> = BTreeMap::new();
    let before = imported_catalogue(dir);
    if let Some(old) = &before {
        for e in catalogue::parse(old).entries {
            all.insert(e.code.clone(), e);
        }
    }
    let (mut added, mut changed) = (0, 0);
    for e in &parsed.entries {
        match all.insert(e.code.clone(), e.clone()) {
            None => added += 1,
            Some(old) if old != *e => changed += 1,
            Some(_) => {}
        }
    }
    let csv = catalogue::to_csv(&all);
    let changes = before.as_deref() != Some(csv.as_str()) && !parsed.entries.is_empty();
    if changes
        && let Err(e) = crate::store::paths::create_private_dir(dir)
            .and_then(|()| crate::store::paths::write_private(&catalogue_file(dir), csv.as_bytes()))
    {
        say(out, crate::store::StoreError::io_at(dir)(e).message());
        return 1;
    }
    say(
        out,
        Message::new("catalogue.report")
            .arg("accepted", parsed.entries.len())
            .arg("added", added)
            .arg("changed", changed)
            .arg("rejected", parsed.rejected.len())
            .arg("total", all.len()),
    );
    for r in &parsed.rejected {
        say(
            out,
            Message::new("catalogue.line")
                .arg("line", r.line)
                .arg("problem", r.message.render(lang)),
        );
    }
    i32::from(!parsed.rejected.is_empty())
}
