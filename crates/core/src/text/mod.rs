//! Vietnamese text as people type and read it: NFC, accent folding, grapheme
//! editing measured in screen columns, and the Telex / VNI composers.
//!
//! Byte offsets, code points, graphemes and display columns are kept apart:
//! the editor moves by grapheme, the screen measures by column, and nothing
//! here uses `.len()` to place a cursor.

mod compose;
pub mod csv;
mod fold;
mod html;
mod letters;
mod line_edit;
mod normalize;

pub use compose::{InputMethod, compose, compose_str};
pub use fold::{fold, fold_matches};
pub use html::escape_html;
pub use letters::letter_code;
pub use line_edit::LineEditor;
pub use normalize::{display_width, fit_start, nfc, truncate};
