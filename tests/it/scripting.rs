//! The scripting surface through the real binary: `vmcp tools list`, `vmcp call`, `vmcp prompts`,
//! `vmcp resources` — output for humans and scripts, arguments from every source, exit codes.

use std::process::Command;

use serde_json::{Value, json};

use crate::harness::{Home, UPSTREAM, VMCP, run_vmcp, run_vmcp_stdin, upstream_entry};

/// Two upstreams behind one vMCP (`a_*` and `b_*`); `broken` adds a server that cannot start.
fn home(broken: bool) -> Home {
    let home = Home::new();
    let mut yaml = format!(
        "servers:\n{}{}",
        upstream_entry("a", &["--tag-replies"]),
        upstream_entry(
            "b",
            &[
                "--tools-only",
                "--only-tools",
                "add,fail,rpc_error,progress"
            ]
        )
    );
    if broken {
        yaml.push_str(&upstream_entry("c", &["--exit-immediately", "2"]));
    }
    yaml.push_str(
        "vmcps:\n  v:\n    servers:\n      a:\n        tools: [echo, rich]\n      b: {}\n",
    );
    if broken {
        yaml.push_str("      c: {}\n");
    }
    home.config(&yaml);
    home
}

fn vmcp(home: &Home, args: &[&str]) -> (i32, String, String) {
    run_vmcp(args, home.dir.path())
}

#[test]
fn tools_list_shows_the_exposed_catalog_for_humans_and_scripts() {
    let home = home(false);
    let (code, out, err) = vmcp(&home, &["tools", "list", "--vmcp", "v"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!(out);

    let (code, out, err) = vmcp(&home, &["tools", "list", "--vmcp", "v", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["vmcp"], "v");
    assert_eq!(
        v["servers"],
        json!([{"name": "a", "state": "ready", "error": null}, {"name": "b", "state": "ready", "error": null}])
    );
    let tools = v["tools"].as_array().expect("tools");
    let names: Vec<&str> = tools.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "a_echo",
            "a_rich",
            "b_add",
            "b_fail",
            "b_rpc_error",
            "b_progress"
        ]
    );
    assert_eq!(tools[0]["server"], "a");
    assert_eq!(tools[0]["original_name"], "echo");
    // The definition is what an AI client receives, renamed and otherwise untouched.
    assert_eq!(tools[1]["definition"]["name"], "a_rich");
    assert_eq!(tools[1]["definition"]["title"], "Rich tool");
    assert!(tools[1]["definition"]["outputSchema"].is_object());
}

#[test]
fn a_server_that_cannot_start_is_reported_and_fails_the_listing() {
    let home = home(true);
    let (code, out, err) = vmcp(&home, &["tools", "list", "--vmcp", "v"]);
    assert_eq!(code, 8, "{err}");
    assert!(out.contains("a_echo") && out.contains("b_add"), "{out}");
    assert!(
        err.contains("warning: server `c` failed: ") && err.contains("simulated startup failure"),
        "{err}"
    );
    // A tool that may live on the broken server: not found, but the cause is named (exit 8).
    let (code, _, err) = vmcp(&home, &["call", "--vmcp", "v", "c_echo", "message=x"]);
    assert_eq!(code, 8, "{err}");
    assert!(err.contains("unknown tool `c_echo`"), "{err}");
    assert!(err.contains("note: server `c` failed"), "{err}");
    // Tools of the healthy servers still work.
    let (code, out, err) = vmcp(&home, &["call", "--vmcp", "v", "b_add", "a=1", "b=2"]);
    assert_eq!((code, out.as_str()), (0, "3\n"), "{err}");
}

#[test]
fn call_takes_arguments_from_pairs_json_files_and_stdin() {
    let home = home(false);
    // key=value typed by the input schema: numbers stay numbers.
    let (code, out, err) = vmcp(&home, &["call", "--vmcp", "v", "b_add", "a=2", "b=3.5"]);
    assert_eq!((code, out.as_str()), (0, "5.5\n"), "{err}");
    // Strings stay strings even when they look like numbers.
    let (code, out, err) = vmcp(&home, &["call", "--vmcp", "v", "a_echo", "message=42"]);
    assert_eq!((code, out.as_str()), (0, "a: 42\n"), "{err}");
    // --args inline, then pairs on top.
    let (code, out, err) = vmcp(
        &home,
        &[
            "call",
            "--vmcp",
            "v",
            "b_add",
            "--args",
            r#"{"a": 1, "b": 1}"#,
            "b:=10",
        ],
    );
    assert_eq!((code, out.as_str()), (0, "11\n"), "{err}");
    // --args @file.
    std::fs::write(home.path("args.json"), r#"{"message": "from a file"}"#).unwrap();
    let file = format!("@{}", home.path("args.json").display());
    let (code, out, err) = vmcp(&home, &["call", "--vmcp", "v", "a_echo", "--args", &file]);
    assert_eq!((code, out.as_str()), (0, "a: from a file\n"), "{err}");
    // --args @- reads stdin; --json prints the whole result, structured content included.
    let (code, out, err) = run_vmcp_stdin(
        &["call", "--vmcp", "v", "b_add", "--args", "@-", "--json"],
        home.dir.path(),
        r#"{"a": 20, "b": 22}"#,
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["structuredContent"], json!({"sum": 42.0}));
    assert_eq!(v["content"][0]["text"], "42");
}

#[test]
fn call_exit_codes_tell_tool_errors_from_usage_and_lookup_errors() {
    let home = home(false);
    // The tool ran and failed: exit 7, message on stderr, stdout empty.
    let (code, out, err) = vmcp(&home, &["call", "--vmcp", "v", "b_fail"]);
    assert_eq!(code, 7, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("the tool reported an error") && err.contains("failure requested"),
        "{err}"
    );
    // With --json the result is still printed (scripts read isError), and the code is the same.
    let (code, out, _) = vmcp(&home, &["call", "--vmcp", "v", "b_fail", "--json"]);
    assert_eq!(code, 7);
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap()["isError"],
        true
    );
    // A JSON-RPC error from the upstream: exit 1 with its message.
    let (code, _, err) = vmcp(&home, &["call", "--vmcp", "v", "b_rpc_error"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("custom upstream error"), "{err}");
    // Unknown tool: exit 4 with a suggestion.
    let (code, _, err) = vmcp(&home, &["call", "--vmcp", "v", "b_ad"]);
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("unknown tool `b_ad`") && err.contains("did you mean `b_add`?"),
        "{err}"
    );
    // Bad input fails before anything starts: exit 2, with a fix.
    let cases: [(&[&str], &str); 4] = [
        (&["b_add", "a=two"], "argument `a` must be number"),
        (
            &["b_add", "--args", "[1]"],
            "must be a JSON object, not an array",
        ),
        (&["b_add", "--args", "{"], "not valid JSON"),
        (&["b_add", "oops"], "use key=value"),
    ];
    for (args, want) in cases {
        let mut all = vec!["call", "--vmcp", "v"];
        all.extend_from_slice(args);
        let (code, out, err) = vmcp(&home, &all);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(want), "{args:?}: want {want:?} in {err}");
    }
    // Unknown vMCP: exit 4.
    let (code, _, err) = vmcp(&home, &["call", "--vmcp", "w", "b_add"]);
    assert_eq!(code, 4, "{err}");
}

