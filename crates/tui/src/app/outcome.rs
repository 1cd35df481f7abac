//! What one action on a screen led to: effects for the shell, where to go,
//! news for the notice line.

use super::{Effect, Go};
use trolyso_core::i18n::Message;

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
