//! One module per screen, mirroring `app/screens`.

mod commune;
mod conflicts;
mod detail;
pub mod exchange;
mod home;
mod person;
mod picker;
mod recovery;
pub mod report;
mod restore;
mod settings;
mod setup;
mod tour;
pub mod training;
mod unlock;
mod wizard;

use ratatui::layout::{Position, Rect};

use super::Ui;
use crate::app::Screen;

/// Draws the open screen in `area`; returns where the caret is, if any.
pub fn draw(ui: &mut Ui, area: Rect) -> Option<Position> {
    match &ui.app.screen {
        Screen::Restore(r) => restore::draw(ui, area, r),
        Screen::Setup(s) => setup::draw(ui, area, s),
        Screen::Recovery(r) => recovery::draw(ui, area, r),
        Screen::Unlock(u) => unlock::draw(ui, area, u),
        Screen::Home(h) => home::draw(ui, area, h),
        Screen::Picker(p) => picker::draw(ui, area, p),
        Screen::Detail(d) => detail::draw(ui, area, d),
        Screen::Wizard(w) => wizard::draw(ui, area, w),
        Screen::Settings(f) => settings::draw(ui, area, f),
        Screen::Tour(t) => tour::draw(ui, area, t),
        Screen::Report(r) => report::draw(ui, area, r),
        Screen::Exchange(x) => exchange::draw(ui, area, x),
        Screen::Conflicts(c) => conflicts::draw(ui, area, c),
        Screen::Person(p) => person::draw(ui, area, p),
        Screen::Lessons(l) => training::lessons(ui, area, l),
        Screen::ScoreCard(c) => training::score(ui, area, c),
        Screen::Present(p) => training::present(ui, area, p),
    }
}
