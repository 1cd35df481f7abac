//! The vocabulary of names: one sealed record per distinct folded name word
//! (under `v` and the word's id, a keyed hash), read into memory once the
//! folder is unlocked. Name keys list records under a word's id, one key per
//! word rather than per prefix; a typed prefix ("ng") is first looked up
//! here (every word it starts), then their lists are walked as one.
//!
//! A word is written in the same transaction or batch as the first keys
//! that list records under it, and joins the words in memory only once
//! that is written: a key on disk always has its word on disk. A word goes
//! with the last record it lists (a draft deleted, a name changed), so the
//! vocabulary holds no word of someone no longer on file.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, RwLock};

use serde::{Deserialize, Serialize};

use super::index::{self, WordId};
use super::postings::BatchKeys;
use super::records::{Case, Record, Resident};
use super::{Store, StoreError, Tx, TxResult, abort, watch};
use trolyso_core::domain::procedure::FoundFields;

/// A word as sealed in the index tree.
#[derive(Serialize, Deserialize)]
struct Word {
    word: String,
}

impl Record for Word {
    const TREE: &'static str = "vocabulary";
    const VERSION: u16 = 1;
}

/// What a transaction did to the vocabulary, for the words in memory once
/// it is committed.
#[derive(Default)]
pub(super) struct Changes {
    /// Words it wrote.
    learned: Vec<(String, WordId)>,
    /// Words it removed: no record listed under them any more.
    forgotten: Vec<WordId>,
}

pub(super) type WordChanges = RefCell<Changes>;

/// The words in memory, folded, in order: a prefix is a range.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    words: RwLock<BTreeMap<String, WordId>>,
    writing: Mutex<()>,
}

impl Vocabulary {
    /// Held by a writer (jobs and the screen share the store) from its
    /// first look at the words in memory until they follow what it wrote.
    /// sled runs one transaction at a time, but the words in memory follow
    /// a commit only after sled lets the next one run: without this, that
    /// one could take a word just removed for still written.
    pub(super) fn hold(&self) -> MutexGuard<'_, ()> {
        self.writing.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn knows(&self, word: &str) -> bool {
        self.read().contains_key(word)
    }

    /// Words written (a batch applied).
    pub(super) fn add(&self, learned: Vec<(String, WordId)>) {
        self.apply(Changes {
            learned,
            forgotten: Vec::new(),
        });
    }

    /// What a committed transaction wrote and removed.
    pub(super) fn apply(&self, changes: Changes) {
        if changes.learned.is_empty() && changes.forgotten.is_empty() {
            return;
        }
        let mut words = self.words.write().unwrap_or_else(|e| e.into_inner());
        words.extend(changes.learned);
        if !changes.forgotten.is_empty() {
            words.retain(|_, id| !changes.forgotten.contains(id));
        }
    }

    /// The ids of every word that starts with `prefix` (folded).
    pub(super) fn starting_with(&self, prefix: &str) -> Vec<WordId> {
        self.read()
            .range(prefix.to_owned()..)
            .take_while(|(w, _)| w.starts_with(prefix))
            .map(|(_, id)| *id)
            .collect()
    }

    // A panic elsewhere while the lock was held leaves the map whole (an
    // insert is all or nothing), so a poisoned lock is still read.
    fn read(&self) -> std::sync::RwLockReadGuard<'_, BTreeMap<String, WordId>> {
        self.words.read().unwrap_or_else(|e| e.into_inner())
    }
}

impl Store {
    /// Reads the words of the folder into memory (at open).
    pub(super) fn load_vocabulary(&self) -> Result<(), StoreError> {
        let mut words = BTreeMap::new();
        for kv in self.idx.scan_prefix([index::VOCABULARY]) {
            let (k, v) = kv?;
            watch::progress();
            let word: Word = self.open_record(&k, &v)?;
            if let Ok(id) = k[1..].try_into() {
                words.insert(word.word, id);
            }
        }
        *self.vocab.words.write().unwrap_or_else(|e| e.into_inner()) = words;
        Ok(())
    }

    /// The index keys of a resident, its name's words written to the
    /// vocabulary in the same transaction if new.
    pub(super) fn resident_keys(&self, tx: &Tx, r: &Resident) -> TxResult<Vec<Vec<u8>>> {
        self.learn(tx, &r.full_name)?;
        Ok(index::resident_keys(&self.index_key, r))
    }

    /// The index keys of the answers a case is found by, the names' words
    /// written to the vocabulary in the same transaction if new.
    pub(super) fn found_keys(&self, tx: &Tx, found: &FoundFields, case: &Case) -> TxResult<Vec<Vec<u8>>> {
        for name in found.names_in(&case.answers) {
            self.learn(tx, name)?;
        }
        Ok(index::found_keys(&self.index_key, found, case))
    }

    /// Writes the words of `name` the vocabulary lacks, inside `tx`.
    fn learn(&self, tx: &Tx, name: &str) -> TxResult<()> {
        let mut changes = tx.words.borrow_mut();
        if !changes.forgotten.is_empty() {
            // A word this transaction removed (its last record went) and
            // now lists again is written back.
            for word in index::name_words(name) {
                let id = index::word_id(&self.index_key, &word);
                if let Some(at) = changes.forgotten.iter().position(|f| *f == id) {
                    changes.forgotten.swap_remove(at);
                    let key = index::vocabulary_key(&id);
                    tx.idx
                        .insert(key.clone(), self.seal(&key, &Word { word }).or_else(abort)?)?;
                }
            }
        }
        let new = (self.new_words(name, |w| changes.learned.iter().any(|(p, _)| p == w))).or_else(abort)?;
        for (word, id, sealed) in new {
            tx.idx.insert(index::vocabulary_key(&id), sealed)?;
            changes.learned.push((word, id));
        }
        Ok(())
    }

    /// Adds the words of `name` the vocabulary lacks to `keys`, written
    /// with its postings.
    pub(super) fn learn_into(&self, keys: &mut BatchKeys, name: &str) -> Result<(), StoreError> {
        let new = self.new_words(name, |w| keys.words.iter().any(|(p, ..)| p == w))?;
        keys.words.extend(new);
        Ok(())
    }

    /// The words of `name` neither in memory nor `pending` (written by the
    /// same transaction or batch): each with its id and sealed record.
    fn new_words(
        &self,
        name: &str,
        pending: impl Fn(&str) -> bool,
    ) -> Result<Vec<(String, WordId, Vec<u8>)>, StoreError> {
        let mut out = Vec::new();
        for word in index::name_words(name) {
            if self.vocab.knows(&word) || pending(&word) {
                continue;
            }
            let id = index::word_id(&self.index_key, &word);
            let sealed = self.seal(&index::vocabulary_key(&id), &Word { word: word.clone() })?;
            out.push((word, id, sealed));
        }
        Ok(out)
    }
}

impl Tx<'_> {
    /// Removes the word `id` if no block of it is left (of residents' names
    /// or of the people cases name).
    pub(super) fn forget_if_unlisted(&self, id: &WordId) -> TxResult<()> {
        for kind in [index::NAME_WORD, index::PERSON_WORD] {
            let prefix = index::word_prefix(kind, id);
            for block in 0..index::BLOCKS {
                if self.idx.get([prefix.as_slice(), &[block]].concat())?.is_some() {
                    return Ok(());
                }
            }
        }
        self.idx.remove(index::vocabulary_key(id))?;
        let mut changes = self.words.borrow_mut();
        if !changes.forgotten.contains(id) {
            changes.forgotten.push(*id);
        }
        Ok(())
    }
}
