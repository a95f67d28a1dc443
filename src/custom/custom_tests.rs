use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use futures_util::future::BoxFuture;
use serde_json::{Map, Value, json};

use super::*;
use crate::config::{ConfigFile, Document};

/// Records every call; tool `fail` fails, everything else echoes.
#[derive(Default)]
struct FakeHost {
    calls: Mutex<Vec<String>>,
}

impl FakeHost {
    fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }
}

impl Host for FakeHost {
    fn call_tool<'a>(
        &'a self,
        server: &'a str,
        tool: &'a str,
        args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>> {
        let args = Value::Object(args);
        self.calls
            .lock()
            .unwrap()
            .push(format!("tool {server}.{tool} {args}"));
        Box::pin(async move {
            match tool {
                "fail" => Err("upstream is down".into()),
                "error" => {
                    Ok(json!({"content": [{"type": "text", "text": "bad input"}], "isError": true}))
                }
                _ => Ok(json!({"content": [{"type": "text", "text": format!("{tool}:{args}")}]})),
            }
        })
    }

    fn read_resource<'a>(
        &'a self,
        server: &'a str,
        uri: &'a str,
    ) -> BoxFuture<'a, Result<Value, String>> {
        self.calls
            .lock()
            .unwrap()
            .push(format!("resource {server} {uri}"));
        Box::pin(async move { Ok(json!({"contents": [{"uri": uri, "text": "theme=dark"}]})) })
    }

    fn get_prompt<'a>(
        &'a self,
        server: &'a str,
        name: &'a str,
        args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>> {
        self.calls
            .lock()
            .unwrap()
            .push(format!("prompt {server}.{name}"));
        let who = args
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string();
        Box::pin(async move {
            Ok(
                json!({"messages": [{"role": "user", "content": {"type": "text", "text": format!("Greet {who}")}}]}),
            )
        })
    }
}

const YAML: &str = r#"
vmcps:
  mine:
    config: { BOTNAME: sitara, API_TOKEN: "${env:TOKEN}" }
    tools:
      - name: weather_summary
        kind: prompt
        description: Weather for a city
        params: { city: { type: string, description: City name }, unit: { type: string, enum: [c, f], default: c } }
        template: |
          {% if param.unit == "f" %}Fahrenheit {% endif %}@tool.weather.get_forecast(city=param.city)
      - name: echo
        kind: prompt
        params: { q: { type: string } }
        template: "You said: @param.q"
      - name: chain
        kind: prompt
        template: "[@tool.vmcp.echo(q=\"{{ 7*7 }}\")] @resource.vmcp.notes://inline @prompt.s.greet(name=config.BOTNAME) @resource.s.config://settings"
      - name: loop
        kind: prompt
        template: "@tool.vmcp.loop()"
      - name: broken
        kind: prompt
        template: "a @tool.s.fail() b"
      - name: erroring
        kind: prompt
        template: "a @tool.s.error() b"
    prompts:
      - name: introduce
        description: Introduce the bot
        arguments: [{ name: username, required: false }]
        template: "You are @config.BOTNAME.{% if param.username %} The user is {{ param.username }}.{% endif %}"
    resources:
      - { uri: "notes://inline", name: Inline, text: "hello {{ not rendered }}" }
      - { uri: "notes://file", name: File, file: notes.md, mime_type: text/markdown }
      - { uri: "notes://missing", name: Missing, file: nope.md }
"#;

fn compile(yaml: &str, dir: &Path) -> Result<CustomSet, Vec<Issue>> {
    let file: ConfigFile = serde_yaml::from_str(yaml).unwrap();
    let (name, v) = file.vmcps.iter().next().unwrap();
    let mut values: BTreeMap<String, String> = v
        .config
        .iter()
        .map(|(k, s)| (k.clone(), s.as_str().to_string()))
        .collect();
    values.insert("API_TOKEN".into(), "s3cret".into());
    CustomSet::compile(name, v, values, dir)
}

fn set() -> CustomSet {
    compile(YAML, Path::new("/nonexistent")).unwrap()
}

