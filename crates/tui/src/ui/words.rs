//! Words for values the screens show: levels, certainty, fields of work.

use trolyso_core::domain::procedure::{Certainty, Level};
use trolyso_core::i18n::{Lang, words};
use trolyso_store::store::Status;

pub fn level_key(level: Level) -> &'static str {
    match level {
        Level::Full => "ui.level.full",
        Level::Partial => "ui.level.partial",
        Level::Guide => "ui.level.guide",
        Level::Unknown => "ui.level.unknown",
    }
}

/// A filing's level as the helper is asked it (what the portal showed).
pub fn filing_level_key(level: Level) -> &'static str {
    match level {
        Level::Full => "ui.review.level_full",
        Level::Partial => "ui.review.level_partial",
        Level::Guide | Level::Unknown => "ui.review.level_unknown",
    }
}

/// How far a VNeID account came, as the person's screen says it.
pub fn stage_key(stage: trolyso_core::domain::report::Stage) -> &'static str {
    use trolyso_core::domain::report::Stage;
    match stage {
        Stage::Prepared => "report.stage.prepared",
        Stage::Registered => "report.stage.registered",
        Stage::Activated => "report.stage.activated",
    }
}

pub fn certainty_key(c: Certainty) -> &'static str {
    match c {
        Certainty::Confirmed => "ui.detail.code_ok",
        Certainty::ThirdParty => "ui.detail.code_3p",
        Certainty::Unsure => "ui.detail.code_unsure",
    }
}

fn source_certainty_key(c: Certainty) -> &'static str {
    match c {
        Certainty::Confirmed => "source.ok",
        Certainty::ThirdParty => "source.third_party",
        Certainty::Unsure => "source.unsure",
    }
}

/// A source line with its certainty marks said in words (the wording of
/// DOMAIN.md): `[OK]` "đã đối chiếu văn bản", `[3P]` "theo nguồn tham khảo",
/// `[?]` / `[?: …]` "cần kiểm tra lại". Other brackets are left as written.
pub fn source_in_words(lang: Lang, source: &str) -> String {
    let list = words(lang);
    let mut out = String::new();
    // For each open bracket: whether it was a mark (its ']' becomes ')').
    let mut open = Vec::new();
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            let inner = &rest[1..];
            if let Some((certainty, len)) = Certainty::mark_at(inner) {
                out.push('(');
                out.push_str(list.get(source_certainty_key(certainty)));
                open.push(true);
                rest = &inner[len..];
                continue;
            }
            open.push(false);
        } else if c == ']' && open.pop() == Some(true) {
            out.push(')');
            rest = &rest[1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

pub fn finish_key(to: Status) -> &'static str {
    match to {
        Status::ReadyToFile => "ui.review.ready",
        Status::Filed => "ui.review.filed",
        Status::Preparing => "ui.review.take_up",
        Status::Cancelled => "ui.review.cancel",
        _ => "ui.review.done",
    }
}

/// A field of work's name in the reader's language: the known ones from the
/// word lists (`field_of_work.<key>`), others as the catalogue writes them.
pub fn field_of_work(lang: Lang, key: &str) -> String {
    field_of_work_or(lang, key, &key.replace('_', " "))
}

/// A catalogue entry's field of work in the screen's language; its own
/// (Vietnamese) name when there is no word for it.
pub fn field_of_work_or(lang: Lang, key: &str, own: &str) -> String {
    let word = format!("field_of_work.{key}");
    let list = words(lang);
    if list.contains(&word) {
        list.get(&word).to_owned()
    } else {
        own.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_work_are_named_in_each_language() {
        assert_eq!(field_of_work(Lang::Vi, "chung_thuc"), "Chứng thực");
        assert_eq!(field_of_work(Lang::En, "chung_thuc"), "Certification");
        assert_eq!(field_of_work(Lang::En, "giao_duc"), "giao duc");
        // Issue 13, item 9: certainty in words, not marks.
        assert_eq!(
            source_in_words(Lang::Vi, "VNeID: sự cố [OK; SIM không chính chủ: [?]]"),
            "VNeID: sự cố (đã đối chiếu văn bản; SIM không chính chủ: (cần kiểm tra lại))"
        );
        assert_eq!(
            source_in_words(Lang::Vi, "Mã 2.000635 [3P]; [?: ứng dụng có từ chối không]"),
            "Mã 2.000635 (theo nguồn tham khảo); (cần kiểm tra lại: ứng dụng có từ chối không)"
        );
        assert_eq!(
            source_in_words(Lang::En, "a [list] [OK]"),
            "a [list] (checked against the text)"
        );
        // Issue 13, item 10: an entry's field in English, or its own name.
        assert_eq!(
            field_of_work_or(Lang::En, "chung_thuc", "Chứng thực"),
            "Certification"
        );
        assert_eq!(field_of_work_or(Lang::En, "giao_duc", "Giáo dục"), "Giáo dục");
    }
}
