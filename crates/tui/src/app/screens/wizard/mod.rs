//! The wizard: one case, step by step. Every field is saved when it is left
//! (a committed edit in the store); a field with a problem is saved too, as
//! typed, with the message under it, so nothing typed is lost.
//!
//! One thing at a time has the keys (a [`Mode`]): the fields, or one
//! overlay over them, each in its own module.

mod documents;
mod fields;
mod filing;
mod pause;
mod review;

use crate::app::OutsideEffect;
use std::collections::BTreeMap;

pub use filing::Filing;
pub use pause::{PauseFocus, PauseForm};
pub use review::{FILING_LEVELS, Review, ReviewRow};

use crate::app::commune::CommunePicker;
use crate::app::keymap::Layer;
use crate::app::{Action, Ctx, Effect, Go, Outcome, slip};
use trolyso_core::domain::Date;
use trolyso_core::domain::procedure::{Catalogue, Document, Field, FieldKind, Procedure, check_answer};
use trolyso_core::i18n::{Lang, Message};
use trolyso_core::text::LineEditor;
use trolyso_store::store::{Case, Status};

#[derive(Debug)]
pub struct Wizard {
    pub case: Case,
    /// Index into the procedure's steps (all of them; hidden ones are skipped).
    pub step: usize,
    /// Index into the visible fields of the step.
    pub field: usize,
    pub editor: LineEditor,
    /// The highlighted option of a multiple-choice field.
    pub choice: usize,
    /// Letters typed on a choice field so far, with its id ("na" for Nam).
    pub choice_typed: Option<(String, String)>,
    pub problems: BTreeMap<String, Message>,
    /// Answers kept with a caveat to say beside them (a late registration's
    /// fee, an unconfirmed mobile prefix, an expired CMND).
    pub warnings: BTreeMap<String, Message>,
    /// The last committed edit reached the disk.
    pub saved: bool,
    pub error: Option<Message>,
    /// What has the keys: the fields, or one thing over them.
    pub mode: Mode,
    /// The status was changed here (paused, ready, filed, done): the visit
    /// has ended.
    pub finished: bool,
    /// The helper asked (F8 while finishing or pausing) for a slip to print
    /// for the resident. Off unless asked: a slip holds the resident's name
    /// in a plain file.
    pub slip: bool,
}

/// One thing at a time has the keys; each leaves with Esc back to the fields.
#[derive(Debug, Default)]
pub enum Mode {
    #[default]
    Fields,
    /// The helper picks why the visit stops.
    Pause(PauseForm),
    /// The helper reviews the answers and finishes.
    Review(Review),
    /// The helper copies the answers into the portal, one by one.
    Filing(Filing),
    /// The documents the resident brought, ticked one by one.
    Documents { selected: usize },
    /// The commune of the focused commune field is being picked.
    Commune(CommunePicker),
}

impl Wizard {
    /// Opens a case at its first shown step, with the problems and warnings
    /// of the answers it already holds (a number that contradicts a birth
    /// date is marked again after a restart).
    pub fn open(case: Case, catalogue: &Catalogue, today: Date) -> Self {
        let mut w = Wizard {
            case,
            step: 0,
            field: 0,
            editor: LineEditor::default(),
            choice: 0,
            choice_typed: None,
            problems: BTreeMap::new(),
            warnings: BTreeMap::new(),
            saved: false,
            error: None,
            mode: Mode::Fields,
            finished: false,
            slip: false,
        };
        if let Some(p) = w.procedure(catalogue) {
            // Continue where the visit stopped: the last shown step with an
            // answer, else the first shown step.
            let answers = &w.case.answers;
            let shown: Vec<usize> = (0..p.steps.len())
                .filter(|&i| p.steps[i].is_relevant(answers))
                .collect();
            // At the field last answered, where it is still shown; else at
            // the last shown step with an answer, else the first.
            let last = w.case.last_field.as_deref().and_then(|id| {
                shown.iter().find_map(|&si| {
                    let mut fields = p.steps[si].fields.iter().filter(|f| f.is_relevant(answers));
                    fields.position(|f| f.id == id).map(|fi| (si, fi))
                })
            });
            // Never typed in (a new case, perhaps with answers carried from
            // another): at the first field still without an answer.
            let open = shown.iter().find_map(|&si| {
                let mut fields = p.steps[si].fields.iter().filter(|f| f.is_relevant(answers));
                fields
                    .position(|f| !answers.contains_key(&f.id))
                    .map(|fi| (si, fi))
            });
            (w.step, w.field) = last.or(open).unwrap_or((shown.first().copied().unwrap_or(0), 0));
            for field in p.fields() {
                if let Some(value) = w.case.answers.get(&field.id) {
                    match check_answer(field, value, &w.case.answers, today) {
                        Ok(checked) => w.warnings.extend(checked.warning.map(|m| (field.id.clone(), m))),
                        Err(m) => {
                            w.problems.insert(field.id.clone(), m);
                        }
                    }
                }
            }
        }
        w.load_editor(catalogue);
        w
    }

