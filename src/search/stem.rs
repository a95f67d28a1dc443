//! A small English stemmer for tool text: plurals, `-ing`/`-ed` verb forms and `-ation` nouns
//! are folded onto one stem (`create`, `creates`, `created`, `creating`, `creation` → `creat`).
//!
//! Not a linguistic stemmer: stems need not be words, only consistent, so every rule ends by
//! dropping a final `e` and turning a final consonant-`y` into `i` (`entity`/`entities` →
//! `entiti`, `movie`/`movies` → `movi`). Words with other letters than `a`–`z` (non-English
//! scripts, digits) and words shorter than four letters are left alone.

/// Words ending like a plural that are not.
fn invariant(word: &str) -> bool {
    matches!(
        word,
        "alias"
            | "always"
            | "atlas"
            | "bias"
            | "canvas"
            | "gas"
            | "lens"
            | "news"
            | "perhaps"
            | "series"
            | "species"
            | "yes"
    )
}

/// Stems `word` (lowercase) in place.
pub(super) fn stem(word: &mut String) {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    if invariant(word) {
        return;
    }
    plural(word);
    verb_form(word);
    noun_form(word);
    tail(word);
}

/// `word` (lowercase) stemmed.
pub(super) fn stemmed(word: &str) -> String {
    let mut w = word.to_string();
    stem(&mut w);
    w
}

/// `tools` → `tool`; `matches` → `matche` (the final `e` goes in `tail`); `class`, `status` and
/// `analysis` are not plurals.
fn plural(word: &mut String) {
    if word.ends_with('s') && !["ss", "us", "is"].iter().any(|end| word.ends_with(end)) {
        word.pop();
    }
}

/// `creating`/`created` → `creat`, `running` → `run`; the remaining stem must keep a vowel and
/// three letters (`string`, `thing` and `need` stay).
fn verb_form(word: &mut String) {
    for suffix in ["ing", "ed"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= 3
            && stem.bytes().any(is_vowel)
        {
            let keep = stem.len();
            word.truncate(keep);
            undouble(word);
            return;
        }
    }
}

/// `running` → `runn` → `run`, but `filling` keeps its `ll` and `added` its `dd` (too short).
fn undouble(word: &mut String) {
    let b = word.as_bytes();
    let n = b.len();
    if n >= 4 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) && !b"lsz".contains(&b[n - 1]) {
        word.pop();
    }
}

/// `optimization` → `optimiz`, `creation` → `creat`: the noun meets its verb.
fn noun_form(word: &mut String) {
    for (suffix, keep) in [("ization", "iz"), ("ation", "at")] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= 3
        {
            let len = stem.len();
            word.truncate(len);
            word.push_str(keep);
            return;
        }
    }
}

/// The final `e` goes, a final consonant-`y` becomes `i`.
fn tail(word: &mut String) {
    let b = word.as_bytes();
    let n = b.len();
    if n >= 4 && b[n - 1] == b'e' {
        word.pop();
    } else if n >= 4 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        word.pop();
        word.push('i');
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn stemmed(word: &str) -> String {
        let mut w = word.to_string();
        stem(&mut w);
        w
    }

    #[test]
    fn table() {
        let cases = [
            ("tools", "tool"),
            ("entities", "entiti"),
            ("entity", "entiti"),
            ("created", "creat"),
            ("creating", "creat"),
            ("creation", "creat"),
            ("running", "run"),
            ("settings", "set"),
            ("filling", "fill"),
            ("added", "add"),
            ("copied", "copi"),
            ("optimization", "optimiz"),
            ("optimizing", "optimiz"),
            ("matches", "match"),
            ("boxes", "box"),
            ("images", "imag"),
            ("queries", "queri"),
            ("days", "day"),
            // Not plurals or verb forms.
            ("class", "class"),
            ("status", "status"),
            ("analysis", "analysis"),
            ("news", "news"),
            ("string", "string"),
            ("thing", "thing"),
            ("need", "need"),
            ("station", "station"),
            // Too short, or not English letters.
            ("add", "add"),
            ("use", "use"),
            ("données", "données"),
            ("mp3s", "mp3s"),
        ];
        for (word, want) in cases {
            assert_eq!(stemmed(word), want, "{word}");
        }
    }

    #[test]
    fn inflections_meet_on_one_stem() {
        let families: &[&[&str]] = &[
            &["create", "creates", "created", "creating", "creation"],
            &["file", "files"],
            &["image", "images"],
            &["movie", "movies"],
            &["library", "libraries"],
            &["database", "databases"],
            &["generate", "generated", "generating", "generation"],
            &["validate", "validation", "validating"],
            &["run", "runs", "running"],
            &["code", "coding", "coded"],
            &["make", "making", "makes"],
        ];
        for family in families {
            let first = stemmed(family[0]);
            for word in &family[1..] {
                assert_eq!(stemmed(word), first, "{word} vs {}", family[0]);
            }
        }
    }

    #[test]
    fn distinct_words_stay_apart() {
        for (a, b) in [("news", "new"), ("string", "str"), ("user", "use")] {
            assert_ne!(stemmed(a), stemmed(b), "{a} vs {b}");
        }
    }
}