#[test]
fn call_is_recorded_in_the_call_log() {
    let home = home(false);
    let (code, _, err) = vmcp(&home, &["call", "--vmcp", "v", "b_add", "a=1", "b=1"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = vmcp(&home, &["log", "--json"]);
    assert_eq!(code, 0, "{err}");
    let call: Value = serde_json::from_str(out.lines().next().unwrap_or_default()).expect("JSON");
    assert_eq!(call["exposed"], "b_add", "{out}");
    assert_eq!(call["server"], "b");
    assert_eq!(call["ok"], true);
}

#[test]
fn prompts_and_resources_are_listed_got_and_read() {
    let home = home(false);
    let (code, out, err) = vmcp(&home, &["prompts", "list", "--vmcp", "v"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("prompts_list", out);
    let (code, out, err) = vmcp(
        &home,
        &["prompts", "get", "--vmcp", "v", "a_greet", "name=Ada"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("[user]") && out.contains("Ada"), "{out}");
    let (code, out, _) = vmcp(
        &home,
        &[
            "prompts", "get", "--vmcp", "v", "a_greet", "name=Ada", "--json",
        ],
    );
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["messages"][0]["role"], "user");

    let (code, out, err) = vmcp(&home, &["resources", "list", "--vmcp", "v"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("resources_list", out);
    let (code, out, _) = vmcp(&home, &["resources", "list", "--vmcp", "v", "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["resources"][0]["name"], "test://static/hello");
    assert_eq!(v["templates"][0]["name"], "test://a/items/{id}");
    let (code, out, err) = vmcp(
        &home,
        &["resources", "read", "--vmcp", "v", "test://a/items/7"],
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "a read test://a/items/7\n"),
        "{err}"
    );
    // Binary content is written as bytes when stdout is not a terminal.
    let out = Command::new(VMCP)
        .args(["resources", "read", "--vmcp", "v", "test://a/items/7.bin"])
        .current_dir(home.dir.path())
        .env("VMCP_HOME", home.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, [0x00, 0x01, 0xfe, 0xff]);
}

#[test]
fn no_upstream_outlives_a_command() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n  a:\n    command: {UPSTREAM}\n    args: [--pidfile, {}]\n    trust: always\nvmcps:\n  v:\n    servers: [a]\n",
        home.path("a.pid").display()
    ));
    let (code, _, err) = vmcp(&home, &["call", "--vmcp", "v", "a_echo", "message=hi"]);
    assert_eq!(code, 0, "{err}");
    let pid = home.read_pid("a.pid");
    assert!(
        crate::harness::procs::wait_gone(&[pid], std::time::Duration::from_secs(5)).is_empty(),
        "upstream {pid} still running"
    );
}
