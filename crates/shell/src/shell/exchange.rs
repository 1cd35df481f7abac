//! The bundles screen's effects: keys, bundles and conflicts, run against
//! the open store (the bundle layer does the files).

use trolyso_core::domain::procedure::Catalogue;
use trolyso_core::i18n::Message;
use trolyso_store::bundle::{self, places};
use trolyso_store::store::exchange::{Since, fingerprint};
use trolyso_store::store::{Store, StoreError};
use trolyso_tui::app::{Action, ConflictRow, ExchangeEffect, ExchangeInfo, MachineRow};

use super::jobs::Run;

fn failed(e: StoreError) -> Action {
    tracing::warn!("bundles: {e}");
    Action::Failed(e.message())
}

/// Runs an effect of the bundles or conflicts screens: reading, importing
/// or writing a bundle is long work (on a worker), the rest is short.
/// The bundle a preview read, kept for the import that follows (so a large
/// bundle is read and decrypted once); taken by that import.
pub type LastRead = std::sync::Arc<std::sync::Mutex<Option<bundle::Read>>>;

pub fn run(store: &Store, effect: ExchangeEffect, catalogue: &Catalogue, last: &LastRead) -> Run {
    match effect {
        ExchangeEffect::ExportBundle(dir) => Run::Beside(Box::new(move |store, _| {
            let helper = store.settings().map(|s| s.helper).unwrap_or_default();
            match bundle::export_all(store, Since::Last, &dir, &helper) {
                Ok(written) if written.is_empty() => {
                    Action::ExchangeDone(vec![Message::new("bundle.nothing_new")])
                }
                Ok(written) => Action::ExchangeDone(written.iter().map(bundle::Written::message).collect()),
                Err(m) => Action::Failed(m),
            }
        })),
        ExchangeEffect::Read(file) => match bundle::kind_of(&file) {
            Some(kind) => Run::Now(match bundle::describe(store, &file, kind) {
                Ok(lines) => Action::BundlePreview(file, lines),
                Err(m) => Action::Failed(m),
            }),
            None => {
                let (catalogue, last) = (catalogue.clone(), last.clone());
                Run::Beside(Box::new(move |store, progress| {
                    preview(store, file, &catalogue, progress, &last)
                }))
            }
        },
        ExchangeEffect::Take(file) => match bundle::kind_of(&file) {
            Some(kind) => {
                let helper = store.settings().map(|s| s.helper).unwrap_or_default();
                Run::Now(match bundle::take(store, &file, kind, &helper) {
                    Ok(lines) => Action::ExchangeDone(lines),
                    Err(m) => Action::Failed(m),
                })
            }
            None => {
                let (catalogue, last) = (catalogue.clone(), last.clone());
                Run::Beside(Box::new(move |store, progress| {
                    let kept = last
                        .lock()
                        .ok()
                        .and_then(|mut l| l.take())
                        .filter(|r| r.is_of(&file));
                    let read = match kept {
                        Some(read) => Ok(read),
                        None => bundle::read(store, &file, progress),
                    };
                    let merged = read.and_then(|read| {
                        bundle::merge_read(store, &read, &catalogue, bundle::ImportMode::Write, progress)
                    });
                    match merged {
                        Ok(r) => {
                            Action::ExchangeDone([vec![bundle::taken(&r)], bundle::summary(&r)].concat())
                        }
                        Err(m) => Action::Failed(m),
                    }
                }))
            }
        },
        ExchangeEffect::LoadExchange => Run::Now(info(store).unwrap_or_else(failed)),
        ExchangeEffect::ListFolder(dir) => Run::Now(Action::FolderListed(places::bundles_and_keys_in(&dir))),
        ExchangeEffect::ExportOfficeKey(dir) => Run::Now(export_office_key(store, &dir)),
        // Cases with a card now: a mark left by an edit that ended a card
        // elsewhere (the wizard) is not counted.
        ExchangeEffect::CountConflicts => Run::Now(
            store
                .conflict_cards(&bundle::roles_of(catalogue))
                .map(|cards| {
                    let cases: std::collections::BTreeSet<_> = cards.iter().map(|c| c.case).collect();
                    Action::ConflictsCounted(cases.into_iter().collect())
                })
                .unwrap_or_else(failed),
        ),
        ExchangeEffect::LoadConflicts => Run::Now(conflicts(store, catalogue).unwrap_or_else(failed)),
        ExchangeEffect::Revoke(machine) => {
            let helper = store.settings().map(|s| s.helper).unwrap_or_default();
            Run::Now(match store.revoke(&machine, &helper) {
                Ok(Some(id)) => Action::ExchangeDone(vec![Message::new("bundle.revoked").arg("machine", id)]),
                Ok(None) => Action::Failed(Message::new("bundle.no_such_machine").arg("machine", machine)),
                Err(e) => failed(e),
            })
        }
        ExchangeEffect::ChooseValue {
            case,
            field,
            value,
            helper,
        } => {
            let procedure = store.case(&case).ok().flatten().map(|c| c.procedure_id);
            let roles = bundle::roles_of(catalogue)(procedure.as_deref().unwrap_or_default());
            Run::Now(
                store
                    .choose_value(&case, &field, value.as_deref(), &helper, &roles)
                    .map(|_| Action::ValueChosen)
                    .unwrap_or_else(failed),
            )
        }
    }
}

