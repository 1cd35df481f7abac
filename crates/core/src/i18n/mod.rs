//! Every word a person reads, looked up by key in `assets/i18n/{vi,en}.toml`.
//! Code names what to say ([`Message`]); the asset files say it.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::assets;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// A whole number with its thousands grouped as the reader writes
    /// them: 41.000 in Vietnamese, 41,000 in English.
    pub fn grouped(self, n: u64) -> String {
        let sep = match self {
            Lang::Vi => '.',
            Lang::En => ',',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(d);
        }
        out
    }
}

#[cfg(test)]
mod grouped_tests {
    use super::Lang;

    #[test]
    fn thousands_are_grouped_as_each_language_writes_them() {
        assert_eq!(Lang::Vi.grouped(41_000), "41.000");
        assert_eq!(Lang::En.grouped(100_000), "100,000");
        assert_eq!(Lang::Vi.grouped(1_234_567), "1.234.567");
        assert_eq!(Lang::Vi.grouped(999), "999");
        assert_eq!(Lang::En.grouped(0), "0");
    }
}

/// The message key that says, in the helper's words, what an operating
/// system error means and what to do; never the system's own text.
pub fn io_problem(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull | K::QuotaExceeded | K::FileTooLarge => "io.disk_full",
        K::PermissionDenied | K::ReadOnlyFilesystem => "io.permission",
        K::NotFound => "io.not_found",
        K::AlreadyExists => "io.exists",
        K::InvalidData | K::UnexpectedEof => "io.damaged",
        K::ResourceBusy | K::Deadlock => "io.busy",
        _ if e.raw_os_error() == Some(28) => "io.disk_full",
        _ => "io.other",
    }
}

/// Something to tell a person: a key into the word lists and the values to
/// fill in. Rendered late, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// A value put into a message: shown as it is, or itself a word to look up
/// in the reader's language ("nam" / "male").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Word(&'static str),
    /// Words that come in both languages from elsewhere (a procedure file).
    Localized {
        vi: String,
        en: String,
    },
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// An argument that is a word key, translated when rendered.
    pub fn word(mut self, name: &'static str, key: &'static str) -> Self {
        self.args.push((name, Arg::Word(key)));
        self
    }

    /// An argument given in both languages.
    pub fn localized(mut self, name: &'static str, vi: &str, en: &str) -> Self {
        self.args.push((
            name,
            Arg::Localized {
                vi: vi.to_owned(),
                en: en.to_owned(),
            },
        ));
        self
    }

    pub fn render(&self, lang: Lang) -> String {
        let list = words(lang);
        let mut out = list.get(self.key).to_owned();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Text(s) => s.as_str(),
                Arg::Word(key) => list.get(key),
                Arg::Localized { vi, en } => match lang {
                    Lang::Vi => vi.as_str(),
                    Lang::En => en.as_str(),
                },
            };
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

/// One language's word list.
#[derive(Debug, Default)]
pub struct Words {
    map: HashMap<String, String>,
}

impl Words {
    pub fn parse(toml_text: &str) -> Result<Self, toml::de::Error> {
        let map: HashMap<String, String> = toml::from_str(toml_text)?;
        Ok(Self { map })
    }

    /// The text for `key`; a missing key shows itself, so a gap is visible
    /// on screen and caught by the word-list tests, never a panic.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }
}

/// The built-in word list for `lang`, parsed once.
pub fn words(lang: Lang) -> &'static Words {
    static VI: OnceLock<Words> = OnceLock::new();
    static EN: OnceLock<Words> = OnceLock::new();
    let cell = match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    };
    cell.get_or_init(|| {
        let text = assets::embedded_text(&format!("i18n/{}.toml", lang.code())).unwrap_or_default();
        // The word lists are checked by tests; a broken one still must not
        // stop the app, which then shows keys instead of words.
        Words::parse(text).unwrap_or_default()
    })
}

/// Shorthand for one plain string.
pub fn tr(lang: Lang, key: &'static str) -> String {
    Message::new(key).render(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_word_lists_parse_and_have_the_same_keys() {
        for lang in Lang::ALL {
            let text = assets::embedded_text(&format!("i18n/{}.toml", lang.code())).unwrap();
            Words::parse(text).unwrap_or_else(|e| panic!("{}: {e}", lang.code()));
        }
        let vi = words(Lang::Vi);
        let en = words(Lang::En);
        let mut missing: Vec<String> = vi
            .keys()
            .filter(|k| !en.contains(k))
            .map(|k| format!("en lacks {k}"))
            .collect();
        missing.extend(
            en.keys()
                .filter(|k| !vi.contains(k))
                .map(|k| format!("vi lacks {k}")),
        );
        missing.sort();
        assert!(missing.is_empty(), "{missing:#?}");
    }

    /// Every key the code names must be in both lists: scan the sources of
    /// every crate for the calls that name a key with a string literal.
    #[test]
    fn every_key_used_in_code_has_words() {
        let mut missing = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let namespaces = namespaces();
        assert!(namespaces.len() >= 20, "{namespaces:?}");
        let mut stack = vec![root.join("src"), root.join("crates")];
        let mut read = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                read += 1;
                let code = std::fs::read_to_string(&path).unwrap();
                for key in keys_named_in(&code, &namespaces) {
                    for lang in Lang::ALL {
                        if !words(lang).contains(&key) {
                            missing.push(format!("{}: {} lacks {key}", path.display(), lang.code()));
                        }
                    }
                }
            }
        }
        assert!(read > 100, "the sources were not found ({read} files)");
        assert!(missing.is_empty(), "{missing:#?}");
    }

    /// Every namespace the word lists use ("ui", "store", "train"…): a
    /// string literal that starts with one is taken for a key.
    fn namespaces() -> Vec<String> {
        let mut names: Vec<String> = words(Lang::Vi)
            .keys()
            .filter_map(|k| k.split_once('.').map(|(ns, _)| format!("\"{ns}.")))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// String literals that name a word: those passed straight to the calls
    /// that take a key, and any literal in a namespace the word lists use.
    fn keys_named_in(code: &str, namespaces: &[String]) -> Vec<String> {
        let mut keys = Vec::new();
        let calls = ["Message::new(\"", "tr(lang, \""].map(String::from);
        for marker in calls.iter().chain(namespaces) {
            let skip = if marker.starts_with('"') { 1 } else { marker.len() };
            let mut rest = code;
            while let Some(i) = rest.find(marker.as_str()) {
                rest = &rest[i + skip..];
                if let Some(end) = rest.find('"') {
                    keys.push(rest[..end].to_owned());
                }
            }
        }
        // Prefixes named to build a key ("ui.title.") are not keys.
        keys.retain(|k| !k.ends_with('.') && !k.contains(['{', ' ']));
        keys
    }

    #[test]
    fn render_fills_arguments() {
        let m = Message::new("validate.date.not_a_day").arg("value", "31/02/2020");
        assert!(m.render(Lang::Vi).contains("31/02/2020"));
        assert!(m.render(Lang::En).contains("31/02/2020"));
    }
}
