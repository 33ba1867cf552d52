//! The window's commands: each user action's label, shortcut and tooltip, defined once. Menus
//! show the shortcut; the key handler and the menus both read from here.

use crate::model::Stance;
use egui::{Key, KeyboardShortcut, Modifiers};

/// An action the user can take from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    OpenArticles,
    OpenFolder,
    OpenSession,
    Save,
    SaveAs,
    Export,
    ImportCodebook,
    ExportCodebook,
    OpenPath,
    CloseArticle,
    Quit,
    Undo,
    Redo,
    AddActor,
    AddTopic,
    AttachSentence,
    SetStance(Stance),
    AcceptSuggestion,
    RejectSuggestion,
    ClearHandStance,
    GroupPeople,
    /// Ctrl+F: the matrix's find box takes the keyboard.
    FindInMatrix,
    ToggleTheme,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Shortcuts,
    ClearSelection,
    /// Each move has a second key: h, j, k, l, the arrow keys under the fingers, as in a
    /// spreadsheet or an editor.
    MoveUp,
    MoveDown,
    MoveLeft,
    MoveRight,
    NextPanel,
    PreviousPanel,
    ToggleOutline,
    Palette,
    /// F10 (or Alt pressed and let go alone): the menu bar takes the keyboard.
    MenuBar,
    /// Another coder's session beside this one.
    CompareSession,
    StopComparing,
    /// Take another coder's session into this one.
    MergeSession,
    /// The analyst's name and other settings.
    Preferences,
    /// F8 and Shift+F8: the next (previous) cell where coders differ.
    NextDisagreement,
    PreviousDisagreement,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
/// Ctrl even on a Mac, where Cmd+Tab belongs to the system.
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::CTRL
};

impl UiCommand {
    /// Every command, in the order of the menus and of the shortcut list (F1).
    pub const ALL: [UiCommand; 48] = [
        UiCommand::OpenArticles,
        UiCommand::OpenFolder,
        UiCommand::OpenPath,
        UiCommand::OpenSession,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::Export,
        UiCommand::ImportCodebook,
        UiCommand::ExportCodebook,
        UiCommand::CompareSession,
        UiCommand::StopComparing,
        UiCommand::MergeSession,
        UiCommand::NextDisagreement,
        UiCommand::PreviousDisagreement,
        UiCommand::CloseArticle,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::AddActor,
        UiCommand::AddTopic,
        UiCommand::AttachSentence,
        UiCommand::Preferences,
        UiCommand::SetStance(Stance::Support),
        UiCommand::SetStance(Stance::LeanSupport),
        UiCommand::SetStance(Stance::Neutral),
        UiCommand::SetStance(Stance::LeanOppose),
        UiCommand::SetStance(Stance::Oppose),
        UiCommand::SetStance(Stance::Mixed),
        UiCommand::AcceptSuggestion,
        UiCommand::RejectSuggestion,
        UiCommand::ClearHandStance,
        UiCommand::ClearSelection,
        UiCommand::MoveUp,
        UiCommand::MoveDown,
        UiCommand::MoveLeft,
        UiCommand::MoveRight,
        UiCommand::NextPanel,
        UiCommand::PreviousPanel,
        UiCommand::GroupPeople,
        UiCommand::FindInMatrix,
        UiCommand::ToggleTheme,
        UiCommand::ZoomIn,
        UiCommand::ZoomOut,
        UiCommand::ZoomReset,
        UiCommand::Shortcuts,
        UiCommand::ToggleOutline,
        UiCommand::Palette,
        UiCommand::MenuBar,
    ];

    /// Whether this hands the keyboard to a dialog, a field or the menus: keys typed after
    /// it are theirs, not shortcuts.
    pub fn takes_keyboard(self) -> bool {
        matches!(
            self,
            Self::OpenSession
                | Self::SaveAs
                | Self::OpenPath
                | Self::Export
                | Self::AddActor
                | Self::AddTopic
                | Self::FindInMatrix
                | Self::Shortcuts
                | Self::Palette
                | Self::MenuBar
                | Self::Preferences
        )
    }

