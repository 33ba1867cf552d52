//! Files the app keeps for the user in their config directory: for now the list of recently
//! opened articles. Writes are atomic (temporary file in the same folder, flushed, renamed), so
//! a crash never leaves a half-written file behind.

pub mod codebook;
mod duplicates;
pub mod lock;
pub mod session;
pub mod settings;

use serde::{Deserialize, Serialize};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The largest list of recent files read, in bytes.
const RECENT_FILE_LIMIT: u64 = 16 * 1024 * 1024;

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 12;

/// The per-user config directory (`~/.config/briefing` on Linux, honouring an absolute
/// `XDG_CONFIG_HOME`), or `None` when the system has no home directory.
pub fn default_config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "briefing").map(|p| p.config_dir().to_path_buf())
}

/// Why a RON file could not be read, in the user's words rather than the parser's: the
/// parser's own text names its options, Rust types and its file format's internals.
pub fn plain_reason(error: &ron::Error) -> String {
    use ron::Error as E;
    match error {
        E::ExceededRecursionLimit => {
            "the file nests brackets too deeply to be a Briefing file (it may be damaged, or not a session)".to_owned()
        }
        E::Eof => "the file ends too early (it may have been cut off)".to_owned(),
        E::TrailingCharacters => "there is more text after the end of the session".to_owned(),
        E::UnexpectedChar(c) => format!("the character {c:?} does not belong here"),
        E::Utf8Error(_) => "the text is not valid UTF-8".to_owned(),
        E::ExpectedComma => "a comma is missing".to_owned(),
        E::ExpectedMapColon => "a colon is missing".to_owned(),
        E::ExpectedArrayEnd => "a list is not closed with “]”".to_owned(),
        E::ExpectedMapEnd => "a map is not closed with “}”".to_owned(),
        E::ExpectedOptionEnd | E::ExpectedStructLikeEnd => {
            "a group is not closed with “)”".to_owned()
        }
        E::ExpectedStringEnd => "a text in quotes is not closed".to_owned(),
        E::UnclosedBlockComment | E::UnclosedLineComment => "a comment is not closed".to_owned(),
        E::IntegerOutOfBounds => {
            "a number is out of range (too large, or below zero where only 0 and up are allowed)"
                .to_owned()
        }
        E::InvalidEscape(_) => "a backslash escape in a text is not valid".to_owned(),
        E::ExpectedAttribute
        | E::ExpectedAttributeEnd
        | E::NoSuchExtension(_)
        | E::ExpectedRawValue
        | E::SuggestRawIdentifier(_)
        | E::Fmt => "the file uses a form Briefing does not write or read".to_owned(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "a group in round brackets “( … )” was expected here".to_owned()
        }
        E::ExpectedDifferentStructName { .. } | E::ExpectedStructName(_) => {
            "the name before this group is not the one expected here".to_owned()
        }
        E::MissingStructField { field, .. } => format!("the field “{field}” is missing"),
        E::DuplicateStructField { field, .. } => format!("the field “{field}” is written twice"),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "“{found}” is not one of the values allowed here ({})",
            expected.join(", ")
        ),
        other => {
            // The rest already read plainly ("Expected string", "Expected integer but found
            // …"); the parser's back-quotes go.
            let text = other.to_string().replace('`', "");
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_lowercase().chain(chars).collect()
            })
        }
    }
}

/// A small RON file of the config folder (`what` names it in messages, `limit` bytes at most):
/// a missing file gives the defaults, a broken one is named with its line and column.
pub fn read_small_ron<T: serde::de::DeserializeOwned + Default>(
    path: &Path,
    limit: u64,
    what: &str,
) -> Result<T, StorageError> {
    let text = match crate::load::read_bounded(path, limit, &mut |_, _| {}) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(crate::load::ReadError::Missing) => return Ok(T::default()),
        Err(e) => {
            return Err(StorageError::Read {
                reason: e.reason(what, limit),
                path: path.to_path_buf(),
            });
        }
    };
    ron::from_str(&text).map_err(|e| StorageError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        reason: plain_reason(&e.code),
    })
}

/// A storage problem, in words for the user.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{path}: could not be written ({reason})")]
    Write { path: PathBuf, reason: String },
    #[error("{path}:{line}:{column}: {reason}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("{path}: could not be read ({reason})")]
    Read { path: PathBuf, reason: String },
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory is written,
/// flushed to disk and renamed over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let err = |e: &dyn std::fmt::Display| StorageError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| err(&e))?;
    // The file keeps its mode; a new one gets what the umask gives any new file (a temporary
    // file alone would be readable by its owner only).
    let kept = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| err(&e))?;
    if let Some(mode) = kept {
        tmp.as_file().set_permissions(mode).map_err(|e| err(&e))?;
    }
    tmp.write_all(bytes).map_err(|e| err(&e))?;
    tmp.as_file().sync_all().map_err(|e| err(&e))?;
    tmp.persist(path).map_err(|e| err(&e.error))?;
    Ok(())
}

/// How the temporary files of an atomic write begin; only a killed write leaves one behind.
pub const TEMP_PREFIX: &str = ".briefing-";

/// Removes what killed writes left in `dir`: our temporary files older than `age` (a write
/// under way in another copy of the program is younger). Returns how many were removed.
pub fn remove_leftovers(dir: &Path, age: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with(TEMP_PREFIX)
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("tmp"));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|elapsed| elapsed >= age);
        if ours && old && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The recently opened articles, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Recent {
    pub files: Vec<PathBuf>,
    /// Recently opened or saved session files, newest first.
    pub sessions: Vec<PathBuf>,
    /// The folders articles were opened from, newest first: an article a session lists
    /// outside all of them is shown with its full path before it is read.
    pub folders: Vec<PathBuf>,
}

