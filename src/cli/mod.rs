//! Command-line arguments and the commands that print rather than draw.

mod check;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::assets::AssetSource;
use crate::i18n::Lang;

pub use check::run_check;

#[derive(Debug, Parser)]
#[command(
    name = "trolyso",
    version,
    about = "Trợ lý số — hướng dẫn người dân làm tài khoản VNeID và thủ tục trực tuyến"
)]
pub struct Cli {
    /// Ngôn ngữ: vi (mặc định) hoặc en / Language: vi (default) or en
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,

    /// Thư mục tài nguyên thay cho bản có sẵn (có thư mục procedures/ bên trong)
    /// / An assets folder to use instead of the built-in one
    #[arg(long, global = true, value_name = "DIR")]
    pub assets: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kiểm tra các tệp thủ tục / Check procedure files
    Check {
        /// Thư mục cần kiểm tra (mặc định: bản có sẵn) / Folder to check (default: built-in)
        dir: Option<PathBuf>,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("'{s}': dùng vi hoặc en / use vi or en"))
}

impl Cli {
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_default()
    }

    pub fn asset_source(&self) -> AssetSource {
        self.assets
            .clone()
            .map_or(AssetSource::Embedded, AssetSource::Dir)
    }
}
