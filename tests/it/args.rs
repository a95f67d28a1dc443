//! Shaping upstream tools' parameters (`args:`) through the real binary: the exposed schema, the
//! arguments the upstream receives (client calls, progress, cancellation, custom tools' inner
//! calls, `vmcp call`), the errors at load time and once the schema is known, the CLI that edits
//! a stored vMCP's rules, export → import, and trust pins taken on the upstream's definition.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::{Client, Home, UPSTREAM, run_vmcp};

const TOOLS: &str = "args_create,args_search,progress,slow";

fn server(home: &Home) -> String {
    format!(
        "servers:\n  up:\n    command: {UPSTREAM}\n    args: [--name, up, --only-tools, \"{TOOLS}\", --events, {}]\n    trust: always\n",
        home.path("events.log").display()
    )
}

/// Every kind of shaping, with a glob, interpolation and the tool's own prefix, rename and
/// description.
const VMCP: &str = r#"vmcps:
  v:
    config:
      ORG: acme
    servers:
      up:
        prefix: gh
        rename: { args_search: find }
        describe: { args_create: Open an issue }
        args:
          args_create:
            owner: { value: "{{ config.ORG }}" }
            repo: { default: platform }
            labels: { hide: true }
            body: { describe: "Markdown; start with a one-line summary" }
            title: { rename: summary }
          "args_*":
            per_page: { value: "${env:VMCP_TEST_SURELY_UNSET:-20}" }
          progress:
            steps: { value: 2 }
          slow:
            ms: { value: 60000 }
    tools:
      - name: via_template
        kind: prompt
        description: Calls the shaped tool by its server's own name
        template: '@tool.up.args_create(summary="from a template")'
"#;

fn home() -> Home {
    let home = Home::new();
    home.config(&format!("{}{VMCP}", server(&home)));
    home
}

fn client(home: &Home) -> Client {
    let mut c = home.client("v");
    c.initialize();
    c
}

fn tool(c: &mut Client, name: &str) -> Value {
    let list = c.ok("tools/list", Value::Null);
    list["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no tool {name} in {list}"))
}

/// What the upstream received: `args_*` tools answer with their arguments.
fn received(c: &mut Client, name: &str, args: Value) -> Value {
    serde_json::from_str(&c.call_text(name, args)).unwrap()
}

