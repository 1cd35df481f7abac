//! The training list: the trainee's name, then a scenario to practise.

use crate::app::edit::edit_composed;
use crate::app::keymap::Layer;
use crate::app::{Action, Ctx, Effect, Go, Outcome};
use crate::app::{CaseEffect, TrainingEffect};
use trolyso_core::i18n::Message;
use trolyso_core::text::LineEditor;

#[derive(Debug, Default)]
pub struct Lessons {
    /// How many scenarios the list has.
    pub count: usize,
    pub selected: usize,
    /// The trainee's name, kept for the results.
    pub name: LineEditor,
    /// The name has the keys (it must be typed before the first exercise).
    pub naming: bool,
    pub error: Option<Message>,
    /// Opened from the office's Home: Esc goes back there.
    pub from_office: bool,
}

impl Lessons {
    pub fn new(count: usize, trainee: &str, selected: usize, from_office: bool) -> Self {
        Lessons {
            count,
            selected: selected.min(count.saturating_sub(1)),
            name: LineEditor::new(trainee),
            naming: trainee.is_empty(),
            error: None,
            from_office,
        }
    }

    /// The name as typed, as it is kept (NFC, without outer spaces).
    fn typed_name(&self) -> String {
        trolyso_core::text::nfc(self.name.text().trim())
    }

    /// The name typed is not yet the one kept.
    pub fn typing_unsaved(&self, kept: &str) -> bool {
        let name = self.typed_name();
        self.naming && !name.is_empty() && name != kept
    }

    pub fn layers(&self) -> Vec<Layer> {
        let mut layers = if self.naming {
            vec![Layer::TextField, Layer::Confirm, Layer::Form]
        } else {
            vec![Layer::Lessons, Layer::List, Layer::Confirm, Layer::Form]
        };
        if self.from_office {
            layers.push(Layer::Leave);
        } else if !self.naming {
            // Standalone, Esc hands the PC to the next trainee.
            layers.insert(0, Layer::NextTrainee);
        }
        layers.push(Layer::Global);
        layers
    }

    /// Keeps the name typed; None when it is empty (said on screen).
    fn commit_name(&mut self, ctx: &mut Ctx) -> Result<Option<Effect>, ()> {
        let name = self.typed_name();
        if name.is_empty() {
            self.error = Some(Message::new("train.no_name"));
            self.naming = true;
            return Err(());
        }
        self.error = None;
        Ok((name != ctx.settings.helper).then(|| {
            ctx.settings.helper = name;
            Effect::Case(CaseEffect::SaveSettings(ctx.settings.clone()))
        }))
    }

    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let last = self.count.saturating_sub(1);
        if action == Action::Back && self.from_office {
            return Outcome::effect(Effect::Training(TrainingEffect::LeaveTraining));
        }
        if self.naming {
            return match action {
                // Kept while it is typed, like every other field.
                Action::SaveTyping => {
                    let saved = self.typing_unsaved(&ctx.settings.helper).then(|| {
                        ctx.settings.helper = self.typed_name();
                        Effect::Case(CaseEffect::SaveSettings(ctx.settings.clone()))
                    });
                    Outcome::effects(saved.into_iter().collect())
                }
                Action::Submit | Action::NextField | Action::PrevField | Action::Down => {
                    match self.commit_name(ctx) {
                        Ok(saved) => {
                            self.naming = false;
                            Outcome::effects(saved.into_iter().collect())
                        }
                        Err(()) => Outcome::default(),
                    }
                }
                other => {
                    Outcome::handled_if(edit_composed(&mut self.name, &other, ctx.settings.input_method))
                }
            };
        }
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Pick(i) => {
                if crate::app::clicked_row(&mut self.selected, i, self.count) {
                    return self.update(Action::Submit, ctx);
                }
            }
            Action::NextField | Action::PrevField => self.naming = true,
            Action::NextTrainee => {
                self.name = LineEditor::default();
                self.naming = true;
            }
            Action::Submit if self.count > 0 => {
                if self.commit_name(ctx).is_err() {
                    return Outcome::default();
                }
                return Outcome::go(Go::Exercise(self.selected));
            }
            Action::Present if self.count > 0 => return Outcome::go(Go::Present(self.selected)),
            _ => return Outcome::ignored(),
        }
        Outcome::default()
    }
}
