//! The commune's report: counts over a period, from the facts the store
//! keeps beside each case (the cases worked on in the period and those
//! waiting now), never from every case. One [`Report`] of rows; every
//! format (`format`) and the province's push (`push`) are drawn from it, so
//! they agree to the unit.

pub mod format;
mod period;
pub mod push;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use period::Period;

use trolyso_core::domain::Date;
use trolyso_core::domain::date::local_day;
use trolyso_core::domain::procedure::{Catalogue, Level};
use trolyso_core::domain::report::Stage;
use trolyso_store::store::{Facts, Id, Status, Store, StoreError};

/// What a row counts. The names are stable: files and the province's table
/// keep them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Residents with a case worked on in the period.
    ResidentsHelped,
    CasesWorked,
    Started,
    Filed,
    Done,
    Paused,
    Cancelled,
    /// Filed cases by the procedure's level (toàn trình, một phần…).
    FiledByLevel,
    /// Of the filed cases whose level is known online, the toàn trình share (%).
    FullShare,
    /// VNeID accounts reaching a stage in the period.
    Accounts,
    /// Why visits stopped (pauses and cancellations in the period).
    StopReasons,
    /// Cases waiting now: paused (by reason) or asked for more.
    WaitingNow,
    /// Median whole days from a case's start to its filing.
    MedianDaysToFile,
    /// Paused cases' next visits, as of the day the report is made.
    NextVisits,
    /// Cases started per day of the period.
    StartedByDay,
    HelperStarted,
    HelperFiled,
}

impl Metric {
    pub fn name(self) -> &'static str {
        match self {
            Metric::ResidentsHelped => "residents_helped",
            Metric::CasesWorked => "cases_worked",
            Metric::Started => "started",
            Metric::Filed => "filed",
            Metric::Done => "done",
            Metric::Paused => "paused",
            Metric::Cancelled => "cancelled",
            Metric::FiledByLevel => "filed_by_level",
            Metric::FullShare => "full_share_pct",
            Metric::Accounts => "vneid_accounts",
            Metric::StopReasons => "stop_reasons",
            Metric::WaitingNow => "waiting_now",
            Metric::MedianDaysToFile => "median_days_to_file",
            Metric::NextVisits => "next_visits",
            Metric::StartedByDay => "started_by_day",
            Metric::HelperStarted => "helper_started",
            Metric::HelperFiled => "helper_filed",
        }
    }

    /// The words for the metric (`report.metric.<name>`).
    pub fn message_key(self) -> &'static str {
        match self {
            Metric::ResidentsHelped => "report.metric.residents_helped",
            Metric::CasesWorked => "report.metric.cases_worked",
            Metric::Started => "report.metric.started",
            Metric::Filed => "report.metric.filed",
            Metric::Done => "report.metric.done",
            Metric::Paused => "report.metric.paused",
            Metric::Cancelled => "report.metric.cancelled",
            Metric::FiledByLevel => "report.metric.filed_by_level",
            Metric::FullShare => "report.metric.full_share_pct",
            Metric::Accounts => "report.metric.vneid_accounts",
            Metric::StopReasons => "report.metric.stop_reasons",
            Metric::WaitingNow => "report.metric.waiting_now",
            Metric::MedianDaysToFile => "report.metric.median_days_to_file",
            Metric::NextVisits => "report.metric.next_visits",
            Metric::StartedByDay => "report.metric.started_by_day",
            Metric::HelperStarted => "report.metric.helper_started",
            Metric::HelperFiled => "report.metric.helper_filed",
        }
    }

    /// Rows the province never gets: helpers' names, and the daily line
    /// (the month's totals are what it compares).
    pub fn stays_in_commune(self) -> bool {
        matches!(
            self,
            Metric::HelperStarted | Metric::HelperFiled | Metric::StartedByDay
        )
    }
}

/// One number of the report. `breakdown` is empty for a total, else
/// `kind:value` (`procedure:dang-ky-khai-sinh`, `reason:no_otp`…); `base`
/// is how many cases stand behind the number (the value itself for a
/// count), what small-count suppression looks at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub metric: Metric,
    pub breakdown: String,
    pub value: i64,
    #[serde(skip)]
    pub base: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub period: Period,
    /// When it was made (ms since 1970).
    pub made_ms: i64,
    /// A hash of what was counted: each case's id and revision (16 letters a–p, `text::letter_code`: no digits).
    pub dataset: String,
    pub rows: Vec<Row>,
}

