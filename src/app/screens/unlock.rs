//! The office passphrase, each time the app opens or after the idle lock.

use crate::app::edit::edit_plain;
use crate::app::{Action, Ctx, Effect, Go, Outcome};
use crate::i18n::Message;
use crate::text::LineEditor;

#[derive(Debug, Default)]
pub struct Unlock {
    pub passphrase: LineEditor,
    pub error: Option<Message>,
}

impl Unlock {
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::Submit => Outcome::effect(Effect::OpenStore {
                passphrase: self.passphrase.text().to_owned(),
            }),
            Action::Failed(m) => {
                self.error = Some(m);
                self.passphrase = LineEditor::default();
                Outcome::default()
            }
            Action::StoreReady { settings, .. } => {
                if !ctx.lang_fixed
                    && let Some(lang) = settings.lang
                {
                    *ctx.lang = lang;
                }
                *ctx.settings = settings;
                Outcome::go(Go::Home)
            }
            other => Outcome::handled_if(edit_plain(&mut self.passphrase, &other)),
        }
    }
}
