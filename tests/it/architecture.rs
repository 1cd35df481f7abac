//! The shape ARCHITECTURE.md describes, held by a test where the compiler
//! cannot: each crate depends only on the layers it may use; inside the tui
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

/// Each crate and the crates of ours it may name, from the bottom. The
/// screens (tui: app and ui) know the report only as figures (core's
/// `domain::report`): counting, formatting and pushing are the shell's.
const LAYERS: [(&str, &[&str]); 5] = [
    ("core", &[]),
    ("store", &["core"]),
    ("report", &["core", "store"]),
    ("tui", &["core", "store"]),
    ("shell", &["core", "store", "report", "tui"]),
];

#[test]
fn each_crate_depends_only_on_the_layers_it_may_use() {
    for (layer, may) in LAYERS {
        let manifest = std::fs::read_to_string(root().join("crates").join(layer).join("Cargo.toml")).unwrap();
        let others = LAYERS
            .iter()
            .map(|(l, _)| *l)
            .filter(|l| *l != layer && !may.contains(l));
        for other in others {
            assert!(
                !manifest.contains(&format!("trolyso-{other}")),
                "trolyso-{layer} depends on trolyso-{other}, which it may not use"
            );
            // And the code names it nowhere either (a path in a doc
            // comment is no dependency, so comments are left out).
            let found = naming(
                &root().join("crates").join(layer).join("src"),
                &[&format!("trolyso_{other}")],
            );
            assert!(found.is_empty(), "{found:#?}");
        }
    }
}

#[test]
fn the_app_layer_draws_nothing_and_touches_no_disk() {
    let found = naming(
        &tui("app"),
        &["crate::ui", "std::fs", "store::Store", "sled::", "File::"],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_ui_layer_only_reads() {
    let found = naming(
        &tui("ui"),
        &[
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
