//! Reading procedure files. Every problem is reported with its place in the
//! file (`file:line:column`) in the reader's language; a file with problems is
//! skipped and the others still load.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::condition::Condition;
use super::model::{
    Certainty, Choice, Constraint, Document, Field, FieldKind, IdChecks, Level, PortalCode, Procedure,
    Readiness, Step, Text,
};
use crate::assets::SourceFile;
use crate::domain::validate::Sex;
use crate::i18n::{Lang, Message};
use crate::text::nfc;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawText {
    vi: Option<String>,
    en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProcedure {
    id: Option<Spanned<String>>,
    version: Option<u32>,
    title: Option<Spanned<RawText>>,
    summary: Option<Spanned<RawText>>,
    level: Option<Spanned<String>>,
    field_of_work: Option<String>,
    portal: Option<RawPortal>,
    agency: Option<Spanned<RawText>>,
    fee: Option<Spanned<RawText>>,
    processing_time: Option<Spanned<RawText>>,
    filed_at: Option<Spanned<RawText>>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    readiness: Vec<Spanned<RawItem>>,
    #[serde(default)]
    documents: Vec<Spanned<RawItem>>,
    #[serde(default)]
    steps: Vec<Spanned<RawStep>>,
    resident: Option<RawResident>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResident {
    name: Option<Spanned<String>>,
    id_number: Option<Spanned<String>>,
    birth_date: Option<Spanned<String>>,
    sex: Option<Spanned<String>>,
    phone: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPortal {
    code: Spanned<String>,
    certainty: Spanned<String>,
}

/// A readiness item or a document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Option<Spanned<String>>,
    vi: Option<String>,
    en: Option<String>,
    relevant: Option<Spanned<RawCondition>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Option<Spanned<String>>,
    title: Option<Spanned<RawText>>,
    instructions: Option<Spanned<RawText>>,
    relevant: Option<Spanned<RawCondition>>,
    #[serde(default)]
    fields: Vec<Spanned<RawField>>,
    #[serde(default)]
    tips: Vec<Spanned<RawText>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    id: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    label: Option<Spanned<RawText>>,
    hint: Option<Spanned<RawText>>,
    guidance: Option<Spanned<RawText>>,
    #[serde(default)]
    required: bool,
    required_when: Option<Spanned<RawCondition>>,
    required_message: Option<Spanned<RawText>>,
    relevant: Option<Spanned<RawCondition>>,
    default: Option<String>,
    #[serde(default)]
    choices: Vec<Spanned<RawChoice>>,
    constraint: Option<RawConstraint>,
    checks: Option<RawIdChecks>,
    #[serde(default)]
    not_future: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    value: Spanned<String>,
    vi: Option<String>,
    en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConstraint {
    min: Option<i64>,
    max: Option<i64>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    message: Option<Spanned<RawText>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIdChecks {
    birth_date: Option<Spanned<String>>,
    sex: Option<Spanned<String>>,
    sex_is: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    field: Option<Spanned<String>>,
    equals: Option<String>,
    #[serde(rename = "in")]
    one_of: Option<Vec<String>>,
    answered: Option<bool>,
    all: Option<Vec<Spanned<RawCondition>>>,
    any: Option<Vec<Spanned<RawCondition>>>,
    not: Option<Box<Spanned<RawCondition>>>,
}

/// One problem in one file, at a line and column (both from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: Message,
}

impl LoadProblem {
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

/// The procedures that loaded, and what was wrong with the files that did not.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub procedures: Vec<Procedure>,
    pub problems: Vec<LoadProblem>,
    /// Entries of the national list with no guided file of their own.
    pub entries: Vec<crate::domain::catalogue::Entry>,
}

/// The guided file every catalogue entry without one of its own is worked with.
pub const GENERIC_ID: &str = "thu-tuc-chung";
/// A case of a catalogue entry has the procedure id `danh-muc:<code>`.
pub const ENTRY_PREFIX: &str = "danh-muc:";

impl Catalogue {
    /// The procedure a case is worked with: its guided file, or the general
    /// guide for a catalogue entry.
    pub fn get(&self, id: &str) -> Option<&Procedure> {
        let id = if id.starts_with(ENTRY_PREFIX) {
            GENERIC_ID
        } else {
            id
        };
        self.procedures.iter().find(|p| p.id == id)
    }

    /// The catalogue entry of a case id `danh-muc:<code>`.
    pub fn entry(&self, id: &str) -> Option<&crate::domain::catalogue::Entry> {
        let code = id.strip_prefix(ENTRY_PREFIX)?;
        self.entries.iter().find(|e| e.code == code)
    }

    /// What a case's procedure is called: the guided file's title, the
    /// entry's title, or the code.
    pub fn title(&self, id: &str, lang: crate::i18n::Lang) -> String {
        if let Some(e) = self.entry(id) {
            return e.title.clone();
        }
        match self.get(id) {
            Some(p) if !id.starts_with(ENTRY_PREFIX) => p.title.get(lang).to_owned(),
            _ => id.trim_start_matches(ENTRY_PREFIX).to_owned(),
        }
    }

    /// Takes the national list, leaving out the entries a guided file
    /// already covers (by portal code).
    pub fn set_entries(&mut self, entries: Vec<crate::domain::catalogue::Entry>) {
        let covered: HashSet<&str> = self
            .procedures
            .iter()
            .filter_map(|p| p.portal.as_ref())
            .flat_map(|c| c.code.split(" / "))
            .collect();
        let kept = entries
            .into_iter()
            .filter(|e| !covered.contains(e.code.as_str()))
            .collect();
        self.entries = kept;
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
                    let (line, column) = line_column(&file.text, id_at);
                    catalogue.problems.push(LoadProblem {
                        file: file.name.clone(),
                        line,
                        column,
                        message: Message::new("load.duplicate_procedure").arg("id", &p.id),
                    });
                }
            }
            Err(mut problems) => catalogue.problems.append(&mut problems),
        }
    }
    catalogue
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

struct Checker<'a> {
    file: &'a SourceFile,
    problems: Vec<LoadProblem>,
}

