//! The window's commands: each user action's label, shortcut and tooltip, defined once. Menus
//! show the shortcut; the key handler and the menus both read from here.

use crate::model::Stance;
use egui::{Key, KeyboardShortcut, Modifiers};

/// An action the user can take from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    OpenArticles,
    OpenSession,
    Save,
    SaveAs,
    Export,
    OpenPath,
    CloseArticle,
    Quit,
    Undo,
    Redo,
    RedoAlt,
    AddActor,
    AddTopic,
    AttachSentence,
    SetStance(Stance),
    AcceptSuggestion,
    RejectSuggestion,
    ClearHandStance,
    GroupPeople,
    ToggleTheme,
    ZoomIn,
    ZoomInAlt,
    ZoomOut,
    ZoomReset,
    Shortcuts,
    ClearSelection,
    MoveUp,
    MoveDown,
    MoveLeft,
    MoveRight,
    /// h, j, k, l: the arrow keys under the fingers, as in a spreadsheet or an editor.
    MoveUpAlt,
    MoveDownAlt,
    MoveLeftAlt,
    MoveRightAlt,
    NextPanel,
    NextPanelAlt,
    PreviousPanel,
    PreviousPanelAlt,
    ToggleOutline,
    Palette,
    /// F10 (or Alt pressed and let go alone): the menu bar takes the keyboard.
    MenuBar,
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
    /// Every command, in the order the shortcut handler tries them: those with more modifiers
    /// first, so Ctrl+Shift+Z is not taken for Ctrl+Z.
    pub const ALL: [UiCommand; 46] = [
        UiCommand::Redo,
        UiCommand::OpenSession,
        UiCommand::SaveAs,
        UiCommand::Export,
        UiCommand::OpenArticles,
        UiCommand::Save,
        UiCommand::OpenPath,
        UiCommand::CloseArticle,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::RedoAlt,
        UiCommand::AddActor,
        UiCommand::AddTopic,
        UiCommand::AttachSentence,
        UiCommand::SetStance(Stance::Support),
        UiCommand::SetStance(Stance::LeanSupport),
        UiCommand::SetStance(Stance::Neutral),
        UiCommand::SetStance(Stance::LeanOppose),
        UiCommand::SetStance(Stance::Oppose),
        UiCommand::SetStance(Stance::Mixed),
        UiCommand::AcceptSuggestion,
        UiCommand::RejectSuggestion,
        UiCommand::ClearHandStance,
        UiCommand::GroupPeople,
        UiCommand::ToggleTheme,
        UiCommand::ZoomIn,
        UiCommand::ZoomInAlt,
        UiCommand::ZoomOut,
        UiCommand::ZoomReset,
        UiCommand::Shortcuts,
        UiCommand::ClearSelection,
        UiCommand::MoveUp,
        UiCommand::MoveDown,
        UiCommand::MoveLeft,
        UiCommand::MoveRight,
        UiCommand::MoveUpAlt,
        UiCommand::MoveDownAlt,
        UiCommand::MoveLeftAlt,
        UiCommand::MoveRightAlt,
        UiCommand::PreviousPanel,
        UiCommand::PreviousPanelAlt,
        UiCommand::NextPanel,
        UiCommand::NextPanelAlt,
        UiCommand::ToggleOutline,
        UiCommand::Palette,
        UiCommand::MenuBar,
    ];

    /// The command a second key stands for (Ctrl+Y for redo, j for down); others are their own.
    #[must_use]
    pub fn first_key(self) -> UiCommand {
        match self {
            Self::RedoAlt => Self::Redo,
            Self::ZoomInAlt => Self::ZoomIn,
            Self::MoveUpAlt => Self::MoveUp,
            Self::MoveDownAlt => Self::MoveDown,
            Self::MoveLeftAlt => Self::MoveLeft,
            Self::MoveRightAlt => Self::MoveRight,
            Self::NextPanelAlt => Self::NextPanel,
            Self::PreviousPanelAlt => Self::PreviousPanel,
            other => other,
        }
    }

    /// Whether this moves the selection (arrow keys, h/j/k/l).
    pub fn is_move(self) -> bool {
        matches!(
            self.first_key(),
            Self::MoveUp | Self::MoveDown | Self::MoveLeft | Self::MoveRight
        )
    }

    /// The order of the shortcut list (F1): as the menus have them.
    pub fn menu_order() -> Vec<UiCommand> {
        let mut all = Self::ALL.to_vec();
        let rank = |c: &UiCommand| match c {
            Self::OpenArticles
            | Self::OpenPath
            | Self::OpenSession
            | Self::Save
            | Self::SaveAs
            | Self::Export
            | Self::CloseArticle
            | Self::Quit => 0,
            Self::Undo
            | Self::Redo
            | Self::RedoAlt
            | Self::AddActor
            | Self::AddTopic
            | Self::AttachSentence => 1,
            Self::SetStance(_)
            | Self::AcceptSuggestion
            | Self::RejectSuggestion
            | Self::ClearHandStance
            | Self::ClearSelection
            | Self::MoveUp
            | Self::MoveDown
            | Self::MoveLeft
            | Self::MoveRight
            | Self::MoveUpAlt
            | Self::MoveDownAlt
            | Self::MoveLeftAlt
            | Self::MoveRightAlt
            | Self::NextPanel
            | Self::NextPanelAlt
            | Self::PreviousPanel
            | Self::PreviousPanelAlt => 2,
            _ => 3,
        };
        all.sort_by_key(|c| {
            (
                rank(c),
                *c == Self::Redo || *c == Self::RedoAlt,
                c.first_key() != *c,
            )
        });
        all
    }

    /// The text in menus and buttons.
    pub fn label(self) -> &'static str {
        match self {
            Self::OpenArticles => "Open articles…",
            Self::OpenSession => "Open session…",
            Self::Save => "Save session",
            Self::SaveAs => "Save session as…",
            Self::Export => "Export…",
            Self::OpenPath => "Open by path…",
            Self::CloseArticle => "Close article",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo | Self::RedoAlt => "Redo",
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
            Self::ToggleTheme => "Dark theme",
            Self::ZoomIn | Self::ZoomInAlt => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Reset zoom",
            Self::Shortcuts => "Keyboard shortcuts",
            Self::ClearSelection => "Clear the selection",
            Self::MoveUp | Self::MoveUpAlt => "Up",
            Self::MoveDown | Self::MoveDownAlt => "Down",
            Self::MoveLeft | Self::MoveLeftAlt => "Left",
            Self::MoveRight | Self::MoveRightAlt => "Right",
            Self::NextPanel | Self::NextPanelAlt => "Next panel",
            Self::PreviousPanel | Self::PreviousPanelAlt => "Previous panel",
            Self::MenuBar => "Menu bar",
            Self::ToggleOutline => "Show or hide the outline",
            Self::Palette => "Find a command…",
        }
    }

    /// A sentence explaining the command, shown on hover.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::OpenArticles => {
                "Choose one or more articles (.txt, .md, .html) in the file dialog"
            }
            Self::OpenPath => "Type the path of an article to open (works without a file dialog)",
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
            Self::Quit => "Close Briefing",
            Self::Undo => "Take back the last edit",
            Self::Redo | Self::RedoAlt => "Do again what was undone",
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
            Self::ToggleTheme => "Switch between the light and the dark theme",
            Self::ZoomIn | Self::ZoomInAlt => "Make everything larger",
            Self::ZoomOut => "Make everything smaller",
            Self::ZoomReset => "Back to the normal size",
            Self::Shortcuts => "List every keyboard shortcut",
            Self::ClearSelection => "Deselect the cell, actor, topic and sentence",
            Self::MoveUp | Self::MoveUpAlt => {
                "Matrix: the cell above; reader: the sentence before; outline and card: the control above"
            }
            Self::MoveDown | Self::MoveDownAlt => {
                "Matrix: the cell below; reader: the next sentence; outline and card: the control below"
            }
            Self::MoveLeft | Self::MoveLeftAlt => {
                "Matrix: the cell to the left; reader: the article before"
            }
            Self::MoveRight | Self::MoveRightAlt => {
                "Matrix: the cell to the right; reader: the next article"
            }
            Self::NextPanel | Self::NextPanelAlt => {
                "Move the keyboard to the next panel: outline, reader, matrix, card"
            }
            Self::PreviousPanel | Self::PreviousPanelAlt => {
                "Move the keyboard to the panel before: card, matrix, reader, outline"
            }
            Self::MenuBar => {
                "Open the File menu from the keyboard; arrow keys move through the menus, Escape closes them"
            }
            Self::ToggleOutline => {
                "The list of articles and sections on the left (hidden at first in a narrow window)"
            }
            Self::Palette => "Type part of a command's name and press Enter to run it",
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let k = |m, key| Some(KeyboardShortcut::new(m, key));
        match self {
            Self::OpenArticles => k(CMD, Key::O),
            Self::OpenSession => k(CMD_SHIFT, Key::O),
            Self::Save => k(CMD, Key::S),
            Self::SaveAs => k(CMD_SHIFT, Key::S),
            Self::Export => k(CMD_SHIFT, Key::E),
            Self::OpenPath => k(CMD, Key::L),
            Self::CloseArticle => k(CMD, Key::W),
            Self::Quit => k(CMD, Key::Q),
            Self::Undo => k(CMD, Key::Z),
            Self::Redo => k(CMD_SHIFT, Key::Z),
            Self::RedoAlt => k(CMD, Key::Y),
            Self::AddActor => k(CMD_SHIFT, Key::A),
            Self::AddTopic => k(CMD_SHIFT, Key::T),
            Self::AttachSentence => k(CMD, Key::E),
            Self::SetStance(s) => {
                let key = match s {
                    Stance::Support => Key::Num1,
                    Stance::LeanSupport => Key::Num2,
                    Stance::Neutral => Key::Num3,
                    Stance::LeanOppose => Key::Num4,
                    Stance::Oppose => Key::Num5,
                    Stance::Mixed => Key::Num6,
                };
                k(Modifiers::NONE, key)
            }
            Self::AcceptSuggestion => k(Modifiers::NONE, Key::Enter),
            Self::RejectSuggestion => k(Modifiers::NONE, Key::Delete),
            Self::ClearHandStance => k(Modifiers::NONE, Key::Backspace),
            Self::GroupPeople => k(CMD, Key::G),
            Self::ToggleTheme => k(CMD, Key::T),
            Self::ZoomIn => k(CMD, Key::Plus),
            Self::ZoomInAlt => k(CMD, Key::Equals),
            Self::ZoomOut => k(CMD, Key::Minus),
            Self::ZoomReset => k(CMD, Key::Num0),
            Self::Shortcuts => k(Modifiers::NONE, Key::F1),
            Self::ClearSelection => k(Modifiers::NONE, Key::Escape),
            Self::MoveUp => k(Modifiers::NONE, Key::ArrowUp),
            Self::MoveDown => k(Modifiers::NONE, Key::ArrowDown),
            Self::MoveLeft => k(Modifiers::NONE, Key::ArrowLeft),
            Self::MoveRight => k(Modifiers::NONE, Key::ArrowRight),
            Self::MoveUpAlt => k(Modifiers::NONE, Key::K),
            Self::MoveDownAlt => k(Modifiers::NONE, Key::J),
            Self::MoveLeftAlt => k(Modifiers::NONE, Key::H),
            Self::MoveRightAlt => k(Modifiers::NONE, Key::L),
            Self::NextPanel => k(Modifiers::NONE, Key::F6),
            Self::NextPanelAlt => k(Modifiers::CTRL, Key::Tab),
            Self::PreviousPanel => k(Modifiers::SHIFT, Key::F6),
            Self::PreviousPanelAlt => k(CTRL_SHIFT, Key::Tab),
            Self::MenuBar => k(Modifiers::NONE, Key::F10),
            Self::ToggleOutline => k(CMD, Key::B),
            Self::Palette => k(CMD, Key::K),
        }
    }

    /// The commands whose name contains every word of `query` (any case), in menu order; the
    /// palette itself and the second keys of a command are left out.
    pub fn matching(query: &str) -> Vec<UiCommand> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        Self::menu_order()
            .into_iter()
            .filter(|c| *c != Self::Palette && c.first_key() == *c)
            .filter(|c| {
                let name = c.label().to_lowercase();
                words.iter().all(|w| name.contains(w.as_str()))
            })
            .collect()
    }

    /// Whether the shortcut is a bare key that types or edits text (a digit, a letter, an arrow,
    /// Enter, Escape), which must not fire while the user types in a field. Function keys are
    /// never text, so F1, F6 and F10 work from a field too.
    pub fn is_bare_key(self) -> bool {
        self.shortcut()
            .is_some_and(|s| s.modifiers.is_none() && !is_function_key(s.logical_key))
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
        for c in UiCommand::ALL {
            if let Some(s) = c.shortcut() {
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
        }
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
        for (i, a) in UiCommand::ALL.iter().enumerate() {
            for b in &UiCommand::ALL[..i] {
                let (Some(sa), Some(sb)) = (a.shortcut(), b.shortcut()) else {
                    continue;
                };
                if sa.logical_key == sb.logical_key {
                    assert!(
                        !sa.modifiers.shift || sb.modifiers.shift,
                        "{a:?} must come before {b:?}"
                    );
                }
            }
        }
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
        assert!(UiCommand::SetStance(Stance::Support).is_bare_key());
        assert!(UiCommand::MoveDownAlt.is_bare_key());
        assert!(UiCommand::ClearSelection.is_bare_key());
        assert!(!UiCommand::NextPanel.is_bare_key());
        assert!(!UiCommand::MenuBar.is_bare_key());
        assert!(!UiCommand::Shortcuts.is_bare_key());
        assert!(!UiCommand::Save.is_bare_key());
    }

    #[test]
    fn the_palette_finds_commands_by_words_of_their_names() {
        assert_eq!(UiCommand::matching("theme"), vec![UiCommand::ToggleTheme]);
        assert_eq!(UiCommand::matching("SAVE as"), vec![UiCommand::SaveAs]);
        let all = UiCommand::matching("");
        assert!(!all.contains(&UiCommand::Palette));
        let second_keys = UiCommand::ALL
            .iter()
            .filter(|c| c.first_key() != **c)
            .count();
        assert_eq!(second_keys, 8);
        assert_eq!(all.len(), UiCommand::ALL.len() - 1 - second_keys);
        assert!(UiCommand::matching("no such thing").is_empty());
    }
}
