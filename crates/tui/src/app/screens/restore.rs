//! The data folder has no database but holds backups (the folder `db/` was
//! deleted, the disk swapped): restoring comes first, before a fresh setup
//! would start an empty office beside the residents' cases.

use crate::app::DataEffect;
use std::path::PathBuf;

use crate::app::keymap::Layer;
use crate::app::{Action, Effect, Go, Outcome};
use trolyso_core::i18n::Message;

/// A backup found in the data folder, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// When it was written, as the helper reads it ("29/11/2026 14:03").
    pub when: String,
}

#[derive(Debug, Default)]
pub struct RestoreOffer {
    /// Newest first.
    pub backups: Vec<Found>,
    pub selected: usize,
    pub error: Option<Message>,
}

impl RestoreOffer {
    pub fn layers(&self) -> Vec<Layer> {
        vec![Layer::Restore, Layer::List, Layer::Global]
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(self.backups.len().saturating_sub(1)),
            Action::Submit => {
                let Some(found) = self.backups.get(self.selected) else {
                    return Outcome::ignored();
                };
                self.error = None;
                return Outcome::effect(Effect::Data(DataEffect::RestoreBackup(found.path.clone())));
            }
            Action::SetUpAnew => return Outcome::go(Go::Setup),
            Action::Restored => {
                let when = self
                    .backups
                    .get(self.selected)
                    .map(|f| f.when.clone())
                    .unwrap_or_default();
                return Outcome::go(Go::Unlock).with_news(Message::new("ui.restore.done").arg("when", when));
            }
            Action::Failed(m) => self.error = Some(m),
            _ => return Outcome::ignored(),
        }
        Outcome::default()
    }
}
