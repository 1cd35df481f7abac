//! Scoring a visit: what the trainee did, in order, held against the
//! scenario's rubric. Plain data in, plain data out: the same trace always
//! gives the same card.

use std::collections::BTreeMap;

use super::{CheckKind, Moment, Scenario};

/// One thing the trainee did, in the order it happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Asked the resident this question.
    Asked(String),
    /// Started the case with these readiness ticks.
    Started(BTreeMap<String, bool>),
    /// The visit reached this step.
    Step(String),
    /// An answer was saved.
    Saved { field: String, value: String },
    /// Words typed into a note (a pause's "what is missing").
    Note(String),
    /// The visit ended with this status.
    Ended {
        status: String,
        reason: Option<String>,
        code: Option<String>,
    },
}

/// Everything the trainee did in one exercise.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trace {
    pub marks: Vec<Mark>,
}

impl Trace {
    pub fn push(&mut self, mark: Mark) {
        self.marks.push(mark);
    }

    fn first(&self, found: impl Fn(&Mark) -> bool) -> Option<usize> {
        self.marks.iter().position(found)
    }

    fn asked_at(&self, question: &str) -> Option<usize> {
        self.first(|m| matches!(m, Mark::Asked(q) if q == question))
    }

    /// The last step reached, if any.
    pub fn step(&self) -> Option<&str> {
        self.marks.iter().rev().find_map(|m| match m {
            Mark::Step(s) => Some(s.as_str()),
            _ => None,
        })
    }

    /// The case was started (the readiness check done).
    pub fn started(&self) -> bool {
        self.marks.iter().any(|m| matches!(m, Mark::Started(_)))
    }
}

/// The score card: each rubric line met or missed, and the score 0–100.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// Per rubric line, in the scenario's order: met or not.
    pub met: Vec<bool>,
    pub score: u32,
}

impl Card {
    /// The ids of the lines missed, in order.
    pub fn missed<'a>(&self, scenario: &'a Scenario) -> Vec<&'a str> {
        scenario
            .checks
            .iter()
            .zip(&self.met)
            .filter(|(_, met)| !**met)
            .map(|(c, _)| c.id.as_str())
            .collect()
    }
}

/// Digits only, for comparing numbers typed with spaces or dots.
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Whether `typed` holds `secret`: numbers are compared by their digits
/// (an OTP typed as "482 913" is still the OTP); words ignoring case.
fn holds_secret(typed: &str, secret: &str) -> bool {
    if secret.chars().all(|c| c.is_ascii_digit()) {
        digits(typed).contains(secret)
    } else {
        typed.to_lowercase().contains(&secret.to_lowercase())
    }
}

/// A saved answer is the expected one: a number by its digits (the
/// wizard keeps an ID number without its spaces), words as they are.
fn same_answer(saved: &str, want: &str) -> bool {
    let want = want.trim();
    if !want.is_empty() && want.chars().all(|c| c.is_ascii_digit()) {
        digits(saved) == want
    } else {
        saved.trim() == want
    }
}

fn met(scenario: &Scenario, kind: &CheckKind, trace: &Trace) -> bool {
    match kind {
        CheckKind::Ask { question, before } => {
            let Some(asked) = trace.asked_at(question) else {
                return false;
            };
            let deadline = match before {
                None => None,
                Some(Moment::Start) => trace.first(|m| matches!(m, Mark::Started(_))),
                Some(Moment::Step(step)) => trace.first(|m| matches!(m, Mark::Step(s) if s == step)),
            };
            deadline.is_none_or(|d| asked < d)
        }
        CheckKind::NeverAsk(question) => trace.asked_at(question).is_none(),
        CheckKind::NeverType => !trace.marks.iter().any(|m| {
            let typed = match m {
                Mark::Saved { value, .. } => value,
                Mark::Note(note) => note,
                _ => return false,
            };
            scenario.resident.secrets.iter().any(|s| holds_secret(typed, s))
        }),
        CheckKind::Readiness(want) => trace.marks.iter().any(|m| match m {
            Mark::Started(ticks) => want
                .iter()
                .all(|(item, on)| ticks.get(item).copied().unwrap_or(false) == *on),
            _ => false,
        }),
        CheckKind::Answer { field, value } => {
            let last = trace.marks.iter().rev().find_map(|m| match m {
                Mark::Saved { field: f, value } if f == field => Some(value),
                _ => None,
            });
            last.is_some_and(|v| same_answer(v, value))
        }
        CheckKind::Reached(step) => trace.first(|m| matches!(m, Mark::Step(s) if s == step)).is_some(),
        CheckKind::End { status, reason, code } => {
            trace.marks.iter().rev().find_map(|m| match m {
                Mark::Ended {
                    status: s,
                    reason: r,
                    code: c,
                } => Some(s == status && (reason.is_none() || r == reason) && (!code || c.is_some())),
                _ => None,
            }) == Some(true)
        }
    }
}