    /// The key layers, top first: the overlay's, or the focused field's.
    pub fn layers(&self, catalogue: &Catalogue) -> Vec<Layer> {
        match &self.mode {
            Mode::Filing(_) => vec![Layer::Filing, Layer::Leave, Layer::Global],
            Mode::Pause(_) => vec![
                Layer::TextField,
                Layer::Finish,
                Layer::List,
                Layer::Form,
                Layer::Confirm,
                Layer::Leave,
                Layer::Global,
            ],
            Mode::Commune(_) => vec![
                Layer::TextField,
                Layer::List,
                Layer::Confirm,
                Layer::Leave,
                Layer::Global,
            ],
            // How the portal took the filing: a short list.
            Mode::Review(r) if r.level.is_some() => {
                vec![Layer::List, Layer::Confirm, Layer::Leave, Layer::Global]
            }
            Mode::Review(r) if r.hoso_code.is_some() => {
                vec![
                    Layer::TextField,
                    Layer::Finish,
                    Layer::Confirm,
                    Layer::Leave,
                    Layer::Global,
                ]
            }
            Mode::Review(_) => vec![
                Layer::Finish,
                Layer::Review,
                Layer::List,
                Layer::Confirm,
                Layer::Leave,
                Layer::Global,
            ],
            Mode::Documents { .. } => vec![Layer::Checklist, Layer::List, Layer::Leave, Layer::Global],
            Mode::Fields => {
                let field = match self.focused(catalogue).map(|f| f.kind) {
                    Some(FieldKind::Commune) => Layer::Pick,
                    Some(FieldKind::MultiChoice) => Layer::MultiChoice,
                    _ if self.focused_is_text(catalogue) => Layer::TextField,
                    _ => Layer::Choice,
                };
                let refer = self.referred(catalogue).map(|_| Layer::Refer);
                [field]
                    .into_iter()
                    .chain(refer)
                    .chain([
                        Layer::Walk,
                        Layer::Wizard,
                        Layer::Form,
                        Layer::Confirm,
                        Layer::Leave,
                        Layer::Global,
                    ])
                    .collect()
            }
        }
    }

    /// The procedure the current step sends the resident to instead, by its
    /// place in the catalogue, when the catalogue holds it.
    pub fn referred(&self, catalogue: &Catalogue) -> Option<usize> {
        let step = self.procedure(catalogue)?.steps.get(self.step)?;
        let id = step.refer.as_deref()?;
        catalogue.procedures.iter().position(|p| p.id == id)
    }

