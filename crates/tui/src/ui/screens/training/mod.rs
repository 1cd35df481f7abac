//! Training's own screens, mirroring `app/screens/training`, and the
//! simulated resident drawn over the real screens during an exercise.

mod lessons;
mod present;
pub mod resident;
mod score;

pub use lessons::draw as lessons;
pub use present::draw as present;
pub use score::draw as score;
