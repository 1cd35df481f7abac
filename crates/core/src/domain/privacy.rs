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

/// A name as screens others may read show it: the family name, then the
/// other words' first letters: "Lê Thị Mai" → "Lê T. M.".
pub fn mask_name(name: &str) -> String {
    let mut words = name.split_whitespace();
    let Some(family) = words.next() else {
        return String::new();
    };
    let mut out = family.to_owned();
    for word in words {
        if let Some(first) = unicode_segmentation::UnicodeSegmentation::graphemes(word, true).next() {
            out.push(' ');
            out.push_str(first);
            out.push('.');
        }
    }
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

/// Free text (a pause note) with every number of nine digits or more —
/// an identification number, a phone, typed with spaces, dots or dashes
/// inside or not — masked as lists show numbers: "gọi 0981 357 924" →
/// "gọi •••••••924". Shorter numbers (dates, house numbers) stay.
pub fn mask_numbers_in(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A run of digits, with single separators between digits.
        let mut end = i;
        let mut j = i;
        while j < chars.len() {
            if chars[j].is_ascii_digit() {
                end = j + 1;
                j += 1;
            } else if " .-".contains(chars[j]) && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
                j += 1;
            } else {
                break;
            }
        }
        let run: String = chars[i..end].iter().collect();
        if run.chars().filter(char::is_ascii_digit).count() >= 9 {
            let digits: String = run.chars().filter(char::is_ascii_digit).collect();
            out.push_str(&mask_number(&digits));
        } else {
            out.push_str(&run);
        }
        i = end;
    }
    out
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

    #[test]
    fn long_numbers_in_free_text_are_masked_and_short_ones_kept() {
        assert_eq!(
            mask_numbers_in("Gọi lại số 0981357924 sau 17h, CCCD 038190777123"),
            "Gọi lại số •••••••924 sau 17h, CCCD •••••••••123"
        );
        assert_eq!(mask_numbers_in("gọi 0981 357 924."), "gọi •••••••924.");
        assert_eq!(
            mask_numbers_in("hẹn 05/12/2026, nhà số 12"),
            "hẹn 05/12/2026, nhà số 12"
        );
        assert_eq!(mask_numbers_in("Nguyễn Văn Ân"), "Nguyễn Văn Ân");
        assert_eq!(mask_numbers_in("123456789"), "••••••789");
        assert_eq!(mask_numbers_in("12345678"), "12345678");
    }

    #[test]
    fn a_name_keeps_its_family_name_and_initials() {
        assert_eq!(super::mask_name("Lê Thị Mai"), "Lê T. M.");
        assert_eq!(super::mask_name("  Đặng   Ánh "), "Đặng Á.");
        assert_eq!(super::mask_name(""), "");
    }
}
