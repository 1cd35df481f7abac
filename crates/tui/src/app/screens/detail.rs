//! A procedure's detail and the readiness checklist, before a case starts.

use crate::app::CaseEffect;
use crate::app::keymap::Layer;
use crate::app::{Action, Carried, Ctx, Effect, Go, Outcome};
use trolyso_core::domain::procedure::{Catalogue, ENTRY_PREFIX, GENERIC_NAME, Procedure};
use trolyso_store::store::Resident;

#[derive(Debug, Default)]
pub struct Detail {
    /// Index into the catalogue's procedures.
    pub procedure: usize,
    /// The national list's entry worked with the general guide, if any.
    pub entry: Option<usize>,
    /// One tick per readiness item.
    pub checks: Vec<bool>,
    pub selected: usize,
    /// Answers the case starts with (from the case that referred here).
    pub carried: Vec<Carried>,
    /// The person on file the case is for (started from their screen):
    /// what their record knows is its first answers.
    pub person: Option<Box<Resident>>,
}

impl Detail {
    pub fn layers(&self) -> Vec<Layer> {
        vec![
            Layer::Checklist,
            Layer::List,
            Layer::Confirm,
            Layer::Leave,
            Layer::Global,
        ]
    }

    pub fn new(catalogue: &Catalogue, procedure: usize, entry: Option<usize>) -> Self {
        let items = catalogue.procedures[procedure].readiness.len();
        Detail {
            procedure,
            entry,
            checks: vec![false; items],
            selected: 0,
            carried: Vec::new(),
            person: None,
        }
    }

    /// The detail of a procedure chosen for a person on file.
    pub fn for_person(self, person: Option<Box<Resident>>) -> Self {
        Detail { person, ..self }
    }

    /// The detail of the procedure a case (or the picker) sends the
    /// resident to, with the answers the new case starts with.
    pub fn referred(catalogue: &Catalogue, procedure: usize, carried: Vec<Carried>) -> Self {
        Detail {
            carried,
            ..Detail::new(catalogue, procedure, None)
        }
    }

    fn set(&mut self, tick: impl FnOnce(bool) -> bool) {
        if let Some(c) = self.checks.get_mut(self.selected) {
            *c = tick(*c);
        }
    }

    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let proc = &ctx.catalogue.procedures[self.procedure];
        let last = self.checks.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Toggle => self.set(|on| !on),
            Action::Tick => self.set(|_| true),
            Action::Untick => self.set(|_| false),
            Action::Back => return Outcome::go(Go::Picker),
            Action::Submit => {
                let readiness = proc
                    .readiness
                    .iter()
                    .zip(&self.checks)
                    .map(|(r, c)| (r.id.clone(), *c))
                    .collect();
                // What was ticked here as brought is ticked in F7 too.
                let brought = proc
                    .readiness
                    .iter()
                    .zip(&self.checks)
                    .filter(|(_, c)| **c)
                    .flat_map(|(r, _)| r.documents.iter().cloned())
                    .collect();
                let entry = self.entry.and_then(|e| ctx.catalogue.entries.get(e));
                let procedure_id = match entry {
                    Some(e) => format!("{ENTRY_PREFIX}{}", e.code),
                    None => proc.id.clone(),
                };
                // What the checklist saw, the steps do not ask again. Built
                // afresh at each Enter: a start that failed is tried again
                // with the same answers.
                let mut carried = self.carried.clone();
                if let Some(person) = &self.person {
                    carried.extend(person_answers(proc, person));
                }
                for (r, _) in proc.readiness.iter().zip(&self.checks).filter(|(_, c)| **c) {
                    if let Some((field, value)) = &r.answer
                        && !carried.iter().any(|c| c.field == *field)
                    {
                        carried.push(Carried::new(proc, field, value.clone()));
                    }
                }
                // The general guide names the national list's entry it runs.
                if let Some(e) = entry.filter(|_| proc.field(GENERIC_NAME).is_some()) {
                    carried.push(Carried::new(proc, GENERIC_NAME, e.title.clone()));
                }
                return Outcome::effect(Effect::Case(CaseEffect::CreateCase {
                    procedure_id,
                    version: proc.version,
                    helper: ctx.settings.helper.clone(),
                    readiness,
                    brought,
                    carried,
                    resident: self.person.as_ref().map(|p| p.id),
                }));
            }
            Action::CaseOpened(case) => return Outcome::go(Go::Wizard(Box::new(case))),
            _ => return Outcome::ignored(),
        }
        Outcome::default()
    }
}

/// What a person's record knows, as answers of a case of `proc`.
fn person_answers(proc: &Procedure, person: &Resident) -> Vec<Carried> {
    person
        .answers_for(&proc.resident)
        .into_iter()
        .map(|(field, value)| Carried::new(proc, &field, value))
        .collect()
}
