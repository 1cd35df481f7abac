//! Runs effects against the store and turns their results into actions.

use std::path::PathBuf;

use super::action::{Action, Effect};
use super::{App, update};
use crate::i18n::Message;
use crate::store::{KdfParams, Store};

/// How many recent cases Home shows.
pub const RECENT_PAGE: usize = 50;

pub struct Runtime {
    pub dir: PathBuf,
    pub kdf: KdfParams,
    pub store: Option<Store>,
}

impl Runtime {
    pub fn new(dir: PathBuf, kdf: KdfParams) -> Self {
        Runtime {
            dir,
            kdf,
            store: None,
        }
    }

    fn run(&mut self, effect: Effect) -> Action {
        let no_store = || Action::StoreFailed(Message::new("ui.no_store"));
        match effect {
            Effect::CreateStore { passphrase } => match Store::create(&self.dir, &passphrase, self.kdf) {
                Ok((store, code)) => {
                    self.store = Some(store);
                    Action::StoreReady {
                        recovery_code: Some(code.to_string()),
                    }
                }
                Err(e) => Action::StoreFailed(e.message()),
            },
            Effect::OpenStore { passphrase } => match Store::open(&self.dir, &passphrase) {
                Ok(store) => {
                    self.store = Some(store);
                    Action::StoreReady { recovery_code: None }
                }
                Err(e) => Action::StoreFailed(e.message()),
            },
            Effect::LoadRecent => match self.store.as_ref().map(|s| s.recent(RECENT_PAGE, None)) {
                Some(Ok(page)) => Action::RecentLoaded(page.items),
                Some(Err(e)) => Action::StoreFailed(e.message()),
                None => no_store(),
            },
            Effect::CreateCase {
                procedure_id,
                version,
                helper,
            } => {
                match self
                    .store
                    .as_ref()
                    .map(|s| s.create_case(&procedure_id, version, None, &helper))
                {
                    Some(Ok(case)) => Action::CaseOpened(case),
                    Some(Err(e)) => Action::StoreFailed(e.message()),
                    None => no_store(),
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
            } => {
                match self
                    .store
                    .as_ref()
                    .map(|s| s.set_answer(&case, &field, &value, &helper))
                {
                    Some(Ok(case)) => Action::AnswerSaved(case),
                    Some(Err(e)) => Action::SaveFailed(e.message()),
                    None => Action::SaveFailed(Message::new("ui.no_store")),
                }
            }
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
