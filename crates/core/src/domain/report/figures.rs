//! The report's figures as plain data: what the store's facts are counted
//! into (by the report crate), and what every format and the screen read.

use serde::Serialize;

use super::Period;

/// What a row counts. The names are stable: files and the province's table
/// keep them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Residents with a case worked on in the period.
    ResidentsHelped,
    CasesWorked,
    Started,
    Filed,
    Done,
    Paused,
    Cancelled,
    /// Filed cases by the procedure's level (toàn trình, một phần…).
    FiledByLevel,
    /// Of the filed cases whose level is known online, the toàn trình share (%).
    FullShare,
    /// VNeID accounts reaching a stage in the period.
    Accounts,
    /// Why visits stopped (pauses and cancellations in the period).
    StopReasons,
    /// Cases waiting now: paused (by reason) or asked for more.
    WaitingNow,
    /// Median whole days from a case's start to its filing.
    MedianDaysToFile,
    /// Paused cases' next visits, as of the day the report is made.
    NextVisits,
    /// Cases started per day of the period.
    StartedByDay,
    HelperStarted,
    HelperFiled,
}

impl Metric {
    pub fn name(self) -> &'static str {
        match self {
            Metric::ResidentsHelped => "residents_helped",
            Metric::CasesWorked => "cases_worked",
            Metric::Started => "started",
            Metric::Filed => "filed",
            Metric::Done => "done",
            Metric::Paused => "paused",
            Metric::Cancelled => "cancelled",
            Metric::FiledByLevel => "filed_by_level",
            Metric::FullShare => "full_share_pct",
            Metric::Accounts => "vneid_accounts",
            Metric::StopReasons => "stop_reasons",
            Metric::WaitingNow => "waiting_now",
            Metric::MedianDaysToFile => "median_days_to_file",
            Metric::NextVisits => "next_visits",
            Metric::StartedByDay => "started_by_day",
            Metric::HelperStarted => "helper_started",
            Metric::HelperFiled => "helper_filed",
        }
    }

    /// The words for the metric (`report.metric.<name>`).
    pub fn message_key(self) -> &'static str {
        match self {
            Metric::ResidentsHelped => "report.metric.residents_helped",
            Metric::CasesWorked => "report.metric.cases_worked",
            Metric::Started => "report.metric.started",
            Metric::Filed => "report.metric.filed",
            Metric::Done => "report.metric.done",
            Metric::Paused => "report.metric.paused",
            Metric::Cancelled => "report.metric.cancelled",
            Metric::FiledByLevel => "report.metric.filed_by_level",
            Metric::FullShare => "report.metric.full_share_pct",
            Metric::Accounts => "report.metric.vneid_accounts",
            Metric::StopReasons => "report.metric.stop_reasons",
            Metric::WaitingNow => "report.metric.waiting_now",
            Metric::MedianDaysToFile => "report.metric.median_days_to_file",
            Metric::NextVisits => "report.metric.next_visits",
            Metric::StartedByDay => "report.metric.started_by_day",
            Metric::HelperStarted => "report.metric.helper_started",
            Metric::HelperFiled => "report.metric.helper_filed",
        }
    }

    /// Rows the province never gets: helpers' names, and the daily line
    /// (the month's totals are what it compares).
    pub fn stays_in_commune(self) -> bool {
        matches!(
            self,
            Metric::HelperStarted | Metric::HelperFiled | Metric::StartedByDay
        )
    }
}

/// One number of the report. `breakdown` is empty for a total, else
/// `kind:value` (`procedure:dang-ky-khai-sinh`, `reason:no_otp`…); `base`
/// is how many cases stand behind the number (the value itself for a
/// count), what small-count suppression looks at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub metric: Metric,
    pub breakdown: String,
    pub value: i64,
    #[serde(skip)]
    pub base: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub period: Period,
    /// When it was made (ms since 1970).
    pub made_ms: i64,
    /// A hash of what was counted: each case's id and revision (16 letters a–p, `text::letter_code`: no digits).
    pub dataset: String,
    pub rows: Vec<Row>,
}

impl Report {
    pub fn row(&self, metric: Metric, breakdown: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.metric == metric && r.breakdown == breakdown)
    }

    pub fn value(&self, metric: Metric, breakdown: &str) -> Option<i64> {
        self.row(metric, breakdown).map(|r| r.value)
    }

    /// A metric's breakdown rows (its total left out), largest first; rows
    /// of the same size keep the report's order.
    pub fn largest(&self, metric: Metric) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.rows_of(metric).filter(|r| !r.breakdown.is_empty()).collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.value));
        rows
    }

    /// The rows of one metric, in report order.
    pub fn rows_of(&self, metric: Metric) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |r| r.metric == metric)
    }
}
