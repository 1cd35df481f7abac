//! Runs effects against the store and turns their results into actions.

use std::path::{Path, PathBuf};

use super::action::{Action, Effect};
use super::slip::Slip;
use super::{App, update};
use crate::domain::procedure::ResidentFields;
use crate::domain::validate::Sex;
use crate::i18n::Message;
use crate::store::{Case, CaseRow, Id, KdfParams, Resident, Store, StoreError};

/// Searches by what the query looks like: 9 or 12 digits an identification
/// number, 10 or 11 a phone, anything else a name.
fn search(store: &Store, query: &str) -> Result<Vec<CaseRow>, StoreError> {
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    let only_number = query.chars().all(|c| c.is_ascii_digit() || " .+-".contains(c));
    let page = match digits.len() {
        9 | 12 if only_number => store.search_id_number(&digits, RECENT_PAGE, None)?,
        10 | 11 if only_number => store.search_phone(query, RECENT_PAGE, None)?,
        _ => store.search_name(query, RECENT_PAGE, None)?,
    };
    Ok(page.items)
}

/// Copies the resident's answers to their record, creating it and linking
/// the case the first time a name is there.
fn sync_resident(
    store: &Store,
    case: Case,
    fields: &ResidentFields,
    helper: &str,
) -> Result<Case, StoreError> {
    let answer = |f: &Option<String>| f.as_ref().and_then(|f| case.answers.get(f)).cloned();
    let Some(name) = answer(&fields.name) else {
        return Ok(case);
    };
    let mut resident = Resident {
        id: Id([0; 16]),
        full_name: name,
        id_number: answer(&fields.id_number),
        birth_date: answer(&fields.birth_date),
        sex: answer(&fields.sex).as_deref().and_then(Sex::from_answer),
        phone: answer(&fields.phone),
        commune_code: None,
        notes: String::new(),
    };
    match case.resident_id {
        Some(id) => {
            if let Some(old) = store.resident(&id)? {
                resident.commune_code = old.commune_code;
                resident.notes = old.notes;
            }
            resident.id = id;
            store.update_resident(&resident)?;
            Ok(case)
        }
        None => {
            let created = store.create_resident(resident)?;
            store.set_case_resident(&case.id, created.id, helper)
        }
    }
}

/// Writes `slips/<date>-<case>.txt` and `.html`, owner-only; returns the
/// HTML page's path (the one to print).
fn write_slip(dir: &Path, case: &Id, slip: &Slip) -> std::io::Result<PathBuf> {
    use std::io::Write;
    let folder = dir.join("slips");
    crate::store::paths::create_private_dir(&folder)?;
    // Date and time, then the random end of the case id: two slips never
    // share a name, and a folder lists them in order.
    let (day, time) = crate::domain::date::local_time(crate::store::now_ms());
    let id = case.to_string();
    let stem = format!(
        "{:04}{:02}{:02}-{}-{}",
        day.year,
        day.month,
        day.day,
        time.replace(':', ""),
        &id[id.len() - 8..]
    );
    for (ext, body) in [("txt", &slip.text), ("html", &slip.html)] {
        let path = folder.join(format!("{stem}.{ext}"));
        let mut f = crate::store::paths::private_file()
            .create(true)
            .truncate(true)
            .write(true)
            .open(&path)?;
        f.write_all(body.as_bytes())?;
        f.sync_all()?;
    }
    Ok(folder.join(format!("{stem}.html")))
}

/// How many recent cases Home shows.
pub const RECENT_PAGE: usize = 50;

/// Where copied text goes: the terminal's clipboard by OSC 52 in the app,
/// a list in tests.
pub type Clipboard = Box<dyn FnMut(&str) -> std::io::Result<()>>;

pub struct Runtime {
    pub dir: PathBuf,
    pub kdf: KdfParams,
    pub store: Option<Store>,
    pub clipboard: Clipboard,
}

