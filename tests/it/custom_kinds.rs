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
