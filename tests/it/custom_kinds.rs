//! Custom tools that run something — `command` programs, `python` functions, `http` requests,
//! `composite` steps — through the real binary: values stay data (one argument, never a shell),
//! timeouts and cancellation kill whole process groups, outputs are bounded, and load-time errors
//! stop the definition.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::procs::{alive, wait_gone};
use crate::harness::{Client, Home, run_vmcp};

const COMMANDS: &str = r#"vmcps:
  k:
    config:
      PASSED: "${env:VMCP_TEST_PASSED:-unset}"
    tools:
      - name: say
        kind: command
        params: { text: { type: string } }
        command: [printf, "%s", "{{ param.text }}"]
      - name: envs
        kind: command
        command: [sh, -c, 'echo "secret=${VMCP_TEST_SECRET:-withheld} passed=$PASSED path=${PATH:+set}"']
        env: { PASSED: "{{ config.PASSED }}" }
      - name: tree
        kind: command
        params: { dir: { type: string }, tag: { type: string } }
        command: [sh, -c, 'sleep 30 & echo $! > "$1/$2.bg"; echo $$ > "$1/$2.sh"; sleep 30', sh, "{{ param.dir }}", "{{ param.tag }}"]
        timeout: 1500ms
      - name: patient
        kind: command
        params: { dir: { type: string } }
        command: [sh, -c, 'sleep 30 & echo $! > "$1/c.bg"; echo $$ > "$1/c.sh"; sleep 30', sh, "{{ param.dir }}"]
      - name: count
        kind: command
        params: { n: { type: integer }, flag: { type: boolean, default: false } }
        command: [echo, "{{ param.n }}", "{{ param.flag }}"]
"#;

fn command_home() -> Home {
    let home = Home::new();
    home.config(COMMANDS);
    home
}

fn client(home: &Home) -> Client {
    let mut c = Client::spawn_with(
        &home.path("vmcp.yaml"),
        "k",
        &[],
        &[("VMCP_TEST_SECRET", "hunter2"), ("VMCP_TEST_PASSED", "ok")],
    );
    c.initialize();
    c
}

fn is_error(r: &Value) -> bool {
    r["isError"] == true
}

