//! Reading procedure files. Every problem is reported with its place in the
//! file (`file:line:column`) in the reader's language; a file with problems is
//! skipped and the others still load.

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::condition::Condition;
use super::model::{
    Certainty, Choice, Constraint, DateNote, Document, Field, FieldKind, IdChecks, Level, PortalCode,
    Procedure, Readiness, Step, Text,
};
use crate::assets::SourceFile;
use crate::domain::validate::Sex;
use crate::i18n::{Lang, Message};
use crate::text::nfc;

mod catalogue;
mod checker;
mod raw;
mod readiness;

pub use catalogue::{Catalogue, ENTRY_PREFIX, FoundBy, GENERIC_ID, GENERIC_NAME};
use checker::{Checker, Scope};
use raw::*;

/// One problem in one file, at a line and column (both from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: Message,
}

impl LoadProblem {
    /// The problem `message` at byte `offset` of `file`.
    pub(crate) fn at(file: &SourceFile, offset: usize, message: Message) -> Self {
        let (line, column) = line_column(&file.text, offset);
        LoadProblem {
            file: file.name.clone(),
            line,
            column,
            message,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.column,
            self.message.render(lang)
        )
    }
}

/// Loads every file; a file with any problem is left out, a procedure id
/// already loaded from an earlier file is reported and left out.
pub fn load_all(files: &[SourceFile]) -> Catalogue {
    let mut catalogue = Catalogue::default();
    let mut seen_ids: HashSet<String> = HashSet::new();
    for file in files {
        match load_file(file) {
            Ok((p, id_at)) => {
                if seen_ids.insert(p.id.clone()) {
                    catalogue.procedures.push(p);
                } else {
                    catalogue.problems.push(LoadProblem::at(
                        file,
                        id_at,
                        Message::new("load.duplicate_procedure").arg("id", &p.id),
                    ));
                }
            }
            Err(mut problems) => catalogue.problems.append(&mut problems),
        }
    }
    catalogue
}

/// The TOML reader's complaint in the helper's words: what to fix, never
/// the parser's English. Known shapes name the key; the rest get the
/// general advice (the line and column say where).
pub(crate) fn toml_problem(detail: &str) -> Message {
    let quoted = |after: &str| {
        detail
            .split_once(after)
            .and_then(|(_, rest)| rest.split('`').nth(1))
            .unwrap_or("")
            .to_owned()
    };
    if detail.starts_with("missing field") {
        Message::new("load.toml.missing_field").arg("name", quoted("missing field"))
    } else if detail.starts_with("unknown field") {
        Message::new("load.toml.unknown_field").arg("name", quoted("unknown field"))
    } else if detail.contains("duplicate key") {
        Message::new("load.toml.duplicate_key").arg("name", quoted("duplicate key"))
    } else if detail.starts_with("invalid type") {
        Message::new("load.toml.wrong_type")
    } else {
        tracing::debug!("TOML: {detail}");
        Message::new("load.toml.syntax")
    }
}

/// Line and column (from 1, the column in characters) of a byte offset.
fn line_column(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, src[line_start..offset].chars().count() + 1)
}

/// Loads and checks one file.
pub fn load_one(file: &SourceFile) -> Result<Procedure, Vec<LoadProblem>> {
    load_file(file).map(|(p, _)| p)
}

