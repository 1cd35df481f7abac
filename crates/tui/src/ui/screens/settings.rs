//! The office's settings: one row each, ← → to change.

use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::commune;
use crate::app::{SettingsForm, SettingsRow};
use crate::ui::text::{truncate, wrapped};
use crate::ui::widgets::{field_line, framed, value_line};
use crate::ui::{Ui, caret_at};
use trolyso_core::i18n::{Lang, Message};

fn label_key(row: SettingsRow) -> &'static str {
    match row {
        SettingsRow::Lang => "ui.settings.lang",
        SettingsRow::Theme => "ui.settings.theme",
        SettingsRow::Mouse => "ui.settings.mouse",
        SettingsRow::Input => "ui.settings.input",
        SettingsRow::Helper => "ui.settings.helper",
        SettingsRow::Commune => "ui.settings.commune",
        SettingsRow::Idle => "ui.settings.idle",
        SettingsRow::Office => "ui.settings.office",
    }
}

/// A row's value in words (the helper's name is drawn as a field).
fn value(ui: &Ui, row: SettingsRow) -> String {
    let s = &ui.app.settings;
    match row {
        SettingsRow::Lang => match ui.lang() {
            Lang::Vi => "Tiếng Việt".to_owned(),
            Lang::En => "English".to_owned(),
        },
        SettingsRow::Theme if s.high_contrast => ui.t("ui.settings.theme_contrast"),
        SettingsRow::Theme => ui.t("ui.settings.theme_normal"),
        SettingsRow::Mouse if s.mouse => ui.t("ui.settings.mouse_on"),
        SettingsRow::Mouse => ui.t("ui.settings.mouse_off"),
        SettingsRow::Input => ui.method_name(s.input_method),
        SettingsRow::Helper => String::new(),
        SettingsRow::Commune => s
            .home_commune
            .and_then(commune::name)
            .unwrap_or_else(|| ui.t("ui.commune.none")),
        SettingsRow::Idle => ui.say(&Message::new("ui.settings.minutes").arg("n", s.idle_minutes)),
        SettingsRow::Office => ui.t("ui.settings.office_open"),
    }
}

pub fn draw(ui: &mut Ui, area: Rect, f: &SettingsForm) -> Option<Position> {
    let title = ui.t("ui.title.settings");
    let inner = framed(ui, area, title);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    let mut cursor = None;
    for row in SettingsRow::ALL {
        let focused = row == f.focus;
        let style = if focused { ui.theme.focus } else { ui.theme.normal };
        let label_style = if focused { ui.theme.title } else { ui.theme.normal };
        lines.push(Line::styled(ui.t(label_key(row)), label_style));
        if row == SettingsRow::Helper {
            let (line, col) = field_line(&f.helper, width, false, style);
            if focused {
                cursor = caret_at(inner, lines.len(), col);
            }
            lines.push(line);
            continue;
        }
        let arrows = focused && row != SettingsRow::Commune;
        let shown = if arrows {
            format!("◀ {} ▶", value(ui, row))
        } else {
            value(ui, row)
        };
        lines.push(value_line(truncate(&shown, width.saturating_sub(2)), style));
    }
    lines.push(Line::raw(""));
    lines.extend(wrapped(&ui.t("ui.settings.hint"), width, ui.theme.quiet));
    if let Some(e) = &f.error {
        lines.extend(wrapped(&ui.say(e), width, ui.theme.error));
    }
    ui.frame.render_widget(Paragraph::new(lines), inner);
    match &f.picker {
        Some(p) => commune::draw_picker(ui, area, p),
        None => cursor,
    }
}
