//! Command-line arguments and the commands that print rather than draw.

pub mod args;
mod bundle_cmd;
mod catalogue_cmd;
mod check;
mod logging;
mod report_cmd;
mod secret;
mod store_cmds;
mod train;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::assets::AssetSource;
use crate::i18n::Lang;

pub use bundle_cmd::{run_bundle, run_office};
pub use catalogue_cmd::{imported_catalogue, run_catalogue_import};
pub use check::run_check;
pub use logging::init_logging;
pub use report_cmd::run_report;
pub use store_cmds::{CasesFormat, Failure, run_store_command};
pub use train::{ResultsFormat, load_training, read_beside_first_screen, run_results, training_dir};

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

    /// Thư mục dữ liệu (mặc định: thư mục dữ liệu của người dùng; hoặc biến TROLYSO_DATA_DIR)
    /// / The data folder (default: the user's data directory, or TROLYSO_DATA_DIR)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Khung bằng ký tự ASCII cho cửa sổ dòng lệnh cũ / ASCII borders for old terminals
    #[arg(long, global = true)]
    pub ascii: bool,

    /// Màu: normal hoặc contrast (tương phản cao); mặc định theo Cài đặt
    /// / Colours: normal or contrast (high contrast); default from Settings
    #[arg(long, global = true, value_enum)]
    pub theme: Option<ThemeArg>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ThemeArg {
    Normal,
    Contrast,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kiểm tra các tệp thủ tục / Check procedure files
    Check {
        /// Thư mục cần kiểm tra (mặc định: bản có sẵn) / Folder to check (default: built-in)
        dir: Option<PathBuf>,
    },
    #[command(flatten)]
    Store(StoreCommand),
    /// Danh mục thủ tục toàn quốc / The national procedure catalogue
    Catalogue {
        #[command(subcommand)]
        command: CatalogueCommand,
    },
    /// Luyện tập với người dân giả định, trong thư mục riêng (không đụng dữ liệu thật)
    /// / Practise with made-up residents, in a folder of its own (never the real data)
    Train {
        /// Trình chiếu lời dẫn của một kịch bản (mã hoặc số thứ tự) cho người dạy
        /// / Show a scenario's captions (id or number) for the trainer
        #[arg(long, value_name = "SCENARIO")]
        present: Option<String>,
        #[command(subcommand)]
        command: Option<TrainCommand>,
    },
    /// Báo cáo của xã theo tháng hoặc khoảng ngày (bảng, CSV cho Excel, JSON, HTML để in)
    /// / The commune's report for a month or a range of days (table, CSV for Excel, JSON, printable HTML)
    Report(Box<ReportArgs>),
    /// Khóa văn phòng: máy thực địa gửi gói bằng khóa này / The office key field laptops send bundles with
    Office {
        #[command(subcommand)]
        command: OfficeCommand,
    },
    /// Gói hồ sơ mã hóa từ máy thực địa về văn phòng (USB) / Encrypted bundles of cases from a field laptop to the office (USB)
    Bundle {
        #[command(subcommand)]
        command: BundleCommand,
    },
    /// In ra từng phím nhận được (JSON, mỗi phím một dòng) để gửi cho tổ kỹ thuật khi bộ gõ
    /// gõ sai; Ctrl+C để dừng / Print each key event received as JSON lines, for a trace of
    /// what an input method sends; Ctrl+C stops
    #[command(hide = true)]
    DebugKeys,
}

