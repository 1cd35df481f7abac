//! Sending the province's rows to its PostgreSQL server over TLS: built
//! with the `push` feature (on by default, and in the Windows zip).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::{PushRow, TABLE};
use trolyso_core::i18n::Message;

/// Where to send: the URL as typed (its password is never logged or kept),
/// and a CA certificate file to trust beside the public roots.
pub struct Target<'a> {
    pub url: &'a str,
    pub ca_file: Option<&'a Path>,
    /// The longest the whole push may take: a server that stops answering
    /// after the connection is given up on, in words, not waited for.
    pub patience: Duration,
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
    // On a thread of its own, waited for at most `patience`: a stopped
    // server keeps a socket open that no driver timeout ends (the kernel
    // still acknowledges). Given up on, the thread ends with the command.
    let (tell, answer) = std::sync::mpsc::channel();
    let url = target.url.to_owned();
    let ca = target.ca_file.map(Path::to_path_buf);
    let patience = target.patience;
    let rows = rows.to_vec();
    std::thread::Builder::new()
        .name("push".into())
        .spawn(move || {
            let target = Target {
                url: &url,
                ca_file: ca.as_deref(),
                patience,
            };
            let _ = tell.send(send_here(&target, &rows));
        })
        .map_err(|_| Message::new("report.push.failed").arg("server", target.shown()))?;
    match answer.recv_timeout(target.patience) {
        Ok(result) => result,
        Err(_) => Err(Message::new("report.push.no_answer")
            .arg("server", target.shown())
            .arg("seconds", target.patience.as_secs())),
    }
}

fn send_here(target: &Target, rows: &[PushRow]) -> Result<u64, Message> {
    let mut config: postgres::Config = target
        .url
        .parse()
        .map_err(|_| Message::new("report.push.bad_url"))?;
    // TLS unless the URL itself says `sslmode=disable`: a password and a
    // commune's counts do not cross a network in the clear by default.
    if !target.url.contains("sslmode=") {
        config.ssl_mode(postgres::config::SslMode::Require);
    }
    config.connect_timeout(Duration::from_secs(15).min(target.patience));
    let tls = tokio_postgres_rustls::MakeRustlsConnect::new(tls_config(target.ca_file)?);
    let mut client = config.connect(tls).map_err(|e| said(&e, target))?;
    // The server ends what runs too long, and a row another session holds
    // is not waited for past half the patience.
    let ms = target.patience.as_millis();
    client
        .batch_execute(&format!(
            "SET statement_timeout = {ms}; SET lock_timeout = {}",
            (ms / 2).max(1)
        ))
        .map_err(|e| said(&e, target))?;
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
            SqlState::LOCK_NOT_AVAILABLE => "report.push.locked",
            SqlState::QUERY_CANCELED => "report.push.too_slow",
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
    let mut lost = e.is_closed();
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
            lost |= matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::UnexpectedEof
            );
            if io.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) {
                return Message::new("report.push.tls").arg("server", server);
            }
        }
        source = s.source();
    }
    // A connection that ended mid-push is not a certificate problem.
    let key = if lost || chain.contains("connection closed") {
        "report.push.lost"
    } else if chain.contains("TLS") || chain.contains("certificate") {
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

    #[test]
    fn the_shown_target_has_no_password() {
        let t = Target {
            url: "postgresql://tinh:bimat@db.example.vn:6543/baocao",
            ca_file: None,
            patience: Duration::from_secs(1),
        };
        assert_eq!(t.shown(), "db.example.vn:6543/baocao");
    }
}
