//! The fields of a step: typing, choosing, moving between fields and steps,
//! and the commune picker over a commune field.

use super::{Filing, Mode, PauseForm, Review, Wizard};
use crate::app::CaseEffect;
use crate::app::commune::{CommunePicker, Picked};
use crate::app::edit::edit_composed;
use crate::app::{Action, Carried, Ctx, Effect, Go, Outcome};
use trolyso_core::domain::procedure::{AnswerRole, Catalogue, Field, FieldKind, Procedure, check_answer};
use trolyso_core::domain::units::Units;
use trolyso_core::text::{InputMethod, LineEditor};
use trolyso_store::store::Case;

impl Wizard {
    pub(super) fn load_editor(&mut self, catalogue: &Catalogue) {
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
    pub fn commit_field(&mut self, ctx: &Ctx) -> Vec<Effect> {
        let Some(field) = self.focused(ctx.catalogue) else {
            return Vec::new();
        };
        if !field.kind.is_typed() {
            return Vec::new();
        }
        let typed = self.editor.text().trim().to_owned();
        let before = self.case.answers.get(&field.id).cloned().unwrap_or_default();
        let value = if typed.is_empty() {
            self.problems.remove(&field.id);
            self.warnings.remove(&field.id);
            String::new()
        } else {
            self.check_noting(field, &typed, ctx).unwrap_or(typed)
        };
        if value == before {
            return Vec::new();
        }
        vec![self.save(ctx, &field.id, value)]
    }

    /// A committed edit came back from the store: it is the case from now
    /// on, whatever has the keys (the card F6 shows, the review F5 shows,
    /// are drawn from it: an answer saved on the way into them shows).
    /// The case as stored after an edit. When the edit made it a known
    /// person's (their identification number typed), the answers filled
    /// from that person's record are said.
    pub(super) fn case_saved(
        &mut self,
        case: Case,
        catalogue: &Catalogue,
    ) -> Option<trolyso_core::i18n::Message> {
        let filled = self.filled_from_record(&case, catalogue);
        self.case = case;
        self.saved = true;
        self.error = None;
        if !matches!(self.mode, Mode::Fields) {
            return filled;
        }
        // Conditions may have hidden the focused field.
        let n = self.visible_fields(catalogue).len();
        if self.field >= n {
            self.field = n.saturating_sub(1);
        }
        if !self.focused_is_text(catalogue) {
            // The highlight of a multiple choice stays where it was.
            let choice = self.choice;
            self.load_editor(catalogue);
            self.choice = choice;
        } else if filled.is_some() && self.editor.text().is_empty() {
            // The field the helper moved to was filled from the record:
            // shown, and not saved back empty when it is left.
            self.load_editor(catalogue);
        }
        filled
    }

    /// The answers `saved` gained from a person's record on file: the case
    /// changed person, and fields other than the one saved were filled.
    fn filled_from_record(&self, saved: &Case, catalogue: &Catalogue) -> Option<trolyso_core::i18n::Message> {
        if saved.resident_id.is_none() || saved.resident_id == self.case.resident_id {
            return None;
        }
        let procedure = self.procedure(catalogue)?;
        let labels: Vec<&trolyso_core::domain::procedure::Text> = procedure
            .fields()
            .filter(|f| Some(&f.id) != saved.last_field.as_ref())
            .filter(|f| saved.answers.contains_key(&f.id) && !self.case.answers.contains_key(&f.id))
            .map(|f| &f.label)
            .collect();
        if labels.is_empty() {
            return None;
        }
        let list = |lang| labels.iter().map(|l| l.get(lang)).collect::<Vec<_>>().join(", ");
        use trolyso_core::i18n::Lang;
        Some(
            trolyso_core::i18n::Message::new("ui.wizard.known_person").localized(
                "fields",
                &list(Lang::Vi),
                &list(Lang::En),
            ),
        )
    }

    /// A field that has shown a message is checked again as it is typed,
    /// so the message goes as soon as the value is right (and never stays
    /// about a value that is no longer there).
    fn recheck(&mut self, ctx: &Ctx) {
        let Some(field) = self.focused(ctx.catalogue) else {
            return;
        };
        if !self.problems.contains_key(&field.id) {
            return;
        }
        let typed = self.editor.text().trim().to_owned();
        self.check_noting(field, &typed, ctx);
    }

    /// Checks `typed` for `field`, keeping its message or warning for the
    /// screen (or letting them go); the tidied value when it passes.
    fn check_noting(&mut self, field: &Field, typed: &str, ctx: &Ctx) -> Option<String> {
        self.warnings.remove(&field.id);
        match check_answer(field, typed, &self.case.answers, ctx.today) {
            Ok(checked) => {
                self.problems.remove(&field.id);
                self.warnings
                    .extend(checked.warning.map(|m| (field.id.clone(), m)));
                Some(checked.value)
            }
            Err(m) => {
                self.problems.insert(field.id.clone(), m);
                None
            }
        }
    }

    /// The focused text field holds what is not stored yet. After a failed
    /// save this waits for the next key rather than retrying on its own.
    pub fn typing_unsaved(&self, catalogue: &Catalogue) -> bool {
        matches!(self.mode, Mode::Fields)
            && self.error.is_none()
            && self.focused(catalogue).is_some_and(|f| {
                // Compared as the store keeps it (trimmed, NFC): a value that
                // could never match would be saved again at every pause.
                let stored = self.case.answers.get(&f.id).map_or("", |v| v.as_str());
                f.kind.is_typed() && trolyso_core::text::nfc(self.editor.text().trim()) != stored
            })
    }

    /// Saves the focused text field as typed, without checking it: a pause
    /// in typing must not bring up a message about a half-typed date.
    fn save_typing(&mut self, ctx: &Ctx) -> Vec<Effect> {
        if !self.typing_unsaved(ctx.catalogue) {
            return Vec::new();
        }
        let Some(field) = self.focused(ctx.catalogue) else {
            return Vec::new();
        };
        let typed = self.editor.text().trim().to_owned();
        vec![self.save(ctx, &field.id, typed)]
    }

    /// The committed edit of one answer; the resident's record comes along
    /// when the field is one of the resident's.
    pub(super) fn save(&mut self, ctx: &Ctx, field: &str, value: String) -> Effect {
        self.saved = false;
        let answer = match self.procedure(ctx.catalogue) {
            Some(p) => Carried::new(p, field, value),
            // A procedure no longer in the catalogue: the answer alone.
            None => Carried {
                field: field.to_owned(),
                value,
                role: AnswerRole::default(),
            },
        };
        Effect::Case(CaseEffect::SaveAnswer {
            case: self.case.id,
            field: answer.field,
            value: answer.value,
            helper: ctx.settings.helper.clone(),
            role: Box::new(answer.role),
        })
    }

    /// The answers of this case that `to` asks too (the same field, of the
    /// same kind, accepted there): a case started there from this one begins
    /// with them. The field being typed is committed first by the caller.
    fn carried_to(&self, ctx: &Ctx, to: &Procedure) -> Vec<Carried> {
        let Some(from) = self.procedure(ctx.catalogue) else {
            return Vec::new();
        };
        let answers = &self.case.answers;
        to.fields()
            .filter(|f| from.field(&f.id).is_some_and(|g| g.kind == f.kind))
            .filter_map(|f| {
                let value = answers.get(&f.id)?;
                let checked = check_answer(f, value, answers, ctx.today).ok()?;
                Some(Carried::new(to, &f.id, checked.value))
            })
            .collect()
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

    /// The option at `option` of the focused choice, chosen (a multiple
    /// choice's ticked or unticked), saved at once.
    fn choose_option(&mut self, ctx: &Ctx, option: usize) -> Vec<Effect> {
        let Some(field) = self.focused(ctx.catalogue) else {
            return Vec::new();
        };
        match field.kind {
            FieldKind::MultiChoice => {
                self.choice = option.min(field.choices.len().saturating_sub(1));
                self.multi_choice(ctx, &Action::Toggle)
            }
            _ => match field.option_values().get(option) {
                Some(v) => vec![self.save(ctx, &field.id, (*v).to_owned())],
                None => Vec::new(),
            },
        }
    }

    /// The next or previous option of a choice or yes/no, saved at once.
    fn cycle_choice(&mut self, ctx: &Ctx, forward: bool) -> Vec<Effect> {
        let Some(field) = self.focused(ctx.catalogue) else {
            return Vec::new();
        };
        let values = field.option_values();
        if values.is_empty() {
            return Vec::new();
        }
        let current = self
            .case
            .answers
            .get(&field.id)
            .and_then(|v| values.iter().position(|x| x == v));
        // Like a list: nothing chosen yet, either arrow starts at the first;
        // the ends stop rather than wrap round.
        let next = match (current, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(values.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        vec![self.save(ctx, &field.id, values[next].to_owned())]
    }

    /// The option the letters typed on this field begin (its label in the
    /// screen's language, accents or not, or its stored value: "y"/"n" work
    /// in Vietnamese too), chosen and saved; the next field gets the focus
    /// once only one option begins so ("n" is Nam or Nữ, "na" is Nam). None
    /// when no option does.
    fn choose_by_letter(&mut self, ctx: &Ctx, c: char) -> Option<Vec<Effect>> {
        let catalogue = ctx.catalogue;
        let field = self.focused(catalogue)?;
        let mut typed = match &self.choice_typed {
            Some((id, t)) if *id == field.id => t.clone(),
            _ => String::new(),
        };
        typed.push_str(&trolyso_core::text::fold(&c.to_string()));
        let begins = |v: &&str| {
            let label = trolyso_core::domain::procedure::shown_answer(field, v, *ctx.lang);
            trolyso_core::text::fold(&label).starts_with(&typed) || v.starts_with(typed.as_str())
        };
        let values = field.option_values();
        let fitting: Vec<&str> = values.iter().copied().filter(begins).collect();
        let pick = *fitting.first()?;
        let id = field.id.clone();
        self.choice_typed = Some((id.clone(), typed));
        let effects = vec![self.save(ctx, &id, pick.to_owned())];
        if fitting.len() == 1 {
            self.choice_typed = None;
            // The answer counts at once for what it shows or hides (the
            // store's copy comes back with the same value).
            self.case.answers.insert(id, pick.to_owned());
            if self.field + 1 >= self.visible_fields(catalogue).len() {
                self.move_step(catalogue, true);
            } else {
                self.move_field(catalogue, 1);
            }
        }
        Some(effects)
    }

    /// Moves the highlight of a multiple choice, or ticks the option under it.
    fn multi_choice(&mut self, ctx: &Ctx, action: &Action) -> Vec<Effect> {
        let Some(field) = self.focused(ctx.catalogue) else {
            return Vec::new();
        };
        let n = field.choices.len();
        match action {
            Action::PrevChoice => self.choice = self.choice.saturating_sub(1),
            Action::NextChoice => self.choice = (self.choice + 1).min(n.saturating_sub(1)),
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
                return vec![self.save(ctx, &field.id, value.join(","))];
            }
            _ => {}
        }
        Vec::new()
    }

    /// Opens the commune picker on the field's commune, else the office's.
    fn open_commune(&mut self, ctx: &Ctx) {
        let current = self
            .focused(ctx.catalogue)
            .and_then(|f| self.case.answers.get(&f.id))
            .and_then(|v| v.parse().ok());
        let start = current.or(ctx.settings.home_commune);
        self.mode = Mode::Commune(CommunePicker::new(start, Units::embedded()));
    }

    pub(super) fn update_commune(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        // The picker has no line for a failure: the notice line shows it.
        if matches!(action, Action::Failed(_)) {
            return Outcome::ignored();
        }
        let Mode::Commune(picker) = &mut self.mode else {
            return Outcome::ignored();
        };
        match picker.update(&action, Units::embedded()) {
            Picked::Open => {}
            Picked::Cancelled => self.mode = Mode::Fields,
            Picked::Chosen(code) => {
                self.mode = Mode::Fields;
                if let Some(field) = self.focused(ctx.catalogue) {
                    self.problems.remove(&field.id);
                    return Outcome::effect(self.save(ctx, &field.id, code.to_string()));
                }
            }
        }
        Outcome::default()
    }

    /// The fields have the keys.
    pub(super) fn update_fields(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let catalogue = ctx.catalogue;
        // Every overlay saves the focused field first: nothing typed waits.
        let overlay = match action {
            Action::Filing => Some(Mode::Filing(Filing::default())),
            Action::Review => Some(Mode::Review(Review::default())),
            Action::Pause => Some(Mode::Pause(PauseForm::default())),
            Action::Documents => Some(Mode::Documents { selected: 0 }),
            _ => None,
        };
        if let Some(mode) = overlay {
            let effects = self.commit_field(ctx);
            self.mode = mode;
            return Outcome::effects(effects);
        }
        let text = self.focused_is_text(catalogue);
        let kind = self.focused(catalogue).map(|f| f.kind);
        let unanswered = self
            .focused(catalogue)
            .is_none_or(|f| !self.case.answers.contains_key(&f.id));
        let effects = match action {
            Action::Failed(m) => {
                self.error = Some(m);
                Vec::new()
            }
            Action::SaveTyping => self.save_typing(ctx),
            Action::Back => {
                let effects = self.commit_field(ctx);
                return self.leave(effects, ctx);
            }
            // The resident's screen: what is typed is saved first.
            Action::OpenPerson => {
                let effects = self.commit_field(ctx);
                let row = trolyso_store::store::CaseRow {
                    case: self.case.clone(),
                    resident: None,
                };
                return Outcome::effects(effects).then_go(Go::Person {
                    row: Box::new(row),
                    from_case: true,
                });
            }
            // This case stays as it is (paused or deleted later if it was
            // the wrong one); the right procedure opens to start anew.
            Action::OpenReferred => {
                let effects = self.commit_field(ctx);
                return match self.referred(catalogue) {
                    Some(procedure) => {
                        let carried = self.carried_to(ctx, &catalogue.procedures[procedure]);
                        Outcome::effects(effects).then_go(Go::Referred { procedure, carried })
                    }
                    None => Outcome::effects(effects),
                };
            }
            // An empty commune field takes the office's commune on Enter (it
            // is offered there, issue 30 item 10); with none set, Enter
            // opens the list first.
            Action::Submit
                if kind == Some(FieldKind::Commune) && unanswered && ctx.settings.home_commune.is_none() =>
            {
                self.open_commune(ctx);
                Vec::new()
            }
            Action::NextField | Action::Submit => {
                let left = self.focused(catalogue).map(|f| f.id.clone());
                let mut e = self.commit_field(ctx);
                if let (Action::Submit, Some(FieldKind::Commune), true, Some(office), Some(id)) =
                    (&action, kind, unanswered, ctx.settings.home_commune, &left)
                {
                    e.push(self.save(ctx, id, office.to_string()));
                }
                let wrong = left.is_some_and(|id| self.problems.contains_key(&id));
                if self.field + 1 >= self.visible_fields(catalogue).len() {
                    // A wrong last field keeps the focus, its message under
                    // it: the next step would hide it (PgDn still moves on).
                    if !wrong {
                        self.move_step(catalogue, true);
                    }
                } else {
                    self.move_field(catalogue, 1);
                }
                e
            }
            Action::PrevField => {
                let e = self.commit_field(ctx);
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
                e
            }
            Action::ChooseOption { field, option } if field < self.visible_fields(catalogue).len() => {
                let mut e = Vec::new();
                if field != self.field {
                    e = self.commit_field(ctx);
                    self.go_to(catalogue, self.step, field);
                }
                e.extend(self.choose_option(ctx, option));
                e
            }
            // A click on a field of the step: the one left is saved first.
            Action::FocusField(i) if i < self.visible_fields(catalogue).len() => {
                let e = self.commit_field(ctx);
                self.go_to(catalogue, self.step, i);
                e
            }
            Action::NextStep | Action::PrevStep => {
                let e = self.commit_field(ctx);
                self.move_step(catalogue, action == Action::NextStep);
                e
            }
            Action::OpenCommunePicker if kind == Some(FieldKind::Commune) => {
                self.open_commune(ctx);
                Vec::new()
            }
            Action::PrevChoice | Action::NextChoice | Action::Toggle
                if kind == Some(FieldKind::MultiChoice) =>
            {
                self.multi_choice(ctx, &action)
            }
            Action::PrevChoice | Action::NextChoice if !text => {
                self.cycle_choice(ctx, action == Action::NextChoice)
            }
            // A letter picks the option it begins ("c" Có, "k" Không, "n"
            // Nam): one key, and on to the next field when only one does.
            Action::Type(c) if matches!(kind, Some(FieldKind::Choice | FieldKind::YesNo)) => {
                match self.choose_by_letter(ctx, c) {
                    Some(effects) => effects,
                    None => return Outcome::ignored(),
                }
            }
            other if text => {
                let method = if kind.is_some_and(FieldKind::composes) {
                    ctx.settings.input_method
                } else {
                    InputMethod::Off
                };
                let edited = edit_composed(&mut self.editor, &other, method);
                if edited {
                    // A failure is tried again at the next pause.
                    self.error = None;
                    self.recheck(ctx);
                }
                return Outcome::handled_if(edited);
            }
            _ => return Outcome::ignored(),
        };
        Outcome::effects(effects)
    }
}
