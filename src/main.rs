use std::process::ExitCode;

use trolyso::app::App;
use trolyso::assets::AssetSource;
use trolyso::cli::{
    CatalogueCommand, Cli, Command, Failure, StoreCommand, TrainCommand, imported_catalogue, init_logging,
    load_training, read_beside_first_screen, run_bundle, run_catalogue_import, run_check, run_office,
    run_report, run_results, run_store_command,
};
use trolyso::domain::Date;
use trolyso::domain::procedure::load_all;
use trolyso::i18n::{Lang, Message, tr};
use trolyso::shell::Runtime;
use trolyso::store::{KdfParams, is_set_up};

fn main() -> ExitCode {
    trolyso::store::paths::private_from_the_start();
    let cli = match trolyso::cli::args::read() {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code as u8),
    };
    let lang = cli.lang();
    let code = match &cli.command {
        Some(Command::Check { dir }) => {
            let source = dir.clone().map_or_else(|| cli.asset_source(), AssetSource::Dir);
            run_check(&source, lang, &mut std::io::stdout().lock()).unwrap_or(1)
        }
        Some(Command::Catalogue {
            command: CatalogueCommand::Import { file },
        }) => match cli.data_dir() {
            Some(dir) => run_catalogue_import(file, &dir, lang, &mut std::io::stdout().lock()),
            None => {
                eprintln!("{}", tr(lang, "cli.no_data_dir"));
                1
            }
        },
        Some(Command::Train {
            command: Some(TrainCommand::Results { format, out }),
            ..
        }) => training_results(&cli, *format, out.as_ref(), lang),
        Some(Command::Train { present, .. }) => run_training(&cli, present.as_deref(), lang),
        Some(Command::DebugKeys) => {
            // The words go to stderr, the trace alone to stdout (redirect it
            // to a file to send).
            eprintln!("{}", Message::new("cli.debug_keys").render(lang));
            match trolyso::shell::keys::debug_keys(&mut std::io::stdout().lock()) {
                Ok(()) => 0,
                Err(_) => said(Message::new("ui.terminal_error"), lang, 1),
            }
        }
        Some(Command::Report(args)) => on_data_folder(&cli, lang, true, |dir, stdout| {
            let catalogue = catalogue(&cli, dir)?;
            run_report(args, dir, &catalogue, lang, stdout)
        }),
        Some(Command::Office { command }) => on_data_folder(&cli, lang, true, |dir, stdout| {
            run_office(command, dir, lang, stdout)
        }),
        Some(Command::Bundle { command }) => on_data_folder(&cli, lang, true, |dir, stdout| {
            let catalogue = catalogue(&cli, dir)?;
            run_bundle(command, dir, &catalogue, lang, stdout)
        }),
        Some(Command::Store(command)) => store_command(&cli, command, lang),
        None => run_app(&cli, lang),
    };
    ExitCode::from(code as u8)
}

fn store_command(cli: &Cli, command: &StoreCommand, lang: Lang) -> i32 {
    // A restore writes into a folder that must be empty; a log there would
    // be left behind by a refused one.
    let log = !matches!(command, StoreCommand::Restore { .. });
    on_data_folder(cli, lang, log, |dir, stdout| {
        run_store_command(command, dir, lang, stdout)
    })
}

/// A command on the office's data folder: the folder, a log in it (with
/// `log`), the watchdog; then `run`, what it prints to stdout, its failure
/// said on stderr with its exit code.
fn on_data_folder(
    cli: &Cli,
    lang: Lang,
    log: bool,
    run: impl FnOnce(&std::path::Path, &mut std::io::StdoutLock) -> Result<(), Failure>,
) -> i32 {
    let Some(dir) = cli.data_dir() else {
        return said(Message::new("cli.no_data_dir"), lang, 1);
    };
    let _log = match log.then(|| init_logging(&dir)) {
        Some(Err(off)) => {
            said(off, lang, 0);
            None
        }
        Some(Ok(guard)) => guard,
        None => None,
    };
    arm_watchdog(&dir, lang, false);
    match run(&dir, &mut std::io::stdout().lock()) {
        Ok(()) => 0,
        Err(f) => said(f.message, lang, i32::from(f.code)),
    }
}

