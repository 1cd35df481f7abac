//! Runs effects against the store, files and the clipboard, and turns their
//! results into actions.

use std::path::PathBuf;

use super::jobs::{Job, Run};
use super::lessons::Lessons;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use trolyso_core::domain::procedure::Catalogue;
use trolyso_core::i18n::{Lang, Message};
use trolyso_tui::app::{Action, App, DataEffect, Effect, OutsideEffect, TrainingEffect, update};

use trolyso_store::store::{
    KdfParams, Preparation, Prepared, Progress, Reached, RecordError, Store, StoreError,
};

/// The backups in the data folder, as the restore offer lists them.
pub fn backups_found(dir: &std::path::Path) -> Vec<trolyso_tui::app::Found> {
    trolyso_store::store::backups_found_in(dir)
        .into_iter()
        .map(|(path, ms)| {
            let (day, time) = trolyso_core::domain::date::local_time(ms);
            trolyso_tui::app::Found {
                path,
                when: format!("{day} {time}"),
            }
        })
        .collect()
}

/// The file beside the data that keeps the screen's language for the next
/// start: the unlock screen comes before the (encrypted) settings can be
/// read. A language is nothing personal.
const LANG_FILE: &str = "ui-lang";

pub(super) fn remember_lang(dir: &std::path::Path, lang: trolyso_core::i18n::Lang) {
    if let Err(e) = trolyso_store::store::paths::write_private(&dir.join(LANG_FILE), lang.code().as_bytes()) {
        tracing::warn!("could not remember the language: {e}");
    }
}

/// The language the office chose last, for the screens before the unlock.
pub fn remembered_lang(dir: &std::path::Path) -> Option<trolyso_core::i18n::Lang> {
    let code = std::fs::read_to_string(dir.join(LANG_FILE)).ok()?;
    trolyso_core::i18n::Lang::from_code(code.trim())
}

/// How many recent cases Home shows.
pub const RECENT_PAGE: usize = 50;

/// Where copied text goes: the terminal's clipboard by OSC 52 in the app,
/// a list in tests.
pub type Clipboard = Box<dyn FnMut(&str) -> std::io::Result<()>>;

pub struct Runtime {
    pub dir: PathBuf,
    pub kdf: KdfParams,
    /// The open store, shared with long work on a worker ([`Job`]).
    pub store: Option<Arc<Store>>,
    pub clipboard: Clipboard,
    /// Where clicks select what, from the last frame drawn.
    pub hits: Vec<trolyso_tui::ui::Hit>,
    /// Training: when the exercise under way began.
    exercise_started: Option<std::time::Instant>,
    /// Training opened from the office's Home: the office's folder, to go
    /// back to (its store is closed meanwhile).
    office_dir: Option<PathBuf>,
    /// The scenarios Home's training key opens.
    pub lessons: Lessons,
    /// The national list, read beside the first screen (see
    /// `cli::read_beside_first_screen`); put in the app's catalogue when
    /// it comes, and waited for before the office's data opens.
    pub entries: Option<std::sync::mpsc::Receiver<Vec<trolyso_core::domain::catalogue::Entry>>>,
    /// The data being opened and prepared, on its own thread: the store
    /// comes back when it ends.
    preparing: Option<Job<Result<(Store, Prepared), StoreError>>>,
    /// Long work on the open store, on its own thread.
    job: Option<Job<Action>>,
    /// The bundle a preview read, for the import that follows.
    last_read: super::exchange::LastRead,
    /// Today's automatic backup, beside the helper's work (it only reads
    /// the store, so it runs beside `job`).
    upkeep: Option<Job<Result<Option<PathBuf>, StoreError>>>,
    /// Long work asked for while `job` runs: started in turn as it ends
    /// (one worker, so two never write the store at once).
    queued: std::collections::VecDeque<super::jobs::Work>,
    /// Whether long work runs on a worker while the screen answers keys
    /// (the app), or where it is asked for (tests of whole flows).
    pub background: bool,
}

