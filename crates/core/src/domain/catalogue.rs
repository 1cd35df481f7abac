//! The national list of procedures as an index (title, portal code, level,
//! agency level, field of work), separate from the guided files: a CSV
//! shipped in `assets/catalogue/` plus the list a province imports. An entry
//! with no guided file is worked with the general guide.

use std::collections::BTreeMap;

use crate::domain::procedure::Level;
use crate::i18n::Message;
use crate::text::{fold, nfc};

/// The header every catalogue CSV starts with.
pub const HEADER: &str = "ma,ten,muc_do,cap,linh_vuc";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The portal code, e.g. `1.001193` (a reference code until checked).
    pub code: String,
    pub title: String,
    pub level: Level,
    /// Agency level as the list says it (tỉnh, xã, bộ…).
    pub agency_level: String,
    /// Field of work as the list says it (Hộ tịch, Cư trú…).
    pub field: String,
    /// The field of work as a key (`ho_tich`), made once for browsing.
    pub field_key: String,
    /// The title and code folded once, for search as you type.
    pub folded: String,
}

/// A line that was not taken, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub line: usize,
    pub message: Message,
}

/// The entries of a CSV and the lines refused.
#[derive(Debug, Default)]
pub struct Parsed {
    pub entries: Vec<Entry>,
    pub rejected: Vec<Rejected>,
}

fn parse_level(s: &str) -> Option<Level> {
    match fold(s).replace(' ', "_").as_str() {
        "toan_trinh" => Some(Level::Full),
        "mot_phan" => Some(Level::Partial),
        "huong_dan" => Some(Level::Guide),
        "" | "chua_ro" => Some(Level::Unknown),
        _ => None,
    }
}

pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::Full => "toan_trinh",
        Level::Partial => "mot_phan",
        Level::Guide => "huong_dan",
        Level::Unknown => "chua_ro",
    }
}

/// "1.001193": digits, a dot, digits.
fn is_code(s: &str) -> bool {
    let mut parts = s.split('.');
    let ok = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}

/// Splits one CSV line: commas, fields in double quotes may hold commas
/// and doubled quotes. `None` for an unclosed quote.
fn split_line(line: &str) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    if quoted {
        return None;
    }
    fields.push(field);
    Some(fields)
}

fn quote(s: &str) -> String {
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Reads a catalogue CSV. Every line is checked on its own: a bad line is
/// reported with its number and the others are kept. A code given twice
/// keeps its first line.
pub fn parse(text: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim_end_matches('\r');
        let reject = |key: &'static str| Rejected {
            line,
            message: Message::new(key),
        };
        if line == 1 {
            if raw.trim() != HEADER {
                out.rejected.push(Rejected {
                    line,
                    message: Message::new("catalogue.header").arg("header", HEADER),
                });
                return out;
            }
            continue;
        }
        if raw.trim().is_empty() {
            continue;
        }
        let Some(cols) = split_line(raw) else {
            out.rejected.push(reject("catalogue.quote"));
            continue;
        };
        if cols.len() != 5 {
            out.rejected.push(Rejected {
                line,
                message: Message::new("catalogue.columns").arg("count", cols.len()),
            });
            continue;
        }
        let col = |i: usize| nfc(cols[i].trim());
        let (code, title) = (col(0), col(1));
        if !is_code(&code) {
            out.rejected.push(Rejected {
                line,
                message: Message::new("catalogue.code").arg("value", &code),
            });
            continue;
        }
        if title.is_empty() {
            out.rejected.push(reject("catalogue.title"));
            continue;
        }
        let Some(level) = parse_level(&col(2)) else {
            out.rejected.push(Rejected {
                line,
                message: Message::new("catalogue.level").arg("value", col(2)),
            });
            continue;
        };
        if let Some(first) = seen.get(&code) {
            out.rejected.push(Rejected {
                line,
                message: Message::new("catalogue.duplicate")
                    .arg("code", &code)
                    .arg("first", first),
            });
            continue;
        }
        seen.insert(code.clone(), line);
        out.entries.push(Entry {
            folded: fold(&format!("{title} {code}")),
            code,
            title,
            level,
            agency_level: col(3),
            field_key: field_key(&col(4)),
            field: col(4),
        });
    }
    out
}

