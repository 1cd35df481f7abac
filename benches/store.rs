//! The case store at the size of years of work: 100,000 cases (or
//! `TROLYSO_BENCH_CASES`). Prints p50 / p99 of each operation, and beside a
//! committed edit the time of a raw 1 KiB write + fsync on the same disk.
//!
//! Run: `cargo bench --bench store` (the folder goes in the system's temp
//! folder, or `TROLYSO_BENCH_DIR` to measure another disk).
//!

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use trolyso::store::{Status, Store};

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    (at(0.50), at(0.99))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn measure(name: &str, n: usize, mut f: impl FnMut(usize)) -> (Duration, Duration) {
    let samples: Vec<Duration> = (0..n)
        .map(|i| {
            let t = Instant::now();
            f(i);
            t.elapsed()
        })
        .collect();
    let (p50, p99) = percentiles(samples);
    println!("| {name} | {n} | {:.3} ms | {:.3} ms |", ms(p50), ms(p99));
    (p50, p99)
}

fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        folder_size(&p)
                    } else {
                        e.metadata().map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

mod common;

use common::PASS;

fn main() {
    if let Some((dir, n)) = common::seeded_folder(2026) {
        measure_all(&dir, n);
    }
}

fn measure_all(dir: &Path, n: usize) {
    println!("| operation ({n} cases) | samples | p50 | p99 |");
    println!("| --- | --- | --- | --- |");
    measure("open + unlock (Argon2id 64 MiB, 3 passes)", 5, |_| {
        drop(Store::open(dir, PASS).unwrap());
    });
    let store = Store::open(dir, PASS).unwrap();
    let ids: Vec<_> = store
        .recent(200, None)
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.case.id)
        .collect();
    let (_, edit_p99) = measure("committed edit (transaction + flush)", 500, |i| {
        store
            .set_answer(&ids[i % ids.len()], "ghi_chu", &format!("lần {i}"), "Chị Hoa")
            .unwrap();
    });
    let raw = dir.parent().unwrap().join("raw.bin");
    let mut f = std::fs::File::create(&raw).unwrap();
    let kib = [0x5au8; 1024];
    let (_, raw_p99) = measure("raw 1 KiB write + fsync (same disk)", 500, |_| {
        f.write_all(&kib).unwrap();
        f.sync_all().unwrap();
    });
    measure("page of 20 recent cases", 300, |_| {
        assert_eq!(store.recent(20, None).unwrap().items.len(), 20);
    });
    measure("page of 20 paused cases", 300, |_| {
        store.by_status(Status::Paused, 20, None).unwrap();
    });
    for query in ["nguyen van a", "thanh", "tr thi h", "le"] {
        measure(&format!("name search \"{query}\" (page of 20)"), 300, |_| {
            store.search_name(query, 20, None).unwrap();
        });
    }
    let sample = store.recent(300, None).unwrap().items;
    measure("search by identification number", 300, |i| {
        let r = sample[i % sample.len()].resident.as_ref().unwrap();
        assert!(
            !store
                .search_id_number(r.id_number.as_deref().unwrap(), 20, None)
                .unwrap()
                .items
                .is_empty()
        );
    });
    measure("search by phone", 300, |i| {
        let r = sample[i % sample.len()].resident.as_ref().unwrap();
        assert!(
            !store
                .search_phone(r.phone.as_deref().unwrap(), 20, None)
                .unwrap()
                .items
                .is_empty()
        );
    });
    let encoded = store.stored_bytes().unwrap();
    drop(store);
    let disk = folder_size(&dir.join("db"));
    println!();
    println!(
        "committed edit p99 / raw write+fsync p99: {:.2}",
        ms(edit_p99) / ms(raw_p99).max(1e-9)
    );
    println!(
        "data folder: {:.1} MiB on disk for {:.1} MiB encoded ({:.2}×), {:.0} KiB per 1,000 cases",
        disk as f64 / 1048576.0,
        encoded as f64 / 1048576.0,
        disk as f64 / encoded as f64,
        disk as f64 / 1024.0 / (n as f64 / 1000.0)
    );
    let peak_kib = std::fs::read_to_string("/proc/self/status").ok().and_then(|s| {
        let line = s.lines().find(|l| l.starts_with("VmHWM"))?.to_owned();
        line.split_whitespace().nth(1)?.parse::<f64>().ok()
    });
    if let Some(kib) = peak_kib {
        println!(
            "peak resident memory of the measuring process: {:.1} MiB",
            kib / 1024.0
        );
    }
}
