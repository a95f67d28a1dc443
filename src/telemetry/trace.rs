//! Trace context (W3C `traceparent`/`tracestate`) and spans: what a span records, how its ids
//! are made, and how a context travels as text.

use std::fmt::Write as _;
use std::time::SystemTime;

/// The W3C trace-context keys, also used unprefixed in MCP's `_meta`.
pub(crate) const TRACEPARENT: &str = "traceparent";
pub(crate) const TRACESTATE: &str = "tracestate";

/// Where a span sits in a trace: its trace, its own id, whether it is sampled, and the
/// vendors' `tracestate` passed along.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SpanContext {
    pub trace_id: [u8; 16],
    pub span_id: [u8; 8],
    pub sampled: bool,
    pub state: Option<String>,
}

fn hex_into(out: &mut String, bytes: &[u8]) {
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
}

/// `bytes` as lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    hex_into(&mut s, bytes);
    s
}

fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != N * 2 || !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&text[i * 2..i * 2 + 2], 16).ok()?;
    }
    Some(out)
}

fn random_nonzero<const N: usize>() -> [u8; N] {
    loop {
        let mut out = [0u8; N];
        for chunk in out.chunks_mut(8) {
            let r = fastrand::u64(..).to_le_bytes();
            chunk.copy_from_slice(&r[..chunk.len()]);
        }
        if out.iter().any(|b| *b != 0) {
            return out;
        }
    }
}

impl SpanContext {
    /// A `traceparent` (and its `tracestate`) as W3C Trace Context defines them; `None` when it
    /// is malformed (then the trace starts afresh). Versions after `00` are read by their first
    /// four fields, as the recommendation asks.
    pub(crate) fn parse(traceparent: &str, tracestate: Option<&str>) -> Option<SpanContext> {
        let mut parts = traceparent.trim().split('-');
        let version = parts.next()?;
        let trace = parts.next()?;
        let span = parts.next()?;
        let flags = parts.next()?;
        let rest = parts.next();
        let version = unhex::<1>(version)?[0];
        if version == 0xff || (version == 0 && rest.is_some()) {
            return None;
        }
        let trace_id = unhex::<16>(trace)?;
        let span_id = unhex::<8>(span)?;
        let flags = unhex::<1>(flags)?[0];
        if trace_id == [0; 16] || span_id == [0; 8] {
            return None;
        }
        Some(SpanContext {
            trace_id,
            span_id,
            sampled: flags & 1 == 1,
            state: tracestate.map(str::to_string).filter(|s| !s.is_empty()),
        })
    }

    /// The `traceparent` that names this span as the parent.
    pub(crate) fn traceparent(&self) -> String {
        let mut s = String::with_capacity(55);
        s.push_str("00-");
        hex_into(&mut s, &self.trace_id);
        s.push('-');
        hex_into(&mut s, &self.span_id);
        s.push_str(if self.sampled { "-01" } else { "-00" });
        s
    }
}

/// What a span describes, as OTLP numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpanKind {
    Server = 2,
    Client = 3,
}

/// An attribute's value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Str(String),
    Int(i64),
}

/// A span's status: unset, or an error with its description.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum Status {
    #[default]
    Unset,
    Error(String),
}

/// One operation: started, given attributes, ended.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub context: SpanContext,
    pub parent: Option<[u8; 8]>,
    pub name: String,
    pub kind: SpanKind,
    pub start: SystemTime,
    pub end: SystemTime,
    pub attributes: Vec<(&'static str, Value)>,
    pub status: Status,
}

impl Span {
    /// Starts a span now, as a child of `parent` (the same trace, sampled as it is) or as the
    /// root of a new, sampled trace.
    pub(crate) fn start(name: String, kind: SpanKind, parent: Option<&SpanContext>) -> Span {
        let now = SystemTime::now();
        let context = SpanContext {
            trace_id: parent.map_or_else(random_nonzero, |p| p.trace_id),
            span_id: random_nonzero(),
            sampled: parent.is_none_or(|p| p.sampled),
            state: parent.and_then(|p| p.state.clone()),
        };
        Span {
            context,
            parent: parent.map(|p| p.span_id),
            name,
            kind,
            start: now,
            end: now,
            attributes: Vec::new(),
            status: Status::Unset,
        }
    }

    pub(crate) fn set(&mut self, key: &'static str, value: impl Into<Value>) {
        self.attributes.push((key, value.into()));
    }

    /// Marks the span failed: `error.type` (a low-cardinality class) and the status message.
    pub(crate) fn fail(&mut self, error_type: String, message: String) {
        self.set("error.type", error_type);
        self.status = Status::Error(message);
    }

    /// Ends the span now.
    pub(crate) fn finish(mut self) -> Span {
        self.end = SystemTime::now();
        self
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.to_string())
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TP: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    #[test]
    fn traceparent_round_trips_and_children_keep_the_trace() {
        let parent = SpanContext::parse(TP, Some("rojo=00f067aa0ba902b7")).unwrap();
        assert_eq!(parent.traceparent(), TP);
        assert!(parent.sampled);
        let child = Span::start("x".into(), SpanKind::Client, Some(&parent));
        assert_eq!(child.context.trace_id, parent.trace_id);
        assert_ne!(child.context.span_id, parent.span_id);
        assert_eq!(child.parent, Some(parent.span_id));
        assert_eq!(
            child.context.state.as_deref(),
            Some("rojo=00f067aa0ba902b7")
        );
        assert!(
            child
                .context
                .traceparent()
                .starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-")
        );
        let root = Span::start("y".into(), SpanKind::Server, None);
        assert!(root.parent.is_none() && root.context.sampled);
    }

    #[test]
    fn malformed_traceparents_are_refused() {
        for bad in [
            "",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ] {
            assert_eq!(SpanContext::parse(bad, None), None, "{bad}");
        }
        // A later version with more fields is read by its first four.
        let later = "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-what";
        let c = SpanContext::parse(later, Some("")).unwrap();
        assert!(!c.sampled);
        assert_eq!(c.state, None);
    }
}