/// The CSV of `entries`, sorted by code: the same entries always give the
/// same bytes, so importing a file twice changes nothing.
pub fn to_csv(entries: &BTreeMap<String, Entry>) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for e in entries.values() {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            quote(&e.code),
            quote(&e.title),
            level_name(e.level),
            quote(&e.agency_level),
            quote(&e.field)
        ));
    }
    out
}

/// The list compiled into the app, under `assets/`.
const SHIPPED: &str = "catalogue/danh-muc.csv";

/// The shipped entries, then those imported (an imported code replaces the
/// shipped one).
pub fn with_shipped(imported: Option<&str>) -> Vec<Entry> {
    let shipped = crate::assets::embedded_text(SHIPPED).unwrap_or_default();
    let mut all: BTreeMap<String, Entry> = BTreeMap::new();
    for text in std::iter::once(shipped).chain(imported) {
        for e in parse(text).entries {
            all.insert(e.code.clone(), e);
        }
    }
    all.into_values().collect()
}

/// A field of work as a key: `ho_tich` for "Hộ tịch" and for `ho_tich`,
/// so a guided file's code and a list's words group together.
pub fn field_key(field: &str) -> String {
    fold(field).replace([' ', ','], "_")
}

/// The entries an already folded query matches (title or code): the
/// picker folds what was typed once per key for everything it searches.
pub fn matching<'a>(
    entries: &'a [Entry],
    folded_query: &'a str,
) -> impl Iterator<Item = (usize, &'a Entry)> + 'a {
    entries
        .iter()
        .enumerate()
        .filter(move |(_, e)| crate::text::fold_matches(&e.folded, folded_query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_fields_and_levels_in_words() {
        let p = parse(
            "ma,ten,muc_do,cap,linh_vuc\n1.001193,\"Đăng ký khai sinh, có \"\"yếu tố\"\"\",Toàn trình,Cấp xã,Hộ tịch\n",
        );
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        assert_eq!(p.entries[0].title, "Đăng ký khai sinh, có \"yếu tố\"");
        assert_eq!(p.entries[0].level, Level::Full);
        let mut map = BTreeMap::new();
        map.insert(p.entries[0].code.clone(), p.entries[0].clone());
        let again = parse(&to_csv(&map));
        assert_eq!(again.entries, p.entries);
    }

    #[test]
    fn each_bad_line_is_named() {
        let p = parse(
            "ma,ten,muc_do,cap,linh_vuc\n1.1,A,mot_phan,xa,x\nabc,B,mot_phan,xa,x\n1.2,,mot_phan,xa,x\n1.3,C,nhanh,xa,x\n1.4,D\n1.1,E,mot_phan,xa,x\n1.5,\"F,mot_phan,xa,x\n",
        );
        let lines: Vec<usize> = p.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7, 8]);
        assert_eq!(p.entries.len(), 1);
    }

    #[test]
    fn a_wrong_header_is_one_clear_problem() {
        let p = parse("code,title\n1.1,A,mot_phan,xa,x\n");
        assert_eq!(p.rejected.len(), 1);
        assert_eq!(p.rejected[0].line, 1);
        assert!(p.entries.is_empty());
    }

    #[test]
    fn the_shipped_list_reads_whole() {
        let text = crate::assets::embedded_text(SHIPPED).unwrap();
        let p = parse(text);
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        assert!(p.entries.len() >= 15);
        assert!(matching(&p.entries, &fold("kết hôn")).any(|(_, e)| e.code == "1.000894"));
        assert!(p.entries.iter().all(|e| !e.field_key.contains(' ')));
    }
}
