//! trolyso — trợ lý số: a terminal assistant that walks residents, step by
//! step, through VNeID and online public services.
//!
//! The layers are crates (ARCHITECTURE.md), so the compiler holds the
//! layering; they are named here as one library for the command line,
//! the tests and the benchmarks.

pub use trolyso_core::{assets, domain, i18n, text};
pub use trolyso_report::report;
pub use trolyso_shell::shell;
pub use trolyso_store::{bundle, dev, store};
pub use trolyso_tui::{app, ui};

pub mod cli;
