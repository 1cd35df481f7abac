//! Long work on the open store on a worker thread (gitui's `AsyncJob` is
//! the model): how far it has come comes back as [`Action::Working`], its
//! end as the action it made; the screen answers keys meanwhile.

use std::sync::Arc;

use crate::app::Action;
use trolyso_store::store::{Progress, Reached, Store};

/// The work: what to do with the store, telling `Progress` as it goes.
pub type Work = Box<dyn FnOnce(&Store, &Progress) -> Action + Send>;

pub struct Job {
    progress: Arc<Progress>,
    shown: Reached,
    handle: std::thread::JoinHandle<Action>,
}

impl Job {
    /// Starts `work` on its own thread, watched as store work is.
    pub fn start(store: Arc<Store>, work: Work) -> std::io::Result<Job> {
        let progress = Arc::new(Progress::default());
        let there = progress.clone();
        let handle = std::thread::Builder::new()
            .name("store work".into())
            .spawn(move || trolyso_store::store::watch::busy(|| work(&store, &there)))?;
        Ok(Job {
            progress,
            shown: Reached::default(),
            handle,
        })
    }

    /// Whether it has ended (then [`Job::poll`] gives its action).
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// How far it has come, if that changed since the last look.
    pub fn moved(&mut self) -> Option<Reached> {
        let now = self.progress.reached();
        (now != self.shown).then(|| {
            self.shown = now;
            now
        })
    }

    /// Its end, waiting for it if it is still running.
    pub fn end(self) -> Action {
        self.handle
            .join()
            .unwrap_or_else(|_| Action::Failed(trolyso_core::i18n::Message::new("ui.work_failed")))
    }
}
