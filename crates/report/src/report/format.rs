//! The report as people read it: a table for the terminal, CSV for Excel,
//! JSON for scripts, one printable HTML page with charts. All draw the same
//! rows with the same words ([`Labels`]).

use std::fmt::Write;

pub use trolyso_core::domain::report::{KEY_NUMBERS, Labels};

use super::{Metric, Report, Row};
use trolyso_core::domain::date::local_time;
use trolyso_core::i18n::Message;
use trolyso_core::text::{display_width, escape_html as esc, truncate};

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
    trolyso_core::text::csv::for_excel(
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

/// Horizontal bars as inline SVG, `width` pixels wide: one bar per row,
/// its label and value beside it. Nothing to load, nothing that runs.
fn bars_svg(items: &[(String, i64)], width: i64) -> String {
    const ROW: i64 = 14;
    let label_w = width * 58 / 100;
    let bar_w = width - label_w - 30;
    let max = items.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let height = ROW * items.len() as i64 + 2;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\">"
    );
    for (i, (label, value)) in items.iter().enumerate() {
        let y = i as i64 * ROW + 1;
        let w = value * bar_w / max;
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect x=\"{bx}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"#2b6cb0\"/>\
             <text x=\"{vx}\" y=\"{ty}\">{value}</text>",
            x = label_w - 4,
            ty = y + 10,
            label = esc(&truncate(label, (label_w / 6) as usize)),
            bx = label_w,
            h = ROW - 4,
            vx = label_w + w + 3,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A column chart of the daily line, `width` pixels wide.
fn columns_svg(values: &[(String, i64)], width: i64) -> String {
    let max = values.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let n = values.len().max(1) as i64;
    let w = (width - 10) / n;
    let mut svg =
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"50\" role=\"img\">");
    for (i, (day, v)) in values.iter().enumerate() {
        let h = v * 34 / max;
        let x = 5 + i as i64 * w;
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{h}\" fill=\"#2b6cb0\"><title>{day}: {v}</title></rect>",
            y = 36 - h,
            bw = (w - 2).max(1),
            day = esc(day),
        );
        if i % 5 == 0 {
            let _ = write!(svg, "<text x=\"{x}\" y=\"47\">{}</text>", esc(day));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Breakdown rows a section of the page shows at most: a busy month still
/// prints on one A4 page (the CSV has every row).
const PAGE_ROWS: usize = 5;

/// A section's rows on the page: its total, then its breakdown rows (the
/// largest [`PAGE_ROWS`] when there are more, with how many are left out
/// and their sum).
fn page_rows(report: &Report, metric: Metric) -> (Vec<&Row>, Option<(usize, i64)>) {
    let rows: Vec<&Row> = report.rows_of(metric).collect();
    let parts = rows.iter().filter(|r| !r.breakdown.is_empty()).count();
    if parts <= PAGE_ROWS + 1 {
        return (rows, None);
    }
    let largest = report.largest(metric);
    let rest = &largest[PAGE_ROWS..];
    let mut shown: Vec<&Row> = rows.into_iter().filter(|r| r.breakdown.is_empty()).collect();
    shown.extend(&largest[..PAGE_ROWS]);
    (shown, Some((rest.len(), rest.iter().map(|r| r.value).sum())))
}

/// One printable A4 page: the heading, the key numbers, four charts and
/// the daily line, then every number in small columns. No script, no font
/// or file from the network.
pub fn html(report: &Report, labels: &Labels) -> String {
    const CHART: i64 = 340;
    let lang = labels.lang.code();
    let [title, made, dataset] = labels.heading(report).map(|l| esc(&l));
    let mut body = String::from("<div class=\"kpis\">");
    for (metric, breakdown, _) in KEY_NUMBERS {
        let value = labels.key_number(report, metric, breakdown);
        let name = if breakdown.is_empty() {
            labels.metric(metric)
        } else {
            format!("{}: {}", labels.metric(metric), labels.breakdown(breakdown))
        };
        let _ = write!(
            body,
            "<div><b>{}</b><span>{}</span></div>",
            esc(&value),
            esc(&name)
        );
    }
    body.push_str("</div><div class=\"charts\">");
    let of = |metric: Metric, by_size: bool| -> Vec<(String, i64)> {
        let rows = if by_size {
            report.largest(metric)
        } else {
            report
                .rows_of(metric)
                .filter(|r| !r.breakdown.is_empty())
                .collect()
        };
        rows.iter()
            .take(PAGE_ROWS)
            .map(|r| (labels.breakdown(&r.breakdown), r.value))
            .collect()
    };
    for (metric, by_size) in [
        (Metric::Started, true),
        (Metric::Filed, true),
        (Metric::Accounts, false),
        (Metric::StopReasons, true),
    ] {
        let items = of(metric, by_size);
        let chart = if items.iter().any(|(_, v)| *v > 0) {
            bars_svg(&items, CHART)
        } else {
            format!("<p>{}</p>", esc(&labels.word("report.screen.none")))
        };
        let _ = write!(body, "<div><h2>{}</h2>{chart}</div>", esc(&labels.metric(metric)));
    }
    body.push_str("</div>");
    let daily: Vec<(String, i64)> = report
        .rows_of(Metric::StartedByDay)
        .map(|r| (labels.breakdown(&r.breakdown), r.value))
        .collect();
    if daily.iter().any(|(_, v)| *v > 0) {
        let _ = write!(
            body,
            "<h2>{}</h2>{}",
            esc(&labels.metric(Metric::StartedByDay)),
            columns_svg(&daily, 2 * CHART + 20)
        );
    }
    let _ = write!(
        body,
        "<h2>{}</h2><div class=\"all\">",
        esc(&Message::new("report.all_numbers")
            .arg("n", PAGE_ROWS)
            .render(labels.lang))
    );
    for metric in SECTIONS {
        let (rows, others) = page_rows(report, metric);
        if rows.is_empty() {
            continue;
        }
        let _ = write!(body, "<table><caption>{}</caption>", esc(&labels.metric(metric)));
        for row in rows {
            let _ = write!(
                body,
                "<tr><td>{}</td><td class=\"n\" data-metric=\"{}\" data-breakdown=\"{}\">{}</td></tr>",
                esc(&labels.breakdown(&row.breakdown)),
                row.metric.name(),
                esc(&row.breakdown),
                esc(&labels.value(row)),
            );
        }
        if let Some((n, sum)) = others {
            let words = Message::new("report.others").arg("n", n).render(labels.lang);
            let _ = write!(
                body,
                "<tr class=\"others\"><td>{}</td><td class=\"n\">{sum}</td></tr>",
                esc(&words)
            );
        }
        body.push_str("</table>");
    }
    body.push_str("</div>");
    // Signed by who made it and by the chairman: the page goes in a file.
    let _ = write!(
        body,
        "<div class=\"sign\"><div>{}</div><div>{}</div></div><p class=\"check\">{dataset}</p>",
        esc(&labels.word("report.sign.maker")),
        esc(&labels.word("report.sign.chair"))
    );
    let place = labels.place.as_deref().map_or_else(String::new, |p| {
        format!(
            "<p class=\"place\">{}</p>",
            esc(&Message::new("report.place").arg("place", p).render(labels.lang))
        )
    });
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>@page{{size:A4;margin:10mm}}body{{font-family:sans-serif;font-size:9pt;max-width:190mm;margin:auto}}\
         h1{{font-size:13pt;margin:0}}h2{{font-size:9.5pt;margin:4pt 0 1pt}}p{{margin:0;color:#444}}\
         .kpis{{display:grid;grid-template-columns:repeat(4,1fr);gap:3pt;margin:6pt 0}}\
         .kpis div{{border:1px solid #ccc;padding:2pt 4pt}}.kpis b{{display:block;font-size:13pt}}.kpis span{{font-size:7.5pt}}\
         .charts{{display:grid;grid-template-columns:1fr 1fr;gap:0 12pt}}\
         svg text{{font-size:9px;font-family:sans-serif}}\
         .all{{column-count:3;column-gap:10pt;font-size:9pt}}table{{border-collapse:collapse;width:100%;break-inside:avoid;margin-bottom:3pt}}\
         .place{{font-size:10pt;color:#000;margin:2pt 0}}.sign{{display:grid;grid-template-columns:1fr 1fr;text-align:center;margin-top:8pt;height:22mm;font-weight:600;white-space:pre-line}}\
         .check{{font-size:7pt;margin-top:4pt}}\
         caption{{text-align:left;font-weight:600}}td{{padding:0 2pt;border-bottom:1px solid #eee;vertical-align:top}}\
         table{{table-layout:fixed}}td:first-child{{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}}\
         td.n{{text-align:right;width:3.2em}}tr.others td{{color:#555;font-style:italic}}</style></head>\
         <body><h1>{title}</h1>{place}<p>{made}</p>{body}</body></html>\n"
    )
}
