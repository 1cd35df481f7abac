//! What reports count, kept beside each case: a small sealed record of its
//! procedure, status changes and account stage, written in the same
//! transaction as every edit, and a key per day the case was worked on. A
//! report for a month reads the facts of the cases worked on that month
//! (and of the cases waiting now), never every case.
//!
//! Both live in the `idx` tree: `f` + case id → sealed [`Facts`];
//! `a` + day (4 bytes) + case id → nothing. Neither key holds anything about
//! a person.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::records::{Case, Change, Id, Reason, Record, Status};
use super::{Store, StoreError, Tx, TxResult, abort, index, watch};
use trolyso_core::domain::date::local_day;
use trolyso_core::domain::report::{Stage, account_stage};

pub const FACTS: u8 = b'f';
pub const ACTIVE_DAY: u8 = b'a';

/// One status change: to what, when, why, by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub to: Status,
    pub at_ms: i64,
    #[serde(default)]
    pub reason: Option<Reason>,
    pub helper: String,
}

/// A case as reports see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    pub case: Id,
    pub procedure: String,
    /// Who started the case.
    pub helper: String,
    #[serde(default)]
    pub resident: Option<Id>,
    pub status: Status,
    #[serde(default)]
    pub reason: Option<Reason>,
    /// dd/mm/yyyy, while paused.
    #[serde(default)]
    pub next_visit: Option<String>,
    pub created_ms: i64,
    /// Status changes, oldest first.
    #[serde(default)]
    pub marks: Vec<Mark>,
    /// When the account guide's registration / activation was first
    /// answered yes (VNeID account guides only).
    #[serde(default)]
    pub registered_ms: Option<i64>,
    #[serde(default)]
    pub activated_ms: Option<i64>,
    /// How the portal took the filing, as recorded (none: not recorded).
    #[serde(default)]
    pub level: Option<trolyso_core::domain::procedure::Level>,
    /// The case's revision these facts were taken at.
    pub revision: u64,
}

impl Record for Facts {
    const TREE: &'static str = "facts";
    const VERSION: u16 = 1;
}

impl Facts {
    /// The facts of `case` after an edit at `now` by `helper`, from the
    /// facts before it (none for a new case).
    pub fn after(prev: Option<&Facts>, case: &Case, helper: &str, now: i64) -> Facts {
        let mut marks = prev.map(|p| p.marks.clone()).unwrap_or_default();
        let was = prev.map_or(Status::Preparing, |p| p.status);
        if case.status != was {
            marks.push(Mark {
                to: case.status,
                at_ms: now,
                reason: case.reason,
                helper: helper.to_owned(),
            });
        }
        let helper = prev.map_or_else(|| case.helper.clone(), |p| p.helper.clone());
        // A stage keeps the time it was first reached.
        Facts::of(case, helper, marks, |stage| {
            let before = match stage {
                Stage::Registered => prev.and_then(|p| p.registered_ms),
                _ => prev.and_then(|p| p.activated_ms),
            };
            before.unwrap_or(now)
        })
    }

    /// The facts of `case` as it stands, with its status changes and the
    /// time each account stage it has reached was reached (`when`).
    fn of(case: &Case, helper: String, marks: Vec<Mark>, when: impl Fn(Stage) -> i64) -> Facts {
        let stage = account_stage(&case.procedure_id, &case.answers);
        let reached = |s: Stage| (stage >= Some(s)).then(|| when(s));
        Facts {
            case: case.id,
            procedure: case.procedure_id.clone(),
            helper,
            resident: case.resident_id,
            status: case.status,
            reason: case.reason,
            next_visit: case.next_visit.clone(),
            created_ms: case.created_at_ms,
            marks,
            registered_ms: reached(Stage::Registered),
            activated_ms: reached(Stage::Activated),
            level: case.filed_level,
            revision: case.revision,
        }
    }

    /// The first time the case reached `status`, if it did.
    pub fn first(&self, status: Status) -> Option<&Mark> {
        self.marks.iter().find(|m| m.to == status)
    }
}

pub fn facts_key(case: &Id) -> Vec<u8> {
    [&[FACTS][..], &case.0].concat()
}

pub fn day_key(day: i64, case: &Id) -> Vec<u8> {
    let day = u32::try_from(day.max(0)).unwrap_or(u32::MAX);
    [&[ACTIVE_DAY][..], &day.to_be_bytes(), &case.0].concat()
}

impl Store {
    /// Inside an edit's transaction: the case's facts brought up to date
    /// and the day marked as one it was worked on.
    pub(super) fn write_facts(&self, tx: &Tx, case: &Case, helper: &str, now: i64) -> TxResult<()> {
        let key = facts_key(&case.id);
        let prev: Option<Facts> = match tx.idx.get(key.as_slice())? {
            Some(bytes) => Some(self.open_record(&key, &bytes).or_else(abort)?),
            None => None,
        };
        let facts = Facts::after(prev.as_ref(), case, helper, now);
        let sealed = self.seal(&key, &facts).or_else(abort)?;
        tx.idx.insert(key, sealed)?;
        tx.idx.insert(day_key(local_day(now), &case.id), &[][..])?;
        Ok(())
    }

