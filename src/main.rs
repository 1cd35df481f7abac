use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use trolyso::assets::AssetSource;
use trolyso::cli::{Cli, Command, init_logging, run_check, run_store_command};
use trolyso::i18n::{Lang, tr};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang();
    let code = match &cli.command {
        Some(Command::Check { dir }) => {
            let source = dir.clone().map_or_else(|| cli.asset_source(), AssetSource::Dir);
            run_check(&source, lang, &mut std::io::stdout().lock()).unwrap_or(1)
        }
        Some(command) => store_command(&cli, command, lang),
        None => {
            // The guided assistant (issue 4) is not built yet; say so plainly.
            eprintln!("{}", tr(lang, "cli.app_not_ready"));
            0
        }
    };
    ExitCode::from(code as u8)
}

fn store_command(cli: &Cli, command: &Command, lang: Lang) -> i32 {
    let Some(dir) = cli.data_dir() else {
        eprintln!("{}", tr(lang, "cli.no_data_dir"));
        return 1;
    };
    let _log = init_logging(&dir);
    match run_store_command(command, &dir, lang, &mut std::io::stdout().lock()) {
        Ok(()) => 0,
        Err(f) => {
            let _ = writeln!(std::io::stderr(), "{}", f.message.render(lang));
            i32::from(f.code)
        }
    }
}
