//! The app as plain data: one module per screen under `screens/`, each with
//! its state, its key layers and an `update` from an [`Action`] to an
//! [`Outcome`] (effects to run, and where to go next). This module keeps only
//! what is global: help, quit, the idle lock, the input method and the notice
//! line. No terminal, no disk: the shell runs the effects and feeds their
//! results back as actions, so whole flows run in tests.

pub mod action;
mod commune;
mod edit;
pub mod keymap;
pub mod screens;
pub mod slip;

pub use action::{Action, Effect};
pub use commune::{CommunePicker, Picked, UnitRow};
use keymap::Layer;
pub use screens::{
    Detail, Filing, Forgot, ForgotFocus, Found, Home, Mode, PauseForm, PickRow, Picker, Recovery,
    RestoreOffer, Review, ReviewRow, SettingsForm, SettingsRow, Setup, SetupFocus, Unlock, Wizard,
    fields_of_work, picker_matches,
};

use crate::domain::Date;
use crate::domain::procedure::Catalogue;
use crate::i18n::{Lang, Message};
use crate::store::{Case, Id, Settings};

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
    },
    Wizard(Box<Case>),
    /// The recovery code, shown once after setup.
    Recovery(String),
    Settings,
    Unlock,
    /// First-time setup (chosen over restoring a backup).
    Setup,
}

/// What one action on a screen led to.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub go: Option<Go>,
    /// The screen had nothing to do with the action.
    pub ignored: bool,
    /// News for the notice line, shown once the screen has changed.
    pub news: Option<Message>,
}

impl Outcome {
    /// The action meant nothing here.
    pub fn ignored() -> Self {
        Outcome {
            ignored: true,
            ..Outcome::default()
        }
    }

    pub fn effect(effect: Effect) -> Self {
        Self::effects(vec![effect])
    }

    pub fn effects(effects: Vec<Effect>) -> Self {
        Outcome {
            effects,
            ..Outcome::default()
        }
    }

    pub fn go(go: Go) -> Self {
        Outcome {
            go: Some(go),
            ..Outcome::default()
        }
    }

    /// These effects run before the screen changes.
    pub fn then_go(mut self, go: Go) -> Self {
        self.go = Some(go);
        self
    }

    /// With news for the notice line.
    pub fn with_news(mut self, news: Message) -> Self {
        self.news = Some(news);
        self
    }

    /// Handled when `handled`, else ignored.
    pub fn handled_if(handled: bool) -> Self {
        if handled {
            Outcome::default()
        } else {
            Outcome::ignored()
        }
    }
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
        }
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
        self.notice = None;
        // Home lists the cases as they are now.
        let arriving = if go == Go::Home {
            vec![Effect::LoadRecent]
        } else {
            Vec::new()
        };
        self.screen = match go {
            Go::Home => Screen::Home(Home::default()),
            Go::Picker => Screen::Picker(Picker::default()),
            Go::Detail { procedure, entry } => Screen::Detail(Detail::new(&self.catalogue, procedure, entry)),
            Go::Wizard(case) => Screen::Wizard(Box::new(Wizard::open(*case, &self.catalogue, self.today))),
            Go::Recovery(code) => Screen::Recovery(Recovery { code }),
            Go::Settings => Screen::Settings(SettingsForm::new(&self.settings)),
            Go::Unlock => Screen::Unlock(Unlock::default()),
            Go::Setup => Screen::Setup(Setup::default()),
        };
        arriving
    }

    /// What is typed on the open screen is not on disk yet: the shell
    /// sends [`Action::SaveTyping`] when the keys pause.
    pub fn typing_unsaved(&self) -> bool {
        match &self.screen {
            Screen::Wizard(w) => w.typing_unsaved(&self.catalogue),
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
    if !app.screen.store_open() {
        return Vec::new();
    }
    let mut effects = app.save_pending();
    effects.push(Effect::CloseStore);
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
/// handled here; everything else goes to the screen.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
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
        Action::ToggleInputMethod => {
            app.settings.input_method = screens::settings::next_method(app.settings.input_method, true);
            // Remembered for the office once its store is open (it is on
            // the recovery-code screen too, which the lock leaves alone).
            if !matches!(app.screen, Screen::Setup(_) | Screen::Unlock(_)) {
                return vec![Effect::SaveSettings(app.settings.clone())];
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
                effects.push(Effect::OpenCase(case));
            }
            return effects;
        }
    }
    Vec::new()
}
