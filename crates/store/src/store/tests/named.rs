//! Issue 29: the father a birth registration names with his number has a
//! record of his own, linked to the case: his own later visit starts from
//! what is known, his screen lists the case, and a number corrected or a
//! draft deleted takes the record made from it alone.

use super::*;
use trolyso_core::assets::AssetSource;
use trolyso_core::domain::procedure::load_all;

fn catalogue() -> trolyso_core::domain::procedure::Catalogue {
    load_all(&AssetSource::Embedded.procedure_files().unwrap())
}

/// `answers` saved into a new case of `procedure` as the wizard saves them.
fn visit(s: &Store, procedure: &str, answers: &[(&str, &str)]) -> Case {
    let catalogue = catalogue();
    let p = catalogue.get(procedure).unwrap();
    let mut case = s.create_case(procedure, p.version, None, "h").unwrap();
    for (field, value) in answers {
        case = s
            .save_answer(&case.id, field, value, "h", &p.answer_role(field))
            .unwrap();
    }
    case
}

#[test]
fn the_father_named_with_his_number_is_a_person_on_file() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let birth = visit(
        &s,
        "dang-ky-khai-sinh",
        &[
            ("ho_ten_me", "Trần Thị Lan"),
            ("so_dinh_danh_me", "001190012345"),
            ("ho_ten_cha", "Nguyễn Văn Bảo"),
            ("ngay_sinh_cha", "04/05/1988"),
            ("so_dinh_danh_cha", "001088067890"),
        ],
    );
    let father = s.person_by_number("001088067890").unwrap().expect("his record");
    assert_eq!(father.full_name, "Nguyễn Văn Bảo");
    assert_eq!(father.birth_date.as_deref(), Some("04/05/1988"));
    assert_eq!(birth.named.get("ho_ten_cha"), Some(&father.id));
    assert_ne!(birth.resident_id, Some(father.id), "the mother is the resident");
    let naming: Vec<Id> = s
        .cases_naming(&father.id)
        .unwrap()
        .iter()
        .map(|r| r.case.id)
        .collect();
    assert_eq!(naming, [birth.id]);

    // A folder from before the links: linked once on opening.
    s.forget_preparation().unwrap();
    assert!(s.cases_naming(&father.id).unwrap().is_empty());
    let found_by = catalogue().found_by();
    let how = crate::store::Preparation {
        found_by: Some(&found_by),
        stop: &Default::default(),
        progress: &Default::default(),
    };
    s.prepare(&how).unwrap();
    assert_eq!(s.cases_naming(&father.id).unwrap().len(), 1);

    // His own visit later: only his number typed, his name and birth date
    // filled, the case his.
    let own = visit(&s, "vneid-muc-1", &[("so_dinh_danh", "001088067890")]);
    assert_eq!(own.resident_id, Some(father.id));
    assert_eq!(own.answers["ho_ten"], "Nguyễn Văn Bảo");
    assert_eq!(own.answers["ngay_sinh"], "04/05/1988");
}

#[test]
fn a_corrected_number_or_a_deleted_draft_takes_the_record_made_from_it() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let birth = visit(
        &s,
        "dang-ky-khai-sinh",
        &[
            ("ho_ten_cha", "Nguyễn Văn Bảo"),
            ("so_dinh_danh_cha", "001088067890"),
        ],
    );
    let first = s.person_by_number("001088067890").unwrap().unwrap();
    // A typing mistake corrected: the record made from this case has the
    // right number now, and nothing finds the wrong one.
    let catalogue = catalogue();
    let p = catalogue.get("dang-ky-khai-sinh").unwrap();
    let birth = s
        .save_answer(
            &birth.id,
            "so_dinh_danh_cha",
            "001088067891",
            "h",
            &p.answer_role("so_dinh_danh_cha"),
        )
        .unwrap();
    assert!(s.person_by_number("001088067890").unwrap().is_none());
    assert!(
        s.search_id_number("001088067890", 10, None)
            .unwrap()
            .items
            .is_empty()
    );
    let father = s.person_by_number("001088067891").unwrap().unwrap();
    assert_eq!(father.id, first.id, "the same record, corrected");
    assert_eq!(birth.named.get("ho_ten_cha"), Some(&father.id));
    assert_eq!(s.residents.len(), 1, "no second record of him");

    // Deleted as a draft: nothing of him stays.
    s.delete_draft(&birth.id, "h", &p.found_fields()).unwrap();
    assert!(s.resident(&father.id).unwrap().is_none());
    assert!(
        s.search_name("nguyen van bao", 10, None)
            .unwrap()
            .items
            .is_empty()
    );
    for kv in s.idx.iter() {
        let (k, _) = kv.unwrap();
        assert!(!k.starts_with(&index::named_prefix(&father.id)), "{k:?}");
    }
}
