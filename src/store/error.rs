use std::path::PathBuf;

use super::crypto::CryptoError;
use super::records::Status;
use crate::i18n::Message;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("dữ liệu ở {dir} đang được mở trong một cửa sổ khác")]
    InUse { dir: PathBuf },
    #[error("dữ liệu ở {dir} bị hỏng: {detail}")]
    Damaged { dir: PathBuf, detail: String },
    #[error("chưa thiết lập dữ liệu ở {dir}")]
    NotSetUp { dir: PathBuf },
    #[error("dữ liệu ở {dir} đã được thiết lập")]
    AlreadySetUp { dir: PathBuf },
    #[error("sai mật khẩu văn phòng (lần thứ {tries})")]
    WrongPassphrase { tries: u32, wait_secs: u64 },
    #[error("nhập sai nhiều lần; chờ {wait_secs} giây rồi thử lại")]
    TooSoon { wait_secs: u64 },
    #[error("sai mã khôi phục")]
    WrongRecoveryCode,
    #[error("không tìm thấy hồ sơ")]
    NotFound,
    #[error("không chuyển được hồ sơ từ {from:?} sang {to:?}")]
    BadTransition { from: Status, to: Status },
    #[error("tạm dừng hoặc huỷ cần ghi lý do")]
    MissingReason,
    #[error("đã nộp cần ghi mã hồ sơ")]
    MissingHosoCode,
    #[error("không đọc/ghi được {dir}: {source}")]
    Io { dir: PathBuf, source: std::io::Error },
    #[error("tệp sao lưu {path}: {detail}")]
    Backup { path: PathBuf, detail: String },
    #[error("thư mục {dir} đã có dữ liệu; chỉ khôi phục vào thư mục trống")]
    NotEmpty { dir: PathBuf },
    #[error("mã hoá: {0}")]
    Crypto(#[from] CryptoError),
    #[error("bản ghi: {0}")]
    Record(String),
    #[error("cơ sở dữ liệu: {0}")]
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
