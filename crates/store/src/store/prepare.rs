//! The one-time work a folder from an older version needs before the app
//! can use it: index keys added by later versions (numbers' last digits,
//! the people a case names, the numbers and codes it holds, names by word
//! in place of every prefix) and the facts reports read.
//!
//! Each piece is a pass over one tree, in chunks that are written and
//! flushed as they go with the key reached kept in `meta`: a pass stopped
//! (Ctrl+Q, a kill, a pulled plug) starts again after the last chunk
//! written, and writing a chunk twice writes the same keys. Every record
//! tells the watchdog it moved and the caller how far the pass has come, so
//! a large folder on an old disk is slow, never "stuck".

use std::collections::HashMap;
use std::ops::Bound;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::postings::BatchKeys;
use super::records::{Case, Change, Id, Resident};
use super::{Store, StoreError, facts, index, watch};
use trolyso_core::domain::date::local_day;
use trolyso_core::domain::procedure::FoundBy;

/// Records written and flushed together: small enough that a stop waits
/// well under a second on an old PC, large enough that flushing is a small
/// share of the time.
const CHUNK: usize = 500;

/// Whole passes, in the order they run; each is done once per folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Residents' names by word, with the vocabulary (older folders listed
    /// every prefix of every word; those keys go).
    NameWords,
    /// The last digits of residents' numbers.
    NumberEnds,
    /// The facts reports read, rebuilt from cases and the audit log.
    Facts,
    /// The names of everyone a case names (the child, the parents), by
    /// word, with the vocabulary (older keys by prefix go).
    People,
    /// The numbers and codes a case holds (a parent's identification
    /// number, a phone, the hồ sơ code).
    CaseNumbers,
    /// The other people a case names with their number: their own records,
    /// linked.
    Named,
}

impl Pass {
    const ALL: [Pass; 6] = [
        Pass::NameWords,
        Pass::NumberEnds,
        Pass::Facts,
        Pass::People,
        Pass::CaseNumbers,
        Pass::Named,
    ];

    /// Whether it needs to know which answers a case is found by.
    fn needs_found_by(self) -> bool {
        matches!(self, Pass::People | Pass::CaseNumbers | Pass::Named)
    }

    /// The mark in `meta` once done (kept from the versions that added
    /// them, so folders already done are not done again; a pass whose keys
    /// changed has a new one).
    fn done_mark(self) -> &'static [u8] {
        match self {
            Pass::NameWords => b"index: name words",
            Pass::NumberEnds => b"index: number suffix",
            Pass::Facts => b"index: report facts",
            Pass::People => b"index: words of people of a case",
            Pass::CaseNumbers => b"index: numbers of a case",
            Pass::Named => b"index: people a case names",
        }
    }

    /// Where a pass cut short stopped: the last record key written.
    fn cursor(self) -> &'static [u8] {
        match self {
            Pass::NameWords => b"prepare: name words reached",
            Pass::NumberEnds => b"prepare: number suffix reached",
            Pass::Facts => b"prepare: report facts reached",
            Pass::People => b"prepare: words of people of a case reached",
            Pass::CaseNumbers => b"prepare: numbers of a case reached",
            Pass::Named => b"prepare: people a case names reached",
        }
    }

    /// Whether it goes over residents (else cases).
    fn over_residents(self) -> bool {
        matches!(self, Pass::NameWords | Pass::NumberEnds)
    }

    /// The kind of the older keys it replaces, removed once it is done.
    fn replaces(self) -> Option<u8> {
        match self {
            Pass::NameWords => Some(index::OLD_NAME_PREFIX),
            Pass::People => Some(index::OLD_PERSON_PREFIX),
            _ => None,
        }
    }

    fn section(self) -> &'static str {
        match self {
            Pass::NameWords => "preparing: name words",
            Pass::NumberEnds => "preparing: number ends",
            Pass::Facts => "preparing: report facts",
            Pass::People => "preparing: people of cases",
            Pass::CaseNumbers => "preparing: numbers of cases",
            Pass::Named => "preparing: people cases name",
        }
    }
}

