//! The score card: the score, time and keys, then each rubric line met
//! (✓) or missed (✗, with why it matters).

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::ScoreCard;
use crate::ui::Ui;
use crate::ui::text::wrap;
use crate::ui::widgets::framed;
use trolyso_core::i18n::Message;

pub fn draw(ui: &mut Ui, area: Rect, c: &ScoreCard) -> Option<Position> {
    let scenario = &ui.app.training.as_ref()?.scenarios[c.scenario];
    let lang = ui.lang();
    let [top, list] = Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
    let time = c
        .seconds
        .map_or_else(|| "…".to_owned(), |s| format!("{}:{:02}", s / 60, s % 60));
    let head = vec![
        Line::styled(scenario.title.get(lang).to_owned(), ui.theme.title),
        Line::from(vec![
            Span::styled(
                Message::new("train.score")
                    .arg("score", c.card.score)
                    .render(lang),
                ui.theme.title,
            ),
            Span::raw(format!(
                "   {}",
                Message::new("train.time_keys")
                    .arg("time", time)
                    .arg("keys", c.keys)
                    .render(lang)
            )),
        ]),
    ];
    ui.frame.render_widget(Paragraph::new(head), top);
    let inner = framed(ui, list, ui.t("train.rubric"));
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (check, met) in scenario.checks.iter().zip(&c.card.met).skip(c.scroll) {
        let (mark, style) = if *met {
            ("✓", ui.theme.normal)
        } else {
            ("✗", ui.theme.error)
        };
        let head = format!(
            "{mark} {} ({})",
            check.say.get(lang),
            Message::new("train.points")
                .arg("points", check.points)
                .render(lang)
        );
        for (n, l) in wrap(&head, width.saturating_sub(2)).into_iter().enumerate() {
            let indent = if n == 0 { "" } else { "  " };
            lines.push(Line::styled(format!("{indent}{l}"), style));
        }
        if !met {
            for l in wrap(check.why.get(lang), width.saturating_sub(4)) {
                lines.push(Line::styled(format!("    {l}"), ui.theme.quiet));
            }
        }
    }
    ui.frame.render_widget(Paragraph::new(lines), inner);
    None
}
