//! Bytes to text: size and binary checks, encoding detection, and the choice of format.
//!
//! Everything that can be wrong with a file the user picked is found here and reported as a
//! [`LoadError`] whose message names the problem in plain words. Nothing in this module panics on
//! any input; a property test feeds it random bytes.

pub mod bounded;
pub mod folder;

pub use crate::base::Format;
pub use bounded::{ReadError, read_bounded};
use std::path::{Path, PathBuf};

/// The largest article accepted, in bytes. Bigger files are refused before they are read, so a
/// mistaken pick (a video, a disk image) cannot exhaust memory.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// A decoded article, ready for parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub format: Format,
    /// The encoding the bytes were decoded from, as its WHATWG name (`UTF-8`, `windows-1252`, …),
    /// with ` (BOM)` appended when a byte-order mark said so.
    pub encoding: String,
    /// The decoded text, without any byte-order mark.
    pub text: String,
    /// Size of the file in bytes.
    pub byte_len: u64,
}

/// Why a file could not be read as an article. Each message is a full sentence for the user.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: the file does not exist")]
    Missing { path: PathBuf },
    #[error("{path}: this is a folder, not an article file")]
    Directory { path: PathBuf },
    #[error("{path}: the file could not be read ({reason})")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: the file contains only blank space, no text")]
    Blank { path: PathBuf },
    #[error("{path}: the file is {size_mb:.1} MB, over the limit of {limit_mb} MB for one article")]
    TooLarge {
        path: PathBuf,
        size_mb: f64,
        limit_mb: u64,
    },
    #[error("{path}: not a text article ({reason})")]
    Binary { path: PathBuf, reason: String },
    #[error("{path}: this is {kind}, not an article file")]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{path}: no article text found in this {what}")]
    NoText { path: PathBuf, what: &'static str },
    #[error("{path}: {message}")]
    Internal { path: PathBuf, message: String },
    #[error("{path}: opening was cancelled")]
    Cancelled { path: PathBuf },
}

/// Reads and decodes an article file.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    load_file_with_progress(path, &mut |_, _| {})
}

/// Like [`load_file`], calling `progress(bytes_read, total)` as the file is read, so that a
/// window can show how far a large file has come.
pub fn load_file_with_progress(
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Loaded, LoadError> {
    let owned = || path.to_path_buf();
    let bytes = bounded::read_bounded(path, MAX_ARTICLE_BYTES, progress).map_err(|e| match e {
        ReadError::Missing => LoadError::Missing { path: owned() },
        ReadError::Directory => LoadError::Directory { path: owned() },
        ReadError::Special(kind) => LoadError::NotAFile {
            path: owned(),
            kind,
        },
        ReadError::TooLarge(size) => too_large(path, size),
        ReadError::Io(e) => LoadError::Unreadable {
            path: owned(),
            reason: e.to_string(),
        },
    })?;
    load_bytes(path, bytes)
}

fn too_large(path: &Path, size: u64) -> LoadError {
    LoadError::TooLarge {
        path: path.to_path_buf(),
        size_mb: size as f64 / (1024.0 * 1024.0),
        limit_mb: MAX_ARTICLE_BYTES / (1024 * 1024),
    }
}

/// Decodes bytes already in memory. `path` names the source in messages and its extension picks
/// the format (an unknown extension is sniffed for HTML).
pub fn load_bytes(path: &Path, bytes: Vec<u8>) -> Result<Loaded, LoadError> {
    let byte_len = bytes.len() as u64;
    if bytes.is_empty() {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    if byte_len > MAX_ARTICLE_BYTES {
        return Err(too_large(path, byte_len));
    }
    if let Some(kind) = binary_signature(&bytes) {
        return Err(LoadError::Binary {
            path: path.to_path_buf(),
            reason: format!("it looks like {kind}"),
        });
    }
    let (text, encoding) = decode(bytes);
    if let Some(reason) = binary_text_reason(&text) {
        return Err(LoadError::Binary {
            path: path.to_path_buf(),
            reason,
        });
    }
    if text.trim().is_empty() {
        return Err(LoadError::Blank {
            path: path.to_path_buf(),
        });
    }
    let format = format_for(path, &text);
    Ok(Loaded {
        format,
        encoding,
        text,
        byte_len,
    })
}

/// Picks the format from the extension, sniffing unknown ones for an HTML document.
pub fn format_for(path: &Path, text: &str) -> Format {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
        Some("html" | "htm" | "xhtml" | "shtml") => Format::Html,
        Some("txt" | "text") => Format::Text,
        _ => {
            let head: String = text
                .trim_start()
                .chars()
                .take(200)
                .collect::<String>()
                .to_ascii_lowercase();
            if head.starts_with("<!doctype html") || head.starts_with("<html") {
                Format::Html
            } else {
                Format::Text
            }
        }
    }
}

/// Well-known magic numbers of files people pick by mistake.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (or a Word/ODF document)"),
        (b"%PDF", "a PDF document"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x7FELF", "a program"),
        (b"MZ", "a Windows program"),
        (b"\xD0\xCF\x11\xE0", "an old Microsoft Office document"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"SQLite format 3", "an SQLite database"),
        (b"RIFF", "an audio or video file"),
        (b"ID3", "an MP3 audio file"),
        (b"OggS", "an Ogg audio file"),
        (b"\x00\x00\x00", "a binary file (media or data)"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// After decoding, text that is mostly control characters is binary data in disguise.
fn binary_text_reason(text: &str) -> Option<String> {
    let mut total = 0usize;
    let mut control = 0usize;
    let mut nul = false;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\0' {
            nul = true;
        }
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C')) || c == '\u{FFFD}' {
            control += 1;
        }
    }
    if nul {
        return Some("it contains NUL bytes, which text never does".into());
    }
    if total > 0 && control * 100 > total * 5 {
        return Some(format!(
            "{}% of its first characters are control codes or undecodable bytes",
            control * 100 / total
        ));
    }
    None
}

