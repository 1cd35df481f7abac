//! The real binary in a pseudo-terminal, as a helper uses it: set up, start a
//! birth registration, type a name in Telex, SIGKILL the process, start
//! again, find the draft with the name intact, and finish it.

#![cfg(unix)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 24;
const COLS: u16 = 80;

struct Tty {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Tty {
    fn start(data: &std::path::Path) -> Tty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_trolyso"));
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let sink = screen.clone();
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Tty {
            child,
            writer,
            screen,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("waited for {text:?}; the screen is:\n{}", self.contents());
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the app take the keys in before the next wait looks.
        std::thread::sleep(Duration::from_millis(50));
    }

    fn sigkill(mut self) {
        let pid = self.child.process_id().expect("a pid") as libc::pid_t;
        // SAFETY: kill(2) on the child we spawned; no memory is touched.
        unsafe { libc::kill(pid, libc::SIGKILL) };
        self.child.wait().unwrap();
    }
}

const ENTER: &str = "\r";
const TAB: &str = "\t";
const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const F3: &str = "\x1bOR";
const F5: &str = "\x1b[15~";

#[test]
fn sigkill_loses_nothing_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");

    let mut tty = Tty::start(&data);
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
    tty.sigkill();

    let mut tty = Tty::start(&data);
    tty.wait_for("Mở khoá");
    tty.send(&format!("matkhau123{ENTER}"));
    tty.wait_for("đang chuẩn bị");
    tty.send(ENTER);
    tty.wait_for("Nguyễn Văn Ân");
    // Finish it: record it as filed with its hồ sơ code.
    tty.send(F5);
    tty.wait_for("Xem lại và hoàn tất");
    for _ in 0..40 {
        tty.send(DOWN);
    }
    tty.send(UP);
    tty.send(ENTER);
    tty.wait_for("Mã hồ sơ Cổng trả về");
    tty.send(&format!("G22.99-260101-0001{ENTER}"));
    tty.wait_for("đã nộp");
    tty.wait_for("Đã ghi phiếu");
    tty.send("\x11");
    let status = tty.child.wait().unwrap();
    assert!(status.success());
}
