//! Text put into an HTML page (the resident's slip, the report page).

/// `s` with the characters HTML reads as markup written as entities.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
