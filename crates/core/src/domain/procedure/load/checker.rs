//! Checks of the parts of a procedure file, each problem reported at its
//! place in the file.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::LoadProblem;
use super::raw::*;
use crate::assets::SourceFile;
use crate::domain::procedure::condition::Condition;
use crate::domain::procedure::model::*;
use crate::i18n::Message;
use crate::text::nfc;

pub(super) struct Checker<'a> {
    pub(super) file: &'a SourceFile,
    pub(super) problems: Vec<LoadProblem>,
}

impl Checker<'_> {
    pub(super) fn report(&mut self, span: Range<usize>, message: Message) {
        self.problems
            .push(LoadProblem::at(self.file, span.start, message));
    }

    /// Words in both languages; Vietnamese must be there.
    pub(super) fn text(&mut self, raw: &Spanned<RawText>, what: &'static str) -> Text {
        self.pair(
            raw.span(),
            raw.get_ref().vi.as_deref(),
            raw.get_ref().en.as_deref(),
            what,
        )
    }

    pub(super) fn pair(
        &mut self,
        span: Range<usize>,
        vi: Option<&str>,
        en: Option<&str>,
        what: &'static str,
    ) -> Text {
        let vi = vi.map(nfc).filter(|s| !s.trim().is_empty());
        if vi.is_none() {
            self.report(span, Message::new("load.missing_vi").word("what", what));
        }
        Text {
            vi: vi.unwrap_or_default(),
            en: en.map(nfc).filter(|s| !s.trim().is_empty()),
        }
    }

    /// A source names a public document a reader can look up (a law and its
    /// article, a decree, an official page) and says how sure the fact is;
    /// never a file of the team's notes.
    pub(super) fn source(&mut self, raw: &Spanned<String>) {
        let text = raw.get_ref();
        if text.trim().is_empty() {
            return;
        }
        if text.to_lowercase().contains(".md") {
            self.report(raw.span(), Message::new("load.source_is_notes"));
        }
        if Certainty::marks_in(text).is_empty() {
            self.report(raw.span(), Message::new("load.source_no_mark"));
        }
        let mut inside = 0usize;
        let mut letters = 0usize;
        for c in text.chars() {
            match c {
                '[' => inside += 1,
                ']' => inside = inside.saturating_sub(1),
                c if inside == 0 && c.is_alphabetic() => letters += 1,
                _ => {}
            }
        }
        // "[3P]" alone, or "Luật [OK]": a mark with nothing a reader can find.
        if letters < 8 {
            self.report(raw.span(), Message::new("load.source_bare"));
        }
    }

    pub(super) fn opt_text(&mut self, raw: &Option<Spanned<RawText>>, what: &'static str) -> Option<Text> {
        raw.as_ref().map(|r| self.text(r, what))
    }

    pub(super) fn required_text(
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
    pub(super) fn id(
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
pub(super) struct Scope<'a> {
    pub(super) earlier: &'a HashMap<String, FieldKind>,
    pub(super) all: &'a HashMap<String, (Option<FieldKind>, Vec<String>)>,
}

impl Checker<'_> {
    pub(super) fn condition(&mut self, raw: &Spanned<RawCondition>, scope: &Scope) -> Option<Condition> {
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
                    FieldKind::YesNo => YES_NO.contains(&v.as_str()),
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
