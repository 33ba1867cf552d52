//! Sessions on disk: RON files in `<config>/sessions/NAME.ron`, saved atomically with the last
//! three versions kept as backups, an autosave beside each, and clear messages (file,
//! line:column, reason) for anything unreadable. A file that could not be read is never written
//! over.

use super::{StorageError, write_atomic};
use crate::model::session::{SESSION_VERSION, Session};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How many older versions of a session are kept (`NAME.ron.1` is the newest).
pub const BACKUPS: usize = 3;

/// The folder of named sessions.
pub fn sessions_dir(config_dir: &Path) -> PathBuf {
    config_dir.join("sessions")
}

/// Why a session name was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("a session name cannot be empty")]
    Empty,
    #[error("a session name cannot contain “/”, “\\\\” or control characters")]
    Separator,
    #[error("“{0}” is not allowed as a session name")]
    Reserved(String),
    #[error("a session name can have at most 100 characters")]
    TooLong,
}

/// Checks a session name typed by the user and returns it trimmed. No path separators, no
/// `..`, no names Windows reserves, nothing empty or hidden.
pub fn sanitise_name(name: &str) -> Result<String, NameError> {
    let name = name.trim();
    let name = name.strip_suffix(".ron").unwrap_or(name).trim();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > 100 {
        return Err(NameError::TooLong);
    }
    if name.chars().any(|c| {
        matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control()
    }) {
        return Err(NameError::Separator);
    }
    let upper = name.to_ascii_uppercase();
    let stem = upper.split('.').next().unwrap_or("");
    let reserved = matches!(stem, "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if name.starts_with('.') || name.ends_with('.') || reserved {
        return Err(NameError::Reserved(name.to_owned()));
    }
    Ok(name.to_owned())
}

/// The file of a named session.
pub fn session_path(config_dir: &Path, name: &str) -> Result<PathBuf, NameError> {
    Ok(sessions_dir(config_dir).join(format!("{}.ron", sanitise_name(name)?)))
}

/// Where a session named on the command line or typed by the analyst lives: a path as given
/// (it has a folder or ends in `.ron`), else a name in the config folder's sessions.
pub fn resolve(name_or_path: &str, config_dir: Option<&Path>) -> Result<PathBuf, ResolveError> {
    let as_path = PathBuf::from(name_or_path);
    let looks_like_path = as_path.components().count() > 1
        || as_path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if looks_like_path {
        return Ok(as_path);
    }
    let Some(dir) = config_dir else {
        return Err(ResolveError::NoConfigFolder);
    };
    session_path(dir, name_or_path).map_err(|source| ResolveError::BadName {
        name: name_or_path.to_owned(),
        source,
    })
}

/// Why a session given by name could not be found a file.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("there is no config folder to look for named sessions in; give a path instead")]
    NoConfigFolder,
    #[error("“{name}”: {source}")]
    BadName { name: String, source: NameError },
}

/// The autosave file that goes with a session file.
pub fn autosave_path(session: &Path) -> PathBuf {
    sibling(session, ".autosave")
}

/// Backup number `n` (1 is the newest) of a session file.
pub fn backup_path(session: &Path, n: usize) -> PathBuf {
    sibling(session, &format!(".{n}"))
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// Serialises a session as RON: pretty, in a stable order (the session keeps sorted maps).
pub fn to_ron(session: &Session) -> String {
    let config = ron::ser::PrettyConfig::default()
        .struct_names(false)
        .depth_limit(8)
        .indentor("  ".to_owned());
    // Plain data of strings, numbers and maps cannot fail to serialise.
    ron::ser::to_string_pretty(session, config).unwrap_or_default()
}

/// Parses a session, migrating older versions; a newer version is refused.
pub fn from_ron(path: &Path, text: &str) -> Result<Session, StorageError> {
    from_ron_noting(path, text).map(|(session, _)| session)
}

/// What reading a session noticed without failing, to be said to the analyst.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadNotes {
    /// Fields this version does not know, skipped (a file written by a newer Briefing, or
    /// edited by hand), by their place in the file (`actors.mood`).
    pub unknown: Vec<String>,
    /// Keys written twice (a cell annotated twice), and how their entries were combined.
    pub repeated: Vec<String>,
}

