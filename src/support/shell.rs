//! Words of a command line as a POSIX shell reads them, for hints that are meant to be pasted:
//! a path with a space or a name with a quote in it must reach the program as one argument.

/// `word` as one shell argument: as is when it holds only characters no shell treats specially,
/// else in single quotes (a single quote inside becomes `'\''`).
pub(crate) fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./:@%+=,".contains(&b));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn only_what_a_shell_would_split_or_expand_is_quoted() {
        for (word, quoted) in [
            ("time", "time"),
            ("/home/me/vmcp.yaml", "/home/me/vmcp.yaml"),
            ("my tools.yaml", "'my tools.yaml'"),
            ("it's", r"'it'\''s'"),
            ("$HOME;rm -rf ~", "'$HOME;rm -rf ~'"),
            ("", "''"),
        ] {
            assert_eq!(quote(word), quoted, "{word:?}");
        }
    }
}
