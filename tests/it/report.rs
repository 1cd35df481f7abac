//! The commune's report on the real binary: every format tells the same
//! numbers, CSV opens in Excel, the HTML page is self-contained, and what
//! goes to the province names no one. The PostgreSQL tests push to a real
//! server on loopback (`.ci/postgres/start`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use trolyso::domain::units::Units;
use trolyso::store::{Change, Id, KdfParams, Reason, Resident, Status, StatusChange, Store};

pub(crate) const PASS: &str = "văn phòng xã";
pub(crate) const NAMES: [&str; 4] = ["Lê Thọ Thành", "Nguyễn Thị Mai", "Trần Văn Bình", "Phạm Ngọc Hân"];
pub(crate) const HELPERS: [&str; 2] = ["Chị Hoa", "Anh Tuấn"];

pub(crate) fn run(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trolyso"));
    cmd.args(args)
        .arg("--data-dir")
        .arg(dir)
        .env("TROLYSO_PASSPHRASE", PASS)
        .env_remove("TROLYSO_POSTGRES_URL");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

pub(crate) fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

pub(crate) fn stderr(out: &Output) -> String {
    assert!(!out.status.success(), "should fail");
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// The first commune of the embedded list and its province.
pub(crate) fn a_commune(nth: usize) -> (u32, u32) {
    let p = &Units::embedded().provinces()[0];
    (p.code, p.communes[nth].code)
}

pub(crate) fn filed(code: &str) -> StatusChange {
    StatusChange {
        hoso_code: Some(code.into()),
        ..StatusChange::default()
    }
}

/// A folder with work done this month: 7 birth registrations filed, 3 of
/// them done; 3 paused for no OTP, 1 for no chip card; 6 VNeID accounts,
/// 5 registered and 2 activated; residents with names, numbers and phones.
pub(crate) fn worked_folder(commune: u32) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let (s, _) = Store::create(tmp.path(), PASS, KdfParams::light_for_tests()).unwrap();
    let mut settings = s.settings().unwrap();
    settings.home_commune = Some(commune);
    settings.helper = HELPERS[0].into();
    s.save_settings(&settings).unwrap();
    let resident = |i: usize| {
        s.create_resident(Resident {
            id: Id([0; 16]),
            full_name: NAMES[i % NAMES.len()].into(),
            id_number: Some(format!("03805801212{}", i % 10)),
            birth_date: Some("01/01/1958".into()),
            sex: None,
            phone: Some(format!("091234567{}", i % 10)),
            commune_code: Some(commune),
            address: None,
            notes: String::new(),
        })
        .unwrap()
    };
    for i in 0..7 {
        let r = resident(i);
        let c = s
            .create_case("dang-ky-khai-sinh", 1, Some(r.id), HELPERS[i % 2])
            .unwrap();
        s.set_answer(&c.id, "ho_ten_tre", "Nguyễn Văn An", HELPERS[i % 2])
            .unwrap();
        s.set_status(
            &c.id,
            Status::Filed,
            &filed(&format!("G22.99-{i:06}")),
            HELPERS[i % 2],
        )
        .unwrap();
        if i < 3 {
            s.set_status(&c.id, Status::Done, &StatusChange::default(), HELPERS[0])
                .unwrap();
        }
    }
    for (i, reason) in [Reason::NoOtp, Reason::NoOtp, Reason::NoOtp, Reason::NoChipCard]
        .into_iter()
        .enumerate()
    {
        let c = s
            .create_case("dang-ky-khai-tu", 1, Some(resident(i).id), HELPERS[1])
            .unwrap();
        let pause = StatusChange {
            reason: Some(reason),
            next_visit: Some("01/01/2099".into()),
            ..StatusChange::default()
        };
        s.set_status(&c.id, Status::Paused, &pause, HELPERS[1]).unwrap();
    }
    for i in 0..6 {
        let c = s
            .create_case("vneid-muc-1", 1, Some(resident(i).id), HELPERS[0])
            .unwrap();
        if i < 5 {
            s.set_answer(&c.id, "da_gui_dang_ky", "yes", HELPERS[0]).unwrap();
        }
        if i < 2 {
            s.set_answer(&c.id, "da_kich_hoat", "yes", HELPERS[0]).unwrap();
        }
    }
    tmp
}

/// `metric|breakdown` → value.
pub(crate) type Numbers = BTreeMap<String, i64>;

pub(crate) fn from_json(text: &str) -> (Numbers, String) {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let rows = v["rows"].as_array().unwrap();
    let numbers = rows
        .iter()
        .map(|r| {
            (
                format!(
                    "{}|{}",
                    r["metric"].as_str().unwrap(),
                    r["breakdown"].as_str().unwrap()
                ),
                r["value"].as_i64().unwrap(),
            )
        })
        .collect();
    (numbers, v["dataset"].as_str().unwrap().to_owned())
}

/// A CSV line's cells (quotes as Excel writes them).
pub(crate) fn cells(line: &str) -> Vec<String> {
    let (mut out, mut cell, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    out.push(cell);
    out
}

pub(crate) fn from_csv(text: &str) -> (Numbers, String) {
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for Excel");
    let mut lines = text.split("\r\n").filter(|l| !l.is_empty());
    let header = cells(lines.next().unwrap());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (m, b, v, d) = (col("chi_so"), col("nhom"), col("gia_tri"), col("ma_du_lieu"));
    let mut dataset = String::new();
    let numbers = lines
        .map(|l| {
            let c = cells(l);
            dataset = c[d].clone();
            (format!("{}|{}", c[m], c[b]), c[v].parse().unwrap())
        })
        .collect();
    (numbers, dataset)
}

pub(crate) fn from_html(text: &str) -> Numbers {
    text.split("data-metric=\"")
        .skip(1)
        .map(|part| {
            let (metric, rest) = part.split_once('"').unwrap();
            let rest = rest.split_once("data-breakdown=\"").unwrap().1;
            let (breakdown, rest) = rest.split_once('"').unwrap();
            let value = rest[1..].split_once('<').unwrap().0.trim_end_matches('%');
            (format!("{metric}|{breakdown}"), value.parse().unwrap())
        })
        .collect()
}

#[test]
pub(crate) fn every_format_tells_the_same_numbers() {
    let (_, commune) = a_commune(0);
    let tmp = worked_folder(commune);
    let report = |format: &str| stdout(&run(tmp.path(), &["report", "--format", format], &[]));
    let (json, dataset) = from_json(&report("json"));
    let (csv, csv_dataset) = from_csv(&report("csv"));
    assert_eq!(csv, json, "CSV and JSON");
    assert_eq!(csv_dataset, dataset);

    // The numbers the folder was made with.
    let n = |k: &str| json.get(k).copied();
    assert_eq!(n("started|"), Some(17));
    assert_eq!(n("filed|procedure:dang-ky-khai-sinh"), Some(7));
    assert_eq!(n("done|"), Some(3));
    assert_eq!(n("paused|"), Some(4));
    assert_eq!(n("stop_reasons|reason:no_otp"), Some(3));
    assert_eq!(n("waiting_now|reason:no_chip_card"), Some(1));
    assert_eq!(n("vneid_accounts|stage:prepared"), Some(6));
    assert_eq!(n("vneid_accounts|stage:registered"), Some(5));
    assert_eq!(n("vneid_accounts|stage:activated"), Some(2));
    assert_eq!(n("residents_helped|"), Some(17));
    assert_eq!(n("median_days_to_file|"), Some(0));
    assert_eq!(n("helper_filed|helper:Chị Hoa"), Some(4));

    // The page and the table hold every number but the daily line (a chart).
    let html = report("html");
    let shown: Numbers = json
        .iter()
        .filter(|(k, _)| !k.starts_with("started_by_day|"))
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    assert_eq!(from_html(&html), shown, "HTML");
    let table = report("table");
    for text in [&html, &table] {
        assert!(text.contains(&dataset), "every output names what it counted");
    }
    for line in ["Hồ sơ đã nộp", "  Đăng ký khai sinh", "  Không nhận được OTP"] {
        assert!(table.contains(line), "{line}\n{table}");
    }
    let filed_line = table.lines().skip_while(|l| *l != "Hồ sơ đã nộp").nth(1).unwrap();
    assert!(
        filed_line.starts_with("  Tổng") && filed_line.ends_with(" 7"),
        "{filed_line}"
    );

    // English words, the same numbers.
    let en = stdout(&run(
        tmp.path(),
        &["report", "--format", "json", "--lang", "en"],
        &[],
    ));
    assert_eq!(from_json(&en).0, json);
    assert!(en.contains("Residents helped"));
}

#[test]
pub(crate) fn csv_opens_in_excel_with_its_diacritics() {
    let (_, commune) = a_commune(0);
    let tmp = worked_folder(commune);
    let file = tmp.path().join("báo cáo.csv");
    let out = run(
        tmp.path(),
        &["report", "--format", "csv", "--out", file.to_str().unwrap()],
        &[],
    );
    assert!(stdout(&out).contains("Đã ghi báo cáo"));
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..3], b"\xef\xbb\xbf", "UTF-8 byte-order mark");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("Người dân được hỗ trợ"));
    assert!(text.contains("\r\n"));
}

