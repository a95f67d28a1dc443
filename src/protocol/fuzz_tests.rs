//! The protocol part of the fuzzing harness: property tests over the JSON-RPC decoder, the id
//! salvage, single-line encoding and the line framing, with generated inputs — arbitrary bytes
//! and structured but hostile JSON. What must hold: nothing panics, a readable id is never lost
//! and comes back exactly, values keep their bytes, and every line that asks for an answer gets
//! exactly one (an answer gets none).
//!
//! A short run is part of `cargo test` (256 cases each); a long one:
//! `PROPTEST_CASES=100000 cargo test --release --lib fuzz_`.

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use proptest::prelude::*;
use serde_json::value::RawValue;
use tokio::io::{AsyncRead, ReadBuf};

use super::envelope::decode;
use super::lines::{BadLines, ReadOptions, read_lines};
use super::message::{Message, Outcome, RequestId, Response, empty_object, encode};
use super::peer::{BoxFuture, Handler, IncomingRequest, Peer};
use super::salvage::EnvelopeScan;

// ---------- generators ----------

/// JSON number text in every shape a writer may use.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?(0|[1-9][0-9]{0,3})",
        "-?[1-9][0-9]{17,30}",
        "-?(0|[1-9][0-9]{0,5})\\.[0-9]{1,6}",
        "-?(0|[1-9][0-9]{0,3})(\\.[0-9]{1,3})?[eE][+-]?[0-9]{1,4}",
    ]
}

/// JSON string text: plain and non-ASCII characters, every escape, surrogate pairs.
fn string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 _:{}\\[\\],]{1,6}",
        "[é—≥\u{200b}\u{feff}😀]",
        "\\\\[\"\\\\/bfnrt]",
        "\\\\u00[0-7][0-9a-f]",
        Just("\\ud83d\\ude00".to_string()),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|p| format!("\"{}\"", p.concat()))
}

/// Whitespace JSON allows between tokens (often none).
fn ws() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        1 => "[ \t\r\n]{1,4}",
    ]
}

/// Any JSON value as text, nested, with whitespace between tokens.
fn json() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        number(),
        string(),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            (proptest::collection::vec((ws(), inner.clone()), 0..5), ws())
                .prop_map(|(items, end)| array(&items, &end)),
            (
                proptest::collection::vec((string(), ws(), inner), 0..5),
                ws()
            )
                .prop_map(|(members, end)| object(&members, &end)),
        ]
    })
}

fn array(items: &[(String, String)], end: &str) -> String {
    let body: Vec<String> = items.iter().map(|(w, v)| format!("{w}{v}")).collect();
    format!("[{}{end}]", body.join(","))
}

fn object(members: &[(String, String, String)], end: &str) -> String {
    let body: Vec<String> = members
        .iter()
        .map(|(k, w, v)| format!("{k}{w}:{w}{v}"))
        .collect();
    format!("{{{}{end}}}", body.join(","))
}

/// A valid id as JSON text: any number or string.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![number(), string()]
}

/// An envelope with exactly one `id` whose other fields may hold anything (wrong types,
/// duplicates, unknown keys).
#[derive(Debug, Clone)]
struct Hostile {
    text: String,
    id: String,
    has_method: bool,
    has_outcome: bool,
}

fn hostile_envelope() -> impl Strategy<Value = Hostile> {
    hostile_envelope_with(id())
}

fn hostile_envelope_with(id: impl Strategy<Value = String>) -> impl Strategy<Value = Hostile> {
    let field = prop_oneof![
        Just("\"jsonrpc\""),
        Just("\"method\""),
        Just("\"params\""),
        Just("\"result\""),
        Just("\"error\""),
        Just("\"x-other\""),
    ];
    let value = prop_oneof![
        Just("\"2.0\"".to_string()),
        Just("\"tools/list\"".to_string()),
        Just("{}".to_string()),
        json()
    ];
    (
        proptest::collection::vec((field, value, ws()), 0..6),
        id,
        any::<prop::sample::Index>(),
    )
        .prop_map(|(fields, id, at)| {
            let mut members: Vec<String> = fields
                .iter()
                .map(|(k, v, w)| format!("{k}:{w}{v}"))
                .collect();
            members.insert(at.index(members.len() + 1), format!("\"id\":{id}"));
            let has = |key: &str| fields.iter().any(|(k, _, _)| *k == key);
            Hostile {
                text: format!("{{{}}}", members.join(",")),
                has_method: has("\"method\""),
                has_outcome: has("\"result\"") || has("\"error\""),
                id,
            }
        })
}

/// The id a JSON text denotes, to compare with what was read.
fn id_of(text: &str) -> RequestId {
    RequestId::from_json(text).expect("generated ids are valid")
}

/// Removes the whitespace between tokens (what single-line encoding may do, and all it may do).
fn compact(text: &str) -> String {
    let (mut in_string, mut escaped) = (false, false);
    text.chars()
        .filter(|&c| {
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
                true
            } else if c == '"' {
                in_string = true;
                true
            } else {
                !matches!(c, ' ' | '\t' | '\n' | '\r')
            }
        })
        .collect()
}

