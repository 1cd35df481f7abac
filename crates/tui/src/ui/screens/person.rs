//! A person on file: who they are (numbers masked), their VNeID account,
//! then every case of theirs as Home lists them.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::home::draw_case;
use crate::app::{Ask, PersonView};
use crate::ui::Ui;
use crate::ui::text::{truncate, wrapped};
use crate::ui::widgets::{clickable_window, framed};
use crate::ui::words::stage_key;
use trolyso_core::domain::privacy::mask_number;
use trolyso_core::i18n::Message;

pub fn draw(ui: &mut Ui, area: Rect, p: &PersonView) -> Option<Position> {
    // A line more when another record may be this person.
    let alike = p.look_alikes.first();
    let high = 4 + u16::from(alike.is_some());
    let [head, list] = Layout::vertical([Constraint::Length(high), Constraint::Min(1)]).areas(area);
    let name = p
        .person
        .as_ref()
        .map_or_else(|| ui.t("ui.person.nobody"), |r| r.full_name.clone());
    let inner = framed(ui, head, name);
    let width = usize::from(inner.width);
    let dash = || "—".to_owned();
    let mut lines = Vec::new();
    if let Some(r) = &p.person {
        let numbers = Message::new("ui.person.numbers")
            .arg("id", r.id_number.as_deref().map_or_else(dash, mask_number))
            .arg("phone", r.phone.as_deref().map_or_else(dash, mask_number))
            .arg("born", r.birth_date.clone().unwrap_or_else(dash))
            .render(ui.lang());
        lines.push(Line::raw(truncate(&numbers, width)));
    }
    let account = p
        .account_stage()
        .map_or_else(|| ui.t("ui.person.no_account"), |s| ui.t(stage_key(s)));
    let account = Message::new("ui.person.account")
        .arg("stage", account)
        .render(ui.lang());
    lines.push(Line::raw(truncate(&account, width)));
    if let Some((other, cases)) = alike {
        let words = Message::new("ui.person.look_alike")
            .arg("name", &other.full_name)
            .arg("id", other.id_number.as_deref().map_or_else(dash, mask_number))
            .arg("cases", cases)
            .render(ui.lang());
        lines.push(Line::styled(truncate(&words, width), ui.theme.error));
    }
    ui.frame.render_widget(Paragraph::new(lines), inner);

    let named = p.rows.len().saturating_sub(p.own);
    let title = if named == 0 {
        Message::new("ui.person.cases").arg("n", p.own)
    } else {
        Message::new("ui.person.cases_named")
            .arg("n", p.own)
            .arg("named", named)
    }
    .render(ui.lang());
    let inner = framed(ui, list, title);
    let shown = clickable_window(ui, inner, p.selected, p.rows.len());
    for (y, i) in (inner.y..inner.bottom()).zip(shown) {
        // Cases of others that name them: quieter, after their own.
        let style = if i == p.selected {
            ui.theme.focus
        } else if i >= p.own {
            ui.theme.quiet
        } else {
            ui.theme.normal
        };
        let row = Rect {
            y,
            height: 1,
            ..inner
        };
        draw_case(ui, row, &p.rows[i], false, style);
    }
    if p.asking == Some(Ask::Delete)
        && let Some(row) = p.rows.get(p.selected)
    {
        let app = ui.app;
        let words = Message::new("ui.person.delete_ask")
            .arg("procedure", app.catalogue.title(&row.case.procedure_id, app.lang))
            .render(ui.lang());
        let ask = [
            ui.t("ui.person.delete_title"),
            words,
            ui.t("ui.person.delete_keys"),
        ];
        draw_confirm(ui, inner, ask);
    }
    if p.asking == Some(Ask::Join)
        && let (Some(kept), Some((other, cases))) = (&p.person, alike)
    {
        let words = Message::new("ui.person.join_ask")
            .arg("name", &other.full_name)
            .arg("id", other.id_number.as_deref().map_or_else(dash, mask_number))
            .arg("cases", cases)
            .arg("kept", &kept.full_name)
            .render(ui.lang());
        let ask = [ui.t("ui.person.join_title"), words, ui.t("ui.person.join_keys")];
        draw_confirm(ui, inner, ask);
    }
    None
}

/// A question over the list (deleting a draft, joining two records):
/// its title, what happens, and the keys that answer it.
fn draw_confirm(ui: &mut Ui, area: Rect, [title, words, keys]: [String; 3]) {
    let width = area.width.saturating_sub(8);
    let mut lines = wrapped(&words, usize::from(width.saturating_sub(2)), ui.theme.normal);
    lines.push(Line::raw(""));
    lines.push(Line::styled(keys, ui.theme.title));
    // As tall as what it says, under the chosen row where it fits.
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect::new(area.x + 4, area.y + (area.height - height).min(2), width, height);
    ui.frame.render_widget(Clear, popup);
    let inner = framed(ui, popup, title);
    ui.frame.render_widget(Paragraph::new(lines), inner);
}