#[test]
fn the_exposed_schema_reflects_the_shaping_and_keeps_the_rest() {
    let home = home();
    let mut c = client(&home);
    let create = tool(&mut c, "gh_args_create");
    assert_eq!(create["description"], "Open an issue");
    // Byte for byte, in order: only what the rules say changed.
    assert_eq!(
        serde_json::to_string(&create["inputSchema"]).unwrap(),
        r#"{"type":"object","properties":{"repo":{"type":"string","default":"platform"},"body":{"type":"string","description":"Markdown; start with a one-line summary"},"summary":{"type":"string"}},"required":["summary"],"$defs":{"label":{"type":"string"}},"x-vendor":{"kept":[3,1,2]},"additionalProperties":false}"#
    );
    assert_eq!(
        create["outputSchema"],
        json!({"type": "object", "properties": {"ok": {"type": "boolean"}}})
    );
    // The glob shapes the renamed tool too.
    let find = tool(&mut c, "find");
    assert_eq!(
        find["inputSchema"],
        json!({"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]})
    );
}

#[test]
fn calls_are_rewritten_before_they_go_upstream() {
    let home = home();
    let mut c = client(&home);
    // Fixed (from config, and from the environment typed by the schema), default, renamed.
    assert_eq!(
        received(
            &mut c,
            "gh_args_create",
            json!({"summary": "Bug", "body": "b"})
        ),
        json!({"title": "Bug", "body": "b", "owner": "acme", "per_page": 20, "repo": "platform"})
    );
    assert_eq!(
        received(
            &mut c,
            "gh_args_create",
            json!({"summary": "Bug", "repo": "web"})
        )["repo"],
        "web"
    );
    assert_eq!(
        received(&mut c, "find", json!({"query": "q"})),
        json!({"query": "q", "per_page": 20})
    );
    // Fixed, hidden and renamed-away parameters sent by the client are refused by name.
    for (args, want) in [
        (
            json!({"summary": "x", "owner": "evil"}),
            "parameter `owner` is fixed by this vMCP",
        ),
        (
            json!({"summary": "x", "labels": ["a"]}),
            "parameter `labels` is hidden by this vMCP",
        ),
        (
            json!({"title": "x"}),
            "unknown parameter `title`: this vMCP calls it `summary`",
        ),
    ] {
        let e = c
            .request(
                "tools/call",
                json!({"name": "gh_args_create", "arguments": args}),
            )
            .unwrap_err();
        assert_eq!(e["code"], -32602, "{e}");
        assert!(e["message"].as_str().unwrap().contains(want), "{e}");
    }
}

#[test]
fn progress_and_cancellation_survive_the_rewriting() {
    let home = home();
    let mut c = client(&home);
    let id = c.send_request(
        "tools/call",
        json!({"name": "gh_progress", "arguments": {}, "_meta": {"progressToken": "tok"}}),
    );
    let result = c.response(&json!(id));
    assert_eq!(result["result"]["content"][0]["text"], "2 steps done");
    for i in 1..=2 {
        let n = c.notification("notifications/progress");
        assert_eq!(n["params"]["progressToken"], "tok");
        assert_eq!(n["params"]["progress"], i);
    }
    // `slow` waits the fixed 60 s until the client cancels.
    let id = c.send_request("tools/call", json!({"name": "gh_slow", "arguments": {}}));
    home.wait_event("events.log", "slow started");
    c.notify(
        "notifications/cancelled",
        json!({"requestId": id, "reason": "enough"}),
    );
    home.wait_event("events.log", "cancelled slow");
}

#[test]
fn custom_tools_and_vmcp_call_go_through_the_same_rewriting() {
    let home = home();
    let mut c = client(&home);
    let text = c.call_text("via_template", json!({}));
    let got: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{text}"));
    assert_eq!(
        got,
        json!({"title": "from a template", "owner": "acme", "per_page": 20, "repo": "platform"})
    );
    let (code, out, err) = run_vmcp(
        &[
            "call",
            "--vmcp",
            "v",
            "-c",
            home.path("vmcp.yaml").to_str().unwrap(),
            "gh_args_create",
            "summary=Hi",
            "--json",
        ],
        home.dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let result: Value = serde_json::from_str(&out).unwrap();
    let args: Value = serde_json::from_str(result["content"][0]["text"].as_str().unwrap()).unwrap();
    assert_eq!(args["owner"], "acme");
    assert_eq!(args["title"], "Hi");
    let (code, _, err) = run_vmcp(
        &[
            "call",
            "--vmcp",
            "v",
            "-c",
            home.path("vmcp.yaml").to_str().unwrap(),
            "gh_args_create",
            "summary=Hi",
            "owner=evil",
        ],
        home.dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("parameter `owner` is fixed"), "{err}");
}

#[test]
fn tools_list_json_shows_the_exposed_and_the_upstream_definition() {
    let home = home();
    let (code, out, err) = run_vmcp(
        &[
            "tools",
            "list",
            "--vmcp",
            "v",
            "-c",
            home.path("vmcp.yaml").to_str().unwrap(),
            "--json",
        ],
        home.dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let items: Value = serde_json::from_str(&out).unwrap();
    let create = items["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "gh_args_create")
        .unwrap();
    assert_eq!(create["original_name"], "args_create");
    assert!(create["definition"]["inputSchema"]["properties"]["owner"].is_null());
    let upstream = &create["upstream_definition"];
    assert_eq!(upstream["name"], "args_create");
    assert_eq!(upstream["description"], "Returns its arguments");
    assert_eq!(
        upstream["inputSchema"]["properties"]["owner"],
        json!({"type": "string"})
    );
    let custom = items["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "via_template")
        .unwrap();
    assert!(custom.get("upstream_definition").is_none(), "{custom}");
}

/// Rules only the upstream's schema shows to be wrong: `vmcp check` reports them, `vmcp stdio`
/// logs them, both at the rule's file:line:column; the tool is still served.
const WRONG: &str = r#"vmcps:
  v:
    servers:
      up:
        args:
          args_create:
            ownr: { value: acme }
            title: { hide: true }
            per_page: { value: "20" }
            body: { rename: owner }
          nothing_*:
            x: { hide: true }
"#;

#[test]
fn what_the_schema_contradicts_is_reported_at_the_rule() {
    let home = Home::new();
    let path = home.config(&format!("{}{WRONG}", server(&home)));
    let file = path.display().to_string();
    let wants = [
        format!(
            "{file}:12:13: vmcps.v.servers.up.args.args_create.ownr: tool `args_create` has no parameter `ownr`\n  hint: did you mean `owner`?"
        ),
        format!(
            "{file}:13:13: vmcps.v.servers.up.args.args_create.title: `title` is required by tool `args_create`, so hiding it without a value makes every call fail"
        ),
        format!(
            "{file}:14:13: vmcps.v.servers.up.args.args_create.per_page: the `value` of `per_page` is a string, but tool `args_create` wants integer"
        ),
        format!(
            "{file}:15:13: vmcps.v.servers.up.args.args_create.body: `body` is renamed to `owner`, which tool `args_create` has as a parameter already"
        ),
        format!(
            "{file}:16:11: vmcps.v.servers.up.args.nothing_*: server `up` has no tool `nothing_*`"
        ),
    ];
    let (code, out, err) = run_vmcp(&["check", "-c", &file], home.dir.path());
    assert_eq!(code, 1, "{out}\n{err}");
    for want in &wants {
        let first_line = want.lines().next().unwrap();
        assert!(out.contains(first_line), "want {want}\ngot {out}");
    }
    assert!(out.contains("hint: did you mean `owner`?"), "{out}");
    let mut c = home.client("v");
    c.initialize();
    assert!(c.tool_names().contains(&"up_args_create".to_string()));
    for want in &wants[..4] {
        let first_line = want.lines().next().unwrap();
        let logged = crate::harness::wait_for(Duration::from_secs(10), || {
            c.stderr().contains(first_line).then_some(())
        });
        assert!(logged.is_some(), "want {first_line}\nin {}", c.stderr());
    }
}

#[test]
fn contradictions_in_the_rules_stop_the_definition_where_they_are() {
    let home = Home::new();
    let yaml = format!(
        "{}vmcps:\n  v:\n    servers:\n      up:\n        args:\n          args_create:\n            body: {{ rename: text }}\n            title: {{ rename: text }}\n            owner: {{ hide: true, default: x }}\n",
        server(&home)
    );
    let path = home.config(&yaml);
    let file = path.display().to_string();
    for cmd in [
        &["check", "--offline", "-c", &file][..],
        &["stdio", "--vmcp", "v", "-c", &file],
    ] {
        let (code, _, err) = run_vmcp(cmd, home.dir.path());
        assert_eq!(code, 3, "{cmd:?}: {err}");
        assert!(
            err.contains(&format!("{file}:13:22: vmcps.v.servers.up.args.args_create.title.rename: `body` and `title` are both renamed to `text`")),
            "{err}"
        );
        assert!(
            err.contains(&format!("{file}:14:34: vmcps.v.servers.up.args.args_create.owner.default: `hide` removes the parameter (it is never sent), so `default` has no effect on `owner`")),
            "{err}"
        );
    }
}

fn ok(home: &Home, args: &[&str]) -> String {
    let (code, out, err) = run_vmcp(args, home.dir.path());
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

#[test]
fn set_arg_edits_a_stored_vmcp_and_export_import_keeps_it() {
    let home = Home::new();
    let only = format!("--only-tools={TOOLS}");
    ok(
        &home,
        &[
            "server", "add", "up", "--trust", "always", "--", UPSTREAM, "--name", "up", &only,
        ],
    );
    ok(&home, &["vmcp", "create", "mine", "-s", "up"]);
    for rule in [
        &["owner", "--value", "acme"][..],
        &["per_page", "--value", "30"],
        &["repo", "--default", "platform"],
        &["labels", "--hide", "--allow-override"],
        &["body", "--describe", "Markdown"],
        &["title", "--rename", "summary"],
        &["extra", "--describe", "gone soon"],
        &["extra", "--reset"],
    ] {
        let mut args = vec!["vmcp", "set-arg", "mine", "up", "args_create"];
        args.extend_from_slice(rule);
        ok(&home, &args);
    }
    // A contradiction is refused, and the stored vMCP is unchanged.
    let (code, _, err) = run_vmcp(
        &[
            "vmcp",
            "set-arg",
            "mine",
            "up",
            "args_create",
            "owner",
            "--describe",
            "x",
        ],
        home.dir.path(),
    );
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("so `describe` has no effect on `owner`"),
        "{err}"
    );
    let (code, _, err) = run_vmcp(
        &["vmcp", "set-arg", "mine", "up", "args_create", "owner"],
        home.dir.path(),
    );
    assert_eq!(code, 2, "{err}");
    let exported = ok(&home, &["vmcp", "export", "mine"]);
    assert!(
        exported.contains(
            "        args:\n          args_create:\n            body:\n              describe: Markdown\n"
        ),
        "{exported}"
    );
    assert!(
        exported.contains("per_page:\n              value: 30\n"),
        "{exported}"
    );
    assert!(!exported.contains("extra"), "{exported}");
    let other = Home::new();
    std::fs::write(other.path("mine.yaml"), &exported).unwrap();
    ok(&other, &["import", "mine.yaml"]);
    assert_eq!(ok(&other, &["vmcp", "export", "mine"]), exported);
    let mut c = Client::spawn_home(other.dir.path(), "mine");
    c.initialize();
    assert_eq!(
        received(
            &mut c,
            "up_args_create",
            json!({"summary": "S", "labels": ["x"]})
        ),
        json!({"title": "S", "labels": ["x"], "owner": "acme", "per_page": 30, "repo": "platform"})
    );
}

#[test]
fn trust_pins_the_upstream_definition_not_the_shaped_one() {
    let home = Home::new();
    let entry = server(&home).replace("trust: always", "trust: pinned");
    let shaped = |value: &str| {
        format!(
            "{entry}vmcps:\n  v:\n    servers:\n      up:\n        args:\n          args_create:\n            owner: {{ value: {value} }}\n"
        )
    };
    home.config(&shaped("acme"));
    let mut c = client(&home);
    assert!(c.tool_names().contains(&"up_args_create".to_string()));
    drop(c);
    // Another shaping of the same upstream definition is still the approved tool.
    home.config(&shaped("other"));
    let mut c = client(&home);
    assert_eq!(
        received(&mut c, "up_args_create", json!({"title": "t"}))["owner"],
        "other"
    );
}
