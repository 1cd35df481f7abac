//! What a key means, and what the outside world answered. `update` sees only
//! these, never a terminal event or the disk.

use crate::i18n::Message;
use crate::store::{Case, CaseRow, Id};

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
    // Answers from effects.
    StoreReady { recovery_code: Option<String> },
    StoreFailed(Message),
    RecentLoaded(Vec<CaseRow>),
    CaseOpened(Case),
    AnswerSaved(Case),
    SaveFailed(Message),
}

/// Work for the runtime: the store, files. Results come back as actions.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    CreateStore {
        passphrase: String,
    },
    OpenStore {
        passphrase: String,
    },
    LoadRecent,
    CreateCase {
        procedure_id: String,
        version: u32,
        helper: String,
    },
    OpenCase(Id),
    SaveAnswer {
        case: Id,
        field: String,
        value: String,
        helper: String,
    },
}
