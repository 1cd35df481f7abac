//! What a key means, and what the outside world answered. Screens see only
//! these, never a terminal event or the disk. Each key action is named for
//! what the helper wants, not for the key that asks for it.

use super::slip::Slip;
use trolyso_core::domain::procedure::{AnswerRole, Procedure};
use trolyso_core::i18n::Message;
use trolyso_store::store::{Case, CaseRow, Id, Settings, Status, StatusChange};

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // ----- keys, after the keymap -------------------------------------------
    /// Ends the program (what is being typed is saved first).
    Quit,
    /// Opens or closes the help over the screen.
    Help,
    /// Confirms, chooses the highlighted row, goes on.
    Submit,
    /// Steps back one level; leaving a screen saves what it holds.
    Back,
    /// The highlight one row up.
    Up,
    /// The highlight one row down.
    Down,
    /// The next field of a form (the next step after a step's last field).
    NextField,
    /// The previous field of a form.
    PrevField,
    /// The next shown step of the case.
    NextStep,
    /// The previous shown step of the case.
    PrevStep,
    /// The procedure picker: the next field of work to browse.
    NextFieldOfWork,
    /// The procedure picker: the previous field of work to browse.
    PrevFieldOfWork,
    /// The procedure picker: the next level (toàn trình, một phần…) to browse.
    NextLevel,
    /// Home: choose a procedure for a new case.
    NewCase,
    /// On the unlock screen: the passphrase is forgotten, the recovery code
    /// will be typed instead.
    ForgotPassphrase,
    /// A click on the row at this index of the list shown (a second click
    /// on the chosen row opens it).
    Pick(usize),
    /// A click on the field at this index of the step shown.
    FocusField(usize),
    /// A click on an option of a choice: the field's index in the step, the
    /// option's index (ticked or unticked in a multiple choice).
    ChooseOption {
        field: usize,
        option: usize,
    },
    /// In the review: to the first finishing action.
    ToFinish,
    /// In the review: back to the first answer.
    ToTop,
    /// On the restore offer: set up a new, empty office instead.
    SetUpAnew,
    /// A backup was restored into the data folder.
    Restored,
    /// While finishing or pausing: a slip for the resident, or none.
    ToggleSlip,
    /// Home: the office's settings.
    Settings,
    /// The case: why the visit stops and when to come back.
    Pause,
    /// The case: every answer on one screen, then the ways to finish.
    Review,
    /// The case: one answer at a time, to copy into the portal.
    Filing,
    /// The case: the documents the resident brought.
    Documents,
    /// The case: the procedure this step sends the resident to instead.
    OpenReferred,
    /// The recovery code was typed back: it is on paper and leaves the store.
    RecoveryCopied,
    /// Training on its own: the next trainee types their name.
    NextTrainee,
    /// Home: the result of the chosen filed case, without opening it.
    RecordResult,
    /// A single choice or yes/no: the next option.
    NextChoice,
    /// A single choice or yes/no: the previous option.
    PrevChoice,
    /// A checklist or multiple choice: ticks or unticks the highlighted item.
    Toggle,
    /// A checklist: ticks the highlighted item.
    Tick,
    /// A checklist: unticks the highlighted item.
    Untick,
    /// A commune field: opens the province → commune picker.
    OpenCommunePicker,
    /// Telex → VNI → off, for every field that composes Vietnamese.
    ToggleInputMethod,
    /// A printable key in a text field.
    Type(char),
    /// Text pasted at once (bracketed paste).
    Paste(String),
    /// Deletes the letter before the caret.
    DeleteBack,
    /// Deletes the letter after the caret.
    DeleteForward,
    /// Deletes the word before the caret.
    DeleteWord,
    /// Empties the field at once (a long paste gone wrong).
    ClearField,
    CaretLeft,
    CaretRight,
    CaretHome,
    CaretEnd,
    /// The helper stopped typing for a moment: what is typed is saved as
    /// it stands (checked when the field is left).
    SaveTyping,
    /// The window changed size: only a redraw.
    Resize,
    /// Nobody touched the keys for the idle time: back to the passphrase.
    Lock,
    /// A few seconds passed with a screen open that watches something
    /// outside the app ([`super::App::wants_ticks`]): it looks again.
    LookAgain,
    /// Training: opens (or closes) the questions to ask the resident.
    AskResident,
    /// The training list: the next (or previous) caption when presenting.
    NextCaption,
    PrevCaption,
    /// The training list: shows the highlighted scenario's captions.
    Present,
    /// Home: practise in training mode (the office's data closes).
    OpenTraining,
    /// Home: the commune's report.
    OpenReport,
    /// The report: the month before, or after.
    PrevPeriod,
    NextPeriod,
    /// The report: keep its CSV and printable page in the data folder.
    SaveReport,
    /// Home: bundles between a field laptop and the office.
    OpenExchange,
    /// Home: the values waiting for a person to choose.
    OpenConflicts,
    /// Home: the person of the chosen case, with all their cases.
    OpenPerson,
    /// The person's cases: delete the chosen draft (asked first).
    DeleteDraft,
    /// The person's screen: join the record that looks like theirs
    /// (asked first).
    JoinPerson,
    /// Bundles: the next (or previous) USB folder found.
    NextPlace,
    PrevPlace,
    /// Bundles: write one for the office in the folder.
    ExportBundle,
    /// Bundles: the machines the office enrolled, or the files again.
    ShowMachines,
    /// Bundles: write this office's key in the folder.
    ExportOfficeKey,
    /// Long work under way: stop it at its next step (what is done stays).
    StopWork,
    /// The cards: the next (or previous) one.
    NextCard,
    PrevCard,
    // ----- answers from effects ---------------------------------------------
    /// The folder's one-time work is under way on a worker: how far.
    Preparing(trolyso_store::store::Reached),
    /// Work on the open store runs on a worker (a bundle read, imported or
    /// written): how far.
    Working(trolyso_store::store::Reached),
    /// The work was asked to stop; it ends at its next step.
    Stopping,
    StoreReady {
        recovery_code: Option<String>,
        settings: Settings,
    },
    StoreClosed,
    SettingsSaved,
    Copied,
    /// A page of cases: the recent ones, or those found.
    CasesListed(Vec<CaseRow>),
    CaseOpened(Case),
    /// An answer or a document tick is on disk; the case as stored.
    CaseSaved(Case),
    /// The resident's name or birth date is on disk, and another record
    /// has the same name and birth date: who, and how many cases they have.
    CaseSavedLookingAlike(Case, String, usize),
    StatusChanged(Case),
    SlipWritten(std::path::PathBuf),
    /// The exercise's clock has started.
    ExerciseStarted,
    /// The training folder is open (from Home): its settings, and the
    /// scenarios to practise.
    TrainingOpened {
        settings: Settings,
        scenarios: Vec<trolyso_core::domain::training::Scenario>,
    },
    /// Training is closed; the office's data waits for its passphrase.
    TrainingLeft,
    /// The exercise's result is kept; it took this long.
    ResultSaved {
        seconds: u64,
    },
    /// The report for a period, counted.
    ReportReady(Box<trolyso_core::domain::report::Report>),
    /// The residents due back soon (report screen).
    VisitsListed(Vec<super::VisitRow>),
    /// The report's files are written; the page to print.
    ReportSaved(std::path::PathBuf),
    /// What the bundles screen shows at its head.
    ExchangeReady(super::ExchangeInfo),
    /// The bundles and key files in the folder.
    /// Each with what it is (`None`: a bundle).
    FolderListed(Vec<(std::path::PathBuf, Option<trolyso_store::bundle::Kind>)>),
    /// What importing this bundle would do (nothing written yet).
    BundlePreview(std::path::PathBuf, Vec<Message>),
    /// A bundle, a key or a join is done: what to say.
    ExchangeDone(Vec<Message>),
    /// How many cases wait for a person to choose a value.
    ConflictsCounted(Vec<Id>),
    ConflictsListed(Vec<super::ConflictRow>),
    /// A chosen value is on disk.
    ValueChosen,
    /// Every case of the person on the person's screen, newest first, and
    /// the records that may be the same person (with their cases counted).
    PersonLoaded(Box<super::PersonFile>),
    /// Two records are one now: the person as kept.
    PersonJoined(trolyso_store::store::Resident),
    /// A draft is deleted.
    DraftDeleted(Id),
    /// An effect failed. The screen that has a place for it shows it there;
    /// any other shows it on the notice line: nothing fails unseen.
    Failed(Message),
}

