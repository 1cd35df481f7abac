//! The slip a resident takes home: what was done, the hồ sơ code, what to
//! bring or do next, the next visit, the helper's name. Numbers are masked;
//! no password, OTP or passcode is ever on it (the app never has them).

use trolyso_core::domain::privacy::{mask_number, mask_numbers_in};
use trolyso_core::domain::procedure::Procedure;
use trolyso_core::i18n::{Lang, Message};
use trolyso_core::text::escape_html;
use trolyso_store::store::{Case, Reason, Status};

/// A slip as plain text and as a printable HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    pub text: String,
    pub html: String,
}

impl Slip {
    /// Marks a slip printed in training, at the top of both forms: it
    /// must never pass for a real one.
    pub fn mark_practice(&mut self) {
        let mark = Message::new("slip.practice").render(Lang::Vi);
        self.text = format!("*** {mark} ***\n{}", self.text);
        self.html = self.html.replacen(
            "<body>",
            &format!(
                "<body>\n<p style=\"border:3px solid #b00;color:#b00;font-weight:bold;padding:.5em\">{}</p>",
                escape_html(&mark)
            ),
            1,
        );
    }
}

fn advice_key(reason: Reason) -> &'static str {
    match reason {
        Reason::NoChipCard => "slip.advice.no_chip_card",
        Reason::SimNotOwnName => "slip.advice.sim_not_own_name",
        Reason::NoOtp => "slip.advice.no_otp",
        Reason::NoNfcPhone => "slip.advice.no_nfc_phone",
        Reason::MissingDocument => "slip.advice.missing_document",
        Reason::PortalDown => "slip.advice.portal_down",
        Reason::NoSignal => "slip.advice.no_signal",
        Reason::WaitingApproval => "slip.advice.waiting_approval",
        Reason::ResidentLeft => "slip.advice.resident_left",
        Reason::Other => "slip.advice.other",
    }
}

/// Where the slip was written: the office's commune, when one is set.
pub struct Office {
    pub commune: Option<String>,
}

/// Composes the slip for a case at its current status.
pub fn compose(
    case: &Case,
    procedure: &Procedure,
    title: &str,
    lang: Lang,
    today: &str,
    office: &Office,
) -> Slip {
    let w = |key: &'static str| Message::new(key).render(lang);
    let answer = |f: &Option<String>| f.as_ref().and_then(|f| case.answers.get(f)).cloned();
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Some(name) = answer(&procedure.resident.name) {
        rows.push((w("slip.resident"), name));
    }
    // The others the case names, by their own labels: the child of a birth
    // registration (the slip never named the child; issue 30, item 14).
    for f in procedure.person_name_fields() {
        if procedure.resident.name.as_deref() == Some(f.id.as_str()) || !f.is_relevant(&case.answers) {
            continue;
        }
        if let Some(name) = case.answers.get(&f.id).filter(|v| !v.trim().is_empty()) {
            rows.push((f.label.get(lang).to_owned(), name.clone()));
        }
    }
    if let Some(n) = answer(&procedure.resident.id_number) {
        rows.push((w("slip.id_number"), mask_number(&n)));
    }
    rows.push((w("slip.procedure"), title.to_owned()));
    rows.push((w("slip.status"), w(case.status.message_key())));
    if let Some(code) = &case.hoso_code {
        rows.push((w("slip.hoso_code"), code.clone()));
    }
    let mut next: Vec<String> = Vec::new();
    if let Some(reason) = case.reason.filter(|_| case.status == Status::Paused) {
        rows.push((w("slip.reason"), w(reason.message_key())));
        if let Some(note) = &case.pause_note {
            rows.push((w("slip.pause_note"), mask_numbers_in(note)));
        }
        next.push(w(advice_key(reason)));
    }
    if matches!(
        case.status,
        Status::Paused | Status::Preparing | Status::NeedsMore
    ) {
        let docs: Vec<&str> = procedure
            .documents
            .iter()
            .filter(|d| d.is_relevant(&case.answers))
            // What the resident has already brought is not asked for again.
            .filter(|d| !case.documents.get(&d.id).copied().unwrap_or(false))
            .map(|d| d.text.get(lang))
            .collect();
        if !docs.is_empty() {
            next.push(format!("{} {}", w("slip.bring"), docs.join("; ")));
        }
    }
    if case.status == Status::Filed {
        next.push(w("slip.track"));
    }
    if let Some(d) = &case.next_visit {
        rows.push((w("slip.next_visit"), d.clone()));
    }
    if let Some(commune) = &office.commune {
        rows.push((w("slip.office"), commune.clone()));
    }
    rows.push((w("slip.helper"), case.helper.clone()));
    rows.push((w("slip.date"), today.to_owned()));

    let title = w("slip.title");
    let mut text = format!("{title}\n{}\n\n", "=".repeat(title.chars().count()));
    for (k, v) in &rows {
        text.push_str(&format!("{k}: {v}\n"));
    }
    if !next.is_empty() {
        text.push_str(&format!("\n{}\n", w("slip.next")));
        for n in &next {
            text.push_str(&format!("- {n}\n"));
        }
    }
    text.push_str(&format!("\n{}\n", w("slip.footer")));

    let mut html = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>body{{font-family:sans-serif;max-width:40em;margin:2em auto;font-size:14pt}}th{{text-align:left;padding-right:1em}}</style></head><body>\n<h1>{}</h1>\n<table>\n",
        lang.code(),
        escape_html(&title),
        escape_html(&title)
    );
    for (k, v) in &rows {
        html.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>\n",
            escape_html(k),
            escape_html(v)
        ));
    }
    html.push_str("</table>\n");
    if !next.is_empty() {
        html.push_str(&format!("<h2>{}</h2>\n<ul>\n", escape_html(&w("slip.next"))));
        for n in &next {
            html.push_str(&format!("<li>{}</li>\n", escape_html(n)));
        }
        html.push_str("</ul>\n");
    }
    html.push_str(&format!(
        "<p>{}</p>\n</body></html>\n",
        escape_html(&w("slip.footer"))
    ));
    Slip { text, html }
}