impl Report {
    pub fn row(&self, metric: Metric, breakdown: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.metric == metric && r.breakdown == breakdown)
    }

    pub fn value(&self, metric: Metric, breakdown: &str) -> Option<i64> {
        self.row(metric, breakdown).map(|r| r.value)
    }

    /// A metric's breakdown rows (its total left out), largest first; rows
    /// of the same size keep the report's order.
    pub fn largest(&self, metric: Metric) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.rows_of(metric).filter(|r| !r.breakdown.is_empty()).collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.value));
        rows
    }

    /// The rows of one metric, in report order.
    pub fn rows_of(&self, metric: Metric) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |r| r.metric == metric)
    }
}

/// Reads the facts the report needs from the store and counts them.
pub fn build(
    store: &Store,
    catalogue: &Catalogue,
    period: Period,
    now_ms: i64,
) -> Result<Report, StoreError> {
    let (first, last) = period.days();
    let worked_ids = store.cases_worked_between(first, last)?;
    let mut waiting_ids = store.cases_with_status(Status::Paused)?;
    waiting_ids.extend(store.cases_with_status(Status::NeedsMore)?);
    // Each case's facts read once, even one worked on and waiting too.
    let mut worked = Vec::new();
    let mut waiting = Vec::new();
    for f in store.facts_of(worked_ids.union(&waiting_ids).copied())? {
        if waiting_ids.contains(&f.case) {
            waiting.push(f.clone());
        }
        if worked_ids.contains(&f.case) {
            worked.push(f);
        }
    }
    Ok(compute(
        period,
        &worked,
        &waiting,
        |p| level_of(catalogue, p),
        now_ms,
    ))
}

/// The level of a case's procedure: its guided file's, or the national
/// list's for a case of a catalogue entry.
pub fn level_of(catalogue: &Catalogue, procedure: &str) -> Level {
    if let Some(e) = catalogue.entry(procedure) {
        return e.level;
    }
    match catalogue.get(procedure) {
        Some(p) if !procedure.starts_with(trolyso_core::domain::procedure::ENTRY_PREFIX) => p.level,
        _ => Level::Unknown,
    }
}