#[test]
pub(crate) fn the_page_is_self_contained_and_printable() {
    let (_, commune) = a_commune(0);
    let tmp = worked_folder(commune);
    let html = stdout(&run(tmp.path(), &["report", "--format", "html"], &[]));
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("size:A4") && html.contains("<svg"));
    // Issue 29: a page a chairman signs — the office named, the period as
    // read, two signatures, the check code small at the foot, plain words,
    // the full table at 9 pt.
    assert!(html.contains("Đơn vị: UBND Phường Hoàn Kiếm, Hà Nội"), "{html}");
    assert!(html.contains("— tháng "), "{html}");
    assert!(
        html.contains("Người lập") && html.contains("Chủ tịch UBND xã"),
        "{html}"
    );
    assert!(html.contains("class=\"check\">Mã kiểm tra:"), "{html}");
    assert!(
        !html.contains("trung vị") && !html.contains("Mã dữ liệu"),
        "{html}"
    );
    assert!(
        html.contains(".all{column-count:3;column-gap:10pt;font-size:9pt}"),
        "{html}"
    );
    for never in ["<script", "src=", "href=", "url(", "@import", "<link"] {
        assert!(!html.contains(never), "{never}");
    }
    // Only the SVG namespace names a web address, and it loads nothing.
    let addresses = html.matches("http").count();
    assert_eq!(addresses, html.matches("http://www.w3.org/2000/svg").count());
}

