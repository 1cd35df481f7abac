//! Index keys in the `idx` tree. Each is a one-byte kind, then either
//! ordering data (times, a status) or an 8-byte keyed hash, then the record
//! id. The hashes stand for folded name words and numbers, so the index
//! finds a resident without holding any name or number. A name word's hash
//! is its id in the vocabulary ([`super::vocab`]), where a typed prefix
//! finds the words it starts.

use super::crypto::SecretKey;
use super::records::{Case, Id, Resident};
use trolyso_core::domain::procedure::FoundFields;
use trolyso_core::text::fold;

pub const RECENT: u8 = b'r';
pub const STATUS: u8 = b's';
pub const CASES_OF_RESIDENT: u8 = b'c';
/// A block of the residents with a name word: `w`, the word's id, the
/// block's number; its value the residents' ids ([`super::postings`]).
pub const NAME_WORD: u8 = b'w';
pub const ID_NUMBER: u8 = b'i';
pub const PHONE: u8 = b'p';
/// The last [`SUFFIX_DIGITS`] digits of an identification number or phone:
/// "1234" finds the resident whose number ends so (confirmed on the record).
pub const NUMBER_SUFFIX: u8 = b'x';
pub const SUFFIX_DIGITS: usize = 4;

/// Keys of older versions: every prefix (up to 12 letters) of every word
/// of a resident's name, and of a person a case names. A folder's
/// preparation replaces them by word keys.
pub const OLD_NAME_PREFIX: u8 = b'n';
pub const OLD_PERSON_PREFIX: u8 = b'm';

/// A word of the vocabulary: `v` and the word's id; its value is the
/// sealed word.
pub const VOCABULARY: u8 = b'v';

/// A folded name word's id: a keyed hash, so the same word has the same id
/// on every machine of the office and no key holds the word.
pub type WordId = [u8; 8];

pub fn word_id(key: &SecretKey, word: &str) -> WordId {
    key.index_hash(VOCABULARY, word)
}

pub fn vocabulary_key(id: &WordId) -> Vec<u8> {
    [&[VOCABULARY][..], id].concat()
}

/// The prefix of one word's blocks (`kind` is [`NAME_WORD`] or
/// [`PERSON_WORD`]).
pub fn word_prefix(kind: u8, id: &WordId) -> Vec<u8> {
    [&[kind][..], id].concat()
}

/// How many blocks a word's list is split into, by the last byte of each
/// id (ids end with random bytes, so the blocks fill evenly). More blocks:
/// an edit rewrites smaller values (sled keeps the old ones until it cleans
/// its log), and a search that finds little reads more of them.
pub const BLOCKS: u8 = 128;

fn block_of(id: &Id) -> u8 {
    id.0[15] % BLOCKS
}

/// A block's key length: kind, word id, block number.
const BLOCK_KEY: usize = 1 + 8 + 1;

/// The word a block key lists records under.
pub fn word_of_block(block: &[u8]) -> Option<WordId> {
    block.get(1..9)?.try_into().ok()
}

/// Where `id` is listed for the word `word`: the block's key followed by
/// the id. Written and removed like any index key, it is kept as the id in
/// the block's value ([`split_posting`]).
fn posting(kind: u8, word: &WordId, id: &Id) -> Vec<u8> {
    [&word_prefix(kind, word)[..], &[block_of(id)], &id.0].concat()
}

/// A word posting's block key and id; None for any other index key.
pub fn split_posting(key: &[u8]) -> Option<(&[u8], &[u8])> {
    let word = matches!(key.first(), Some(&NAME_WORD | &PERSON_WORD));
    (word && key.len() == BLOCK_KEY + 16).then(|| key.split_at(BLOCK_KEY))
}

/// The words of a folded name, each once, in order.
pub fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in fold(name).split(' ').filter(|w| !w.is_empty()) {
        if !words.iter().any(|w| w == word) {
            words.push(word.to_owned());
        }
    }
    words
}

/// The postings of `id` under a name's words.
fn word_postings(key: &SecretKey, kind: u8, name: &str, id: &Id) -> Vec<Vec<u8>> {
    name_words(name)
        .iter()
        .map(|w| posting(kind, &word_id(key, w), id))
        .collect()
}

/// A case that names a person (the father, a child) other than its
/// resident, under that person's record id: their screen lists it.
pub const NAMED: u8 = b'o';

pub fn named_prefix(person: &Id) -> Vec<u8> {
    [&[NAMED][..], &person.0].concat()
}

pub fn named_key(person: &Id, case: &Id) -> Vec<u8> {
    [named_prefix(person), case.0.to_vec()].concat()
}

/// A deleted draft's mark (with its id, nothing else): a bundle from
/// another machine does not bring it back.
pub const DELETED: u8 = b'd';

pub fn deleted_key(case: &Id) -> Vec<u8> {
    [&[DELETED][..], &case.0].concat()
}

