//! An answer that names the resident and the resident's record move together.

use super::*;

/// How many committed edits the store has seen.
fn generation(s: &Store) -> u64 {
    s.meta
        .get(integrity::GENERATION_KEY)
        .unwrap()
        .map_or(0, |v| u64::from_be_bytes(v.as_ref().try_into().unwrap()))
}

#[test]
fn an_answer_and_the_resident_it_names_are_one_committed_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let fields = trolyso_core::domain::procedure::ResidentFields {
        name: Some("ho_ten_me".into()),
        id_number: Some("so_dinh_danh_me".into()),
        ..Default::default()
    };
    let role = AnswerRole {
        resident: Some(fields),
        ..Default::default()
    };
    let c = s.create_case("dang-ky-khai-sinh", 1, None, "Chị Hoa").unwrap();
    // An answer that is not the resident's touches no record.
    let c = s
        .save_answer(&c.id, "ho_ten_tre", "Nguyễn Văn An", "Chị Hoa", &role)
        .unwrap();
    assert_eq!(c.resident_id, None);
    assert_eq!(s.residents.len(), 0);
    // The name: answer, new record and link in one commit.
    let before = generation(&s);
    let c = s
        .save_answer(&c.id, "ho_ten_me", "Trần Thị Hoa", "Chị Hoa", &role)
        .unwrap();
    assert_eq!(generation(&s), before + 1);
    let rid = c.resident_id.expect("linked");
    assert_eq!(s.resident(&rid).unwrap().unwrap().full_name, "Trần Thị Hoa");
    assert_eq!(
        names(&s.search_name("tran hoa", 10, None).unwrap()),
        ["Trần Thị Hoa"]
    );
    // The number updates the same record, in one commit again.
    let before = generation(&s);
    let c = s
        .save_answer(&c.id, "so_dinh_danh_me", "038192012345", "Chị Hoa", &role)
        .unwrap();
    assert_eq!(generation(&s), before + 1);
    assert_eq!(c.resident_id, Some(rid));
    assert_eq!(s.residents.len(), 1);
    assert_eq!(
        s.search_id_number("038192012345", 10, None).unwrap().items.len(),
        1
    );
    // A corrected name is found by its new words, not its old ones.
    s.save_answer(&c.id, "ho_ten_me", "Lê Thị Hoa", "Chị Hoa", &role)
        .unwrap();
    assert_eq!(s.residents.len(), 1);
    assert!(s.search_name("tran", 10, None).unwrap().items.is_empty());
    assert_eq!(names(&s.search_name("le hoa", 10, None).unwrap()), ["Lê Thị Hoa"]);
}

/// Issue 29: a case whose resident's number is someone's on file becomes
/// theirs; the record it had made alone (the name typed first) goes, and
/// the answers it lacks come from the person's record.
#[test]
fn a_known_number_links_the_case_to_the_person_on_file() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let role = AnswerRole {
        resident: Some(trolyso_core::domain::procedure::ResidentFields {
            name: Some("ho_ten".into()),
            id_number: Some("so_dinh_danh".into()),
            birth_date: Some("ngay_sinh".into()),
            sex: None,
            phone: Some("so_dien_thoai".into()),
            commune: Some("noi_cu_tru".into()),
            address: Some("dia_chi".into()),
        }),
        found: None,
        named: None,
    };
    let first = s.create_case("vneid-muc-1", 1, None, "h").unwrap();
    for (f, v) in [
        ("ho_ten", "Lê Thị Mai"),
        ("ngay_sinh", "02/03/1990"),
        ("noi_cu_tru", "14950"),
        ("dia_chi", "Thôn 3"),
        ("so_dinh_danh", "038190012345"),
    ] {
        s.save_answer(&first.id, f, v, "h", &role).unwrap();
    }
    let second = s.create_case("the-bhyt", 1, None, "h").unwrap();
    s.save_answer(&second.id, "ho_ten", "Lê Thị Mai", "h", &role)
        .unwrap();
    assert_eq!(
        s.residents.len(),
        2,
        "a record of its own while only the name is there"
    );
    let second = s
        .save_answer(&second.id, "so_dinh_danh", "038190012345", "h", &role)
        .unwrap();
    assert_eq!(s.residents.len(), 1, "the case's own record went");
    let person = s.case(&first.id).unwrap().unwrap().resident_id;
    assert_eq!(second.resident_id, person);
    assert_eq!(second.answers["ngay_sinh"], "02/03/1990");
    assert_eq!(second.answers["noi_cu_tru"], "14950", "her commune too");
    assert_eq!(second.answers["dia_chi"], "Thôn 3", "and her address");
    // Only the number typed: linked, the name filled.
    let third = s.create_case("the-bhyt", 1, None, "h").unwrap();
    let third = s
        .save_answer(&third.id, "so_dinh_danh", "038190012345", "h", &role)
        .unwrap();
    assert_eq!(third.resident_id, person);
    assert_eq!(third.answers["ho_ten"], "Lê Thị Mai");
    assert_eq!(s.residents.len(), 1);
}
