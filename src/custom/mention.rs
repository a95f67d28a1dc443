//! The 1xn mention syntax, translated into template expressions once, when a definition loads:
//!
//! | mention                         | becomes                              |
//! |---------------------------------|--------------------------------------|
//! | `@param.X`, `@config.X`         | `{{ param.X }}`, `{{ config.X }}`    |
//! | `@tool.SERVER.TOOL(a=1, b=…)`   | `{{ tool("SERVER", "TOOL", {…}) }}`  |
//! | `@prompt.SERVER.NAME(…)`        | `{{ prompt("SERVER", "NAME", {…}) }}`|
//! | `@resource.SERVER.URI`          | `{{ resource("SERVER", "URI") }}`    |
//!
//! Only template text is scanned: mentions inside `{{ }}`, `{% %}`, `{# #}` and
//! `{% raw %}…{% endraw %}` are left alone, and so is an `@` glued to a word (`me@param.org`).
//! Argument values are quoted strings (with `\` escapes), numbers, `true`/`false`/`null`,
//! `param.X`/`config.X` references, lists `[…]` and nested mentions. Because the translation
//! happens on the definition, never on values, nothing a parameter or a tool returns is ever
//! read as a mention or as template syntax.

use std::fmt::Write as _;

/// A mention that cannot be parsed, with its 1-based position in the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MentionError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

const KEYWORDS: &[&str] = &["param", "config", "tool", "prompt", "resource"];

/// Rewrites every mention of `src` into a template expression; line numbers are preserved.
pub(crate) fn translate(src: &str) -> Result<String, MentionError> {
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let b = src.as_bytes();
    while i < src.len() {
        let rest = &src[i..];
        if let Some(comment) = rest.strip_prefix("{#") {
            let end = comment.find("#}").map_or(src.len(), |e| i + 2 + e + 2);
            out.push_str(&src[i..end]);
            i = end;
        } else if rest.starts_with("{{") || rest.starts_with("{%") {
            let close = if rest.starts_with("{{") { "}}" } else { "%}" };
            let end = end_of_tag(src, i + 2, close);
            let tag = &src[i..end];
            out.push_str(tag);
            i = end;
            if close == "%}" && tag_word(tag) == Some("raw") {
                let end = find_endraw(src, i);
                out.push_str(&src[i..end]);
                i = end;
            }
        } else if b[i] == b'@' && starts_mention(src, i) {
            let mut p = Parser { src, pos: i };
            let expr = p.mention()?;
            let newlines = src[i..p.pos].matches('\n').count();
            let _ = write!(out, "{{{{ {expr}{} }}}}", "\n".repeat(newlines));
            i = p.pos;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8();
        }
    }
    Ok(out)
}

/// An `@` not glued to a word, followed by a keyword and a dot.
fn starts_mention(src: &str, at: usize) -> bool {
    let glued = src[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    !glued
        && KEYWORDS
            .iter()
            .any(|k| src[at + 1..].starts_with(k) && src[at + 1 + k.len()..].starts_with('.'))
}

/// Index just past `close`, skipping quoted strings inside the tag (or the end of `src`).
///
/// The scan walks bytes: `i` may stop inside a multi-byte character (after a `\`, or on a
/// continuation byte), so it compares bytes and never slices `src` there. The index returned
/// follows an ASCII `close` (or is the end), hence is always a character boundary.
fn end_of_tag(src: &str, from: usize, close: &str) -> usize {
    let b = src.as_bytes();
    let mut i = from;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        match quote {
            Some(_) if b[i] == b'\\' => i += 1,
            Some(q) if b[i] == q => quote = None,
            None if b[i] == b'"' || b[i] == b'\'' => quote = Some(b[i]),
            None if b[i..].starts_with(close.as_bytes()) => return i + close.len(),
            Some(_) | None => {}
        }
        i += 1;
    }
    src.len()
}

/// The first word of a block tag: `{%- raw +%}` → `raw`.
fn tag_word(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix("{%")?.strip_suffix("%}")?;
    let inner = inner.trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
    inner.split_whitespace().next()
}

