//! Installing Briefing like a desktop app: the Debian package's metadata names files that
//! exist or that the binary makes, the desktop entry and the `AppStream` file agree with the
//! window's app id (and pass the freedesktop validators where they are installed), and the
//! command line has a version, a manual page and shell completions.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn briefing(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .output()
        .expect("run briefing");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// What tools/package.sh makes before `cargo deb` runs, and how the binary makes it.
const MADE: [(&str, &[&str]); 5] = [
    ("target/release/briefing", &["--version"]),
    ("target/package/briefing.1.gz", &["manpage"]),
    ("target/package/briefing.bash", &["completions", "bash"]),
    ("target/package/_briefing", &["completions", "zsh"]),
    ("target/package/briefing.fish", &["completions", "fish"]),
];

#[test]
fn every_file_the_debian_package_names_exists_or_is_made_by_the_binary() {
    let manifest: toml::Table = std::fs::read_to_string(root().join("Cargo.toml"))
        .expect("Cargo.toml")
        .parse()
        .expect("toml");
    let deb = manifest["package"]["metadata"]["deb"]
        .as_table()
        .expect("[package.metadata.deb]");
    let assets = deb["assets"].as_array().expect("assets");
    let mut targets = Vec::new();
    for asset in assets {
        let asset = asset.as_array().expect("[source, target, mode]");
        let source = asset[0].as_str().expect("source");
        targets.push(asset[1].as_str().expect("target").to_owned());
        if source.starts_with("target/") {
            let (_, args) = MADE
                .iter()
                .find(|(path, _)| *path == source)
                .unwrap_or_else(|| panic!("{source} is neither in the repository nor made"));
            let made = briefing(args);
            assert!(made.contains("briefing"), "{args:?} made nothing useful");
        } else {
            assert!(root().join(source).is_file(), "{source} is missing");
        }
    }
    // What a desktop install needs: the binary, the entry, the metadata, icons, the manual,
    // completions for three shells, the licences and the notices.
    for needed in [
        "usr/bin/",
        "usr/share/applications/",
        "usr/share/metainfo/",
        "usr/share/icons/hicolor/16x16/apps/io.briefing.Briefing.png",
        "usr/share/icons/hicolor/scalable/apps/io.briefing.Briefing.svg",
        "usr/share/man/man1/",
        "usr/share/bash-completion/completions/briefing",
        "usr/share/zsh/vendor-completions/",
        "usr/share/fish/vendor_completions.d/",
    ] {
        assert!(
            targets.iter().any(|t| t == needed),
            "nothing goes to {needed}"
        );
    }
    for doc in ["LICENSE-MIT", "LICENSE-APACHE", "THIRD-PARTY-NOTICES.md"] {
        assert!(
            assets.iter().any(|a| a[0].as_str() == Some(doc)),
            "{doc} is not packaged"
        );
    }
}

#[test]
fn the_desktop_entry_and_the_appstream_file_agree_with_the_windows_app_id() {
    let id = briefing::app::APP_ID;
    let desktop = std::fs::read_to_string(root().join(format!("assets/desktop/{id}.desktop")))
        .expect("the desktop entry is named after the app id");
    for line in [
        "Exec=briefing %F".to_owned(),
        format!("Icon={id}"),
        format!("StartupWMClass={id}"),
    ] {
        assert!(desktop.lines().any(|l| l == line), "no {line}");
    }
    let mime = desktop
        .lines()
        .find_map(|l| l.strip_prefix("MimeType="))
        .expect("MimeType");
    for kind in ["text/plain", "text/markdown", "text/html"] {
        assert!(
            mime.split(';').any(|m| m == kind),
            "{kind} is not opened with Briefing"
        );
    }
    let meta = std::fs::read_to_string(root().join(format!("assets/desktop/{id}.metainfo.xml")))
        .expect("metainfo");
    assert!(meta.contains(&format!("<id>{id}</id>")));
    assert!(meta.contains(&format!(
        "<launchable type=\"desktop-id\">{id}.desktop</launchable>"
    )));
    // The validators CI installs; skipped with a word where they are not.
    for (tool, args) in [
        (
            "desktop-file-validate",
            vec![format!("assets/desktop/{id}.desktop")],
        ),
        (
            "appstreamcli",
            vec![
                "validate".to_owned(),
                "--no-net".to_owned(),
                format!("assets/desktop/{id}.metainfo.xml"),
            ],
        ),
    ] {
        match Command::new(tool).args(&args).current_dir(root()).output() {
            Ok(out) => assert!(
                out.status.success(),
                "{tool}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(_) => eprintln!("skipped: {tool} is not installed"),
        }
    }
}

#[test]
fn version_manual_page_and_completions_come_from_the_binary() {
    let version = briefing(&["--version"]);
    assert!(
        version.starts_with(&format!("briefing {}", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    // In a checkout the commit is named, so that a bug report names the code.
    if root().join(".git").exists() {
        assert!(version.contains("(commit "), "{version}");
    }
    let man = briefing(&["manpage"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH briefing"),
        "{}",
        &man[..80.min(man.len())]
    );
    for sub in ["agree", "merge", "export", "completions"] {
        assert!(man.contains(sub), "the manual page lacks {sub}");
    }
    for shell in ["bash", "zsh", "fish"] {
        let script = briefing(&["completions", shell]);
        assert!(
            script.contains("agree") && script.contains("compare"),
            "{shell}"
        );
    }
}

#[test]
fn the_notices_file_is_made_from_every_sources_file() {
    let notices = std::fs::read_to_string(root().join("THIRD-PARTY-NOTICES.md")).expect("notices");
    for sources in [
        "assets/lexicon/SOURCES.md",
        "assets/grammar/SOURCES.md",
        "assets/corpus/SOURCES.md",
    ] {
        let text = std::fs::read_to_string(root().join(sources)).expect("sources");
        // Every line of it is there (headings one level down): run tools/notices.sh if not.
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            assert!(
                notices.contains(line),
                "{sources}: {line} (run tools/notices.sh)"
            );
        }
    }
}