/// Work for the shell: the store, files, the clipboard. Results come back
/// as actions. Grouped by the part of the shell that runs them, so each
/// part's `match` names every effect it owns.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The data folder itself: set up, opened, restored, recovered, closed.
    Data(DataEffect),
    /// Cases and the office's settings, on the open store.
    Case(CaseEffect),
    /// Bundles between machines, the office key, and the values a person chooses.
    Exchange(ExchangeEffect),
    /// The commune's report.
    Report(ReportEffect),
    /// The training folder and its exercises.
    Training(TrainingEffect),
    /// What leaves the store: the clipboard, a slip for the resident.
    Outside(OutsideEffect),
}

/// The data folder itself: set up, opened, restored, recovered, closed.
#[derive(Debug, Clone, PartialEq)]
pub enum DataEffect {
    CreateStore {
        passphrase: String,
        settings: Settings,
    },
    OpenStore {
        passphrase: String,
    },
    /// Restores a backup into the (empty) data folder.
    RestoreBackup(std::path::PathBuf),
    /// Stops the work on the store running beside the screen at its next
    /// step (and drops work waiting behind it).
    StopWork,
    /// Opens with the recovery code and sets a new passphrase.
    RecoverStore {
        code: String,
        new_passphrase: String,
    },
    /// Closes the store (on lock); the data key leaves memory.
    CloseStore,
    /// The recovery code is on paper: it leaves the store.
    RecoveryCopied,
}

