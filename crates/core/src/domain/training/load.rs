//! Reading scenario files: every problem at its `file:line:column`, in the
//! reader's language, like procedure files. A scenario is held against the
//! procedures it names (steps, fields, readiness items) and its made-up
//! resident against the same checks a real one's papers get.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{Check, CheckKind, Event, Moment, Persona, Question, Scenario, Script};
use crate::assets::SourceFile;
use crate::domain::procedure::load::toml_problem;
use crate::domain::procedure::{Catalogue, LoadProblem, Procedure, Text};
use crate::domain::validate::{self, IdFacts, Sex};
use crate::domain::{Date, provinces::OldProvinces};
use crate::i18n::Message;
use crate::text::nfc;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    vi: String,
    en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    id: Spanned<String>,
    title: RawText,
    brief: RawText,
    minutes: Spanned<u32>,
    procedure: Spanned<String>,
    entry: Option<Spanned<String>>,
    resident: Spanned<RawPersona>,
    #[serde(default)]
    question: Vec<Spanned<RawQuestion>>,
    #[serde(default)]
    event: Vec<Spanned<RawEvent>>,
    #[serde(default)]
    check: Vec<Spanned<RawCheck>>,
    #[serde(default)]
    caption: Vec<RawText>,
    #[serde(default)]
    script: Vec<Spanned<RawScript>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPersona {
    name: String,
    birth: Spanned<String>,
    sex: Spanned<String>,
    id_number: Spanned<String>,
    phone: Spanned<String>,
    #[serde(default)]
    secrets: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawHand {
    /// One of the resident's own values: name, birth, id_number, phone.
    Own(String),
    /// A paper with its own value (a handwritten note, an old card).
    Paper {
        vi: String,
        en: Option<String>,
        value: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    ask: RawText,
    reply: RawText,
    #[serde(default)]
    hands: Vec<RawHand>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    step: Spanned<String>,
    say: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnd {
    status: Spanned<String>,
    reason: Option<Spanned<String>>,
    #[serde(default)]
    code: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    field: Spanned<String>,
    value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    id: Spanned<String>,
    points: u32,
    say: RawText,
    why: RawText,
    ask: Option<Spanned<String>>,
    /// `start`, or a step id.
    before: Option<Spanned<String>>,
    never_ask: Option<Spanned<String>>,
    #[serde(default)]
    never_type: bool,
    readiness: Option<Spanned<BTreeMap<String, bool>>>,
    answer: Option<RawAnswer>,
    reached: Option<Spanned<String>>,
    end: Option<RawEnd>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScript {
    name: String,
    keys: String,
    score: Spanned<u32>,
    #[serde(default)]
    missed: Vec<Spanned<String>>,
}

fn text(raw: RawText) -> Text {
    Text {
        vi: nfc(raw.vi.trim()),
        en: raw.en.map(|e| e.trim().to_owned()),
    }
}

struct Reader<'a> {
    file: &'a SourceFile,
    problems: Vec<LoadProblem>,
}

impl Reader<'_> {
    fn report(&mut self, span: Range<usize>, message: Message) {
        self.problems
            .push(LoadProblem::at(self.file, span.start, message));
    }
}

/// Whether a status name (and a pause reason's name) can end a visit; the
/// store knows the names, the caller passes its judgement in.
pub type KnownEnd<'a> = &'a dyn Fn(&str, Option<&str>) -> bool;

/// Loads every scenario file; a file with a problem is left out and its
/// problems listed.
pub fn load_scenarios(
    files: &[SourceFile],
    catalogue: &Catalogue,
    known_end: KnownEnd,
    today: Date,
) -> (Vec<Scenario>, Vec<LoadProblem>) {
    let mut scenarios: Vec<Scenario> = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        let mut r = Reader {
            file,
            problems: Vec::new(),
        };
        let raw: RawScenario = match toml::from_str(&file.text) {
            Ok(raw) => raw,
            Err(e) => {
                r.report(e.span().unwrap_or(0..0), toml_problem(e.message()));
                problems.append(&mut r.problems);
                continue;
            }
        };
        let id_at = raw.id.span();
        let scenario = read(&mut r, raw, catalogue, known_end, today);
        if scenarios.iter().any(|s| s.id == scenario.id) {
            r.report(
                id_at,
                Message::new("train.load.duplicate").arg("id", &scenario.id),
            );
        }
        if r.problems.is_empty() {
            scenarios.push(scenario);
        }
        problems.append(&mut r.problems);
    }
    (scenarios, problems)
}

fn read(
    r: &mut Reader,
    raw: RawScenario,
    catalogue: &Catalogue,
    known_end: KnownEnd,
    today: Date,
) -> Scenario {
    let procedure = catalogue.get(raw.procedure.get_ref());
    if procedure.is_none() {
        r.report(
            raw.procedure.span(),
            Message::new("train.load.no_procedure").arg("id", raw.procedure.get_ref()),
        );
    }
    if let Some(entry) = &raw.entry
        && catalogue.entry(entry.get_ref()).is_none()
    {
        r.report(
            entry.span(),
            Message::new("train.load.no_entry").arg("code", entry.get_ref()),
        );
    }
    if *raw.minutes.get_ref() == 0 || *raw.minutes.get_ref() > 15 {
        r.report(raw.minutes.span(), Message::new("train.load.minutes"));
    }
    let resident = persona(r, raw.resident, today);
    let has_step = |id: &str| procedure.is_none_or(|p| p.steps.iter().any(|s| s.id == id));
    let step_ref = |r: &mut Reader, s: &Spanned<String>| {
        if !has_step(s.get_ref()) {
            r.report(
                s.span(),
                Message::new("train.load.no_step").arg("id", s.get_ref()),
            );
        }
        s.get_ref().clone()
    };
    let mut ids: Vec<String> = Vec::new();
    let mut unique = |r: &mut Reader, id: &Spanned<String>| {
        if ids.contains(id.get_ref()) {
            r.report(
                id.span(),
                Message::new("train.load.duplicate_id").arg("id", id.get_ref()),
            );
        }
        ids.push(id.get_ref().clone());
    };
    let questions: Vec<Question> = raw
        .question
        .into_iter()
        .map(|q| {
            let at = q.span();
            let q = q.into_inner();
            unique(r, &q.id);
            let hands = q
                .hands
                .into_iter()
                .filter_map(|h| hand(r, h, &resident, at.clone()))
                .collect();
            Question {
                id: q.id.into_inner(),
                ask: text(q.ask),
                reply: text(q.reply),
                hands,
            }
        })
        .collect();
    let events = raw
        .event
        .into_iter()
        .map(|e| {
            let e = e.into_inner();
            Event {
                step: step_ref(r, &e.step),
                say: text(e.say),
            }
        })
        .collect();
    let question_ref = |r: &mut Reader, q: &Spanned<String>| {
        if !questions.iter().any(|x| &x.id == q.get_ref()) {
            r.report(
                q.span(),
                Message::new("train.load.no_question").arg("id", q.get_ref()),
            );
        }
        q.get_ref().clone()
    };
    let mut checks = Vec::new();
    for c in raw.check {
        let span = c.span();
        let c = c.into_inner();
        unique(r, &c.id);
        let kinds = [
            c.ask.is_some(),
            c.never_ask.is_some(),
            c.never_type,
            c.readiness.is_some(),
            c.answer.is_some(),
            c.reached.is_some(),
            c.end.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() != 1 {
            r.report(
                span.clone(),
                Message::new("train.load.one_kind").arg("id", c.id.get_ref()),
            );
            continue;
        }
        let kind = if let Some(q) = &c.ask {
            let before = c.before.as_ref().map(|b| match b.get_ref().as_str() {
                "start" => Moment::Start,
                _ => Moment::Step(step_ref(r, b)),
            });
            CheckKind::Ask {
                question: question_ref(r, q),
                before,
            }
        } else if let Some(q) = &c.never_ask {
            CheckKind::NeverAsk(question_ref(r, q))
        } else if c.never_type {
            if resident.secrets.is_empty() {
                r.report(span.clone(), Message::new("train.load.no_secrets"));
            }
            CheckKind::NeverType
        } else if let Some(ticks) = c.readiness {
            if let Some(p) = procedure {
                for item in ticks.get_ref().keys() {
                    if !p.readiness.iter().any(|x| &x.id == item) {
                        r.report(
                            ticks.span(),
                            Message::new("train.load.no_readiness").arg("id", item),
                        );
                    }
                }
            }
            CheckKind::Readiness(ticks.into_inner())
        } else if let Some(a) = c.answer {
            if procedure.is_some_and(|p: &Procedure| p.field(a.field.get_ref()).is_none()) {
                r.report(
                    a.field.span(),
                    Message::new("train.load.no_field").arg("id", a.field.get_ref()),
                );
            }
            CheckKind::Answer {
                field: a.field.into_inner(),
                value: nfc(a.value.trim()),
            }
        } else if let Some(s) = &c.reached {
            CheckKind::Reached(step_ref(r, s))
        } else {
            let end = c.end.expect("one kind is set");
            let reason = end.reason.as_ref().map(|x| x.get_ref().as_str());
            if !known_end(end.status.get_ref(), reason) {
                r.report(end.status.span(), Message::new("train.load.end"));
            }
            CheckKind::End {
                status: end.status.into_inner(),
                reason: end.reason.map(Spanned::into_inner),
                code: end.code,
            }
        };
        if c.points == 0 {
            r.report(span, Message::new("train.load.points"));
        }
        checks.push(Check {
            id: c.id.into_inner(),
            points: c.points,
            say: text(c.say),
            why: text(c.why),
            kind,
        });
    }
    let total: u32 = checks.iter().map(|c| c.points).sum();
    let mut scripts = Vec::new();
    for s in raw.script {
        let s = s.into_inner();
        for m in &s.missed {
            if !checks.iter().any(|c| &c.id == m.get_ref()) {
                r.report(
                    m.span(),
                    Message::new("train.load.no_check").arg("id", m.get_ref()),
                );
            }
        }
        // The score a script claims is what its missed lines leave: a
        // typo in either is caught here, not in a failing test.
        let lost: u32 = checks
            .iter()
            .filter(|c| s.missed.iter().any(|m| m.get_ref() == &c.id))
            .map(|c| c.points)
            .sum();
        let expected = super::score::percent(total - lost, total);
        if *s.score.get_ref() != expected {
            r.report(
                s.score.span(),
                Message::new("train.load.script_score").arg("expected", expected),
            );
        }
        scripts.push(Script {
            name: s.name,
            keys: s.keys,
            score: s.score.into_inner(),
            missed: s.missed.into_iter().map(Spanned::into_inner).collect(),
        });
    }
    Scenario {
        id: raw.id.into_inner(),
        title: text(raw.title),
        brief: text(raw.brief),
        minutes: raw.minutes.into_inner(),
        procedure: raw.procedure.into_inner(),
        entry: raw.entry.map(Spanned::into_inner),
        resident,
        questions,
        events,
        checks,
        captions: raw.caption.into_iter().map(text).collect(),
        scripts,
    }
}

/// The made-up resident, held to what a real one's papers must be: a
/// birth date in the past, an ID number that agrees with it and the sex.
fn persona(r: &mut Reader, raw: Spanned<RawPersona>, today: Date) -> Persona {
    let raw = raw.into_inner();
    let birth = match validate::parse_date(raw.birth.get_ref()) {
        Ok(d) => d,
        Err(m) => {
            r.report(raw.birth.span(), m);
            today
        }
    };
    let sex = match Sex::from_answer(raw.sex.get_ref()) {
        Some(s) => s,
        None => {
            r.report(raw.sex.span(), Message::new("train.load.sex"));
            Sex::Female
        }
    };
    let facts = IdFacts {
        birth_date: Some(birth),
        sex: Some(sex),
        today,
    };
    if let Err(m) = validate::id_number(raw.id_number.get_ref(), &facts, OldProvinces::embedded()) {
        r.report(raw.id_number.span(), m);
    }
    if let Err(m) = validate::phone(raw.phone.get_ref()) {
        r.report(raw.phone.span(), m);
    }
    Persona {
        name: nfc(raw.name.trim()),
        birth,
        sex,
        id_number: raw.id_number.into_inner(),
        phone: raw.phone.into_inner(),
        secrets: raw.secrets,
    }
}

/// A value the resident hands over: one of their own, or a paper's.
fn hand(r: &mut Reader, raw: RawHand, who: &Persona, at: Range<usize>) -> Option<(Text, String)> {
    let label = |key: &'static str| Text {
        vi: Message::new(key).render(crate::i18n::Lang::Vi),
        en: Some(Message::new(key).render(crate::i18n::Lang::En)),
    };
    match raw {
        RawHand::Own(what) => {
            let (key, value) = match what.as_str() {
                "name" => ("train.hand.name", who.name.clone()),
                "birth" => ("train.hand.birth", who.birth.to_string()),
                "id_number" => ("train.hand.id_number", who.id_number.clone()),
                "phone" => ("train.hand.phone", who.phone.clone()),
                other => {
                    r.report(at, Message::new("train.load.hand").arg("name", other));
                    return None;
                }
            };
            Some((label(key), value))
        }
        RawHand::Paper { vi, en, value } => Some((text(RawText { vi, en }), value)),
    }
}
