//! Which machines an office takes bundles from: only those it enrolled (a
//! helper read the pairing code on both screens and said yes), with the
//! key they were enrolled with — never the first key a bundle came with.
//! A machine can be revoked; its bundles are refused from then on.

use serde::{Deserialize, Serialize};

use super::exchange::OfficeKeys;
use super::records::Change;
use super::{Store, StoreError, now_ms};

/// A machine an office enrolled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Machine {
    /// The key its bundles are signed with (ed25519, verifying).
    pub key: [u8; 32],
    /// Its public key for bundles (age): what the office's bundles back to
    /// it are encrypted to.
    #[serde(default)]
    pub public: String,
    /// Who works on it, and where, as its request said.
    pub helper: String,
    pub commune: Option<u32>,
    pub enrolled_ms: i64,
    #[serde(default)]
    pub revoked_ms: Option<i64>,
    /// Its last bundle taken here, and how many cases its bundles brought.
    #[serde(default)]
    pub last_bundle_ms: Option<i64>,
    #[serde(default)]
    pub cases: usize,
}

/// How an office stands to a bundle's sender, told before anything in the
/// bundle is decrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    Enrolled,
    /// Never enrolled here.
    Stranger,
    Revoked,
    /// Claims to be this machine.
    OwnId,
    /// Enrolled, but this bundle is signed with another key.
    OtherKey,
}

impl Trust {
    /// A short name for the audit log.
    pub fn name(self) -> &'static str {
        match self {
            Trust::Enrolled => "enrolled",
            Trust::Stranger => "not_enrolled",
            Trust::Revoked => "revoked",
            Trust::OwnId => "own_id",
            Trust::OtherKey => "other_key",
        }
    }
}

impl OfficeKeys {
    /// How this office stands to `machine` signing with `key`; `own` is
    /// this machine's id.
    pub fn trust(&self, own: &str, machine: &str, key: &[u8; 32]) -> Trust {
        if machine == own {
            return Trust::OwnId;
        }
        // The office this machine joined, sending its bundle back.
        if self.joined_machine.as_deref() == Some(machine) {
            return match self.joined_signing.as_ref() == Some(key) {
                true => Trust::Enrolled,
                false => Trust::OtherKey,
            };
        }
        match self.machines.get(machine) {
            None => Trust::Stranger,
            Some(m) if m.revoked_ms.is_some() => Trust::Revoked,
            Some(m) if m.key != *key => Trust::OtherKey,
            Some(_) => Trust::Enrolled,
        }
    }

    /// The machines enrolled here, revoked ones included.
    pub fn machines(&self) -> impl Iterator<Item = (&String, &Machine)> {
        self.machines.iter()
    }

    /// The joined office's commune, from its key file.
    pub fn joined_commune(&self) -> Option<u32> {
        self.joined_commune
    }

    /// The joined office machine's id, from its key file.
    pub fn joined_machine(&self) -> Option<&str> {
        self.joined_machine.as_deref()
    }

    /// The joined office's verifying key, from its key file.
    pub fn joined_signing(&self) -> Option<&[u8; 32]> {
        self.joined_signing.as_ref()
    }
}

/// The longest machine id or bundle name an audit event keeps of what a
/// refused file claimed.
const CLAIM_KEPT: usize = 40;

fn clipped(text: &str) -> String {
    text.chars().take(CLAIM_KEPT).collect()
}

impl Store {
    /// Enrols `machine` with what its request said (its keys, helper and
    /// commune; the dates and counts are set here). A new enrolment of a
    /// revoked or re-installed machine replaces the old one.
    pub fn enrol(&self, machine: &str, request: Machine, by: &str) -> Result<(), StoreError> {
        self.may_leave()?;
        let mut keys = self.office_keys()?;
        let kept = keys.machines.get(machine).map(|m| m.cases).unwrap_or_default();
        let helper = request.helper.clone();
        keys.machines.insert(
            machine.to_owned(),
            Machine {
                enrolled_ms: now_ms(),
                revoked_ms: None,
                last_bundle_ms: None,
                cases: kept,
                ..request
            },
        );
        self.save_office_keys(&keys)?;
        self.record_sent(
            by,
            Change::Enrolled {
                machine: machine.to_owned(),
                helper,
            },
        )
    }

    /// Revokes `machine`: its bundles are refused from now on. False when
    /// no enrolled machine has that id (or a unique start of it).
    pub fn revoke(&self, machine: &str, by: &str) -> Result<Option<String>, StoreError> {
        let mut keys = self.office_keys()?;
        let found: Vec<String> = keys
            .machines
            .keys()
            .filter(|id| id.as_str() == machine || (machine.len() >= 4 && id.starts_with(machine)))
            .cloned()
            .collect();
        let [id] = found.as_slice() else {
            return Ok(None);
        };
        if let Some(m) = keys.machines.get_mut(id) {
            m.revoked_ms.get_or_insert(now_ms());
        }
        self.save_office_keys(&keys)?;
        self.record_sent(by, Change::Revoked { machine: id.clone() })?;
        Ok(Some(id.clone()))
    }

    /// A bundle refused before anything in it was read: the audit log says
    /// what it claimed and why.
    pub fn refused_bundle(&self, machine: &str, bundle: &str, why: Trust) -> Result<(), StoreError> {
        self.record_sent(
            "",
            Change::Refused {
                machine: clipped(machine),
                bundle: clipped(bundle),
                why: why.name().to_owned(),
            },
        )
    }

    /// A bundle from `machine` was imported: when, and how many cases.
    pub fn took_bundle(&self, machine: &str, cases: usize) -> Result<(), StoreError> {
        let mut keys = self.office_keys()?;
        if let Some(m) = keys.machines.get_mut(machine) {
            m.last_bundle_ms = Some(now_ms());
            m.cases += cases;
            self.save_office_keys(&keys)?;
        }
        Ok(())
    }

    /// This machine's enrolment by the joined office was taken back.
    pub fn took_enrolment(&self) -> Result<(), StoreError> {
        let mut keys = self.office_keys()?;
        keys.enrolled_ms = Some(now_ms());
        self.save_office_keys(&keys)
    }
}
