//! The wizard: one case, step by step. Every field is saved when it is left
//! (a committed edit in the store); a field with a problem is saved too, as
//! typed, with the message under it, so nothing typed is lost.

use std::collections::BTreeMap;

use super::action::{Action, Effect};
use super::commune::{CommunePicker, Picked};
use crate::domain::Date;
use crate::domain::procedure::{
    Catalogue, Field, FieldKind, Procedure, check_answer, problems, shown_answer,
};
use crate::domain::units::Units;
use crate::i18n::Message;
use crate::store::{Case, Reason, Settings, Status, StatusChange};
use crate::text::{InputMethod, LineEditor};

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
    pub problems: BTreeMap<String, Message>,
    /// The last committed edit reached the disk.
    pub saved: bool,
    pub error: Option<Message>,
    /// What has the keys: the fields, or one thing over them.
    pub mode: Mode,
    /// The status was changed here (paused, ready, filed, done): the visit
    /// ends with a slip for the resident.
    pub finished: bool,
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

/// The filing view: one answer at a time, large, to copy into the portal.
#[derive(Debug, Default)]
pub struct Filing {
    pub index: usize,
    /// The value shown was copied.
    pub copied: bool,
}

/// All answers on one screen, then what can be done with the case.
#[derive(Debug, Default)]
pub struct Review {
    pub selected: usize,
    /// Open while the hồ sơ code is typed for "filed".
    pub hoso_code: Option<LineEditor>,
    pub error: Option<Message>,
}

/// A row of the review: an answer (Enter jumps to its step) or a way to
/// finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewRow {
    Answer { step: usize, field: usize },
    Finish(Status),
}

/// Pausing: a reason from the fixed list and an optional next-visit date.
#[derive(Debug, Default)]
pub struct PauseForm {
    pub reason: usize,
    pub next_visit: LineEditor,
    pub error: Option<Message>,
}

fn is_text(kind: FieldKind) -> bool {
    !matches!(
        kind,
        FieldKind::Choice | FieldKind::YesNo | FieldKind::MultiChoice | FieldKind::Commune
    )
}

/// Kinds typed as digits and signs: the composer stays out of them.
fn is_numeric(kind: FieldKind) -> bool {
    matches!(
        kind,
        FieldKind::IdNumber
            | FieldKind::OldId
            | FieldKind::Phone
            | FieldKind::Date
            | FieldKind::Number
            | FieldKind::TaxCode
            | FieldKind::SocialInsurance
            | FieldKind::Email
    )
}

impl Wizard {
    /// Opens a case at its first shown step, with the problems of the
    /// answers it already holds (a number that contradicts a birth date
    /// is marked again after a restart).
    pub fn open(case: Case, catalogue: &Catalogue, today: Date) -> Self {
        let mut w = Wizard {
            case,
            step: 0,
            field: 0,
            editor: LineEditor::default(),
            choice: 0,
            problems: BTreeMap::new(),
            saved: false,
            error: None,
            mode: Mode::Fields,
            finished: false,
        };
        if let Some(p) = w.procedure(catalogue) {
            // Continue where the visit stopped: the last shown step with an
            // answer, else the first shown step.
            let answers = &w.case.answers;
            let shown: Vec<usize> = (0..p.steps.len())
                .filter(|&i| p.steps[i].is_relevant(answers))
                .collect();
            let answered = |i: &&usize| p.steps[**i].fields.iter().any(|f| answers.contains_key(&f.id));
            w.step = shown
                .iter()
                .rev()
                .find(answered)
                .or(shown.first())
                .copied()
                .unwrap_or(0);
            for field in p.fields() {
                if let Some(value) = w.case.answers.get(&field.id)
                    && let Err(m) = check_answer(field, value, &w.case.answers, today)
                {
                    w.problems.insert(field.id.clone(), m);
                }
            }
        }
        w.load_editor(catalogue);
        w
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
        self.focused(catalogue).is_none_or(|f| is_text(f.kind))
    }

    fn load_editor(&mut self, catalogue: &Catalogue) {
        let value = self
            .focused(catalogue)
            .and_then(|f| self.case.answers.get(&f.id))
            .cloned()
            .unwrap_or_default();
        self.editor = LineEditor::new(&value);
        self.choice = 0;
    }