    pub fn procedure<'a>(&self, catalogue: &'a Catalogue) -> Option<&'a Procedure> {
        catalogue.get(&self.case.procedure_id)
    }

    /// Indexes of the steps shown for the current answers.
    pub fn visible_steps(&self, catalogue: &Catalogue) -> Vec<usize> {
        self.procedure(catalogue)
            .map(|p| {
                (0..p.steps.len())
                    .filter(|&i| p.steps[i].is_relevant(&self.case.answers))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Which step of how many, counted stably: the steps shown, and those
    /// that may still be (their condition reads a question not answered
    /// yet). The total only falls as answers rule steps out, never jumps
    /// up (it went 4/4 → 5/7 → 8/8; issue 30, item 14).
    pub fn step_count(&self, catalogue: &Catalogue) -> (usize, usize) {
        let Some(p) = self.procedure(catalogue) else {
            return (1, 1);
        };
        let answers = &self.case.answers;
        // A question in a step not reached yet may still be answered.
        let open = |field: &str| {
            p.steps
                .iter()
                .position(|s| s.fields.iter().any(|f| f.id == field))
                .is_none_or(|at| at >= self.step)
        };
        let counted: Vec<usize> = (0..p.steps.len())
            .filter(|&i| {
                let s = &p.steps[i];
                i == self.step || s.relevant.as_ref().is_none_or(|c| c.could_hold(answers, &open))
            })
            .collect();
        let at = counted.iter().filter(|&&i| i <= self.step).count().max(1);
        (at, counted.len().max(at))
    }

    pub fn visible_fields<'a>(&self, catalogue: &'a Catalogue) -> Vec<&'a Field> {
        let Some(p) = self.procedure(catalogue) else {
            return Vec::new();
        };
        p.steps
            .get(self.step)
            .map(|s| {
                s.fields
                    .iter()
                    .filter(|f| f.is_relevant(&self.case.answers))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn focused<'a>(&self, catalogue: &'a Catalogue) -> Option<&'a Field> {
        self.visible_fields(catalogue).get(self.field).copied()
    }

    pub fn focused_is_text(&self, catalogue: &Catalogue) -> bool {
        self.focused(catalogue).is_none_or(|f| f.kind.is_typed())
    }

    /// The documents the procedure asks for, as shown for this case's answers.
    pub fn documents<'a>(&self, catalogue: &'a Catalogue) -> Vec<&'a Document> {
        self.procedure(catalogue)
            .map(|p| {
                p.documents
                    .iter()
                    .filter(|d| d.is_relevant(&self.case.answers))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The resident brought this document (ticked in F7).
    pub fn brought(&self, document: &str) -> bool {
        self.case.documents.get(document).copied().unwrap_or(false)
    }

    /// A field's label in both languages, for messages that list fields.
    fn label_of(&self, catalogue: &Catalogue, field: &str) -> (String, String) {
        match self.procedure(catalogue).and_then(|p| p.field(field)) {
            Some(f) => (f.label.vi.clone(), f.label.get(Lang::En).to_owned()),
            None => (field.to_owned(), field.to_owned()),
        }
    }

    /// Back to Home; a visit that ended here leaves a slip for the resident
    /// if the helper asked for one. Slips are in Vietnamese, the resident's
    /// language, whatever the screen's.
    fn leave(&mut self, mut effects: Vec<Effect>, ctx: &Ctx) -> Outcome {
        if self.finished
            && self.slip
            && let Some(p) = self.procedure(ctx.catalogue)
        {
            let title = ctx.catalogue.title(&self.case.procedure_id, Lang::Vi);
            let office = slip::Office {
                commune: ctx
                    .settings
                    .home_commune
                    .and_then(|c| trolyso_core::domain::units::Units::embedded().place(c)),
            };
            let slip = slip::compose(&self.case, p, &title, Lang::Vi, &ctx.today.to_string(), &office);
            effects.push(Effect::Outside(OutsideEffect::WriteSlip {
                case: self.case.id,
                slip,
            }));
        }
        Outcome::effects(effects).then_go(Go::Home)
    }

    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        // A new status from any part of the wizard: taken up again
        // (preparing) it stays; paused, ready, filed or done ends the visit
        // with a slip.
        if let Action::StatusChanged(case) = action {
            let ends_visit = case.status != Status::Preparing;
            self.case = case;
            self.mode = Mode::Fields;
            self.finished = ends_visit;
            return if ends_visit {
                self.leave(Vec::new(), ctx)
            } else {
                Outcome::default()
            };
        }
        if let Action::CaseSaved(case) = action {
            return match self.case_saved(case, ctx.catalogue) {
                Some(news) => Outcome::default().with_news(news),
                None => Outcome::default(),
            };
        }
        // Maybe someone on file (the same name and birth date): said, and
        // the resident's screen (F9) offers to join the two.
        if let Action::CaseSavedLookingAlike(case, name, cases) = action {
            let _ = self.case_saved(case, ctx.catalogue);
            let news = trolyso_core::i18n::Message::new("ui.wizard.look_alike")
                .arg("name", name)
                .arg("cases", cases);
            return Outcome::default().with_news(news);
        }
        if action == Action::ToggleSlip && matches!(self.mode, Mode::Pause(_) | Mode::Review(_)) {
            self.slip = !self.slip;
            return Outcome::default();
        }
        match &self.mode {
            Mode::Filing(_) => self.update_filing(action, ctx),
            Mode::Pause(_) => self.update_pause(action, ctx),
            Mode::Review(_) => self.update_review(action, ctx),
            Mode::Documents { .. } => self.update_documents(action, ctx),
            Mode::Commune(_) => self.update_commune(action, ctx),
            Mode::Fields => self.update_fields(action, ctx),
        }
    }
}
