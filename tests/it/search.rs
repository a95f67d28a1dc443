//! Tool search through the real binary: with `tool_search` on, the client sees `search_tools`,
//! `call_tool` and the `always` tools; search finds tools of several upstreams by what they do;
//! `call_tool` behaves as a direct call (progress, cancellation, errors, call log); withheld and
//! filtered tools are never found nor callable; `auto` follows the threshold and the client's
//! name; a list change updates results and the description; `vmcp tools search` from the shell.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::{Client, Home, UPSTREAM, run_vmcp, upstream_entry};

/// Servers `a` and `b` (22 tools each: three of the test upstream's and 20 echo-like ones, four
/// described as real tools are), `q` awaiting review (withheld), and the vMCP `v` with
/// `tool_search` as given; `a`'s `tool_5` is filtered out.
fn catalog(search: &str) -> Home {
    let home = Home::new();
    let a = upstream_entry(
        "a",
        &[
            "--tools-only",
            "--only-tools",
            "echo,progress,slow",
            "--extra-tools",
            "20",
            "--describe",
            "tool_3=Converts temperatures between Celsius and Fahrenheit",
            "--describe",
            "tool_4=Creates an issue in a GitHub repository",
            "--describe",
            "tool_5=Bakes sourdough bread",
            "--events",
            "{dir}/a.log",
        ],
    );
    let b = upstream_entry(
        "b",
        &[
            "--tools-only",
            "--only-tools",
            "add,fail,add_tool",
            "--extra-tools",
            "20",
            "--describe",
            "tool_7=Gets the weather forecast for a city",
            "--describe",
            "tool_8=Sends an email message to a recipient",
        ],
    );
    let q = format!(
        "  q:\n    command: {UPSTREAM}\n    args: ['--tools-only', '--only-tools', 'echo', '--describe', 'echo=Launches rockets into orbit']\n    trust: review\n"
    );
    home.config(&format!(
        "servers:\n{a}{b}{q}vmcps:\n  v:\n    tool_search: {search}\n    servers:\n      a: {{exclude_tools: [tool_5]}}\n      b: {{}}\n      q: {{}}\n"
    ));
    home
}

fn started(home: &Home, client: &str) -> Client {
    let mut c = home.client("v");
    c.ok(
        "initialize",
        json!({"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": client, "version": "1"}}),
    );
    c.notify("notifications/initialized", Value::Null);
    c
}

/// The names `search_tools` returns for `query`, best first, checked against its text form.
fn search(c: &mut Client, query: &str) -> Vec<String> {
    let r = c.call("search_tools", json!({"query": query}));
    assert_ne!(r["isError"], true, "{r}");
    let names: Vec<String> = r["structuredContent"]["tools"]
        .as_array()
        .expect("structured tools")
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect();
    let text = r["content"][0]["text"].as_str().unwrap();
    for n in &names {
        assert!(
            text.contains(n.as_str()),
            "{n} missing from the text: {text}"
        );
    }
    names
}

fn call_tool(c: &mut Client, name: &str, arguments: Value) -> Value {
    c.call("call_tool", json!({"name": name, "arguments": arguments}))
}

