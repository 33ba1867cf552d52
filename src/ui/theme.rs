//! Every colour the window uses, for the light and the dark theme. Widgets ask here; no colour
//! is written anywhere else. Colour is never the only signal: stances also carry a symbol and a
//! word, hand-set cells a pencil mark, mentions an underline.

use crate::model::Stance;
use crate::model::matrix::Provenance;
use egui::Color32;

/// Fill of a stance cell.
pub fn stance_fill(stance: Stance, dark: bool, provenance: Provenance) -> Color32 {
    let [r, g, b] = stance.rgb();
    let alpha = match provenance {
        Provenance::Hand | Provenance::Accepted => 255,
        Provenance::Suggested => {
            if dark {
                120
            } else {
                110
            }
        }
    };
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// Text on a stance cell.
pub fn stance_text(dark: bool, provenance: Provenance) -> Color32 {
    match (provenance, dark) {
        (Provenance::Suggested, false) => Color32::from_rgb(20, 20, 20),
        _ => Color32::WHITE,
    }
}

/// A colour per actor that stays the same whatever else is open: a hue picked from the actor's
/// id, dark enough to read on the light theme and light enough on the dark one.
pub fn actor_colour_for(id: &str, dark: bool) -> Color32 {
    // FNV-1a over the id: stable across runs and platforms.
    let mut hash: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    let hue = (hash % 360) as f32 / 360.0;
    let (saturation, value) = if dark { (0.45, 0.95) } else { (0.85, 0.55) };
    egui::ecolor::Hsva::new(hue, saturation, value, 1.0).into()
}

/// Background of a cue word in the text.
pub fn cue_background(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(90, 80, 20)
    } else {
        Color32::from_rgb(255, 236, 140)
    }
}

/// Text of a cue word on its marked background.
pub fn cue_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 245, 200)
    } else {
        Color32::from_rgb(40, 30, 0)
    }
}

/// Background of the selected sentence.
pub fn selected_sentence(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(40, 70, 110)
    } else {
        Color32::from_rgb(200, 225, 255)
    }
}

/// Background of sentences that are evidence for the selected cell.
pub fn evidence_sentence(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(45, 55, 45)
    } else {
        Color32::from_rgb(226, 242, 226)
    }
}

/// Colour of error messages.
pub fn error_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 140, 120)
    } else {
        Color32::from_rgb(170, 30, 20)
    }
}

/// Colour of the article's text in the reader.
pub fn reader_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(220)
    } else {
        Color32::from_gray(25)
    }
}

/// Colour of less important text (dateline, counts).
pub fn weak_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(150)
    } else {
        Color32::from_gray(100)
    }
}
