//! The screens only training has: the list of scenarios, the score card,
//! and the presenter's captions. The visit itself runs on the real screens.

mod lessons;
mod present;
mod score;

pub use lessons::Lessons;
pub use present::Presenter;
pub use score::ScoreCard;
