//! Procedures as data: one TOML file each, checked on load, compiled into the
//! plain structures the wizard walks. The format is written down in
//! `assets/procedures/README.md`.

mod answer;
mod condition;
pub(crate) mod load;
mod model;
mod roles;

pub use answer::{check_answer, problems, shown_answer};
pub use condition::{Answers, Condition};
pub use load::{Catalogue, ENTRY_PREFIX, FoundBy, GENERIC_ID, GENERIC_NAME, LoadProblem, load_all, load_one};
pub use model::{
    Certainty, Choice, Constraint, DateNote, Document, Field, FieldKind, IdChecks, Level, Procedure,
    Readiness, ResidentFields, Step, Text, YES_NO,
};
pub use roles::{AnswerRole, FieldRoles, FoundFields};