#[cfg(test)]
mod tests {
    use trolyso_core::assets::AssetSource;
    use trolyso_core::domain::procedure::load_all;
    use trolyso_core::i18n::Lang;
    use trolyso_store::store::{Case, Id, Reason, Status};

    /// Issue 32, item 8: a pause note printed whole on the slip put a phone
    /// and an ID number on paper beside the masked one above it.
    #[test]
    fn numbers_in_a_pause_note_are_masked_on_the_slip() {
        let catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
        let p = catalogue.get("vneid-muc-1").unwrap();
        let mut case = Case::new(Id([7; 16]), &p.id, p.version, "Chị Hoa", 1_795_833_000_000);
        case.status = Status::Paused;
        case.reason = Some(Reason::NoOtp);
        case.pause_note = Some("Gọi lại số 0981357924 sau 17h, CCCD 038190777123".into());
        let office = super::Office { commune: None };
        let slip = super::compose(&case, p, "VNeID", Lang::Vi, "03/12/2026", &office);
        for text in [&slip.text, &slip.html] {
            assert!(
                !text.contains("0981357924") && !text.contains("038190777123"),
                "{text}"
            );
            assert!(text.contains("•••••••924") && text.contains("sau 17h"), "{text}");
        }
    }

    /// Issue 30, item 14: a birth's slip names the child, and the office.
    #[test]
    fn a_birth_slip_names_the_child_and_the_office() {
        let catalogue = load_all(&AssetSource::Embedded.procedure_files().unwrap());
        let p = catalogue.get("dang-ky-khai-sinh").unwrap();
        let mut case = Case::new(Id([8; 16]), &p.id, p.version, "Chị Hoa", 1_795_833_000_000);
        for (k, v) in [("ho_ten_tre", "Nguyễn Văn Ân"), ("ho_ten_me", "Trần Thị Hoa")] {
            case.answers.insert(k.into(), v.into());
        }
        let office = super::Office {
            commune: Some("Xã Quang Chiểu, Thanh Hóa".into()),
        };
        let slip = super::compose(&case, p, "Đăng ký khai sinh", Lang::Vi, "03/12/2026", &office);
        for text in [&slip.text, &slip.html] {
            assert!(
                text.contains("Họ và tên của trẻ") && text.contains("Nguyễn Văn Ân"),
                "{text}"
            );
            assert!(
                text.contains("Trần Thị Hoa") && text.contains("Xã Quang Chiểu, Thanh Hóa"),
                "{text}"
            );
        }
        // The father's name field is hidden (no father recorded): not printed.
        assert!(!slip.text.contains("Họ và tên cha"), "{}", slip.text);
    }
}
