//! One name table per enum: the names the command line, the files, the messages and the
//! window's combo boxes use, all generated from one list so they cannot drift apart.

/// Implements `ALL`, `name`, `from_name` and `names_list` for a field-less enum from one list
/// of `Variant => "name"` pairs, with optional extra spellings `from_name` also accepts.
///
/// `name` is an exhaustive `match` built from the list, so a variant left out of the list is a
/// compile error, and `ALL` comes from the same list: every place that walks the variants
/// (the UI's choices, the gradient checks) sees a new one at once.
macro_rules! name_table {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }
     $(aliases { $($alias:literal => $target:ident),* $(,)? })?) => {
        impl $ty {
            /// Every variant, in the order the UI lists them.
            pub const ALL: [Self; [$(stringify!($variant)),+].len()] = [$(Self::$variant),+];

            /// The name used on the command line, in files and in the window.
            pub fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name),+
                }
            }

            /// Parses a name as [`Self::name`] writes it (a dash may stand for an underscore)
            /// or one of its other accepted spellings.
            pub fn from_name(name: &str) -> Option<Self> {
                let name = name.replace('-', "_");
                $($(if name == $alias {
                    return Some(Self::$target);
                })*)?
                Self::ALL.into_iter().find(|v| v.name() == name)
            }

            /// Every name as a sentence lists them (`a, b or c`), for messages.
            pub fn names_list() -> String {
                $crate::nn::names::sentence(&Self::ALL.map(Self::name))
            }
        }
    };
}
pub(crate) use name_table;

/// `a, b or c`.
pub(crate) fn sentence(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(sentence(&["a"]), "a");
        assert_eq!(sentence(&["a", "b"]), "a or b");
        assert_eq!(sentence(&["a", "b", "c"]), "a, b or c");
    }
}
