//! The words for a report's rows, shared by the page, the CSV, the table
//! and the screen: one source, so they all say the same.

use super::{Metric, Reason, Report, Row};
use crate::domain::date::local_time;
use crate::domain::procedure::Catalogue;
use crate::i18n::{Lang, Message, words};

/// The words for rows: metric names and breakdowns (procedure titles from
/// the catalogue, reasons, stages…).
pub struct Labels<'a> {
    pub catalogue: &'a Catalogue,
    pub lang: Lang,
    /// The office's commune and province, for the page's heading
    /// ("Xã Quang Chiểu, Thanh Hóa"), when one is set.
    pub place: Option<String>,
}

impl Labels<'_> {
    pub fn word(&self, key: &str) -> String {
        words(self.lang).get(key).to_owned()
    }

    pub fn metric(&self, metric: Metric) -> String {
        self.word(metric.message_key())
    }

    pub fn breakdown(&self, breakdown: &str) -> String {
        let Some((kind, value)) = breakdown.split_once(':') else {
            return self.word("report.total");
        };
        match kind {
            "procedure" => self.catalogue.title(value, self.lang),
            "reason" => match Reason::from_name(value) {
                Some(r) => self.word(r.message_key()),
                None => self.word("report.reason_unknown"),
            },
            "level" | "stage" | "due" | "status" => self.word(&format!("report.{kind}.{value}")),
            "day" => value.split('-').rev().take(2).collect::<Vec<_>>().join("/"),
            _ => value.to_owned(),
        }
    }

    /// The lines every output starts with: period, when made, the hash.
    pub fn heading(&self, report: &Report) -> [String; 3] {
        let (day, time) = local_time(report.made_ms);
        [
            Message::new("report.title")
                .arg("period", self.period(report))
                .render(self.lang),
            Message::new("report.made")
                .arg("when", format!("{time} {day}"))
                .render(self.lang),
            Message::new("report.dataset")
                .arg("hash", &report.dataset)
                .render(self.lang),
        ]
    }

    /// The period as a reader says it: "tháng 12/2026", "từ 01/11/2026 đến
    /// 15/11/2026".
    pub fn period(&self, report: &Report) -> String {
        let p = &report.period;
        let words = if p.is_month() {
            Message::new("report.period_month").arg("month", p.label())
        } else {
            Message::new("report.period_range")
                .arg("from", p.first)
                .arg("to", p.last)
        };
        words.render(self.lang)
    }

    /// A key number as read, or a dash when the report has none.
    pub fn key_number(&self, report: &Report, metric: Metric, breakdown: &str) -> String {
        report
            .row(metric, breakdown)
            .map_or_else(|| "—".to_owned(), |r| self.value(r))
    }

    /// A row's number as read: a share with its per cent sign.
    pub fn value(&self, row: &Row) -> String {
        match row.metric {
            Metric::FullShare => format!("{}%", row.value),
            _ => row.value.to_string(),
        }
    }
}

/// The numbers the page opens with and the screen shows at its top:
/// metric, breakdown, and the short words the screen has room for.
pub const KEY_NUMBERS: [(Metric, &str, &str); 8] = [
    (Metric::ResidentsHelped, "", "report.screen.residents"),
    (Metric::Filed, "", "report.screen.filed"),
    (Metric::Started, "", "report.screen.started"),
    (Metric::FullShare, "", "report.screen.full_share"),
    (Metric::Done, "", "report.screen.done"),
    (Metric::MedianDaysToFile, "", "report.screen.median_days"),
    (Metric::Accounts, "stage:activated", "report.screen.activated"),
    (Metric::WaitingNow, "", "report.screen.waiting"),
];
