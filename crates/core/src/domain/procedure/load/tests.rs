use super::*;

fn file(name: &str, text: &str) -> SourceFile {
    SourceFile {
        name: name.into(),
        text: text.into(),
    }
}

const GOOD: &str = r#"
id = "mau"
version = 2
title = { vi = "Thủ tục mẫu", en = "Sample" }
level = "mot_phan"
sources = ["Luật Hộ tịch 2014, Điều 16 [?]"]

[[documents]]
id = "cccd"
vi = "Thẻ căn cước"

[[steps]]
id = "hoi"
title = { vi = "Hỏi" }

[[steps.fields]]
id = "co_nfc"
kind = "yes_no"
label = { vi = "Điện thoại có NFC?" }
required = true

[[steps.fields]]
id = "so_dinh_danh"
kind = "id_number"
label = { vi = "Số định danh" }
checks = { birth_date = "ngay_sinh" }
relevant = { field = "co_nfc", equals = "yes" }

[[steps]]
id = "sau"
title = { vi = "Sau", en = "Later" }
relevant = { any = [{ field = "co_nfc", equals = "no" }, { not = { field = "so_dinh_danh", answered = true } }] }

[[steps.fields]]
id = "ngay_sinh"
kind = "date"
label = { vi = "Ngày sinh" }
not_future = true
"#;

#[test]
fn a_good_file_loads() {
    let p = load_one(&file("mau.toml", GOOD)).unwrap();
    assert_eq!(p.id, "mau");
    assert_eq!(p.version, 2);
    assert_eq!(p.steps.len(), 2);
    assert_eq!(
        p.field("so_dinh_danh").unwrap().id_checks.birth_date.as_deref(),
        Some("ngay_sinh")
    );
    assert_eq!(p.title.get(Lang::En), "Sample");
    assert_eq!(p.steps[0].title.get(Lang::En), "Hỏi");
}

fn problems(text: &str) -> Vec<String> {
    load_one(&file("hong.toml", text))
        .unwrap_err()
        .iter()
        .map(|p| p.render(Lang::Vi))
        .collect()
}

#[test]
fn unknown_kind_is_located() {
    let broken = GOOD.replace("kind = \"date\"", "kind = \"ngay\"");
    let ps = problems(&broken);
    assert_eq!(ps.len(), 1, "{ps:?}");
    let line = broken.lines().position(|l| l.contains("\"ngay\"")).unwrap() + 1;
    assert!(ps[0].starts_with(&format!("hong.toml:{line}:8: ")), "{}", ps[0]);
    assert!(ps[0].contains("ngay"), "{}", ps[0]);
}

#[test]
fn condition_on_a_later_or_missing_field() {
    let later = GOOD.replace(
        "relevant = { field = \"co_nfc\", equals = \"yes\" }",
        "relevant = { field = \"ngay_sinh\", answered = true }",
    );
    let ps = problems(&later);
    assert_eq!(ps.len(), 1, "{ps:?}");
    let line = later
        .lines()
        .position(|l| l.contains("field = \"ngay_sinh\""))
        .unwrap()
        + 1;
    assert!(ps[0].starts_with(&format!("hong.toml:{line}:22: ")), "{}", ps[0]);
    assert!(ps[0].contains("sau"), "{}", ps[0]);

    let missing = GOOD.replace(
        "field = \"co_nfc\", equals = \"no\"",
        "field = \"khong_co\", equals = \"no\"",
    );
    let ps = problems(&missing);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(
        ps[0].contains("khong_co") && ps[0].contains("không có"),
        "{}",
        ps[0]
    );
}

#[test]
fn duplicates_and_missing_vietnamese() {
    let dup_step = GOOD.replace("id = \"sau\"", "id = \"hoi\"");
    let ps = problems(&dup_step);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].contains("hoi"));

    let dup_field = GOOD.replace("id = \"ngay_sinh\"", "id = \"co_nfc\"");
    let ps = problems(&dup_field);
    assert!(ps.iter().any(|p| p.contains("co_nfc")), "{ps:?}");

    let no_vi = GOOD.replace(
        "title = { vi = \"Sau\", en = \"Later\" }",
        "title = { en = \"Later\" }",
    );
    let ps = problems(&no_vi);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].contains("tiếng Việt"), "{}", ps[0]);
}

#[test]
fn empty_choice_list_and_bad_condition_value() {
    let empty = GOOD.replace("kind = \"yes_no\"", "kind = \"choice\"");
    let ps = problems(&empty);
    assert!(ps.iter().any(|p| p.contains("lựa chọn")), "{ps:?}");
    let bad_value = GOOD.replace("equals = \"yes\"", "equals = \"co\"");
    let ps = problems(&bad_value);
    assert_eq!(ps.len(), 1, "{ps:?}");
}