/// Cases and the office's settings, on the open store.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseEffect {
    LoadRecent,
    /// Cases by the resident's name (accents or not), identification number
    /// or phone, whichever the query looks like.
    Search(String),
    SaveSettings(Settings),
    /// Starts a case, with the readiness checklist as gone through.
    CreateCase {
        procedure_id: String,
        version: u32,
        helper: String,
        readiness: std::collections::BTreeMap<String, bool>,
        /// Documents the readiness ticks say were brought.
        brought: Vec<String>,
        /// Answers it starts with, from the case that sent the resident here
        /// or the person it is for.
        carried: Vec<Carried>,
        /// The person on file it is for (started from their screen).
        resident: Option<Id>,
    },
    OpenCase(Id),
    /// Every case of the person on file, and records that look like theirs.
    LoadPerson(Id),
    /// Joins the record `gone` into `kept` (a helper's choice).
    JoinPerson {
        kept: Id,
        gone: Id,
        helper: String,
    },
    /// Deletes a draft (`procedure`: its procedure, whose answers' index
    /// keys go with it).
    DeleteDraft {
        case: Id,
        procedure: String,
        helper: String,
    },
    /// One committed edit, kept where its field's role says (the
    /// resident's record, the index of people's names) in the same
    /// transaction.
    SaveAnswer {
        case: Id,
        field: String,
        value: String,
        helper: String,
        /// Boxed: the role names many fields, and effects are moved often.
        role: Box<AnswerRole>,
    },
    /// Marks a document as brought or not; answered with `CaseSaved`.
    SetDocument {
        case: Id,
        document: String,
        brought: bool,
        helper: String,
    },
    SetStatus {
        case: Id,
        to: Status,
        change: StatusChange,
        helper: String,
    },
}

/// Bundles between machines, the office key, and the values a person chooses.
#[derive(Debug, Clone, PartialEq)]
pub enum ExchangeEffect {
    /// The bundles screen's head: machine, office, USB folders.
    LoadExchange,
    /// The bundles and office key files in a folder.
    ListFolder(std::path::PathBuf),
    /// A bundle of the cases written since the last, for the joined office.
    ExportBundle(std::path::PathBuf),
    /// This office's public key as a file in the folder.
    ExportOfficeKey(std::path::PathBuf),
    /// What importing a bundle would do, nothing written.
    /// What a file on the stick is and what taking it would do, nothing
    /// written: what a bundle brings, which office a key file joins, which
    /// machine a request enrols.
    Read(std::path::PathBuf),
    /// Takes a file read first: imports a bundle, joins the office of a key
    /// file, enrols the machine of a request, takes back an enrolment.
    Take(std::path::PathBuf),
    /// Revokes the enrolled machine with this id: its bundles are refused
    /// from now on.
    Revoke(String),
    CountConflicts,
    LoadConflicts,
    /// A person chose a value among those kept (none: the field emptied).
    ChooseValue {
        case: Id,
        field: String,
        value: Option<String>,
        helper: String,
    },
}

/// The commune's report.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportEffect {
    /// Counts the commune's report for a period; answered with `ReportReady`.
    LoadReport(trolyso_core::domain::report::Period),
    /// Lists the residents due back from this day on (answered with
    /// `VisitsListed`).
    LoadVisits(trolyso_core::domain::Date),
    /// Writes the report's CSV and HTML page in the data folder's `reports/`.
    SaveReport(Box<trolyso_core::domain::report::Report>),
}

/// The training folder and its exercises.
#[derive(Debug, Clone, PartialEq)]
pub enum TrainingEffect {
    /// Opens the training folder in place of the office's data.
    OpenTraining,
    /// Closes the training folder; the office's data is opened again with
    /// its passphrase.
    LeaveTraining,
    /// Training: the exercise begins (the shell starts its clock).
    StartExercise,
    /// Training: keeps an exercise's result in the training folder.
    SaveResult(super::training::ExerciseResult),
}

/// What leaves the store: the clipboard, a slip for the resident.
#[derive(Debug, Clone, PartialEq)]
pub enum OutsideEffect {
    /// Puts text on the clipboard.
    Copy(String),
    /// Writes the resident's slip (text and HTML) in the data folder's `slips/`.
    WriteSlip { case: Id, slip: Slip },
}

/// An answer a new case starts with, carried from the case whose step sent
/// the resident to this procedure (the child's name and birth date are not
/// typed twice). Saved like a typed answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried {
    pub field: String,
    pub value: String,
    pub role: AnswerRole,
}

impl Carried {
    /// `value` for `field` of a case of `to`, saved there as a typed answer
    /// is, by the field's role in `to`.
    pub fn new(to: &Procedure, field: &str, value: String) -> Self {
        Carried {
            field: field.to_owned(),
            value,
            role: to.answer_role(field),
        }
    }
}
