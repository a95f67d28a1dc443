//! Maps a path inside the YAML document (`vmcps.mytools.servers.time`) to a line and column, so
//! errors found after deserialization can still point at the text the user wrote.
//!
//! The events come from the parser serde_yaml runs (see [`super::yaml_events`]): both read the
//! same document from the same text (a second parser once disagreed on lenient input such as an
//! under-indented multi-line quoted scalar, and every later error lost its position).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::ControlFlow;

use libyaml_safer::{EventData, Mark, ScalarStyle};

use super::yaml_events;

/// One step of a path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(s: &str) -> Self {
        Seg::Key(s.to_string())
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

/// Renders a path as `a.b[2].c` for messages.
pub(crate) fn render_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

/// Line and column (both 1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Default, Debug)]
pub(crate) struct Locator {
    /// Where each node's key is written (for mapping entries).
    keys: HashMap<Vec<Seg>, Position>,
    /// Where each node's value starts.
    values: HashMap<Vec<Seg>, Position>,
    /// Keys written again in the same mapping: where the second one is (serde reports a
    /// duplicate at the start of its mapping, which is rarely where the mistake is).
    again: HashMap<Vec<Seg>, Position>,
}

impl Locator {
    /// Indexes the first document of `text`. Text that does not parse is indexed up to the
    /// error (serde_yaml reports the error itself).
    pub(crate) fn new(text: &str) -> Locator {
        let lines: Vec<&str> = text.lines().collect();
        let mut events: Vec<(EventData, Mark)> = Vec::new();
        // Up to a syntax error, or to where the reader failed: what was read is indexed.
        let _ = yaml_events::read(text, |event| {
            let Ok(e) = event else {
                return ControlFlow::Break(());
            };
            let at = match &e.data {
                EventData::Scalar {
                    style: ScalarStyle::Literal | ScalarStyle::Folded,
                    ..
                } => block_content(&lines, e.start_mark, e.end_mark),
                _ => e.start_mark,
            };
            events.push((e.data, at));
            ControlFlow::Continue(())
        });
        let mut loc = Locator::default();
        let mut i = events
            .iter()
            .position(|(e, _)| matches!(e, EventData::DocumentStart { .. }))
            .map_or(0, |p| p + 1);
        if i < events.len() {
            loc.node(&events, &mut i, &mut Vec::new());
        }
        loc
    }

    /// Position of the key of `path` (falling back to its value, then to its closest ancestor).
    pub(crate) fn key(&self, path: &[Seg]) -> Option<Position> {
        self.find(path, true)
    }

    /// Position of the value at `path` (falling back to its key, then to its closest ancestor).
    pub(crate) fn value(&self, path: &[Seg]) -> Option<Position> {
        self.find(path, false)
    }

    /// Where `key` is written a second time in the mapping that starts at `mapping` (or, when no
    /// mapping starts there, in any mapping).
    pub(crate) fn repeated_key(&self, mapping: Position, key: &str) -> Option<Position> {
        let named = |p: &Vec<Seg>| matches!(p.last(), Some(Seg::Key(k)) if k == key);
        let mut repeats: Vec<(&Vec<Seg>, &Position)> =
            self.again.iter().filter(|(p, _)| named(p)).collect();
        repeats.sort_by_key(|(_, at)| (at.line, at.column));
        repeats
            .iter()
            .find(|(p, _)| self.values.get(&p[..p.len() - 1]) == Some(&mapping))
            .or_else(|| repeats.first())
            .map(|(_, at)| **at)
    }

    /// The first key (in the text's order) written twice in one mapping: its path, where it is
    /// written again, and where first.
    pub(crate) fn first_repeat(&self) -> Option<(&[Seg], Position, Position)> {
        self.again
            .iter()
            .min_by_key(|(_, at)| (at.line, at.column))
            .and_then(|(p, at)| Some((p.as_slice(), *at, *self.keys.get(p)?)))
    }

    /// Whether the node at `path` itself was found (no fallback to an ancestor).
    #[cfg(test)]
    pub(crate) fn indexes(&self, path: &[Seg]) -> bool {
        self.values.contains_key(path)
    }

    fn find(&self, path: &[Seg], key_first: bool) -> Option<Position> {
        for n in (0..=path.len()).rev() {
            let p = &path[..n];
            let (a, b) = if key_first {
                (&self.keys, &self.values)
            } else {
                (&self.values, &self.keys)
            };
            if let Some(pos) = a.get(p).or_else(|| b.get(p)) {
                return Some(*pos);
            }
        }
        None
    }