#[test]
pub(crate) fn bad_periods_are_told_in_words() {
    let (_, commune) = a_commune(0);
    let tmp = worked_folder(commune);
    let err = stderr(&run(tmp.path(), &["report", "--month", "11-2026"], &[]));
    assert!(err.contains("viết tháng/năm hoặc năm-tháng"), "{err}");
    // As the page writes the period (issue 29), and as ISO.
    for month in ["11/2026", "2026-11"] {
        let out = run(tmp.path(), &["report", "--month", month], &[]);
        assert!(out.status.success(), "{month}: {}", stderr(&out));
    }
    let err = stderr(&run(
        tmp.path(),
        &["report", "--from", "20/11/2026", "--to", "01/11/2026"],
        &[],
    ));
    assert!(err.contains("đổi lại thứ tự"), "{err}");
    let out = run(
        tmp.path(),
        &["report", "--from", "01/01/2020", "--to", "31/12/2020"],
        &[],
    );
    assert!(
        stdout(&out).contains("từ 01/01/2020 đến 31/12/2020"),
        "{}",
        stdout(&out)
    );
}

/// Every run of nine or more digits in `text`.
pub(crate) fn long_numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() >= 9)
        .map(str::to_owned)
        .collect()
}

#[test]
pub(crate) fn what_goes_to_the_province_names_no_one() {
    let (province, commune) = a_commune(0);
    let tmp = worked_folder(commune);
    let rows = stdout(&run(tmp.path(), &["report", "push", "--dry-run"], &[]));
    assert!(rows.starts_with("province_code,commune_code,period,metric,breakdown,value,suppressed"));
    assert!(rows.contains(&format!("{province},{commune},")));
    // The whole payload, its machine id and dataset hash too (written with
    // letters only, so that no run of digits turns up by chance).
    assert_eq!(long_numbers(&rows), Vec::<String>::new(), "no ID number or phone");
    for line in rows.lines().skip(1) {
        let c = cells(line);
        for code in [&c[7], &c[8]] {
            assert!(
                code.len() == 16 && code.bytes().all(|b| (b'a'..=b'p').contains(&b)),
                "{line}"
            );
        }
    }
    let folded = trolyso::text::fold(&rows);
    for name in NAMES.iter().chain(&HELPERS).chain(&["Nguyễn Văn An"]) {
        for word in trolyso::text::fold(name).split(' ').filter(|w| w.len() > 2) {
            assert!(!folded.split([',', ':', '\n']).any(|cell| cell == word), "{word}");
        }
        assert!(!rows.contains(name), "{name}");
    }
    assert!(!rows.contains("helper"), "helpers stay in the commune");
    // 4 pauses: a count under 5 is sent empty, marked suppressed.
    assert!(rows.contains(",paused,\"\",,true,"), "{rows}");
    assert!(
        rows.contains(",filed,procedure:dang-ky-khai-sinh,7,false,"),
        "{rows}"
    );

    // --csv writes exactly these rows and the audit log keeps them.
    let file = tmp.path().join("gui-tinh.csv");
    let said = stdout(&run(
        tmp.path(),
        &["report", "push", "--csv", file.to_str().unwrap()],
        &[],
    ));
    assert!(said.contains("dòng số nhỏ được che"), "{said}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), rows);
    let s = Store::open(tmp.path(), PASS).unwrap();
    let sent: Vec<Change> = s
        .audit_events()
        .map(Result::unwrap)
        .map(|e| e.change)
        .filter(|c| matches!(c, Change::Sent { .. }))
        .collect();
    let [Change::Sent { rows: kept, to, .. }] = sent.as_slice() else {
        panic!("one push recorded: {sent:?}");
    };
    assert_eq!(kept.len(), rows.lines().count() - 1);
    assert!(to.ends_with("gui-tinh.csv"));
}

#[test]
pub(crate) fn a_push_needs_the_office_commune_and_a_target() {
    let (_, commune) = a_commune(0);
    let tmp = worked_folder(commune);
    let err = stderr(&run(tmp.path(), &["report", "push"], &[]));
    assert!(err.contains("--postgres"), "{err}");
    let s = Store::open(tmp.path(), PASS).unwrap();
    let mut settings = s.settings().unwrap();
    settings.home_commune = None;
    s.save_settings(&settings).unwrap();
    drop(s);
    let err = stderr(&run(tmp.path(), &["report", "push", "--dry-run"], &[]));
    assert!(err.contains("Chưa chọn xã"), "{err}");
}
