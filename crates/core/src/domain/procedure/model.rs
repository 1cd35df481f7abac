use super::condition::{Answers, Condition};
use crate::domain::validate::Sex;
use crate::i18n::Lang;

/// Words in both languages, from a procedure file. Vietnamese is required;
/// English falls back to it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub vi: String,
    pub en: Option<String>,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => self.en.as_deref().unwrap_or(&self.vi),
        }
    }
}

/// How sure a fact is, as DOMAIN.md marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certainty {
    /// Official text, or several sources agree.
    Confirmed,
    /// One third-party source: shown as "mã tham khảo".
    ThirdParty,
    /// Not confirmed: shown as "kiểm tra lại".
    Unsure,
}

impl Certainty {
    /// The marks a procedure's sources carry, as DOMAIN.md writes them.
    const MARKS: [(&'static str, Certainty); 3] = [
        ("OK", Certainty::Confirmed),
        ("3P", Certainty::ThirdParty),
        ("?", Certainty::Unsure),
    ];

    /// The mark opening `after_bracket` (the text just after a `[`) and its
    /// length: `OK]`, `3P;…`, `?: what is unsure]`.
    pub fn mark_at(after_bracket: &str) -> Option<(Certainty, usize)> {
        Self::MARKS.iter().find_map(|(m, c)| {
            let rest = after_bracket.strip_prefix(m)?;
            rest.starts_with([']', ':', ';']).then_some((*c, m.len()))
        })
    }

    /// Every mark in a source, in order.
    pub fn marks_in(source: &str) -> Vec<Certainty> {
        source
            .match_indices('[')
            .filter_map(|(i, _)| Self::mark_at(&source[i + 1..]).map(|(c, _)| c))
            .collect()
    }
}

/// Whether the whole procedure can be done online. Stored (a filing's
/// level as the portal showed it) by the names procedure files use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Level {
    /// Toàn trình: filed and answered online.
    #[serde(rename = "toan_trinh")]
    Full,
    /// Một phần: some step in person.
    #[serde(rename = "mot_phan")]
    Partial,
    /// A guide (a VNeID account, logging in), not a filing.
    #[serde(rename = "huong_dan")]
    Guide,
    /// Not confirmed by a source: the screen says "kiểm tra lại".
    #[serde(rename = "chua_ro")]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalCode {
    pub code: String,
    pub certainty: Certainty,
}

/// The stored answers of a yes/no field, in the order they are shown.
pub const YES_NO: [&str; 2] = ["yes", "no"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Note,
    PersonName,
    IdNumber,
    OldId,
    Phone,
    Date,
    Number,
    Choice,
    MultiChoice,
    YesNo,
    Commune,
    Email,
    TaxCode,
    SocialInsurance,
    /// A code handed out by the portal or an office: copied as it is.
    Code,
}

impl FieldKind {
    /// A number or code a case is found by from Home (by its last digits).
    pub fn is_searched_number(self) -> bool {
        matches!(
            self,
            FieldKind::IdNumber | FieldKind::OldId | FieldKind::Phone | FieldKind::Code
        )
    }

    /// Typed on a line, rather than chosen from options or a list.
    pub fn is_typed(self) -> bool {
        !matches!(
            self,
            FieldKind::Choice | FieldKind::YesNo | FieldKind::MultiChoice | FieldKind::Commune
        )
    }

    /// Whether typing in it composes Vietnamese (Telex/VNI). Numbers,
    /// dates, addresses and codes never do: "MA-TEST-1" must not become
    /// "MA-TÉT-1".
    pub fn composes(self) -> bool {
        matches!(self, FieldKind::Text | FieldKind::Note | FieldKind::PersonName)
    }

    /// The longest answer accepted, in characters: more than any real one,
    /// so a paste gone wrong (a whole page in a name) is said, not stored.
    pub fn max_chars(self) -> usize {
        match self {
            FieldKind::PersonName => 100,
            FieldKind::Text => 300,
            FieldKind::Note => 2000,
            FieldKind::Email => 254,
            FieldKind::Code => crate::domain::validate::MAX_CODE,
            FieldKind::IdNumber
            | FieldKind::OldId
            | FieldKind::Phone
            | FieldKind::Date
            | FieldKind::Number
            | FieldKind::TaxCode
            | FieldKind::SocialInsurance => 30,
            FieldKind::Choice | FieldKind::MultiChoice | FieldKind::YesNo | FieldKind::Commune => 2000,
        }
    }

    pub const ALL: [(&'static str, FieldKind); 16] = [
        ("text", FieldKind::Text),
        ("note", FieldKind::Note),
        ("person_name", FieldKind::PersonName),
        ("id_number", FieldKind::IdNumber),
        ("old_id", FieldKind::OldId),
        ("phone", FieldKind::Phone),
        ("date", FieldKind::Date),
        ("number", FieldKind::Number),
        ("choice", FieldKind::Choice),
        ("multi_choice", FieldKind::MultiChoice),
        ("yes_no", FieldKind::YesNo),
        ("commune", FieldKind::Commune),
        ("email", FieldKind::Email),
        ("tax_code", FieldKind::TaxCode),
        ("code", FieldKind::Code),
        ("social_insurance", FieldKind::SocialInsurance),
    ];

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
    }

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("text", |(n, _)| n)
    }

    pub fn has_choices(self) -> bool {
        matches!(self, FieldKind::Choice | FieldKind::MultiChoice)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: Text,
}