/// The procedure and where its id stands in the file.
fn load_file(file: &SourceFile) -> Result<(Procedure, usize), Vec<LoadProblem>> {
    let mut ck = Checker {
        file,
        problems: Vec::new(),
    };
    // A file that was not UTF-8 reaches here with U+FFFD where its bytes
    // broke (see `assets`): refused where it breaks, never shown as "Ng��i".
    if let Some(at) = file.text.find(char::REPLACEMENT_CHARACTER) {
        ck.report(at..at, Message::new("load.not_utf8"));
        return Err(ck.problems);
    }
    let raw: RawProcedure = match toml::from_str(&file.text) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            ck.report(span, toml_problem(e.message()));
            return Err(ck.problems);
        }
    };
    let top = 0..0;
    let id = ck.id(&raw.id, top.clone(), "load.what.procedure");
    let title = ck.required_text(&raw.title, top.clone(), "load.what.title");
    let summary = ck.opt_text(&raw.summary, "load.what.summary");
    let level = match raw.level.as_ref().map(|l| (l.get_ref().as_str(), l.span())) {
        Some(("toan_trinh", _)) => Level::Full,
        Some(("mot_phan", _)) => Level::Partial,
        Some(("huong_dan", _)) => Level::Guide,
        Some(("chua_ro", _)) => Level::Unknown,
        Some((other, span)) => {
            ck.report(span, Message::new("load.unknown_level").arg("level", other));
            Level::Unknown
        }
        None => {
            ck.report(top.clone(), Message::new("load.missing_level"));
            Level::Unknown
        }
    };
    let portal = raw.portal.as_ref().and_then(|p| {
        let certainty = match p.certainty.get_ref().as_str() {
            "OK" => Certainty::Confirmed,
            "3P" => Certainty::ThirdParty,
            "?" => Certainty::Unsure,
            other => {
                ck.report(
                    p.certainty.span(),
                    Message::new("load.unknown_certainty").arg("value", other),
                );
                return None;
            }
        };
        Some(PortalCode {
            code: p.code.get_ref().trim().to_owned(),
            certainty,
        })
    });
    let agency = ck.opt_text(&raw.agency, "load.what.agency");
    let fee = ck.opt_text(&raw.fee, "load.what.fee");
    let processing_time = ck.opt_text(&raw.processing_time, "load.what.time");
    let filed_at = ck.opt_text(&raw.filed_at, "load.what.filed_at");
    if raw.sources.iter().all(|s| s.get_ref().trim().is_empty()) {
        ck.report(top.clone(), Message::new("load.no_sources"));
    }
    for s in &raw.sources {
        ck.source(s);
    }
    if raw.steps.is_empty() {
        ck.report(top.clone(), Message::new("load.no_steps"));
    }

    // Every field of the file, for references that may point forward (the
    // birth date an identification number is checked against).
    // A field whose kind is unknown is still there: one mistake, one message.
    let mut all: HashMap<String, (Option<FieldKind>, Vec<String>)> = HashMap::new();
    for step in &raw.steps {
        for f in &step.get_ref().fields {
            let f = f.get_ref();
            if let Some(id) = &f.id {
                let kind = f.kind.as_ref().and_then(|k| FieldKind::from_name(k.get_ref()));
                let choices = f
                    .choices
                    .iter()
                    .map(|c| c.get_ref().value.get_ref().clone())
                    .collect();
                all.entry(id.get_ref().clone()).or_insert((kind, choices));
            }
        }
    }

    let mut earlier: HashMap<String, FieldKind> = HashMap::new();
    let mut step_ids = HashSet::new();
    let mut steps = Vec::new();
    for raw_step in &raw.steps {
        let s = raw_step.get_ref();
        let span = raw_step.span();
        let step_id = ck.id(&s.id, span.clone(), "load.what.step");
        if let Some((sid, sspan)) = &step_id
            && !step_ids.insert(sid.clone())
        {
            ck.report(sspan.clone(), Message::new("load.duplicate_step").arg("id", sid));
        }
        let title = ck.required_text(&s.title, span.clone(), "load.what.step_title");
        let instructions = ck.opt_text(&s.instructions, "load.what.instructions");
        let step_scope = earlier.clone();
        let relevant = s.relevant.as_ref().and_then(|c| {
            ck.condition(
                c,
                &Scope {
                    earlier: &step_scope,
                    all: &all,
                },
            )
        });
        let tips = s.tips.iter().map(|t| ck.text(t, "load.what.tip")).collect();
        let refer = s
            .refer
            .as_ref()
            .and_then(|r| ck.id(&Some(r.clone()), r.span(), "load.what.refer"))
            .map(|(id, _)| id);
        let mut fields = Vec::new();
        for raw_field in &s.fields {
            if let Some(field) = load_field(&mut ck, raw_field, &mut earlier, &all) {
                fields.push(field);
            }
        }
        steps.push(Step {
            id: step_id.map(|(i, _)| i).unwrap_or_default(),
            title,
            instructions,
            relevant,
            fields,
            tips,
            refer,
        });
    }

    let empty = HashMap::new();
    let readiness = items(
        &mut ck,
        &raw.readiness,
        "load.what.readiness",
        &Scope {
            earlier: &empty,
            all: &all,
        },
    )
    .into_iter()
    .map(|(id, text, _)| Readiness {
        id,
        text,
        documents: Vec::new(),
        answer: None,
    })
    .collect::<Vec<_>>();
    // Documents are listed beside the whole wizard, so they may depend on
    // any answer.
    let every: HashMap<String, FieldKind> = all
        .iter()
        .filter_map(|(k, (kind, _))| Some((k.clone(), (*kind)?)))
        .collect();
    // The answers copied to the resident's record, each of the right kind.
    let mut resident = super::model::ResidentFields::default();
    if let Some(r) = &raw.resident {
        let mut pick = |f: &Option<Spanned<String>>, kinds: &[FieldKind]| {
            let f = f.as_ref()?;
            match all.get(f.get_ref()) {
                None => ck.report(
                    f.span(),
                    Message::new("load.condition_unknown_field").arg("field", f.get_ref()),
                ),
                Some((Some(k), _)) if !kinds.contains(k) => ck.report(
                    f.span(),
                    Message::new("load.check_kind")
                        .arg("field", f.get_ref())
                        .arg("kind", kinds[0].name()),
                ),
                Some(_) => return Some(f.get_ref().clone()),
            }
            None
        };
        resident.name = pick(&r.name, &[FieldKind::PersonName]);
        resident.id_number = pick(&r.id_number, &[FieldKind::IdNumber, FieldKind::OldId]);
        resident.birth_date = pick(&r.birth_date, &[FieldKind::Date]);
        resident.sex = pick(&r.sex, &[FieldKind::Choice]);
        resident.phone = pick(&r.phone, &[FieldKind::Phone]);
        resident.commune = pick(&r.commune, &[FieldKind::Commune]);
        resident.address = pick(&r.address, &[FieldKind::Text]);
    }
    let documents = items(
        &mut ck,
        &raw.documents,
        "load.what.document",
        &Scope {
            earlier: &every,
            all: &all,
        },
    )
    .into_iter()
    .map(|(id, text, relevant)| Document { id, text, relevant })
    .collect::<Vec<_>>();
    let readiness = readiness::link(&mut ck, readiness, &raw.readiness, &documents, &all);

    if !ck.problems.is_empty() {
        ck.problems.sort_by_key(|p| (p.line, p.column));
        return Err(ck.problems);
    }
    let (id, id_span) = id.unwrap_or_default();
    let procedure = Procedure {
        id,
        version: raw.version.unwrap_or(1),
        title,
        summary,
        level,
        field_of_work: raw.field_of_work.clone(),
        portal,
        agency,
        fee,
        processing_time,
        filed_at,
        sources: raw
            .sources
            .iter()
            .map(|s| nfc(s.get_ref().trim()))
            .filter(|s| !s.is_empty())
            .collect(),
        readiness,
        documents,
        steps,
        resident,
    };
    Ok((procedure, id_span.start))
}

