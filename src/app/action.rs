//! What a key means, and what the outside world answered. `update` sees only
//! these, never a terminal event or the disk.

use super::slip::Slip;
use crate::domain::procedure::ResidentFields;
use crate::i18n::Message;
use crate::store::{Case, CaseRow, Id, Settings, Status, StatusChange};

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // Keys, after the keymap.
    Quit,
    Submit,
    Back,
    Up,
    Down,
    NextField,
    PrevField,
    NextStep,
    PrevStep,
    NewCase,
    Pause,
    Review,
    Filing,
    /// Opens the case's documents checklist.
    Documents,
    /// Opens the settings.
    Settings,
    /// Ticks or unticks the option under the highlight.
    Toggle,
    ToggleInputMethod,
    Help,
    Type(char),
    Paste(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    DeleteWord,
    Resize,
    /// Nobody touched the keys for the idle time: back to the passphrase.
    Lock,
    // Answers from effects.
    StoreReady {
        recovery_code: Option<String>,
        settings: Settings,
    },
    StoreFailed(Message),
    StoreClosed,
    SettingsSaved,
    Copied,
    RecentLoaded(Vec<CaseRow>),
    CaseOpened(Case),
    AnswerSaved(Case),
    StatusChanged(Case),
    SlipWritten(std::path::PathBuf),
    SaveFailed(Message),
}

/// Work for the runtime: the store, files. Results come back as actions.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    CreateStore {
        passphrase: String,
        settings: Settings,
    },
    OpenStore {
        passphrase: String,
    },
    LoadRecent,
    /// Writes the resident's slip (text and HTML) in the data folder's `slips/`.
    WriteSlip {
        case: Id,
        slip: Slip,
    },
    SetStatus {
        case: Id,
        to: Status,
        change: StatusChange,
        helper: String,
    },
    /// Cases by the resident's name (accents or not), identification number
    /// or phone, whichever the query looks like.
    Search(String),
    SaveSettings(Settings),
    /// Puts text on the clipboard.
    Copy(String),
    /// Closes the store (on lock); the data key leaves memory.
    CloseStore,
    /// Starts a case, with the readiness checklist as gone through.
    CreateCase {
        procedure_id: String,
        version: u32,
        helper: String,
        readiness: std::collections::BTreeMap<String, bool>,
    },
    OpenCase(Id),
    /// One committed edit; with `resident`, the resident's record is brought
    /// up to date from the answers afterwards.
    /// Marks a document as brought or not; answered with `AnswerSaved`.
    SetDocument {
        case: Id,
        document: String,
        brought: bool,
        helper: String,
    },
    SaveAnswer {
        case: Id,
        field: String,
        value: String,
        helper: String,
        resident: Option<ResidentFields>,
    },
}