/// Decodes bytes to text: a BOM wins, then UTF-16 recognised by its zero bytes, then UTF-8
/// (stray invalid bytes in otherwise UTF-8 text become U+FFFD, and the name says how many), then
/// the legacy encoding chardetng guesses. Returns the text and the name of the encoding used.
pub fn decode(bytes: Vec<u8>) -> (String, String) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), format!("{} (BOM)", encoding.name()));
    }
    if let Some(encoding) = utf16_without_bom(&bytes)
        && let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(&bytes)
    {
        return (text.into_owned(), format!("{} (no BOM)", encoding.name()));
    }
    match String::from_utf8(bytes) {
        // The common case costs no copy.
        Ok(text) => (text, "UTF-8".to_owned()),
        Err(err) => {
            let bytes = err.into_bytes();
            let (valid_multibyte, invalid) = utf8_evidence(&bytes);
            // Legacy single-byte text almost never forms valid multi-byte UTF-8 sequences, while
            // UTF-8 text damaged in a few places is mostly such sequences.
            if valid_multibyte > 0 && invalid <= valid_multibyte {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let s = if invalid == 1 { "" } else { "s" };
                return (
                    text,
                    format!("UTF-8, {invalid} invalid byte sequence{s} shown as �"),
                );
            }
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(&bytes, true);
            let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
            let (text, _) = encoding.decode_without_bom_handling(&bytes);
            (text.into_owned(), encoding.name().to_owned())
        }
    }
}

/// Counts, in bytes that are not valid UTF-8, the valid multi-byte characters and the invalid
/// sequences.
fn utf8_evidence(bytes: &[u8]) -> (usize, usize) {
    let mut multibyte = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (multibyte, invalid)
}

