//! A case as fields with clocks: stamping a local edit, the entry a bundle
//! carries, and merging an entry into the case this machine has. All of it
//! is plain data, so the same functions run in the store and in the tests
//! that replay thousands of orderings.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::clock::{self, Clock, Version, join};
use super::facts::Mark;
use super::records::{Case, Id, Reason, Status};
use trolyso_core::domain::procedure::Level;

/// Answers are `a:` + field id, documents `d:` + id, readiness `r:` + id.
const ANSWER: &str = "a:";
const DOCUMENT: &str = "d:";
const READY: &str = "r:";
/// The status with its reason, next visit, note and a filing's level: they
/// change together.
pub const STATUS: &str = "status";
pub const HOSO: &str = "hoso";
pub const RESIDENT: &str = "resident";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StatusValue {
    s: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    r: Option<Reason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    p: Option<String>,
    /// The filing's level (added later: a machine without it reads none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    l: Option<Level>,
}

fn flag(b: bool) -> String {
    if b { "1" } else { "0" }.to_owned()
}

pub fn answer_field(id: &str) -> String {
    format!("{ANSWER}{id}")
}

/// The answer id of a field name, if it is an answer.
pub fn answer_of(field: &str) -> Option<&str> {
    field.strip_prefix(ANSWER)
}

/// A field's value as stored in the case.
pub fn value_of(case: &Case, field: &str) -> Option<String> {
    if let Some(a) = field.strip_prefix(ANSWER) {
        return case.answers.get(a).cloned();
    }
    if let Some(d) = field.strip_prefix(DOCUMENT) {
        return case.documents.get(d).map(|b| flag(*b));
    }
    if let Some(r) = field.strip_prefix(READY) {
        return case.readiness.get(r).map(|b| flag(*b));
    }
    match field {
        STATUS => serde_json::to_string(&StatusValue {
            s: case.status,
            r: case.reason,
            n: case.next_visit.clone(),
            p: case.pause_note.clone(),
            l: case.filed_level,
        })
        .ok(),
        HOSO => case.hoso_code.clone(),
        RESIDENT => case.resident_id.map(|i| i.to_string()),
        _ => None,
    }
}

fn set_value(case: &mut Case, field: &str, value: Option<&str>) {
    let set_flag = |map: &mut BTreeMap<String, bool>, k: &str| match value {
        Some(v) => {
            map.insert(k.to_owned(), v == "1");
        }
        None => {
            map.remove(k);
        }
    };
    if let Some(a) = field.strip_prefix(ANSWER) {
        match value {
            Some(v) => case.answers.insert(a.to_owned(), v.to_owned()),
            None => case.answers.remove(a),
        };
    } else if let Some(d) = field.strip_prefix(DOCUMENT) {
        set_flag(&mut case.documents, d);
    } else if let Some(r) = field.strip_prefix(READY) {
        set_flag(&mut case.readiness, r);
    } else if field == STATUS {
        if let Some(s) = value.and_then(|v| serde_json::from_str::<StatusValue>(v).ok()) {
            case.status = s.s;
            case.reason = s.r;
            case.next_visit = s.n;
            case.pause_note = s.p;
            case.filed_level = s.l;
        }
    } else if field == HOSO {
        case.hoso_code = value.map(str::to_owned);
    } else if field == RESIDENT {
        case.resident_id = value.and_then(Id::parse);
    }
}

/// The status a status field's value stands for.
pub fn status_of(value: Option<&str>) -> Option<Status> {
    value
        .and_then(|v| serde_json::from_str::<StatusValue>(v).ok())
        .map(|s| s.s)
}

/// Every field the case has a value or a clock for.
fn field_names(case: &Case) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = [STATUS.to_owned()].into();
    names.extend(case.answers.keys().map(|k| answer_field(k)));
    names.extend(case.documents.keys().map(|k| format!("{DOCUMENT}{k}")));
    names.extend(case.readiness.keys().map(|k| format!("{READY}{k}")));
    if case.hoso_code.is_some() {
        names.insert(HOSO.to_owned());
    }
    if case.resident_id.is_some() {
        names.insert(RESIDENT.to_owned());
    }
    names.extend(case.clocks.keys().cloned());
    names.extend(case.rivals.keys().cloned());
    names
}

