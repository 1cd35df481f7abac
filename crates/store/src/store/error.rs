use std::path::PathBuf;
pub use trolyso_core::i18n::io_problem;

use super::crypto::CryptoError;
use super::records::Status;
use trolyso_core::i18n::{Lang, Message};

/// What went wrong in the store. The words a person reads come from
/// [`StoreError::message`] (in `assets/i18n`); `Display`, for the log, is the
/// same message in English, with the inner error for the internal ones.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    InUse {
        dir: PathBuf,
    },
    Damaged {
        dir: PathBuf,
        detail: String,
    },
    NotSetUp {
        dir: PathBuf,
    },
    AlreadySetUp {
        dir: PathBuf,
    },
    WrongPassphrase {
        tries: u32,
        wait_secs: u64,
    },
    TooSoon {
        wait_secs: u64,
    },
    WrongRecoveryCode,
    NotFound,
    BadTransition {
        from: Status,
        to: Status,
    },
    MissingReason,
    MissingHosoCode,
    /// Only a draft may be deleted: this case was filed (or is done).
    NotADraft,
    Io {
        dir: PathBuf,
        source: std::io::Error,
    },
    /// A backup file that cannot be used; `problem` is a message key.
    Backup {
        path: PathBuf,
        problem: &'static str,
    },
    NotEmpty {
        dir: PathBuf,
    },
    /// The office's real data was asked for, and the folder holds training.
    TrainingFolder {
        dir: PathBuf,
    },
    /// Training was asked for, and the folder holds an office's real data.
    RealFolder {
        dir: PathBuf,
    },
    /// Training data may not leave its folder (backup, report, bundle, push).
    TrainingStaysHome,
    /// Real data may not come into a training folder (a bundle).
    RealDataStaysOut,
    /// A bundle was asked for before this machine was joined to an office.
    NotJoined,
    Crypto(#[from] CryptoError),
    Record(#[from] RecordError),
    Sled(#[from] sled::Error),
}

/// A stored value that cannot be read or written as its kind: a fault of
/// the program or of the data, never of the helper (said as "internal").
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("{tree}: the value is too short")]
    TooShort { tree: &'static str },
    #[error("{tree}, version {version}: {source}")]
    Json {
        tree: &'static str,
        version: u16,
        source: serde_json::Error,
    },
    #[error("{tree}: no upgrade from version {from}")]
    NoUpgrade { tree: &'static str, from: u16 },
    #[error("meta/{key}: {source}")]
    Meta { key: String, source: serde_json::Error },
    #[error("a value could not be encoded: {0}")]
    Encode(serde_json::Error),
    #[error("the office key: {0}")]
    OfficeKey(&'static str),
    #[error("{0} stopped unexpectedly")]
    Worker(&'static str),
}

impl StoreError {
    /// A failed read or write in `dir`, as `map_err` wants it.
    pub fn io_at(dir: &std::path::Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
        move |source| StoreError::Io {
            dir: dir.to_owned(),
            source,
        }
    }

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
            StoreError::NotADraft => Message::new("store.not_a_draft"),
            StoreError::Io { dir, source } => Message::new("store.io")
                .arg("dir", dir.display())
                .word("detail", io_problem(source)),
            StoreError::Backup { path, problem } => Message::new("store.backup")
                .arg("path", path.display())
                .word("detail", problem),
            StoreError::Sled(sled::Error::Io(source)) => {
                Message::new("store.io_data").word("detail", io_problem(source))
            }
            StoreError::Sled(sled::Error::Corruption { .. }) => Message::new("store.corrupt"),
            StoreError::NotEmpty { dir } => Message::new("store.not_empty").arg("dir", dir.display()),
            StoreError::TrainingFolder { dir } => {
                Message::new("store.training_folder").arg("dir", dir.display())
            }
            StoreError::RealFolder { dir } => Message::new("store.real_folder").arg("dir", dir.display()),
            StoreError::TrainingStaysHome => Message::new("store.training_stays_home"),
            StoreError::RealDataStaysOut => Message::new("store.real_data_stays_out"),
            StoreError::NotJoined => Message::new("store.not_joined"),
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
            StoreError::Sled(e @ (sled::Error::Io(_) | sled::Error::Corruption { .. })) => {
                write!(f, "{}: {e}", self.message().render(Lang::En))
            }
            StoreError::Sled(e) => write!(f, "sled: {e}"),
            StoreError::Io { source, .. } => write!(f, "{}: {source}", self.message().render(Lang::En)),
            StoreError::Damaged { detail, .. } => write!(f, "{}: {detail}", self.message().render(Lang::En)),
            other => f.write_str(&other.message().render(Lang::En)),
        }
    }
}
