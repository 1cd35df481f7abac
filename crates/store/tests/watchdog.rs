//! The watchdog, alone in its process (its state is the process's): slow
//! plain file work such as a large backup's fsync is no stall, busy store
//! work that stops moving is.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use trolyso_store::store::watch;

#[test]
fn slow_file_work_is_not_a_stall_but_stuck_work_is() {
    let fired = Arc::new(AtomicBool::new(false));
    let flag = fired.clone();
    watch::arm(Duration::from_millis(400), move |_| {
        flag.store(true, Ordering::SeqCst)
    });
    // A disk taking its time over an fsync, inside store work.
    watch::busy(|| watch::unwatched(|| std::thread::sleep(Duration::from_millis(1500))));
    assert!(!fired.load(Ordering::SeqCst), "a slow fsync was taken for damage");
    // Store work that does not move: the watchdog fires.
    watch::busy(|| std::thread::sleep(Duration::from_millis(1500)));
    assert!(fired.load(Ordering::SeqCst), "stuck work went unseen");
}
