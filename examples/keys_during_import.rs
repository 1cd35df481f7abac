//! How soon the real app answers a key while a bundle is imported beside
//! the screen: in a pseudo-terminal, the office unlocks, opens the bundles
//! screen on FOLDER, reads the (only) bundle there, imports it, and while the
//! progress line shows presses F1 again and again, timing each press until
//! the help is on the screen (and each second press until it is gone).
//! Used by `scripts/bench-bundles.sh`:
//!
//! `cargo run --release --example keys_during_import -- PASSPHRASE FOLDER target/release/trolyso --data-dir DIR`

#[path = "../tests/it/pty/mod.rs"]
mod pty;

use std::time::{Duration, Instant};

use pty::{ENTER, F1, F8, Tty};

/// On the screen while the import runs, and while the help is open (its
/// title: the words under it change when the import ends).
const WORKING: &str = "Đang xử lý gói";
const HELP: &str = "Phím dùng được ở màn hình này";

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(passphrase), Some(folder), Some(program)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: keys_during_import PASSPHRASE FOLDER PROGRAM [ARGS…]");
        std::process::exit(2);
    };
    let rest: Vec<String> = args.collect();
    let mut tty = Tty::start(&program, &rest);
    tty.wait_for("Mở khóa");
    tty.send(&format!("{passphrase}{ENTER}"));
    tty.wait_for("Hồ sơ gần đây");
    tty.send(F8);
    tty.wait_for("Thư mục USB");
    tty.send(&"\x7f".repeat(300));
    tty.send(&folder);
    tty.wait_for("goi-");
    tty.send(ENTER);
    tty.wait_for_within("Nếu nhận gói này", Duration::from_secs(120));
    tty.send(ENTER);
    tty.wait_for(WORKING);
    let mut answered = Vec::new();
    while tty.contents().contains(WORKING) {
        for (shows, gone) in [(true, false), (false, true)] {
            let sent = Instant::now();
            tty.press(F1);
            loop {
                let has = tty.contents().contains(HELP);
                if (shows && has) || (gone && !has) {
                    answered.push(sent.elapsed());
                    break;
                }
                if sent.elapsed() > Duration::from_secs(10) {
                    eprintln!("a key was not answered within 10 s");
                    std::process::exit(1);
                }
                std::thread::sleep(Duration::from_micros(200));
            }
        }
    }
    if answered.is_empty() {
        eprintln!("the import ended before a key could be pressed");
        std::process::exit(1);
    }
    answered.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p50 = answered[answered.len() / 2];
    let max = answered[answered.len() - 1];
    // One line for the script: presses, p50, max (ms).
    println!("{} {:.1} {:.1}", answered.len(), ms(p50), ms(max));
}
