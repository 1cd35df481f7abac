//! The help over the screen: how to use this screen, the typing rules
//! where letters are typed, then its keys.

use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::Ui;
use super::text::{truncate, wrapped};
use super::widgets::keybar::screen_bindings;

pub fn draw(ui: &mut Ui, area: Rect, howto: &'static str) {
    let popup = area.inner(Margin {
        horizontal: 4,
        vertical: 1,
    });
    // The how-to first, so a short window never cuts it; then the keys in
    // two columns.
    let width = popup.width.saturating_sub(2) as usize;
    let mut lines = wrapped(&ui.t(howto), width, ui.theme.normal);
    // Where letters are typed, the input methods' rules: before the keys,
    // which the key bar shows in part anyway.
    if ui.app.layers().contains(&crate::app::keymap::Layer::TextField) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(ui.t("ui.help.typing"), ui.theme.title));
        for key in ["ui.help.telex", "ui.help.vni"] {
            lines.extend(wrapped(&ui.t(key), width, ui.theme.normal));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(ui.t("ui.help.title"), ui.theme.title));
    let column = width / 2;
    for pair in screen_bindings(ui.app).chunks(2) {
        let mut spans = Vec::new();
        for b in pair {
            let what = truncate(&ui.t(b.what), column.saturating_sub(11));
            spans.push(Span::styled(format!("{:<10} ", b.label), ui.theme.key));
            spans.push(Span::raw(format!("{what:<w$}", w = column.saturating_sub(11))));
        }
        lines.push(Line::from(spans));
    }
    ui.frame.render_widget(Clear, popup);
    let block = ui.theme.block(ui.t("ui.help.close"));
    ui.frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }),
        popup,
    );
}
