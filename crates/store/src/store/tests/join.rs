//! Issue 29: two records of one person are found as look-alikes (the same
//! number, or the same name and birth date) and joined: one person, every
//! case theirs, the other record gone, the join audited.

use super::*;

fn person(s: &Store, name: &str, number: Option<&str>, born: Option<&str>) -> (Resident, Id) {
    let r = s
        .create_resident(Resident {
            id_number: number.map(Into::into),
            birth_date: born.map(Into::into),
            phone: None,
            ..resident(name, "", "")
        })
        .unwrap();
    let c = s.create_case("vneid-muc-1", 1, Some(r.id), "h").unwrap();
    (r, c.id)
}

/// The resident fields of the account guide the cases here are of.
fn vneid(_: &str) -> trolyso_core::domain::procedure::FieldRoles {
    trolyso_core::domain::procedure::FieldRoles {
        resident: trolyso_core::domain::procedure::ResidentFields {
            name: Some("ho_ten".into()),
            id_number: Some("so_dinh_danh".into()),
            birth_date: Some("ngay_sinh".into()),
            ..Default::default()
        },
        found: Default::default(),
        named: Vec::new(),
    }
}

#[test]
fn two_records_of_one_person_are_found_and_joined() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    // Typed on two machines: the same number.
    let (a, case_a) = person(&s, "Mai Công An", Some("040041376342"), Some("10/12/1941"));
    let (b, case_b) = person(&s, "Mai Cong An", Some("040041376342"), None);
    // Typed before the number was known: the same name and birth date.
    let (c, case_c) = person(&s, "Mai Công An", None, Some("10/12/1941"));
    // A namesake with another number is someone else.
    let (d, _) = person(&s, "Mai Công An", Some("040041999999"), Some("10/12/1941"));
    // A namesake born another day too.
    person(&s, "Mai Công An", None, Some("11/12/1941"));

    let alike: Vec<Id> = s.look_alikes(&a).unwrap().iter().map(|(r, _)| r.id).collect();
    assert_eq!(alike.len(), 2, "{alike:?}");
    assert!(alike.contains(&b.id) && alike.contains(&c.id));
    assert!(!alike.contains(&d.id));
    assert_eq!(s.look_alikes(&a).unwrap()[0].1, 1, "one case each");

    s.join_residents(&a.id, &b.id, "Chị Hoa", &vneid).unwrap();
    let joined = s.join_residents(&a.id, &c.id, "Chị Hoa", &vneid).unwrap();
    // Every case of hers has her number now, typed in one of them only.
    for case in [case_a, case_b, case_c] {
        let answers = s.case(&case).unwrap().unwrap().answers;
        assert_eq!(
            answers.get("so_dinh_danh").map(String::as_str),
            Some("040041376342")
        );
        assert_eq!(
            answers.get("ho_ten").map(String::as_str),
            Some("Mai Công An"),
            "blank filled"
        );
    }
    assert_eq!(joined.id_number.as_deref(), Some("040041376342"));
    assert!(s.resident(&b.id).unwrap().is_none() && s.resident(&c.id).unwrap().is_none());
    for case in [case_a, case_b, case_c] {
        assert_eq!(s.case(&case).unwrap().unwrap().resident_id, Some(a.id));
    }
    let mine: Vec<Id> = s.cases_of(&a.id).unwrap().iter().map(|r| r.case.id).collect();
    assert_eq!(mine.len(), 3);
    assert_eq!(
        s.search_id_number("040041376342", 10, None).unwrap().items.len(),
        3,
        "one person's three cases, each once"
    );
    assert!(s.look_alikes(&joined).unwrap().is_empty());
    // Each case's move is an edit (bundles carry it); the join is audited.
    let events: Vec<Change> = s.audit_events().map(|e| e.unwrap().change).collect();
    assert!(events.contains(&Change::Joined {
        kept: a.id,
        gone: c.id
    }));
    let facts = s.facts(&case_c).unwrap().unwrap();
    assert_eq!(facts.resident, Some(a.id), "counted as the one person");
}
