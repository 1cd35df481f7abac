use std::collections::BTreeMap;

/// Answers of a case, by field id. Multi-choice answers hold their values
/// separated by commas (choice values never contain one).
pub type Answers = BTreeMap<String, String>;

/// When a step or field is shown, or when a field is required: declarative,
/// so a province can write one in a TOML file and the loader can check the
/// fields it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// The answer is this value (for multi-choice: includes it).
    Equals {
        field: String,
        value: String,
    },
    /// The answer is one of these values (for multi-choice: includes one).
    OneOf {
        field: String,
        values: Vec<String>,
    },
    /// The field has (or, with `false`, has not) been answered.
    Answered {
        field: String,
        answered: bool,
    },
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

fn values(answer: &str) -> impl Iterator<Item = &str> {
    answer.split(',').map(str::trim).filter(|v| !v.is_empty())
}

impl Condition {
    pub fn eval(&self, answers: &Answers) -> bool {
        let answer = |field: &str| {
            answers
                .get(field)
                .map(String::as_str)
                .filter(|a| !a.trim().is_empty())
        };
        match self {
            Condition::Equals { field, value } => {
                answer(field).is_some_and(|a| values(a).any(|v| v == value))
            }
            Condition::OneOf {
                field,
                values: wanted,
            } => answer(field).is_some_and(|a| values(a).any(|v| wanted.iter().any(|w| w == v))),
            Condition::Answered { field, answered } => answer(field).is_some() == *answered,
            Condition::All(cs) => cs.iter().all(|c| c.eval(answers)),
            Condition::Any(cs) => cs.iter().any(|c| c.eval(answers)),
            Condition::Not(c) => !c.eval(answers),
        }
    }

    /// Whether answers still to be given could make it hold: true when it
    /// holds, false once the answers given rule it out. `open` says which
    /// fields may still be answered (those not yet reached); an empty one
    /// already passed counts as answered "no". (A step that may still be
    /// shown is counted in "step n of total".)
    pub fn could_hold(&self, answers: &Answers, open: &dyn Fn(&str) -> bool) -> bool {
        self.may(answers, open, true)
    }

    /// `want` true: could it come out true; false: could it come out false.
    fn may(&self, answers: &Answers, open: &dyn Fn(&str) -> bool, want: bool) -> bool {
        let leaf = |field: &str| {
            let unanswered = answers.get(field).is_none_or(|a| a.trim().is_empty());
            (unanswered && open(field)) || self.eval(answers) == want
        };
        match self {
            Condition::Equals { field, .. }
            | Condition::OneOf { field, .. }
            | Condition::Answered { field, .. } => leaf(field),
            // Children are taken one by one: a shared field is not tracked,
            // so this may say "could" where it cannot — never the reverse.
            Condition::All(cs) if want => cs.iter().all(|c| c.may(answers, open, true)),
            Condition::All(cs) => cs.iter().any(|c| c.may(answers, open, false)),
            Condition::Any(cs) if want => cs.iter().any(|c| c.may(answers, open, true)),
            Condition::Any(cs) => cs.iter().all(|c| c.may(answers, open, false)),
            Condition::Not(c) => c.may(answers, open, !want),
        }
    }

    /// Every field the condition reads.
    pub fn fields(&self) -> Vec<&str> {
        match self {
            Condition::Equals { field, .. }
            | Condition::OneOf { field, .. }
            | Condition::Answered { field, .. } => {
                vec![field.as_str()]
            }
            Condition::All(cs) | Condition::Any(cs) => cs.iter().flat_map(Condition::fields).collect(),
            Condition::Not(c) => c.fields(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 30, item 14: a step counts while it could still be shown.
    #[test]
    fn could_hold_until_the_answers_rule_it_out() {
        let c = Condition::All(vec![
            Condition::Equals {
                field: "a".into(),
                value: "yes".into(),
            },
            Condition::Not(Box::new(Condition::Equals {
                field: "b".into(),
                value: "yes".into(),
            })),
        ]);
        let open = |_: &str| true;
        let with = |pairs: &[(&str, &str)]| -> Answers {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert!(c.could_hold(&with(&[]), &open));
        assert!(c.could_hold(&with(&[("a", "yes")]), &open));
        assert!(!c.could_hold(&with(&[("a", "no")]), &open));
        assert!(!c.could_hold(&with(&[("a", "yes"), ("b", "yes")]), &open));
        // A question passed and left empty no longer keeps it open.
        assert!(!c.could_hold(&with(&[]), &|f| f != "a"));
        assert!(c.could_hold(&with(&[("a", "yes")]), &|f| f != "b"));
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn eq(field: &str, value: &str) -> Condition {
        Condition::Equals {
            field: field.into(),
            value: value.into(),
        }
    }

    #[test]
    fn evaluates_each_form() {
        let a = answers(&[("nfc", "no"), ("docs", "cccd,giay_chung_sinh"), ("blank", "  ")]);
        assert!(eq("nfc", "no").eval(&a));
        assert!(!eq("nfc", "yes").eval(&a));
        assert!(!eq("missing", "yes").eval(&a));
        assert!(eq("docs", "cccd").eval(&a));
        assert!(
            Condition::OneOf {
                field: "nfc".into(),
                values: vec!["yes".into(), "no".into()]
            }
            .eval(&a)
        );
        assert!(
            !Condition::OneOf {
                field: "docs".into(),
                values: vec!["x".into()]
            }
            .eval(&a)
        );
        assert!(
            Condition::Answered {
                field: "nfc".into(),
                answered: true
            }
            .eval(&a)
        );
        assert!(
            Condition::Answered {
                field: "blank".into(),
                answered: false
            }
            .eval(&a)
        );
        assert!(Condition::All(vec![eq("nfc", "no"), eq("docs", "cccd")]).eval(&a));
        assert!(!Condition::All(vec![eq("nfc", "no"), eq("docs", "x")]).eval(&a));
        assert!(Condition::Any(vec![eq("nfc", "yes"), eq("docs", "cccd")]).eval(&a));
        assert!(Condition::Not(Box::new(eq("nfc", "yes"))).eval(&a));
        assert!(Condition::All(vec![]).eval(&a));
        assert!(!Condition::Any(vec![]).eval(&a));
    }

    #[test]
    fn lists_the_fields_it_reads() {
        let c = Condition::All(vec![eq("a", "1"), Condition::Not(Box::new(eq("b", "2")))]);
        assert_eq!(c.fields(), ["a", "b"]);
    }
}
