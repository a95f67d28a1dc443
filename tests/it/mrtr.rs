//! Multi round-trip requests (MCP 2026-07-28) bridged across eras, through the real binary:
//! a modern upstream's input-required rounds become server→client requests for a legacy
//! client (elicitation, sampling, roots, decline, client error, several rounds), and a
//! legacy upstream's server→client requests become input-required results for a modern client
//! (the retry resumes the same call; handles are single-use, bound and short-lived).

use std::sync::Arc;

use serde_json::{Value, json};

use crate::harness::Home;
use crate::harness::fixtures::{RMCP_UPSTREAM, example};

/// A home whose vMCP `v` serves the rmcp fixture as server `m`, modern only.
pub(crate) fn modern_upstream() -> Home {
    let home = Home::new();
    home.config(&format!(
        "servers:\n  m:\n    command: {}\n    args: [\"--era\", \"modern\"]\n    trust: always\nvmcps:\n  v:\n    servers: [m]\n",
        example(RMCP_UPSTREAM).display(),
    ));
    home
}

fn methods_asked(c: &crate::harness::Client) -> Vec<String> {
    c.server_requests
        .lock()
        .unwrap()
        .iter()
        .map(|(m, _)| m.clone())
        .filter(|m| m != "ping")
        .collect()
}

#[test]
fn a_legacy_client_answers_a_modern_upstreams_input_requests() {
    let home = modern_upstream();
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(c.call_text("m_ask_name", json!({})), "Hello, Ada!");
    assert_eq!(
        c.call_text("m_ask_model", json!({"prompt": "hi"})),
        "The model said: echo of hi"
    );
    assert_eq!(
        c.call_text("m_ask_roots", json!({})),
        "Roots: [file:///work]"
    );
    assert_eq!(
        methods_asked(&c),
        ["elicitation/create", "sampling/createMessage", "roots/list"]
    );
}

#[test]
fn several_inputs_and_several_rounds_reach_a_legacy_client() {
    let home = modern_upstream();
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(
        c.call_text("m_test_input_required_result_multiple_inputs", json!({})),
        "All inputs received"
    );
    let mut asked = methods_asked(&c);
    asked.sort();
    assert_eq!(
        asked,
        ["elicitation/create", "roots/list", "sampling/createMessage"]
    );
    c.server_requests.lock().unwrap().clear();
    assert_eq!(
        c.call_text("m_test_input_required_result_multi_round", json!({})),
        "Multi-round flow complete"
    );
    let messages: Vec<String> = c
        .server_requests
        .lock()
        .unwrap()
        .iter()
        .map(|(_, p)| p["message"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "Step 1: What is your name?",
            "Step 2: What is your favorite color?"
        ]
    );
}

#[test]
fn a_declined_elicitation_and_a_client_error_reach_the_upstream_and_the_caller() {
    let home = modern_upstream();
    let mut c = home.client("v");
    c.initialize();
    *c.responder.lock().unwrap() = Arc::new(|method: &str, _: &Value| {
        (method == "elicitation/create").then(|| json!({"action": "decline"}))
    });
    assert_eq!(
        c.call_text("m_ask_name", json!({})),
        "No name given (decline)"
    );
    // The client cannot sample: its error is the call's error.
    let err = c
        .request(
            "tools/call",
            json!({"name": "m_ask_model", "arguments": {"prompt": "hi"}}),
        )
        .expect_err("a client error fails the call");
    assert_eq!(err["code"], -32601, "{err}");
}

#[test]
fn a_legacy_client_without_the_capability_is_not_asked() {
    let home = modern_upstream();
    let mut c = home.client("v");
    c.initialize_with(json!({"elicitation": {}}));
    // vmcp declares only what the client can answer: the upstream asks for that only.
    assert_eq!(
        c.call_text("m_test_input_required_result_capabilities", json!({})),
        "Capability-aware flow complete"
    );
    assert_eq!(methods_asked(&c), ["elicitation/create"]);
}

