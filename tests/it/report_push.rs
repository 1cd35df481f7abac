//! The province's counts pushed to a PostgreSQL server on loopback (started
//! by `.ci/run`; skipped without one unless TROLYSO_REQUIRE_POSTGRES is set).

use crate::report::*;
use std::path::Path;
use std::process::Command;

// ----- a real PostgreSQL -------------------------------------------------

struct Server {
    url: String,
    ca: String,
}

/// The test server: the one `.ci/run` started (TROLYSO_TEST_POSTGRES), or
/// one started now by `.ci/postgres/start`; None (said) where none can be.
/// With TROLYSO_REQUIRE_POSTGRES set (CI), no server is a failure.
fn server() -> Option<Server> {
    let from_env = std::env::var("TROLYSO_TEST_POSTGRES")
        .ok()
        .zip(std::env::var("TROLYSO_TEST_POSTGRES_CA").ok());
    let (url, ca) = match from_env {
        Some(found) => found,
        None => {
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/postgres/start");
            let out = Command::new(&script).output();
            let lines = match out {
                Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
                Ok(o) => return skip(&String::from_utf8_lossy(&o.stderr)),
                Err(e) => return skip(&e.to_string()),
            };
            let get = |k: &str| {
                lines
                    .lines()
                    .find_map(|l| l.strip_prefix(&format!("{k}=")).map(str::to_owned))
            };
            (get("TROLYSO_TEST_POSTGRES")?, get("TROLYSO_TEST_POSTGRES_CA")?)
        }
    };
    Some(Server { url, ca })
}

fn skip(why: &str) -> Option<Server> {
    assert!(
        std::env::var_os("TROLYSO_REQUIRE_POSTGRES").is_none(),
        "no PostgreSQL for the push tests: {why}"
    );
    eprintln!("SKIPPED: no PostgreSQL server could be started here: {why}");
    None
}

