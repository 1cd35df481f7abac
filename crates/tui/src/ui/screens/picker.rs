//! Choosing a procedure: the search line, the browse filter, the list.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::{PickRow, Picker, picker_matches};
use crate::ui::Ui;
use crate::ui::text::truncate;
use crate::ui::widgets::{clickable_window, framed, input};
use crate::ui::words::{field_of_work, level_key};
use trolyso_core::domain::procedure::{Level, Text};
use trolyso_core::i18n::Message;
use trolyso_core::text::display_width;

/// A row's title, level, fee and processing time.
fn row_parts(ui: &Ui, row: PickRow) -> (String, Level, String, String) {
    let app = ui.app;
    match row {
        PickRow::Guided(pi) => {
            let proc = &app.catalogue.procedures[pi];
            let said = |t: &Option<Text>| t.as_ref().map(|t| t.get(app.lang).to_owned()).unwrap_or_default();
            let (fee, time) = (said(&proc.fee), said(&proc.processing_time));
            (proc.title.get(app.lang).to_owned(), proc.level, fee, time)
        }
        PickRow::Entry(ei) => {
            let e = &app.catalogue.entries[ei];
            let mark = ui.t("ui.picker.catalogue_mark");
            (format!("{} · {}", e.title, e.code), e.level, mark, String::new())
        }
    }
}

pub fn draw(ui: &mut Ui, area: Rect, p: &Picker) -> Option<Position> {
    let [query, filter, list] =
        Layout::vertical([Constraint::Length(3), Constraint::Length(1), Constraint::Min(1)]).areas(area);
    // A new case for a person on file says whose it will be.
    let label = match &p.for_person {
        Some(person) => trolyso_core::i18n::Message::new("ui.picker.search_for")
            .arg("name", &person.full_name)
            .render(ui.lang()),
        None => ui.t("ui.picker.search"),
    };
    let c = input(ui, query, &label, &p.query, true, false);
    let all = ui.t("ui.picker.all");
    let field = p
        .field
        .as_deref()
        .map_or(all.clone(), |f| field_of_work(ui.lang(), f));
    let level = p.level.map_or(all, |l| ui.t(level_key(l)));
    let filter_line = ui.say(
        &Message::new("ui.picker.filter")
            .arg("field", field)
            .arg("level", level),
    );
    ui.frame
        .render_widget(Paragraph::new(filter_line).style(ui.theme.quiet), filter);
    let matches = picker_matches(&ui.app.catalogue, p);
    let title = ui.t("ui.picker.list");
    let inner = framed(ui, list, title);
    if matches.is_empty() {
        // Not a dead end: the general guide takes the name typed.
        let name = p.query.text().trim();
        let words = if name.is_empty() {
            ui.t("ui.picker.none")
        } else {
            ui.say(&Message::new("ui.picker.none_generic").arg("name", name))
        };
        let lines = crate::ui::text::wrapped(&words, inner.width as usize, ui.theme.normal);
        ui.frame.render_widget(Paragraph::new(lines), inner);
        return c;
    }
    // A header names the columns; then only the rows that fit are
    // formatted (the national list has thousands).
    let [header, rows] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let width = inner.width as usize;
    // The title first (at least 24 columns when the screen has them), the
    // fee what is left, up to 40; a narrow window (60 columns) drops the fee
    // (the detail says it) so titles are read, not cut at 22 letters.
    let narrow = width < 70;
    let title_width = if narrow {
        width.saturating_sub(14).max(10)
    } else {
        width
            .saturating_sub(44)
            .clamp(24, 60)
            .min(width.saturating_sub(32))
    };
    let fee_width = if narrow {
        0
    } else {
        width.saturating_sub(title_width + 14).clamp(18, 40)
    };
    let columns = |title: &str, level: &str, fee: &str| {
        let text = format!(
            "{:<tw$} {:<12}",
            truncate(title, title_width),
            truncate(level, 12),
            tw = title_width,
        );
        if narrow {
            text
        } else {
            format!("{text} {:<fw$}", truncate(fee, fee_width), fw = fee_width)
        }
    };
    // The time where the window is wide enough to read it, its column named.
    let with_time = |text: String, time: &str| {
        let room = width.saturating_sub(display_width(&text) + 1);
        if room >= 12 && !narrow {
            format!("{text} {}", truncate(time, room))
        } else {
            text
        }
    };
    let head = with_time(
        columns(
            &ui.t("ui.picker.col_title"),
            &ui.t("ui.picker.col_level"),
            &ui.t("ui.picker.col_fee"),
        ),
        &ui.t("ui.picker.col_time"),
    );
    ui.frame
        .render_widget(Paragraph::new(head).style(ui.theme.title), header);
    let lines: Vec<Line> = clickable_window(ui, rows, p.selected, matches.len())
        .map(|i| {
            let (title, level, fee, time) = row_parts(ui, matches[i]);
            let text = with_time(columns(&title, &ui.t(level_key(level)), &fee), &time);
            let style = if i == p.selected {
                ui.theme.focus
            } else {
                ui.theme.normal
            };
            Line::styled(text, style)
        })
        .collect();
    ui.frame.render_widget(Paragraph::new(lines), rows);
    c
}
