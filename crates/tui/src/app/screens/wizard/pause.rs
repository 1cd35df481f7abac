//! Pausing: a reason from the fixed list and an optional next-visit date.

use super::{Mode, Wizard};
use crate::app::CaseEffect;
use crate::app::edit::{edit_composed, edit_plain};
use crate::app::{Action, Ctx, Effect, Outcome};
use trolyso_core::i18n::Message;
use trolyso_core::text::LineEditor;
use trolyso_store::store::{Reason, Status, StatusChange};

#[derive(Debug, Default)]
pub struct PauseForm {
    pub reason: usize,
    pub next_visit: LineEditor,
    /// What is missing, in the helper's words (typed in Vietnamese).
    pub note: LineEditor,
    pub focus: PauseFocus,
    pub error: Option<Message>,
    /// Cancelling the case (a mistaken one, a resident who gave up), not
    /// pausing it: the same reasons, no next visit.
    pub cancel: bool,
}

impl PauseForm {
    pub fn cancelling() -> Self {
        PauseForm {
            cancel: true,
            ..PauseForm::default()
        }
    }
}

/// Where the keys go, in the order the form is read: Tab moves down,
/// Shift+Tab up. It opens on the reasons (↓↓ Tab then a date put the date
/// in the note when it opened on the date; issue 30, item 3).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum PauseFocus {
    #[default]
    Reason,
    NextVisit,
    Note,
}

impl PauseFocus {
    fn next(self) -> Self {
        match self {
            PauseFocus::Reason => PauseFocus::NextVisit,
            PauseFocus::NextVisit => PauseFocus::Note,
            PauseFocus::Note => PauseFocus::Reason,
        }
    }

    fn prev(self) -> Self {
        self.next().next()
    }
}

impl Wizard {
    pub(super) fn update_pause(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let Mode::Pause(form) = &mut self.mode else {
            return Outcome::ignored();
        };
        match action {
            Action::Up => form.reason = form.reason.saturating_sub(1),
            Action::Down => form.reason = (form.reason + 1).min(Reason::ALL.len() - 1),
            Action::Back => self.mode = Mode::Fields,
            // A cancelled case has no next visit: reasons ↔ note.
            Action::NextField | Action::PrevField if form.cancel => {
                form.focus = if form.focus == PauseFocus::Note {
                    PauseFocus::Reason
                } else {
                    PauseFocus::Note
                }
            }
            Action::NextField => form.focus = form.focus.next(),
            Action::PrevField => form.focus = form.focus.prev(),
            Action::Failed(m) => form.error = Some(m),
            Action::Submit => {
                let typed = form.next_visit.text().trim().to_owned();
                let next_visit = if typed.is_empty() {
                    None
                } else {
                    match trolyso_core::domain::validate::parse_date(&typed) {
                        // A next visit is ahead, never behind.
                        Ok(day) if day < ctx.today => {
                            form.error = Some(Message::new("ui.pause.past").arg("date", day));
                            return Outcome::default();
                        }
                        Ok(day) => Some(day.to_string()),
                        Err(m) => {
                            form.error = Some(m);
                            return Outcome::default();
                        }
                    }
                };
                let note = form.note.text().trim();
                let change = StatusChange {
                    note: (!note.is_empty()).then(|| note.to_owned()),
                    reason: Some(Reason::ALL[form.reason]),
                    next_visit,
                    ..StatusChange::default()
                };
                return Outcome::effect(Effect::Case(CaseEffect::SetStatus {
                    case: self.case.id,
                    to: if form.cancel {
                        Status::Cancelled
                    } else {
                        Status::Paused
                    },
                    change,
                    helper: ctx.settings.helper.clone(),
                }));
            }
            other if form.focus == PauseFocus::Note => {
                let method = ctx.settings.input_method;
                return Outcome::handled_if(edit_composed(&mut form.note, &other, method));
            }
            // Cancelling: what is typed is why.
            other if form.cancel => {
                let method = ctx.settings.input_method;
                let typed = edit_composed(&mut form.note, &other, method);
                if typed {
                    form.focus = PauseFocus::Note;
                }
                return Outcome::handled_if(typed);
            }
            // On the reasons, what is typed is the date: it goes there.
            other => {
                let typed = edit_plain(&mut form.next_visit, &other);
                if typed {
                    form.focus = PauseFocus::NextVisit;
                }
                return Outcome::handled_if(typed);
            }
        }
        Outcome::default()
    }
}