    fn node(&mut self, ev: &[(EventData, Mark)], i: &mut usize, path: &mut Vec<Seg>) {
        let Some((event, mark)) = ev.get(*i) else {
            return;
        };
        self.values.entry(path.clone()).or_insert(pos(*mark));
        *i += 1;
        match event {
            EventData::MappingStart { .. } => {
                while let Some((e, m)) = ev.get(*i) {
                    if matches!(e, EventData::MappingEnd) {
                        *i += 1;
                        break;
                    }
                    let key = match e {
                        EventData::Scalar { value, .. } => value.clone(),
                        _ => String::new(),
                    };
                    let key_mark = *m;
                    if key.is_empty() && !matches!(e, EventData::Scalar { .. }) {
                        // Complex key: skip it as a node of its own.
                        self.node(ev, i, &mut path.clone());
                    } else {
                        *i += 1;
                    }
                    path.push(Seg::Key(key));
                    if self.keys.contains_key(path) {
                        self.again.entry(path.clone()).or_insert(pos(key_mark));
                    } else {
                        self.keys.insert(path.clone(), pos(key_mark));
                    }
                    self.node(ev, i, path);
                    path.pop();
                }
            }
            EventData::SequenceStart { .. } => {
                let mut idx = 0;
                while let Some((e, _)) = ev.get(*i) {
                    if matches!(e, EventData::SequenceEnd) {
                        *i += 1;
                        break;
                    }
                    path.push(Seg::Index(idx));
                    self.node(ev, i, path);
                    path.pop();
                    idx += 1;
                }
            }
            _ => {}
        }
    }
}

/// Where the text of a block scalar (`|`, `>`) starts: its first line that is not blank, rather
/// than the indicator, so that "line 2 of the template" is the line after the one pointed at.
fn block_content(lines: &[&str], indicator: Mark, end: Mark) -> Mark {
    let first = usize::try_from(indicator.line).map_or(usize::MAX, |l| l.saturating_add(1));
    let last = usize::try_from(end.line).unwrap_or(usize::MAX);
    lines
        .iter()
        .enumerate()
        .skip(first)
        .take_while(|(i, _)| *i <= last)
        .find_map(|(i, line)| {
            let indent = line.find(|c: char| c != ' ')?;
            let mut at = indicator;
            at.line = u64::try_from(i).ok()?;
            at.column = u64::try_from(indent).ok()?;
            Some(at)
        })
        .unwrap_or(indicator)
}

/// The position of a parser mark (libyaml counts lines and columns from 0, in characters).
pub(crate) fn pos(m: Mark) -> Position {
    let one_based = |n: u64| usize::try_from(n).map_or(usize::MAX, |n| n.saturating_add(1));
    Position {
        line: one_based(m.line),
        column: one_based(m.column),
    }
}

/// The position just after `before` (the text of a file up to some point), with lines counted
/// as YAML counts them: at `\n`, `\r\n`, `\r`, U+0085, U+2028 and U+2029.
pub(crate) fn position_after(before: &str) -> Position {
    let mut at = Position { line: 1, column: 1 };
    let mut chars = before.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                at.line += 1;
                at.column = 1;
            }
            _ => at.column += 1,
        }
    }
    at
}

/// `at`, moved back inside `text` when it is past its end: at the end of a file without a final
/// line break, libyaml reports the line after the last one.
pub(crate) fn within(text: &str, at: Position) -> Position {
    let end = position_after(text);
    if at.line > end.line { end } else { at }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "servers:\n  time:\n    command: python3\n    args: [\"-m\", x]\nvmcps:\n  mine:\n    servers:\n      time: {}\n      other:\n        prefix: o\n";

    fn path(p: &[&str]) -> Vec<Seg> {
        p.iter().map(|s| Seg::from(*s)).collect()
    }

    #[test]
    fn finds_keys_and_values() {
        let loc = Locator::new(DOC);
        assert_eq!(
            loc.key(&path(&["servers", "time", "command"])),
            Some(Position { line: 3, column: 5 })
        );
        assert_eq!(
            loc.value(&path(&["servers", "time", "command"])),
            Some(Position {
                line: 3,
                column: 14
            })
        );
        assert_eq!(
            loc.key(&path(&["vmcps", "mine", "servers", "other"])),
            Some(Position { line: 9, column: 7 })
        );
        let mut args = path(&["servers", "time", "args"]);
        args.push(Seg::Index(1));
        assert_eq!(
            loc.value(&args),
            Some(Position {
                line: 4,
                column: 18
            })
        );
    }

    #[test]
    fn falls_back_to_the_closest_ancestor() {
        let loc = Locator::new(DOC);
        assert_eq!(
            loc.key(&path(&["vmcps", "mine", "nope", "deeper"])),
            Some(Position { line: 6, column: 3 })
        );
    }

    #[test]
    fn renders_paths() {
        let mut p = path(&["servers", "time", "args"]);
        p.push(Seg::Index(2));
        assert_eq!(render_path(&p), "servers.time.args[2]");
    }
}