/// Start of the `{% endraw %}` tag that closes a raw block starting at `from`.
fn find_endraw(src: &str, from: usize) -> usize {
    let mut i = from;
    while let Some(off) = src[i..].find("{%") {
        let start = i + off;
        let end = end_of_tag(src, start + 2, "%}");
        if tag_word(&src[start..end]) == Some("endraw") {
            return start;
        }
        i = start + 2;
    }
    src.len()
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error<T>(&self, at: usize, message: impl Into<String>) -> Result<T, MentionError> {
        let before = &self.src[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Err(MentionError {
            line,
            column,
            message: message.into(),
        })
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) {
        // Unicode whitespace (a no-break space) is more than one byte.
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    /// The longest run of characters accepted by `ok` (possibly empty).
    fn take(&mut self, ok: impl Fn(char) -> bool) -> &str {
        let start = self.pos;
        while let Some(c) = self.peek().filter(|c| ok(*c)) {
            self.pos += c.len_utf8();
        }
        &self.src[start..self.pos]
    }

    fn ident(&mut self) -> String {
        let start = self.pos;
        if self
            .peek()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        {
            self.take(|c| c.is_ascii_alphanumeric() || c == '_');
        }
        self.src[start..self.pos].to_string()
    }

    /// Parses one mention at `@`; returns its template expression.
    fn mention(&mut self) -> Result<String, MentionError> {
        let start = self.pos;
        if !self.eat('@') {
            return self.error(start, "expected a mention starting with `@`");
        }
        let keyword = self.ident();
        if !KEYWORDS.contains(&keyword.as_str()) || !self.eat('.') {
            return self.error(
                start,
                "expected `@param.`, `@config.`, `@tool.`, `@prompt.` or `@resource.`",
            );
        }
        match keyword.as_str() {
            "param" | "config" => {
                let at = self.pos;
                let name = self.ident();
                if name.is_empty() {
                    return self.error(at, format!("expected a name after `@{keyword}.`"));
                }
                Ok(format!("{keyword}.{name}"))
            }
            "resource" => {
                let server = self.server(&keyword)?;
                let at = self.pos;
                let mut uri = self
                    .take(|c| c.is_ascii_alphanumeric() || "_/:.-~?=&%#+".contains(c))
                    .to_string();
                while uri.ends_with(['.', ':', '?']) {
                    uri.pop();
                    self.pos -= 1;
                }
                if uri.is_empty() {
                    return self.error(at, format!("expected a URI after `@resource.{server}.`"));
                }
                Ok(format!("resource({}, {})", quote(&server), quote(&uri)))
            }
            _ => {
                let server = self.server(&keyword)?;
                let at = self.pos;
                let name = self
                    .take(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
                    .to_string();
                if name.is_empty() {
                    return self.error(at, format!("expected a name after `@{keyword}.{server}.`"));
                }
                if self.peek() != Some('(') {
                    return self.error(
                        self.pos,
                        format!(
                            "expected `(` after `@{keyword}.{server}.{name}` (write `()` when there are no arguments)"
                        ),
                    );
                }
                let args = self.args()?;
                Ok(format!(
                    "{keyword}({}, {}, {args})",
                    quote(&server),
                    quote(&name)
                ))
            }
        }
    }

    fn server(&mut self, keyword: &str) -> Result<String, MentionError> {
        let at = self.pos;
        let server = self
            .take(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            .to_string();
        if server.is_empty() || !self.eat('.') {
            return self.error(at, format!("expected `@{keyword}.SERVER.…`"));
        }
        Ok(server)
    }

    /// `(name=value, …)` → a dict literal.
    fn args(&mut self) -> Result<String, MentionError> {
        let open = self.pos;
        self.eat('(');
        let mut out = String::from("{");
        let mut names: Vec<String> = Vec::new();
        loop {
            self.skip_ws();
            if self.eat(')') {
                break;
            }
            if self.peek().is_none() {
                return self.error(open, "unclosed `(`");
            }
            if !names.is_empty() {
                if !self.eat(',') {
                    return self.error(self.pos, "expected `,` or `)`");
                }
                self.skip_ws();
                if self.eat(')') {
                    break;
                }
            }
            let at = self.pos;
            let name = self.ident();
            if name.is_empty() {
                return self.error(
                    at,
                    "expected an argument name (arguments are written name=value)",
                );
            }
            self.skip_ws();
            if self.eat(':') {
                // `city: str = "x"` (1xn's typed form): the annotation is accepted and ignored.
                self.skip_ws();
                self.ident();
                self.skip_ws();
            }
            if !self.eat('=') {
                return self.error(self.pos, format!("expected `=` after argument `{name}`"));
            }
            if names.contains(&name) {
                return self.error(at, format!("argument `{name}` is given twice"));
            }
            self.skip_ws();
            let value = self.value()?;
            if !names.is_empty() {
                out.push_str(", ");
            }
            let _ = write!(out, "{}: {value}", quote(&name));
            names.push(name);
        }
        out.push('}');
        Ok(out)
    }

    fn value(&mut self) -> Result<String, MentionError> {
        let at = self.pos;
        match self.peek() {
            Some('"' | '\'') => Ok(quote(&self.string()?)),
            Some('@') => self.mention(),
            Some('[') => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    if self.eat(']') {
                        break;
                    }
                    if !items.is_empty() {
                        if !self.eat(',') {
                            return self.error(self.pos, "expected `,` or `]`");
                        }
                        self.skip_ws();
                        if self.eat(']') {
                            break;
                        }
                    }
                    if self.peek().is_none() {
                        return self.error(at, "unclosed `[`");
                    }
                    items.push(self.value()?);
                }
                Ok(format!("[{}]", items.join(", ")))
            }
            Some(c) if c.is_ascii_digit() || c == '-' => {
                let text = self
                    .take(|c| c.is_ascii_alphanumeric() || "-+.".contains(c))
                    .to_string();
                match text.parse::<serde_json::Number>() {
                    Ok(n) => Ok(n.to_string()),
                    Err(_) => self.error(at, format!("`{text}` is not a number")),
                }
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let word = self
                    .take(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                    .to_string();
                match word.as_str() {
                    "true" | "True" => Ok("true".into()),
                    "false" | "False" => Ok("false".into()),
                    "null" | "None" | "none" => Ok("none".into()),
                    _ => match word.split_once('.') {
                        Some((scope @ ("param" | "config"), name))
                            if crate::config::custom::is_identifier(name) =>
                        {
                            Ok(format!("{scope}.{name}"))
                        }
                        _ => self.error(
                            at,
                            format!(
                                "unknown value `{word}`: use a quoted string, a number, true, false, null, param.NAME, config.NAME or a mention"
                            ),
                        ),
                    },
                }
            }
            Some(c) => self.error(at, format!("unexpected `{c}` where a value was expected")),
            None => self.error(at, "expected a value"),
        }
    }

    /// A quoted string with `\` escapes: `\\ \" \' \n \r \t \0 \uXXXX`.
    fn string(&mut self) -> Result<String, MentionError> {
        let open = self.pos;
        let q = self.peek().unwrap_or('"');
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return self.error(open, "unclosed string");
            };
            self.pos += c.len_utf8();
            if c == q {
                return Ok(out);
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            let esc_at = self.pos - 1;
            let Some(e) = self.peek() else {
                return self.error(open, "unclosed string");
            };
            self.pos += e.len_utf8();
            match e {
                '\\' | '"' | '\'' => out.push(e),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                '0' => out.push('\0'),
                'u' => {
                    let hex = self.src.get(self.pos..self.pos + 4).unwrap_or("");
                    // `from_str_radix` would also take a sign (`\u+041`).
                    let digits = hex.len() == 4 && hex.bytes().all(|b| b.is_ascii_hexdigit());
                    match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                        Some(ch) if digits => {
                            out.push(ch);
                            self.pos += 4;
                        }
                        _ => return self.error(esc_at, "`\\u` needs four hex digits"),
                    }
                }
                other => return self.error(esc_at, format!("unknown escape `\\{other}`")),
            }
        }
    }
}

/// A template string literal holding exactly `s`.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
#[path = "mention_tests.rs"]
mod tests;
