//! The pause form over the wizard: why the visit stops and when to come back.

use ratatui::layout::{Margin, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::app::PauseForm;
use crate::ui::text::wrapped;
use crate::ui::widgets::{field_line, framed};
use crate::ui::{Ui, caret_at};
use trolyso_store::store::Reason;

pub fn draw(ui: &mut Ui, area: Rect, form: &PauseForm, slip: bool) -> Option<Position> {
    let popup = area.inner(Margin {
        horizontal: 1,
        vertical: 1,
    });
    ui.frame.render_widget(Clear, popup);
    let title = ui.t("ui.pause.title");
    let inner = framed(ui, popup, title);
    let theme = ui.theme;
    let mut lines = vec![Line::raw(ui.t("ui.pause.reason"))];
    for (i, reason) in Reason::ALL.iter().enumerate() {
        let on = i == form.reason;
        let text = format!("{} {}", if on { "▶" } else { " " }, ui.t(reason.message_key()));
        lines.push(Line::styled(text, if on { theme.focus } else { theme.normal }));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(ui.t("ui.pause.next_visit")));
    let (line, col) = field_line(&form.next_visit, inner.width as usize, false, theme.normal);
    let mut cursor = (!form.on_note)
        .then(|| caret_at(inner, lines.len(), col))
        .flatten();
    lines.push(line);
    lines.push(Line::raw(ui.t("ui.pause.note")));
    let (line, col) = field_line(&form.note, inner.width as usize, false, theme.normal);
    if form.on_note {
        cursor = caret_at(inner, lines.len(), col);
    }
    lines.push(line);
    lines.push(super::slip_line(ui, slip));
    if let Some(e) = &form.error {
        lines.extend(wrapped(&ui.say(e), inner.width as usize, theme.error));
    }
    ui.frame.render_widget(Paragraph::new(lines), inner);
    cursor
}
