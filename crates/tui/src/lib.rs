//! trolyso-tui: see ARCHITECTURE.md for what this layer holds and may use.

pub mod app;
pub mod ui;