impl ReadNotes {
    /// Whether there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.unknown.is_empty() && self.repeated.is_empty()
    }

    /// What to tell the analyst about the file `name`, in one message.
    pub fn message(&self, name: &str) -> Option<String> {
        let mut parts = Vec::new();
        if !self.unknown.is_empty() {
            parts.push(format!(
                "{name} has fields this version of Briefing does not know; they were skipped, and saving will leave them out: {}.",
                self.unknown.join(", ")
            ));
        }
        if !self.repeated.is_empty() {
            parts.push(format!(
                "{name} has entries written twice (the file was edited by hand or merged): {}. Saving writes each once.",
                self.repeated.join("; ")
            ));
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// Like [`from_ron`], and also what was read without failing but must be said (see
/// [`ReadNotes`]).
pub fn from_ron_noting(path: &Path, text: &str) -> Result<(Session, ReadNotes), StorageError> {
    #[derive(serde::Deserialize)]
    struct Version {
        #[serde(default)]
        version: u32,
    }
    let parse_err = |e: ron::error::SpannedError| StorageError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        reason: super::plain_reason(&e.code),
    };
    let newer = |version: u32| StorageError::Parse {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        reason: format!(
            "this session was written by a newer Briefing (format {version}; this one reads up to {SESSION_VERSION})"
        ),
    };
    // The version is read first only when the file does not parse: a newer version may have
    // changed the shape of a field, and then its number is what to say.
    let (parsed, repeated) = crate::repeats::noting(|| ron::from_str::<Session>(text));
    let mut session = match parsed {
        Ok(session) if session.version > SESSION_VERSION => return Err(newer(session.version)),
        Ok(session) => session,
        Err(e) => {
            return Err(match ron::from_str::<Version>(text) {
                Ok(v) if v.version > SESSION_VERSION => newer(v.version),
                _ => parse_err(e),
            });
        }
    };
    migrate(&mut session);
    let notes = ReadNotes {
        unknown: unknown_fields(text),
        repeated,
    };
    Ok((session, notes))
}

/// The fields of the file's session (and of its actor and topic edits) that this version does
/// not know, as `field` or `actors.field`. The file is walked against the fields of an empty
/// session without being kept: a tree of values for a large file cost ten times its size.
fn unknown_fields(text: &str) -> Vec<String> {
    // Fields left out when empty are given a value, so that they are known too.
    let mut every_field = Session {
        coder: Some(String::new()),
        ..Session::default()
    };
    let nowhere = crate::model::session::Cell {
        actor: crate::model::ActorId(String::new()),
        topic: crate::model::TopicId(String::new()),
    };
    every_field.disputed.insert(nowhere.clone(), Vec::new());
    every_field.decided_by.insert(
        nowhere,
        crate::model::session::Coded {
            coder: String::new(),
            set_at: 0,
        },
    );
    let Ok(known) = ron::from_str::<ron::Value>(&to_ron(&every_field)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let seed = Fields {
        known: &known,
        prefix: String::new(),
        out: &mut out,
    };
    let Ok(mut de) = ron::Deserializer::from_str(text) else {
        return Vec::new();
    };
    if serde::de::DeserializeSeed::deserialize(seed, &mut de).is_err() {
        return Vec::new();
    }
    out.sort();
    out
}

/// Reads a value, noting the names of a struct's fields that `known` lacks and looking into
/// those it has that are structs; everything else is skipped without being kept.
struct Fields<'a> {
    known: &'a ron::Value,
    prefix: String,
    out: &'a mut Vec<String>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Fields<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Fields<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a session")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        use serde::de::IgnoredAny;
        let ron::Value::Map(known) = self.known else {
            return IgnoredAny.visit_map(map).map(|_| ());
        };
        while let Some(key) = map.next_key::<ron::Value>()? {
            let ron::Value::String(name) = &key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            match known.get(&key) {
                None => {
                    self.out.push(format!("{}{name}", self.prefix));
                    map.next_value::<IgnoredAny>()?;
                }
                // Only structs are looked into (a map of cells has no field names to check).
                Some(inner @ ron::Value::Map(m)) if !m.is_empty() => {
                    map.next_value_seed(Fields {
                        known: inner,
                        prefix: format!("{}{name}.", self.prefix),
                        out: &mut *self.out,
                    })?;
                }
                Some(_) => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        serde::de::IgnoredAny.visit_seq(seq).map(|_| ())
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        serde::de::IgnoredAny.visit_some(d).map(|_| ())
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        serde::de::IgnoredAny.visit_newtype_struct(d).map(|_| ())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        serde::de::IgnoredAny.visit_enum(data).map(|_| ())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Brings an older session up to the current format. Version 0 (files written before the
/// field existed) has the same shape as version 1.
fn migrate(session: &mut Session) {
    if session.version < SESSION_VERSION {
        session.version = SESSION_VERSION;
    }
}

/// A session read from disk, with which of its article files exist: checked by the thread that
/// read it, so that the window never waits on the disk.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub session: Session,
    /// For each of `session.articles`: whether its file is there.
    pub present: Vec<bool>,
}

impl Checked {
    /// Looks at each article's file (one `stat` each).
    pub fn new(session: Session) -> Self {
        let present = session.articles.iter().map(|a| a.path.exists()).collect();
        Self { session, present }
    }
}

/// When a file was last changed, as `HH:MM UTC`, for messages.
pub fn modified_text(path: &Path) -> String {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or_else(
            || "an earlier run".to_owned(),
            |d| {
                let mins = d.as_secs() / 60;
                format!("{:02}:{:02} UTC", (mins / 60) % 24, mins % 60)
            },
        )
}

/// What is known about a session file when it was last read or written: to notice that another
/// program (or another copy of Briefing) changed it since.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub modified: Option<SystemTime>,
    pub len: u64,
}

/// The stamp of a file now, or `None` if it does not exist.
pub fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
    })
}

