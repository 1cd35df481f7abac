//! Long work on a worker thread (gitui's `AsyncJob` is the model): it tells
//! a shared `Progress` how far it has come, can be asked to stop, and
//! hands back what it made; the screen answers keys meanwhile. Opening the
//! data is one (it hands back the store), a bundle's import another (it
//! hands back the action to dispatch).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use trolyso_store::store::{Progress, Reached, Store};
use trolyso_tui::app::Action;

/// Work on the open store: what to do with it, telling `Progress` as it goes.
pub type Work = Box<dyn FnOnce(&Store, &Progress) -> Action + Send>;

/// How an effect runs: at once (short work), or beside the screen on a
/// worker (long work; tests of whole flows run it in place).
#[expect(
    clippy::large_enum_variant,
    reason = "returned once and matched at once, never kept"
)]
pub enum Run {
    Now(Action),
    Beside(Work),
}

pub struct Job<T> {
    progress: Arc<Progress>,
    stop: Arc<AtomicBool>,
    shown: Reached,
    handle: std::thread::JoinHandle<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread named `name`; it is given the progress to
    /// tell and the stop flag to look at between its steps.
    pub fn spawn(
        name: &str,
        work: impl FnOnce(&Progress, &AtomicBool) -> T + Send + 'static,
    ) -> std::io::Result<Job<T>> {
        let progress = Arc::new(Progress::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (progress_there, stop_there) = (progress.clone(), stop.clone());
        let handle = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || work(&progress_there, &stop_there))?;
        Ok(Job {
            progress,
            stop,
            shown: Reached::default(),
            handle,
        })
    }

    /// Whether it has ended (then [`Job::join`] does not wait).
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

    /// Asks it to stop at its next step (work on the store looks at its
    /// progress for it).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
        self.progress.ask_to_stop();
    }

    /// What it made, waiting for it if it is still running; `Err` if it
    /// panicked.
    pub fn join(self) -> std::thread::Result<T> {
        self.handle.join()
    }
}

impl Job<Action> {
    /// Starts `work` on the open store, watched as store work is.
    pub fn on_store(store: Arc<Store>, work: Work) -> std::io::Result<Job<Action>> {
        Job::spawn("store work", move |progress, _| {
            trolyso_store::store::watch::busy(|| work(&store, progress))
        })
    }

    /// The action it ended with (a panic said in words).
    pub fn end(self) -> Action {
        self.join()
            .unwrap_or_else(|_| Action::Failed(trolyso_core::i18n::Message::new("ui.work_failed")))
    }
}
