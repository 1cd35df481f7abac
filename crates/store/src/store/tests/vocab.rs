//! Names by word: every word listed has its sealed word on disk and every
//! word on disk lists someone, a typed prefix finds what it finds by every
//! word it starts, across edits, renames and reopening, and a word is
//! known in memory only once written and forgotten once it lists no one.

use super::*;
use trolyso_core::domain::procedure::ResidentFields;

fn role() -> AnswerRole {
    AnswerRole {
        resident: Some(ResidentFields {
            name: Some("ho_ten".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Every word block (`w` or `q`, its word's id, the block's number) has
/// its word's record on disk, that record is sealed, and the block holds
/// ids (16 bytes each) in order, each once, in the block of their own;
/// every word on disk has a block (no word of someone no longer on file).
pub(super) fn assert_words_on_disk(s: &Store) {
    for kind in [index::NAME_WORD, index::PERSON_WORD] {
        for kv in s.idx.scan_prefix([kind]) {
            let (k, v) = kv.unwrap();
            assert_eq!(k.len(), 10, "{k:?}");
            let id: index::WordId = k[1..9].try_into().unwrap();
            let sealed = s.idx.get(index::vocabulary_key(&id)).unwrap();
            assert!(sealed.is_some(), "a word key without its word: {k:?}");
            assert!(!v.is_empty() && v.len() % 16 == 0, "{v:?}");
            let ids: Vec<&[u8]> = v.chunks_exact(16).collect();
            assert!(ids.windows(2).all(|w| w[0] < w[1]), "out of order: {k:?}");
            assert!(
                ids.iter().all(|id| id[15] % index::BLOCKS == k[9]),
                "in another block"
            );
        }
    }
    for kv in s.idx.scan_prefix([index::VOCABULARY]) {
        let (k, v) = kv.unwrap();
        assert_eq!(k.len(), 9);
        let listed = [index::NAME_WORD, index::PERSON_WORD].iter().any(|kind| {
            s.idx
                .scan_prefix([&[*kind][..], &k[1..]].concat())
                .next()
                .is_some()
        });
        assert!(listed, "a word that lists no one: {k:?}");
        for plain in [&b"nguyen"[..], b"tran", b"hoa"] {
            assert!(!v.windows(plain.len()).any(|w| w == plain), "a word in the clear");
        }
    }
}

#[test]
fn names_are_found_by_the_start_of_their_words_across_renames_and_reopens() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = new_store(tmp.path());
    let names = [
        "Nguyễn Văn An",
        "Nguyễn Thị Anh",
        "Trần Thị Hoa",
        "Trần Văn Hoà",
        "Lê Nguyên",
        "Ngô Thanh",
        "Hoàng An Nhiên",
    ];
    let mut model: Vec<(Id, Id, String)> = Vec::new();
    for name in names {
        let c = s.create_case("p", 1, None, "h").unwrap();
        let c = s.save_answer(&c.id, "ho_ten", name, "h", &role()).unwrap();
        model.push((c.id, c.resident_id.unwrap(), name.to_owned()));
    }
    // Renamed: the old word no longer finds them, the new one does.
    let (case, _, name) = &mut model[5];
    s.save_answer(case, "ho_ten", "Ngô Thành Đạt", "h", &role())
        .unwrap();
    *name = "Ngô Thành Đạt".into();
    // Renamed so that a word ("nhien") lists no one any more.
    let (case, _, name) = &mut model[6];
    s.save_answer(case, "ho_ten", "Hoàng An Khuê", "h", &role())
        .unwrap();
    *name = "Hoàng An Khuê".into();
    assert!(s.vocab.starting_with("nhien").is_empty());
    for round in 0..2 {
        for query in [
            "ng", "nguyen", "an", "tran h", "hoa", "thanh", "dat", "ng an", "xyz", "a n", "nhien", "kh",
        ] {
            let q = trolyso_core::text::fold(query);
            let mut want: Vec<Id> = (model.iter())
                .filter(|(_, _, n)| trolyso_core::text::fold_matches(&trolyso_core::text::fold(n), &q))
                .map(|(_, r, _)| *r)
                .collect();
            want.sort();
            assert_eq!(residents_found(&s, query, 3), want, "{query}, round {round}");
        }
        assert_words_on_disk(&s);
        // The words come back from disk.
        drop(s);
        s = Store::open(tmp.path(), PASS).unwrap();
    }
    // No key holds a name: words are under keyed hashes.
    for k in s.idx.iter().keys() {
        let k = k.unwrap();
        assert!(
            !k.windows(3).any(|w| w == b"ngu" || w == b"tra" || w == b"hoa"),
            "{k:?}"
        );
    }
}

#[test]
fn a_word_of_an_edit_that_failed_is_not_known_and_is_written_by_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let mut r = resident("Phùng Khắc Khoan", "001085012345", "0912345678");
    r.id = Id::new(now_ms()).unwrap();
    let failed = s.commit(|tx| {
        s.resident_keys(tx, &r)?;
        abort::<()>(StoreError::NotFound)
    });
    assert!(failed.is_err());
    assert!(
        s.vocab.starting_with("khoan").is_empty(),
        "known though not written"
    );
    assert!(s.idx.scan_prefix([index::VOCABULARY]).next().is_none());
    // The next edit with the word writes it.
    let c = s.create_case("p", 1, None, "h").unwrap();
    s.save_answer(&c.id, "ho_ten", "Phùng Khắc Khoan", "h", &role())
        .unwrap();
    drop(s);
    let s = Store::open(tmp.path(), PASS).unwrap();
    assert_eq!(
        names(&s.search_name("khac kh", 10, None).unwrap()),
        ["Phùng Khắc Khoan"]
    );
    assert_words_on_disk(&s);
}

#[test]
fn a_word_goes_with_the_last_record_it_lists_unless_listed_again_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let mut r = resident("Khổng Minh Triết", "001085012345", "0912345678");
    r.id = Id::new(now_ms()).unwrap();
    let old = index::resident_keys(&s.index_key, &r);
    s.commit(|tx| tx.replace_keys(&[], &s.resident_keys(tx, &r)?))
        .unwrap();
    assert_eq!(s.vocab.starting_with("khong").len(), 1);
    // Unlisted and listed again in one transaction (a record moved): the
    // words stay, on disk and in memory.
    s.commit(|tx| {
        tx.replace_keys(&old, &[])?;
        tx.replace_keys(&[], &s.resident_keys(tx, &r)?)
    })
    .unwrap();
    assert_eq!(s.vocab.starting_with("khong").len(), 1);
    assert_words_on_disk(&s);
    // Unlisted for good: gone from disk and memory, and after reopening.
    s.commit(|tx| tx.replace_keys(&old, &[])).unwrap();
    assert!(s.vocab.starting_with("khong").is_empty());
    assert!(s.idx.scan_prefix([index::VOCABULARY]).next().is_none());
    drop(s);
    let s = Store::open(tmp.path(), PASS).unwrap();
    assert!(s.vocab.starting_with("").is_empty());
}
