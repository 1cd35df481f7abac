//! Pausing: a reason from the fixed list and an optional next-visit date.

use super::{Mode, Wizard};
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
    /// Tab moves between the date and the note.
    pub on_note: bool,
    pub error: Option<Message>,
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
            Action::NextField | Action::PrevField => form.on_note = !form.on_note,
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
                    hoso_code: None,
                };
                return Outcome::effect(Effect::SetStatus {
                    case: self.case.id,
                    to: Status::Paused,
                    change,
                    helper: ctx.settings.helper.clone(),
                });
            }
            other if form.on_note => {
                let method = ctx.settings.input_method;
                return Outcome::handled_if(edit_composed(&mut form.note, &other, method));
            }
            other => return Outcome::handled_if(edit_plain(&mut form.next_visit, &other)),
        }
        Outcome::default()
    }
}
