use super::{Checked, Validation};
use crate::i18n::Message;

/// An e-mail address, checked for its shape only (name@domain.tld), stored
/// in lower case with the spaces around it removed.
pub fn email(input: &str) -> Validation {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Message::new("validate.required"));
    }
    let bad = || Message::new("validate.email.form").arg("value", trimmed);
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let Some((local, domain)) = trimmed.split_once('@') else {
        return Err(bad());
    };
    let labels_ok = domain.split('.').all(|l| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    if local.is_empty() || domain.contains('@') || !domain.contains('.') || !labels_ok {
        return Err(bad());
    }
    Ok(Checked::ok(trimmed.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(
            email(" An.Nguyen@Example.vn ").unwrap().value,
            "an.nguyen@example.vn"
        );
        for bad in [
            "an",
            "an@",
            "@x.vn",
            "an@x",
            "an@@x.vn",
            "an@x..vn",
            "an nguyen@x.vn",
            "an@-x.vn",
        ] {
            assert_eq!(email(bad).unwrap_err().key, "validate.email.form", "{bad}");
        }
        assert_eq!(email("").unwrap_err().key, "validate.required");
    }
}
