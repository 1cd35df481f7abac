//! trolyso-report: see ARCHITECTURE.md for what this layer holds and may use.

pub mod report;
