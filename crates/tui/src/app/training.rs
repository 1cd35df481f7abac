//! Training mode around the real screens: the exercise under way, the
//! simulated resident the trainee asks, and the trace every action leaves
//! for the score. The screens themselves are the real ones; only what they
//! ask of the store is watched here.

use crate::app::{CaseEffect, OutsideEffect, TrainingEffect};
use serde::{Deserialize, Serialize};

use super::keymap::Layer;
use super::{Action, App, Detail, Effect, Go, Lessons, Message, Notice, Presenter, Screen, Wizard};
use trolyso_core::domain::procedure::Text;
use trolyso_core::domain::training::{Card, Mark, Scenario, Trace, score};

/// Training mode: the scenarios, and the exercise under way.
#[derive(Debug, Default)]
pub struct Training {
    pub scenarios: Vec<Scenario>,
    pub run: Option<Run>,
    /// The best score kept for each scenario id, for the list.
    pub best: std::collections::BTreeMap<String, u32>,
    /// Opened from the office's Home: leaving goes back to its passphrase.
    pub from_office: bool,
}

/// Something the resident said: a reply to a question, or what happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    pub words: Text,
    /// The resident said it (shown after their name); else it happened.
    pub spoken: bool,
    /// Values handed over to be typed: a label and the value.
    pub hands: Vec<(Text, String)>,
}

/// One exercise under way.
#[derive(Debug)]
pub struct Run {
    /// Index into the scenarios.
    pub scenario: usize,
    pub trace: Trace,
    /// What the resident has said, newest last.
    pub said: Vec<Said>,
    /// The question menu is open, with this row highlighted (the last
    /// row ends the exercise).
    pub asking: Option<usize>,
    /// Keys pressed since the exercise began.
    pub keys: usize,
}

impl Run {
    pub fn new(scenario: usize) -> Self {
        Run {
            scenario,
            trace: Trace::default(),
            said: Vec::new(),
            asking: None,
            keys: 0,
        }
    }

    /// Every value handed over so far, each once, in the order given.
    pub fn handed(&self) -> Vec<&(Text, String)> {
        let mut all: Vec<&(Text, String)> = Vec::new();
        for hand in self.said.iter().flat_map(|s| &s.hands) {
            if !all.iter().any(|h| h.1 == hand.1) {
                all.push(hand);
            }
        }
        all
    }

    /// Whether the question `id` was asked already.
    pub fn asked(&self, id: &str) -> bool {
        self.trace
            .marks
            .iter()
            .any(|m| matches!(m, Mark::Asked(q) if q == id))
    }
}

/// What an exercise came to, as kept in the training folder's results and
/// exported for the trainer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseResult {
    /// dd/mm/yyyy
    pub day: String,
    pub trainee: String,
    pub scenario: String,
    pub score: u32,
    /// The rubric lines missed, by id.
    pub missed: Vec<String>,
    pub keys: usize,
    /// Filled in by the shell, which has the clock.
    pub seconds: u64,
    /// How the visit ended: a status name, or "left" when the trainee
    /// left the case without ending it.
    pub ended: String,
}

/// The key layer training adds to every screen while an exercise runs.
pub fn layers(app: &App, mut under: Vec<Layer>) -> Vec<Layer> {
    let Some(run) = app.training.as_ref().and_then(|t| t.run.as_ref()) else {
        return under;
    };
    if run.asking.is_some() {
        // End (or PgDn) reaches the row that ends the exercise, as it
        // reaches the finishing rows of the review.
        return vec![
            Layer::Trainee,
            Layer::Review,
            Layer::List,
            Layer::Confirm,
            Layer::Leave,
            Layer::Global,
        ];
    }
    // First, so the key bar shows it first: F10 and Ctrl+R mean nothing
    // else on any screen.
    under.insert(0, Layer::Trainee);
    under
}

