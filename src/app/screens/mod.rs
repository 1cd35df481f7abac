//! One module per screen: its state, its key layers, its `update`.

mod detail;
mod home;
mod picker;
mod recovery;
mod restore;
pub mod settings;
mod setup;
mod unlock;
mod wizard;

pub use detail::Detail;
pub use home::Home;
pub use picker::{PickRow, Picker, fields_of_work, picker_matches};
pub use recovery::Recovery;
pub use restore::{Found, RestoreOffer};
pub use settings::{SettingsForm, SettingsRow};
pub use setup::{Setup, SetupFocus};
pub use unlock::{Forgot, ForgotFocus, Unlock};
pub use wizard::{Filing, Mode, PauseForm, Review, ReviewRow, Wizard};