/// What a bundle would bring, nothing written: its first cases (those to
/// choose first); the command line lists them all.
fn preview(
    store: &Store,
    file: std::path::PathBuf,
    catalogue: &Catalogue,
    progress: &trolyso_store::store::Progress,
    last: &LastRead,
) -> Action {
    let previewed = bundle::read(store, &file, progress).and_then(|read| {
        let r = bundle::merge_read(store, &read, catalogue, bundle::ImportMode::Preview, progress)?;
        if let Ok(mut kept) = last.lock() {
            *kept = Some(read);
        }
        Ok(r)
    });
    match previewed {
        Ok(r) => {
            const SHOWN: usize = 5;
            let mut lines = bundle::summary(&r);
            lines.extend(r.cases.iter().take(SHOWN).map(|a| a.message(catalogue)));
            if r.cases.len() > SHOWN {
                lines.push(Message::new("bundle.more").arg("n", r.cases.len() - SHOWN));
            }
            Action::BundlePreview(file, lines)
        }
        Err(m) => Action::Failed(m),
    }
}

fn export_office_key(store: &Store, dir: &std::path::Path) -> Action {
    match bundle::key_file_text(store) {
        Ok(text) => {
            let office = store
                .office_keys()
                .and_then(|k| k.public())
                .map(|p| fingerprint(&p))
                .unwrap_or_default();
            let path = dir.join(format!("khoa-van-phong-{office}.txt"));
            match trolyso_store::store::paths::write_private(&path, text.as_bytes()) {
                Ok(()) => Action::ExchangeDone(vec![
                    Message::new("bundle.key_written").arg("path", path.display()),
                ]),
                Err(e) => failed(StoreError::io_at(&path)(e)),
            }
        }
        Err(m) => Action::Failed(m),
    }
}

fn info(store: &Store) -> Result<Action, StoreError> {
    let keys = store.office_keys()?;
    let settings = store.settings()?;
    let day = |ms: i64| trolyso_core::domain::date::local_time(ms).0.to_string();
    let machines = keys
        .machines()
        .map(|(id, m)| MachineRow {
            id: id.clone(),
            helper: m.helper.clone(),
            place: bundle::place(m.commune),
            enrolled: day(m.enrolled_ms),
            last_bundle: m.last_bundle_ms.map(day),
            cases: m.cases,
            revoked: m.revoked_ms.is_some(),
        })
        .collect();
    Ok(Action::ExchangeReady(ExchangeInfo {
        here: format!("{} · {}", settings.helper, bundle::place(settings.home_commune)),
        office_place: keys.joined_commune().map(|c| bundle::place(Some(c))),
        machines,
        machine: store.machine_id()?,
        office: fingerprint(&keys.public()?),
        joined: keys.joined.as_deref().map(fingerprint),
        waiting_code: match (keys.joined.as_deref(), keys.enrolled_ms) {
            (Some(office), None) => Some(bundle::pairing_code(
                office,
                &store.machine_id()?,
                &keys.signing().verifying_key().to_bytes(),
            )),
            _ => None,
        },
        places: places::usb_folders(),
    }))
}

fn conflicts(store: &Store, catalogue: &Catalogue) -> Result<Action, StoreError> {
    let roles = bundle::roles_of(catalogue);
    let here = store.machine_id()?;
    let mut rows = Vec::new();
    for card in store.conflict_cards(&roles)? {
        let case = store.case(&card.case)?;
        let name = match case.as_ref().and_then(|c| c.resident_id) {
            Some(r) => store.resident(&r)?.map(|r| r.full_name),
            None => None,
        };
        rows.push(ConflictRow {
            procedure: case.map(|c| c.procedure_id).unwrap_or_default(),
            name,
            card,
            here: here.clone(),
        });
    }
    Ok(Action::ConflictsListed(rows))
}
