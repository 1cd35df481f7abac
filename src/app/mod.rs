//! The app as plain data: screens as state, `update` from an action to new
//! state and effects. No terminal, no disk: the runtime runs the effects and
//! feeds their results back as actions, so whole flows run in tests.

pub mod action;
mod commune;
pub mod keymap;
pub mod run;
pub mod runtime;
pub mod slip;
mod wizard;

pub use action::{Action, Effect};
pub use commune::{CommunePicker, Picked, UnitRow};
use keymap::Layer;
pub use wizard::{Filing, Mode, PauseForm, Review, ReviewRow, Wizard};

use crate::domain::Date;
use crate::domain::catalogue::field_key;
use crate::domain::procedure::{Catalogue, ENTRY_PREFIX, FieldKind, GENERIC_ID, Level};
use crate::domain::units::Units;
use crate::i18n::{Lang, Message};
use crate::store::{CaseRow, Settings, Status, StatusChange};
use crate::text::{InputMethod, LineEditor, fold, fold_matches};

/// First run: the office passphrase twice, the helper's name and the
/// office's commune.
#[derive(Debug, Default)]
pub struct Setup {
    pub fields: [LineEditor; 3],
    pub focus: usize,
    pub commune: Option<u32>,
    /// Open while the office's commune is picked.
    pub picker: Option<CommunePicker>,
    pub error: Option<Message>,
}

impl Setup {
    pub const PASSPHRASE: usize = 0;
    pub const AGAIN: usize = 1;
    pub const HELPER: usize = 2;
    pub const COMMUNE: usize = 3;
}

/// The office's settings, each saved as soon as it changes.
#[derive(Debug, Default)]
pub struct SettingsForm {
    pub focus: usize,
    pub helper: LineEditor,
    /// Open while the office's commune is picked.
    pub picker: Option<CommunePicker>,
    pub error: Option<Message>,
}

impl SettingsForm {
    pub const LANG: usize = 0;
    pub const THEME: usize = 1;
    pub const INPUT: usize = 2;
    pub const HELPER: usize = 3;
    pub const COMMUNE: usize = 4;
    pub const IDLE: usize = 5;
    pub const ROWS: usize = 6;
    /// The idle-lock minutes offered, short to long.
    pub const IDLE_MINUTES: [u32; 10] = [1, 2, 3, 5, 10, 15, 20, 30, 45, 60];
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
    /// Only this field of work (`ho_tich`, `cu_tru`…), when chosen.
    pub field: Option<String>,
    /// Only this level, when chosen.
    pub level: Option<Level>,
}

/// A row of the picker: a guided procedure, or an entry of the national
/// list worked with the general guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickRow {
    Guided(usize),
    Entry(usize),
}

/// The fields of work present in the catalogue, sorted.
pub fn fields_of_work(catalogue: &Catalogue) -> Vec<String> {
    let mut fields: Vec<String> = catalogue
        .procedures
        .iter()
        .filter_map(|p| p.field_of_work.as_deref())
        .map(field_key)
        .chain(catalogue.entries.iter().map(|e| e.field_key.clone()))
        .filter(|f| !f.is_empty())
        .collect();
    fields.sort();
    fields.dedup();
    fields
}

/// A procedure's detail and the readiness checklist, before a case starts.
#[derive(Debug, Default)]
pub struct Detail {
    /// Index into the catalogue's procedures.
    pub procedure: usize,
    /// The national list's entry worked with the general guide, if any.
    pub entry: Option<usize>,
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
    Settings(SettingsForm),
}

