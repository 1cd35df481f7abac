//! The app as plain data: screens as state, `update` from an action to new
//! state and effects. No terminal, no disk: the runtime runs the effects and
//! feeds their results back as actions, so whole flows run in tests.

pub mod action;
pub mod keymap;
pub mod run;
pub mod runtime;
pub mod slip;
mod wizard;

pub use action::{Action, Effect};
use keymap::Layer;
pub use wizard::{Filing, PauseForm, Review, ReviewRow, Wizard};

use crate::domain::Date;
use crate::domain::procedure::Catalogue;
use crate::i18n::{Lang, Message};
use crate::store::{CaseRow, Settings, Status, StatusChange};
use crate::text::{InputMethod, LineEditor, fold, fold_matches};

/// First run: the office passphrase twice and the helper's name.
#[derive(Debug, Default)]
pub struct Setup {
    pub fields: [LineEditor; 3],
    pub focus: usize,
    pub error: Option<Message>,
}

impl Setup {
    pub const PASSPHRASE: usize = 0;
    pub const AGAIN: usize = 1;
    pub const HELPER: usize = 2;
}

#[derive(Debug, Default)]
pub struct Unlock {
    pub passphrase: LineEditor,
    pub error: Option<Message>,
}

/// Recent cases, or the cases found by what is typed in the search line.
#[derive(Debug, Default)]
pub struct Home {
    pub query: LineEditor,
    pub rows: Vec<CaseRow>,
    pub selected: usize,
}

impl Home {
    fn list_effect(&self) -> Effect {
        let q = self.query.text().trim();
        if q.is_empty() {
            Effect::LoadRecent
        } else {
            Effect::Search(q.to_owned())
        }
    }
}

#[derive(Debug, Default)]
pub struct Picker {
    pub query: LineEditor,
    pub selected: usize,
}

/// A procedure's detail and the readiness checklist, before a case starts.
#[derive(Debug, Default)]
pub struct Detail {
    /// Index into the catalogue's procedures.
    pub procedure: usize,
    /// One tick per readiness item.
    pub checks: Vec<bool>,
    pub selected: usize,
}

#[derive(Debug)]
pub enum Screen {
    Setup(Setup),
    RecoveryCode(String),
    Unlock(Unlock),
    Home(Home),
    Picker(Picker),
    Detail(Detail),
    Wizard(Box<Wizard>),
}

pub struct App {
    pub screen: Screen,
    /// A line for Home: where the last slip was written.
    pub notice: Option<Message>,
    pub lang: Lang,
    pub catalogue: Catalogue,
    /// The office's settings: helper, input method, idle minutes.
    pub settings: Settings,
    pub today: Date,
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
            catalogue,
            settings: Settings::default(),
            today,
            help: false,
            quit: false,
        }
    }

    /// The key layers of the current screen, top first.
    pub fn layers(&self) -> Vec<Layer> {
        match &self.screen {
            Screen::Setup(_) => vec![Layer::TextField, Layer::Form, Layer::Global],
            Screen::Unlock(_) | Screen::Picker(_) => {
                vec![Layer::TextField, Layer::List, Layer::Global]
            }
            Screen::Detail(_) => vec![Layer::Checklist, Layer::List, Layer::Global],
            Screen::RecoveryCode(_) => vec![Layer::Global],
            Screen::Home(_) => vec![Layer::TextField, Layer::Home, Layer::List, Layer::Global],
            Screen::Wizard(w) if w.filing.is_some() => vec![Layer::Filing, Layer::Global],
            Screen::Wizard(w) if w.pause.is_some() => vec![Layer::TextField, Layer::List, Layer::Global],
            Screen::Wizard(w) if w.review.as_ref().is_some_and(|r| r.hoso_code.is_some()) => {
                vec![Layer::TextField, Layer::Global]
            }
            Screen::Wizard(w) if w.review.is_some() => vec![Layer::List, Layer::Global],
            Screen::Wizard(w) if w.focused_is_text(&self.catalogue) => {
                vec![Layer::TextField, Layer::Wizard, Layer::Form, Layer::Global]
            }
            Screen::Wizard(_) => vec![Layer::Choice, Layer::Wizard, Layer::Form, Layer::Global],
        }
    }
}

/// Procedures whose Vietnamese or English title matches what was typed,
/// accents or not.
pub fn picker_matches(catalogue: &Catalogue, query: &str) -> Vec<usize> {
    let q = fold(query);
    let matches = |t: &str| fold_matches(&fold(t), &q);
    (0..catalogue.procedures.len())
        .filter(|&i| {
            let title = &catalogue.procedures[i].title;
            matches(&title.vi) || matches(title.get(Lang::En))
        })
        .collect()
}

