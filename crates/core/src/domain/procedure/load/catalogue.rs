//! The procedures that loaded, and the national list's entries beside them.

use std::collections::HashSet;

use super::LoadProblem;
use crate::domain::procedure::model::Procedure;
use crate::domain::procedure::model::ResidentFields;
use crate::domain::procedure::roles::{FieldRoles, FoundFields};

/// The procedures that loaded, and what was wrong with the files that did not.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub procedures: Vec<Procedure>,
    pub problems: Vec<LoadProblem>,
    /// Entries of the national list with no guided file of their own.
    pub entries: Vec<crate::domain::catalogue::Entry>,
}

/// The answers a case is found by, and the other people it names, per
/// procedure id: plain data a worker thread can take along.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoundBy(std::collections::BTreeMap<String, FieldRoles>);

impl FoundBy {
    fn roles(&self, procedure: &str) -> Option<&FieldRoles> {
        let id = if procedure.starts_with(ENTRY_PREFIX) {
            GENERIC_ID
        } else {
            procedure
        };
        self.0.get(id)
    }

    /// The fields a case of `procedure` is found by.
    pub fn of(&self, procedure: &str) -> Option<&FoundFields> {
        self.roles(procedure).map(|r| &r.found)
    }

    /// The other people a case of `procedure` names with their number.
    pub fn named_of(&self, procedure: &str) -> &[ResidentFields] {
        self.roles(procedure).map_or(&[], |r| &r.named)
    }
}

/// The guided file every catalogue entry without one of its own is worked with.
pub const GENERIC_ID: &str = "thu-tuc-chung";

/// The general guide's field for the procedure's name: filled from the
/// national list's entry, or from what the helper typed when nothing matched.
pub const GENERIC_NAME: &str = "ten_thu_tuc";
/// A case of a catalogue entry has the procedure id `danh-muc:<code>`.
pub const ENTRY_PREFIX: &str = "danh-muc:";

impl Catalogue {
    /// The procedure a case is worked with: its guided file, or the general
    /// guide for a catalogue entry.
    pub fn get(&self, id: &str) -> Option<&Procedure> {
        let id = if id.starts_with(ENTRY_PREFIX) {
            GENERIC_ID
        } else {
            id
        };
        self.procedures.iter().find(|p| p.id == id)
    }

    /// Which answers of each procedure a case is found by: what the person
    /// and number indexes of cases are built from, away from the catalogue
    /// (on a worker).
    pub fn found_by(&self) -> FoundBy {
        FoundBy(
            self.procedures
                .iter()
                .map(|p| (p.id.clone(), p.roles()))
                .collect(),
        )
    }

    /// The level of a case's procedure as its guide says it: its guided
    /// file's, or the national list's for a case of a catalogue entry.
    pub fn level(&self, id: &str) -> super::super::Level {
        if let Some(e) = self.entry(id) {
            return e.level;
        }
        match self.get(id) {
            Some(p) if !id.starts_with(ENTRY_PREFIX) => p.level,
            _ => super::super::Level::Unknown,
        }
    }

    /// The catalogue entry of a case id `danh-muc:<code>`.
    pub fn entry(&self, id: &str) -> Option<&crate::domain::catalogue::Entry> {
        let code = id.strip_prefix(ENTRY_PREFIX)?;
        self.entries.iter().find(|e| e.code == code)
    }

    /// What a case's procedure is called: the guided file's title, the
    /// entry's title, or the code.
    pub fn title(&self, id: &str, lang: crate::i18n::Lang) -> String {
        if let Some(e) = self.entry(id) {
            return e.title.clone();
        }
        match self.get(id) {
            Some(p) if !id.starts_with(ENTRY_PREFIX) => p.title.get(lang).to_owned(),
            _ => id.trim_start_matches(ENTRY_PREFIX).to_owned(),
        }
    }

    /// Takes the national list, leaving out the entries a guided file
    /// already covers (by portal code).
    pub fn set_entries(&mut self, entries: Vec<crate::domain::catalogue::Entry>) {
        let covered: HashSet<&str> = self
            .procedures
            .iter()
            .filter_map(|p| p.portal.as_ref())
            .flat_map(|c| c.code.split(" / "))
            .collect();
        let kept = entries
            .into_iter()
            .filter(|e| !covered.contains(e.code.as_str()))
            .collect();
        self.entries = kept;
    }
}
