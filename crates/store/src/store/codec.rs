//! A stored value: the record's schema version (2 bytes, big-endian), then
//! the sealed JSON. The tree, the key and the version are bound in as
//! associated data, so a value moved to another key or tree does not open.

use zeroize::Zeroizing;

use super::crypto::SecretKey;
use super::error::{RecordError, StoreError};
use super::records::Record;

fn aad(tree: &str, key: &[u8], version: u16) -> Vec<u8> {
    let mut a = Vec::with_capacity(tree.len() + key.len() + 3);
    a.extend_from_slice(tree.as_bytes());
    a.push(0);
    a.extend_from_slice(key);
    a.extend_from_slice(&version.to_be_bytes());
    a
}

pub fn seal<R: Record>(data_key: &SecretKey, key: &[u8], record: &R) -> Result<Vec<u8>, StoreError> {
    seal_version(data_key, R::TREE, key, R::VERSION, record)
}

/// Seals a value as schema `version` (the current one, or an old one in
/// migration tests).
pub fn seal_version(
    data_key: &SecretKey,
    tree: &str,
    key: &[u8],
    version: u16,
    value: &impl serde::Serialize,
) -> Result<Vec<u8>, StoreError> {
    let plain =
        Zeroizing::new(serde_json::to_vec(value).map_err(|e| StoreError::from(RecordError::Encode(e)))?);
    let sealed = data_key.seal(&plain, &aad(tree, key, version))?;
    let mut out = Vec::with_capacity(2 + sealed.len());
    out.extend_from_slice(&version.to_be_bytes());
    out.extend_from_slice(&sealed);
    Ok(out)
}

pub fn open<R: Record>(data_key: &SecretKey, key: &[u8], bytes: &[u8]) -> Result<R, StoreError> {
    let Some((head, sealed)) = bytes.split_first_chunk::<2>() else {
        return Err(RecordError::TooShort { tree: R::TREE }.into());
    };
    let version = u16::from_be_bytes(*head);
    let plain = data_key.open(sealed, &aad(R::TREE, key, version))?;
    let bad = |source| {
        StoreError::from(RecordError::Json {
            tree: R::TREE,
            version,
            source,
        })
    };
    if version == R::VERSION {
        return serde_json::from_slice(&plain).map_err(bad);
    }
    let value: serde_json::Value = serde_json::from_slice(&plain).map_err(bad)?;
    let upgraded = R::migrate(version, value)?;
    serde_json::from_value(upgraded).map_err(bad)
}
