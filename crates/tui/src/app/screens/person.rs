//! A person on file and every case of theirs (F4 on Home, F9 in a case):
//! who they are, how far their VNeID account came, each case with its
//! status and next visit, then the cases of others that name them. A new
//! case for them starts from what their record knows; a draft begun by
//! mistake is deleted, and a record that looks like theirs joined, here
//! (each asked first).

use crate::app::keymap::Layer;
use crate::app::{Action, CaseEffect, Ctx, Effect, Go, Outcome};
use trolyso_core::domain::report::{Stage, account_stage};
use trolyso_core::i18n::Message;
use trolyso_store::store::{CaseRow, Resident};

/// What the person's screen reads from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonFile {
    pub person: Option<Resident>,
    /// Every case of theirs, newest first.
    pub cases: Vec<CaseRow>,
    /// Cases of others that name them (a child's birth registration naming
    /// the father), newest first.
    pub named_in: Vec<CaseRow>,
    /// Records that may be the same person, with their cases counted.
    pub look_alikes: Vec<(Resident, usize)>,
}

/// What the person's screen asks before doing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Delete the chosen draft.
    Delete,
    /// Join the first look-alike record into this person.
    Join,
}

#[derive(Debug)]
pub struct PersonView {
    /// The person on file; None for a case with no one named yet (the view
    /// then holds that one case).
    pub person: Option<Resident>,
    /// Their cases, then the cases of others that name them.
    pub rows: Vec<CaseRow>,
    /// How many of `rows` are their own.
    pub own: usize,
    pub selected: usize,
    /// A question waiting for Enter (yes) or Esc (no).
    pub asking: Option<Ask>,
    /// Records that may be this same person (the same number, or the same
    /// name and birth date), with their cases counted.
    pub look_alikes: Vec<(Resident, usize)>,
    /// The case the screen was opened from (F9): Esc opens it again.
    pub back_to: Option<trolyso_store::store::Id>,
}

impl PersonView {
    /// The view of `row`'s person, showing that case until theirs are read.
    pub fn new(row: CaseRow) -> Self {
        PersonView {
            person: row.resident.clone(),
            rows: vec![row],
            own: 1,
            selected: 0,
            asking: None,
            look_alikes: Vec::new(),
            back_to: None,
        }
    }

    /// Reads the person and every case of theirs (a case with no one:
    /// nothing to read).
    pub fn load(&self) -> Option<Effect> {
        let id = match &self.person {
            Some(p) => p.id,
            None => self.rows.first()?.case.resident_id?,
        };
        Some(Effect::Case(CaseEffect::LoadPerson(id)))
    }

    pub fn layers(&self) -> Vec<Layer> {
        if self.asking.is_some() {
            return vec![Layer::Confirm, Layer::Leave, Layer::Global];
        }
        vec![
            Layer::Person,
            Layer::List,
            Layer::Confirm,
            Layer::Leave,
            Layer::Global,
        ]
    }

    /// The furthest their VNeID account came, from their account guides'
    /// answers (None: no account guide among their cases).
    pub fn account_stage(&self) -> Option<Stage> {
        self.rows[..self.own.min(self.rows.len())]
            .iter()
            .filter_map(|r| account_stage(&r.case.procedure_id, &r.case.answers))
            .max()
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        if let Some(ask) = self.asking {
            return match action {
                Action::Submit => {
                    self.asking = None;
                    self.answer_yes(ask, ctx)
                }
                Action::Back => {
                    self.asking = None;
                    Outcome::default()
                }
                _ => Outcome::ignored(),
            };
        }
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::PersonLoaded(file) => {
                let PersonFile {
                    person,
                    cases,
                    named_in,
                    look_alikes,
                } = *file;
                self.person = person.or(self.person.take());
                self.own = cases.len();
                self.rows = cases;
                self.rows.extend(named_in);
                self.look_alikes = look_alikes;
                self.selected = self.selected.min(self.rows.len().saturating_sub(1));
            }
            Action::JoinPerson => {
                if self.look_alikes.is_empty() {
                    return Outcome::default().with_news(Message::new("ui.person.no_look_alike"));
                }
                self.asking = Some(Ask::Join);
            }
            Action::PersonJoined(person) => {
                let reload = Effect::Case(CaseEffect::LoadPerson(person.id));
                self.person = Some(person);
                return Outcome::effect(reload).with_news(Message::new("ui.person.joined"));
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Pick(i) => {
                if crate::app::clicked_row(&mut self.selected, i, self.rows.len()) {
                    return self.update(Action::Submit, ctx);
                }
            }
            Action::Submit => {
                let open = self.rows.get(self.selected).map(|r| r.case.id);
                return Outcome::effects(
                    open.map(|id| Effect::Case(CaseEffect::OpenCase(id)))
                        .into_iter()
                        .collect(),
                );
            }
            Action::CaseOpened(case) => return Outcome::go(Go::Wizard(Box::new(case))),
            // A new case for them: the picker, then the procedure's
            // checklist; what their record knows is its first answers.
            Action::NewCase => {
                return match &self.person {
                    Some(p) => Outcome::go(Go::PickerFor(Box::new(p.clone()))),
                    None => Outcome::go(Go::Picker),
                };
            }
            Action::DeleteDraft => match self.rows.get(self.selected) {
                Some(row) if row.case.is_draft() => self.asking = Some(Ask::Delete),
                Some(_) => return Outcome::default().with_news(Message::new("store.not_a_draft")),
                None => {}
            },
            Action::DraftDeleted(id) => {
                if matches!(self.rows.iter().position(|r| r.case.id == id), Some(i) if i < self.own) {
                    self.own -= 1;
                }
                self.rows.retain(|r| r.case.id != id);
                self.selected = self.selected.min(self.rows.len().saturating_sub(1));
                return Outcome::default().with_news(Message::new("ui.person.deleted"));
            }
            Action::Back => {
                return match self.back_to {
                    Some(case) => Outcome::effect(Effect::Case(CaseEffect::OpenCase(case))),
                    None => Outcome::go(Go::Home),
                };
            }
            _ => return Outcome::ignored(),
        }
        Outcome::default()
    }

    /// Enter on a question: the draft deleted, or the record joined.
    fn answer_yes(&self, ask: Ask, ctx: &Ctx) -> Outcome {
        let helper = ctx.settings.helper.clone();
        let effect = match ask {
            Ask::Delete => self.rows.get(self.selected).map(|row| CaseEffect::DeleteDraft {
                case: row.case.id,
                procedure: row.case.procedure_id.clone(),
                helper,
            }),
            Ask::Join => match (&self.person, self.look_alikes.first()) {
                (Some(kept), Some((gone, _))) => Some(CaseEffect::JoinPerson {
                    kept: kept.id,
                    gone: gone.id,
                    helper,
                }),
                _ => None,
            },
        };
        Outcome::effects(effect.map(Effect::Case).into_iter().collect())
    }
}
