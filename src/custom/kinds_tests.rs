//! Tools of kind `command` (and the other kinds that run something), without a session.

use std::collections::BTreeMap;
use std::path::Path;

use futures_util::future::BoxFuture;
use serde_json::{Map, Value, json};

use super::{CustomError, CustomSet, Host};
use crate::config::{ConfigFile, Issue};

/// Templates of these tests make no calls.
struct NoHost;

impl Host for NoHost {
    fn call_tool<'a>(
        &'a self,
        server: &'a str,
        tool: &'a str,
        _args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(async move {
            Ok(json!({"content": [{"type": "text", "text": format!("called {server}.{tool}")}]}))
        })
    }

    fn read_resource<'a>(
        &'a self,
        _server: &'a str,
        _uri: &'a str,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(async { Err("no resources here".to_string()) })
    }

    fn get_prompt<'a>(
        &'a self,
        _server: &'a str,
        _name: &'a str,
        _args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(async { Err("no prompts here".to_string()) })
    }
}

pub(super) fn compile(yaml: &str, dir: &Path) -> Result<CustomSet, Vec<Issue>> {
    let file: ConfigFile = serde_yaml::from_str(yaml).unwrap();
    let (name, v) = file.vmcps.iter().next().unwrap();
    let values: BTreeMap<String, String> = v
        .config
        .iter()
        .map(|(k, s)| (k.clone(), s.as_str().to_string()))
        .collect();
    CustomSet::compile(name, v, values, dir)
}

fn args(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

async fn call(set: &CustomSet, name: &str, a: Value) -> Result<Value, CustomError> {
    set.call_tool(name, args(a), &NoHost).await
}

fn failure(r: Result<Value, CustomError>) -> String {
    match r {
        Err(CustomError::Failed { message, .. }) => message,
        other => panic!("expected a failure, got {other:?}"),
    }
}

const COMMANDS: &str = r#"
vmcps:
  v:
    config: { GREETING: hello }
    tools:
      - name: args
        kind: command
        params: { a: { type: string }, b: { type: string, default: "" } }
        command: [printf, "[%s]", "{{ param.a }}", "@param.b", "x{{ config.GREETING }}"]
      - name: input
        kind: command
        params: { text: { type: string } }
        command: [sh, -c, 'cat; printf " %s" "$MINE"']
        stdin: "{{ param.text }}"
        env: { MINE: "{{ config.GREETING }}" }
      - name: json
        kind: command
        command: [echo, '{"n": 3}']
      - name: fails
        kind: command
        command: [sh, -c, "echo out; echo oops >&2; exit 3"]
      - name: flood
        kind: command
        command: [head, -c, "2000000", /dev/zero]
      - name: slow
        kind: command
        command: [sleep, "5"]
        timeout: 200ms
      - name: here
        kind: command
        command: [pwd]
        cwd: sub
      - name: missing
        kind: command
        command: [./no-such-program]
"#;

fn commands() -> (tempfile::TempDir, CustomSet) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let set = compile(COMMANDS, dir.path()).unwrap();
    (dir, set)
}

#[tokio::test]
async fn each_command_element_is_one_argument_and_values_stay_data() {
    let (_dir, set) = commands();
    let nasty = "a b; $(id) `id` {{ 7*7 }} @tool.s.t() 'q\" *";
    let r = call(&set, "args", json!({"a": nasty, "b": "two words"}))
        .await
        .unwrap();
    assert_eq!(
        r["content"][0]["text"],
        format!("[{nasty}][two words][xhello]")
    );
    assert!(r.get("isError").is_none(), "{r}");
}

#[tokio::test]
async fn stdin_and_declared_env_reach_the_program() {
    let (_dir, set) = commands();
    let r = call(&set, "input", json!({"text": "from stdin"}))
        .await
        .unwrap();
    assert_eq!(r["content"][0]["text"], "from stdin hello");
}

#[tokio::test]
async fn json_stdout_is_also_structured() {
    let (_dir, set) = commands();
    let r = call(&set, "json", json!({})).await.unwrap();
    assert_eq!(r["structuredContent"], json!({"n": 3}));
    assert_eq!(r["content"][0]["text"], "{\"n\": 3}\n");
}

