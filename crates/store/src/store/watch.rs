//! A watchdog for store work that stops moving.
//!
//! sled 0.34 can spin forever on a damaged page (its iterator retries the
//! same read), where no error ever comes back to us. Work that touches the
//! store runs inside [`busy`]; loops over records call [`progress`]. If work
//! is busy and nothing has moved for the stall time, the hook given to
//! [`arm`] runs with the [`Stall`] (which section stopped, for the log): it
//! has the verdict confirmed on a copy of the data ([`super::confirm_stall`])
//! and ends the process — the only way out of a thread that will not return.
//!
//! Work that is slow but moving (the one-time preparation of a large folder,
//! a backup on an old disk) calls [`progress`] as it goes and is never stuck.

use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::time::Duration;

/// How long busy work may go without progress before it counts as stuck.
/// One record, or one chunk of the first preparation, takes far less.
pub const STALL: Duration = Duration::from_secs(20);

/// Sets the stall time (seconds), for tests that must not wait [`STALL`].
pub const STALL_ENV: &str = "TROLYSO_STALL_SECS";

/// Pieces of work in progress, on any thread.
static DEPTH: AtomicUsize = AtomicUsize::new(0);
/// When busy work last moved (ms since the epoch).
static MOVED: AtomicI64 = AtomicI64::new(0);
static ARMED: Mutex<bool> = Mutex::new(false);
/// The section of store work under way, for the log when it stops moving.
static SECTION: Mutex<&'static str> = Mutex::new("store work");

/// What the watchdog saw stop: where, and for how long it waited.
#[derive(Debug, Clone, Copy)]
pub struct Stall {
    pub section: &'static str,
    pub waited: Duration,
}

/// Runs `work` as busy under a name the log gives if it stops moving.
pub fn section<T>(name: &'static str, work: impl FnOnce() -> T) -> T {
    struct Back(&'static str);
    impl Drop for Back {
        fn drop(&mut self) {
            if let Ok(mut s) = SECTION.lock() {
                *s = self.0;
            }
        }
    }
    let before = SECTION
        .lock()
        .map_or("store work", |mut s| std::mem::replace(&mut *s, name));
    let _back = Back(before);
    busy(work)
}

fn current_section() -> &'static str {
    SECTION.lock().map_or("store work", |s| *s)
}

/// Runs `work` as busy: the watchdog watches it until it returns.
pub fn busy<T>(work: impl FnOnce() -> T) -> T {
    struct Done;
    impl Drop for Done {
        fn drop(&mut self) {
            DEPTH.fetch_sub(1, Ordering::SeqCst);
        }
    }
    progress();
    DEPTH.fetch_add(1, Ordering::SeqCst);
    let _done = Done;
    work()
}

/// Runs `io` — plain file work the system will finish, such as the fsync
/// of a large backup on a slow or busy disk, which can take longer than the
/// stall time — outside the watch: it cannot spin on a damaged page, and a
/// slow disk is not damaged data. Only from inside [`busy`].
pub fn unwatched<T>(io: impl FnOnce() -> T) -> T {
    struct Back(bool);
    impl Drop for Back {
        fn drop(&mut self) {
            if self.0 {
                progress();
                DEPTH.fetch_add(1, Ordering::SeqCst);
            }
        }
    }
    let out = DEPTH.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |d| d.checked_sub(1));
    let _back = Back(out.is_ok());
    io()
}

/// Busy work has moved on (a record read, a chunk copied).
pub fn progress() {
    MOVED.store(super::now_ms(), Ordering::Relaxed);
}

/// The stall time: [`STALL_ENV`] if set to a whole number of seconds.
pub fn stall_time() -> Duration {
    std::env::var(STALL_ENV)
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(STALL, Duration::from_secs)
}

/// Starts the watchdog (once per process); `on_stall` runs on its thread
/// when busy work has not moved for `stall`, and should end the process.
pub fn arm(stall: Duration, on_stall: impl Fn(Stall) + Send + 'static) {
    let Ok(mut armed) = ARMED.lock() else { return };
    if *armed {
        return;
    }
    *armed = true;
    let spawned = std::thread::Builder::new()
        .name("watchdog".into())
        .spawn(move || {
            let tick = (stall / 4).clamp(Duration::from_millis(50), Duration::from_secs(1));
            loop {
                std::thread::sleep(tick);
                if is_stuck(stall, super::now_ms()) {
                    let section = current_section();
                    tracing::error!(
                        "store work has not moved for {stall:?} in '{section}': checking the data"
                    );
                    on_stall(Stall {
                        section,
                        waited: stall,
                    });
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("could not start the watchdog: {e}");
    }
}

fn is_stuck(stall: Duration, now_ms: i64) -> bool {
    DEPTH.load(Ordering::SeqCst) > 0
        && now_ms.saturating_sub(MOVED.load(Ordering::Relaxed)) > stall.as_millis() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_busy_work_that_stopped_moving_is_stuck() {
        // Idle: never stuck, however long ago anything moved.
        let later = super::super::now_ms() + 60_000;
        if DEPTH.load(Ordering::SeqCst) == 0 {
            assert!(!is_stuck(Duration::from_secs(1), later));
        }
        busy(|| {
            progress();
            let now = super::super::now_ms();
            assert!(!is_stuck(Duration::from_secs(5), now));
            assert!(is_stuck(Duration::from_secs(5), now + 6_000));
        });
    }
}
