//! The commune's report: counts over a period, from the facts the store
//! keeps beside each case (the cases worked on in the period and those
//! waiting now), never from every case. One [`Report`] of rows; every
//! format (`format`) and the province's push (`push`) are drawn from it, so
//! they agree to the unit.

pub mod format;
pub mod push;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use sha2::{Digest, Sha256};

pub use trolyso_core::domain::report::{Metric, Period, Report, Row};

use trolyso_core::domain::Date;
use trolyso_core::domain::date::local_day;
use trolyso_core::domain::procedure::Level;
use trolyso_core::domain::report::Stage;
use trolyso_store::store::{Facts, Id, Status, Store, StoreError};

/// Reads the facts the report needs from the store and counts them.
pub fn build(store: &Store, period: Period, now_ms: i64) -> Result<Report, StoreError> {
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
    Ok(compute(period, &worked, &waiting, now_ms))
}

/// Counts `worked` (the facts of cases worked on in the period) and
/// `waiting` (cases paused or asked for more now).
pub fn compute(period: Period, worked: &[Facts], waiting: &[Facts], now_ms: i64) -> Report {
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

    // The level the portal showed, as recorded when the case was marked
    // filed: never assumed from the guide (the province's setup decides
    // it). Filings with none recorded are counted as such.
    let levels =
        count(filed.iter().map(|f| {
            trolyso_core::domain::catalogue::level_name(f.level.unwrap_or(Level::Unknown)).to_owned()
        }));
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
    // People, not cases: a resident whose first try stopped at the OTP and
    // whose second went through is one account.
    for stage in Stage::ALL {
        let people: HashSet<Id> = accounts
            .iter()
            .filter(|f| match stage {
                Stage::Prepared => within(f.created_ms),
                Stage::Registered => f.registered_ms.is_some_and(within),
                Stage::Activated => f.activated_ms.is_some_and(within),
            })
            .map(|f| f.resident.unwrap_or(f.case))
            .collect();
        let n = people.len() as i64;
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
