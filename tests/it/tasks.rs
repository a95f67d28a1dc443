//! The tasks extension (`io.modelcontextprotocol/tasks`, 2026-07-28) through the real binary, in
//! front of two rmcp fixtures that create tasks: each task's `tasks/*` reach the upstream that
//! created it, an unknown id is −32602, a caller that does not declare the extension gets −32021
//! (and no task), the removed methods are −32601, legacy clients never get a task; over HTTP the
//! task id is checked in `Mcp-Name` and a task stays with the caller it was created for.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::fixtures::{RMCP_UPSTREAM, example};
use crate::harness::http::{Serve, modern as http_modern};
use crate::harness::{Client, Home, run_vmcp, wait_for};

const TASKS: &str = "io.modelcontextprotocol/tasks";

/// A home whose vMCP `v` serves two modern-only rmcp fixtures, `a` and `b` (tools `a_…`, `b_…`).
fn two_upstreams() -> Home {
    let home = Home::new();
    let fixture = example(RMCP_UPSTREAM).display().to_string();
    let entry = |name: &str| {
        format!(
            "  {name}:\n    command: {fixture}\n    args: [\"--era\", \"modern\"]\n    trust: always\n"
        )
    };
    home.config(&format!(
        "servers:\n{}{}vmcps:\n  v:\n    servers: [a, b]\n",
        entry("a"),
        entry("b")
    ));
    home
}

/// `params` with a modern `_meta` whose capabilities are `caps`.
fn with_meta(mut params: Value, caps: &Value) -> Value {
    params["_meta"] = json!({
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": caps,
    });
    params
}

fn declaring() -> Value {
    json!({ "extensions": { TASKS: {} } })
}

/// A modern request over stdio; its whole response.
fn ask(c: &mut Client, method: &str, params: Value, caps: &Value) -> Value {
    let id = json!(c.send_request(method, with_meta(params, caps)));
    c.response(&id)
}

fn result(response: Value) -> Value {
    assert!(response.get("error").is_none(), "an error: {response}");
    response["result"].clone()
}

fn error_code(response: &Value) -> i64 {
    response["error"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("not an error: {response}"))
}

/// `tasks/get` until the task is no longer working (or the test gives up).
fn settled(c: &mut Client, task: &str) -> Value {
    wait_for(Duration::from_secs(20), || {
        let got = result(ask(c, "tasks/get", json!({"taskId": task}), &declaring()));
        (got["status"] != "working").then_some(got)
    })
    .unwrap_or_else(|| panic!("task {task} never settled"))
}

#[test]
fn each_task_is_polled_updated_and_cancelled_on_the_upstream_that_created_it() {
    let home = two_upstreams();
    let mut c = home.client("v");
    // Lists wait for both upstreams; discover then knows what they offer.
    let tools = result(ask(&mut c, "tools/list", json!({}), &json!({})));
    assert!(tools.to_string().contains("b_slow_compute"), "{tools}");
    let discovered = result(ask(&mut c, "server/discover", json!({}), &json!({})));
    assert_eq!(
        discovered["capabilities"]["extensions"],
        json!({ TASKS: {} }),
        "{discovered}"
    );

    let call = |c: &mut Client, tool: &str, args: Value, caps: &Value| {
        result(ask(
            c,
            "tools/call",
            json!({"name": tool, "arguments": args}),
            caps,
        ))
    };
    let long = call(
        &mut c,
        "b_slow_compute",
        json!({"seconds": 60, "label": "on-b"}),
        &declaring(),
    );
    assert_eq!(long["resultType"], "task", "{long}");
    let short = call(
        &mut c,
        "a_slow_compute",
        json!({"seconds": 0.1, "label": "on-a"}),
        &declaring(),
    );
    assert_eq!(short["resultType"], "task", "{short}");
    let (long, short) = (
        long["taskId"].as_str().unwrap().to_string(),
        short["taskId"].as_str().unwrap().to_string(),
    );
    // Each server knows only its own tasks: the answers prove where each request went.
    let done = settled(&mut c, &short);
    assert_eq!(done["status"], "completed", "{done}");
    assert!(done["result"].to_string().contains("on-a"), "{done}");
    assert_eq!(done["resultType"], "complete");
    let working = result(ask(
        &mut c,
        "tasks/get",
        json!({"taskId": long}),
        &declaring(),
    ));
    assert_eq!(working["status"], "working", "{working}");
    let ack = result(ask(
        &mut c,
        "tasks/cancel",
        json!({"taskId": long}),
        &declaring(),
    ));
    assert_eq!(ack["resultType"], "complete", "{ack}");
    assert!(ack.get("taskId").is_none(), "{ack}");
    assert_eq!(settled(&mut c, &long)["status"], "cancelled");

    // A task that asks for input is answered with tasks/update on its server.
    let asking = call(
        &mut c,
        "a_confirm_delete",
        json!({"filename": "x.txt"}),
        &declaring(),
    );
    let asking = asking["taskId"].as_str().unwrap().to_string();
    let waiting = settled(&mut c, &asking);
    assert_eq!(waiting["status"], "input_required", "{waiting}");
    assert!(waiting["inputRequests"]["confirm"].is_object(), "{waiting}");
    let update = json!({"taskId": asking, "inputResponses": {
        "confirm": {"action": "accept", "content": {"confirm": true}}}});
    let ack = result(ask(&mut c, "tasks/update", update, &declaring()));
    assert_eq!(ack["resultType"], "complete", "{ack}");
    let done = wait_for(Duration::from_secs(20), || {
        let got = settled(&mut c, &asking);
        (got["status"] == "completed").then_some(got)
    })
    .expect("the confirmed task completes");
    assert!(
        done["result"].to_string().contains("confirmed = true"),
        "{done}"
    );

    // Ids vmcp did not hand out are unknown; undeclared callers are told what to declare.
    let unknown = ask(&mut c, "tasks/get", json!({"taskId": "nope"}), &declaring());
    assert_eq!(error_code(&unknown), -32602, "{unknown}");
    for method in ["tasks/get", "tasks/update", "tasks/cancel"] {
        let refused = ask(&mut c, method, json!({"taskId": long}), &json!({}));
        assert_eq!(error_code(&refused), -32021, "{method}: {refused}");
        assert_eq!(
            refused["error"]["data"]["requiredCapabilities"]["extensions"][TASKS],
            json!({})
        );
    }
    let listen = ask(
        &mut c,
        "subscriptions/listen",
        json!({"notifications": {"taskIds": [long]}}),
        &json!({}),
    );
    assert_eq!(error_code(&listen), -32021, "{listen}");
    for removed in ["tasks/result", "tasks/list"] {
        let r = ask(&mut c, removed, json!({"taskId": long}), &declaring());
        assert_eq!(error_code(&r), -32601, "{removed}");
    }
    // Without the extension the same tool answers at once.
    let sync = call(
        &mut c,
        "a_slow_compute",
        json!({"seconds": 0, "label": "sync"}),
        &json!({}),
    );
    assert_eq!(sync["resultType"], "complete", "{sync}");
    assert!(sync.get("taskId").is_none(), "{sync}");
}

