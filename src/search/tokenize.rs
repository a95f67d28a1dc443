//! Text → terms: the one analysis both tool text and queries go through, so they meet.
//!
//! Words are runs of letters and digits; identifiers are split at `_`, `-`, `.`, camelCase
//! humps (`getHTMLPage` → get, html, page) and letter/digit boundaries (`base64` → base, 64),
//! and a run so split is also kept whole (`JavaScript` → java, script, javascript: a query
//! says "javascript"); everything is lowercased and stemmed. Chinese, Japanese and Korean runs, which have no
//! spaces, become overlapping character bigrams.
//!
//! Stop words are kept for ranking: small words carry meaning in tool names
//! (`get_card_by_id`, `html_to_markdown`), and dropping them cost 0.01–0.02 of Recall@5 and MRR
//! on the benchmark's dev queries. The list serves the search tool's description, where they
//! are noise.

use super::stem::stem;
use super::stop_word::is_stop_word;

/// How text becomes terms. [`Analyzer::TUNED`] is what the index uses; [`Analyzer::PLAIN`] is
/// the baseline the benchmark compares it with (what a stock full-text engine does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Analyzer {
    /// Split camelCase and letter/digit boundaries (separators always split).
    pub split_case: bool,
    /// Also emit a run of letters and digits that `split_case` split, whole.
    pub compounds: bool,
    pub stem: bool,
    pub stop_words: bool,
}

impl Analyzer {
    pub const TUNED: Analyzer = Analyzer {
        split_case: true,
        compounds: true,
        stem: true,
        stop_words: false,
    };
    pub const PLAIN: Analyzer = Analyzer {
        split_case: false,
        compounds: false,
        stem: false,
        stop_words: false,
    };

    /// Calls `emit` with each term of `text`, in order (repeats included).
    pub fn terms(self, text: &str, emit: impl FnMut(&str)) {
        self.terms_with(text, &mut String::new(), emit);
    }

    /// [`Analyzer::terms`] with a word buffer the caller keeps between calls (indexing
    /// analyses thousands of short texts; this spares an allocation for each).
    pub(super) fn terms_with(self, text: &str, word: &mut String, mut emit: impl FnMut(&str)) {
        // Most tool text is ASCII: cut at separators byte by byte, and only runs with capitals
        // or digits go through the general scan (most words are plain lowercase).
        if text.is_ascii() {
            let class = |b: u8| ASCII_CLASSES[usize::from(b & 0x7f)];
            let bytes = text.as_bytes();
            let mut i = 0;
            loop {
                while i < bytes.len() && class(bytes[i]) == Class::Other {
                    i += 1;
                }
                let start = i;
                let mut plain = true;
                while i < bytes.len() && class(bytes[i]) != Class::Other {
                    plain &= class(bytes[i]) == Class::Lower;
                    i += 1;
                }
                if start == i {
                    break;
                }
                let run = &text[start..i];
                if plain || !self.split_case {
                    self.word(run, word, &mut emit);
                } else {
                    let classes = run.bytes().map(class).enumerate();
                    self.scan(run, classes, word, &mut emit);
                }
            }
        } else {
            let classes = text.char_indices().map(|(i, c)| (i, Class::of(c)));
            self.scan(text, classes, word, &mut emit);
        }
    }

    /// Finds words and CJK runs as byte ranges of `text` (whose characters start at the
    /// positions `chars` gives, with their classes), then lowercases the words and cuts the
    /// runs into bigrams.
    fn scan(
        self,
        text: &str,
        mut chars: impl Iterator<Item = (usize, Class)>,
        word: &mut String,
        emit: &mut impl FnMut(&str),
    ) {
        let mut words = Words::default();
        let mut run: Option<usize> = None;
        let mut prev = Class::Other;
        let mut next = chars.next();
        while let Some((i, class)) = next {
            next = chars.next();
            let letter = !matches!(class, Class::Cjk | Class::Other);
            if !letter {
                self.end_words(&text[..i], &mut words, word, emit);
            }
            if class == Class::Cjk {
                run.get_or_insert(i);
                prev = class;
                continue;
            }
            if let Some(r) = run.take() {
                bigrams(&text[r..i], emit);
            }
            if letter {
                let after = next.map_or(Class::Other, |n| n.1);
                if let Some(s) = words.start
                    && self.split_case
                    && boundary(prev, class, after)
                {
                    self.word(&text[s..i], word, emit);
                    words.start = None;
                    words.split = true;
                }
                words.start.get_or_insert(i);
                words.compound.get_or_insert(i);
            }
            prev = class;
        }
        self.end_words(text, &mut words, word, emit);
        if let Some(r) = run {
            bigrams(&text[r..], emit);
        }
    }

    /// Ends the run of letters and digits at the end of `text`: its last word, then the whole
    /// run if it was split.
    fn end_words(
        self,
        text: &str,
        words: &mut Words,
        word: &mut String,
        emit: &mut impl FnMut(&str),
    ) {
        if let Some(s) = words.start.take() {
            self.word(&text[s..], word, emit);
        }
        if let Some(c) = words.compound.take()
            && words.split
            && self.compounds
        {
            self.word(&text[c..], word, emit);
        }
        words.split = false;
    }

    /// Emits the word `raw`, lowercased, unless it is a stop word, stemmed if asked.
    fn word(self, raw: &str, word: &mut String, emit: &mut impl FnMut(&str)) {
        word.clear();
        if raw.is_ascii() {
            word.push_str(raw);
            word.make_ascii_lowercase();
        } else {
            word.extend(raw.chars().flat_map(char::to_lowercase));
        }
        if self.stop_words && is_stop_word(word) {
            return;
        }
        if self.stem {
            stem(word);
        }
        emit(word);
    }
}

