use std::path::PathBuf;

use super::crypto::CryptoError;
use super::records::Status;
use crate::i18n::{Lang, Message};

/// What went wrong in the store. The words a person reads come from
/// [`StoreError::message`] (in `assets/i18n`); `Display`, for the log, is the
/// same message in English, with the inner error for the internal ones.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    InUse { dir: PathBuf },
    Damaged { dir: PathBuf, detail: String },
    NotSetUp { dir: PathBuf },
    AlreadySetUp { dir: PathBuf },
    WrongPassphrase { tries: u32, wait_secs: u64 },
    TooSoon { wait_secs: u64 },
    WrongRecoveryCode,
    NotFound,
    BadTransition { from: Status, to: Status },
    MissingReason,
    MissingHosoCode,
    Io { dir: PathBuf, source: std::io::Error },
    Backup { path: PathBuf, detail: String },
    NotEmpty { dir: PathBuf },
    Crypto(#[from] CryptoError),
    Record(String),
    Sled(#[from] sled::Error),
}

impl StoreError {
    /// What to tell the helper, naming the folder and the way out.
    pub fn message(&self) -> Message {
        match self {
            StoreError::InUse { dir } => Message::new("store.in_use").arg("dir", dir.display()),
            StoreError::Damaged { dir, .. } => Message::new("store.damaged").arg("dir", dir.display()),
            StoreError::NotSetUp { dir } => Message::new("store.not_set_up").arg("dir", dir.display()),
            StoreError::AlreadySetUp { dir } => {
                Message::new("store.already_set_up").arg("dir", dir.display())
            }
            StoreError::WrongPassphrase { tries, wait_secs: 0 } => {
                Message::new("store.wrong_passphrase").arg("tries", tries)
            }
            StoreError::WrongPassphrase { tries, wait_secs } => Message::new("store.wrong_passphrase_wait")
                .arg("tries", tries)
                .arg("seconds", wait_secs),
            StoreError::TooSoon { wait_secs } => Message::new("store.too_soon").arg("seconds", wait_secs),
            StoreError::WrongRecoveryCode => Message::new("store.wrong_recovery_code"),
            StoreError::NotFound => Message::new("store.not_found"),
            StoreError::BadTransition { from, to } => Message::new("store.bad_transition")
                .word("from", from.message_key())
                .word("to", to.message_key()),
            StoreError::MissingReason => Message::new("store.missing_reason"),
            StoreError::MissingHosoCode => Message::new("store.missing_hoso_code"),
            StoreError::Io { dir, source } => Message::new("store.io")
                .arg("dir", dir.display())
                .arg("detail", source),
            StoreError::Backup { path, detail } => Message::new("store.backup")
                .arg("path", path.display())
                .arg("detail", detail),
            StoreError::NotEmpty { dir } => Message::new("store.not_empty").arg("dir", dir.display()),
            StoreError::Crypto(_) | StoreError::Record(_) | StoreError::Sled(_) => {
                Message::new("store.internal").arg("detail", self)
            }
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Crypto(e) => write!(f, "crypto: {e}"),
            StoreError::Record(e) => write!(f, "record: {e}"),
            StoreError::Sled(e) => write!(f, "sled: {e}"),
            StoreError::Damaged { detail, .. } => write!(f, "{}: {detail}", self.message().render(Lang::En)),
            other => f.write_str(&other.message().render(Lang::En)),
        }
    }
}
