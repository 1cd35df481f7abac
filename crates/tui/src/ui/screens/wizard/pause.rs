//! The pause form over the wizard: why the visit stops and when to come back.

use ratatui::layout::{Margin, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::app::{PauseFocus, PauseForm};
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
    let title = ui.t(if form.cancel {
        "ui.cancel.title"
    } else {
        "ui.pause.title"
    });
    let inner = framed(ui, popup, title);
    let theme = ui.theme;
    let width = inner.width as usize;
    // Labels wrap: at 60 columns "Hẹn ngày quay lại (ngày/tháng/năm…" was cut.
    let label = |key: &'static str, focus: PauseFocus| {
        let style = if form.focus == focus {
            theme.title
        } else {
            theme.normal
        };
        wrapped(&ui.t(key), width, style)
    };
    // Below the reasons: the date, the note, the slip and any message, all
    // always in view; the reasons get what height is left, as a window
    // around the one chosen (at 60×16 the dialog showed only the reasons,
    // and at 80×24 a refused date was said below the frame).
    let mut below = Vec::new();
    let mut caret = None;
    if !form.cancel {
        below = label("ui.pause.next_visit", PauseFocus::NextVisit);
        let (line, col) = field_line(&form.next_visit, width, false, theme.normal);
        caret = (form.focus == PauseFocus::NextVisit).then_some((below.len(), col));
        below.push(line);
    }
    if let Some(e) = &form.error {
        below.extend(wrapped(&ui.say(e), width, theme.error));
    }
    let note = if form.cancel {
        "ui.cancel.note"
    } else {
        "ui.pause.note"
    };
    below.extend(label(note, PauseFocus::Note));
    let (line, col) = field_line(&form.note, width, false, theme.normal);
    if form.focus == PauseFocus::Note {
        caret = Some((below.len(), col));
    }
    below.push(line);
    below.push(super::slip_line(ui, slip));

    let height = inner.height as usize;
    let heading = label("ui.pause.reason", PauseFocus::Reason).len();
    let room = height.saturating_sub(below.len() + heading).max(1);
    let count = Reason::ALL.len();
    let shown = room.min(count);
    let first = form.reason.saturating_sub(shown / 2).min(count - shown);
    let mut lines = label("ui.pause.reason", PauseFocus::Reason);
    for (i, reason) in Reason::ALL.iter().enumerate().skip(first).take(shown) {
        let on = i == form.reason;
        let text = format!("{} {}", if on { "▶" } else { " " }, ui.t(reason.message_key()));
        lines.push(Line::styled(text, if on { theme.focus } else { theme.normal }));
    }
    let top = lines.len();
    lines.extend(below);
    ui.frame.render_widget(Paragraph::new(lines), inner);
    caret.and_then(|(row, col)| caret_at(inner, top + row, col))
}
