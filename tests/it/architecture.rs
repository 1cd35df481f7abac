//! The shape ARCHITECTURE.md describes, held by a test where the compiler
//! cannot: each crate depends only on the layers below it; inside the tui
//! crate, `app` is plain data (no drawing, no disk, no store handle) and
//! `ui` only reads; and no source file grows past what a reader takes in.

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

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A layer of the tui crate.
fn tui(layer: &str) -> PathBuf {
    root().join("crates/tui/src").join(layer)
}

/// Lines of the files under `dir` that name any of `forbidden`.
fn naming(dir: &Path, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in sources(dir) {
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

/// The layers from the bottom: each crate may depend on those before it.
const LAYERS: [&str; 4] = ["core", "store", "report", "tui"];

#[test]
fn each_crate_depends_only_on_the_layers_below() {
    for (at, layer) in LAYERS.iter().enumerate() {
        let manifest = std::fs::read_to_string(root().join("crates").join(layer).join("Cargo.toml")).unwrap();
        for (other_at, other) in LAYERS.iter().enumerate() {
            let named = manifest.contains(&format!("trolyso-{other}"));
            if other_at >= at && other != layer {
                assert!(
                    !named,
                    "trolyso-{layer} depends on trolyso-{other}, a layer above it"
                );
            }
        }
        // And the code names no crate above it either (a path in a doc
        // comment is no dependency, so comments are left out).
        let above: Vec<String> = LAYERS[at + 1..].iter().map(|l| format!("trolyso_{l}")).collect();
        let above: Vec<&str> = above.iter().map(String::as_str).collect();
        let found = naming(&root().join("crates").join(layer).join("src"), &above);
        assert!(found.is_empty(), "{found:#?}");
    }
}

#[test]
fn the_app_layer_draws_nothing_and_touches_no_disk() {
    let found = naming(
        &tui("app"),
        &[
            "crate::ui",
            "crate::shell",
            "std::fs",
            "store::Store",
            "sled::",
            "File::",
            // What the report's figures are is plain data; building and
            // writing them is the shell's.
            "report::build",
            "report::format",
            "report::push",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_ui_layer_only_reads() {
    let found = naming(
        &tui("ui"),
        &[
            "crate::shell",
            "std::fs",
            "store::Store",
            "sled::",
            "Effect",
            // A card's fields and kept values come through the app's view
            // of them, not the merge's own workings.
            "store::clock",
            "store::merge",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn no_source_file_is_too_long_to_read_at_once() {
    let mut long: Vec<String> = ["src", "crates", "tests", "benches", "examples"]
        .iter()
        .flat_map(|d| sources(&root().join(d)))
        .filter_map(|p| {
            let lines = std::fs::read_to_string(&p).unwrap().lines().count();
            (lines > 600).then(|| format!("{}: {lines} lines", p.display()))
        })
        .collect();
    long.sort();
    assert!(long.is_empty(), "{long:#?}");
}
