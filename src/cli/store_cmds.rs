//! `backup`, `restore`, `cases list` and `passphrase`: the store from the
//! command line, for scripts and for the office's own care of its data.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::Serialize;
use zeroize::Zeroizing;

use super::{CasesCommand, DevCommand, StoreCommand, secret};
use crate::domain::date::local_time;
use crate::domain::privacy::mask_number;
use crate::i18n::{Lang, Message, tr};
use crate::store::{CaseRow, Status, Store, StoreError, now_ms, restore, watch};

pub const PASSPHRASE_ENV: &str = "TROLYSO_PASSPHRASE";
pub const NEW_PASSPHRASE_ENV: &str = "TROLYSO_NEW_PASSPHRASE";
pub const RECOVERY_CODE_ENV: &str = "TROLYSO_RECOVERY_CODE";

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CasesFormat {
    Table,
    Json,
}

/// A failure to report: the words, and the exit code (2: the data is in use
/// by another window).
pub struct Failure {
    pub message: Message,
    pub code: u8,
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        let code = if matches!(e, StoreError::InUse { .. }) {
            2
        } else {
            1
        };
        Failure {
            message: e.message(),
            code,
        }
    }
}

/// Today's backup could not be taken after the command did its work: said
/// with why, exit code 4 (the work is done; the backup is what is missing).
fn daily_backup_failed(e: StoreError) -> Failure {
    let why = e.message();
    Failure {
        message: Message::new("cli.daily_backup_failed").localized(
            "detail",
            &why.render(Lang::Vi),
            &why.render(Lang::En),
        ),
        code: 4,
    }
}

/// Words already put together (a bad period, a refused push): exit code 1.
impl From<Message> for Failure {
    fn from(message: Message) -> Self {
        Failure { message, code: 1 }
    }
}

pub(super) fn fail(key: &'static str) -> Failure {
    Message::new(key).into()
}

/// A secret from the environment variable `name`; an empty one counts as
/// unset (a script's `TROLYSO_PASSPHRASE=` must not spend a wrong try).
fn env_secret(name: &str) -> Option<Zeroizing<String>> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .map(Zeroizing::new)
}

/// A passphrase from the environment variable `env` if set, else asked at
/// the terminal.
fn passphrase(lang: Lang, env: Option<&str>, prompt_key: &'static str) -> Result<Zeroizing<String>, Failure> {
    if let Some(p) = env.and_then(env_secret) {
        return Ok(p);
    }
    secret::prompt(&tr(lang, prompt_key)).ok_or_else(|| fail("cli.no_passphrase"))
}

/// A new passphrase from `TROLYSO_NEW_PASSPHRASE`, else asked twice; as
/// long as setup asks for.
fn new_passphrase(lang: Lang) -> Result<Zeroizing<String>, Failure> {
    let new = match env_secret(NEW_PASSPHRASE_ENV) {
        Some(p) => p,
        None => {
            let a = passphrase(lang, None, "cli.passphrase_new")?;
            let b = passphrase(lang, None, "cli.passphrase_again")?;
            if *a != *b {
                return Err(fail("cli.passphrase_mismatch"));
            }
            a
        }
    };
    if new.trim().is_empty() {
        return Err(fail("cli.passphrase_empty"));
    }
    if !crate::domain::validate::long_enough(&new) {
        return Err(fail("cli.passphrase_short"));
    }
    Ok(new)
}

pub(super) fn open(dir: &Path, lang: Lang) -> Result<Store, Failure> {
    if !crate::store::is_set_up(dir) {
        return Err(StoreError::NotSetUp { dir: dir.to_owned() }.into());
    }
    let pass = passphrase(lang, Some(PASSPHRASE_ENV), "cli.passphrase_prompt")?;
    Ok(Store::open(dir, &pass)?)
}

