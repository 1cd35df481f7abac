//! What the store keeps for bundles between a field laptop and the office:
//! the keys, the clock, what was sent where, and the merge of a bundle's
//! entries, one transaction per case.

use std::collections::BTreeMap;

use age::secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::clock::{self, ms_of_reading, reading_of_ms};
use super::merge::{self, Card, Entry, FieldRoles};
use super::records::{Case, Change, Id, Record};
use super::{RecordError, Store, StoreError, abort, crypto, index, now_ms, watch};

/// Whether importing a bundle writes, or only says what it would do (the
/// preview a helper reads before saying yes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    Preview,
    Write,
}

const CLOCK_KEY: &[u8] = b"sync: clock";
const OFFICE_KEY: &[u8] = b"office keys";
/// `k` + case id: a case that keeps values written apart ([`merge::unsettled`]),
/// so the cards are looked for in those cases only.
const CONFLICT: u8 = b'k';

fn conflict_key(case: &Id) -> Vec<u8> {
    [&[CONFLICT][..], &case.0].concat()
}

/// Inside an edit's or an import's transaction: the case's mark follows
/// what it keeps now.
pub(super) fn mark_unsettled(tx: &super::Tx, case: &Case) -> super::TxResult<()> {
    if merge::unsettled(case) {
        tx.idx.insert(conflict_key(&case.id), &[][..])?;
    } else {
        tx.idx.remove(conflict_key(&case.id))?;
    }
    Ok(())
}

/// Inside a deletion's transaction: the case has no mark left.
pub(super) fn forget_unsettled(tx: &super::Tx, case: &Id) -> super::TxResult<()> {
    tx.idx.remove(conflict_key(case))?;
    Ok(())
}

/// The clock reading kept across runs (the highest exported or trusted).
pub(super) fn clock_kept(meta: &sled::Tree) -> Result<u64, StoreError> {
    super::integrity::read_u64(meta, CLOCK_KEY)
}

/// This folder's keys for bundles, sealed in `meta` like everything else.
#[derive(Clone, Serialize, Deserialize)]
pub struct OfficeKeys {
    /// Its own office key (age X25519 identity): bundles made for this
    /// folder open with it.
    identity: String,
    /// Its signing key (ed25519 seed): bundles it makes are signed with it.
    signing: [u8; 32],
    /// The office it sends bundles to (age public key), once joined.
    #[serde(default)]
    pub joined: Option<String>,
    /// The joined office's verifying key (from its key file): what its
    /// enrolment of this machine is signed with.
    #[serde(default)]
    pub(super) joined_signing: Option<[u8; 32]>,
    /// The joined office machine's id (from its key file): its bundles back
    /// to this machine are the only ones taken here.
    #[serde(default)]
    pub(super) joined_machine: Option<String>,
    /// The joined office's commune (from its key file), to name it by.
    #[serde(default)]
    pub(super) joined_commune: Option<u32>,
    /// When the joined office's enrolment of this machine was taken back.
    #[serde(default)]
    pub enrolled_ms: Option<i64>,
    /// The machines this office takes bundles from (machine id → what it
    /// enrolled): the only keys a bundle may be signed with.
    #[serde(default)]
    pub(super) machines: BTreeMap<String, super::enrol::Machine>,
    /// Office fingerprint → clock reading of the last bundle made for it.
    #[serde(default)]
    exported: BTreeMap<String, u64>,
}

impl Drop for OfficeKeys {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.identity.zeroize();
        self.signing.zeroize();
    }
}

impl Record for OfficeKeys {
    const TREE: &'static str = "office";
    const VERSION: u16 = 1;
}

impl OfficeKeys {
    fn new() -> Result<OfficeKeys, StoreError> {
        Ok(OfficeKeys {
            identity: age::x25519::Identity::generate()
                .to_string()
                .expose_secret()
                .to_owned(),
            signing: crypto::random_bytes()?,
            joined: None,
            joined_signing: None,
            joined_machine: None,
            joined_commune: None,
            enrolled_ms: None,
            machines: BTreeMap::new(),
            exported: BTreeMap::new(),
        })
    }

