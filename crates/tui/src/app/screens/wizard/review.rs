//! The review: all answers on one screen, then what can be done with the case.

use super::{Mode, Wizard};
use crate::app::CaseEffect;
use crate::app::edit::edit_plain;
use crate::app::{Action, Ctx, Effect, Outcome};
use trolyso_core::domain::procedure::{Catalogue, Level, problems};
use trolyso_core::i18n::Message;
use trolyso_core::text::LineEditor;
use trolyso_store::store::{Status, StatusChange};

#[derive(Debug, Default)]
pub struct Review {
    pub selected: usize,
    /// Open while the hồ sơ code is typed for "filed".
    pub hoso_code: Option<LineEditor>,
    /// Once the code is typed: how the portal took the filing, the row of
    /// [`FILING_LEVELS`] highlighted.
    pub level: Option<usize>,
    pub error: Option<Message>,
}

/// What a helper can say of a filing: what the portal showed, or not sure.
/// The level depends on the province's setup, so it is asked, never assumed.
pub const FILING_LEVELS: [Level; 3] = [Level::Full, Level::Partial, Level::Unknown];

/// A row of the review: an answer (Enter jumps to its step) or a way to
/// finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewRow {
    Answer { step: usize, field: usize },
    Finish(Status),
}

impl Wizard {
    /// The rows of the review: every shown answer, step by step, then the
    /// ways to finish that the case's status allows.
    pub fn review_rows(&self, catalogue: &Catalogue) -> Vec<ReviewRow> {
        let mut rows = Vec::new();
        let answers = &self.case.answers;
        if let Some(p) = self.procedure(catalogue) {
            for (si, step) in p.steps.iter().enumerate().filter(|(_, s)| s.is_relevant(answers)) {
                let shown = step.fields.iter().filter(|f| f.is_relevant(answers));
                rows.extend(
                    shown
                        .enumerate()
                        .map(|(fi, _)| ReviewRow::Answer { step: si, field: fi }),
                );
            }
        }
        // A paused case stays paused while it is edited; taking it up again
        // is the first of its finishing rows.
        if self.case.status == Status::Paused {
            rows.push(ReviewRow::Finish(Status::Preparing));
        }
        for to in [
            Status::ReadyToFile,
            Status::Filed,
            Status::Done,
            Status::Cancelled,
        ] {
            if self.case.status.can_become(to) {
                rows.push(ReviewRow::Finish(to));
            }
        }
        rows
    }

    fn set_status(&self, ctx: &Ctx, to: Status, change: StatusChange) -> Outcome {
        Outcome::effect(Effect::Case(CaseEffect::SetStatus {
            case: self.case.id,
            to,
            change,
            helper: ctx.settings.helper.clone(),
        }))
    }