/// Points got out of the total, as a whole percentage rounded half up
/// (0 when there is nothing to get).
pub fn percent(got: u32, total: u32) -> u32 {
    (got * 100 + total / 2).checked_div(total).unwrap_or(0)
}

/// Scores a visit: the points of the lines met over all points, 0–100.
pub fn score(scenario: &Scenario, trace: &Trace) -> Card {
    let met: Vec<bool> = scenario
        .checks
        .iter()
        .map(|c| met(scenario, &c.kind, trace))
        .collect();
    let total: u32 = scenario.checks.iter().map(|c| c.points).sum();
    let got: u32 = scenario
        .checks
        .iter()
        .zip(&met)
        .filter(|(_, m)| **m)
        .map(|(c, _)| c.points)
        .sum();
    Card {
        met,
        score: percent(got, total),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Date;
    use crate::domain::procedure::Text;
    use crate::domain::training::{Check, Persona, Question};
    use crate::domain::validate::Sex;

    fn text(s: &str) -> Text {
        Text {
            vi: s.into(),
            en: None,
        }
    }

    fn check(id: &str, points: u32, kind: CheckKind) -> Check {
        Check {
            id: id.into(),
            points,
            say: text(id),
            why: text(id),
            kind,
        }
    }

    fn scenario(checks: Vec<Check>) -> Scenario {
        Scenario {
            id: "s".into(),
            title: text("s"),
            brief: text("s"),
            minutes: 10,
            procedure: "p".into(),
            entry: None,
            resident: Persona {
                name: "Trần Thị Lan".into(),
                birth: Date::new(1955, 3, 12).unwrap(),
                sex: Sex::Female,
                id_number: "038155001234".into(),
                phone: "0912345678".into(),
                secrets: vec!["482913".into(), "Lan@1955".into()],
            },
            questions: vec![Question {
                id: "nfc".into(),
                ask: text("?"),
                reply: text("!"),
                hands: vec![],
            }],
            events: vec![],
            checks,
            captions: vec![],
            scripts: vec![],
        }
    }

    #[test]
    fn asking_counts_only_before_its_moment() {
        let s = scenario(vec![check(
            "ask",
            10,
            CheckKind::Ask {
                question: "nfc".into(),
                before: Some(Moment::Step("doc_chip".into())),
            },
        )]);
        let mut early = Trace::default();
        early.push(Mark::Asked("nfc".into()));
        early.push(Mark::Step("doc_chip".into()));
        assert_eq!(score(&s, &early).score, 100);
        let mut late = Trace::default();
        late.push(Mark::Step("doc_chip".into()));
        late.push(Mark::Asked("nfc".into()));
        assert_eq!(score(&s, &late).score, 0);
        assert_eq!(score(&s, &Trace::default()).score, 0);
    }

    #[test]
    fn a_secret_typed_anywhere_is_caught_however_it_is_spaced() {
        let s = scenario(vec![check("never", 1, CheckKind::NeverType)]);
        let mut t = Trace::default();
        t.push(Mark::Note("OTP la 482 913".into()));
        assert!(!score(&s, &t).met[0]);
        let mut t = Trace::default();
        t.push(Mark::Saved {
            field: "ghi_chu".into(),
            value: "mat khau lan@1955".into(),
        });
        assert!(!score(&s, &t).met[0]);
        let mut t = Trace::default();
        t.push(Mark::Note("Chưa nhận được OTP".into()));
        assert!(score(&s, &t).met[0]);
    }

    #[test]
    fn points_are_weighted_and_rounded() {
        let s = scenario(vec![
            check("a", 1, CheckKind::Reached("x".into())),
            check("b", 2, CheckKind::NeverAsk("nfc".into())),
        ]);
        let t = Trace::default();
        let card = score(&s, &t);
        assert_eq!(card.met, vec![false, true]);
        assert_eq!(card.score, 67);
        assert_eq!(card.missed(&s), vec!["a"]);
    }

    #[test]
    fn the_last_ending_and_the_last_answer_count() {
        let s = scenario(vec![
            check(
                "end",
                1,
                CheckKind::End {
                    status: "paused".into(),
                    reason: Some("no_nfc_phone".into()),
                    code: false,
                },
            ),
            check(
                "id",
                1,
                CheckKind::Answer {
                    field: "so".into(),
                    value: "038155001234".into(),
                },
            ),
        ]);
        let mut t = Trace::default();
        t.push(Mark::Saved {
            field: "so".into(),
            value: "038165001234".into(),
        });
        t.push(Mark::Saved {
            field: "so".into(),
            value: "038155001234".into(),
        });
        t.push(Mark::Ended {
            status: "paused".into(),
            reason: Some("no_otp".into()),
            code: None,
        });
        assert_eq!(score(&s, &t).met, vec![false, true]);
    }
}
