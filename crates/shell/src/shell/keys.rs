//! Keys as consoles deliver them. On Windows a paste arrives as key presses
//! (crossterm reads the console's key records; there is no bracketed paste),
//! its line break as Enter, all at once. The loop reads every key that is
//! already waiting as one batch; there [`guard_paste`] keeps a line break
//! inside a pasted run of letters from submitting a form. `trolyso debug-keys` writes the keys it
//! gets as JSON lines ([`to_json`]) that tests read back ([`from_json`]).

use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Letters arriving together before an Enter that make it part of a paste:
/// no one types eight letters and Enter in the time the loop takes to read.
pub const PASTE_MIN: usize = 8;

/// Keys further apart than this in a recorded trace were not waiting
/// together (a replay makes one batch of each run closer than this).
pub const BURST_GAP: Duration = Duration::from_millis(3);

fn printable(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// A batch of events read without waiting, with each Enter that follows at
/// least [`PASTE_MIN`] letters of the same batch turned into a space: a
/// pasted line break never submits. Backspaces (an input method rewriting a
/// word) end a run, so its letters are never taken for a paste.
pub fn guard_paste(batch: Vec<Event>) -> Vec<Event> {
    let mut run = 0usize;
    batch
        .into_iter()
        .map(|event| {
            let Event::Key(key) = &event else {
                run = 0;
                return event;
            };
            if key.kind == KeyEventKind::Release {
                return event;
            }
            if printable(key) {
                run += 1;
                event
            } else if key.code == KeyCode::Enter && run >= PASTE_MIN {
                // Any modifiers: some Windows terminals mark a pasted line
                // break with Ctrl (crossterm issues 737 and 962).
                tracing::debug!("a line break inside pasted text, kept as a space");
                Event::Key(KeyEvent::new_with_kind(
                    KeyCode::Char(' '),
                    KeyModifiers::NONE,
                    key.kind,
                ))
            } else {
                run = 0;
                event
            }
        })
        .collect()
}

/// Keys that are not letters, by the names traces write (F1…F12 aside).
const NAMED: [(KeyCode, &str); 15] = [
    (KeyCode::Backspace, "Backspace"),
    (KeyCode::Enter, "Enter"),
    (KeyCode::Left, "Left"),
    (KeyCode::Right, "Right"),
    (KeyCode::Up, "Up"),
    (KeyCode::Down, "Down"),
    (KeyCode::Home, "Home"),
    (KeyCode::End, "End"),
    (KeyCode::PageUp, "PageUp"),
    (KeyCode::PageDown, "PageDown"),
    (KeyCode::Tab, "Tab"),
    (KeyCode::BackTab, "BackTab"),
    (KeyCode::Delete, "Delete"),
    (KeyCode::Insert, "Insert"),
    (KeyCode::Esc, "Esc"),
];

/// The name of a key that is not a letter, as traces write it.
fn code_name(code: KeyCode) -> Option<String> {
    match code {
        KeyCode::F(n) => Some(format!("F{n}")),
        _ => NAMED
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, n)| (*n).to_owned()),
    }
}

fn code_of(name: &str) -> Option<KeyCode> {
    match NAMED.iter().find(|(_, n)| *n == name) {
        Some((code, _)) => Some(*code),
        None => Some(KeyCode::F(name.strip_prefix('F')?.parse().ok()?)),
    }
}

const MODS: [(KeyModifiers, &str); 3] = [
    (KeyModifiers::SHIFT, "shift"),
    (KeyModifiers::CONTROL, "ctrl"),
    (KeyModifiers::ALT, "alt"),
];

/// One key event as a JSON line: milliseconds since the trace began, the
/// key (a letter as itself, with its code point; other keys by name), the
/// modifiers, and press / repeat / release.
pub fn to_json(key: &KeyEvent, ms: u64) -> String {
    let mods: Vec<&str> = MODS
        .iter()
        .filter(|(m, _)| key.modifiers.contains(*m))
        .map(|(_, n)| *n)
        .collect();
    let kind = match key.kind {
        KeyEventKind::Press => "press",
        KeyEventKind::Repeat => "repeat",
        KeyEventKind::Release => "release",
    };
    let mut line = serde_json::json!({ "ms": ms, "mods": mods, "kind": kind });
    match key.code {
        KeyCode::Char(c) => {
            line["char"] = c.to_string().into();
            line["u"] = u32::from(c).into();
        }
        other => line["key"] = code_name(other).unwrap_or_else(|| format!("{other:?}")).into(),
    }
    line.to_string()
}