fn args(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn text(result: &Value) -> &str {
    result["content"][0]["text"].as_str().unwrap()
}

#[test]
fn lists_tools_prompts_and_resources() {
    let s = set();
    let tools = s.tools();
    assert_eq!(tools.len(), 6);
    assert_eq!(
        tools[0],
        json!({
            "name": "weather_summary",
            "description": "Weather for a city",
            "inputSchema": {
                "type": "object",
                "properties": {
                    "city": {"type": "string", "description": "City name"},
                    "unit": {"type": "string", "enum": ["c", "f"], "default": "c"}
                },
                "required": ["city"],
                "additionalProperties": false
            }
        })
    );
    assert_eq!(
        s.prompts(),
        vec![json!({
            "name": "introduce",
            "description": "Introduce the bot",
            "arguments": [{"name": "username", "required": false}]
        })]
    );
    assert_eq!(
        s.resources()[1],
        json!({"uri": "notes://file", "name": "File", "mimeType": "text/markdown"})
    );
    assert!(s.has_tool("echo") && !s.has_tool("nope"));
}

#[tokio::test]
async fn prompt_tools_render_and_call_through_the_host() {
    let s = set();
    let host = FakeHost::default();
    let r = s
        .call_tool("weather_summary", args(json!({"city": "Oslo"})), &host)
        .await
        .unwrap();
    assert_eq!(
        r,
        json!({"content": [{"type": "text", "text": "get_forecast:{\"city\":\"Oslo\"}"}]})
    );
    let r = s
        .call_tool(
            "weather_summary",
            args(json!({"city": "Oslo", "unit": "f"})),
            &host,
        )
        .await
        .unwrap();
    assert_eq!(text(&r), "Fahrenheit get_forecast:{\"city\":\"Oslo\"}");
    assert_eq!(host.calls().len(), 2);
}

#[tokio::test]
async fn injection_attempts_come_back_literally() {
    let s = set();
    let host = FakeHost::default();
    for evil in [
        "{{ 7*7 }}",
        "{% raw %}",
        "@tool.x.y()",
        "{{ config.API_TOKEN }}",
    ] {
        let r = s
            .call_tool("echo", args(json!({"q": evil})), &host)
            .await
            .unwrap();
        assert_eq!(text(&r), format!("You said: {evil}"));
    }
    assert!(host.calls().is_empty());
}

#[tokio::test]
async fn own_items_are_served_here_and_others_by_the_host() {
    let s = set();
    let host = FakeHost::default();
    let r = s.call_tool("chain", Map::new(), &host).await.unwrap();
    assert_eq!(
        text(&r),
        "[You said: {{ 7*7 }}] hello {{ not rendered }} Greet sitara theme=dark"
    );
    assert_eq!(
        host.calls(),
        ["prompt s.greet", "resource s config://settings"]
    );
}

#[tokio::test]
async fn failures_are_errors_with_a_clear_message() {
    let s = set();
    let host = FakeHost::default();
    let e = s.call_tool("broken", Map::new(), &host).await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "`broken` failed: tool `s.fail` failed: upstream is down"
    );
    assert!(!e.is_invalid_params());
    assert_eq!(e.to_tool_result()["isError"], true);
    let e = s
        .call_tool("erroring", Map::new(), &host)
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("tool `s.error` returned an error: bad input"),
        "{e}"
    );
    let e = s.call_tool("loop", Map::new(), &host).await.unwrap_err();
    assert!(e.to_string().contains("more than 4 levels deep"), "{e}");
    let e = s.call_tool("nope", Map::new(), &host).await.unwrap_err();
    assert_eq!(e, CustomError::UnknownTool("nope".into()));
    let e = s
        .call_tool("weather_summary", args(json!({"unit": "k"})), &host)
        .await
        .unwrap_err();
    assert!(e.is_invalid_params());
    assert!(
        e.to_string().contains("missing required argument `city`"),
        "{e}"
    );
    assert_eq!(host.calls(), ["tool s.fail {}", "tool s.error {}"]);
}

#[tokio::test]
async fn prompts_render_into_a_user_message() {
    let s = set();
    let host = FakeHost::default();
    let r = s.get_prompt("introduce", Map::new(), &host).await.unwrap();
    assert_eq!(
        r,
        json!({
            "messages": [{"role": "user", "content": {"type": "text", "text": "You are sitara."}}],
            "description": "Introduce the bot"
        })
    );
    let r = s
        .get_prompt("introduce", args(json!({"username": "{{ 6*7 }}"})), &host)
        .await
        .unwrap();
    assert_eq!(
        r["messages"][0]["content"]["text"],
        "You are sitara. The user is {{ 6*7 }}."
    );
    let e = s
        .get_prompt("introduce", args(json!({"username": 1, "x": "y"})), &host)
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("unknown argument `x`; `username` must be a string"),
        "{e}"
    );
}

#[tokio::test]
async fn resources_are_text_or_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), "# Team\n").unwrap();
    let s = compile(YAML, dir.path()).unwrap();
    assert_eq!(
        s.read_resource("notes://inline").await.unwrap(),
        Some(
            json!({"contents": [{"uri": "notes://inline", "mimeType": "text/plain", "text": "hello {{ not rendered }}"}]})
        )
    );
    assert_eq!(
        s.read_resource("notes://file").await.unwrap(),
        Some(
            json!({"contents": [{"uri": "notes://file", "mimeType": "text/markdown", "text": "# Team\n"}]})
        )
    );
    assert_eq!(s.read_resource("notes://other").await.unwrap(), None);
    let e = s.read_resource("notes://missing").await.unwrap_err();
    assert!(e.to_string().contains("nope.md"), "{e}");
}

#[test]
fn load_time_errors_name_the_vmcp_the_tool_and_the_line() {
    let yaml = "vmcps:\n  mine:\n    tools:\n      - name: t\n        kind: prompt\n        template: |\n          fine\n          {% if %}\n      - name: h\n        kind: python\n        code: \"x = 1\"\n    prompts:\n      - { name: p, template: \"@tool.a.b(\" }\n";
    let doc = Document::parse(Path::new("vmcp.yaml"), yaml).unwrap();
    let issues = CustomSet::compile(
        "mine",
        doc.vmcp("mine").unwrap(),
        BTreeMap::new(),
        Path::new(""),
    )
    .err()
    .unwrap();
    let got: Vec<String> = issues
        .iter()
        .map(|i| doc.diagnostic(i).to_string())
        .collect();
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(
        got[0].starts_with("vmcp.yaml:7:11: vmcps.mine.tools[0].template: template of tool `t` (vMCP `mine`), line 2: syntax error"),
        "{got:#?}"
    );
    assert_eq!(
        got[1],
        "vmcp.yaml:11:15: vmcps.mine.tools[1].code: python tool `h`: the code defines no top-level `def main(…)`\n  hint: define `def main(arg: str, …):` at the top level of `code`"
    );
    assert!(
        got[2].contains("template of prompt `p` (vMCP `mine`), line 1: column 10: unclosed `(`"),
        "{got:#?}"
    );
}
