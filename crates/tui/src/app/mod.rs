//! The app as plain data: one module per screen under `screens/`, each with
//! its state, its key layers and an `update` from an [`Action`] to an
//! [`Outcome`] (effects to run, and where to go next). This module keeps only
//! what is global: help, quit, the idle lock, the input method and the notice
//! line. No terminal, no disk: the shell runs the effects and feeds their
//! results back as actions, so whole flows run in tests.

mod action;
mod commune;
mod edit;
pub mod keymap;
mod outcome;
pub mod screens;
pub mod slip;
pub mod training;

pub use action::{
    Action, Carried, CaseEffect, DataEffect, Effect, ExchangeEffect, OutsideEffect, ReportEffect,
    TrainingEffect,
};
pub use commune::{CommunePicker, Picked, UnitRow};
use keymap::Layer;
pub use outcome::Outcome;
pub use screens::{
    Ask, CardField, ConflictRow, Conflicts, Detail, Exchange, ExchangeInfo, FILING_LEVELS, Filing, Forgot,
    ForgotFocus, Found, Home, Kept, KeptValue, Lessons, MachineRow, Mode, PauseFocus, PauseForm, PersonFile,
    PersonView, PickRow, Picker, Presenter, RESULTS, Recovery, ReportView, RestoreOffer, Review, ReviewRow,
    ScoreCard, SettingsForm, SettingsRow, Setup, SetupFocus, TOUR_PAGES, Tour, Unlock, VISITS_AHEAD_DAYS,
    VisitRow, Wizard, fields_of_work, picker_matches,
};

use trolyso_core::domain::Date;
use trolyso_core::domain::procedure::Catalogue;
use trolyso_core::i18n::{Lang, Message};
use trolyso_store::store::{Case, CaseRow, Id, Resident, Settings};

/// What a screen's `update` may read and change beyond its own state.
pub struct Ctx<'a> {
    pub catalogue: &'a Catalogue,
    /// The office's settings: helper, input method, idle minutes…
    pub settings: &'a mut Settings,
    pub lang: &'a mut Lang,
    /// The language was given on the command line: the settings' does not
    /// replace it for this run.
    pub lang_fixed: bool,
    pub today: Date,
}

/// Where a screen sends the helper next.
#[derive(Debug, Clone, PartialEq)]
pub enum Go {
    /// The case list (reloaded on arrival).
    Home,
    Picker,
    /// A procedure's detail, with the national list's entry worked with the
    /// general guide, if any.
    Detail {
        procedure: usize,
        entry: Option<usize>,
        /// The person on file it is for, if chosen from their screen.
        person: Option<Box<Resident>>,
    },
    /// The procedure a case's step sends the resident to, with the answers
    /// the new case starts with.
    Referred {
        procedure: usize,
        carried: Vec<Carried>,
    },
    Wizard(Box<Case>),
    /// The recovery code, shown once after setup.
    Recovery(String),
    Settings,
    Unlock,
    /// First-time setup (chosen over restoring a backup).
    Setup,
    /// The first-run tour (after setup).
    Tour,
    /// The commune's report, this month's first.
    Report,
    /// Bundles between a field laptop and the office.
    Exchange,
    /// Values from two machines waiting for a person to choose.
    Conflicts,
    /// A person on file and all their cases (from this case's row; Esc
    /// goes back into the case when it was open).
    Person {
        row: Box<CaseRow>,
        from_case: bool,
    },
    /// The procedure picker, for a new case of this person on file.
    PickerFor(Box<Resident>),
    /// Training: the exercise with this scenario begins.
    Exercise(usize),
    /// Training: this scenario's captions, for the trainer.
    Present(usize),
}

/// A line for the helper under whatever screen is open.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub message: Message,
    /// Something failed (shown as an error), or just news.
    pub failed: bool,
}

#[derive(Debug)]
pub enum Screen {
    /// No database, but backups: restoring is offered first.
    Restore(RestoreOffer),
    Setup(Setup),
    Recovery(Recovery),
    Unlock(Unlock),
    Home(Home),
    Picker(Picker),
    Detail(Detail),
    Wizard(Box<Wizard>),
    Settings(SettingsForm),
    /// The first-run tour.
    Tour(Tour),
    /// The commune's report.
    Report(ReportView),
    Exchange(Exchange),
    Conflicts(Conflicts),
    /// A person on file and all their cases.
    Person(PersonView),
    /// Training: the scenarios to practise.
    Lessons(Lessons),
    /// Training: how the exercise went.
    ScoreCard(ScoreCard),
    /// Training: the trainer's captions.
    Present(Presenter),
}

