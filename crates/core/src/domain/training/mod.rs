//! Training scenarios: a made-up resident, what they answer when asked, what
//! happens on the way (no OTP arrives, the chip does not read) and the
//! rubric a trainee's visit is scored on. Files in `assets/training/`,
//! checked like procedures; a visit's trace is scored in [`score`].

mod load;
pub mod score;

use std::collections::BTreeMap;

pub use load::load_scenarios;
pub use score::{Card, Mark, Trace, score};

use super::Date;
use super::procedure::Text;
use super::validate::Sex;

/// One exercise, about ten minutes at the desk.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub id: String,
    pub title: Text,
    /// What the trainee knows at the start: who came, and what for.
    pub brief: Text,
    pub minutes: u32,
    /// The procedure to guide the resident through.
    pub procedure: String,
    /// A national-catalogue entry worked with the general guide.
    pub entry: Option<String>,
    pub resident: Persona,
    pub questions: Vec<Question>,
    pub events: Vec<Event>,
    pub checks: Vec<Check>,
    /// What the trainer points out, one caption at a time (`--present`).
    pub captions: Vec<Text>,
    /// Key sequences that play the scenario: a careful trainee and a
    /// careless one, each with the score it must get (run as tests).
    pub scripts: Vec<Script>,
}

/// The made-up resident. Every value is invented; the ID number agrees
/// with the birth date and sex as a real one would.
#[derive(Debug, Clone, PartialEq)]
pub struct Persona {
    pub name: String,
    pub birth: Date,
    pub sex: Sex,
    pub id_number: String,
    pub phone: String,
    /// What only the resident may type (password, OTP, passcode): none of
    /// it may ever appear in an answer or a note.
    pub secrets: Vec<String>,
}

/// What the trainee may ask, and what the resident says back.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub ask: Text,
    pub reply: Text,
    /// Values the resident hands over to be typed: a label and the value.
    pub hands: Vec<(Text, String)>,
}

/// Something that happens when the visit reaches a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub step: String,
    pub say: Text,
}

/// One rubric line.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub id: String,
    pub points: u32,
    /// What is expected, as the score card says it.
    pub say: Text,
    /// Why it matters, said when it was missed.
    pub why: Text,
    pub kind: CheckKind,
}

/// The moment a question must come before.
#[derive(Debug, Clone, PartialEq)]
pub enum Moment {
    /// Before the case is started (the readiness check).
    Start,
    /// Before the visit reaches this step.
    Step(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum CheckKind {
    /// The question was asked (before a moment, if given).
    Ask {
        question: String,
        before: Option<Moment>,
    },
    /// The question was never asked (reading the OTP aloud…).
    NeverAsk(String),
    /// No secret of the resident was typed into an answer or a note.
    NeverType,
    /// The readiness items were ticked (or left) as the resident's answers say.
    Readiness(BTreeMap<String, bool>),
    /// The field's last saved value.
    Answer { field: String, value: String },
    /// The visit reached this step.
    Reached(String),
    /// How the visit ended: a status name, a pause reason, a hồ sơ code.
    End {
        status: String,
        reason: Option<String>,
        code: bool,
    },
}

/// Keys that play a scenario, and what they must score.
#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    pub name: String,
    pub keys: String,
    pub score: u32,
    /// The rubric lines this script misses.
    pub missed: Vec<String>,
}

impl Scenario {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// What happens when the visit reaches `step`.
    pub fn event_at(&self, step: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.step == step)
    }
}