/// When store work stops moving, a copy of the data is read to tell damage
/// from work that was only stuck; either is said in words and the app
/// ends, the terminal given back first if the app was drawing on it.
fn arm_watchdog(dir: &std::path::Path, lang: Lang, in_terminal: bool) {
    use trolyso::store::{StallVerdict, confirm_stall, watch};
    let dir = dir.to_owned();
    let stall = watch::stall_time();
    watch::arm(stall, move |stopped| {
        if in_terminal {
            trolyso::shell::restore_terminal();
        }
        let _ = said(Message::new("store.stall_checking"), lang, 3);
        let verdict = confirm_stall(&dir, stall);
        tracing::error!("stalled in '{}': {verdict:?}", stopped.section);
        let message = match verdict {
            StallVerdict::Damaged(_) => Message::new("store.stalled"),
            StallVerdict::Sound => {
                Message::new("store.stopped_waiting").arg("seconds", stopped.waited.as_secs())
            }
        };
        std::process::exit(said(message.arg("dir", dir.display()), lang, 3));
    });
}

/// The procedures and the national list imported into `dir`; the words
/// to say when the assets folder cannot be read.
fn catalogue(cli: &Cli, dir: &std::path::Path) -> Result<trolyso::domain::procedure::Catalogue, Message> {
    let mut catalogue = procedures(cli)?;
    catalogue.set_entries(trolyso::domain::catalogue::with_shipped(
        imported_catalogue(dir).as_deref(),
    ));
    Ok(catalogue)
}

/// The guided procedure files, without the national list; the words to say
/// when the assets folder cannot be read.
fn procedures(cli: &Cli) -> Result<trolyso::domain::procedure::Catalogue, Message> {
    let files = cli.asset_source().procedure_files().map_err(|e| e.message())?;
    let catalogue = load_all(&files);
    for p in &catalogue.problems {
        tracing::warn!("{}", p.render(Lang::Vi));
    }
    Ok(catalogue)
}

/// The first screen's word on files left out (a procedure or a scenario
/// with a problem), if any: how many files, and the first problem.
fn skipped_notice(problems: &[trolyso::domain::procedure::LoadProblem]) -> Option<trolyso::app::Notice> {
    let first = problems.first()?;
    let files: std::collections::BTreeSet<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    Some(trolyso::app::Notice {
        message: Message::new("ui.skipped_files")
            .arg("count", files.len())
            .localized("first", &first.render(Lang::Vi), &first.render(Lang::En)),
        failed: true,
    })
}

/// Says a message on stderr and gives the exit code.
fn said(message: Message, lang: Lang, code: i32) -> i32 {
    use std::io::Write;
    // A closed stderr (a script that shut it) must not turn the failure
    // into a panic: the exit code still tells.
    let _ = writeln!(std::io::stderr(), "{}", message.render(lang));
    code
}

/// `trolyso train`: the app on the training folder, its own scenarios,
/// no passphrase; `--present` opens a scenario's captions.
fn run_training(cli: &Cli, present: Option<&str>, lang: Lang) -> i32 {
    let Some(dir) = cli.training_dir() else {
        return said(Message::new("cli.no_data_dir"), lang, 1);
    };
    let _log = match take_folder(&dir, lang) {
        Ok(log) => log,
        Err(code) => return code,
    };
    let catalogue = match catalogue(cli, &dir) {
        Ok(c) => c,
        Err(m) => return said(m, lang, 1),
    };
    let (scenarios, mut problems) = load_training(&cli.asset_source(), &catalogue);
    for p in &problems {
        tracing::warn!("{}", p.render(Lang::Vi));
    }
    let mut skipped = catalogue.problems.clone();
    skipped.append(&mut problems);
    if scenarios.is_empty() {
        return said(Message::new("train.none"), lang, 1);
    }
    let present = match present {
        None => None,
        Some(which) => {
            let by_number = which.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
            match scenarios
                .iter()
                .position(|s| s.id == which)
                .or(by_number.filter(|n| *n < scenarios.len()))
            {
                Some(i) => Some(i),
                None => return said(Message::new("train.no_scenario").arg("which", which), lang, 1),
            }
        }
    };
    let kdf = KdfParams::default();
    let store = match trolyso::store::watch::busy(|| trolyso::store::Store::open_training(&dir, kdf)) {
        Ok(s) => s,
        Err(e) => return said(e.message(), lang, 1),
    };
    let mut settings = store.settings().unwrap_or_default();
    // A session at a classroom PC is a new trainee's: the last one's name
    // is not theirs (issue 30, item 11).
    settings.helper.clear();
    let lang = cli.lang.or(settings.lang).unwrap_or(lang);
    let mut app = App::training(catalogue, lang, scenarios, settings, Date::today(), present);
    app.lang_fixed = cli.lang.is_some();
    app.notice = skipped_notice(&skipped).or_else(|| log_notice(&_log));
    if let Some(t) = app.training.as_mut()
        && let Ok((results, _)) = trolyso::shell::results::read(&dir)
    {
        t.best = trolyso::shell::results::best_of(&results, &app.settings.helper);
    }
    let mut runtime = Runtime::new(dir, kdf);
    runtime.store = Some(std::sync::Arc::new(store));
    match trolyso::shell::run(&mut app, &mut runtime, &cli.looks()) {
        Ok(()) => 0,
        Err(e) => {
            tracing::error!("terminal error: {e}");
            said(Message::new("ui.terminal_error"), lang, 1)
        }
    }
}

