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

use pty::{CTRL_Q, DOWN, ENTER, ESC, F3, F5, TAB, Tty, UP};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(passphrase), Some(program)) = (args.next(), args.next()) else {
        eprintln!("usage: walk PASSPHRASE PROGRAM [ARGS…]");
        std::process::exit(2);
    };
    let rest: Vec<String> = args.collect();
    let mut tty = Tty::start(&program, &rest);
    tty.wait_for("Mở khoá");
    tty.send(&format!("{passphrase}{ENTER}"));
    tty.wait_for("Hồ sơ gần đây");
    tty.send("nguyen van a");
    tty.wait_for("Nguyễn Văn A");
    tty.send(ESC);
    tty.send(F3);
    tty.send("khai sinh");
    tty.wait_for("Đăng ký khai sinh");
    tty.send(ENTER);
    tty.wait_for("Trước khi bắt đầu");
    tty.send(ENTER);
    tty.wait_for("Bước 1/5");
    tty.send("Nguyeenx Vawn Aan");
    tty.wait_for("Nguyễn Văn Ân");
    tty.send(TAB);
    tty.wait_for("đã lưu");
    tty.send(F5);
    tty.wait_for("Xem lại và hoàn tất");
    for _ in 0..40 {
        tty.send(DOWN);
    }
    tty.send(UP);
    tty.send(ENTER);
    tty.wait_for("Mã hồ sơ Cổng trả về");
    tty.send(&format!("G22.99-260101-0001{ENTER}"));
    tty.wait_for("Đã ghi phiếu");
    tty.send(CTRL_Q);
    let status = tty.child.wait().unwrap();
    if !status.success() {
        eprintln!("the app ended with {status:?}");
        std::process::exit(1);
    }
    eprintln!("walked one case end to end");
}
