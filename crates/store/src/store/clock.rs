//! Who wrote a field's value, when, and what they had seen: the clock each
//! field carries so edits made on machines that never talked merge the same
//! way in any order.
//!
//! A clock reading is a hybrid logical clock: milliseconds of the writer's
//! wall clock shifted left 16 bits, plus a counter, so a machine's readings
//! always grow even when its wall clock steps back. Beside it, `seen` is the
//! field's version vector: the latest reading of every machine whose write
//! the writer had seen. A value whose `seen` covers another's was written
//! after it; two values neither of which covers the other were written
//! without seeing each other, and both are kept.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A day of milliseconds: an edit dated further ahead than this of every
/// clock the importing machine has seen is not trusted.
pub const AHEAD_LIMIT_MS: i64 = 24 * 60 * 60 * 1000;

pub fn reading_of_ms(ms: i64) -> u64 {
    (ms.max(0) as u64) << 16
}

pub fn ms_of_reading(reading: u64) -> i64 {
    (reading >> 16) as i64
}

/// The next number of a counter that only grows: `floor`, or one more than
/// the last it gave if that is higher (a wall clock stepping back never
/// takes it back). For the audit log's keys and the field clock.
pub fn advance(last: &std::sync::atomic::AtomicU64, floor: u64) -> u64 {
    use std::sync::atomic::Ordering;
    let prev = last
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |l| Some(floor.max(l + 1)))
        .unwrap_or(floor);
    floor.max(prev + 1)
}

/// The clock of one field's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    #[serde(rename = "t")]
    pub at: u64,
    /// The machine that wrote it.
    #[serde(rename = "m")]
    pub machine: String,
    /// The helper who wrote it (for the conflict card and the report).
    #[serde(rename = "h", default, skip_serializing_if = "String::is_empty")]
    pub helper: String,
    /// Machine → latest reading of this field the writer had seen,
    /// the writer's own included.
    #[serde(rename = "s")]
    pub seen: BTreeMap<String, u64>,
    /// Dated more than a day ahead of every clock the importer had seen:
    /// kept, never trusted to win on its own.
    #[serde(rename = "f", default, skip_serializing_if = "std::ops::Not::not")]
    pub flagged: bool,
}

impl Clock {
    /// A value written by `machine` at `at`, having seen `seen` before.
    pub fn new(at: u64, machine: &str, helper: &str, mut seen: BTreeMap<String, u64>) -> Clock {
        seen.insert(machine.to_owned(), at);
        Clock {
            at,
            machine: machine.to_owned(),
            helper: helper.to_owned(),
            seen,
            flagged: false,
        }
    }

    /// What names this write: its reading and machine.
    fn key(&self) -> (u64, &str) {
        (self.at, &self.machine)
    }

    /// Whether the clock is well formed: its own write is in what it saw.
    pub fn is_sound(&self) -> bool {
        self.seen.get(&self.machine) == Some(&self.at) && !self.machine.is_empty()
    }

    /// Whether `self` was written having seen `other` (or is a later
    /// reading of the same history; ties broken by the write's name so the
    /// order is strict).
    fn covers(&self, other: &Clock) -> bool {
        let ge = other
            .seen
            .iter()
            .all(|(m, t)| self.seen.get(m).is_some_and(|s| s >= t));
        ge && (self.seen != other.seen || self.key() > other.key())
    }
}

/// One value of a field with its clock; `None` is a value removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    #[serde(rename = "v")]
    pub value: Option<String>,
    #[serde(rename = "c")]
    pub clock: Clock,
}

/// The order a field's kept values are shown and chosen in: trusted before
/// flagged, then the highest (reading, machine) first. The first one is the
/// field's value.
fn shown_order(a: &Version, b: &Version) -> Ordering {
    a.clock
        .flagged
        .cmp(&b.clock.flagged)
        .then_with(|| b.clock.key().cmp(&a.clock.key()))
        .then_with(|| b.value.cmp(&a.value))
}

