//! The arguments, read by clap; what is wrong with them said in the
//! interface language (clap's own words are English, and some of them,
//! "number too large to fit in target type", mean nothing to a helper).

use clap::Parser;
use clap::error::{ContextKind, ErrorKind};

use super::Cli;
use crate::i18n::{Lang, Message};

/// The arguments of this run; or what is wrong with them, in words, with
/// the exit code (help and the version are printed by clap, exit 0).
pub fn read() -> Result<Cli, i32> {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    Cli::try_parse_from(&raw).map_err(|e| {
        if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
            let _ = e.print();
            return 0;
        }
        let lang = asked_lang(&raw);
        let _ = {
            use std::io::Write;
            writeln!(std::io::stderr(), "{}", wrong(&e).render(lang))
        };
        2
    })
}

/// `--lang` as typed, even though the rest could not be read.
fn asked_lang(raw: &[std::ffi::OsString]) -> Lang {
    let raw: Vec<String> = raw.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    raw.iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang=") {
            Some(code) => Lang::from_code(code),
            None if a == "--lang" => raw.get(i + 1).and_then(|c| Lang::from_code(c)),
            None => None,
        })
        .unwrap_or_default()
}

/// What is wrong, naming the argument and the value.
pub fn wrong(e: &clap::Error) -> Message {
    let said = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation
            if said(ContextKind::InvalidValue).is_empty() =>
        {
            Message::new("cli.arg.no_value").arg("arg", said(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => Message::new("cli.arg.bad_value")
            .arg("value", said(ContextKind::InvalidValue))
            .arg("arg", said(ContextKind::InvalidArg)),
        ErrorKind::UnknownArgument => {
            Message::new("cli.arg.unknown").arg("arg", said(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            Message::new("cli.arg.unknown_command").arg("arg", said(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
            Message::new("cli.arg.missing").arg("arg", said(ContextKind::InvalidArg))
        }
        _ => Message::new("cli.arg.other"),
    }
}
