use std::process::ExitCode;

use clap::Parser;
use trolyso::cli::{Cli, Command, run_check};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(Command::Check { dir }) => {
            let source = dir
                .clone()
                .map_or_else(|| cli.asset_source(), trolyso::assets::AssetSource::Dir);
            run_check(&source, cli.lang(), &mut std::io::stdout().lock()).unwrap_or(1)
        }
        None => 0,
    };
    ExitCode::from(code as u8)
}
