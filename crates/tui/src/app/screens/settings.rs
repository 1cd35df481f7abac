//! The office's settings, each saved as soon as it changes.

use crate::app::CaseEffect;
use crate::app::commune::CommunePicker;
use crate::app::edit::edit_composed;
use crate::app::keymap::Layer;
use crate::app::{Action, Ctx, Effect, Go, Outcome};
use trolyso_core::domain::units::Units;
use trolyso_core::i18n::{Lang, Message};
use trolyso_core::text::{InputMethod, LineEditor};
use trolyso_store::store::Settings;

/// The rows of the settings screen, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SettingsRow {
    #[default]
    Lang,
    Theme,
    Input,
    Helper,
    Commune,
    Idle,
    Mouse,
    /// Bundles for the office: Enter opens the bundles screen (joining
    /// needs the key file on the stick, which that screen lists).
    Office,
}

impl SettingsRow {
    pub const ALL: [SettingsRow; 8] = [
        SettingsRow::Lang,
        SettingsRow::Theme,
        SettingsRow::Input,
        SettingsRow::Helper,
        SettingsRow::Commune,
        SettingsRow::Idle,
        SettingsRow::Mouse,
        SettingsRow::Office,
    ];

    pub fn next(self) -> Self {
        super::neighbour(&Self::ALL, self, true)
    }

    pub fn prev(self) -> Self {
        super::neighbour(&Self::ALL, self, false)
    }
}

#[derive(Debug, Default)]
pub struct SettingsForm {
    pub focus: SettingsRow,
    pub helper: LineEditor,
    /// Open while the office's commune is picked.
    pub picker: Option<CommunePicker>,
    pub error: Option<Message>,
}

/// Telex → VNI → off → Telex (backwards the other way).
pub fn next_method(m: InputMethod, forward: bool) -> InputMethod {
    use InputMethod::{Off, Telex, Vni};
    match (m, forward) {
        (Telex, true) | (Off, false) => Vni,
        (Vni, true) | (Telex, false) => Off,
        (Off, true) | (Vni, false) => Telex,
    }
}

impl SettingsForm {
    /// The idle-lock minutes offered, short to long.
    pub const IDLE_MINUTES: [u32; 10] = [1, 2, 3, 5, 10, 15, 20, 30, 45, 60];

    pub fn new(settings: &Settings) -> Self {
        SettingsForm {
            helper: LineEditor::new(&settings.helper),
            ..SettingsForm::default()
        }
    }

    pub fn layers(&self) -> Vec<Layer> {
        if self.picker.is_some() {
            return vec![
                Layer::TextField,
                Layer::List,
                Layer::Confirm,
                Layer::Leave,
                Layer::Global,
            ];
        }
        let row = match self.focus {
            SettingsRow::Helper => Layer::TextField,
            SettingsRow::Commune => Layer::Pick,
            SettingsRow::Office => Layer::Confirm,
            _ => Layer::Choice,
        };
        vec![row, Layer::Form, Layer::Confirm, Layer::Leave, Layer::Global]
    }

    /// Saves the helper's name typed here, if it changed; an empty name is
    /// refused (the slips carry it).
    pub fn commit_helper(&mut self, settings: &mut Settings) -> Option<Effect> {
        let name = trolyso_core::text::nfc(self.helper.text().trim());
        if name.is_empty() {
            self.error = Some(Message::new("ui.setup.no_helper"));
            self.helper = LineEditor::new(&settings.helper);
            return None;
        }
        (name != settings.helper).then(|| {
            settings.helper = name;
            Effect::Case(CaseEffect::SaveSettings(settings.clone()))
        })
    }

    /// The name being typed is saved when its row is left.
    fn leave_row(&mut self, settings: &mut Settings) -> Vec<Effect> {
        if self.focus == SettingsRow::Helper {
            self.commit_helper(settings).into_iter().collect()
        } else {
            Vec::new()
        }
    }

    /// ← or → on a row of choices.
    fn change(&mut self, forward: bool, ctx: &mut Ctx) -> Outcome {
        let s = &mut *ctx.settings;
        match self.focus {
            SettingsRow::Lang => {
                *ctx.lang = if *ctx.lang == Lang::Vi { Lang::En } else { Lang::Vi };
                s.lang = Some(*ctx.lang);
            }
            SettingsRow::Theme => s.high_contrast = !s.high_contrast,
            SettingsRow::Mouse => s.mouse = !s.mouse,
            SettingsRow::Input => s.input_method = next_method(s.input_method, forward),
            SettingsRow::Idle => {
                let options = Self::IDLE_MINUTES;
                let at = options
                    .iter()
                    .position(|m| *m >= s.idle_minutes)
                    .unwrap_or(options.len() - 1);
                let to = if forward {
                    (at + 1).min(options.len() - 1)
                } else {
                    at.saturating_sub(1)
                };
                s.idle_minutes = options[to];
            }
            SettingsRow::Helper | SettingsRow::Commune | SettingsRow::Office => return Outcome::ignored(),
        }
        Outcome::effect(Effect::Case(CaseEffect::SaveSettings(s.clone())))
    }

    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::Failed(m) => {
                self.error = Some(m);
                return Outcome::default();
            }
            Action::SettingsSaved => {
                self.error = None;
                return Outcome::default();
            }
            _ => {}
        }
        if self.picker.is_some() {
            return match CommunePicker::update_slot(&mut self.picker, &action, Units::embedded()) {
                Some(code) => {
                    ctx.settings.home_commune = Some(code);
                    Outcome::effect(Effect::Case(CaseEffect::SaveSettings(ctx.settings.clone())))
                }
                None => Outcome::default(),
            };
        }
        let on_commune = self.focus == SettingsRow::Commune;
        match action {
            Action::Back => Outcome::effects(self.leave_row(ctx.settings)).then_go(Go::Home),
            Action::Submit if self.focus == SettingsRow::Office => {
                Outcome::effects(self.leave_row(ctx.settings)).then_go(Go::Exchange)
            }
            Action::Submit | Action::OpenCommunePicker if on_commune => {
                self.picker = Some(CommunePicker::new(ctx.settings.home_commune, Units::embedded()));
                Outcome::default()
            }
            Action::NextField | Action::PrevField | Action::Up | Action::Down | Action::Submit => {
                let saved = self.leave_row(ctx.settings);
                self.focus = match action {
                    Action::PrevField | Action::Up => self.focus.prev(),
                    _ => self.focus.next(),
                };
                Outcome::effects(saved)
            }
            Action::PrevChoice => self.change(false, ctx),
            Action::NextChoice => self.change(true, ctx),
            other if self.focus == SettingsRow::Helper => {
                let method = ctx.settings.input_method;
                Outcome::handled_if(edit_composed(&mut self.helper, &other, method))
            }
            _ => Outcome::ignored(),
        }
    }
}