/// Reads a session file.
pub fn load(path: &Path) -> Result<(Session, Option<Stamp>), StorageError> {
    load_noting(path).map(|(session, stamp, _)| (session, stamp))
}

/// Like [`load`], and also what reading noticed (see [`ReadNotes`]).
pub fn load_noting(path: &Path) -> Result<(Session, Option<Stamp>, ReadNotes), StorageError> {
    let text = read_text(path)?;
    let (session, notes) = from_ron_noting(path, &text)?;
    Ok((session, stamp(path), notes))
}

/// The largest session file read, in bytes. A session of ten thousand annotated articles is
/// a few megabytes; a file beyond this is not a session (or would exhaust memory reading it).
pub const MAX_SESSION_BYTES: u64 = 128 * 1024 * 1024;

/// A session file's text, read as articles are (a regular file, within a size limit); a
/// missing file, a read error or bytes that are not UTF-8 (with the line and column of the
/// first bad one) are said in plain words. A UTF-8 byte-order mark (an editor's) is dropped.
fn read_text(path: &Path) -> Result<String, StorageError> {
    let mut bytes =
        crate::load::read_bounded(path, MAX_SESSION_BYTES, &mut |_, _| {}).map_err(|e| {
            StorageError::Read {
                path: path.to_path_buf(),
                reason: e.reason("session file", MAX_SESSION_BYTES),
            }
        })?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        // Where the first bad byte is, as a person counts: line and column of characters.
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = std::str::from_utf8(good).unwrap_or_default();
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        StorageError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            reason: "this is not UTF-8 text (the session was damaged, or is not a session)"
                .to_owned(),
        }
    })
}

/// Saves a session: the current file becomes backup 1 (older backups move down, the oldest
/// goes), then the new content is written to a temporary file, flushed and renamed over it.
/// At every instant the file holds either the old or the new session, never a mixture.
pub fn save(path: &Path, session: &Session) -> Result<Stamp, StorageError> {
    let text = to_ron(session);
    if let Some(dir) = path.parent() {
        super::remove_leftovers(dir, LEFTOVER_AGE);
    }
    if path.exists() {
        rotate_backups(path)?;
    }
    write_atomic(path, text.as_bytes())?;
    Ok(stamp(path).unwrap_or(Stamp {
        modified: None,
        len: text.len() as u64,
    }))
}

