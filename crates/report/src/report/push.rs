//! The province's copy: the report's counts as long rows (province,
//! commune, period, metric, breakdown, value, machine, dataset hash),
//! small counts suppressed, nothing about a person or a helper. Sent to
//! PostgreSQL with an upsert (pushing twice changes nothing), or written as
//! CSV for `psql \copy` where there is no connection.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::Report;
use trolyso_core::i18n::Message;

/// Counts from 1 to this minus one are sent as suppressed (no value): a
/// count of 2 in a small commune can point at a family.
pub const SUPPRESS_BELOW: i64 = 5;

/// The table `sql/schema.sql` creates.
pub const TABLE: &str = "trolyso_counts";

/// One row as the province's table holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRow {
    pub province: u32,
    pub commune: u32,
    pub period: String,
    pub metric: String,
    pub breakdown: String,
    /// `None`: suppressed (fewer than [`SUPPRESS_BELOW`] cases behind it).
    pub value: Option<i64>,
    pub machine: String,
    pub dataset: String,
}

/// The rows the province gets from `report`: every metric but the ones
/// that stay in the commune (helpers, the daily line), each value of 1–4
/// (or resting on 1–4 cases) suppressed.
pub fn rows(report: &Report, province: u32, commune: u32, machine: &str) -> Vec<PushRow> {
    report
        .rows
        .iter()
        .filter(|r| !r.metric.stays_in_commune())
        .map(|r| PushRow {
            province,
            commune,
            period: report.period.key(),
            metric: r.metric.name().to_owned(),
            breakdown: r.breakdown.clone(),
            value: (r.base == 0 || r.base >= SUPPRESS_BELOW).then_some(r.value),
            machine: machine.to_owned(),
            dataset: report.dataset.clone(),
        })
        .collect()
}

pub const CSV_HEADER: [&str; 9] = [
    "province_code",
    "commune_code",
    "period",
    "metric",
    "breakdown",
    "value",
    "suppressed",
    "machine_id",
    "dataset_hash",
];

/// The rows as plain CSV (UTF-8, no byte-order mark, which `psql \copy`
/// would read as part of the first column's name), what `--dry-run` prints
/// and `--csv` writes.
pub fn csv(rows: &[PushRow]) -> String {
    let mut out = CSV_HEADER.join(",") + "\n";
    for r in rows {
        let cells = [
            r.province.to_string(),
            r.commune.to_string(),
            r.period.clone(),
            r.metric.clone(),
            r.breakdown.clone(),
            r.value.map(|v| v.to_string()).unwrap_or_default(),
            r.value.is_none().to_string(),
            r.machine.clone(),
            r.dataset.clone(),
        ];
        let mut cells: Vec<String> = cells.iter().map(|c| trolyso_core::text::csv::quote(c)).collect();
        // PostgreSQL's CSV reads an empty cell as NULL and a quoted one as
        // an empty string: a total's breakdown is the empty string.
        if r.breakdown.is_empty() {
            cells[4] = "\"\"".into();
        }
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// Where to send: the URL as typed (its password is never logged or kept),
/// and a CA certificate file to trust beside the public roots.
pub struct Target<'a> {
    pub url: &'a str,
    pub ca_file: Option<&'a Path>,
}

impl Target<'_> {
    /// The server and database, without user or password: what the audit
    /// log keeps and messages name.
    pub fn shown(&self) -> String {
        match self.url.parse::<postgres::Config>() {
            Ok(c) => {
                let host = c
                    .get_hosts()
                    .first()
                    .map(|h| match h {
                        postgres::config::Host::Tcp(h) => h.clone(),
                        #[cfg(unix)]
                        postgres::config::Host::Unix(p) => p.display().to_string(),
                    })
                    .unwrap_or_default();
                let port = c.get_ports().first().copied().unwrap_or(5432);
                format!("{host}:{port}/{}", c.get_dbname().unwrap_or_default())
            }
            Err(_) => String::from("?"),
        }
    }
}

/// Sends `rows` in one transaction: each row upserted (a row already the
/// same is left as it is), then the commune's older rows for the period
/// that this push no longer has are removed. Returns how many rows
/// changed.
pub fn send(target: &Target, rows: &[PushRow]) -> Result<u64, Message> {
    let mut config: postgres::Config = target
        .url
        .parse()
        .map_err(|_| Message::new("report.push.bad_url"))?;
    // TLS unless the URL itself says `sslmode=disable`: a password and a
    // commune's counts do not cross a network in the clear by default.
    if !target.url.contains("sslmode=") {
        config.ssl_mode(postgres::config::SslMode::Require);
    }
    config.connect_timeout(Duration::from_secs(15));
    let tls = tokio_postgres_rustls::MakeRustlsConnect::new(tls_config(target.ca_file)?);
    let mut client = config.connect(tls).map_err(|e| said(&e, target))?;
    let mut tx = client.transaction().map_err(|e| said(&e, target))?;
    let upsert = format!(
        "INSERT INTO {TABLE} (province_code, commune_code, period, metric, breakdown, value, suppressed, machine_id, dataset_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (commune_code, period, metric, breakdown) DO UPDATE SET
           province_code = EXCLUDED.province_code, value = EXCLUDED.value, suppressed = EXCLUDED.suppressed,
           machine_id = EXCLUDED.machine_id, dataset_hash = EXCLUDED.dataset_hash, received_at = now()
         WHERE ({TABLE}.province_code, {TABLE}.value, {TABLE}.suppressed, {TABLE}.machine_id, {TABLE}.dataset_hash)
           IS DISTINCT FROM (EXCLUDED.province_code, EXCLUDED.value, EXCLUDED.suppressed, EXCLUDED.machine_id, EXCLUDED.dataset_hash)"
    );
    let statement = tx.prepare(&upsert).map_err(|e| said(&e, target))?;
    let mut changed = 0;
    for r in rows {
        changed += tx
            .execute(
                &statement,
                &[
                    &(r.province as i32),
                    &(r.commune as i32),
                    &r.period,
                    &r.metric,
                    &r.breakdown,
                    &r.value,
                    &r.value.is_none(),
                    &r.machine,
                    &r.dataset,
                ],
            )
            .map_err(|e| said(&e, target))?;
    }
    if let Some(first) = rows.first() {
        changed += tx
            .execute(
                &format!(
                    "DELETE FROM {TABLE} WHERE commune_code = $1 AND period = $2 AND dataset_hash <> $3"
                ),
                &[&(first.commune as i32), &first.period, &first.dataset],
            )
            .map_err(|e| said(&e, target))?;
    }
    tx.commit().map_err(|e| said(&e, target))?;
    Ok(changed)
}

