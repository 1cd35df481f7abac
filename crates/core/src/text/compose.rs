//! Telex and VNI: typing Vietnamese on a keyboard with no input method.
//!
//! [`compose`] is a pure function: the word before the caret and one key in,
//! the new word out. The tone is placed again after every key, so it moves to
//! the right vowel as letters arrive ("hoaf" → "hòa", then "n" → "hoàn").
//! Placement follows the traditional rule used on most official papers
//! ("Thanh Hóa", "Thủy").

use serde::{Deserialize, Serialize};

/// How the composer reads keys. `Off` passes every key through as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputMethod {
    #[default]
    Telex,
    Vni,
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Plain,
    Circumflex,
    Breve,
    Horn,
    Stroke,
}

/// Index into a row of [`VOWELS`]: none, grave, acute, hook, tilde, dot.
type Tone = usize;
const NO_TONE: Tone = 0;

const VOWELS: [(char, Shape, &str); 12] = [
    ('a', Shape::Plain, "aàáảãạ"),
    ('a', Shape::Breve, "ăằắẳẵặ"),
    ('a', Shape::Circumflex, "âầấẩẫậ"),
    ('e', Shape::Plain, "eèéẻẽẹ"),
    ('e', Shape::Circumflex, "êềếểễệ"),
    ('i', Shape::Plain, "iìíỉĩị"),
    ('o', Shape::Plain, "oòóỏõọ"),
    ('o', Shape::Circumflex, "ôồốổỗộ"),
    ('o', Shape::Horn, "ơờớởỡợ"),
    ('u', Shape::Plain, "uùúủũụ"),
    ('u', Shape::Horn, "ưừứửữự"),
    ('y', Shape::Plain, "yỳýỷỹỵ"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Letter {
    base: char,
    shape: Shape,
    tone: Tone,
    upper: bool,
}

impl Letter {
    fn parse(c: char) -> Self {
        let upper = c.is_uppercase();
        let lower = c.to_lowercase().next().unwrap_or(c);
        if lower == 'đ' {
            return Self {
                base: 'd',
                shape: Shape::Stroke,
                tone: NO_TONE,
                upper,
            };
        }
        for (base, shape, row) in VOWELS {
            if let Some(tone) = row.chars().position(|v| v == lower) {
                return Self {
                    base,
                    shape,
                    tone,
                    upper,
                };
            }
        }
        Self {
            base: lower,
            shape: Shape::Plain,
            tone: NO_TONE,
            upper,
        }
    }

    fn is_vowel(&self) -> bool {
        matches!(self.base, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
    }

    fn render(&self, out: &mut String) {
        let lower = if self.shape == Shape::Stroke {
            'đ'
        } else {
            VOWELS
                .iter()
                .find(|(b, s, _)| *b == self.base && *s == self.shape)
                .and_then(|(_, _, row)| row.chars().nth(self.tone))
                .unwrap_or(self.base)
        };
        if self.upper {
            out.extend(lower.to_uppercase());
        } else {
            out.push(lower);
        }
    }
}

enum Edit {
    Tone(Tone),
    ClearTone,
    Shape(Shape, &'static [char]),
    Stroke,
}

fn telex_edit(key: char) -> Option<Edit> {
    Some(match key.to_ascii_lowercase() {
        'f' => Edit::Tone(1),
        's' => Edit::Tone(2),
        'r' => Edit::Tone(3),
        'x' => Edit::Tone(4),
        'j' => Edit::Tone(5),
        'z' => Edit::ClearTone,
        'a' => Edit::Shape(Shape::Circumflex, &['a']),
        'e' => Edit::Shape(Shape::Circumflex, &['e']),
        'o' => Edit::Shape(Shape::Circumflex, &['o']),
        'w' => Edit::Shape(Shape::Horn, &['a', 'o', 'u']),
        'd' => Edit::Stroke,
        _ => return None,
    })
}

fn vni_edit(key: char) -> Option<Edit> {
    Some(match key {
        '2' => Edit::Tone(1),
        '1' => Edit::Tone(2),
        '3' => Edit::Tone(3),
        '4' => Edit::Tone(4),
        '5' => Edit::Tone(5),
        '0' => Edit::ClearTone,
        '6' => Edit::Shape(Shape::Circumflex, &['a', 'e', 'o']),
        '7' => Edit::Shape(Shape::Horn, &['o', 'u']),
        '8' => Edit::Shape(Shape::Breve, &['a']),
        '9' => Edit::Stroke,
        _ => return None,
    })
}

/// Where the syllable's vowels are: "qu" and "gi" before another vowel are
/// consonants ("quốc", "giá"), so their u / i never takes the tone.
fn vowel_span(word: &[Letter]) -> Option<(usize, usize)> {
    let first = word.iter().position(Letter::is_vowel)?;
    let mut start = first;
    if first == 1 && word.len() > 2 && word[2].is_vowel() {
        let lead = word[0].base;
        if (lead == 'q' && word[1].base == 'u') || (lead == 'g' && word[1].base == 'i') {
            start = 2;
        }
    }
    let len = word[start..].iter().take_while(|l| l.is_vowel()).count();
    Some((start, start + len))
}

/// The vowel that carries the tone, by the traditional rule.
fn tone_position(word: &[Letter]) -> Option<usize> {
    let (start, end) = vowel_span(word)?;
    let shaped = (start..end).rev().find(|&i| word[i].shape != Shape::Plain);
    if let Some(i) = shaped {
        return Some(i);
    }
    Some(match end - start {
        1 => start,
        2 if end < word.len() => start + 1,
        2 => start,
        _ => start + 1,
    })
}

fn place_tone(word: &mut [Letter]) {
    let tone = word.iter().rev().map(|l| l.tone).find(|&t| t != NO_TONE);
    let Some(tone) = tone else { return };
    for l in word.iter_mut() {
        l.tone = NO_TONE;
    }
    if let Some(i) = tone_position(word) {
        word[i].tone = tone;
    }
}

/// The letter a shape key acts on: the last vowel of the syllable whose base
/// the key can shape. "uo" + horn becomes "ươ" together.
fn shape_target(word: &[Letter], bases: &[char]) -> Option<usize> {
    let (start, end) = vowel_span(word)?;
    (start..end).rev().find(|&i| bases.contains(&word[i].base))
}

fn apply(word: &mut Vec<Letter>, edit: Edit, key: char) -> bool {
    match edit {
        Edit::Tone(tone) => {
            if tone_position(word).is_none() {
                return false;
            }
            if word.iter().any(|l| l.tone == tone) {
                // Typing the same tone twice takes it back: "ass" → "as".
                word.iter_mut().for_each(|l| l.tone = NO_TONE);
                word.push(Letter::parse(key));
            } else {
                word.iter_mut().for_each(|l| l.tone = NO_TONE);
                if let Some(i) = tone_position(word) {
                    word[i].tone = tone;
                }
            }
            true
        }
        Edit::ClearTone => {
            if word.iter().all(|l| l.tone == NO_TONE) {
                return false;
            }
            word.iter_mut().for_each(|l| l.tone = NO_TONE);
            true
        }
        Edit::Stroke => match word.first_mut() {
            Some(l) if l.base == 'd' && l.shape == Shape::Plain => {
                l.shape = Shape::Stroke;
                true
            }
            Some(l) if l.shape == Shape::Stroke => {
                l.shape = Shape::Plain;
                word.push(Letter::parse(key));
                true
            }
            _ => false,
        },
        Edit::Shape(shape, bases) => apply_shape(word, shape, bases, key),
    }
}

fn apply_shape(word: &mut Vec<Letter>, shape: Shape, bases: &[char], key: char) -> bool {
    let Some(i) = shape_target(word, bases) else {
        // Telex "w" alone is "ư" (UniKey does the same).
        if shape == Shape::Horn && key.eq_ignore_ascii_case(&'w') {
            word.push(Letter {
                base: 'u',
                shape: Shape::Horn,
                tone: NO_TONE,
                upper: key.is_uppercase(),
            });
            return true;
        }
        return false;
    };
    let shape = match (shape, word[i].base) {
        (Shape::Horn, 'a') => Shape::Breve,
        (s, _) => s,
    };
    if word[i].shape == shape {
        // The same key again takes the mark back and types the key: "aaa" → "aa".
        word[i].shape = Shape::Plain;
        if i > 0 && word[i].base == 'o' && word[i - 1].base == 'u' && word[i - 1].shape == Shape::Horn {
            word[i - 1].shape = Shape::Plain;
        }
        if word.len() == 1 && key.eq_ignore_ascii_case(&'w') {
            word.clear();
        }
        word.push(Letter::parse(key));
        return true;
    }
    word[i].shape = shape;
    // "uo" takes its horn on both letters (ươ), but the "u" of "qu" is part
    // of the consonant and stays plain (Quới, quở).
    let qu = i > 1 && word[i - 2].base == 'q';
    if shape == Shape::Horn && word[i].base == 'o' && i > 0 && word[i - 1].base == 'u' && !qu {
        word[i - 1].shape = Shape::Horn;
    }
    true
}

/// The word after typing `key` at its end. Keys that are not Telex / VNI
/// commands, or that have nothing to act on, are typed as they are.
pub fn compose(word: &str, key: char, method: InputMethod) -> String {
    let edit = match method {
        InputMethod::Telex => telex_edit(key),
        InputMethod::Vni => vni_edit(key),
        InputMethod::Off => None,
    };
    let mut letters: Vec<Letter> = word.chars().map(Letter::parse).collect();
    let applied = match edit {
        Some(edit) => apply(&mut letters, edit, key),
        None => false,
    };
    if !applied {
        letters.push(Letter::parse(key));
    }
    if method != InputMethod::Off {
        place_tone(&mut letters);
    }
    let mut out = String::with_capacity(word.len() + 4);
    for l in &letters {
        l.render(&mut out);
    }
    out
}

/// Types a whole string key by key, as a person would: words are composed,
/// everything between them passes through.
pub fn compose_str(keys: &str, method: InputMethod) -> String {
    let mut out = String::new();
    let mut word = String::new();
    for key in keys.chars() {
        let part_of_word = key.is_alphabetic() || (method == InputMethod::Vni && key.is_ascii_digit());
        if part_of_word {
            word = compose(&word, key, method);
        } else {
            out.push_str(&word);
            word.clear();
            out.push(key);
        }
    }
    out.push_str(&word);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TELEX: &[(&str, &str)] = &[
        ("Nguyeenx Vawn Aan", "Nguyễn Văn Ân"),
        ("nguowif", "người"),
        ("Thanh Hoas", "Thanh Hóa"),
        ("Nguyeenx", "Nguyễn"),
        ("khuya", "khuya"),
        ("quoocs", "quốc"),
        // The "u" of "qu" never takes the horn of "ươ".
        ("Quowis", "Quới"),
        ("Phuf Quowis", "Phù Quới"),
        ("quowr", "quở"),
        ("quocos", "quốc"),
        ("hoafn", "hoàn"),
        ("hoanf", "hoàn"),
        ("truowngf", "trường"),
        ("dduowngf", "đường"),
        ("tieengs", "tiếng"),
        ("Vieetj Nam", "Việt Nam"),
        ("Haf Nooij", "Hà Nội"),
        ("DDaf Nawngx", "Đà Nẵng"),
        ("muwa", "mưa"),
        ("huowu", "hươu"),
        ("khuyur", "khuỷu"),
        ("quys", "quý"),
        ("quyeenr", "quyển"),
        ("giuowngf", "giường"),
        ("gif", "gì"),
        ("gias", "giá"),
        ("ginf", "gìn"),
        ("cuar", "của"),
        ("chiaf", "chìa"),
        ("nghieeng", "nghiêng"),
        ("yeeus", "yếu"),
        ("Traanf", "Trần"),
        ("Phamj", "Phạm"),
        ("Hoangf", "Hoàng"),
        ("Huynhf", "Huỳnh"),
        ("Vox", "Võ"),
        ("DDawngj", "Đặng"),
        ("Buif", "Bùi"),
        ("DDoox", "Đỗ"),
        ("Lys", "Lý"),
        ("Thuyr", "Thủy"),
        ("Tuaans", "Tuấn"),
        ("Chieeur", "Chiểu"),
        ("chaof", "chào"),
        ("camr own", "cảm ơn"),
        ("ruowuj", "rượu"),
        ("khoer", "khỏe"),
        ("tuooir", "tuổi"),
        ("nuwowcs", "nước"),
        ("ass", "as"),
        ("aaa", "aa"),
        ("ddd", "dd"),
        ("hoaz", "hoaz"),
        ("hoafz", "hoa"),
        ("w", "ư"),
        ("ww", "w"),
        ("tw", "tư"),
        ("s", "s"),
        ("NGUYEENX", "NGUYỄN"),
        ("ĐĂNG", "ĐĂNG"),
        ("VNeID 2025", "VNeID 2025"),
    ];

    const VNI: &[(&str, &str)] = &[
        ("Nguye6n4 Va8n A6n", "Nguyễn Văn Ân"),
        ("nguo7i2", "người"),
        ("Thanh Hoa1", "Thanh Hóa"),
        ("khuya", "khuya"),
        ("quo6c1", "quốc"),
        ("Quo7i1", "Quới"),
        ("d9uo7ng2", "đường"),
        ("Vie6t5 Nam", "Việt Nam"),
        ("hoa2n", "hoàn"),
        ("D9a8ng5", "Đặng"),
        ("hoa20", "hoa"),
        ("a66", "a6"),
        ("2025", "2025"),
    ];

    #[test]
    fn telex_table() {
        for (keys, want) in TELEX {
            assert_eq!(compose_str(keys, InputMethod::Telex), *want, "Telex {keys:?}");
        }
        assert!(TELEX.len() >= 40);
    }

    #[test]
    fn vni_table() {
        for (keys, want) in VNI {
            assert_eq!(compose_str(keys, InputMethod::Vni), *want, "VNI {keys:?}");
        }
    }

    #[test]
    fn off_types_keys_as_they_are() {
        assert_eq!(compose_str("Nguyeenx", InputMethod::Off), "Nguyeenx");
    }

    #[test]
    fn compose_is_one_key_on_the_current_word() {
        assert_eq!(compose("hòa", 'n', InputMethod::Telex), "hoàn");
        assert_eq!(compose("Nguyên", 'x', InputMethod::Telex), "Nguyễn");
        assert_eq!(compose("", 's', InputMethod::Telex), "s");
    }

    #[test]
    fn every_vowel_form_parses_and_renders_back() {
        // Exhaustive over the vowel table: each precomposed vowel, typed as
        // the start of a word, parses and renders back to itself.
        for (_, _, row) in VOWELS {
            for v in row.chars() {
                for c in [v, v.to_uppercase().next().unwrap()] {
                    let mut s = String::new();
                    Letter::parse(c).render(&mut s);
                    assert_eq!(s, c.to_string());
                }
            }
        }
    }
}
