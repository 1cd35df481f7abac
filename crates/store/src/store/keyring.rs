//! The wrapped data key, kept unencrypted in the `meta` tree with what it
//! takes to unwrap it: Argon2id parameters and salts. Also the count of
//! wrong passphrases, which slows down guessing after five.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::crypto::{self, KEY_LEN, KdfParams, SecretKey};
use super::error::{RecordError, StoreError};

const KEYRING: &[u8] = b"keyring";
const THROTTLE: &[u8] = b"throttle";
const WRAP_AAD: &[u8] = b"trolyso data key v1";
/// Wrong tries allowed before each further one waits.
pub const FREE_TRIES: u32 = 5;
const MAX_WAIT_SECS: u64 = 300;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Keyring {
    format: u32,
    kdf: KdfParams,
    pass_salt: Vec<u8>,
    by_passphrase: Vec<u8>,
    recovery_salt: Vec<u8>,
    by_recovery: Vec<u8>,
}

/// What deriving the passphrase key takes (the salt and the Argon2id
/// costs), copied to a small file beside `db/` so the derivation can run
/// while sled opens the data. Not secret: the keyring in `meta` holds the
/// same, and stays the one that counts (a copy that disagrees is ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfHeader {
    kdf: KdfParams,
    salt: Vec<u8>,
}

const HEADER_FILE: &str = "kdf.json";

