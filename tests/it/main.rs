//! Every integration test of the app in one binary (one link, not one per
//! file): a module per area. `watchdog` and `store_process` stay binaries of
//! their own: the watchdog's state is the process's, and the crash test runs
//! alone under Wine.

mod common;
mod fixture;
mod pty;

mod app_flow;
mod app_looks;
mod app_visit;
mod architecture;
mod bundle;
mod bundle_cli;
mod bundle_screens;
mod bundle_sync;
mod bundle_trust;
mod catalogue_import;
mod cli_check;
mod cli_store;
mod content;
mod content_review;
mod e2e_pty;
mod failures;
mod faults;
mod key_traces;
mod procedures_flow;
mod report;
#[cfg(feature = "push")]
mod report_push;
mod residents;
mod screens;
mod screens_report;
mod screens_sizes;
mod store_damage;
mod training;
mod visit_second;
