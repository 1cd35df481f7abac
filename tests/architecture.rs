//! The shape ARCHITECTURE.md describes, held by a test: `app` is plain data
//! (no drawing, no disk, no store handle), `ui` only reads, and no source
//! file grows past what a reader takes in at once.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out
}

fn src(layer: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(layer)
}

/// Lines of the files under `layer` that name any of `forbidden`.
fn naming(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in sources(&src(layer)) {
        let code = std::fs::read_to_string(&path).unwrap();
        for (n, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for f in forbidden {
                if line.contains(f) {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn the_app_layer_draws_nothing_and_touches_no_disk() {
    let found = naming(
        "app",
        &[
            "crate::ui",
            "crate::shell",
            "std::fs",
            "store::Store",
            "sled::",
            "File::",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_ui_layer_only_reads() {
    let found = naming(
        "ui",
        &["crate::shell", "std::fs", "store::Store", "sled::", "Effect"],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn no_source_file_is_too_long_to_read_at_once() {
    let mut long: Vec<String> = sources(&src(""))
        .into_iter()
        .filter_map(|p| {
            let lines = std::fs::read_to_string(&p).unwrap().lines().count();
            (lines > 600).then(|| format!("{}: {lines} lines", p.display()))
        })
        .collect();
    long.sort();
    assert!(long.is_empty(), "{long:#?}");
}