    /// Whether this moves the selection (arrow keys, h/j/k/l).
    pub fn is_move(self) -> bool {
        matches!(
            self,
            Self::MoveUp | Self::MoveDown | Self::MoveLeft | Self::MoveRight
        )
    }

    /// Every (shortcut, command) pair, in the order the key handler tries them: those with
    /// more modifiers first, so that Ctrl+Shift+Z is not taken for Ctrl+Z (egui lets a
    /// pattern without Shift match a press with Shift).
    pub fn by_shortcut() -> &'static [(KeyboardShortcut, UiCommand)] {
        static PAIRS: std::sync::LazyLock<Vec<(KeyboardShortcut, UiCommand)>> =
            std::sync::LazyLock::new(UiCommand::shortcut_pairs);
        &PAIRS
    }

    fn shortcut_pairs() -> Vec<(KeyboardShortcut, UiCommand)> {
        let mut pairs: Vec<(KeyboardShortcut, UiCommand)> = Self::ALL
            .iter()
            .flat_map(|c| c.shortcuts().iter().map(move |s| (*s, *c)))
            .collect();
        let held = |m: Modifiers| {
            u8::from(m.shift) + u8::from(m.command || m.ctrl || m.mac_cmd) + u8::from(m.alt)
        };
        // A stable sort keeps the menu order among shortcuts with as many modifiers.
        pairs.sort_by_key(|(s, _)| std::cmp::Reverse(held(s.modifiers)));
        pairs
    }

    /// The text in menus and buttons.
    pub fn label(self) -> &'static str {
        match self {
            Self::OpenArticles => "Open articles…",
            Self::OpenFolder => "Open folder…",
            Self::OpenSession => "Open session…",
            Self::Save => "Save session",
            Self::SaveAs => "Save session as…",
            Self::Export => "Export…",
            Self::ImportCodebook => "Import codebook…",
            Self::ExportCodebook => "Export codebook…",
            Self::OpenPath => "Open by path…",
            Self::CloseArticle => "Close article",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::AddActor => "Add actor…",
            Self::AddTopic => "Add topic…",
            Self::AttachSentence => "Attach selected sentence as evidence",
            Self::SetStance(Stance::Support) => "Support",
            Self::SetStance(Stance::LeanSupport) => "Lean support",
            Self::SetStance(Stance::Neutral) => "Neutral",
            Self::SetStance(Stance::LeanOppose) => "Lean oppose",
            Self::SetStance(Stance::Oppose) => "Oppose",
            Self::SetStance(Stance::Mixed) => "Mixed",
            Self::AcceptSuggestion => "Accept suggestion",
            Self::RejectSuggestion => "Reject suggestion",
            Self::ClearHandStance => "Clear hand stance",
            Self::GroupPeople => "Group people under their country",
            Self::FindInMatrix => "Find in the matrix…",
            Self::ToggleTheme => "Dark theme",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Reset zoom",
            Self::Shortcuts => "Keyboard shortcuts",
            Self::ClearSelection => "Clear the selection",
            Self::MoveUp => "Up",
            Self::MoveDown => "Down",
            Self::MoveLeft => "Left",
            Self::MoveRight => "Right",
            Self::NextPanel => "Next panel",
            Self::PreviousPanel => "Previous panel",
            Self::MenuBar => "Menu bar",
            Self::ToggleOutline => "Show or hide the outline",
            Self::Palette => "Find a command…",
            Self::CompareSession => "Compare with session…",
            Self::StopComparing => "Stop comparing",
            Self::MergeSession => "Merge session…",
            Self::Preferences => "Preferences…",
            Self::NextDisagreement => "Next disagreement",
            Self::PreviousDisagreement => "Previous disagreement",
        }
    }

    /// A sentence explaining the command, shown on hover.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::OpenArticles => {
                "Choose one or more articles (.txt, .md, .html) in the file dialog"
            }
            Self::OpenPath => "Type the path of an article to open (works without a file dialog)",
            Self::OpenFolder => {
                "Open every article (.txt, .md, .html) in a folder and the folders below it"
            }
            Self::CloseArticle => {
                "Take the article shown out of the session; its annotations stay, and undo brings it back"
            }
            Self::OpenSession => "Open a saved session: your articles and every hand edit",
            Self::Save => "Save the session (articles and hand edits) in your config folder",
            Self::Export => {
                "Write the matrix as it stands (hand stances, accepted suggestions, notes, evidence) as a Markdown briefing, JSON or CSV"
            }
            Self::SaveAs => {
                "Save the session under a new name, or anywhere through the file dialog"
            }
            Self::ImportCodebook => {
                "Use your own list of topics and actors (a codebook .ron file): stances land on its topics first"
            }
            Self::ExportCodebook => {
                "Write the session's codebook to a .ron file, to share the same columns with others"
            }
            Self::Quit => "Close Briefing",
            Self::Undo => "Take back the last edit",
            Self::Redo => "Do again what was undone",
            Self::AddActor => "Add an actor the analysis did not find",
            Self::AddTopic => "Add a topic the analysis did not find",
            Self::AttachSentence => {
                "Attach the sentence selected in the reader to the selected cell as evidence"
            }
            Self::SetStance(_) => {
                "Set this stance by hand on the selected cell; it wins over the suggestion"
            }
            Self::AcceptSuggestion => "Keep the suggested stance of the selected cell as reviewed",
            Self::RejectSuggestion => {
                "Mark the suggestion of the selected cell as wrong; the cell then shows nothing"
            }
            Self::ClearHandStance => {
                "Remove the hand stance of the selected cell; the suggestion shows again"
            }
            Self::GroupPeople => "Show people under their country instead of on rows of their own",
            Self::FindInMatrix => {
                "Type part of an actor's or topic's name to show only those (with their cells); Escape clears it"
            }
            Self::ToggleTheme => "Switch between the light and the dark theme",
            Self::ZoomIn => "Make everything larger",
            Self::ZoomOut => "Make everything smaller",
            Self::ZoomReset => "Back to the normal size",
            Self::Shortcuts => "List every keyboard shortcut",
            Self::ClearSelection => "Deselect the cell, actor, topic and sentence",
            Self::MoveUp => {
                "Matrix: the cell above; reader: the sentence before; outline and card: the control above"
            }
            Self::MoveDown => {
                "Matrix: the cell below; reader: the next sentence; outline and card: the control below"
            }
            Self::MoveLeft => "Matrix: the cell to the left; reader: the article before",
            Self::MoveRight => "Matrix: the cell to the right; reader: the next article",
            Self::NextPanel => "Move the keyboard to the next panel: outline, reader, matrix, card",
            Self::PreviousPanel => {
                "Move the keyboard to the panel before: card, matrix, reader, outline"
            }
            Self::MenuBar => {
                "Open the File menu from the keyboard; arrow keys move through the menus, Escape closes them"
            }
            Self::ToggleOutline => {
                "The list of articles and sections on the left (hidden at first in a narrow window)"
            }
            Self::Palette => "Type part of a command's name and press Enter to run it",
            Self::CompareSession => {
                "Compare this session with another coder's on the same articles: agreement (Krippendorff's alpha, Cohen's kappa) and the cells where you differ"
            }
            Self::StopComparing => "Show this session alone again",
            Self::Preferences => {
                "Your name, written on the stances you set and the suggestions you review"
            }
            Self::MergeSession => {
                "Take another coder's session on the same articles into this one: what it adds is taken, cells you set differently wait to be settled (undo with Ctrl+Z)"
            }
            Self::NextDisagreement => "Select the next cell where the coders differ",
            Self::PreviousDisagreement => "Select the cell before where the coders differ",
        }
    }

    /// The keyboard shortcuts, the one shown in menus first; most commands have one, a few
    /// have a second (Ctrl+Y for redo, j for down), the palette-only ones none.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const fn k(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(modifiers, key)
        }
        const NONE: Modifiers = Modifiers::NONE;
        match self {
            Self::OpenArticles => &const { [k(CMD, Key::O)] },
            Self::OpenFolder
            | Self::ImportCodebook
            | Self::ExportCodebook
            | Self::CompareSession
            | Self::StopComparing
            | Self::MergeSession => &[],
            Self::NextDisagreement => &const { [k(NONE, Key::F8)] },
            Self::Preferences => &const { [k(CMD, Key::Comma)] },
            Self::PreviousDisagreement => &const { [k(Modifiers::SHIFT, Key::F8)] },
            Self::OpenSession => &const { [k(CMD_SHIFT, Key::O)] },
            Self::Save => &const { [k(CMD, Key::S)] },
            Self::SaveAs => &const { [k(CMD_SHIFT, Key::S)] },
            Self::Export => &const { [k(CMD_SHIFT, Key::E)] },
            Self::OpenPath => &const { [k(CMD, Key::L)] },
            Self::CloseArticle => &const { [k(CMD, Key::W)] },
            Self::Quit => &const { [k(CMD, Key::Q)] },
            Self::Undo => &const { [k(CMD, Key::Z)] },
            Self::Redo => &const { [k(CMD_SHIFT, Key::Z), k(CMD, Key::Y)] },
            Self::AddActor => &const { [k(CMD_SHIFT, Key::A)] },
            Self::AddTopic => &const { [k(CMD_SHIFT, Key::T)] },
            Self::AttachSentence => &const { [k(CMD, Key::E)] },
            Self::SetStance(Stance::Support) => &const { [k(NONE, Key::Num1)] },
            Self::SetStance(Stance::LeanSupport) => &const { [k(NONE, Key::Num2)] },
            Self::SetStance(Stance::Neutral) => &const { [k(NONE, Key::Num3)] },
            Self::SetStance(Stance::LeanOppose) => &const { [k(NONE, Key::Num4)] },
            Self::SetStance(Stance::Oppose) => &const { [k(NONE, Key::Num5)] },
            Self::SetStance(Stance::Mixed) => &const { [k(NONE, Key::Num6)] },
            Self::AcceptSuggestion => &const { [k(NONE, Key::Enter)] },
            Self::RejectSuggestion => &const { [k(NONE, Key::Delete)] },
            Self::ClearHandStance => &const { [k(NONE, Key::Backspace)] },
            Self::GroupPeople => &const { [k(CMD, Key::G)] },
            Self::FindInMatrix => &const { [k(CMD, Key::F)] },
            Self::ToggleTheme => &const { [k(CMD, Key::T)] },
            Self::ZoomIn => &const { [k(CMD, Key::Plus), k(CMD, Key::Equals)] },
            Self::ZoomOut => &const { [k(CMD, Key::Minus)] },
            Self::ZoomReset => &const { [k(CMD, Key::Num0)] },
            Self::Shortcuts => &const { [k(NONE, Key::F1)] },
            Self::ClearSelection => &const { [k(NONE, Key::Escape)] },
            Self::MoveUp => &const { [k(NONE, Key::ArrowUp), k(NONE, Key::K)] },
            Self::MoveDown => &const { [k(NONE, Key::ArrowDown), k(NONE, Key::J)] },
            Self::MoveLeft => &const { [k(NONE, Key::ArrowLeft), k(NONE, Key::H)] },
            Self::MoveRight => &const { [k(NONE, Key::ArrowRight), k(NONE, Key::L)] },
            Self::NextPanel => &const { [k(NONE, Key::F6), k(Modifiers::CTRL, Key::Tab)] },
            Self::PreviousPanel => {
                &const { [k(Modifiers::SHIFT, Key::F6), k(CTRL_SHIFT, Key::Tab)] }
            }
            Self::MenuBar => &const { [k(NONE, Key::F10)] },
            Self::ToggleOutline => &const { [k(CMD, Key::B)] },
            Self::Palette => &const { [k(CMD, Key::K)] },
        }
    }

    /// The shortcut menus and buttons show.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// The commands whose name contains every word of `query` (any case), in menu order; the
    /// palette itself is left out.
    pub fn matching(query: &str) -> Vec<UiCommand> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        Self::ALL
            .into_iter()
            .filter(|c| *c != Self::Palette)
            .filter(|c| {
                let name = c.label().to_lowercase();
                words.iter().all(|w| name.contains(w.as_str()))
            })
            .collect()
    }

    /// Whether `shortcut` is a bare key that types or edits text (a digit, a letter, an arrow,
    /// Enter, Escape), which must not fire while the user types in a field. Function keys are
    /// never text, so F1, F6 and F10 work from a field too.
    pub fn is_bare_key(shortcut: &KeyboardShortcut) -> bool {
        shortcut.modifiers.is_none() && !is_function_key(shortcut.logical_key)
    }
}

