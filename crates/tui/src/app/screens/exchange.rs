//! Bundles between a field laptop and the office (F8 on Home): the USB
//! folder (found, or typed), the bundles and files of enrolment in it; F8
//! writes a bundle for the office, F4 writes this office's key to the
//! folder. Enter on any file says what it is and what taking it would do
//! (what a bundle brings, which office a key file joins, which machine a
//! request enrols, with its pairing code); a second Enter takes it.

use crate::app::{DataEffect, ExchangeEffect};
use std::path::PathBuf;
use trolyso_store::bundle::Kind;

use crate::app::edit::edit_plain;
use crate::app::keymap::Layer;
use crate::app::{Action, Ctx, Effect, Go, Outcome};
use trolyso_core::i18n::Message;
use trolyso_core::text::LineEditor;

/// A machine the office enrolled, as the screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MachineRow {
    pub id: String,
    pub helper: String,
    /// Its commune as a reader names it, or a dash.
    pub place: String,
    pub enrolled: String,
    pub last_bundle: Option<String>,
    pub cases: usize,
    pub revoked: bool,
}

/// What the store and the PC say about bundles, for the screen's head.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExchangeInfo {
    pub machine: String,
    /// Who works on this machine, and where ("Chị Hoa · Xã Quang Chiểu,
    /// Thanh Hóa"): how people tell machines apart; the code comes second.
    pub here: String,
    /// The joined office's commune, from its key file.
    pub office_place: Option<String>,
    /// The machines this office enrolled.
    pub machines: Vec<MachineRow>,
    /// This folder's office fingerprint (what bundles made for it say).
    pub office: String,
    /// The office this machine sends to, once joined.
    pub joined: Option<String>,
    /// Joined, and the office's enrolment not taken back yet: the pairing
    /// code the office's screen must show.
    pub waiting_code: Option<String>,
    /// USB drives and the usual folders found on this PC.
    pub places: Vec<PathBuf>,
}

#[derive(Debug, Default)]
pub struct Exchange {
    pub info: Option<ExchangeInfo>,
    pub folder: LineEditor,
    /// Bundles and files of enrolment in the folder, with their kinds
    /// (`None`: a bundle).
    pub files: Vec<(PathBuf, Option<Kind>)>,
    pub selected: usize,
    /// A file read without writing: what taking it would do. The next
    /// Enter on it takes it.
    pub preview: Option<(PathBuf, Vec<Message>)>,
    /// What the last thing done said.
    pub said: Vec<Message>,
    /// A bundle being read, imported or written on a worker: how far. The
    /// screen answers keys meanwhile but starts nothing else.
    pub working: Option<trolyso_store::store::Reached>,
    /// Esc asked the work to stop; it ends after the case under way.
    pub stopping: bool,
    /// The list shows the machines the office enrolled (F6), not the files.
    pub showing_machines: bool,
    pub machine_selected: usize,
    /// A machine whose revocation waits for a second Enter.
    pub revoking: Option<String>,
}

impl Exchange {
    pub fn layers(&self) -> Vec<Layer> {
        if self.working.is_some() {
            // Only what does not start anything, while the work runs.
            return vec![Layer::List, Layer::StopWork, Layer::Global];
        }
        vec![
            Layer::TextField,
            Layer::Exchange,
            Layer::List,
            Layer::Leave,
            Layer::Global,
        ]
    }

    /// The screen opened on the folder used last (else, when the head
    /// comes, the first USB folder found).
    pub fn at(folder: &str) -> Self {
        Exchange {
            folder: LineEditor::new(folder),
            ..Exchange::default()
        }
    }

    fn folder(&self) -> PathBuf {
        PathBuf::from(self.folder.text().trim())
    }

    fn list(&self) -> Outcome {
        Outcome::effect(Effect::Exchange(ExchangeEffect::ListFolder(self.folder())))
    }

    /// The next (or previous) found folder in the field.
    fn step_place(&mut self, by: isize) -> Outcome {
        let Some(places) = self.info.as_ref().map(|i| &i.places).filter(|p| !p.is_empty()) else {
            return Outcome::default();
        };
        let now = places.iter().position(|p| *p == self.folder());
        let next = match now {
            Some(i) => (i as isize + by).rem_euclid(places.len() as isize) as usize,
            None => 0,
        };
        self.folder = LineEditor::new(&places[next].display().to_string());
        self.preview = None;
        self.list()
    }

