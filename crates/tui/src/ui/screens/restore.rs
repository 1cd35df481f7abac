//! The restore offer: no database in the data folder, but backups.

use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::RestoreOffer;
use crate::ui::widgets::window;
use crate::ui::{Ui, error_line};
use trolyso_core::i18n::Message;

pub fn draw(ui: &mut Ui, area: Rect, r: &RestoreOffer) -> Option<Position> {
    let inner = area.inner(Margin {
        horizontal: 2,
        vertical: 1,
    });
    let [intro, list, error] =
        Layout::vertical([Constraint::Length(5), Constraint::Min(1), Constraint::Length(3)]).areas(inner);
    ui.frame.render_widget(
        Paragraph::new(ui.t("ui.restore.intro")).wrap(Wrap { trim: true }),
        intro,
    );
    let theme = ui.theme;
    let shown = window(r.selected, r.backups.len(), list.height as usize);
    let start = shown.start;
    let lines: Vec<Line> = r.backups[shown]
        .iter()
        .enumerate()
        .map(|(i, found)| {
            let on = start + i == r.selected;
            let name = found
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = ui.say(
                &Message::new("ui.restore.row")
                    .arg("when", &found.when)
                    .arg("file", name),
            );
            let mark = if on { "▶ " } else { "  " };
            Line::styled(
                format!("{mark}{text}"),
                if on { theme.focus } else { theme.normal },
            )
        })
        .collect();
    ui.frame.render_widget(Paragraph::new(lines), list);
    let line = error_line(ui, &r.error);
    ui.frame
        .render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), error);
    None
}
