//! The training scenarios Home's training key opens, read beside the first
//! screen.

/// The scenarios for training from Home: read on their own thread at start.
pub enum Lessons {
    Loading(std::thread::JoinHandle<Vec<trolyso_core::domain::training::Scenario>>),
    Ready(Vec<trolyso_core::domain::training::Scenario>),
}

impl Lessons {
    /// The scenarios, waiting for them if they are still being read.
    pub(super) fn get(&mut self) -> &[trolyso_core::domain::training::Scenario] {
        if matches!(self, Lessons::Loading(_))
            && let Lessons::Loading(handle) = std::mem::replace(self, Lessons::Ready(Vec::new()))
        {
            // A thread that panicked leaves no scenarios (the list says so).
            *self = Lessons::Ready(handle.join().unwrap_or_default());
        }
        match self {
            Lessons::Ready(s) => s,
            Lessons::Loading(_) => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lessons;

    #[test]
    fn lessons_are_read_once_and_kept() {
        use trolyso_core::assets::AssetSource;
        let mut l = Lessons::Loading(std::thread::spawn(|| {
            let catalogue =
                trolyso_core::domain::procedure::load_all(&AssetSource::Embedded.procedure_files().unwrap());
            let files = AssetSource::Embedded.training_files().unwrap();
            let any_end = |_: &str, _: Option<&str>| true;
            trolyso_core::domain::training::load_scenarios(
                &files,
                &catalogue,
                &any_end,
                trolyso_core::domain::Date::today(),
            )
            .0
        }));
        let first = l.get().len();
        assert!(first >= 10);
        assert_eq!(l.get().len(), first, "kept for the second visit");
    }
}
