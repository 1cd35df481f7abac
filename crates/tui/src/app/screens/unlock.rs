//! The office passphrase, each time the app opens or after the idle lock;
//! or, when it is forgotten, the recovery code and a new passphrase.

use crate::app::DataEffect;
use crate::app::edit::edit_plain;
use crate::app::keymap::Layer;
use crate::app::{Action, Ctx, Effect, Go, Outcome};
use trolyso_core::i18n::Message;
use trolyso_core::text::LineEditor;

/// The rows of the forgotten-passphrase form, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ForgotFocus {
    #[default]
    Code,
    New,
    Again,
}

impl ForgotFocus {
    const ORDER: [ForgotFocus; 3] = [ForgotFocus::Code, ForgotFocus::New, ForgotFocus::Again];

    pub fn next(self) -> Self {
        super::neighbour(&Self::ORDER, self, true)
    }

    pub fn prev(self) -> Self {
        super::neighbour(&Self::ORDER, self, false)
    }
}

/// The recovery code (shown as typed, to be read against the paper) and
/// the new passphrase twice (hidden).
#[derive(Debug, Default)]
pub struct Forgot {
    pub code: LineEditor,
    pub new: LineEditor,
    pub again: LineEditor,
    pub focus: ForgotFocus,
}

impl Forgot {
    fn focused(&mut self) -> &mut LineEditor {
        match self.focus {
            ForgotFocus::Code => &mut self.code,
            ForgotFocus::New => &mut self.new,
            ForgotFocus::Again => &mut self.again,
        }
    }

    /// The effect to run, or what to fix and where.
    fn submit(&mut self) -> Result<Effect, (&'static str, ForgotFocus)> {
        if self.code.text().trim().is_empty() {
            return Err(("ui.forgot.code_empty", ForgotFocus::Code));
        }
        // Both are emptied: typed again from the first.
        if let Some(key) = super::new_passphrase_problem(self.new.text(), self.again.text()) {
            return Err((key, ForgotFocus::New));
        }
        Ok(Effect::Data(DataEffect::RecoverStore {
            code: self.code.text().to_owned(),
            new_passphrase: self.new.text().to_owned(),
        }))
    }

    /// Passphrases nobody can see are typed again after any refusal.
    fn clear_passphrases(&mut self) {
        self.new = LineEditor::default();
        self.again = LineEditor::default();
    }
}

#[derive(Debug, Default)]
pub struct Unlock {
    pub passphrase: LineEditor,
    pub error: Option<Message>,
    /// Open while the passphrase is being recovered.
    pub forgot: Option<Forgot>,
    /// The data is being opened (and, for a folder from an older version,
    /// prepared once): how far it has come. Nothing else is asked meanwhile.
    pub preparing: Option<trolyso_store::store::Reached>,
}

impl Unlock {
    pub fn layers(&self) -> Vec<Layer> {
        if self.preparing.is_some() {
            // Only quitting (which stops the work safely) and help.
            return vec![Layer::Global];
        }
        if self.forgot.is_some() {
            vec![
                Layer::TextField,
                Layer::Form,
                Layer::Confirm,
                Layer::Leave,
                Layer::Global,
            ]
        } else {
            vec![Layer::TextField, Layer::Unlock, Layer::Confirm, Layer::Global]
        }
    }

    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::Preparing(reached) => {
                self.preparing = Some(reached);
                return Outcome::default();
            }
            Action::StoreReady { .. } | Action::Failed(_) => self.preparing = None,
            // The store is on its way: a second open would find it taken.
            // What is typed meanwhile is kept (after a wrong passphrase the
            // right one is typed at once; it was thrown away).
            _ if self.preparing.is_some() => {
                let typed = self.forgot.is_none() && edit_plain(&mut self.passphrase, &action);
                return Outcome::handled_if(typed);
            }
            _ => {}
        }
        if let Some(forgot) = &mut self.forgot {
            return match action {
                Action::Back => {
                    self.forgot = None;
                    self.error = None;
                    Outcome::default()
                }
                Action::NextField => {
                    forgot.focus = forgot.focus.next();
                    Outcome::default()
                }
                Action::PrevField => {
                    forgot.focus = forgot.focus.prev();
                    Outcome::default()
                }
                Action::Submit => match forgot.submit() {
                    Ok(effect) => {
                        self.error = None;
                        Outcome::effect(effect)
                    }
                    Err((key, focus)) => {
                        self.error = Some(Message::new(key));
                        forgot.focus = focus;
                        forgot.clear_passphrases();
                        Outcome::default()
                    }
                },
                Action::Failed(m) => {
                    forgot.clear_passphrases();
                    forgot.focus = if m.key == "store.wrong_recovery_code" {
                        ForgotFocus::Code
                    } else {
                        ForgotFocus::New
                    };
                    self.error = Some(m);
                    Outcome::default()
                }
                Action::StoreReady { settings, .. } => {
                    arrive(ctx, settings, None).with_news(Message::new("ui.forgot.done"))
                }
                other => Outcome::handled_if(edit_plain(forgot.focused(), &other)),
            };
        }
        match action {
            // The field empties as the passphrase goes to be tried: what is
            // typed while it is tried starts afresh there.
            Action::Submit => Outcome::effect(Effect::Data(DataEffect::OpenStore {
                passphrase: std::mem::take(&mut self.passphrase).text().to_owned(),
            })),
            Action::ForgotPassphrase => {
                self.forgot = Some(Forgot::default());
                self.passphrase = LineEditor::default();
                self.error = None;
                Outcome::default()
            }
            Action::Failed(m) => {
                self.error = Some(m);
                Outcome::default()
            }
            Action::StoreReady {
                settings,
                recovery_code,
            } => arrive(ctx, settings, recovery_code),
            other => Outcome::handled_if(edit_plain(&mut self.passphrase, &other)),
        }
    }
}

/// The store is open: the office's settings apply and Home opens — or the
/// recovery code, when the setup was cut off before it was confirmed copied.
fn arrive(ctx: &mut Ctx, settings: trolyso_store::store::Settings, recovery_code: Option<String>) -> Outcome {
    if !ctx.lang_fixed
        && let Some(lang) = settings.lang
    {
        *ctx.lang = lang;
    }
    *ctx.settings = settings;
    Outcome::go(recovery_code.map_or(Go::Home, Go::Recovery))
}