/// A key event read back from a trace line, with its time; None for a
/// line that is not one (a key this version cannot replay).
pub fn from_json(line: &str) -> Option<(u64, KeyEvent)> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let code = match v.get("u").and_then(serde_json::Value::as_u64) {
        Some(u) => KeyCode::Char(char::from_u32(u32::try_from(u).ok()?)?),
        None => code_of(v.get("key")?.as_str()?)?,
    };
    let mut mods = KeyModifiers::NONE;
    for m in v.get("mods")?.as_array()? {
        let (flag, _) = MODS.iter().find(|(_, n)| Some(*n) == m.as_str())?;
        mods |= *flag;
    }
    let kind = match v.get("kind")?.as_str()? {
        "press" => KeyEventKind::Press,
        "repeat" => KeyEventKind::Repeat,
        "release" => KeyEventKind::Release,
        _ => return None,
    };
    Some((v.get("ms")?.as_u64()?, KeyEvent::new_with_kind(code, mods, kind)))
}

/// A recorded trace as the loop would have read it: keys closer than
/// [`BURST_GAP`] in one batch.
pub fn batches(trace: &str) -> Vec<Vec<Event>> {
    let mut out: Vec<Vec<Event>> = Vec::new();
    let mut last: Option<u64> = None;
    for (ms, key) in trace.lines().filter_map(from_json) {
        let together = last.is_some_and(|l| ms.saturating_sub(l) < BURST_GAP.as_millis() as u64);
        match out.last_mut() {
            Some(batch) if together => batch.push(Event::Key(key)),
            _ => out.push(vec![Event::Key(key)]),
        }
        last = Some(ms);
    }
    out
}

/// `trolyso debug-keys`: every key event as a JSON line on stdout until
/// Ctrl+C, for a helper to send from a PC whose input method misbehaves.
pub fn debug_keys(out: &mut impl std::io::Write) -> std::io::Result<()> {
    use ratatui::crossterm::{event, terminal};
    terminal::enable_raw_mode()?;
    let start = std::time::Instant::now();
    let result = (|| loop {
        if let Event::Key(key) = event::read()? {
            // Raw mode: the line ends itself.
            write!(out, "{}\r\n", to_json(&key, start.elapsed().as_millis() as u64))?;
            out.flush()?;
            if key.code == KeyCode::Char('c') && key.modifiers == KeyModifiers::CONTROL {
                return Ok(());
            }
        }
    })();
    terminal::disable_raw_mode()?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn chars(s: &str) -> Vec<Event> {
        s.chars().map(|c| key(KeyCode::Char(c))).collect()
    }

    #[test]
    fn an_enter_after_a_pasted_line_is_a_space_and_alone_it_submits() {
        let mut batch = chars("Nguyễn Văn An");
        batch.push(key(KeyCode::Enter));
        let out = guard_paste(batch);
        assert_eq!(out.last(), Some(&key(KeyCode::Char(' '))));
        // A short burst (a fast typist, a busy PC) keeps its Enter.
        let mut batch = chars("An");
        batch.push(key(KeyCode::Enter));
        assert_eq!(guard_paste(batch).last(), Some(&key(KeyCode::Enter)));
        // An input method's rewrite (backspaces, then letters) is no paste.
        let mut batch = chars("Nguyeenx");
        batch.extend([key(KeyCode::Backspace), key(KeyCode::Backspace)]);
        batch.extend(chars("ễn"));
        batch.push(key(KeyCode::Enter));
        assert_eq!(guard_paste(batch).last(), Some(&key(KeyCode::Enter)));
    }

    #[test]
    fn trace_lines_round_trip() {
        for k in [
            KeyEvent::new(KeyCode::Char('ễ'), KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Char('h'), KeyModifiers::CONTROL),
            KeyEvent::new(KeyCode::Char('\u{8}'), KeyModifiers::NONE),
            KeyEvent::new_with_kind(KeyCode::Backspace, KeyModifiers::NONE, KeyEventKind::Release),
            KeyEvent::new(KeyCode::F(10), KeyModifiers::SHIFT | KeyModifiers::ALT),
            KeyEvent::new(KeyCode::Char('"'), KeyModifiers::NONE),
        ] {
            let line = to_json(&k, 42);
            assert_eq!(from_json(&line), Some((42, k)), "{line}");
        }
    }
}
