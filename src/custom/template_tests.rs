use std::sync::Mutex;

use serde_json::json;

use super::*;

fn obj(v: Json) -> Map<String, Json> {
    match v {
        Json::Object(m) => m,
        _ => Map::new(),
    }
}

/// Compiles `src` and renders it; calls answer `"<server>.<name>:<args>"` and are recorded.
async fn render_with(
    src: &str,
    param: Json,
    limits: Limits,
) -> (Result<String, String>, Vec<Call>) {
    let mut engine = Engine::new(limits);
    engine.add("t", src).unwrap();
    let made = Mutex::new(Vec::new());
    let config = obj(json!({"API_TOKEN": "s3cret"}));
    let out = engine
        .render("t", &obj(param), &config, |call: Call| {
            made.lock().unwrap().push(call.clone());
            async move {
                match call.name.as_str() {
                    "fail" => Err("boom".to_string()),
                    "evil" => Ok("{{ config.API_TOKEN }} @config.API_TOKEN {% raw %}".to_string()),
                    _ => Ok(format!(
                        "{}.{}:{}",
                        call.server,
                        call.name,
                        Json::Object(call.args)
                    )),
                }
            }
        })
        .await;
    (out, made.into_inner().unwrap())
}

async fn render(src: &str, param: Json) -> (Result<String, String>, Vec<Call>) {
    render_with(src, param, Limits::default()).await
}

#[tokio::test]
async fn calls_are_made_in_order_and_results_are_values() {
    let (out, made) = render(
        "A=@tool.s.echo(x=param.x) B=@tool.vmcpx.two(y=@tool.s.inner()) {{ tool('s', 'echo', {'x': 1}) | upper }}",
        json!({"x": "1"}),
    )
    .await;
    assert_eq!(
        out.unwrap(),
        r#"A=s.echo:{"x":"1"} B=vmcpx.two:{"y":"s.inner:{}"} S.ECHO:{"X":1}"#
    );
    let names: Vec<&str> = made.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["echo", "inner", "two", "echo"]);
}

#[tokio::test]
async fn a_call_in_a_false_branch_is_never_made() {
    let (out, made) = render(
        "{% if param.go %}@tool.s.side_effect(text=\"x\"){% endif %}done\
         {% if tool('s', 'check') == 'no' %}@tool.s.other(){% endif %}",
        json!({"go": false}),
    )
    .await;
    assert_eq!(out.unwrap(), "done");
    let names: Vec<&str> = made.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["check"]);
}

#[tokio::test]
async fn values_are_never_rendered_again() {
    for evil in [
        "{{ 7*7 }}",
        "{% raw %}",
        "@tool.x.y()",
        "{{ config.API_TOKEN }}",
        "@config.API_TOKEN",
    ] {
        let (out, made) = render("You said: @param.q / {{ param.q }}", json!({"q": evil})).await;
        assert_eq!(out.unwrap(), format!("You said: {evil} / {evil}"));
        assert!(made.is_empty());
    }
    let (out, made) = render("[@tool.s.evil()]", json!({})).await;
    assert_eq!(
        out.unwrap(),
        "[{{ config.API_TOKEN }} @config.API_TOKEN {% raw %}]"
    );
    assert_eq!(made.len(), 1);
    // A string argument holding template syntax reaches the tool as written.
    let (_, made) = render("@tool.s.t(q=\"{{ 7*7 }}\")", json!({})).await;
    assert_eq!(made[0].args["q"], "{{ 7*7 }}");
}

#[tokio::test]
async fn a_failed_call_is_an_error_not_text() {
    let (out, made) = render("before @tool.s.fail() after @tool.s.never()", json!({})).await;
    assert_eq!(out.unwrap_err(), "boom");
    assert_eq!(made.len(), 1);
}

#[tokio::test]
async fn undefined_values_are_errors() {
    let (out, _) = render("\n{{ param.nope }}", json!({})).await;
    let err = out.unwrap_err();
    assert!(err.starts_with("line 2: undefined value"), "{err}");
    let (out, _) = render("{{ nope }}", json!({})).await;
    assert!(out.is_err());
}

#[tokio::test]
async fn runaway_templates_are_stopped() {
    let (out, _) = render("{% for i in range(100000000) %}x{% endfor %}", json!({})).await;
    assert!(out.unwrap_err().contains("range"));
    let (out, _) = render(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        json!({}),
    )
    .await;
    assert!(out.unwrap_err().contains("instruction budget"));
    let small = Limits {
        max_output: 1000,
        ..Limits::default()
    };
    let (out, _) = render_with("{% for i in range(2000) %}x{% endfor %}", json!({}), small).await;
    assert_eq!(out.unwrap_err(), "the output is larger than 1000 bytes");
    let few = Limits {
        max_calls: 3,
        ..Limits::default()
    };
    let (out, made) = render_with(
        "{% for i in range(10) %}{{ tool('s', 'x') }}{% endfor %}",
        json!({}),
        few,
    )
    .await;
    assert!(out.unwrap_err().contains("at most 3 calls"));
    assert_eq!(made.len(), 3);
}

#[test]
fn other_templates_cannot_be_loaded() {
    let mut engine = Engine::new(Limits::default());
    for src in [
        "{% include 'x' %}",
        "{% import 'x' as y %}",
        "{% extends 'x' %}",
    ] {
        assert!(engine.add("t", src).is_err(), "{src}");
    }
}

#[test]
fn syntax_errors_have_a_line() {
    let mut engine = Engine::new(Limits::default());
    let e = engine.add("t", "ok\n{% if %}\n").unwrap_err();
    assert_eq!(e.line, Some(2), "{e:?}");
    let e = engine.add("t", "a\nb\n @tool.x.y(").unwrap_err();
    assert_eq!(e.line, Some(3), "{e:?}");
    assert!(e.message.contains("unclosed `(`"), "{e:?}");
}

#[tokio::test]
async fn booleans_print_as_in_json() {
    let (out, _) = render_with(
        "{{ param.t }} {{ param.f }} {{ param.t and 1 == 1 }}",
        json!({"t": true, "f": false}),
        Limits::default(),
    )
    .await;
    assert_eq!(out.unwrap(), "true false true");
}
