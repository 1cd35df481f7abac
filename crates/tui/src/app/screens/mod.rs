//! One module per screen: its state, its key layers, its `update`.

mod conflicts;
mod detail;
mod exchange;
mod home;
mod person;
mod picker;
mod recovery;
mod report;
mod restore;
pub(crate) mod settings;
mod setup;
mod tour;
mod training;
mod unlock;
mod wizard;

pub use conflicts::{CardField, ConflictRow, Conflicts, Kept, KeptValue};
pub use detail::Detail;
pub use exchange::{Exchange, ExchangeInfo, MachineRow};
pub use home::{Home, RESULTS};
pub use person::{Ask, PersonFile, PersonView};
pub use picker::{PickRow, Picker, fields_of_work, picker_matches};
pub use recovery::Recovery;
pub use report::{ReportView, VISITS_AHEAD_DAYS, VisitRow};
pub use restore::{Found, RestoreOffer};
pub use settings::{SettingsForm, SettingsRow};
pub use setup::{Setup, SetupFocus};
pub use tour::{PAGES as TOUR_PAGES, Tour};
pub use training::{Lessons, Presenter, ScoreCard};
pub use unlock::{Forgot, ForgotFocus, Unlock};
pub use wizard::{FILING_LEVELS, Filing, Mode, PauseFocus, PauseForm, Review, ReviewRow, Wizard};

/// What is wrong with a new passphrase typed twice (too short, or the two
/// differ), as a message key; the same rule at setup and on recovery.
fn new_passphrase_problem(new: &str, again: &str) -> Option<&'static str> {
    if !trolyso_core::domain::validate::long_enough(new) {
        Some("ui.setup.too_short")
    } else if new != again {
        Some("ui.setup.mismatch")
    } else {
        None
    }
}

/// The row after (or before) `at` in a form's `order`, staying put at the
/// ends: Tab and Shift+Tab on every form.
fn neighbour<T: Copy + PartialEq>(order: &[T], at: T, forward: bool) -> T {
    let i = order.iter().position(|r| *r == at).unwrap_or(0);
    let to = if forward {
        (i + 1).min(order.len() - 1)
    } else {
        i.saturating_sub(1)
    };
    order[to]
}

#[cfg(test)]
mod tests {
    #[test]
    fn neighbour_stays_at_the_ends() {
        let order = [1, 2, 3];
        assert_eq!(super::neighbour(&order, 1, true), 2);
        assert_eq!(super::neighbour(&order, 3, true), 3);
        assert_eq!(super::neighbour(&order, 2, false), 1);
        assert_eq!(super::neighbour(&order, 1, false), 1);
    }
}
