//! The real binary in a pseudo-terminal, as a helper uses it: set up, start a
//! birth registration, type a name in Telex, type a date and stop typing
//! without leaving the field, SIGKILL the process, start again, find the
//! draft with both intact at the field last typed in, and finish it.

#![cfg(unix)]

mod pty;

use pty::{CTRL_Q, ENTER, TAB, Tty, record_as_filed, start_birth_registration};

fn start(data: &std::path::Path) -> Tty {
    let data = data.as_os_str();
    Tty::start(
        env!("CARGO_BIN_EXE_trolyso"),
        &[std::ffi::OsStr::new("--data-dir"), data],
    )
}

fn sigkill(mut tty: Tty) {
    let pid = tty.child.process_id().expect("a pid") as libc::pid_t;
    // SAFETY: kill(2) on the child we spawned; no memory is touched.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    tty.child.wait().unwrap();
}

#[test]
fn sigkill_loses_nothing_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");

    let mut tty = start(&data);
    tty.wait_for("Thiết lập văn phòng");
    tty.send(&format!("matkhau123{TAB}matkhau123{TAB}Chij Hoa{ENTER}"));
    tty.wait_for("Chọn xã/phường");
    tty.send("quang chieu");
    tty.wait_for("Xã Quang Chiểu");
    tty.send(ENTER);
    tty.wait_for("Xã Quang Chiểu, Thanh Hóa");
    tty.send(ENTER);
    tty.wait_for("Mã khôi phục");
    tty.send(ENTER);
    tty.wait_for("Hồ sơ gần đây");
    start_birth_registration(&mut tty);
    // Typed and not left: a pause in typing saves it.
    tty.send("05/09/2026");
    std::thread::sleep(std::time::Duration::from_secs(1));
    sigkill(tty);

    let mut tty = start(&data);
    tty.wait_for("Mở khoá");
    tty.send(&format!("matkhau123{ENTER}"));
    tty.wait_for("đang chuẩn bị");
    tty.send(ENTER);
    tty.wait_for("Nguyễn Văn Ân");
    tty.wait_for("› 05/09/2026");
    record_as_filed(&mut tty);
    tty.send(CTRL_Q);
    let status = tty.child.wait().unwrap();
    assert!(status.success());
}
