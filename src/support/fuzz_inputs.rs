//! Generated hostile inputs for the fuzz tests (`fuzz_*`, property tests on stable Rust with
//! proptest) of every layer: characters and scalars that broke parsers before (non-ASCII,
//! invisible and control characters), the repository's examples mutated byte- and
//! character-wise and truncated, random YAML structure (deep, aliased), and templates made of
//! random tags and mentions.
//!
//! A short run is part of `cargo test`; `PROPTEST_CASES=100000 cargo test --release --lib fuzz_`
//! runs long (README, "Fuzzing").

use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::test_runner::Config;

/// The run's settings: [`DEFAULT_CASES`] inputs per property, or `PROPTEST_CASES`; failures are
/// printed (minimal input included) rather than written into the source tree: each one found
/// becomes a named regression test.
pub(crate) fn config() -> Config {
    let mut c = Config {
        failure_persistence: None,
        ..Config::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = DEFAULT_CASES;
    }
    c
}

/// Inputs per property in a plain `cargo test`: the whole harness stays within seconds.
pub(crate) const DEFAULT_CASES: u32 = 48;

/// Whether (`line`, `column`), 1-based, is inside `text`: lines counted at every YAML line break
/// (`\n`, `\r`, U+0085, U+2028, U+2029), columns in characters, the end of a line included.
pub(crate) fn inside(text: &str, line: usize, column: usize) -> bool {
    let lines: Vec<usize> = text
        .split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
        .map(|l| l.chars().count())
        .collect();
    let widest = lines.iter().copied().max().unwrap_or(0);
    (1..=lines.len()).contains(&line) && (1..=widest + 1).contains(&column)
}

/// The repository's example definitions, the seeds of mutation.
pub(crate) const EXAMPLES: &[&str] = &[
    include_str!("../../examples/custom.yaml"),
    include_str!("../../examples/demo.yaml"),
    include_str!("../../examples/everything.yaml"),
    include_str!("../../examples/remote.yaml"),
    include_str!("../../examples/remote-oauth.yaml"),
];

/// Characters that broke text handling somewhere: pasted typography, invisible and control
/// characters, multi-byte and astral ones, YAML and template syntax.
pub(crate) fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '\u{a0}', '\u{2014}', '\u{2265}', '\u{200b}', '\u{feff}', '\u{202e}', '\u{301}',
            '\u{2028}', '\u{2029}', '\u{85}', '\u{fffd}', '\u{fffe}', '\u{10ffff}', '😀', 'é',
            'ß', '字', '\u{3000}', '\0', '\u{7}', '\u{1b}', '\u{7f}', '\t', '\r', '\n', ' ',
        ]),
        4 => prop::sample::select(
            ":-?[]{},#&*!|>'\"%@`\\$=()._~/+".chars().collect::<Vec<_>>()
        ),
        2 => prop::char::range('a', 'z'),
        1 => any::<char>(),
    ]
}

/// A short string of [`hostile_char`]s.
pub(crate) fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..=max).prop_map(|cs| cs.into_iter().collect())
}

/// Scalars with meaning to YAML, to `${env:}` expansion or to templates, and hostile text.
pub(crate) fn hostile_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "", "~", "null", "true", "no", "0x1F", "0o17", ".inf", "-.nan", "1e400", "-0",
            "12:30", "2024-01-01", "${env:HOME}", "${env:VMCP_FUZZ_UNSET}", "${env:", "${}",
            "$$", "${env:A:-b}", "{{", "}}", "{{ param.x }}", "{% if %}", "{#", "@tool.a.b(",
            "@param.", "@config.X", "---", "...", "- a", "? k", ": v", "&a", "*a", "!!str",
            "!tag x", "|", ">-", "#", "http://u:p@h/p?k=v#f", "python3", "stdio", "prompt",
            "http", "command", "composite", "string", "number", "always", "30s", "0s",
        ])
        .prop_map(str::to_string),
        3 => hostile_text(12),
        1 => (hostile_char(), 200usize..2000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

/// A YAML node: the shapes a generator builds text from.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// Keys of the definition schema, so that generated files reach validation, and hostile keys.
pub(crate) fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "servers", "vmcps", "mcpServers", "command", "args", "env", "cwd", "url", "headers",
            "auth", "bearer_token", "basic", "user", "password", "api_key", "header", "value",
            "transport", "type", "trust", "startup_timeout", "call_timeout", "description",
            "instructions", "config", "prefix", "tools", "exclude_tools", "rename", "describe",
            "prompts", "resources", "name", "kind", "params", "template", "request", "method",
            "query", "json", "form", "body", "timeout", "code", "python", "steps", "id", "call",
            "result", "parallel", "on_error", "when", "uri", "text", "file", "mime_type",
            "arguments", "required", "default", "enum", "stdin", "v", "t", "up",
        ])
        .prop_map(str::to_string),
        1 => hostile_scalar(),
    ]
}

