//! Bundles from field laptops to the office, through real stores and real
//! files: what arrives, what is refused, what survives damage, and that the
//! order of import does not matter.

use std::path::{Path, PathBuf};

use tempfile::TempDir;
use trolyso::assets::AssetSource;
use trolyso::bundle;
use trolyso::domain::procedure::{Catalogue, load_all};
use trolyso::store::exchange::Since;
use trolyso::store::{Change, KdfParams, Reason, Status, Store, StoreError};

pub(crate) const PASS: &str = "mật khẩu văn phòng";
pub(crate) const PROCEDURE: &str = "vneid-muc-1";

pub(crate) struct Machine {
    _dir: TempDir,
    pub(crate) store: Store,
}

pub(crate) fn machine() -> Machine {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(dir.path(), PASS, KdfParams::light_for_tests())
        .unwrap()
        .0;
    Machine { _dir: dir, store }
}

pub(crate) fn catalogue() -> Catalogue {
    load_all(&AssetSource::Embedded.procedure_files().unwrap())
}

/// The laptop joined to the office through the key file, enrolled there
/// and the enrolment taken back, as helpers do.
pub(crate) fn join(office: &Store, laptop: &Store, stick: &Path) {
    let key = stick.join("khoa-van-phong.txt");
    std::fs::write(&key, bundle::key_file_text(office).unwrap()).unwrap();
    enrolled(office, laptop, &key);
}

/// `laptop` joins the office whose key file is `key` (the office's store),
/// is enrolled there and takes the enrolment back.
pub(crate) fn enrolled(office: &Store, laptop: &Store, key: &Path) {
    let joined = bundle::join(laptop, key).unwrap();
    let (_, enrolment) = bundle::enrol(office, &joined.request, "Anh Nam").unwrap();
    bundle::take_enrolment(laptop, &enrolment).unwrap();
}

/// A resident's case on `laptop`, typed as the wizard saves it.
pub(crate) fn case(laptop: &Store, name: &str, id_number: &str, phone: &str) -> trolyso::store::Id {
    let catalogue = catalogue();
    let p = catalogue.get(PROCEDURE).unwrap();
    let c = laptop.create_case(PROCEDURE, p.version, None, "Chị Hoa").unwrap();
    for (field, value) in [
        ("ho_ten", name),
        ("so_dinh_danh", id_number),
        ("so_dien_thoai", phone),
    ] {
        laptop
            .save_answer(&c.id, field, value, "Chị Hoa", &p.answer_role(field))
            .unwrap();
    }
    c.id
}

pub(crate) fn export(laptop: &Store, stick: &Path, since: Since) -> PathBuf {
    bundle::export(laptop, since, stick, "Chị Hoa")
        .unwrap()
        .unwrap()
        .path
}

pub(crate) fn import(office: &Store, file: &Path) -> Result<bundle::Received, String> {
    bundle::import(office, file, &catalogue(), bundle::ImportMode::Write).map_err(|m| m.key.to_owned())
}

