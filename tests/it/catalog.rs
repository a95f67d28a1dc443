//! Aggregation, naming, filters (enforced on calls), renames, collisions, fidelity, robustness.

use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use crate::harness::{Home, upstream_entry};

fn two_servers(home: &Home) {
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("alpha", &["--tag-replies"]);
    yaml += &upstream_entry("beta", &["--tag-replies"]);
    yaml += r#"vmcps:
  mix:
    instructions: "Use the tools wisely."
    servers:
      alpha:
        prefix: a
        tools: ["echo", "c*", "rich"]
        exclude_tools: ["crash"]
        rename: { counter: tally }
        describe: { echo: "Say it again" }
      beta:
        prefix: ""
        tools: ["echo*", "add"]
        prompts: ["greet"]
        resources: ["*beta*"]
"#;
    home.config(&yaml);
}

#[test]
fn aggregates_with_prefixes_filters_renames_and_descriptions() {
    let home = Home::new();
    two_servers(&home);
    let mut c = home.client("mix");
    let init = c.initialize();
    assert_eq!(init["instructions"], "Use the tools wisely.");
    assert_eq!(init["serverInfo"]["name"], "vmcp");
    assert_eq!(init["capabilities"]["tools"]["listChanged"], true);

    assert_eq!(
        c.tool_names(),
        vec!["a_echo", "tally", "a_rich", "echo", "add"]
    );
    let tools = c.ok("tools/list", Value::Null);
    assert_eq!(tools["tools"][0]["description"], "Say it again");

    // Routing follows the table: same raw name, different servers.
    assert_eq!(c.call_text("a_echo", json!({"message": "hi"})), "alpha: hi");
    assert_eq!(c.call_text("echo", json!({"message": "hi"})), "beta: hi");
    assert_eq!(c.call_text("tally", json!({})), "1");

    // Prompts: allow-listed and prefixed (beta has prefix ""), alpha's all prefixed with "a_".
    let prompts = c.ok("prompts/list", Value::Null);
    let names: Vec<&str> = prompts["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["a_greet", "a_static", "greet"]);
    let got = c.ok(
        "prompts/get",
        json!({"name": "greet", "arguments": {"name": "Ada"}}),
    );
    assert_eq!(got["messages"][0]["content"]["text"], "Hello, Ada!");

    // Resources: beta only shows what matches *beta*.
    let res = c.ok("resources/list", Value::Null);
    let uris: Vec<&str> = res["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["uri"].as_str().unwrap())
        .collect();
    assert_eq!(
        uris,
        vec!["test://static/hello", "test://alpha/own", "test://beta/own"]
    );
}

#[test]
fn hidden_tools_cannot_be_called() {
    let home = Home::new();
    two_servers(&home);
    let mut c = home.client("mix");
    c.initialize();
    for hidden in [
        "a_crash",
        "a_add",
        "crash",
        "counter",
        "a_counter",
        "beta_echo",
    ] {
        let err = c
            .request("tools/call", json!({"name": hidden, "arguments": {}}))
            .expect_err(hidden);
        assert_eq!(err["code"], -32602, "{hidden}: {err}");
        assert_eq!(err["message"], format!("unknown tool `{hidden}`"));
    }
    // A URI nobody offers (both servers have resources, no template matches) is not guessed.
    let err = c
        .request("resources/read", json!({"uri": "test://nowhere/x"}))
        .expect_err("unknown resource");
    assert_eq!(err["code"], -32002, "{err}");
    // beta's own resource is filtered out, and its URI is not routed to beta anyway.
    let err = c
        .request("resources/read", json!({"uri": "test://gamma/own"}))
        .expect_err("unknown resource");
    assert_eq!(err["code"], -32002, "{err}");
    // The crash tool really exists upstream: the filter, not luck, stopped it.
    let err = c
        .request("prompts/get", json!({"name": "static"}))
        .expect_err("hidden prompt");
    assert_eq!(err["code"], -32602);
}

#[test]
fn collisions_expose_neither_tool_and_are_logged() {
    let home = Home::new();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("one", &[]);
    yaml += &upstream_entry("two", &[]);
    yaml += "vmcps:\n  v:\n    servers:\n      one: { prefix: \"\", tools: [echo, add] }\n      two: { prefix: \"\", tools: [echo, pid] }\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(c.tool_names(), vec!["add", "pid"]);
    let stderr = c.stderr();
    assert!(
        stderr.contains(
            "tool `echo` is offered by server `one` and server `two`: neither is exposed"
        ),
        "{stderr}"
    );
    // A rename resolves it.
    yaml = yaml.replace(
        "tools: [echo, pid] }",
        "tools: [echo, pid], rename: { echo: echo2 } }",
    );
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(c.tool_names(), vec!["echo", "add", "echo2", "pid"]);
}

#[test]
fn tool_definitions_pass_through_untouched() {
    let home = Home::new();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("up", &["--only-tools", "rich"]);
    yaml += "vmcps:\n  v:\n    servers:\n      up: { prefix: \"\" }\n";
    home.config(&yaml);
    // What the upstream sends, as raw text, straight from a direct connection.
    let direct = direct_tools_list(&["--only-tools", "rich"]);
    let mut c = home.client("v");
    c.initialize();
    let via: Value = c.ok("tools/list", Value::Null);
    // Byte-for-byte equal once both are serialized the same way (key order preserved).
    let direct_v: Value = serde_json::from_str(&direct).unwrap();
    assert_eq!(
        serde_json::to_string(&via["tools"]).unwrap(),
        serde_json::to_string(&direct_v["result"]["tools"]).unwrap()
    );
    assert!(via["tools"][0].get("execution").is_some());
    assert!(via["tools"][0].get("x-unknown-future-field").is_some());
    let keys: Vec<&String> = via["tools"][0]["inputSchema"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(keys, vec!["zeta", "alpha", "mid"]);
}

/// Talks to the test upstream directly and returns the raw tools/list response line.
fn direct_tools_list(args: &[&str]) -> String {
    use std::io::{BufRead, BufReader, Write};
    let mut child = std::process::Command::new(crate::harness::UPSTREAM)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, r#"{{"jsonrpc":"2.0","id":1,"method":"initialize","params":{{"protocolVersion":"2025-11-25","capabilities":{{}},"clientInfo":{{"name":"t","version":"1"}}}}}}"#).unwrap();
    writeln!(stdin, r#"{{"jsonrpc":"2.0","id":2,"method":"tools/list"}}"#).unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let _init = lines.next().unwrap().unwrap();
    let list = lines.next().unwrap().unwrap();
    drop(stdin);
    let _ = child.wait();
    list
}

#[test]
fn stateful_upstream_keeps_state_in_one_process() {
    let home = Home::new();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("s", &[]);
    yaml += "vmcps:\n  v:\n    servers: [s]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    let pid = c.call_text("s_pid", json!({}));
    let counts: Vec<String> = (0..5)
        .map(|_| c.call_text("s_counter", json!({})))
        .collect();
    assert_eq!(counts, vec!["1", "2", "3", "4", "5"]);
    assert_eq!(
        c.call_text("s_pid", json!({})),
        pid,
        "the same upstream process serves every call"
    );
}

#[test]
fn malformed_client_input_gets_errors_and_the_process_survives() {
    let home = Home::new();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("s", &[]);
    yaml += "vmcps:\n  v:\n    servers: [s]\n";
    home.config(&yaml);
    let mut c = home.client("v");

    // Before initialize, requests without a modern `_meta` are refused (but answered): invalid
    // params, as 2026-07-28 says of a request missing its `_meta`.
    let err = c.request("tools/list", Value::Null).unwrap_err();
    assert_eq!(err["code"], -32602);
    c.initialize();
    let again = c.request("initialize", json!({"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "x", "version": "1"}}));
    assert_eq!(again.unwrap_err()["code"], -32600);

    c.send_line("{this is not json");
    let r = c.response(&Value::Null);
    assert_eq!(r["error"]["code"], -32700);
    c.send_line(r#"{"jsonrpc":"2.0","id":"x1"}"#);
    assert_eq!(c.response(&json!("x1"))["error"]["code"], -32600);
    c.send_line(r#"[{"jsonrpc":"2.0","id":5,"method":"ping"}]"#);
    assert_eq!(c.response(&Value::Null)["error"]["code"], -32600);

    assert_eq!(
        c.request("no/such/method", Value::Null).unwrap_err()["code"],
        -32601
    );
    assert_eq!(
        c.request("tools/call", json!({"arguments": {}}))
            .unwrap_err()["code"],
        -32602
    );
    assert_eq!(
        c.request("tools/call", json!([1, 2])).unwrap_err()["code"],
        -32602
    );
    assert_eq!(
        c.request("logging/setLevel", json!({"level": "loud"}))
            .unwrap_err()["code"],
        -32602
    );
    assert_eq!(c.ok("ping", Value::Null), json!({}));
    // Still serving.
    assert_eq!(c.call_text("s_echo", json!({"message": "alive"})), "alive");
}
