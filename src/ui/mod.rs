//! Drawing: reads the app, never changes it. One module per screen would
//! come as screens grow; for now each screen is one function here.

mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::PickRow;
use crate::app::keymap::{Binding, Layer, bindings};
use crate::app::{
    App, CommunePicker, Home, Mode, PauseForm, Picker, Review, ReviewRow, Screen, SettingsForm, Setup,
    UnitRow, Unlock, Wizard, picker_matches,
};
use crate::app::{Detail, Filing};
use crate::domain::privacy::mask_short;
use crate::domain::procedure::{Certainty, FieldKind, Level, shown_answer};
use crate::domain::units::Units;
use crate::i18n::Message;
use crate::store::{CaseRow, Reason, Status};
use crate::text::{InputMethod, LineEditor, display_width};
pub use theme::{Palette, Theme};

/// Below this the screen says to enlarge the window instead of drawing.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

fn t(app: &App, key: &'static str) -> String {
    Message::new(key).render(app.lang)
}

/// Draws the whole screen and places the terminal cursor at the caret, so
/// an input method's preview appears where the letters go.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = Message::new("ui.too_small")
            .arg("width", area.width)
            .arg("height", area.height)
            .arg("min_width", MIN_WIDTH)
            .arg("min_height", MIN_HEIGHT)
            .render(app.lang);
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let [header, body, keys] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    draw_header(frame, app, theme, header);
    let cursor = match &app.screen {
        Screen::Setup(s) => draw_setup(frame, app, theme, body, s),
        Screen::RecoveryCode(code) => draw_recovery(frame, app, theme, body, code),
        Screen::Unlock(u) => draw_unlock(frame, app, theme, body, u),
        Screen::Home(h) => draw_home(frame, app, theme, body, h),
        Screen::Picker(p) => draw_picker(frame, app, theme, body, p),
        Screen::Detail(d) => draw_detail(frame, app, theme, body, d),
        Screen::Wizard(w) => draw_wizard(frame, app, theme, body, w),
        Screen::Settings(f) => draw_settings(frame, app, theme, body, f),
    };
    draw_keys(frame, app, theme, keys);
    if app.help {
        draw_help(frame, app, theme, body);
    } else if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
}

fn draw_header(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let screen = match &app.screen {
        Screen::Setup(_) => "ui.title.setup",
        Screen::RecoveryCode(_) => "ui.title.recovery",
        Screen::Unlock(_) => "ui.title.unlock",
        Screen::Home(_) => "ui.title.home",
        Screen::Picker(_) => "ui.title.picker",
        Screen::Detail(_) => "ui.title.detail",
        Screen::Wizard(_) => "ui.title.wizard",
        Screen::Settings(_) => "ui.title.settings",
    };
    let method = match app.settings.input_method {
        InputMethod::Telex => "Telex".to_owned(),
        InputMethod::Vni => "VNI".to_owned(),
        InputMethod::Off => t(app, "ui.input_off"),
    };
    let mut spans = vec![
        Span::styled(t(app, "ui.app_name"), theme.title),
        Span::raw(" — "),
        Span::raw(t(app, screen)),
    ];
    if let Screen::Wizard(w) = &app.screen
        && w.saved
    {
        spans.push(Span::styled(format!("  {}", t(app, "ui.saved")), theme.quiet));
    }
    let right = format!("F2: {method}");
    let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    let pad = (area.width as usize).saturating_sub(used + display_width(&right));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(right, theme.quiet));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The bindings that work on this screen, each meaning once: the screen's