/// The commands on the office's data folder itself (run by
/// [`run_store_command`]).
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Sao lưu toàn bộ dữ liệu vào một tệp đã mã hóa / Back up all data to one encrypted file
    Backup {
        /// Tệp sao lưu (mặc định: trong thư mục backups/) / The backup file (default: in backups/)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Khôi phục từ tệp sao lưu vào thư mục dữ liệu trống / Restore a backup into an empty data folder
    Restore {
        /// Tệp sao lưu / The backup file
        file: PathBuf,
    },
    /// Hồ sơ, cho các tập lệnh / Cases, for scripts
    Cases {
        #[command(subcommand)]
        command: CasesCommand,
    },
    /// Đổi mật khẩu văn phòng / Change the office passphrase
    Passphrase {
        /// Quên mật khẩu: dùng mã khôi phục (gõ khi được hỏi, hoặc biến
        /// TROLYSO_RECOVERY_CODE) / Forgotten: use the recovery code (typed
        /// when asked, or TROLYSO_RECOVERY_CODE)
        #[arg(long)]
        recovery: bool,
    },
    /// Cho người phát triển / For developers
    #[command(hide = true)]
    Dev {
        #[command(subcommand)]
        command: DevCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Tạo thư mục dữ liệu với hồ sơ giả để đo tốc độ (mật khẩu: TROLYSO_PASSPHRASE)
    /// / Fill a new data folder with made-up cases, for benchmarks
    Seed {
        /// Số hồ sơ / How many cases
        #[arg(long)]
        cases: usize,
        /// Cùng một số cho cùng dữ liệu / The same seed gives the same data
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Như thư mục của bản cũ: chưa có các chỉ mục làm một lần
        /// / As a folder from an older version: its one-time work not yet done
        #[arg(long)]
        older: bool,
        /// Khóa mật khẩu nhẹ, chỉ cho kiểm thử (không bao giờ là mặc định)
        /// / A light passphrase key, for test fixtures only (never the default)
        #[arg(long)]
        light_kdf: bool,
    },
    /// Work that never moves, to prove the watchdog ends it with words
    /// (tests only)
    #[command(hide = true)]
    Stall,
}

#[derive(Debug, Subcommand)]
pub enum OfficeCommand {
    /// Ghi khóa công khai của văn phòng ra tệp, để mang sang máy thực địa
    /// / Write the office's public key to a file, to carry to field laptops
    ExportKey {
        /// Tệp khóa để ghi (thường trên USB) / The key file to write (usually on a USB stick)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Nối máy này với văn phòng có tệp khóa này (ghi tệp yêu cầu bên cạnh), hoặc nhận tệp chấp nhận
    /// văn phòng gửi lại / Join this machine to the office whose key file this is (a request is written
    /// beside it), or take back the office's enrolment file
    Join {
        /// Tệp khóa văn phòng, hoặc tệp chấp nhận / The office's key file, or its enrolment file
        file: PathBuf,
    },
    /// Văn phòng: chấp nhận máy thực địa theo tệp yêu cầu của máy đó (so mã đối chiếu trước)
    /// / Office: enrol a field machine by its request file (compare the pairing code first)
    Enrol {
        /// Tệp yêu cầu (yeu-cau-….txt) / The request file (yeu-cau-….txt)
        file: PathBuf,
        /// Không hỏi lại (đã so mã đối chiếu) / Do not ask (the pairing code was compared)
        #[arg(long)]
        yes: bool,
    },
    /// Các máy văn phòng đã chấp nhận / The machines this office enrolled
    Machines,
    /// Thu hồi một máy: gói của máy đó bị từ chối từ nay / Revoke a machine: its bundles are refused from now on
    Revoke {
        /// Mã máy (hoặc 4 chữ đầu trở lên) / The machine id (or its first 4 letters or more)
        machine: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Ghi gói hồ sơ cho văn phòng / Write a bundle of cases for the office
    Export {
        /// Tệp gói, hoặc thư mục (ổ USB) để ghi vào / The bundle file, or a folder (USB drive) to write it in
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// last: từ gói trước (mặc định); all: tất cả; hoặc ngày dd/mm/yyyy
        /// / last: since the last bundle (default); all; or a day dd/mm/yyyy
        #[arg(long, value_name = "LAST", default_value = "last")]
        since: String,
    },
    /// Nhận gói từ máy thực địa / Import a bundle from a field laptop
    Import {
        /// Tệp gói / The bundle file
        file: PathBuf,
        /// Chỉ nói gói sẽ làm gì, không ghi / Only say what it would do, write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Kết quả luyện tập của máy này, cho người dạy tổng hợp
    /// / This PC's training results, for the trainer to collect
    Results {
        #[arg(long, value_enum, default_value = "csv")]
        format: ResultsFormat,
        /// Ghi vào tệp thay vì màn hình / Write to a file instead of the screen
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReportFormat,
    /// Ghi vào tệp thay vì màn hình / Write to a file instead of the screen
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<ReportCommand>,
}

/// Which days a report covers (default: this month).
#[derive(Debug, Clone, clap::Args)]
pub struct PeriodArgs {
    /// Tháng, dạng 12/2026 hoặc 2026-12 (mặc định: tháng này) / The month, 12/2026 or 2026-12 (default: this month)
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
    pub month: Option<String>,
    /// Từ ngày (dd/mm/yyyy), cùng với --to / From this day (dd/mm/yyyy), with --to
    #[arg(long, value_name = "dd/mm/yyyy", requires = "to")]
    pub from: Option<String>,
    /// Đến ngày (dd/mm/yyyy), tính cả ngày này / To this day (dd/mm/yyyy), included
    #[arg(long, value_name = "dd/mm/yyyy", requires = "from")]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    /// Cho Excel (UTF-8 có BOM) / For Excel (UTF-8 with BOM)
    Csv,
    Json,
    /// Một trang A4 để in / One printable A4 page
    Html,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Gửi số liệu ẩn danh lên máy chủ PostgreSQL của tỉnh (số dưới 5 được che)
    /// / Send anonymised counts to the province's PostgreSQL server (counts under 5 hidden)
    Push {
        #[command(flatten)]
        period: PeriodArgs,
        /// Địa chỉ máy chủ, ví dụ postgresql://xa@may-chu/baocao (hoặc biến TROLYSO_POSTGRES_URL)
        /// / The server, e.g. postgresql://commune@host/reports (or TROLYSO_POSTGRES_URL)
        #[arg(long, value_name = "URL")]
        postgres: Option<String>,
        /// Chứng chỉ CA của tỉnh (PEM) để tin thêm / The province's CA certificate (PEM) to trust too
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
        /// Chỉ in ra các dòng sẽ gửi, không gửi / Print the rows that would be sent; send nothing
        #[arg(long)]
        dry_run: bool,
        /// Ghi các dòng vào tệp CSV (cho psql \copy) thay vì gửi / Write the rows to a CSV file (for psql \copy) instead of sending
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Chờ máy chủ tối đa bấy nhiêu giây / Wait for the server at most this many seconds
        #[arg(long, value_name = "SECONDS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogueCommand {
    /// Nhập danh mục từ tệp CSV (ma,ten,muc_do,cap,linh_vuc) / Import a catalogue CSV
    Import {
        /// Tệp CSV / The CSV file
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum CasesCommand {
    /// Liệt kê hồ sơ, mới nhất trước / List cases, newest first
    List {
        /// Chỉ hồ sơ có trạng thái này / Only cases with this status
        /// (preparing, ready_to_file, filed, needs_more, done, paused, cancelled)
        #[arg(long)]
        status: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: CasesFormat,
        /// Số hồ sơ nhiều nhất / At most this many cases
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("'{s}': dùng vi hoặc en / use vi or en"))
}

impl Cli {
    /// How the app looks: `--theme` fixes the palette for this run, else
    /// the office's setting decides.
    pub fn looks(&self) -> crate::ui::Looks {
        let fixed = self.theme.map(|t| match t {
            ThemeArg::Contrast => crate::ui::Palette::HighContrast,
            ThemeArg::Normal => crate::ui::Palette::Color,
        });
        crate::ui::Looks::from_env(fixed, self.ascii)
    }

    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_default()
    }

    /// The training folder: `--data-dir` itself when given, else the one
    /// beside the real data folder.
    pub fn training_dir(&self) -> Option<PathBuf> {
        match &self.data_dir {
            Some(dir) => Some(dir.clone()),
            None => self.data_dir().map(|d| training_dir(&d)),
        }
    }

    /// The data folder this run uses, if one can be found.
    pub fn data_dir(&self) -> Option<PathBuf> {
        crate::store::paths::data_dir(self.data_dir.as_deref())
    }

    pub fn asset_source(&self) -> AssetSource {
        self.assets
            .clone()
            .map_or(AssetSource::Embedded, AssetSource::Dir)
    }
}
