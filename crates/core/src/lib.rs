//! trolyso-core: see ARCHITECTURE.md for what this layer holds and may use.

pub mod assets;
pub mod domain;
pub mod i18n;
pub mod text;
