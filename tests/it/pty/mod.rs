//! A program in a pseudo-terminal, driven by keys and read as a screen:
//! shared by the end-to-end test and the benchmark walker
//! (`examples/walk.rs`).

// Each user takes part of what is here.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const TAB: &str = "\t";
pub const DOWN: &str = "\x1b[B";
pub const UP: &str = "\x1b[A";
pub const F1: &str = "\x1bOP";
pub const F3: &str = "\x1bOR";
pub const F4: &str = "\x1bOS";
pub const F5: &str = "\x1b[15~";
pub const F6: &str = "\x1b[17~";
pub const BACKTAB: &str = "\x1b[Z";
pub const F8: &str = "\x1b[19~";
pub const CTRL_Q: &str = "\x11";

pub struct Tty {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Tty {
    /// Starts `program args…` in an 80×24 terminal.
    pub fn start<S: AsRef<OsStr>>(program: impl AsRef<OsStr>, args: &[S]) -> Tty {
        Self::start_with(program, args, &[])
    }

    /// [`Tty::start`] with these variables set for the program.
    pub fn start_with<S: AsRef<OsStr>>(program: impl AsRef<OsStr>, args: &[S], env: &[(&str, &str)]) -> Tty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        if let Ok(here) = std::env::current_dir() {
            cmd.cwd(here);
        }
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

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Sends `keys` until the screen shows `text`: on a busy machine an
    /// escape sequence (F3 is ESC O R) can reach the app in pieces and be
    /// read as other keys. Each try waits a few seconds; between tries
    /// `undo` puts back what the stray keys did (Esc clears a search).
    pub fn send_until(&mut self, keys: &str, text: &str, undo: &str) {
        for _ in 0..5 {
            self.send(keys);
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if self.contents().contains(text) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            self.send(undo);
        }
        self.wait_for(text);
    }

    /// Waits (up to a minute) until the screen shows `text`.
    pub fn wait_for(&mut self, text: &str) {
        self.wait_for_within(text, Duration::from_secs(60));
    }

    /// Waits (up to `limit`) until the screen shows `text`.
    pub fn wait_for_within(&mut self, text: &str, limit: Duration) {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // What it printed last may still be on its way from the pty
                // to the reader thread on a busy machine.
                let drained = Instant::now() + Duration::from_secs(3);
                while Instant::now() < drained {
                    if self.contents().contains(text) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                panic!(
                    "waited for {text:?}, but the program ended ({status:?}); the screen is:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("waited for {text:?}; the screen is:\n{}", self.contents());
    }

    pub fn send(&mut self, keys: &str) {
        self.press(keys);
        // Let the app take the keys in before the next wait looks.
        std::thread::sleep(Duration::from_millis(50));
    }

    /// Writes `keys` and returns at once (for timing how soon the app
    /// answers).
    pub fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

/// First start: the office set up (passphrase `matkhau123`, Chị Hoa, Xã
/// Quang Chiểu) and the case list open; returns the recovery code as it was
/// shown, to be copied onto paper.
pub fn set_up_office(tty: &mut Tty) -> String {
    tty.wait_for("Thiết lập văn phòng");
    tty.send(&format!("matkhau123{TAB}matkhau123{TAB}Chij Hoa{ENTER}"));
    tty.wait_for("Chọn xã/phường");
    tty.send("quang chieu");
    tty.wait_for("Xã Quang Chiểu");
    tty.send(ENTER);
    tty.wait_for("Xã Quang Chiểu, Thanh Hóa");
    tty.send(ENTER);
    tty.wait_for("Mã khôi phục");
    let screen = tty.contents();
    let code = screen
        .split_whitespace()
        .find(|w| w.len() == 24 && w.matches('-').count() == 4)
        .unwrap_or_else(|| panic!("no code on:\n{screen}"))
        .to_owned();
    // Copied onto paper, its last group typed back.
    tty.send(&format!("{}{ENTER}", code.rsplit('-').next().unwrap()));
    // The first-run tour, skipped.
    tty.wait_for("Làm quen");
    tty.send(ESC);
    tty.wait_for("Hồ sơ gần đây");
    code
}

/// From the case list: a birth registration started and the child's name
/// typed in Telex ("Nguyeenx Vawn Aan" → "Nguyễn Văn Ân") and saved.
pub fn start_birth_registration(tty: &mut Tty) {
    tty.send_until(F3, "Chọn thủ tục", ESC);
    tty.send("khai sinh");
    tty.wait_for("Đăng ký khai sinh");
    tty.send(ENTER);
    tty.wait_for("Trước khi bắt đầu");
    tty.send(ENTER);
    tty.wait_for("Bước 1/");
    tty.send("Nguyeenx Vawn Aan");
    tty.wait_for("Nguyễn Văn Ân");
    tty.send(TAB);
    tty.wait_for("đã lưu");
}

/// From an open case: review it and record it as filed with a hồ sơ code;
/// the slip is asked for (F8) and written.
pub fn record_as_filed(tty: &mut Tty) {
    tty.send_until(F5, "Xem lại và hoàn tất", "");
    for _ in 0..40 {
        tty.send(DOWN);
    }
    // The last rows: … filed, done, cancel.
    tty.send(UP);
    tty.send(UP);
    tty.send(F8);
    tty.wait_for("[x] Ghi phiếu");
    tty.send(ENTER);
    tty.wait_for("Mã hồ sơ Cổng trả về");
    tty.send(&format!("G22.99-260101-0001{ENTER}"));
    // How the portal took it: the guide's level or "chưa rõ", taken.
    tty.wait_for("Cổng ghi nộp toàn trình hay một phần?");
    tty.send(ENTER);
    tty.wait_for("đã nộp");
    tty.wait_for("Đã ghi phiếu");
}
