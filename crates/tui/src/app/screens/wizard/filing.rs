//! The filing view: one answer at a time, large, to copy into the portal.

use super::{Mode, Wizard};
use crate::app::OutsideEffect;
use crate::app::{Action, Ctx, Effect, Outcome};
use trolyso_core::domain::procedure::{Catalogue, Field, FieldKind, shown_answer};
use trolyso_core::i18n::Lang;

#[derive(Debug, Default)]
pub struct Filing {
    pub index: usize,
    /// The value shown was copied.
    pub copied: bool,
}

impl Wizard {
    /// The answers the portal asks for, in the procedure's order, as the
    /// resident would type them (yes/no checks for the helper are left out).
    /// Copied in Vietnamese: the portal is in Vietnamese.
    pub fn filing_values<'a>(&self, catalogue: &'a Catalogue) -> Vec<(&'a Field, String)> {
        let Some(p) = self.procedure(catalogue) else {
            return Vec::new();
        };
        let answers = &self.case.answers;
        let mut out = Vec::new();
        for step in p.steps.iter().filter(|s| s.is_relevant(answers)) {
            for f in step
                .fields
                .iter()
                .filter(|f| f.is_relevant(answers) && f.kind != FieldKind::YesNo)
            {
                if let Some(v) = answers.get(&f.id) {
                    out.push((f, shown_answer(f, v, Lang::Vi)));
                }
            }
        }
        out
    }

    pub(super) fn update_filing(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let values = self.filing_values(ctx.catalogue);
        let Mode::Filing(filing) = &mut self.mode else {
            return Outcome::ignored();
        };
        // Moving to another value clears the "copied" mark.
        let keeps_mark = matches!(action, Action::Copied | Action::Submit);
        let out = match action {
            Action::Up | Action::PrevField => {
                filing.index = filing.index.saturating_sub(1);
                Outcome::default()
            }
            Action::Down | Action::NextField => {
                filing.index = (filing.index + 1).min(values.len().saturating_sub(1));
                Outcome::default()
            }
            Action::Back | Action::Filing => {
                self.mode = Mode::Fields;
                Outcome::default()
            }
            Action::Copied => {
                filing.copied = true;
                Outcome::default()
            }
            Action::Submit => {
                let value = values
                    .get(filing.index)
                    .map(|(_, v)| Effect::Outside(OutsideEffect::Copy(v.clone())));
                Outcome::effects(value.into_iter().collect())
            }
            _ => Outcome::ignored(),
        };
        if !keeps_mark && let Mode::Filing(f) = &mut self.mode {
            f.copied = false;
        }
        out
    }
}
