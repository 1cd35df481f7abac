use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};

use crate::i18n::{Message, io_problem};

/// Logs go to `logs/` in the data folder, never to the terminal: the screen
/// belongs to the helper. Nothing personal is ever logged. A log that cannot
/// be kept (a read-only disk, `logs/` not writable) is no reason to stop:
/// the work goes on without it, and the words returned say so once.
pub fn init_logging(data_dir: &Path) -> Result<Option<WorkerGuard>, Message> {
    let dir = data_dir.join("logs");
    let off = |e: &std::io::Error| {
        Message::new("cli.log_off")
            .arg("dir", dir.display())
            .word("detail", io_problem(e))
    };
    crate::store::paths::create_private_dir(&dir).map_err(|e| off(&e))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("trolyso.log")
        .build(&dir)
        .map_err(|e| {
            let source = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<std::io::Error>());
            off(source.unwrap_or(&std::io::Error::other(e.to_string())))
        })?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let taken = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(false)
        .try_init();
    // Already set (a second data folder in one run): its log goes on.
    Ok(taken.ok().map(|()| guard))
}
