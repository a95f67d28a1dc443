//! A tool definition as the trust code reads it: the upstream's object parsed into a JSON value,
//! or refused as unscreenable when it nests deeper than vmcp screens. A JSON parser with a
//! recursion limit (serde_json stops at 128 levels) would otherwise fail on such a tool, and a
//! caller that skipped the failure would let it pass unscreened while the raw catalog still
//! served it. Every command that decides or reports what is exposed (the session's gate,
//! `check`, `tools list`, `server approve`, `trust diff`) reads tools through here, so none sees
//! a tool the others miss; an unscreenable tool is withheld by all of them.

use serde_json::Value;

use super::screen::Flag;
use crate::protocol::RawObject;

/// The deepest tool definition vmcp parses and screens (the tool object is level 1). Real
/// schemas nest a few levels; this leaves room below serde_json's recursion limit (128) for the
/// envelopes a definition travels in (`{"result":{"tools":[…]}}`), so every later parse of a
/// catalog that passed the gate succeeds.
pub(crate) const MAX_DEPTH: usize = 100;

/// A definition vmcp cannot screen (and so never exposes).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("its definition {reason}, so it cannot be screened for tool poisoning")]
pub(crate) struct Unscreenable {
    /// What is wrong, e.g. `nests 202 levels deep (vmcp screens at most 100)`.
    pub reason: String,
}

/// The nesting depth of JSON text, counted in one pass without recursion (the text may nest
/// arbitrarily deep).
fn depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// The definition of `tool` as a JSON value, if vmcp can screen it.
pub(crate) fn parse(tool: &RawObject) -> Result<Value, Unscreenable> {
    let text = serde_json::to_string(tool).map_err(|e| Unscreenable {
        reason: format!("cannot be read ({e})"),
    })?;
    let levels = depth(&text);
    if levels > MAX_DEPTH {
        return Err(Unscreenable {
            reason: format!("nests {levels} levels deep (vmcp screens at most {MAX_DEPTH})"),
        });
    }
    serde_json::from_str(&text).map_err(|e| Unscreenable {
        reason: format!("cannot be read ({e})"),
    })
}

/// The flag that reports an unscreenable tool beside the poisoning marks of the others.
pub(crate) fn flag(tool: &RawObject, e: &Unscreenable) -> Flag {
    Flag {
        tool: tool.get_str("name").unwrap_or_default(),
        field: "definition".into(),
        kind: "unscreenable",
        detail: format!("{}: cannot be screened, so vmcp never exposes it", e.reason),
    }
}

/// The definitions of `tools` that can be screened, and a flag for each one that cannot.
pub(crate) fn parse_all(tools: &[RawObject]) -> (Vec<Value>, Vec<Flag>) {
    let mut definitions = Vec::with_capacity(tools.len());
    let mut unscreenable = Vec::new();
    for tool in tools {
        match parse(tool) {
            Ok(d) => definitions.push(d),
            Err(e) => unscreenable.push(flag(tool, &e)),
        }
    }
    (definitions, unscreenable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> RawObject {
        // The tool object is level 1; each `{"x": …}` adds one.
        let mut schema = String::from("{}");
        for _ in 2..levels {
            schema = format!("{{\"x\":{schema}}}");
        }
        serde_json::from_str(&format!(r#"{{"name":"t","inputSchema":{schema}}}"#)).unwrap()
    }

    #[test]
    fn depth_counts_brackets_outside_strings() {
        assert_eq!(depth(r#"{"a":[1,{"b":"{[{["}]}"#), 3);
        assert_eq!(depth(r#"{"a":"\"{{"}"#), 1);
        assert_eq!(depth("3"), 0);
        // Deep input is counted, not recursed into.
        assert_eq!(depth(&"[".repeat(1_000_000)), 1_000_000);
    }

    #[test]
    fn a_definition_up_to_the_limit_parses_and_one_beyond_is_refused() {
        let ok = parse(&nested(MAX_DEPTH)).unwrap();
        assert_eq!(ok["name"], "t");
        let e = parse(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "its definition nests 101 levels deep (vmcp screens at most 100), so it cannot be screened for tool poisoning"
        );
        // Far past serde_json's own limit: refused the same way, no stack used.
        let deep = parse(&nested(5_000)).unwrap_err();
        assert!(deep.reason.starts_with("nests 5000 levels deep"), "{deep}");
        let (parsed, flags) = parse_all(&[nested(3), nested(300)]);
        assert_eq!(parsed.len(), 1);
        assert_eq!(flags[0].kind, "unscreenable");
        assert_eq!(flags[0].field, "definition");
    }
}