/// Limits on an answer beyond its kind, with the message to show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Constraint {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    /// For a birth date: the person must be this many whole years old today
    /// (the age to marry).
    pub min_age: Option<u32>,
    pub message: Option<Text>,
}

/// For a date: words said beside it when the day is more than `days` ago
/// (`late`: a birth registered late pays a fee), or at most `days` ago
/// (`recent`: a child under 6 can have the liên thông bundle). Accepted,
/// never refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateNote {
    pub days: u32,
    pub words: Text,
}

/// For an identification number: the fields holding the birth date and sex
/// the number is checked against.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IdChecks {
    pub birth_date: Option<String>,
    pub sex: Option<String>,
    /// The sex the holder has by the field's meaning (a mother's number).
    pub sex_is: Option<Sex>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub id: String,
    pub kind: FieldKind,
    pub label: Text,
    pub hint: Option<Text>,
    pub guidance: Option<Text>,
    pub required: bool,
    pub required_when: Option<Condition>,
    pub required_message: Option<Text>,
    pub relevant: Option<Condition>,
    pub default: Option<String>,
    pub choices: Vec<Choice>,
    pub constraint: Constraint,
    pub id_checks: IdChecks,
    /// For a date: a day after today is refused (a birth date).
    pub not_future: bool,
    pub late: Option<DateNote>,
    pub recent: Option<DateNote>,
}

impl Field {
    pub fn is_required(&self, answers: &Answers) -> bool {
        self.required || self.required_when.as_ref().is_some_and(|c| c.eval(answers))
    }

    pub fn is_relevant(&self, answers: &Answers) -> bool {
        self.relevant.as_ref().is_none_or(|c| c.eval(answers))
    }

    pub fn choice(&self, value: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.value == value)
    }

    /// The values a choice or yes/no field can be answered with, in order.
    pub fn option_values(&self) -> Vec<&str> {
        match self.kind {
            FieldKind::YesNo => YES_NO.to_vec(),
            _ => self.choices.iter().map(|c| c.value.as_str()).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub id: String,
    pub title: Text,
    pub instructions: Option<Text>,
    pub relevant: Option<Condition>,
    pub fields: Vec<Field>,
    pub tips: Vec<Text>,
    /// The procedure this step sends the resident to instead (parents not
    /// married: khai sinh kết hợp nhận cha, mẹ, con). The helper opens it
    /// from the step.
    pub refer: Option<String>,
}

impl Step {
    pub fn is_relevant(&self, answers: &Answers) -> bool {
        self.relevant.as_ref().is_none_or(|c| c.eval(answers))
    }
}

/// Something to check with the resident before starting (chip card with
/// them, NFC phone, SIM in own name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub id: String,
    pub text: Text,
    /// The documents that a tick here means the resident has brought: they
    /// are ticked in the case's documents too.
    pub documents: Vec<String>,
    /// The answer a tick here gives a field (field id, value): the steps
    /// do not ask again what the checklist saw. No tick answers nothing.
    pub answer: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub text: Text,
    pub relevant: Option<Condition>,
}

impl Document {
    pub fn is_relevant(&self, answers: &Answers) -> bool {
        self.relevant.as_ref().is_none_or(|c| c.eval(answers))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub summary: Option<Text>,
    pub level: Level,
    pub field_of_work: Option<String>,
    pub portal: Option<PortalCode>,
    pub agency: Option<Text>,
    pub fee: Option<Text>,
    pub processing_time: Option<Text>,
    pub filed_at: Option<Text>,
    pub sources: Vec<String>,
    pub readiness: Vec<Readiness>,
    pub documents: Vec<Document>,
    pub steps: Vec<Step>,
    pub resident: ResidentFields,
}

/// Which answers describe the resident the case is for: they are copied to
/// the resident's record, where the case can be found by name or number.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResidentFields {
    pub name: Option<String>,
    pub id_number: Option<String>,
    pub birth_date: Option<String>,
    pub sex: Option<String>,
    pub phone: Option<String>,
    /// The commune they live in (a commune field: its unit code).
    pub commune: Option<String>,
    /// Their house number, street and village.
    pub address: Option<String>,
}

impl ResidentFields {
    pub fn contains(&self, field: &str) -> bool {
        [
            &self.name,
            &self.id_number,
            &self.birth_date,
            &self.sex,
            &self.phone,
            &self.commune,
            &self.address,
        ]
        .iter()
        .any(|f| f.as_deref() == Some(field))
    }
}

impl Procedure {
    /// The fields that name a person: the one place that says which
    /// answers are names (the wizard, bundles and the person index ask).
    pub fn person_name_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields().filter(|f| f.kind == FieldKind::PersonName)
    }

    /// Fields holding a number or code someone may search a case by: a
    /// person's identification number or phone, a code the portal gave.
    pub fn number_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields().filter(|f| f.kind.is_searched_number())
    }

    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.steps.iter().flat_map(|s| s.fields.iter())
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().find(|f| f.id == id)
    }

    /// Steps shown for these answers.
    pub fn visible_steps<'a>(&'a self, answers: &'a Answers) -> impl Iterator<Item = &'a Step> + 'a {
        self.steps.iter().filter(|s| s.is_relevant(answers))
    }

    /// Fields shown for these answers, step by step.
    pub fn visible_fields<'a>(&'a self, answers: &'a Answers) -> impl Iterator<Item = &'a Field> + 'a {
        self.visible_steps(answers)
            .flat_map(|s| s.fields.iter())
            .filter(|f| f.is_relevant(answers))
    }
}
