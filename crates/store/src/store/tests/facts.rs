//! The facts reports count, kept with every edit and rebuilt once for
//! folders made before them.

use super::*;
use trolyso_core::domain::date::local_day;

fn pause(reason: Reason) -> StatusChange {
    StatusChange {
        reason: Some(reason),
        next_visit: Some("05/12/2026".into()),
        ..StatusChange::default()
    }
}

fn filed() -> StatusChange {
    StatusChange {
        hoso_code: Some("G22.99-000001".into()),
        ..StatusChange::default()
    }
}

#[test]
fn every_edit_keeps_the_facts_in_the_same_transaction() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let c = s.create_case("vneid-muc-1", 1, None, "Chị Lan").unwrap();
    let f = s.facts(&c.id).unwrap().unwrap();
    assert_eq!(
        (f.procedure.as_str(), f.status, f.marks.len()),
        ("vneid-muc-1", Status::Preparing, 0)
    );
    s.set_answer(&c.id, "da_gui_dang_ky", "yes", "Anh Tuấn").unwrap();
    s.set_status(&c.id, Status::Paused, &pause(Reason::WaitingApproval), "Anh Tuấn")
        .unwrap();
    s.set_status(&c.id, Status::Preparing, &StatusChange::default(), "Chị Lan")
        .unwrap();
    s.set_answer(&c.id, "da_kich_hoat", "yes", "Chị Lan").unwrap();
    let c = s.set_status(&c.id, Status::Done, &filed(), "Chị Lan").unwrap();
    let f = s.facts(&c.id).unwrap().unwrap();
    assert_eq!(f.helper, "Chị Lan", "who started it");
    assert_eq!(f.status, Status::Done);
    assert_eq!(f.revision, c.revision);
    let marks: Vec<(Status, Option<Reason>, &str)> = f
        .marks
        .iter()
        .map(|m| (m.to, m.reason, m.helper.as_str()))
        .collect();
    assert_eq!(
        marks,
        [
            (Status::Paused, Some(Reason::WaitingApproval), "Anh Tuấn"),
            (Status::Preparing, None, "Chị Lan"),
            (Status::Done, None, "Chị Lan"),
        ]
    );
    assert!(f.registered_ms.is_some() && f.activated_ms.is_some());
    assert!(f.registered_ms <= f.activated_ms);
    let today = local_day(now_ms());
    assert_eq!(
        s.facts_of(s.cases_worked_between(today - 1, today + 1).unwrap())
            .unwrap()
            .len(),
        1
    );
    assert!(
        s.facts_of(s.cases_worked_between(today + 1, today + 30).unwrap())
            .unwrap()
            .is_empty()
    );
    assert!(
        s.facts_of(s.cases_with_status(Status::Paused).unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn facts_hold_no_readable_name_or_key() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let c = s.create_case("dang-ky-khai-sinh", 1, None, "Chị Lan").unwrap();
    s.set_answer(&c.id, "ho_ten_tre", "Nguyễn Văn An", "Chị Lan")
        .unwrap();
    for kv in s.idx.iter() {
        let (k, v) = kv.unwrap();
        for bytes in [&k[..], &v[..]] {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains("Lan") && !text.contains("khai-sinh"), "{text}");
        }
    }
}

