//! The recovery code, shown after setup until the helper types its last
//! group back: then it is surely on paper, and only then does it leave the
//! store (a setup cut off here shows it again at the next unlock).

use crate::app::DataEffect;
use crate::app::edit::edit_plain;
use crate::app::keymap::Layer;
use crate::app::{Action, Effect, Go, Outcome};
use trolyso_core::i18n::Message;
use trolyso_core::text::LineEditor;

#[derive(Debug, Default)]
pub struct Recovery {
    pub code: String,
    /// The code's last group, typed back from the paper.
    pub typed: LineEditor,
    pub error: Option<Message>,
}

impl Recovery {
    pub fn new(code: String) -> Self {
        Recovery {
            code,
            ..Recovery::default()
        }
    }

    pub fn layers(&self) -> Vec<Layer> {
        vec![Layer::TextField, Layer::Confirm, Layer::Global]
    }

    /// The group typed back, as on paper: any case, spaces or dashes.
    fn matches(&self) -> bool {
        let tidy = |s: &str| -> String {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_uppercase())
                .collect()
        };
        let last = self.code.rsplit('-').next().unwrap_or_default();
        let typed = tidy(self.typed.text());
        !typed.is_empty() && (typed == tidy(last) || typed == tidy(&self.code))
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        match action {
            Action::Submit if self.matches() => Outcome::effect(Effect::Data(DataEffect::RecoveryCopied)),
            Action::Submit => {
                self.error = Some(Message::new("ui.recovery.mismatch"));
                self.typed = LineEditor::default();
                Outcome::default()
            }
            // A new office: the tour for its first helper, then Home.
            Action::RecoveryCopied => Outcome::go(Go::Tour),
            Action::Failed(m) => {
                self.error = Some(m);
                Outcome::default()
            }
            other => {
                let edited = edit_plain(&mut self.typed, &other);
                if edited {
                    self.error = None;
                }
                Outcome::handled_if(edited)
            }
        }
    }
}