/// own keys first, text editing keys (known to everyone) last.
fn screen_bindings(app: &App) -> Vec<Binding> {
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

fn draw_keys(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let mut spans = Vec::new();
    for b in screen_bindings(app) {
        spans.push(Span::styled(b.label, theme.key));
        spans.push(Span::raw(format!(" {}  ", t(app, b.what))));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_help(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let popup = area.inner(ratatui::layout::Margin {
        horizontal: 4,
        vertical: 1,
    });
    // The how-to first, so a short window never cuts it; then the keys in
    // two columns.
    let width = popup.width.saturating_sub(2) as usize;
    let howto = match &app.screen {
        Screen::Setup(_) => "ui.help.howto.setup",
        Screen::RecoveryCode(_) => "ui.help.howto.recovery",
        Screen::Unlock(_) => "ui.help.howto.unlock",
        Screen::Home(_) => "ui.help.howto.home",
        Screen::Picker(_) => "ui.help.howto.picker",
        Screen::Detail(_) => "ui.help.howto.detail",
        Screen::Wizard(_) => "ui.help.howto.wizard",
        Screen::Settings(_) => "ui.help.howto.settings",
    };
    let mut lines = wrapped(&t(app, howto), width, theme.normal);
    lines.push(Line::raw(""));
    lines.push(Line::styled(t(app, "ui.help.title"), theme.title));
    let column = width / 2;
    for pair in screen_bindings(app).chunks(2) {
        let mut spans = Vec::new();
        for b in pair {
            let what = truncate(&t(app, b.what), column.saturating_sub(11));
            spans.push(Span::styled(format!("{:<10} ", b.label), theme.key));
            spans.push(Span::raw(format!("{what:<w$}", w = column.saturating_sub(11))));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Clear, popup);
    let block = theme.block(t(app, "ui.help.close"));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }),
        popup,
    );
}

/// A bordered box with a title; returns the area inside it.
fn framed(frame: &mut Frame, theme: &Theme, area: Rect, title: String) -> Rect {
    let block = theme.block(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// `text` wrapped to `width` columns, each line in `style`.
fn wrapped(text: &str, width: usize, style: ratatui::style::Style) -> Vec<Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// One labelled text input; returns where the caret is when focused.
fn input(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    label: &str,
    editor: &LineEditor,
    focused: bool,
    secret: bool,
) -> Option<Position> {
    let shown = if secret {
        "•".repeat(editor.text().chars().count())
    } else {
        editor.text().to_owned()
    };
    let style = if focused { theme.focus } else { theme.normal };
    let lines = vec![
        Line::raw(label.to_owned()),
        Line::from(vec![Span::raw("› "), Span::styled(shown, style)]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
    focused.then(|| {
        let col = if secret {
            editor.before_caret().chars().count()
        } else {
            editor.caret_column()
        };
        Position::new(
            (area.x + 2 + col as u16).min(area.right().saturating_sub(1)),
            area.y + 1,
        )
    })
}

fn error_line(app: &App, theme: &Theme, error: &Option<Message>) -> Line<'static> {
    error.as_ref().map_or_else(
        || Line::raw(""),
        |m| Line::styled(m.render(app.lang), theme.error),
    )
}

fn draw_setup(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, s: &Setup) -> Option<Position> {
    let rows = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .split(area.inner(ratatui::layout::Margin {
        horizontal: 2,
        vertical: 1,
    }));
    frame.render_widget(
        Paragraph::new(t(app, "ui.setup.intro")).wrap(Wrap { trim: true }),
        rows[0],
    );
    let labels = ["ui.setup.passphrase", "ui.setup.again", "ui.setup.helper"];
    let mut cursor = None;
    for (i, key) in labels.iter().enumerate() {
        let c = input(
            frame,
            theme,
            rows[i + 1],
            &t(app, key),
            &s.fields[i],
            s.focus == i,
            i != Setup::HELPER,
        );
        cursor = cursor.or(c);
    }
    let focused = s.focus == Setup::COMMUNE;
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                t(app, "ui.setup.commune"),
                if focused { theme.title } else { theme.normal },
            ),
            commune_value(app, theme, s.commune, focused),
        ]),
        rows[4],
    );
    frame.render_widget(
        Paragraph::new(error_line(app, theme, &s.error)).wrap(Wrap { trim: true }),
        rows[5],
    );
    match &s.picker {
        Some(p) => draw_commune_picker(frame, app, theme, area, p),
        None => cursor,
    }
}

/// "Xã Quang Chiểu, Thanh Hóa" for a unit code.
fn commune_name(code: u32) -> Option<String> {
    let units = Units::embedded();
    let c = units.commune(code)?;
    let province = units
        .province(c.province_code)
        .map(|p| p.name.as_str())
        .unwrap_or_default();
    Some(format!("{}, {province}", c.name))
}

/// A commune field's line: the unit's name, or how to pick one.
fn commune_value(app: &App, theme: &Theme, code: Option<u32>, focused: bool) -> Line<'static> {
    let (text, style) = match code.and_then(commune_name) {
        Some(name) => (name, if focused { theme.focus } else { theme.normal }),
        None => (
            t(app, "ui.commune.none"),
            if focused { theme.focus } else { theme.quiet },
        ),
    };
    Line::from(vec![Span::raw("› "), Span::styled(text, style)])
}