/// Counts `worked` (the facts of cases worked on in the period) and
/// `waiting` (cases paused or asked for more now).
pub fn compute(
    period: Period,
    worked: &[Facts],
    waiting: &[Facts],
    level: impl Fn(&str) -> Level,
    now_ms: i64,
) -> Report {
    let within = |ms: i64| period.contains_day(local_day(ms));
    let mut rows = Vec::new();
    let mut push = |metric, breakdown: String, value: i64, base: i64| {
        rows.push(Row {
            metric,
            breakdown,
            value,
            base,
        })
    };

    let residents: HashSet<Id> = worked.iter().map(|f| f.resident.unwrap_or(f.case)).collect();
    push(
        Metric::ResidentsHelped,
        String::new(),
        residents.len() as i64,
        residents.len() as i64,
    );
    push(
        Metric::CasesWorked,
        String::new(),
        worked.len() as i64,
        worked.len() as i64,
    );

    let started: Vec<&Facts> = worked.iter().filter(|f| within(f.created_ms)).collect();
    let reached = |status: Status| -> Vec<&Facts> {
        worked
            .iter()
            .filter(|f| f.marks.iter().any(|m| m.to == status && within(m.at_ms)))
            .collect()
    };
    let filed = reached(Status::Filed);
    for (metric, facts) in [
        (Metric::Started, &started),
        (Metric::Filed, &filed),
        (Metric::Done, &reached(Status::Done)),
        (Metric::Paused, &reached(Status::Paused)),
        (Metric::Cancelled, &reached(Status::Cancelled)),
    ] {
        push(metric, String::new(), facts.len() as i64, facts.len() as i64);
        for (procedure, n) in count(facts.iter().map(|f| f.procedure.clone())) {
            push(metric, format!("procedure:{procedure}"), n, n);
        }
    }

    let levels = count(
        filed
            .iter()
            .map(|f| trolyso_core::domain::catalogue::level_name(level(&f.procedure)).to_owned()),
    );
    for (name, n) in &levels {
        push(Metric::FiledByLevel, format!("level:{name}"), *n, *n);
    }
    let full = levels.get("toan_trinh").copied().unwrap_or(0);
    let online = full + levels.get("mot_phan").copied().unwrap_or(0);
    if online > 0 {
        push(
            Metric::FullShare,
            String::new(),
            (full * 100 + online / 2) / online,
            online,
        );
    }

    let accounts: Vec<&Facts> = worked
        .iter()
        .filter(|f| {
            trolyso_core::domain::report::ACCOUNT_GUIDES
                .iter()
                .any(|(p, ..)| *p == f.procedure)
        })
        .collect();
    for stage in Stage::ALL {
        let n = accounts
            .iter()
            .filter(|f| match stage {
                Stage::Prepared => within(f.created_ms),
                Stage::Registered => f.registered_ms.is_some_and(within),
                Stage::Activated => f.activated_ms.is_some_and(within),
            })
            .count() as i64;
        push(Metric::Accounts, format!("stage:{}", stage.name()), n, n);
    }

    let stops = count(worked.iter().flat_map(|f| {
        f.marks
            .iter()
            .filter(|m| matches!(m.to, Status::Paused | Status::Cancelled) && within(m.at_ms))
            .map(|m| m.reason.map_or("unknown", |r| r.name()).to_owned())
    }));
    for (reason, n) in stops {
        push(Metric::StopReasons, format!("reason:{reason}"), n, n);
    }

    let waiting_by = count(waiting.iter().map(|f| match (f.status, f.reason) {
        (Status::NeedsMore, _) => "status:needs_more".to_owned(),
        (_, Some(r)) => format!("reason:{}", r.name()),
        (_, None) => "reason:unknown".to_owned(),
    }));
    push(
        Metric::WaitingNow,
        String::new(),
        waiting.len() as i64,
        waiting.len() as i64,
    );
    for (key, n) in waiting_by {
        push(Metric::WaitingNow, key, n, n);
    }

    let mut days: Vec<i64> = filed
        .iter()
        .filter_map(|f| {
            let at = f
                .marks
                .iter()
                .find(|m| m.to == Status::Filed && within(m.at_ms))?;
            Some(local_day(at.at_ms) - local_day(f.created_ms))
        })
        .collect();
    days.sort_unstable();
    if let Some(median) = days.get(days.len().saturating_sub(1) / 2) {
        push(
            Metric::MedianDaysToFile,
            String::new(),
            *median,
            days.len() as i64,
        );
    }

    let today = local_day(now_ms);
    let due = count(waiting.iter().filter(|f| f.status == Status::Paused).map(|f| {
        let day = f
            .next_visit
            .as_deref()
            .and_then(|d| trolyso_core::domain::validate::parse_date(d).ok())
            .map(Date::days_since_epoch);
        match day {
            None => "due:no_date",
            Some(d) if d < today => "due:overdue",
            Some(d) if d <= today + 7 => "due:within_7_days",
            Some(_) => "due:later",
        }
        .to_owned()
    }));
    for (key, n) in due {
        push(Metric::NextVisits, key, n, n);
    }

    let by_day = count(started.iter().map(|f| local_day(f.created_ms)));
    let (first, last) = period.days();
    for day in first..=last {
        let n = by_day.get(&day).copied().unwrap_or(0);
        let date = Date::from_days_since_epoch(day);
        push(
            Metric::StartedByDay,
            format!("day:{:04}-{:02}-{:02}", date.year, date.month, date.day),
            n,
            n,
        );
    }

    for (helper, n) in count(started.iter().map(|f| f.helper.clone())) {
        push(Metric::HelperStarted, format!("helper:{helper}"), n, n);
    }
    for (helper, n) in count(filed.iter().filter_map(|f| {
        f.marks
            .iter()
            .find(|m| m.to == Status::Filed && within(m.at_ms))
            .map(|m| m.helper.clone())
    })) {
        push(Metric::HelperFiled, format!("helper:{helper}"), n, n);
    }

    Report {
        period,
        made_ms: now_ms,
        dataset: dataset_hash(&period, worked.iter().chain(waiting)),
        rows,
    }
}

/// How often each value occurs, in order of the value.
fn count<K: Ord>(items: impl IntoIterator<Item = K>) -> BTreeMap<K, i64> {
    let mut counts = BTreeMap::new();
    for k in items {
        *counts.entry(k).or_insert(0) += 1;
    }
    counts
}

/// The period and each counted case's id and revision, hashed: the same
/// data gives the same hash, any edit another. Ids are random, so the hash
/// says nothing of a person.
fn dataset_hash<'a>(period: &Period, facts: impl Iterator<Item = &'a Facts>) -> String {
    let counted: BTreeSet<(Id, u64)> = facts.map(|f| (f.case, f.revision)).collect();
    let mut h = Sha256::new();
    h.update(period.key().as_bytes());
    for (id, revision) in counted {
        h.update(id.0);
        h.update(revision.to_be_bytes());
    }
    trolyso_core::text::letter_code(&h.finalize()[..8])
}

#[cfg(test)]
mod tests;
