//! Issue 28, item 2: bundles both ways, any number of machines. The office
//! sends every machine it enrolled what that machine has not had from it
//! (every machine's edits, not only its own); a second office PC enrols like
//! a laptop. Once every bundle has reached every machine, all hold the same
//! cases; importing again changes nothing; a card chosen on one machine is
//! not raised again on another.

use crate::bundle::*;
use proptest::prelude::*;
use std::path::Path;
use trolyso::bundle;
use trolyso::store::exchange::Since;
use trolyso::store::{Id, Store};

/// The office, a second office PC and two laptops, each enrolled at the
/// office, with one stick between them.
struct Team {
    office: Machine,
    others: Vec<Machine>,
    stick: tempfile::TempDir,
}

fn team() -> Team {
    let (office, stick) = (machine(), tempfile::tempdir().unwrap());
    let others: Vec<Machine> = (0..3).map(|_| machine()).collect();
    for m in &others {
        join(&office.store, &m.store, stick.path());
    }
    Team {
        office,
        others,
        stick,
    }
}

fn take(store: &Store, file: &Path) -> bundle::Received {
    bundle::import(store, file, &catalogue(), bundle::ImportMode::Write).unwrap()
}

impl Team {
    /// Machine `i` sends the office what it has not sent yet.
    fn send(&self, i: usize) {
        for w in bundle::export_all(&self.others[i].store, Since::Last, self.stick.path(), "Chị Lan").unwrap()
        {
            assert_eq!(
                w.to, None,
                "a machine that enrolled none sends only to its office"
            );
            take(&self.office.store, &w.path);
        }
    }

    /// The office sends every machine what it has not had from it; machine
    /// `i` takes every bundle on the stick made for it (the others' wait on
    /// the stick for their machines, as in life).
    fn back(&self, i: usize) {
        let id = self.others[i].store.machine_id().unwrap();
        bundle::export_all(&self.office.store, Since::Last, self.stick.path(), "Anh Nam").unwrap();
        let mine = format!("-cho-{}-", &id[..8]);
        for file in bundle::places::bundles_in(self.stick.path()) {
            if file.to_string_lossy().contains(&mine) {
                take(&self.others[i].store, &file);
            }
        }
    }

    fn all(&self) -> impl Iterator<Item = &Store> {
        std::iter::once(&self.office.store).chain(self.others.iter().map(|m| &m.store))
    }

    /// Every case's answers, as each machine holds them.
    fn answers(&self) -> Vec<std::collections::BTreeMap<Id, std::collections::BTreeMap<String, String>>> {
        self.all()
            .map(|s| {
                let mut out = std::collections::BTreeMap::new();
                for row in s.recent(10_000, None).unwrap().items {
                    out.insert(row.case.id, row.case.answers.into_iter().collect());
                }
                out
            })
            .collect()
    }
}