/// F1 to F35.
fn is_function_key(key: Key) -> bool {
    let name = key.name();
    name.len() > 1 && name.starts_with('F') && name[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The left Alt pressed and let go with nothing between opens the menu bar, as on most
/// desktops (the right one is `AltGr` on many layouts, for typing). Fed every frame's events;
/// any other key, click or scroll while Alt is down makes it a modifier instead.
#[derive(Debug, Default)]
pub struct AltTap {
    armed: bool,
}

impl AltTap {
    /// Whether these events end an Alt tap.
    pub fn feed(&mut self, events: &[egui::Event]) -> bool {
        let mut tapped = false;
        for event in events {
            match event {
                egui::Event::Key {
                    key: Key::AltLeft,
                    pressed,
                    repeat,
                    modifiers,
                    ..
                } => {
                    if !*pressed {
                        tapped |= self.armed;
                        self.armed = false;
                    } else if !*repeat {
                        self.armed = !(modifiers.ctrl || modifiers.shift || modifiers.mac_cmd);
                    }
                }
                egui::Event::ModifiersChanged(m) if m.ctrl || m.shift || m.mac_cmd => {
                    self.armed = false;
                }
                egui::Event::Key { .. }
                | egui::Event::Text(_)
                | egui::Event::PointerButton { .. }
                | egui::Event::MouseWheel { .. }
                | egui::Event::WindowFocused(_) => self.armed = false,
                _ => {}
            }
        }
        tapped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = HashSet::new();
        for (s, c) in UiCommand::by_shortcut() {
            let (s, c) = (*s, *c);
            assert!(
                seen.insert((
                    s.modifiers.command,
                    s.modifiers.shift,
                    s.modifiers.alt,
                    s.logical_key
                )),
                "{c:?} reuses a shortcut"
            );
        }
        // Second keys are listed under their command, not as commands of their own.
        assert_eq!(
            UiCommand::Redo.shortcuts()[1],
            KeyboardShortcut::new(CMD, Key::Y)
        );
        assert_eq!(UiCommand::MoveDown.shortcuts().len(), 2);
    }

    #[test]
    fn every_command_is_listed_once_with_words() {
        let unique: HashSet<_> = UiCommand::ALL.iter().collect();
        assert_eq!(unique.len(), UiCommand::ALL.len());
        for c in UiCommand::ALL {
            assert!(!c.label().is_empty() && !c.tooltip().is_empty(), "{c:?}");
        }
        // Modifiers first: Ctrl+Shift+Z must be tried before Ctrl+Z, since egui lets a pattern
        // without Shift match a press with Shift.
        let pairs = UiCommand::by_shortcut();
        for (i, (sa, a)) in pairs.iter().enumerate() {
            for (sb, b) in &pairs[..i] {
                if sa.logical_key == sb.logical_key {
                    assert!(
                        !sa.modifiers.shift || sb.modifiers.shift,
                        "{a:?} must come before {b:?}"
                    );
                }
            }
        }
        let redo = pairs
            .iter()
            .position(|(s, _)| *s == UiCommand::Redo.shortcuts()[0]);
        let undo = pairs
            .iter()
            .position(|(s, _)| *s == UiCommand::Undo.shortcuts()[0]);
        assert!(redo < undo, "Ctrl+Shift+Z is tried before Ctrl+Z");
    }

    #[test]
    fn alt_alone_opens_the_menus_and_alt_with_a_key_does_not() {
        use egui::Event::{Key as K, ModifiersChanged as M};
        let key = |key, pressed, modifiers| K {
            key,
            physical_key: Some(key),
            pressed,
            repeat: false,
            modifiers,
        };
        // What the window gets for a tap of the left Alt (seen under X11): the key, then the
        // modifier change, for the press and for the release.
        let down = [key(Key::AltLeft, true, Modifiers::NONE), M(Modifiers::ALT)];
        let up = [key(Key::AltLeft, false, Modifiers::ALT), M(Modifiers::NONE)];
        let mut tap = AltTap::default();
        assert!(tap.feed(&[down.clone(), up.clone()].concat()));
        // Down and up in different frames, held a while (the key repeats).
        assert!(!tap.feed(&down));
        let mut held = key(Key::AltLeft, true, Modifiers::ALT);
        if let K { repeat, .. } = &mut held {
            *repeat = true;
        }
        assert!(!tap.feed(&[held]));
        assert!(tap.feed(&up));
        // Alt+F is a shortcut, not a tap; so is Alt with Shift, and Alt pressed with Ctrl.
        let alt_f = key(Key::F, true, Modifiers::ALT);
        assert!(!tap.feed(&[down.to_vec(), vec![alt_f], up.to_vec()].concat()));
        assert!(
            !tap.feed(
                &[
                    down.to_vec(),
                    vec![M(Modifiers::ALT | Modifiers::SHIFT)],
                    up.to_vec()
                ]
                .concat()
            )
        );
        assert!(!tap.feed(&[key(Key::AltLeft, true, Modifiers::CTRL), up[0].clone()]));
        // Alt+Tab away and back: the window lost focus in between.
        assert!(
            !tap.feed(
                &[
                    down.to_vec(),
                    vec![egui::Event::WindowFocused(false)],
                    up.to_vec()
                ]
                .concat()
            )
        );
        // The right Alt (AltGr) is for typing.
        assert!(!tap.feed(&[
            key(Key::AltRight, true, Modifiers::NONE),
            key(Key::AltRight, false, Modifiers::ALT)
        ]));
    }

    #[test]
    fn function_keys_work_while_typing_and_text_keys_do_not() {
        let first = |c: UiCommand| c.shortcuts()[0];
        assert!(UiCommand::is_bare_key(&first(UiCommand::SetStance(
            Stance::Support
        ))));
        assert!(UiCommand::is_bare_key(&UiCommand::MoveDown.shortcuts()[1]));
        assert!(UiCommand::is_bare_key(&first(UiCommand::ClearSelection)));
        assert!(!UiCommand::is_bare_key(&first(UiCommand::NextPanel)));
        assert!(!UiCommand::is_bare_key(&first(UiCommand::MenuBar)));
        assert!(!UiCommand::is_bare_key(&first(UiCommand::Shortcuts)));
        assert!(!UiCommand::is_bare_key(&first(UiCommand::Save)));
    }

    #[test]
    fn the_palette_finds_commands_by_words_of_their_names() {
        assert_eq!(UiCommand::matching("theme"), vec![UiCommand::ToggleTheme]);
        assert_eq!(UiCommand::matching("SAVE as"), vec![UiCommand::SaveAs]);
        let all = UiCommand::matching("");
        assert!(!all.contains(&UiCommand::Palette));
        assert_eq!(all.len(), UiCommand::ALL.len() - 1);
        assert_eq!(UiCommand::matching("redo"), vec![UiCommand::Redo]);
        assert!(UiCommand::matching("no such thing").is_empty());
    }
}
