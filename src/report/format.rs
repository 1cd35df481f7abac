//! The report as people read it: a table for the terminal, CSV for Excel,
//! JSON for scripts, one printable HTML page with charts. All draw the same
//! rows with the same words ([`Labels`]).

use std::fmt::Write;

use super::{Metric, Report, Row};
use crate::domain::date::local_time;
use crate::domain::procedure::Catalogue;
use crate::i18n::{Lang, Message, words};
use crate::store::{Reason, Status};
use crate::text::display_width;

/// The words for rows: metric names and breakdowns (procedure titles from
/// the catalogue, reasons, stages…).
pub struct Labels<'a> {
    pub catalogue: &'a Catalogue,
    pub lang: Lang,
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
            "status" => {
                Status::from_name(value).map_or_else(|| value.to_owned(), |s| self.word(s.message_key()))
            }
            "level" | "stage" | "due" => self.word(&format!("report.{kind}.{value}")),
            "day" => value.split('-').rev().take(2).collect::<Vec<_>>().join("/"),
            _ => value.to_owned(),
        }
    }

    /// The lines every output starts with: period, when made, the hash.
    pub fn heading(&self, report: &Report) -> [String; 3] {
        let (day, time) = local_time(report.made_ms);
        [
            Message::new("report.title")
                .arg("period", report.period.label())
                .render(self.lang),
            Message::new("report.made")
                .arg("when", format!("{time} {day}"))
                .render(self.lang),
            Message::new("report.dataset")
                .arg("hash", &report.dataset)
                .render(self.lang),
        ]
    }

    fn value(&self, row: &Row) -> String {
        match row.metric {
            Metric::FullShare => format!("{}%", row.value),
            _ => row.value.to_string(),
        }
    }
}

/// The sections a person reads, in order, each a metric with its rows (the
/// total first). The daily line is a chart, not a table: it is left to
/// the screen and the page's chart (its rows stay in CSV and JSON).
const SECTIONS: [Metric; 16] = [
    Metric::ResidentsHelped,
    Metric::CasesWorked,
    Metric::Started,
    Metric::Filed,
    Metric::FiledByLevel,
    Metric::FullShare,
    Metric::Done,
    Metric::Paused,
    Metric::Cancelled,
    Metric::Accounts,
    Metric::StopReasons,
    Metric::WaitingNow,
    Metric::MedianDaysToFile,
    Metric::NextVisits,
    Metric::HelperStarted,
    Metric::HelperFiled,
];

/// A plain table for the terminal: one section per metric.
pub fn table(report: &Report, labels: &Labels) -> String {
    let mut out = String::new();
    for line in labels.heading(report) {
        let _ = writeln!(out, "{line}");
    }
    for metric in SECTIONS {
        let rows: Vec<&Row> = report.rows_of(metric).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", labels.metric(metric));
        let names: Vec<String> = rows.iter().map(|r| labels.breakdown(&r.breakdown)).collect();
        let wide = names.iter().map(|n| display_width(n)).max().unwrap_or(0);
        for (row, name) in rows.iter().zip(&names) {
            let pad = " ".repeat(wide - display_width(name));
            let _ = writeln!(out, "  {name}{pad}  {:>6}", labels.value(row));
        }
    }
    out
}

pub const CSV_HEADER: [&str; 10] = [
    "ky_bao_cao",
    "tu_ngay",
    "den_ngay",
    "lap_luc",
    "ma_du_lieu",
    "chi_so",
    "nhom",
    "ten_chi_so",
    "ten_nhom",
    "gia_tri",
];

/// CSV for Excel (`text::csv`): one line per row, each stating the period,
/// when it was made and the hash.
pub fn csv(report: &Report, labels: &Labels) -> String {
    let (day, time) = local_time(report.made_ms);
    let made = format!("{day} {time}");
    crate::text::csv::for_excel(
        &CSV_HEADER,
        report.rows.iter().map(|r| {
            [
                report.period.key(),
                report.period.first.to_string(),
                report.period.last.to_string(),
                made.clone(),
                report.dataset.clone(),
                r.metric.name().to_owned(),
                r.breakdown.clone(),
                labels.metric(r.metric),
                labels.breakdown(&r.breakdown),
                r.value.to_string(),
            ]
        }),
    )
}