/// Actions training takes before the screen: the question menu, and the
/// key that opens it. None when the screen should have the action.
pub fn intercept(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    // The help over the screen has the keys until it closes.
    let help = app.help;
    let training = app.training.as_mut()?;
    let run = training.run.as_mut()?;
    if let Action::StatusChanged(case) = action {
        if let Some(note) = &case.pause_note {
            run.trace.push(Mark::Note(note.clone()));
        }
        run.trace.push(Mark::Ended {
            status: case.status.name().to_owned(),
            reason: case.reason.map(|r| r.name().to_owned()),
            code: case.hoso_code.clone(),
        });
        return None;
    }
    if help {
        return None;
    }
    let scenario = &training.scenarios[run.scenario];
    let rows = scenario.questions.len() + 1;
    match (run.asking, action) {
        (None, Action::AskResident) => run.asking = Some(0),
        (None, _) => return None,
        (Some(_), Action::Back | Action::AskResident) => run.asking = None,
        (Some(i), Action::Up) => run.asking = Some(i.saturating_sub(1)),
        (Some(_), Action::ToTop) => run.asking = Some(0),
        (Some(_), Action::ToFinish) => run.asking = Some(rows - 1),
        (Some(i), Action::Down) => run.asking = Some((i + 1).min(rows - 1)),
        (Some(i), Action::Pick(row)) => {
            if *row == i {
                return intercept(app, &Action::Submit);
            }
            run.asking = Some((*row).min(rows - 1));
        }
        (Some(i), Action::Submit) => {
            run.asking = None;
            match scenario.questions.get(i) {
                Some(q) => {
                    run.trace.push(Mark::Asked(q.id.clone()));
                    run.said.push(Said {
                        words: q.reply.clone(),
                        spoken: true,
                        hands: q.hands.clone(),
                    });
                }
                // The last row: the trainee ends the exercise here.
                None => return Some(finish(app)),
            }
        }
        (Some(_), Action::Help | Action::Quit) => return None,
        (Some(_), _) => {}
    }
    Some(Vec::new())
}

/// Watches what the screen asked of the store, and where the visit is now.
pub fn observe(app: &mut App, effects: &mut [Effect]) {
    let Some(Training {
        scenarios,
        run: Some(run),
        ..
    }) = app.training.as_mut()
    else {
        return;
    };
    for effect in effects.iter_mut() {
        match effect {
            Effect::Case(CaseEffect::CreateCase { readiness, .. }) => {
                run.trace.push(Mark::Started(readiness.clone()))
            }
            Effect::Case(CaseEffect::SaveAnswer { field, value, .. }) => run.trace.push(Mark::Saved {
                field: field.clone(),
                value: value.clone(),
            }),
            // A slip printed in training says so on its face.
            Effect::Outside(OutsideEffect::WriteSlip { slip, .. }) => slip.mark_practice(),
            _ => {}
        }
    }
    let Screen::Wizard(w) = &app.screen else { return };
    let Some(step) = w
        .procedure(&app.catalogue)
        .and_then(|p| p.steps.get(w.step))
        .map(|s| s.id.clone())
    else {
        return;
    };
    if run.trace.step() != Some(step.as_str()) {
        if let Some(event) = scenarios[run.scenario].event_at(&step)
            && !run
                .trace
                .marks
                .iter()
                .any(|m| matches!(m, Mark::Step(s) if *s == step))
        {
            run.said.push(Said {
                words: event.say.clone(),
                spoken: false,
                hands: Vec::new(),
            });
        }
        run.trace.push(Mark::Step(step));
    }
}