const VERSION: &str = "io.modelcontextprotocol/protocolVersion";
const CAPS: &str = "io.modelcontextprotocol/clientCapabilities";

/// A home whose vMCP `v` serves the (legacy) test upstream unprefixed, its events in
/// `events.log`; `extra` is added to the server's entry.
fn legacy_upstream(extra: &str) -> Home {
    let home = Home::new();
    let events = home.path("events.log").display().to_string();
    home.config(&format!(
        "servers:\n{}{extra}vmcps:\n  v:\n    servers:\n      up: {{ prefix: \"\" }}\n",
        crate::harness::upstream_entry("up", &["--events", &events])
    ));
    home
}

/// `tools/call` of `name` as a modern caller that can answer everything; `more` is merged into
/// the params (retry fields), `meta` into `_meta`. The whole response.
fn modern_call(
    c: &mut crate::harness::Client,
    name: &str,
    args: Value,
    more: Value,
    meta: Value,
) -> Value {
    let id = modern_send(c, name, args, more, meta);
    c.response(&json!(id))
}

fn modern_send(
    c: &mut crate::harness::Client,
    name: &str,
    args: Value,
    more: Value,
    meta: Value,
) -> i64 {
    let mut m = json!({
        VERSION: "2026-07-28",
        CAPS: {"elicitation": {}, "sampling": {}, "roots": {}},
    });
    m.as_object_mut()
        .unwrap()
        .extend(meta.as_object().cloned().unwrap_or_default());
    let mut params = json!({"name": name, "arguments": args, "_meta": m});
    params
        .as_object_mut()
        .unwrap()
        .extend(more.as_object().cloned().unwrap_or_default());
    c.send_request("tools/call", params)
}

fn started(home: &Home) -> usize {
    home.events("events.log")
        .iter()
        .filter(|l| l.contains("elicit started"))
        .count()
}

/// The `requestState` and the keys of `inputRequests` of an input-required response.
fn asked(response: &Value) -> (String, Vec<String>) {
    let r = &response["result"];
    assert_eq!(r["resultType"], "input_required", "{response}");
    assert!(r.get("ttlMs").is_none(), "never cached: {response}");
    let state = r["requestState"]
        .as_str()
        .expect("requestState")
        .to_string();
    let keys = r["inputRequests"]
        .as_object()
        .expect("inputRequests")
        .keys()
        .cloned()
        .collect();
    (state, keys)
}

fn retry(state: &str, responses: Value) -> Value {
    json!({"requestState": state, "inputResponses": responses})
}

#[test]
fn a_legacy_upstreams_question_reaches_a_modern_caller_and_its_retry_completes_the_same_call() {
    let home = legacy_upstream("");
    let mut c = home.client("v");
    let args = json!({"message": "Your name?"});
    let first = modern_call(&mut c, "elicit", args.clone(), json!({}), json!({}));
    let (state, keys) = asked(&first);
    assert_eq!(keys, ["u1"]);
    assert_eq!(
        first["result"]["inputRequests"]["u1"],
        json!({"method": "elicitation/create", "params": {"message": "Your name?",
            "requestedSchema": {"type": "object", "properties": {"name": {"type": "string"}}}}})
    );
    assert!(state.starts_with("vmcp1."), "{state}");
    let answer = json!({"action": "accept", "content": {"name": "Grace"}});
    let done = modern_call(
        &mut c,
        "elicit",
        args.clone(),
        retry(&state, json!({"u1": answer})),
        json!({}),
    );
    assert_eq!(done["result"]["resultType"], "complete", "{done}");
    let text = done["result"]["content"][0]["text"].as_str().unwrap();
    assert_eq!(serde_json::from_str::<Value>(text).unwrap(), answer);
    // One call upstream, answered with what the retry carried; nothing asked on the wire.
    assert_eq!(started(&home), 1);
    home.wait_event(
        "events.log",
        r#"elicit answer={"action":"accept","content":{"name":"Grace"}}"#,
    );
    assert!(methods_asked(&c).is_empty(), "{:?}", methods_asked(&c));
    // A handle is good once.
    let again = modern_call(
        &mut c,
        "elicit",
        args,
        retry(&state, json!({"u1": answer})),
        json!({}),
    );
    assert_eq!(again["error"]["code"], -32602, "{again}");
    assert_eq!(started(&home), 1);
}