/// How far long work has come (the preparation, a bundle's import), shared
/// with whoever shows it.
#[derive(Debug, Default)]
pub struct Progress {
    /// The pass under way, from 1; 0 before the first.
    pub step: AtomicU64,
    pub steps: AtomicU64,
    /// Records of the pass under way done, and in all.
    pub done: AtomicU64,
    pub total: AtomicU64,
    /// The records of the step under way are residents (else cases).
    residents: AtomicBool,
    /// Whoever shows the progress asked the work to stop at its next step
    /// (a helper's Esc during a bundle's import).
    stop: AtomicBool,
}

/// A moment of [`Progress`], to show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reached {
    pub step: u64,
    pub steps: u64,
    pub done: u64,
    pub total: u64,
    /// The pass goes over residents (else cases).
    pub residents: bool,
}

impl Progress {
    /// Step `step` of `steps` begins, over `total` cases (0: not known).
    pub fn begin(&self, step: u64, steps: u64, total: u64) {
        self.residents.store(false, Ordering::Relaxed);
        self.steps.store(steps, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
        self.step.store(step, Ordering::Relaxed);
    }

    /// Asks the work to stop at its next step.
    pub fn ask_to_stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Whether the work was asked to stop.
    pub fn stop_asked(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// `n` more records done.
    pub fn advance(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    pub fn reached(&self) -> Reached {
        Reached {
            step: self.step.load(Ordering::Relaxed),
            steps: self.steps.load(Ordering::Relaxed),
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            residents: self.residents.load(Ordering::Relaxed),
        }
    }
}

/// How the preparation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prepared {
    /// Every pass is done: the folder is ready.
    Done,
    /// Stopped between chunks when asked; the next open goes on from there.
    Stopped,
}

/// What drives a preparation: which answers a case is found by (None leaves
/// the passes over them for a caller that has the procedures), a stop asked
/// from outside, and where progress goes.
pub struct Preparation<'a> {
    pub found_by: Option<&'a FoundBy>,
    pub stop: &'a AtomicBool,
    pub progress: &'a Progress,
}

impl Store {
    /// The passes this folder still needs (those over the answers a case is
    /// found by only `with_found_by`).
    pub fn passes_needed(&self, with_found_by: bool) -> Result<Vec<Pass>, StoreError> {
        let mut needed = Vec::new();
        for pass in Pass::ALL {
            if (with_found_by || !pass.needs_found_by()) && self.meta.get(pass.done_mark())?.is_none() {
                needed.push(pass);
            }
        }
        Ok(needed)
    }

    /// Marks every pass done: a new folder has nothing from before.
    pub(super) fn mark_prepared(&self) -> Result<(), StoreError> {
        for pass in Pass::ALL {
            self.meta.insert(pass.done_mark(), &[1u8][..])?;
        }
        Ok(())
    }

    /// Makes this folder look as one from before the passes (their marks
    /// and keys gone): the older folder that tests and benchmarks prepare.
    pub fn forget_preparation(&self) -> Result<(), StoreError> {
        for pass in Pass::ALL {
            self.meta.remove(pass.done_mark())?;
            self.meta.remove(pass.cursor())?;
        }
        for kind in [
            index::NAME_WORD,
            index::VOCABULARY,
            index::NUMBER_SUFFIX,
            index::PERSON_WORD,
            index::CASE_NUMBER,
            index::HOSO_NUMBER,
            index::NAMED,
            facts::FACTS,
            facts::ACTIVE_DAY,
        ] {
            self.remove_kind(kind)?;
        }
        self.load_vocabulary()?;
        self.flush_raising_generation()
    }

