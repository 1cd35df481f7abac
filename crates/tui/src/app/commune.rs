//! The commune picker: a province first, then one of its communes, or a
//! commune typed straight away, accents or not, anywhere in the country.
//! Used by the setup and settings screens and by a procedure's commune
//! fields; it stores the unit's code and shows its name.

use super::action::Action;
use trolyso_core::domain::units::Units;
use trolyso_core::text::LineEditor;

#[derive(Debug, Default, Clone)]
pub struct CommunePicker {
    pub query: LineEditor,
    /// The province chosen first; without one, the search covers the country.
    pub province: Option<u32>,
    pub selected: usize,
}

/// A row of the list: Enter on a province narrows to its communes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitRow {
    Province(u32),
    Commune(u32),
}

/// What a key did to the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    Open,
    Chosen(u32),
    Cancelled,
}

impl CommunePicker {
    /// Opens on the current commune's province with that commune selected,
    /// or on the list of provinces.
    pub fn new(current: Option<u32>, units: &Units) -> Self {
        let mut picker = CommunePicker::default();
        if let Some(commune) = current.and_then(|c| units.commune(c)) {
            picker.province = Some(commune.province_code);
            picker.selected = picker
                .rows(units)
                .iter()
                .position(|r| *r == UnitRow::Commune(commune.code))
                .unwrap_or(0);
        }
        picker
    }

    /// The rows for what is typed: provinces (matching ones, when searching
    /// the country) then communes.
    pub fn rows(&self, units: &Units) -> Vec<UnitRow> {
        let q = self.query.text().trim();
        let mut rows = Vec::new();
        if self.province.is_none() {
            rows.extend(units.search_provinces(q).map(|p| UnitRow::Province(p.code)));
            if q.is_empty() {
                return rows;
            }
        }
        rows.extend(
            units
                .search_communes(self.province, q)
                .into_iter()
                .map(|c| UnitRow::Commune(c.code)),
        );
        rows
    }

    /// For a screen that keeps the picker in an `Option` while it is open:
    /// passes the key on, closes it when a commune is chosen or the picker
    /// is left, and returns the chosen commune.
    pub fn update_slot(slot: &mut Option<Self>, action: &Action, units: &Units) -> Option<u32> {
        match slot.as_mut()?.update(action, units) {
            Picked::Open => None,
            Picked::Cancelled => {
                *slot = None;
                None
            }
            Picked::Chosen(code) => {
                *slot = None;
                Some(code)
            }
        }
    }

    pub fn update(&mut self, action: &Action, units: &Units) -> Picked {
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            // A click chooses a row; a click on the chosen one takes it.
            Action::Pick(i) => {
                let len = self.rows(units).len();
                if super::clicked_row(&mut self.selected, *i, len) {
                    return self.update(&Action::Submit, units);
                }
            }
            Action::Down => {
                let last = self.rows(units).len().saturating_sub(1);
                self.selected = (self.selected + 1).min(last);
            }
            Action::Submit => match self.rows(units).get(self.selected) {
                Some(UnitRow::Province(code)) => {
                    self.province = Some(*code);
                    self.query = LineEditor::default();
                    self.selected = 0;
                }
                Some(UnitRow::Commune(code)) => return Picked::Chosen(*code),
                None => {}
            },
            // Esc steps back one level: the typed words, the province, then
            // the picker itself.
            Action::Back if !self.query.text().is_empty() => {
                self.query = LineEditor::default();
                self.selected = 0;
            }
            Action::Back | Action::DeleteBack if self.province.is_some() && self.query.text().is_empty() => {
                let code = self.province.take();
                self.selected = self
                    .rows(units)
                    .iter()
                    .position(|r| Some(*r) == code.map(UnitRow::Province))
                    .unwrap_or(0);
            }
            Action::Back => return Picked::Cancelled,
            other => {
                if super::edit::edit_plain(&mut self.query, other) {
                    self.selected = 0;
                }
            }
        }
        Picked::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(p: &mut CommunePicker, units: &Units, s: &str) {
        for c in s.chars() {
            p.update(&Action::Type(c), units);
        }
    }

    #[test]
    fn province_then_commune() {
        let units = Units::embedded();
        let mut p = CommunePicker::new(None, units);
        assert_eq!(p.rows(units).len(), 34);
        typed(&mut p, units, "thanh hoa");
        assert_eq!(p.rows(units)[0], UnitRow::Province(38));
        assert_eq!(p.update(&Action::Submit, units), Picked::Open);
        assert_eq!(p.province, Some(38));
        assert_eq!(p.rows(units).len(), 166);
        typed(&mut p, units, "quang chieu");
        let rows = p.rows(units);
        assert_eq!(rows.len(), 1);
        let UnitRow::Commune(code) = rows[0] else {
            panic!("{rows:?}")
        };
        assert_eq!(units.commune(code).unwrap().name, "Xã Quang Chiểu");
        assert_eq!(p.update(&Action::Submit, units), Picked::Chosen(code));
    }

    #[test]
    fn typed_straight_away_searches_the_country() {
        let units = Units::embedded();
        let mut p = CommunePicker::new(None, units);
        typed(&mut p, units, "hoan kiem");
        let rows = p.rows(units);
        assert!(rows.iter().any(
            |r| matches!(r, UnitRow::Commune(c) if units.commune(*c).unwrap().name == "Phường Hoàn Kiếm")
        ));
    }

    #[test]
    fn opens_on_the_current_commune_and_steps_back_with_esc() {
        let units = Units::embedded();
        let qc = units.commune_by_name(38, "quang chieu").unwrap().code;
        let mut p = CommunePicker::new(Some(qc), units);
        assert_eq!(p.rows(units)[p.selected], UnitRow::Commune(qc));
        typed(&mut p, units, "x");
        assert_eq!(p.update(&Action::Back, units), Picked::Open);
        assert_eq!(p.query.text(), "");
        assert_eq!(p.update(&Action::Back, units), Picked::Open);
        assert_eq!(p.province, None);
        assert_eq!(p.rows(units)[p.selected], UnitRow::Province(38));
        assert_eq!(p.update(&Action::Back, units), Picked::Cancelled);
    }

    #[test]
    fn a_click_chooses_a_row_and_a_second_takes_it() {
        let units = Units::embedded();
        let mut p = CommunePicker::default();
        assert_eq!(p.update(&Action::Pick(2), units), Picked::Open);
        assert_eq!(p.selected, 2);
        // A province row: the second click opens its communes.
        assert_eq!(p.update(&Action::Pick(2), units), Picked::Open);
        assert!(p.province.is_some());
        let Some(UnitRow::Commune(code)) = p.rows(units).get(1).copied() else {
            panic!()
        };
        p.update(&Action::Pick(1), units);
        assert_eq!(p.update(&Action::Pick(1), units), Picked::Chosen(code));
    }
}