    pub(super) fn update_review(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let catalogue = ctx.catalogue;
        let rows = self.review_rows(catalogue);
        let blocked: Vec<(String, String)> = self
            .procedure(catalogue)
            .map(|p| problems(p, &self.case.answers, ctx.today))
            .unwrap_or_default()
            .iter()
            .map(|(f, _)| self.label_of(catalogue, f))
            .collect();
        let Mode::Review(review) = &mut self.mode else {
            return Outcome::ignored();
        };
        if let Action::Failed(m) = action {
            review.error = Some(m);
            return Outcome::default();
        }
        if let (Some(code), Some(at)) = (&review.hoso_code, review.level) {
            match action {
                Action::Up => review.level = Some(at.saturating_sub(1)),
                Action::Down => review.level = Some((at + 1).min(FILING_LEVELS.len() - 1)),
                Action::Back => review.level = None,
                Action::Submit => {
                    let change = StatusChange {
                        hoso_code: Some(code.text().trim().to_owned()),
                        level: Some(FILING_LEVELS[at]),
                        ..StatusChange::default()
                    };
                    return self.set_status(ctx, Status::Filed, change);
                }
                _ => return Outcome::ignored(),
            }
            return Outcome::default();
        }
        if let Some(code) = review.hoso_code.as_mut() {
            match action {
                Action::Back => review.hoso_code = None,
                Action::Submit => {
                    if code.text().trim().is_empty() {
                        review.error = Some(Message::new("store.missing_hoso_code"));
                    } else {
                        // The guide's level first where it knows one; the
                        // helper says what the portal showed.
                        let guide = catalogue.level(&self.case.procedure_id);
                        let Mode::Review(review) = &mut self.mode else {
                            return Outcome::ignored();
                        };
                        review.level = Some(
                            FILING_LEVELS
                                .iter()
                                .position(|l| *l == guide)
                                .unwrap_or(FILING_LEVELS.len() - 1),
                        );
                        review.error = None;
                    }
                }
                other => return Outcome::handled_if(edit_plain(code, &other)),
            }
            return Outcome::default();
        }
        match action {
            Action::Up => review.selected = review.selected.saturating_sub(1),
            // One key to the finishing actions, one back to the top.
            Action::ToFinish => {
                review.selected = rows
                    .iter()
                    .position(|r| matches!(r, ReviewRow::Finish(_)))
                    .unwrap_or(review.selected);
            }
            Action::ToTop => review.selected = 0,
            Action::Pick(i) => {
                if crate::app::clicked_row(&mut review.selected, i, rows.len()) {
                    return self.update_review(Action::Submit, ctx);
                }
            }
            Action::Down => review.selected = (review.selected + 1).min(rows.len().saturating_sub(1)),
            Action::Back | Action::Review => self.mode = Mode::Fields,
            Action::Submit => match rows.get(review.selected) {
                Some(ReviewRow::Answer { step, field }) => {
                    let (step, field) = (*step, *field);
                    self.mode = Mode::Fields;
                    self.go_to(catalogue, step, field);
                }
                // Nothing missing or wrong may be marked ready or done; filing
                // records what already happened on the portal.
                Some(ReviewRow::Finish(to))
                    if !blocked.is_empty()
                        && !matches!(to, Status::Filed | Status::Preparing | Status::Cancelled) =>
                {
                    // The first few by name, the rest counted: ten names
                    // pushed the way to fix them out of a small window.
                    const NAMED: usize = 3;
                    let first = &blocked[..blocked.len().min(NAMED)];
                    let vi: Vec<&str> = first.iter().map(|(vi, _)| vi.as_str()).collect();
                    let en: Vec<&str> = first.iter().map(|(_, en)| en.as_str()).collect();
                    let more = blocked.len() - first.len();
                    let key = if more == 0 {
                        "ui.review.blocked"
                    } else {
                        "ui.review.blocked_more"
                    };
                    review.error = Some(
                        Message::new(key)
                            .localized("fields", &vi.join(", "), &en.join(", "))
                            .arg("more", more),
                    );
                }
                // The code typed in the step is there already (it was typed
                // twice; issue 29): Enter records it, or it is corrected.
                Some(ReviewRow::Finish(Status::Filed)) => {
                    let typed = self
                        .procedure(catalogue)
                        .into_iter()
                        .flat_map(|p| p.visible_fields(&self.case.answers))
                        .filter(|f| f.kind == trolyso_core::domain::procedure::FieldKind::Code)
                        .find_map(|f| self.case.answers.get(&f.id))
                        .cloned()
                        .unwrap_or_default();
                    let Mode::Review(review) = &mut self.mode else {
                        return Outcome::ignored();
                    };
                    review.hoso_code = Some(LineEditor::new(&typed));
                    review.error = None;
                }
                // Why, first: a cancelled case is counted by its reason.
                Some(ReviewRow::Finish(Status::Cancelled)) => {
                    self.mode = Mode::Pause(super::PauseForm::cancelling());
                }
                Some(ReviewRow::Finish(to)) => return self.set_status(ctx, *to, StatusChange::default()),
                None => {}
            },
            _ => return Outcome::ignored(),
        }
        Outcome::default()
    }
}