/// Writes the autosave of a session (atomically; no backups).
pub fn autosave(session_path: &Path, session: &Session) -> Result<(), StorageError> {
    write_atomic(&autosave_path(session_path), to_ron(session).as_bytes())
}

/// Temporary files of killed writes older than this are removed at the next save.
pub const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_mins(1);

/// Shifts the backups one place (`.2` to `.3`, `.1` to `.2`) and copies the session to `.1`.
/// Every step is an atomic copy, never a rename: killed at any moment, the session and every
/// backup that existed are still there (one may hold the newer of two neighbouring versions).
fn rotate_backups(path: &Path) -> Result<(), StorageError> {
    let err = |e: std::io::Error| StorageError::Write {
        path: path.to_path_buf(),
        reason: format!("keeping a backup failed: {e}"),
    };
    for n in (1..BACKUPS).rev() {
        let from = backup_path(path, n);
        if from.exists() {
            let bytes = std::fs::read(&from).map_err(err)?;
            write_atomic(&backup_path(path, n + 1), &bytes)?;
        }
    }
    let bytes = std::fs::read(path).map_err(err)?;
    write_atomic(&backup_path(path, 1), &bytes)
}

/// The newest backup of a session that reads cleanly, to offer when the session itself does not.
pub fn newest_good_backup(path: &Path) -> Option<(PathBuf, Session)> {
    (1..=BACKUPS).find_map(|n| {
        let b = backup_path(path, n);
        load(&b).ok().map(|(s, _)| (b, s))
    })
}

/// Whether the autosave of a session is newer than the session, and readable.
pub fn newer_autosave(path: &Path) -> Option<Session> {
    let auto = autosave_path(path);
    let auto_time = std::fs::metadata(&auto).ok()?.modified().ok()?;
    let main_time = std::fs::metadata(path).ok().and_then(|m| m.modified().ok());
    if main_time.is_some_and(|t| t >= auto_time) {
        return None;
    }
    load(&auto).ok().map(|(s, _)| s)
}

/// The untitled session a running copy keeps its autosave in, owned by that copy.
#[derive(Debug)]
pub struct Untitled {
    /// `sessions/Untitled.ron`, or `Untitled-N.ron` while other copies hold the first names.
    pub path: PathBuf,
    /// Held while this copy runs (none where the lock file could not be written).
    pub lock: Option<super::lock::Lock>,
    /// Work another copy left in this name's autosave (it crashed or quit without saving),
    /// to offer back.
    pub left: Option<Session>,
}

/// Whether an untitled session holds work worth offering back: any hand edit, or an article
/// other than the sample shown at start.
pub fn holds_work(session: &Session) -> bool {
    use crate::model::session::{ActorEdits, TopicEdits};
    !session.annotations.is_empty()
        || !session.decisions.is_empty()
        || session.actors != ActorEdits::default()
        || session.topics != TopicEdits::default()
        || session
            .articles
            .iter()
            .any(|a| a.path != Path::new(crate::document::SAMPLE_PATH))
}

/// How many untitled names are tried: more copies than this running at once share the last.
const UNTITLED_NAMES: usize = 50;

fn untitled_name(n: usize) -> String {
    if n == 1 {
        "Untitled".to_owned()
    } else {
        format!("Untitled-{n}")
    }
}

/// Takes an untitled name for this running copy, so that no two copies write the same
/// autosave. With `take_left`, the newest untitled autosave no running copy holds is taken,
/// with its work to offer back; otherwise (or when there is none) the first name that no
/// running copy holds and that has no autosave to lose.
pub fn claim_untitled(sessions_dir: &Path, take_left: bool) -> Untitled {
    let paths: Vec<PathBuf> = (1..=UNTITLED_NAMES)
        .map(|n| sessions_dir.join(format!("{}.ron", untitled_name(n))))
        .collect();
    let free = |p: &PathBuf| super::lock::holder(p).is_none();
    if take_left {
        let newest = paths
            .iter()
            .filter(|p| free(p))
            .filter_map(|p| {
                let modified = std::fs::metadata(autosave_path(p)).ok()?.modified().ok()?;
                Some((modified, p))
            })
            .max_by_key(|(modified, _)| *modified)
            .map(|(_, p)| p.clone());
        if let Some(path) = newest
            && let Ok(lock) = super::lock::acquire(&path)
        {
            let left = load(&autosave_path(&path)).ok().map(|(s, _)| s);
            return Untitled { path, lock, left };
        }
    }
    let path = paths
        .iter()
        .find(|p| free(p) && !autosave_path(p).exists())
        .or_else(|| paths.last())
        .cloned()
        .unwrap_or_else(|| sessions_dir.join("Untitled.ron"));
    let lock = super::lock::acquire(&path).ok().flatten();
    Untitled {
        path,
        lock,
        left: None,
    }
}

