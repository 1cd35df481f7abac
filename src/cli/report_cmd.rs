//! `trolyso report` and `trolyso report push`: the commune's report in the
//! terminal or a file, and its anonymised counts for the province.

use std::io::Write;
use std::path::Path;

use super::store_cmds::{Failure, fail, open};
use super::{PeriodArgs, ReportArgs, ReportCommand, ReportFormat};
use crate::domain::Date;
use crate::domain::procedure::Catalogue;
use crate::domain::units::Units;
use crate::i18n::{Lang, Message};
use crate::report::format::{self, Labels};
use crate::report::push;
#[cfg(feature = "push")]
use crate::report::push::Target;
use crate::report::{Period, Report};
use crate::store::{Change, SentRow, Store, StoreError, now_ms, watch};

/// Where the URL may come from instead of the command line (which other
/// users of the PC can see in the process list).
pub const POSTGRES_URL_ENV: &str = "TROLYSO_POSTGRES_URL";

impl PeriodArgs {
    /// The period asked for; this month when none is.
    pub fn period(&self, today: Date) -> Result<Period, Message> {
        match (&self.month, &self.from, &self.to) {
            (Some(m), ..) => Period::parse_month(m),
            (None, Some(from), Some(to)) => Period::parse_range(from, to),
            _ => Ok(Period::month_of(today)),
        }
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    crate::store::paths::write_private(path, text.as_bytes()).map_err(|e| StoreError::io_at(path)(e).into())
}

/// Runs `report` (with `push` when asked); what it prints goes to `out`.
pub fn run_report(
    args: &ReportArgs,
    dir: &Path,
    catalogue: &Catalogue,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let io = |_| fail("cli.write_failed");
    let today = Date::today();
    let period = match &args.command {
        Some(ReportCommand::Push { period, .. }) => period.period(today),
        None => args.period.period(today),
    }
    .map_err(Failure::from)?;
    let store = open(dir, lang)?;
    let report = watch::busy(|| crate::report::build(&store, period, now_ms()))?;
    let place = store
        .settings()?
        .home_commune
        .and_then(|code| Units::embedded().place(code));
    let labels = Labels {
        catalogue,
        lang,
        place,
    };
    let Some(push) = &args.command else {
        let text = match args.format {
            ReportFormat::Table => format::table(&report, &labels),
            ReportFormat::Csv => format::csv(&report, &labels),
            ReportFormat::Json => format::json(&report, &labels),
            ReportFormat::Html => format::html(&report, &labels),
        };
        return match &args.out {
            Some(path) => {
                store.may_leave()?;
                write_file(path, &text)?;
                let msg = Message::new("report.written").arg("file", path.display());
                writeln!(out, "{}", msg.render(lang)).map_err(io)
            }
            None => out.write_all(text.as_bytes()).map_err(io),
        };
    };
    push_report(&store, &report, push, lang, out)
}

fn push_report(
    store: &Store,
    report: &Report,
    command: &ReportCommand,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let ReportCommand::Push {
        postgres: url,
        ca,
        dry_run,
        csv,
        timeout,
        ..
    } = command;
    let io = |_| fail("cli.write_failed");
    store.may_leave()?;
    let settings = store.settings()?;
    let commune = settings
        .home_commune
        .and_then(|c| Units::embedded().commune(c))
        .ok_or_else(|| fail("report.push.no_commune"))?;
    let machine = store.machine_id()?;
    let rows = push::rows(report, commune.province_code, commune.code, &machine);
    if *dry_run {
        return out.write_all(push::csv(&rows).as_bytes()).map_err(io);
    }
    let env_url = std::env::var(POSTGRES_URL_ENV).ok().filter(|u| !u.is_empty());
    let (to, changed): (String, Option<u64>) = match (csv, url.as_deref().or(env_url.as_deref())) {
        (Some(path), _) => {
            write_file(path, &push::csv(&rows))?;
            (path.display().to_string(), None)
        }
        #[cfg(feature = "push")]
        (None, Some(url)) => {
            let target = Target {
                url,
                ca_file: ca.as_deref(),
                patience: std::time::Duration::from_secs(*timeout),
            };
            // Not watched: a slow network is not damaged data.
            let changed = push::send(&target, &rows).map_err(Failure::from)?;
            (target.shown(), Some(changed))
        }
        #[cfg(not(feature = "push"))]
        (None, Some(_)) => {
            let _ = (ca, timeout);
            return Err(fail("report.push.not_built"));
        }
        (None, None) => return Err(fail("report.push.no_target")),
    };
    store.record_sent(
        &settings.helper,
        Change::Sent {
            to: to.clone(),
            period: report.period.key(),
            dataset: report.dataset.clone(),
            rows: rows
                .iter()
                .map(|r| SentRow(r.metric.clone(), r.breakdown.clone(), r.value))
                .collect(),
        },
    )?;
    let suppressed = rows.iter().filter(|r| r.value.is_none()).count();
    let msg = match changed {
        Some(changed) => Message::new("report.push.sent")
            .arg("rows", rows.len())
            .arg("changed", changed)
            .arg("suppressed", suppressed)
            .arg("server", to),
        None => Message::new("report.push.csv_written")
            .arg("rows", rows.len())
            .arg("suppressed", suppressed)
            .arg("file", to),
    };
    writeln!(out, "{}", msg.render(lang)).map_err(io)
}
