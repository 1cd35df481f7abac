//! Index keys written and removed, a word's list kept in blocks; and
//! walking index lists in order.
//!
//! A word's list (the residents, or the cases, with a name word) is split
//! into [`index::BLOCKS`] blocks by a byte of each id; a block is one key
//! (its kind, the word's id, the block's number) whose value is its ids,
//! 16 bytes each, in order. A name search reads, block by block, the blocks
//! of every word each typed word starts and keeps the ids all typed words
//! share: its cost follows the blocks read, not the ids walked, and it stops
//! at the block that fills a page.

use std::collections::BTreeMap;

use super::index::{self, WordId};
use super::{StoreError, Tx, TxResult};

const ID: usize = 16;

/// Where `id` is or would go among a block's ids.
fn position(ids: &[u8], id: &[u8]) -> Result<usize, usize> {
    let n = ids.len() / ID;
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match ids[mid * ID..(mid + 1) * ID].cmp(id) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Ok(mid),
        }
    }
    Err(lo)
}

/// Adds `id` to a block's ids; false if it was there.
fn add(ids: &mut Vec<u8>, id: &[u8]) -> bool {
    match position(ids, id) {
        Ok(_) => false,
        Err(at) => {
            ids.splice(at * ID..at * ID, id.iter().copied());
            true
        }
    }
}

/// Removes `id` from a block's ids; false if it was not there.
fn remove(ids: &mut Vec<u8>, id: &[u8]) -> bool {
    match position(ids, id) {
        Ok(at) => {
            ids.drain(at * ID..(at + 1) * ID);
            true
        }
        Err(_) => false,
    }
}

impl Tx<'_> {
    /// Index keys of a record before and after an edit: those gone are
    /// removed, the others written (a word posting into its block). A word
    /// whose last block went leaves the vocabulary.
    pub(super) fn replace_keys(&self, old: &[Vec<u8>], new: &[Vec<u8>]) -> TxResult<()> {
        let mut emptied = Vec::new();
        for k in old.iter().filter(|k| !new.contains(k)) {
            match index::split_posting(k) {
                Some((block, id)) => {
                    if self.unlist(block, id)? {
                        emptied.extend(index::word_of_block(block));
                    }
                }
                None => {
                    self.idx.remove(k.as_slice())?;
                }
            }
        }
        for k in new {
            match index::split_posting(k) {
                Some((block, id)) => self.list(block, id)?,
                None => {
                    self.idx.insert(k.as_slice(), &[][..])?;
                }
            }
        }
        for word in emptied {
            self.forget_if_unlisted(&word)?;
        }
        Ok(())
    }

    /// Lists `id` in the word block `block`, inside the transaction.
    fn list(&self, block: &[u8], id: &[u8]) -> TxResult<()> {
        let mut ids = self.idx.get(block)?.map(|v| v.to_vec()).unwrap_or_default();
        if add(&mut ids, id) {
            self.idx.insert(block, ids)?;
        }
        Ok(())
    }

    /// Takes `id` out of the word block `block`; true if that emptied it
    /// (an empty block goes).
    fn unlist(&self, block: &[u8], id: &[u8]) -> TxResult<bool> {
        let Some(v) = self.idx.get(block)? else {
            return Ok(false);
        };
        let mut ids = v.to_vec();
        if !remove(&mut ids, id) {
            return Ok(false);
        }
        if ids.is_empty() {
            self.idx.remove(block)?;
            return Ok(true);
        }
        self.idx.insert(block, ids)?;
        Ok(false)
    }
}

/// Index keys bound for a batch (which cannot read what it changes): word
/// postings are gathered by block and merged with what each block holds
/// when written, and written with the words new to the vocabulary that
/// they list under ([`Store::learn_into`](super::Store)).
#[derive(Default)]
pub(super) struct BatchKeys {
    plain: Vec<Vec<u8>>,
    blocks: BTreeMap<Vec<u8>, Vec<Vec<u8>>>,
    /// New words: each with its id and sealed record.
    pub(super) words: Vec<(String, WordId, Vec<u8>)>,
}

impl BatchKeys {
    pub(super) fn insert(&mut self, key: Vec<u8>) {
        match index::split_posting(&key) {
            Some((block, id)) => self.blocks.entry(block.to_vec()).or_default().push(id.to_vec()),
            None => self.plain.push(key),
        }
    }

    /// Puts the keys and new words into `batch`, each block with the ids it
    /// holds in `idx`; returns the words, for memory once the batch is
    /// applied ([`Vocabulary::add`](super::vocab::Vocabulary::add)).
    pub(super) fn write(
        self,
        idx: &sled::Tree,
        batch: &mut sled::Batch,
    ) -> Result<Vec<(String, WordId)>, StoreError> {
        let mut learned = Vec::with_capacity(self.words.len());
        for (word, id, sealed) in self.words {
            batch.insert(index::vocabulary_key(&id), sealed);
            learned.push((word, id));
        }
        for k in self.plain {
            batch.insert(k, &[][..]);
        }
        for (block, ids) in self.blocks {
            let mut value = idx.get(&block)?.map(|v| v.to_vec()).unwrap_or_default();
            for id in ids {
                add(&mut value, &id);
            }
            batch.insert(block, value);
        }
        Ok(learned)
    }
}

/// The ids under one index prefix, walked forward. The iterator is kept
/// where it stopped: the next key of an iterator already there costs a
/// fraction of a new lookup, which finds its leaf from the root.
pub(super) struct List {
    prefix: Vec<u8>,
    iter: Option<sled::Iter>,
    head: Head,
}

