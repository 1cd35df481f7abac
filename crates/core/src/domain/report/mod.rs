//! Facts about the work that reports count, and the report's figures as
//! plain data (counted by the report crate, read by every format and the
//! screen).

mod figures;
mod labels;
mod period;
mod reason;
mod stage;

pub use figures::{Metric, Report, Row};
pub use labels::{KEY_NUMBERS, Labels};
pub use period::Period;
pub use reason::Reason;
pub use stage::{ACCOUNT_GUIDES, Stage, account_stage};
