//! Enrolment: an office takes bundles only from machines it enrolled, and
//! a machine knows its office by the key file it joined with.
//!
//! 1. The office writes its key file (`key_file_text`): its public key for
//!    bundles, the key its enrolments are signed with, its machine id and
//!    commune. Nothing in it is secret.
//! 2. The laptop joins with it (`join`) and writes a request beside it on
//!    the stick, signed with its own bundle key: machine, helper, commune.
//!    Its screen shows a pairing code.
//! 3. The office reads the request (`read_request`), shows the same code,
//!    and on a helper's yes enrols the machine (`enrol`), writing a signed
//!    enrolment beside the request.
//! 4. The laptop takes the enrolment back (`take_enrolment`).
//!
//! Each file is one signed JSON line under a first line naming its kind,
//! read with a size limit.

use std::io::Read;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::exchange::fingerprint;
use crate::store::{Store, StoreError, now_ms};
use trolyso_core::i18n::Message;

const REQUEST: &str = "TROLYSO-REQUEST 1";
const ENROLMENT: &str = "TROLYSO-ENROLMENT 1";
/// No key file, request or enrolment is near this long: a bigger file is
/// not one, and is not read whole.
const MAX_BYTES: u64 = 64 * 1024;

/// What an office's key file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFile {
    /// Bundles are encrypted to it (age).
    pub public: String,
    /// The office's enrolments are signed with it.
    pub signing: [u8; 32],
    /// The office machine's id.
    pub machine: String,
    pub commune: Option<u32>,
}

/// A field machine's request to be enrolled, as the office reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub machine: String,
    /// Its bundle key (ed25519 verifying key), base64.
    pub key: String,
    /// Its public key for bundles (age): the office's bundles back to it
    /// are encrypted to it.
    pub public: String,
    pub helper: String,
    pub commune: Option<u32>,
    /// The fingerprint of the office it asks.
    pub office: String,
    pub made_ms: i64,
}

/// An office's enrolment of a machine, as the machine takes it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Enrolment {
    machine: String,
    key: String,
    office: String,
    enrolled_ms: i64,
}

fn read_small(path: &Path) -> Result<String, Message> {
    let file = std::fs::File::open(path).map_err(|e| StoreError::io_at(path)(e).message())?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io_at(path)(e).message())?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Message::new("bundle.file_too_big").arg("path", path.display()));
    }
    String::from_utf8(bytes).map_err(|_| Message::new("bundle.not_a_key_file").arg("path", path.display()))
}

fn key_of(text: &str) -> Option<[u8; 32]> {
    B64.decode(text.trim()).ok()?.try_into().ok()
}

fn signed_line(json: &str, signing: &SigningKey) -> String {
    format!("{json} {}", B64.encode(signing.sign(json.as_bytes()).to_bytes()))
}

/// Writes `value` signed under `magic` beside the file at `beside`, named
/// `<kind>-<the machine's first letters>.txt`; returns its path.
fn write_signed(
    beside: &Path,
    kind: &str,
    machine: &str,
    magic: &str,
    value: &impl Serialize,
    signing: &SigningKey,
) -> Result<PathBuf, Message> {
    let json = serde_json::to_string(value).map_err(|_| Message::new("bundle.office_key_bad"))?;
    let short: String = machine.chars().take(8).collect();
    let folder = beside.parent().unwrap_or(Path::new("."));
    let file = folder.join(format!("{kind}-{short}.txt"));
    crate::store::paths::write_private(
        &file,
        format!("{magic}\n{}\n", signed_line(&json, signing)).as_bytes(),
    )
    .map_err(|e| StoreError::io_at(&file)(e).message())?;
    Ok(file)
}