/// A field's clock. Fields stored before clocks existed (and fields no edit
/// has touched since) read as written by this machine when the case was
/// created: stable, so every export names them the same.
fn clock_of(case: &Case, field: &str, machine: &str) -> Clock {
    case.clocks.get(field).cloned().unwrap_or_else(|| {
        Clock::new(
            clock::reading_of_ms(case.created_at_ms),
            machine,
            &case.helper,
            BTreeMap::new(),
        )
    })
}

/// A field's kept values: its value first, then the others kept beside it.
/// A field the case has neither a value nor a clock for has none.
pub fn versions(case: &Case, field: &str, machine: &str) -> Vec<Version> {
    let value = value_of(case, field);
    let current = (value.is_some() || case.clocks.contains_key(field)).then(|| Version {
        value,
        clock: clock_of(case, field, machine),
    });
    let rivals = case.rivals.get(field).into_iter().flatten().cloned();
    current.into_iter().chain(rivals).collect()
}

/// Puts a field's merged values in the case: the first is its value.
fn put(case: &mut Case, field: &str, mut kept: Vec<Version>) {
    if kept.is_empty() {
        return;
    }
    let first = kept.remove(0);
    set_value(case, field, first.value.as_deref());
    case.clocks.insert(field.to_owned(), first.clock);
    if kept.is_empty() {
        case.rivals.remove(field);
    } else {
        case.rivals.insert(field.to_owned(), kept);
    }
}

/// After a local edit turned `old` into `case`: every field whose value
/// changed gets a clock that has seen all the values the field had kept.
pub fn stamp(old: &Case, case: &mut Case, tick: u64, machine: &str, helper: &str) {
    let names: BTreeSet<String> = field_names(old).union(&field_names(case)).cloned().collect();
    for name in names {
        if value_of(old, &name) != value_of(case, &name) {
            let clock = clock::after(&versions(old, &name, machine), tick, machine, helper);
            case.clocks.insert(name.clone(), clock);
            case.rivals.remove(&name);
        }
    }
}

/// A person chose `chosen` among a field's kept values: written as a new
/// local value that has seen them all.
pub fn choose(case: &mut Case, field: &str, chosen: Option<&str>, tick: u64, machine: &str, helper: &str) {
    let clock = clock::after(&versions(case, field, machine), tick, machine, helper);
    set_value(case, field, chosen);
    case.clocks.insert(field.to_owned(), clock);
    case.rivals.remove(field);
}

/// One case as a bundle carries it: what never changes, the status
/// history for reports, and every field's kept values with their clocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub case: Id,
    pub procedure_id: String,
    pub procedure_version: u32,
    pub created_at_ms: i64,
    /// Who started the case.
    pub helper: String,
    #[serde(default)]
    pub marks: Vec<Mark>,
    pub fields: BTreeMap<String, Vec<Version>>,
}

impl Entry {
    pub fn of(case: &Case, marks: Vec<Mark>, machine: &str) -> Entry {
        Entry {
            case: case.id,
            procedure_id: case.procedure_id.clone(),
            procedure_version: case.procedure_version,
            created_at_ms: case.created_at_ms,
            helper: case.helper.clone(),
            marks,
            fields: merged_state(case, machine),
        }
    }

    /// Whether every clock is well formed (a bundle is checked before
    /// anything of it is merged).
    pub fn is_sound(&self) -> bool {
        self.fields.values().flatten().all(|v| v.clock.is_sound())
    }
}

/// What merging one entry did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// The fields whose kept values changed.
    pub fields: Vec<String>,
    /// Values dated more than a day ahead, flagged here.
    pub flagged: usize,
}

impl Merged {
    /// Nothing to write: the case was here (`existed`) with everything.
    pub fn is_nothing(&self, existed: bool) -> bool {
        existed && self.fields.is_empty()
    }
}

