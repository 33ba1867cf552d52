//! The window's settings that outlive a session, in `settings.ron` in the config folder: the
//! analyst's name, written on what they code (see `Annotation::coder`), and how the window
//! looked (theme, zoom, size and place). A missing file is the defaults; a broken one is named
//! and the defaults are used.

use super::{StorageError, write_atomic};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The most a settings file may hold: a few lines.
const SETTINGS_LIMIT: u64 = 64 * 1024;

/// What the window keeps between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The analyst's name, as it appears on their hand edits and in agreement reports.
    pub coder: Option<String>,
    /// The dark theme was chosen.
    pub dark: bool,
    /// The zoom chosen (1.0: none).
    pub zoom: Option<f32>,
    /// The window's inner size and outer position, in the desktop's logical pixels.
    pub window_size: Option<[f32; 2]>,
    pub window_position: Option<[f32; 2]>,
}

impl Settings {
    fn path(config_dir: &Path) -> PathBuf {
        config_dir.join("settings.ron")
    }

    /// Reads the settings; a missing file gives the defaults.
    pub fn load(config_dir: &Path) -> Result<Self, StorageError> {
        super::read_small_ron(&Self::path(config_dir), SETTINGS_LIMIT, "settings")
    }

    /// Writes the settings atomically.
    pub fn save(&self, config_dir: &Path) -> Result<(), StorageError> {
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap_or_default();
        write_atomic(&Self::path(config_dir), text.as_bytes())
    }

    /// A name as typed, trimmed; an empty one is no name.
    pub fn name_from(typed: &str) -> Option<String> {
        let name = typed.trim();
        (!name.is_empty()).then(|| name.to_owned())
    }
}

/// A size or place the desktop can show: finite, and (for a size) not tiny.
pub fn sensible(v: [f32; 2], least: f32) -> bool {
    v.iter()
        .all(|x| x.is_finite() && *x >= least && *x < 100_000.0)
}

#[cfg(test)]
mod tests {
    use super::Settings;

    #[test]
    fn settings_round_trip_and_a_missing_or_broken_file_is_said() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(
            Settings::load(dir.path()).expect("missing"),
            Settings::default()
        );
        let s = Settings {
            coder: Settings::name_from("  Ana Lopez "),
            dark: true,
            zoom: Some(1.25),
            window_size: Some([1600.0, 1000.0]),
            window_position: Some([10.0, 20.0]),
        };
        assert_eq!(s.coder.as_deref(), Some("Ana Lopez"));
        s.save(dir.path()).expect("save");
        assert_eq!(Settings::load(dir.path()).expect("load"), s);
        std::fs::write(dir.path().join("settings.ron"), "(coder: Some(").expect("write");
        let err = Settings::load(dir.path()).expect_err("broken");
        assert!(err.to_string().contains("settings.ron"), "{err}");
        assert_eq!(Settings::name_from("   "), None);
    }
}