pub struct App {
    pub screen: Screen,
    /// A line for Home: where the last slip was written.
    pub notice: Option<Message>,
    pub lang: Lang,
    /// The language was given on the command line: the settings' does not
    /// replace it for this run.
    pub lang_fixed: bool,
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
            lang_fixed: false,
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
            Screen::Setup(Setup { picker: Some(_), .. })
            | Screen::Settings(SettingsForm { picker: Some(_), .. }) => {
                vec![Layer::TextField, Layer::List, Layer::Global]
            }
            Screen::Setup(s) if s.focus == Setup::COMMUNE => vec![Layer::Pick, Layer::Form, Layer::Global],
            Screen::Setup(_) => vec![Layer::TextField, Layer::Form, Layer::Global],
            Screen::Settings(f) if f.focus == SettingsForm::HELPER => {
                vec![Layer::TextField, Layer::Form, Layer::Global]
            }
            Screen::Settings(f) if f.focus == SettingsForm::COMMUNE => {
                vec![Layer::Pick, Layer::Form, Layer::Global]
            }
            Screen::Settings(_) => vec![Layer::Choice, Layer::Form, Layer::Global],
            Screen::Unlock(_) => vec![Layer::TextField, Layer::List, Layer::Global],
            Screen::Picker(_) => vec![Layer::TextField, Layer::Browse, Layer::List, Layer::Global],
            Screen::Detail(_) => vec![Layer::Checklist, Layer::List, Layer::Global],
            Screen::RecoveryCode(_) => vec![Layer::Global],
            Screen::Home(_) => vec![Layer::TextField, Layer::Home, Layer::List, Layer::Global],
            Screen::Wizard(w) => match &w.mode {
                Mode::Filing(_) => vec![Layer::Filing, Layer::Global],
                Mode::Pause(_) | Mode::Commune(_) => vec![Layer::TextField, Layer::List, Layer::Global],
                Mode::Review(r) if r.hoso_code.is_some() => vec![Layer::TextField, Layer::Global],
                Mode::Review(_) => vec![Layer::List, Layer::Global],
                Mode::Documents { .. } => vec![Layer::Checklist, Layer::List, Layer::Global],
                Mode::Fields => {
                    let field = match w.focused(&self.catalogue).map(|f| f.kind) {
                        Some(FieldKind::Commune) => Layer::Pick,
                        Some(FieldKind::MultiChoice) => Layer::MultiChoice,
                        _ if w.focused_is_text(&self.catalogue) => Layer::TextField,
                        _ => Layer::Choice,
                    };
                    vec![field, Layer::Wizard, Layer::Form, Layer::Global]
                }
            },
        }
    }
}

/// Guided procedures whose Vietnamese or English title matches what was
/// typed (accents or not), then the national list's entries, within the
/// picker's field of work and level.
pub fn picker_matches(catalogue: &Catalogue, picker: &Picker) -> Vec<PickRow> {
    let q = fold(picker.query.text());
    let matches = |t: &str| fold_matches(&fold(t), &q);
    // Guided files name their field by key already; entries carry theirs.
    let in_field = |key: Option<&str>| picker.field.as_deref().is_none_or(|want| key == Some(want));
    let in_level = |l: Level| picker.level.is_none_or(|want| want == l);
    let guided = (0..catalogue.procedures.len()).filter(|&i| {
        let p = &catalogue.procedures[i];
        p.id != GENERIC_ID
            && in_field(p.field_of_work.as_deref().map(field_key).as_deref())
            && in_level(p.level)
            && (matches(&p.title.vi) || matches(p.title.get(Lang::En)))
    });
    let entries = crate::domain::catalogue::matching(&catalogue.entries, &q)
        .filter(|(_, e)| in_field(Some(&e.field_key)) && in_level(e.level))
        .map(|(i, _)| PickRow::Entry(i));
    guided.map(PickRow::Guided).chain(entries).collect()
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
        Screen::Settings(f) => commit_helper(f, &mut app.settings).into_iter().collect(),
        Screen::Home(_) | Screen::Picker(_) | Screen::Detail(_) => Vec::new(),
    };
    effects.push(Effect::CloseStore);
    app.screen = Screen::Unlock(Unlock::default());
    app.help = false;
    app.notice = None;
    effects
}

/// Saves the helper's name typed in the settings, if it changed; an empty
/// name is refused (the slips carry it).
fn commit_helper(f: &mut SettingsForm, settings: &mut Settings) -> Option<Effect> {
    let name = crate::text::nfc(f.helper.text().trim());
    if name.is_empty() {
        f.error = Some(Message::new("ui.setup.no_helper"));
        f.helper = LineEditor::new(&settings.helper);
        return None;
    }
    (name != settings.helper).then(|| {
        settings.helper = name;
        Effect::SaveSettings(settings.clone())
    })
}

