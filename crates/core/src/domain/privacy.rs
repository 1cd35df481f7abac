//! How personal numbers are shown where others may see: on lists and slips
//! only the last digits, so a helper can tell cases apart.

/// All but the last `visible` characters as dots: `•••••••••123`.
pub fn mask_tail(value: &str, visible: usize) -> String {
    let chars: Vec<char> = value.chars().filter(|c| !c.is_whitespace()).collect();
    let shown = visible.min(chars.len());
    let hidden = chars.len() - shown;
    let mut out = "•".repeat(hidden);
    out.extend(&chars[hidden..]);
    out
}

/// The last six places of [`mask_number`], for a crowded row: `•••123`.
pub fn mask_short(value: &str) -> String {
    let masked: Vec<char> = mask_number(value).chars().collect();
    masked[masked.len().saturating_sub(6)..].iter().collect()
}

/// An identification or phone number as lists show it.
pub fn mask_number(value: &str) -> String {
    mask_tail(value, 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_all_but_the_tail() {
        assert_eq!(mask_number("038090012123"), "•••••••••123");
        assert_eq!(mask_number("0912 345 678"), "•••••••678");
        assert_eq!(mask_number("12"), "12");
        assert_eq!(mask_number(""), "");
        assert_eq!(mask_short("038090012123"), "•••123");
        assert_eq!(mask_short("1234"), "•234");
    }
}
