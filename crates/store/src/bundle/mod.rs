//! Bundles: a field laptop's work carried to the office on a USB stick,
//! encrypted to the office's key, merged there the same way in any order.
//! The file format is in [`file`]; what the store keeps and how a case
//! merges is in `store::exchange` and `store::merge`.

mod enrol;
mod file;
pub mod places;

use std::path::{Path, PathBuf};

pub use crate::store::exchange::ImportMode;
use crate::store::exchange::{BundleFrom, Imported, Since};
use crate::store::merge::FieldRoles;
use crate::store::{Progress, Store, StoreError, crypto, now_ms};
use trolyso_core::domain::procedure::{Catalogue, Procedure};
use trolyso_core::i18n::Message;

/// How a bundle's file name ends.
pub const EXTENSION: &str = "trolyso";

/// What `export` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub cases: usize,
    /// The enrolled machine it is for (none: the office this one joined),
    /// and that machine as people know it (helper, commune, code).
    pub to: Option<String>,
    pub to_named: Option<String>,
}

impl Written {
    /// What was written, for whom, in words.
    pub fn message(&self) -> Message {
        match &self.to_named {
            None => Message::new("bundle.exported"),
            Some(machine) => Message::new("bundle.exported_back").arg("machine", machine),
        }
        .arg("path", self.path.display())
        .arg("cases", self.cases)
    }
}

/// The file name of a bundle made now by `machine` for `to` (a machine
/// id, when known): the machines, the time to the second and the bundle's
/// own name, so bundles from several machines, or two from one in the
/// same second, never overwrite each other on a stick.
fn file_name(machine: &str, to: Option<&str>, bundle: &str, now: i64) -> String {
    let (date, time) = trolyso_core::domain::date::local_time(now);
    let time: String = time.chars().filter(char::is_ascii_digit).collect();
    let seconds = now.rem_euclid(60_000) / 1000;
    let short: String = machine.chars().take(8).collect();
    let to: String = to
        .map(|t| format!("-cho-{}", t.chars().take(8).collect::<String>()))
        .unwrap_or_default();
    let own: String = bundle.chars().take(4).collect();
    format!(
        "goi-{short}{to}-{:04}-{:02}-{:02}-{time}{seconds:02}-{own}.{EXTENSION}",
        date.year, date.month, date.day
    )
}

/// Writes the whole file, then its name: a stick pulled out mid-write
/// leaves a `.tmp` file, never a half bundle under a bundle's name.
fn write_durably(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)
}

/// Removes the half-written bundles (`goi-….tmp`) an export cut off (a
/// stick pulled out, the PC off) left in `folder`.
fn remove_leftovers(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with("goi-")
            && name.ends_with(".tmp")
            && let Err(e) = std::fs::remove_file(&path)
        {
            tracing::warn!("could not remove a half-written bundle {name}: {e}");
        }
    }
}

/// Makes a bundle of the cases written since `since` for the joined office,
/// in folder `to` (or as file `to`). None when there is nothing to send.
pub fn export(store: &Store, since: Since, to: &Path, helper: &str) -> Result<Option<Written>, Message> {
    store.may_leave().map_err(|e| e.message())?;
    let keys = store.office_keys().map_err(|e| e.message())?;
    let office = keys
        .joined
        .clone()
        .ok_or_else(|| StoreError::NotJoined.message())?;
    let recipient = Recipient {
        public: office,
        machine: keys.joined_machine().map(str::to_owned),
        enrolled: None,
    };
    export_to(store, &recipient, since, to, helper)
}

/// Whom a bundle is for: the public key it is encrypted to, and the
/// machine's id when known (for the file's name).
struct Recipient {
    public: String,
    machine: Option<String>,
    /// A machine this one enrolled, as people know it (else the office
    /// this one joined).
    enrolled: Option<String>,
}

/// Every bundle this machine sends, into the folder `to`: for the office it
/// joined (its own work and what it took), and for each machine it enrolled
/// and did not revoke (every machine's work it holds and that machine has
/// not had from here). Those with nothing new are not written.
pub fn export_all(store: &Store, since: Since, to: &Path, helper: &str) -> Result<Vec<Written>, Message> {
    store.may_leave().map_err(|e| e.message())?;
    let keys = store.office_keys().map_err(|e| e.message())?;
    let machines: Vec<Recipient> = keys
        .machines()
        .filter(|(_, m)| m.revoked_ms.is_none() && !m.public.is_empty())
        .map(|(id, m)| Recipient {
            public: m.public.clone(),
            machine: Some(id.clone()),
            enrolled: Some(sender_named(store, id)),
        })
        .collect();
    if keys.joined.is_none() && machines.is_empty() {
        return Err(StoreError::NotJoined.message());
    }
    let mut written = Vec::new();
    if keys.joined.is_some() {
        written.extend(export(store, since, to, helper)?);
    }
    for recipient in &machines {
        written.extend(export_to(store, recipient, since, to, helper)?);
    }
    Ok(written)
}