/// A plain-text summary of a session, for `briefing session show`. Only the articles
/// `may_check` allows are looked for on disk; the others are said to be outside the analyst's
/// folders.
pub fn summary(session: &Session, may_check: impl Fn(&Path) -> bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let hand = session
        .annotations
        .values()
        .filter(|a| a.stance.is_some())
        .count();
    let evidence: usize = session.annotations.values().map(|a| a.evidence.len()).sum();
    let notes = session
        .annotations
        .values()
        .filter(|a| !a.note.is_empty())
        .count();
    let accepted = session
        .decisions
        .values()
        .filter(|d| **d == crate::model::session::Decision::Accepted)
        .count();
    let mut actors: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    let mut topics: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for cell in session.annotations.keys().chain(session.decisions.keys()) {
        actors.insert(&cell.actor.0);
        topics.insert(&cell.topic.0);
    }
    let _ = writeln!(out, "session format {}", session.version);
    let _ = writeln!(
        out,
        "coder: {}",
        session.coder.as_deref().unwrap_or("(not named)")
    );
    let _ = writeln!(out, "articles: {}", session.articles.len());
    for a in &session.articles {
        // The bundled sample opens from anywhere, as in the window.
        let missing = if !may_check(&a.path) {
            "  (outside your article folders: not looked at; --allow-outside looks)"
        } else if a.path.exists() || a.path == Path::new(crate::document::SAMPLE_PATH) {
            ""
        } else {
            "  (missing)"
        };
        let _ = writeln!(
            out,
            "  {}  [{}, {}]{}{missing}",
            a.path.display(),
            a.format,
            a.encoding,
            a.title
                .as_deref()
                .map(|t| format!("  “{t}”"))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(
        out,
        "actors annotated: {} ({} added by hand, {} renamed, {} merged)",
        actors.len(),
        session.actors.added.len(),
        session.actors.renamed.len(),
        session.actors.merged.len()
    );
    let _ = writeln!(
        out,
        "topics annotated: {} ({} added by hand, {} renamed, {} merged)",
        topics.len(),
        session.topics.added.len(),
        session.topics.renamed.len(),
        session.topics.merged.len()
    );
    if !session.codebook.is_empty() {
        let _ = writeln!(
            out,
            "codebook: {} topics, {} actors",
            session.codebook.topics.len(),
            session.codebook.actors.len()
        );
    }
    let _ = writeln!(
        out,
        "annotations: {} cells ({hand} stances set by hand, {notes} notes, {evidence} evidence sentences)",
        session.annotations.len()
    );
    let _ = writeln!(
        out,
        "suggestions reviewed: {} ({accepted} accepted, {} rejected)",
        session.decisions.len(),
        session.decisions.len() - accepted
    );
    out
}

/// The named sessions in the config directory, sorted by name.
pub fn list(config_dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(sessions_dir(config_dir)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".ron").map(str::to_owned)
        })
        .filter(|n| !n.ends_with(".autosave"))
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_this_version_does_not_know_are_named() {
        let text = "(version: 1, colour: \"blue\", annotations: {}, actors: (mood: 3))";
        let (session, notes) = from_ron_noting(Path::new("s.ron"), text).expect("reads");
        assert_eq!(session.version, SESSION_VERSION);
        assert_eq!(
            notes.unknown,
            vec!["actors.mood".to_owned(), "colour".to_owned()]
        );
        // A full session (annotations keyed by cells) has none.
        let mut full = Session::default();
        crate::command::apply(
            &mut full,
            crate::command::Command::SetStance {
                cell: crate::model::session::Cell {
                    actor: crate::model::ActorId("russia".into()),
                    topic: crate::model::TopicId("talks".into()),
                },
                stance: crate::model::Stance::Oppose,
            },
            0,
        )
        .expect("edit");
        let (back, notes) = from_ron_noting(Path::new("s.ron"), &to_ron(&full)).expect("reads");
        assert_eq!(back, full);
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn a_byte_order_mark_a_negative_version_and_a_key_written_a_thousand_times() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bom.ron");
        std::fs::write(&path, "\u{FEFF}(version: 1)").expect("write");
        assert!(load(&path).is_ok(), "an editor's BOM is not an error");
        let err = from_ron(Path::new("v.ron"), "(version: -1)")
            .expect_err("negative")
            .to_string();
        assert!(err.contains("below zero"), "{err}");
        let entry = "(actor: \"russia\", topic: \"talks\"): (stance: Some(oppose), note: \"n\"),";
        let text = format!("(version: 1, annotations: {{ {} }})", entry.repeat(1000));
        let (session, notes) = from_ron_noting(Path::new("r.ron"), &text).expect("reads");
        assert_eq!(session.annotations.len(), 1);
        assert_eq!(notes.repeated.len(), 1, "{notes:?}");
        assert!(
            notes.repeated[0].contains("russia on talks is written 1000 times"),
            "{notes:?}"
        );
    }

    #[test]
    fn a_session_with_bad_bytes_says_where() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.ron");
        std::fs::write(&path, b"(\n  version: 1,\n  x\xff: 2,\n)").expect("write");
        let err = load(&path).expect_err("not UTF-8").to_string();
        assert!(err.contains("bad.ron:3:4"), "{err}");
        assert!(err.contains("not UTF-8"), "{err}");
    }

    #[test]
    fn dangerous_names_are_refused() {
        for bad in [
            "",
            "  ",
            "../etc/passwd",
            "a/b",
            "a\\b",
            "..",
            ".",
            ".hidden",
            "CON",
            "com1",
            "lpt9.txt",
            "nul",
            "a\u{7}b",
            "x?",
        ] {
            assert!(sanitise_name(bad).is_err(), "{bad:?} should be refused");
        }
        for (good, want) in [
            ("Ukraine talks", "Ukraine talks"),
            (" brief.ron ", "brief"),
            ("Переговоры 2026", "Переговоры 2026"),
            ("console", "console"),
        ] {
            assert_eq!(sanitise_name(good).as_deref(), Ok(want));
        }
        let dir = Path::new("/cfg");
        assert_eq!(
            session_path(dir, "x").ok(),
            Some(PathBuf::from("/cfg/sessions/x.ron"))
        );
    }

    #[test]
    fn backups_rotate_and_keep_three() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        for i in 0..5u64 {
            let mut s = Session::default();
            s.articles.push(crate::model::session::ArticleRef {
                path: PathBuf::from(format!("/a/{i}.txt")),
                hash: String::new(),
                title: None,
                date: None,
                format: crate::load::Format::Text,
                encoding: "UTF-8".into(),
            });
            save(&path, &s).expect("save");
        }
        let article = |p: &Path| load(p).expect("load").0.articles[0].path.clone();
        assert_eq!(article(&path), PathBuf::from("/a/4.txt"));
        for n in 1..=3 {
            assert_eq!(
                article(&backup_path(&path, n)),
                PathBuf::from(format!("/a/{}.txt", 4 - n))
            );
        }
        assert!(!backup_path(&path, 4).exists());
    }

    #[test]
    fn unreadable_files_say_where_and_why() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("bad.ron");
        std::fs::write(&path, "(\n  version: 1,\n  articles: [ (path: \"x\", \n").expect("write");
        let err = load(&path).expect_err("truncated").to_string();
        assert!(err.starts_with(&format!("{}:", path.display())), "{err}");
        assert!(err.contains(":4:") || err.contains(":3:"), "{err}");
        std::fs::write(&path, "(version: 99)").expect("write");
        let err = load(&path).expect_err("newer").to_string();
        assert!(err.contains("newer Briefing"), "{err}");
        let err = load(&dir.path().join("none.ron"))
            .expect_err("missing")
            .to_string();
        assert!(err.contains("does not exist"), "{err}");
    }

    #[test]
    fn a_cell_written_twice_is_combined_and_said() {
        let text = r#"(
  version: 1,
  annotations: {
    (actor: "russia", topic: "talks"): (stance: Some(support), note: "first", evidence: [
      (article: "a.txt", sentence: 1, quote: "One."),
    ]),
    (actor: "russia", topic: "talks"): (stance: Some(oppose), evidence: [
      (article: "a.txt", sentence: 2, quote: "Two."),
    ]),
    (actor: "kyiv", topic: "talks"): (stance: Some(neutral)),
  },
  decisions: {
    (actor: "eu", topic: "talks"): accepted,
    (actor: "eu", topic: "talks"): rejected,
  },
  actors: (aliases_added: { "eu": ["EU"], "eu": ["Brussels"] }),
)"#;
        let (session, notes) = from_ron_noting(Path::new("s.ron"), text).expect("reads");
        let cell = crate::model::session::Cell {
            actor: crate::model::ActorId("russia".into()),
            topic: crate::model::TopicId("talks".into()),
        };
        let annotation = &session.annotations[&cell];
        assert_eq!(session.annotations.len(), 2);
        assert_eq!(
            annotation.evidence.len(),
            2,
            "both entries' evidence is kept"
        );
        assert_eq!(annotation.stance, Some(crate::model::Stance::Oppose));
        assert!(annotation.note.contains("first"), "{}", annotation.note);
        assert!(annotation.note.contains("“support”"), "{}", annotation.note);
        let aliases = &session.actors.aliases_added[&crate::model::ActorId("eu".into())];
        assert_eq!(aliases.len(), 2, "{aliases:?}");
        assert_eq!(notes.repeated.len(), 3, "{notes:?}");
        let message = notes.message("s.ron").expect("something to say");
        assert!(message.contains("russia on talks"), "{message}");
        assert!(message.contains("eu on talks"), "{message}");
        assert!(message.contains("written twice"), "{message}");
    }

    #[test]
    fn too_deep_a_file_is_refused_in_plain_words() {
        let text = format!(
            "(version: 1, colour: {}{})",
            "[".repeat(500),
            "]".repeat(500)
        );
        let err = from_ron(Path::new("deep.ron"), &text)
            .expect_err("too deep")
            .to_string();
        assert!(err.contains("nests brackets too deeply"), "{err}");
        assert!(!err.contains("ron::") && !err.contains("serde"), "{err}");
        // A group of the wrong shape is named in words, not by the program's type names.
        let err = from_ron(Path::new("odd.ron"), "(version: 1, articles: [[1]])")
            .expect_err("wrong shape")
            .to_string();
        assert!(!err.contains("ArticleRef"), "{err}");
    }

    #[test]
    fn each_running_copy_gets_its_own_untitled_autosave_and_left_work_is_offered_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sessions = dir.path();
        // Nothing left: the first name.
        let first = claim_untitled(sessions, true);
        assert_eq!(first.path, sessions.join("Untitled.ron"));
        assert!(first.left.is_none());
        assert!(first.lock.is_some());
        // Another running copy (pid 1 stands for it) holds the first name: the next is taken.
        std::fs::write(super::super::lock::lock_path(&first.path), "1").expect("lock");
        std::fs::write(autosave_path(&first.path), to_ron(&Session::default())).expect("auto");
        let second = claim_untitled(sessions, true);
        assert_eq!(second.path, sessions.join("Untitled-2.ron"));
        assert!(
            second.left.is_none(),
            "a live copy's autosave is not offered"
        );
        // Work left under a name no copy holds is taken with its name, to be offered back.
        let left = sessions.join("Untitled-3.ron");
        let mut work = Session::default();
        work.topics
            .renamed
            .insert(crate::model::TopicId("t".into()), "T".into());
        std::fs::write(autosave_path(&left), to_ron(&work)).expect("left");
        drop(second);
        let third = claim_untitled(sessions, true);
        assert_eq!(third.path, left);
        assert_eq!(third.left, Some(work));
        // Without taking left work, a name with an autosave is never reused.
        let fourth = claim_untitled(sessions, false);
        assert_eq!(fourth.path, sessions.join("Untitled-2.ron"));
    }
}