/// The commune picker over `area`: the search line, then provinces or
/// communes; returns where the caret is.
fn draw_commune_picker(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    p: &CommunePicker,
) -> Option<Position> {
    let units = Units::embedded();
    let popup = area.inner(ratatui::layout::Margin {
        horizontal: 2,
        vertical: 1,
    });
    frame.render_widget(Clear, popup);
    let title = match p.province.and_then(|c| units.province(c)) {
        Some(province) => Message::new("ui.commune.in_province")
            .arg("province", &province.name)
            .render(app.lang),
        None => t(app, "ui.commune.title"),
    };
    let inner = framed(frame, theme, popup, title);
    let [field, list, hint] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let cursor = input(
        frame,
        theme,
        field,
        &t(app, "ui.commune.search"),
        &p.query,
        true,
        false,
    );
    let rows = p.rows(units);
    let width = list.width as usize;
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(t(app, "ui.commune.empty")).wrap(Wrap { trim: true }),
            list,
        );
    }
    // Only the rows that fit are formatted (the country has 3,321).
    let height = list.height as usize;
    let skip = p.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(skip)
        .take(height)
        .map(|(i, row)| {
            let text = match *row {
                UnitRow::Province(code) => {
                    let name = units.province(code).map(|x| x.name.as_str()).unwrap_or_default();
                    format!(
                        "▸ {}",
                        Message::new("ui.commune.province_row")
                            .arg("province", name)
                            .render(app.lang)
                    )
                }
                UnitRow::Commune(code) if p.province.is_some() => units
                    .commune(code)
                    .map(|c| format!("  {}", c.name))
                    .unwrap_or_default(),
                UnitRow::Commune(code) => commune_name(code).map(|n| format!("  {n}")).unwrap_or_default(),
            };
            let style = if i == p.selected {
                theme.focus
            } else {
                theme.normal
            };
            Line::styled(truncate(&text, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(Paragraph::new(t(app, "ui.commune.hint")).style(theme.quiet), hint);
    cursor
}

/// The office's settings: one row each, ← → to change.
fn draw_settings(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    f: &SettingsForm,
) -> Option<Position> {
    let inner = framed(frame, theme, area, t(app, "ui.title.settings"));
    let s = &app.settings;
    let choice = |on: bool| if on { "◀ " } else { "  " };
    let method = match s.input_method {
        InputMethod::Telex => "Telex".to_owned(),
        InputMethod::Vni => "VNI".to_owned(),
        InputMethod::Off => t(app, "ui.input_off"),
    };
    let values = [
        (
            "ui.settings.lang",
            match app.lang {
                crate::i18n::Lang::Vi => "Tiếng Việt".to_owned(),
                crate::i18n::Lang::En => "English".to_owned(),
            },
        ),
        (
            "ui.settings.theme",
            t(
                app,
                if s.high_contrast {
                    "ui.settings.theme_contrast"
                } else {
                    "ui.settings.theme_normal"
                },
            ),
        ),
        ("ui.settings.input", method),
        ("ui.settings.helper", f.helper.text().to_owned()),
        (
            "ui.settings.commune",
            s.home_commune
                .and_then(commune_name)
                .unwrap_or_else(|| t(app, "ui.commune.none")),
        ),
        (
            "ui.settings.idle",
            Message::new("ui.settings.minutes")
                .arg("n", s.idle_minutes)
                .render(app.lang),
        ),
    ];
    let width = inner.width as usize;
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, (label, value)) in values.into_iter().enumerate() {
        let focused = i == f.focus;
        lines.push(Line::styled(
            t(app, label),
            if focused { theme.title } else { theme.normal },
        ));
        if focused && i == SettingsForm::HELPER {
            let row = inner.y + lines.len() as u16;
            if row < inner.bottom() {
                let col = inner.x + 2 + f.helper.caret_column() as u16;
                cursor = Some(Position::new(col.min(inner.right().saturating_sub(1)), row));
            }
        }
        let arrows = i != SettingsForm::HELPER && i != SettingsForm::COMMUNE && focused;
        let shown = if arrows {
            format!("{}{value} ▶", choice(true))
        } else {
            value
        };
        lines.push(Line::from(vec![
            Span::raw("› "),
            Span::styled(
                truncate(&shown, width.saturating_sub(2)),
                if focused { theme.focus } else { theme.normal },
            ),
        ]));
    }
    lines.push(Line::raw(""));
    lines.extend(wrapped(&t(app, "ui.settings.hint"), width, theme.quiet));
    if let Some(e) = &f.error {
        lines.extend(wrapped(&e.render(app.lang), width, theme.error));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    match &f.picker {
        Some(p) => draw_commune_picker(frame, app, theme, area, p),
        None => cursor,
    }
}

fn draw_recovery(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, code: &str) -> Option<Position> {
    let lines = vec![
        Line::raw(t(app, "ui.recovery.intro")),
        Line::raw(""),
        Line::styled(format!("    {code}"), theme.title),
        Line::raw(""),
        Line::raw(t(app, "ui.recovery.then")),
    ];
    let inner = area.inner(ratatui::layout::Margin {
        horizontal: 2,
        vertical: 1,
    });
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    None
}

fn draw_unlock(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, u: &Unlock) -> Option<Position> {
    let [intro, field, error] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(3), Constraint::Min(1)]).areas(
            area.inner(ratatui::layout::Margin {
                horizontal: 2,
                vertical: 1,
            }),
        );
    frame.render_widget(Paragraph::new(t(app, "ui.unlock.intro")), intro);
    let c = input(
        frame,
        theme,
        field,
        &t(app, "ui.setup.passphrase"),
        &u.passphrase,
        true,
        true,
    );
    frame.render_widget(
        Paragraph::new(error_line(app, theme, &u.error)).wrap(Wrap { trim: true }),
        error,
    );
    c
}

fn procedure_title(app: &App, id: &str) -> String {
    app.catalogue.title(id, app.lang)
}

fn case_line(app: &App, r: &CaseRow) -> String {
    let status = Message::new(r.case.status.message_key()).render(app.lang);
    let name = r.resident.as_ref().map(|x| x.full_name.clone());
    let (date, _) = crate::domain::date::local_time(r.case.updated_at_ms);
    let changed = format!("{:02}/{:02}/{:02}", date.day, date.month, date.year % 100);
    // Numbers are masked on lists (the last three digits tell cases apart);
    // the case's own screen shows them whole.
    let number = r
        .resident
        .as_ref()
        .and_then(|x| x.id_number.as_deref())
        .map(mask_short);
    let next = r
        .case
        .next_visit
        .as_deref()
        .map(|d| format!(" → {d}"))
        .unwrap_or_default();
    format!(
        "{:<13} {:<18} {:<6} {:<15} {}{}",
        truncate(&status, 13),
        truncate(&name.unwrap_or_else(|| "—".into()), 18),
        number.unwrap_or_default(),
        truncate(&procedure_title(app, &r.case.procedure_id), 15),
        changed,
        next
    )
}

/// Words of `text` in lines of at most `width` columns. Wrapping here, not
/// in the paragraph, keeps each field on a known row for the caret.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = display_width(&line) + usize::from(!line.is_empty()) + display_width(word);
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// At most `width` columns of `s`, with an ellipsis when cut.
fn truncate(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if display_width(&out) + 2 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn draw_home(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, h: &Home) -> Option<Position> {
    let notice_rows = if app.notice.is_some() { 2 } else { 0 };
    let [search, notice, list] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(notice_rows),
        Constraint::Min(1),
    ])
    .areas(area);
    let cursor = input(
        frame,
        theme,
        search,
        &t(app, "ui.home.search"),
        &h.query,
        true,
        false,
    );
    if let Some(n) = &app.notice {
        frame.render_widget(
            Paragraph::new(n.render(app.lang))
                .style(theme.quiet)
                .wrap(Wrap { trim: true }),
            notice,
        );
    }
    let title = if h.query.text().trim().is_empty() {
        "ui.home.recent"
    } else {
        "ui.home.found"
    };
    let inner = framed(frame, theme, list, t(app, title));
    if h.rows.is_empty() {
        let empty = if h.query.text().trim().is_empty() {
            "ui.home.empty"
        } else {
            "ui.home.none_found"
        };
        frame.render_widget(Paragraph::new(t(app, empty)).wrap(Wrap { trim: true }), inner);
        return cursor;
    }
    // Only the rows that fit are formatted: a frame costs the window, not
    // the list.
    let height = inner.height as usize;
    let skip = h.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = (skip..h.rows.len().min(skip + height))
        .map(|i| {
            let style = if i == h.selected {
                theme.focus
            } else {
                theme.normal
            };
            Line::styled(case_line(app, &h.rows[i]), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    cursor
}

fn level_key(level: Level) -> &'static str {
    match level {
        Level::Full => "ui.level.full",
        Level::Partial => "ui.level.partial",
        Level::Guide => "ui.level.guide",
        Level::Unknown => "ui.level.unknown",
    }
}

fn draw_picker(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, p: &Picker) -> Option<Position> {
    let [query, filter, list] =
        Layout::vertical([Constraint::Length(3), Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let c = input(
        frame,
        theme,
        query,
        &t(app, "ui.picker.search"),
        &p.query,
        true,
        false,
    );
    let all = t(app, "ui.picker.all");
    let filter_line = Message::new("ui.picker.filter")
        .arg("field", p.field.as_deref().map_or(all.clone(), field_label))
        .arg("level", p.level.map_or(all, |l| t(app, level_key(l))))
        .render(app.lang);
    frame.render_widget(Paragraph::new(filter_line).style(theme.quiet), filter);
    let matches = picker_matches(&app.catalogue, p);
    let block = theme.block(t(app, "ui.picker.list"));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    if matches.is_empty() {
        frame.render_widget(Paragraph::new(t(app, "ui.picker.none")), inner);
        return c;
    }
    // Only the rows that fit are formatted: the national list has thousands.
    let height = inner.height as usize;
    let title_width = (inner.width as usize).saturating_sub(32).clamp(10, 60);
    let skip = p.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = matches
        .iter()
        .enumerate()
        .skip(skip)
        .take(height)
        .map(|(i, row)| {
            let (title, level, fee, time) = match *row {
                PickRow::Guided(pi) => {
                    let proc = &app.catalogue.procedures[pi];
                    let said = |t: &Option<crate::domain::procedure::Text>| {
                        t.as_ref().map(|t| t.get(app.lang).to_owned()).unwrap_or_default()
                    };
                    let (fee, time) = (said(&proc.fee), said(&proc.processing_time));
                    (proc.title.get(app.lang).to_owned(), proc.level, fee, time)
                }
                PickRow::Entry(ei) => {
                    let e = &app.catalogue.entries[ei];
                    let mark = t(app, "ui.picker.catalogue_mark");
                    (format!("{} · {}", e.title, e.code), e.level, mark, String::new())
                }
            };
            let mut text = format!(
                "{:<tw$} {:<12} {:<18}",
                truncate(&title, title_width),
                truncate(&t(app, level_key(level)), 12),
                truncate(&fee, 18),
                tw = title_width
            );
            // The time where the window is wide enough to read it.
            let room = (inner.width as usize).saturating_sub(display_width(&text) + 1);
            if room >= 12 {
                text = format!("{text} {}", truncate(&time, room));
            }
            Line::styled(
                text,
                if i == p.selected {
                    theme.focus
                } else {
                    theme.normal
                },
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    c
}

/// A field of work's name: the known codes in words, others as written.
fn field_label(key: &str) -> String {
    match key {
        "ho_tich" => "Hộ tịch".into(),
        "cu_tru" => "Cư trú".into(),
        "dinh_danh" => "Định danh".into(),
        "tu_phap" => "Tư pháp".into(),
        "chung_thuc" => "Chứng thực".into(),
        other => other.replace('_', " "),
    }
}

fn certainty_key(c: Certainty) -> &'static str {
    match c {
        Certainty::Confirmed => "ui.detail.code_ok",
        Certainty::ThirdParty => "ui.detail.code_3p",
        Certainty::Unsure => "ui.detail.code_unsure",
    }
}

/// What the procedure is, what to bring, where it is filed, the sources, and
/// the readiness checklist gone through with the resident.
fn draw_detail(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, d: &Detail) -> Option<Position> {
    let p = &app.catalogue.procedures[d.procedure];
    let entry = d.entry.and_then(|e| app.catalogue.entries.get(e));
    let title = entry.map_or_else(|| p.title.get(app.lang).to_owned(), |e| e.title.clone());
    let inner = framed(frame, theme, area, title);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let push = |lines: &mut Vec<Line>, text: String, style| lines.extend(wrapped(&text, width, style));
    let mut facts = vec![format!(
        "{}: {}",
        t(app, "ui.detail.level"),
        t(app, level_key(entry.map_or(p.level, |e| e.level)))
    )];
    if let Some(e) = entry {
        facts.push(format!(
            "{} {}",
            t(app, certainty_key(Certainty::ThirdParty)),
            e.code
        ));
        for (key, value) in [
            ("ui.detail.field", &e.field),
            ("ui.detail.agency_level", &e.agency_level),
        ] {
            if !value.is_empty() {
                facts.push(format!("{}: {value}", t(app, key)));
            }
        }
    }
    for (key, value) in [
        ("ui.detail.fee", &p.fee),
        ("ui.detail.time", &p.processing_time),
        ("ui.detail.filed_at", &p.filed_at),
    ] {
        if let Some(v) = value {
            facts.push(format!("{}: {}", t(app, key), v.get(app.lang)));
        }
    }
    if let Some(code) = &p.portal {
        facts.push(format!("{} {}", t(app, certainty_key(code.certainty)), code.code));
    }
    push(&mut lines, facts.join(" · "), theme.quiet);
    if entry.is_some() {
        push(&mut lines, t(app, "ui.detail.generic"), theme.normal);
    }
    // What to press comes before the lists, which a small window may cut.
    push(&mut lines, t(app, "ui.detail.start"), theme.normal);
    if !p.readiness.is_empty() {
        lines.push(Line::styled(t(app, "ui.detail.ready"), theme.title));
        for (i, (item, on)) in p.readiness.iter().zip(&d.checks).enumerate() {
            let style = if i == d.selected {
                theme.focus
            } else {
                theme.normal
            };
            let text = format!("[{}] {}", if *on { "x" } else { " " }, item.text.get(app.lang));
            lines.push(Line::styled(truncate(&text, width), style));
        }
    }
    if !p.documents.is_empty() {
        lines.push(Line::styled(t(app, "ui.detail.documents"), theme.title));
        for doc in &p.documents {
            push(&mut lines, format!("- {}", doc.text.get(app.lang)), theme.normal);
        }
    }
    lines.push(Line::styled(t(app, "ui.detail.sources"), theme.title));
    for src in &p.sources {
        push(&mut lines, format!("- {src}"), theme.quiet);
    }
    frame.render_widget(Paragraph::new(lines), inner);
    None
}

fn draw_wizard(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, w: &Wizard) -> Option<Position> {
    let Some(proc) = w.procedure(&app.catalogue) else {
        frame.render_widget(Paragraph::new(t(app, "ui.wizard.no_procedure")), area);
        return None;
    };
    let [steps_area, main] = Layout::horizontal([Constraint::Length(24), Constraint::Min(20)]).areas(area);
    let visible = w.visible_steps(&app.catalogue);
    let pos = visible.iter().position(|&s| s == w.step).unwrap_or(0);
    let step_lines: Vec<Line> = visible
        .iter()
        .map(|&si| {
            let step = &proc.steps[si];
            let has_problem = step.fields.iter().any(|f| w.problems.contains_key(&f.id));
            let answered = step
                .fields
                .iter()
                .filter(|f| f.is_relevant(&w.case.answers))
                .all(|f| w.case.answers.contains_key(&f.id));
            let mark = if si == w.step {
                "▶"
            } else if has_problem {
                "!"
            } else if answered {
                "✓"
            } else {
                " "
            };
            let style = if si == w.step {
                theme.focus
            } else if has_problem {
                theme.error
            } else {
                theme.normal
            };
            Line::styled(
                format!("{mark} {}", truncate(step.title.get(app.lang), 20)),
                style,
            )
        })
        .collect();
    let title = Message::new("ui.wizard.step_of")
        .arg("n", pos + 1)
        .arg("total", visible.len())
        .render(app.lang);
    // Under the steps, the documents brought, when there is room.
    let docs = w.documents(&app.catalogue);
    let steps_height = (step_lines.len() as u16 + 2).min(steps_area.height);
    let [steps_area, docs_area] =
        Layout::vertical([Constraint::Length(steps_height), Constraint::Min(0)]).areas(steps_area);
    let block = theme.block(title);
    frame.render_widget(Paragraph::new(step_lines).block(block), steps_area);
    if !docs.is_empty() && docs_area.height >= 3 {
        let brought = docs
            .iter()
            .filter(|d| w.case.documents.get(&d.id).copied().unwrap_or(false))
            .count();
        let title = Message::new("ui.wizard.documents_count")
            .arg("n", brought)
            .arg("total", docs.len())
            .render(app.lang);
        let width = docs_area.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = docs
            .iter()
            .map(|d| {
                let on = w.case.documents.get(&d.id).copied().unwrap_or(false);
                let text = format!("[{}] {}", if on { "x" } else { " " }, d.text.get(app.lang));
                Line::styled(truncate(&text, width), theme.quiet)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines).block(theme.block(title)), docs_area);
    }

    match &w.mode {
        Mode::Review(review) => return draw_review(frame, app, theme, main, w, review),
        Mode::Filing(filing) => {
            draw_filing(frame, app, theme, main, w, filing);
            return None;
        }
        Mode::Documents { selected } => {
            draw_documents(frame, app, theme, main, w, *selected);
            return None;
        }
        _ => {}
    }
    let step = &proc.steps[w.step.min(proc.steps.len().saturating_sub(1))];
    let inner = framed(frame, theme, main, step.title.get(app.lang).to_owned());
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let push_wrapped = |lines: &mut Vec<Line>, text: &str, style| lines.extend(wrapped(text, width, style));
    if let Some(i) = &step.instructions {
        push_wrapped(&mut lines, i.get(app.lang), theme.quiet);
        lines.push(Line::raw(""));
    }
    let mut cursor = None;
    let fields = w.visible_fields(&app.catalogue);
    for (fi, f) in fields.iter().enumerate() {
        let focused = fi == w.field;
        let required = if f.is_required(&w.case.answers) { " *" } else { "" };
        lines.push(Line::styled(
            format!("{}{required}", f.label.get(app.lang)),
            if focused { theme.title } else { theme.normal },
        ));
        let value_line = match f.kind {
            FieldKind::Commune => {
                let code = w.case.answers.get(&f.id).and_then(|v| v.parse().ok());
                commune_value(app, theme, code, focused)
            }
            FieldKind::MultiChoice => {
                let picked: Vec<&str> = w
                    .case
                    .answers
                    .get(&f.id)
                    .map(|v| v.split(',').collect())
                    .unwrap_or_default();
                let spans: Vec<Span> = f
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(ci, c)| {
                        let on = picked.contains(&c.value.as_str());
                        let here = focused && ci == w.choice;
                        Span::styled(
                            format!("[{}] {}   ", if on { "x" } else { " " }, c.label.get(app.lang)),
                            if here { theme.focus } else { theme.normal },
                        )
                    })
                    .collect();
                Line::from(spans)
            }
            FieldKind::Choice | FieldKind::YesNo => {
                let current = w.case.answers.get(&f.id);
                let options: Vec<(String, String)> = if f.kind == FieldKind::YesNo {
                    vec![("yes".into(), t(app, "ui.yes")), ("no".into(), t(app, "ui.no"))]
                } else {
                    f.choices
                        .iter()
                        .map(|c| (c.value.clone(), c.label.get(app.lang).to_owned()))
                        .collect()
                };
                let spans: Vec<Span> = options
                    .iter()
                    .map(|(v, label)| {
                        let on = current == Some(v);
                        Span::styled(
                            format!("{} {label}   ", if on { "(•)" } else { "( )" }),
                            if focused && on { theme.focus } else { theme.normal },
                        )
                    })
                    .collect();
                Line::from(spans)
            }
            _ => {
                let text = if focused {
                    w.editor.text().to_owned()
                } else {
                    w.case.answers.get(&f.id).cloned().unwrap_or_default()
                };
                if focused {
                    let row = inner.y + lines.len() as u16;
                    let col = inner.x + 2 + w.editor.caret_column() as u16;
                    if row < inner.bottom() {
                        cursor = Some(Position::new(col.min(inner.right().saturating_sub(1)), row));
                    }
                }
                Line::from(vec![
                    Span::raw("› "),
                    Span::styled(text, if focused { theme.focus } else { theme.normal }),
                ])
            }
        };
        lines.push(value_line);
        if let Some(m) = w.problems.get(&f.id) {
            push_wrapped(&mut lines, &m.render(app.lang), theme.error);
        }
        if let Some(h) = f.hint.as_ref().filter(|_| focused) {
            push_wrapped(&mut lines, h.get(app.lang), theme.quiet);
        }
    }
    if fields.is_empty() {
        lines.push(Line::raw(t(app, "ui.wizard.no_fields")));
    }
    for tip in &step.tips {
        lines.push(Line::raw(""));
        push_wrapped(&mut lines, &format!("* {}", tip.get(app.lang)), theme.quiet);
    }
    if let Some(e) = &w.error {
        push_wrapped(&mut lines, &e.render(app.lang), theme.error);
    }
    // Wrapping would move the caret's row; fields stay on one line each.
    frame.render_widget(Paragraph::new(lines), inner);
    match &w.mode {
        Mode::Pause(form) => draw_pause(frame, app, theme, main, form),
        Mode::Commune(picker) => draw_commune_picker(frame, app, theme, main, picker),
        _ => cursor,
    }
}

/// The documents checklist with the keys: every document in full.
fn draw_documents(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, w: &Wizard, selected: usize) {
    let inner = framed(frame, theme, area, t(app, "ui.wizard.documents_title"));
    let docs = w.documents(&app.catalogue);
    if docs.is_empty() {
        frame.render_widget(
            Paragraph::new(t(app, "ui.wizard.documents_none")).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = inner.width as usize;
    let mut lines = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let on = w.case.documents.get(&d.id).copied().unwrap_or(false);
        let style = if i == selected { theme.focus } else { theme.normal };
        let text = format!("[{}] {}", if on { "x" } else { " " }, d.text.get(app.lang));
        lines.extend(wrapped(&text, width, style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn finish_key(to: Status) -> &'static str {
    match to {
        Status::ReadyToFile => "ui.review.ready",
        Status::Filed => "ui.review.filed",
        _ => "ui.review.done",
    }
}

/// Every answer, step by step, then the ways to finish.
fn draw_review(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    w: &Wizard,
    r: &Review,
) -> Option<Position> {
    let inner = framed(frame, theme, area, t(app, "ui.review.title"));
    let proc = w.procedure(&app.catalogue)?;
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut last_step = None;
    for (i, row) in w.review_rows(&app.catalogue).iter().enumerate() {
        let style = if i == r.selected {
            theme.focus
        } else {
            theme.normal
        };
        if i == r.selected {
            selected_line = lines.len();
        }
        match *row {
            ReviewRow::Answer { step, field } => {
                if last_step != Some(step) {
                    lines.push(Line::styled(
                        proc.steps[step].title.get(app.lang).to_owned(),
                        theme.title,
                    ));
                    last_step = Some(step);
                }
                let f = proc.steps[step]
                    .fields
                    .iter()
                    .filter(|f| f.is_relevant(&w.case.answers))
                    .nth(field);
                let Some(f) = f else { continue };
                let value = w
                    .case
                    .answers
                    .get(&f.id)
                    .map(|v| shown_answer(f, v, app.lang))
                    .unwrap_or_else(|| "—".into());
                let mark = if w.problems.contains_key(&f.id) {
                    "! "
                } else {
                    "  "
                };
                let text = format!("{mark}{}: {value}", f.label.get(app.lang));
                lines.push(Line::styled(truncate(&text, width), style));
            }
            ReviewRow::Finish(to) => {
                if last_step.is_some() {
                    lines.push(Line::raw(""));
                    last_step = None;
                }
                lines.push(Line::styled(format!("→ {}", t(app, finish_key(to))), style));
            }
        }
    }
    let mut cursor = None;
    if let Some(code) = &r.hoso_code {
        lines.push(Line::raw(""));
        lines.push(Line::raw(t(app, "ui.review.hoso_code")));
        selected_line = lines.len();
        lines.push(Line::raw(format!("› {}", code.text())));
        cursor = Some((lines.len() - 1, code.caret_column()));
    }
    if let Some(e) = &r.error {
        lines.extend(wrapped(&e.render(app.lang), width, theme.error));
    }
    let height = inner.height as usize;
    let skip = (selected_line + 3).saturating_sub(height);
    let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(lines), inner);
    cursor.and_then(|(line, col)| {
        let row = inner.y + (line - skip) as u16;
        (row < inner.bottom()).then(|| Position::new(inner.x + 2 + col as u16, row))
    })
}

/// One answer at a time, large, to type or paste into the portal.
fn draw_filing(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, w: &Wizard, f: &Filing) {
    let values = w.filing_values(&app.catalogue);
    let title = Message::new("ui.filing.title")
        .arg("n", f.index + 1)
        .arg("total", values.len())
        .render(app.lang);
    let inner = framed(frame, theme, area, title);
    let Some((field, value)) = values.get(f.index) else {
        frame.render_widget(
            Paragraph::new(t(app, "ui.filing.empty")).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    };
    // Letters spaced out read well from a step back, and digits of a long
    // number are easy to count.
    let spaced: String = value.chars().flat_map(|c| [c, ' ']).collect();
    let big = if display_width(&spaced) <= inner.width as usize {
        spaced
    } else {
        value.clone()
    };
    let mut lines = vec![
        Line::styled(field.label.get(app.lang).to_owned(), theme.title),
        Line::raw(""),
        Line::styled(big, theme.title.add_modifier(ratatui::style::Modifier::REVERSED)),
        Line::raw(""),
    ];
    let hint = if f.copied {
        "ui.filing.copied"
    } else {
        "ui.filing.hint"
    };
    lines.extend(wrapped(&t(app, hint), inner.width as usize, theme.quiet));
    frame.render_widget(
        Paragraph::new(lines).alignment(ratatui::layout::Alignment::Center),
        inner,
    );
}

/// The pause form over the wizard: why the visit stops and when to come back.
fn draw_pause(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, form: &PauseForm) -> Option<Position> {
    let popup = area.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 1,
    });
    frame.render_widget(Clear, popup);
    let inner = framed(frame, theme, popup, t(app, "ui.pause.title"));
    let mut lines = vec![Line::raw(t(app, "ui.pause.reason"))];
    for (i, reason) in Reason::ALL.iter().enumerate() {
        let on = i == form.reason;
        let text = format!("{} {}", if on { "▶" } else { " " }, t(app, reason.message_key()));
        lines.push(Line::styled(text, if on { theme.focus } else { theme.normal }));
    }
    lines.push(Line::raw(""));
    let field_row = lines.len() as u16;
    lines.push(Line::raw(t(app, "ui.pause.next_visit")));
    lines.push(Line::raw(format!("› {}", form.next_visit.text())));
    if let Some(e) = &form.error {
        lines.extend(wrapped(&e.render(app.lang), inner.width as usize, theme.error));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let row = inner.y + field_row + 1;
    (row < inner.bottom()).then(|| Position::new(inner.x + 2 + form.next_visit.caret_column() as u16, row))
}
