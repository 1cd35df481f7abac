//! What the app knows about residents, procedures and identifiers, with no
//! terminal and no disk in sight.

pub mod catalogue;
pub mod date;
pub mod privacy;
pub mod procedure;
pub mod provinces;
pub mod report;
pub mod training;
pub mod units;
pub mod validate;

pub use date::Date;