impl Drop for Runtime {
    /// Quitting while the data is being opened: the worker stops after the
    /// chunk of one-time work it is writing (flushed), and the next open
    /// goes on from there.
    fn drop(&mut self) {
        if let Some(job) = self.preparing.take() {
            job.stop();
            let _ = job.join();
        }
        // Work on the store ends as it would have (an import writes each
        // case whole, then flushes): waited for, not cut.
        if let Some(job) = self.job.take() {
            let _ = job.end();
        }
        self.end_upkeep();
    }
}

/// Copies through the terminal (OSC 52): works over SSH and in Windows
/// Terminal, with no clipboard library and nothing printed on screen.
pub fn osc52(text: &str) -> std::io::Result<()> {
    use base64::Engine;
    use std::io::Write;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// The action a store call's result comes back as: `ok` for its value,
/// [`Action::Failed`] with the store's words otherwise.
pub(super) fn answer<T>(result: Result<T, StoreError>, ok: impl FnOnce(T) -> Action) -> Action {
    match result {
        Ok(value) => ok(value),
        Err(e) => failed(e),
    }
}

/// A store failure, logged and said to the helper.
pub(super) fn failed(e: StoreError) -> Action {
    tracing::warn!("store: {e}");
    Action::Failed(e.message())
}

impl Runtime {
    pub fn new(dir: PathBuf, kdf: KdfParams) -> Self {
        Runtime {
            dir,
            kdf,
            store: None,
            clipboard: Box::new(osc52),
            hits: Vec::new(),
            exercise_started: None,
            office_dir: None,
            lessons: Lessons::Ready(Vec::new()),
            entries: None,
            preparing: None,
            job: None,
            queued: std::collections::VecDeque::new(),
            upkeep: None,
            last_read: Default::default(),
            background: false,
        }
    }

    /// The national list read beside the first screen, into the app's
    /// catalogue once it is there; with `wait`, waited for.
    fn take_entries(&mut self, app: &mut App, wait: bool) {
        use std::sync::mpsc::TryRecvError;
        let Some(rx) = &self.entries else { return };
        let got = match (wait, rx.try_recv()) {
            (_, Ok(entries)) => Some(entries),
            (false, Err(TryRecvError::Empty)) => return,
            (true, Err(TryRecvError::Empty)) => rx.recv().ok(),
            (_, Err(TryRecvError::Disconnected)) => None,
        };
        self.entries = None;
        match got {
            Some(entries) => app.catalogue.set_entries(entries),
            None => tracing::warn!("the national list could not be read beside the first screen"),
        }
    }

    /// Runs `work` on the open store; without one (locked, or never opened)
    /// the helper is told so.
    fn with_store(&self, work: impl FnOnce(&Store) -> Action) -> Action {
        match self.store.as_deref() {
            Some(store) => work(store),
            None => Action::Failed(Message::new("ui.no_store")),
        }
    }

    /// Runs one effect, watched (a store that spins on damaged data must
    /// not freeze the app for good); its result comes back as an action.
    fn run(&mut self, effect: Effect, catalogue: &Catalogue, lang: Lang) -> Action {
        trolyso_store::store::watch::busy(|| self.run_watched(effect, catalogue, lang))
    }

    /// Whether work runs beside the helper's (the folder's one-time work,
    /// the daily backup) whose progress or end the shell should look for.
    pub fn working(&self) -> bool {
        self.preparing.is_some() || self.job.is_some() || self.upkeep.is_some()
    }

    /// What work beside the helper's has come to: how far the one-time work
    /// has come, or the store ready once it ends; a failed daily backup is
    /// said on the notice line, a good one says nothing.
    pub fn finished_work(&mut self) -> Option<Action> {
        if let Some(job) = &mut self.preparing {
            if !job.is_finished() {
                return job.moved().map(Action::Preparing);
            }
            let job = self.preparing.take()?;
            return Some(match job.join() {
                Ok(Ok((store, Prepared::Done))) => self.ready(store),
                // Stopped only when asked, on the way out.
                Ok(Ok((_, Prepared::Stopped))) => return None,
                Ok(Err(e)) => failed(e),
                Err(_) => Action::Failed(Message::new("ui.prepare_failed")),
            });
        }
        if let Some(job) = &mut self.job {
            if !job.is_finished() {
                return job.moved().map(Action::Working);
            }
            let ended = self.job.take().map(Job::end);
            if let Some(next) = self.queued.pop_front() {
                // Its start is said by the first progress it tells.
                let _ = self.start_work(next);
            }
            return ended;
        }
        if !self.upkeep.as_ref()?.is_finished() {
            return None;
        }
        match self
            .upkeep
            .take()?
            .join()
            .unwrap_or_else(|_| Err(RecordError::Worker("the daily backup").into()))
        {
            Ok(Some(path)) => {
                tracing::info!("automatic backup written: {}", path.display());
                None
            }
            Ok(None) => None,
            Err(e) => {
                tracing::warn!("automatic backup failed: {e}");
                let why = e.message();
                Some(Action::Failed(Message::new("ui.daily_backup_failed").localized(
                    "detail",
                    &why.render(trolyso_core::i18n::Lang::Vi),
                    &why.render(trolyso_core::i18n::Lang::En),
                )))
            }
        }
    }

    /// Starts today's automatic backup beside the helper's work: on a
    /// large or damaged store it must not keep anyone waiting. Training
    /// keeps none.
    fn start_upkeep(&mut self) {
        let Some(store) = self.store.clone().filter(|s| s.may_leave().is_ok()) else {
            return;
        };
        let today = trolyso_core::domain::Date::today();
        let spawned = Job::spawn("daily backup", move |_, stop| {
            trolyso_store::store::watch::busy(|| store.daily_backup(today, stop))
        });
        match spawned {
            Ok(job) => self.upkeep = Some(job),
            Err(e) => tracing::warn!("could not start the daily backup: {e}"),
        }
    }

    /// Stops the daily backup (its partial file removed) and waits for it:
    /// the store must close with no thread still reading it. A bundle kept
    /// decrypted for its import leaves memory too.
    fn end_upkeep(&mut self) {
        if let Ok(mut kept) = self.last_read.lock() {
            *kept = None;
        }
        if let Some(job) = self.upkeep.take() {
            job.stop();
            let _ = trolyso_store::store::watch::busy(|| job.join());
        }
    }

    /// Opens the store (unlock, or the recovery code), with the check of a
    /// copy after an unclean close and the one-time work of a folder from an
    /// older version: on a worker with its progress on screen (the app), or
    /// here (tests).
    fn arrive(
        &mut self,
        open: impl FnOnce() -> Result<Store, StoreError> + Send + 'static,
        catalogue: &Catalogue,
    ) -> Action {
        let found_by = catalogue.found_by();
        if self.background {
            return self.open_beside(open, found_by);
        }
        let how = Preparation {
            found_by: Some(&found_by),
            stop: &AtomicBool::new(false),
            progress: &Progress::default(),
        };
        match open().and_then(|store| store.prepare(&how).map(|_| store)) {
            Ok(store) => self.ready(store),
            Err(e) => failed(e),
        }
    }

    /// Opens and prepares the store on its own thread; it comes back when
    /// the work ends ([`Runtime::finished_work`]).
    fn open_beside(
        &mut self,
        open: impl FnOnce() -> Result<Store, StoreError> + Send + 'static,
        found_by: trolyso_core::domain::procedure::FoundBy,
    ) -> Action {
        let spawned = Job::spawn("opening the data", move |progress, stop| {
            let store = open()?;
            let how = Preparation {
                found_by: Some(&found_by),
                stop,
                progress,
            };
            let ended = store.prepare(&how)?;
            Ok((store, ended))
        });
        match spawned {
            Ok(job) => {
                self.preparing = Some(job);
                Action::Preparing(Reached::default())
            }
            Err(e) => {
                tracing::warn!("could not start opening the data: {e}");
                Action::Failed(Message::new("ui.prepare_failed"))
            }
        }
    }

    /// The store is ready: the office's settings come back, and the daily
    /// backup starts beside the helper's work — on a large or damaged
    /// store it must not keep anyone waiting.
    fn ready(&mut self, store: Store) -> Action {
        let opened = store.settings().map(|settings| (store, settings));
        answer(opened, |(store, settings)| {
            if let Some(lang) = settings.lang {
                remember_lang(&self.dir, lang);
            }
            // A setup cut off before the code was confirmed shows it again.
            let recovery_code = store
                .pending_recovery_code()
                .inspect_err(|e| tracing::warn!("could not read the pending recovery code: {e}"))
                .ok()
                .flatten()
                .map(|c| c.to_string());
            self.store = Some(Arc::new(store));
            self.start_upkeep();
            Action::StoreReady {
                recovery_code,
                settings,
            }
        })
    }

    /// Long work on the open store: on a worker with its progress shown
    /// (the app), or here (tests of whole flows).
    fn start_work(&mut self, work: super::jobs::Work) -> Action {
        let Some(store) = self.store.clone() else {
            return Action::Failed(Message::new("ui.no_store"));
        };
        if !self.background {
            return work(&store, &Progress::default());
        }
        if self.job.is_some() {
            self.queued.push_back(work);
            return Action::Working(Reached::default());
        }
        match Job::on_store(store, work) {
            Ok(job) => {
                self.job = Some(job);
                Action::Working(Reached::default())
            }
            Err(e) => {
                tracing::warn!("could not start work on a worker: {e}");
                Action::Failed(Message::new("ui.work_failed"))
            }
        }
    }

    fn run_watched(&mut self, effect: Effect, catalogue: &Catalogue, lang: Lang) -> Action {
        match effect {
            Effect::Data(e) => self.data(e, catalogue),
            Effect::Case(e) => self.with_store(|s| super::cases::run(s, &self.dir, e, catalogue)),
            Effect::Exchange(e) => {
                let last = self.last_read.clone();
                self.run_on_store(|s, _| super::exchange::run(s, e, catalogue, &last))
            }
            Effect::Report(e) => self.run_on_store(|s, dir| super::reports::run(s, dir, e, catalogue, lang)),
            Effect::Training(e) => self.training(e),
            Effect::Outside(e) => self.outside(e),
        }
    }

    /// Runs `effect` on the open store: at once, or beside the screen as it
    /// says; without a store the helper is told so.
    fn run_on_store(&mut self, effect: impl FnOnce(&Store, &std::path::Path) -> Run) -> Action {
        let ran = self.store.as_deref().map(|s| effect(s, &self.dir));
        match ran {
            Some(Run::Now(action)) => action,
            Some(Run::Beside(work)) => self.start_work(work),
            None => Action::Failed(Message::new("ui.no_store")),
        }
    }

    /// The data folder itself: set up, opened, restored, recovered, closed.
    fn data(&mut self, effect: DataEffect, catalogue: &Catalogue) -> Action {
        match effect {
            DataEffect::CreateStore { passphrase, settings } => {
                // The code stays in the store (sealed) until the helper types
                // part of it back: a setup cut off on its screen shows it again.
                let made = Store::create(&self.dir, &passphrase, self.kdf).and_then(|(store, code)| {
                    store.keep_recovery_code(&code)?;
                    store.save_settings(&settings).map(|()| (store, code))
                });
                answer(made, |(store, code)| {
                    self.store = Some(Arc::new(store));
                    Action::StoreReady {
                        recovery_code: Some(code.to_string()),
                        settings,
                    }
                })
            }
            DataEffect::OpenStore { passphrase } => {
                let dir = self.dir.clone();
                self.arrive(move || Store::unlock(&dir, &passphrase), catalogue)
            }
            DataEffect::RecoverStore { code, new_passphrase } => {
                let dir = self.dir.clone();
                // Whoever holds the code has it on paper: it is not shown again.
                self.arrive(
                    move || {
                        Store::unlock_with_recovery(&dir, &code, &new_passphrase)
                            .and_then(|s| s.recovery_code_copied().map(|()| s))
                    },
                    catalogue,
                )
            }
            DataEffect::RestoreBackup(file) => {
                answer(trolyso_store::store::restore(&file, &self.dir), |entries| {
                    tracing::info!("restored {entries} entries from {}", file.display());
                    Action::Restored
                })
            }
            DataEffect::RecoveryCopied => {
                self.with_store(|s| answer(s.recovery_code_copied(), |()| Action::RecoveryCopied))
            }
            DataEffect::StopWork => {
                self.queued.clear();
                match &self.job {
                    Some(job) => {
                        job.stop();
                        Action::Stopping
                    }
                    // It ended meanwhile: its end says what it did.
                    None => Action::Stopping,
                }
            }
            DataEffect::CloseStore => {
                self.end_upkeep();
                self.store = None;
                Action::StoreClosed
            }
        }
    }

    fn training(&mut self, effect: TrainingEffect) -> Action {
        match effect {
            TrainingEffect::OpenTraining => {
                let dir = trolyso_store::store::paths::training_dir(&self.dir);
                let opened = Store::open_training(&dir, self.kdf).and_then(|s| s.settings().map(|t| (s, t)));
                let scenarios = self.lessons.get().to_vec();
                answer(opened, |(store, settings)| {
                    // The office's store closes here (its data key leaves
                    // memory); its passphrase opens it again afterwards.
                    self.end_upkeep();
                    self.store = Some(Arc::new(store));
                    self.office_dir = Some(std::mem::replace(&mut self.dir, dir));
                    Action::TrainingOpened { settings, scenarios }
                })
            }
            TrainingEffect::LeaveTraining => {
                self.store = None;
                if let Some(office) = self.office_dir.take() {
                    self.dir = office;
                }
                Action::TrainingLeft
            }
            TrainingEffect::StartExercise => {
                self.exercise_started = Some(std::time::Instant::now());
                Action::ExerciseStarted
            }
            TrainingEffect::SaveResult(mut result) => {
                result.seconds = self.exercise_started.take().map_or(0, |t| t.elapsed().as_secs());
                match super::results::append(&self.dir, &result) {
                    Ok(()) => Action::ResultSaved {
                        seconds: result.seconds,
                    },
                    Err(e) => Action::Failed(StoreError::io_at(&self.dir)(e).message()),
                }
            }
        }
    }

    /// What leaves the store: the clipboard, a slip for the resident.
    fn outside(&mut self, effect: OutsideEffect) -> Action {
        match effect {
            OutsideEffect::Copy(text) => match (self.clipboard)(&text) {
                Ok(()) => Action::Copied,
                Err(e) => Action::Failed(
                    Message::new("ui.filing.copy_failed")
                        .word("detail", trolyso_store::store::io_problem(&e)),
                ),
            },
            OutsideEffect::WriteSlip { case, slip } => match super::slips::write(&self.dir, &case, &slip) {
                Ok(path) => Action::SlipWritten(path),
                Err(e) => Action::Failed(StoreError::io_at(&self.dir.join("slips"))(e).message()),
            },
        }
    }

    /// Applies an action and every action its effects lead to, in order.
    pub fn dispatch(&mut self, app: &mut App, action: Action) {
        self.take_entries(app, false);
        let mut queue = std::collections::VecDeque::from([action]);
        while let Some(a) = queue.pop_front() {
            for effect in update(app, a) {
                // The procedure picker and Home name entries of the list:
                // it is in before the office's data opens.
                if matches!(
                    effect,
                    Effect::Data(DataEffect::OpenStore { .. })
                        | Effect::Data(DataEffect::CreateStore { .. })
                        | Effect::Data(DataEffect::RecoverStore { .. })
                ) {
                    self.take_entries(app, true);
                }
                queue.push_back(self.run(effect, &app.catalogue, app.lang));
            }
        }
    }
}