fn text(r: &Value) -> String {
    r["content"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn command_arguments_are_single_values_never_shell_or_template() {
    let home = command_home();
    let mut c = client(&home);
    for attempt in [
        "a b; echo injected",
        "$(id) `id` | cat && rm -rf /nonexistent",
        "{{ 7*7 }} {% raw %}",
        "@tool.vmcp.say(text=\"x\") @config.PASSED",
        "--help",
    ] {
        let r = c.call("say", json!({"text": attempt}));
        assert!(!is_error(&r), "{r}");
        assert_eq!(text(&r), attempt);
    }
}

#[test]
fn command_environment_is_the_allowlist_plus_declared_env() {
    let home = command_home();
    let mut c = client(&home);
    assert_eq!(
        c.call_text("envs", json!({})).trim(),
        "secret=withheld passed=ok path=set"
    );
}

#[test]
fn command_arguments_are_validated_and_typed_values_render() {
    let home = command_home();
    let mut c = client(&home);
    assert_eq!(c.call_text("count", json!({"n": 3})).trim(), "3 false");
    let e = c
        .request(
            "tools/call",
            json!({"name": "count", "arguments": {"n": "3; reboot"}}),
        )
        .expect_err("a string is not an integer");
    assert_eq!(e["code"], -32602, "{e}");
}

#[test]
fn a_command_timeout_kills_the_whole_process_group() {
    let home = command_home();
    let mut c = client(&home);
    let dir = home.dir.path().display().to_string();
    let r = c.call("tree", json!({"dir": dir, "tag": "t"}));
    assert!(is_error(&r), "{r}");
    assert!(text(&r).contains("did not finish within 1500ms"), "{r}");
    let pids = [home.read_pid("t.sh"), home.read_pid("t.bg")];
    assert_eq!(
        wait_gone(&pids, Duration::from_secs(5)),
        Vec::<i32>::new(),
        "the program and what it started in the background are gone"
    );
    // The session goes on.
    assert_eq!(
        c.call_text("say", json!({"text": "still here"})),
        "still here"
    );
}

#[test]
fn cancelling_a_command_call_kills_its_process_group() {
    let home = command_home();
    let mut c = client(&home);
    let dir = home.dir.path().display().to_string();
    let id = c.send_request(
        "tools/call",
        json!({"name": "patient", "arguments": {"dir": dir}}),
    );
    let pids = [home.read_pid("c.sh"), home.read_pid("c.bg")];
    assert!(pids.iter().all(|p| alive(*p)));
    c.notify(
        "notifications/cancelled",
        json!({"requestId": id, "reason": "changed my mind"}),
    );
    assert_eq!(wait_gone(&pids, Duration::from_secs(5)), Vec::<i32>::new());
    assert_eq!(c.call_text("say", json!({"text": "next"})), "next");
}

#[test]
fn a_command_template_that_does_not_parse_stops_the_definition() {
    let home = Home::new();
    home.config(
        "vmcps:\n  k:\n    tools:\n      - name: bad\n        kind: command\n        command: [echo, \"{{ param.x \"]\n",
    );
    let (code, _, err) = run_vmcp(&["check", "--offline"], home.dir.path());
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("vmcps.k.tools[0].command[1]"), "{err}");
    assert!(err.contains("`bad`"), "{err}");
}

const PYTHON: &str = r#"vmcps:
  py:
    tools:
      - name: count_characters_in_word
        kind: python
        description: count chars
        code: "def main(word:str, character:str):\n  return word.count(character)"
      - name: echo_back
        kind: python
        code: |
          def main(text: str, n: int = 1, opts: dict = None):
              print("this goes to stderr, not into the result")
              return {"text": text, "n": n, "opts": opts}
      - name: sleeper
        kind: python
        timeout: 1500ms
        params: { dir: { type: string } }
        code: |
          import os, subprocess, time
          def main(dir):
              child = subprocess.Popen(["sleep", "30"])
              open(os.path.join(dir, "py.child"), "w").write(str(child.pid))
              open(os.path.join(dir, "py.main"), "w").write(str(os.getpid()))
              time.sleep(30)
"#;

#[test]
fn python_tools_run_main_with_a_derived_schema() {
    let home = Home::new();
    home.config(PYTHON);
    let mut c = home.client("py");
    c.initialize();
    let tools = c.ok("tools/list", Value::Null);
    let count = tools["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "count_characters_in_word")
        .cloned()
        .unwrap();
    assert_eq!(
        count["inputSchema"]["required"],
        json!(["character", "word"])
    );
    assert_eq!(
        c.call_text(
            "count_characters_in_word",
            json!({"word": "strawberry", "character": "r"})
        ),
        "3"
    );
    let attempt = "'); __import__('os').system('id'); ('{{ 7*7 }} @tool.py.echo_back()";
    let r = c.call("echo_back", json!({"text": attempt, "opts": {"k": [1]}}));
    assert!(!is_error(&r), "{r}");
    assert_eq!(
        r["structuredContent"],
        json!({"text": attempt, "n": 1, "opts": {"k": [1]}})
    );
    let e = c
        .request(
            "tools/call",
            json!({"name": "echo_back", "arguments": {"text": "x", "n": "two"}}),
        )
        .expect_err("n is an integer");
    assert_eq!(e["code"], -32602, "{e}");
}

#[test]
fn a_python_timeout_kills_the_interpreter_and_its_children() {
    let home = Home::new();
    home.config(PYTHON);
    let mut c = home.client("py");
    c.initialize();
    let dir = home.dir.path().display().to_string();
    let r = c.call("sleeper", json!({"dir": dir}));
    assert!(is_error(&r), "{r}");
    assert!(text(&r).contains("did not finish within 1500ms"), "{r}");
    let pids = [home.read_pid("py.main"), home.read_pid("py.child")];
    assert_eq!(wait_gone(&pids, Duration::from_secs(5)), Vec::<i32>::new());
}

/// A tiny HTTP/1.1 server on 127.0.0.1 that echoes each request as JSON (method, target,
/// headers, body); `/status/N` answers N, `/redirect/N` redirects N times, `/big` sends 2 MiB,
/// `/text` sends text that looks like JSON, `/slow/MS` answers after MS milliseconds. `/conn`
/// answers with the number of the connection it came on and keeps that connection open for the
/// next request (every other answer closes it).
pub fn http_server() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().flatten().enumerate() {
            std::thread::spawn(move || while serve(&stream, n) {});
        }
    });
    port
}