/// Random structure up to `depth` levels, with schema keys and hostile scalars.
pub(crate) fn node(depth: u32) -> impl Strategy<Value = Node> {
    let leaf = hostile_scalar().prop_map(Node::Scalar);
    leaf.prop_recursive(depth, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Node::Seq),
            prop::collection::vec((key(), inner), 0..6).prop_map(Node::Map),
        ]
    })
}

/// How a scalar is written.
fn scalar_text(s: &str, style: u8) -> String {
    match style % 3 {
        0 => s.to_string(),
        1 => format!("'{}'", s.replace('\'', "''")),
        _ => {
            let mut out = String::from("\"");
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    c if c.is_control() => {
                        let _ = write!(out, "\\u{:04x}", u32::from(c));
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
    }
}

impl Node {
    /// Block-style YAML at `indent`, scalars written in the style `styles` picks (the same
    /// tree comes out plain, quoted or escaped).
    pub(crate) fn block(&self, indent: usize, styles: &mut impl Iterator<Item = u8>) -> String {
        let pad = " ".repeat(indent);
        match self {
            Node::Scalar(s) => scalar_text(s, styles.next().unwrap_or(2)),
            Node::Seq(items) if items.is_empty() => "[]".into(),
            Node::Map(entries) if entries.is_empty() => "{}".into(),
            Node::Seq(items) => {
                let mut out = String::new();
                for n in items {
                    let _ = write!(out, "\n{pad}- {}", n.block(indent + 2, styles));
                }
                out
            }
            Node::Map(entries) => {
                let mut out = String::new();
                for (k, n) in entries {
                    let k = scalar_text(k, styles.next().unwrap_or(2));
                    let _ = write!(out, "\n{pad}{k}: {}", n.block(indent + 2, styles));
                }
                out
            }
        }
    }

    /// Flow-style YAML (`{a: [1, "b"]}`).
    pub(crate) fn flow(&self, styles: &mut impl Iterator<Item = u8>) -> String {
        match self {
            Node::Scalar(s) => scalar_text(s, styles.next().unwrap_or(2)),
            Node::Seq(items) => {
                let parts: Vec<String> = items.iter().map(|n| n.flow(styles)).collect();
                format!("[{}]", parts.join(", "))
            }
            Node::Map(entries) => {
                let parts: Vec<String> = entries
                    .iter()
                    .map(|(k, n)| {
                        let k = scalar_text(k, styles.next().unwrap_or(2));
                        format!("{k}: {}", n.flow(styles))
                    })
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
        }
    }
}

/// A document built from random structure: block or flow style, scalar styles mixed.
pub(crate) fn yaml_document() -> impl Strategy<Value = String> {
    (
        node(5),
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 1..64),
    )
        .prop_map(|(n, block, styles)| {
            let mut styles = styles.into_iter().cycle();
            let body = if block {
                n.block(0, &mut styles)
            } else {
                n.flow(&mut styles)
            };
            format!("{}\n", body.trim_start_matches('\n'))
        })
}

/// One change to a text: byte-wise (may leave it not UTF-8) or character-wise.
#[derive(Debug, Clone)]
pub(crate) enum Mutation {
    /// Truncates at a byte (possibly inside a character).
    Truncate(prop::sample::Index),
    DeleteBytes(prop::sample::Index, usize),
    InsertBytes(prop::sample::Index, Vec<u8>),
    FlipByte(prop::sample::Index, u8),
    /// Inserts text at a character boundary.
    InsertText(prop::sample::Index, String),
    ReplaceChar(prop::sample::Index, char),
    DuplicateLine(prop::sample::Index),
    SwapLines(prop::sample::Index, prop::sample::Index),
    /// Changes a line's indentation by this many spaces (negative: removes).
    Indent(prop::sample::Index, i8),
}

pub(crate) fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<prop::sample::Index>;
    prop_oneof![
        1 => at().prop_map(Mutation::Truncate),
        2 => (at(), 1usize..40).prop_map(|(i, n)| Mutation::DeleteBytes(i, n)),
        2 => (at(), prop::collection::vec(any::<u8>(), 1..6))
            .prop_map(|(i, b)| Mutation::InsertBytes(i, b)),
        1 => (at(), any::<u8>()).prop_map(|(i, b)| Mutation::FlipByte(i, b)),
        4 => (at(), prop_oneof![hostile_scalar(), hostile_text(4)])
            .prop_map(|(i, s)| Mutation::InsertText(i, s)),
        3 => (at(), hostile_char()).prop_map(|(i, c)| Mutation::ReplaceChar(i, c)),
        1 => at().prop_map(Mutation::DuplicateLine),
        1 => (at(), at()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => (at(), -4i8..5).prop_map(|(i, n)| Mutation::Indent(i, n)),
    ]
}

impl Mutation {
    pub(crate) fn apply(&self, bytes: &mut Vec<u8>) {
        let len = bytes.len();
        let char_starts = |bytes: &[u8]| -> Vec<usize> {
            let text = String::from_utf8_lossy(bytes);
            if text.len() == bytes.len() {
                text.char_indices().map(|(i, _)| i).chain([len]).collect()
            } else {
                (0..=len).collect()
            }
        };
        let line_spans = |bytes: &[u8]| -> Vec<(usize, usize)> {
            let mut spans = Vec::new();
            let mut start = 0;
            for (i, b) in bytes.iter().enumerate() {
                if *b == b'\n' {
                    spans.push((start, i + 1));
                    start = i + 1;
                }
            }
            spans.push((start, bytes.len()));
            spans
        };
        match self {
            Mutation::Truncate(i) => bytes.truncate(i.index(len + 1)),
            Mutation::DeleteBytes(i, n) => {
                let at = i.index(len + 1);
                bytes.drain(at..(at + n).min(len));
            }
            Mutation::InsertBytes(i, b) => {
                let at = i.index(len + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            Mutation::FlipByte(i, b) => {
                if len > 0 {
                    bytes[i.index(len)] ^= b | 1;
                }
            }
            Mutation::InsertText(i, s) => {
                let starts = char_starts(bytes);
                let at = starts[i.index(starts.len())];
                bytes.splice(at..at, s.bytes());
            }
            Mutation::ReplaceChar(i, c) => {
                let starts = char_starts(bytes);
                if starts.len() > 1 {
                    let k = i.index(starts.len() - 1);
                    let mut buf = [0; 4];
                    bytes.splice(starts[k]..starts[k + 1], c.encode_utf8(&mut buf).bytes());
                }
            }
            Mutation::DuplicateLine(i) => {
                let spans = line_spans(bytes);
                let (a, b) = spans[i.index(spans.len())];
                let line = bytes[a..b].to_vec();
                bytes.splice(a..a, line);
            }
            Mutation::SwapLines(one, other) => {
                let spans = line_spans(bytes);
                let one = spans[one.index(spans.len())];
                let other = spans[other.index(spans.len())];
                let (first, second) = if one.0 <= other.0 {
                    (one, other)
                } else {
                    (other, one)
                };
                if first.1 <= second.0 {
                    let a = bytes[first.0..first.1].to_vec();
                    let b = bytes[second.0..second.1].to_vec();
                    bytes.splice(second.0..second.1, a);
                    bytes.splice(first.0..first.1, b);
                }
            }
            Mutation::Indent(i, n) => {
                let spans = line_spans(bytes);
                let (a, _) = spans[i.index(spans.len())];
                if *n >= 0 {
                    bytes.splice(a..a, std::iter::repeat_n(b' ', n.unsigned_abs().into()));
                } else {
                    let spaces = bytes[a..].iter().take_while(|b| **b == b' ').count();
                    let remove = spaces.min(n.unsigned_abs().into());
                    bytes.drain(a..a + remove);
                }
            }
        }
    }
}

/// An example with up to `max` mutations applied, as bytes.
pub(crate) fn mutated_example(max: usize) -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(EXAMPLES),
        prop::collection::vec(mutation(), 1..=max),
    )
        .prop_map(|(example, mutations)| {
            let mut bytes = example.as_bytes().to_vec();
            for m in &mutations {
                m.apply(&mut bytes);
            }
            bytes
        })
}

/// Pieces templates are made of: text, tag delimiters, mention syntax, strings and escapes.
fn template_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "{{", "}}", "{%", "%}", "{#", "#}", "{{-", "-}}", "{%-", "-%}", " ", "\n", "'", "\"",
            "\\", "(", ")", "[", "]", ",", "=", ":", ".", "|", "~", "@", "@param.x", "@config.BOT",
            "@tool.up.echo(", "@tool.vmcp.t(", "@prompt.up.p(", "@resource.up.", "@param.",
            "raw", "endraw", "{% raw %}", "{% endraw %}", "if", "endif", "for", "endfor", "in",
            "else", "param.x", "config.BOT", "steps.s.text", "tool(\"up\", \"echo\", {})",
            "range(9999)", "loop", "x=1", "x=\"a\"", "x=param.x", "x=[1, 'b']", "\\u00e9",
            "\\u+041", "\\uzzzz", "true", "None", "-1.5e3", "| upper", "| tojson", "~ 'a'",
            "{{ param.x }}", "{% if param.x %}", "{% endif %}", "{% for i in range(3) %}",
            "{% endfor %}", "{% set a = 1 %}", "{% macro m() %}", "{% endmacro %}",
            "{% include 'x' %}", "{% extends 'x' %}",
        ])
        .prop_map(str::to_string),
        2 => hostile_text(3),
        1 => "[a-z_]{1,8}",
    ]
}

/// A template of random tags, mentions and text.
pub(crate) fn template() -> impl Strategy<Value = String> {
    prop::collection::vec(template_piece(), 0..24).prop_map(|p| p.concat())
}
