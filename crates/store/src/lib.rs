//! trolyso-store: see ARCHITECTURE.md for what this layer holds and may use.

pub mod bundle;
pub mod dev;
pub mod store;
