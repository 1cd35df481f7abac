//! What is stored: residents, cases and audit events. Each record type has a
//! schema version; an older record is upgraded when read ([`Record::migrate`]).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use trolyso_core::domain::procedure::{Level, ResidentFields};
use trolyso_core::domain::validate::Sex;

use super::error::RecordError;

/// A random, time-ordered id: 8 bytes of milliseconds then 8 random bytes.
/// Never derived from a name or a number.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(pub [u8; 16]);

impl Id {
    pub fn new(now_ms: i64) -> Result<Self, super::crypto::CryptoError> {
        let mut b: [u8; 16] = super::crypto::random_bytes()?;
        b[..8].copy_from_slice(&(now_ms as u64).to_be_bytes());
        Ok(Self(b))
    }

    pub fn from_slice(s: &[u8]) -> Option<Self> {
        s.try_into().ok().map(Self)
    }

    pub fn parse(hex: &str) -> Option<Self> {
        if hex.len() != 32 {
            return None;
        }
        let mut b = [0u8; 16];
        for (i, byte) in b.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?;
        }
        Some(Self(b))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({self})")
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Id::parse(&s).ok_or_else(|| serde::de::Error::custom("not a record id"))
    }
}

/// A record kind: which tree it lives in, its schema version, and how to
/// upgrade an older version's JSON to the current one.
pub trait Record: Serialize + for<'de> Deserialize<'de> {
    const TREE: &'static str;
    const VERSION: u16;

