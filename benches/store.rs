//! The case store at the size of years of work: unlock + open with 0,
//! 10,000 and 100,000 cases; one committed edit beside a raw 1 KiB write +
//! fsync on the same disk; a page of recent cases; search by name, number
//! and phone — pages and searches at 10,000 and at 100,000 cases, whose
//! cost should not grow with the count.
//!
//! Run: `cargo bench --bench store` (folders are seeded on first use; set
//! `TROLYSO_BENCH_DIR` to measure another disk).

mod common;

use std::io::Write;
use std::path::Path;

use common::{Bench, PASS, folder};
use trolyso::store::crypto::passphrase_key;
use trolyso::store::{KdfParams, Status, Store};

fn main() {
    let mut bench = Bench::new("store");
    // The floor under unlocking: the key derivation alone (opening the
    // folder runs beside it).
    bench.slow("key derivation alone (Argon2id 64 MiB)", || {
        let key = passphrase_key(PASS, &[7; 16], KdfParams::default()).unwrap();
        std::hint::black_box(key);
    });
    let sizes = [0, 10_000, 100_000];
    for n in sizes {
        let dir = folder(n);
        bench.slow(&format!("unlock + open, {n} cases (Argon2id 64 MiB)"), || {
            drop(Store::open(&dir, PASS).unwrap());
        });
    }
    for n in [10_000, 100_000] {
        let store = Store::open(&folder(n), PASS).unwrap();
        reads(&mut bench, &store, n);
        // How much of the folder is data: the rest is sled's log and
        // free space.
        let encoded = store.stored_bytes().unwrap() as f64;
        drop(store);
        let disk = folder_bytes(&folder(n).join("db")) as f64;
        let ratio = format!(
            "{:.2} MiB ÷ {:.2} MiB = {:.1}×",
            disk / 1048576.0,
            encoded / 1048576.0,
            disk / encoded
        );
        bench.note(
            &format!("data folder ÷ encoded keys and values, {n} cases"),
            &ratio,
        );
    }
    edits(&mut bench, &folder(100_000));
    bench.finish();
}

fn reads(bench: &mut Bench, store: &Store, n: usize) {
    bench.run(&format!("page of 20 recent cases, {n} cases"), || {
        assert_eq!(store.recent(20, None).unwrap().items.len(), 20);
    });
    bench.run(&format!("page of 20 paused cases, {n} cases"), || {
        store.by_status(Status::Paused, 20, None).unwrap();
    });
    for query in ["nguyen van a", "thanh", "tr thi h", "le"] {
        bench.run(&format!("name search \"{query}\", page of 20, {n} cases"), || {
            store.search_name(query, 20, None).unwrap();
        });
    }
    let sample = store.recent(300, None).unwrap().items;
    let mut i = 0;
    bench.run(&format!("search by identification number, {n} cases"), || {
        let r = sample[i % sample.len()].resident.as_ref().unwrap();
        i += 1;
        let found = store.search_id_number(r.id_number.as_deref().unwrap(), 20, None);
        assert!(!found.unwrap().items.is_empty());
    });
    bench.run(&format!("search by phone, {n} cases"), || {
        let r = sample[i % sample.len()].resident.as_ref().unwrap();
        i += 1;
        let found = store.search_phone(r.phone.as_deref().unwrap(), 20, None);
        assert!(!found.unwrap().items.is_empty());
    });
}

fn edits(bench: &mut Bench, dir: &Path) {
    let store = Store::open(dir, PASS).unwrap();
    let ids: Vec<_> = store
        .recent(200, None)
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.case.id)
        .collect();
    let mut i = 0;
    let edit = bench.run("committed edit (transaction + flush), 100000 cases", || {
        i += 1;
        store
            .set_answer(&ids[i % ids.len()], "ghi_chu", &format!("lần {i}"), "Chị Hoa")
            .unwrap();
    });
    let raw_path = dir.with_extension("raw");
    let mut raw = std::fs::File::create(&raw_path).unwrap();
    let kib = [0x5au8; 1024];
    let write = bench.run("raw 1 KiB write + fsync, same disk", || {
        raw.write_all(&kib).unwrap();
        raw.sync_all().unwrap();
    });
    drop(raw);
    let _ = std::fs::remove_file(&raw_path);
    if let (Some((_, e)), Some((_, w))) = (edit, write) {
        bench.note(
            "committed edit p99 ÷ raw write + fsync p99",
            &format!("{:.2}×", e / w.max(1e-9)),
        );
    }
}

fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => folder_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}
