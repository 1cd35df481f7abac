//! Styles in one place. `NO_COLOR` gives a theme of bold and reverse only;
//! `--theme contrast` a high-contrast one for weak eyes and washed-out
//! screens; `--ascii` swaps the box lines for plain characters.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::widgets::{Block, Borders};

/// Which colours a theme uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    Color,
    /// No colour at all (`NO_COLOR`): bold, reverse and underline only.
    Plain,
    /// Bright text on black, yellow for where the helper is, thick lines.
    HighContrast,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub normal: Style,
    pub title: Style,
    pub focus: Style,
    pub quiet: Style,
    pub error: Style,
    pub key: Style,
    /// Training's banner: red on every screen, reversed without colour.
    pub banner: Style,
    pub border: border::Set<'static>,
    /// `--ascii`: every drawn symbol is swapped for a plain character
    /// (see [`ascii_for`]), for old consoles and fonts without them.
    pub ascii: bool,
}

/// The plain character drawn for a symbol under `--ascii`. Each takes one
/// column, as the symbol did, so nothing moves.
pub fn ascii_for(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "▶" | "›" | "→" => ">",
        "◀" | "←" | "⌫" => "<",
        "↑" => "^",
        "↓" | "✓" => "v",
        "•" => "*",
        "…" => "~",
        "·" => "-",
        _ => return None,
    })
}

impl Theme {
    pub fn new(palette: Palette, ascii: bool) -> Self {
        let border = if ascii {
            border::Set {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical_left: "|",
                vertical_right: "|",
                horizontal_top: "-",
                horizontal_bottom: "-",
            }
        } else if palette == Palette::HighContrast {
            border::THICK
        } else {
            border::PLAIN
        };
        match palette {
            Palette::Color => Theme {
                normal: Style::default(),
                title: Style::default().add_modifier(Modifier::BOLD),
                focus: Style::default().add_modifier(Modifier::REVERSED),
                quiet: Style::default().fg(Color::Gray),
                error: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                key: Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                banner: Style::default()
                    .fg(Color::White)
                    .bg(Color::Red)
                    .add_modifier(Modifier::BOLD),
                border,
                ascii,
            },
            Palette::HighContrast => {
                let base = Style::default().fg(Color::White).bg(Color::Black);
                Theme {
                    normal: base,
                    title: base.add_modifier(Modifier::BOLD),
                    focus: Style::default()
                        .fg(Color::Black)
                        .bg(Color::Yellow)
                        .add_modifier(Modifier::BOLD),
                    quiet: base,
                    error: base
                        .fg(Color::LightRed)
                        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                    key: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
                    banner: Style::default()
                        .fg(Color::White)
                        .bg(Color::Red)
                        .add_modifier(Modifier::BOLD),
                    border,
                    ascii,
                }
            }
            Palette::Plain => Theme {
                normal: Style::default(),
                title: Style::default().add_modifier(Modifier::BOLD),
                focus: Style::default().add_modifier(Modifier::REVERSED),
                quiet: Style::default(),
                error: Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                key: Style::default().add_modifier(Modifier::BOLD),
                banner: Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
                border,
                ascii,
            },
        }
    }

    /// A bordered box in this theme's lines.
    pub fn block(&self, title: String) -> Block<'static> {
        Block::default()
            .borders(Borders::ALL)
            .border_set(self.border)
            .title(title)
    }
}

/// How the app looks for one run: a palette fixed for the run (`--theme`,
/// or `NO_COLOR`, which wins) or none, when the office's setting decides;
/// and ASCII lines (`--ascii`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Looks {
    pub fixed: Option<Palette>,
    pub ascii: bool,
}

impl Looks {
    /// The looks asked for, unless `NO_COLOR` is set.
    pub fn from_env(fixed: Option<Palette>, ascii: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Looks {
            fixed: if no_color { Some(Palette::Plain) } else { fixed },
            ascii,
        }
    }

    /// Always this palette, whatever the settings say (tests, benchmarks).
    pub fn always(palette: Palette) -> Self {
        Looks {
            fixed: Some(palette),
            ascii: false,
        }
    }

    /// The theme for the office's high-contrast setting.
    pub fn theme(&self, high_contrast: bool) -> Theme {
        let palette = self.fixed.unwrap_or(if high_contrast {
            Palette::HighContrast
        } else {
            Palette::Color
        });
        Theme::new(palette, self.ascii)
    }
}