#[derive(Debug, Clone)]
enum Step {
    /// A new case on machine `m` (0: the office).
    Create(usize),
    /// Machine `m` changes the phone of its `k`-th case.
    Phone(usize, usize, u16),
    Send(usize),
    Back(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => (0..4usize).prop_map(Step::Create),
        3 => (0..4usize, 0..8usize, 0..1000u16).prop_map(|(m, k, v)| Step::Phone(m, k, v)),
        2 => (0..3usize).prop_map(Step::Send),
        2 => (0..3usize).prop_map(Step::Back),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn four_machines_in_any_exchanges_end_in_one_state(steps in prop::collection::vec(step(), 4..14)) {
        let t = team();
        let stores: Vec<&Store> = t.all().collect();
        let p = catalogue();
        let p = p.get(PROCEDURE).unwrap();
        for (n, s) in steps.iter().enumerate() {
            match *s {
                Step::Create(m) => {
                    case(stores[m], &format!("Người Số {n}"), &format!("0012030046{:02}", n % 100), "0912345600");
                }
                Step::Phone(m, k, v) => {
                    let rows = stores[m].recent(10_000, None).unwrap().items;
                    if let Some(row) = rows.get(k % rows.len().max(1)) {
                        let phone = format!("0912{v:06}");
                        stores[m]
                            .save_answer(&row.case.id, "so_dien_thoai", &phone, "Chị Hoa", &p.answer_role("so_dien_thoai"))
                            .unwrap();
                    }
                }
                Step::Send(i) => t.send(i),
                Step::Back(i) => t.back(i),
            }
        }
        // Every bundle reaches every machine: all to the office, then back.
        for i in 0..3 {
            t.send(i);
        }
        for i in 0..3 {
            t.back(i);
        }
        let answers = t.answers();
        prop_assert!(answers.iter().all(|a| *a == answers[0]), "{answers:#?}");
        // Nothing is new any more, whichever way a bundle goes.
        for i in 0..3 {
            let sent = bundle::export_all(&t.others[i].store, Since::All, t.stick.path(), "Chị Lan").unwrap();
            for w in sent {
                let again = take(&t.office.store, &w.path);
                prop_assert!(again.imported.new.is_empty() && again.imported.updated.is_empty());
            }
        }
    }
}

#[test]
fn a_card_chosen_at_the_office_is_not_raised_again_anywhere() {
    let t = team();
    let catalogue = catalogue();
    let p = catalogue.get(PROCEDURE).unwrap();
    let id = case(&t.others[0].store, "Lò Thị Mai", "001203004700", "0912345700");
    t.send(0);
    t.back(1);
    // The two laptops change the phone without seeing each other.
    for (i, phone) in [(0, "0987000001"), (1, "0987000002")] {
        t.others[i]
            .store
            .save_answer(
                &id,
                "so_dien_thoai",
                phone,
                "Chị Lan",
                &p.answer_role("so_dien_thoai"),
            )
            .unwrap();
        t.send(i);
    }
    let roles = bundle::roles_of(&catalogue);
    let cards = t.office.store.conflict_cards(&roles).unwrap();
    assert_eq!(cards.len(), 1);
    t.office
        .store
        .choose_value(
            &id,
            &cards[0].field,
            Some("0987000002"),
            "Anh Nam",
            &roles(PROCEDURE),
        )
        .unwrap();
    assert!(t.office.store.conflict_cards(&roles).unwrap().is_empty());
    for i in 0..3 {
        t.back(i);
        let cards = t.others[i].store.conflict_cards(&roles).unwrap();
        assert!(cards.is_empty(), "back at {i}: {cards:#?}");
    }
    for i in 0..3 {
        t.send(i);
        let cards = t.office.store.conflict_cards(&roles).unwrap();
        assert!(cards.is_empty(), "sent from {i}: {cards:#?}");
    }
    for (n, s) in t.all().enumerate() {
        let cards = s.conflict_cards(&roles).unwrap();
        assert!(cards.is_empty(), "machine {n}: {cards:#?}");
        assert_eq!(
            s.case(&id).unwrap().unwrap().answers["so_dien_thoai"],
            "0987000002"
        );
    }
}

/// Issue 29: one person typed on a laptop and at the office has two records
/// at the office; joined there, the laptop's case is the kept person's on
/// the laptop too once the office's bundle reaches it.
#[test]
fn two_records_joined_at_the_office_reach_the_laptop() {
    let team = team();
    let laptop = &team.others[0].store;
    let on_laptop = case(laptop, "Mai Công An", "040041376342", "0912000111");
    let at_office = case(&team.office.store, "Mai Công An", "040041376342", "0912000111");
    team.send(0);
    let office = &team.office.store;
    let kept = office.case(&at_office).unwrap().unwrap().resident_id.unwrap();
    let record = office.resident(&kept).unwrap().unwrap();
    let alike = office.look_alikes(&record).unwrap();
    assert_eq!(alike.len(), 1, "the laptop's record of her: {alike:?}");
    office
        .join_residents(&kept, &alike[0].0.id, "Anh Nam", &bundle::roles_of(&catalogue()))
        .unwrap();
    assert_eq!(office.case(&on_laptop).unwrap().unwrap().resident_id, Some(kept));

    team.back(0);
    assert_eq!(laptop.case(&on_laptop).unwrap().unwrap().resident_id, Some(kept));
    assert_eq!(laptop.case(&at_office).unwrap().unwrap().resident_id, Some(kept));
    assert_eq!(laptop.cases_of(&kept).unwrap().len(), 2);
}

/// Issue 29: the father a laptop's birth registration names reaches the
/// office as a person on file too, with the same record id: his own visit
/// at the office starts from his number.
#[test]
fn the_people_a_case_names_are_on_file_at_the_office_too() {
    let team = team();
    let laptop = &team.others[0].store;
    let catalogue = catalogue();
    let p = catalogue.get("dang-ky-khai-sinh").unwrap();
    let birth = laptop.create_case(&p.id, p.version, None, "Chị Hoa").unwrap();
    for (field, value) in [
        ("ho_ten_cha", "Nguyễn Văn Bảo"),
        ("so_dinh_danh_cha", "001088067890"),
    ] {
        laptop
            .save_answer(&birth.id, field, value, "Chị Hoa", &p.answer_role(field))
            .unwrap();
    }
    team.send(0);
    let office = &team.office.store;
    let here = office.case(&birth.id).unwrap().unwrap();
    let there = laptop.case(&birth.id).unwrap().unwrap();
    assert_eq!(here.named, there.named, "the same record id on both");
    let father = here.named["ho_ten_cha"];
    let naming: Vec<Id> = office
        .cases_naming(&father)
        .unwrap()
        .iter()
        .map(|r| r.case.id)
        .collect();
    assert_eq!(naming, [birth.id]);
    let own = case(office, "", "001088067890", "");
    assert_eq!(
        office.case(&own).unwrap().unwrap().answers["ho_ten"],
        "Nguyễn Văn Bảo"
    );
}
