//! The province's copy: the report's counts as long rows (province,
//! commune, period, metric, breakdown, value, machine, dataset hash),
//! small counts suppressed, nothing about a person or a helper. Sent to
//! PostgreSQL with an upsert (pushing twice changes nothing), or written as
//! CSV for `psql \copy` where there is no connection.

use serde::{Deserialize, Serialize};

use super::Report;
#[cfg(feature = "push")]
mod server;
#[cfg(feature = "push")]
pub use server::{Target, send};

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
}
