//! The key bar under every screen, and the key list of the help: both from
//! the screen's key layers, so a key is described in one place.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::keymap::{Binding, Layer, bindings};
use crate::ui::Ui;

/// The bindings that work on this screen, each meaning once: the screen's
/// own keys first, text editing keys (known to everyone) last.
pub fn screen_bindings(app: &App) -> Vec<Binding> {
    let mut layers = app.layers();
    layers.sort_by_key(|l| *l == Layer::TextField);
    // A key listed once, with the meaning of the top layer that has it; a
    // meaning listed once, with its first key.
    let mut keys = Vec::new();
    let mut meanings = Vec::new();
    let mut out = Vec::new();
    for b in layers.into_iter().flat_map(bindings) {
        if !keys.contains(&(b.code, b.mods)) && !meanings.contains(&b.what) {
            keys.push((b.code, b.mods));
            meanings.push(b.what);
            out.push(b);
        }
    }
    out
}

pub fn draw(ui: &mut Ui, area: Rect) {
    let mut spans = Vec::new();
    for b in screen_bindings(ui.app) {
        spans.push(Span::styled(b.label, ui.theme.key));
        spans.push(Span::raw(format!(" {}  ", ui.t(b.what))));
    }
    ui.frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
