//! Runs effects against the store, files and the clipboard, and turns their
//! results into actions.

use std::path::PathBuf;

use super::jobs::Job;
use super::lessons::Lessons;
use super::search::search;
use crate::app::{Action, App, Effect, update};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use trolyso_core::domain::procedure::Catalogue;
use trolyso_core::i18n::{Lang, Message};

use trolyso_store::store::{KdfParams, Preparation, Prepared, Progress, Reached, Store, StoreError};

/// The backups in the data folder, as the restore offer lists them.
pub fn backups_found(dir: &std::path::Path) -> Vec<crate::app::Found> {
    trolyso_store::store::backups_found_in(dir)
        .into_iter()
        .map(|(path, ms)| {
            let (day, time) = trolyso_core::domain::date::local_time(ms);
            crate::app::Found {
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

fn remember_lang(dir: &std::path::Path, lang: trolyso_core::i18n::Lang) {
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
    pub hits: Vec<crate::ui::Hit>,
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
fn answer<T>(result: Result<T, StoreError>, ok: impl FnOnce(T) -> Action) -> Action {
    match result {
        Ok(value) => ok(value),
        Err(e) => failed(e),
    }
}

/// A store failure, logged and said to the helper.
fn failed(e: StoreError) -> Action {
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
        self.preparing.is_some()
            || self.job.is_some()
            || self.store.as_deref().is_some_and(Store::daily_backup_running)
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
            return self.job.take().map(Job::end);
        }
        match self.store.as_deref()?.daily_backup_done()? {
            Ok(_) => None,
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

    /// Opens the store (unlock, or the recovery code), with the check of a
    /// copy after an unclean close and the one-time work of a folder from an
    /// older version: on a worker with its progress on screen (the app), or
    /// here (tests).
    fn arrive(
        &mut self,
        open: impl FnOnce() -> Result<Store, StoreError> + Send + 'static,
        catalogue: &Catalogue,
    ) -> Action {
        let people = catalogue.people_fields();
        if self.background {
            return self.open_beside(open, people);
        }
        let how = Preparation {
            people: Some(&people),
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
        people: trolyso_core::domain::procedure::PeopleFields,
    ) -> Action {
        let spawned = Job::spawn("opening the data", move |progress, stop| {
            let store = open()?;
            let how = Preparation {
                people: Some(&people),
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
            store.start_daily_backup(trolyso_core::domain::Date::today());
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
        if let Some(work) = super::exchange::long_work(&effect, catalogue) {
            return self.start_work(work);
        }
        if let Some(store) = &self.store
            && let Some(done) = super::exchange::run(store, &effect, catalogue)
        {
            return done;
        }
        match effect {
            // Run above, on the open store.
            Effect::LoadExchange
            | Effect::ListFolder(_)
            | Effect::ExportBundle(_)
            | Effect::ExportOfficeKey(_)
            | Effect::PreviewBundle(_)
            | Effect::ImportBundle(_)
            | Effect::JoinOffice(_)
            | Effect::CountConflicts
            | Effect::LoadConflicts
            | Effect::ChooseValue { .. } => Action::Failed(Message::new("ui.no_store")),
            // Training counts nothing and keeps no report.
            Effect::LoadReport(period) => self.with_store(|s| {
                let built = s.may_leave().and_then(|()| {
                    trolyso_report::report::build(s, catalogue, period, trolyso_store::store::now_ms())
                });
                answer(built, |r| Action::ReportReady(Box::new(r)))
            }),
            Effect::SaveReport(report) => self.with_store(|s| {
                if let Err(e) = s.may_leave() {
                    return Action::Failed(e.message());
                }
                let place = s
                    .settings()
                    .ok()
                    .and_then(|x| x.home_commune)
                    .and_then(|c| trolyso_core::domain::units::Units::embedded().place(c));
                let labels = trolyso_report::report::format::Labels {
                    catalogue,
                    lang,
                    place,
                };
                match super::reports::write(&self.dir, &report, &labels) {
                    Ok(page) => Action::ReportSaved(page),
                    Err(e) => {
                        let folder = self.dir.join(super::reports::FOLDER);
                        Action::Failed(StoreError::io_at(&folder)(e).message())
                    }
                }
            }),
            Effect::CreateStore { passphrase, settings } => {
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
            Effect::OpenStore { passphrase } => {
                let dir = self.dir.clone();
                self.arrive(move || Store::unlock(&dir, &passphrase), catalogue)
            }
            Effect::RecoverStore { code, new_passphrase } => {
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
            Effect::RestoreBackup(file) => {
                answer(trolyso_store::store::restore(&file, &self.dir), |entries| {
                    tracing::info!("restored {entries} entries from {}", file.display());
                    Action::Restored
                })
            }
            Effect::RecoveryCopied => {
                self.with_store(|s| answer(s.recovery_code_copied(), |()| Action::RecoveryCopied))
            }
            Effect::CloseStore => {
                self.store = None;
                Action::StoreClosed
            }
            Effect::SaveSettings(settings) => self.with_store(|s| {
                let saved = s.save_settings(&settings);
                if saved.is_ok()
                    && let Some(lang) = settings.lang
                {
                    remember_lang(&self.dir, lang);
                }
                answer(saved, |()| Action::SettingsSaved)
            }),
            Effect::Copy(text) => match (self.clipboard)(&text) {
                Ok(()) => Action::Copied,
                Err(e) => Action::Failed(
                    Message::new("ui.filing.copy_failed")
                        .word("detail", trolyso_store::store::io_problem(&e)),
                ),
            },
            Effect::LoadRecent => self.with_store(|s| {
                answer(s.recent(RECENT_PAGE, None), |page| {
                    Action::CasesListed(page.items)
                })
            }),
            Effect::Search(query) => self.with_store(|s| answer(search(s, &query), Action::CasesListed)),
            Effect::CreateCase {
                procedure_id,
                version,
                helper,
                readiness,
                brought,
                carried,
            } => self.with_store(|store| {
                let made = store
                    .create_case(&procedure_id, version, None, &helper)
                    .and_then(|case| {
                        if readiness.is_empty() {
                            Ok(case)
                        } else {
                            store.set_readiness(&case.id, &readiness, &helper)
                        }
                    })
                    .and_then(|case| {
                        brought.iter().try_fold(case, |case, document| {
                            store.set_document(&case.id, document, true, &helper)
                        })
                    })
                    .and_then(|case| {
                        carried.iter().try_fold(case, |case, a| {
                            store.save_answer(&case.id, &a.field, &a.value, &helper, &a.role)
                        })
                    })
                    // Opened where nothing is filled yet, not at the last
                    // answer carried.
                    .map(|case| trolyso_store::store::Case {
                        last_field: None,
                        ..case
                    });
                answer(made, Action::CaseOpened)
            }),
            Effect::OpenCase(id) => self.with_store(|s| {
                let found = s.case(&id).and_then(|c| c.ok_or(StoreError::NotFound));
                answer(found, Action::CaseOpened)
            }),
            Effect::SaveAnswer {
                case,
                field,
                value,
                helper,
                role,
            } => self.with_store(|s| {
                answer(
                    s.save_answer(&case, &field, &value, &helper, &role),
                    Action::CaseSaved,
                )
            }),
            Effect::SetDocument {
                case,
                document,
                brought,
                helper,
            } => self.with_store(|s| {
                answer(
                    s.set_document(&case, &document, brought, &helper),
                    Action::CaseSaved,
                )
            }),
            Effect::SetStatus {
                case,
                to,
                change,
                helper,
            } => {
                self.with_store(|s| answer(s.set_status(&case, to, &change, &helper), Action::StatusChanged))
            }
            Effect::OpenTraining => {
                let dir = trolyso_store::store::paths::training_dir(&self.dir);
                let opened = Store::open_training(&dir, self.kdf).and_then(|s| s.settings().map(|t| (s, t)));
                let scenarios = self.lessons.get().to_vec();
                answer(opened, |(store, settings)| {
                    // The office's store closes here (its data key leaves
                    // memory); its passphrase opens it again afterwards.
                    self.store = Some(Arc::new(store));
                    self.office_dir = Some(std::mem::replace(&mut self.dir, dir));
                    Action::TrainingOpened { settings, scenarios }
                })
            }
            Effect::LeaveTraining => {
                self.store = None;
                if let Some(office) = self.office_dir.take() {
                    self.dir = office;
                }
                Action::TrainingLeft
            }
            Effect::StartExercise => {
                self.exercise_started = Some(std::time::Instant::now());
                Action::ExerciseStarted
            }
            Effect::SaveResult(mut result) => {
                result.seconds = self.exercise_started.take().map_or(0, |t| t.elapsed().as_secs());
                match super::results::append(&self.dir, &result) {
                    Ok(()) => Action::ResultSaved {
                        seconds: result.seconds,
                    },
                    Err(e) => Action::Failed(StoreError::io_at(&self.dir)(e).message()),
                }
            }
            Effect::WriteSlip { case, slip } => match super::slips::write(&self.dir, &case, &slip) {
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
                    Effect::OpenStore { .. } | Effect::CreateStore { .. } | Effect::RecoverStore { .. }
                ) {
                    self.take_entries(app, true);
                }
                queue.push_back(self.run(effect, &app.catalogue, app.lang));
            }
        }
    }
}