    /// Inside an import's transaction: the facts of a merged case, its
    /// status changes those of both machines (each with its own time and
    /// helper), and each day a merged value was `written` (milliseconds)
    /// marked worked on.
    pub(super) fn write_merged_facts(
        &self,
        tx: &Tx,
        case: &Case,
        incoming: &[Mark],
        status: Option<&super::clock::Clock>,
        written: impl Iterator<Item = i64>,
    ) -> TxResult<()> {
        let key = facts_key(&case.id);
        let prev: Option<Facts> = match tx.idx.get(key.as_slice())? {
            Some(bytes) => Some(self.open_record(&key, &bytes).or_else(abort)?),
            None => None,
        };
        let mut marks: Vec<Mark> = prev
            .iter()
            .flat_map(|p| p.marks.clone())
            .chain(incoming.iter().cloned())
            .collect();
        marks.sort_by(|a, b| (a.at_ms, a.to.code(), &a.helper).cmp(&(b.at_ms, b.to.code(), &b.helper)));
        marks.dedup_by(|a, b| a.at_ms == b.at_ms && a.to == b.to);
        let (helper, at) = status.map_or((case.helper.clone(), case.created_at_ms), |c| {
            (c.helper.clone(), super::clock::ms_of_reading(c.at))
        });
        let base = Facts {
            status: marks.last().map_or(Status::Preparing, |m| m.to),
            marks,
            ..prev.unwrap_or_else(|| Facts::of(case, case.helper.clone(), Vec::new(), |_| at))
        };
        let facts = Facts::after(Some(&base), case, &helper, at);
        let sealed = self.seal(&key, &facts).or_else(abort)?;
        tx.idx.insert(key, sealed)?;
        // One key per day, however many values were written that day.
        let days: BTreeSet<i64> = (facts.marks.iter().map(|m| m.at_ms).chain(written))
            .map(local_day)
            .collect();
        for day in days {
            tx.idx.insert(day_key(day, &case.id), &[][..])?;
        }
        Ok(())
    }

    /// The facts of one case.
    pub fn facts(&self, case: &Id) -> Result<Option<Facts>, StoreError> {
        let key = facts_key(case);
        match self.idx.get(&key)? {
            Some(bytes) => self.open_record(&key, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// The cases worked on from day `first` to day `last` (days since 1970
    /// in Vietnam, both included), each once.
    pub fn cases_worked_between(&self, first: i64, last: i64) -> Result<BTreeSet<Id>, StoreError> {
        let end = day_key(last + 1, &Id([0; 16]));
        self.case_ids(self.idx.range(day_key(first, &Id([0; 16]))..end))
    }

    /// The cases whose status is `status` now.
    pub fn cases_with_status(&self, status: Status) -> Result<BTreeSet<Id>, StoreError> {
        self.case_ids(self.idx.scan_prefix([index::STATUS, status.code()]))
    }

    /// The case ids that end the index keys of `keys`, each once.
    fn case_ids(&self, keys: sled::Iter) -> Result<BTreeSet<Id>, StoreError> {
        let mut ids = BTreeSet::new();
        for kv in keys {
            let (k, _) = kv?;
            watch::progress();
            if let Some(id) = k.len().checked_sub(16).and_then(|at| Id::from_slice(&k[at..])) {
                ids.insert(id);
            }
        }
        Ok(ids)
    }

    /// The facts of these cases (a case without facts is left out).
    pub fn facts_of(&self, ids: impl IntoIterator<Item = Id>) -> Result<Vec<Facts>, StoreError> {
        let mut out = Vec::new();
        for id in ids {
            watch::progress();
            if let Some(f) = self.facts(&id)? {
                out.push(f);
            }
        }
        Ok(out)
    }
}

/// Facts of a stored case from its audit events (none for cases seeded in
/// bulk: then one change to its status when it was last updated).
pub fn rebuilt(case: &Case, events: &[(i64, String, Change)]) -> Facts {
    let mut marks: Vec<Mark> = events
        .iter()
        .filter_map(|(at, helper, change)| match change {
            Change::Status { to, .. } => Some(Mark {
                to: *to,
                at_ms: *at,
                reason: None,
                helper: helper.clone(),
            }),
            _ => None,
        })
        .collect();
    if marks.last().map_or(Status::Preparing, |m| m.to) != case.status {
        marks.push(Mark {
            to: case.status,
            at_ms: case.updated_at_ms,
            reason: None,
            helper: case.helper.clone(),
        });
    }
    if let Some(last) = marks.last_mut().filter(|m| m.to == case.status) {
        last.reason = case.reason;
    }
    // When a stage was reached is not kept before reports: its last edit.
    Facts::of(case, case.helper.clone(), marks, |_| case.updated_at_ms)
}
