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
        Constraint::Length(2),
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(8),
    ])
    .areas(area);
    let head_lines = match &x.info {
        None => vec![Line::styled(ui.t("exchange.reading"), ui.theme.quiet)],
        Some(info) => vec![
            Line::raw(
                Message::new("exchange.this_machine")
                    .arg("machine", &info.machine)
                    .arg("office", &info.office)
                    .render(lang),
            ),
            match (&info.joined, &info.waiting_code) {
                (Some(office), None) => {
                    Line::raw(Message::new("exchange.joined").arg("office", office).render(lang))
                }
                (Some(office), Some(code)) => Line::styled(
                    Message::new("exchange.joined_waiting")
                        .arg("office", office)
                        .arg("code", code)
                        .render(lang),
                    ui.theme.title,
                ),
                (None, _) => Line::styled(ui.t("exchange.not_joined"), ui.theme.quiet),
            },
        ],
    };
    ui.frame
        .render_widget(Paragraph::new(head_lines).wrap(Wrap { trim: true }), head);
    let label = ui.t("exchange.folder");
    let cursor = input(ui, folder, &label, &x.folder, true, false);
    let inner = framed(ui, files, ui.t("exchange.files"));
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
        let style = if i == x.selected {
            ui.theme.focus
        } else {
            ui.theme.normal
        };
        let text = truncate(&format!("{kind}  {name}"), usize::from(inner.width));
        ui.frame.render_widget(
            Paragraph::new(text).style(style),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
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
    lines.extend(x.said.iter().map(|m| Line::raw(m.render(lang))));
    ui.frame
        .render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), said);
    cursor
}
