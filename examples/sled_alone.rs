//! sled on its own, as the floor under the store's figures (issue 33): the
//! shape of a real data folder (per tree: how many keys, how long keys and
//! values are on average) is read from FOLDER's `db/`, then written again
//! into fresh sled databases, one per setting tried, with random bytes of
//! those sizes. Each is opened once in a process of its own (the replay of
//! the log just written), then again in another (as a folder closed cleanly
//! opens: what the app's open and `cases list` do); that open's time, its
//! process's peak memory and the folder's size are printed. Nothing in
//! FOLDER is decrypted or changed (sizes are read from a copy).
//!
//! `cargo run --release --example sled_alone -- target/bench-data/cases-100000`
//! (`--as-app` after it: the app's setting only, as `scripts/bench.sh` runs it)
//!
//! The app's figures are then ratios to these: what is sled's and what is
//! ours.

use std::path::{Path, PathBuf};
use std::time::Instant;

/// One tree's shape: keys, and their total key and value bytes.
#[derive(Debug, Default, Clone, Copy)]
struct Shape {
    count: u64,
    key_bytes: u64,
    value_bytes: u64,
}

/// How a setting's config is made for a folder.
type Setting = fn(&Path) -> sled::Config;

/// The settings tried: a name, and how the config is made.
fn settings() -> Vec<(&'static str, Setting)> {
    vec![
        ("default (as the app)", |p| sled::Config::new().path(p)),
        ("cache 16 MiB", |p| {
            sled::Config::new().path(p).cache_capacity(16 << 20)
        }),
        ("low space", |p| {
            sled::Config::new().path(p).mode(sled::Mode::LowSpace)
        }),
        ("segment 64 KiB", |p| {
            sled::Config::new().path(p).segment_size(64 << 10)
        }),
        ("flush every 5 s", |p| {
            sled::Config::new().path(p).flush_every_ms(Some(5000))
        }),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        // Children, each with a memory of its own: write one database with
        // one setting; open it and report.
        [flag, dir, which, shapes] if flag == "--write" => {
            let config = settings()[which.parse::<usize>().unwrap_or(0)].1(Path::new(dir));
            write_shaped(&config, &decode(shapes));
        }
        [flag, dir, which] if flag == "--open" => open_one(Path::new(dir), which.parse().unwrap_or(0)),
        [folder] => measure(Path::new(folder), settings().len()),
        [folder, flag] if flag == "--as-app" => measure(Path::new(folder), 1),
        _ => {
            eprintln!("usage: sled_alone FOLDER");
            std::process::exit(2);
        }
    }
}