/// rustls with its crypto named (ring), trusting the public roots and the
/// CA file given.
fn tls_config(ca_file: Option<&Path>) -> Result<rustls::ClientConfig, Message> {
    use rustls_pki_types::CertificateDer;
    use rustls_pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = ca_file {
        let bad = || Message::new("report.push.bad_ca").arg("file", path.display());
        let certs: Vec<CertificateDer> = CertificateDer::pem_file_iter(path)
            .map_err(|_| bad())?
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        if certs.is_empty() {
            return Err(bad());
        }
        for c in certs {
            roots.add(c).map_err(|_| bad())?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|_| Message::new("report.push.tls"))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// The words for a failed push: refused, bad password, TLS, no table…
/// never the driver's own text.
fn said(e: &postgres::Error, target: &Target) -> Message {
    use postgres::error::SqlState;
    let server = target.shown();
    tracing::warn!("push to {server} failed: {e}");
    if let Some(db) = e.as_db_error() {
        let key = match *db.code() {
            SqlState::INVALID_PASSWORD | SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
                "report.push.bad_password"
            }
            SqlState::UNDEFINED_TABLE | SqlState::UNDEFINED_COLUMN => "report.push.no_table",
            SqlState::INVALID_CATALOG_NAME => "report.push.no_database",
            SqlState::INSUFFICIENT_PRIVILEGE => "report.push.not_allowed",
            _ => {
                return Message::new("report.push.server_said")
                    .arg("server", server)
                    .arg("code", db.code().code());
            }
        };
        return Message::new(key).arg("server", server);
    }
    let mut chain = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(e);
    let mut refused = false;
    while let Some(s) = source {
        chain.push_str(&s.to_string());
        chain.push(' ');
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            refused |= matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionRefused
                    | std::io::ErrorKind::TimedOut
                    | std::io::ErrorKind::HostUnreachable
            );
            if io.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) {
                return Message::new("report.push.tls").arg("server", server);
            }
        }
        source = s.source();
    }
    let key = if chain.contains("TLS") || chain.contains("certificate") {
        "report.push.tls"
    } else if refused || chain.contains("timed out") || chain.contains("refused") {
        "report.push.refused"
    } else if chain.contains("password") {
        "report.push.bad_password"
    } else {
        "report.push.failed"
    };
    Message::new(key).arg("server", server)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Metric, Period, Row};

    fn report(rows: Vec<Row>) -> Report {
        Report {
            period: Period::parse_month("2026-11").unwrap(),
            made_ms: 0,
            dataset: "abcd".into(),
            rows,
        }
    }

    fn row(metric: Metric, breakdown: &str, value: i64) -> Row {
        Row {
            metric,
            breakdown: breakdown.into(),
            value,
            base: value,
        }
    }

    #[test]
    fn small_counts_are_suppressed_and_helpers_stay_home() {
        let r = report(vec![
            row(Metric::Started, "", 12),
            row(Metric::Started, "procedure:dang-ky-khai-sinh", 3),
            row(Metric::Filed, "", 0),
            row(Metric::HelperStarted, "helper:Lan", 12),
            row(Metric::StartedByDay, "day:2026-11-02", 7),
            Row {
                metric: Metric::MedianDaysToFile,
                breakdown: String::new(),
                value: 9,
                base: 2,
            },
        ]);
        let sent = rows(&r, 1, 4, "m1");
        let got: Vec<(&str, &str, Option<i64>)> = sent
            .iter()
            .map(|r| (r.metric.as_str(), r.breakdown.as_str(), r.value))
            .collect();
        assert_eq!(
            got,
            [
                ("started", "", Some(12)),
                ("started", "procedure:dang-ky-khai-sinh", None),
                ("filed", "", Some(0)),
                ("median_days_to_file", "", None),
            ]
        );
        let text = csv(&sent);
        assert!(text.starts_with("province_code,"));
        assert!(
            text.contains("1,4,2026-11,started,procedure:dang-ky-khai-sinh,,true,m1,abcd\n"),
            "{text}"
        );
        assert!(
            text.contains("1,4,2026-11,started,\"\",12,false,m1,abcd\n"),
            "{text}"
        );
    }

    #[test]
    fn the_shown_target_has_no_password() {
        let t = Target {
            url: "postgresql://tinh:bimat@db.example.vn:6543/baocao",
            ca_file: None,
        };
        assert_eq!(t.shown(), "db.example.vn:6543/baocao");
    }
}
