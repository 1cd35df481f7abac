//! What the benchmarks share: data folders of made-up cases, seeded once by
//! the real binary (`trolyso dev seed`) in its own process so that each
//! benchmark opens them as a helper does in the morning; and criterion,
//! with each operation also timed alone so the report can give its median
//! and 99th percentile.

// Each bench uses part of what is here.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};

pub const PASS: &str = "mật khẩu văn phòng";
pub const SEED: u64 = 2026;

/// The folder holding a seeded data folder of `cases` cases, made on first
/// use: under `TROLYSO_BENCH_DIR` (to measure another disk), else in the
/// target folder. `scripts/bench.sh` seeds them first with the release
/// binary, to weigh them.
pub fn folder(cases: usize) -> PathBuf {
    let base = std::env::var_os("TROLYSO_BENCH_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-data"),
        Into::into,
    );
    let dir = base.join(format!("cases-{cases}"));
    if dir.join("db").exists() {
        return dir;
    }
    std::fs::create_dir_all(&base).expect("the benchmark folder");
    // Seeded beside and renamed, so a seed cut off half way is not reused.
    let partial = base.join(format!("cases-{cases}.partial"));
    let _ = std::fs::remove_dir_all(&partial);
    let t = Instant::now();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_trolyso"))
        .args([
            "dev",
            "seed",
            "--cases",
            &cases.to_string(),
            "--seed",
            &SEED.to_string(),
        ])
        .arg("--data-dir")
        .arg(&partial)
        .env("TROLYSO_PASSPHRASE", PASS)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("trolyso dev seed");
    assert!(status.success(), "trolyso dev seed failed");
    std::fs::rename(&partial, &dir).expect("rename the seeded folder");
    eprintln!("seeded {cases} cases in {:.1} s", t.elapsed().as_secs_f64());
    dir
}

/// Criterion, plus the per-operation samples of each benchmark for the
/// report's median and p99 (criterion's own figures are means of batches).
pub struct Bench {
    criterion: Criterion,
    group: &'static str,
    rows: Vec<String>,
}

impl Bench {
    /// `group`: the bench's name, heading criterion's ids ("store/…").
    pub fn new(group: &'static str) -> Self {
        let criterion = Criterion::default()
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2))
            .configure_from_args();
        Bench {
            criterion,
            group,
            rows: Vec::new(),
        }
    }

    /// Measures `op`, each call timed alone; its p50 and p99 in
    /// milliseconds (none when criterion's filter skipped it).
    pub fn run(&mut self, name: &str, op: impl FnMut()) -> Option<(f64, f64)> {
        self.measure(name, 100, op)
    }

    /// Measures an operation that takes most of a second (opening a store):
    /// ten samples of one call each.
    pub fn slow(&mut self, name: &str, op: impl FnMut()) -> Option<(f64, f64)> {
        self.measure(name, 10, op)
    }

    /// Measures the part of each call that `op` times itself (and returns):
    /// work it starts for later, such as a thread, is waited for outside it.
    pub fn run_part(&mut self, name: &str, op: impl FnMut() -> Duration) -> Option<(f64, f64)> {
        self.measure_parts(name, 100, op)
    }

    /// [`Bench::run_part`] for work of seconds: ten samples.
    pub fn slow_part(&mut self, name: &str, op: impl FnMut() -> Duration) -> Option<(f64, f64)> {
        self.measure_parts(name, 10, op)
    }

    fn measure(&mut self, name: &str, sample_size: usize, mut op: impl FnMut()) -> Option<(f64, f64)> {
        self.measure_parts(name, sample_size, move || {
            let t = Instant::now();
            op();
            t.elapsed()
        })
    }

    fn measure_parts(
        &mut self,
        name: &str,
        sample_size: usize,
        mut op: impl FnMut() -> Duration,
    ) -> Option<(f64, f64)> {
        let mut samples: Vec<Duration> = Vec::new();
        let mut group = self.criterion.benchmark_group(self.group);
        group.sample_size(sample_size).sampling_mode(SamplingMode::Flat);
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let d = op();
                    samples.push(d);
                    total += d;
                }
                total
            })
        });
        group.finish();
        // Criterion skips a benchmark its filter does not match.
        if samples.is_empty() {
            return None;
        }
        samples.sort();
        let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
        let (p50, p99) = (at(0.5), at(0.99));
        self.rows.push(format!(
            "| {name} | {} | {p50:.3} ms | {p99:.3} ms |",
            samples.len()
        ));
        Some((p50, p99))
    }

    /// A line of the report that is not a timing (a size, a ratio).
    pub fn note(&mut self, name: &str, value: &str) {
        self.rows.push(format!("| {name} | | {value} | |"));
    }

    /// Prints the rows (Markdown: name, operations timed, p50, p99), and
    /// appends them to the file `TROLYSO_BENCH_REPORT` names, if any.
    pub fn finish(self) {
        self.criterion.final_summary();
        if self.rows.is_empty() {
            return;
        }
        let text = self.rows.join("\n") + "\n";
        println!("\n| measure | timed | p50 | p99 |\n| --- | --- | --- | --- |\n{text}");
        if let Some(path) = std::env::var_os("TROLYSO_BENCH_REPORT") {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .expect("the report file");
            f.write_all(text.as_bytes()).expect("write the report");
        }
    }
}

/// A national list of `n` entries in the words a province's list uses.
pub fn national_list(n: usize) -> String {
    let words = [
        "Cấp đổi giấy phép",
        "Đăng ký biến động",
        "Thủ tục số",
        "Xác nhận",
        "Cấp lại",
        "Công nhận",
        "Gia hạn",
        "Thẩm định hồ sơ",
    ];
    let fields = [
        "Hộ tịch",
        "Cư trú",
        "Đất đai",
        "Giao thông",
        "Bảo trợ xã hội",
        "Giáo dục",
    ];
    let mut csv = format!("{}\n", trolyso::domain::catalogue::HEADER);
    for i in 0..n {
        csv.push_str(&format!(
            "1.{:06},{} {i} lĩnh vực {},{},Cấp tỉnh,{}\n",
            10_000 + i,
            words[i % words.len()],
            fields[i % fields.len()],
            if i % 3 == 0 { "toan_trinh" } else { "mot_phan" },
            fields[i % fields.len()]
        ));
    }
    csv
}
