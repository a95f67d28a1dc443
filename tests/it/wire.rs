//! What crosses the wire, careful or hostile, through the real binary: payloads pass through
//! byte for byte, every id comes back as it was sent, every malformed message is answered (with
//! its id when it can be read), and nothing but an object is ever a message.

use serde_json::Value;

use crate::harness::raw::RawClient;
use crate::harness::servers::test_upstream;
use crate::harness::{Home, one_upstream, upstream_entry};

/// `exact`'s result as the test upstream writes it, with only the whitespace between tokens
/// removed (the upstream pretty-prints it; vmcp must send it on one line, every value intact).
const EXACT_COMPACT: &str = r#"{"content":[{"type":"text","text":"caf\u00e9 \ud83d\ude00 \/ \"q\" \\ tab\t"}],"structuredContent":{"price":1.50,"big":123456789012345678901234567890,"huge":1e400,"exp":1E3,"neg":-0.0,"id":9007199254740993,"list":[1.0,2.50e-3]}}"#;

/// Answers `line` must be: `{"jsonrpc":"2.0","id":ID,…}` with the error code `code`.
fn assert_error(line: &str, id: &str, code: i64) -> Value {
    assert!(
        line.starts_with(&format!(r#"{{"jsonrpc":"2.0","id":{id},"error":"#)),
        "{line}"
    );
    let v: Value = serde_json::from_str(line).unwrap();
    assert_eq!(v["error"]["code"], code, "{line}");
    v
}

#[test]
fn pretty_printed_http_payloads_reach_the_client_byte_for_byte() {
    let home = Home::new();
    let (_server, url) = test_upstream(
        &[
            "--name",
            "web",
            "--http",
            "0",
            "--pretty",
            "--only-tools",
            "exact",
        ],
        &home.path("web.log"),
    );
    home.config(&format!(
        "servers:\n  web:\n    url: {url}\n    trust: always\nvmcps:\n  v:\n    servers: [web]\n"
    ));
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.initialize();
    c.send(br#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"web_exact","arguments":{}}}"#);
    assert_eq!(
        c.answer("2"),
        format!(r#"{{"jsonrpc":"2.0","id":2,"result":{EXACT_COMPACT}}}"#)
    );
}

#[test]
fn ids_of_any_number_or_string_come_back_exactly() {
    let home = one_upstream(&["--events", "{dir}/s.events"]);
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.initialize();
    for id in [
        "18446744073709551616",
        "-9223372036854775809",
        "1.5",
        "1e3",
        "-0",
        "\"str\"",
    ] {
        c.send(format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"ping"}}"#).as_bytes());
        assert_eq!(
            c.answer(id),
            format!(r#"{{"jsonrpc":"2.0","id":{id},"result":{{}}}}"#)
        );
    }
    // A call under an id beyond i64, and its cancellation under the same id.
    let big = "123456789012345678901234567890";
    c.send(format!(r#"{{"jsonrpc":"2.0","id":{big},"method":"tools/call","params":{{"name":"s_slow","arguments":{{"ms":30000}}}}}}"#).as_bytes());
    c.send(format!(r#"{{"jsonrpc":"2.0","method":"notifications/cancelled","params":{{"requestId":{big}}}}}"#).as_bytes());
    home.wait_event("s.events", "cancelled slow");
    // A progress token beyond i64 comes back as sent, too.
    c.send(format!(r#"{{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{{"name":"s_progress","arguments":{{"steps":1}},"_meta":{{"progressToken":{big}}}}}}}"#).as_bytes());
    let progress = c.notification("notifications/progress");
    assert!(
        progress.contains(&format!(r#""progressToken":{big}"#)),
        "{progress}"
    );
    c.answer("3");
}

#[test]
fn a_wrong_field_does_not_hide_a_readable_id() {
    let home = one_upstream(&[]);
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.initialize();
    c.send(br#"{"jsonrpc":"2.0","id":"s","method":5}"#);
    assert_error(&c.answer("\"s\""), "\"s\"", -32600);
    c.send(br#"{"jsonrpc":"2.0","id":18446744073709551616,"method":"tools/call","params":7}"#);
    assert_error(
        &c.answer("18446744073709551616"),
        "18446744073709551616",
        -32602,
    );
    // Not even JSON (invalid UTF-8), but the id is there to be read.
    c.send(b"{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"ping\",\"params\":{\"x\":\"\xff\"}}");
    let v = assert_error(&c.answer("41"), "41", -32700);
    assert!(
        v["error"]["message"].as_str().unwrap().contains("UTF-8"),
        "{v}"
    );
}

#[test]
fn an_array_is_never_read_as_a_message() {
    let home = one_upstream(&["--only-tools", "counter,garbled"]);
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.initialize();
    // From the client: refused, not executed.
    c.send(br#"["2.0", 8, "tools/call", {"name": "s_counter", "arguments": {}}]"#);
    c.send(br#"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"s_counter","arguments":{}}}"#);
    assert_error(&c.answer("null"), "null", -32600);
    let counted: Value = serde_json::from_str(&c.answer("9")).unwrap();
    assert_eq!(counted["result"]["content"][0]["text"], "1", "{counted}");
    // From an upstream: ignored; its real answer is the one that counts.
    c.send(br#"{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"s_garbled","arguments":{"how":"positional"}}}"#);
    let r: Value = serde_json::from_str(&c.answer("10")).unwrap();
    assert_eq!(
        r["result"]["content"][0]["text"], "read as an object",
        "{r}"
    );
}

#[test]
fn a_request_id_in_use_is_refused_and_cancellation_keeps_working() {
    let home = one_upstream(&["--events", "{dir}/s.events"]);
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.initialize();
    let slow = |ms: u64| {
        format!(
            r#"{{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{{"name":"s_slow","arguments":{{"ms":{ms}}}}}}}"#
        )
    };
    c.send(slow(300).as_bytes());
    c.send(slow(30_000).as_bytes());
    // The duplicate is refused at once; the first runs to its end.
    let v = assert_error(&c.answer("5"), "5", -32600);
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already in use"),
        "{v}"
    );
    let done: Value = serde_json::from_str(&c.answer("5")).unwrap();
    assert_eq!(
        done["result"]["content"][0]["text"], "slept 300 ms",
        "{done}"
    );
    // Free again: a new request under id 5 runs, and can be cancelled.
    c.send(slow(30_000).as_bytes());
    c.send(br#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":5}}"#);
    home.wait_event("s.events", "cancelled slow");
}

#[test]
fn a_client_message_over_the_size_limit_is_answered() {
    let home = one_upstream(&[]);
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.initialize();
    let filler = "x".repeat(65 * 1024 * 1024);
    c.send(format!(r#"{{"jsonrpc":"2.0","id":77,"method":"tools/call","params":{{"name":"s_echo","arguments":{{"message":"{filler}"}}}}}}"#).as_bytes());
    let v = assert_error(&c.answer("77"), "77", -32600);
    assert!(
        v["error"]["message"].as_str().unwrap().contains("64 MiB"),
        "{v}"
    );
    // Without a readable id, the answer says `null`.
    c.send(filler.as_bytes());
    assert_error(&c.answer("null"), "null", -32600);
    // And the session goes on.
    c.send(br#"{"jsonrpc":"2.0","id":78,"method":"ping"}"#);
    c.answer("78");
}

/// Calls `s_garbled` with `how` and returns the text of the (tool error) result.
fn garbled_call(c: &mut RawClient, id: u32, tool: &str, how: &str) -> String {
    c.send(format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"tools/call","params":{{"name":"{tool}","arguments":{{"how":"{how}"}}}}}}"#).as_bytes());
    let line = c.answer(&id.to_string());
    let r: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(
        r["result"]["isError"],
        true,
        "{}…",
        &line[..line.len().min(300)]
    );
    r["result"]["content"][0]["text"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn an_unreadable_upstream_answer_fails_its_call_at_once() {
    // A call timeout longer than the test waits: only failing at once passes.
    let home = Home::new();
    home.config(&format!(
        "servers:\n{}    call_timeout: 120s\nvmcps:\n  v:\n    servers: [s]\n",
        upstream_entry("s", &["--only-tools", "garbled,echo"])
    ));
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.initialize();
    let text = garbled_call(&mut c, 2, "s_garbled", "oversized");
    assert!(text.contains("64 MiB"), "{text}");
    let text = garbled_call(&mut c, 3, "s_garbled", "not_utf8");
    assert!(text.contains("not valid UTF-8"), "{text}");
    // The connection is fine.
    c.send(br#"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"s_echo","arguments":{"message":"ok"}}}"#);
    assert!(c.answer("4").contains(r#""text":"ok""#));
}

#[test]
fn an_http_answer_over_the_size_limit_fails_its_call_at_once() {
    let home = Home::new();
    let (_server, url) = test_upstream(
        &["--name", "web", "--http", "0", "--only-tools", "garbled"],
        &home.path("web.log"),
    );
    home.config(&format!(
        "servers:\n  web:\n    url: {url}\n    call_timeout: 120s\n    trust: always\nvmcps:\n  v:\n    servers: [web]\n"
    ));
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.initialize();
    let text = garbled_call(&mut c, 2, "web_garbled", "oversized");
    assert!(text.contains("64 MiB"), "{text}");
}