/// Answers one request; true when the connection stays open for another.
fn serve(mut stream: &std::net::TcpStream, connection: usize) -> bool {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut reader = BufReader::new(stream);
    let mut first = String::new();
    if reader.read_line(&mut first).unwrap_or(0) == 0 {
        return false;
    }
    let mut words = first.split_whitespace();
    let method = words.next().unwrap_or_default().to_string();
    let target = words.next().unwrap_or_default().to_string();
    let mut headers = serde_json::Map::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.trim_end().split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            if k == "content-length" {
                length = v.trim().parse().unwrap_or(0);
            }
            headers.insert(k, json!(v.trim()));
        }
    }
    let mut body = vec![0u8; length];
    let _ = reader.read_exact(&mut body);
    let mut extra = String::new();
    let mut keep = false;
    let (status, kind, out) = if let Some(code) = target.strip_prefix("/status/") {
        (
            code.parse().unwrap_or(500),
            "text/plain",
            format!("nothing at {target}"),
        )
    } else if let Some(n) = target.strip_prefix("/redirect/") {
        let n: u32 = n.parse().unwrap_or(0);
        if n > 0 {
            extra = format!("Location: /redirect/{}\r\n", n - 1);
            (302, "text/plain", String::new())
        } else {
            (200, "text/plain", "arrived".to_string())
        }
    } else if target == "/big" {
        (200, "text/plain", "x".repeat(2 * 1024 * 1024))
    } else if target == "/text" {
        (200, "text/plain", "{\"looks\": \"like json\"}".to_string())
    } else if let Some(ms) = target.strip_prefix("/slow/") {
        std::thread::sleep(Duration::from_millis(ms.parse().unwrap_or(0)));
        (200, "text/plain", "finally".to_string())
    } else if target == "/conn" {
        keep = true;
        (
            200,
            "application/json",
            json!({ "connection": connection }).to_string(),
        )
    } else {
        let echo = json!({
            "method": method,
            "target": target,
            "headers": headers,
            "body": String::from_utf8_lossy(&body),
        });
        (200, "application/json", echo.to_string())
    };
    let close = if keep { "keep-alive" } else { "close" };
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: {close}\r\n{extra}\r\n",
        out.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(out.as_bytes());
    keep
}

const HTTP: &str = r#"vmcps:
  h:
    config: { BASE: "http://127.0.0.1:PORT", TOKEN: tok-123 }
    tools:
      - name: get_item
        kind: http
        params: { id: { type: string }, q: { type: string, required: false }, n: { type: integer, default: 2 } }
        request:
          url: "{{ config.BASE }}/items/{{ param.id }}/x"
          query: { q: "{{ param.q }}", n: "{{ param.n }}" }
          headers: { X-Bot: "@config.TOKEN" }
          auth: { bearer: "{{ config.TOKEN }}" }
      - name: create
        kind: http
        params: { title: { type: string }, n: { type: integer }, tags: { type: array, items: { type: string } } }
        request:
          method: POST
          url: "{{ config.BASE }}/tickets"
          json: { title: "{{ param.title }}", count: "{{ param.n }}", tags: "{{ param.tags }}", note: "n={{ param.n }}", fixed: [1, true] }
          auth: { basic: { user: ada, password: "{{ config.TOKEN }}" } }
      - name: form
        kind: http
        params: { a: { type: string } }
        request:
          method: put
          url: "{{ config.BASE }}/form"
          form: { a: "{{ param.a }}", b: two words }
          auth: { api_key: { in: query, name: key, value: "{{ config.TOKEN }}" } }
      - name: raw
        kind: http
        params: { a: { type: string } }
        request:
          method: POST
          url: "{{ config.BASE }}/raw"
          body: "raw {{ param.a }}"
          headers: { Content-Type: text/plain }
          auth: { api_key: { name: X-Key, value: k } }
      - name: missing
        kind: http
        request: { url: "{{ config.BASE }}/status/404" }
      - name: hops
        kind: http
        params: { n: { type: integer } }
        request: { url: "{{ config.BASE }}/redirect/{{ param.n }}" }
      - name: big
        kind: http
        request: { url: "{{ config.BASE }}/big" }
      - name: text
        kind: http
        request: { url: "{{ config.BASE }}/text" }
      - name: conn
        kind: http
        request: { url: "{{ config.BASE }}/conn" }
      - name: hasty
        kind: http
        request: { url: "{{ config.BASE }}/slow/5000", timeout: 500ms }
      - name: patient
        kind: http
        request: { url: "{{ config.BASE }}/slow/1000" }
"#;

