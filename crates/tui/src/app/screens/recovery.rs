//! The recovery code, shown once after setup.

use crate::app::keymap::Layer;
use crate::app::{Action, Go, Outcome};

#[derive(Debug, Default)]
pub struct Recovery {
    pub code: String,
}

impl Recovery {
    pub fn layers(&self) -> Vec<Layer> {
        vec![Layer::Confirm, Layer::Global]
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        match action {
            // A new office: the tour for its first helper, then Home.
            Action::Submit => Outcome::go(Go::Tour),
            _ => Outcome::ignored(),
        }
    }
}