/// Copies through the terminal (OSC 52): works over SSH and in Windows
/// Terminal, with no clipboard library and nothing printed on screen.
pub fn osc52(text: &str) -> std::io::Result<()> {
    use base64::Engine;
    use std::io::Write;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

impl Runtime {
    pub fn new(dir: PathBuf, kdf: KdfParams) -> Self {
        Runtime {
            dir,
            kdf,
            store: None,
            clipboard: Box::new(osc52),
        }
    }

    /// Runs one effect; its result comes back as an action.
    fn run(&mut self, effect: Effect) -> Action {
        let no_store = || Action::StoreFailed(Message::new("ui.no_store"));
        match effect {
            Effect::SaveSettings(settings) => match self.store.as_ref().map(|s| s.save_settings(&settings)) {
                Some(Ok(())) => Action::SettingsSaved,
                Some(Err(e)) => Action::SaveFailed(e.message()),
                None => no_store(),
            },
            Effect::Copy(text) => match (self.clipboard)(&text) {
                Ok(()) => Action::Copied,
                Err(e) => Action::SaveFailed(Message::new("ui.filing.copy_failed").arg("detail", e)),
            },
            Effect::CloseStore => {
                self.store = None;
                Action::StoreClosed
            }
            Effect::CreateStore { passphrase, settings } => {
                let made = Store::create(&self.dir, &passphrase, self.kdf)
                    .and_then(|(store, code)| store.save_settings(&settings).map(|()| (store, code)));
                match made {
                    Ok((store, code)) => {
                        self.store = Some(store);
                        Action::StoreReady {
                            recovery_code: Some(code.to_string()),
                            settings,
                        }
                    }
                    Err(e) => Action::StoreFailed(e.message()),
                }
            }
            Effect::OpenStore { passphrase } => {
                match Store::open(&self.dir, &passphrase)
                    .and_then(|s| s.settings().map(|settings| (s, settings)))
                {
                    Ok((store, settings)) => {
                        // The first unlock of the day takes the daily backup
                        // (in the foreground: a store shared with a backup
                        // thread could not close on the idle lock).
                        store.take_daily_backup();
                        self.store = Some(store);
                        Action::StoreReady {
                            recovery_code: None,
                            settings,
                        }
                    }
                    Err(e) => Action::StoreFailed(e.message()),
                }
            }
            Effect::LoadRecent => match self.store.as_ref().map(|s| s.recent(RECENT_PAGE, None)) {
                Some(Ok(page)) => Action::RecentLoaded(page.items),
                Some(Err(e)) => Action::StoreFailed(e.message()),
                None => no_store(),
            },
            Effect::CreateCase {
                procedure_id,
                version,
                helper,
                readiness,
            } => {
                let Some(store) = self.store.as_ref() else {
                    return no_store();
                };
                let made = store
                    .create_case(&procedure_id, version, None, &helper)
                    .and_then(|case| {
                        if readiness.is_empty() {
                            Ok(case)
                        } else {
                            store.set_readiness(&case.id, &readiness, &helper)
                        }
                    });
                match made {
                    Ok(case) => Action::CaseOpened(case),
                    Err(e) => Action::StoreFailed(e.message()),
                }
            }
            Effect::OpenCase(id) => match self.store.as_ref().map(|s| s.case(&id)) {
                Some(Ok(Some(case))) => Action::CaseOpened(case),
                Some(Ok(None)) => Action::StoreFailed(Message::new("store.not_found")),
                Some(Err(e)) => Action::StoreFailed(e.message()),
                None => no_store(),
            },
            Effect::SaveAnswer {
                case,
                field,
                value,
                helper,
                resident,
            } => {
                let Some(store) = self.store.as_ref() else {
                    return Action::SaveFailed(Message::new("ui.no_store"));
                };
                let saved =
                    store
                        .set_answer(&case, &field, &value, &helper)
                        .and_then(|case| match &resident {
                            Some(fields) => sync_resident(store, case, fields, &helper),
                            None => Ok(case),
                        });
                match saved {
                    Ok(case) => Action::AnswerSaved(case),
                    Err(e) => Action::SaveFailed(e.message()),
                }
            }
            Effect::SetDocument {
                case,
                document,
                brought,
                helper,
            } => match self
                .store
                .as_ref()
                .map(|s| s.set_document(&case, &document, brought, &helper))
            {
                Some(Ok(case)) => Action::AnswerSaved(case),
                Some(Err(e)) => Action::SaveFailed(e.message()),
                None => Action::SaveFailed(Message::new("ui.no_store")),
            },
            Effect::SetStatus {
                case,
                to,
                change,
                helper,
            } => {
                match self
                    .store
                    .as_ref()
                    .map(|s| s.set_status(&case, to, &change, &helper))
                {
                    Some(Ok(case)) => Action::StatusChanged(case),
                    Some(Err(e)) => Action::SaveFailed(e.message()),
                    None => Action::SaveFailed(Message::new("ui.no_store")),
                }
            }
            Effect::WriteSlip { case, slip } => match write_slip(&self.dir, &case, &slip) {
                Ok(path) => Action::SlipWritten(path),
                Err(e) => Action::SaveFailed(
                    Message::new("store.io")
                        .arg("dir", self.dir.join("slips").display())
                        .arg("detail", e),
                ),
            },
            Effect::Search(query) => match self.store.as_ref().map(|s| search(s, &query)) {
                Some(Ok(rows)) => Action::RecentLoaded(rows),
                Some(Err(e)) => Action::StoreFailed(e.message()),
                None => no_store(),
            },
        }
    }

    /// Applies an action and every action its effects lead to, in order.
    pub fn dispatch(&mut self, app: &mut App, action: Action) {
        let mut queue = std::collections::VecDeque::from([action]);
        while let Some(a) = queue.pop_front() {
            for effect in update(app, a) {
                queue.push_back(self.run(effect));
            }
        }
    }
}