#[test]
fn sampling_and_roots_of_a_legacy_upstream_become_input_requests() {
    let home = legacy_upstream("");
    let mut c = home.client("v");
    let first = modern_call(
        &mut c,
        "sample",
        json!({"prompt": "hi"}),
        json!({}),
        json!({}),
    );
    let (state, _) = asked(&first);
    assert_eq!(
        first["result"]["inputRequests"]["u1"]["method"],
        "sampling/createMessage"
    );
    let sampled = json!({"role": "assistant", "content": {"type": "text", "text": "hello"},
        "model": "m", "stopReason": "endTurn"});
    let done = modern_call(
        &mut c,
        "sample",
        json!({"prompt": "hi"}),
        retry(&state, json!({"u1": sampled})),
        json!({}),
    );
    assert_eq!(done["result"]["content"][0]["text"], "sampled: hello");
    let first = modern_call(&mut c, "roots", json!({}), json!({}), json!({}));
    let (state, _) = asked(&first);
    assert_eq!(
        first["result"]["inputRequests"]["u1"]["method"],
        "roots/list"
    );
    let roots = json!({"roots": [{"uri": "file:///modern"}]});
    let done = modern_call(
        &mut c,
        "roots",
        json!({}),
        retry(&state, json!({"u1": roots})),
        json!({}),
    );
    let text = done["result"]["content"][0]["text"].as_str().unwrap();
    assert_eq!(serde_json::from_str::<Value>(text).unwrap(), roots);
}

#[test]
fn rounds_follow_each_other_with_progress_under_each_rounds_token() {
    let home = legacy_upstream("");
    let mut c = home.client("v");
    let args = json!({"message": "Q", "times": 2});
    let token = |t: &str| json!({"progressToken": t});
    let first = modern_call(&mut c, "elicit", args.clone(), json!({}), token("r1"));
    let (state, keys) = asked(&first);
    assert_eq!(keys, ["u1"]);
    assert_eq!(
        first["result"]["inputRequests"]["u1"]["params"]["message"],
        "Q (1/2)"
    );
    let yes = json!({"action": "accept", "content": {"name": "A"}});
    let second = modern_call(
        &mut c,
        "elicit",
        args.clone(),
        retry(&state, json!({"u1": yes})),
        token("r2"),
    );
    let (state2, keys) = asked(&second);
    assert_ne!(state2, state);
    assert_eq!(keys, ["u2"]);
    assert_eq!(
        second["result"]["inputRequests"]["u2"]["params"]["message"],
        "Q (2/2)"
    );
    let done = modern_call(
        &mut c,
        "elicit",
        args,
        retry(&state2, json!({"u2": yes})),
        token("r3"),
    );
    assert_eq!(done["result"]["resultType"], "complete", "{done}");
    // Progress after each answer, under the token of the request that was running.
    let mut seen = Vec::new();
    while let Some(p) = c.try_notification(
        "notifications/progress",
        std::time::Duration::from_millis(500),
    ) {
        seen.push((
            p["params"]["progressToken"].clone(),
            p["params"]["progress"].clone(),
        ));
    }
    assert_eq!(seen, [(json!("r2"), json!(1)), (json!("r3"), json!(2))]);
    assert_eq!(started(&home), 1);
}