#[tokio::test]
async fn a_failing_program_reports_its_status_and_stderr() {
    let (_dir, set) = commands();
    let m = failure(call(&set, "fails", json!({})).await);
    assert!(m.contains("exited with status 3"), "{m}");
    assert!(m.contains("oops"), "{m}");
}

#[tokio::test]
async fn stdout_is_bounded() {
    let (_dir, set) = commands();
    let m = failure(call(&set, "flood", json!({})).await);
    assert!(m.contains("more than 1048576 bytes"), "{m}");
}

#[tokio::test]
async fn timeouts_stop_the_program() {
    let (_dir, set) = commands();
    let started = std::time::Instant::now();
    let m = failure(call(&set, "slow", json!({})).await);
    assert!(m.contains("did not finish within"), "{m}");
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
}

#[tokio::test]
async fn cwd_is_relative_to_the_definition_and_programs_too() {
    let (dir, set) = commands();
    let r = call(&set, "here", json!({})).await.unwrap();
    let want = dir.path().join("sub").canonicalize().unwrap();
    assert_eq!(
        r["content"][0]["text"].as_str().unwrap().trim(),
        want.to_str().unwrap()
    );
    let m = failure(call(&set, "missing", json!({})).await);
    assert!(
        m.contains("no-such-program") && m.contains("not found"),
        "{m}"
    );
}

#[test]
fn command_templates_are_checked_when_the_definition_loads() {
    let yaml = "vmcps:\n  v:\n    tools:\n      - name: c\n        kind: command\n        command: [echo, \"{{ oops\"]\n";
    let issues = compile(yaml, Path::new("/")).err().unwrap();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(
        issues[0].message.contains("template of tool `c`"),
        "{issues:?}"
    );
    assert_eq!(
        crate::config::locate::render_path(&issues[0].path),
        "vmcps.v.tools[0].command[1]"
    );
}

const PYTHON: &str = r#"
vmcps:
  v:
    config: { GREETING: hello }
    tools:
      - name: count_characters_in_word
        kind: python
        code: "def main(word:str, character:str):\n  return word.count(character)"
      - name: shape
        kind: python
        env: { GREETING: "{{ config.GREETING }}" }
        code: |
          import os
          def main(text: str, times: int = 2, upper: bool = False, tags: list = None):
              print("noise on stdout")
              t = text.upper() if upper else text
              return {"text": t * times, "tags": tags, "env": os.environ.get("GREETING"), "secret": os.environ.get("VMCP_TEST_NOPE")}
      - name: plain
        kind: python
        code: "def main(s: str):\n    return s\n"
      - name: broken
        kind: python
        code: "def main():\n    raise ValueError('no luck')\n"
      - name: explicit
        kind: python
        params: { n: { type: integer, description: A number } }
        code: "def main(**kw):\n    return kw['n'] + 1\n"
"#;

#[tokio::test]
async fn python_tools_call_main_with_the_arguments() {
    let set = compile(PYTHON, Path::new("/tmp")).unwrap();
    let r = call(
        &set,
        "count_characters_in_word",
        json!({"word": "strawberry", "character": "r"}),
    )
    .await
    .unwrap();
    assert_eq!(r["content"][0]["text"], "3");
    assert!(r.get("structuredContent").is_none());
    let r = call(&set, "shape", json!({"text": "ab", "upper": true}))
        .await
        .unwrap();
    assert_eq!(
        r["structuredContent"],
        json!({"text": "ABAB", "tags": null, "env": "hello", "secret": null})
    );
    let nasty = "\"); import os; os.system('id') # {{ 7*7 }} @tool.x.y()";
    let r = call(&set, "plain", json!({"s": nasty})).await.unwrap();
    assert_eq!(r["content"][0]["text"], nasty);
    let r = call(&set, "explicit", json!({"n": 41})).await.unwrap();
    assert_eq!(r["content"][0]["text"], "42");
}