#[test]
fn folders_from_before_reports_get_their_facts_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (id, paused) = {
        let s = new_store(tmp.path());
        let c = s.create_case("dang-ky-khai-sinh", 1, None, "Chị Lan").unwrap();
        s.set_status(&c.id, Status::Filed, &filed(), "Anh Tuấn").unwrap();
        let p = s.create_case("dang-ky-khai-tu", 1, None, "Chị Lan").unwrap();
        s.set_status(&p.id, Status::Paused, &pause(Reason::NoChipCard), "Chị Lan")
            .unwrap();
        // As a folder made by the version before: no facts, no mark.
        let old: Vec<_> = s
            .idx
            .iter()
            .keys()
            .map(Result::unwrap)
            .filter(|k| matches!(k[0], crate::store::facts::FACTS | crate::store::facts::ACTIVE_DAY))
            .collect();
        for k in old {
            s.idx.remove(k).unwrap();
        }
        s.meta.remove(b"index: report facts").unwrap();
        s.flush_raising_generation().unwrap();
        assert!(s.facts(&c.id).unwrap().is_none());
        (c.id, p.id)
    };
    let s = Store::open(tmp.path(), PASS).unwrap();
    let f = s.facts(&id).unwrap().unwrap();
    assert_eq!(f.marks.len(), 1);
    assert_eq!(
        (f.marks[0].to, f.marks[0].helper.as_str()),
        (Status::Filed, "Anh Tuấn")
    );
    let p = s.facts(&paused).unwrap().unwrap();
    assert_eq!(
        p.marks[0].reason,
        Some(Reason::NoChipCard),
        "the last pause keeps its reason"
    );
    let today = local_day(now_ms());
    assert_eq!(
        s.facts_of(s.cases_worked_between(today, today).unwrap())
            .unwrap()
            .len(),
        2
    );
    assert!(s.passes_needed(false).unwrap().is_empty(), "once");
}

#[test]
fn seeded_cases_have_facts() {
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let r = Resident {
        id: Id([7; 16]),
        ..resident("Trần Thị Hòa", "001190000001", "0912345678")
    };
    let now = now_ms();
    let case = Case {
        id: Id([9; 16]),
        procedure_id: "dang-ky-khai-sinh".into(),
        procedure_version: 1,
        resident_id: Some(r.id),
        helper: "Chị Lan".into(),
        status: Status::Filed,
        answers: Default::default(),
        documents: Default::default(),
        readiness: Default::default(),
        reason: None,
        next_visit: None,
        hoso_code: Some("X".into()),
        named: Default::default(),
        filed_level: None,
        pause_note: None,
        last_field: None,
        created_at_ms: now - 3 * 86_400_000,
        updated_at_ms: now,
        revision: 3,
        clocks: Default::default(),
        rivals: Default::default(),
        written: 0,
    };
    s.insert_many(&[(r, case)], &Default::default()).unwrap();
    let f = s.facts(&Id([9; 16])).unwrap().unwrap();
    assert_eq!((f.status, f.marks.len(), f.revision), (Status::Filed, 1, 3));
    let today = local_day(now);
    assert_eq!(
        s.facts_of(s.cases_worked_between(today - 3, today - 3).unwrap())
            .unwrap()
            .len(),
        1
    );
}

/// Issue 29: how the portal took a filing is what the helper recorded
/// (toàn trình, một phần), kept with the case and in its facts; "not sure"
/// is kept as nothing.
#[test]
fn a_filing_keeps_the_level_the_portal_showed() {
    use trolyso_core::domain::procedure::Level;
    let tmp = tempfile::tempdir().unwrap();
    let s = new_store(tmp.path());
    let c = s.create_case("dang-ky-khai-sinh", 1, None, "Chị Lan").unwrap();
    let partly = StatusChange {
        level: Some(Level::Partial),
        ..filed()
    };
    let c = s.set_status(&c.id, Status::Filed, &partly, "Chị Lan").unwrap();
    assert_eq!(c.filed_level, Some(Level::Partial));
    assert_eq!(s.facts(&c.id).unwrap().unwrap().level, Some(Level::Partial));
    // Asked for more, then filed again: the new filing's level replaces it.
    s.set_status(&c.id, Status::NeedsMore, &StatusChange::default(), "Chị Lan")
        .unwrap();
    let unsure = StatusChange {
        level: Some(Level::Unknown),
        ..filed()
    };
    let c = s.set_status(&c.id, Status::Filed, &unsure, "Chị Lan").unwrap();
    assert_eq!(c.filed_level, None);
    assert_eq!(s.facts(&c.id).unwrap().unwrap().level, None);
}
