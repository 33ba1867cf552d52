//! Codebook files: read with the same bounds as every file the analyst points at, written
//! atomically. Shared by the window (File › Import / Export codebook…) and the command line
//! (`--codebook FILE`).

use crate::model::codebook::Codebook;
use std::path::Path;

/// The largest codebook file read: a codebook is a list of names, never megabytes.
pub const CODEBOOK_LIMIT: u64 = 16 * 1024 * 1024;

/// Reads the codebook in `path`; the error is a sentence naming the file.
pub fn read(path: &Path) -> Result<Codebook, String> {
    let bytes = crate::load::read_bounded(path, CODEBOOK_LIMIT, &mut |_, _| {}).map_err(|e| {
        format!(
            "{} could not be read: {}.",
            path.display(),
            e.reason("codebook", CODEBOOK_LIMIT)
        )
    })?;
    Codebook::read(&String::from_utf8_lossy(&bytes))
        .map_err(|e| format!("{} could not be read: {e}.", path.display()))
}

/// Writes `book` to `path` (whole or not at all).
pub fn write(path: &Path, book: &Codebook) -> Result<(), String> {
    super::write_atomic(path, book.to_ron().as_bytes()).map_err(|e| {
        format!(
            "The codebook could not be written to {}: {e}.",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_codebook_file_round_trips_and_bad_files_are_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("book.ron");
        let book = Codebook::read("(topics: [(name: \"Impeachment\")])").expect("codebook");
        write(&path, &book).expect("written");
        assert_eq!(read(&path), Ok(book));
        let missing = read(&dir.path().join("none.ron")).expect_err("missing");
        assert!(
            missing.contains("none.ron could not be read: the file does not exist"),
            "{missing}"
        );
        std::fs::write(&path, [0u8, 159, 146, 150]).expect("binary");
        let binary = read(&path).expect_err("binary");
        assert!(binary.contains("is not a codebook"), "{binary}");
    }
}