// ---------- decoder, salvage, encoding ----------

proptest! {
    #[test]
    fn fuzz_arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let decoded = decode(&bytes);
        let salvaged = EnvelopeScan::scan(&bytes);
        if let Err(e) = decoded {
            // Whatever was salvaged is a well-formed id.
            if let Some(id) = &e.id {
                prop_assert!(serde_json::to_string(id).is_ok());
            }
        }
        let _ = salvaged;
    }

    #[test]
    fn fuzz_hostile_json_never_panics(text in json(), cut in any::<prop::sample::Index>()) {
        let _ = decode(text.as_bytes());
        // Every prefix too (a message cut short).
        let end = cut.index(text.len() + 1);
        let _ = decode(&text.as_bytes()[..end]);
        let _ = EnvelopeScan::scan(&text.as_bytes()[..end]);
    }

    #[test]
    fn fuzz_a_readable_id_is_never_lost(h in hostile_envelope()) {
        let want = id_of(&h.id);
        match decode(h.text.as_bytes()) {
            Ok(Message::Request(r)) => prop_assert_eq!(r.id, want),
            Ok(Message::Response(r)) => prop_assert_eq!(r.id, want),
            Ok(Message::Notification(n)) => prop_assert!(false, "id lost: {:?}", n),
            Err(e) => prop_assert_eq!(e.id, Some(want), "{}", e.error.message),
        }
    }

    #[test]
    fn fuzz_ids_go_back_exactly(id in id()) {
        let line = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"ping"}}"#);
        let Ok(Message::Request(r)) = decode(line.as_bytes()) else {
            return Err(TestCaseError::fail(format!("not a request: {line}")));
        };
        let out = String::from_utf8(encode(&Message::Response(Response {
            id: r.id.clone(),
            outcome: Outcome::Result(empty_object()),
        })))
        .unwrap();
        let back: std::collections::HashMap<String, Box<RawValue>> =
            serde_json::from_str(&out).unwrap();
        let sent_back = back["id"].get();
        if id.starts_with('"') {
            // A string is its value (escapes are the writer's choice).
            prop_assert_eq!(id_of(sent_back), r.id);
        } else {
            prop_assert_eq!(sent_back, id.as_str());
        }
    }

    #[test]
    fn fuzz_salvage_agrees_with_the_decoder(text in json(), envelope in hostile_envelope()) {
        for text in [text, envelope.text] {
            let scanned = EnvelopeScan::scan(text.as_bytes());
            let (id, answer) = match decode(text.as_bytes()) {
                Ok(Message::Request(r)) => (Some(r.id), false),
                Ok(Message::Response(r)) => (Some(r.id), true),
                Ok(Message::Notification(_)) => (None, false),
                Err(e) => (e.id, e.answer),
            };
            // On valid JSON the scan reads what the decoder reads (it may not know less).
            if id.is_some() {
                prop_assert_eq!(&scanned.id, &id, "{}", text);
            }
            prop_assert_eq!(scanned.is_answer(), answer, "{}", text);
        }
    }

    #[test]
    fn fuzz_scanning_in_chunks_changes_nothing(
        h in hostile_envelope(),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        let bytes = h.text.as_bytes();
        let mut at: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
        at.sort_unstable();
        let mut scan = EnvelopeScan::default();
        let mut from = 0;
        for to in at.into_iter().chain([bytes.len()]) {
            scan.push(&bytes[from..to]);
            from = to;
        }
        prop_assert_eq!(scan.finish(), EnvelopeScan::scan(bytes));
    }

    #[test]
    fn fuzz_one_line_keeps_every_value(value in json()) {
        let Ok(raw) = RawValue::from_string(value.clone()) else {
            return Ok(());
        };
        let line = String::from_utf8(encode(&Message::Response(Response {
            id: RequestId::Number(1),
            outcome: Outcome::Result(raw),
        })))
        .unwrap();
        let result = line
            .strip_prefix(r#"{"jsonrpc":"2.0","id":1,"result":"#)
            .and_then(|l| l.strip_suffix("}\n"))
            .unwrap();
        prop_assert!(!result.contains(['\n', '\r']));
        // Only whitespace between tokens may go, and only when there was a line break.
        prop_assert_eq!(compact(result), compact(&value));
        if !value.contains(['\n', '\r']) {
            prop_assert_eq!(result, value.as_str());
        }
    }
}

// ---------- line framing ----------

/// What a line of the generated input must get back.
#[derive(Debug, Clone)]
enum Expect {
    /// Exactly one answer with this id (as JSON text).
    One(String),
    /// Exactly one answer with a `null` id.
    OneNull,
    /// No answer.
    None,
}

