//! The readiness checklist's links: the documents a tick stands for, and
//! the answer it gives a field of the steps.

use std::collections::HashMap;

use toml::Spanned;

use super::checker::Checker;
use super::raw::RawItem;
use crate::domain::procedure::model::{Document, FieldKind, Readiness, YES_NO};
use crate::i18n::Message;
use crate::text::nfc;

/// Which documents each readiness item stands for: those it lists (each
/// must be a document of the procedure), else the document of its own id.
/// And the answer a tick gives, when one is named: a field of the steps and
/// one of its options.
pub(super) fn link(
    ck: &mut Checker,
    mut readiness: Vec<Readiness>,
    raw: &[Spanned<RawItem>],
    documents: &[Document],
    fields: &HashMap<String, (Option<FieldKind>, Vec<String>)>,
) -> Vec<Readiness> {
    let known = |id: &str| documents.iter().any(|d| d.id == id);
    for r in &mut readiness {
        let item = raw
            .iter()
            .find(|item| item.get_ref().id.as_ref().is_some_and(|i| *i.get_ref() == r.id))
            .map(Spanned::get_ref);
        if let Some(answer) = item.and_then(|i| i.answer.as_ref()) {
            let a = answer.get_ref();
            let options = |kind: Option<FieldKind>, choices: &[String]| match kind {
                Some(FieldKind::YesNo) => YES_NO.iter().any(|v| *v == a.value),
                Some(FieldKind::Choice) => choices.contains(&a.value),
                _ => true,
            };
            match fields.get(&a.field) {
                None => ck.report(
                    answer.span(),
                    Message::new("load.condition_unknown_field").arg("field", &a.field),
                ),
                Some((kind, choices)) if !options(*kind, choices) => ck.report(
                    answer.span(),
                    Message::new("load.condition_value")
                        .arg("value", &a.value)
                        .arg("field", &a.field),
                ),
                Some(_) => r.answer = Some((a.field.clone(), nfc(&a.value))),
            }
        }
        let listed = item.and_then(|i| i.documents.as_ref());
        r.documents = match listed {
            Some(list) => {
                for d in list.get_ref().iter().filter(|d| !known(d)) {
                    ck.report(list.span(), Message::new("load.unknown_document").arg("id", d));
                }
                list.get_ref().clone()
            }
            None if known(&r.id) => vec![r.id.clone()],
            None => Vec::new(),
        };
    }
    readiness
}
