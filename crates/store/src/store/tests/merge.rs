//! Merging is the same in every order: three machines edit at random,
//! bundles go between them, and an office imports every bundle in
//! thousands of orders.

use std::collections::BTreeMap;

use proptest::prelude::*;

use crate::store::clock::reading_of_ms;
use crate::store::merge::{self, Entry, FieldRoles};
use crate::store::records::{Case, Id, Status};

const MACHINES: [&str; 3] = ["aaaa", "bbbb", "cccc"];
/// The same moment on each machine's wall clock: one is slow, one fast.
const SKEW_MS: [i64; 3] = [0, -600_000, 300_000];
const FIELDS: [&str; 5] = ["a:so_dinh_danh", "a:ho_ten", "d:giay_khai_sinh", "status", "hoso"];

#[derive(Clone, Default)]
struct Replica {
    cases: BTreeMap<Id, Case>,
    clock: u64,
}

fn new_case(id: u8, at: i64) -> Case {
    Case::new(Id([id; 16]), "vneid-muc-1", 1, "Hoa", at)
}

impl Replica {
    fn tick(&mut self, now: i64) -> u64 {
        self.clock = reading_of_ms(now).max(self.clock + 1);
        self.clock
    }

    /// A local edit, stamped as the store stamps it.
    fn edit(&mut self, m: usize, case: u8, field: usize, value: u8, now: i64) {
        let now = now + SKEW_MS[m];
        let id = Id([case; 16]);
        // A case is made on one machine; others edit it once they have it.
        if !self.cases.contains_key(&id) && usize::from(case) % 3 != m {
            return;
        }
        let tick = self.tick(now);
        let old = self
            .cases
            .entry(id)
            .or_insert_with(|| new_case(case, now))
            .clone();
        let mut new = old.clone();
        let v = format!("{value}");
        match FIELDS[field] {
            "status" => {
                new.status = [
                    Status::Preparing,
                    Status::ReadyToFile,
                    Status::Filed,
                    Status::Done,
                ][value as usize % 4]
            }
            "hoso" => new.hoso_code = Some(format!("H{v}")),
            f if f.starts_with("d:") => {
                new.documents.insert(f[2..].to_owned(), value.is_multiple_of(2));
            }
            f => {
                new.answers.insert(f[2..].to_owned(), format!("{}{v}", &f[2..4]));
            }
        }
        merge::stamp(&old, &mut new, tick, MACHINES[m], "Hoa");
        self.cases.insert(id, new);
    }

    fn bundle(&self, m: usize) -> Vec<Entry> {
        self.cases
            .values()
            .map(|c| Entry::of(c, Vec::new(), MACHINES[m]))
            .collect()
    }

    /// Imports a bundle; returns how many fields changed.
    fn import(&mut self, m: &str, bundle: &[Entry]) -> usize {
        let mut changed = 0;
        for entry in bundle {
            let local = self.cases.get(&entry.case);
            let (case, merged) = merge::merge(local, entry, m, i64::MAX / 4);
            changed += merged.fields.len();
            if local.is_none() || !merged.fields.is_empty() {
                self.cases.insert(case.id, case);
            }
            for v in entry.fields.values().flatten() {
                self.clock = self.clock.max(v.clock.at);
            }
        }
        changed
    }

    fn state(&self, m: &str) -> BTreeMap<Id, BTreeMap<String, Vec<crate::store::clock::Version>>> {
        self.cases
            .iter()
            .map(|(id, c)| (*id, merge::merged_state(c, m)))
            .collect()
    }
}