/// One generated input line and what it must get back (`n` makes its id unique).
fn line(n: usize, max: usize) -> impl Strategy<Value = (Vec<u8>, Expect)> {
    let request = Just((
        format!(r#"{{"jsonrpc":"2.0","id":{n},"method":"tools/list"}}"#).into_bytes(),
        Expect::One(n.to_string()),
    ));
    let big_id = format!("1{n:0>25}");
    let big = Just((
        format!(r#"{{"id":{big_id},"jsonrpc":"2.0","method":"x","params":{{}}}}"#).into_bytes(),
        Expect::One(big_id),
    ));
    let notification = Just((
        br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#.to_vec(),
        Expect::None,
    ));
    let answer = Just((
        format!(r#"{{"jsonrpc":"2.0","id":{n},"result":{{}}}}"#).into_bytes(),
        Expect::None,
    ));
    // No `{`: never an object, so never answered with an id.
    let garbage = "[^{\n]{1,40}".prop_filter_map("blank", |g: String| {
        (!g.trim().is_empty()).then(|| (g.into_bytes(), Expect::OneNull))
    });
    // A unique id, to count its answers: a request (a `method`, of any type) gets exactly one,
    // an answer (`result` or `error`, no `method`) none, anything else an error.
    let hostile = hostile_envelope_with(Just(format!("\"h{n}\""))).prop_map(|h| {
        let expect = if h.has_outcome && !h.has_method {
            Expect::None
        } else {
            Expect::One(h.id)
        };
        // One message per line: a line break inside would make two lines.
        (h.text.replace('\n', " ").into_bytes(), expect)
    });
    let oversized_request = Just((
        format!(
            r#"{{"jsonrpc":"2.0","id":"o{n}","method":"x","params":"{}"}}"#,
            "x".repeat(max)
        )
        .into_bytes(),
        Expect::One(format!("\"o{n}\"")),
    ));
    let oversized_garbage = Just(("y".repeat(max + 1).into_bytes(), Expect::OneNull));
    prop_oneof![
        request,
        big,
        notification,
        answer,
        garbage,
        hostile,
        oversized_request,
        oversized_garbage,
    ]
}

fn lines(max: usize) -> impl Strategy<Value = Vec<(Vec<u8>, Expect)>> {
    (1usize..24).prop_flat_map(move |count| (0..count).map(|n| line(n, max)).collect::<Vec<_>>())
}

/// Answers every request at once with `{}`.
struct Answer;
impl Handler for Answer {
    fn on_request(&self, _req: IncomingRequest) -> BoxFuture<Outcome> {
        Box::pin(async { Outcome::Result(empty_object()) })
    }
    fn on_notification(&self, _method: &str, _params: Option<Box<RawValue>>) {}
}

/// A reader handing out its bytes in the chunks given.
struct Chunks(VecDeque<Vec<u8>>);
impl AsyncRead for Chunks {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if let Some(mut chunk) = self.0.pop_front() {
            let n = chunk.len().min(buf.remaining());
            buf.put_slice(&chunk[..n]);
            if n < chunk.len() {
                chunk.drain(..n);
                self.0.push_front(chunk);
            }
        }
        Poll::Ready(Ok(()))
    }
}

/// Feeds `input` in `chunk`-byte pieces to a server-side reader; returns every line written back.
fn serve(input: Vec<u8>, chunk: usize, max: usize) -> Vec<String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let (peer, mut frames) = Peer::new("fuzz", Arc::new(Answer));
        let chunks = input.chunks(chunk).map(<[u8]>::to_vec).collect();
        let opts = ReadOptions {
            bad: BadLines::Reply,
            max_line: max,
            pause: None,
        };
        read_lines(&peer, Chunks(chunks), opts).await;
        while peer.in_flight() > 0 {
            tokio::task::yield_now().await;
        }
        peer.close("done");
        let mut out = Vec::new();
        while let Some(f) = frames.try_recv() {
            out.push(String::from_utf8(f.bytes).expect("UTF-8"));
        }
        out
    })
}

proptest! {
    #[test]
    fn fuzz_every_request_line_gets_exactly_one_answer(
        input in lines(300),
        chunk in 1usize..400,
        crlf in any::<bool>(),
    ) {
        let mut bytes = Vec::new();
        for (l, _) in &input {
            bytes.extend_from_slice(l);
            bytes.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
        }
        let written = serve(bytes, chunk, 300);
        let mut ids: Vec<String> = Vec::new();
        for line in &written {
            prop_assert!(line.ends_with('\n') && line.matches('\n').count() == 1, "{}", line);
            let v: std::collections::HashMap<String, Box<RawValue>> =
                serde_json::from_str(line).map_err(|e| TestCaseError::fail(format!("{e}: {line}")))?;
            prop_assert_eq!(v["jsonrpc"].get(), "\"2.0\"");
            ids.push(v["id"].get().to_string());
        }
        let count = |id: &str| ids.iter().filter(|i| *i == id).count();
        let mut nulls = 0;
        for (l, expect) in &input {
            let what = String::from_utf8_lossy(&l[..l.len().min(120)]).into_owned();
            match expect {
                Expect::One(id) => prop_assert_eq!(count(id), 1, "{} → {:?}", what, written),
                Expect::OneNull => nulls += 1,
                Expect::None => {}
            }
            if let Expect::None = expect
                && let Some(i) = what.find("\"id\":")
            {
                let id = what[i + 5..].split([',', '}']).next().unwrap_or_default();
                prop_assert_eq!(count(id), 0, "{} → {:?}", what, written);
            }
        }
        prop_assert_eq!(count("null"), nulls, "{:?}", written);
    }
}
