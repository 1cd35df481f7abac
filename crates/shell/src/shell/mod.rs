//! The shell around the app: reads terminal events in order, turns keys into
//! actions through the screen's key layers, runs the effects `update` asks
//! for (store, files, clipboard) and draws a frame after each event. The
//! only module that knows the app, the screen and the disk at once.

mod cases;
pub mod exchange;
mod jobs;
pub mod keys;
mod lessons;
mod reports;
pub mod results;
mod runtime;
mod search;
pub mod slips;

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Position;

pub use lessons::Lessons;
pub use runtime::{Clipboard, RECENT_PAGE, Runtime, backups_found, osc52, remembered_lang};

use trolyso_tui::app::keymap::action_for;
use trolyso_tui::app::{Action, App};
use trolyso_tui::ui::{Hit, Looks, draw};

/// The action an event stands for, if any. A click stands for what was
/// drawn under it (`hits`, from the last frame); the wheel for ↑ / ↓.
pub fn action_of(app: &App, event: Event, hits: &[Hit]) -> Option<Action> {
    match event {
        Event::Key(key) => action_for(key, &app.layers()),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(_, _) => Some(Action::Resize),
        Event::Mouse(m) if app.settings.mouse => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::Up),
            MouseEventKind::ScrollDown => Some(Action::Down),
            MouseEventKind::Down(MouseButton::Left) => hits
                .iter()
                .find(|h| h.area.contains(Position::new(m.column, m.row)))
                .map(|h| h.action.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Draws the app as it is now, in the looks its settings ask for; keeps
/// where clicks select what.
pub fn redraw<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &App,
    runtime: &mut Runtime,
    looks: &Looks,
) -> Result<(), B::Error> {
    let theme = looks.theme(app.settings.high_contrast);
    let mut hits = Vec::new();
    terminal.draw(|f| hits = draw(f, app, &theme))?;
    runtime.hits = hits;
    Ok(())
}

/// Handles one event and draws the frame after it. Generic over the
/// backend, so tests drive it with key presses and no terminal.
pub fn handle<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    runtime: &mut Runtime,
    looks: &Looks,
    event: Event,
) -> Result<(), B::Error> {
    apply(app, runtime, event);
    redraw(terminal, app, runtime, looks)
}

/// Applies one event, without drawing: a batch of events (a paste, an
/// input method's burst) is drawn once, after its last.
fn apply(app: &mut App, runtime: &mut Runtime, event: Event) {
    let key = matches!(event, Event::Key(_));
    if let Some(action) = action_of(app, event, &runtime.hits) {
        // Training counts the keys an exercise took.
        if key && let Some(run) = app.training.as_mut().and_then(|t| t.run.as_mut()) {
            run.keys += 1;
        }
        runtime.dispatch(app, action);
    }
}

/// Hands the outcome of work that ran beside the helper's (the daily
/// backup) to the app, once it has ended.
pub fn collect_work<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    runtime: &mut Runtime,
    looks: &Looks,
) -> Result<(), B::Error> {
    if let Some(done) = runtime.finished_work() {
        runtime.dispatch(app, done);
        redraw(terminal, app, runtime, looks)?;
    }
    Ok(())
}

/// How long the keys may rest before what is typed is saved.
pub const SAVE_AFTER: Duration = Duration::from_millis(300);

/// At most this many waiting events are read as one batch.
const MAX_BATCH: usize = 4096;

/// How often the loop looks how far work beside the helper's has come.
const LOOK_FOR_WORK: Duration = Duration::from_millis(250);

/// How often a screen that watches the outside looks again (a bundle
/// copied onto the stick shows without typing the folder again).
pub const LOOK_AGAIN: Duration = Duration::from_secs(3);

/// Reads events as they come, every one in order. A pause in typing saves
/// what is typed; the office's idle minutes without a key lock the app.
fn run_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    runtime: &mut Runtime,
    looks: &Looks,
) -> std::io::Result<()> {
    redraw(terminal, app, runtime, looks)?;
    let mut mouse = false;
    // The idle lock counts from the last event, not the last tick.
    let mut last_event = std::time::Instant::now();
    while !app.quit {
        // The mouse is taken only while the office's setting asks for it.
        if app.settings.mouse != mouse {
            mouse = app.settings.mouse;
            let _ = if mouse {
                execute!(std::io::stdout(), EnableMouseCapture)
            } else {
                execute!(std::io::stdout(), DisableMouseCapture)
            };
        }
        let idle = Duration::from_secs(u64::from(app.settings.idle_minutes.max(1)) * 60);
        let idle_left = idle.saturating_sub(last_event.elapsed());
        let unsaved = app.typing_unsaved();
        let wait = if unsaved {
            SAVE_AFTER
        } else if runtime.working() {
            LOOK_FOR_WORK
        } else if app.wants_ticks() {
            idle_left.min(LOOK_AGAIN)
        } else {
            idle_left
        };
        collect_work(terminal, app, runtime, looks)?;
        if event::poll(wait)? {
            last_event = std::time::Instant::now();
            // Every key already waiting is read as one batch, in order. On
            // Windows a paste comes as keys (crossterm reads the console's
            // key records, so bracketed paste never reaches it), told apart
            // by the batch; elsewhere bracketed paste delivers it whole, and
            // a fast typist's (or a script's) Enter must stay an Enter.
            let mut batch = vec![event::read()?];
            while batch.len() < MAX_BATCH && event::poll(Duration::ZERO)? {
                batch.push(event::read()?);
            }
            let batch = if cfg!(windows) {
                keys::guard_paste(batch)
            } else {
                batch
            };
            // Clicks select what the last frame drew: a batch with a
            // click is drawn after each event, any other once at its end.
            let clicks = batch.iter().any(|e| matches!(e, Event::Mouse(_)));
            for e in batch {
                if clicks {
                    handle(terminal, app, runtime, looks, e)?;
                } else {
                    apply(app, runtime, e);
                }
            }
            redraw(terminal, app, runtime, looks)?;
        } else if unsaved {
            runtime.dispatch(app, Action::SaveTyping);
            redraw(terminal, app, runtime, looks)?;
        } else if wait == LOOK_FOR_WORK {
            continue;
        } else if last_event.elapsed() < idle {
            runtime.dispatch(app, Action::LookAgain);
            redraw(terminal, app, runtime, looks)?;
        } else {
            runtime.dispatch(app, Action::Lock);
            redraw(terminal, app, runtime, looks)?;
            last_event = std::time::Instant::now();
        }
    }
    Ok(())
}

/// Runs the app in the terminal until it quits. Nothing is printed while it
/// runs; the terminal is restored on exit and on a panic (ratatui's hook).
pub fn run(app: &mut App, runtime: &mut Runtime, looks: &Looks) -> std::io::Result<()> {
    // Without a terminal (output redirected, a service) this fails with an
    // error to say in words, never a panic.
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = run_loop(&mut terminal, app, runtime, looks);
    restore_terminal();
    result
}

/// Gives the terminal back as it was; safe to call from any thread (the
/// watchdog's, when the app must stop on damaged data).
pub fn restore_terminal() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}