/// Ends the exercise: the score card, and the result to keep.
pub fn finish(app: &mut App) -> Vec<Effect> {
    let Some(training) = app.training.as_mut() else {
        return Vec::new();
    };
    let Some(run) = training.run.take() else {
        return Vec::new();
    };
    let scenario = &training.scenarios[run.scenario];
    let card: Card = score(scenario, &run.trace);
    let ended = run
        .trace
        .marks
        .iter()
        .rev()
        .find_map(|m| match m {
            Mark::Ended { status, .. } => Some(status.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "left".to_owned());
    let result = ExerciseResult {
        day: app.today.to_string(),
        trainee: app.settings.helper.clone(),
        scenario: scenario.id.clone(),
        score: card.score,
        missed: card.missed(scenario).into_iter().map(str::to_owned).collect(),
        keys: run.keys,
        seconds: 0,
        ended,
    };
    let best = training.best.entry(result.scenario.clone()).or_insert(0);
    *best = (*best).max(result.score);
    app.notice = None;
    app.screen = Screen::ScoreCard(super::screens::ScoreCard::new(run.scenario, card, run.keys));
    vec![Effect::Training(TrainingEffect::SaveResult(result))]
}

/// Where a screen leads in training: Home is the scenario list, and
/// leaving a started case ends the exercise with its score.
pub(super) fn go(app: &mut App, go: Go) -> Vec<Effect> {
    let Some(t) = app.training.as_mut() else {
        return Vec::new();
    };
    app.notice = None;
    let count = t.scenarios.len();
    match go {
        // A trainee's exercise is one visit: the office's people are not
        // here, and leaving for them would end it.
        Go::Person { .. } | Go::PickerFor(_) => {
            app.notice = Some(Notice {
                message: Message::new("train.not_in_training"),
                failed: false,
            });
        }
        // Training counts nothing: the report is the office's.
        Go::Home
        | Go::Picker
        | Go::Unlock
        | Go::Setup
        | Go::Settings
        | Go::Recovery(_)
        | Go::Tour
        | Go::Report
        | Go::Exchange
        | Go::Conflicts => {
            // Leaving a started case ends the exercise and scores it;
            // leaving before the case began is just going back.
            let started = t.run.as_ref().map(|r| (r.scenario, r.trace.started()));
            match started {
                Some((_, true)) => return finish(app),
                other => {
                    t.run = None;
                    let at = other.map_or_else(
                        || match &app.screen {
                            Screen::ScoreCard(c) => c.scenario,
                            Screen::Present(p) => p.scenario,
                            _ => 0,
                        },
                        |(i, _)| i,
                    );
                    let from_office = t.from_office;
                    app.screen = Screen::Lessons(Lessons::new(count, &app.settings.helper, at, from_office));
                }
            }
        }
        Go::Exercise(i) => {
            let scenario = &t.scenarios[i];
            let procedure = app
                .catalogue
                .procedures
                .iter()
                .position(|p| p.id == scenario.procedure);
            let entry = scenario
                .entry
                .as_ref()
                .and_then(|code| app.catalogue.entries.iter().position(|e| &e.code == code));
            let Some(procedure) = procedure else {
                app.notice = Some(Notice {
                    message: Message::new("train.load.no_procedure").arg("id", &scenario.procedure),
                    failed: true,
                });
                return Vec::new();
            };
            t.run = Some(Run::new(i));
            app.screen = Screen::Detail(Detail::new(&app.catalogue, procedure, entry));
            return vec![Effect::Training(TrainingEffect::StartExercise)];
        }
        Go::Present(i) => {
            let count = t.scenarios[i].captions.len();
            app.screen = Screen::Present(Presenter {
                scenario: i,
                caption: 0,
                count,
            });
        }
        Go::Detail {
            procedure,
            entry,
            person,
        } => {
            app.screen = Screen::Detail(Detail::new(&app.catalogue, procedure, entry).for_person(person));
        }
        Go::Referred { procedure, carried } => {
            app.screen = Screen::Detail(Detail::referred(&app.catalogue, procedure, carried));
        }
        Go::Wizard(case) => {
            app.screen = Screen::Wizard(Box::new(Wizard::open(*case, &app.catalogue, app.today)));
        }
    }
    Vec::new()
}
