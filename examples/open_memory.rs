//! The memory the app holds once a folder is open (issue 33: "≤ 64 MB once
//! open"): opens FOLDER with the passphrase in `TROLYSO_PASSPHRASE`, reads
//! the first page of recent cases as Home does, and prints the process's
//! resident memory then (VmRSS) and its peak (VmHWM, the key derivation
//! included), in KiB ("?" where /proc is not there).
//!
//! `TROLYSO_PASSPHRASE=… cargo run --release --example open_memory -- FOLDER`

use std::path::Path;

use trolyso::store::Store;

fn main() {
    let (Some(folder), Ok(passphrase)) = (std::env::args().nth(1), std::env::var("TROLYSO_PASSPHRASE"))
    else {
        eprintln!("usage: TROLYSO_PASSPHRASE=… open_memory FOLDER");
        std::process::exit(2);
    };
    let store = Store::open(Path::new(&folder), &passphrase).expect("the folder opens");
    let page = store.recent(20, None).expect("a page of recent cases");
    std::hint::black_box(&page);
    println!("{} {}", status("VmRSS:"), status("VmHWM:"));
}

/// A field of /proc/self/status, in KiB.
fn status(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with(field))?.to_owned();
            line.split_whitespace().nth(1).map(str::to_owned)
        })
        .unwrap_or_else(|| "?".into())
}
