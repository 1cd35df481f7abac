//! The office passphrase; or the recovery code and a new passphrase.

use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::widgets::{LineGauge, Paragraph, Wrap};

use crate::app::{Forgot, ForgotFocus, Unlock};
use crate::ui::widgets::input;
use crate::ui::{Ui, error_line};
use trolyso_core::i18n::Message;

pub fn draw(ui: &mut Ui, area: Rect, u: &Unlock) -> Option<Position> {
    let inner = area.inner(Margin {
        horizontal: 2,
        vertical: 1,
    });
    if let Some(reached) = &u.preparing {
        draw_preparing(ui, inner, reached);
        return None;
    }
    if let Some(f) = &u.forgot {
        return draw_forgot(ui, inner, u, f);
    }
    let [intro, field, error] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(3), Constraint::Min(1)]).areas(inner);
    ui.frame
        .render_widget(Paragraph::new(ui.t("ui.unlock.intro")), intro);
    let label = ui.t("ui.setup.passphrase");
    let c = input(ui, field, &label, &u.passphrase, true, true);
    let line = error_line(ui, &u.error);
    ui.frame
        .render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), error);
    c
}

/// The folder's one-time work: how far it has come, as words and a bar.
fn draw_preparing(ui: &mut Ui, area: Rect, r: &trolyso_store::store::Reached) {
    let [words, bar] = Layout::vertical([Constraint::Length(4), Constraint::Length(1)]).areas(area);
    let text = ui.say(&preparing_words(ui.lang(), r));
    ui.frame
        .render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), words);
    if r.step == 0 {
        return;
    }
    let ratio = if r.total == 0 {
        0.0
    } else {
        (r.done as f64 / r.total as f64).clamp(0.0, 1.0)
    };
    let gauge = LineGauge::default()
        .ratio(ratio)
        .filled_style(ui.theme.focus)
        .label(format!("{:>3}%", (ratio * 100.0).round() as u8));
    ui.frame.render_widget(gauge, bar);
}

/// How far the folder's one-time work has come, and that stopping is safe;
/// before it (the passphrase being checked, the data opened), just that.
fn preparing_words(lang: trolyso_core::i18n::Lang, r: &trolyso_store::store::Reached) -> Message {
    if r.step == 0 {
        return Message::new("ui.unlock.opening");
    }
    let key = if r.residents {
        "ui.unlock.preparing_residents"
    } else {
        "ui.unlock.preparing"
    };
    Message::new(key)
        .arg("step", r.step.max(1))
        .arg("steps", r.steps.max(1))
        .arg("done", lang.grouped(r.done))
        .arg("total", lang.grouped(r.total))
}

fn draw_forgot(ui: &mut Ui, area: Rect, u: &Unlock, f: &Forgot) -> Option<Position> {
    let [intro, code, new, again, error] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .areas(area);
    ui.frame.render_widget(
        Paragraph::new(ui.t("ui.forgot.intro")).wrap(Wrap { trim: true }),
        intro,
    );
    let fields = [
        ("ui.forgot.code", &f.code, ForgotFocus::Code, false, code),
        ("ui.forgot.new", &f.new, ForgotFocus::New, true, new),
        ("ui.forgot.again", &f.again, ForgotFocus::Again, true, again),
    ];
    let mut cursor = None;
    for (key, editor, focus, secret, row) in fields {
        let label = ui.t(key);
        cursor = cursor.or(input(ui, row, &label, editor, f.focus == focus, secret));
    }
    let line = error_line(ui, &u.error);
    ui.frame
        .render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), error);
    cursor
}