/// The values of a field after merging `versions` (from any machines, in
/// any order, any number of times): every value no other value was written
/// after, each once, the field's value first. The result depends only on
/// the set given, so merging is the same in every order and merging twice
/// changes nothing.
pub fn join(mut versions: Vec<Version>) -> Vec<Version> {
    // One write per (reading, machine): a copy flagged anywhere stays flagged.
    versions.sort_by(|a, b| a.clock.key().cmp(&b.clock.key()).then_with(|| shown_order(a, b)));
    let mut unique: Vec<Version> = Vec::with_capacity(versions.len());
    for v in versions {
        match unique.last_mut() {
            Some(last) if last.clock.key() == v.clock.key() => last.clock.flagged |= v.clock.flagged,
            _ => unique.push(v),
        }
    }
    let mut kept: Vec<Version> = unique
        .iter()
        .filter(|v| !unique.iter().any(|w| w.clock.covers(&v.clock)))
        .cloned()
        .collect();
    kept.sort_by(shown_order);
    kept
}

/// The clock of a new local value of a field whose kept values are
/// `before`: it has seen all of them, so it replaces them everywhere, and it
/// reads later than every trusted one even if this machine's clock is
/// behind.
pub fn after(before: &[Version], tick: u64, machine: &str, helper: &str) -> Clock {
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for v in before {
        for (m, t) in &v.clock.seen {
            let s = seen.entry(m.clone()).or_default();
            *s = (*s).max(*t);
        }
    }
    let latest = before
        .iter()
        .filter(|v| !v.clock.flagged)
        .map(|v| v.clock.at)
        .max();
    let at = latest.map_or(tick, |l| tick.max(l + 1));
    // A machine's own earlier reading of this field may be flagged-high:
    // stay above it so the new write is a later one of this machine.
    let at = at.max(seen.get(machine).map_or(0, |t| t + 1));
    Clock::new(at, machine, helper, seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(value: &str, at: u64, machine: &str, seen: &[(&str, u64)]) -> Version {
        let seen = seen.iter().map(|(m, t)| (m.to_string(), *t)).collect();
        Version {
            value: Some(value.into()),
            clock: Clock::new(at, machine, "", seen),
        }
    }

    #[test]
    fn a_value_written_after_another_replaces_it() {
        let first = v("a", 10, "m1", &[]);
        let second = v("b", 5, "m2", &[("m1", 10)]);
        // Even with a lower reading: m2 had seen m1's value.
        assert_eq!(join(vec![first.clone(), second.clone()]), vec![second.clone()]);
        assert_eq!(join(vec![second.clone(), first]), vec![second]);
    }

    #[test]
    fn values_written_apart_are_both_kept_highest_first() {
        let a = v("a", 10, "m1", &[]);
        let b = v("b", 12, "m2", &[]);
        assert_eq!(join(vec![a.clone(), b.clone()]), vec![b.clone(), a.clone()]);
        assert_eq!(join(vec![b.clone(), a.clone(), b.clone()]), vec![b, a]);
    }

    #[test]
    fn a_flagged_value_does_not_win_on_its_reading() {
        let a = v("a", 10, "m1", &[]);
        let mut b = v("b", 1 << 60, "m2", &[]);
        b.clock.flagged = true;
        assert_eq!(join(vec![b.clone(), a.clone()])[0], a);
        // Flagged on one machine, not on another: the merge keeps the flag.
        let mut unflagged = b.clone();
        unflagged.clock.flagged = false;
        assert!(join(vec![unflagged, b, a]).iter().any(|v| v.clock.flagged));
    }

    #[test]
    fn a_new_value_has_seen_everything_kept() {
        let kept = join(vec![v("a", 10, "m1", &[]), v("b", 12, "m2", &[])]);
        let clock = after(&kept, 3, "m3", "Hoa");
        assert_eq!(clock.at, 13);
        let new = Version {
            value: Some("c".into()),
            clock,
        };
        assert_eq!(join([kept, vec![new.clone()]].concat()), vec![new]);
    }
}
