use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;

/// Logs go to `logs/` in the data folder, never to the terminal: the screen
/// belongs to the helper. Nothing personal is ever logged.
pub fn init_logging(data_dir: &Path) -> Option<WorkerGuard> {
    let dir = data_dir.join("logs");
    crate::store::paths::create_private_dir(&dir).ok()?;
    let appender = tracing_appender::rolling::daily(dir, "trolyso.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(false)
        .try_init()
        .ok()?;
    Some(guard)
}