    /// The office key that opens bundles made for this folder.
    pub fn identity(&self) -> Result<age::x25519::Identity, StoreError> {
        self.identity
            .parse()
            .map_err(|e: &'static str| RecordError::OfficeKey(e).into())
    }

    /// This folder's public office key, for `office export-key`.
    pub fn public(&self) -> Result<String, StoreError> {
        Ok(self.identity()?.to_public().to_string())
    }

    pub fn signing(&self) -> ed25519_dalek::SigningKey {
        ed25519_dalek::SigningKey::from_bytes(&self.signing)
    }
}

/// A short name of an office's public key, written in a bundle's header
/// so the wrong office is told before anything is opened: 16 letters a–p
/// of its SHA-256 (never digits, see `text::letter_code`).
pub fn fingerprint(public: &str) -> String {
    use sha2::Digest;
    trolyso_core::text::letter_code(&sha2::Sha256::digest(public.as_bytes())[..8])
}

/// Which cases a bundle takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Those written here since the last bundle made for this office.
    Last,
    /// Every case.
    All,
    /// Those written here from this time (milliseconds) on.
    From(i64),
}

/// The cases a bundle for the joined office takes, as entries.
pub struct Outgoing {
    pub entries: Vec<Entry>,
    pub office: String,
    /// The clock reading the bundle is made at: the next "since the last".
    pub mark: u64,
    pub machine: String,
}

/// Where a bundle's entries come from, for the audit log.
#[derive(Debug, Clone, Copy)]
pub struct BundleFrom<'a> {
    pub machine: &'a str,
    /// The bundle's id.
    pub bundle: &'a str,
    /// Its lines that could not be read.
    pub damaged: usize,
}

/// What a bundle did here (or would do, on a dry run).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub new: Vec<Id>,
    pub updated: Vec<Id>,
    pub unchanged: usize,
    /// Cases that now have values a person must choose between.
    pub conflicts: Vec<Id>,
    /// Field values merged.
    pub edits: usize,
    /// Values dated more than a day ahead, kept but not trusted.
    pub flagged: usize,
    /// Cases not merged: the import was stopped before them (the cases
    /// merged are whole; importing the bundle again takes the rest).
    pub stopped: usize,
    /// Cases deleted here as drafts: not brought back.
    pub deleted: usize,
}

/// What became of one entry of a bundle.
enum Merging {
    Stopped,
    Unchanged,
    /// Deleted here as a draft: left out.
    Deleted,
    /// New or not, what merged, whether a person must now choose.
    Changed(bool, merge::Merged, bool),
}

impl Store {
    /// This folder's keys for bundles, made on first use.
    pub fn office_keys(&self) -> Result<OfficeKeys, StoreError> {
        if let Some(bytes) = self.meta.get(OFFICE_KEY)? {
            return self.open_record(OFFICE_KEY, &bytes);
        }
        let keys = OfficeKeys::new()?;
        self.save_office_keys(&keys)?;
        Ok(keys)
    }

    pub(super) fn save_office_keys(&self, keys: &OfficeKeys) -> Result<(), StoreError> {
        self.meta.insert(OFFICE_KEY, self.seal(OFFICE_KEY, keys)?)?;
        self.flush_raising_generation()
    }

    /// Joins this machine to the office whose public key is `public`, whose
    /// enrolments and bundles are signed with `signing`, on machine
    /// `machine`: this machine's bundles are made for that office from now on
    /// (which takes them once it has enrolled this machine), and the
    /// office's bundles are the ones taken here.
    pub fn join_office(
        &self,
        public: &str,
        signing: [u8; 32],
        machine: &str,
        commune: Option<u32>,
    ) -> Result<(), StoreError> {
        self.may_leave()?;
        let mut keys = self.office_keys()?;
        if keys.joined.as_deref() != Some(public) {
            keys.enrolled_ms = None;
        }
        keys.joined = Some(public.to_owned());
        keys.joined_signing = Some(signing);
        keys.joined_machine = Some(machine.to_owned());
        keys.joined_commune = commune;
        self.save_office_keys(&keys)
    }

