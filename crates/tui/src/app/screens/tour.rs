//! The first-run tour: three pages for a new helper, right after setup.
//! Esc skips it; either way it never comes back (the settings remember).

use crate::app::CaseEffect;
use crate::app::keymap::Layer;
use crate::app::{Action, Ctx, Effect, Go, Outcome};

/// How many pages the tour has.
pub const PAGES: usize = 3;

#[derive(Debug, Default)]
pub struct Tour {
    pub page: usize,
}

impl Tour {
    pub fn layers(&self) -> Vec<Layer> {
        vec![Layer::Tour, Layer::Confirm, Layer::Leave, Layer::Global]
    }

    /// Done or skipped: remembered, then Home.
    fn finish(ctx: &mut Ctx) -> Outcome {
        ctx.settings.toured = true;
        Outcome::effect(Effect::Case(CaseEffect::SaveSettings(ctx.settings.clone()))).then_go(Go::Home)
    }

    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::Submit | Action::NextCaption if self.page + 1 >= PAGES => Self::finish(ctx),
            Action::Submit | Action::NextCaption => {
                self.page += 1;
                Outcome::default()
            }
            Action::PrevCaption => {
                self.page = self.page.saturating_sub(1);
                Outcome::default()
            }
            Action::Back => Self::finish(ctx),
            _ => Outcome::ignored(),
        }
    }
}
