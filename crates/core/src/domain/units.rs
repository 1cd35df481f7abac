//! Administrative units after the July 2025 reform: 34 provinces and 3,321
//! communes, wards and special zones, looked up by code or by name typed
//! without accents.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::assets;
use crate::text::{fold, fold_matches, nfc};

#[derive(Debug, Deserialize)]
struct ProvinceRow {
    code: u32,
    name: String,
    division_type: String,
    wards: Vec<CommuneRow>,
}

#[derive(Debug, Deserialize)]
struct CommuneRow {
    code: u32,
    name: String,
    division_type: String,
}

#[derive(Debug, Clone)]
pub struct Province {
    pub code: u32,
    pub name: String,
    pub division_type: String,
    folded: String,
    pub communes: Vec<Commune>,
}

#[derive(Debug, Clone)]
pub struct Commune {
    pub code: u32,
    pub name: String,
    pub division_type: String,
    pub province_code: u32,
    folded: String,
}

#[derive(Debug, Default)]
pub struct Units {
    provinces: Vec<Province>,
    /// Commune code → (province index, commune index).
    by_code: HashMap<u32, (usize, usize)>,
}

/// A name as shown: NFC, with the list's stray double spaces made single
/// ("Phường  Tân Lập").
fn tidy(name: &str) -> String {
    nfc(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Units {
    pub fn parse(json: &str) -> Result<Self, serde_json::Error> {
        let rows: Vec<ProvinceRow> = serde_json::from_str(json)?;
        let mut units = Units::default();
        for (pi, p) in rows.into_iter().enumerate() {
            let communes: Vec<Commune> = p
                .wards
                .into_iter()
                .enumerate()
                .map(|(ci, w)| {
                    units.by_code.insert(w.code, (pi, ci));
                    let name = tidy(&w.name);
                    Commune {
                        code: w.code,
                        folded: fold(&name),
                        name,
                        division_type: nfc(&w.division_type),
                        province_code: p.code,
                    }
                })
                .collect();
            // Found by its full name, shown as its peers are: "Hà Nội"
            // beside "Cao Bằng", not "Thành phố Hà Nội".
            let full = tidy(&p.name);
            let name = full.strip_prefix("Thành phố ").unwrap_or(&full).to_owned();
            units.provinces.push(Province {
                code: p.code,
                folded: fold(&full),
                name,
                division_type: nfc(&p.division_type),
                communes,
            });
        }
        Ok(units)
    }

    /// The built-in list, parsed once.
    pub fn embedded() -> &'static Self {
        static CELL: OnceLock<Units> = OnceLock::new();
        CELL.get_or_init(|| {
            let json = assets::embedded_text("admin-units-2025.json").unwrap_or("[]");
            Self::parse(json).unwrap_or_default()
        })
    }

    pub fn provinces(&self) -> &[Province] {
        &self.provinces
    }

    pub fn province(&self, code: u32) -> Option<&Province> {
        self.provinces.iter().find(|p| p.code == code)
    }

    pub fn commune(&self, code: u32) -> Option<&Commune> {
        let (pi, ci) = *self.by_code.get(&code)?;
        self.provinces.get(pi)?.communes.get(ci)
    }

    pub fn commune_count(&self) -> usize {
        self.by_code.len()
    }

    /// Provinces whose name matches what was typed, accents or not
    /// ("thanh hoa", "tp ho chi minh" → word prefixes).
    pub fn search_provinces<'a>(&'a self, query: &str) -> impl Iterator<Item = &'a Province> + 'a {
        let q = fold(query);
        self.provinces.iter().filter(move |p| fold_matches(&p.folded, &q))
    }

    /// Communes of one province (or all, with `None`) whose name matches,
    /// the closest first: the name itself starting with what was typed
    /// ("phu luong" → Xã Phú Lương), then the typed words in a row, then
    /// any name whose words start with them (Phường Tích Lương); the list's
    /// order within each.
    pub fn search_communes<'a>(&'a self, province: Option<u32>, query: &str) -> Vec<&'a Commune> {
        let q = fold(query);
        let mut found: Vec<&Commune> = self
            .provinces
            .iter()
            .filter(|p| province.is_none_or(|code| p.code == code))
            .flat_map(|p| p.communes.iter())
            .filter(|c| fold_matches(&c.folded, &q))
            .collect();
        found.sort_by_key(|c| closeness(&c.folded, &q));
        found
    }

    /// A commune as a place is written: "Xã Quang Chiểu, Thanh Hóa".
    pub fn place(&self, commune: u32) -> Option<String> {
        let c = self.commune(commune)?;
        Some(format!("{}, {}", c.name, self.province(c.province_code)?.name))
    }

    /// The one commune of a province named exactly (after folding), if any.
    pub fn commune_by_name(&self, province: u32, name: &str) -> Option<&Commune> {
        let q = fold(name);
        self.province(province)?
            .communes
            .iter()
            .find(|c| c.folded == q || strip_type(&c.folded) == q)
    }
}

