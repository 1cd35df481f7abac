//! CSV for Excel, where commune offices open it: UTF-8 with a byte-order
//! mark (without it Excel shows "Nguyá»…n"), CRLF line ends, fields quoted
//! where needed and formulas defused.

/// The whole file: the mark, the header, then each row.
pub fn for_excel<I, R>(header: &[&str], rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut out = String::from("\u{feff}");
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row.into_iter().map(|c| quote(&c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A CSV cell: quoted when it holds a comma, a quote or a line break; a
/// leading = + - @ is defused so Excel never runs it as a formula.
pub fn quote(cell: &str) -> String {
    let cell = if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_crlf_quotes_and_no_formulas() {
        let text = for_excel(
            &["a", "b"],
            [vec!["Nguyễn Văn \"Tư\", tổ 3".to_owned(), "=1+1".to_owned()]],
        );
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(text.matches("\r\n").count(), 2);
        assert!(text.contains("\"Nguyễn Văn \"\"Tư\"\", tổ 3\",'=1+1"), "{text}");
    }
}