/// The first `tried` settings, each written and opened.
fn measure(folder: &Path, tried: usize) {
    // Read from a copy: sled may write as it opens, and FOLDER stays as it is.
    let work = std::env::temp_dir().join(format!("sled-alone-{}", std::process::id()));
    let copy = work.join("shape");
    trolyso::store::paths::copy_dir(&folder.join("db"), &copy).expect("the folder's db/ is copied");
    let shapes = read_shapes(&copy);
    let _ = std::fs::remove_dir_all(&copy);
    let (mut keys, mut bytes) = (0, 0);
    for (tree, s) in &shapes {
        keys += s.count;
        bytes += s.key_bytes + s.value_bytes;
        println!(
            "tree {tree:<12} {:>9} keys, key {:>5.1} B, value {:>7.1} B",
            s.count,
            s.key_bytes as f64 / s.count.max(1) as f64,
            s.value_bytes as f64 / s.count.max(1) as f64
        );
    }
    println!("in all: {keys} keys, {:.1} MiB of keys and values", mib(bytes));
    println!(
        "| sled setting | write | first open (next open) | memory, next open: peak, once open | folder | folder ÷ data |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    for (i, (name, _)) in settings().into_iter().enumerate().take(tried) {
        let dir = work.join(i.to_string());
        let _ = std::fs::remove_dir_all(&dir);
        let t = Instant::now();
        let written = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--write", dir.to_str().unwrap(), &i.to_string(), &encode(&shapes)])
            .status()
            .unwrap();
        assert!(written.success(), "{name}: the write ended with {written}");
        let wrote = t.elapsed();
        let size = folder_size(&dir);
        let open = || {
            let out = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--open", dir.to_str().unwrap(), &i.to_string()])
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&out.stdout).into_owned();
            let mut parts = said.split_whitespace().map(str::to_owned);
            let mut next = || parts.next().unwrap_or_else(|| "?".into());
            (next(), next(), next())
        };
        let (first_ms, _, _) = open();
        let (again_ms, peak_kib, rss_kib) = open();
        let in_mib = |kib: &str| {
            kib.parse::<f64>()
                .map_or("?".to_owned(), |k| format!("{:.1} MiB", k / 1024.0))
        };
        let peak = format!("{}, {} once open", in_mib(&peak_kib), in_mib(&rss_kib));
        println!(
            "| {name} | {:.1} s | {first_ms} ms ({again_ms} ms) | {peak} | {:.1} MiB | {:.1}× |",
            wrote.as_secs_f64(),
            mib(size),
            size as f64 / bytes.max(1) as f64
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// Shapes passed to a child: `tree:count:key_bytes:value_bytes,…`.
fn encode(shapes: &[(String, Shape)]) -> String {
    shapes
        .iter()
        .map(|(t, s)| format!("{t}:{}:{}:{}", s.count, s.key_bytes, s.value_bytes))
        .collect::<Vec<_>>()
        .join(",")
}

fn decode(text: &str) -> Vec<(String, Shape)> {
    text.split(',')
        .filter_map(|part| {
            let mut f = part.split(':');
            let tree = f.next()?.to_owned();
            let mut n = || f.next()?.parse::<u64>().ok();
            let (count, key_bytes, value_bytes) = (n()?, n()?, n()?);
            Some((
                tree,
                Shape {
                    count,
                    key_bytes,
                    value_bytes,
                },
            ))
        })
        .collect()
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Every tree's shape in the database at `db` (opened, read, closed).
fn read_shapes(db: &Path) -> Vec<(String, Shape)> {
    let db = sled::Config::new()
        .path(db)
        .open()
        .expect("the folder's db/ opens");
    let mut out = Vec::new();
    for name in db.tree_names() {
        let tree = db.open_tree(&name).unwrap();
        let mut s = Shape::default();
        for kv in tree.iter() {
            let (k, v) = kv.unwrap();
            s.count += 1;
            s.key_bytes += k.len() as u64;
            s.value_bytes += v.len() as u64;
        }
        if s.count > 0 {
            out.push((String::from_utf8_lossy(&name).into_owned(), s));
        }
    }
    out
}

/// Random keys and values of each tree's average sizes, as many as it has.
fn write_shaped(config: &sled::Config, shapes: &[(String, Shape)]) {
    let db = config.open().unwrap();
    let mut seed = 0x2026_u64;
    let mut next = || {
        // xorshift: enough to keep sled from compressing or sharing pages.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for (name, s) in shapes {
        let tree = db.open_tree(name).unwrap();
        let key_len = (s.key_bytes / s.count.max(1)) as usize;
        let value_len = (s.value_bytes / s.count.max(1)) as usize;
        let mut batch = sled::Batch::default();
        for n in 0..s.count {
            let key: Vec<u8> = (0..key_len.max(8)).map(|_| next() as u8).collect();
            let value: Vec<u8> = (0..value_len).map(|_| next() as u8).collect();
            batch.insert(key, value);
            if n % 10_000 == 9_999 {
                tree.apply_batch(std::mem::take(&mut batch)).unwrap();
            }
        }
        tree.apply_batch(batch).unwrap();
    }
    db.flush().unwrap();
}

/// In a process of its own: open, reading one key of each tree, and close;
/// print the open time (ms), the process's peak resident memory and its
/// resident memory once open (KiB, Linux; "?" elsewhere).
fn open_one(dir: &Path, which: usize) {
    let t = Instant::now();
    let db = settings()[which].1(dir).open().unwrap();
    for name in db.tree_names() {
        let _ = db.open_tree(&name).unwrap().first();
    }
    let took = t.elapsed().as_secs_f64() * 1000.0;
    db.flush().unwrap();
    let status = |field| memory_kib(field).unwrap_or_else(|| "?".into());
    println!("{took:.0} {} {}", status("VmHWM:"), status("VmRSS:"));
}

/// A memory field of /proc/self/status (`VmHWM:` peak, `VmRSS:` now).
fn memory_kib(field: &str) -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    Some(line.split_whitespace().nth(1)?.to_owned())
}

fn folder_size(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack: Vec<PathBuf> = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            match entry.metadata() {
                Ok(m) if m.is_dir() => stack.push(path),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}
