//! Issue 13, item 15: a case is found by the last digits of a number the
//! resident remembers, and by anyone it names; nothing is stored in clear;
//! a name search pages through exactly the residents that match.

use super::*;
use trolyso_core::domain::procedure::FoundFields;

/// An answer of a birth registration the case is found by (as
/// `Procedure::answer_role` gives it): a name or number of the child's, a
/// parent's, and the hồ sơ code of the step.
fn found_by_birth() -> AnswerRole {
    AnswerRole {
        resident: None,
        found: Some(FoundFields {
            names: ["ho_ten_tre", "ho_ten_cha", "ho_ten_me"]
                .map(String::from)
                .to_vec(),
            numbers: ["so_dinh_danh_cha", "so_dien_thoai", "ma_ho_so"]
                .map(String::from)
                .to_vec(),
        }),
        named: None,
    }
}

/// The found-by fields of the shipped procedures.
fn shipped() -> trolyso_core::domain::procedure::FoundBy {
    trolyso_core::domain::procedure::load_all(
        &trolyso_core::assets::AssetSource::Embedded
            .procedure_files()
            .unwrap(),
    )
    .found_by()
}

#[test]
fn the_end_of_a_number_finds_the_resident() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let r = s
        .create_resident(resident("Nguyễn Văn An", "038090012345", "0912 345 678"))
        .unwrap();
    s.create_case("vneid-muc-1", 1, Some(r.id), "h").unwrap();
    let other = s
        .create_resident(resident("Trần Thị Bình", "038190099999", "0987654321"))
        .unwrap();
    s.create_case("vneid-muc-1", 1, Some(other.id), "h").unwrap();
    for typed in ["2345", "12345", "5678", "345678", "0912345678"] {
        assert_eq!(
            names(&s.search_number_end(typed, 10, None).unwrap()),
            ["Nguyễn Văn An"],
            "{typed}"
        );
    }
    assert!(s.search_number_end("1111", 10, None).unwrap().items.is_empty());
    assert!(s.search_number_end("45", 10, None).unwrap().items.is_empty());
    // Only keyed hashes are in the index: no run of the number's digits.
    for kv in s.idx.iter() {
        let (k, _) = kv.unwrap();
        assert!(!k.windows(4).any(|w| w == b"2345"), "{k:?}");
    }
}

#[test]
fn residents_stored_before_the_suffix_index_are_found_after_opening() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let s = new_store(tmp.path());
        let r = s
            .create_resident(resident("Lê Thọ Thành", "038058012123", "0912000111"))
            .unwrap();
        s.create_case("vneid-muc-1", 1, Some(r.id), "h").unwrap();
        // As an older version left it: no suffix keys, no mark.
        let old: Vec<_> = s
            .idx
            .scan_prefix([index::NUMBER_SUFFIX])
            .map(|kv| kv.unwrap().0)
            .collect();
        for k in old {
            s.idx.remove(k).unwrap();
        }
        s.meta.remove(b"index: number suffix").unwrap();
        s.flush().unwrap();
        assert!(s.search_number_end("2123", 10, None).unwrap().items.is_empty());
    }
    let s = Store::open(tmp.path(), PASS).unwrap();
    assert_eq!(
        names(&s.search_number_end("2123", 10, None).unwrap()),
        ["Lê Thọ Thành"]
    );
}

#[test]
fn a_case_is_found_by_the_people_it_names_and_not_by_old_names() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let c = s.create_case("dang-ky-khai-sinh", 1, None, "h").unwrap();
    s.save_answer(&c.id, "ho_ten_tre", "Nguyễn Văn Ân", "h", &found_by_birth())
        .unwrap();
    s.save_answer(&c.id, "ho_ten_cha", "Nguyễn Văn Bảo", "h", &found_by_birth())
        .unwrap();
    let found = |q: &str| s.search_people(q, 10).unwrap().len();
    assert_eq!(found("nguyen van an"), 1);
    assert_eq!(found("bao"), 1);
    assert_eq!(found("nguyen"), 1, "one case, however many names match");
    // The child's name corrected: the old one no longer finds it.
    s.save_answer(&c.id, "ho_ten_tre", "Nguyễn Văn Ánh", "h", &found_by_birth())
        .unwrap();
    assert_eq!(found("an"), 1, "Ánh still starts with an");
    assert_eq!(found("nguyen van anh"), 1);
    s.save_answer(&c.id, "ho_ten_cha", "", "h", &found_by_birth())
        .unwrap();
    assert_eq!(found("bao"), 0);
    // The father's and the child's names shared "Nguyễn Văn": the child's
    // still find the case.
    assert_eq!(found("nguyen van"), 1);
    for kv in s.idx.iter() {
        let (k, _) = kv.unwrap();
        assert!(!k.windows(3).any(|w| w == b"ngu" || w == b"bao"), "{k:?}");
    }
}