#[test]
fn search_on_lists_the_meta_tools_finds_by_paraphrase_and_calls_as_directly() {
    let home = catalog("{mode: on, always: ['b_add', 'nothing_*'], results: 3}");
    let mut c = started(&home, "vmcp-tests");
    assert_eq!(c.tool_names(), ["search_tools", "call_tool", "b_add"]);
    let list = c.ok("tools/list", Value::Null);
    let description = list["tools"][0]["description"].as_str().unwrap();
    assert!(description.contains("- a (22 tools)"), "{description}");
    assert!(description.contains("- b (23 tools)"), "{description}");
    assert!(!description.contains("- q"), "{description}");
    assert_eq!(
        list["tools"][0]["inputSchema"]["properties"]["limit"]["description"],
        "How many tools to return, best first (default 3)."
    );

    // Found by what they do, in other words than their descriptions, across servers.
    assert_eq!(
        search(&mut c, "what's the weather going to be in Paris")[0],
        "b_tool_7"
    );
    assert_eq!(
        search(&mut c, "convert celsius to fahrenheit")[0],
        "a_tool_3"
    );
    assert_eq!(search(&mut c, "open a new github issue")[0], "a_tool_4");
    assert_eq!(search(&mut c, "email someone")[0], "b_tool_8");
    // Full definitions, `limit` honoured, `results` the default.
    let r = c.call("search_tools", json!({"query": "echo message", "limit": 5}));
    let tools = r["structuredContent"]["tools"].as_array().unwrap();
    assert_eq!(tools.len(), 5, "{r}");
    assert!(tools[0]["inputSchema"]["properties"]["message"].is_object());
    assert_eq!(search(&mut c, "echo message").len(), 3);

    // call_tool routes as a direct call; the real name works directly too.
    let r = call_tool(&mut c, "a_echo", json!({"message": "hi"}));
    assert_eq!(r["content"][0]["text"], "hi", "{r}");
    assert_eq!(
        c.call_text("a_echo", json!({"message": "direct"})),
        "direct"
    );
    assert_eq!(
        call_tool(&mut c, "b_add", json!({"a": 2, "b": 3}))["content"][0]["text"],
        "5"
    );
    // Progress comes back under the client's token.
    let id = c.send_request(
        "tools/call",
        json!({"name": "call_tool", "arguments": {"name": "a_progress", "arguments": {"steps": 2}},
               "_meta": {"progressToken": "t1"}}),
    );
    let r = c.response(&json!(id));
    assert_eq!(r["result"]["content"][0]["text"], "2 steps done", "{r}");
    let n = c.notification("notifications/progress");
    assert_eq!(n["params"]["progressToken"], "t1");
    // Cancellation reaches the upstream.
    let id = c.send_request(
        "tools/call",
        json!({"name": "call_tool", "arguments": {"name": "a_slow", "arguments": {"ms": 20000}}}),
    );
    home.wait_event("a.log", "slow started");
    c.notify("notifications/cancelled", json!({"requestId": id}));
    home.wait_event("a.log", "cancelled slow");
    // Errors: the tool's own, and mistakes the model can correct.
    let r = call_tool(&mut c, "b_fail", json!({}));
    assert_eq!(r["isError"], true, "{r}");
    assert_eq!(r["content"][0]["text"], "failure requested");
    let r = call_tool(&mut c, "no_such_tool", json!({}));
    assert_eq!(r["isError"], true, "{r}");
    assert!(
        r["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("search_tools"),
        "{r}"
    );
    let r = c.call("call_tool", json!({"arguments": {}}));
    assert_eq!(r["isError"], true, "{r}");
    let r = c.call("search_tools", json!({"limit": 2}));
    assert_eq!(r["isError"], true, "{r}");

    // The call log names the real tools.
    c.close_stdin();
    c.wait_exit(Duration::from_secs(10)).expect("exits");
    let (code, log, err) = run_vmcp(&["log", "--json"], home.dir.path());
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = log
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["exposed"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(names.contains(&"a_echo".to_string()), "{names:?}");
    assert!(names.contains(&"a_progress".to_string()), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| n == "call_tool" || n == "search_tools"),
        "{names:?}"
    );
}

#[test]
fn withheld_and_filtered_tools_are_never_found_nor_callable() {
    let home = catalog("{mode: on}");
    let mut c = started(&home, "vmcp-tests");
    for query in ["launch rockets into orbit", "rocket"] {
        let found = search(&mut c, query);
        assert!(!found.iter().any(|n| n.starts_with("q_")), "{found:?}");
    }
    let found = search(&mut c, "bake sourdough bread");
    assert!(!found.contains(&"a_tool_5".to_string()), "{found:?}");
    let r = call_tool(&mut c, "q_echo", json!({"message": "x"}));
    assert_eq!(r["isError"], true, "{r}");
    let text = r["content"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("vmcp server approve q"),
        "the refusal says how: {text}"
    );
    let r = call_tool(&mut c, "a_tool_5", json!({"message": "x"}));
    assert_eq!(r["isError"], true, "{r}");
    assert!(
        c.request("tools/call", json!({"name": "q_echo", "arguments": {}}))
            .is_err(),
        "nor directly"
    );
}

#[test]
fn auto_follows_the_threshold_and_leaves_self_searching_clients_alone() {
    // 45 exposed tools: above 40 (the default), not above 50.
    let home = catalog("{mode: auto}");
    let mut c = started(&home, "cursor");
    assert_eq!(c.tool_names(), ["search_tools", "call_tool"]);
    let mut c = started(&home, "claude-code");
    assert_eq!(c.tool_names().len(), 45, "Claude Code searches by itself");
    let home = catalog("{mode: auto, threshold: 50}");
    let mut c = started(&home, "cursor");
    assert_eq!(c.tool_names().len(), 45);
    let home = catalog("{mode: auto, clients: [cursor]}");
    let mut c = started(&home, "cursor");
    assert_eq!(c.tool_names().len(), 45);
    let mut c = started(&home, "claude-code");
    assert_eq!(c.tool_names(), ["search_tools", "call_tool"]);
    let home = catalog("{mode: off}");
    let mut c = started(&home, "cursor");
    assert_eq!(c.tool_names().len(), 45);
}

#[test]
fn a_list_change_updates_results_and_the_description() {
    let home = catalog("{mode: on}");
    let mut c = started(&home, "vmcp-tests");
    let before = c.ok("tools/list", Value::Null)["tools"][0]["description"].clone();
    assert!(search(&mut c, "telescope").is_empty());
    call_tool(&mut c, "b_add_tool", json!({"name": "telescope"}));
    c.notification("notifications/tools/list_changed");
    assert_eq!(search(&mut c, "telescope")[0], "b_telescope");
    let after = c.ok("tools/list", Value::Null)["tools"][0]["description"].clone();
    assert_ne!(before, after);
    assert!(
        after.as_str().unwrap().contains("- b (24 tools)"),
        "{after}"
    );
    assert_eq!(c.tool_names(), ["search_tools", "call_tool"]);
}

#[test]
fn tools_search_ranks_from_the_shell() {
    // Search off for the client: the shell ranks all the same.
    let home = catalog("{mode: off}");
    let dir = home.dir.path();
    let (code, out, err) = run_vmcp(
        &[
            "tools", "search", "--vmcp", "v", "--limit", "2", "weather", "forecast",
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    let first = out.lines().nth(1).unwrap_or_default();
    assert!(out.starts_with("NAME"), "{out}");
    assert!(
        first.starts_with("b_tool_7") && first.contains(" b "),
        "{out}"
    );
    // Only tools that match a word of the query, at most `--limit`.
    assert_eq!(out.lines().count(), 2, "{out}");
    let (code, out, err) = run_vmcp(
        &[
            "tools",
            "search",
            "--vmcp",
            "v",
            "--limit",
            "2",
            "echo message",
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 3, "{out}");
    let (code, out, err) = run_vmcp(
        &[
            "tools",
            "search",
            "--vmcp",
            "v",
            "--json",
            "email a recipient",
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["vmcp"], "v");
    assert_eq!(v["query"], "email a recipient");
    let best = &v["results"][0];
    assert_eq!(best["name"], "b_tool_8");
    assert_eq!(best["server"], "b");
    assert_eq!(best["original_name"], "tool_8");
    assert!(best["score"].as_f64().unwrap() > 0.0);
    assert_eq!(
        v["results"].as_array().unwrap().len(),
        8,
        "the default number of results"
    );
    let (code, _, err) = run_vmcp(
        &["tools", "search", "--vmcp", "v", "--limit", "0", "x"],
        dir,
    );
    assert_eq!(code, 2, "{err}");
}

#[test]
fn bad_tool_search_settings_are_located() {
    let home = catalog("{mode: sometimes}");
    let (code, _, err) = run_vmcp(&["check", "--offline"], home.dir.path());
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("vmcp.yaml:"), "{err}");
    assert!(err.contains("sometimes"), "{err}");
    let home = catalog("{mode: on, results: 0}");
    let (code, _, err) = run_vmcp(&["check", "--offline"], home.dir.path());
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("`results: 0` is out of range"), "{err}");
    assert!(err.contains("from 1 to 50"), "{err}");
}

#[test]
fn check_reports_tool_search_and_always_patterns_that_match_nothing() {
    let home = catalog("{mode: on, always: [b_add, 'nothing_*']}");
    let dir = home.dir.path();
    // (It fails for `q`, awaiting review; what matters here is the report.)
    let (_, out, err) = run_vmcp(&["check", "--vmcp", "v"], dir);
    let all = format!("{out}{err}");
    assert!(
        all.contains("45 tools behind tool search (3 listed)"),
        "{all}"
    );
    assert!(
        all.contains("tool_search.always `nothing_*` matches no exposed tool"),
        "{all}"
    );
    assert!(!all.contains("`b_add` matches no"), "{all}");
    let (_, out, _) = run_vmcp(&["check", "--vmcp", "v", "--json"], dir);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["vmcps"][0]["exposed"]["listed_tools"], 3, "{out}");
    let home = catalog("{mode: off}");
    let (_, out, _) = run_vmcp(&["check", "--vmcp", "v", "--json"], home.dir.path());
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["vmcps"][0]["exposed"].get("listed_tools").is_none(),
        "{out}"
    );
}
