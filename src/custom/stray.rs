//! Naming the character a template tag cannot hold. Outside quoted strings a tag reads ASCII
//! only, and the engine reports anything else as "unexpected character". Pasted text brings
//! no-break spaces, typographic dashes and quotes, zero-width spaces and byte order marks that
//! look like nothing or like their ASCII twins, so the message names the character and where
//! it is.

/// A non-ASCII character inside a tag, outside its strings (line and column 1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stray {
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) ch: char,
}

impl Stray {
    /// `` `—` (U+2014, em dash) at column 14 `` — invisible characters by code point only.
    pub(super) fn describe(&self) -> String {
        let code = format!("U+{:04X}", u32::from(self.ch));
        let shown = if self.ch.is_whitespace() || INVISIBLE.contains(&self.ch) {
            match name(self.ch) {
                Some(n) => format!("{code} ({n})"),
                None => code,
            }
        } else {
            match name(self.ch) {
                Some(n) => format!("`{}` ({code}, {n})", self.ch),
                None => format!("`{}` ({code})", self.ch),
            }
        };
        format!(
            "{shown} at column {}: inside `{{{{ }}}}` and `{{% %}}`, only ASCII is read outside quoted strings; retype it",
            self.column
        )
    }
}

const INVISIBLE: &[char] = &['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'];

fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{a0}' => "no-break space",
        '\u{202f}' => "narrow no-break space",
        '\u{3000}' => "ideographic space",
        '\u{200b}' => "zero-width space",
        '\u{200c}' => "zero-width non-joiner",
        '\u{200d}' => "zero-width joiner",
        '\u{2060}' => "word joiner",
        '\u{feff}' => "byte order mark",
        '\u{2013}' => "en dash",
        '\u{2014}' => "em dash",
        '\u{2212}' => "minus sign",
        '\u{2018}' | '\u{2019}' => "typographic single quote",
        '\u{201c}' | '\u{201d}' => "typographic double quote",
        '\u{2264}' => "less-than or equal to",
        '\u{2265}' => "greater-than or equal to",
        '\u{2260}' => "not equal to",
        _ => return None,
    })
}

/// The first stray character of `source`, on `line` when given.
pub(super) fn first_in_tag(source: &str, line: Option<usize>) -> Option<Stray> {
    let mut chars = source.chars().peekable();
    let (mut l, mut col) = (1, 0);
    // The closing delimiter of the tag we are in, and the quote of the string we are in.
    let mut close: Option<char> = None;
    let mut quote: Option<char> = None;
    let mut comment = false;
    while let Some(c) = chars.next() {
        col += 1;
        if c == '\n' {
            l += 1;
            col = 0;
        }
        let next = chars.peek().copied();
        if comment {
            if c == '#' && next == Some('}') {
                comment = false;
            }
        } else if let Some(q) = quote {
            if c == '\\' {
                // An escape: the next character is part of the string.
                if chars.next().is_some() {
                    col += 1;
                }
            } else if c == q {
                quote = None;
            }
        } else if let Some(end) = close {
            if c == end && next == Some('}') {
                close = None;
            } else if c == '"' || c == '\'' {
                quote = Some(c);
            } else if !c.is_ascii() && line.is_none_or(|want| want == l) {
                return Some(Stray {
                    line: l,
                    column: col,
                    ch: c,
                });
            }
        } else if c == '{' {
            match next {
                Some('{') => close = Some('}'),
                Some('%') => close = Some('%'),
                Some('#') => comment = true,
                _ => continue,
            }
            chars.next();
            col += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_character_inside_a_tag_only() {
        let s = "é {{ 'é' ~ x\u{a0}}}\n{% if y \u{2014} %}{# ≥ #}";
        assert_eq!(
            first_in_tag(s, None),
            Some(Stray {
                line: 1,
                column: 13,
                ch: '\u{a0}'
            })
        );
        assert_eq!(
            first_in_tag(s, Some(2)),
            Some(Stray {
                line: 2,
                column: 9,
                ch: '\u{2014}'
            })
        );
        assert_eq!(first_in_tag("{{ '\\'≥' }} ≥ {# ≥ #}", None), None);
    }

    #[test]
    fn describes_visible_and_invisible_characters() {
        let at = |ch| Stray {
            line: 1,
            column: 4,
            ch,
        };
        assert!(
            at('\u{2014}')
                .describe()
                .starts_with("`—` (U+2014, em dash) at column 4")
        );
        assert!(
            at('\u{feff}')
                .describe()
                .starts_with("U+FEFF (byte order mark) at column 4")
        );
        assert!(at('ж').describe().starts_with("`ж` (U+0436) at column 4"));
    }
}
