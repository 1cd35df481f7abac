//! Drawing: reads the app, never changes it. One module per screen under
//! `screens/`, mirroring `app/screens`; shared pieces under `widgets/`.
//! Every drawing function takes one [`Ui`]: the frame, the app, the theme.

mod help;
mod screens;
mod text;
mod theme;
mod widgets;
mod words;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Mode, Screen};
pub use theme::{Looks, Palette, Theme};
use trolyso_core::i18n::{Lang, Message};
use trolyso_core::text::{InputMethod, display_width};

/// Below this the screen says to enlarge the window instead of drawing.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// What every drawing function works with.
pub struct Ui<'a, 'f> {
    pub frame: &'a mut Frame<'f>,
    pub app: &'a App,
    pub theme: &'a Theme,
    /// Where a click means something, and what: rows and fields, as drawn.
    pub hits: Vec<Hit>,
}

/// A place on the screen a click selects, and the action it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub area: Rect,
    pub action: crate::app::Action,
}

impl Ui<'_, '_> {
    /// A click in `area` (clipped to the screen) stands for `action`.
    pub fn hit(&mut self, area: Rect, action: crate::app::Action) {
        let area = area.intersection(self.frame.area());
        if !area.is_empty() {
            self.hits.push(Hit { area, action });
        }
    }

    /// The words for `key` in the reader's language.
    pub fn t(&self, key: &'static str) -> String {
        Message::new(key).render(self.app.lang)
    }

    pub fn lang(&self) -> Lang {
        self.app.lang
    }

    /// A message in the reader's language.
    pub fn say(&self, m: &Message) -> String {
        m.render(self.app.lang)
    }

    /// An input method as the header and the settings name it.
    pub fn method_name(&self, method: InputMethod) -> String {
        match method {
            InputMethod::Telex => "Telex".to_owned(),
            InputMethod::Vni => "VNI".to_owned(),
            InputMethod::Off => self.t("ui.input_off"),
        }
    }
}

/// The i18n key of a screen's title and of its how-to in the help.
fn screen_keys(screen: &Screen) -> (&'static str, &'static str) {
    match screen {
        Screen::Restore(_) => ("ui.title.restore", "ui.help.howto.restore"),
        Screen::Setup(_) => ("ui.title.setup", "ui.help.howto.setup"),
        Screen::Recovery(_) => ("ui.title.recovery", "ui.help.howto.recovery"),
        // While the data opens, nothing is asked: the help says what goes on.
        Screen::Unlock(u) if u.preparing.is_some() => ("ui.title.unlock", "ui.help.howto.preparing"),
        Screen::Unlock(_) => ("ui.title.unlock", "ui.help.howto.unlock"),
        Screen::Home(_) => ("ui.title.home", "ui.help.howto.home"),
        Screen::Picker(_) => ("ui.title.picker", "ui.help.howto.picker"),
        Screen::Detail(_) => ("ui.title.detail", "ui.help.howto.detail"),
        Screen::Wizard(w) => (
            "ui.title.wizard",
            match w.mode {
                Mode::Fields => "ui.help.howto.wizard",
                Mode::Pause(_) => "ui.help.howto.pause",
                Mode::Filing(_) => "ui.help.howto.filing",
                Mode::Review(_) => "ui.help.howto.review",
                Mode::Documents { .. } => "ui.help.howto.documents",
                Mode::Commune(_) => "ui.help.howto.commune",
            },
        ),
        Screen::Settings(_) => ("ui.title.settings", "ui.help.howto.settings"),
        Screen::Tour(_) => ("tour.title", "tour.help"),
        Screen::Report(_) => ("report.screen.title", "report.screen.help"),
        Screen::Exchange(x) if x.working.is_some() => ("exchange.title", "exchange.help_working"),
        Screen::Exchange(_) => ("exchange.title", "exchange.help"),
        Screen::Conflicts(_) => ("conflict.title", "conflict.help"),
        Screen::Person(_) => ("ui.person.title", "ui.person.help"),
        Screen::Lessons(_) => ("train.title.lessons", "train.help.lessons"),
        Screen::ScoreCard(_) => ("train.title.score", "train.help.score"),
        Screen::Present(_) => ("train.title.present", "train.help.present"),
    }
}

/// Draws the whole screen and places the terminal cursor at the caret, so
/// an input method's preview appears where the letters go; returns where
/// clicks select what (the help over the screen takes them all away).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) -> Vec<Hit> {
    let hits = draw_screen(frame, app, theme);
    if theme.ascii {
        let buffer = frame.buffer_mut();
        for cell in buffer.content.iter_mut() {
            if let Some(plain) = theme::ascii_for(cell.symbol()) {
                cell.set_symbol(plain);
            }
        }
    }
    if app.help { Vec::new() } else { hits }
}