impl Checker<'_> {
    fn report(&mut self, span: Range<usize>, message: Message) {
        let (line, column) = line_column(&self.file.text, span.start);
        self.problems.push(LoadProblem {
            file: self.file.name.clone(),
            line,
            column,
            message,
        });
    }

    /// Words in both languages; Vietnamese must be there.
    fn text(&mut self, raw: &Spanned<RawText>, what: &'static str) -> Text {
        self.pair(
            raw.span(),
            raw.get_ref().vi.as_deref(),
            raw.get_ref().en.as_deref(),
            what,
        )
    }

    fn pair(&mut self, span: Range<usize>, vi: Option<&str>, en: Option<&str>, what: &'static str) -> Text {
        let vi = vi.map(nfc).filter(|s| !s.trim().is_empty());
        if vi.is_none() {
            self.report(span, Message::new("load.missing_vi").word("what", what));
        }
        Text {
            vi: vi.unwrap_or_default(),
            en: en.map(nfc).filter(|s| !s.trim().is_empty()),
        }
    }

    fn opt_text(&mut self, raw: &Option<Spanned<RawText>>, what: &'static str) -> Option<Text> {
        raw.as_ref().map(|r| self.text(r, what))
    }

    fn required_text(
        &mut self,
        raw: &Option<Spanned<RawText>>,
        at: Range<usize>,
        what: &'static str,
    ) -> Text {
        match raw {
            Some(r) => self.text(r, what),
            None => {
                self.report(at, Message::new("load.missing_vi").word("what", what));
                Text::default()
            }
        }
    }

    /// An id: present, and of lower-case letters, digits, `_` and `-`.
    fn id(
        &mut self,
        raw: &Option<Spanned<String>>,
        at: Range<usize>,
        what: &'static str,
    ) -> Option<(String, Range<usize>)> {
        let Some(raw) = raw else {
            self.report(at, Message::new("load.missing_id").word("what", what));
            return None;
        };
        let id = raw.get_ref();
        let ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !ok {
            self.report(raw.span(), Message::new("load.bad_id").arg("id", id));
            return None;
        }
        Some((id.clone(), raw.span()))
    }
}

/// What is declared before the place a condition stands: a condition may
/// only read fields the helper has already been asked.
struct Scope<'a> {
    earlier: &'a HashMap<String, FieldKind>,
    all: &'a HashMap<String, (Option<FieldKind>, Vec<String>)>,
}

