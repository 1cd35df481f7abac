//! The files the app ships with, compiled in so `cargo run --release` works on
//! a fresh machine. A province can point `--assets DIR` at a folder of its own
//! to add or replace procedures without a new build.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../assets");

/// A compiled-in text file by its path under `assets/`.
pub fn embedded_text(path: &str) -> Option<&'static str> {
    EMBEDDED.get_file(path).and_then(|f| f.contents_utf8())
}

/// One procedure file, from the binary or from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in messages: `procedures/x.toml` or a path on disk.
    pub name: String,
    pub text: String,
}

/// Where procedure files come from.
#[derive(Debug, Clone, Default)]
pub enum AssetSource {
    #[default]
    Embedded,
    Dir(PathBuf),
}

#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    #[error("{path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
}

impl AssetError {
    /// What to tell the helper: the folder and what the system's error
    /// means, in their words.
    pub fn message(&self) -> crate::i18n::Message {
        match self {
            AssetError::Read { path, source } => crate::i18n::Message::new("load.read")
                .arg("path", path.display())
                .word("detail", crate::i18n::io_problem(source)),
        }
    }
}

impl AssetSource {
    /// The procedure files, sorted by name. A folder given on the command line
    /// may be the assets folder (with `procedures/` inside) or the procedures
    /// folder itself.
    pub fn procedure_files(&self) -> Result<Vec<SourceFile>, AssetError> {
        self.files_in("procedures")
    }

    /// Whether this source has training scenarios of its own: the built-in
    /// assets do; a folder does when it has `training/` inside.
    pub fn has_training(&self) -> bool {
        match self {
            AssetSource::Embedded => true,
            AssetSource::Dir(dir) => dir.join("training").is_dir(),
        }
    }

    /// The training scenarios (`training/`), sorted by name. A folder given
    /// on the command line without a `training/` inside has none of its own:
    /// the built-in ones are used.
    pub fn training_files(&self) -> Result<Vec<SourceFile>, AssetError> {
        match self {
            AssetSource::Dir(dir) if dir.join("training").is_dir() => self.files_in("training"),
            _ => AssetSource::Embedded.files_in("training"),
        }
    }

    fn files_in(&self, folder: &str) -> Result<Vec<SourceFile>, AssetError> {
        let mut files = match self {
            AssetSource::Embedded => EMBEDDED
                .get_dir(folder)
                .map(|d| {
                    d.files()
                        .filter(|f| is_toml(f.path()))
                        .map(|f| SourceFile {
                            name: f.path().display().to_string(),
                            text: f.contents_utf8().unwrap_or_default().to_owned(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            AssetSource::Dir(dir) => {
                let inner = dir.join(folder);
                let dir = if inner.is_dir() { inner } else { dir.clone() };
                read_toml_dir(&dir)?
            }
        };
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(files)
    }
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

fn read_toml_dir(dir: &Path) -> Result<Vec<SourceFile>, AssetError> {
    let read_err = |source| AssetError::Read {
        path: dir.to_owned(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let path = entry.map_err(read_err)?.path();
        if !is_toml(&path) {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|source| AssetError::Read {
            path: path.clone(),
            source,
        })?;
        // A file that is not UTF-8 is still loaded so the checker can say
        // where it breaks, instead of the whole folder failing.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        files.push(SourceFile {
            name: path.display().to_string(),
            text,
        });
    }
    Ok(files)
}
