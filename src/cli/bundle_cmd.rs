//! `trolyso office …` and `trolyso bundle …`: the office's key, and bundles
//! of cases carried from a field laptop to the office.

use std::io::Write;
use std::path::Path;

use super::store_cmds::{Failure, fail, open};
use super::{BundleCommand, OfficeCommand};
use crate::bundle;
use crate::domain::procedure::Catalogue;
use crate::i18n::{Lang, Message};
use crate::store::exchange::Since;
use crate::store::{StoreError, watch};

fn say(out: &mut impl Write, message: Message, lang: Lang) -> Result<(), Failure> {
    writeln!(out, "{}", message.render(lang)).map_err(|_| fail("cli.write_failed"))
}

/// `office export-key` and `office join`.
pub fn run_office(
    command: &OfficeCommand,
    dir: &Path,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let store = open(dir, lang)?;
    match command {
        OfficeCommand::ExportKey { out: file } => {
            let text = bundle::key_file_text(&store)?;
            crate::store::paths::write_private(file, text.as_bytes())
                .map_err(|e| Failure::from(StoreError::io_at(file)(e)))?;
            say(
                out,
                Message::new("bundle.key_written").arg("path", file.display()),
                lang,
            )
        }
        OfficeCommand::Join { file } => {
            let kind = match bundle::kind_of(file) {
                Some(bundle::Kind::Request) => return Err(fail("bundle.join_a_request")),
                Some(kind) => kind,
                // Not one of ours: the key file's reader says why.
                None => bundle::Kind::KeyFile,
            };
            let helper = store.settings()?.helper;
            for line in bundle::take(&store, file, kind, &helper)? {
                say(out, line, lang)?;
            }
            Ok(())
        }
        OfficeCommand::Enrol { file, yes } => {
            for line in bundle::describe(&store, file, bundle::Kind::Request)? {
                say(out, line, lang)?;
            }
            if !*yes && !confirmed(lang)? {
                return Err(fail("bundle.enrol_declined"));
            }
            let helper = store.settings()?.helper;
            for line in bundle::take(&store, file, bundle::Kind::Request, &helper)? {
                say(out, line, lang)?;
            }
            Ok(())
        }
        OfficeCommand::Machines => {
            let keys = store.office_keys()?;
            let mut any = false;
            for (id, m) in keys.machines() {
                any = true;
                let day = |ms: i64| crate::domain::date::local_time(ms).0.to_string();
                let place = bundle::place(m.commune);
                let key = if m.revoked_ms.is_some() {
                    "bundle.machine_revoked"
                } else {
                    "bundle.machine_row"
                };
                let row = Message::new(key)
                    .arg("machine", id)
                    .arg("helper", &m.helper)
                    .arg("place", place)
                    .arg("enrolled", day(m.enrolled_ms))
                    .arg("last", m.last_bundle_ms.map_or_else(|| "—".into(), day))
                    .arg("cases", m.cases);
                say(out, row, lang)?;
            }
            if !any {
                say(out, Message::new("bundle.no_machines"), lang)?;
            }
            Ok(())
        }
        OfficeCommand::Revoke { machine } => {
            let helper = store.settings()?.helper;
            match store.revoke(machine, &helper)? {
                Some(id) => say(out, Message::new("bundle.revoked").arg("machine", id), lang),
                None => Err(Failure {
                    code: 1,
                    message: Message::new("bundle.no_such_machine").arg("machine", machine),
                }),
            }
        }
    }
}

/// A yes typed on the terminal ("c", "có", "y", "yes").
fn confirmed(lang: Lang) -> Result<bool, Failure> {
    eprint!("{}", Message::new("bundle.enrol_confirm").render(lang));
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|_| fail("bundle.enrol_declined"))?;
    let typed = crate::text::fold(line.trim());
    Ok(matches!(typed.as_str(), "c" | "co" | "y" | "yes"))
}

/// What `--since` says: `last`, `all` or a day.
fn since(text: &str) -> Result<Since, Failure> {
    match text.trim() {
        "last" => Ok(Since::Last),
        "all" => Ok(Since::All),
        day => crate::domain::validate::parse_date(day)
            .map(|d| Since::From(crate::domain::date::day_start_ms(d)))
            .map_err(|_| fail("bundle.bad_since")),
    }
}

/// `bundle export` and `bundle import`.
pub fn run_bundle(
    command: &BundleCommand,
    dir: &Path,
    catalogue: &Catalogue,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match command {
        BundleCommand::Export { out: to, since: from } => {
            let from = since(from)?;
            let store = open(dir, lang)?;
            let helper = store.settings()?.helper;
            // Into a folder: every bundle this machine sends (to its office,
            // and back to the machines it enrolled); a file: the office's.
            let written = if to.is_dir() {
                watch::busy(|| bundle::export_all(&store, from, to, &helper))?
            } else {
                watch::busy(|| bundle::export(&store, from, to, &helper))?
                    .into_iter()
                    .collect()
            };
            if written.is_empty() {
                return say(out, Message::new("bundle.nothing_new"), lang);
            }
            for w in written {
                say(out, w.message(), lang)?;
            }
            Ok(())
        }
        BundleCommand::Import { file, dry_run } => {
            let store = open(dir, lang)?;
            let mode = match dry_run {
                true => bundle::ImportMode::Preview,
                false => bundle::ImportMode::Write,
            };
            let received = watch::busy(|| bundle::import(&store, file, catalogue, mode))?;
            for line in bundle::summary(&received) {
                say(out, line, lang)?;
            }
            // Before writing, every case it brings; after, those a person
            // must look at.
            let listed =
                (received.cases.iter()).filter(|a| *dry_run || a.landing == bundle::Landing::Conflict);
            for arrival in listed {
                say(out, arrival.message(catalogue), lang)?;
            }
            if *dry_run {
                say(out, Message::new("bundle.dry_run"), lang)?;
            } else {
                say(out, bundle::taken(&received), lang)?;
            }
            Ok(())
        }
    }
}
