//! `trolyso catalogue import` on the real binary: a province's list of
//! 5,000 rows with 10 bad ones, imported once and then again.

use std::fmt::Write as _;
use std::process::Command;

fn import(data: &std::path::Path, file: &std::path::Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_trolyso"))
        .args(["--lang", "en", "--data-dir"])
        .arg(data)
        .args(["catalogue", "import"])
        .arg(file)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn five_thousand_rows_ten_rejected_and_a_second_import_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("ma,ten,muc_do,cap,linh_vuc\n");
    let fields = ["Hộ tịch", "Cư trú", "Đất đai", "Bảo trợ xã hội", "Tư pháp"];
    // Ten malformed lines, one of each kind, at known line numbers.
    let bad = [
        "abc,Thủ tục sai mã,mot_phan,Cấp xã,Hộ tịch",
        "1.900001,,toan_trinh,Cấp xã,Hộ tịch",
        "1.900002,Mức độ lạ,nhanh,Cấp xã,Hộ tịch",
        "1.900003,Thiếu cột,mot_phan",
        "1.900004,\"Ngoặc chưa đóng,mot_phan,Cấp xã,Hộ tịch",
        "1.000010,Trùng mã với dòng trước,mot_phan,Cấp tỉnh,Cư trú",
        "1.2.3,Mã ba phần,mot_phan,Cấp xã,Hộ tịch",
        "1.900005,Thừa cột,mot_phan,Cấp xã,Hộ tịch,thừa",
        ".900006,Mã thiếu phần đầu,mot_phan,Cấp xã,Hộ tịch",
        "1.900007,Mức độ lạ nữa,nhanh lắm,Cấp xã,Hộ tịch",
    ];
    let mut bad_lines = Vec::new();
    let mut line = 1;
    for i in 0..5_000 {
        if i % 500 == 250 {
            line += 1;
            bad_lines.push(line);
            csv.push_str(bad[bad_lines.len() - 1]);
            csv.push('\n');
        }
        line += 1;
        let level = if i % 3 == 0 { "Toàn trình" } else { "mot_phan" };
        writeln!(
            csv,
            "1.{:06},\"Thủ tục số {i}, lĩnh vực {}\",{level},Cấp {},{}",
            i,
            fields[i % 5],
            if i % 2 == 0 { "tỉnh" } else { "xã" },
            fields[i % 5]
        )
        .unwrap();
    }
    assert_eq!(bad_lines.len(), 10);
    let file = tmp.path().join("thanh-hoa.csv");
    std::fs::write(&file, &csv).unwrap();
    let data = tmp.path().join("data");

    let (code, out) = import(&data, &file);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Took 5000 lines (5000 new, 0 changed), left out 10"),
        "{out}"
    );
    let reported: Vec<usize> = out
        .lines()
        .filter_map(|l| l.trim().strip_prefix("line "))
        .map(|l| l.split(':').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(reported, bad_lines, "{out}");
    let stored = data.join("imported-catalogue.csv");
    let first = std::fs::read(&stored).unwrap();
    let parsed = trolyso::domain::catalogue::parse(std::str::from_utf8(&first).unwrap());
    assert_eq!(parsed.entries.len(), 5_000);
    assert!(parsed.rejected.is_empty());
    let modified = std::fs::metadata(&stored).unwrap().modified().unwrap();

    // Again: the same report of bad lines, and nothing written.
    let (code, out) = import(&data, &file);
    assert_eq!(code, 1);
    assert!(out.contains("(0 new, 0 changed)"), "{out}");
    assert_eq!(std::fs::read(&stored).unwrap(), first);
    assert_eq!(std::fs::metadata(&stored).unwrap().modified().unwrap(), modified);
    assert!(!data.join("imported-catalogue.csv.tmp").exists());
}

#[test]
fn a_file_that_is_not_a_catalogue_imports_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("x.csv");
    std::fs::write(&file, "code;title\n1;a\n").unwrap();
    let data = tmp.path().join("data");
    let (code, out) = import(&data, &file);
    assert_eq!(code, 1);
    assert!(out.contains("line 1: The first line must be exactly"), "{out}");
    assert!(!data.join("imported-catalogue.csv").exists());
}

/// Issue 12, item 9: an import waits for no one while the app has the data
/// open (it takes the same lock), and a file far larger than any province's
/// list is refused without being read into memory.
#[test]
fn an_import_takes_the_lock_and_refuses_a_huge_file() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let csv = tmp.path().join("ds.csv");
    std::fs::write(
        &csv,
        "ma,ten,muc_do,cap,linh_vuc\n1.000001,Thủ tục thử,mot_phan,Cấp xã,Hộ tịch\n",
    )
    .unwrap();
    let (store, _) = trolyso::store::Store::create(
        &data,
        "văn phòng thử",
        trolyso::store::KdfParams::light_for_tests(),
    )
    .unwrap();
    let (code, said) = import(&data, &csv);
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("open in another window"), "{said}");
    assert!(!data.join("imported-catalogue.csv").exists());
    drop(store);
    let (code, said) = import(&data, &csv);
    assert_eq!(code, 0, "{said}");

    // 6 MB of rows: the wrong file.
    let big = tmp.path().join("lon.csv");
    let mut text = String::from("ma,ten,muc_do,cap,linh_vuc\n");
    let mut n = 0;
    while text.len() < 6 * 1024 * 1024 {
        n += 1;
        writeln!(text, "1.{n:06},Thủ tục số {n},mot_phan,Cấp xã,Hộ tịch").unwrap();
    }
    std::fs::write(&big, text).unwrap();
    let before = std::fs::read(data.join("imported-catalogue.csv")).unwrap();
    let (code, said) = import(&data, &big);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("larger than 4 MB"), "{said}");
    assert_eq!(
        std::fs::read(data.join("imported-catalogue.csv")).unwrap(),
        before
    );
}
