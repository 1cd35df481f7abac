//! Recent cases, or the cases found by what is typed in the search line.

use crate::app::edit::edit_composed;
use crate::app::keymap::Layer;
use crate::app::{Action, Ctx, Effect, Go, Outcome};
use crate::app::{CaseEffect, TrainingEffect};
use trolyso_core::text::LineEditor;
use trolyso_store::store::{CaseRow, Id, Status};

#[derive(Debug, Default)]
pub struct Home {
    pub query: LineEditor,
    pub rows: Vec<CaseRow>,
    pub selected: usize,
    /// Cases with values from two machines waiting for a person: counted on
    /// the banner, marked on their rows.
    pub conflicts: Vec<Id>,
    /// The list could not be read (the notice line says why): an empty
    /// list then is no sign that there are no cases.
    pub unreadable: bool,
    /// The result of a filed case being recorded (F5): which of
    /// [`RESULTS`] is highlighted.
    pub result: Option<usize>,
}

/// What a filed case's result can be, recorded from Home without opening
/// it (issue 29): done when the result came, or documents to add.
pub const RESULTS: [Status; 2] = [Status::Done, Status::NeedsMore];

impl Home {
    pub fn layers(&self) -> Vec<Layer> {
        if self.result.is_some() {
            return vec![Layer::List, Layer::Confirm, Layer::Leave, Layer::Global];
        }
        vec![
            Layer::TextField,
            Layer::Home,
            Layer::List,
            Layer::Confirm,
            Layer::Global,
        ]
    }

    fn list_effect(&self) -> Effect {
        let q = self.query.text().trim();
        if q.is_empty() {
            Effect::Case(CaseEffect::LoadRecent)
        } else {
            Effect::Case(CaseEffect::Search(q.to_owned()))
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        // A result recorded (F5): the list shows it.
        if let Action::StatusChanged(_) = action {
            self.result = None;
            return Outcome::effect(self.list_effect())
                .with_news(trolyso_core::i18n::Message::new("ui.result.saved"));
        }
        if let Some(at) = self.result {
            return self.update_result(at, action, ctx);
        }
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::CasesListed(rows) => {
                self.unreadable = false;
                self.rows = rows;
                self.selected = self.selected.min(self.rows.len().saturating_sub(1));
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            // A click chooses a row; a click on the chosen one opens it.
            Action::Pick(i) => {
                if crate::app::clicked_row(&mut self.selected, i, self.rows.len()) {
                    return self.update(Action::Submit, ctx);
                }
            }
            Action::NewCase => return Outcome::go(Go::Picker),
            Action::Settings => return Outcome::go(Go::Settings),
            Action::OpenTraining => return Outcome::effect(Effect::Training(TrainingEffect::OpenTraining)),
            Action::OpenReport => return Outcome::go(Go::Report),
            Action::OpenExchange => return Outcome::go(Go::Exchange),
            Action::OpenConflicts => return Outcome::go(Go::Conflicts),
            Action::ConflictsCounted(n) => self.conflicts = n,
            Action::OpenPerson => {
                if let Some(row) = self.rows.get(self.selected) {
                    return Outcome::go(Go::Person {
                        row: Box::new(row.clone()),
                        from_case: false,
                    });
                }
            }
            // Only a filed case has a result to record.
            Action::RecordResult => {
                let filed = self
                    .rows
                    .get(self.selected)
                    .is_some_and(|r| RESULTS.iter().all(|to| r.case.status.can_become(*to)));
                if !filed {
                    return Outcome::default()
                        .with_news(trolyso_core::i18n::Message::new("ui.result.not_filed"));
                }
                self.result = Some(0);
            }
            Action::Submit => {
                let open = self
                    .rows
                    .get(self.selected)
                    .map(|r| Effect::Case(CaseEffect::OpenCase(r.case.id)));
                return Outcome::effects(open.into_iter().collect());
            }
            Action::Back => {
                self.query = LineEditor::default();
                return Outcome::effect(Effect::Case(CaseEffect::LoadRecent));
            }
            Action::CaseOpened(case) => {
                // A paused case opens paused: an edit keeps the reason and
                // the next visit (the report counts them); taking it up again
                // is a row of the review (issue 30, item 4). Why it stopped
                // and when the resident was to come back are said at once.
                let news = match (case.status, case.reason) {
                    (Status::Paused, Some(reason)) => Some(
                        trolyso_core::i18n::Message::new(if case.pause_note.is_some() {
                            "ui.resumed_note"
                        } else {
                            "ui.resumed"
                        })
                        .word("reason", reason.message_key())
                        .arg("date", case.next_visit.clone().unwrap_or_else(|| "—".into()))
                        .arg("note", case.pause_note.clone().unwrap_or_default()),
                    ),
                    _ => None,
                };
                let out = Outcome::go(Go::Wizard(Box::new(case)));
                return match news {
                    Some(n) => out.with_news(n),
                    None => out,
                };
            }
            // Said on the notice line; the list's place says it is not read.
            Action::Failed(_) => {
                self.unreadable = self.rows.is_empty();
                return Outcome::ignored();
            }
            other => {
                // Typed as in fields (the header says "F2: Telex"): "Traafn"
                // is "Trần", found like "tran".
                if !edit_composed(&mut self.query, &other, ctx.settings.input_method) {
                    return Outcome::ignored();
                }
                self.selected = 0;
                return Outcome::effect(self.list_effect());
            }
        }
        Outcome::default()
    }
}

impl Home {
    fn update_result(&mut self, at: usize, action: Action, ctx: &Ctx) -> Outcome {
        match action {
            Action::Up => self.result = Some(at.saturating_sub(1)),
            Action::Down => self.result = Some((at + 1).min(RESULTS.len() - 1)),
            Action::Back => self.result = None,
            Action::Submit => {
                self.result = None;
                let Some(row) = self.rows.get(self.selected) else {
                    return Outcome::default();
                };
                return Outcome::effect(Effect::Case(CaseEffect::SetStatus {
                    case: row.case.id,
                    to: RESULTS[at],
                    change: trolyso_store::store::StatusChange::default(),
                    helper: ctx.settings.helper.clone(),
                }));
            }
            _ => return Outcome::ignored(),
        }
        Outcome::default()
    }
}
