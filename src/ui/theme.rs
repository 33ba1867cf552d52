//! Every colour the window uses, for the light and the dark theme. Widgets ask here; no colour
//! is written anywhere else. Colour is never the only signal: stances also carry a symbol and a
//! word, hand-set cells a pencil mark, mentions an underline.

use crate::model::Stance;
use crate::model::matrix::Provenance;
use crate::model::session::PALETTE_SIZE;
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

/// Actor colours on the light theme. Each place has one hue in both themes (so an actor's
/// colour is learned once: blue stays blue), darker here and lighter on the dark theme. Found
/// by a search (`tools/palette-search.py`) over hues near the first palette's: readable as text
/// on the theme (contrast at least 4.5:1), no two closer than 18 (CIEDE2000), the first six at
/// least 10 apart for deuteranopes and protanopes too. See the tests.
const LIGHT_ACTORS: [[u8; 3]; PALETTE_SIZE] = [
    [11, 115, 161],
    [129, 68, 52],
    [170, 20, 92],
    [177, 91, 0],
    [1, 128, 117],
    [19, 63, 222],
    [228, 0, 49],
    [101, 122, 2],
    [121, 98, 151],
    [198, 0, 196],
    [2, 98, 43],
    [107, 81, 0],
];

/// The same places for the dark theme.
const DARK_ACTORS: [[u8; 3]; PALETTE_SIZE] = [
    [114, 199, 255],
    [254, 180, 160],
    [254, 146, 182],
    [230, 121, 1],
    [1, 234, 216],
    [146, 134, 255],
    [255, 96, 94],
    [142, 158, 62],
    [220, 191, 254],
    [252, 88, 247],
    [7, 222, 104],
    [230, 190, 104],
];