#[test]
pub(crate) fn a_laptops_cases_reach_the_office_and_nothing_personal_is_readable_on_the_stick() {
    let (office, laptop, stick) = (machine(), machine(), tempfile::tempdir().unwrap());
    join(&office.store, &laptop.store, stick.path());
    let id = case(&laptop.store, "Nguyễn Văn An", "001203004567", "0912345678");
    let change = trolyso::store::StatusChange {
        reason: Some(Reason::NoOtp),
        next_visit: Some("05/12/2026".into()),
        ..Default::default()
    };
    laptop
        .store
        .set_status(&id, Status::Paused, &change, "Chị Hoa")
        .unwrap();
    let file = export(&laptop.store, stick.path(), Since::Last);

    let bytes = std::fs::read(&file).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    for secret in [
        "Nguyễn",
        "Nguyen",
        "NGUYEN",
        "001203004567",
        "0912345678",
        "Chị Hoa",
        "Hoa",
    ] {
        assert!(!text.contains(secret), "{secret} readable in the bundle");
    }

    // A dry run says what would come and writes nothing.
    let dry = bundle::import(&office.store, &file, &catalogue(), bundle::ImportMode::Preview).unwrap();
    assert_eq!(dry.imported.new, vec![id]);
    let listed: Vec<String> = dry
        .cases
        .iter()
        .map(|a| a.message(&catalogue()).render(trolyso::i18n::Lang::Vi))
        .collect();
    assert_eq!(listed.len(), 1);
    assert!(
        listed[0].contains("mới") && listed[0].contains("Nguyễn Văn An"),
        "{listed:?}"
    );
    assert_eq!(office.store.case_count().unwrap(), 0);

    let got = import(&office.store, &file).unwrap();
    assert_eq!(got.imported.new, vec![id]);
    let arrived = office.store.case(&id).unwrap().unwrap();
    assert_eq!(arrived.answers["ho_ten"], "Nguyễn Văn An");
    assert_eq!(arrived.status, Status::Paused);
    assert_eq!(arrived.reason, Some(Reason::NoOtp));
    // Found by name without accents, and counted by the office's report
    // with the laptop's helper.
    let found = office.store.search_name("nguyen van an", 10, None).unwrap();
    assert_eq!(found.items.len(), 1);
    let facts = office.store.facts(&id).unwrap().unwrap();
    assert_eq!(facts.status, Status::Paused);
    assert!(
        facts
            .marks
            .iter()
            .any(|m| m.to == Status::Paused && m.helper == "Chị Hoa")
    );

    // The same bundle again changes nothing, and a dry run says so first;
    // the audit log has both imports.
    let dry = bundle::import(&office.store, &file, &catalogue(), bundle::ImportMode::Preview).unwrap();
    assert!(
        dry.imported.new.is_empty() && dry.imported.updated.is_empty(),
        "{:?}",
        dry.imported
    );
    assert_eq!(dry.imported.unchanged, 1);
    assert_eq!(bundle::summary(&dry)[1].key, "bundle.again");
    let again = import(&office.store, &file).unwrap();
    assert!(again.imported.new.is_empty() && again.imported.updated.is_empty());
    assert_eq!(again.imported.unchanged, 1);
    let imports = office
        .store
        .audit_events()
        .filter_map(Result::ok)
        .filter(|e| matches!(e.change, Change::Imported { .. }))
        .count();
    assert_eq!(imports, 2);

    // A folder that is not there (a stick not plugged in) is said.
    let gone = stick.path().join("E");
    assert_eq!(
        bundle::export(&laptop.store, Since::All, &gone, "Chị Hoa")
            .unwrap_err()
            .key,
        "bundle.no_folder"
    );
    assert!(!gone.exists());
    // Nothing new since: no file.
    assert!(
        bundle::export(&laptop.store, Since::Last, stick.path(), "Chị Hoa")
            .unwrap()
            .is_none()
    );
}

#[test]
pub(crate) fn a_bundle_for_another_office_is_refused_in_words() {
    let (office, other, laptop, stick) = (machine(), machine(), machine(), tempfile::tempdir().unwrap());
    join(&office.store, &laptop.store, stick.path());
    case(&laptop.store, "Trần Thị Bình", "001203004568", "0912345679");
    let file = export(&laptop.store, stick.path(), Since::All);
    assert_eq!(import(&other.store, &file).unwrap_err(), "bundle.other_office");
    assert_eq!(other.store.case_count().unwrap(), 0);
    // Not a bundle at all.
    let key = stick.path().join("khoa-van-phong.txt");
    assert_eq!(import(&office.store, &key).unwrap_err(), "bundle.not_a_bundle");
}

#[test]
pub(crate) fn a_flipped_byte_loses_one_case_and_a_cut_file_keeps_what_came_before() {
    let (office, laptop, stick) = (machine(), machine(), tempfile::tempdir().unwrap());
    join(&office.store, &laptop.store, stick.path());
    let ids: Vec<_> = (0..4)
        .map(|i| {
            case(
                &laptop.store,
                &format!("Lê Văn Số {i}"),
                &format!("00120300456{i}"),
                "0912345670",
            )
        })
        .collect();
    let file = export(&laptop.store, stick.path(), Since::All);
    let bytes = std::fs::read(&file).unwrap();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    // Line 0 magic, 1 header, 2.. entries. Flip a byte in the middle of
    // the second entry.
    let mut flipped = bytes.clone();
    let mid = (line_starts[3] + line_starts[4]) / 2;
    flipped[mid] ^= 0x01;
    let damaged = stick.path().join("flipped.trolyso");
    std::fs::write(&damaged, &flipped).unwrap();
    let got = import(&office.store, &damaged).unwrap();
    assert_eq!(got.damaged, vec![2]);
    assert_eq!(got.imported.new.len(), 3);
    let summary: Vec<String> = bundle::summary(&got).iter().map(|m| m.key.to_owned()).collect();
    assert!(summary.contains(&"bundle.damaged".to_owned()), "{summary:?}");

    // Cut in the middle of the last entry: the first three come in.
    let (office2, cut) = (machine(), stick.path().join("cut.trolyso"));
    let mut keys_file = stick.path().to_owned();
    keys_file.push("k2.txt");
    std::fs::write(&keys_file, bundle::key_file_text(&office2.store).unwrap()).unwrap();
    enrolled(&office2.store, &laptop.store, &keys_file);
    let file2 = export(&laptop.store, stick.path(), Since::All);
    let bytes2 = std::fs::read(&file2).unwrap();
    std::fs::write(&cut, &bytes2[..bytes2.len() - 200]).unwrap();
    let got = import(&office2.store, &cut).unwrap();
    assert_eq!(got.imported.new.len(), 3);
    assert_eq!(got.damaged, vec![4]);
    assert!(
        ids.iter()
            .take(3)
            .all(|id| office2.store.case(id).unwrap().is_some())
    );
    // Cut before the last line began: it is missing, not damaged.
    let starts2: Vec<usize> = bytes2
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
        .collect();
    std::fs::write(&cut, &bytes2[..starts2[starts2.len() - 2]]).unwrap();
    let got = bundle::import(&office2.store, &cut, &catalogue(), bundle::ImportMode::Preview).unwrap();
    assert_eq!((got.damaged.len(), got.missing), (0, 1));
    // A header cut short is said, not guessed at.
    std::fs::write(&cut, &bytes2[..40]).unwrap();
    assert_eq!(import(&office2.store, &cut).unwrap_err(), "bundle.damaged_header");
}