/// "tinh thanh hoa" → "thanh hoa", "xa quang chieu" → "quang chieu".
/// 0: the name (without "xã", "phường", …) starts with the query; 1: the
/// query's words stand in a row, each the start of a word; 2: the rest.
fn closeness(folded: &str, q: &str) -> u8 {
    let q = q.trim();
    if q.is_empty() {
        return 0;
    }
    if strip_type(folded).starts_with(q) {
        return 0;
    }
    let words: Vec<&str> = folded.split_whitespace().collect();
    let typed: Vec<&str> = q.split_whitespace().collect();
    let in_a_row = words
        .windows(typed.len())
        .any(|w| w.iter().zip(&typed).all(|(word, t)| word.starts_with(t)));
    if in_a_row { 1 } else { 2 }
}

fn strip_type(folded: &str) -> &str {
    for prefix in ["thanh pho ", "tinh ", "xa ", "phuong ", "dac khu "] {
        if let Some(rest) = folded.strip_prefix(prefix) {
            return rest;
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_has_every_unit() {
        let u = Units::embedded();
        assert_eq!(u.provinces().len(), 34);
        assert_eq!(u.commune_count(), 3321);
        let th = u.province(38).unwrap();
        assert_eq!(th.name, "Thanh Hóa");
        assert_eq!(th.communes.len(), 166);
    }

    /// Issue 30, item 13: names as they are read — single spaces, and the
    /// cities named like the provinces beside them, found by either name.
    #[test]
    fn names_read_alike() {
        let u = Units::embedded();
        for p in u.provinces() {
            assert!(
                !p.name.contains("  ") && !p.name.starts_with("Thành phố"),
                "{}",
                p.name
            );
            for c in &p.communes {
                assert!(!c.name.contains("  "), "{}", c.name);
            }
        }
        assert_eq!(u.province(1).unwrap().name, "Hà Nội");
        for q in ["ha noi", "thanh pho ha noi"] {
            assert_eq!(u.search_provinces(q).next().unwrap().code, 1, "{q}");
        }
    }

    #[test]
    fn looks_up_by_code_and_by_name_without_accents() {
        let u = Units::embedded();
        let qc = u.commune_by_name(38, "quang chieu").unwrap();
        assert_eq!(qc.name, "Xã Quang Chiểu");
        assert_eq!(u.commune(qc.code).unwrap().name, "Xã Quang Chiểu");
        assert!(u.commune_by_name(1, "quang chieu").is_none());
        assert!(u.commune(999_999).is_none());
    }

    #[test]
    fn the_closest_names_come_first() {
        let units = Units::embedded();
        let found: Vec<&str> = units
            .search_communes(None, "phu luong")
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        let phu = found
            .iter()
            .position(|n| *n == "Xã Phú Lương")
            .expect("Xã Phú Lương");
        if let Some(tich) = found.iter().position(|n| *n == "Phường Tích Lương") {
            assert!(phu < tich, "{found:?}");
        }
        assert!(
            found[..3].iter().all(|n| fold(n).contains("phu luong")),
            "{found:?}"
        );
    }

    #[test]
    fn searches_by_word_prefix() {
        let u = Units::embedded();
        // Without accents "quang ch" is both Quang Chiểu and Quảng Chính.
        let found: Vec<_> = u
            .search_communes(Some(38), "quang ch")
            .into_iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.contains(&"Xã Quang Chiểu") && found.contains(&"Xã Quảng Chính"));
        let found: Vec<_> = u
            .search_communes(Some(38), "quang chieu")
            .into_iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(found, ["Xã Quang Chiểu"]);
        assert!(
            u.search_communes(None, "hoan kiem")
                .iter()
                .any(|c| c.name == "Phường Hoàn Kiếm")
        );
        assert_eq!(u.search_communes(None, "").len(), 3321);
        assert!(u.search_provinces("ha noi").any(|p| p.code == 1));
    }
}
