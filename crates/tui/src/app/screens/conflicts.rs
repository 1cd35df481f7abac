//! Values two machines wrote without seeing each other, where a person must
//! choose (F10 on Home, shown there while any wait): one card at a time,
//! every kept value with who wrote it, where and when. The choice is a
//! committed edit that replaces them all, on every machine it reaches.

use crate::app::ExchangeEffect;
use crate::app::keymap::Layer;
use crate::app::{Action, Ctx, Effect, Go, Outcome};
use trolyso_store::store::Status;
use trolyso_store::store::clock::ms_of_reading;
use trolyso_store::store::merge::{self, Card, Why};

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

/// Which field a card is about, as the screen names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardField<'a> {
    /// An answer of the case's procedure, by its field id.
    Answer(&'a str),
    Status,
    Hoso,
    Other(&'a str),
}

/// A kept value as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeptValue {
    Empty,
    Status(Status),
    Text(String),
}

/// One value kept for a card's field: what, by whom, where, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub value: KeptValue,
    pub helper: String,
    /// None for this machine; else the last letters of its id (enough to
    /// tell machines apart).
    pub machine: Option<String>,
    pub at_ms: i64,
    /// Dated more than a day ahead of every trusted clock.
    pub flagged: bool,
}

impl ConflictRow {
    pub fn field(&self) -> CardField<'_> {
        let field = self.card.field.as_str();
        match (merge::answer_of(field), field) {
            (Some(answer), _) => CardField::Answer(answer),
            (None, merge::STATUS) => CardField::Status,
            (None, merge::HOSO) => CardField::Hoso,
            (None, other) => CardField::Other(other),
        }
    }

    /// Why a person must choose, as the key of its words.
    pub fn why_key(&self) -> &'static str {
        match self.card.why {
            Why::Differs => "conflict.why_differs",
            Why::Backwards => "conflict.why_backwards",
            Why::ClockAhead => "conflict.why_clock",
        }
    }

    /// The kept values, in the order they are chosen from.
    pub fn kept(&self) -> Vec<Kept> {
        let status = self.field() == CardField::Status;
        self.card
            .versions
            .iter()
            .map(|v| Kept {
                value: match v.value.as_deref() {
                    None => KeptValue::Empty,
                    Some(s) if status => merge::status_of(Some(s))
                        .map_or_else(|| KeptValue::Text(s.to_owned()), KeptValue::Status),
                    Some(s) => KeptValue::Text(s.to_owned()),
                },
                helper: v.clock.helper.clone(),
                machine: (v.clock.machine != self.here).then(|| {
                    let letters: Vec<char> = v.clock.machine.chars().collect();
                    letters[letters.len().saturating_sub(4)..].iter().collect()
                }),
                at_ms: ms_of_reading(v.clock.at),
                flagged: v.clock.flagged,
            })
            .collect()
    }
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
                return Outcome::effect(Effect::Exchange(ExchangeEffect::ChooseValue {
                    case: row.card.case,
                    field: row.card.field.clone(),
                    value: chosen.value.clone(),
                    helper: ctx.settings.helper.clone(),
                }));
            }
            Action::ValueChosen => {
                return Outcome::effect(Effect::Exchange(ExchangeEffect::LoadConflicts))
                    .with_news(trolyso_core::i18n::Message::new("conflict.chosen"));
            }
            Action::Back => return Outcome::go(Go::Home),
            _ => return Outcome::ignored(),
        }
        Outcome::default()
    }
}