fn items(
    ck: &mut Checker,
    raw: &[Spanned<RawItem>],
    what: &'static str,
    scope: &Scope,
) -> Vec<(String, Text, Option<Condition>)> {
    let mut ids = HashSet::new();
    let mut out = Vec::new();
    for item in raw {
        let r = item.get_ref();
        let id = ck.id(&r.id, item.span(), what);
        if let Some((id, span)) = &id
            && !ids.insert(id.clone())
        {
            ck.report(span.clone(), Message::new("load.duplicate_item").arg("id", id));
        }
        let text = ck.pair(item.span(), r.vi.as_deref(), r.en.as_deref(), what);
        let relevant = r.relevant.as_ref().and_then(|c| ck.condition(c, scope));
        if let Some((id, _)) = id {
            out.push((id, text, relevant));
        }
    }
    out
}

/// Field ids that would hold a resident's secret: the app never stores one.
fn names_a_secret(id: &str) -> bool {
    ["password", "mat_khau", "matkhau", "otp", "passcode", "ma_pin"]
        .iter()
        .any(|s| id.contains(s))
}

fn load_field(
    ck: &mut Checker,
    raw_field: &Spanned<RawField>,
    earlier: &mut HashMap<String, FieldKind>,
    all: &HashMap<String, (Option<FieldKind>, Vec<String>)>,
) -> Option<Field> {
    let f = raw_field.get_ref();
    let span = raw_field.span();
    let id = ck.id(&f.id, span.clone(), "load.what.field");
    let kind = match &f.kind {
        None => {
            ck.report(span.clone(), Message::new("load.missing_kind"));
            None
        }
        Some(k) => {
            let kind = FieldKind::from_name(k.get_ref());
            if kind.is_none() {
                let known: Vec<&str> = FieldKind::ALL.iter().map(|(n, _)| *n).collect();
                ck.report(
                    k.span(),
                    Message::new("load.unknown_kind")
                        .arg("kind", k.get_ref())
                        .arg("known", known.join(", ")),
                );
            }
            kind
        }
    };
    let label = ck.required_text(&f.label, span.clone(), "load.what.label");
    let hint = ck.opt_text(&f.hint, "load.what.hint");
    let guidance = ck.opt_text(&f.guidance, "load.what.guidance");
    let required_message = ck.opt_text(&f.required_message, "load.what.required_message");
    let scope_now = earlier.clone();
    let scope = Scope {
        earlier: &scope_now,
        all,
    };
    let relevant = f.relevant.as_ref().and_then(|c| ck.condition(c, &scope));
    let required_when = f.required_when.as_ref().and_then(|c| ck.condition(c, &scope));

    let mut choices = Vec::new();
    let mut values = HashSet::new();
    for c in &f.choices {
        let r = c.get_ref();
        let value = r.value.get_ref();
        if value.is_empty() || value.contains(',') || value.trim() != value {
            ck.report(
                r.value.span(),
                Message::new("load.bad_choice").arg("value", value),
            );
        } else if !values.insert(value.clone()) {
            ck.report(
                r.value.span(),
                Message::new("load.duplicate_choice").arg("value", value),
            );
        }
        let label = ck.pair(c.span(), r.vi.as_deref(), r.en.as_deref(), "load.what.choice");
        choices.push(Choice {
            value: value.clone(),
            label,
        });
    }
    if let Some(kind) = kind {
        if kind.has_choices() && choices.is_empty() {
            ck.report(span.clone(), Message::new("load.empty_choices"));
        }
        if !kind.has_choices() && !f.choices.is_empty() {
            ck.report(
                f.choices[0].span(),
                Message::new("load.choices_not_allowed").arg("kind", kind.name()),
            );
        }
        if let Some((id, id_span)) = &id
            && matches!(kind, FieldKind::Text | FieldKind::Note | FieldKind::Number)
            && names_a_secret(id)
        {
            ck.report(id_span.clone(), Message::new("load.secret_field").arg("id", id));
        }
    }

    let mut id_checks = IdChecks::default();
    if let Some(checks) = &f.checks {
        let mut reference = |r: &Option<Spanned<String>>, want: FieldKind| {
            let r = r.as_ref()?;
            match all.get(r.get_ref()) {
                None => ck.report(
                    r.span(),
                    Message::new("load.condition_unknown_field").arg("field", r.get_ref()),
                ),
                Some((None, _)) => {}
                Some((Some(k), _)) if *k != want => ck.report(
                    r.span(),
                    Message::new("load.check_kind")
                        .arg("field", r.get_ref())
                        .arg("kind", want.name()),
                ),
                Some(_) => return Some(r.get_ref().clone()),
            }
            None
        };
        id_checks.birth_date = reference(&checks.birth_date, FieldKind::Date);
        id_checks.sex = reference(&checks.sex, FieldKind::Choice);
        if let Some(fixed) = &checks.sex_is {
            id_checks.sex_is = Sex::from_answer(fixed.get_ref());
            if id_checks.sex_is.is_none() {
                ck.report(
                    fixed.span(),
                    Message::new("load.bad_sex").arg("value", fixed.get_ref()),
                );
            }
        }
    }

    let constraint = match &f.constraint {
        Some(c) => Constraint {
            min: c.min,
            max: c.max,
            min_length: c.min_length,
            max_length: c.max_length,
            min_age: c.min_age,
            message: ck.opt_text(&c.message, "load.what.constraint_message"),
        },
        None => Constraint::default(),
    };

    let mut note = |raw: &Option<Spanned<RawLate>>, what: &'static str| {
        raw.as_ref().map(|l| {
            let r = l.get_ref();
            DateNote {
                days: r.days,
                words: ck.pair(l.span(), r.vi.as_deref(), r.en.as_deref(), what),
            }
        })
    };
    let late = note(&f.late, "load.what.late");
    let recent = note(&f.recent, "load.what.recent");
    // Only a date has an age, a lateness or a note while it is recent.
    if let Some(kind) = kind.filter(|k| *k != FieldKind::Date) {
        if let Some(l) = f.late.as_ref().or(f.recent.as_ref()) {
            ck.report(l.span(), Message::new("load.date_only").arg("kind", kind.name()));
        } else if constraint.min_age.is_some() {
            ck.report(
                span.clone(),
                Message::new("load.date_only").arg("kind", kind.name()),
            );
        }
    }

    let (id, id_span) = id?;
    if earlier.contains_key(&id) {
        ck.report(id_span, Message::new("load.duplicate_field").arg("id", &id));
        return None;
    }
    let kind = kind?;
    earlier.insert(id.clone(), kind);
    Some(Field {
        id,
        kind,
        label,
        hint,
        guidance,
        required: f.required,
        required_when,
        required_message,
        relevant,
        default: f.default.as_deref().map(nfc),
        choices,
        constraint,
        id_checks,
        not_future: f.not_future,
        late,
        recent,
    })
}
#[cfg(test)]
mod tests;
