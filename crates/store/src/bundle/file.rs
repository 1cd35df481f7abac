//! The bundle file. A text file, one line each:
//!
//! ```text
//! TROLYSO-BUNDLE 1
//! {header JSON} <signature of the header, base64>
//! <sha256 of the entry, base64> <signature, base64> <the entry, age-encrypted, base64>
//! …
//! ```
//!
//! Each entry (one case) is encrypted to the office's key on its own, hashed
//! and signed by the sending machine, so a damaged line loses that case
//! only and a cut file keeps every whole line before the cut. The header
//! names the sending machine, its verifying key and the office's
//! fingerprint — nothing about a person.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::Trust;
use crate::store::exchange::{OfficeKeys, Outgoing, fingerprint};
use crate::store::merge::Entry;

pub const MAGIC: &str = "TROLYSO-BUNDLE 1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// A random name of this bundle (letters a–p).
    pub id: String,
    pub machine: String,
    /// The sending machine's verifying key, base64.
    pub key: String,
    /// The fingerprint of the office it was made for.
    pub office: String,
    pub made_ms: i64,
    pub entries: usize,
    #[serde(default)]
    pub training: bool,
}

/// Why a bundle cannot be read at all. Entries that cannot be read are not
/// this: they are listed and the rest imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    NotABundle,
    DamagedHeader,
    Training,
    /// Made for another office's key (`office` is its fingerprint).
    OtherOffice {
        office: String,
    },
    /// From a machine this office does not take bundles from: never
    /// enrolled, revoked, claiming this office's own id, or signed with
    /// another key than the one enrolled. Nothing of it was decrypted.
    Refused {
        machine: String,
        bundle: String,
        trust: Trust,
    },
}

/// What was read: the header, the entries that opened and verified, and
/// the numbers (from 1) of those that did not.
pub struct Opened {
    pub header: Header,
    pub entries: Vec<Entry>,
    pub damaged: Vec<usize>,
    /// Entries the header promised that the file no longer has (cut short).
    pub missing: usize,
}

fn signed_part(bundle: &str, hash: &[u8]) -> Vec<u8> {
    [bundle.as_bytes(), b"\n", hash].concat()
}

/// The bundle's bytes for `out` (entries already chosen), made at `made_ms`.
pub fn write(out: &Outgoing, keys: &OfficeKeys, bundle: &str, made_ms: i64) -> Result<Vec<u8>, String> {
    let recipient: age::x25519::Recipient = out.office.parse().map_err(|e: &str| e.to_owned())?;
    let signing = keys.signing();
    let header = Header {
        id: bundle.to_owned(),
        machine: out.machine.clone(),
        key: B64.encode(signing.verifying_key().to_bytes()),
        office: fingerprint(&out.office),
        made_ms,
        entries: out.entries.len(),
        training: false,
    };
    let json = serde_json::to_string(&header).map_err(|e| e.to_string())?;
    let mut text = format!(
        "{MAGIC}\n{json} {}\n",
        B64.encode(signing.sign(json.as_bytes()).to_bytes())
    );
    for entry in &out.entries {
        let plain = zeroize::Zeroizing::new(serde_json::to_vec(entry).map_err(|e| e.to_string())?);
        let sealed = age::encrypt(&recipient, &plain).map_err(|e| e.to_string())?;
        let hash = Sha256::digest(&sealed);
        let sig = signing.sign(&signed_part(bundle, &hash));
        text.push_str(&format!(
            "{} {} {}\n",
            B64.encode(hash),
            B64.encode(sig.to_bytes()),
            B64.encode(&sealed)
        ));
    }
    Ok(text.into_bytes())
}

fn verifying_key(text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = B64.decode(text).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

fn signature(text: &str) -> Option<Signature> {
    let bytes: [u8; 64] = B64.decode(text).ok()?.try_into().ok()?;
    Some(Signature::from_bytes(&bytes))
}

/// Reads a bundle made for this folder's office key (`own` is this
/// machine's id) from a machine it enrolled.
pub fn open(bytes: &[u8], keys: &OfficeKeys, own: &str) -> Result<Opened, Unreadable> {
    let mut lines = bytes.split(|b| *b == b'\n');
    if lines.next().map(|l| l.strip_suffix(b"\r").unwrap_or(l)) != Some(MAGIC.as_bytes()) {
        return Err(Unreadable::NotABundle);
    }
    let header_line = lines.next().and_then(|l| std::str::from_utf8(l).ok());
    let (header, key) = header_line
        .and_then(|line| {
            let (json, sig) = line.trim_end().rsplit_once(' ')?;
            let header: Header = serde_json::from_str(json).ok()?;
            let key = verifying_key(&header.key)?;
            key.verify(json.as_bytes(), &signature(sig)?).ok()?;
            Some((header, key))
        })
        .ok_or(Unreadable::DamagedHeader)?;
    if header.training {
        return Err(Unreadable::Training);
    }
    let public = keys.public().map_err(|_| Unreadable::DamagedHeader)?;
    if header.office != fingerprint(&public) {
        return Err(Unreadable::OtherOffice {
            office: header.office.clone(),
        });
    }
    match keys.trust(own, &header.machine, &key.to_bytes()) {
        Trust::Enrolled => {}
        trust => {
            return Err(Unreadable::Refused {
                machine: header.machine.clone(),
                bundle: header.id.clone(),
                trust,
            });
        }
    }
    let identity = keys.identity().map_err(|_| Unreadable::DamagedHeader)?;
    let mut opened = Opened {
        entries: Vec::new(),
        damaged: Vec::new(),
        missing: 0,
        header,
    };
    let lines: Vec<&[u8]> = lines.filter(|l| !l.is_empty()).collect();
    // Verifying and decrypting is most of the work: shared among the
    // cores. A part whose thread failed counts as damaged, line by line.
    let bundle = &opened.header.id;
    let read = crate::store::parallel::map(
        &lines,
        8,
        1,
        |line| open_entry(line, bundle, &key, &identity),
        |_| None,
    );
    for (n, entry) in read.into_iter().enumerate() {
        match entry {
            Some(entry) => opened.entries.push(entry),
            None => opened.damaged.push(n + 1),
        }
    }
    opened.missing = opened.header.entries.saturating_sub(lines.len());
    Ok(opened)
}

/// One entry line: its hash, the sender's signature on it, the entry
/// opened with the office key and well formed — or nothing.
fn open_entry(
    line: &[u8],
    bundle: &str,
    key: &VerifyingKey,
    identity: &age::x25519::Identity,
) -> Option<Entry> {
    let line = std::str::from_utf8(line).ok()?.trim_end();
    let mut parts = line.split(' ');
    let (hash, sig, sealed) = (parts.next()?, parts.next()?, parts.next()?);
    let hash = B64.decode(hash).ok()?;
    let sealed = B64.decode(sealed).ok()?;
    if Sha256::digest(&sealed)[..] != hash[..] {
        return None;
    }
    key.verify(&signed_part(bundle, &hash), &signature(sig)?).ok()?;
    let plain = zeroize::Zeroizing::new(age::decrypt(identity, &sealed).ok()?);
    let entry: Entry = serde_json::from_slice(&plain).ok()?;
    entry.is_sound().then_some(entry)
}