#[test]
fn a_legacy_client_never_gets_a_task() {
    let home = two_upstreams();
    let mut c = home.client("v");
    c.initialize_with(json!({ "extensions": { TASKS: {} } }));
    let answer = c.call("a_slow_compute", json!({"seconds": 0, "label": "legacy"}));
    assert!(answer.get("taskId").is_none(), "{answer}");
    assert!(answer.to_string().contains("done"), "{answer}");
    // A tool that needs tasks says so.
    let needs = c.request(
        "tools/call",
        json!({"name": "a_failing_job", "arguments": {}}),
    );
    let err = needs.expect_err("failing_job needs tasks");
    assert_eq!(err["code"], -32021, "{err}");
    let get = c.request("tasks/get", json!({"taskId": "x"}));
    assert_eq!(
        get.expect_err("no tasks for legacy clients")["code"],
        -32601
    );
}

#[test]
fn over_http_the_task_id_is_the_mcp_name_and_a_task_stays_with_its_caller() {
    let home = two_upstreams();
    let dir = home.dir.path();
    let token = |name: &str| {
        let (code, out, err) = run_vmcp(&["serve", "token", "create", name, "--vmcp", "v"], dir);
        assert_eq!(code, 0, "{err}");
        format!("Bearer {}", out.trim())
    };
    let (alice, bob) = (token("alice"), token("bob"));
    let s = Serve::start(dir, &home.path("vmcp.yaml"), &[]);
    let url = s.url("v");
    let declared = |params: Value| {
        let mut p = params;
        p["_meta"]["io.modelcontextprotocol/clientCapabilities"] = declaring();
        p
    };
    let created = http_modern(
        &url,
        &[("Authorization", &alice)],
        1,
        "tools/call",
        declared(json!({"name": "b_slow_compute", "arguments": {"seconds": 60}})),
    );
    assert_eq!(created.status, 200);
    let created = created.answer();
    let task = created["result"]["taskId"]
        .as_str()
        .unwrap_or_else(|| panic!("no task: {created}"))
        .to_string();
    let get = |auth: &str, extra: &[(&str, &str)]| {
        let mut h = vec![("Authorization", auth)];
        h.extend_from_slice(extra);
        http_modern(&url, &h, 2, "tasks/get", declared(json!({"taskId": task})))
    };
    let mine = get(&alice, &[]);
    assert_eq!(mine.status, 200);
    assert_eq!(mine.answer()["result"]["status"], "working");
    let theirs = get(&bob, &[]);
    assert_eq!(theirs.answer()["error"]["code"], -32602);
    let mismatched = get(&alice, &[("Mcp-Name", "another-task")]);
    assert_eq!(mismatched.status, 400);
    assert_eq!(mismatched.answer()["error"]["code"], -32020);
    let cancelled = http_modern(
        &url,
        &[("Authorization", &alice)],
        3,
        "tasks/cancel",
        declared(json!({"taskId": task})),
    );
    assert_eq!(cancelled.answer()["result"]["resultType"], "complete");
}
