use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use trolyso::app::App;
use trolyso::assets::AssetSource;
use trolyso::cli::{
    CatalogueCommand, Cli, Command, imported_catalogue, init_logging, run_catalogue_import, run_check,
    run_store_command,
};
use trolyso::domain::Date;
use trolyso::domain::procedure::load_all;
use trolyso::i18n::{Lang, Message, tr};
use trolyso::shell::Runtime;
use trolyso::store::{KdfParams, is_set_up};

fn main() -> ExitCode {
    trolyso::store::paths::private_from_the_start();
    let cli = Cli::parse();
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
        Some(command) => store_command(&cli, command, lang),
        None => run_app(&cli, lang),
    };
    ExitCode::from(code as u8)
}

fn store_command(cli: &Cli, command: &Command, lang: Lang) -> i32 {
    let Some(dir) = cli.data_dir() else {
        eprintln!("{}", tr(lang, "cli.no_data_dir"));
        return 1;
    };
    // A restore writes into a folder that must be empty; a log there would
    // be left behind by a refused one.
    let _log = (!matches!(command, Command::Restore { .. })).then(|| init_logging(&dir));
    arm_watchdog(&dir, lang, false);
    match run_store_command(command, &dir, lang, &mut std::io::stdout().lock()) {
        Ok(()) => 0,
        Err(f) => {
            let _ = writeln!(std::io::stderr(), "{}", f.message.render(lang));
            i32::from(f.code)
        }
    }
}

/// When store work stops moving, the data is damaged: say so in words and
/// end, the terminal given back first if the app was drawing on it.
fn arm_watchdog(dir: &std::path::Path, lang: Lang, in_terminal: bool) {
    use trolyso::store::watch;
    let message = Message::new("store.stalled")
        .arg("dir", dir.display())
        .render(lang);
    watch::arm(watch::stall_time(), move || {
        if in_terminal {
            trolyso::shell::restore_terminal();
        }
        eprintln!("{message}");
        std::process::exit(3);
    });
}

/// The guided assistant in the terminal.
fn run_app(cli: &Cli, lang: Lang) -> i32 {
    let Some(dir) = cli.data_dir() else {
        eprintln!("{}", tr(lang, "cli.no_data_dir"));
        return 1;
    };
    if let Err(e) = trolyso::store::paths::create_private_dir(&dir) {
        eprintln!(
            "{}",
            Message::new("store.io")
                .arg("dir", dir.display())
                .word("detail", trolyso::store::io_problem(&e))
                .render(lang)
        );
        return 1;
    }
    // Said before anything is asked: a passphrase typed into a second copy
    // would only be turned away after it.
    if trolyso::store::paths::in_use(&dir) {
        let in_use = trolyso::store::StoreError::InUse { dir: dir.clone() };
        eprintln!("{}", in_use.message().render(lang));
        return 2;
    }
    let _log = init_logging(&dir);
    arm_watchdog(&dir, lang, true);
    trolyso::shell::slips::remove_old(&dir, std::time::SystemTime::now());
    let files = match cli.asset_source().procedure_files() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{}", e.message().render(lang));
            return 1;
        }
    };
    let mut catalogue = load_all(&files);
    catalogue.set_entries(trolyso::domain::catalogue::with_shipped(
        imported_catalogue(&dir).as_deref(),
    ));
    for p in &catalogue.problems {
        tracing::warn!("{}", p.render(Lang::Vi));
    }
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
    if let Some(first) = app.catalogue.problems.first() {
        let files: std::collections::BTreeSet<&str> =
            app.catalogue.problems.iter().map(|p| p.file.as_str()).collect();
        app.notice = Some(trolyso::app::Notice {
            message: Message::new("ui.skipped_files")
                .arg("count", files.len())
                .localized("first", &first.render(Lang::Vi), &first.render(Lang::En)),
            failed: true,
        });
    }
    app.lang_fixed = cli.lang.is_some();
    let mut runtime = Runtime::new(dir, KdfParams::default());
    match trolyso::shell::run(&mut app, &mut runtime, &cli.looks()) {
        Ok(()) => 0,
        Err(e) => {
            tracing::error!("terminal error: {e}");
            eprintln!("{}", Message::new("ui.terminal_error").render(lang));
            1
        }
    }
}