/// A connection for the test itself (TLS checked against the test CA).
fn connect(server: &Server, db: &str) -> postgres::Client {
    let pem = std::fs::read(&server.ca).unwrap();
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_pki_types::pem::PemObject::pem_slice_iter(&pem) {
        let cert: rustls_pki_types::CertificateDer = cert.unwrap();
        roots.add(cert).unwrap();
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let url = server.url.replace("/baocao", &format!("/{db}"));
    postgres::Client::connect(&url, tokio_postgres_rustls::MakeRustlsConnect::new(tls)).unwrap()
}

/// A database of its own per test (they run in parallel), with the schema.
fn fresh_database(server: &Server, name: &str) -> String {
    let mut admin = connect(server, "baocao");
    admin
        .simple_query(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    admin.simple_query(&format!("CREATE DATABASE {name}")).unwrap();
    let mut db = connect(server, name);
    let schema =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("sql/schema.sql")).unwrap();
    db.batch_execute(&schema).unwrap();
    db.batch_execute(&schema).expect("the schema runs twice");
    server.url.replace("/baocao", &format!("/{name}"))
}

#[test]
fn pushing_twice_changes_nothing_and_the_views_add_communes_up() {
    let Some(server) = server() else { return };
    let url = fresh_database(&server, "push_twice");
    let (province, first) = a_commune(0);
    let (_, second) = a_commune(1);
    let push = |tmp: &tempfile::TempDir| {
        stdout(&run(
            tmp.path(),
            &["report", "push", "--postgres", &url, "--ca", &server.ca],
            &[],
        ))
    };
    let a = worked_folder(first);
    let said = push(&a);
    assert!(said.contains("Đã gửi"), "{said}");
    let again = push(&a);
    assert!(again.contains("(0 dòng thay đổi"), "{again}");
    let b = worked_folder(second);
    push(&b);

    let mut db = connect(&server, "push_twice");
    let dry = stdout(&run(a.path(), &["report", "push", "--dry-run"], &[]));
    let rows: i64 = db
        .query_one(
            "SELECT COUNT(*) FROM trolyso_counts WHERE commune_code = $1",
            &[&(first as i32)],
        )
        .unwrap()
        .get(0);
    assert_eq!(rows as usize, dry.lines().count() - 1, "every row, once");
    let started: i64 = db
        .query_one(
            "SELECT value::bigint FROM trolyso_province_totals
             WHERE province_code = $1 AND metric = 'started' AND breakdown = ''",
            &[&(province as i32)],
        )
        .unwrap()
        .get(0);
    assert_eq!(started, 34, "two communes of 17");
    let (suppressed, communes): (i64, i64) = {
        let r = db
            .query_one(
                "SELECT communes_suppressed, communes FROM trolyso_province_totals
                 WHERE metric = 'paused' AND breakdown = ''",
                &[],
            )
            .unwrap();
        (r.get(0), r.get(1))
    };
    assert_eq!((suppressed, communes), (2, 2));
    let filed: i64 = db
        .query_one(
            "SELECT value::bigint FROM trolyso_by_procedure WHERE metric = 'filed' AND procedure = 'dang-ky-khai-sinh'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(filed, 14);
    let reasons: i64 = db
        .query_one("SELECT COUNT(*) FROM trolyso_by_reason", &[])
        .unwrap()
        .get(0);
    assert!(reasons > 0);
    let months: i64 = db
        .query_one("SELECT COUNT(*) FROM trolyso_month_over_month", &[])
        .unwrap()
        .get(0);
    assert!(months > 0);
}

#[test]
fn the_province_sums_166_communes_and_every_metric_in_one_query() {
    let Some(server) = server() else { return };
    let url = fresh_database(&server, "province_wide");
    let mut db = connect(&server, "province_wide");
    // 166 communes' rows as their pushes would leave them: every metric of
    // one real report, for each commune.
    let (_, commune) = a_commune(0);
    let tmp = worked_folder(commune);
    let rows = stdout(&run(tmp.path(), &["report", "push", "--dry-run"], &[]));
    // The lines exactly as `--csv` writes them, as `psql \copy` reads them.
    let mut copy = String::new();
    for n in 0..166 {
        for line in rows.lines().skip(1) {
            let rest = line.splitn(3, ',').nth(2).unwrap();
            copy.push_str(&format!("1,{},{rest}\n", 100_000 + n));
        }
    }
    let mut writer = db
        .copy_in(
            "COPY trolyso_counts (province_code, commune_code, period, metric, breakdown, value, suppressed, machine_id, dataset_hash) FROM STDIN CSV",
        )
        .unwrap();
    std::io::Write::write_all(&mut writer, copy.as_bytes()).unwrap();
    writer.finish().unwrap();
    let totals = db
        .query(
            "SELECT metric, breakdown, value::bigint, communes FROM trolyso_province_totals WHERE province_code = 1",
            &[],
        )
        .unwrap();
    let started = totals
        .iter()
        .find(|r| r.get::<_, String>(0) == "started" && r.get::<_, String>(1).is_empty())
        .unwrap();
    assert_eq!(started.get::<_, Option<i64>>(2), Some(17 * 166));
    assert!(totals.iter().all(|r| r.get::<_, i64>(3) == 166));
    let share: f64 = db
        .query_one(
            "SELECT full_share_pct::float8 FROM trolyso_full_share WHERE province_code = 1",
            &[],
        )
        .unwrap()
        .get::<_, Option<f64>>(0)
        .unwrap_or(0.0);
    assert!((0.0..=100.0).contains(&share));
    drop(url);
}

#[test]
fn failed_pushes_say_what_to_fix() {
    let Some(server) = server() else { return };
    let url = fresh_database(&server, "failures");
    let (_, commune) = a_commune(0);
    let tmp = worked_folder(commune);
    let push = |url: &str, extra: &[&str]| {
        let mut args = vec!["report", "push", "--postgres", url];
        args.extend_from_slice(extra);
        let err = stderr(&run(tmp.path(), &args, &[]));
        for debug_text in ["Error", "Os {", "kind:", "rustls"] {
            assert!(!err.contains(debug_text), "{err}");
        }
        err
    };
    // TLS is required and checked: the test CA is not a public one.
    let err = push(&url, &[]);
    assert!(err.contains("TLS") && err.contains("--ca"), "{err}");
    let err = push(&url.replace("mat-khau-xa", "sai"), &["--ca", &server.ca]);
    assert!(err.contains("từ chối tên đăng nhập hoặc mật khẩu"), "{err}");
    assert!(!err.contains("sai"), "the password is never repeated: {err}");
    let err = push(&url.replace("/failures", "/postgres"), &["--ca", &server.ca]);
    assert!(err.contains("chưa có bảng trolyso_counts"), "{err}");
    let closed = url.replace(":54329/", ":9/");
    let err = push(&closed, &["--ca", &server.ca]);
    assert!(err.contains("Không kết nối được"), "{err}");
    let err = push("khong-phai-dia-chi", &[]);
    assert!(err.contains("không đúng dạng"), "{err}");
    let err = push(&url, &["--ca", "/khong/co/tep.pem"]);
    assert!(err.contains("chứng chỉ CA"), "{err}");
}

/// Issue 32, item 7: a server that stops answering once connected, and a
/// table another session holds, end the push within `--timeout`, in words
/// that say which (a stopped server was blamed on TLS).
#[test]
fn a_silent_server_or_a_held_table_ends_in_time() {
    let (_, commune) = a_commune(0);
    let tmp = worked_folder(commune);
    // A server that takes the connection and never says a word.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let held: Vec<_> = silent.incoming().take(4).collect();
        std::thread::sleep(std::time::Duration::from_secs(30));
        drop(held);
    });
    let url = format!("postgresql://xa:mat-khau@127.0.0.1:{port}/baocao");
    let started = std::time::Instant::now();
    let out = run(
        tmp.path(),
        &["report", "push", "--postgres", &url, "--timeout", "2"],
        &[],
    );
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("không trả lời sau 2 giây"), "{err}");
    assert!(!err.contains("TLS"), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );

    let Some(server) = server() else { return };
    let url = fresh_database(&server, "held");
    let mut other = connect(&server, "held");
    let mut tx = other.transaction().unwrap();
    tx.batch_execute("LOCK TABLE trolyso_counts IN ACCESS EXCLUSIVE MODE")
        .unwrap();
    let out = run(
        tmp.path(),
        &[
            "report",
            "push",
            "--postgres",
            &url,
            "--ca",
            &server.ca,
            "--timeout",
            "4",
        ],
        &[],
    );
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("đang bị phiên khác giữ"), "{err}");
    tx.rollback().unwrap();
}
