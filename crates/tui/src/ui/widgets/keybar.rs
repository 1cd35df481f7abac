//! The key bar under every screen, and the key list of the help: both from
//! the screen's key layers, so a key is described in one place.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::keymap::{Binding, Layer, bindings};
use crate::ui::Ui;
use trolyso_core::text::display_width;

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

/// What the bar shows: the screen's keys, without the text-editing ones
/// everybody knows (they are in the help) but with F2, the input method.
/// Where nothing is typed, Delete deletes something of the screen's (a
/// person's draft) and is shown.
fn bar_bindings(app: &App) -> Vec<Binding> {
    let typing = app.layers().contains(&Layer::TextField);
    let editing: Vec<_> = bindings(Layer::TextField)
        .into_iter()
        .filter(|b| b.action != crate::app::Action::ToggleInputMethod)
        .filter(|b| typing || b.code != ratatui::crossterm::event::KeyCode::Delete)
        .map(|b| (b.code, b.mods))
        .collect();
    screen_bindings(app)
        .into_iter()
        .filter(|b| !editing.contains(&(b.code, b.mods)))
        .collect()
}

/// The keys that work here, in order, as many as fit; when some do not,
/// the bar ends with "F1 more keys" (the help lists them all).
pub fn draw(ui: &mut Ui, area: Rect) {
    let width = area.width as usize;
    let items: Vec<(&str, String)> = bar_bindings(ui.app)
        .into_iter()
        .filter(|b| b.action != crate::app::Action::Help)
        .map(|b| (b.label, ui.t(b.what)))
        .collect();
    // The help's own key, as the global key map binds it.
    let f1 = bindings(Layer::Global)
        .into_iter()
        .find(|b| b.action == crate::app::Action::Help)
        .map_or("F1", |b| b.label);
    let more = (f1, ui.t("ui.key.more"));
    let help = (f1, ui.t("ui.key.help"));
    let cost = |(label, word): &(&str, String)| display_width(label) + 1 + display_width(word) + 2;
    let all: usize = items.iter().map(cost).sum::<usize>() + cost(&help);
    let mut shown = Vec::new();
    let last = if all <= width {
        shown.extend(items.iter().cloned());
        help
    } else {
        let mut used = cost(&more);
        for item in &items {
            if used + cost(item) > width {
                break;
            }
            used += cost(item);
            shown.push(item.clone());
        }
        more
    };
    shown.push(last);
    let mut spans = Vec::new();
    for (label, word) in shown {
        spans.push(Span::styled(label, ui.theme.key));
        spans.push(Span::raw(format!(" {word}  ")));
    }
    ui.frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
