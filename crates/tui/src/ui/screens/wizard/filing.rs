//! One answer at a time, large, to type or paste into the portal.

use ratatui::layout::{Alignment, Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{Filing, Wizard};
use crate::ui::Ui;
use crate::ui::text::wrapped;
use crate::ui::widgets::framed;
use trolyso_core::i18n::Message;
use trolyso_core::text::display_width;

pub fn draw(ui: &mut Ui, area: Rect, w: &Wizard, f: &Filing) -> Option<Position> {
    let values = w.filing_values(&ui.app.catalogue);
    let title = ui.say(
        &Message::new("ui.filing.title")
            .arg("n", f.index + 1)
            .arg("total", values.len()),
    );
    let inner = framed(ui, area, title);
    let Some((field, value)) = values.get(f.index) else {
        ui.frame.render_widget(
            Paragraph::new(ui.t("ui.filing.empty")).wrap(Wrap { trim: true }),
            inner,
        );
        return None;
    };
    // Letters spaced out read well from a step back, and digits of a long
    // number are easy to count.
    let spaced: String = value.chars().flat_map(|c| [c, ' ']).collect();
    let big = if display_width(&spaced) <= inner.width as usize {
        spaced
    } else {
        value.clone()
    };
    let theme = ui.theme;
    let mut lines = vec![
        Line::styled(field.label.get(ui.lang()).to_owned(), theme.title),
        Line::raw(""),
        Line::styled(big, theme.title.add_modifier(Modifier::REVERSED)),
        Line::raw(""),
    ];
    let hint = ui.t(if f.copied {
        "ui.filing.copied"
    } else {
        "ui.filing.hint"
    });
    lines.extend(wrapped(&hint, inner.width as usize, theme.quiet));
    ui.frame
        .render_widget(Paragraph::new(lines).alignment(Alignment::Center), inner);
    None
}
