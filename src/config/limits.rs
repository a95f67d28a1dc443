//! What a definition file must not be, checked on its YAML events before it is deserialized, so
//! that each refusal says where (file:line:column). serde_yaml refuses these too, but without a
//! position, or (deep nesting) only after a time that grows with the square of the depth:
//! `servers: [[[[…]]]]` a hundred thousand deep took 35 s to refuse.
//!
//! - nesting deeper than [`MAX_DEPTH`] collections;
//! - a second YAML document (`---`);
//! - aliases that expand to more than [`MAX_EXPANSION`] times the document (a "billion laughs"),
//!   counted as serde_yaml counts them: every alias met, those inside anchored nodes again each
//!   time the node is repeated.
//!
//! The pass stops at the first refusal, so deep nesting costs at most `MAX_DEPTH` steps per
//! event. Syntax errors are left to serde_yaml, whose messages are the ones users know.

use std::collections::HashMap;
use std::ops::ControlFlow;

use libyaml_safer::{Event, EventData, Mark};

use super::locate::{self, Position};
use super::yaml_events::{self, Failed};

/// Deepest nesting of collections accepted: serde_yaml's own recursion limit.
pub(crate) const MAX_DEPTH: usize = 128;
/// How many times its own size the aliases of a document may expand it: serde_yaml's limit.
pub(crate) const MAX_EXPANSION: u64 = 100;

/// Why a file is refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub position: Position,
    pub message: String,
    pub hint: String,
}

/// Checks the limits on `text`.
pub(crate) fn check(text: &str) -> Result<(), Refusal> {
    let mut scan = Scan::default();
    let mut refusal = None;
    yaml_events::read(text, |event| {
        let outcome = match event {
            Ok(event) => scan.event(&event),
            // After the document's end (`...`), serde_yaml takes an error for a second
            // document, and says so without a position.
            Err(e) if scan.ended => Err(refuse(
                e.problem_mark().unwrap_or_default(),
                &format!(
                    "after the end of the document comes more, which is not YAML: {}",
                    e.problem()
                ),
                "a definition file holds one YAML document: remove what follows its end (`...`)",
            )),
            // A syntax error: serde_yaml reports it, at the same place.
            Err(_) => Ok(()),
        };
        match outcome {
            Ok(()) => ControlFlow::Continue(()),
            Err(r) => {
                refusal = Some(r);
                ControlFlow::Break(())
            }
        }
    })
    .map_err(unreadable)?;
    if let Some(r) = refusal {
        return Err(r);
    }
    if scan.expansion <= scan.limit() {
        return Ok(());
    }
    // Over the limit: find the alias at which the count went past it (a second pass, only for
    // files that are refused).
    let limit = scan.limit();
    let mut again = Scan::default();
    let mut found = None;
    yaml_events::read(text, |event| {
        let Ok(event) = event else {
            return ControlFlow::Break(());
        };
        let before = again.expansion;
        // The first pass went through, so no other refusal comes on the way.
        let _ = again.event(&event);
        if before <= limit && again.expansion > limit {
            found = Some(event.start_mark);
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    })
    .map_err(unreadable)?;
    Err(Refusal {
        position: locate::pos(found.unwrap_or_default()),
        message: format!(
            "the aliases of this file expand it more than {MAX_EXPANSION} times over (an alias bomb?)"
        ),
        hint: "write the repeated values out, or alias them fewer times".into(),
    })
}

#[derive(Default)]
struct Scan {
    /// Open collections: the anchor and the expansion count when each opened.
    open: Vec<(Option<String>, u64)>,
    /// Alias expansions a use of each anchor costs (serde_yaml's jumps inside it).
    anchors: HashMap<String, u64>,
    /// Jumps so far, as serde_yaml counts them.
    expansion: u64,
    /// Events of the first document.
    events: u64,
    documents: usize,
    /// Whether the first document has ended.
    ended: bool,
}

impl Scan {
    fn limit(&self) -> u64 {
        self.events.saturating_mul(MAX_EXPANSION)
    }

    /// Takes one event.
    fn event(&mut self, event: &Event) -> Result<(), Refusal> {
        let at = event.start_mark;
        match &event.data {
            EventData::DocumentStart { .. } => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(refuse(
                        at,
                        "a definition file holds one YAML document, and a second one starts here",
                        "remove the `---` line and what follows, or move it into a file of its own",
                    ));
                }
                return Ok(());
            }
            EventData::DocumentEnd { .. } => {
                self.ended = true;
                return Ok(());
            }
            EventData::StreamStart { .. } | EventData::StreamEnd => return Ok(()),
            EventData::Alias { anchor } => {
                let inside = self.anchors.get(anchor).copied().unwrap_or(0);
                self.expansion = self.expansion.saturating_add(1).saturating_add(inside);
            }
            EventData::Scalar { anchor, .. } => {
                if let Some(a) = anchor {
                    self.anchors.insert(a.clone(), 0);
                }
            }
            EventData::SequenceStart { anchor, .. } | EventData::MappingStart { anchor, .. } => {
                if self.open.len() >= MAX_DEPTH {
                    return Err(refuse(
                        at,
                        &format!("nesting deeper than {MAX_DEPTH} levels"),
                        "definitions nest a few levels deep: look for an unclosed `[` or `{`, or indentation that keeps growing",
                    ));
                }
                self.open.push((anchor.clone(), self.expansion));
            }
            EventData::SequenceEnd | EventData::MappingEnd => {
                if let Some((Some(anchor), start)) = self.open.pop() {
                    self.anchors
                        .insert(anchor, self.expansion.saturating_sub(start));
                }
            }
        }
        self.events += 1;
        Ok(())
    }
}