    /// A new reading of this machine's clock: above every reading it has
    /// made or trusted.
    pub(super) fn tick(&self, now: i64) -> u64 {
        clock::advance(&self.hlc, reading_of_ms(now))
    }

    /// The entries of a bundle for the joined office.
    pub fn outgoing(&self, since: Since) -> Result<Outgoing, StoreError> {
        self.may_leave()?;
        let keys = self.office_keys()?;
        let office = keys.joined.clone().ok_or(StoreError::NotJoined)?;
        self.outgoing_to(&office, since)
    }

    /// The entries of a bundle for the machine (or office) whose public key
    /// is `to`: every case changed here since the last bundle made for it
    /// (merged from any machine, not only this one's own edits).
    pub fn outgoing_to(&self, to: &str, since: Since) -> Result<Outgoing, StoreError> {
        self.may_leave()?;
        let keys = self.office_keys()?;
        let office = to.to_owned();
        let from = match since {
            Since::Last => keys.exported.get(&fingerprint(&office)).copied().unwrap_or(0),
            Since::All => 0,
            Since::From(ms) => reading_of_ms(ms),
        };
        let mark = self.tick(now_ms());
        let mut entries = Vec::new();
        for kv in self.cases.iter() {
            let (k, v) = kv?;
            watch::progress();
            let case: Case = self.open_record(&k, &v)?;
            // Cases from before clocks: their last edit.
            let written = match case.written {
                0 => reading_of_ms(case.updated_at_ms),
                w => w,
            };
            if from == 0 || written > from {
                let marks = self.facts(&case.id)?.map(|f| f.marks).unwrap_or_default();
                entries.push(Entry::of(&case, marks, &self.machine));
            }
        }
        Ok(Outgoing {
            entries,
            office,
            mark,
            machine: self.machine.clone(),
        })
    }

    /// A bundle for `office` was written and is on the stick: the next one
    /// starts after `mark`, and the audit log says what left.
    pub fn sent_bundle(
        &self,
        office: &str,
        mark: u64,
        bundle: &str,
        cases: usize,
        helper: &str,
    ) -> Result<(), StoreError> {
        let mut keys = self.office_keys()?;
        let fp = fingerprint(office);
        let last = keys.exported.entry(fp.clone()).or_default();
        *last = (*last).max(mark);
        self.meta
            .insert(CLOCK_KEY, &self.hlc_now().max(mark).to_be_bytes())?;
        self.meta.insert(OFFICE_KEY, self.seal(OFFICE_KEY, &keys)?)?;
        let change = Change::Exported {
            office: fp,
            bundle: bundle.to_owned(),
            cases,
        };
        self.record_sent(helper, change)
    }