/// The header beside `db/`, if there is a readable one.
pub fn read_header(dir: &std::path::Path) -> Option<KdfHeader> {
    let bytes = std::fs::read(dir.join(HEADER_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Keeps `header` beside `db/` unless it is there already. A folder
/// without it only opens a little slower: failing to write is logged.
pub fn keep_header(dir: &std::path::Path, header: &KdfHeader) {
    if read_header(dir).as_ref() == Some(header) {
        return;
    }
    let written = serde_json::to_vec(header)
        .map_err(std::io::Error::other)
        .and_then(|bytes| super::paths::write_private(&dir.join(HEADER_FILE), &bytes));
    if let Err(e) = written {
        tracing::warn!("could not keep the key-derivation header: {e}");
    }
}

/// The passphrase key being derived on its own thread from the header
/// beside `db/`, started before sled opens the data.
pub struct EarlyKey {
    header: KdfHeader,
    key: std::thread::JoinHandle<Result<SecretKey, crypto::CryptoError>>,
}

impl EarlyKey {
    /// Starts deriving, if the folder has a header.
    pub fn start(dir: &std::path::Path, passphrase: &str) -> Option<EarlyKey> {
        let header = read_header(dir)?;
        let passphrase = Zeroizing::new(passphrase.to_owned());
        let (salt, kdf) = (header.salt.clone(), header.kdf);
        let key = std::thread::Builder::new()
            .name("key derivation".into())
            .spawn(move || crypto::passphrase_key(&passphrase, &salt, kdf))
            .ok()?;
        Some(EarlyKey { header, key })
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Throttle {
    failed: u32,
    not_before_ms: i64,
}

fn read_json<T: for<'de> Deserialize<'de>>(meta: &sled::Tree, key: &[u8]) -> Result<Option<T>, StoreError> {
    match meta.get(key)? {
        None => Ok(None),
        Some(v) => serde_json::from_slice(&v).map(Some).map_err(|source| {
            RecordError::Meta {
                key: String::from_utf8_lossy(key).into_owned(),
                source,
            }
            .into()
        }),
    }
}

fn write_json(meta: &sled::Tree, key: &[u8], value: &impl Serialize) -> Result<(), StoreError> {
    let bytes = serde_json::to_vec(value).map_err(RecordError::Encode)?;
    meta.insert(key, bytes)?;
    Ok(())
}

fn unwrap_key(wrapping: &SecretKey, wrapped: &[u8]) -> Option<SecretKey> {
    let plain = wrapping.open(wrapped, WRAP_AAD).ok()?;
    let bytes: [u8; KEY_LEN] = plain.as_slice().try_into().ok()?;
    Some(SecretKey::from_bytes(bytes))
}

/// Seconds to wait after `failed` wrong tries: none for the first five,
/// then 1, 2, 4, … up to five minutes.
pub fn wait_after(failed: u32) -> u64 {
    if failed < FREE_TRIES {
        0
    } else {
        (1u64 << (failed - FREE_TRIES).min(16)).min(MAX_WAIT_SECS)
    }
}

impl Keyring {
    pub fn new(
        data_key: &SecretKey,
        passphrase: &str,
        kdf: KdfParams,
    ) -> Result<(Self, Zeroizing<String>), StoreError> {
        let pass_salt: [u8; 16] = crypto::random_bytes()?;
        let recovery_salt: [u8; 16] = crypto::random_bytes()?;
        let code = crypto::new_recovery_code()?;
        let by_passphrase =
            crypto::passphrase_key(passphrase, &pass_salt, kdf)?.seal(&data_key_bytes(data_key), WRAP_AAD)?;
        let by_recovery =
            crypto::recovery_key(&code, &recovery_salt).seal(&data_key_bytes(data_key), WRAP_AAD)?;
        let ring = Keyring {
            format: 1,
            kdf,
            pass_salt: pass_salt.to_vec(),
            by_passphrase,
            recovery_salt: recovery_salt.to_vec(),
            by_recovery,
        };
        Ok((ring, code))
    }

    pub fn load(meta: &sled::Tree) -> Result<Option<Self>, StoreError> {
        read_json(meta, KEYRING)
    }

    pub fn save(&self, meta: &sled::Tree) -> Result<(), StoreError> {
        write_json(meta, KEYRING, self)
    }

    /// What deriving the passphrase key takes, for the file beside `db/`.
    pub fn header(&self) -> KdfHeader {
        KdfHeader {
            kdf: self.kdf,
            salt: self.pass_salt.clone(),
        }
    }

    /// Unwraps the data key with the passphrase, counting wrong tries; the
    /// key derived `early` is used when its header agrees with this keyring.
    pub fn unlock_with_passphrase(
        &self,
        meta: &sled::Tree,
        passphrase: &str,
        early: Option<EarlyKey>,
        now_ms: i64,
    ) -> Result<SecretKey, StoreError> {
        let mut throttle: Throttle = read_json(meta, THROTTLE)?.unwrap_or_default();
        if now_ms < throttle.not_before_ms {
            let wait_secs = ((throttle.not_before_ms - now_ms) as u64).div_ceil(1000);
            return Err(StoreError::TooSoon { wait_secs });
        }
        let derived = early
            .filter(|e| e.header == self.header())
            .and_then(|e| e.key.join().ok());
        let key = match derived {
            Some(key) => key?,
            None => crypto::passphrase_key(passphrase, &self.pass_salt, self.kdf)?,
        };
        match unwrap_key(&key, &self.by_passphrase) {
            Some(data_key) => {
                if throttle.failed > 0 {
                    meta.remove(THROTTLE)?;
                }
                Ok(data_key)
            }
            None => {
                throttle.failed += 1;
                let wait_secs = wait_after(throttle.failed);
                throttle.not_before_ms = now_ms + (wait_secs * 1000) as i64;
                write_json(meta, THROTTLE, &throttle)?;
                meta.flush()?;
                Err(StoreError::WrongPassphrase {
                    tries: throttle.failed,
                    wait_secs,
                })
            }
        }
    }

    pub fn unlock_with_recovery(&self, code: &str) -> Result<SecretKey, StoreError> {
        let key = crypto::recovery_key(code, &self.recovery_salt);
        unwrap_key(&key, &self.by_recovery).ok_or(StoreError::WrongRecoveryCode)
    }

    /// Wraps the data key under a new passphrase (new salt, same cost) and
    /// clears the wrong-try count; returns the new header for the file
    /// beside `db/`.
    pub fn rewrap_passphrase(
        &self,
        meta: &sled::Tree,
        data_key: &SecretKey,
        passphrase: &str,
    ) -> Result<KdfHeader, StoreError> {
        let pass_salt: [u8; 16] = crypto::random_bytes()?;
        let by_passphrase = crypto::passphrase_key(passphrase, &pass_salt, self.kdf)?
            .seal(&data_key_bytes(data_key), WRAP_AAD)?;
        let ring = Keyring {
            pass_salt: pass_salt.to_vec(),
            by_passphrase,
            ..self.clone()
        };
        ring.save(meta)?;
        meta.remove(THROTTLE)?;
        Ok(ring.header())
    }
}

fn data_key_bytes(key: &SecretKey) -> Zeroizing<Vec<u8>> {
    key.expose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_five_wrong_tries() {
        let waits: Vec<u64> = (1..=8).map(wait_after).collect();
        assert_eq!(waits, [0, 0, 0, 0, 1, 2, 4, 8]);
        assert_eq!(wait_after(40), MAX_WAIT_SECS);
    }
}
