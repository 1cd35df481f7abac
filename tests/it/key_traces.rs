//! Key traces recorded with `trolyso debug-keys` (in tmux here: `C-h` sends
//! 0x08, `BSpace` 0x7F, `send-keys -l` a whole line at once, as the legacy
//! Windows console delivers a paste) replayed through the shell as its loop
//! reads them: keys that arrived together as one batch.

use crate::common;

use common::Session;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use trolyso::app::{Mode, Screen};
use trolyso::i18n::Lang;
use trolyso::shell::keys::{batches, guard_paste};
use trolyso::text::InputMethod;

fn trace(name: &str) -> String {
    std::fs::read_to_string(format!("tests/keytraces/{name}.jsonl")).unwrap()
}

/// An office set up, a birth registration open, the pause form's note
/// field focused; input method off, as with UniKey doing the typing.
fn at_the_pause_note() -> (Session, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::new(tmp.path(), Lang::Vi);
    common::set_up(&mut s);
    common::start(&mut s, "khai sinh");
    s.app.settings.input_method = InputMethod::Off;
    // Reasons, then the date, then the note.
    s.send("<f4><tab><tab>");
    (s, tmp)
}

/// Replays a trace up to its Ctrl+C (which ended the recording).
fn replay(s: &mut Session, name: &str) {
    for batch in batches(&trace(name)) {
        for e in guard_paste(batch) {
            if let Event::Key(k) = &e
                && k.code == KeyCode::Char('c')
                && k.modifiers == KeyModifiers::CONTROL
            {
                return;
            }
            s.event(e);
        }
    }
}

fn note(s: &Session) -> String {
    match &s.app.screen {
        Screen::Wizard(w) => match &w.mode {
            Mode::Pause(p) => p.note.text().to_owned(),
            _ => panic!("the pause form closed:\n{}", s.screen()),
        },
        _ => panic!("{}", s.screen()),
    }
}

/// UniKey rewrites "en" as "ễn" by sending two backspaces then the letters:
/// as 0x08 (read as Ctrl+H) on some machines, 0x7F on others. Both delete.
#[test]
fn both_backspaces_rewrite_the_word() {
    for name in ["unikey-0x08", "unikey-0x7f"] {
        let (mut s, _tmp) = at_the_pause_note();
        replay(&mut s, name);
        assert_eq!(note(&s), "Nguyễn", "{name}");
    }
}

/// A line pasted into the legacy console arrives as keys with Enter at the
/// end, all at once: the Enter is kept as a space and does not save the
/// pause; the helper's own Enter afterwards does.
#[test]
fn a_pasted_line_break_does_not_submit() {
    let (mut s, _tmp) = at_the_pause_note();
    replay(&mut s, "paste-line");
    assert_eq!(note(&s), "Thiếu giấy chứng sinh của cháu ");
    assert_eq!(
        s.store().case(&open_case(&s)).unwrap().unwrap().status,
        trolyso::store::Status::Preparing
    );
    s.send("<enter>");
    assert!(matches!(s.app.screen, Screen::Home(_)), "{}", s.screen());
}

fn open_case(s: &Session) -> trolyso::store::Id {
    match &s.app.screen {
        Screen::Wizard(w) => w.case.id,
        _ => panic!(),
    }
}

/// The control character itself (some consoles hand it over as a letter)
/// is a backspace too.
#[test]
fn a_backspace_as_a_control_character_deletes() {
    let (mut s, _tmp) = at_the_pause_note();
    s.send("abc");
    for c in ['\u{8}', '\u{7f}'] {
        s.event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
    assert_eq!(note(&s), "a");
}