    /// Enter on a machine: asks first (its helper and commune said), then
    /// revokes on the second Enter. A revoked machine stays listed.
    fn revoke_selected(&mut self) -> Outcome {
        let Some(row) = self
            .info
            .as_ref()
            .and_then(|i| i.machines.get(self.machine_selected))
        else {
            return Outcome::default();
        };
        if row.revoked {
            return Outcome::default();
        }
        self.said = Vec::new();
        if self.revoking.as_deref() == Some(row.id.as_str()) {
            self.revoking = None;
            return Outcome::effect(Effect::Exchange(ExchangeEffect::Revoke(row.id.clone())));
        }
        self.revoking = Some(row.id.clone());
        Outcome::default()
    }

    /// Enter on a file: read without writing first (what taking it would
    /// do), taken on the second Enter.
    fn open_selected(&mut self) -> Outcome {
        let Some((file, _)) = self.files.get(self.selected).cloned() else {
            return Outcome::default();
        };
        self.said = Vec::new();
        match &self.preview {
            Some((shown, _)) if *shown == file => {
                self.preview = None;
                Outcome::effect(Effect::Exchange(ExchangeEffect::Take(file)))
            }
            _ => Outcome::effect(Effect::Exchange(ExchangeEffect::Read(file))),
        }
    }

    pub fn update(&mut self, action: Action, _ctx: &mut Ctx) -> Outcome {
        let last = self.files.len().saturating_sub(1);
        match action {
            Action::Working(reached) => {
                self.working = Some(reached);
                return Outcome::default();
            }
            Action::BundlePreview(..) | Action::ExchangeDone(_) | Action::Failed(_) => {
                self.working = None;
                self.stopping = false;
            }
            Action::StopWork if self.working.is_some() && !self.stopping => {
                return Outcome::effect(Effect::Data(DataEffect::StopWork));
            }
            Action::Stopping => {
                self.stopping = true;
                return Outcome::default();
            }
            // What the worker ends with comes back here: nothing else is
            // started, and the screen is not left, until it has.
            Action::Up | Action::Down => {}
            _ if self.working.is_some() => return Outcome::default(),
            _ => {}
        }
        match action {
            Action::ExchangeReady(info) => {
                if self.folder.text().is_empty()
                    && let Some(first) = info.places.first()
                {
                    self.folder = LineEditor::new(&first.display().to_string());
                }
                self.info = Some(info);
                return self.list();
            }
            Action::FolderListed(files) => {
                // The highlight stays on the file it was on when a file
                // comes or goes (the stick is looked at again every few
                // seconds).
                let was = self.files.get(self.selected).map(|(f, _)| f.clone());
                self.files = files;
                self.selected = was
                    .and_then(|w| self.files.iter().position(|(f, _)| *f == w))
                    .unwrap_or(self.selected)
                    .min(self.files.len().saturating_sub(1));
            }
            Action::LookAgain => return self.list(),
            Action::Pick(i) => {
                if crate::app::clicked_row(&mut self.selected, i, self.files.len()) {
                    return self.open_selected();
                }
            }
            Action::ShowMachines => {
                self.showing_machines = !self.showing_machines;
                self.revoking = None;
            }
            Action::Up if self.showing_machines => {
                self.machine_selected = self.machine_selected.saturating_sub(1);
                self.revoking = None;
            }
            Action::Down if self.showing_machines => {
                let last = self
                    .info
                    .as_ref()
                    .map_or(0, |i| i.machines.len().saturating_sub(1));
                self.machine_selected = (self.machine_selected + 1).min(last);
                self.revoking = None;
            }
            Action::Submit if self.showing_machines => return self.revoke_selected(),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::NextPlace => return self.step_place(1),
            Action::PrevPlace => return self.step_place(-1),
            Action::ExportBundle => {
                self.said = Vec::new();
                return Outcome::effect(Effect::Exchange(ExchangeEffect::ExportBundle(self.folder())));
            }
            Action::ExportOfficeKey => {
                self.said = Vec::new();
                return Outcome::effect(Effect::Exchange(ExchangeEffect::ExportOfficeKey(self.folder())));
            }
            Action::Submit => return self.open_selected(),
            Action::BundlePreview(file, lines) => self.preview = Some((file, lines)),
            Action::ExchangeDone(lines) => {
                self.said = lines;
                self.preview = None;
                return Outcome::effect(Effect::Exchange(ExchangeEffect::LoadExchange));
            }
            Action::Failed(message) => {
                self.preview = None;
                self.said = vec![message];
            }
            Action::Back => return Outcome::go(Go::Home),
            other => {
                if !edit_plain(&mut self.folder, &other) {
                    return Outcome::ignored();
                }
                self.preview = None;
                self.selected = 0;
                return self.list();
            }
        }
        Outcome::default()
    }
}
