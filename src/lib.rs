//! trolyso — trợ lý số: a terminal assistant that walks residents, step by
//! step, through VNeID and online public services.

pub mod app;
pub mod assets;
pub mod bundle;
pub mod cli;
pub mod dev;
pub mod domain;
pub mod i18n;
pub mod report;
pub mod shell;
pub mod store;
pub mod text;
pub mod ui;
