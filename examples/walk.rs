//! Walks one case end to end in the real app, in a pseudo-terminal, the way
//! a helper would on a seeded folder: unlock, search a name on the case
//! list, start a birth registration, type the child's name in Telex, review
//! and record it as filed, quit. Used by `scripts/bench.sh` to measure the
//! app's peak memory:
//!
//! `cargo run --release --example walk -- PASSPHRASE /usr/bin/time -v -o OUT target/release/trolyso --data-dir DIR`
//!
//! The folder must already be set up (`trolyso dev seed`).

#[path = "../tests/pty/mod.rs"]
mod pty;

use pty::{CTRL_Q, ENTER, ESC, Tty, record_as_filed, start_birth_registration};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(passphrase), Some(program)) = (args.next(), args.next()) else {
        eprintln!("usage: walk PASSPHRASE PROGRAM [ARGS…]");
        std::process::exit(2);
    };
    let rest: Vec<String> = args.collect();
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
