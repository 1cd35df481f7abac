//! The documents the resident brought, ticked one by one.

use super::{Mode, Wizard};
use crate::app::CaseEffect;
use crate::app::{Action, Ctx, Effect, Outcome};

impl Wizard {
    pub(super) fn update_documents(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let docs = self.documents(ctx.catalogue);
        let case = self.case.id;
        let Mode::Documents { selected } = &mut self.mode else {
            return Outcome::ignored();
        };
        let want = match action {
            Action::Up => {
                *selected = selected.saturating_sub(1);
                return Outcome::default();
            }
            Action::Down => {
                *selected = (*selected + 1).min(docs.len().saturating_sub(1));
                return Outcome::default();
            }
            Action::Back | Action::Documents | Action::Submit => {
                self.mode = Mode::Fields;
                return Outcome::default();
            }
            Action::Toggle => None,
            Action::Tick => Some(true),
            Action::Untick => Some(false),
            _ => return Outcome::ignored(),
        };
        let Some(d) = docs.get(*selected) else {
            return Outcome::default();
        };
        let was = self.brought(&d.id);
        let brought = want.unwrap_or(!was);
        if brought == was {
            return Outcome::default();
        }
        self.saved = false;
        Outcome::effect(Effect::Case(CaseEffect::SetDocument {
            case,
            document: d.id.clone(),
            brought,
            helper: ctx.settings.helper.clone(),
        }))
    }
}