/// Types one key into a field, composing Vietnamese with Telex or VNI.
pub fn type_char(e: &mut LineEditor, c: char, method: InputMethod) {
    let part_of_word = c.is_alphabetic() || (method == InputMethod::Vni && c.is_ascii_digit());
    if method != InputMethod::Off && part_of_word {
        let word = e.word_before_caret().to_owned();
        e.replace_word_before_caret(&crate::text::compose(&word, c, method));
    } else {
        e.insert_char(c);
    }
}

/// Edits a plain line editor (no composing: passphrases, search).
fn edit_plain(e: &mut LineEditor, action: &Action) -> bool {
    match action {
        Action::Type(c) => e.insert_char(*c),
        Action::Paste(s) => e.insert_str(s),
        Action::Backspace => e.backspace(),
        Action::Delete => e.delete(),
        Action::Left => e.left(),
        Action::Right => e.right(),
        Action::Home => e.home(),
        Action::End => e.end(),
        Action::DeleteWord => e.delete_word(),
        _ => return false,
    }
    true
}

/// The idle lock: whatever is typed in the focused field is saved first,
/// then the store closes and the passphrase screen comes back. The setup
/// screens are left alone: the recovery code must not vanish unread.
fn lock(app: &mut App) -> Vec<Effect> {
    let mut effects = match &mut app.screen {
        Screen::Setup(_) | Screen::RecoveryCode(_) | Screen::Unlock(_) => return Vec::new(),
        Screen::Wizard(w) => w.commit_field(&app.catalogue, &app.settings.helper, app.today),
        Screen::Home(_) | Screen::Picker(_) | Screen::Detail(_) => Vec::new(),
    };
    effects.push(Effect::CloseStore);
    app.screen = Screen::Unlock(Unlock::default());
    app.help = false;
    app.notice = None;
    effects
}

