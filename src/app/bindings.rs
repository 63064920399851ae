//! The one table of key bindings. It drives the key handling ([`commands_from_keys`]), the
//! About window's list, the menu's shortcut text and the buttons' hover hints, so a key named
//! anywhere in the window is the key that works.
//!
//! To add a binding, add a row to [`BINDINGS`]; nothing else needs to know.

use egui::{Key, KeyboardShortcut, ModifierNames, Modifiers};

use super::{Command, FileAction};

/// One row of the table: the keys that do one thing.
#[derive(Debug)]
pub struct Binding {
    /// The keys, any of which does it; the first is the one menus show.
    pub keys: &'static [KeyboardShortcut],
    /// What pressing it asks for.
    pub command: Command,
    /// What it does, as the About window and the hints say it.
    pub what: &'static str,
}

/// A key with no modifier.
const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

/// A key with Ctrl (⌘ on a Mac).
const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

/// A key with Ctrl (⌘ on a Mac) and Shift.
const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        },
        key,
    )
}

/// Every key binding of the window, in the order the About window lists them.
pub static BINDINGS: &[Binding] = &[
    Binding {
        keys: &[plain(Key::Space)],
        command: Command::TogglePlay,
        what: "play / pause",
    },
    Binding {
        keys: &[plain(Key::S), plain(Key::ArrowRight)],
        command: Command::Step,
        what: "train one epoch",
    },
    Binding {
        keys: &[plain(Key::B)],
        command: Command::StepBatch,
        what: "train one mini-batch",
    },
    Binding {
        keys: &[plain(Key::P)],
        command: Command::StepPhase,
        what: "show the next phase of a step: forward, loss, backward, update",
    },
    Binding {
        keys: &[plain(Key::R)],
        command: Command::Reset,
        what: "reset to the seed's weights",
    },
    Binding {
        keys: &[ctrl(Key::O)],
        command: Command::Pick(FileAction::Open),
        what: "open weights, an experiment or a CSV of points",
    },
    Binding {
        keys: &[ctrl(Key::S)],
        command: Command::Save,
        what: "save to the file opened or saved last, as the same kind",
    },
    Binding {
        keys: &[ctrl_shift(Key::S)],
        command: Command::Pick(FileAction::Save),
        what: "save weights as",
    },
    Binding {
        keys: &[ctrl(Key::Q)],
        command: Command::Quit,
        what: "quit",
    },
    Binding {
        keys: &[plain(Key::Num0)],
        command: Command::PaintClass(0),
        what: "paint class 0 with a left click",
    },
    Binding {
        keys: &[plain(Key::Num1)],
        command: Command::PaintClass(1),
        what: "paint class 1 with a left click",
    },
    Binding {
        keys: &[plain(Key::Num2)],
        command: Command::PaintClass(2),
        what: "paint class 2 with a left click",
    },
    Binding {
        keys: &[plain(Key::Num3)],
        command: Command::PaintClass(3),
        what: "paint class 3 with a left click",
    },
    Binding {
        keys: &[plain(Key::Num4)],
        command: Command::PaintClass(4),
        what: "paint class 4 with a left click",
    },
    Binding {
        keys: &[plain(Key::Num5)],
        command: Command::PaintClass(5),
        what: "paint class 5 with a left click",
    },
    Binding {
        keys: &[plain(Key::E)],
        command: Command::ToggleExplain,
        what: "open or close the Explain window (one step's every number)",
    },
    Binding {
        keys: &[plain(Key::G)],
        command: Command::ToggleGradients,
        what: "colour the diagram's links by their gradient, each neuron's δ",
    },
    Binding {
        keys: &[plain(Key::H)],
        command: Command::ToggleHiddenSpace,
        what: "show the data as a hidden layer sees it, two neurons at a time",
    },
    Binding {
        keys: &[plain(Key::F1)],
        command: Command::ToggleAbout,
        what: "this window",
    },
];