    /// Upgrades `value`, written at schema `from`, to the current version.
    fn migrate(from: u16, value: serde_json::Value) -> Result<serde_json::Value, RecordError> {
        if from == Self::VERSION {
            Ok(value)
        } else {
            Err(RecordError::NoUpgrade {
                tree: Self::TREE,
                from,
            })
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resident {
    pub id: Id,
    pub full_name: String,
    #[serde(default)]
    pub id_number: Option<String>,
    /// dd/mm/yyyy
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub sex: Option<Sex>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub commune_code: Option<u32>,
    /// House number, street, village (where a procedure asks it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default)]
    pub notes: String,
}

impl Resident {
    /// What the record knows, as answers to a procedure's resident fields
    /// (`fields`): field id and value, each known and not empty, the
    /// identification number last (saved last, it makes a case theirs).
    pub fn answers_for(&self, fields: &ResidentFields) -> Vec<(String, String)> {
        [
            (&fields.name, Some(self.full_name.clone())),
            (&fields.birth_date, self.birth_date.clone()),
            (&fields.sex, self.sex.map(|s| s.answer().to_owned())),
            (&fields.phone, self.phone.clone()),
            (&fields.commune, self.commune_code.map(|c| c.to_string())),
            (&fields.address, self.address.clone()),
            (&fields.id_number, self.id_number.clone()),
        ]
        .into_iter()
        .filter_map(|(field, value)| Some((field.clone()?, value?)))
        .filter(|(_, value)| !value.is_empty())
        .collect()
    }
}

impl Record for Resident {
    const TREE: &'static str = "residents";
    const VERSION: u16 = 1;
}

/// Where a case stands (DESIGN.md, "Case lifecycle").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Preparing,
    ReadyToFile,
    Filed,
    NeedsMore,
    Done,
    Paused,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Preparing,
        Status::ReadyToFile,
        Status::Filed,
        Status::NeedsMore,
        Status::Done,
        Status::Paused,
        Status::Cancelled,
    ];

    /// One byte for index keys.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn name(self) -> &'static str {
        match self {
            Status::Preparing => "preparing",
            Status::ReadyToFile => "ready_to_file",
            Status::Filed => "filed",
            Status::NeedsMore => "needs_more",
            Status::Done => "done",
            Status::Paused => "paused",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    pub fn message_key(self) -> &'static str {
        match self {
            Status::Preparing => "status.preparing",
            Status::ReadyToFile => "status.ready_to_file",
            Status::Filed => "status.filed",
            Status::NeedsMore => "status.needs_more",
            Status::Done => "status.done",
            Status::Paused => "status.paused",
            Status::Cancelled => "status.cancelled",
        }
    }

    /// Whether a case may go from `self` to `to`.
    pub fn can_become(self, to: Status) -> bool {
        use Status::*;
        match self {
            Preparing => matches!(to, ReadyToFile | Filed | Done | Paused | Cancelled),
            ReadyToFile => matches!(to, Preparing | Filed | Paused | Cancelled),
            Filed => matches!(to, NeedsMore | Done),
            NeedsMore => matches!(to, Preparing | Filed | Paused | Cancelled),
            // A paused case whose resident came back may be finished
            // at once; taking it up again is a choice, not a side effect.
            Paused => matches!(to, Preparing | ReadyToFile | Filed | Done | Cancelled),
            Done | Cancelled => false,
        }
    }
}

pub use trolyso_core::domain::report::Reason;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: Id,
    pub procedure_id: String,
    pub procedure_version: u32,
    #[serde(default)]
    pub resident_id: Option<Id>,
    pub helper: String,
    pub status: Status,
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// Document id → brought / checked.
    #[serde(default)]
    pub documents: BTreeMap<String, bool>,
    /// Readiness item → checked with the resident before starting.
    #[serde(default)]
    pub readiness: BTreeMap<String, bool>,
    #[serde(default)]
    pub reason: Option<Reason>,
    /// dd/mm/yyyy
    #[serde(default)]
    pub next_visit: Option<String>,
    #[serde(default)]
    pub hoso_code: Option<String>,
    /// The other people the case names with their number (the father, a
    /// child), by the field of their name: their own records on file. Kept
    /// by each machine from the answers (not carried by bundles as such).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub named: BTreeMap<String, Id>,
    /// How the portal took the filing (toàn trình, một phần), as the helper
    /// saw it when marking the case filed; None when not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filed_level: Option<Level>,
    /// A paused case's note: what is missing ("bản gốc giấy chứng sinh").
    #[serde(default)]
    pub pause_note: Option<String>,
    /// The field last answered: the case reopens there.
    #[serde(default)]
    pub last_field: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    pub revision: u64,
    /// The clock of each field's value (see [`super::clock`]); a field
    /// without one reads as written when the case was created, here.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub clocks: BTreeMap<String, super::clock::Clock>,
    /// Other values of a field, written on machines that had not seen the
    /// value shown: kept until a person or a later edit replaces them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rivals: BTreeMap<String, Vec<super::clock::Version>>,
    /// This machine's clock reading when the case was last written here
    /// (an edit or an import): what a bundle "since the last one" takes.
    #[serde(default)]
    pub written: u64,
}

impl Case {
    /// A case just begun: preparing, nothing answered, revision 0.
    pub fn new(id: Id, procedure_id: &str, procedure_version: u32, helper: &str, at_ms: i64) -> Case {
        Case {
            id,
            procedure_id: procedure_id.to_owned(),
            procedure_version,
            resident_id: None,
            helper: helper.to_owned(),
            status: Status::Preparing,
            answers: BTreeMap::new(),
            documents: BTreeMap::new(),
            readiness: BTreeMap::new(),
            reason: None,
            next_visit: None,
            hoso_code: None,
            named: BTreeMap::new(),
            filed_level: None,
            pause_note: None,
            last_field: None,
            created_at_ms: at_ms,
            updated_at_ms: at_ms,
            revision: 0,
            clocks: BTreeMap::new(),
            rivals: BTreeMap::new(),
            written: 0,
        }
    }
}

impl Record for Case {
    const TREE: &'static str = "cases";
    const VERSION: u16 = 1;
}