/// The colour at palette place `place` (kept in the session for each actor, see
/// [`crate::model::session::Session::colour`]), the same in the matrix and the reader.
pub fn actor_colour(place: Option<usize>, dark: bool) -> Color32 {
    let Some(row) = place else {
        return weak_text(dark);
    };
    let palette = if dark { &DARK_ACTORS } else { &LIGHT_ACTORS };
    let [r, g, b] = palette[row % palette.len()];
    Color32::from_rgb(r, g, b)
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

#[cfg(test)]
// The formulas keep their published single-letter names and forms.
#[allow(
    clippy::many_single_char_names,
    clippy::manual_midpoint,
    clippy::similar_names,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
mod colour_tests {
    //! Colour distance by CIEDE2000 (Sharma, Wu and Dalal's formulation), colour-vision
    //! deficiency by the Machado, Oliveira and Fernandes (2009) matrices at full severity.
    use super::{DARK_ACTORS, LIGHT_ACTORS};

    fn linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    fn encode(c: f64) -> u8 {
        let c = c.clamp(0.0, 1.0);
        let v = if c <= 0.003_130_8 {
            12.92 * c
        } else {
            1.055 * c.powf(1.0 / 2.4) - 0.055
        };
        // In 0..=255 after the clamp.
        (v * 255.0).round() as u8
    }

    fn lab(rgb: [u8; 3]) -> [f64; 3] {
        let [r, g, b] = rgb.map(linear);
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
        let f = |t: f64| {
            if t > 216.0 / 24389.0 {
                t.cbrt()
            } else {
                (24389.0 / 27.0 * t + 16.0) / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    fn ciede2000(one: [f64; 3], two: [f64; 3]) -> f64 {
        let [l1, a1, b1] = one;
        let [l2, a2, b2] = two;
        let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
        let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
        let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
        let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
        let hue = |b: f64, a: f64| b.atan2(a).to_degrees().rem_euclid(360.0);
        let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
        let dlp = l2 - l1;
        let dcp = c2p - c1p;
        let mut dhp = h2p - h1p;
        if c1p * c2p == 0.0 {
            dhp = 0.0;
        } else if dhp > 180.0 {
            dhp -= 360.0;
        } else if dhp < -180.0 {
            dhp += 360.0;
        }
        let dhp_big = 2.0 * (c1p * c2p).sqrt() * (dhp / 2.0).to_radians().sin();
        let lbp = (l1 + l2) / 2.0;
        let cbp = (c1p + c2p) / 2.0;
        let hbp = if c1p * c2p == 0.0 {
            h1p + h2p
        } else if (h1p - h2p).abs() <= 180.0 {
            (h1p + h2p) / 2.0
        } else if h1p + h2p < 360.0 {
            (h1p + h2p + 360.0) / 2.0
        } else {
            (h1p + h2p - 360.0) / 2.0
        };
        let t = 1.0 - 0.17 * (hbp - 30.0).to_radians().cos()
            + 0.24 * (2.0 * hbp).to_radians().cos()
            + 0.32 * (3.0 * hbp + 6.0).to_radians().cos()
            - 0.20 * (4.0 * hbp - 63.0).to_radians().cos();
        let d_theta = 30.0 * (-((hbp - 275.0) / 25.0).powi(2)).exp();
        let rc = 2.0 * (cbp.powi(7) / (cbp.powi(7) + 25f64.powi(7))).sqrt();
        let sl = 1.0 + 0.015 * (lbp - 50.0).powi(2) / (20.0 + (lbp - 50.0).powi(2)).sqrt();
        let sc = 1.0 + 0.045 * cbp;
        let sh = 1.0 + 0.015 * cbp * t;
        let rt = -(2.0 * d_theta).to_radians().sin() * rc;
        ((dlp / sl).powi(2)
            + (dcp / sc).powi(2)
            + (dhp_big / sh).powi(2)
            + rt * (dcp / sc) * (dhp_big / sh))
            .sqrt()
    }

    const DEUTERANOPIA: [[f64; 3]; 3] = [
        [0.367_322, 0.860_646, -0.227_968],
        [0.280_085, 0.672_501, 0.047_413],
        [-0.011_820, 0.042_940, 0.968_881],
    ];
    const PROTANOPIA: [[f64; 3]; 3] = [
        [0.152_286, 1.052_583, -0.204_868],
        [0.114_503, 0.786_281, 0.099_216],
        [-0.003_882, -0.048_116, 1.051_998],
    ];

    fn seen_with(rgb: [u8; 3], m: &[[f64; 3]; 3]) -> [u8; 3] {
        let v = rgb.map(linear);
        [0, 1, 2].map(|i| encode(m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2]))
    }

    fn min_distance(colours: &[[u8; 3]]) -> f64 {
        let mut min = f64::MAX;
        for (i, a) in colours.iter().enumerate() {
            for b in &colours[i + 1..] {
                min = min.min(ciede2000(lab(*a), lab(*b)));
            }
        }
        min
    }

    fn luminance(rgb: [u8; 3]) -> f64 {
        let [r, g, b] = rgb.map(linear);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    #[test]
    fn the_formula_gives_the_published_values() {
        // Sharma, Wu and Dalal (2005), test pairs 1 and 17.
        let d = ciede2000([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485]);
        assert!((d - 2.0425).abs() < 1e-4, "{d}");
        let d = ciede2000([50.0, 2.5, 0.0], [73.0, 25.0, -18.0]);
        assert!((d - 27.1492).abs() < 1e-4, "{d}");
    }

    #[test]
    fn the_twelve_actor_colours_are_told_apart_in_both_themes() {
        for (name, palette, background) in [
            ("light", LIGHT_ACTORS, [248, 248, 248]),
            ("dark", DARK_ACTORS, [27, 27, 27]),
        ] {
            let d = min_distance(&palette);
            assert!(d >= 18.0, "{name}: two colours only {d:.1} apart");
            // The first six also for the two common red-green deficiencies.
            for (deficiency, m) in [("deuteranopia", &DEUTERANOPIA), ("protanopia", &PROTANOPIA)] {
                let seen: Vec<[u8; 3]> = palette[..6].iter().map(|c| seen_with(*c, m)).collect();
                let d = min_distance(&seen);
                assert!(d >= 10.0, "{name}, {deficiency}: {d:.1}");
            }
            // Readable as text on the theme's background (WCAG contrast 4.5:1 for body text),
            // and a colour, not a grey.
            for c in palette {
                let (a, b) = (luminance(c), luminance(background));
                let contrast = (a.max(b) + 0.05) / (a.min(b) + 0.05);
                assert!(contrast >= 4.5, "{name}: {c:?} has contrast {contrast:.2}");
                let [_, a, b] = lab(c);
                assert!(a.hypot(b) >= 30.0, "{name}: {c:?} is nearly grey");
            }
        }
        // Each place keeps its hue from one theme to the other.
        for (light, dark) in LIGHT_ACTORS.iter().zip(DARK_ACTORS) {
            let hue = |c: [u8; 3]| {
                let [_, a, b] = lab(c);
                b.atan2(a).to_degrees()
            };
            let turn = (hue(*light) - hue(dark)).rem_euclid(360.0);
            let turn = turn.min(360.0 - turn);
            assert!(
                turn <= 25.0,
                "{light:?} and {dark:?} are {turn:.0}° apart in hue"
            );
        }
    }
}