/// JSON: the period, when made (ms and as read), the hash, the rows with
/// their words.
pub fn json(report: &Report, labels: &Labels) -> String {
    let (day, time) = local_time(report.made_ms);
    let rows: Vec<serde_json::Value> = report
        .rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "metric": r.metric.name(),
                "breakdown": r.breakdown,
                "metric_label": labels.metric(r.metric),
                "breakdown_label": labels.breakdown(&r.breakdown),
                "value": r.value,
            })
        })
        .collect();
    let value = serde_json::json!({
        "period": report.period,
        "made_ms": report.made_ms,
        "made": format!("{day} {time}"),
        "dataset": report.dataset,
        "rows": rows,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Horizontal bars as inline SVG: one bar per row, its label and value
/// beside it. Nothing to load, nothing that runs.
fn bars_svg(items: &[(String, i64)]) -> String {
    const ROW: i64 = 18;
    const LABEL_W: i64 = 300;
    const BAR_W: i64 = 330;
    let max = items.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let height = ROW * items.len() as i64 + 4;
    let mut svg =
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"680\" height=\"{height}\" role=\"img\">");
    for (i, (label, value)) in items.iter().enumerate() {
        let y = i as i64 * ROW + 2;
        let w = value * BAR_W / max;
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect x=\"{bx}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"#2b6cb0\"/>\
             <text x=\"{vx}\" y=\"{ty}\">{value}</text>",
            x = LABEL_W - 6,
            ty = y + 12,
            label = esc(&shorten(label, 44)),
            bx = LABEL_W,
            h = ROW - 5,
            vx = LABEL_W + w + 4,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A column chart of the daily line.
fn columns_svg(values: &[(String, i64)]) -> String {
    let max = values.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let n = values.len().max(1) as i64;
    let w = 660 / n;
    let mut svg =
        String::from("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"680\" height=\"90\" role=\"img\">");
    for (i, (day, v)) in values.iter().enumerate() {
        let h = v * 60 / max;
        let x = 10 + i as i64 * w;
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{h}\" fill=\"#2b6cb0\"><title>{day}: {v}</title></rect>",
            y = 70 - h,
            bw = (w - 2).max(1),
            day = esc(day),
        );
        if i % 5 == 0 {
            let _ = write!(svg, "<text x=\"{x}\" y=\"84\">{}</text>", esc(day));
        }
    }
    svg.push_str("</svg>");
    svg
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars - 1).collect();
    format!("{cut}…")
}

/// One printable A4 page: the heading, the charts a chair asks about, then
/// every number in tables. No script, no font or file from the network.
pub fn html(report: &Report, labels: &Labels) -> String {
    let lang = labels.lang.code();
    let [title, made, dataset] = labels.heading(report).map(|l| esc(&l));
    let mut body = String::new();
    let chart = |body: &mut String, heading: String, items: Vec<(String, i64)>| {
        if items.iter().any(|(_, v)| *v > 0) {
            let _ = write!(body, "<h2>{}</h2>{}", esc(&heading), bars_svg(&items));
        }
    };
    let of = |metric: Metric| -> Vec<(String, i64)> {
        let mut items: Vec<(String, i64)> = report
            .rows_of(metric)
            .filter(|r| !r.breakdown.is_empty())
            .map(|r| (labels.breakdown(&r.breakdown), r.value))
            .collect();
        items.sort_by_key(|item| std::cmp::Reverse(item.1));
        items.truncate(10);
        items
    };
    chart(&mut body, labels.metric(Metric::Started), of(Metric::Started));
    chart(&mut body, labels.metric(Metric::Filed), of(Metric::Filed));
    chart(&mut body, labels.metric(Metric::Accounts), {
        // Stages in their order, not by size.
        report
            .rows_of(Metric::Accounts)
            .map(|r| (labels.breakdown(&r.breakdown), r.value))
            .collect()
    });
    chart(
        &mut body,
        labels.metric(Metric::StopReasons),
        of(Metric::StopReasons),
    );
    let daily: Vec<(String, i64)> = report
        .rows_of(Metric::StartedByDay)
        .map(|r| (labels.breakdown(&r.breakdown), r.value))
        .collect();
    if daily.iter().any(|(_, v)| *v > 0) {
        let _ = write!(
            body,
            "<h2>{}</h2>{}",
            esc(&labels.metric(Metric::StartedByDay)),
            columns_svg(&daily)
        );
    }
    body.push_str("<h2>");
    body.push_str(&esc(&labels.word("report.all_numbers")));
    body.push_str("</h2><table>");
    for metric in SECTIONS {
        for (i, row) in report.rows_of(metric).enumerate() {
            let name = if i == 0 {
                esc(&labels.metric(metric))
            } else {
                String::new()
            };
            let _ = write!(
                body,
                "<tr><th>{name}</th><td>{}</td><td class=\"n\" data-metric=\"{}\" data-breakdown=\"{}\">{}</td></tr>",
                esc(&labels.breakdown(&row.breakdown)),
                row.metric.name(),
                esc(&row.breakdown),
                esc(&labels.value(row)),
            );
        }
    }
    body.push_str("</table>");
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>@page{{size:A4;margin:12mm}}body{{font-family:sans-serif;font-size:10pt;max-width:186mm;margin:auto}}\
         h1{{font-size:15pt;margin:0 0 2pt}}h2{{font-size:11pt;margin:10pt 0 3pt}}p{{margin:0;color:#444}}\
         svg text{{font-size:10px;font-family:sans-serif}}table{{border-collapse:collapse;width:100%}}\
         th,td{{text-align:left;padding:1pt 4pt;border-bottom:1px solid #ddd;vertical-align:top}}\
         td.n{{text-align:right}}th{{font-weight:600;width:35%}}</style></head>\
         <body><h1>{title}</h1><p>{made}</p><p>{dataset}</p>{body}</body></html>\n"
    )
}