impl Checker<'_> {
    fn condition(&mut self, raw: &Spanned<RawCondition>, scope: &Scope) -> Option<Condition> {
        let c = raw.get_ref();
        let span = raw.span();
        let forms = [
            c.equals.is_some(),
            c.one_of.is_some(),
            c.answered.is_some(),
            c.all.is_some(),
            c.any.is_some(),
            c.not.is_some(),
        ];
        if forms.iter().filter(|f| **f).count() != 1 {
            self.report(span, Message::new("load.condition_shape"));
            return None;
        }
        let needs_field = c.equals.is_some() || c.one_of.is_some() || c.answered.is_some();
        if needs_field != c.field.is_some() {
            self.report(span, Message::new("load.condition_shape"));
            return None;
        }
        let nested = |this: &mut Self, list: &Vec<Spanned<RawCondition>>| {
            let parts: Vec<Option<Condition>> = list.iter().map(|r| this.condition(r, scope)).collect();
            parts.into_iter().collect::<Option<Vec<_>>>()
        };
        if let Some(list) = &c.all {
            return nested(self, list).map(Condition::All);
        }
        if let Some(list) = &c.any {
            return nested(self, list).map(Condition::Any);
        }
        if let Some(inner) = &c.not {
            return self.condition(inner, scope).map(|c| Condition::Not(Box::new(c)));
        }
        let field = c.field.as_ref()?;
        let name = field.get_ref();
        if !scope.earlier.contains_key(name) {
            let key = if scope.all.contains_key(name) {
                "load.condition_later_field"
            } else {
                "load.condition_unknown_field"
            };
            self.report(field.span(), Message::new(key).arg("field", name));
            return None;
        }
        let values: Vec<&String> = c.equals.iter().chain(c.one_of.iter().flatten()).collect();
        if let Some((Some(kind), choices)) = scope.all.get(name.as_str()) {
            for v in values {
                let ok = match kind {
                    FieldKind::YesNo => v == "yes" || v == "no",
                    k if k.has_choices() => choices.contains(v),
                    _ => true,
                };
                if !ok {
                    self.report(
                        span.clone(),
                        Message::new("load.condition_value")
                            .arg("value", v)
                            .arg("field", name),
                    );
                    return None;
                }
            }
        }
        let field = name.clone();
        Some(if let Some(value) = &c.equals {
            Condition::Equals {
                field,
                value: value.clone(),
            }
        } else if let Some(values) = &c.one_of {
            Condition::OneOf {
                field,
                values: values.clone(),
            }
        } else {
            Condition::Answered {
                field,
                answered: c.answered.unwrap_or(true),
            }
        })
    }
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
    let raw: RawProcedure = match toml::from_str(&file.text) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            ck.report(span, Message::new("load.toml").arg("detail", e.message().trim()));
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
    if raw.sources.iter().all(|s| s.trim().is_empty()) {
        ck.report(top.clone(), Message::new("load.no_sources"));
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
    .map(|(id, text, _)| Readiness { id, text })
    .collect();
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
    .collect();

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
            .map(|s| nfc(s.trim()))
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
            message: ck.opt_text(&c.message, "load.what.constraint_message"),
        },
        None => Constraint::default(),
    };

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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    const GOOD: &str = r#"
id = "mau"
version = 2
title = { vi = "Thủ tục mẫu", en = "Sample" }
level = "mot_phan"
sources = ["DOMAIN.md"]

[[documents]]
id = "cccd"
vi = "Thẻ căn cước"

[[steps]]
id = "hoi"
title = { vi = "Hỏi" }

[[steps.fields]]
id = "co_nfc"
kind = "yes_no"
label = { vi = "Điện thoại có NFC?" }
required = true

[[steps.fields]]
id = "so_dinh_danh"
kind = "id_number"
label = { vi = "Số định danh" }
checks = { birth_date = "ngay_sinh" }
relevant = { field = "co_nfc", equals = "yes" }

[[steps]]
id = "sau"
title = { vi = "Sau", en = "Later" }
relevant = { any = [{ field = "co_nfc", equals = "no" }, { not = { field = "so_dinh_danh", answered = true } }] }

