//! Text editing shared by every screen with a line to type in.

use super::action::Action;
use trolyso_core::text::{InputMethod, LineEditor};

/// Types one key into a field, composing Vietnamese with Telex or VNI.
pub fn type_char(e: &mut LineEditor, c: char, method: InputMethod) {
    let part_of_word = c.is_alphabetic() || (method == InputMethod::Vni && c.is_ascii_digit());
    if method != InputMethod::Off && part_of_word {
        let word = e.word_before_caret().to_owned();
        e.replace_word_before_caret(&trolyso_core::text::compose(&word, c, method));
    } else {
        e.insert_char(c);
    }
}

/// Applies an editing action to a line typed exactly as keyed (passphrases,
/// searches, dates, codes); false when the action is not an edit.
pub fn edit_plain(e: &mut LineEditor, action: &Action) -> bool {
    match action {
        Action::Type(c) => e.insert_char(*c),
        Action::Paste(s) => e.insert_str(s),
        _ => return edit_caret(e, action),
    }
    true
}

/// Applies an editing action, composing typed letters with `method`.
pub fn edit_composed(e: &mut LineEditor, action: &Action, method: InputMethod) -> bool {
    match action {
        Action::Type(c) => {
            type_char(e, *c, method);
            true
        }
        other => edit_plain(e, other),
    }
}

/// Deleting and moving the caret: the same whatever the field composes.
fn edit_caret(e: &mut LineEditor, action: &Action) -> bool {
    match action {
        Action::DeleteBack => e.backspace(),
        Action::DeleteForward => e.delete(),
        Action::CaretLeft => e.left(),
        Action::CaretRight => e.right(),
        Action::CaretHome => e.home(),
        Action::CaretEnd => e.end(),
        Action::DeleteWord => e.delete_word(),
        Action::ClearField => *e = LineEditor::default(),
        _ => return false,
    }
    true
}
