//! Cases and the office's settings on the open store: short work, run
//! where it is asked for (each is one committed edit or one page read).

use std::path::Path;

use super::runtime::{RECENT_PAGE, answer};
use super::search::search;
use trolyso_core::domain::procedure::Catalogue;
use trolyso_store::store::{Store, StoreError};
use trolyso_tui::app::{Action, CaseEffect, PersonFile};

pub fn run(s: &Store, dir: &Path, effect: CaseEffect, catalogue: &Catalogue) -> Action {
    match effect {
        CaseEffect::SaveSettings(settings) => {
            let saved = s.save_settings(&settings);
            if saved.is_ok()
                && let Some(lang) = settings.lang
            {
                super::runtime::remember_lang(dir, lang);
            }
            answer(saved, |()| Action::SettingsSaved)
        }
        CaseEffect::LoadRecent => answer(s.recent(RECENT_PAGE, None), |page| {
            Action::CasesListed(page.items)
        }),
        CaseEffect::LoadPerson(resident) => {
            let loaded = (|| {
                let person = s.resident(&resident)?;
                let look_alikes = match &person {
                    Some(r) => s.look_alikes(r)?,
                    None => Vec::new(),
                };
                Ok(PersonFile {
                    person,
                    cases: s.cases_of(&resident)?,
                    named_in: s.cases_naming(&resident)?,
                    look_alikes,
                })
            })();
            answer(loaded, |file| Action::PersonLoaded(Box::new(file)))
        }
        CaseEffect::JoinPerson { kept, gone, helper } => answer(
            s.join_residents(&kept, &gone, &helper, &trolyso_store::bundle::roles_of(catalogue)),
            Action::PersonJoined,
        ),
        CaseEffect::DeleteDraft {
            case,
            procedure,
            helper,
        } => {
            let found = catalogue
                .get(&procedure)
                .map(|p| p.found_fields())
                .unwrap_or_default();
            answer(s.delete_draft(&case, &helper, &found), |()| {
                Action::DraftDeleted(case)
            })
        }
        CaseEffect::Search(query) => answer(search(s, &query, catalogue), Action::CasesListed),
        CaseEffect::CreateCase {
            procedure_id,
            version,
            helper,
            readiness,
            brought,
            carried,
            resident,
        } => {
            let made = s
                .create_case(&procedure_id, version, resident, &helper)
                .and_then(|case| {
                    if readiness.is_empty() {
                        Ok(case)
                    } else {
                        s.set_readiness(&case.id, &readiness, &helper)
                    }
                })
                .and_then(|case| {
                    brought.iter().try_fold(case, |case, document| {
                        s.set_document(&case.id, document, true, &helper)
                    })
                })
                .and_then(|case| {
                    carried.iter().try_fold(case, |case, a| {
                        s.save_answer(&case.id, &a.field, &a.value, &helper, &a.role)
                    })
                })
                // Opened where nothing is filled yet, not at the last
                // answer carried.
                .map(|case| trolyso_store::store::Case {
                    last_field: None,
                    ..case
                });
            answer(made, Action::CaseOpened)
        }
        CaseEffect::OpenCase(id) => {
            let found = s.case(&id).and_then(|c| c.ok_or(StoreError::NotFound));
            answer(found, Action::CaseOpened)
        }
        CaseEffect::SaveAnswer {
            case,
            field,
            value,
            helper,
            role,
        } => {
            let saved = s.save_answer(&case, &field, &value, &helper, &role);
            // The resident's name or birth date: someone on file may be them
            // (their number would have linked the case by itself).
            let asks = role
                .resident
                .as_ref()
                .is_some_and(|r| [&r.name, &r.birth_date].contains(&&Some(field.clone())));
            match saved {
                Ok(case) if asks => match look_alike(s, &case) {
                    Some((name, cases)) => Action::CaseSavedLookingAlike(case, name, cases),
                    None => Action::CaseSaved(case),
                },
                saved => answer(saved, Action::CaseSaved),
            }
        }
        CaseEffect::SetDocument {
            case,
            document,
            brought,
            helper,
        } => answer(
            s.set_document(&case, &document, brought, &helper),
            Action::CaseSaved,
        ),
        CaseEffect::SetStatus {
            case,
            to,
            change,
            helper,
        } => answer(s.set_status(&case, to, &change, &helper), Action::StatusChanged),
    }
}

/// The first other record with the same name and birth date as `case`'s
/// resident, and how many cases it has; a failed look is no look-alike
/// (the answer is saved either way).
fn look_alike(s: &Store, case: &trolyso_store::store::Case) -> Option<(String, usize)> {
    let looked = s.resident(&case.resident_id?).and_then(|person| match person {
        Some(p) if p.birth_date.is_some() => s.look_alikes(&p),
        _ => Ok(Vec::new()),
    });
    let alike = looked
        .inspect_err(|e| tracing::warn!("could not look for a record like the resident's: {e}"))
        .ok()?;
    let (other, cases) = alike.into_iter().next()?;
    Some((other.full_name, cases))
}
