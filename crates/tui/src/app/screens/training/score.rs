//! The score card at the end of an exercise: each rubric line met or
//! missed and why, the time taken and the keys pressed.

use crate::app::keymap::Layer;
use crate::app::{Action, Go, Outcome};
use trolyso_core::domain::training::Card;

#[derive(Debug)]
pub struct ScoreCard {
    /// Index into the scenarios.
    pub scenario: usize,
    pub card: Card,
    pub keys: usize,
    /// Known once the result is kept (the shell has the clock).
    pub seconds: Option<u64>,
    /// The first rubric line shown.
    pub scroll: usize,
}

impl ScoreCard {
    pub fn new(scenario: usize, card: Card, keys: usize) -> Self {
        ScoreCard {
            scenario,
            card,
            keys,
            seconds: None,
            scroll: 0,
        }
    }

    pub fn layers(&self) -> Vec<Layer> {
        vec![Layer::List, Layer::Confirm, Layer::Leave, Layer::Global]
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        let last = self.card.met.len().saturating_sub(1);
        match action {
            Action::ResultSaved { seconds } => self.seconds = Some(seconds),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = (self.scroll + 1).min(last),
            Action::Submit | Action::Back => return Outcome::go(Go::Home),
            _ => return Outcome::ignored(),
        }
        Outcome::default()
    }
}