#[test]
fn names_in_cases_stored_before_are_indexed_once() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let c = s.create_case("dang-ky-khai-sinh", 1, None, "h").unwrap();
    // As an older version saved it: not indexed with the case.
    s.save_answer(&c.id, "ho_ten_tre", "Phạm Gia Huy", "h", &AnswerRole::default())
        .unwrap();
    assert!(s.search_people("gia huy", 10).unwrap().is_empty());
    s.meta.remove(b"index: words of people of a case").unwrap();
    assert_eq!(s.passes_needed(true).unwrap(), [crate::store::Pass::People]);
    let people = shipped();
    let how = crate::store::Preparation {
        found_by: Some(&people),
        stop: &Default::default(),
        progress: &Default::default(),
    };
    assert_eq!(s.prepare(&how).unwrap(), crate::store::Prepared::Done);
    assert_eq!(s.search_people("gia huy", 10).unwrap().len(), 1);
    assert!(s.passes_needed(true).unwrap().is_empty(), "once");
}

#[test]
fn name_search_pages_find_exactly_the_matching_residents() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let mut g = crate::dev::seed::Generator::new(5);
    crate::dev::seed::fill(&s, &mut g, 1_500, now_ms()).unwrap();
    super::vocab::assert_words_on_disk(&s);
    let everyone: Vec<(Id, String)> = s
        .recent(10_000, None)
        .unwrap()
        .items
        .into_iter()
        .filter_map(|r| r.resident.map(|x| (x.id, trolyso_core::text::fold(&x.full_name))))
        .collect();
    assert_eq!(everyone.len(), 1_500);
    for query in [
        "nguyen van a",
        "tr thi h",
        "le",
        "h a",
        "thanh",
        "ng ng",
        "an le an",
        "x",
    ] {
        let q = trolyso_core::text::fold(query);
        let mut expected: Vec<Id> = everyone
            .iter()
            .filter(|(_, name)| trolyso_core::text::fold_matches(name, &q))
            .map(|(id, _)| *id)
            .collect();
        expected.sort();
        // Page by page, seven cases at a time.
        assert_eq!(residents_found(&s, query, 7), expected, "{query}");
    }
}

#[test]
fn a_case_is_found_by_the_end_of_any_number_it_holds_and_by_its_hoso_code() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let found_by = shipped();
    let c = s.create_case("dang-ky-khai-sinh", 1, None, "h").unwrap();
    let other = s.create_case("dang-ky-khai-sinh", 1, None, "h").unwrap();
    s.save_answer(&c.id, "so_dinh_danh_cha", "001085012345", "h", &found_by_birth())
        .unwrap();
    s.save_answer(&c.id, "so_dien_thoai", "0912 777 888", "h", &found_by_birth())
        .unwrap();
    s.save_answer(
        &other.id,
        "so_dinh_danh_cha",
        "001085099999",
        "h",
        &found_by_birth(),
    )
    .unwrap();
    let found = |q: &str| {
        s.search_case_numbers(q, &found_by, 10)
            .unwrap()
            .iter()
            .map(|r| r.case.id)
            .collect::<Vec<_>>()
    };
    for typed in ["2345", "012345", "001085012345", "7888", "0912777888"] {
        assert_eq!(found(typed), [c.id], "{typed}");
    }
    assert_eq!(found("9999"), [other.id]);
    assert!(found("1111").is_empty());
    assert!(found("345").is_empty(), "three digits are too few");

    // The number corrected: the old one no longer finds the case, the new does.
    s.save_answer(&c.id, "so_dinh_danh_cha", "001085054321", "h", &found_by_birth())
        .unwrap();
    assert!(found("2345").is_empty());
    assert_eq!(found("4321"), [c.id]);

    // Filed: the hồ sơ code, whole or its end, finds it.
    let filed = StatusChange {
        hoso_code: Some("G22.99-260101-0042".into()),
        ..Default::default()
    };
    s.set_status(&c.id, Status::Filed, &filed, "h").unwrap();
    for typed in ["0042", "260101-0042", "G22.99-260101-0042", "22.99-260101-0042"] {
        assert_eq!(found(typed), [c.id], "{typed}");
    }
    // Only keyed hashes are in the index: no run of any number's digits.
    for kv in s.idx.iter() {
        let (k, _) = kv.unwrap();
        assert!(
            !k.windows(4)
                .any(|w| [&b"4321"[..], b"7888", b"0042"].contains(&w)),
            "{k:?}"
        );
    }
}

#[test]
fn numbers_in_cases_stored_before_are_indexed_once() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let found_by = shipped();
    let c = s.create_case("dang-ky-khai-sinh", 1, None, "h").unwrap();
    // As an older version saved it: not indexed with the case.
    s.save_answer(
        &c.id,
        "so_dinh_danh_cha",
        "001085012345",
        "h",
        &AnswerRole::default(),
    )
    .unwrap();
    assert!(s.search_case_numbers("2345", &found_by, 10).unwrap().is_empty());
    s.meta.remove(b"index: numbers of a case").unwrap();
    assert_eq!(s.passes_needed(true).unwrap(), [crate::store::Pass::CaseNumbers]);
    let how = crate::store::Preparation {
        found_by: Some(&found_by),
        stop: &Default::default(),
        progress: &Default::default(),
    };
    assert_eq!(s.prepare(&how).unwrap(), crate::store::Prepared::Done);
    assert_eq!(s.search_case_numbers("2345", &found_by, 10).unwrap().len(), 1);
    assert!(s.passes_needed(true).unwrap().is_empty(), "once");
}