/// What an audit event records: which field or status, never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Change {
    Created,
    Answer {
        field: String,
    },
    Document {
        document: String,
    },
    Readiness,
    Status {
        from: Status,
        to: Status,
    },
    Resident,
    /// A draft deleted: the case's values went with it (this event keeps
    /// only who deleted it, and when).
    Deleted,
    /// Two records of one person joined: `gone`'s cases are `kept`'s now.
    Joined {
        kept: Id,
        gone: Id,
    },
    /// A bundle made for an office: its fingerprint, the bundle's name,
    /// how many cases.
    Exported {
        office: String,
        bundle: String,
        cases: usize,
    },
    /// A bundle from another machine merged here (the whole import).
    Imported {
        bundle: String,
        machine: String,
        edits: usize,
        new: usize,
        updated: usize,
        conflicts: usize,
        damaged: usize,
    },
    /// One case's values merged from a bundle.
    Merged {
        machine: String,
        bundle: String,
        fields: usize,
    },
    /// An office enrolled a machine: its bundles are taken from now on.
    Enrolled {
        machine: String,
        helper: String,
    },
    /// An office revoked a machine: its bundles are refused from now on.
    Revoked {
        machine: String,
    },
    /// A bundle refused before it was read: what it claimed, and why
    /// (`Trust::name`).
    Refused {
        machine: String,
        bundle: String,
        why: String,
    },
    /// A person chose among a field's kept values.
    Chose {
        field: String,
    },
    /// Counts that left the machine for the province (a push or its CSV):
    /// where to, which period and dataset, and every row as sent.
    Sent {
        to: String,
        period: String,
        dataset: String,
        rows: Vec<SentRow>,
    },
}

/// One count as it left: metric, breakdown, value (none: suppressed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRow(pub String, pub String, pub Option<i64>);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at_ms: i64,
    pub helper: String,
    pub case_id: Option<Id>,
    pub change: Change,
}

impl Record for AuditEvent {
    const TREE: &'static str = "audit";
    const VERSION: u16 = 1;
}

/// The office's settings, kept in the store so they follow its data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub helper: String,
    #[serde(default)]
    pub home_commune: Option<u32>,
    #[serde(default)]
    pub input_method: trolyso_core::text::InputMethod,
    /// Minutes without a key before the app locks itself.
    #[serde(default = "default_idle_minutes")]
    pub idle_minutes: u32,
    /// The language chosen in the settings; `--lang` wins for one run.
    #[serde(default)]
    pub lang: Option<trolyso_core::i18n::Lang>,
    /// The high-contrast theme; `--theme` wins for one run.
    #[serde(default)]
    pub high_contrast: bool,
    /// Clicks select rows and fields. Off unless chosen: taking the mouse
    /// stops the console's own select-and-copy (Shift+drag still works in
    /// most terminals).
    #[serde(default)]
    pub mouse: bool,
    /// The first-run tour was seen (or skipped): it never comes back.
    #[serde(default)]
    pub toured: bool,
}

fn default_idle_minutes() -> u32 {
    5
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            helper: String::new(),
            home_commune: None,
            input_method: trolyso_core::text::InputMethod::default(),
            idle_minutes: default_idle_minutes(),
            lang: None,
            high_contrast: false,
            mouse: false,
            toured: false,
        }
    }
}

impl Record for Settings {
    const TREE: &'static str = "settings";
    const VERSION: u16 = 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_time_ordered_and_round_trip() {
        let a = Id::new(1_000).unwrap();
        let b = Id::new(2_000).unwrap();
        assert!(a < b);
        assert_eq!(Id::parse(&a.to_string()), Some(a));
        assert_eq!(Id::parse("xyz"), None);
    }

    #[test]
    fn lifecycle() {
        assert!(Status::Preparing.can_become(Status::Paused));
        assert!(Status::Paused.can_become(Status::Preparing));
        assert!(Status::Filed.can_become(Status::Done));
        assert!(!Status::Done.can_become(Status::Preparing));
        assert!(!Status::Cancelled.can_become(Status::Preparing));
        // A paused case may be finished at once (issue 30, item 4); a
        // filed one does not go back to paused.
        assert!(Status::Paused.can_become(Status::Filed));
        assert!(!Status::Filed.can_become(Status::Paused));
        for s in Status::ALL {
            assert_eq!(Status::from_name(s.name()), Some(s));
        }
    }
}