impl Screen {
    fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match self {
            Screen::Restore(s) => s.update(action),
            Screen::Setup(s) => s.update(action, ctx),
            Screen::Recovery(s) => s.update(action),
            Screen::Unlock(s) => s.update(action, ctx),
            Screen::Home(s) => s.update(action, ctx),
            Screen::Picker(s) => s.update(action, ctx),
            Screen::Detail(s) => s.update(action, ctx),
            Screen::Wizard(s) => s.update(action, ctx),
            Screen::Settings(s) => s.update(action, ctx),
            Screen::Tour(t) => t.update(action, ctx),
            Screen::Report(r) => r.update(action, ctx),
            Screen::Exchange(e) => e.update(action, ctx),
            Screen::Conflicts(c) => c.update(action, ctx),
            Screen::Person(p) => p.update(action, ctx),
            Screen::Lessons(s) => s.update(action, ctx),
            Screen::ScoreCard(s) => s.update(action),
            Screen::Present(s) => s.update(action),
        }
    }

    /// Saves what is typed and not yet saved (before a lock or quitting).
    fn save_pending(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        match self {
            Screen::Wizard(w) => w.commit_field(ctx),
            Screen::Settings(f) => f.commit_helper(ctx.settings).into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// The store is open behind this screen (the lock has something to close).
    fn store_open(&self) -> bool {
        !matches!(
            self,
            Screen::Restore(_) | Screen::Setup(_) | Screen::Recovery(_) | Screen::Unlock(_)
        )
    }
}

pub struct App {
    pub screen: Screen,
    /// One line under the screen: where the last slip went, or what failed
    /// where the screen has no place for it. Cleared when the screen changes.
    pub notice: Option<Notice>,
    pub lang: Lang,
    /// The language was given on the command line: the settings' does not
    /// replace it for this run.
    pub lang_fixed: bool,
    pub catalogue: Catalogue,
    /// The office's settings: helper, input method, idle minutes.
    pub settings: Settings,
    pub today: Date,
    /// The case that was open when the idle lock came: opened again once
    /// the passphrase is typed.
    pub resume: Option<Id>,
    pub help: bool,
    pub quit: bool,
    /// Training mode: made-up residents in the training folder.
    pub training: Option<training::Training>,
    /// The folder the bundles screen used last, opened again next time.
    pub stick: String,
}

impl App {
    /// A new app: setup on a first run, else the passphrase screen.
    pub fn new(catalogue: Catalogue, lang: Lang, set_up: bool, today: Date) -> Self {
        let screen = if set_up {
            Screen::Unlock(Unlock::default())
        } else {
            Screen::Setup(Setup::default())
        };
        App {
            screen,
            notice: None,
            lang,
            lang_fixed: false,
            catalogue,
            settings: Settings::default(),
            today,
            help: false,
            quit: false,
            resume: None,
            training: None,
            stick: String::new(),
        }
    }

    /// The app in training mode: the scenario list first, the store (the
    /// training folder) already open; with `present`, that scenario's
    /// captions.
    pub fn training(
        catalogue: Catalogue,
        lang: Lang,
        scenarios: Vec<trolyso_core::domain::training::Scenario>,
        settings: Settings,
        today: Date,
        present: Option<usize>,
    ) -> Self {
        let mut app = App::new(catalogue, lang, true, today);
        app.enter_training(scenarios, settings, false);
        if let Some(i) = present {
            app.go(Go::Present(i));
        }
        app
    }

    /// Training begins on the scenario list, with the training folder's
    /// settings (the trainee's name); `from_office` when Home opened it
    /// (Esc then goes back to the office's passphrase).
    fn enter_training(
        &mut self,
        scenarios: Vec<trolyso_core::domain::training::Scenario>,
        settings: Settings,
        from_office: bool,
    ) {
        self.screen = Screen::Lessons(Lessons::new(scenarios.len(), &settings.helper, 0, from_office));
        self.settings = settings;
        self.help = false;
        self.notice = None;
        self.training = Some(training::Training {
            scenarios,
            from_office,
            ..training::Training::default()
        });
    }

    /// The data folder has no database but these backups (newest first):
    /// offer to restore one before a fresh setup.
    pub fn offer_restore(&mut self, backups: Vec<Found>) {
        if !backups.is_empty() {
            self.screen = Screen::Restore(RestoreOffer {
                backups,
                ..RestoreOffer::default()
            });
        }
    }

    /// The key layers of the current screen, top first.
    pub fn layers(&self) -> Vec<Layer> {
        training::layers(self, self.screen_layers())
    }

    fn screen_layers(&self) -> Vec<Layer> {
        match &self.screen {
            Screen::Restore(r) => r.layers(),
            Screen::Setup(s) => s.layers(),
            Screen::Recovery(r) => r.layers(),
            Screen::Unlock(u) => u.layers(),
            Screen::Home(h) => h.layers(),
            Screen::Picker(p) => p.layers(),
            Screen::Detail(d) => d.layers(),
            Screen::Wizard(w) => w.layers(&self.catalogue),
            Screen::Settings(f) => f.layers(),
            Screen::Tour(t) => t.layers(),
            Screen::Report(r) => r.layers(),
            Screen::Exchange(e) => e.layers(),
            Screen::Conflicts(c) => c.layers(),
            Screen::Person(p) => p.layers(),
            Screen::Lessons(l) => l.layers(),
            Screen::ScoreCard(c) => c.layers(),
            Screen::Present(p) => p.layers(),
        }
    }

    fn ctx(&mut self) -> (&mut Screen, Ctx<'_>) {
        (
            &mut self.screen,
            Ctx {
                catalogue: &self.catalogue,
                settings: &mut self.settings,
                lang: &mut self.lang,
                lang_fixed: self.lang_fixed,
                today: self.today,
            },
        )
    }

    /// Moves to another screen; returns the effects arriving there needs.
    fn go(&mut self, go: Go) -> Vec<Effect> {
        if self.training.is_some() {
            return training::go(self, go);
        }
        self.notice = None;
        if let Screen::Exchange(x) = &self.screen {
            self.stick = x.folder.text().trim().to_owned();
        }
        // Home lists the cases as they are now.
        let mut arriving = if go == Go::Home {
            vec![
                Effect::Case(CaseEffect::LoadRecent),
                Effect::Exchange(ExchangeEffect::CountConflicts),
            ]
        } else {
            Vec::new()
        };
        self.screen = match go {
            Go::Home => Screen::Home(Home::default()),
            Go::Picker => Screen::Picker(Picker::default()),
            Go::Detail {
                procedure,
                entry,
                person,
            } => Screen::Detail(Detail::new(&self.catalogue, procedure, entry).for_person(person)),
            Go::PickerFor(person) => Screen::Picker(Picker {
                for_person: Some(person),
                ..Picker::default()
            }),
            Go::Person { row, from_case } => {
                let view = PersonView {
                    back_to: from_case.then_some(row.case.id),
                    ..PersonView::new(*row)
                };
                arriving.extend(view.load());
                Screen::Person(view)
            }
            Go::Referred { procedure, carried } => {
                Screen::Detail(Detail::referred(&self.catalogue, procedure, carried))
            }
            Go::Wizard(case) => Screen::Wizard(Box::new(Wizard::open(*case, &self.catalogue, self.today))),
            Go::Recovery(code) => Screen::Recovery(Recovery::new(code)),
            Go::Settings => Screen::Settings(SettingsForm::new(&self.settings)),
            Go::Unlock => Screen::Unlock(Unlock::default()),
            Go::Setup => Screen::Setup(Setup::default()),
            Go::Tour => Screen::Tour(Tour::default()),
            Go::Report => {
                let view = ReportView::new(self.today);
                arriving.push(view.load());
                arriving.push(ReportView::load_visits(self.today));
                Screen::Report(view)
            }
            Go::Exchange => {
                arriving.push(Effect::Exchange(ExchangeEffect::LoadExchange));
                Screen::Exchange(Exchange::at(&self.stick))
            }
            Go::Conflicts => {
                arriving.push(Effect::Exchange(ExchangeEffect::LoadConflicts));
                Screen::Conflicts(Conflicts::default())
            }
            // Only training has these (see `training::go`).
            Go::Exercise(_) | Go::Present(_) => Screen::Home(Home::default()),
        };
        arriving
    }

    /// The open screen watches something outside the app (the bundles
    /// screen, the USB stick): the shell sends [`Action::LookAgain`] every
    /// few seconds while it is open.
    pub fn wants_ticks(&self) -> bool {
        matches!(&self.screen, Screen::Exchange(_))
    }

    /// What is typed on the open screen is not on disk yet: the shell
    /// sends [`Action::SaveTyping`] when the keys pause.
    pub fn typing_unsaved(&self) -> bool {
        match &self.screen {
            Screen::Wizard(w) => w.typing_unsaved(&self.catalogue),
            Screen::Lessons(l) => l.typing_unsaved(&self.settings.helper),
            _ => false,
        }
    }

    /// Saves what is being typed and not yet saved.
    fn save_pending(&mut self) -> Vec<Effect> {
        let (screen, mut ctx) = self.ctx();
        screen.save_pending(&mut ctx)
    }
}

/// The idle lock: whatever is typed in the focused field is saved first,
/// then the store closes and the passphrase screen comes back. The setup
/// screens are left alone: the recovery code must not vanish unread.
fn lock(app: &mut App) -> Vec<Effect> {
    // Training has no passphrase to come back to.
    if !app.screen.store_open() || app.training.is_some() {
        return Vec::new();
    }
    let mut effects = app.save_pending();
    effects.push(Effect::Data(DataEffect::CloseStore));
    // The case open at the lock opens again after the unlock.
    app.resume = match &app.screen {
        Screen::Wizard(w) => Some(w.case.id),
        _ => None,
    };
    effects.extend(app.go(Go::Unlock));
    app.help = false;
    app.notice = Some(Notice {
        message: Message::new("ui.locked").arg("minutes", app.settings.idle_minutes.max(1)),
        failed: false,
    });
    effects
}

/// A click on row `i` of a list of `len`: true when it is the row already
/// chosen (the click opens it, as Enter would); otherwise it becomes the
/// chosen one.
pub(crate) fn clicked_row(selected: &mut usize, i: usize, len: usize) -> bool {
    if i == *selected {
        return true;
    }
    *selected = i.min(len.saturating_sub(1));
    false
}

/// Applies one action; returns the effects to run. What is global is
/// handled here; everything else goes to the screen. In training, the
/// question menu comes first and what the screen asks is watched.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if let Some(effects) = training::intercept(app, &action) {
        return effects;
    }
    // Quitting in the middle of an exercise still keeps its result.
    let quitting_exercise = action == Action::Quit && app.training.as_ref().is_some_and(|t| t.run.is_some());
    let mut effects = update_screen(app, action);
    if quitting_exercise {
        training::observe(app, &mut effects);
        effects.extend(training::finish(app));
    }
    effects
}

