//! Walks one case end to end in the real app, in a pseudo-terminal, the way
//! a helper would on a seeded folder: unlock, search a name on the case
//! list, start a birth registration, type the child's name in Telex, review
//! and record it as filed, quit. Used by `scripts/bench.sh` to measure the
//! app's peak memory:
//!
//! `cargo run --release --example walk -- PASSPHRASE /usr/bin/time -v -o OUT target/release/trolyso --data-dir DIR`
//!
//! The folder must already be set up (`trolyso dev seed`). With
//! `--first-open` before the passphrase, the folder is one from an older
//! version (`dev seed --older`): the walk waits for the progress line of its
//! one-time work and for the case list (up to ten minutes), quits, opens it
//! again and says how long the second unlock took to reach the case list.

#[path = "../tests/it/pty/mod.rs"]
mod pty;

use pty::{CTRL_Q, ENTER, ESC, Tty, record_as_filed, start_birth_registration};

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let first_open = args.next_if(|a| a == "--first-open").is_some();
    let (Some(passphrase), Some(program)) = (args.next(), args.next()) else {
        eprintln!("usage: walk [--first-open] PASSPHRASE PROGRAM [ARGS…]");
        std::process::exit(2);
    };
    let rest: Vec<String> = args.collect();
    if first_open {
        prepare_then_reopen(&passphrase, &program, &rest);
    }
    let mut tty = Tty::start(&program, &rest);
    tty.wait_for("Mở khóa");
    tty.send(&format!("{passphrase}{ENTER}"));
    tty.wait_for("Hồ sơ gần đây");
    tty.send("nguyen van");
    tty.wait_for("Nguyễn Văn");
    // The search cleared (the list is the recent one again) before F3:
    // sent together, Esc and F3's ESC O R can be read as other keys.
    tty.send(ESC);
    tty.wait_for("Hồ sơ gần đây");
    start_birth_registration(&mut tty);
    record_as_filed(&mut tty);
    tty.send(CTRL_Q);
    let status = tty.child.wait().unwrap();
    if !status.success() {
        eprintln!("the app ended with {status:?}");
        std::process::exit(1);
    }
    eprintln!("walked one case end to end");
}

/// The first open of an older folder: the progress line, then the case
/// list; quit; the second open reaches the case list without preparing.
fn prepare_then_reopen(passphrase: &str, program: &str, rest: &[String]) {
    use std::time::{Duration, Instant};
    let mut tty = Tty::start(program, rest);
    tty.wait_for("Mở khóa");
    let started = Instant::now();
    tty.send(&format!("{passphrase}{ENTER}"));
    tty.wait_for("lần đầu");
    eprintln!("progress shown after {:.1} s", started.elapsed().as_secs_f64());
    tty.wait_for_within("Hồ sơ gần đây", Duration::from_secs(600));
    eprintln!(
        "prepared, case list after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    tty.send(CTRL_Q);
    if !tty.child.wait().unwrap().success() {
        eprintln!("the app did not quit cleanly after the first open");
        std::process::exit(1);
    }
    let mut tty = Tty::start(program, rest);
    tty.wait_for("Mở khóa");
    let again = Instant::now();
    tty.send(&format!("{passphrase}{ENTER}"));
    tty.wait_for("Hồ sơ gần đây");
    let second = again.elapsed();
    if tty.contents().contains("lần đầu") {
        eprintln!("the second open prepared again");
        std::process::exit(1);
    }
    eprintln!("second open: case list after {:.2} s", second.as_secs_f64());
    tty.send(CTRL_Q);
    let _ = tty.child.wait();
}