fn export_to(
    store: &Store,
    recipient: &Recipient,
    since: Since,
    to: &Path,
    helper: &str,
) -> Result<Option<Written>, Message> {
    // A folder (the stick), or a file named as a bundle; anything else is
    // most likely a stick not plugged in, not a file to make. Said before
    // any work.
    let into_folder = to.is_dir();
    if !into_folder && to.extension().is_none_or(|e| e != EXTENSION) {
        return Err(Message::new("bundle.no_folder").arg("path", to.display()));
    }
    let out = store
        .outgoing_to(&recipient.public, since)
        .map_err(|e| e.message())?;
    if out.entries.is_empty() {
        return Ok(None);
    }
    let keys = store.office_keys().map_err(|e| e.message())?;
    let id_bytes: [u8; 8] = crypto::random_bytes().map_err(|e| StoreError::from(e).message())?;
    let bundle = trolyso_core::text::letter_code(&id_bytes);
    let now = now_ms();
    let bytes = file::write(&out, &keys, &bundle, now).map_err(|e| {
        tracing::warn!("bundle not written: {e}");
        Message::new("bundle.office_key_bad")
    })?;
    if into_folder {
        remove_leftovers(to);
    }
    let path = if into_folder {
        to.join(file_name(
            &out.machine,
            recipient.machine.as_deref(),
            &bundle,
            now,
        ))
    } else {
        to.to_owned()
    };
    write_durably(&path, &bytes).map_err(|e| StoreError::io_at(&path)(e).message())?;
    let cases = out.entries.len();
    store
        .sent_bundle(&out.office, out.mark, &bundle, cases, helper)
        .map_err(|e| e.message())?;
    Ok(Some(Written {
        path,
        cases,
        to: recipient.enrolled.as_ref().and(recipient.machine.clone()),
        to_named: recipient.enrolled.clone(),
    }))
}

/// What a bundle brought (or would bring, on a dry run).
#[derive(Debug, Clone)]
pub struct Received {
    pub header: file::Header,
    /// Its sender as people know it: the helper and commune it was enrolled
    /// with (or the office), the machine's code second.
    pub from: String,
    pub imported: Imported,
    /// The first entry numbers (from 1) that could not be read: damaged or
    /// forged; `damaged_count` counts them all.
    pub damaged: Vec<usize>,
    pub damaged_count: usize,
    /// Entries the header promised that the file no longer has.
    pub missing: usize,
    /// The file had more lines than its header announced (not read).
    pub extra: bool,
    /// Lines that repeated an earlier one (taken once).
    pub duplicates: usize,
    /// Each case it brings that is new or changes here: whose, which
    /// procedure; those needing a person first, then updated, then new.
    pub cases: Vec<Arrival>,
}

/// How a case a bundle brings lands here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Landing {
    Conflict,
    Updated,
    New,
}

/// A case a bundle brings, as a helper tells it apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    pub landing: Landing,
    pub procedure: String,
    /// The resident's name as the bundle has it.
    pub name: Option<String>,
}

impl Arrival {
    /// One line: how it lands, whose case, which procedure.
    pub fn message(&self, catalogue: &Catalogue) -> Message {
        use trolyso_core::i18n::Lang;
        let key = match self.landing {
            Landing::Conflict => "bundle.case_conflict",
            Landing::Updated => "bundle.case_updated",
            Landing::New => "bundle.case_new",
        };
        Message::new(key)
            .arg("name", self.name.as_deref().unwrap_or("—"))
            .localized(
                "procedure",
                &catalogue.title(&self.procedure, Lang::Vi),
                &catalogue.title(&self.procedure, Lang::En),
            )
    }
}

