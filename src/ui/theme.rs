//! Styles in one place. `NO_COLOR` gives a theme of bold and reverse only;
//! `--ascii` swaps the box lines for plain characters.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::widgets::{Block, Borders};

#[derive(Debug, Clone)]
pub struct Theme {
    pub normal: Style,
    pub title: Style,
    pub focus: Style,
    pub quiet: Style,
    pub error: Style,
    pub key: Style,
    pub border: border::Set<'static>,
}

impl Theme {
    pub fn new(color: bool, ascii: bool) -> Self {
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
        } else {
            border::PLAIN
        };
        if color {
            Theme {
                normal: Style::default(),
                title: Style::default().add_modifier(Modifier::BOLD),
                focus: Style::default().add_modifier(Modifier::REVERSED),
                quiet: Style::default().fg(Color::Gray),
                error: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                key: Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                border,
            }
        } else {
            Theme {
                normal: Style::default(),
                title: Style::default().add_modifier(Modifier::BOLD),
                focus: Style::default().add_modifier(Modifier::REVERSED),
                quiet: Style::default(),
                error: Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                key: Style::default().add_modifier(Modifier::BOLD),
                border,
            }
        }
    }

    /// A bordered box in this theme's lines.
    pub fn block(&self, title: String) -> Block<'static> {
        Block::default()
            .borders(Borders::ALL)
            .border_set(self.border)
            .title(title)
    }

    /// From the environment: colour unless `NO_COLOR` is set.
    pub fn from_env(ascii: bool) -> Self {
        Self::new(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()), ascii)
    }
}