[[steps.fields]]
id = "ngay_sinh"
kind = "date"
label = { vi = "Ngày sinh" }
not_future = true
"#;

    #[test]
    fn a_good_file_loads() {
        let p = load_one(&file("mau.toml", GOOD)).unwrap();
        assert_eq!(p.id, "mau");
        assert_eq!(p.version, 2);
        assert_eq!(p.steps.len(), 2);
        assert_eq!(
            p.field("so_dinh_danh").unwrap().id_checks.birth_date.as_deref(),
            Some("ngay_sinh")
        );
        assert_eq!(p.title.get(Lang::En), "Sample");
        assert_eq!(p.steps[0].title.get(Lang::En), "Hỏi");
    }

    fn problems(text: &str) -> Vec<String> {
        load_one(&file("hong.toml", text))
            .unwrap_err()
            .iter()
            .map(|p| p.render(Lang::Vi))
            .collect()
    }

    #[test]
    fn unknown_kind_is_located() {
        let broken = GOOD.replace("kind = \"date\"", "kind = \"ngay\"");
        let ps = problems(&broken);
        assert_eq!(ps.len(), 1, "{ps:?}");
        let line = broken.lines().position(|l| l.contains("\"ngay\"")).unwrap() + 1;
        assert!(ps[0].starts_with(&format!("hong.toml:{line}:8: ")), "{}", ps[0]);
        assert!(ps[0].contains("ngay"), "{}", ps[0]);
    }

    #[test]
    fn condition_on_a_later_or_missing_field() {
        let later = GOOD.replace(
            "relevant = { field = \"co_nfc\", equals = \"yes\" }",
            "relevant = { field = \"ngay_sinh\", answered = true }",
        );
        let ps = problems(&later);
        assert_eq!(ps.len(), 1, "{ps:?}");
        let line = later
            .lines()
            .position(|l| l.contains("field = \"ngay_sinh\""))
            .unwrap()
            + 1;
        assert!(ps[0].starts_with(&format!("hong.toml:{line}:22: ")), "{}", ps[0]);
        assert!(ps[0].contains("sau"), "{}", ps[0]);

        let missing = GOOD.replace(
            "field = \"co_nfc\", equals = \"no\"",
            "field = \"khong_co\", equals = \"no\"",
        );
        let ps = problems(&missing);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert!(
            ps[0].contains("khong_co") && ps[0].contains("không có"),
            "{}",
            ps[0]
        );
    }

    #[test]
    fn duplicates_and_missing_vietnamese() {
        let dup_step = GOOD.replace("id = \"sau\"", "id = \"hoi\"");
        let ps = problems(&dup_step);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert!(ps[0].contains("hoi"));

        let dup_field = GOOD.replace("id = \"ngay_sinh\"", "id = \"co_nfc\"");
        let ps = problems(&dup_field);
        assert!(ps.iter().any(|p| p.contains("co_nfc")), "{ps:?}");

        let no_vi = GOOD.replace(
            "title = { vi = \"Sau\", en = \"Later\" }",
            "title = { en = \"Later\" }",
        );
        let ps = problems(&no_vi);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert!(ps[0].contains("tiếng Việt"), "{}", ps[0]);
    }

    #[test]
    fn empty_choice_list_and_bad_condition_value() {
        let empty = GOOD.replace("kind = \"yes_no\"", "kind = \"choice\"");
        let ps = problems(&empty);
        assert!(ps.iter().any(|p| p.contains("lựa chọn")), "{ps:?}");
        let bad_value = GOOD.replace("equals = \"yes\"", "equals = \"co\"");
        let ps = problems(&bad_value);
        assert_eq!(ps.len(), 1, "{ps:?}");
    }

    #[test]
    fn a_field_for_a_password_is_refused() {
        let secret = GOOD
            .replace(
                "id = \"ngay_sinh\"\nkind = \"date\"",
                "id = \"mat_khau\"\nkind = \"text\"",
            )
            .replace("checks = { birth_date = \"ngay_sinh\" }", "");
        let ps = problems(&secret);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert!(ps[0].contains("mat_khau"), "{}", ps[0]);
    }

    #[test]
    fn toml_syntax_errors_are_located() {
        let broken = GOOD.replace("level = \"mot_phan\"", "level = mot_phan");
        let ps = problems(&broken);
        assert_eq!(ps.len(), 1, "{ps:?}");
        let line = broken.lines().position(|l| l.starts_with("level")).unwrap() + 1;
        assert!(ps[0].starts_with(&format!("hong.toml:{line}:")), "{}", ps[0]);
        assert!(ps[0].contains("TOML"), "{}", ps[0]);
    }

    #[test]
    fn a_bad_file_is_skipped_and_the_others_load() {
        let broken = GOOD.replace("kind = \"date\"", "kind = \"ngay\"");
        let other = GOOD.replace("id = \"mau\"", "id = \"mau2\"");
        let dup = GOOD.to_owned();
        let c = load_all(&[
            file("a.toml", &broken),
            file("b.toml", &other),
            file("c.toml", GOOD),
            file("d.toml", &dup),
        ]);
        let ids: Vec<_> = c.procedures.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["mau2", "mau"]);
        assert_eq!(c.problems.len(), 2);
        assert_eq!(c.problems[0].file, "a.toml");
        assert_eq!(c.problems[1].file, "d.toml");
        assert_eq!(c.problems[1].message.key, "load.duplicate_procedure");
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nễc", 0), (1, 1));
        assert_eq!(line_column("ab\nễc", 3), (2, 1));
        assert_eq!(line_column("ab\nễc", 6), (2, 2));
        assert_eq!(line_column("ab\nễc", 99), (2, 3));
    }
}
