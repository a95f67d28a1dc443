use std::path::Path;

use super::*;
use crate::config::custom::{ApiKeyPlacement, OnError, ParamType};
use crate::config::{ConfigError, Diagnostic, Document};

fn parse(text: &str) -> Result<Document, ConfigError> {
    Document::parse(Path::new("vmcp.yaml"), text)
}

fn diags(err: ConfigError) -> Vec<Diagnostic> {
    match err {
        ConfigError::Invalid(d) => d,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

/// The example of the issue, every kind included.
pub(crate) const EXAMPLE: &str = r#"
servers:
  weather:
    command: weather-mcp
vmcps:
  mytools:
    servers: [weather]
    config:
      API_BASE: https://api.example.com
      API_TOKEN: ${env:EXAMPLE_TOKEN}
      RETRIES: 3
    tools:
      - name: weather_summary
        kind: prompt
        description: Weather for a city, summarised
        params: { city: { type: string, description: City name }, unit: { type: string, enum: [c, f], default: c } }
        template: |
          {% if param.unit == "f" %}Fahrenheit{% endif %}
          @tool.weather.get_forecast(city=param.city)
      - name: create_ticket
        kind: http
        params: { title: { type: string }, body: { type: string } }
        request:
          method: POST
          url: "{{ config.API_BASE }}/tickets"
          auth: { bearer: "{{ config.API_TOKEN }}" }
          json: { title: "{{ param.title }}", body: "{{ param.body }}" }
          timeout: 30s
      - name: search
        kind: http
        request:
          url: https://api.example.com/search
          query: { q: "{{ param.q }}", limit: 10 }
          auth: { api_key: { in: query, name: key, value: "{{ config.API_TOKEN }}" } }
        params: { q: { type: string } }
      - name: wordcount
        kind: command
        command: ["wc", "-w"]
        stdin: "{{ param.text }}"
        env: { LC_ALL: C }
        timeout: 10s
      - name: count_chars
        kind: python
        code: |
          def main(word: str, character: str):
              return word.count(character)
      - name: triage
        kind: composite
        params: { number: { type: integer } }
        steps:
          - id: issue
            call: github_get_issue
            args: { number: "{{ param.number }}" }
          - id: labels
            call: github_add_labels
            args: { number: "{{ param.number }}", labels: ["triage"] }
            when: "{{ steps.issue.structured.state == 'open' }}"
            on_error: continue
        result: "{{ steps.labels.text }}"
    prompts:
      - name: introduce
        arguments: [{ name: username, required: false }]
        template: "You are @config.BOTNAME. The user is {{ param.username }}."
    resources:
      - uri: notes://team
        name: Team notes
        file: ./notes.md
      - uri: notes://inline
        name: Inline
        text: hello
        mime_type: text/plain
"#;

#[test]
fn the_issue_example_parses() {
    let doc = parse(EXAMPLE).unwrap();
    let v = doc.vmcp("mytools").unwrap();
    assert_eq!(v.tools.len(), 6);
    assert_eq!(v.config["RETRIES"].as_str(), "3");
    let unit = &v.tools[0].params["unit"];
    assert_eq!(unit.param_type(), ParamType::String);
    assert!(!unit.is_required());
    assert!(v.tools[0].params["city"].is_required());
    let req = v.tools[1].request.as_ref().unwrap();
    assert!(req.auth.as_ref().unwrap().bearer.is_some());
    assert_eq!(req.timeout.unwrap().get().as_secs(), 30);
    let auth = v.tools[2].request.as_ref().unwrap().auth.as_ref().unwrap();
    assert_eq!(
        auth.api_key.as_ref().unwrap().placement,
        Some(ApiKeyPlacement::Query)
    );
    assert_eq!(v.tools[5].steps[1].on_error, Some(OnError::Continue));
    assert!(!v.prompts[0].arguments[0].is_required());
    assert_eq!(v.resources.len(), 2);
}

#[test]
fn the_example_round_trips_and_plain_vmcps_serialize_unchanged() {
    let doc = parse(EXAMPLE).unwrap();
    let text = serde_yaml::to_string(&doc.file).unwrap();
    let again = parse(&text).unwrap();
    assert_eq!(again.file, doc.file);
    let plain = parse("servers:\n  t:\n    command: x\nvmcps:\n  v:\n    servers: [t]\n").unwrap();
    let text = serde_yaml::to_string(&plain.file).unwrap();
    for absent in ["config", "tools", "prompts", "resources"] {
        assert!(!text.contains(absent), "{text}");
    }
}

#[test]
fn unknown_keys_and_kinds_are_located() {
    let text = "vmcps:\n  v:\n    tools:\n      - name: t\n        kind: prompt\n        template: x\n        tempalte: y\n";
    let d = diags(parse(text).unwrap_err()).remove(0);
    assert!(d.message.contains("unknown field `tempalte`"), "{d}");
    assert_eq!(d.position.map(|p| p.line), Some(7), "{d}");
    assert_eq!(d.hint.as_deref(), Some("did you mean `template`?"));

    let text = "vmcps:\n  v:\n    tools:\n      - name: t\n        kind: shell\n";
    let d = diags(parse(text).unwrap_err()).remove(0);
    assert!(d.message.contains("unknown variant `shell`"), "{d}");
    assert_eq!(d.position.map(|p| p.line), Some(5), "{d}");

    let text = "vmcps:\n  v:\n    tools:\n      - name: t\n        kind: command\n        command: [x]\n        timeout: 10 parsecs\n";
    let d = diags(parse(text).unwrap_err()).remove(0);
    assert!(d.message.contains("parsecs"), "{d}");
    assert_eq!(d.position.map(|p| p.line), Some(7), "{d}");
}

fn messages(text: &str) -> Vec<String> {
    diags(parse(text).unwrap_err())
        .into_iter()
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn static_checks_are_located() {
    let text = r#"vmcps:
  v:
    config: { "bad-name": x }
    tools:
      - name: dup
        kind: prompt
        template: a
      - name: dup
        kind: prompt
        template: b
      - name: "has space"
        kind: http
        template: x
      - name: au
        kind: http
        request: { url: "http://x", auth: { bearer: a, basic: { user: u, password: p } }, json: {}, body: x }
      - name: c
        kind: command
        command: [""]
      - name: comp
        kind: composite
        params: { n: { type: integer, default: "x" }, e: { type: string, enum: [a, 1] } }
        steps:
          - { id: a, call: x }
          - { id: a, call: "" }
    prompts:
      - { name: p, template: x, arguments: [{ name: a }, { name: a }] }
      - { name: p, template: y }
    resources:
      - { uri: nouri, name: x, text: y }
      - { uri: "a:b", name: x }
"#;
    let got = messages(text);
    let want = [
        (
            "vmcp.yaml:3:15: vmcps.v.config.bad-name: config name `bad-name`",
            "",
        ),
        (
            "vmcp.yaml:8:15: vmcps.v.tools[1].name: custom tool `dup` is defined twice",
            "",
        ),
        ("vmcp.yaml:11:15:", "contains ` `"),
        (
            "vmcp.yaml:13:9: vmcps.v.tools[2].template: `template` does not apply",
            "",
        ),
        (
            "vmcp.yaml:12:15: vmcps.v.tools[2].kind: a tool of kind `http` needs `request`",
            "",
        ),
        (
            "vmcp.yaml:19:19: vmcps.v.tools[4].command[0]: the program is empty",
            "",
        ),
        (
            "vmcp.yaml:25:19: vmcps.v.tools[5].steps[1].id: step id `a` is used twice",
            "",
        ),
        (
            "vmcp.yaml:25:28: vmcps.v.tools[5].steps[1].call: `call` is empty",
            "",
        ),
        (
            "vmcps.v.tools[5].params.n.default: default \"x\" of `n` is not of type integer",
            "",
        ),
        ("vmcps.v.tools[5].params.e.enum[1]: enum value 1 of `e`", ""),
        (
            "vmcps.v.tools[3].request.auth: `auth` needs exactly one",
            "",
        ),
        ("vmcps.v.tools[3].request: a request has at most one of", ""),
        (
            "vmcps.v.prompts[0].arguments[1].name: argument `a` is listed twice",
            "",
        ),
        (
            "vmcps.v.prompts[1].name: custom prompt `p` is defined twice",
            "",
        ),
        ("vmcps.v.resources[0].uri: `nouri` is not a URI", ""),
        (
            "vmcp.yaml:31:11: vmcps.v.resources[1].uri: has neither `text` nor `file`",
            "",
        ),
    ];
    for (prefix, contains) in want {
        assert!(
            got.iter()
                .any(|m| m.contains(prefix) && m.contains(contains)),
            "missing {prefix:?} in {got:#?}"
        );
    }
}

#[test]
fn config_values_expand_env() {
    let doc = parse(EXAMPLE).unwrap();
    let v = doc.vmcp("mytools").unwrap();
    let env = |n: &str| (n == "EXAMPLE_TOKEN").then(|| "tok".to_string());
    let values = config_values("mytools", v, &env).unwrap();
    assert_eq!(values["API_TOKEN"], "tok");
    let issues = config_values("mytools", v, &|_| None).unwrap_err();
    assert_eq!(
        crate::config::locate::render_path(&issues[0].path),
        "vmcps.mytools.config.API_TOKEN"
    );
    assert!(issues[0].message.contains("EXAMPLE_TOKEN"));
}
