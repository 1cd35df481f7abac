//! First run: the office passphrase twice, the helper's name and the
//! office's commune.

use crate::app::DataEffect;
use crate::app::commune::CommunePicker;
use crate::app::edit::{edit_composed, edit_plain};
use crate::app::keymap::Layer;
use crate::app::{Action, Ctx, Effect, Go, Outcome};
use trolyso_core::domain::units::Units;
use trolyso_core::i18n::Message;
use trolyso_core::text::LineEditor;

/// The rows of the setup form, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SetupFocus {
    #[default]
    Passphrase,
    Again,
    Helper,
    Commune,
}

impl SetupFocus {
    const ORDER: [SetupFocus; 4] = [
        SetupFocus::Passphrase,
        SetupFocus::Again,
        SetupFocus::Helper,
        SetupFocus::Commune,
    ];

    pub fn next(self) -> Self {
        super::neighbour(&Self::ORDER, self, true)
    }

    pub fn prev(self) -> Self {
        super::neighbour(&Self::ORDER, self, false)
    }
}

#[derive(Debug, Default)]
pub struct Setup {
    pub passphrase: LineEditor,
    pub again: LineEditor,
    pub helper: LineEditor,
    pub focus: SetupFocus,
    pub commune: Option<u32>,
    /// Open while the office's commune is picked.
    pub picker: Option<CommunePicker>,
    pub error: Option<Message>,
}

impl Setup {
    pub fn layers(&self) -> Vec<Layer> {
        if self.picker.is_some() {
            vec![
                Layer::TextField,
                Layer::List,
                Layer::Confirm,
                Layer::Leave,
                Layer::Global,
            ]
        } else if self.focus == SetupFocus::Commune {
            vec![Layer::Pick, Layer::Form, Layer::Confirm, Layer::Global]
        } else {
            vec![Layer::TextField, Layer::Form, Layer::Confirm, Layer::Global]
        }
    }

    fn open_picker(&mut self) {
        self.picker = Some(CommunePicker::new(self.commune, Units::embedded()));
    }

    /// On a problem: the message, and the focus on the field to fix, emptied
    /// (with the one after it) when it is a passphrase nobody can see.
    fn refuse(&mut self, key: &'static str, focus: SetupFocus) -> Outcome {
        self.error = Some(Message::new(key));
        self.focus = focus;
        match focus {
            SetupFocus::Passphrase => {
                self.passphrase = LineEditor::default();
                self.again = LineEditor::default();
            }
            SetupFocus::Again => self.again = LineEditor::default(),
            SetupFocus::Helper | SetupFocus::Commune => {}
        }
        Outcome::default()
    }

    fn submit(&mut self, ctx: &mut Ctx) -> Outcome {
        let pass = self.passphrase.text().to_owned();
        let helper = trolyso_core::text::nfc(self.helper.text().trim());
        // Too short, or the two differ: which was mistyped nobody can see,
        // so both again.
        if let Some(key) = super::new_passphrase_problem(&pass, self.again.text()) {
            return self.refuse(key, SetupFocus::Passphrase);
        }
        if helper.is_empty() {
            return self.refuse("ui.setup.no_helper", SetupFocus::Helper);
        }
        if self.commune.is_none() {
            return self.refuse("ui.setup.no_commune", SetupFocus::Commune);
        }
        ctx.settings.helper = helper;
        ctx.settings.home_commune = self.commune;
        Outcome::effect(Effect::Data(DataEffect::CreateStore {
            passphrase: pass,
            settings: ctx.settings.clone(),
        }))
    }

    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        if let Action::Failed(m) = action {
            self.error = Some(m);
            return Outcome::default();
        }
        if self.picker.is_some() {
            if let Some(code) = CommunePicker::update_slot(&mut self.picker, &action, Units::embedded()) {
                self.commune = Some(code);
                self.error = None;
            }
            return Outcome::default();
        }
        match action {
            Action::Submit | Action::NextField if self.focus != SetupFocus::Commune => {
                self.focus = self.focus.next();
                // Straight on to the list when the commune is still to pick.
                if self.focus == SetupFocus::Commune && self.commune.is_none() && action == Action::Submit {
                    self.picker = Some(CommunePicker::default());
                }
            }
            Action::OpenCommunePicker if self.focus == SetupFocus::Commune => self.open_picker(),
            Action::Submit if self.commune.is_none() => {
                self.focus = SetupFocus::Commune;
                self.picker = Some(CommunePicker::default());
            }
            Action::PrevField => self.focus = self.focus.prev(),
            Action::Submit => return self.submit(ctx),
            Action::StoreReady { recovery_code, .. } => {
                return Outcome::go(Go::Recovery(recovery_code.unwrap_or_default()));
            }
            // The helper's name is typed like any name, Telex or VNI; the
            // passphrases exactly as keyed.
            other => {
                let method = ctx.settings.input_method;
                let edited = match self.focus {
                    SetupFocus::Passphrase => edit_plain(&mut self.passphrase, &other),
                    SetupFocus::Again => edit_plain(&mut self.again, &other),
                    SetupFocus::Helper => edit_composed(&mut self.helper, &other, method),
                    SetupFocus::Commune => false,
                };
                return Outcome::handled_if(edited);
            }
        }
        Outcome::default()
    }
}
