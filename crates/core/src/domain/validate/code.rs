//! Codes the portal or an office hands out (a hồ sơ code): copied letter for
//! letter, never composed into Vietnamese.

use super::{Checked, Validation};
use crate::i18n::Message;

/// Longer than any code the portal shows; a longer value is a paste gone wrong.
pub const MAX_CODE: usize = 64;

pub fn code(input: &str) -> Validation {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Message::new("validate.required"));
    }
    // A code is plain ASCII: a letter with a mark means the input method
    // was on while it was typed.
    if !trimmed.chars().all(|c| c.is_ascii_graphic()) {
        return Err(Message::new("validate.code.form").arg("value", trimmed));
    }
    if trimmed.len() > MAX_CODE {
        return Err(Message::new("validate.code.long").arg("max", MAX_CODE));
    }
    Ok(Checked::ok(trimmed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_kept_as_typed_and_marks_are_refused() {
        assert_eq!(code(" MA-TEST-1 ").unwrap().value, "MA-TEST-1");
        assert_eq!(code("G22.99-241129-0001").unwrap().value, "G22.99-241129-0001");
        assert_eq!(code("MA-TÉT-1").unwrap_err().key, "validate.code.form");
        assert_eq!(code("MA TEST").unwrap_err().key, "validate.code.form");
        assert_eq!(code(&"A".repeat(65)).unwrap_err().key, "validate.code.long");
    }
}