fn draw_screen(frame: &mut Frame, app: &App, theme: &Theme) -> Vec<Hit> {
    // The theme's background under the whole screen, not only behind text
    // (high contrast is black from edge to edge).
    if theme.normal != ratatui::style::Style::default() {
        frame.render_widget(
            ratatui::widgets::Block::default().style(theme.normal),
            frame.area(),
        );
    }
    let ui = &mut Ui {
        frame,
        app,
        theme,
        hits: Vec::new(),
    };
    let area = ui.frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = ui.say(
            &Message::new("ui.too_small")
                .arg("width", area.width)
                .arg("height", area.height)
                .arg("min_width", MIN_WIDTH)
                .arg("min_height", MIN_HEIGHT),
        );
        ui.frame
            .render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return Vec::new();
    }
    let notice = app.notice.as_ref().map(|n| {
        let style = if n.failed { theme.error } else { theme.quiet };
        (text::wrap(&ui.say(&n.message), area.width as usize), style)
    });
    // News takes two rows at most; a failure up to four, so the way out
    // (which comes last in every failure message) is never cut off.
    let notice_rows = match (&notice, app.notice.as_ref().is_some_and(|n| n.failed)) {
        (Some((l, _)), failed) => l.len().min(if failed { 4 } else { 2 }) as u16,
        (None, _) => 0,
    };
    let [header, body, notice_area, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(notice_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(ui, header);
    // During an exercise the resident speaks under the screen, and the
    // question menu opens over it.
    let run = app
        .training
        .as_ref()
        .and_then(|t| t.run.as_ref().map(|r| (&t.scenarios[r.scenario], r)));
    let body = match run {
        Some((scenario, r)) if body.height > screens::training::resident::STRIP_ROWS + 8 => {
            let [body, strip] = Layout::vertical([
                Constraint::Min(1),
                Constraint::Length(screens::training::resident::STRIP_ROWS),
            ])
            .areas(body);
            screens::training::resident::strip(ui, strip, scenario, r);
            body
        }
        _ => body,
    };
    let mut cursor = screens::draw(ui, body);
    if let Some((scenario, r)) = run
        && let Some(selected) = r.asking
    {
        ui.hits.clear();
        screens::training::resident::menu(ui, body, scenario, r, selected);
        cursor = None;
    }
    if let Some((lines, style)) = notice {
        let lines: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, style)).collect();
        ui.frame.render_widget(Paragraph::new(lines), notice_area);
    }
    widgets::keybar::draw(ui, keys);
    if app.help {
        help::draw(ui, body, screen_keys(&app.screen).1);
    } else if let Some(c) = cursor {
        ui.frame.set_cursor_position(c);
    }
    std::mem::take(&mut ui.hits)
}

fn draw_header(ui: &mut Ui, area: Rect) {
    let app = ui.app;
    let method = ui.method_name(app.settings.input_method);
    // Training says so on every screen, in words (a screen without colour
    // must show it too) and in red.
    if app.training.is_some() {
        let mut banner = format!(" {} ", ui.t("train.banner"));
        if let Some((t, r)) = app.training.as_ref().and_then(|t| t.run.as_ref().map(|r| (t, r))) {
            banner.push_str(&format!("· {} ", t.scenarios[r.scenario].title.get(app.lang)));
        }
        let right = format!("  {}  F2: {method}", ui.t(screen_keys(&app.screen).0));
        let width = area.width as usize;
        let banner = text::truncate(&banner, width.saturating_sub(display_width(&right)));
        let pad = width.saturating_sub(display_width(&banner) + display_width(&right));
        let line = Line::from(vec![
            Span::styled(banner, ui.theme.banner),
            Span::styled(" ".repeat(pad), ui.theme.banner),
            Span::styled(right, ui.theme.banner),
        ]);
        ui.frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let mut spans = vec![
        Span::styled(ui.t("ui.app_name"), ui.theme.title),
        Span::raw(" — "),
        Span::raw(ui.t(screen_keys(&app.screen).0)),
    ];
    // Honest about the disk: "saving…" until what is typed is stored.
    if let Screen::Wizard(w) = &app.screen {
        let state = if app.typing_unsaved() {
            Some("ui.saving")
        } else {
            w.saved.then_some("ui.saved")
        };
        if let Some(key) = state {
            spans.push(Span::styled(format!("  {}", ui.t(key)), ui.theme.quiet));
        }
    }
    let right = format!("F2: {method}");
    let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    let pad = (area.width as usize).saturating_sub(used + display_width(&right));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(right, ui.theme.quiet));
    ui.frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The line under a form's fields: its message, if any.
fn error_line(ui: &Ui, error: &Option<Message>) -> Line<'static> {
    error
        .as_ref()
        .map_or_else(|| Line::raw(""), |m| Line::styled(ui.say(m), ui.theme.error))
}

/// Where the caret goes: `col` columns into row `row` of `area`, if that
/// row is inside it.
fn caret_at(area: Rect, row: usize, col: u16) -> Option<Position> {
    let y = area.y + row as u16;
    (y < area.bottom()).then(|| Position::new((area.x + col).min(area.right().saturating_sub(1)), y))
}
