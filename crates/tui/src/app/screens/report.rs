//! The commune's report on screen: a month at a time (← → to move), the
//! numbers a chair asks for with charts, F8 to keep the CSV for Excel and
//! the page to print.

use crate::app::ReportEffect;
use crate::app::keymap::Layer;
use crate::app::{Action, Ctx, Effect, Go, Outcome};
use trolyso_core::domain::Date;
use trolyso_core::domain::report::{Period, Report};

/// A resident due back soon, as the report screen lists them: the name
/// masked (a chairman may read the screen), the procedure, why it paused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRow {
    pub date: Date,
    pub name: String,
    pub procedure: String,
    pub reason: Option<trolyso_core::domain::report::Reason>,
}

/// How far ahead the screen lists the residents due back.
pub const VISITS_AHEAD_DAYS: i64 = 7;

#[derive(Debug)]
pub struct ReportView {
    pub period: Period,
    /// The report for `period`, once counted.
    pub report: Option<Box<Report>>,
    /// The residents due back from today to [`VISITS_AHEAD_DAYS`] ahead,
    /// once listed.
    pub visits: Option<Vec<VisitRow>>,
}

impl ReportView {
    /// This month's report (asked for by [`ReportView::load`]).
    pub fn new(today: Date) -> Self {
        ReportView {
            period: Period::month_of(today),
            report: None,
            visits: None,
        }
    }

    pub fn load(&self) -> Effect {
        Effect::Report(ReportEffect::LoadReport(self.period))
    }

    /// The residents due back, asked for once when the screen opens.
    pub fn load_visits(today: Date) -> Effect {
        Effect::Report(ReportEffect::LoadVisits(today))
    }

    pub fn layers(&self) -> Vec<Layer> {
        vec![Layer::Report, Layer::Leave, Layer::Global]
    }

    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::PrevPeriod => self.step(-1, ctx.today),
            Action::NextPeriod => self.step(1, ctx.today),
            Action::SaveReport => match &self.report {
                Some(r) => Outcome::effect(Effect::Report(ReportEffect::SaveReport(r.clone()))),
                None => Outcome::default(),
            },
            // A report for another month than the one now asked for (the
            // helper moved on while it was counted) is not shown.
            Action::ReportReady(r) if r.period == self.period => {
                self.report = Some(r);
                Outcome::default()
            }
            Action::ReportReady(_) => Outcome::default(),
            Action::VisitsListed(rows) => {
                self.visits = Some(rows);
                Outcome::default()
            }
            Action::ReportSaved(page) => Outcome::default().with_news(
                trolyso_core::i18n::Message::new("report.screen.saved").arg("file", page.display()),
            ),
            Action::Back => Outcome::go(Go::Home),
            _ => Outcome::ignored(),
        }
    }

    /// Another month, never past the current one (nothing to count there).
    fn step(&mut self, by: i32, today: Date) -> Outcome {
        let next = self.period.step_month(by);
        if next.first > today {
            return Outcome::default();
        }
        self.period = next;
        self.report = None;
        Outcome::effect(self.load())
    }
}
