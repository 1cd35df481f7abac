//! The bundles screen: this machine and its office at the top, the USB
//! folder, the bundles and key files in it, and what the last thing done
//! (or a bundle read without writing) says.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::Exchange;
use crate::ui::Ui;
use crate::ui::text::truncate;
use crate::ui::widgets::{clickable_window, framed, input};
use trolyso_core::i18n::Message;
use trolyso_core::text::display_width;
use trolyso_store::bundle::Kind;

pub fn draw(ui: &mut Ui, area: Rect, x: &Exchange) -> Option<Position> {
    let lang = ui.lang();
    let [head, folder, files, said] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(8),
    ])
    .areas(area);
    ui.frame
        .render_widget(Paragraph::new(head_lines(ui, x)).wrap(Wrap { trim: true }), head);
    let label = ui.t("exchange.folder");
    let cursor = input(ui, folder, &label, &x.folder, true, false);
    if x.showing_machines {
        draw_machines(ui, files, x);
    } else {
        draw_files(ui, files, x);
    }

    let mut lines: Vec<Line> = Vec::new();
    if let Some(r) = &x.working {
        // Step 1 reads and checks the file (its count known once the
        // header is), step 2 merges case after case.
        let m = match (r.total, r.step) {
            (0, _) => Message::new("exchange.working"),
            (_, 1) => Message::new("exchange.working_reading"),
            _ => Message::new("exchange.working_cases"),
        };
        let m = m
            .arg("done", lang.grouped(r.done))
            .arg("total", lang.grouped(r.total));
        lines.push(Line::styled(m.render(lang), ui.theme.title));
        if x.stopping {
            lines.push(Line::styled(ui.t("exchange.stopping"), ui.theme.quiet));
        }
    }
    if let Some((file, preview)) = &x.preview {
        // The way on first: what follows may be cut by the screen's height.
        // A file of enrolment says its own way on (it is one line).
        let bundle = x.files.iter().any(|(f, kind)| f == file && kind.is_none());
        if bundle {
            lines.push(Line::styled(ui.t("exchange.preview"), ui.theme.title));
        }
        lines.extend(preview.iter().map(|m| Line::raw(m.render(lang))));
    }
    if let Some(row) = x
        .revoking
        .as_ref()
        .and_then(|id| x.info.as_ref()?.machines.iter().find(|m| m.id == *id))
    {
        let ask = Message::new("exchange.revoke_confirm")
            .arg("helper", &row.helper)
            .arg("place", &row.place)
            .arg("machine", short(&row.id));
        lines.push(Line::styled(ask.render(lang), ui.theme.title));
    }
    lines.extend(x.said.iter().map(|m| Line::raw(m.render(lang))));
    ui.frame
        .render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), said);
    cursor
}

/// A machine's code as shown second, after who and where.
fn short(id: &str) -> String {
    id.chars().take(8).collect()
}

/// This machine (who, where, code), the office it sends to, and the
/// machines this office enrolled.
fn head_lines(ui: &Ui, x: &Exchange) -> Vec<Line<'static>> {
    let lang = ui.lang();
    let Some(info) = &x.info else {
        return vec![Line::styled(ui.t("exchange.reading"), ui.theme.quiet)];
    };
    let mut lines = vec![Line::raw(
        Message::new("exchange.this_machine")
            .arg("here", &info.here)
            .arg("machine", short(&info.machine))
            .render(lang),
    )];
    let office = |code: &str| match &info.office_place {
        Some(place) => format!("{place} ({code})"),
        None => code.to_owned(),
    };
    lines.push(match (&info.joined, &info.waiting_code) {
        (Some(code), None) => Line::raw(
            Message::new("exchange.joined")
                .arg("office", office(code))
                .render(lang),
        ),
        (Some(code), Some(pairing)) => Line::styled(
            Message::new("exchange.joined_waiting")
                .arg("office", office(code))
                .arg("code", pairing)
                .render(lang),
            ui.theme.title,
        ),
        (None, _) => Line::styled(ui.t("exchange.not_joined"), ui.theme.quiet),
    });
    if !info.machines.is_empty() {
        let active = info.machines.iter().filter(|m| !m.revoked).count();
        lines.push(Line::raw(
            Message::new("exchange.machines_count")
                .arg("n", active)
                .render(lang),
        ));
    }
    lines
}

fn draw_files(ui: &mut Ui, area: Rect, x: &Exchange) {
    let inner = framed(ui, area, ui.t("exchange.files"));
    if x.files.is_empty() {
        let empty = Paragraph::new(ui.t("exchange.no_files")).wrap(Wrap { trim: true });
        ui.frame.render_widget(empty.style(ui.theme.quiet), inner);
    }
    let shown = clickable_window(ui, inner, x.selected, x.files.len());
    let kind_key = |kind: &Option<Kind>| match kind {
        None => "exchange.kind_bundle",
        Some(Kind::KeyFile) => "exchange.kind_key",
        Some(Kind::Request) => "exchange.kind_request",
        Some(Kind::Enrolment) => "exchange.kind_enrolment",
    };
    // The names start in one column, whatever kinds the folder holds.
    let wide = [
        None,
        Some(Kind::KeyFile),
        Some(Kind::Request),
        Some(Kind::Enrolment),
    ]
    .iter()
    .map(|k| display_width(&ui.t(kind_key(k))))
    .max()
    .unwrap_or(0);
    for (y, i) in (inner.y..inner.bottom()).zip(shown) {
        let (file, kind) = &x.files[i];
        let kind = ui.t(kind_key(kind));
        let kind = format!("{kind}{}", " ".repeat(wide - display_width(&kind)));
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        row(ui, inner, y, &format!("{kind}  {name}"), i == x.selected);
    }
}

/// The machines this office enrolled: who, where, their last bundle, how
/// many cases; the code last. Enter on one asks to revoke it.
fn draw_machines(ui: &mut Ui, area: Rect, x: &Exchange) {
    let lang = ui.lang();
    let inner = framed(ui, area, ui.t("exchange.machines"));
    let machines = x.info.as_ref().map(|i| i.machines.as_slice()).unwrap_or_default();
    if machines.is_empty() {
        let empty = Paragraph::new(ui.t("bundle.no_machines")).wrap(Wrap { trim: true });
        ui.frame.render_widget(empty.style(ui.theme.quiet), inner);
    }
    let shown = clickable_window(ui, inner, x.machine_selected, machines.len());
    for (y, i) in (inner.y..inner.bottom()).zip(shown) {
        let m = &machines[i];
        let key = if m.revoked {
            "exchange.machine_revoked"
        } else {
            "exchange.machine"
        };
        let text = Message::new(key)
            .arg("helper", &m.helper)
            .arg("place", &m.place)
            .arg("last", m.last_bundle.as_deref().unwrap_or("—"))
            .arg("cases", m.cases)
            .arg("machine", short(&m.id))
            .render(lang);
        row(ui, inner, y, &text, i == x.machine_selected);
    }
}

fn row(ui: &mut Ui, inner: Rect, y: u16, text: &str, chosen: bool) {
    let style = if chosen { ui.theme.focus } else { ui.theme.normal };
    let text = truncate(text, usize::from(inner.width));
    ui.frame.render_widget(
        Paragraph::new(text).style(style),
        Rect {
            y,
            height: 1,
            ..inner
        },
    );
}