/// `trolyso train results`: what the trainees on this PC scored.
fn training_results(
    cli: &Cli,
    format: trolyso::cli::ResultsFormat,
    out: Option<&std::path::PathBuf>,
    lang: Lang,
) -> i32 {
    let Some(dir) = cli.training_dir() else {
        return said(Message::new("cli.no_data_dir"), lang, 1);
    };
    // Without the procedures the results still come, titled by id.
    let scenarios = match catalogue(cli, &dir) {
        Ok(c) => load_training(&cli.asset_source(), &c).0,
        Err(m) => {
            eprintln!("{}", m.render(lang));
            Vec::new()
        }
    };
    match run_results(&dir, format, out, &scenarios, lang, &mut std::io::stdout().lock()) {
        Ok(()) => 0,
        Err(m) => said(m, lang, 1),
    }
}

/// Makes the data folder ready for the app in the terminal: created, not
/// in use by another copy (said before anything is asked: a passphrase
/// typed into a second copy would only be turned away after it), logging
/// to it, watched. The exit code, with the words said, when it cannot be.
/// The folder taken for the app: its log (or the words that it has none,
/// for the first screen), the watchdog armed; an exit code if it cannot be.
fn take_folder(dir: &std::path::Path, lang: Lang) -> Result<TakenLog, i32> {
    if let Err(e) = trolyso::store::paths::create_private_dir(dir) {
        return Err(said(trolyso::store::StoreError::io_at(dir)(e).message(), lang, 1));
    }
    if trolyso::store::paths::in_use(dir) {
        return Err(said(
            trolyso::store::StoreError::InUse { dir: dir.to_owned() }.message(),
            lang,
            2,
        ));
    }
    let log = init_logging(dir);
    arm_watchdog(dir, lang, true);
    Ok(log)
}

/// The app's log: kept, or off with the words to show.
type TakenLog = Result<Option<tracing_appender::non_blocking::WorkerGuard>, Message>;

/// The first screen's word that the log is off, if it is.
fn log_notice(log: &TakenLog) -> Option<trolyso::app::Notice> {
    log.as_ref().err().map(|m| trolyso::app::Notice {
        message: m.clone(),
        failed: true,
    })
}

/// The guided assistant in the terminal.
fn run_app(cli: &Cli, lang: Lang) -> i32 {
    let Some(dir) = cli.data_dir() else {
        eprintln!("{}", tr(lang, "cli.no_data_dir"));
        return 1;
    };
    let _log = match take_folder(&dir, lang) {
        Ok(log) => log,
        Err(code) => return code,
    };
    trolyso::shell::slips::remove_old(&dir, std::time::SystemTime::now());
    // The guided files now; the national list beside the first screen.
    let catalogue = match procedures(cli) {
        Ok(c) => c,
        Err(m) => return said(m, lang, 1),
    };
    // The office's language, chosen in Settings, from the first screen on
    // (unless --lang says otherwise).
    let lang = match cli.lang {
        Some(_) => lang,
        None => trolyso::shell::remembered_lang(&dir).unwrap_or(lang),
    };
    let mut app = App::new(catalogue, lang, is_set_up(&dir), Date::today());
    if !is_set_up(&dir) {
        app.offer_restore(trolyso::shell::backups_found(&dir));
    }
    // Files skipped from `--assets` are said on the first screen, not only
    // logged: the helper would otherwise miss a procedure without knowing.
    app.notice = skipped_notice(&app.catalogue.problems).or_else(|| log_notice(&_log));
    app.lang_fixed = cli.lang.is_some();
    // The national list and Home's training scenarios are read beside the
    // first screen, not before it.
    let (entries, lessons) = read_beside_first_screen(
        cli.asset_source(),
        app.catalogue.clone(),
        imported_catalogue(&dir),
    );
    let mut runtime = Runtime::new(dir, KdfParams::default());
    runtime.lessons = trolyso::shell::Lessons::Loading(lessons);
    runtime.entries = Some(entries);
    runtime.background = true;
    match trolyso::shell::run(&mut app, &mut runtime, &cli.looks()) {
        Ok(()) => 0,
        Err(e) => {
            tracing::error!("terminal error: {e}");
            eprintln!("{}", Message::new("ui.terminal_error").render(lang));
            1
        }
    }
}