/// Merges `entry` into `local` (none: a case new here). Values dated more
/// than a day after `trusted_ms` (the latest clock this machine trusts)
/// are flagged. Returns the case and what changed; nothing changed when the
/// case already had everything the entry carries.
pub fn merge(local: Option<&Case>, entry: &Entry, machine: &str, trusted_ms: i64) -> (Case, Merged) {
    let mut case = local.cloned().unwrap_or_else(|| {
        Case::new(
            entry.case,
            &entry.procedure_id,
            entry.procedure_version,
            &entry.helper,
            entry.created_at_ms,
        )
    });
    let mut merged = Merged::default();
    for (field, incoming) in &entry.fields {
        let mut incoming = incoming.clone();
        let mut flagged = 0;
        for v in &mut incoming {
            if clock::ms_of_reading(v.clock.at) > trusted_ms + clock::AHEAD_LIMIT_MS && !v.clock.flagged {
                v.clock.flagged = true;
                flagged += 1;
            }
        }
        // A case new here has no value of its own to keep.
        let before = match local {
            Some(_) => versions(&case, field, machine),
            None => Vec::new(),
        };
        let kept = join([before.clone(), incoming].concat());
        // Counted where they change something: a bundle imported again
        // flags nothing new.
        if kept != before {
            put(&mut case, field, kept);
            merged.fields.push(field.clone());
            merged.flagged += flagged;
        }
    }
    (case, merged)
}

/// What a case's merged fields mean to people: which answers are the
/// resident's identification number and phone (a difference there needs a
/// person), whose names are indexed.
pub use trolyso_core::domain::procedure::FieldRoles;

/// Why a field needs a person to choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Two values of a number written without seeing each other.
    Differs,
    /// The status would go back (filed → preparing) on the clock alone.
    Backwards,
    /// A value dated more than a day ahead: a PC's clock is probably wrong.
    ClockAhead,
}

/// A field a person must choose for: its kept values, the shown one first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub case: Id,
    pub field: String,
    pub why: Why,
    pub versions: Vec<Version>,
}

/// Whether the case keeps values written apart, or one dated a day ahead:
/// the only cases [`cards`] can find anything in.
pub fn unsettled(case: &Case) -> bool {
    !case.rivals.is_empty() || case.clocks.values().any(|c| c.flagged)
}

/// How far along a status is, for "going back".
fn stage(status: Status) -> u8 {
    match status {
        Status::Preparing | Status::Paused => 0,
        Status::ReadyToFile => 1,
        Status::Filed | Status::NeedsMore => 2,
        Status::Done | Status::Cancelled => 3,
    }
}

/// The fields of `case` a person must choose for.
pub fn cards(case: &Case, roles: &FieldRoles, machine: &str) -> Vec<Card> {
    let numbers: Vec<String> = [&roles.resident.id_number, &roles.resident.phone]
        .into_iter()
        .flatten()
        .map(|f| answer_field(f))
        .chain([HOSO.to_owned()])
        .collect();
    let mut out = Vec::new();
    for field in case
        .rivals
        .keys()
        .chain(case.clocks.keys())
        .collect::<BTreeSet<_>>()
    {
        let versions = versions(case, field, machine);
        let why = if versions.iter().any(|v| v.clock.flagged) {
            Some(Why::ClockAhead)
        } else if versions.len() < 2 {
            None
        } else if field == STATUS {
            let shown = status_of(versions[0].value.as_deref()).map_or(0, stage);
            let back = versions[1..]
                .iter()
                .any(|v| status_of(v.value.as_deref()).map_or(0, stage) > shown);
            back.then_some(Why::Backwards)
        } else {
            let differ = versions.iter().any(|v| v.value != versions[0].value);
            (numbers.contains(field) && differ).then_some(Why::Differs)
        };
        if let Some(why) = why {
            out.push(Card {
                case: case.id,
                field: field.clone(),
                why,
                versions,
            });
        }
    }
    out
}

/// Everything merging decides about a case, for comparing machines: the
/// fields' kept values (not the local revision, times or last field).
pub fn merged_state(case: &Case, machine: &str) -> BTreeMap<String, Vec<Version>> {
    field_names(case)
        .into_iter()
        .map(|f| {
            let v = versions(case, &f, machine);
            (f, v)
        })
        .collect()
}
