//! The presenter's view: one caption at a time, large enough for a
//! projector, advanced by the trainer.

use crate::app::keymap::Layer;
use crate::app::{Action, Go, Outcome};

#[derive(Debug)]
pub struct Presenter {
    /// Index into the scenarios.
    pub scenario: usize,
    pub caption: usize,
    pub count: usize,
}

impl Presenter {
    pub fn layers(&self) -> Vec<Layer> {
        vec![Layer::Present, Layer::Leave, Layer::Global]
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        match action {
            Action::NextCaption => self.caption = (self.caption + 1).min(self.count.saturating_sub(1)),
            Action::PrevCaption => self.caption = self.caption.saturating_sub(1),
            Action::Back => return Outcome::go(Go::Home),
            _ => return Outcome::ignored(),
        }
        Outcome::default()
    }
}
