//! trolyso-shell: the loop that runs the screens' effects against the
//! store, files and clipboard. See ARCHITECTURE.md for what it may use.

pub mod shell;
