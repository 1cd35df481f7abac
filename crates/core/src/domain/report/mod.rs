//! Facts about the work that reports count.

mod stage;

pub use stage::{ACCOUNT_GUIDES, Stage, account_stage};