    /// Removes every index key of one kind, in chunks (not flushed: the
    /// caller flushes). Cut short, what is left is removed the next time.
    fn remove_kind(&self, kind: u8) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        for (n, k) in self.idx.scan_prefix([kind]).keys().enumerate() {
            batch.remove(k?);
            watch::progress();
            if n % (CHUNK * 20) == 0 {
                self.idx.apply_batch(std::mem::take(&mut batch))?;
            }
        }
        self.idx.apply_batch(batch)?;
        Ok(())
    }

    /// Runs the passes still needed, each resuming where it stopped.
    pub fn prepare(&self, how: &Preparation) -> Result<Prepared, StoreError> {
        let needed = self.passes_needed(how.found_by.is_some())?;
        let (p, steps) = (how.progress, needed.len() as u64);
        for (i, pass) in needed.into_iter().enumerate() {
            p.begin(i as u64 + 1, steps, 0);
            p.residents.store(pass.over_residents(), Ordering::Relaxed);
            let ended = watch::section(pass.section(), || self.run_pass(pass, how))?;
            if ended == Prepared::Stopped {
                return Ok(Prepared::Stopped);
            }
        }
        Ok(Prepared::Done)
    }

    fn run_pass(&self, pass: Pass, how: &Preparation) -> Result<Prepared, StoreError> {
        let tree = if pass.over_residents() {
            &self.residents
        } else {
            &self.cases
        };
        let reached = self.meta.get(pass.cursor())?;
        let (done, total) = count_around(tree, reached.as_deref())?;
        how.progress.total.store(total, Ordering::Relaxed);
        how.progress.done.store(done, Ordering::Relaxed);
        let mut history = match pass {
            Pass::Facts => self.status_history()?,
            _ => HashMap::new(),
        };
        let start = reached.map_or(Bound::Unbounded, |k| Bound::Excluded(k.to_vec()));
        let mut batch = sled::Batch::default();
        let mut keys = BatchKeys::default();
        let mut in_batch = 0;
        for kv in tree.range::<Vec<u8>, _>((start, Bound::Unbounded)) {
            let (k, v) = kv?;
            watch::progress();
            match pass {
                Pass::NameWords => {
                    let r: Resident = self.open_record(&k, &v)?;
                    self.learn_into(&mut keys, &r.full_name)?;
                    for key in index::resident_keys(&self.index_key, &r) {
                        keys.insert(key);
                    }
                }
                Pass::NumberEnds => {
                    let r: Resident = self.open_record(&k, &v)?;
                    for mut key in index::suffix_keys(&self.index_key, &r) {
                        key.extend_from_slice(&r.id.0);
                        batch.insert(key, &[][..]);
                    }
                }
                Pass::Facts => {
                    let case: Case = self.open_record(&k, &v)?;
                    let (times, changes) = history.remove(&case.id).unwrap_or_default();
                    for at in [case.created_at_ms, case.updated_at_ms].into_iter().chain(times) {
                        batch.insert(facts::day_key(local_day(at), &case.id), &[][..]);
                    }
                    let key = facts::facts_key(&case.id);
                    batch.insert(key.clone(), self.seal(&key, &facts::rebuilt(&case, &changes))?);
                }
                // The keys of both are worked out together (two answers may
                // share one); writing a key again changes nothing.
                Pass::People | Pass::CaseNumbers => {
                    let case: Case = self.open_record(&k, &v)?;
                    let found = how.found_by.and_then(|f| f.of(&case.procedure_id));
                    for name in found.iter().flat_map(|f| f.names_in(&case.answers)) {
                        self.learn_into(&mut keys, name)?;
                    }
                    let found_keys = found.map(|f| index::found_keys(&self.index_key, f, &case));
                    for key in found_keys
                        .into_iter()
                        .flatten()
                        .chain(index::hoso_keys(&self.index_key, &case))
                    {
                        keys.insert(key);
                    }
                }
                // Each case naming someone with a number is its own small
                // transaction (records are looked up first), flushed with the
                // chunk.
                Pass::Named => {
                    let case: Case = self.open_record(&k, &v)?;
                    let groups = how.found_by.map_or(&[][..], |f| f.named_of(&case.procedure_id));
                    if !groups.is_empty() {
                        let named = self.look_up_named(groups, &case, &case.answers)?;
                        self.commit_unflushed(|tx| {
                            let Some(bytes) = tx.cases.get(&k)? else {
                                return Ok(());
                            };
                            let mut case: Case = self.open_record(&k, &bytes).or_else(super::abort)?;
                            let before = case.named.clone();
                            self.link_named(tx, &mut case, &named)?;
                            if case.named != before {
                                let sealed = self.seal(&case.id.0, &case).or_else(super::abort)?;
                                tx.cases.insert(&k, sealed)?;
                            }
                            Ok(())
                        })?;
                    }
                }
            }
            in_batch += 1;
            if in_batch == CHUNK {
                let learned = std::mem::take(&mut keys).write(&self.idx, &mut batch)?;
                self.write_chunk(pass, std::mem::take(&mut batch), &k)?;
                self.vocab.add(learned);
                in_batch = 0;
                how.progress.advance(CHUNK as u64);
                slow_down_for_tests();
                if how.stop.load(Ordering::Relaxed) {
                    return Ok(Prepared::Stopped);
                }
            }
        }
        let learned = keys.write(&self.idx, &mut batch)?;
        self.idx.apply_batch(batch)?;
        self.vocab.add(learned);
        if let Some(kind) = pass.replaces() {
            self.remove_kind(kind)?;
        }
        self.meta.insert(pass.done_mark(), &[1u8][..])?;
        self.meta.remove(pass.cursor())?;
        self.flush_raising_generation()?;
        how.progress.done.store(total, Ordering::Relaxed);
        Ok(Prepared::Done)
    }

