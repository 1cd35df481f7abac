//! The documents checklist with the keys: every document in full.

use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::Wizard;
use crate::ui::Ui;
use crate::ui::text::wrapped;
use crate::ui::widgets::framed;

pub fn draw(ui: &mut Ui, area: Rect, w: &Wizard, selected: usize) -> Option<Position> {
    let title = ui.t("ui.wizard.documents_title");
    let inner = framed(ui, area, title);
    let docs = w.documents(&ui.app.catalogue);
    if docs.is_empty() {
        ui.frame.render_widget(
            Paragraph::new(ui.t("ui.wizard.documents_none")).wrap(Wrap { trim: true }),
            inner,
        );
        return None;
    }
    let mut lines = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let style = if i == selected {
            ui.theme.focus
        } else {
            ui.theme.normal
        };
        lines.extend(wrapped(
            &super::document_line(ui, w, d),
            inner.width as usize,
            style,
        ));
    }
    ui.frame.render_widget(Paragraph::new(lines), inner);
    None
}
