//! Choosing a procedure: guided ones and the national list's entries,
//! searched accent-free and browsed by field of work and level.

use crate::app::edit::edit_plain;
use crate::app::keymap::Layer;
use crate::app::{Action, Carried, Ctx, Go, Outcome};
use trolyso_core::domain::catalogue::field_key;
use trolyso_core::domain::procedure::{Catalogue, GENERIC_ID, GENERIC_NAME, Level};
use trolyso_core::i18n::Lang;
use trolyso_core::text::{LineEditor, fold, fold_matches};

#[derive(Debug, Default)]
pub struct Picker {
    pub query: LineEditor,
    pub selected: usize,
    /// Only this field of work (`ho_tich`, `cu_tru`…), when chosen.
    pub field: Option<String>,
    /// Only this level, when chosen.
    pub level: Option<Level>,
    /// The person on file the new case is for (from their screen).
    pub for_person: Option<Box<trolyso_store::store::Resident>>,
}

/// A row of the picker: a guided procedure, or an entry of the national
/// list worked with the general guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickRow {
    Guided(usize),
    Entry(usize),
}

/// The levels offered for browsing, in the order Shift+Tab steps through.
const LEVELS: [Level; 4] = [Level::Full, Level::Partial, Level::Guide, Level::Unknown];

/// The fields of work present in the catalogue, sorted.
pub fn fields_of_work(catalogue: &Catalogue) -> Vec<String> {
    let mut fields: Vec<String> = catalogue
        .procedures
        .iter()
        .filter_map(|p| p.field_of_work.as_deref())
        .map(field_key)
        .chain(catalogue.entries.iter().map(|e| e.field_key.clone()))
        .filter(|f| !f.is_empty())
        .collect();
    fields.sort();
    fields.dedup();
    fields
}

/// Guided procedures whose Vietnamese or English title matches what was
/// typed (accents or not), then the national list's entries, within the
/// picker's field of work and level.
pub fn picker_matches(catalogue: &Catalogue, picker: &Picker) -> Vec<PickRow> {
    // "level 1" finds "level-1": a hyphen reads as a space in titles and
    // in what is typed.
    let q = fold(&picker.query.text().replace('-', " "));
    let matches = |t: &str| fold_matches(&fold(&t.replace('-', " ")), &q);
    // Guided files name their field by key already; entries carry theirs.
    let in_field = |key: Option<&str>| picker.field.as_deref().is_none_or(|want| key == Some(want));
    let in_level = |l: Level| picker.level.is_none_or(|want| want == l);
    let guided = (0..catalogue.procedures.len()).filter(|&i| {
        let p = &catalogue.procedures[i];
        p.id != GENERIC_ID
            && in_field(p.field_of_work.as_deref().map(field_key).as_deref())
            && in_level(p.level)
            && (matches(&p.title.vi) || matches(p.title.get(Lang::En)))
    });
    let entries = trolyso_core::domain::catalogue::matching(&catalogue.entries, &q)
        .filter(|(_, e)| in_field(Some(&e.field_key)) && in_level(e.level))
        .map(|(i, _)| PickRow::Entry(i));
    guided.map(PickRow::Guided).chain(entries).collect()
}

/// The item after `current` in `items`, with "all" (None) before the first
/// and after the last.
fn next_of<T: Clone + PartialEq>(items: &[T], current: Option<&T>) -> Option<T> {
    match current.and_then(|c| items.iter().position(|x| x == c)) {
        None => items.first().cloned(),
        Some(i) => items.get(i + 1).cloned(),
    }
}

impl Picker {
    pub fn layers(&self) -> Vec<Layer> {
        vec![
            Layer::TextField,
            Layer::Browse,
            Layer::List,
            Layer::Confirm,
            Layer::Leave,
            Layer::Global,
        ]
    }

    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        // The matches are searched only by the keys that need them: a typed
        // letter changes the query, and the frame searches anyway.
        let matches = |p: &Picker| picker_matches(ctx.catalogue, p);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(matches(self).len().saturating_sub(1)),
            Action::Pick(i) => {
                let len = matches(self).len();
                if crate::app::clicked_row(&mut self.selected, i, len) {
                    return self.update(Action::Submit, ctx);
                }
            }
            Action::NextFieldOfWork => {
                self.field = next_of(&fields_of_work(ctx.catalogue), self.field.as_ref());
                self.selected = 0;
            }
            Action::PrevFieldOfWork => {
                let mut fields = fields_of_work(ctx.catalogue);
                fields.reverse();
                self.field = next_of(&fields, self.field.as_ref());
                self.selected = 0;
            }
            Action::NextLevel => {
                self.level = next_of(&LEVELS, self.level.as_ref());
                self.selected = 0;
            }
            Action::Back => return Outcome::go(Go::Home),
            Action::Submit => {
                let generic = ctx.catalogue.procedures.iter().position(|x| x.id == GENERIC_ID);
                let chosen = match matches(self).get(self.selected) {
                    Some(PickRow::Guided(i)) => Some((*i, None)),
                    Some(PickRow::Entry(e)) => generic.map(|g| (g, Some(*e))),
                    None => None,
                };
                if let Some((procedure, entry)) = chosen {
                    return Outcome::go(Go::Detail {
                        procedure,
                        entry,
                        person: self.for_person.clone(),
                    });
                }
                // Nothing matches what was typed: the general guide, the
                // procedure's name as typed (issue 30, item 9).
                let name = self.query.text().trim();
                if let Some(procedure) = generic.filter(|_| !name.is_empty()) {
                    let guide = &ctx.catalogue.procedures[procedure];
                    let carried = vec![Carried::new(guide, GENERIC_NAME, trolyso_core::text::nfc(name))];
                    return Outcome::go(Go::Referred { procedure, carried });
                }
            }
            other => {
                if !edit_plain(&mut self.query, &other) {
                    return Outcome::ignored();
                }
                self.selected = 0;
            }
        }
        Outcome::default()
    }
}