/// The cases of `entries` that `imported` says are new or changed.
fn arrivals(
    entries: &[crate::store::merge::Entry],
    imported: &Imported,
    catalogue: &Catalogue,
) -> Vec<Arrival> {
    let roles = roles_of(catalogue);
    let set = |ids: &[crate::store::Id]| ids.iter().copied().collect::<std::collections::BTreeSet<_>>();
    let (conflicts, updated, new) = (
        set(&imported.conflicts),
        set(&imported.updated),
        set(&imported.new),
    );
    let landing = |id| {
        if conflicts.contains(id) {
            Some(Landing::Conflict)
        } else if updated.contains(id) {
            Some(Landing::Updated)
        } else if new.contains(id) {
            Some(Landing::New)
        } else {
            None
        }
    };
    let mut out: Vec<Arrival> = entries
        .iter()
        .filter_map(|e| {
            let name = roles(&e.procedure_id).resident.name.and_then(|field| {
                let kept = e.fields.get(&crate::store::merge::answer_field(&field))?;
                kept.first()?.value.clone()
            });
            Some(Arrival {
                landing: landing(&e.case)?,
                procedure: e.procedure_id.clone(),
                name,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.landing, &a.name).cmp(&(b.landing, &b.name)));
    out
}

/// Which answers of each procedure are the resident's and which a case is
/// found by: what the merge needs to ask a person and to index a case.
pub fn roles_of(catalogue: &Catalogue) -> impl Fn(&str) -> FieldRoles + '_ {
    move |procedure| catalogue.get(procedure).map(Procedure::roles).unwrap_or_default()
}

/// Reads the bundle at `path` and merges it (or, on a dry run, says what
/// merging would do).
pub fn import(
    store: &Store,
    path: &Path,
    catalogue: &Catalogue,
    mode: ImportMode,
) -> Result<Received, Message> {
    import_watched(store, path, catalogue, mode, &Progress::default())
}

/// [`import`], telling `progress` how far it has come: step 1 of 2 reads,
/// verifies and decrypts the file, step 2 merges case after case.
pub fn import_watched(
    store: &Store,
    path: &Path,
    catalogue: &Catalogue,
    mode: ImportMode,
    progress: &Progress,
) -> Result<Received, Message> {
    let read = read(store, path, progress)?;
    merge_read(store, &read, catalogue, mode, progress)
}

/// A bundle file read, verified and decrypted, not merged yet: what a
/// preview made, kept so the import that follows does not read it again.
pub struct Read {
    path: PathBuf,
    /// The file's length and time when it was read: a file changed since
    /// is read again.
    stamp: Option<(u64, std::time::SystemTime)>,
    opened: file::Opened,
}

fn stamp_of(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

impl Read {
    /// Whether this is the file at `path` as it is now.
    pub fn is_of(&self, path: &Path) -> bool {
        self.path == path && self.stamp.is_some() && self.stamp == stamp_of(path)
    }
}

/// Step 1 of an import: the file read as a stream, its sender trusted,
/// its entries verified and decrypted. A refused sender is in the audit
/// log.
pub fn read(store: &Store, path: &Path, progress: &Progress) -> Result<Read, Message> {
    progress.begin(1, 2, 0);
    if store.is_training() {
        return Err(StoreError::RealDataStaysOut.message());
    }
    let stamp = stamp_of(path);
    let reader = std::fs::File::open(path).map_err(|e| StoreError::io_at(path)(e).message())?;
    let reader = std::io::BufReader::with_capacity(256 * 1024, reader);
    let keys = store.office_keys().map_err(|e| e.message())?;
    let own = store.machine_id().map_err(|e| e.message())?;
    let opened = match file::open(reader, &keys, &own, progress) {
        Ok(opened) => opened,
        Err(u) => {
            if let file::Unreadable::Refused {
                machine,
                bundle,
                trust,
            } = &u
            {
                store
                    .refused_bundle(machine, bundle, *trust)
                    .map_err(|e| e.message())?;
            }
            return Err(unreadable(&u, path));
        }
    };
    // Nothing could be read of what the header promised: said as a failure
    // (a script must not take it for an import).
    if opened.entries.is_empty() && opened.header.entries > 0 {
        return Err(Message::new("bundle.nothing_readable")
            .arg("path", path.display())
            .arg("n", opened.header.entries));
    }
    Ok(Read {
        path: path.to_owned(),
        stamp,
        opened,
    })
}

/// The machine `id` as people know it here: the helper and commune it was
/// enrolled with, or the office this machine joined; its code second.
fn sender_named(store: &Store, id: &str) -> String {
    let code: String = id.chars().take(8).collect();
    let place = |c: Option<u32>| c.and_then(|c| trolyso_core::domain::units::Units::embedded().place(c));
    let Ok(keys) = store.office_keys() else {
        return code;
    };
    if let Some((_, m)) = keys.machines().find(|(m, _)| *m == id) {
        return match place(m.commune) {
            Some(p) => format!("{} · {p} · {code}", m.helper),
            None => format!("{} · {code}", m.helper),
        };
    }
    match (keys.joined_machine() == Some(id), place(keys.joined_commune())) {
        (true, Some(p)) => format!("{p} · {code}"),
        _ => code,
    }
}

/// Step 2 of an import: a file read by [`read`] merged case after case (or,
/// in [`ImportMode::Preview`], what merging would do).
pub fn merge_read(
    store: &Store,
    read: &Read,
    catalogue: &Catalogue,
    mode: ImportMode,
    progress: &Progress,
) -> Result<Received, Message> {
    let opened = &read.opened;
    let header = &opened.header;
    let damaged = opened.damaged_count + opened.missing;
    progress.begin(2, 2, opened.entries.len() as u64);
    let imported = store
        .import_entries(
            &opened.entries,
            &roles_of(catalogue),
            &BundleFrom {
                machine: &header.machine,
                bundle: &header.id,
                damaged,
            },
            mode,
            progress,
        )
        .map_err(|e| e.message())?;
    if mode == ImportMode::Write {
        store
            .took_bundle(&header.machine, imported.new.len() + imported.updated.len())
            .map_err(|e| e.message())?;
    }
    Ok(Received {
        cases: arrivals(&opened.entries, &imported, catalogue),
        from: sender_named(store, &header.machine),
        header: header.clone(),
        imported,
        damaged: opened.damaged.clone(),
        damaged_count: opened.damaged_count,
        missing: opened.missing,
        extra: opened.extra,
        duplicates: opened.duplicates,
    })
}

/// What an import did, in one line, said after the details: new, updated,
/// to choose.
pub fn taken(r: &Received) -> Message {
    Message::new("bundle.taken")
        .arg("new", r.imported.new.len())
        .arg("updated", r.imported.updated.len())
        .arg("conflicts", r.imported.conflicts.len())
}

/// What a bundle brought, in words, line by line.
pub fn summary(r: &Received) -> Vec<Message> {
    let i = &r.imported;
    let (date, time) = trolyso_core::domain::date::local_time(r.header.made_ms);
    let mut lines = vec![
        Message::new("bundle.head")
            .arg("bundle", &r.header.id)
            .arg("machine", &r.from)
            .arg("made", format!("{time} {date}")),
    ];
    if i.new.is_empty()
        && i.updated.is_empty()
        && r.damaged_count == 0
        && r.missing == 0
        && !r.extra
        && i.stopped == 0
        && i.deleted == 0
    {
        lines.push(Message::new("bundle.again"));
        return lines;
    }
    lines.push(
        Message::new("bundle.counts")
            .arg("new", i.new.len())
            .arg("updated", i.updated.len())
            .arg("edits", i.edits)
            .arg("unchanged", i.unchanged),
    );
    if !i.conflicts.is_empty() {
        lines.push(Message::new("bundle.conflicts").arg("n", i.conflicts.len()));
    }
    if i.flagged > 0 {
        lines.push(Message::new("bundle.flagged").arg("n", i.flagged));
    }
    if r.damaged_count > 0 {
        let mut list: Vec<String> = r.damaged.iter().map(usize::to_string).collect();
        if r.damaged_count > r.damaged.len() {
            list.push("…".to_owned());
        }
        lines.push(
            Message::new("bundle.damaged")
                .arg("n", r.damaged_count)
                .arg("list", list.join(", ")),
        );
    }
    if r.missing > 0 {
        lines.push(Message::new("bundle.missing").arg("n", r.missing));
    }
    if r.extra {
        lines.push(Message::new("bundle.extra").arg("n", r.header.entries));
    }
    if r.duplicates > 0 {
        lines.push(Message::new("bundle.duplicates").arg("n", r.duplicates));
    }
    if i.deleted > 0 {
        lines.push(Message::new("bundle.deleted_here").arg("n", i.deleted));
    }
    if i.stopped > 0 {
        lines.push(Message::new("bundle.stopped").arg("n", i.stopped));
    }
    lines
}

/// Why a bundle cannot be read, in words.
fn unreadable(u: &file::Unreadable, path: &Path) -> Message {
    use file::Unreadable as U;
    match u {
        U::NotABundle => Message::new("bundle.not_a_bundle").arg("path", path.display()),
        U::DamagedHeader => Message::new("bundle.damaged_header").arg("path", path.display()),
        U::Training => Message::new("bundle.training"),
        U::Stopped => Message::new("bundle.stopped_reading"),
        U::OtherOffice { .. } => Message::new("bundle.other_office"),
        U::Refused { machine, trust, .. } => {
            let key = match trust {
                crate::store::Trust::Stranger | crate::store::Trust::Enrolled => "bundle.refused_stranger",
                crate::store::Trust::Revoked => "bundle.refused_revoked",
                crate::store::Trust::OwnId => "bundle.refused_own_id",
                crate::store::Trust::OtherKey => "bundle.refused_other_key",
            };
            // A claimed id is shown as far as a person reads one.
            Message::new(key).arg("machine", machine.chars().take(16).collect::<String>())
        }
    }
}

pub use enrol::{
    Joined, KeyFile, Kind, Request, describe, enrol, join, key_file_text, kind_of, pairing_code, place,
    read_key_file, read_request, request_message, take, take_enrolment,
};