    /// Saves the focused text field if it changed: checked and tidied when
    /// it passes, as typed when it does not.
    pub fn commit_field(&mut self, catalogue: &Catalogue, helper: &str, today: Date) -> Vec<Effect> {
        let Some(field) = self.focused(catalogue) else {
            return Vec::new();
        };
        if !is_text(field.kind) {
            return Vec::new();
        }
        let typed = self.editor.text().trim().to_owned();
        let before = self.case.answers.get(&field.id).cloned().unwrap_or_default();
        let value = if typed.is_empty() {
            self.problems.remove(&field.id);
            String::new()
        } else {
            match check_answer(field, &typed, &self.case.answers, today) {
                Ok(checked) => {
                    self.problems.remove(&field.id);
                    checked.value
                }
                Err(m) => {
                    self.problems.insert(field.id.clone(), m);
                    typed
                }
            }
        };
        if value == before {
            return Vec::new();
        }
        self.saved = false;
        vec![self.save(catalogue, &field.id, value, helper)]
    }

    fn save(&self, catalogue: &Catalogue, field: &str, value: String, helper: &str) -> Effect {
        let resident = self
            .procedure(catalogue)
            .map(|p| &p.resident)
            .filter(|r| r.contains(field))
            .cloned();
        Effect::SaveAnswer {
            case: self.case.id,
            field: field.to_owned(),
            value,
            helper: helper.to_owned(),
            resident,
        }
    }

    /// Puts the focus on a field of a step (the review screen jumps here).
    pub fn go_to(&mut self, catalogue: &Catalogue, step: usize, field: usize) {
        self.step = step;
        self.field = field;
        self.load_editor(catalogue);
    }

    fn move_field(&mut self, catalogue: &Catalogue, delta: isize) {
        let n = self.visible_fields(catalogue).len();
        if n == 0 {
            return;
        }
        self.field = (self.field as isize + delta).clamp(0, n as isize - 1) as usize;
        self.load_editor(catalogue);
    }

    fn move_step(&mut self, catalogue: &Catalogue, forward: bool) {
        let steps = self.visible_steps(catalogue);
        let pos = steps.iter().position(|&s| s == self.step);
        let next = match (pos, forward) {
            (Some(p), true) => steps.get(p + 1),
            (Some(p), false) if p > 0 => steps.get(p - 1),
            (None, _) => steps.first(),
            _ => None,
        };
        if let Some(&s) = next {
            self.step = s;
            self.field = 0;
            self.load_editor(catalogue);
        }
    }