#[test]
fn a_field_for_a_password_is_refused() {
    let secret = GOOD
        .replace(
            "id = \"ngay_sinh\"\nkind = \"date\"",
            "id = \"mat_khau\"\nkind = \"text\"",
        )
        .replace("checks = { birth_date = \"ngay_sinh\" }", "");
    let ps = problems(&secret);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].contains("mat_khau"), "{}", ps[0]);
}

#[test]
fn toml_syntax_errors_are_located() {
    let broken = GOOD.replace("level = \"mot_phan\"", "level = mot_phan");
    let ps = problems(&broken);
    assert_eq!(ps.len(), 1, "{ps:?}");
    let line = broken.lines().position(|l| l.starts_with("level")).unwrap() + 1;
    assert!(ps[0].starts_with(&format!("hong.toml:{line}:")), "{}", ps[0]);
    assert!(ps[0].contains("TOML"), "{}", ps[0]);
}

#[test]
fn a_bad_file_is_skipped_and_the_others_load() {
    let broken = GOOD.replace("kind = \"date\"", "kind = \"ngay\"");
    let other = GOOD.replace("id = \"mau\"", "id = \"mau2\"");
    let dup = GOOD.to_owned();
    let c = load_all(&[
        file("a.toml", &broken),
        file("b.toml", &other),
        file("c.toml", GOOD),
        file("d.toml", &dup),
    ]);
    let ids: Vec<_> = c.procedures.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["mau2", "mau"]);
    assert_eq!(c.problems.len(), 2);
    assert_eq!(c.problems[0].file, "a.toml");
    assert_eq!(c.problems[1].file, "d.toml");
    assert_eq!(c.problems[1].message.key, "load.duplicate_procedure");
}

#[test]
fn line_column_counts_characters() {
    assert_eq!(line_column("ab\nễc", 0), (1, 1));
    assert_eq!(line_column("ab\nễc", 3), (2, 1));
    assert_eq!(line_column("ab\nễc", 6), (2, 2));
    assert_eq!(line_column("ab\nễc", 99), (2, 3));
}

/// Issue 14: a source names a public document and how sure it is; a file of
/// the team's notes, a source with no mark and a bare mark are each refused
/// at their own line.
#[test]
fn sources_name_public_documents_with_a_mark() {
    let line_of = |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let notes = GOOD.replace(
        "sources = [\"Luật Hộ tịch 2014, Điều 16 [?]\"]",
        "sources = [\n  \"DOMAIN.md — Common procedures [3P]\",\n  \"Luật Hộ tịch 2014, Điều 16\",\n  \"[OK]\",\n]",
    );
    let ps = problems(&notes);
    assert_eq!(ps.len(), 3, "{ps:?}");
    assert!(
        ps[0].starts_with(&format!("hong.toml:{}:", line_of(&notes, "DOMAIN.md"))),
        "{ps:?}"
    );
    assert!(ps[0].contains("tệp ghi chú"), "{ps:?}");
    assert!(
        ps[1].starts_with(&format!("hong.toml:{}:", line_of(&notes, "Điều 16\","))),
        "{ps:?}"
    );
    assert!(ps[1].contains("[OK]"), "{ps:?}");
    assert!(
        ps[2].starts_with(&format!("hong.toml:{}:", line_of(&notes, "\"[OK]\""))),
        "{ps:?}"
    );
    assert!(ps[2].contains("chỉ có dấu"), "{ps:?}");
}

/// Issue 30, item 6: a readiness tick may answer a field of the steps; the
/// field must exist and the value be one of its options.
#[test]
fn a_readiness_answer_names_a_field_and_an_option() {
    let with = |answer: &str| {
        GOOD.replacen(
            "[[documents]]",
            &format!("[[readiness]]\nid = \"nfc\"\nvi = \"Máy có NFC\"\nanswer = {answer}\n\n[[documents]]"),
            1,
        )
    };
    let p = load_one(&file("mau.toml", &with(r#"{ field = "co_nfc", value = "yes" }"#))).unwrap();
    assert_eq!(p.readiness[0].answer, Some(("co_nfc".into(), "yes".into())));
    let unknown = problems(&with(r#"{ field = "co_the", value = "yes" }"#));
    assert!(unknown.iter().any(|p| p.contains("co_the")), "{unknown:?}");
    let bad = problems(&with(r#"{ field = "co_nfc", value = "co" }"#));
    assert!(bad.iter().any(|p| p.contains("\"co\"")), "{bad:?}");
}