#[test]
fn altered_or_misused_handles_are_refused_and_missing_answers_asked_again() {
    let home = legacy_upstream("");
    let mut c = home.client("v");
    let args = json!({"message": "Name?"});
    let first = modern_call(&mut c, "elicit", args.clone(), json!({}), json!({}));
    let (state, _) = asked(&first);
    let yes = json!({"u1": {"action": "accept", "content": {"name": "B"}}});
    let tampered = modern_call(
        &mut c,
        "elicit",
        args.clone(),
        retry(&format!("{state}-TAMPERED"), yes.clone()),
        json!({}),
    );
    assert_eq!(tampered["error"]["code"], -32602, "{tampered}");
    // Minted for `elicit`, not for `sample`.
    let elsewhere = modern_call(
        &mut c,
        "sample",
        json!({}),
        retry(&state, yes.clone()),
        json!({}),
    );
    assert_eq!(elsewhere["error"]["code"], -32602, "{elsewhere}");
    let unknown = modern_call(
        &mut c,
        "elicit",
        args.clone(),
        retry("vmcp1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAA", yes.clone()),
        json!({}),
    );
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");
    // A malformed answer is refused and leaves the call as it was.
    let malformed = modern_call(
        &mut c,
        "elicit",
        args.clone(),
        retry(&state, json!({"u1": "yes"})),
        json!({}),
    );
    assert_eq!(malformed["error"]["code"], -32602, "{malformed}");
    // No answer: asked again, same key, new handle.
    let again = modern_call(
        &mut c,
        "elicit",
        args.clone(),
        retry(&state, json!({})),
        json!({}),
    );
    let (state2, keys) = asked(&again);
    assert_eq!(keys, ["u1"]);
    assert_ne!(state2, state);
    let done = modern_call(&mut c, "elicit", args, retry(&state2, yes), json!({}));
    assert_eq!(done["result"]["resultType"], "complete", "{done}");
    assert_eq!(started(&home), 1);
}

