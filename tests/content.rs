//! The shipped procedures as content: every file checked for what a helper
//! relies on when reading it aloud to a resident.

use std::collections::HashSet;

use trolyso::assets::AssetSource;
use trolyso::domain::procedure::{Certainty, FieldKind, Procedure, load_all};
use trolyso::i18n::Lang;
use trolyso::text::nfc;

fn shipped() -> (Vec<trolyso::assets::SourceFile>, Vec<Procedure>) {
    let files = AssetSource::Embedded.procedure_files().unwrap();
    let catalogue = load_all(&files);
    let problems: Vec<String> = catalogue.problems.iter().map(|p| p.render(Lang::Vi)).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    (files, catalogue.procedures)
}

#[test]
fn at_least_twenty_guided_procedures_load_without_a_problem() {
    let (files, procedures) = shipped();
    assert_eq!(files.len(), procedures.len());
    let guided = procedures.iter().filter(|p| p.id != "thu-tuc-chung").count();
    assert!(guided >= 20, "{guided} guided procedures");
}

#[test]
fn text_is_nfc() {
    let (files, _) = shipped();
    for f in files {
        assert_eq!(nfc(&f.text), f.text, "{} is not NFC", f.name);
    }
}

#[test]
fn titles_in_both_languages_and_documents_and_sources() {
    for p in shipped().1 {
        assert!(!p.title.vi.trim().is_empty(), "{}", p.id);
        let en = p.title.en.as_deref().unwrap_or_default();
        assert!(
            !en.trim().is_empty() && en != p.title.vi,
            "{}: no English title",
            p.id
        );
        assert!(!p.documents.is_empty(), "{}: no documents", p.id);
        assert!(!p.sources.is_empty(), "{}: no sources", p.id);
        for s in &p.sources {
            assert!(
                s.starts_with("DOMAIN.md — ") || s.starts_with("https://"),
                "{}: a source names where it comes from: {s}",
                p.id
            );
        }
        for text in p
            .documents
            .iter()
            .map(|d| &d.text)
            .chain(p.readiness.iter().map(|r| &r.text))
        {
            assert!(text.en.is_some(), "{}: {} has no English", p.id, text.vi);
        }
    }
}

#[test]
fn conditions_read_only_fields_asked_earlier_and_kinds_are_known() {
    for p in shipped().1 {
        let mut earlier: HashSet<&str> = HashSet::new();
        let mut ids: HashSet<&str> = HashSet::new();
        for step in &p.steps {
            for c in step.relevant.iter() {
                for f in c.fields() {
                    assert!(earlier.contains(f), "{}: step {} reads {f}", p.id, step.id);
                }
            }
            for field in &step.fields {
                assert!(ids.insert(&field.id), "{}: field {} twice", p.id, field.id);
                assert_eq!(FieldKind::from_name(field.kind.name()), Some(field.kind));
                for c in field.relevant.iter().chain(field.required_when.iter()) {
                    for f in c.fields() {
                        assert!(earlier.contains(f), "{}: {} reads {f}", p.id, field.id);
                    }
                }
                if field.kind.has_choices() {
                    assert!(!field.choices.is_empty(), "{}: {} has no choices", p.id, field.id);
                }
                earlier.insert(&field.id);
            }
        }
        for d in &p.documents {
            for c in d.relevant.iter() {
                for f in c.fields() {
                    assert!(ids.contains(f), "{}: document {} reads {f}", p.id, d.id);
                }
            }
        }
        for (f, what) in [
            (&p.resident.name, "name"),
            (&p.resident.id_number, "id_number"),
            (&p.resident.phone, "phone"),
        ] {
            if let Some(f) = f {
                assert!(ids.contains(f.as_str()), "{}: [resident] {what} = {f}", p.id);
            }
        }
    }
}

#[test]
fn no_duplicate_ids_or_codes() {
    let procedures = shipped().1;
    let mut ids = HashSet::new();
    let mut codes = HashSet::new();
    for p in &procedures {
        assert!(ids.insert(&p.id), "procedure {} twice", p.id);
        let mut steps = HashSet::new();
        for s in &p.steps {
            assert!(steps.insert(&s.id), "{}: step {} twice", p.id, s.id);
        }
        let mut docs = HashSet::new();
        for d in &p.documents {
            assert!(docs.insert(&d.id), "{}: document {} twice", p.id, d.id);
        }
        if let Some(portal) = &p.portal {
            for code in portal.code.split(" / ") {
                assert!(codes.insert(code.to_owned()), "code {code} on two procedures");
            }
        }
    }
}

/// A fact DOMAIN.md is not sure of is never stated as sure: a code marked
/// [3P] or [?] shows as a reference, and the text tells the helper to check.
#[test]
fn unsure_facts_say_check_again() {
    for p in shipped().1 {
        let sources = p.sources.join("\n");
        if let Some(portal) = &p.portal {
            let marked_sure = sources.contains(&format!("{} [OK]", portal.code));
            assert!(
                portal.certainty != Certainty::Confirmed || marked_sure,
                "{}: code {} is not marked [OK] in its sources",
                p.id,
                portal.code
            );
        }
        if sources.contains("[?") {
            let file = std::fs::read_to_string(format!("assets/procedures/{}.toml", p.id)).unwrap();
            assert!(
                file.matches("kiểm tra lại").count() >= 1,
                "{}: rests on an unsure fact but never says kiểm tra lại",
                p.id
            );
        }
    }
}

/// Issue 12, item 11: a hồ sơ code typed with Telex on came out "MA-TÉT-1".
/// Every code field is of the kind that never composes.
#[test]
fn code_fields_never_compose() {
    assert!(!FieldKind::Code.composes());
    let mut codes = 0;
    for p in shipped().1 {
        for field in p.steps.iter().flat_map(|s| &s.fields) {
            if field.id.starts_with("ma_") {
                codes += 1;
                assert_eq!(field.kind, FieldKind::Code, "{}: {}", p.id, field.id);
            }
        }
    }
    assert!(codes >= 18, "{codes} code fields");
}
