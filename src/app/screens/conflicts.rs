//! Values two machines wrote without seeing each other, where a person must
//! choose (F10 on Home, shown there while any wait): one card at a time,
//! every kept value with who wrote it, where and when. The choice is a
//! committed edit that replaces them all, on every machine it reaches.

use crate::app::keymap::Layer;
use crate::app::{Action, Ctx, Effect, Go, Outcome};
use crate::store::merge::Card;

/// A card with what tells the helper which case it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictRow {
    pub card: Card,
    pub procedure: String,
    /// The resident's name, if the case has one.
    pub name: Option<String>,
    /// This machine's id: its own values say "this machine".
    pub here: String,
}

#[derive(Debug, Default)]
pub struct Conflicts {
    pub rows: Option<Vec<ConflictRow>>,
    pub at: usize,
    /// The value chosen on the card shown.
    pub choice: usize,
}

impl Conflicts {
    pub fn layers(&self) -> Vec<Layer> {
        vec![
            Layer::Conflicts,
            Layer::List,
            Layer::Confirm,
            Layer::Leave,
            Layer::Global,
        ]
    }

    pub fn card(&self) -> Option<&ConflictRow> {
        self.rows.as_ref().and_then(|r| r.get(self.at))
    }

    fn move_card(&mut self, by: isize) {
        let n = self.rows.as_ref().map_or(0, Vec::len);
        if n > 0 {
            self.at = (self.at as isize + by).clamp(0, n as isize - 1) as usize;
            self.choice = 0;
        }
    }

    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let options = self.card().map_or(0, |c| c.card.versions.len());
        match action {
            Action::ConflictsListed(rows) => {
                self.at = self.at.min(rows.len().saturating_sub(1));
                self.choice = 0;
                self.rows = Some(rows);
            }
            Action::Pick(i) => {
                if crate::app::clicked_row(&mut self.choice, i, options) {
                    return self.update(Action::Submit, ctx);
                }
            }
            Action::Up => self.choice = self.choice.saturating_sub(1),
            Action::Down => self.choice = (self.choice + 1).min(options.saturating_sub(1)),
            Action::NextCard => self.move_card(1),
            Action::PrevCard => self.move_card(-1),
            Action::Submit => {
                let Some(row) = self.card() else {
                    return Outcome::default();
                };
                let Some(chosen) = row.card.versions.get(self.choice) else {
                    return Outcome::default();
                };
                return Outcome::effect(Effect::ChooseValue {
                    case: row.card.case,
                    field: row.card.field.clone(),
                    value: chosen.value.clone(),
                    helper: ctx.settings.helper.clone(),
                });
            }
            Action::ValueChosen => {
                return Outcome::effect(Effect::LoadConflicts)
                    .with_news(crate::i18n::Message::new("conflict.chosen"));
            }
            Action::Back => return Outcome::go(Go::Home),
            _ => return Outcome::ignored(),
        }
        Outcome::default()
    }
}