#[test]
fn a_call_never_resumed_is_cancelled_upstream_after_the_input_wait() {
    let home = legacy_upstream("");
    let mut c = crate::harness::Client::spawn_with(
        &home.path("vmcp.yaml"),
        "v",
        &[],
        &[("VMCP_INPUT_WAIT", "0.3")],
    );
    let args = json!({"message": "Anyone?"});
    let first = modern_call(&mut c, "elicit", args.clone(), json!({}), json!({}));
    let (state, _) = asked(&first);
    home.wait_event("events.log", r#"elicit answer={"action":"cancel"}"#);
    let late = modern_call(
        &mut c,
        "elicit",
        args,
        retry(
            &state,
            json!({"u1": {"action": "accept", "content": {"name": "C"}}}),
        ),
        json!({}),
    );
    assert_eq!(late["error"]["code"], -32602, "{late}");
    assert_eq!(started(&home), 1);
}

#[test]
fn a_cancelled_round_cancels_the_upstream_call() {
    let home = legacy_upstream("");
    let mut c = home.client("v");
    let args = json!({"message": "Go?", "then_ms": 60000});
    let first = modern_call(&mut c, "elicit", args.clone(), json!({}), json!({}));
    let (state, _) = asked(&first);
    let id = modern_send(
        &mut c,
        "elicit",
        args,
        retry(
            &state,
            json!({"u1": {"action": "accept", "content": {"name": "D"}}}),
        ),
        json!({}),
    );
    home.wait_event("events.log", "elicit answer=");
    c.notify(
        "notifications/cancelled",
        json!({"requestId": id, "reason": "test"}),
    );
    home.wait_event("events.log", "elicit cancelled");
}

#[test]
fn the_upstream_waiting_on_a_modern_caller_does_not_time_out() {
    let home = legacy_upstream("    call_timeout: 300ms\n");
    let mut c = home.client("v");
    let args = json!({"message": "Take your time"});
    let first = modern_call(&mut c, "elicit", args.clone(), json!({}), json!({}));
    let (state, _) = asked(&first);
    // The person answering takes longer than the upstream's call timeout.
    std::thread::sleep(std::time::Duration::from_secs(1));
    let done = modern_call(
        &mut c,
        "elicit",
        args,
        retry(&state, json!({"u1": {"action": "decline"}})),
        json!({}),
    );
    assert_eq!(done["result"]["resultType"], "complete", "{done}");
    assert_eq!(
        done["result"]["content"][0]["text"], r#"{"action":"decline"}"#,
        "{done}"
    );
}

#[test]
fn a_modern_upstreams_input_required_reaches_a_modern_caller_verbatim() {
    let home = modern_upstream();
    let mut c = home.client("v");
    let first = modern_call(&mut c, "m_ask_name", json!({}), json!({}), json!({}));
    let (state, keys) = asked(&first);
    // The upstream's own key and state, untouched: vmcp mints nothing here.
    assert_eq!(keys, ["name"]);
    assert!(!state.starts_with("vmcp1."), "{state}");
    assert_eq!(
        first["result"]["inputRequests"]["name"]["method"],
        "elicitation/create"
    );
    let answer = json!({"name": {"action": "accept", "content": {"name": "Lin"}}});
    let done = modern_call(
        &mut c,
        "m_ask_name",
        json!({}),
        retry(&state, answer.clone()),
        json!({}),
    );
    assert_eq!(
        done["result"]["content"][0]["text"], "Hello, Lin!",
        "{done}"
    );
    // The upstream checks its own state.
    let forged = modern_call(
        &mut c,
        "m_ask_name",
        json!({}),
        retry(&format!("{state}x"), answer),
        json!({}),
    );
    assert!(forged.get("error").is_some(), "{forged}");
    assert!(methods_asked(&c).is_empty());
}

#[test]
fn a_modern_caller_without_the_capability_is_not_asked() {
    let home = legacy_upstream("");
    let mut c = home.client("v");
    let params = json!({"name": "elicit", "arguments": {"message": "?"},
        "_meta": {VERSION: "2026-07-28", CAPS: {}}});
    let id = c.send_request("tools/call", params);
    let r = c.response(&json!(id));
    // The upstream heard "not supported" and failed its call; nothing was parked.
    assert!(
        r.get("error").is_some() || r["result"]["isError"] == true,
        "{r}"
    );
    home.wait_event("events.log", "elicit failed");
    assert!(r["result"].get("requestState").is_none(), "{r}");
}

#[test]
fn a_composite_step_that_asks_reaches_either_caller() {
    let home = Home::new();
    let events = home.path("events.log").display().to_string();
    home.config(&format!(
        "servers:\n{}vmcps:\n  v:\n    servers: [up]\n    tools:\n      - name: greet\n        kind: composite\n        steps:\n          - id: ask\n            call: up.elicit\n            args: {{ message: \"Name?\" }}\n        result: \"got {{{{ steps.ask.text }}}}\"\n",
        crate::harness::upstream_entry("up", &["--events", &events])
    ));
    let answer = json!({"action": "accept", "content": {"name": "Grace"}});
    let expected = format!("got {answer}");
    // A modern caller: the composite is parked, then resumed.
    let mut c = home.client("v");
    let first = modern_call(&mut c, "greet", json!({}), json!({}), json!({}));
    let (state, _) = asked(&first);
    let done = modern_call(
        &mut c,
        "greet",
        json!({}),
        retry(&state, json!({"u1": answer})),
        json!({}),
    );
    assert_eq!(done["result"]["content"][0]["text"], expected, "{done}");
    // A legacy caller is asked on its connection.
    let mut c = home.client("v");
    c.initialize();
    *c.responder.lock().unwrap() = Arc::new(move |method: &str, _: &Value| {
        (method == "elicitation/create")
            .then(|| json!({"action": "accept", "content": {"name": "Grace"}}))
    });
    assert_eq!(c.call_text("greet", json!({})), expected);
}

#[test]
fn an_upstream_that_never_has_enough_is_stopped_after_ten_rounds() {
    let home = modern_upstream();
    let mut c = home.client("v");
    c.initialize();
    let err = c
        .request(
            "tools/call",
            json!({"name": "m_ask_forever", "arguments": {}}),
        )
        .expect_err("the round cap ends the call");
    assert_eq!(err["code"], -32603, "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("10 rounds"),
        "{err}"
    );
    assert_eq!(methods_asked(&c).len(), 10);
}
