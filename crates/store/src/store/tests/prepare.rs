//! The one-time work of an older folder: stopped after any chunk it goes on
//! where it stopped, and ends where one run without a stop ends.

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use super::*;
use crate::store::{Pass, Preparation, Prepared, Progress};
use trolyso_core::domain::procedure::FoundBy;

fn people() -> FoundBy {
    trolyso_core::domain::procedure::load_all(
        &trolyso_core::assets::AssetSource::Embedded
            .procedure_files()
            .unwrap(),
    )
    .found_by()
}

/// A folder of `cases` seeded cases, as an older version left it.
fn older_folder(dir: &Path, cases: usize) -> Store {
    let s = new_store(dir);
    let mut g = crate::dev::seed::Generator::new(3);
    crate::dev::seed::fill(&s, &mut g, cases, now_ms()).unwrap();
    // A status change in the audit log, which the facts are rebuilt from.
    let c = s.create_case("dang-ky-khai-sinh", 1, None, "Chị Hoa").unwrap();
    let pause = StatusChange {
        reason: Some(Reason::NoChipCard),
        next_visit: Some("05/12/2026".into()),
        ..StatusChange::default()
    };
    s.set_status(&c.id, Status::Paused, &pause, "Chị Hoa").unwrap();
    s.forget_preparation().unwrap();
    // Keys an older version listed names under (every prefix of a word):
    // the preparation removes them.
    for kind in [index::OLD_NAME_PREFIX, index::OLD_PERSON_PREFIX] {
        for n in 0..700u32 {
            let key = [&[kind][..], &n.to_be_bytes(), &[7; 20]].concat();
            s.idx.insert(key, &[][..]).unwrap();
        }
    }
    s.flush().unwrap();
    s
}

/// What the passes leave: every index key, and each case's facts opened
/// (sealed values differ by their nonce, not their content).
fn prepared_state(s: &Store) -> (Vec<Vec<u8>>, BTreeMap<Id, Facts>) {
    let keys = s
        .idx
        .iter()
        .keys()
        .map(|k| k.unwrap().to_vec())
        .filter(|k| k[0] != crate::store::facts::FACTS)
        .collect();
    let facts = s
        .recent(100_000, None)
        .unwrap()
        .items
        .into_iter()
        .map(|row| (row.case.id, s.facts(&row.case.id).unwrap().unwrap()))
        .collect();
    (keys, facts)
}

#[test]
fn a_preparation_stopped_after_every_chunk_ends_as_one_run_does() {
    let tmp = tempfile::tempdir().unwrap();
    let people = people();
    drop(older_folder(&tmp.path().join("whole"), 1_199));
    // The same folder, to prepare in another way.
    let dir = tmp.path().join("stopped");
    crate::store::paths::copy_dir(&tmp.path().join("whole"), &dir).unwrap();
    let whole = Store::unlock(&tmp.path().join("whole"), PASS).unwrap();
    assert_eq!(
        whole.passes_needed(true).unwrap(),
        [
            Pass::NameWords,
            Pass::NumberEnds,
            Pass::Facts,
            Pass::People,
            Pass::CaseNumbers,
            Pass::Named
        ]
    );
    assert!(
        whole.search_people("nguyen", 5).unwrap().is_empty(),
        "nothing indexed yet"
    );
    assert!(whole.search_name("nguyen", 5, None).unwrap().items.is_empty());
    let progress = Progress::default();
    let how = Preparation {
        found_by: Some(&people),
        stop: &AtomicBool::new(false),
        progress: &progress,
    };
    assert_eq!(whole.prepare(&how).unwrap(), Prepared::Done);
    let seen = progress.reached();
    assert_eq!(
        (seen.step, seen.steps, seen.done, seen.total),
        (6, 6, 1_200, 1_200)
    );
    assert!(whole.passes_needed(true).unwrap().is_empty());
    assert!(!whole.search_name("nguyen", 5, None).unwrap().items.is_empty());
    super::vocab::assert_words_on_disk(&whole);
    for kind in [index::OLD_NAME_PREFIX, index::OLD_PERSON_PREFIX] {
        assert!(whole.idx.scan_prefix([kind]).next().is_none(), "older keys left");
    }

    // The copy, stopped after every chunk (a stop asked before the run is
    // seen after its first chunk), and opened again each time.
    let mut runs = 0;
    let mut resumed_at = Vec::new();
    loop {
        let s = Store::unlock(&dir, PASS).unwrap();
        let progress = Progress::default();
        let how = Preparation {
            found_by: Some(&people),
            stop: &AtomicBool::new(true),
            progress: &progress,
        };
        runs += 1;
        let ended = s.prepare(&how).unwrap();
        resumed_at.push(progress.reached());
        if ended == Prepared::Done {
            let (got, want) = (prepared_state(&s), prepared_state(&whole));
            assert_eq!((got.0.len(), got.1.len()), (want.0.len(), want.1.len()));
            assert!(got == want, "the index or the facts differ");
            assert!(!s.search_people("nguyen", 5).unwrap().is_empty());
            break;
        }
        assert!(runs < 30, "the preparation does not move on");
    }
    // 1,199 residents and 1,200 cases in chunks of 500: a run stops after
    // a whole chunk, and the last part of a pass runs on into the next.
    assert_eq!(runs, 13, "{resumed_at:?}");
    assert_eq!(resumed_at[2].step, 2, "{resumed_at:?}");
    assert_eq!(
        (resumed_at[1].step, resumed_at[1].done),
        (1, 1_000),
        "the second run went on"
    );
}

#[test]
fn commands_prepare_all_but_the_people_and_the_app_does_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    drop(older_folder(tmp.path(), 30));
    let s = Store::open(tmp.path(), PASS).unwrap();
    assert_eq!(
        s.passes_needed(true).unwrap(),
        [Pass::People, Pass::CaseNumbers, Pass::Named]
    );
    assert!(s.passes_needed(false).unwrap().is_empty());
    let today = trolyso_core::domain::date::local_day(now_ms());
    assert!(
        !s.cases_worked_between(today - 5 * 366, today).unwrap().is_empty(),
        "facts rebuilt"
    );
}