#[test]
pub(crate) fn training_neither_makes_nor_takes_bundles() {
    let (office, stick) = (machine(), tempfile::tempdir().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let training = Store::open_training(dir.path(), KdfParams::light_for_tests()).unwrap();
    let key = stick.path().join("khoa.txt");
    std::fs::write(&key, bundle::key_file_text(&office.store).unwrap()).unwrap();
    assert_eq!(
        bundle::join(&training, &key).unwrap_err().key,
        "store.training_stays_home"
    );
    assert!(matches!(
        training.outgoing(Since::All),
        Err(StoreError::TrainingStaysHome)
    ));
    assert_eq!(
        bundle::export(&training, Since::All, stick.path(), "x")
            .unwrap_err()
            .key,
        "store.training_stays_home"
    );
    assert_eq!(
        bundle::key_file_text(&training).unwrap_err().key,
        "store.training_stays_home"
    );
    // Nothing was written beside the office's key.
    assert_eq!(std::fs::read_dir(stick.path()).unwrap().count(), 1);
    // And a real bundle does not go into training.
    let laptop = machine();
    join(&office.store, &laptop.store, stick.path());
    case(&laptop.store, "Phạm Văn Cường", "001203004569", "0912345671");
    let file = export(&laptop.store, stick.path(), Since::All);
    assert_eq!(
        bundle::import(&training, &file, &catalogue(), bundle::ImportMode::Preview)
            .unwrap_err()
            .key,
        "store.real_data_stays_out"
    );
}

#[test]
pub(crate) fn the_same_number_changed_at_the_office_and_in_the_village_is_kept_until_chosen() {
    let (office, laptop, stick) = (machine(), machine(), tempfile::tempdir().unwrap());
    join(&office.store, &laptop.store, stick.path());
    let id = case(&laptop.store, "Đỗ Thị Dung", "001203004570", "0912345672");
    import(&office.store, &export(&laptop.store, stick.path(), Since::Last)).unwrap();
    let catalogue = catalogue();
    let p = catalogue.get(PROCEDURE).unwrap();
    // The office corrects the phone; the village, not knowing, types another.
    office
        .store
        .save_answer(
            &id,
            "so_dien_thoai",
            "0987000111",
            "Anh Nam",
            &p.answer_role("so_dien_thoai"),
        )
        .unwrap();
    laptop
        .store
        .save_answer(
            &id,
            "so_dien_thoai",
            "0987000222",
            "Chị Hoa",
            &p.answer_role("so_dien_thoai"),
        )
        .unwrap();
    // A name change on the laptop is not a number: it merges without a card.
    laptop
        .store
        .save_answer(
            &id,
            "ngay_sinh",
            "02/03/1990",
            "Chị Hoa",
            &p.answer_role("ngay_sinh"),
        )
        .unwrap();
    let got = import(&office.store, &export(&laptop.store, stick.path(), Since::Last)).unwrap();
    assert_eq!(got.imported.conflicts, vec![id]);
    let roles = bundle::roles_of(&catalogue);
    let cards = office.store.conflict_cards(&roles).unwrap();
    assert_eq!(cards.len(), 1, "{cards:?}");
    let values: Vec<_> = cards[0].versions.iter().filter_map(|v| v.value.clone()).collect();
    assert!(values.contains(&"0987000111".to_owned()) && values.contains(&"0987000222".to_owned()));
    assert_eq!(
        office.store.case(&id).unwrap().unwrap().answers["ngay_sinh"],
        "02/03/1990"
    );
    // Re-importing keeps the card, and keeps both.
    let file = stick.path().join("again.trolyso");
    assert!(
        bundle::export(&laptop.store, Since::All, &file, "Chị Hoa")
            .unwrap()
            .is_some()
    );
    import(&office.store, &file).unwrap();
    assert_eq!(office.store.conflict_cards(&roles).unwrap().len(), 1);
    // A person chooses: one value, no card, and the choice is an edit.
    office
        .store
        .choose_value(
            &id,
            "a:so_dien_thoai",
            Some("0987000222"),
            "Anh Nam",
            &roles(PROCEDURE),
        )
        .unwrap();
    assert!(office.store.conflict_cards(&roles).unwrap().is_empty());
    assert!(office.store.conflict_cases().unwrap().is_empty());
    let case = office.store.case(&id).unwrap().unwrap();
    assert_eq!(case.answers["so_dien_thoai"], "0987000222");
    assert!(case.rivals.is_empty());
    // The resident's record follows the chosen number, whichever it is.
    let phone = |office: &Store| {
        let case = office.case(&id).unwrap().unwrap();
        office
            .resident(&case.resident_id.unwrap())
            .unwrap()
            .unwrap()
            .phone
    };
    assert_eq!(phone(&office.store).as_deref(), Some("0987000222"));
    let both = |at_laptop: &str, at_office: &str| {
        laptop
            .store
            .save_answer(
                &id,
                "so_dien_thoai",
                at_laptop,
                "Chị Hoa",
                &p.answer_role("so_dien_thoai"),
            )
            .unwrap();
        office
            .store
            .save_answer(
                &id,
                "so_dien_thoai",
                at_office,
                "Anh Nam",
                &p.answer_role("so_dien_thoai"),
            )
            .unwrap();
        import(&office.store, &export(&laptop.store, stick.path(), Since::Last)).unwrap();
    };
    both("0987000333", "0987000444");
    let card = &office.store.conflict_cards(&roles).unwrap()[0];
    // The value shown is the later one (the office's); the other is chosen.
    assert_eq!(card.versions[0].value.as_deref(), Some("0987000444"));
    office
        .store
        .choose_value(
            &id,
            "a:so_dien_thoai",
            Some("0987000333"),
            "Anh Nam",
            &roles(PROCEDURE),
        )
        .unwrap();
    assert_eq!(phone(&office.store).as_deref(), Some("0987000333"));
    // Typing the number again in the case ends a card too: it has seen both.
    both("0987000555", "0987000666");
    assert_eq!(office.store.conflict_cards(&roles).unwrap().len(), 1);
    office
        .store
        .save_answer(
            &id,
            "so_dien_thoai",
            "0987000777",
            "Anh Nam",
            &p.answer_role("so_dien_thoai"),
        )
        .unwrap();
    assert!(office.store.conflict_cards(&roles).unwrap().is_empty());
    assert_eq!(phone(&office.store).as_deref(), Some("0987000777"));
}

#[test]
pub(crate) fn bundles_from_two_laptops_in_every_order_give_the_same_office() {
    let (a, b, stick) = (machine(), machine(), tempfile::tempdir().unwrap());
    let Machine {
        _dir: office_dir,
        store: office,
    } = machine();
    join(&office, &a.store, stick.path());
    join(&office, &b.store, stick.path());
    let first = case(&a.store, "Vũ Văn Em", "001203004571", "0912345673");
    let f1 = export(&a.store, stick.path(), Since::Last);
    let catalogue = catalogue();
    let p = catalogue.get(PROCEDURE).unwrap();
    a.store
        .save_answer(
            &first,
            "so_dien_thoai",
            "0900000001",
            "Chị Hoa",
            &p.answer_role("so_dien_thoai"),
        )
        .unwrap();
    let f2 = stick.path().join("a2.trolyso");
    bundle::export(&a.store, Since::Last, &f2, "Chị Hoa")
        .unwrap()
        .unwrap();
    case(&b.store, "Hoàng Thị Giang", "001203004572", "0912345674");
    let f3 = export(&b.store, stick.path(), Since::Last);
    let files = [f1, f2, f3];
    // The office as it was before any bundle, copied once per order.
    drop(office);
    let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    let mut states = Vec::new();
    for order in orders {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("office");
        trolyso::store::paths::copy_dir(office_dir.path(), &copy).unwrap();
        let office = Store::open(&copy, PASS).unwrap();
        for i in order {
            import(&office, &files[i]).unwrap();
        }
        for f in &files {
            let again = import(&office, f).unwrap();
            assert!(again.imported.new.is_empty() && again.imported.updated.is_empty());
        }
        let case = office.case(&first).unwrap().unwrap();
        assert_eq!(case.answers["so_dien_thoai"], "0900000001");
        states.push(office.merged_states().unwrap());
    }
    assert_eq!(states[0].len(), 2);
    assert!(states.iter().all(|s| *s == states[0]));
}
