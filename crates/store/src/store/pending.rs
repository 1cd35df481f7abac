//! The recovery code until the helper has shown it was copied: kept sealed
//! in `meta`, so a setup killed on the code's screen (kill -9, a pulled
//! plug) shows the code again at the next unlock instead of losing it for
//! ever. Typing back its last group removes it.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::records::Record;
use super::{Store, StoreError};

const PENDING: &[u8] = b"recovery code not yet copied";

#[derive(Serialize, Deserialize)]
struct PendingCode {
    code: String,
}

impl Record for PendingCode {
    const TREE: &'static str = "meta";
    const VERSION: u16 = 1;
}

impl Store {
    /// Keeps a new office's recovery code until it is confirmed copied
    /// (the app's setup, which shows it; flushed before returning).
    pub fn keep_recovery_code(&self, code: &str) -> Result<(), StoreError> {
        let pending = PendingCode {
            code: code.to_owned(),
        };
        self.meta.insert(PENDING, self.seal(PENDING, &pending)?)?;
        self.flush_raising_generation()
    }

    /// The recovery code, while no one has confirmed copying it.
    pub fn pending_recovery_code(&self) -> Result<Option<Zeroizing<String>>, StoreError> {
        match self.meta.get(PENDING)? {
            Some(bytes) => {
                let pending: PendingCode = self.open_record(PENDING, &bytes)?;
                Ok(Some(Zeroizing::new(pending.code)))
            }
            None => Ok(None),
        }
    }

    /// The helper typed back part of the code: it is on paper, and leaves
    /// the store (flushed before returning).
    pub fn recovery_code_copied(&self) -> Result<(), StoreError> {
        self.meta.remove(PENDING)?;
        self.flush_raising_generation()
    }
}

#[cfg(test)]
mod tests {
    use super::super::KdfParams;
    use super::*;

    #[test]
    fn the_code_is_shown_again_until_confirmed_copied() {
        let tmp = tempfile::tempdir().unwrap();
        let (store, code) = Store::create(tmp.path(), "matkhau123", KdfParams::light_for_tests()).unwrap();
        assert_eq!(store.pending_recovery_code().unwrap(), None);
        store.keep_recovery_code(&code).unwrap();
        drop(store);
        // Killed on the code's screen: the next unlock has it.
        let store = Store::open(tmp.path(), "matkhau123").unwrap();
        let pending = store.pending_recovery_code().unwrap();
        assert_eq!(pending.as_ref().map(|c| c.as_str()), Some(code.as_str()));
        store.recovery_code_copied().unwrap();
        drop(store);
        let store = Store::open(tmp.path(), "matkhau123").unwrap();
        assert_eq!(store.pending_recovery_code().unwrap(), None);
        // Never in the clear on disk.
        let plain = code.replace('-', "");
        for file in walk(tmp.path()) {
            let bytes = std::fs::read(&file).unwrap();
            assert!(
                !bytes.windows(plain.len()).any(|w| w == plain.as_bytes()),
                "{}",
                file.display()
            );
        }
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }
}
