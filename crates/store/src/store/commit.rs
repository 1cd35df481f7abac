//! Committing: a transaction over the trees, the generation raised in it,
//! then the flush that makes it an acknowledged edit.

use sled::Transactional;

use super::vocab::WordChanges;
use super::{Store, StoreError, Tx, TxResult, integrity, tx_error};

impl Store {
    pub(super) fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    /// One committed edit: `write` and a raised generation in one
    /// transaction, then `flush()`, then the generation marker. Returns only
    /// when the edit is on disk.
    pub(super) fn commit<T>(&self, write: impl Fn(&Tx) -> TxResult<T>) -> Result<T, StoreError> {
        let words = WordChanges::default();
        let held = self.vocab.hold();
        let (value, generation) = (&self.meta, &self.cases, &self.residents, &self.audit, &self.idx)
            .transaction(|(meta, cases, residents, audit, idx)| {
                // A transaction run again (a conflict) starts afresh.
                words.take();
                let value = write(&Tx {
                    cases,
                    residents,
                    audit,
                    idx,
                    words: &words,
                })?;
                let old = meta.get(integrity::GENERATION_KEY)?;
                let generation = old
                    .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
                    .unwrap_or(0)
                    + 1;
                meta.insert(integrity::GENERATION_KEY, &generation.to_be_bytes())?;
                Ok((value, generation))
            })
            .map_err(tx_error)?;
        self.vocab.apply(words.into_inner());
        drop(held);
        self.flush()?;
        self.marker.write(generation);
        Ok(value)
    }

    /// A transaction like [`Store::commit`]'s without the generation and
    /// not yet flushed: for many transactions acknowledged together by one
    /// [`Store::flush_raising_generation`] (an import: cut short, it is
    /// imported again whole, and changes nothing the second time).
    pub(super) fn commit_unflushed<T>(&self, write: impl Fn(&Tx) -> TxResult<T>) -> Result<T, StoreError> {
        let words = WordChanges::default();
        let _held = self.vocab.hold();
        let value = (&self.cases, &self.residents, &self.audit, &self.idx)
            .transaction(|(cases, residents, audit, idx)| {
                words.take();
                write(&Tx {
                    cases,
                    residents,
                    audit,
                    idx,
                    words: &words,
                })
            })
            .map_err(tx_error)?;
        self.vocab.apply(words.into_inner());
        Ok(value)
    }

    /// Flushes writes made outside [`Store::commit`] and raises the
    /// generation after them, so the check on the next open also vouches for
    /// them. The generation is written last: sled's log replays in order, so
    /// a recovered generation means the writes before it were recovered too.
    pub(super) fn flush_raising_generation(&self) -> Result<(), StoreError> {
        let generation = integrity::read_generation(&self.meta)? + 1;
        self.meta
            .insert(integrity::GENERATION_KEY, &generation.to_be_bytes())?;
        self.flush()?;
        self.marker.write(generation);
        Ok(())
    }
}
