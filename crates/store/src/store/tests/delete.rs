//! Issue 29: a draft begun by mistake is deleted, with its values, its index
//! keys, its facts and a person who has no other case; a filed case is not.

use super::*;
use trolyso_core::domain::procedure::FoundFields;

fn birth() -> FoundFields {
    FoundFields {
        names: ["ho_ten_tre", "ho_ten_me"].map(String::from).to_vec(),
        numbers: ["so_dinh_danh_cha"].map(String::from).to_vec(),
    }
}

fn role(resident: bool) -> AnswerRole {
    AnswerRole {
        resident: resident.then(|| trolyso_core::domain::procedure::ResidentFields {
            name: Some("ho_ten_me".into()),
            id_number: Some("so_dinh_danh_me".into()),
            ..Default::default()
        }),
        found: Some(birth()),
        named: None,
    }
}

/// A birth registration for `mother`, her number and the father's typed.
fn draft(s: &Store, mother: &str, number: &str) -> Case {
    let c = s.create_case("dang-ky-khai-sinh", 1, None, "h").unwrap();
    s.save_answer(&c.id, "ho_ten_tre", "Phạm Gia Huy", "h", &role(false))
        .unwrap();
    s.save_answer(&c.id, "ho_ten_me", mother, "h", &role(true))
        .unwrap();
    s.save_answer(&c.id, "so_dinh_danh_me", number, "h", &role(true))
        .unwrap();
    s.save_answer(&c.id, "so_dinh_danh_cha", "001085067890", "h", &role(false))
        .unwrap()
}

#[test]
fn a_deleted_draft_leaves_nothing_to_find_and_no_backup_holds_it() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(&tmp.path().join("a"));
    let c = draft(&s, "Trần Thị Lan", "001190012345");
    let person = c.resident_id.unwrap();
    let kept = draft(&s, "Lê Thị Mai", "038190054321");

    s.delete_draft(&c.id, "Chị Hoa", &birth()).unwrap();
    assert!(s.case(&c.id).unwrap().is_none());
    assert!(s.resident(&person).unwrap().is_none(), "her only case");
    assert!(s.facts(&c.id).unwrap().is_none());
    assert!(s.was_deleted(&c.id).unwrap());
    assert!(s.search_name("tran thi lan", 10, None).unwrap().items.is_empty());
    assert!(
        s.search_id_number("001190012345", 10, None)
            .unwrap()
            .items
            .is_empty()
    );
    assert!(
        s.search_people("gia huy", 10)
            .unwrap()
            .iter()
            .all(|r| r.case.id != c.id)
    );
    let ids: Vec<Id> = s
        .recent(10, None)
        .unwrap()
        .items
        .iter()
        .map(|r| r.case.id)
        .collect();
    assert_eq!(ids, [kept.id]);
    // The only keys left with its id: the mark, and the days it was worked
    // on (a day and an id: nothing personal).
    for kv in s.idx.iter() {
        let (k, v) = kv.unwrap();
        if [index::NAME_WORD, index::PERSON_WORD].contains(&k[0]) {
            let listed = |id: &Id| v.chunks_exact(16).any(|x| x == id.0);
            assert!(!listed(&c.id) && !listed(&person), "still in a word's list");
        }
        if k.ends_with(&c.id.0) {
            assert!(
                [index::DELETED, crate::store::facts::ACTIVE_DAY].contains(&k[0]),
                "{k:?}"
            );
        }
    }
    super::vocab::assert_words_on_disk(&s);
    // Her name's words went with her; the child's, still named, stayed.
    assert!(s.vocab.starting_with("lan").is_empty() && s.vocab.starting_with("tran").is_empty());
    assert_eq!(s.vocab.starting_with("huy").len(), 1);
    // Who deleted it, and when; nothing of what it held.
    let last = s.audit_events().last().unwrap().unwrap();
    assert_eq!((last.change, last.case_id), (Change::Deleted, Some(c.id)));

    // The next backup has no trace of it.
    let file = tmp.path().join("sao-luu.bak");
    s.backup(&file).unwrap();
    let restored = tmp.path().join("b");
    restore(&file, &restored).unwrap();
    drop(s);
    let r = Store::open(&restored, PASS).unwrap();
    assert!(r.case(&c.id).unwrap().is_none());
    assert!(r.resident(&person).unwrap().is_none());
    assert!(r.search_name("lan", 10, None).unwrap().items.is_empty());
    assert!(r.case(&kept.id).unwrap().is_some());
}

#[test]
fn a_filed_case_is_not_deleted_and_a_person_with_another_case_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let first = draft(&s, "Trần Thị Lan", "001190012345");
    // Her second visit: the same person.
    let second = draft(&s, "Trần Thị Lan", "001190012345");
    assert_eq!(first.resident_id, second.resident_id);
    let filed = StatusChange {
        hoso_code: Some("G22.99-1".into()),
        ..Default::default()
    };
    s.set_status(&first.id, Status::Filed, &filed, "h").unwrap();
    assert!(matches!(
        s.delete_draft(&first.id, "h", &birth()),
        Err(StoreError::NotADraft)
    ));
    s.delete_draft(&second.id, "h", &birth()).unwrap();
    assert!(s.resident(&first.resident_id.unwrap()).unwrap().is_some());
    assert_eq!(
        s.search_id_number("001190012345", 10, None).unwrap().items.len(),
        1,
        "her filed case is still found by her number"
    );
}