/// The reader failed where libyaml reads on: the limits cannot be vouched for, so the file is
/// refused where the reader stopped (this takes unusual YAML, such as a tag before `,`).
fn unreadable(f: Failed) -> Refusal {
    refuse(
        f.at,
        "vmcp cannot read the YAML that follows (its YAML reader failed on it)",
        "write it more plainly: without tags (`!x`) or unusual flow syntax",
    )
}

fn refuse(at: Mark, message: &str, hint: &str) -> Refusal {
    Refusal {
        position: locate::pos(at),
        message: message.to_string(),
        hint: hint.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> (usize, usize, String) {
        let r = check(text).expect_err(text);
        (r.position.line, r.position.column, r.message)
    }

    #[test]
    fn ordinary_files_pass() {
        for ok in [
            "",
            "servers: {}\n",
            "a: &x [1, 2]\nb: *x\nc: *x\n",
            "---\nservers: {}\n...\n",
            "a: \"unclosed\n",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        let deep = format!(
            "a: {}1{}\n",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert_eq!(check(&deep), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_where_it_goes_too_deep() {
        let n = 100_000;
        let text = format!("servers: {}{}\n", "[".repeat(n), "]".repeat(n));
        let (line, column, message) = at(&text);
        assert_eq!((line, column), (1, 10 + MAX_DEPTH - 1), "{message}");
        assert!(message.contains("deeper than 128"), "{message}");
        let text = format!("servers: {}1{}\n", "{a: ".repeat(n), "}".repeat(n));
        assert!(at(&text).2.contains("deeper"));
    }

    #[test]
    fn text_after_the_end_of_the_document_is_refused_where_it_is() {
        let (line, column, message) = at("a: 1\n...\n]\n");
        assert_eq!((line, column), (3, 1), "{message}");
        assert!(
            message.starts_with("after the end of the document comes more"),
            "{message}"
        );
    }

    #[test]
    fn a_second_document_is_refused_at_its_start() {
        assert_eq!(
            at("servers: {}\n---\nvmcps: {}\n"),
            (
                2,
                1,
                "a definition file holds one YAML document, and a second one starts here".into()
            )
        );
    }

    #[test]
    fn an_alias_bomb_is_refused_at_the_alias_that_goes_past_the_limit() {
        use std::fmt::Write as _;
        let mut text = String::from("a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n");
        for (name, prev) in ["b", "c", "d", "e", "f"]
            .iter()
            .zip(["a", "b", "c", "d", "e"])
        {
            let _ = writeln!(
                text,
                "{name}: &{name} [{}]",
                vec![format!("*{prev}"); 10].join(", ")
            );
        }
        let (line, _, message) = at(&text);
        assert!(message.contains("alias bomb"), "{message}");
        assert!((2..=6).contains(&line), "{line}");
    }
}