/// The JSON of a signed line under `magic`, if `key` (or, with `None`, the
/// key the JSON itself names) signed it.
fn verified<T: for<'de> Deserialize<'de>>(
    text: &str,
    magic: &str,
    key: Option<&[u8; 32]>,
    own_key: impl Fn(&T) -> Option<[u8; 32]>,
) -> Option<T> {
    let mut lines = text.lines();
    if lines.next()?.trim() != magic {
        return None;
    }
    let (json, sig) = lines.next()?.trim_end().rsplit_once(' ')?;
    let value: T = serde_json::from_str(json).ok()?;
    let key = match key {
        Some(k) => *k,
        None => own_key(&value)?,
    };
    let sig: [u8; 64] = B64.decode(sig).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&key)
        .ok()?
        .verify(json.as_bytes(), &Signature::from_bytes(&sig))
        .ok()?;
    Some(value)
}

/// The code both screens show for a machine joining an office, to read
/// aloud: three groups of four digits from the office's key, the machine's
/// id and its key. A stick changed on the way shows another code.
pub fn pairing_code(office_public: &str, machine: &str, key: &[u8; 32]) -> String {
    let hash = Sha256::digest([office_public.as_bytes(), b"\n", machine.as_bytes(), b"\n", key].concat());
    let n = u64::from_be_bytes(hash[..8].try_into().unwrap_or_default()) % 1_000_000_000_000;
    let digits = format!("{n:012}");
    format!("{} {} {}", &digits[..4], &digits[4..8], &digits[8..])
}

/// The office's key file: its public key and what a laptop checks the
/// office's enrolment with.
pub fn key_file_text(store: &Store) -> Result<String, Message> {
    store.may_leave().map_err(|e| e.message())?;
    let keys = store.office_keys().map_err(|e| e.message())?;
    let public = keys.public().map_err(|e| e.message())?;
    let machine = store.machine_id().map_err(|e| e.message())?;
    let commune = store.settings().map_err(|e| e.message())?.home_commune;
    let mut text = format!(
        "# trolyso: khóa công khai của văn phòng (không bí mật) / the office's public key (not secret)\n{public}\nky {}\nmay {machine}\n",
        B64.encode(keys.signing().verifying_key().to_bytes())
    );
    if let Some(c) = commune {
        text.push_str(&format!("xa {c}\n"));
    }
    Ok(text)
}

/// Reads an office's key file.
pub fn read_key_file(path: &Path) -> Result<KeyFile, Message> {
    let text = read_small(path)?;
    let not_one = || Message::new("bundle.not_a_key_file").arg("path", path.display());
    let public = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("age1") && l.parse::<age::x25519::Recipient>().is_ok())
        .ok_or_else(not_one)?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(name)?.strip_prefix(' ').map(str::trim))
    };
    let (Some(signing), Some(machine)) = (field("ky").and_then(key_of), field("may")) else {
        return Err(Message::new("bundle.key_file_old").arg("path", path.display()));
    };
    Ok(KeyFile {
        public: public.to_owned(),
        signing,
        machine: machine.to_owned(),
        commune: field("xa").and_then(|c| c.parse().ok()),
    })
}

/// What joining did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// The office's fingerprint.
    pub office: String,
    pub code: String,
    /// The request written beside the key file, for the office.
    pub request: PathBuf,
}

/// Joins this machine to the office whose key file is at `path`, and
/// writes its request to be enrolled beside it. A machine never joins
/// itself.
pub fn join(store: &Store, path: &Path) -> Result<Joined, Message> {
    let office = read_key_file(path)?;
    let keys = store.office_keys().map_err(|e| e.message())?;
    let machine = store.machine_id().map_err(|e| e.message())?;
    if office.machine == machine || keys.public().is_ok_and(|own| own == office.public) {
        return Err(Message::new("bundle.join_self"));
    }
    store
        .join_office(&office.public, office.signing, &office.machine, office.commune)
        .map_err(|e| e.message())?;
    let settings = store.settings().map_err(|e| e.message())?;
    let signing = keys.signing();
    let key = signing.verifying_key().to_bytes();
    let request = Request {
        machine: machine.clone(),
        key: B64.encode(key),
        public: keys.public().map_err(|e| e.message())?,
        helper: settings.helper,
        commune: settings.home_commune,
        office: fingerprint(&office.public),
        made_ms: now_ms(),
    };
    let file = write_signed(path, "yeu-cau", &machine, REQUEST, &request, &signing)?;
    Ok(Joined {
        office: request.office,
        code: pairing_code(&office.public, &machine, &key),
        request: file,
    })
}