#[tokio::test]
async fn python_schemas_come_from_main_unless_params_are_given() {
    let set = compile(PYTHON, Path::new("/tmp")).unwrap();
    let tools = set.tools();
    let schema = |name: &str| {
        tools
            .iter()
            .find(|t| t["name"] == name)
            .map(|t| t["inputSchema"].clone())
            .unwrap()
    };
    assert_eq!(
        schema("count_characters_in_word")["required"],
        json!(["character", "word"])
    );
    let s = schema("shape");
    assert_eq!(
        s["properties"]["times"],
        json!({"type": "integer", "default": 2})
    );
    assert_eq!(s["required"], json!(["text"]));
    assert_eq!(
        schema("explicit")["properties"]["n"],
        json!({"type": "integer", "description": "A number"})
    );
    let e = call(&set, "count_characters_in_word", json!({"word": 3}))
        .await
        .unwrap_err();
    assert!(matches!(e, CustomError::InvalidArguments { .. }), "{e}");
}

#[tokio::test]
async fn python_exceptions_are_tool_errors_with_the_traceback() {
    let set = compile(PYTHON, Path::new("/tmp")).unwrap();
    let m = failure(call(&set, "broken", json!({})).await);
    assert!(m.contains("exited with status 1"), "{m}");
    assert!(m.contains("ValueError: no luck"), "{m}");
}

#[test]
fn python_code_without_main_is_refused_when_the_definition_loads() {
    let yaml = "vmcps:\n  v:\n    tools:\n      - name: p\n        kind: python\n        code: \"def helper():\\n  pass\\n\"\n";
    let issues = compile(yaml, Path::new("/")).err().unwrap();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(issues[0].message.contains("def main"), "{issues:?}");
    assert_eq!(
        crate::config::locate::render_path(&issues[0].path),
        "vmcps.v.tools[0].code"
    );
}

const DRY: &str = r#"
vmcps:
  v:
    config: { TOKEN: s3cret }
    tools:
      - name: run
        kind: command
        params: { a: { type: string } }
        command: [touch, "{{ param.a }}"]
        env: { TOKEN: "{{ config.TOKEN }}" }
      - name: asks
        kind: prompt
        template: "got @tool.up.counter() and @tool.vmcp.run(a=\"x\")"
      - name: post
        kind: http
        params: { id: { type: string } }
        request:
          method: post
          url: "http://127.0.0.1:9/items/{{ param.id }}"
          json: { id: "{{ param.id }}" }
          auth: { bearer: "{{ config.TOKEN }}" }
      - name: both
        kind: composite
        steps:
          - { id: one, call: run, args: { a: fixed } }
          - { id: two, call: up.echo, args: { message: "{{ steps.one.text }}" } }
"#;

#[tokio::test]
async fn render_only_shows_what_would_run_without_running_it() {
    let dir = tempfile::tempdir().unwrap();
    let set = compile(DRY, dir.path()).unwrap();
    let target = dir.path().join("made");
    let a = target.to_str().unwrap();
    let shown = set.render_only("run", args(json!({"a": a}))).await.unwrap();
    assert_eq!(shown["argv"], json!(["touch", a]));
    assert_eq!(shown["env"], json!(["TOKEN"]), "names only");
    assert!(!target.exists(), "nothing ran");
    let shown = set.render_only("asks", Map::new()).await.unwrap();
    assert_eq!(
        shown["text"],
        "got <tool `up.counter`> and <tool `vmcp.run`>"
    );
    let shown = set
        .render_only("post", args(json!({"id": "a/b"})))
        .await
        .unwrap();
    assert_eq!(shown["method"], "POST");
    assert_eq!(shown["url"], "http://127.0.0.1:9/items/a%2Fb");
    assert_eq!(shown["headers"]["authorization"], "<hidden>");
    assert_eq!(shown["body"], "{\"id\":\"a/b\"}");
    let shown = set.render_only("both", Map::new()).await.unwrap();
    assert_eq!(shown["steps"][0]["args"], json!({"a": "fixed"}));
    assert_eq!(shown["steps"][1]["args"], "(depends on earlier steps)");
    assert!(!set.needs_upstreams("run") && !set.needs_upstreams("post"));
    assert!(set.needs_upstreams("asks") && set.needs_upstreams("both"));
}