/// How many article folders are remembered.
pub const FOLDER_LIMIT: usize = 500;

/// `path` made absolute without touching the disk beyond the working folder; `None` when it
/// climbs with `..` (where it leads cannot be told from its text).
fn plain_absolute(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let climbs = absolute
        .components()
        .any(|c| c == std::path::Component::ParentDir);
    (!climbs).then_some(absolute)
}

impl Recent {
    fn path(config_dir: &Path) -> PathBuf {
        config_dir.join("recent.ron")
    }

    /// Reads the list; a missing file is an empty list.
    pub fn load(config_dir: &Path) -> Result<Self, StorageError> {
        read_small_ron(
            &Self::path(config_dir),
            RECENT_FILE_LIMIT,
            "list of recent files",
        )
    }

    /// Writes the list atomically.
    pub fn save(&self, config_dir: &Path) -> Result<(), StorageError> {
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap_or_default();
        write_atomic(&Self::path(config_dir), text.as_bytes())
    }

    /// Puts `path` first, dropping older duplicates and the oldest beyond the limit.
    pub fn push(&mut self, path: &Path) {
        push_front(&mut self.files, path);
        if let Some(folder) = plain_absolute(path).as_deref().and_then(Path::parent) {
            self.folders.retain(|f| f != folder);
            self.folders.insert(0, folder.to_path_buf());
            self.folders.truncate(FOLDER_LIMIT);
        }
    }

    /// Whether `path` lies inside a folder articles were opened from, or inside `also` (the
    /// session's own folder).
    pub fn is_familiar(&self, path: &Path, also: Option<&Path>) -> bool {
        let Some(path) = plain_absolute(path) else {
            return false;
        };
        let also = also.and_then(plain_absolute);
        self.folders
            .iter()
            .chain(also.as_ref())
            .any(|folder| path.starts_with(folder))
    }

    /// Whether an article a session names may be read without the analyst asking: the bundled
    /// sample, or a file inside a folder articles were opened from or the session file's own
    /// folder. The window holds the others back and lists them; the command line leaves them
    /// unread unless given `--allow-outside`. A session can name any file (`/etc/shadow`): this
    /// keeps such a file from being read and quoted into an export.
    pub fn may_read(&self, article: &Path, session_file: Option<&Path>) -> bool {
        article == Path::new(crate::document::SAMPLE_PATH)
            || self.is_familiar(article, session_file.and_then(Path::parent))
    }

    /// Same for a session file.
    pub fn push_session(&mut self, path: &Path) {
        push_front(&mut self.sessions, path);
    }
}

fn push_front(list: &mut Vec<PathBuf>, path: &Path) {
    list.retain(|p| p != path);
    list.insert(0, path.to_path_buf());
    list.truncate(RECENT_LIMIT);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_round_trip_newest_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(
            Recent::load(dir.path()).expect("missing is empty"),
            Recent::default()
        );
        let mut recent = Recent::default();
        for i in 0..20 {
            recent.push(Path::new(&format!("/a/{i}.txt")));
        }
        recent.push(Path::new("/a/5.txt"));
        assert_eq!(recent.files.len(), RECENT_LIMIT);
        assert_eq!(recent.files[0], Path::new("/a/5.txt"));
        recent.save(dir.path()).expect("save");
        assert_eq!(Recent::load(dir.path()).expect("load"), recent);
        std::fs::write(dir.path().join("recent.ron"), "(files: [").expect("write");
        let err = Recent::load(dir.path()).expect_err("corrupt");
        assert!(err.to_string().contains("recent.ron:1:"), "{err}");
    }

    /// Saves used to leave every session and export readable by its owner only (0600).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_written_file_keeps_its_mode_and_a_new_one_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt as _;
        let status = std::fs::read_to_string("/proc/self/status").expect("status");
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
            .expect("Linux says the umask");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        let mode = |p: &Path| std::fs::metadata(p).expect("stat").permissions().mode() & 0o777;
        write_atomic(&path, b"()").expect("write");
        assert_eq!(mode(&path), 0o666 & !umask);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&path, b"(version: 1)").expect("write again");
        assert_eq!(mode(&path), 0o640);
        assert_eq!(std::fs::read(&path).expect("read"), b"(version: 1)");
    }

    #[test]
    fn an_article_is_familiar_only_inside_a_folder_articles_came_from() {
        let mut recent = Recent::default();
        recent.push(Path::new("/home/ana/news/today/a.txt"));
        assert!(recent.is_familiar(Path::new("/home/ana/news/today/b.txt"), None));
        assert!(recent.is_familiar(Path::new("/home/ana/news/today/deeper/c.txt"), None));
        assert!(!recent.is_familiar(Path::new("/home/ana/news/other.txt"), None));
        assert!(!recent.is_familiar(Path::new("/etc/passwd"), None));
        // Climbing out with `..` is never familiar.
        assert!(!recent.is_familiar(
            Path::new("/home/ana/news/today/../../../../etc/passwd"),
            None
        ));
        // The session's own folder counts.
        assert!(recent.is_familiar(
            Path::new("/srv/shared/x.txt"),
            Some(Path::new("/srv/shared"))
        ));
        // Remembered across runs.
        let dir = tempfile::tempdir().expect("tempdir");
        recent.save(dir.path()).expect("save");
        assert_eq!(
            Recent::load(dir.path()).expect("load").folders,
            recent.folders
        );
    }
}
