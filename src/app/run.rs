//! The loop: terminal events in order → keymap → actions → update → effects,
//! and a frame drawn after each event. Generic over the backend and the event
//! source, so tests drive it with key presses and no terminal.

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;

use super::keymap::action_for;
use super::runtime::Runtime;
use super::{Action, App};
use crate::ui::{Theme, draw};

/// The action an event stands for, if any.
pub fn action_of(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for(key, &app.layers()),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(_, _) => Some(Action::Resize),
        _ => None,
    }
}

/// Handles one event and draws the frame after it.
pub fn handle<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    runtime: &mut Runtime,
    theme: &Theme,
    event: Event,
) -> Result<(), B::Error> {
    if let Some(action) = action_of(app, event) {
        runtime.dispatch(app, action);
    }
    terminal.draw(|f| draw(f, app, theme))?;
    Ok(())
}
