//! Where a USB stick shows up: the folders offered for a bundle, so a
//! helper chooses one instead of typing a path.

use std::path::PathBuf;

/// Removable drives and the usual mount folders that exist now, then the
/// user's Desktop and Downloads.
pub fn usb_folders() -> Vec<PathBuf> {
    let mut found = removable();
    if let Some(dirs) = directories::UserDirs::new() {
        found.extend(dirs.desktop_dir().map(PathBuf::from));
        found.extend(dirs.download_dir().map(PathBuf::from));
    }
    found.retain(|p| p.is_dir());
    found.dedup();
    found
}

/// Drive letters after C: (a stick is D:, E:, …).
#[cfg(windows)]
fn removable() -> Vec<PathBuf> {
    (b'D'..=b'Z')
        .map(|l| PathBuf::from(format!("{}:\\", char::from(l))))
        .filter(|p| p.is_dir())
        .collect()
}

/// What is mounted under /media/<user>, /run/media/<user>, /media, /mnt.
#[cfg(not(windows))]
fn removable() -> Vec<PathBuf> {
    let user = std::env::var("USER").unwrap_or_default();
    let roots = [
        PathBuf::from("/media").join(&user),
        PathBuf::from("/run/media").join(&user),
        PathBuf::from("/media"),
        PathBuf::from("/mnt"),
    ];
    let mut found = Vec::new();
    for root in roots {
        let Ok(entries) = std::fs::read_dir(&root) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir() && *p != PathBuf::from("/media").join(&user))
            .collect();
        dirs.sort();
        found.extend(dirs);
    }
    found
}

/// The bundles in `dir`, newest name last.
pub fn bundles_in(dir: &std::path::Path) -> Vec<PathBuf> {
    named_in(dir, |p| p.extension().is_some_and(|e| e == super::EXTENSION))
}

/// The bundles in `dir` (kind `None`), then its files of enrolment (office
/// key files, machines' requests, offices' enrolments: see
/// [`super::kind_of`]), each with its kind.
pub fn bundles_and_keys_in(dir: &std::path::Path) -> Vec<(PathBuf, Option<super::Kind>)> {
    let bundles = bundles_in(dir).into_iter().map(|p| (p, None));
    let others = named_in(dir, |p| super::kind_of(p).is_some())
        .into_iter()
        .map(|p| {
            let kind = super::kind_of(&p);
            (p, kind)
        });
    bundles.chain(others).collect()
}

/// The files in `dir` that `keep` keeps, sorted by name.
fn named_in(dir: &std::path::Path, keep: impl Fn(&std::path::Path) -> bool) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| keep(p)).collect())
        .unwrap_or_default();
    found.sort();
    found
}