/// The settings screen: the effects, and whether the helper leaves it.
fn update_settings(
    f: &mut SettingsForm,
    action: Action,
    settings: &mut Settings,
    lang: &mut Lang,
) -> (Vec<Effect>, bool) {
    let save = |s: &Settings| (vec![Effect::SaveSettings(s.clone())], false);
    if f.picker.is_some() {
        return match CommunePicker::update_slot(&mut f.picker, &action, Units::embedded()) {
            Some(code) => {
                settings.home_commune = Some(code);
                save(settings)
            }
            None => (Vec::new(), false),
        };
    }
    let on_helper = f.focus == SettingsForm::HELPER;
    match action {
        Action::SettingsSaved => f.error = None,
        Action::SaveFailed(m) => f.error = Some(m),
        Action::Back => {
            // The name being typed is saved on the way out.
            let saved = if on_helper {
                commit_helper(f, settings)
            } else {
                None
            };
            return (saved.into_iter().collect(), true);
        }
        Action::NextField | Action::Down | Action::PrevField | Action::Up | Action::Submit
            if !(f.focus == SettingsForm::COMMUNE && action == Action::Submit) =>
        {
            let saved = if on_helper {
                commit_helper(f, settings)
            } else {
                None
            };
            f.focus = match action {
                Action::PrevField | Action::Up => f.focus.saturating_sub(1),
                _ => (f.focus + 1).min(SettingsForm::ROWS - 1),
            };
            return (saved.into_iter().collect(), false);
        }
        Action::Submit | Action::Right | Action::Toggle if f.focus == SettingsForm::COMMUNE => {
            f.picker = Some(CommunePicker::new(settings.home_commune, Units::embedded()));
        }
        Action::Left | Action::Right | Action::Toggle if !on_helper => {
            let forward = action != Action::Left;
            match f.focus {
                SettingsForm::LANG => {
                    *lang = if *lang == Lang::Vi { Lang::En } else { Lang::Vi };
                    settings.lang = Some(*lang);
                }
                SettingsForm::THEME => settings.high_contrast = !settings.high_contrast,
                SettingsForm::INPUT => settings.input_method = next_method(settings.input_method, forward),
                SettingsForm::IDLE => {
                    let options = SettingsForm::IDLE_MINUTES;
                    let at = options
                        .iter()
                        .position(|m| *m >= settings.idle_minutes)
                        .unwrap_or(options.len() - 1);
                    let to = if forward {
                        (at + 1).min(options.len() - 1)
                    } else {
                        at.saturating_sub(1)
                    };
                    settings.idle_minutes = options[to];
                }
                _ => return (Vec::new(), false),
            }
            return save(settings);
        }
        Action::Type(c) if on_helper => type_char(&mut f.helper, c, settings.input_method),
        other if on_helper => {
            edit_plain(&mut f.helper, &other);
        }
        _ => {}
    }
    (Vec::new(), false)
}

