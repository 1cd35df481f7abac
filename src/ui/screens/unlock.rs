//! The office passphrase.

use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::Unlock;
use crate::ui::widgets::input;
use crate::ui::{Ui, error_line};

pub fn draw(ui: &mut Ui, area: Rect, u: &Unlock) -> Option<Position> {
    let [intro, field, error] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(3), Constraint::Min(1)]).areas(
            area.inner(Margin {
                horizontal: 2,
                vertical: 1,
            }),
        );
    ui.frame
        .render_widget(Paragraph::new(ui.t("ui.unlock.intro")), intro);
    let label = ui.t("ui.setup.passphrase");
    let c = input(ui, field, &label, &u.passphrase, true, true);
    let line = error_line(ui, &u.error);
    ui.frame
        .render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), error);
    c
}