enum Head {
    Unknown,
    At(Vec<u8>),
    Done,
}

/// Steps an iterator takes towards an id before it is looked up afresh.
const STEPS: usize = 8;

impl List {
    pub(super) fn new(prefix: Vec<u8>) -> List {
        List {
            prefix,
            iter: None,
            head: Head::Unknown,
        }
    }

    /// The first id at or after `target` (asked for ids further on only).
    pub(super) fn first_at_or_after(
        &mut self,
        idx: &sled::Tree,
        target: &[u8],
    ) -> Result<Option<Vec<u8>>, StoreError> {
        self.reach(idx, target)?;
        Ok(match &self.head {
            Head::At(id) => Some(id.clone()),
            _ => None,
        })
    }

    fn reach(&mut self, idx: &sled::Tree, target: &[u8]) -> Result<(), StoreError> {
        match &self.head {
            Head::Done => return Ok(()),
            Head::At(id) if id.as_slice() >= target => return Ok(()),
            _ => {}
        }
        if let Some(iter) = &mut self.iter {
            for _ in 0..STEPS {
                match next_id(iter, &self.prefix)? {
                    Some(id) if id.as_slice() < target => {}
                    found => {
                        self.head = found.map_or(Head::Done, Head::At);
                        return Ok(());
                    }
                }
            }
        }
        let mut iter = idx.range([self.prefix.as_slice(), target].concat()..);
        self.head = next_id(&mut iter, &self.prefix)?.map_or(Head::Done, Head::At);
        self.iter = Some(iter);
        Ok(())
    }
}

/// The id of the iterator's next key, if that key is under `prefix`.
fn next_id(iter: &mut sled::Iter, prefix: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
    match iter.next() {
        Some(kv) => {
            let (k, _) = kv?;
            Ok(k.strip_prefix(prefix).map(<[u8]>::to_vec))
        }
        None => Ok(None),
    }
}

/// The records listed under every typed word (each: the word lists of the
/// words it starts), in the order of a position: the block's number, then
/// the id.
pub(super) struct WordWalk {
    /// Per typed word, the block-key prefixes (kind and word id) of the
    /// words it starts; the typed word with fewest first.
    words: Vec<Vec<Vec<u8>>>,
    /// The last block read, and the ids in it under every typed word.
    read: Option<(u8, Vec<[u8; ID]>)>,
}

impl WordWalk {
    pub(super) fn new(mut words: Vec<Vec<Vec<u8>>>) -> WordWalk {
        words.sort_by_key(Vec::len);
        WordWalk { words, read: None }
    }

    /// Whether it can find nothing: no typed word, or one no word starts.
    pub(super) fn is_empty(&self) -> bool {
        self.words.first().is_none_or(Vec::is_empty)
    }

    /// The first position (block number, then id) at or after `target`.
    pub(super) fn first_at_or_after(
        &mut self,
        idx: &sled::Tree,
        target: &[u8],
    ) -> Result<Option<Vec<u8>>, StoreError> {
        if self.is_empty() {
            return Ok(None);
        }
        let (mut block, mut after) = match target.split_first() {
            Some((b, rest)) => (*b, rest),
            None => (0, &[][..]),
        };
        while block < index::BLOCKS {
            let ids = self.ids_in(idx, block)?;
            if let Some(id) = ids.iter().find(|id| id.as_slice() >= after) {
                return Ok(Some([&[block][..], id].concat()));
            }
            block += 1;
            after = &[];
        }
        Ok(None)
    }

    /// The ids of block `block` under every typed word, in order.
    fn ids_in(&mut self, idx: &sled::Tree, block: u8) -> Result<&[[u8; ID]], StoreError> {
        if self.read.as_ref().is_none_or(|(b, _)| *b != block) {
            let mut shared: Option<Vec<[u8; ID]>> = None;
            for prefixes in &self.words {
                let mut any: Vec<[u8; ID]> = Vec::new();
                for prefix in prefixes {
                    if let Some(v) = idx.get([prefix.as_slice(), &[block]].concat())? {
                        any.extend(v.chunks_exact(ID).filter_map(|c| <[u8; ID]>::try_from(c).ok()));
                    }
                }
                if prefixes.len() > 1 {
                    any.sort_unstable();
                    any.dedup();
                }
                let ids = match shared {
                    None => any,
                    Some(mut kept) => {
                        kept.retain(|id| any.binary_search(id).is_ok());
                        kept
                    }
                };
                let none_left = ids.is_empty();
                shared = Some(ids);
                if none_left {
                    break;
                }
            }
            self.read = Some((block, shared.unwrap_or_default()));
        }
        Ok(self.read.as_ref().map_or(&[][..], |(_, ids)| ids.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_keeps_its_ids_in_order_each_once() {
        let mut ids = Vec::new();
        for b in [5u8, 1, 9, 5, 3] {
            add(&mut ids, &[b; ID]);
        }
        let got: Vec<u8> = ids.chunks_exact(ID).map(|c| c[0]).collect();
        assert_eq!(got, [1, 3, 5, 9]);
        assert!(remove(&mut ids, &[5; ID]));
        assert!(!remove(&mut ids, &[5; ID]));
        assert!(!add(&mut ids, &[9; ID]));
        let got: Vec<u8> = ids.chunks_exact(ID).map(|c| c[0]).collect();
        assert_eq!(got, [1, 3, 9]);
    }
}