fn http_client() -> Client {
    let port = http_server();
    let home = Home::new();
    home.config(&HTTP.replace("PORT", &port.to_string()));
    let mut c = home.client("h");
    // The home directory must outlive the client's startup only.
    c.initialize();
    std::mem::forget(home);
    c
}

#[test]
fn http_path_parameters_are_encoded_and_query_headers_and_auth_are_sent() {
    let mut c = http_client();
    let r = c.call("get_item", json!({"id": "a/b?c d#e", "q": "x y&z=1"}));
    assert!(!is_error(&r), "{r}");
    let echo = &r["structuredContent"];
    assert_eq!(echo["method"], "GET");
    assert_eq!(
        echo["target"],
        "/items/a%2Fb%3Fc%20d%23e/x?n=2&q=x+y%26z%3D1"
    );
    assert_eq!(echo["headers"]["authorization"], "Bearer tok-123");
    assert_eq!(echo["headers"]["x-bot"], "tok-123");
    // The text is the body as sent.
    assert_eq!(serde_json::from_str::<Value>(&text(&r)).unwrap(), *echo);
    // An optional parameter not given leaves its query parameter out.
    let r = c.call("get_item", json!({"id": "{{ 7*7 }}"}));
    assert_eq!(
        r["structuredContent"]["target"],
        "/items/%7B%7B%207%2A7%20%7D%7D/x?n=2"
    );
}