fn update_screen(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Help => app.help = !app.help,
        Action::Back | Action::Submit if app.help => app.help = false,
        Action::Quit => {
            app.quit = true;
            return app.save_pending();
        }
        Action::Lock => return lock(app),
        Action::SlipWritten(path) => {
            app.notice = Some(Notice {
                message: Message::new("ui.slip_written").arg("path", path.display()),
                failed: false,
            });
        }
        // From the office: the trainee is whoever sits there now.
        Action::TrainingOpened {
            mut settings,
            scenarios,
        } => {
            settings.helper.clear();
            app.enter_training(scenarios, settings, true)
        }
        Action::TrainingLeft => {
            // The office's data is closed: its passphrase opens it again.
            app.training = None;
            app.settings = Settings {
                lang: app.settings.lang,
                ..Settings::default()
            };
            app.go(Go::Unlock);
            app.notice = Some(Notice {
                message: Message::new("train.left"),
                failed: false,
            });
        }
        Action::ToggleInputMethod => {
            app.settings.input_method = screens::settings::next_method(app.settings.input_method, true);
            // Remembered for the office once its store is open (it is on
            // the recovery-code screen too, which the lock leaves alone).
            if !matches!(app.screen, Screen::Setup(_) | Screen::Unlock(_)) {
                return vec![Effect::Case(CaseEffect::SaveSettings(app.settings.clone()))];
            }
        }
        action => {
            let failure = match &action {
                Action::Failed(m) => Some(m.clone()),
                _ => None,
            };
            let unlocked =
                matches!(action, Action::StoreReady { .. }) && matches!(app.screen, Screen::Unlock(_));
            let (screen, mut ctx) = app.ctx();
            let out = screen.update(action, &mut ctx);
            if out.ignored
                && let Some(m) = failure
            {
                tracing::warn!("shown on the notice line: {}", m.key);
                app.notice = Some(Notice {
                    message: m,
                    failed: true,
                });
            }
            let mut effects = out.effects;
            // Seen before the screen changes: leaving a case ends an
            // exercise, and what the case asked last belongs to it.
            training::observe(app, &mut effects);
            if let Some(go) = out.go {
                effects.extend(app.go(go));
            }
            if let Some(news) = out.news {
                app.notice = Some(Notice {
                    message: news,
                    failed: false,
                });
            }
            if unlocked && let Some(case) = app.resume.take() {
                effects.push(Effect::Case(CaseEffect::OpenCase(case)));
            }
            return effects;
        }
    }
    Vec::new()
}