/// Runs a store command; what it prints goes to `out`.
pub fn run_store_command(
    command: &StoreCommand,
    dir: &Path,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let io = |_| fail("cli.write_failed");
    match command {
        StoreCommand::Backup { out: file } => {
            let store = open(dir, lang)?;
            let file = file.clone().unwrap_or_else(|| default_backup_path(dir));
            if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
                crate::store::paths::create_private_dir(parent).map_err(StoreError::io_at(parent))?;
            }
            store.backup(&file)?;
            writeln!(
                out,
                "{}",
                Message::new("cli.backup_written")
                    .arg("file", file.display())
                    .render(lang)
            )
            .map_err(io)?;
            store.take_daily_backup().map_err(daily_backup_failed)?;
            Ok(())
        }
        StoreCommand::Restore { file } => {
            let n = restore(file, dir)?;
            let msg = Message::new("cli.restored")
                .arg("dir", dir.display())
                .arg("entries", n);
            writeln!(out, "{}", msg.render(lang)).map_err(io)
        }
        StoreCommand::Cases {
            command:
                CasesCommand::List {
                    status,
                    format,
                    limit,
                },
        } => {
            let status = match status {
                Some(s) => Some(
                    Status::from_name(s)
                        .ok_or_else(|| Failure::from(Message::new("cli.unknown_status").arg("status", s)))?,
                ),
                None => None,
            };
            let store = open(dir, lang)?;
            let page = watch::busy(|| match status {
                Some(s) => store.by_status(s, *limit, None),
                None => store.recent(*limit, None),
            })?;
            print_cases(&page.items, *format, lang, out).map_err(io)?;
            // After the answer, not before: a slow or failing backup must
            // not keep a script from what it asked for.
            store.take_daily_backup().map_err(daily_backup_failed)?;
            Ok(())
        }
        StoreCommand::Passphrase { recovery: true } => {
            if !crate::store::is_set_up(dir) {
                return Err(StoreError::NotSetUp { dir: dir.to_owned() }.into());
            }
            let code = match env_secret(RECOVERY_CODE_ENV) {
                Some(c) => c,
                None => secret::prompt(&tr(lang, "cli.recovery_prompt"))
                    .ok_or_else(|| fail("cli.no_recovery_code"))?,
            };
            let new = new_passphrase(lang)?;
            let store = Store::open_with_recovery(dir, &code, &new)?;
            writeln!(out, "{}", tr(lang, "cli.passphrase_recovered")).map_err(io)?;
            store.take_daily_backup().map_err(daily_backup_failed)?;
            Ok(())
        }
        StoreCommand::Passphrase { recovery: false } => {
            let store = open(dir, lang)?;
            let old = env_secret(PASSPHRASE_ENV);
            let new = new_passphrase(lang)?;
            let old = match old {
                Some(o) => o,
                None => passphrase(lang, Some(PASSPHRASE_ENV), "cli.passphrase_prompt")?,
            };
            watch::busy(|| store.change_passphrase(&old, &new))?;
            writeln!(out, "{}", tr(lang, "cli.passphrase_changed")).map_err(io)?;
            store.take_daily_backup().map_err(daily_backup_failed)?;
            Ok(())
        }
        StoreCommand::Dev {
            command:
                DevCommand::Seed {
                    cases,
                    seed,
                    older,
                    light_kdf,
                },
        } => {
            if crate::store::is_set_up(dir) {
                return Err(StoreError::AlreadySetUp { dir: dir.to_owned() }.into());
            }
            let pass = passphrase(lang, Some(PASSPHRASE_ENV), "cli.passphrase_new")?;
            if pass.trim().is_empty() {
                return Err(fail("cli.passphrase_empty"));
            }
            let started = std::time::Instant::now();
            let kdf = if *light_kdf {
                crate::store::KdfParams::light_for_tests()
            } else {
                crate::store::KdfParams::default()
            };
            let code = crate::dev::seed::seed_folder(dir, &pass, *cases, *seed, kdf)?;
            if *older {
                Store::open(dir, &pass)?.forget_preparation()?;
            }
            let msg = Message::new("cli.seeded")
                .arg("cases", cases)
                .arg("dir", dir.display())
                .arg("seconds", format!("{:.1}", started.elapsed().as_secs_f64()))
                .arg("code", code.as_str());
            writeln!(out, "{}", msg.render(lang)).map_err(io)
        }
        StoreCommand::Dev {
            command: DevCommand::Stall,
        } => watch::busy(|| {
            loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            }
        }),
    }
}

fn default_backup_path(dir: &Path) -> PathBuf {
    let (date, time) = local_time(now_ms());
    let name = format!(
        "trolyso-thu-cong-{:04}{:02}{:02}-{}.bak",
        date.year,
        date.month,
        date.day,
        time.replace(':', "")
    );
    dir.join("backups").join(name)
}

#[derive(Serialize)]
struct CaseJson<'a> {
    id: String,
    status: &'a str,
    procedure_id: &'a str,
    procedure_version: u32,
    resident_name: Option<&'a str>,
    id_number: Option<String>,
    phone: Option<String>,
    helper: &'a str,
    updated_at: String,
    next_visit: Option<&'a str>,
    hoso_code: Option<&'a str>,
}

fn print_cases(
    rows: &[CaseRow],
    format: CasesFormat,
    lang: Lang,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let json_rows: Vec<CaseJson> = rows
        .iter()
        .map(|r| {
            let (d, t) = local_time(r.case.updated_at_ms);
            CaseJson {
                id: r.case.id.to_string(),
                status: r.case.status.name(),
                procedure_id: &r.case.procedure_id,
                procedure_version: r.case.procedure_version,
                resident_name: r.resident.as_ref().map(|x| x.full_name.as_str()),
                id_number: r
                    .resident
                    .as_ref()
                    .and_then(|x| x.id_number.as_deref())
                    .map(mask_number),
                phone: r
                    .resident
                    .as_ref()
                    .and_then(|x| x.phone.as_deref())
                    .map(mask_number),
                helper: &r.case.helper,
                updated_at: format!("{d} {t}"),
                next_visit: r.case.next_visit.as_deref(),
                hoso_code: r.case.hoso_code.as_deref(),
            }
        })
        .collect();
    match format {
        CasesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &json_rows)?;
            writeln!(out)
        }
        CasesFormat::Table => {
            writeln!(
                out,
                "{:<10} {:<16} {:<22} {:<24} {:<16} {}",
                tr(lang, "cli.col_id"),
                tr(lang, "cli.col_status"),
                tr(lang, "cli.col_procedure"),
                tr(lang, "cli.col_resident"),
                tr(lang, "cli.col_updated"),
                tr(lang, "cli.col_next_visit"),
            )?;
            for (row, j) in rows.iter().zip(&json_rows) {
                writeln!(
                    out,
                    "{:<10} {:<16} {:<22} {:<24} {:<16} {}",
                    &j.id[j.id.len() - 8..],
                    tr(lang, row.case.status.message_key()),
                    j.procedure_id,
                    j.resident_name.unwrap_or("—"),
                    j.updated_at,
                    j.next_visit.unwrap_or("")
                )?;
            }
            writeln!(
                out,
                "{}",
                Message::new("cli.cases_count")
                    .arg("count", rows.len())
                    .render(lang)
            )
        }
    }
}