#[test]
fn http_bodies_are_json_with_typed_values_form_or_raw() {
    let mut c = http_client();
    let attempt = "\"}, \"admin\": true, \"x\": {\"y\": \"{{ 7*7 }} @config.TOKEN";
    let r = c.call(
        "create",
        json!({"title": attempt, "n": 3, "tags": ["a", "b"]}),
    );
    let echo = &r["structuredContent"];
    assert_eq!(echo["method"], "POST");
    assert_eq!(echo["headers"]["content-type"], "application/json");
    assert_eq!(echo["headers"]["authorization"], "Basic YWRhOnRvay0xMjM=");
    let body: Value = serde_json::from_str(echo["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"title": attempt, "count": 3, "tags": ["a", "b"], "note": "n=3", "fixed": [1, true]})
    );
    let r = c.call("form", json!({"a": "1&b=2"}));
    let echo = &r["structuredContent"];
    assert_eq!(echo["method"], "PUT");
    assert_eq!(echo["target"], "/form?key=tok-123");
    assert_eq!(echo["body"], "a=1%26b%3D2&b=two%20words");
    assert_eq!(
        echo["headers"]["content-type"],
        "application/x-www-form-urlencoded"
    );
    let r = c.call("raw", json!({"a": "{{ x }}"}));
    let echo = &r["structuredContent"];
    assert_eq!(echo["body"], "raw {{ x }}");
    assert_eq!(echo["headers"]["content-type"], "text/plain");
    assert_eq!(echo["headers"]["x-key"], "k");
}

#[test]
fn http_errors_redirects_and_bounds() {
    let mut c = http_client();
    let r = c.call("missing", json!({}));
    assert!(is_error(&r), "{r}");
    assert!(text(&r).contains("404"), "{r}");
    assert!(text(&r).contains("nothing at /status/404"), "{r}");
    assert_eq!(c.call_text("hops", json!({"n": 3})), "arrived");
    let r = c.call("hops", json!({"n": 8}));
    assert!(is_error(&r) && text(&r).contains("redirects"), "{r}");
    let r = c.call("big", json!({}));
    assert!(
        is_error(&r) && text(&r).contains("larger than 1048576 bytes"),
        "{r}"
    );
    let r = c.call("text", json!({}));
    assert!(!is_error(&r), "{r}");
    assert!(r.get("structuredContent").is_none(), "{r}");
}

/// Every call of a vMCP's `http` tools goes through one client, whose connections are kept and
/// reused; each tool keeps its own timeout.
#[test]
fn http_tools_reuse_connections_and_keep_their_own_timeouts() {
    let mut c = http_client();
    let connection = |r: Value| r["structuredContent"]["connection"].clone();
    let first = connection(c.call("conn", json!({})));
    assert_eq!(connection(c.call("conn", json!({}))), first);
    let r = c.call("hasty", json!({}));
    assert!(is_error(&r) && text(&r).contains("timed out"), "{r}");
    // The short timeout of one tool is not the client's: a slower answer reaches another tool.
    assert_eq!(c.call_text("patient", json!({})), "finally");
}

const COMPOSITE: &str = r#"vmcps:
  c:
    servers:
      up: { prefix: u }
    tools:
      - name: double
        kind: prompt
        params: { x: { type: integer } }
        template: "{{ param.x * 2 }}"
      - name: pipeline
        kind: composite
        description: Adds, doubles, echoes
        params: { a: { type: number }, b: { type: number }, shout: { type: boolean, default: false }, note: { type: string, default: "" } }
        steps:
          - id: sum
            call: u_add
            args: { a: "{{ param.a }}", b: "{{ param.b }}" }
          - id: twice
            call: double
            args: { x: "{{ steps.sum.structured.sum | int }}" }
          - id: loud
            call: up.echo
            when: param.shout
            args: { message: "LOUD {{ steps.twice.text }} {{ param.note }}" }
          - id: broken
            call: u_fail
            on_error: continue
          - id: count
            call: u_counter
            when: "{{ steps.broken.ok }}"
        result: "sum={{ steps.sum.text }} twice={{ steps.twice.text }} loud={{ steps.loud.text if not steps.loud.skipped else 'skipped' }} broken={{ steps.broken.ok }} count={{ steps.count.skipped }}"
      - name: waits
        kind: composite
        steps:
          - { id: nap, call: u_slow, args: { ms: 20000 } }
      - name: strict
        kind: composite
        steps:
          - { id: one, call: u_fail }
          - { id: two, call: u_counter }
      - name: together
        kind: composite
        steps:
          - { id: a, call: u_slow, args: { ms: 1000 } }
          - { id: b, call: u_slow, args: { ms: 1000 }, parallel: true }
          - { id: after, call: u_echo, args: { message: "{{ steps.a.text }} + {{ steps.b.text }}" } }
      - name: reports
        kind: composite
        steps:
          - { id: work, call: u_progress, args: { steps: 3 } }
      - name: in_turn
        kind: composite
        steps:
          - { id: a, call: u_slow, args: { ms: 1000 } }
          - { id: b, call: u_slow, args: { ms: 1000 } }
"#;

/// A session on the `COMPOSITE` vMCP, its upstream started with `args`.
fn composite_session(home: &Home, args: &[&str]) -> crate::harness::Client {
    home.config(&format!(
        "servers:\n{}{COMPOSITE}",
        crate::harness::upstream_entry("up", args)
    ));
    let mut c = home.client("c");
    c.initialize();
    c
}

#[test]
fn composite_steps_run_in_order_with_conditions_and_error_policies() {
    let home = Home::new();
    let mut c = composite_session(&home, &[]);
    assert_eq!(
        c.call_text("pipeline", json!({"a": 2, "b": 3})),
        "sum=5 twice=10 loud=skipped broken=false count=true"
    );
    let attempt = "{{ 7*7 }} @tool.up.counter()";
    assert_eq!(
        c.call_text(
            "pipeline",
            json!({"a": 1, "b": 1, "shout": true, "note": attempt})
        ),
        format!("sum=2 twice=4 loud=LOUD 4 {attempt} broken=false count=true")
    );
    let r = c.call("strict", json!({}));
    assert!(is_error(&r), "{r}");
    assert!(text(&r).contains("step `one` (`u_fail`) failed"), "{r}");
    // Neither the skipped step nor the step after the failure ran, nor the injected mention.
    assert_eq!(c.call_text("u_counter", json!({})), "1");
}

#[test]
fn cancelling_a_composite_call_cancels_its_running_step_upstream() {
    let home = Home::new();
    let events = home.path("events.log").display().to_string();
    let mut c = composite_session(&home, &["--events", &events]);
    // The upstream is up, so the step's request reaches it before the cancellation.
    assert_eq!(c.call_text("u_counter", json!({})), "1");
    let id = c.send_request("tools/call", json!({"name": "waits", "arguments": {}}));
    std::thread::sleep(Duration::from_millis(300));
    c.notify(
        "notifications/cancelled",
        json!({"requestId": id, "reason": "stop"}),
    );
    home.wait_event("events.log", "cancelled slow");
    assert_eq!(c.call_text("u_counter", json!({})), "2");
}

const TOOL_TEST: &str = r#"servers:
  broken:
    command: /nonexistent/vmcp-test-no-such-server
vmcps:
  t:
    servers: [broken]
    tools:
      - name: make
        kind: command
        params: { path: { type: string } }
        command: [sh, -c, 'echo made > "$1"; echo "made $1"', sh, "{{ param.path }}"]
      - name: asks
        kind: prompt
        template: "@tool.broken.echo(message=\"x\")"
"#;

#[test]
fn tool_test_runs_a_custom_tool_without_the_servers_it_does_not_need() {
    let home = Home::new();
    let config = home.config(TOOL_TEST);
    let config = config.to_str().unwrap();
    let target = home.path("made.txt");
    let path = format!("path={}", target.display());
    let (code, out, err) = run_vmcp(
        &[
            "tool", "test", "--config", config, "--vmcp", "t", "make", &path,
        ],
        home.dir.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.trim(), format!("made {}", target.display()));
    assert!(
        !err.contains("broken"),
        "the broken server was not started: {err}"
    );
    assert!(target.exists());
    std::fs::remove_file(&target).unwrap();
    // --render-only shows the program and runs nothing.
    let (code, out, err) = run_vmcp(
        &[
            "tools",
            "test",
            "-c",
            config,
            "--vmcp",
            "t",
            "make",
            &path,
            "--render-only",
        ],
        home.dir.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    let shown: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(shown["kind"], "command");
    assert_eq!(shown["argv"][4], target.display().to_string());
    assert!(!target.exists(), "nothing ran");
    // A template calling a server: rendered with a placeholder, nothing started.
    let (code, out, err) = run_vmcp(
        &[
            "tool",
            "test",
            "-c",
            config,
            "--vmcp",
            "t",
            "asks",
            "--render-only",
        ],
        home.dir.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("<tool `broken.echo`>"), "{out}");
    // Only custom tools.
    let (code, _, err) = run_vmcp(
        &["tool", "test", "-c", config, "--vmcp", "t", "broken_echo"],
        home.dir.path(),
    );
    assert_ne!(code, 0);
    assert!(err.contains("not a custom tool"), "{err}");
}

#[test]
fn check_reports_composite_steps_that_call_nothing() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n{}vmcps:\n  c:\n    servers:\n      up: {{ prefix: u }}\n    tools:\n      - name: typo\n        kind: composite\n        steps:\n          - {{ id: fine, call: u_add }}\n          - {{ id: raw, call: up.echo }}\n          - {{ id: bad, call: u_ad }}\n          - {{ id: worse, call: up.nope }}\n",
        crate::harness::upstream_entry("up", &[])
    ));
    let (code, out, err) = run_vmcp(&["check", "--vmcp", "c"], home.dir.path());
    assert_eq!(code, 1, "{out}{err}");
    let all = format!("{out}{err}");
    assert!(
        all.contains("step `bad` of composite tool `typo` calls `u_ad`")
            && all.contains("did you mean `u_add`?"),
        "{all}"
    );
    assert!(
        all.contains("step `worse` of composite tool `typo` calls `up.nope`"),
        "{all}"
    );
    assert!(
        !all.contains("step `fine`") && !all.contains("step `raw`"),
        "{all}"
    );
}