/// A request read and checked at the office: signed by the key it names,
/// made for this office, from another machine. With its pairing code.
pub fn read_request(store: &Store, path: &Path) -> Result<(Request, String), Message> {
    let text = read_small(path)?;
    let request: Request = verified(&text, REQUEST, None, |r: &Request| key_of(&r.key))
        .ok_or_else(|| Message::new("bundle.not_a_request").arg("path", path.display()))?;
    let public = store
        .office_keys()
        .and_then(|k| k.public())
        .map_err(|e| e.message())?;
    if request.office != fingerprint(&public) {
        return Err(Message::new("bundle.request_other_office"));
    }
    if request.machine == store.machine_id().map_err(|e| e.message())? {
        return Err(Message::new("bundle.join_self"));
    }
    let key = key_of(&request.key)
        .ok_or_else(|| Message::new("bundle.not_a_request").arg("path", path.display()))?;
    let code = pairing_code(&public, &request.machine, &key);
    Ok((request, code))
}

/// Enrols the machine whose request is at `path` (after a helper compared
/// the codes and said yes), and writes the signed enrolment beside it.
pub fn enrol(store: &Store, path: &Path, by: &str) -> Result<(Request, PathBuf), Message> {
    let (request, _) = read_request(store, path)?;
    let key = key_of(&request.key)
        .ok_or_else(|| Message::new("bundle.not_a_request").arg("path", path.display()))?;
    if request.public.parse::<age::x25519::Recipient>().is_err() {
        return Err(Message::new("bundle.not_a_request").arg("path", path.display()));
    }
    let machine = crate::store::Machine {
        key,
        public: request.public.clone(),
        helper: request.helper.clone(),
        commune: request.commune,
        enrolled_ms: 0,
        revoked_ms: None,
        last_bundle_ms: None,
        cases: 0,
    };
    store
        .enrol(&request.machine, machine, by)
        .map_err(|e| e.message())?;
    let enrolment = Enrolment {
        machine: request.machine.clone(),
        key: request.key.clone(),
        office: request.office.clone(),
        enrolled_ms: now_ms(),
    };
    let signing = store.office_keys().map_err(|e| e.message())?.signing();
    let file = write_signed(
        path,
        "chap-nhan",
        &request.machine,
        ENROLMENT,
        &enrolment,
        &signing,
    )?;
    Ok((request, file))
}

/// Takes back the joined office's enrolment of this machine.
pub fn take_enrolment(store: &Store, path: &Path) -> Result<String, Message> {
    let office = check_enrolment(store, path)?;
    store.took_enrolment().map_err(|e| e.message())?;
    Ok(office)
}

/// The office that enrolled this machine by the file at `path`, if the
/// file is that: signed by the joined office, for this machine and key.
fn check_enrolment(store: &Store, path: &Path) -> Result<String, Message> {
    let text = read_small(path)?;
    let keys = store.office_keys().map_err(|e| e.message())?;
    let not_ours = || Message::new("bundle.not_an_enrolment").arg("path", path.display());
    let (Some(office), Some(signing)) = (keys.joined.as_deref(), keys.joined_signing()) else {
        return Err(not_ours());
    };
    let enrolment: Enrolment =
        verified(&text, ENROLMENT, Some(signing), |_: &Enrolment| None).ok_or_else(not_ours)?;
    let own_key = B64.encode(keys.signing().verifying_key().to_bytes());
    let machine = store.machine_id().map_err(|e| e.message())?;
    if enrolment.machine != machine || enrolment.key != own_key || enrolment.office != fingerprint(office) {
        return Err(not_ours());
    }
    Ok(enrolment.office)
}