#[derive(Debug, Clone)]
enum Op {
    Edit {
        m: usize,
        case: u8,
        field: usize,
        value: u8,
    },
    Send {
        from: usize,
        to: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..3u8, 0..FIELDS.len(), 0..4u8)
            .prop_map(|(m, case, field, value)| Op::Edit { m, case, field, value }),
        1 => (0..3usize, 0..3usize).prop_map(|(from, to)| Op::Send { from, to }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn bundles_in_any_order_give_the_same_state(
        ops in prop::collection::vec(op(), 1..40),
        orders in prop::collection::vec(any::<prop::sample::Index>(), 10),
    ) {
        let mut machines = [Replica::default(), Replica::default(), Replica::default()];
        let mut bundles: Vec<(usize, Vec<Entry>)> = Vec::new();
        let mut now = 1_780_000_000_000i64;
        for op in &ops {
            now += 1_000;
            match *op {
                Op::Edit { m, case, field, value } => machines[m].edit(m, case, field, value, now),
                Op::Send { from, to } if from != to => {
                    let b = machines[from].bundle(from);
                    machines[to].import(MACHINES[to], &b);
                    bundles.push((from, b));
                }
                Op::Send { .. } => {}
            }
        }
        for (m, machine) in machines.iter().enumerate() {
            bundles.push((m, machine.bundle(m)));
        }
        // An office imports every bundle, in ten orders (4,000 orderings
        // over the run).
        let mut first = None;
        for pick in &orders {
            let mut order: Vec<usize> = (0..bundles.len()).collect();
            let mut seed = pick.index(usize::MAX / 2) as u64 | 1;
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            let mut office = Replica::default();
            for &i in &order {
                office.import("oooo", &bundles[i].1);
            }
            // Importing any bundle again changes nothing.
            for (_, b) in &bundles {
                prop_assert_eq!(office.import("oooo", b), 0);
            }
            let state = office.state("oooo");
            match &first {
                None => first = Some(state),
                Some(s) => prop_assert_eq!(s, &state),
            }
        }
        // Every machine that imports every bundle ends where the office did.
        for (m, machine) in machines.iter_mut().enumerate() {
            for (_, b) in bundles.iter().rev() {
                machine.import(MACHINES[m], b);
            }
            prop_assert_eq!(Some(machine.state(MACHINES[m])), first.clone());
        }
    }
}

#[test]
fn the_same_number_changed_on_two_machines_is_kept_twice_and_carded() {
    let mut a = Replica::default();
    let mut b = Replica::default();
    a.edit(0, 0, 0, 1, 1_000_000);
    b.import("bbbb", &a.bundle(0));
    a.edit(0, 0, 0, 2, 2_000_000);
    b.edit(1, 0, 0, 3, 2_000_000);
    b.import("bbbb", &a.bundle(0));
    let case = &b.cases[&Id([0; 16])];
    let roles = FieldRoles {
        resident: trolyso_core::domain::procedure::ResidentFields {
            id_number: Some("so_dinh_danh".into()),
            ..Default::default()
        },
        found: Default::default(),
        named: Vec::new(),
    };
    let cards = merge::cards(case, &roles, "bbbb");
    assert_eq!(cards.len(), 1, "{cards:?}");
    assert_eq!(cards[0].why, merge::Why::Differs);
    let values: Vec<_> = cards[0]
        .versions
        .iter()
        .map(|v| v.value.clone().unwrap())
        .collect();
    assert_eq!(values.len(), 2);
    assert!(values.contains(&"so2".to_owned()) && values.contains(&"so3".to_owned()));
    // Choosing is an edit that has seen both: one value left, no card,
    // and the other machine takes it over its own.
    let mut chosen = case.clone();
    merge::choose(
        &mut chosen,
        "a:so_dinh_danh",
        Some("so2"),
        b.tick(3_000_000),
        "bbbb",
        "Hoa",
    );
    assert!(merge::cards(&chosen, &roles, "bbbb").is_empty());
    b.cases.insert(chosen.id, chosen);
    a.import("aaaa", &b.bundle(1));
    assert_eq!(a.cases[&Id([0; 16])].answers["so_dinh_danh"], "so2");
    assert_eq!(a.state("aaaa"), b.state("bbbb"));
}

#[test]
fn a_status_going_back_on_the_clock_alone_is_carded() {
    let mut a = Replica::default();
    let mut b = Replica::default();
    a.edit(0, 0, 3, 0, 1_000_000);
    b.import("bbbb", &a.bundle(0));
    // a files the case; b, not having seen it, marks it ready later on its clock.
    a.edit(0, 0, 3, 2, 2_000_000);
    b.edit(1, 0, 3, 1, 3_000_000);
    b.import("bbbb", &a.bundle(0));
    let cards = merge::cards(&b.cases[&Id([0; 16])], &FieldRoles::default(), "bbbb");
    assert_eq!(
        cards.iter().map(|c| c.why).collect::<Vec<_>>(),
        [merge::Why::Backwards]
    );
}

#[test]
fn an_edit_dated_days_ahead_is_flagged_and_does_not_win() {
    let mut a = Replica::default();
    a.edit(0, 0, 1, 1, 1_000_000);
    let mut late = Replica::default();
    late.import("bbbb", &a.bundle(0));
    // b's clock says three days later than every clock a has seen.
    late.edit(1, 0, 1, 2, 1_000_000 + 3 * 86_400_000);
    let entry = &late.bundle(1)[0];
    let (case, merged) = merge::merge(a.cases.get(&entry.case), entry, "aaaa", 1_000_000);
    assert_eq!(merged.flagged, 1);
    // b had seen a's value, so it replaces it — but only with a card.
    let cards = merge::cards(&case, &FieldRoles::default(), "aaaa");
    assert_eq!(
        cards.iter().map(|c| c.why).collect::<Vec<_>>(),
        [merge::Why::ClockAhead]
    );
}
