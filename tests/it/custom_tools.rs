//! The vMCP's own tools, prompts and resources through the real binary: served next to the
//! upstreams under their own names, templates calling upstream tools only where the template
//! goes, values never re-read as template syntax, errors located before anything starts.

use serde_json::{Value, json};

use crate::harness::{Client, Home, run_vmcp, upstream_entry};

const VMCP: &str = r#"vmcps:
  v:
    instructions: "You are @config.BOT{% if config.TOKEN %}, and you hold a token{% endif %}."
    config:
      BOT: sitara
      TOKEN: "${env:VMCP_TEST_SURELY_UNSET:-s3cret}"
    servers:
      up: {}
    tools:
      - name: shout
        kind: prompt
        description: Count upstream calls, loudly or not
        params:
          text: { type: string, description: What to say }
          loud: { type: boolean, default: false }
        template: |-
          {% if param.loud %}count=@tool.up.counter(){% else %}quiet: {{ param.text }}{% endif %}
    prompts:
      - name: introduce
        arguments: [{ name: username, required: false }]
        template: "You are @config.BOT. The user is {{ param.username }}."
    resources:
      - uri: notes://team
        name: Team notes
        text: hello team
        mime_type: text/plain
"#;

fn home() -> Home {
    let home = Home::new();
    home.config(&format!("servers:\n{}{VMCP}", upstream_entry("up", &[])));
    home
}

fn client(home: &Home) -> Client {
    let mut c = home.client("v");
    c.initialize();
    c
}

#[test]
fn custom_items_are_listed_under_their_own_names() {
    let home = home();
    let mut c = home.client("v");
    let init = c.initialize();
    // The instructions are a template over the config values.
    assert_eq!(
        init["instructions"],
        "You are sitara, and you hold a token."
    );
    let tools = c.ok("tools/list", Value::Null);
    let shout = tools["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "shout")
        .cloned()
        .expect("shout is listed, unprefixed");
    assert_eq!(shout["description"], "Count upstream calls, loudly or not");
    assert_eq!(shout["inputSchema"]["properties"]["text"]["type"], "string");
    assert_eq!(shout["inputSchema"]["properties"]["loud"]["default"], false);
    assert_eq!(shout["inputSchema"]["required"], json!(["text"]));
    assert!(
        c.tool_names().contains(&"up_echo".to_string()),
        "upstream tools stay"
    );
    let prompts = c.ok("prompts/list", Value::Null);
    assert!(
        prompts["prompts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "introduce")
    );
    let resources = c.ok("resources/list", Value::Null);
    assert!(
        resources["resources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["uri"] == "notes://team"),
        "{resources}"
    );
}

#[test]
fn templates_call_upstreams_only_on_the_branch_taken() {
    let home = home();
    let mut c = client(&home);
    assert_eq!(c.call_text("shout", json!({"text": "hi"})), "quiet: hi");
    // The quiet branch made no call: the upstream counter is still at zero.
    assert_eq!(
        c.call_text("shout", json!({"text": "hi", "loud": true})),
        "count=1"
    );
    assert_eq!(c.call_text("up_counter", json!({})), "2");
}

#[test]
fn parameter_values_are_data_never_template_or_mention_syntax() {
    let home = home();
    let mut c = client(&home);
    for attempt in [
        "{{ 7*7 }}",
        "{% for i in range(3) %}x{% endfor %}",
        "@tool.up.counter()",
        "@config.TOKEN {{ config.TOKEN }}",
    ] {
        assert_eq!(
            c.call_text("shout", json!({"text": attempt})),
            format!("quiet: {attempt}")
        );
    }
    assert_eq!(
        c.call_text("up_counter", json!({})),
        "1",
        "no injected call ran"
    );
}

#[test]
fn bad_arguments_are_refused_before_anything_runs() {
    let home = home();
    let mut c = client(&home);
    let e = c
        .request(
            "tools/call",
            json!({"name": "shout", "arguments": {"text": 5}}),
        )
        .expect_err("a number is not a string");
    assert_eq!(e["code"], -32602, "{e}");
    let message = e["message"].as_str().unwrap_or_default();
    assert!(message.contains("text"), "{message}");
    let e = c
        .request("tools/call", json!({"name": "shout", "arguments": {}}))
        .expect_err("text is required");
    assert!(
        e["message"].as_str().unwrap_or_default().contains("text"),
        "{e}"
    );
}

#[test]
fn custom_prompts_and_resources_are_served() {
    let home = home();
    let mut c = client(&home);
    let p = c.ok(
        "prompts/get",
        json!({"name": "introduce", "arguments": {"username": "Ada"}}),
    );
    assert_eq!(
        p["messages"][0]["content"]["text"], "You are sitara. The user is Ada.",
        "{p}"
    );
    let r = c.ok("resources/read", json!({"uri": "notes://team"}));
    assert_eq!(r["contents"][0]["text"], "hello team", "{r}");
    // And from the shell, the same way.
    let (code, out, err) = run_vmcp(
        &["call", "--vmcp", "v", "shout", "text=from the shell"],
        home.dir.path(),
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "quiet: from the shell\n"),
        "{err}"
    );
}

#[test]
fn a_template_that_does_not_parse_stops_the_definition_with_its_location() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n{}vmcps:\n  v:\n    servers: [up]\n    tools:\n      - name: broken\n        kind: prompt\n        template: |\n          fine line\n          {{% if %}}\n",
        upstream_entry("up", &[])
    ));
    let (code, _, err) = run_vmcp(&["check", "--offline"], home.dir.path());
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("vmcp.yaml:"), "{err}");
    assert!(err.contains("vmcps.v.tools[0].template"), "{err}");
    assert!(err.contains("`broken`") && err.contains("line 2"), "{err}");
    let (code, out, _) = run_vmcp(&["stdio", "--vmcp", "v"], home.dir.path());
    assert_eq!(code, 3);
    assert!(out.is_empty());
}

#[test]
fn a_custom_tool_and_an_upstream_tool_with_the_same_name_are_both_withheld() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n{}vmcps:\n  v:\n    servers: [up]\n    tools:\n      - name: up_echo\n        kind: prompt\n        template: mine\n",
        upstream_entry("up", &[])
    ));
    let mut c = client(&home);
    let names = c.tool_names();
    assert!(!names.contains(&"up_echo".to_string()), "{names:?}");
    assert!(names.contains(&"up_add".to_string()));
}