/// A commune as a reader names it ("Xã Quang Chiểu, Thanh Hóa"), or a dash:
/// how machines and offices are named wherever they are shown.
pub fn place(commune: Option<u32>) -> String {
    commune
        .and_then(|c| trolyso_core::domain::units::Units::embedded().place(c))
        .unwrap_or_else(|| "—".to_owned())
}

/// A request as the office reads it before saying yes: who, where, and
/// the pairing code to compare with the machine's screen.
pub fn request_message(request: &Request, code: &str) -> Message {
    Message::new("bundle.request")
        .arg("machine", request.machine.chars().take(16).collect::<String>())
        .arg("helper", &request.helper)
        .arg("place", place(request.commune))
        .arg("code", code)
}

/// What taking the file at `path` would do, in words; nothing is written.
pub fn describe(store: &Store, path: &Path, kind: Kind) -> Result<Vec<Message>, Message> {
    match kind {
        Kind::KeyFile => {
            let office = read_key_file(path)?;
            let own = store
                .office_keys()
                .and_then(|k| k.public())
                .map_err(|e| e.message())?;
            if office.public == own || store.machine_id().is_ok_and(|m| m == office.machine) {
                return Err(Message::new("bundle.join_self"));
            }
            Ok(vec![
                Message::new("bundle.key_preview")
                    .arg("office", fingerprint(&office.public))
                    .arg("place", place(office.commune)),
            ])
        }
        Kind::Request => {
            let (request, code) = read_request(store, path)?;
            Ok(vec![
                request_message(&request, &code),
                Message::new("bundle.request_confirm"),
            ])
        }
        Kind::Enrolment => {
            let office = check_enrolment(store, path)?;
            Ok(vec![
                Message::new("bundle.enrolment_preview").arg("office", office),
            ])
        }
    }
}

/// Takes the file at `path`: joins the office of a key file, enrols the
/// machine of a request (`by` the helper saying yes), takes back an
/// enrolment. What it did, in words.
pub fn take(store: &Store, path: &Path, kind: Kind, by: &str) -> Result<Vec<Message>, Message> {
    match kind {
        Kind::KeyFile => {
            let joined = join(store, path)?;
            Ok(vec![
                Message::new("bundle.joined")
                    .arg("office", &joined.office)
                    .arg("code", &joined.code)
                    .arg("request", joined.request.display()),
            ])
        }
        Kind::Request => {
            let (request, file) = enrol(store, path, by)?;
            Ok(vec![
                Message::new("bundle.enrolled")
                    .arg("machine", request.machine.chars().take(16).collect::<String>())
                    .arg("helper", &request.helper)
                    .arg("path", file.display()),
            ])
        }
        Kind::Enrolment => {
            let office = take_enrolment(store, path)?;
            Ok(vec![Message::new("bundle.enrolment_taken").arg("office", office)])
        }
    }
}

/// The small files of enrolment a stick carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An office's key file (an older one without its signing key too).
    KeyFile,
    /// A machine's request to be enrolled.
    Request,
    /// An office's enrolment of a machine.
    Enrolment,
}

/// Which of them the file at `path` is, by its first lines.
pub fn kind_of(path: &Path) -> Option<Kind> {
    if path.extension().is_none_or(|e| e != "txt") {
        return None;
    }
    let text = read_small(path).ok()?;
    match text.lines().next()?.trim() {
        REQUEST => Some(Kind::Request),
        ENROLMENT => Some(Kind::Enrolment),
        _ => text
            .lines()
            .any(|l| l.trim().starts_with("age1") && l.trim().parse::<age::x25519::Recipient>().is_ok())
            .then_some(Kind::KeyFile),
    }
}
