//! `trolyso check` on the real binary: the shipped assets pass, a broken copy
//! fails with located messages.

use std::path::Path;
use std::process::Command;

fn trolyso() -> Command {
    Command::new(env!("CARGO_BIN_EXE_trolyso"))
}

fn shipped() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

#[test]
fn shipped_assets_pass() {
    let out = trolyso().arg("check").output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("thủ tục, 0 lỗi"), "{stdout}");
    assert!(stdout.trim().ends_with("bài luyện tập, 0 lỗi."), "{stdout}");

    let out = trolyso().arg("check").arg(shipped()).output().unwrap();
    assert!(out.status.success());
}

/// Issue 15: a scenario's mistakes are told at their place in the file,
/// like a procedure's: an ID number that disagrees with the birth date, a
/// step the procedure does not have, a script whose score does not add up.
#[test]
fn a_broken_scenario_fails_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["procedures", "training"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        for entry in std::fs::read_dir(shipped().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                std::fs::copy(&path, dir.path().join(folder).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    let target = dir.path().join("training/01-ba-lan-sim-con-trai.toml");
    let text = std::fs::read_to_string(&target).unwrap();
    let broken = text
        .replacen("id_number = \"038155001234\"", "id_number = \"038165001234\"", 1)
        .replacen("before = \"start\"", "before = \"buoc_khong_co\"", 1)
        .replacen("score = 35", "score = 40", 1)
        .replacen("id = \"mat_khau\"", "id = \"hen\"", 1);
    std::fs::write(&target, &broken).unwrap();
    let line = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;

    let out = trolyso().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let at = |needle: &str, column: usize| format!("{}:{}:{column}:", target.display(), line(needle));
    assert!(
        stdout.contains(&format!(
            "{} Số định danh cho biết sinh năm 1965",
            at("038165001234", 13)
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{} Thủ tục không có bước \"buoc_khong_co\"",
            at("buoc_khong_co", 10)
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{} Điểm của kịch bản phải là 35", at("score = 40", 9))),
        "{stdout}"
    );
    // "mat_khau" renamed "hen": the later "hen" is the one told it is taken.
    let dup = broken.match_indices("id = \"hen\"").nth(1).unwrap().0;
    let dup_line = broken[..dup].lines().count() + 1;
    assert!(
        stdout.contains(&format!("{}:{dup_line}:6: Mã \"hen\" đã dùng", target.display())),
        "{stdout}"
    );
    assert!(stdout.contains("Không có câu hỏi \"mat_khau\""), "{stdout}");
    assert!(stdout.trim().ends_with("11 bài luyện tập, 5 lỗi."), "{stdout}");
}

#[test]
fn a_broken_copy_fails_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let procs = dir.path().join("procedures");
    std::fs::create_dir(&procs).unwrap();
    for entry in std::fs::read_dir(shipped().join("procedures")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, procs.join(path.file_name().unwrap())).unwrap();
        }
    }
    let target = procs.join("dang-ky-khai-sinh.toml");
    let text = std::fs::read_to_string(&target).unwrap();
    let broken = text.replacen("kind = \"phone\"", "kind = \"dien_thoai\"", 1);
    assert_ne!(text, broken);
    std::fs::write(&target, &broken).unwrap();
    let line = broken.lines().position(|l| l.contains("\"dien_thoai\"")).unwrap() + 1;

    let out = trolyso().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let expected = format!(
        "{}:{line}:8: loại trường \"dien_thoai\" không có",
        target.display()
    );
    assert!(stdout.contains(&expected), "{stdout}");
    // The other files still load.
    assert!(stdout.trim().ends_with("thủ tục, 1 lỗi"), "{stdout}");
    assert!(!stdout.trim().starts_with("0 thủ tục"));

    let out = trolyso()
        .args(["--lang", "en", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("there is no field kind \"dien_thoai\""),
        "{stdout}"
    );
}

#[test]
fn a_missing_folder_is_a_clear_message() {
    let out = trolyso()
        .args(["check", "/khong/co/thu/muc/nay"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout.contains("Không đọc được thư mục thủ tục /khong/co/thu/muc/nay: không tìm thấy"),
        "{stdout}"
    );
    // The system's own words stay out.
    assert!(
        !stdout.contains("os error") && !stdout.contains("No such file"),
        "{stdout}"
    );
}

/// The example in `assets/procedures/README.md` is a real, valid file.
#[test]
fn the_format_example_loads() {
    let readme = std::fs::read_to_string(shipped().join("procedures/README.md")).unwrap();
    let example = readme
        .split("## Ví dụ / Example")
        .nth(1)
        .and_then(|s| s.split("```toml").nth(1))
        .and_then(|s| s.split("```").next())
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vi-du.toml"), example).unwrap();
    let out = trolyso().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}");
    assert_eq!(stdout.trim(), "1 thủ tục, 0 lỗi");
}

/// Issue 12, items 6 and 7: a file saved in an old Vietnamese encoding is
/// refused where it breaks (not shown as "Ng��i"), and TOML mistakes are
/// told in the helper's words, not the parser's English.
#[test]
fn a_file_not_in_utf8_and_toml_mistakes_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let procs = dir.path().join("procedures");
    std::fs::create_dir(&procs).unwrap();
    let text = std::fs::read_to_string(shipped().join("procedures").join("dang-ky-khai-sinh.toml")).unwrap();
    // "Người" in Windows-1258 bytes on line 3: not UTF-8.
    let mut bytes = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if i == 2 {
            bytes.extend_from_slice(b"# Ng\xFD\xEF\xF0i\n");
        }
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
    }
    std::fs::write(procs.join("cu.toml"), &bytes).unwrap();
    std::fs::write(
        procs.join("thieu.toml"),
        text.replacen(
            "id = \"dang-ky-khai-sinh\"",
            "id = \"dang-ky-khai-sinh-2\"\nid = \"lap\"",
            1,
        ),
    )
    .unwrap();
    std::fs::write(procs.join("hong.toml"), "id = \"x\n").unwrap();
    let out = trolyso().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!out.status.success());
    assert!(stdout.contains("cu.toml:3:5: Tệp không phải UTF-8"), "{stdout}");
    assert!(
        stdout.contains("thieu.toml:") && stdout.contains("được viết hai lần"),
        "{stdout}"
    );
    assert!(
        stdout.contains("hong.toml:1:") && stdout.contains("Sai cú pháp TOML"),
        "{stdout}"
    );
    for english in ["expected", "invalid", "duplicate key", "string"] {
        assert!(!stdout.contains(english), "{english} in {stdout}");
    }
}