#[test]
fn steps_declared_parallel_run_at_the_same_time() {
    let home = Home::new();
    let mut c = composite_session(&home, &[]);
    assert_eq!(
        c.call_text("u_counter", json!({})),
        "1",
        "the upstream is up"
    );
    let started = std::time::Instant::now();
    assert_eq!(
        c.call_text("together", json!({})),
        "slept 1000 ms + slept 1000 ms",
        "the step after the group reads both"
    );
    let together = started.elapsed();
    let started = std::time::Instant::now();
    c.call_text("in_turn", json!({}));
    let in_turn = started.elapsed();
    // Two 1 s steps one after the other take at least 2 s; side by side, about 1 s.
    assert!(in_turn >= Duration::from_secs(2), "{in_turn:?}");
    assert!(together < Duration::from_millis(1900), "{together:?}");
}

#[test]
fn progress_of_a_running_step_reaches_the_client() {
    let home = Home::new();
    let mut c = composite_session(&home, &[]);
    let id = c.send_request(
        "tools/call",
        json!({"name": "reports", "arguments": {}, "_meta": {"progressToken": "mine"}}),
    );
    let r = c.response(&json!(id));
    assert_eq!(r["result"]["content"][0]["text"], "3 steps done", "{r}");
    let mut seen = Vec::new();
    while let Some(n) = c.try_notification("notifications/progress", Duration::from_millis(500)) {
        seen.push(n);
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(
        seen.iter().all(|n| n["params"]["progressToken"] == "mine"),
        "{seen:?}"
    );
}