/// Where the scan is in a run of letters and digits.
#[derive(Default)]
struct Words {
    /// Start of the current word.
    start: Option<usize>,
    /// Start of the run.
    compound: Option<usize>,
    /// Whether the run was split into several words.
    split: bool,
}

/// [`Class::of`] for each ASCII character, looked up instead of tested.
const ASCII_CLASSES: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut i = 0;
    while i < 128 {
        // `i < 128`: the cast is exact (`try_from` is not available in a const).
        #[allow(clippy::cast_possible_truncation)]
        let byte = i as u8;
        table[i] = match byte {
            b'a'..=b'z' => Class::Lower,
            b'A'..=b'Z' => Class::Upper,
            b'0'..=b'9' => Class::Digit,
            _ => Class::Other,
        };
        i += 1;
    }
    table
};

/// A character's part in splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Lower,
    Upper,
    Digit,
    Cjk,
    Other,
}

impl Class {
    fn of(c: char) -> Class {
        if c.is_ascii() {
            match c {
                'a'..='z' => Class::Lower,
                'A'..='Z' => Class::Upper,
                '0'..='9' => Class::Digit,
                _ => Class::Other,
            }
        } else if is_cjk(c) {
            Class::Cjk
        } else if c.is_alphanumeric() {
            // Other scripts: treated as lowercase letters (no humps to split).
            if c.is_uppercase() {
                Class::Upper
            } else {
                Class::Lower
            }
        } else {
            Class::Other
        }
    }

    fn letter(self) -> bool {
        matches!(self, Class::Lower | Class::Upper)
    }
}

/// Whether a word ends before `cur` (`prev` came before it, `next` comes after).
fn boundary(prev: Class, cur: Class, next: Class) -> bool {
    match (prev, cur) {
        (Class::Lower, Class::Upper) => true,
        // The last capital of a run starts a new word when a lowercase letter follows it:
        // HTMLParser → HTML | Parser.
        (Class::Upper, Class::Upper) => next == Class::Lower,
        (Class::Digit, c) | (c, Class::Digit) => c.letter() && prev != cur,
        _ => false,
    }
}

/// Han, kana and Hangul: scripts written without spaces between words.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'     // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}'   // CJK extension A
        | '\u{4e00}'..='\u{9fff}'   // CJK unified ideographs
        | '\u{ac00}'..='\u{d7af}'   // Hangul syllables
        | '\u{f900}'..='\u{faff}'   // CJK compatibility ideographs
    )
}

/// A run of CJK characters as overlapping bigrams (a lone character as itself): the usual
/// dictionary-free way to index these scripts.
fn bigrams(run: &str, emit: &mut impl FnMut(&str)) {
    let mut starts = run.char_indices().map(|(i, _)| i).chain([run.len()]);
    let (Some(mut a), Some(mut b)) = (starts.next(), starts.next()) else {
        return;
    };
    match starts.next() {
        None => emit(run),
        Some(mut c) => loop {
            emit(&run[a..c]);
            (a, b) = (b, c);
            match starts.next() {
                Some(n) => c = n,
                None => break,
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(analyzer: Analyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        analyzer.terms(text, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn identifiers_split_into_words() {
        let unstemmed = Analyzer {
            compounds: false,
            stem: false,
            stop_words: true,
            ..Analyzer::TUNED
        };
        let cases: &[(&str, &[&str])] = &[
            ("get_current_time", &["get", "current", "time"]),
            ("lol-champion-analysis", &["lol", "champion", "analysis"]),
            ("npmVersions", &["npm", "versions"]),
            ("getHTMLPage", &["get", "html", "page"]),
            ("HTMLParser", &["html", "parser"]),
            ("base64", &["base", "64"]),
            ("get-9to5mac-news", &["get", "9", "5", "mac", "news"]),
            ("get_card_by_id", &["get", "card", "id"]),
            ("fs.readFile", &["fs", "read", "file"]),
            ("URL", &["url"]),
            ("  spaced   out\tand\nlines ", &["spaced", "lines"]),
            ("Données du café", &["données", "du", "café"]),
            ("", &[]),
            ("___", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(terms(unstemmed, text), *want, "{text:?}");
        }
    }

    #[test]
    fn the_plain_analyzer_only_lowercases_and_splits_at_separators() {
        assert_eq!(
            terms(Analyzer::PLAIN, "Get the npmVersions of base64"),
            ["get", "the", "npmversions", "of", "base64"]
        );
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        let cases: &[(&str, &[&str])] = &[
            ("查询火车票", &["查询", "询火", "火车", "车票"]),
            ("票", &["票"]),
            ("查询12306余票", &["查询", "12306", "余票"]),
            ("微博 hot", &["微博", "hot"]),
        ];
        for (text, want) in cases {
            assert_eq!(terms(Analyzer::TUNED, text), *want, "{text:?}");
        }
    }

    #[test]
    fn terms_are_stemmed_after_splitting_and_small_words_kept() {
        assert_eq!(
            terms(Analyzer::TUNED, "listEntities created_files by_id"),
            ["list", "entiti", "listentiti", "creat", "fil", "by", "id"]
        );
    }

    #[test]
    fn split_runs_are_also_kept_whole() {
        let cases: &[(&str, &[&str])] = &[
            ("JavaScript", &["java", "script", "javascript"]),
            ("run javascript", &["run", "javascript"]),
            (
                "get-9to5mac-news",
                &["get", "9", "to", "5", "mac", "9to5mac", "news"],
            ),
            ("base64.", &["bas", "64", "base64"]),
            ("YouTube 微博", &["you", "tub", "youtub", "微博"]),
        ];
        for (text, want) in cases {
            assert_eq!(terms(Analyzer::TUNED, text), *want, "{text:?}");
        }
    }
}
