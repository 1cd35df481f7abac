//! Tools for developers and benchmarks, hidden from helpers: realistic made-up
//! residents and cases, deterministic for a seed.

pub mod seed;
