//! Reading a passphrase at a terminal without showing it.

use std::io::{IsTerminal, Write};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;
use zeroize::Zeroizing;

/// Asks for a secret on the terminal, echoing nothing. `None` when there is
/// no terminal (scripts use `TROLYSO_PASSPHRASE`) or the person pressed Esc.
pub fn prompt(label: &str) -> Option<Zeroizing<String>> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    eprint!("{label}: ");
    std::io::stderr().flush().ok();
    terminal::enable_raw_mode().ok()?;
    let mut out = Zeroizing::new(String::new());
    let result = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Some(()),
                KeyCode::Esc => break None,
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => break None,
                KeyCode::Backspace => {
                    out.pop();
                }
                KeyCode::Char(c) => out.push(c),
                _ => {}
            },
            Ok(Event::Paste(s)) => out.push_str(&s),
            Ok(_) => {}
            Err(_) => break None,
        }
    };
    let _ = terminal::disable_raw_mode();
    eprintln!();
    result.map(|()| Zeroizing::new(crate::text::nfc(&out)))
}