/// UTF-16 without a byte-order mark: text in Latin, Cyrillic, Greek and most other scripts has a
/// zero in the high byte of its spaces, digits and punctuation (and of every letter, for Latin),
/// so zeros pile up at odd offsets (little-endian) or at even ones (big-endian). Eight-bit
/// encodings and UTF-8 text never contain zero bytes.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(64 * 1024) & !1];
    let pairs = sample.len() / 2;
    // A few bytes say nothing either way; binary data with some zeros must not pass as text.
    if pairs < 16 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // At least one unit in five has a zero high byte, and the other side almost none.
    let clear = |high: usize, low: usize| high * 5 >= pairs && low * 20 <= high;
    if clear(odd, even) {
        Some(encoding_rs::UTF_16LE)
    } else if clear(even, odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
        load_bytes(Path::new(name), bytes.to_vec())
    }

    #[test]
    fn decodes_every_supported_encoding() {
        let text = "“Quotes” and café";
        let mut little_endian = vec![0xFF, 0xFE];
        little_endian.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut big_endian = vec![0xFE, 0xFF];
        big_endian.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend(text.as_bytes());
        // Windows-1252: curly quotes are 0x93/0x94 and é is 0xE9.
        let cp1252 = b"\x93Quotes\x94 and caf\xE9".to_vec();
        let cases: [(&[u8], &str); 5] = [
            (text.as_bytes(), "UTF-8"),
            (&utf8_bom, "UTF-8 (BOM)"),
            (&little_endian, "UTF-16LE (BOM)"),
            (&big_endian, "UTF-16BE (BOM)"),
            (&cp1252, "windows-1252"),
        ];
        for (bytes, encoding) in cases {
            let loaded = load("a.txt", bytes).expect(encoding);
            assert_eq!(loaded.text, text, "{encoding}");
            assert_eq!(loaded.encoding, encoding);
        }
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "Россия отвергла план. “Kyiv” rejected the plan, too.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE (no BOM)"), (be, "UTF-16BE (no BOM)")] {
            let loaded = load("a.txt", &bytes).expect(name);
            assert_eq!(loaded.text, text);
            assert_eq!(loaded.encoding, name);
        }
    }

    #[test]
    fn stray_bytes_in_utf8_become_replacement_characters() {
        let mut bytes = "Zelenskyy said “we will not accept” the plan — café."
            .as_bytes()
            .to_vec();
        bytes.insert(10, 0xFF);
        bytes.extend_from_slice(b" \xC3 end");
        let loaded = load("a.txt", &bytes).expect("mostly UTF-8");
        assert_eq!(
            loaded.text,
            "Zelenskyy \u{FFFD}said “we will not accept” the plan — café. \u{FFFD} end"
        );
        assert_eq!(
            loaded.encoding,
            "UTF-8, 2 invalid byte sequences shown as �"
        );
        // Text with no valid multi-byte sequence at all is a legacy encoding, as before.
        assert_eq!(
            load("b.txt", b"caf\xE9 cr\xE8me").expect("1252").text,
            "café crème"
        );
    }

    #[test]
    fn special_files_are_refused_without_reading() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        assert!(made, "mkfifo is part of every Linux system");
        // Reading a FIFO with no writer would block forever; this returns at once.
        let err = load_file(&fifo).expect_err("fifo").to_string();
        assert!(
            err.contains("a named pipe (FIFO), not an article file"),
            "{err}"
        );
        let err = load_file(Path::new("/dev/zero"))
            .expect_err("device")
            .to_string();
        assert!(err.contains("a device"), "{err}");
    }

    #[test]
    fn detects_legacy_cyrillic() {
        // "Россия отвергла транзит газа через Украину." in windows-1251.
        let (text, _, _) = encoding_rs::WINDOWS_1251
            .encode("Россия отвергла предложение о транзите газа через Украину и Молдову.");
        let loaded = load("ru.txt", &text).expect("cyrillic");
        assert!(loaded.text.starts_with("Россия"), "{}", loaded.text);
        assert_eq!(loaded.encoding, "windows-1251");
    }

    #[test]
    fn refuses_bad_input_with_reasons() {
        let cases: [(&[u8], &str); 5] = [
            (b"", "is empty"),
            (b"  \n\t\n ", "only blank space"),
            (
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
                "not a text article (it looks like a PNG image)",
            ),
            (b"PK\x03\x04\x14\0\0\0", "ZIP archive"),
            (b"abc\0def\0\x01\x02", "NUL bytes"),
        ];
        for (bytes, want) in cases {
            let err = load("x.txt", bytes).expect_err(want).to_string();
            assert!(err.contains(want), "{err:?} should contain {want:?}");
            assert!(err.starts_with("x.txt: "), "{err}");
        }
    }

    #[test]
    fn file_errors_name_the_problem() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = load_file(&dir.path().join("nope.txt")).expect_err("missing");
        assert!(missing.to_string().contains("does not exist"), "{missing}");
        let folder = load_file(dir.path()).expect_err("dir");
        assert!(folder.to_string().contains("folder"), "{folder}");
        let big = dir.path().join("big.txt");
        let file = std::fs::File::create(&big).expect("create");
        file.set_len(MAX_ARTICLE_BYTES + 1).expect("sparse file");
        let err = load_file(&big).expect_err("too large").to_string();
        assert!(err.contains("over the limit of 64 MB"), "{err}");
    }

    #[test]
    fn format_follows_extension_then_content() {
        for (name, text, want) in [
            ("a.md", "# Hi", Format::Markdown),
            ("a.HTM", "hello", Format::Html),
            ("a.txt", "<html>", Format::Text),
            ("a.saved", "  <!DOCTYPE html><html>", Format::Html),
            ("noext", "Plain words.", Format::Text),
        ] {
            assert_eq!(format_for(Path::new(name), text), want, "{name}");
        }
    }
}