/// The index keys of a case: the recent list, its status list, and its
/// resident's case list.
pub fn case_keys(case: &Case) -> Vec<Vec<u8>> {
    let updated = (case.updated_at_ms as u64).to_be_bytes();
    let mut recent = vec![RECENT];
    recent.extend_from_slice(&updated);
    recent.extend_from_slice(&case.id.0);
    let mut status = vec![STATUS, case.status.code()];
    status.extend_from_slice(&updated);
    status.extend_from_slice(&case.id.0);
    let mut keys = vec![recent, status];
    if let Some(rid) = &case.resident_id {
        let mut k = cases_of_resident_prefix(rid);
        k.extend_from_slice(&case.id.0);
        keys.push(k);
    }
    keys
}

pub fn cases_of_resident_prefix(resident: &Id) -> Vec<u8> {
    let mut k = vec![CASES_OF_RESIDENT];
    k.extend_from_slice(&resident.0);
    k
}

pub fn exact_key(key: &SecretKey, kind: u8, value: &str) -> Vec<u8> {
    let mut k = vec![kind];
    k.extend_from_slice(&key.index_hash(kind, value));
    k
}

/// A phone number as it is compared: digits, with +84 / 84 turned into 0.
pub fn normal_phone(phone: &str) -> String {
    trolyso_core::domain::validate::phone(phone)
        .map(|c| c.value)
        .unwrap_or_else(|_| phone.chars().filter(char::is_ascii_digit).collect())
}

/// A block of the cases naming someone with a word: `q`, the word's id,
/// the block's number; its value the cases' ids.
pub const PERSON_WORD: u8 = b'q';

/// The index keys (with the case id) for a name typed in a case: a key per
/// word, as for residents, but pointing at the case.
fn person_keys(key: &SecretKey, name: &str, case: &Id) -> Vec<Vec<u8>> {
    word_postings(key, PERSON_WORD, name, case)
}

/// The last digits of a number or code among a case's answers (a parent's
/// identification number, a phone, a code), under which the case is listed.
pub const CASE_NUMBER: u8 = b'y';
/// The last digits of a case's hồ sơ code (kept apart from its answers, so
/// setting the code never touches the answers' keys).
pub const HOSO_NUMBER: u8 = b'h';

/// The index keys (with the case id) of the answers a case is found by:
/// every word of every name, the last digits of every number. Worked out
/// from all of them together: two answers may share a key.
pub fn found_keys(key: &SecretKey, found: &FoundFields, case: &Case) -> Vec<Vec<u8>> {
    let mut keys: Vec<Vec<u8>> = Vec::new();
    for name in found.names_in(&case.answers) {
        keys.extend(person_keys(key, name, &case.id));
    }
    for number in found.numbers_in(&case.answers) {
        keys.extend(number_keys(key, CASE_NUMBER, number, &case.id));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The index keys of a case's hồ sơ code.
pub fn hoso_keys(key: &SecretKey, case: &Case) -> Vec<Vec<u8>> {
    case.hoso_code
        .as_deref()
        .map(|code| number_keys(key, HOSO_NUMBER, code, &case.id))
        .unwrap_or_default()
}

/// The key (with the case id) of a number's last [`SUFFIX_DIGITS`] digits,
/// if it has that many.
fn number_keys(key: &SecretKey, kind: u8, number: &str, case: &Id) -> Vec<Vec<u8>> {
    number_suffix(number)
        .map(|s| [exact_key(key, kind, &s), case.0.to_vec()].concat())
        .into_iter()
        .collect()
}

/// The number-suffix keys of a resident (without the resident id): the
/// last digits of the identification number and of the phone, once each.
pub fn suffix_keys(key: &SecretKey, r: &Resident) -> Vec<Vec<u8>> {
    let mut suffixes: Vec<String> = [r.id_number.clone(), r.phone.as_deref().map(normal_phone)]
        .into_iter()
        .flatten()
        .filter_map(|n| number_suffix(&n))
        .collect();
    suffixes.dedup();
    suffixes
        .iter()
        .map(|s| exact_key(key, NUMBER_SUFFIX, s))
        .collect()
}

/// The last [`SUFFIX_DIGITS`] digits of a number, if it has that many.
pub fn number_suffix(number: &str) -> Option<String> {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= SUFFIX_DIGITS).then(|| digits[digits.len() - SUFFIX_DIGITS..].iter().collect())
}

/// The index keys of a resident: every word of the folded name, the
/// identification number and the phone.
pub fn resident_keys(key: &SecretKey, r: &Resident) -> Vec<Vec<u8>> {
    let mut keys = Vec::new();
    if let Some(n) = r.id_number.as_deref().filter(|n| !n.is_empty()) {
        keys.push(exact_key(key, ID_NUMBER, n));
    }
    if let Some(p) = r.phone.as_deref().filter(|p| !p.is_empty()) {
        keys.push(exact_key(key, PHONE, &normal_phone(p)));
    }
    keys.extend(suffix_keys(key, r));
    for k in &mut keys {
        k.extend_from_slice(&r.id.0);
    }
    keys.extend(word_postings(key, NAME_WORD, &r.full_name, &r.id));
    keys
}
