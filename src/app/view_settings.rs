//! The window's look kept between runs: the theme and zoom the analyst chose, the window's size
//! and place (see [`Settings`]). Applied at start; written when they change (theme and zoom at
//! once, size and place at most every few seconds while the window is dragged, and once more
//! when the window closes).

use super::BriefingApp;
use crate::storage::settings::Settings;
use std::time::{Duration, Instant};

/// How often a window being resized or moved writes its settings.
const WRITE_EVERY: Duration = Duration::from_secs(2);

/// What was last written, and when.
#[derive(Debug)]
pub(super) struct Kept {
    last_write: Instant,
    /// A change waits to be written.
    pending: bool,
}

impl Default for Kept {
    fn default() -> Self {
        Self {
            last_write: Instant::now(),
            pending: false,
        }
    }
}

impl BriefingApp {
    /// The theme and zoom of the settings, at start.
    pub(super) fn apply_view_settings(&mut self, ctx: &egui::Context) {
        self.ui.dark = self.settings.dark;
        ctx.set_theme(if self.ui.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        if let Some(zoom) = self.settings.zoom.filter(|z| (0.5..=3.0).contains(z)) {
            ctx.set_zoom_factor(zoom);
        }
    }

    /// Notes what changed this frame and writes it when due.
    pub(super) fn keep_view_settings(&mut self, ctx: &egui::Context) {
        let zoom = (ctx.zoom_factor() * 100.0).round() / 100.0;
        let (inner, outer, closing) = ctx.input(|i| {
            let v = i.viewport();
            (v.inner_rect, v.outer_rect, v.close_requested())
        });
        let mut now = self.settings.clone();
        now.dark = self.ui.dark;
        now.zoom = ((zoom - 1.0).abs() > f32::EPSILON).then_some(zoom);
        // The desktop's logical pixels: egui's points times the zoom.
        if let Some(r) = inner {
            now.window_size = Some([r.width() * zoom, r.height() * zoom]);
        }
        if let Some(r) = outer {
            now.window_position = Some([r.min.x * zoom, r.min.y * zoom]);
        }
        let look_changed = now.dark != self.settings.dark || now.zoom != self.settings.zoom;
        if now != self.settings {
            self.settings = now;
            self.kept.pending = true;
        }
        let due = look_changed || self.kept.last_write.elapsed() >= WRITE_EVERY;
        if self.kept.pending && (due || closing) {
            self.write_settings(closing);
        }
    }

    /// Writes the settings: on a thread, or here when the window is closing (the process may
    /// end before a thread would finish).
    pub(super) fn write_settings(&mut self, now: bool) {
        let Some(dir) = self.config_dir.clone() else {
            return;
        };
        self.kept.pending = false;
        self.kept.last_write = Instant::now();
        let settings: Settings = self.settings.clone();
        if now {
            let _ = settings.save(&dir);
        } else {
            self.jobs.write("settings", move || {
                settings
                    .save(&dir)
                    .map_err(|e| format!("Your settings could not be saved: {e}"))
            });
        }
    }
}