    /// A chunk's keys and how far it reached, flushed together. sled's log
    /// replays in order, so a recovered mark means its chunk was recovered.
    fn write_chunk(&self, pass: Pass, batch: sled::Batch, reached: &[u8]) -> Result<(), StoreError> {
        self.idx.apply_batch(batch)?;
        self.meta.insert(pass.cursor(), reached)?;
        self.flush_raising_generation()
    }

    /// Per case: when it was edited, and its status changes, from the
    /// audit log (what facts are rebuilt from). Read whole before any
    /// chunk: a stop is only between chunks, never with half a history.
    fn status_history(&self) -> Result<HashMap<Id, (Vec<i64>, StatusEvents)>, StoreError> {
        let mut history: HashMap<Id, (Vec<i64>, StatusEvents)> = HashMap::new();
        for event in self.audit_events() {
            let event = event?;
            watch::progress();
            if let Some(id) = event.case_id {
                let (times, changes) = history.entry(id).or_default();
                times.push(event.at_ms);
                if matches!(event.change, Change::Status { .. }) {
                    changes.push((event.at_ms, event.helper, event.change));
                }
            }
        }
        Ok(history)
    }
}

/// A case's status changes from the audit log: when, by whom, the change.
type StatusEvents = Vec<(i64, String, Change)>;

/// How many records come up to `reached` (included), and in all: the keys
/// are walked, nothing is opened.
fn count_around(tree: &sled::Tree, reached: Option<&[u8]>) -> Result<(u64, u64), StoreError> {
    let (mut before, mut total) = (0u64, 0u64);
    for k in tree.iter().keys() {
        let k = k?;
        watch::progress();
        total += 1;
        if reached.is_some_and(|r| k.as_ref() <= r) {
            before += 1;
        }
    }
    Ok((before, total))
}

/// Tests of a slow disk ask for a pause after every chunk
/// (`TROLYSO_PREPARE_PAUSE_MS`, debug builds only: a shipped build never
/// waits on purpose).
fn slow_down_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("TROLYSO_PREPARE_PAUSE_MS")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}
