//! The report screen: the month, the numbers a chair asks for in two
//! columns, the daily line, and two bar charts (filed by procedure, why
//! visits stopped). Labels are cut to the columns they have, by display
//! width, so Vietnamese titles never push a bar off the screen.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Paragraph, Sparkline};

use crate::app::{ReportView, VISITS_AHEAD_DAYS};
use crate::ui::Ui;
use crate::ui::text::truncate;
use crate::ui::widgets::framed;
use trolyso_core::domain::report::{KEY_NUMBERS, Labels};
use trolyso_core::domain::report::{Metric, Report};
use trolyso_core::i18n::Message;
use trolyso_core::text::display_width;

/// Bars drawn with `#` under `--ascii` (old consoles lack the block shapes).
const ASCII_BARS: symbols::bar::Set = symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "#",
    half: "=",
    three_eighths: "=",
    one_quarter: "-",
    one_eighth: "-",
    empty: " ",
};

/// The widest a bar's label may be in a chart `width` columns wide: what is
/// left after room for a bar and its number.
pub fn label_width(width: u16) -> usize {
    usize::from(width).saturating_sub(10).min(28)
}

pub fn draw(ui: &mut Ui, area: Rect, view: &ReportView) -> Option<Position> {
    let lang = ui.lang();
    let heading = Message::new("report.screen.heading")
        .arg("period", view.period.label())
        .render(lang);
    let [top, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let Some(report) = &view.report else {
        let lines = vec![
            Line::styled(heading, ui.theme.title),
            Line::styled(ui.t("report.screen.counting"), ui.theme.quiet),
        ];
        ui.frame.render_widget(Paragraph::new(lines), area);
        return None;
    };
    let made = Message::new("report.screen.dataset")
        .arg("hash", &report.dataset)
        .render(lang);
    ui.frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(heading, ui.theme.title),
            Span::styled(format!("   {made}"), ui.theme.quiet),
        ])),
        top,
    );
    let [summary, daily, charts] = Layout::vertical([
        Constraint::Length(KEY_NUMBERS.len() as u16 / 2),
        Constraint::Length(4),
        Constraint::Min(4),
    ])
    .areas(rest);
    let labels = Labels {
        catalogue: &ui.app.catalogue,
        lang,
        place: None,
    };
    draw_summary(ui, summary, report, &labels);
    draw_daily(ui, daily, report);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(charts);
    // The funnel under what was filed: its three stages need three rows.
    let [left, middle] = Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(left);
    let filed = bars(report, Metric::Filed, &labels);
    let stops = bars(report, Metric::StopReasons, &labels);
    // The account funnel in its own order (started, sent, activated), not
    // by size: where residents drop out shows (issue 29).
    let accounts: Vec<(String, u64)> = report
        .rows_of(Metric::Accounts)
        .filter(|r| !r.breakdown.is_empty())
        .map(|r| (labels.breakdown(&r.breakdown), r.value.max(0) as u64))
        .collect();
    // Who is due back this week, under why visits stopped.
    let [right, visits] = Layout::vertical([Constraint::Min(3), Constraint::Length(6)]).areas(right);
    draw_bars(ui, left, ui.t("report.screen.filed_by_procedure"), filed);
    draw_bars(ui, middle, ui.t("report.screen.accounts"), accounts);
    draw_bars(ui, right, ui.t("report.screen.stop_reasons"), stops);
    draw_visits(ui, visits, view);
    None
}

/// The residents due back in the coming days: the day, the name masked,
/// the procedure.
fn draw_visits(ui: &mut Ui, area: Rect, view: &ReportView) {
    let lang = ui.lang();
    let title = Message::new("report.screen.next_visits")
        .arg("days", VISITS_AHEAD_DAYS)
        .render(lang);
    let inner = framed(ui, area, title);
    let lines: Vec<Line> = match &view.visits {
        None => vec![Line::styled(ui.t("report.screen.counting"), ui.theme.quiet)],
        Some(rows) if rows.is_empty() => vec![Line::styled(ui.t("report.screen.none"), ui.theme.quiet)],
        Some(rows) => rows
            .iter()
            .take(usize::from(inner.height))
            .map(|r| {
                let day = format!("{:02}/{:02}", r.date.day, r.date.month);
                let text = format!(
                    "{day} {} · {}",
                    r.name,
                    ui.app.catalogue.title(&r.procedure, lang)
                );
                Line::raw(truncate(&text, usize::from(inner.width)))
            })
            .collect(),
    };
    ui.frame.render_widget(Paragraph::new(lines), inner);
}

