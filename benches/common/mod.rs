//! What the benchmarks share: a folder of made-up cases, measured in a fresh
//! process (a store bulk-loaded in the same process is not what a helper
//! opens in the morning: sled settles on the next open).

// Each bench uses part of what is here.
#![allow(dead_code)]

use std::path::PathBuf;

use trolyso::store::{KdfParams, Store};

pub const PASS: &str = "mật khẩu văn phòng";
const MEASURE_DIR: &str = "TROLYSO_BENCH_MEASURE_DIR";

/// In the measuring process, the seeded folder and its number of cases
/// (`TROLYSO_BENCH_CASES`, default 100,000). In the first process, seeds a
/// folder (under `TROLYSO_BENCH_DIR` or the temp folder), runs this
/// benchmark again on it, and returns `None`.
pub fn seeded_folder(seed: u64) -> Option<(PathBuf, usize)> {
    if std::env::args().any(|a| a == "--list") {
        return None;
    }
    let n: usize = std::env::var("TROLYSO_BENCH_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    if let Some(dir) = std::env::var_os(MEASURE_DIR) {
        return Some((PathBuf::from(dir), n));
    }
    let base = std::env::var_os("TROLYSO_BENCH_DIR").map_or_else(std::env::temp_dir, Into::into);
    let tmp = tempfile::tempdir_in(base).expect("a temporary folder");
    let dir = tmp.path().join("data");
    let t = std::time::Instant::now();
    {
        let (store, _code) = Store::create(&dir, PASS, KdfParams::default()).unwrap();
        trolyso::dev::seed::fill(&store, n, seed).unwrap();
    }
    drop(Store::open(&dir, PASS).unwrap());
    eprintln!("seeded {n} cases in {:.1} s", t.elapsed().as_secs_f64());
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(std::env::args().skip(1))
        .env(MEASURE_DIR, &dir)
        .status()
        .unwrap();
    assert!(status.success());
    None
}

/// One Markdown row: name, samples, median and p99 in milliseconds.
pub fn report(name: &str, mut samples: Vec<std::time::Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
    println!(
        "| {name} | {} | {:.3} ms | {:.3} ms |",
        samples.len(),
        at(0.5),
        at(0.99)
    );
}
