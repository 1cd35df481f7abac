//! The presenter's caption, big enough to read on a projector: the
//! scenario, "n / N", and one caption in the middle of the screen.

use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::Presenter;
use crate::ui::Ui;
use crate::ui::text::wrap;
use crate::ui::widgets::framed;

pub fn draw(ui: &mut Ui, area: Rect, p: &Presenter) -> Option<Position> {
    let scenario = &ui.app.training.as_ref()?.scenarios[p.scenario];
    let lang = ui.lang();
    let title = format!(
        "{}  ({}/{})",
        scenario.title.get(lang),
        p.caption + 1,
        p.count.max(1)
    );
    let inner = framed(ui, area, title).inner(Margin {
        horizontal: 3,
        vertical: 1,
    });
    let Some(caption) = scenario.captions.get(p.caption) else {
        ui.frame.render_widget(
            Paragraph::new(ui.t("train.no_captions")).wrap(Wrap { trim: true }),
            inner,
        );
        return None;
    };
    let lines: Vec<Line> = wrap(caption.get(lang), inner.width as usize)
        .into_iter()
        .map(|l| Line::styled(l, ui.theme.title))
        .collect();
    let height = (lines.len() as u16).min(inner.height);
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(inner);
    ui.frame.render_widget(Paragraph::new(lines), middle);
    None
}