/// Two columns of "label … number", a bar between them.
fn draw_summary(ui: &mut Ui, area: Rect, report: &Report, labels: &Labels) {
    const BAR: &str = " │";
    let column = usize::from(area.width).saturating_sub(BAR.len()) / 2;
    let mut lines = Vec::new();
    for pair in KEY_NUMBERS.chunks(2) {
        let mut spans = Vec::new();
        for (i, (metric, breakdown, words)) in pair.iter().enumerate() {
            let value = labels.key_number(report, *metric, breakdown);
            // A space before the label and at least one before the number.
            let room = column.saturating_sub(2 + display_width(&value));
            let label = truncate(&ui.t(words), room);
            let gap = " ".repeat(room - display_width(&label) + 1);
            spans.push(Span::styled(format!(" {label}{gap}"), ui.theme.normal));
            spans.push(Span::styled(value, ui.theme.title));
            if i == 0 {
                spans.push(Span::styled(BAR, ui.theme.quiet));
            }
        }
        lines.push(Line::from(spans));
    }
    ui.frame.render_widget(Paragraph::new(lines), area);
}

fn draw_daily(ui: &mut Ui, area: Rect, report: &Report) {
    let days: Vec<&str> = report
        .rows_of(Metric::StartedByDay)
        .map(|r| r.breakdown.rsplit('-').next().unwrap_or(""))
        .collect();
    let values: Vec<u64> = report
        .rows_of(Metric::StartedByDay)
        .map(|r| r.value.max(0) as u64)
        .collect();
    let most = values.iter().copied().max().unwrap_or(0);
    let title = Message::new("report.screen.daily")
        .arg("most", most)
        .render(ui.lang());
    let inner = framed(ui, area, title);
    // Each day as wide as the frame allows (a month is 28–31 columns of 78).
    let each = (usize::from(inner.width) / values.len().max(1)).max(1);
    let values: Vec<u64> = values
        .iter()
        .flat_map(|v| std::iter::repeat_n(*v, each))
        .collect();
    let mut spark = Sparkline::default().data(&values).style(ui.theme.focus);
    if ui.theme.ascii {
        spark = spark.bar_set(ASCII_BARS);
    }
    // Under the bars, the day of the month every five days, where it
    // stands (the chart had no labels).
    let [bars, under] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    ui.frame
        .render_widget(spark, if inner.height >= 2 { bars } else { inner });
    if inner.height >= 2 {
        let mut line = String::new();
        for (i, day) in days.iter().enumerate().step_by(5) {
            let at = i * each;
            if at >= line.chars().count() && at + day.len() <= usize::from(under.width) {
                line.push_str(&" ".repeat(at - line.chars().count()));
                line.push_str(day);
            }
        }
        ui.frame
            .render_widget(Paragraph::new(line).style(ui.theme.quiet), under);
    }
}

/// A metric's breakdown as (label, value), largest first, totals and
/// zeros left out.
fn bars(report: &Report, metric: Metric, labels: &Labels) -> Vec<(String, u64)> {
    report
        .largest(metric)
        .into_iter()
        .filter(|r| r.value > 0)
        .map(|r| (labels.breakdown(&r.breakdown), r.value as u64))
        .collect()
}

fn draw_bars(ui: &mut Ui, area: Rect, title: String, items: Vec<(String, u64)>) {
    let inner = framed(ui, area, title);
    if items.is_empty() {
        let none = Paragraph::new(Line::styled(ui.t("report.screen.none"), ui.theme.quiet));
        ui.frame.render_widget(none, inner);
        return;
    }
    let width = label_width(inner.width);
    let shown: Vec<Bar> = items
        .iter()
        .take(usize::from(inner.height))
        .map(|(label, value)| {
            Bar::default()
                .label(Line::from(truncate(label, width)))
                .value(*value)
                .text_value(value.to_string())
        })
        .collect();
    let mut chart = BarChart::horizontal(shown)
        .bar_width(1)
        .bar_gap(0)
        .bar_style(ui.theme.focus)
        .value_style(ui.theme.focus.reversed())
        .label_style(ui.theme.normal);
    if ui.theme.ascii {
        chart = chart.bar_set(ASCII_BARS);
    }
    ui.frame.render_widget(chart, inner);
}
