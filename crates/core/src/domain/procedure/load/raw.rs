//! The shape of a procedure file as written, before it is checked: every
//! value keeps its place in the file for the messages.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawText {
    pub(super) vi: Option<String>,
    pub(super) en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProcedure {
    pub(super) id: Option<Spanned<String>>,
    pub(super) version: Option<u32>,
    pub(super) title: Option<Spanned<RawText>>,
    pub(super) summary: Option<Spanned<RawText>>,
    pub(super) level: Option<Spanned<String>>,
    pub(super) field_of_work: Option<String>,
    pub(super) portal: Option<RawPortal>,
    pub(super) agency: Option<Spanned<RawText>>,
    pub(super) fee: Option<Spanned<RawText>>,
    pub(super) processing_time: Option<Spanned<RawText>>,
    pub(super) filed_at: Option<Spanned<RawText>>,
    #[serde(default)]
    pub(super) sources: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) readiness: Vec<Spanned<RawItem>>,
    #[serde(default)]
    pub(super) documents: Vec<Spanned<RawItem>>,
    #[serde(default)]
    pub(super) steps: Vec<Spanned<RawStep>>,
    pub(super) resident: Option<RawResident>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawResident {
    pub(super) name: Option<Spanned<String>>,
    pub(super) id_number: Option<Spanned<String>>,
    pub(super) birth_date: Option<Spanned<String>>,
    pub(super) sex: Option<Spanned<String>>,
    pub(super) phone: Option<Spanned<String>>,
    pub(super) commune: Option<Spanned<String>>,
    pub(super) address: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPortal {
    pub(super) code: Spanned<String>,
    pub(super) certainty: Spanned<String>,
}

/// A readiness item or a document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawItem {
    pub(super) id: Option<Spanned<String>>,
    pub(super) vi: Option<String>,
    pub(super) en: Option<String>,
    pub(super) relevant: Option<Spanned<RawCondition>>,
    /// On a readiness item: the documents a tick there means were brought
    /// (by default the document of the same id, if there is one).
    #[serde(default)]
    pub(super) documents: Option<Spanned<Vec<String>>>,
    /// On a readiness item: the answer a tick gives a field of the steps
    /// (the chip card with them: `co_the_can_cuoc` is "yes").
    pub(super) answer: Option<Spanned<RawAnswer>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnswer {
    pub(super) field: String,
    pub(super) value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    pub(super) id: Option<Spanned<String>>,
    pub(super) title: Option<Spanned<RawText>>,
    pub(super) instructions: Option<Spanned<RawText>>,
    pub(super) relevant: Option<Spanned<RawCondition>>,
    #[serde(default)]
    pub(super) fields: Vec<Spanned<RawField>>,
    #[serde(default)]
    pub(super) tips: Vec<Spanned<RawText>>,
    /// Another procedure this step sends the resident to.
    pub(super) refer: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawField {
    pub(super) id: Option<Spanned<String>>,
    pub(super) kind: Option<Spanned<String>>,
    pub(super) label: Option<Spanned<RawText>>,
    pub(super) hint: Option<Spanned<RawText>>,
    pub(super) guidance: Option<Spanned<RawText>>,
    #[serde(default)]
    pub(super) required: bool,
    pub(super) required_when: Option<Spanned<RawCondition>>,
    pub(super) required_message: Option<Spanned<RawText>>,
    pub(super) relevant: Option<Spanned<RawCondition>>,
    pub(super) default: Option<String>,
    #[serde(default)]
    pub(super) choices: Vec<Spanned<RawChoice>>,
    pub(super) constraint: Option<RawConstraint>,
    pub(super) checks: Option<RawIdChecks>,
    #[serde(default)]
    pub(super) not_future: bool,
    pub(super) late: Option<Spanned<RawLate>>,
    pub(super) recent: Option<Spanned<RawLate>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChoice {
    pub(super) value: Spanned<String>,
    pub(super) vi: Option<String>,
    pub(super) en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConstraint {
    pub(super) min: Option<i64>,
    pub(super) max: Option<i64>,
    pub(super) min_length: Option<usize>,
    pub(super) max_length: Option<usize>,
    pub(super) min_age: Option<u32>,
    pub(super) message: Option<Spanned<RawText>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLate {
    pub(super) days: u32,
    pub(super) vi: Option<String>,
    pub(super) en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIdChecks {
    pub(super) birth_date: Option<Spanned<String>>,
    pub(super) sex: Option<Spanned<String>>,
    pub(super) sex_is: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    pub(super) field: Option<Spanned<String>>,
    pub(super) equals: Option<String>,
    #[serde(rename = "in")]
    pub(super) one_of: Option<Vec<String>>,
    pub(super) answered: Option<bool>,
    pub(super) all: Option<Vec<Spanned<RawCondition>>>,
    pub(super) any: Option<Vec<Spanned<RawCondition>>>,
    pub(super) not: Option<Box<Spanned<RawCondition>>>,
}
