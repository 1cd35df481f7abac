//! The 63 provinces before the 2025 reform. Their codes open every 12-digit
//! identification number and stay there after the merger.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::assets;

#[derive(Debug, Deserialize)]
struct Row {
    code: u16,
    name: String,
}

#[derive(Debug, Default)]
pub struct OldProvinces {
    by_code: BTreeMap<u16, String>,
}

impl OldProvinces {
    pub fn parse(json: &str) -> Result<Self, serde_json::Error> {
        let rows: Vec<Row> = serde_json::from_str(json)?;
        Ok(Self {
            by_code: rows
                .into_iter()
                .map(|r| (r.code, crate::text::nfc(&r.name)))
                .collect(),
        })
    }

    /// The built-in list, parsed once.
    pub fn embedded() -> &'static Self {
        static CELL: OnceLock<OldProvinces> = OnceLock::new();
        CELL.get_or_init(|| {
            let json = assets::embedded_text("provinces-before-2025.json").unwrap_or("[]");
            Self::parse(json).unwrap_or_default()
        })
    }

    pub fn name(&self, code: u16) -> Option<&str> {
        self.by_code.get(&code).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_has_63_provinces() {
        let p = OldProvinces::embedded();
        assert_eq!(p.len(), 63);
        assert_eq!(p.name(38), Some("Tỉnh Thanh Hóa"));
        assert_eq!(p.name(1), Some("Thành phố Hà Nội"));
        assert_eq!(p.name(3), None);
    }
}
