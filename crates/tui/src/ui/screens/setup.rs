//! First run: passphrase twice, helper, office's commune.

use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::commune;
use crate::app::{Setup, SetupFocus};
use crate::ui::widgets::input;
use crate::ui::{Ui, error_line};

pub fn draw(ui: &mut Ui, area: Rect, s: &Setup) -> Option<Position> {
    let rows = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .split(area.inner(Margin {
        horizontal: 2,
        vertical: 1,
    }));
    ui.frame.render_widget(
        Paragraph::new(ui.t("ui.setup.intro")).wrap(Wrap { trim: true }),
        rows[0],
    );
    let fields = [
        ("ui.setup.passphrase", &s.passphrase, SetupFocus::Passphrase, true),
        ("ui.setup.again", &s.again, SetupFocus::Again, true),
        ("ui.setup.helper", &s.helper, SetupFocus::Helper, false),
    ];
    let mut cursor = None;
    for (i, (key, editor, focus, secret)) in fields.into_iter().enumerate() {
        let label = ui.t(key);
        let c = input(ui, rows[i + 1], &label, editor, s.focus == focus, secret);
        cursor = cursor.or(c);
    }
    let focused = s.focus == SetupFocus::Commune;
    let label_style = if focused { ui.theme.title } else { ui.theme.normal };
    let lines = vec![
        Line::styled(ui.t("ui.setup.commune"), label_style),
        commune::field_value(ui, s.commune, None, focused),
    ];
    ui.frame.render_widget(Paragraph::new(lines), rows[4]);
    let error = error_line(ui, &s.error);
    ui.frame
        .render_widget(Paragraph::new(error).wrap(Wrap { trim: true }), rows[5]);
    match &s.picker {
        Some(p) => commune::draw_picker(ui, area, p),
        None => cursor,
    }
}