    fn cycle_choice(&mut self, catalogue: &Catalogue, forward: bool, helper: &str) -> Vec<Effect> {
        let Some(field) = self.focused(catalogue) else {
            return Vec::new();
        };
        let values: Vec<String> = match field.kind {
            FieldKind::YesNo => vec!["yes".into(), "no".into()],
            _ => field.choices.iter().map(|c| c.value.clone()).collect(),
        };
        if values.is_empty() {
            return Vec::new();
        }
        let current = self
            .case
            .answers
            .get(&field.id)
            .and_then(|v| values.iter().position(|x| x == v));
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => values.len() - 1,
            (Some(i), true) => (i + 1) % values.len(),
            (Some(i), false) => (i + values.len() - 1) % values.len(),
        };
        self.saved = false;
        vec![self.save(catalogue, &field.id, values[next].clone(), helper)]
    }

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
                    out.push((f, shown_answer(f, v, crate::i18n::Lang::Vi)));
                }
            }
        }
        out
    }

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
        for to in [Status::ReadyToFile, Status::Filed, Status::Done] {
            if self.case.status.can_become(to) {
                rows.push(ReviewRow::Finish(to));
            }
        }
        rows
    }

    fn update_review(
        &mut self,
        action: Action,
        catalogue: &Catalogue,
        helper: &str,
        today: Date,
    ) -> (Vec<Effect>, bool) {
        let rows = self.review_rows(catalogue);
        let problems = self
            .procedure(catalogue)
            .map(|p| problems(p, &self.case.answers, today))
            .unwrap_or_default();
        let blocked: Vec<(String, String)> = problems
            .iter()
            .map(|(f, _)| self.label_of(catalogue, f))
            .collect();
        let case_id = self.case.id;
        let Mode::Review(review) = &mut self.mode else {
            return (Vec::new(), false);
        };
        let set_status = |to: Status, hoso_code: Option<String>| Effect::SetStatus {
            case: case_id,
            to,
            change: StatusChange {
                hoso_code,
                ..StatusChange::default()
            },
            helper: helper.to_owned(),
        };
        if let Some(code) = review.hoso_code.as_mut() {
            match action {
                Action::Back => review.hoso_code = None,
                Action::Submit => {
                    let typed = code.text().trim().to_owned();
                    if typed.is_empty() {
                        review.error = Some(Message::new("store.missing_hoso_code"));
                    } else {
                        return (vec![set_status(Status::Filed, Some(typed))], false);
                    }
                }
                Action::SaveFailed(m) => review.error = Some(m),
                other => {
                    super::edit_plain(code, &other);
                }
            }
            return (Vec::new(), false);
        }
        match action {
            Action::Up => review.selected = review.selected.saturating_sub(1),
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
                Some(ReviewRow::Finish(to)) if !blocked.is_empty() && *to != Status::Filed => {
                    let vi: Vec<&str> = blocked.iter().map(|(vi, _)| vi.as_str()).collect();
                    let en: Vec<&str> = blocked.iter().map(|(_, en)| en.as_str()).collect();
                    review.error = Some(Message::new("ui.review.blocked").localized(
                        "fields",
                        &vi.join(", "),
                        &en.join(", "),
                    ));
                }
                Some(ReviewRow::Finish(Status::Filed)) => {
                    review.hoso_code = Some(LineEditor::default());
                    review.error = None;
                }
                Some(ReviewRow::Finish(to)) => return (vec![set_status(*to, None)], false),
                None => {}
            },
            Action::SaveFailed(m) => review.error = Some(m),
            _ => {}
        }
        (Vec::new(), false)
    }

    /// A field's label in both languages, for messages that list fields.
    fn label_of(&self, catalogue: &Catalogue, field: &str) -> (String, String) {
        match self.procedure(catalogue).and_then(|p| p.field(field)) {
            Some(f) => (f.label.vi.clone(), f.label.get(crate::i18n::Lang::En).to_owned()),
            None => (field.to_owned(), field.to_owned()),
        }
    }

    fn update_pause(&mut self, action: Action, helper: &str, today: Date) -> (Vec<Effect>, bool) {
        let Mode::Pause(form) = &mut self.mode else {
            return (Vec::new(), false);
        };
        match action {
            Action::Up => form.reason = form.reason.saturating_sub(1),
            Action::Down => form.reason = (form.reason + 1).min(Reason::ALL.len() - 1),
            Action::Back => self.mode = Mode::Fields,
            Action::Submit => {
                let typed = form.next_visit.text().trim().to_owned();
                let next_visit = if typed.is_empty() {
                    None
                } else {
                    match crate::domain::validate::date(&typed, false, today) {
                        Ok(d) => Some(d.value),
                        Err(m) => {
                            form.error = Some(m);
                            return (Vec::new(), false);
                        }
                    }
                };
                let change = StatusChange {
                    reason: Some(Reason::ALL[form.reason]),
                    next_visit,
                    hoso_code: None,
                };
                return (
                    vec![Effect::SetStatus {
                        case: self.case.id,
                        to: Status::Paused,
                        change,
                        helper: helper.to_owned(),
                    }],
                    false,
                );
            }
            Action::SaveFailed(m) => form.error = Some(m),
            other => {
                super::edit_plain(&mut form.next_visit, &other);
            }
        }
        (Vec::new(), false)
    }

    fn update_filing(&mut self, action: Action, catalogue: &Catalogue) -> Vec<Effect> {
        let values = self.filing_values(catalogue);
        let Mode::Filing(filing) = &mut self.mode else {
            return Vec::new();
        };
        // Moving to another value clears the "copied" mark.
        let keeps_mark = matches!(action, Action::Copied | Action::Submit);
        match action {
            Action::Up | Action::PrevField => filing.index = filing.index.saturating_sub(1),
            Action::Down | Action::NextField => {
                filing.index = (filing.index + 1).min(values.len().saturating_sub(1))
            }
            Action::Back | Action::Filing => self.mode = Mode::Fields,
            Action::Copied => filing.copied = true,
            Action::SaveFailed(m) => self.error = Some(m),
            Action::Submit => {
                let value = values.get(filing.index).map(|(_, v)| v.clone());
                return value.into_iter().map(Effect::Copy).collect();
            }
            _ => {}
        }
        if !keeps_mark && let Mode::Filing(f) = &mut self.mode {
            f.copied = false;
        }
        Vec::new()
    }

    /// The documents the procedure asks for, as shown for this case's answers.
    pub fn documents<'a>(&self, catalogue: &'a Catalogue) -> Vec<&'a crate::domain::procedure::Document> {
        self.procedure(catalogue)
            .map(|p| {
                p.documents
                    .iter()
                    .filter(|d| d.is_relevant(&self.case.answers))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn update_documents(&mut self, action: Action, catalogue: &Catalogue, helper: &str) -> Vec<Effect> {
        let docs = self.documents(catalogue);
        let Mode::Documents { selected } = &mut self.mode else {
            return Vec::new();
        };
        let tick = |doc: &str, brought: bool| Effect::SetDocument {
            case: self.case.id,
            document: doc.to_owned(),
            brought,
            helper: helper.to_owned(),
        };
        match action {
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(docs.len().saturating_sub(1)),
            Action::Back | Action::Documents | Action::Submit => self.mode = Mode::Fields,
            Action::Right | Action::Left => {
                if let Some(d) = docs.get(*selected) {
                    let now = self.case.documents.get(&d.id).copied().unwrap_or(false);
                    let brought = action == Action::Right && !now;
                    if brought != now {
                        self.saved = false;
                        return vec![tick(&d.id, brought)];
                    }
                }
            }
            Action::AnswerSaved(case) => {
                self.case = case;
                self.saved = true;
            }
            Action::SaveFailed(m) => self.error = Some(m),
            _ => {}
        }
        Vec::new()
    }

    fn update_commune(&mut self, action: Action, catalogue: &Catalogue, helper: &str) -> Vec<Effect> {
        let Mode::Commune(picker) = &mut self.mode else {
            return Vec::new();
        };
        match picker.update(&action, Units::embedded()) {
            Picked::Open => Vec::new(),
            Picked::Cancelled => {
                self.mode = Mode::Fields;
                Vec::new()
            }
            Picked::Chosen(code) => {
                self.mode = Mode::Fields;
                let Some(field) = self.focused(catalogue) else {
                    return Vec::new();
                };
                self.problems.remove(&field.id);
                self.saved = false;
                vec![self.save(catalogue, &field.id, code.to_string(), helper)]
            }
        }
    }

    /// Opens the commune picker on the field's commune, else the office's.
    fn open_commune(&mut self, catalogue: &Catalogue, home: Option<u32>) {
        let current = self
            .focused(catalogue)
            .and_then(|f| self.case.answers.get(&f.id))
            .and_then(|v| v.parse().ok());
        self.mode = Mode::Commune(CommunePicker::new(current.or(home), Units::embedded()));
    }

    /// Moves the highlight of a multiple choice, or ticks the option under it.
    fn multi_choice(&mut self, catalogue: &Catalogue, action: &Action, helper: &str) -> Vec<Effect> {
        let Some(field) = self.focused(catalogue) else {
            return Vec::new();
        };
        let n = field.choices.len();
        match action {
            Action::Left => self.choice = self.choice.saturating_sub(1),
            Action::Right => self.choice = (self.choice + 1).min(n.saturating_sub(1)),
            Action::Toggle => {
                let Some(option) = field.choices.get(self.choice) else {
                    return Vec::new();
                };
                let mut picked: Vec<&str> = self
                    .case
                    .answers
                    .get(&field.id)
                    .map(|v| v.split(',').filter(|x| !x.is_empty()).collect())
                    .unwrap_or_default();
                if let Some(at) = picked.iter().position(|v| *v == option.value) {
                    picked.remove(at);
                } else {
                    picked.push(&option.value);
                }
                // Kept in the procedure's order, whatever order they were ticked.
                let value: Vec<&str> = field
                    .choices
                    .iter()
                    .map(|c| c.value.as_str())
                    .filter(|v| picked.contains(v))
                    .collect();
                self.saved = false;
                return vec![self.save(catalogue, &field.id, value.join(","), helper)];
            }
            _ => {}
        }
        Vec::new()
    }

    /// Returns the effects, and whether to leave for Home.
    pub fn update(
        &mut self,
        action: Action,
        catalogue: &Catalogue,
        settings: &Settings,
        today: Date,
    ) -> (Vec<Effect>, bool) {
        let helper = settings.helper.as_str();
        // A new status from any part of the wizard: taken up again
        // (preparing) it stays; paused, ready, filed or done ends the visit
        // with a slip.
        if let Action::StatusChanged(case) = action {
            let ends_visit = case.status != Status::Preparing;
            self.case = case;
            self.mode = Mode::Fields;
            self.finished = ends_visit;
            return (Vec::new(), ends_visit);
        }
        match &self.mode {
            Mode::Filing(_) => return (self.update_filing(action, catalogue), false),
            Mode::Pause(_) => return self.update_pause(action, helper, today),
            Mode::Review(_) => return self.update_review(action, catalogue, helper, today),
            Mode::Documents { .. } => return (self.update_documents(action, catalogue, helper), false),
            Mode::Commune(_) => return (self.update_commune(action, catalogue, helper), false),
            Mode::Fields => {}
        }
        // Every overlay saves the focused field first: nothing typed waits.
        let overlay = match action {
            Action::Filing => Some(Mode::Filing(Filing::default())),
            Action::Review => Some(Mode::Review(Review::default())),
            Action::Pause => Some(Mode::Pause(PauseForm::default())),
            Action::Documents => Some(Mode::Documents { selected: 0 }),
            _ => None,
        };
        if let Some(mode) = overlay {
            let effects = self.commit_field(catalogue, helper, today);
            self.mode = mode;
            return (effects, false);
        }
        let text = self.focused_is_text(catalogue);
        let kind = self.focused(catalogue).map(|f| f.kind);
        let unanswered = self
            .focused(catalogue)
            .is_none_or(|f| !self.case.answers.contains_key(&f.id));
        match action {
            Action::AnswerSaved(case) => {
                self.case = case;
                self.saved = true;
                self.error = None;
                // Conditions may have hidden the focused field.
                let n = self.visible_fields(catalogue).len();
                if self.field >= n {
                    self.field = n.saturating_sub(1);
                }
                if !text {
                    // The highlight of a multiple choice stays where it was.
                    let choice = self.choice;
                    self.load_editor(catalogue);
                    self.choice = choice;
                }
                (Vec::new(), false)
            }
            Action::SaveFailed(m) => {
                self.error = Some(m);
                (Vec::new(), false)
            }
            Action::Back => (self.commit_field(catalogue, helper, today), true),
            // An empty commune field picks its commune before moving on.
            Action::Submit if kind == Some(FieldKind::Commune) && unanswered => {
                self.open_commune(catalogue, settings.home_commune);
                (Vec::new(), false)
            }
            Action::NextField | Action::Submit => {
                let e = self.commit_field(catalogue, helper, today);
                let n = self.visible_fields(catalogue).len();
                if self.field + 1 >= n {
                    self.move_step(catalogue, true);
                } else {
                    self.move_field(catalogue, 1);
                }
                (e, false)
            }
            Action::PrevField => {
                let e = self.commit_field(catalogue, helper, today);
                if self.field == 0 {
                    // Back into the previous step at its last field, the one
                    // just left.
                    let step = self.step;
                    self.move_step(catalogue, false);
                    if self.step != step {
                        let last = self.visible_fields(catalogue).len().saturating_sub(1);
                        self.go_to(catalogue, self.step, last);
                    }
                } else {
                    self.move_field(catalogue, -1);
                }
                (e, false)
            }
            Action::NextStep | Action::PrevStep => {
                let e = self.commit_field(catalogue, helper, today);
                self.move_step(catalogue, action == Action::NextStep);
                (e, false)
            }
            Action::Left | Action::Right | Action::Toggle if kind == Some(FieldKind::Commune) => {
                self.open_commune(catalogue, settings.home_commune);
                (Vec::new(), false)
            }
            Action::Left | Action::Right | Action::Toggle if kind == Some(FieldKind::MultiChoice) => {
                (self.multi_choice(catalogue, &action, helper), false)
            }
            Action::Left | Action::Right | Action::Toggle if !text => (
                self.cycle_choice(catalogue, action != Action::Left, helper),
                false,
            ),
            Action::Type(c) if text => {
                let method = if kind.is_some_and(is_numeric) {
                    InputMethod::Off
                } else {
                    settings.input_method
                };
                super::type_char(&mut self.editor, c, method);
                (Vec::new(), false)
            }
            other if text => {
                super::edit_plain(&mut self.editor, &other);
                (Vec::new(), false)
            }
            _ => (Vec::new(), false),
        }
    }
}
