//! Bundles of 5,000 cases (issue 16: export and import each under 5 s on
//! this machine): a field laptop's seeded folder written as one bundle for
//! the office, then imported into a fresh office (every case new), and the
//! same bundle imported again (every case already there).
//!
//! Run: `cargo bench --bench bundle` (the folder is seeded on first use).

mod common;

use std::time::Instant;

use common::{Bench, PASS, folder};
use trolyso::assets::AssetSource;
use trolyso::bundle;
use trolyso::domain::procedure::load_all;
use trolyso::store::exchange::Since;
use trolyso::store::{KdfParams, Store};

fn main() {
    let mut bench = Bench::new("bundle");
    let work = tempfile::tempdir().unwrap();
    let laptop_dir = work.path().join("laptop");
    trolyso::store::paths::copy_dir(&folder(5_000), &laptop_dir).unwrap();
    let catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
    let laptop = Store::open(&laptop_dir, PASS).unwrap();
    // The office's own key derivation is not what is measured here.
    let office_dir = work.path().join("office-keys");
    let office = Store::create(&office_dir, PASS, KdfParams::light_for_tests())
        .unwrap()
        .0;
    let key = work.path().join("khoa.txt");
    std::fs::write(&key, bundle::key_file_text(&office).unwrap()).unwrap();
    let joined = bundle::join(&laptop, &key).unwrap();
    bundle::enrol(&office, &joined.request, "Anh Nam").unwrap();
    drop(office);
    let file = work.path().join("goi.trolyso");
    bench.slow("bundle export, 5,000 cases (encrypt, sign, write)", || {
        bundle::export(&laptop, Since::All, &file, "Chị Hoa")
            .unwrap()
            .unwrap();
    });
    let size = std::fs::metadata(&file).unwrap().len();
    bench.note(
        "bundle file, 5,000 cases",
        &format!("{:.1} MB", size as f64 / 1e6),
    );
    let mut n = 0;
    bench.slow_part(
        "bundle import, 5,000 new cases (verify, decrypt, merge, index, flush)",
        || {
            n += 1;
            let dir = work.path().join(format!("office-{n}"));
            trolyso::store::paths::copy_dir(&office_dir, &dir).unwrap();
            let office = Store::open(&dir, PASS).unwrap();
            let t = Instant::now();
            let got = bundle::import(&office, &file, &catalogue, bundle::ImportMode::Write).unwrap();
            let took = t.elapsed();
            assert_eq!(got.imported.new.len(), 5_000);
            drop(office);
            let _ = std::fs::remove_dir_all(&dir);
            took
        },
    );
    let dir = work.path().join("office-again");
    trolyso::store::paths::copy_dir(&office_dir, &dir).unwrap();
    let office = Store::open(&dir, PASS).unwrap();
    bundle::import(&office, &file, &catalogue, bundle::ImportMode::Write).unwrap();
    bench.slow(
        "bundle import again, 5,000 cases already there (nothing written)",
        || {
            let got = bundle::import(&office, &file, &catalogue, bundle::ImportMode::Write).unwrap();
            assert_eq!(got.imported.unchanged, 5_000);
        },
    );
    bench.finish();
}