    fn hlc_now(&self) -> u64 {
        self.hlc.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Merges a bundle's entries from `from.machine`: one transaction per
    /// case, all flushed before this returns; in [`ImportMode::Preview`]
    /// nothing is written. `roles` says which answers of a procedure are numbers and
    /// names; `progress` counts the cases merged.
    pub fn import_entries(
        &self,
        entries: &[Entry],
        roles: &(dyn Fn(&str) -> FieldRoles + Sync),
        from: &BundleFrom,
        mode: ImportMode,
        progress: &super::Progress,
    ) -> Result<Imported, StoreError> {
        let BundleFrom {
            machine,
            bundle,
            damaged,
        } = *from;
        if self.training {
            return Err(StoreError::RealDataStaysOut);
        }
        // "A day ahead of every clock seen": this machine's wall clock and
        // every reading it trusts.
        let trusted = now_ms().max(ms_of_reading(self.hlc_now()));
        let merge_one = |entry: &Entry| -> Result<Merging, StoreError> {
            watch::progress();
            if progress.stop_asked() {
                return Ok(Merging::Stopped);
            }
            progress.advance(1);
            if self.was_deleted(&entry.case)? {
                return Ok(Merging::Deleted);
            }
            let roles = roles(&entry.procedure_id);
            if mode == ImportMode::Preview {
                let local = self.case(&entry.case)?;
                let (case, merged) = merge::merge(local.as_ref(), entry, &self.machine, trusted);
                if merged.is_nothing(local.is_some()) {
                    return Ok(Merging::Unchanged);
                }
                let conflict = !merge::cards(&case, &roles, &self.machine).is_empty();
                return Ok(Merging::Changed(local.is_none(), merged, conflict));
            }
            // The people it names, looked up by the numbers it will hold
            // (merged here once more only for a procedure that names anyone).
            let named = if roles.named.is_empty() {
                Vec::new()
            } else {
                let local = self.case(&entry.case)?;
                let (would_be, _) = merge::merge(local.as_ref(), entry, &self.machine, trusted);
                self.look_up_named(&roles.named, &would_be, &would_be.answers)?
            };
            let outcome =
                match self.commit_unflushed(|tx| self.merge_in(tx, entry, &roles, &named, from, trusted))? {
                    Some((new, merged, conflict)) => Merging::Changed(new, merged, conflict),
                    None => Merging::Unchanged,
                };
            // Trusted readings move this machine's clock on, so its next
            // edit of a merged field reads later (a dry run moves nothing).
            let trusted_at = entry.fields.values().flatten().map(|v| &v.clock);
            for c in trusted_at.filter(|c| ms_of_reading(c.at) <= trusted + clock::AHEAD_LIMIT_MS) {
                self.hlc.fetch_max(c.at, std::sync::atomic::Ordering::SeqCst);
            }
            Ok(outcome)
        };
        // Cases are merged apart from each other, each in its own
        // transaction: the cores share them (two cases of one resident
        // touch the same record, and sled runs one of the two again).
        let outcomes = super::parallel::map(entries, 4, 64, merge_one, |_| {
            Err(RecordError::Worker("a bundle's import thread").into())
        });
        let mut done = Imported::default();
        for (entry, outcome) in entries.iter().zip(outcomes) {
            match outcome? {
                Merging::Stopped => done.stopped += 1,
                Merging::Unchanged => done.unchanged += 1,
                Merging::Deleted => done.deleted += 1,
                Merging::Changed(new, merged, conflict) => {
                    done.edits += merged.fields.len();
                    done.flagged += merged.flagged;
                    if conflict {
                        done.conflicts.push(entry.case);
                    }
                    if new { &mut done.new } else { &mut done.updated }.push(entry.case);
                }
            }
        }
        if mode == ImportMode::Preview {
            return Ok(done);
        }
        self.meta.insert(CLOCK_KEY, &self.hlc_now().to_be_bytes())?;
        self.flush_raising_generation()?;
        let change = Change::Imported {
            bundle: bundle.to_owned(),
            machine: machine.to_owned(),
            edits: done.edits,
            new: done.new.len(),
            updated: done.updated.len(),
            conflicts: done.conflicts.len(),
            damaged,
        };
        self.record_sent("", change)?;
        Ok(done)
    }

    /// Inside one case's transaction: the entry merged, and with the case
    /// its index keys, its resident, its facts, its conflict mark and an
    /// audit event. None when the case already had everything.
    fn merge_in(
        &self,
        tx: &super::Tx,
        entry: &Entry,
        roles: &FieldRoles,
        named: &[super::named::Named],
        from: &BundleFrom,
        trusted: i64,
    ) -> super::TxResult<Option<(bool, merge::Merged, bool)>> {
        let local: Option<Case> = match tx.cases.get(&entry.case.0[..])? {
            Some(bytes) => Some(self.open_record(&entry.case.0, &bytes).or_else(abort)?),
            None => None,
        };
        let (mut case, merged) = merge::merge(local.as_ref(), entry, &self.machine, trusted);
        if merged.is_nothing(local.is_some()) {
            return Ok(None);
        }
        let now = now_ms();
        case.revision += 1;
        case.updated_at_ms = now.max(local.as_ref().map_or(0, |c| c.updated_at_ms + 1));
        case.written = self.tick(now);
        // The names and numbers the case is found by.
        self.refind(tx, &roles.found, local.as_ref(), &case)?;
        let status = case.clocks.get(merge::STATUS).cloned();
        let helper = status.as_ref().map_or(entry.helper.clone(), |c| c.helper.clone());
        if roles.resident.name.is_some() {
            let new_id = Id::new(now).or_else(|e| abort(e.into()))?;
            self.sync_resident(tx, &mut case, &roles.resident, new_id, &helper, now)?;
        }
        self.link_named(tx, &mut case, named)?;
        let conflict = !merge::cards(&case, roles, &self.machine).is_empty();
        mark_unsettled(tx, &case)?;
        let sealed = self.seal(&case.id.0, &case).or_else(abort)?;
        tx.cases.insert(&case.id.0[..], sealed)?;
        let old_keys = (local.as_ref())
            .map(|c| [index::case_keys(c), index::hoso_keys(&self.index_key, c)].concat())
            .unwrap_or_default();
        let new_keys = [index::case_keys(&case), index::hoso_keys(&self.index_key, &case)].concat();
        tx.replace_keys(&old_keys, &new_keys)?;
        let written = merged
            .fields
            .iter()
            .filter_map(|f| case.clocks.get(f))
            .map(|c| ms_of_reading(c.at));
        self.write_merged_facts(tx, &case, &entry.marks, status.as_ref(), written)?;
        let change = Change::Merged {
            machine: from.machine.to_owned(),
            bundle: from.bundle.to_owned(),
            fields: merged.fields.len(),
        };
        self.audit_in(tx, now, &helper, Some(case.id), change)?;
        Ok(Some((local.is_none(), merged, conflict)))
    }

    /// The cases that keep values written apart: where cards may be.
    pub fn conflict_cases(&self) -> Result<Vec<Id>, StoreError> {
        let mut ids = Vec::new();
        for kv in self.idx.scan_prefix([CONFLICT]) {
            let (k, _) = kv?;
            ids.extend(Id::from_slice(&k[1..]));
        }
        Ok(ids)
    }

    /// Every card waiting for a person, oldest case first.
    pub fn conflict_cards(&self, roles: &dyn Fn(&str) -> FieldRoles) -> Result<Vec<Card>, StoreError> {
        let mut cards = Vec::new();
        for id in self.conflict_cases()? {
            if let Some(case) = self.case(&id)? {
                cards.extend(merge::cards(&case, &roles(&case.procedure_id), &self.machine));
            }
        }
        Ok(cards)
    }

    /// A person chose `chosen` for `field`: a committed edit that has seen
    /// every kept value, so it replaces them on every machine it reaches.
    pub fn choose_value(
        &self,
        id: &Id,
        field: &str,
        chosen: Option<&str>,
        helper: &str,
        roles: &FieldRoles,
    ) -> Result<Case, StoreError> {
        let now = now_ms();
        let tick = self.tick(now);
        let change = Change::Chose {
            field: field.to_owned(),
        };
        let new_resident = Id::new(now)?;
        self.edit_case_in(id, helper, change, now, |tx, case| {
            let before = case.clone();
            merge::choose(case, field, chosen, tick, &self.machine, helper);
            self.refind(tx, &roles.found, Some(&before), case)?;
            // A chosen number is the resident's number too.
            if merge::answer_of(field).is_some_and(|a| roles.resident.contains(a)) {
                self.sync_resident(tx, case, &roles.resident, new_resident, helper, now)?;
            }
            Ok(())
        })
    }

    /// Every case's merged fields (see [`merge::merged_state`]): two
    /// machines that have seen the same edits give the same map.
    pub fn merged_states(&self) -> Result<BTreeMap<Id, BTreeMap<String, Vec<clock::Version>>>, StoreError> {
        let mut out = BTreeMap::new();
        for kv in self.cases.iter() {
            let (k, v) = kv?;
            let case: Case = self.open_record(&k, &v)?;
            out.insert(case.id, merge::merged_state(&case, &self.machine));
        }
        Ok(out)
    }
}
