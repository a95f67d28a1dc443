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
fn modern_upstream() -> Home {
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
