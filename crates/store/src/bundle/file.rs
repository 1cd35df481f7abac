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
    /// Reading was stopped when asked (nothing merged yet).
    Stopped,
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
/// what did not.
pub struct Opened {
    pub header: Header,
    pub entries: Vec<Entry>,
    /// The numbers (from 1) of the first damaged parts ([`limits::LISTED`]).
    pub damaged: Vec<usize>,
    /// How many parts were damaged in all.
    pub damaged_count: usize,
    /// Entries the header promised that the file no longer has (cut short).
    pub missing: usize,
    /// The file has more lines than the header announced (not read).
    pub extra: bool,
    /// Lines that were an earlier line again (taken once).
    pub duplicates: usize,
}

fn signed_part(bundle: &str, hash: &[u8]) -> Vec<u8> {
    [bundle.as_bytes(), b"\n", hash].concat()
}

/// Why a bundle could not be made: a fault of the keys kept here, never of
/// the helper (said as the office key being unusable).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the recipient's key is not an age key: {0}")]
    Recipient(&'static str),
    #[error("an entry could not be encoded: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("an entry could not be encrypted: {0}")]
    Encrypt(#[from] age::EncryptError),
}

/// The bundle's bytes for `out` (entries already chosen), made at `made_ms`.
pub fn write(out: &Outgoing, keys: &OfficeKeys, bundle: &str, made_ms: i64) -> Result<Vec<u8>, WriteError> {
    let recipient: age::x25519::Recipient = out.office.parse().map_err(WriteError::Recipient)?;
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
    let json = serde_json::to_string(&header)?;
    let mut text = format!(
        "{MAGIC}\n{json} {}\n",
        B64.encode(signing.sign(json.as_bytes()).to_bytes())
    );
    for entry in &out.entries {
        let plain = zeroize::Zeroizing::new(serde_json::to_vec(entry)?);
        let sealed = age::encrypt(&recipient, &plain)?;
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

/// How much of a bundle file is read, whatever it holds: a hostile or
/// broken file is read as a stream, within these, never whole.
pub mod limits {
    /// The header line (a few hundred bytes when genuine).
    pub const HEADER_LINE: usize = 16 * 1024;
    /// A machine id or a bundle name (16 letters when genuine).
    pub const NAME: usize = 64;
    /// An entry line: one case, encrypted and base64 (a few kilobytes).
    pub const ENTRY_LINE: usize = 256 * 1024;
    /// Entries a header may announce.
    pub const ENTRIES: usize = 1_000_000;
    /// Damaged parts listed by number (all are counted).
    pub const LISTED: usize = 20;
    /// Entry lines decrypted together (on every core).
    pub const CHUNK: usize = 64;
}

/// One line of at most `cap` bytes into `line` (its end of line left
/// out); a longer one is read past and reported, never kept. `None` at the
/// end of the file.
fn read_line_capped(
    reader: &mut impl std::io::BufRead,
    line: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(any.then_some(!too_long));
        }
        any = true;
        let (part, found) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], Some(i)),
            None => (buf, None),
        };
        if !too_long {
            if line.len() + part.len() > cap {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(part);
            }
        }
        let used = found.map_or(part.len(), |i| i + 1);
        reader.consume(used);
        if found.is_some() {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Some(!too_long));
        }
    }
}

/// Reads a bundle made for this folder's office key (`own` is this
/// machine's id) from a machine it enrolled, as a stream: the header is
/// checked (and the sender's trust) before any entry is read, each line is
/// read within [`limits`], and no more entries than the header announced.
pub fn open(
    mut reader: impl std::io::BufRead,
    keys: &OfficeKeys,
    own: &str,
    progress: &crate::store::Progress,
) -> Result<Opened, Unreadable> {
    let mut line = Vec::new();
    let magic =
        read_line_capped(&mut reader, &mut line, MAGIC.len() + 2).map_err(|_| Unreadable::NotABundle)?;
    if magic != Some(true) || line != MAGIC.as_bytes() {
        return Err(Unreadable::NotABundle);
    }
    let read = read_line_capped(&mut reader, &mut line, limits::HEADER_LINE)
        .map_err(|_| Unreadable::DamagedHeader)?;
    let (header, key) = (read == Some(true))
        .then(|| std::str::from_utf8(&line).ok())
        .flatten()
        .and_then(|line| {
            let (json, sig) = line.trim_end().rsplit_once(' ')?;
            let header: Header = serde_json::from_str(json).ok()?;
            let key = verifying_key(&header.key)?;
            key.verify(json.as_bytes(), &signature(sig)?).ok()?;
            Some((header, key))
        })
        .ok_or(Unreadable::DamagedHeader)?;
    let sound = |name: &str| !name.is_empty() && name.len() <= limits::NAME;
    // A day of clock error is allowed, as for the values inside.
    let future = header.made_ms > crate::store::now_ms() + 24 * 3_600_000;
    if !sound(&header.machine) || !sound(&header.id) || header.entries > limits::ENTRIES || future {
        return Err(Unreadable::DamagedHeader);
    }
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
    progress.begin(1, 2, header.entries as u64);
    let mut opened = Opened {
        entries: Vec::new(),
        damaged: Vec::new(),
        damaged_count: 0,
        missing: 0,
        extra: false,
        duplicates: 0,
        header,
    };
    let bundle = opened.header.id.clone();
    let mut number = 0;
    // The lines of the entries taken: the same line twice is one part (a
    // copy tool's repeat), a damaged line twice is two damaged parts.
    let mut seen = std::collections::HashSet::new();
    let mut chunk: Vec<(usize, Option<Vec<u8>>)> = Vec::new();
    let mut flush = |chunk: &mut Vec<(usize, Option<Vec<u8>>)>, opened: &mut Opened| {
        // Verifying and decrypting is most of the work: shared among the
        // cores. A part whose thread failed counts as damaged.
        let read = crate::store::parallel::map(
            chunk,
            8,
            1,
            |(_, line)| {
                line.as_deref()
                    .and_then(|l| open_entry(l, &bundle, &key, &identity))
            },
            |_| None,
        );
        progress.advance(chunk.len() as u64);
        for ((n, line), entry) in chunk.drain(..).zip(read) {
            match (entry, line) {
                (Some(entry), Some(line)) => {
                    if seen.insert(Sha256::digest(&line)) {
                        opened.entries.push(entry);
                    } else {
                        opened.duplicates += 1;
                    }
                }
                _ => {
                    opened.damaged_count += 1;
                    if opened.damaged.len() < limits::LISTED {
                        opened.damaged.push(n);
                    }
                }
            }
        }
    };
    while number < opened.header.entries {
        if progress.stop_asked() {
            return Err(Unreadable::Stopped);
        }
        match read_line_capped(&mut reader, &mut line, limits::ENTRY_LINE) {
            Ok(None) | Err(_) => break,
            Ok(Some(true)) if line.is_empty() => continue,
            Ok(Some(whole)) => {
                number += 1;
                chunk.push((number, whole.then(|| line.clone())));
                if chunk.len() == limits::CHUNK {
                    flush(&mut chunk, &mut opened);
                }
            }
        }
    }
    flush(&mut chunk, &mut opened);
    opened.missing = opened.header.entries - number;
    // More lines than announced: not read (said, not taken).
    opened.extra = matches!(
        read_line_capped(&mut reader, &mut line, limits::ENTRY_LINE),
        Ok(Some(_))
    );
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