/// Applies one action; returns the effects to run.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::Help {
        app.help = !app.help;
        return Vec::new();
    }
    if app.help && matches!(action, Action::Back | Action::Submit) {
        app.help = false;
        return Vec::new();
    }
    if action == Action::Quit {
        app.quit = true;
        return Vec::new();
    }
    if action == Action::Lock {
        return lock(app);
    }
    if let Action::SlipWritten(path) = &action {
        app.notice = Some(Message::new("ui.slip_written").arg("path", path.display()));
        return Vec::new();
    }
    if action == Action::ToggleInputMethod {
        app.settings.input_method = match app.settings.input_method {
            InputMethod::Telex => InputMethod::Vni,
            InputMethod::Vni => InputMethod::Off,
            InputMethod::Off => InputMethod::Telex,
        };
        // Remembered for the office once its store is open.
        let open = !matches!(app.screen, Screen::Setup(_) | Screen::Unlock(_));
        return if open {
            vec![Effect::SaveSettings(app.settings.clone())]
        } else {
            Vec::new()
        };
    }
    match &mut app.screen {
        Screen::Setup(s) => match action {
            Action::Submit | Action::NextField | Action::Down if s.focus < Setup::HELPER => {
                s.focus += 1;
                Vec::new()
            }
            Action::Up | Action::PrevField if s.focus > 0 => {
                s.focus -= 1;
                Vec::new()
            }
            Action::Submit => {
                let pass = s.fields[Setup::PASSPHRASE].text().to_owned();
                let helper = crate::text::nfc(s.fields[Setup::HELPER].text().trim());
                // On a problem, the focus goes to the field to fix, emptied
                // when it is a passphrase nobody can see.
                let problem = if pass.chars().count() < 8 {
                    Some(("ui.setup.too_short", Setup::PASSPHRASE))
                } else if pass != s.fields[Setup::AGAIN].text() {
                    Some(("ui.setup.mismatch", Setup::AGAIN))
                } else if helper.is_empty() {
                    Some(("ui.setup.no_helper", Setup::HELPER))
                } else {
                    None
                };
                if let Some((key, field)) = problem {
                    s.error = Some(Message::new(key));
                    s.focus = field;
                    for f in field..Setup::HELPER {
                        s.fields[f] = LineEditor::default();
                    }
                    return Vec::new();
                }
                app.settings.helper = helper;
                vec![Effect::CreateStore {
                    passphrase: pass,
                    settings: app.settings.clone(),
                }]
            }
            Action::StoreFailed(m) => {
                s.error = Some(m);
                Vec::new()
            }
            Action::StoreReady { recovery_code, .. } => {
                app.screen = Screen::RecoveryCode(recovery_code.unwrap_or_default());
                Vec::new()
            }
            // The helper's name is typed like any name, Telex or VNI; the
            // passphrases exactly as keyed.
            Action::Type(c) if s.focus == Setup::HELPER => {
                type_char(&mut s.fields[Setup::HELPER], c, app.settings.input_method);
                Vec::new()
            }
            other => {
                edit_plain(&mut s.fields[s.focus], &other);
                Vec::new()
            }
        },
        Screen::RecoveryCode(_) => match action {
            Action::Submit => {
                app.screen = Screen::Home(Home::default());
                vec![Effect::LoadRecent]
            }
            _ => Vec::new(),
        },
        Screen::Unlock(u) => match action {
            Action::Submit => vec![Effect::OpenStore {
                passphrase: u.passphrase.text().to_owned(),
            }],
            Action::StoreFailed(m) => {
                u.error = Some(m);
                u.passphrase = LineEditor::default();
                Vec::new()
            }
            Action::StoreReady { settings, .. } => {
                app.settings = settings;
                app.screen = Screen::Home(Home::default());
                vec![Effect::LoadRecent]
            }
            other => {
                edit_plain(&mut u.passphrase, &other);
                Vec::new()
            }
        },
        Screen::Home(h) => match action {
            Action::RecentLoaded(rows) => {
                h.rows = rows;
                h.selected = h.selected.min(h.rows.len().saturating_sub(1));
                Vec::new()
            }
            Action::Up => {
                h.selected = h.selected.saturating_sub(1);
                Vec::new()
            }
            Action::Down => {
                h.selected = (h.selected + 1).min(h.rows.len().saturating_sub(1));
                Vec::new()
            }
            Action::NewCase => {
                app.screen = Screen::Picker(Picker::default());
                Vec::new()
            }
            Action::Submit => h
                .rows
                .get(h.selected)
                .map(|r| vec![Effect::OpenCase(r.case.id)])
                .unwrap_or_default(),
            Action::Back => {
                h.query = LineEditor::default();
                vec![Effect::LoadRecent]
            }
            Action::CaseOpened(case) => {
                // Opening a paused case takes the visit up again.
                let resume = (case.status == Status::Paused).then(|| Effect::SetStatus {
                    case: case.id,
                    to: Status::Preparing,
                    change: StatusChange::default(),
                    helper: app.settings.helper.clone(),
                });
                app.screen = Screen::Wizard(Box::new(Wizard::open(case, &app.catalogue, app.today)));
                resume.into_iter().collect()
            }
            other => {
                if edit_plain(&mut h.query, &other) {
                    h.selected = 0;
                    return vec![h.list_effect()];
                }
                Vec::new()
            }
        },
        Screen::Picker(p) => {
            // The matches are searched only by the keys that need them: a
            // typed letter changes the query, and the frame searches anyway.
            let matches = || picker_matches(&app.catalogue, p.query.text());
            match action {
                Action::Up => p.selected = p.selected.saturating_sub(1),
                Action::Down => p.selected = (p.selected + 1).min(matches().len().saturating_sub(1)),
                Action::Back => {
                    app.screen = Screen::Home(Home::default());
                    return vec![Effect::LoadRecent];
                }
                Action::Submit => {
                    if let Some(&index) = matches().get(p.selected) {
                        let items = app.catalogue.procedures[index].readiness.len();
                        app.screen = Screen::Detail(Detail {
                            procedure: index,
                            checks: vec![false; items],
                            selected: 0,
                        });
                    }
                }
                other => {
                    if edit_plain(&mut p.query, &other) {
                        p.selected = 0;
                    }
                }
            }
            Vec::new()
        }
        Screen::Detail(d) => {
            let proc = &app.catalogue.procedures[d.procedure];
            let last = d.checks.len().saturating_sub(1);
            match action {
                Action::Up => d.selected = d.selected.saturating_sub(1),
                Action::Down => d.selected = (d.selected + 1).min(last),
                Action::Right => {
                    if let Some(c) = d.checks.get_mut(d.selected) {
                        *c = !*c;
                    }
                }
                Action::Left => {
                    if let Some(c) = d.checks.get_mut(d.selected) {
                        *c = false;
                    }
                }
                Action::Back => app.screen = Screen::Picker(Picker::default()),
                Action::Submit => {
                    let readiness = proc
                        .readiness
                        .iter()
                        .zip(&d.checks)
                        .map(|(r, c)| (r.id.clone(), *c))
                        .collect();
                    return vec![Effect::CreateCase {
                        procedure_id: proc.id.clone(),
                        version: proc.version,
                        helper: app.settings.helper.clone(),
                        readiness,
                    }];
                }
                Action::CaseOpened(case) => {
                    app.screen = Screen::Wizard(Box::new(Wizard::open(case, &app.catalogue, app.today)));
                }
                _ => {}
            }
            Vec::new()
        }
        Screen::Wizard(w) => {
            let (mut effects, leave) = w.update(
                action,
                &app.catalogue,
                app.settings.input_method,
                &app.settings.helper,
                app.today,
            );
            if leave {
                app.notice = None;
                if w.finished
                    && let Some(p) = w.procedure(&app.catalogue)
                {
                    let slip = slip::compose(&w.case, p, app.lang, &app.today.to_string());
                    effects.push(Effect::WriteSlip {
                        case: w.case.id,
                        slip,
                    });
                }
                app.screen = Screen::Home(Home::default());
                effects.push(Effect::LoadRecent);
            }
            effects
        }
    }
}