/// Telex → VNI → off → Telex (backwards the other way).
fn next_method(m: InputMethod, forward: bool) -> InputMethod {
    use InputMethod::{Off, Telex, Vni};
    match (m, forward) {
        (Telex, true) | (Off, false) => Vni,
        (Vni, true) | (Telex, false) => Off,
        (Off, true) | (Vni, false) => Telex,
    }
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
    // A save that failed after its screen was left must still be seen.
    if let Action::SaveFailed(m) = &action
        && matches!(
            app.screen,
            Screen::Home(_) | Screen::Picker(_) | Screen::Detail(_) | Screen::RecoveryCode(_)
        )
    {
        app.notice = Some(m.clone());
        return Vec::new();
    }
    if let Action::SlipWritten(path) = &action {
        app.notice = Some(Message::new("ui.slip_written").arg("path", path.display()));
        return Vec::new();
    }
    if action == Action::ToggleInputMethod {
        app.settings.input_method = next_method(app.settings.input_method, true);
        // Remembered for the office once its store is open.
        let open = !matches!(app.screen, Screen::Setup(_) | Screen::Unlock(_));
        return if open {
            vec![Effect::SaveSettings(app.settings.clone())]
        } else {
            Vec::new()
        };
    }
    match &mut app.screen {
        Screen::Setup(s) if s.picker.is_some() => {
            if let Some(code) = CommunePicker::update_slot(&mut s.picker, &action, Units::embedded()) {
                s.commune = Some(code);
                s.error = None;
            }
            Vec::new()
        }
        Screen::Setup(s) => match action {
            Action::Submit | Action::NextField | Action::Down if s.focus < Setup::COMMUNE => {
                s.focus += 1;
                // Straight on to the list when the commune is still to pick.
                if s.focus == Setup::COMMUNE && s.commune.is_none() && action == Action::Submit {
                    s.picker = Some(CommunePicker::default());
                }
                Vec::new()
            }
            Action::Right | Action::Toggle if s.focus == Setup::COMMUNE => {
                s.picker = Some(CommunePicker::new(s.commune, Units::embedded()));
                Vec::new()
            }
            Action::Submit if s.commune.is_none() => {
                s.focus = Setup::COMMUNE;
                s.picker = Some(CommunePicker::default());
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
                } else if s.commune.is_none() {
                    Some(("ui.setup.no_commune", Setup::COMMUNE))
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
                app.settings.home_commune = s.commune;
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
                if let Some(field) = s.fields.get_mut(s.focus) {
                    edit_plain(field, &other);
                }
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
                if !app.lang_fixed
                    && let Some(lang) = settings.lang
                {
                    app.lang = lang;
                }
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
            Action::Settings => {
                app.screen = Screen::Settings(SettingsForm {
                    helper: LineEditor::new(&app.settings.helper),
                    ..SettingsForm::default()
                });
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
            let matches = |p: &Picker| picker_matches(&app.catalogue, p);
            match action {
                Action::Up => p.selected = p.selected.saturating_sub(1),
                Action::Down => p.selected = (p.selected + 1).min(matches(p).len().saturating_sub(1)),
                // Browsing: Tab steps through the fields of work, Shift+Tab
                // through the levels; each with "all" first.
                Action::NextField => {
                    let fields = fields_of_work(&app.catalogue);
                    let at = p.field.as_ref().and_then(|f| fields.iter().position(|x| x == f));
                    p.field = match at {
                        None => fields.first().cloned(),
                        Some(i) => fields.get(i + 1).cloned(),
                    };
                    p.selected = 0;
                }
                Action::PrevField => {
                    const LEVELS: [Level; 4] = [Level::Full, Level::Partial, Level::Guide, Level::Unknown];
                    let at = p.level.and_then(|l| LEVELS.iter().position(|x| *x == l));
                    p.level = match at {
                        None => Some(LEVELS[0]),
                        Some(i) => LEVELS.get(i + 1).copied(),
                    };
                    p.selected = 0;
                }
                Action::Back => {
                    app.screen = Screen::Home(Home::default());
                    return vec![Effect::LoadRecent];
                }
                Action::Submit => {
                    let generic = app.catalogue.procedures.iter().position(|x| x.id == GENERIC_ID);
                    let chosen = match matches(p).get(p.selected) {
                        Some(PickRow::Guided(i)) => Some((*i, None)),
                        Some(PickRow::Entry(e)) => generic.map(|g| (g, Some(*e))),
                        None => None,
                    };
                    if let Some((index, entry)) = chosen {
                        let items = app.catalogue.procedures[index].readiness.len();
                        app.screen = Screen::Detail(Detail {
                            procedure: index,
                            entry,
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
                    let procedure_id = match d.entry.and_then(|e| app.catalogue.entries.get(e)) {
                        Some(e) => format!("{ENTRY_PREFIX}{}", e.code),
                        None => proc.id.clone(),
                    };
                    return vec![Effect::CreateCase {
                        procedure_id,
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
        Screen::Settings(f) => {
            let (mut effects, leave) = update_settings(f, action, &mut app.settings, &mut app.lang);
            if leave {
                app.screen = Screen::Home(Home::default());
                effects.push(Effect::LoadRecent);
            }
            effects
        }
        Screen::Wizard(w) => {
            let (mut effects, leave) = w.update(action, &app.catalogue, &app.settings, app.today);
            if leave {
                app.notice = None;
                if w.finished
                    && let Some(p) = w.procedure(&app.catalogue)
                {
                    let title = app.catalogue.title(&w.case.procedure_id, app.lang);
                    let slip = slip::compose(&w.case, p, &title, app.lang, &app.today.to_string());
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
