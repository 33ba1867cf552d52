//! The articles of a folder: every text, Markdown and HTML file in it and in the folders
//! below, in name order, and how many other files were left out.

use std::path::{Path, PathBuf};

/// The extensions read as articles (any case).
pub const ARTICLE_EXTENSIONS: [&str; 6] = ["txt", "text", "md", "markdown", "html", "htm"];

/// What a folder holds for the analyst.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FolderArticles {
    /// The article files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Files of other kinds, left out.
    pub skipped: usize,
    /// Folders or files that could not be listed, with the reason.
    pub unreadable: Vec<String>,
}

/// Lists the articles of `folder` and of every folder below it. Hidden files and folders
/// (a name starting with a dot) are left out without counting, as a file manager hides them;
/// symbolic links to folders are not followed, so that a link loop cannot go on for ever.
pub fn articles_in(folder: &Path) -> FolderArticles {
    let mut found = FolderArticles::default();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                found.unreadable.push(format!("{}: {e}", dir.display()));
                continue;
            }
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                pending.push(path);
            } else if is_article(&path) {
                found.files.push(path);
            } else {
                found.skipped += 1;
            }
        }
    }
    found.files.sort();
    found
}

/// Whether the file's extension is one of an article.
pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_gives_its_articles_and_those_below_in_order_and_counts_the_rest() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/deeper")).expect("folders");
        std::fs::create_dir_all(root.join(".hidden")).expect("hidden folder");
        for name in [
            "z.txt",
            "a.MD",
            "b/page.html",
            "b/deeper/note.markdown",
            ".hidden/secret.txt",
            ".dotfile.txt",
            "photo.png",
            "b/data.csv",
        ] {
            std::fs::write(root.join(name), "text").expect("write");
        }
        let found = articles_in(root);
        let names: Vec<String> = found
            .files
            .iter()
            .map(|p| p.strip_prefix(root).expect("inside").display().to_string())
            .collect();
        assert_eq!(
            names,
            vec!["a.MD", "b/deeper/note.markdown", "b/page.html", "z.txt"]
        );
        assert_eq!(found.skipped, 2, "the picture and the table");
        assert!(found.unreadable.is_empty());
        // A folder that is not there says so.
        let gone = articles_in(&root.join("nowhere"));
        assert!(gone.files.is_empty());
        assert_eq!(gone.unreadable.len(), 1);
    }
}