/// What the mouse and the desktop do, for the About window (they are not keys, so they are
/// not in [`BINDINGS`]).
pub const GESTURES: [(&str, &str); 5] = [
    ("drop a file", "open it (a .csv imports its points)"),
    ("left click", "add a point of the picked class (1 at first)"),
    (
        "left click, Explain open",
        "explain the data point under the pointer instead",
    ),
    ("right click", "add a class 0 point"),
    ("Shift+click", "remove the nearest point"),
];

/// How a key is written: arrows as arrows, others by name.
fn key_name(key: Key) -> &'static str {
    match key {
        Key::ArrowRight => "→",
        Key::ArrowLeft => "←",
        Key::ArrowUp => "↑",
        Key::ArrowDown => "↓",
        other => other.name(),
    }
}

/// How one shortcut is written: `Space`, `Ctrl+Shift+S`.
pub fn shortcut_text(shortcut: &KeyboardShortcut) -> String {
    let modifiers = ModifierNames::NAMES.format(&shortcut.modifiers, false);
    let key = key_name(shortcut.logical_key);
    if modifiers.is_empty() {
        key.to_owned()
    } else {
        format!("{modifiers}+{key}")
    }
}

/// How a binding's keys are written: `S or →`.
pub fn keys_text(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(shortcut_text)
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The binding of `command`, if a key does it.
pub fn binding_for(command: &Command) -> Option<&'static Binding> {
    BINDINGS.iter().find(|b| &b.command == command)
}

/// The shortcut a menu item shows for `command` (empty when no key does it).
pub fn menu_shortcut(command: &Command) -> String {
    binding_for(command)
        .and_then(|b| b.keys.first())
        .map(shortcut_text)
        .unwrap_or_default()
}

/// A button's hover hint for `command`: `S or →: train one epoch` (empty when no key does it).
pub fn hint(command: &Command) -> String {
    binding_for(command)
        .map(|b| format!("{}: {}", keys_text(b), b.what))
        .unwrap_or_default()
}

/// How many modifiers a shortcut holds: egui matches Shift and Alt loosely, so the shortcuts
/// with more modifiers must be read first (Ctrl+Shift+S before Ctrl+S).
fn modifier_count(modifiers: Modifiers) -> usize {
    [
        modifiers.alt,
        modifiers.ctrl,
        modifiers.shift,
        modifiers.mac_cmd,
        modifiers.command,
    ]
    .into_iter()
    .filter(|&m| m)
    .count()
}

/// Consumes the bound keys pressed this frame and returns their commands, in table order.
/// While a text field has the keyboard (`typing`), only shortcuts with Ctrl act: a letter typed
/// into a field must not also reset the run.
pub fn commands_from_keys(input: &mut egui::InputState, typing: bool) -> Vec<Command> {
    let mut keys: Vec<(usize, &KeyboardShortcut)> = BINDINGS
        .iter()
        .enumerate()
        .flat_map(|(row, b)| b.keys.iter().map(move |k| (row, k)))
        .filter(|(_, k)| !typing || k.modifiers.command || k.modifiers.ctrl)
        .collect();
    keys.sort_by_key(|(_, k)| std::cmp::Reverse(modifier_count(k.modifiers)));
    let mut pressed = vec![false; BINDINGS.len()];
    for (row, key) in keys {
        if input.consume_shortcut(key) {
            pressed[row] = true;
        }
    }
    BINDINGS
        .iter()
        .zip(pressed)
        .filter(|(_, p)| *p)
        .map(|(b, _)| b.command.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_written_as_a_person_reads_them() {
        let step = binding_for(&Command::Step).unwrap();
        assert_eq!(keys_text(step), "S or →");
        assert_eq!(
            menu_shortcut(&Command::Pick(FileAction::Save)),
            "Ctrl+Shift+S"
        );
        assert_eq!(menu_shortcut(&Command::Pin), "");
        assert_eq!(hint(&Command::Reset), "R: reset to the seed's weights");
    }

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = std::collections::HashSet::new();
        for key in BINDINGS.iter().flat_map(|b| b.keys) {
            assert!(seen.insert(shortcut_text(key)), "{key:?} bound twice");
        }
    }
}
