//! Reading a file the analyst named, with the care every file from outside gets: only a regular
//! file is read (a named pipe would wait forever, a device would never end), and never more
//! than a limit, whatever its size said when it was looked at. Articles, sessions and the app's
//! own small files all come in through [`read_bounded`].

use std::io::Read as _;
use std::path::Path;

/// Why the bytes of a file could not be read; [`ReadError::reason`] says it in words.
#[derive(Debug)]
pub enum ReadError {
    Missing,
    Directory,
    /// A named pipe, a socket or a device, in words (`"a named pipe (FIFO)"`).
    Special(&'static str),
    /// Larger than the limit (the size seen, in bytes).
    TooLarge(u64),
    Io(std::io::Error),
}

impl ReadError {
    /// What went wrong, as a clause for a message about a `what` (`"session file"`), with the
    /// limit that applied.
    pub fn reason(&self, what: &str, limit: u64) -> String {
        match self {
            Self::Missing => "the file does not exist".to_owned(),
            Self::Directory => format!("this is a folder, not a {what}"),
            Self::Special(kind) => format!("this is {kind}, not a {what}"),
            Self::TooLarge(size) => format!(
                "the file is {}, over the limit of {} for a {what}",
                megabytes(*size),
                megabytes(limit)
            ),
            Self::Io(e) => e.to_string(),
        }
    }
}

/// A size in megabytes as people write it (`64 MB`, `70.5 MB`).
pub fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if (mb - mb.round()).abs() < 0.05 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// What a path that is neither a file nor a folder is, in words; `None` for a regular file.
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Some("a device");
        }
    }
    Some("a special file")
}

/// Opens a file for reading without blocking on a named pipe that took the place of a regular
/// file between the check and the open (`O_NONBLOCK` has no effect on regular files).
fn open_for_reading(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        const O_NONBLOCK: i32 = 0o4000;
        options.custom_flags(O_NONBLOCK);
    }
    options.open(path)
}

/// Reads a regular file of at most `limit` bytes, calling `progress(bytes_read, total)` as it
/// goes. The type and size are checked before reading and again on the open file, and never
/// more than `limit + 1` bytes are read: a file that grows while it is read (a log, `/proc`) is
/// refused, not followed.
pub fn read_bounded(
    path: &Path,
    limit: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ReadError::Missing
        } else {
            ReadError::Io(e)
        }
    })?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if let Some(kind) = special_kind(&meta) {
        return Err(ReadError::Special(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let file = open_for_reading(path).map_err(ReadError::Io)?;
    // Checked again on the open file: the path may have been swapped since `metadata`.
    if let Some(kind) = file.metadata().ok().as_ref().and_then(special_kind) {
        return Err(ReadError::Special(kind));
    }
    let total = meta.len();
    let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    let mut chunk = vec![0u8; 1 << 20];
    let mut file = file.take(limit + 1);
    loop {
        let n = file.read(&mut chunk).map_err(ReadError::Io)?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge(bytes.len() as u64));
        }
        progress(bytes.len() as u64, total);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(path: &Path, limit: u64) -> String {
        read_bounded(path, limit, &mut |_, _| {})
            .expect_err("refused")
            .reason("session file", limit)
    }

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("pipe.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        assert!(made, "mkfifo is part of every Linux system");
        // Reading a FIFO with no writer would block forever; this returns at once.
        assert_eq!(
            reason(&fifo, 10),
            "this is a named pipe (FIFO), not a session file"
        );
        assert_eq!(
            reason(Path::new("/dev/zero"), 10),
            "this is a device, not a session file"
        );
        assert_eq!(
            reason(dir.path(), 10),
            "this is a folder, not a session file"
        );
        assert_eq!(
            reason(&dir.path().join("none"), 10),
            "the file does not exist"
        );
        let big = dir.path().join("big.ron");
        std::fs::File::create(&big)
            .and_then(|f| f.set_len(3 * 1024 * 1024 + 1))
            .expect("sparse file");
        assert_eq!(
            reason(&big, 2 * 1024 * 1024),
            "the file is 3 MB, over the limit of 2 MB for a session file"
        );
        let small = dir.path().join("small.ron");
        std::fs::write(&small, "()").expect("write");
        let mut seen = Vec::new();
        let bytes = read_bounded(&small, 2, &mut |n, total| seen.push((n, total))).expect("read");
        assert_eq!(bytes, b"()");
        assert_eq!(seen, [(2, 2)]);
        assert!(read_bounded(&small, 1, &mut |_, _| {}).is_err());
    }
}
