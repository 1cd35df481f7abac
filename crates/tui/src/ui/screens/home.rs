//! Recent cases, or the cases found by what is typed.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::Home;
use crate::ui::Ui;
use crate::ui::text::truncate;
use crate::ui::widgets::{clickable_window, framed, input};
use trolyso_core::domain::privacy::mask_short;
use trolyso_store::store::CaseRow;

/// Columns of a case row other than the procedure's title: status 13, name
/// 18, number 6, date 8, next visit 13, and the spaces between.
const FIXED_COLUMNS: usize = 13 + 1 + 18 + 1 + 6 + 1 + 1 + 8 + 13;

/// One case on the list, written column by column into row `area`; the
/// procedure's title takes what the screen has left (cut at 80 columns,
/// whole at 200). Written straight into the buffer, not as one padded
/// line: a 200-column frame spent most of its time cutting the padding's
/// spaces into graphemes.
pub(super) fn draw_case(ui: &mut Ui, area: Rect, r: &CaseRow, conflicted: bool, style: Style) {
    let app = ui.app;
    let width = usize::from(area.width);
    let title = width.saturating_sub(FIXED_COLUMNS).max(15);
    // A case waiting for a value to be chosen (F10) is marked on its row.
    let status = if conflicted {
        format!("! {}", ui.t(r.case.status.message_key()))
    } else {
        ui.t(r.case.status.message_key())
    };
    let name = r.resident.as_ref().map(|x| x.full_name.clone());
    let (date, _) = trolyso_core::domain::date::local_time(r.case.updated_at_ms);
    let changed = format!("{:02}/{:02}/{:02}", date.day, date.month, date.year % 100);
    // Numbers are masked on lists (the last three digits tell cases apart);
    // the case's own screen shows them whole.
    let number = r
        .resident
        .as_ref()
        .and_then(|x| x.id_number.as_deref())
        .map(mask_short);
    let next = r
        .case
        .next_visit
        .as_deref()
        .map(|d| format!(" → {d}"))
        .unwrap_or_default();
    let columns = [
        (13, truncate(&status, 13)),
        (18, truncate(&name.unwrap_or_else(|| "—".into()), 18)),
        (6, number.unwrap_or_default()),
        (
            title,
            truncate(&app.catalogue.title(&r.case.procedure_id, app.lang), title),
        ),
        (usize::MAX, format!("{changed}{next}")),
    ];
    let buf = ui.frame.buffer_mut();
    // The gaps between columns take the row's style too (the highlight);
    // a plain row is already plain.
    if style != Style::default() {
        buf.set_style(area, style);
    }
    let mut x = 0usize;
    for (room, text) in columns {
        let left = width.saturating_sub(x);
        if left == 0 {
            break;
        }
        buf.set_stringn(area.x + x as u16, area.y, &text, left, style);
        x = x.saturating_add(room).saturating_add(1);
    }
}

pub fn draw(ui: &mut Ui, area: Rect, h: &Home) -> Option<Position> {
    let banner = u16::from(!h.conflicts.is_empty());
    let [search, waiting, list] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(banner),
        Constraint::Min(1),
    ])
    .areas(area);
    if !h.conflicts.is_empty() {
        let text = trolyso_core::i18n::Message::new("conflict.banner")
            .arg("n", h.conflicts.len())
            .render(ui.lang());
        ui.frame.render_widget(
            Paragraph::new(truncate(&text, usize::from(waiting.width))).style(ui.theme.error),
            waiting,
        );
    }
    let label = ui.t("ui.home.search");
    let cursor = input(ui, search, &label, &h.query, true, false);
    let searching = !h.query.text().trim().is_empty();
    let title = ui.t(if searching {
        "ui.home.found"
    } else {
        "ui.home.recent"
    });
    let inner = framed(ui, list, title);
    if h.rows.is_empty() {
        let empty = ui.t(if h.unreadable {
            "ui.home.unreadable"
        } else if searching {
            "ui.home.none_found"
        } else {
            "ui.home.empty"
        });
        ui.frame
            .render_widget(Paragraph::new(empty).wrap(Wrap { trim: true }), inner);
        return cursor;
    }
    // Only the rows that fit are formatted: a frame costs the window, not
    // the list.
    let shown = clickable_window(ui, inner, h.selected, h.rows.len());
    for (y, i) in (inner.y..inner.bottom()).zip(shown) {
        let style = if i == h.selected {
            ui.theme.focus
        } else {
            ui.theme.normal
        };
        draw_case(
            ui,
            Rect {
                y,
                height: 1,
                ..inner
            },
            &h.rows[i],
            h.conflicts.contains(&h.rows[i].case.id),
            style,
        );
    }
    if let (Some(at), Some(row)) = (h.result, h.rows.get(h.selected)) {
        draw_result(ui, list, row, at);
        return None;
    }
    cursor
}

/// The result of a filed case, over the list: the case, then the results.
fn draw_result(ui: &mut Ui, area: Rect, row: &CaseRow, at: usize) {
    let popup = area.inner(ratatui::layout::Margin {
        horizontal: 4,
        vertical: 1,
    });
    ui.frame.render_widget(ratatui::widgets::Clear, popup);
    let inner = crate::ui::widgets::framed(ui, popup, ui.t("ui.result.title"));
    let app = ui.app;
    let name = row.resident.as_ref().map_or("—", |r| r.full_name.as_str());
    let title = app.catalogue.title(&row.case.procedure_id, app.lang);
    let mut lines = vec![ratatui::text::Line::raw(truncate(
        &format!("{name} — {title}"),
        usize::from(inner.width),
    ))];
    for (i, status) in crate::app::RESULTS.iter().enumerate() {
        let (mark, style) = if i == at {
            ("▶", ui.theme.focus)
        } else {
            (" ", ui.theme.normal)
        };
        lines.push(ratatui::text::Line::styled(
            format!("{mark} {}", ui.t(status.message_key())),
            style,
        ));
    }
    ui.frame.render_widget(Paragraph::new(lines), inner);
}
