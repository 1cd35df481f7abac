//! Codes written with letters only, for ids and hashes that leave the
//! machine: a run of digits in one would look like an identification
//! number or a phone to whoever scans what a commune sends.

/// Each half byte as a letter from `a` to `p`: two letters a byte.
pub fn letter_code(bytes: &[u8]) -> String {
    bytes
        .iter()
        .flat_map(|b| [b >> 4, b & 0x0f])
        .map(|n| char::from(b'a' + n))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn letters_only() {
        assert_eq!(super::letter_code(&[0x00, 0x9f, 0xff]), "aajppp");
    }
}
