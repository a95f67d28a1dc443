use super::*;
use crate::config::glob::Glob;
use crate::session::args::NO_ARGS;
use pretty_assertions::assert_eq;
use serde_json::{Value, json};

fn obj(v: Value) -> RawObject {
    match v {
        Value::Object(m) => RawObject::from_map(m),
        _ => panic!("not an object"),
    }
}

fn lists(tools: &[Value], prompts: &[Value], resources: &[Value], templates: &[Value]) -> Lists {
    Lists {
        tools: Arc::new(tools.iter().cloned().map(obj).collect()),
        prompts: Arc::new(prompts.iter().cloned().map(obj).collect()),
        resources: Arc::new(resources.iter().cloned().map(obj).collect()),
        templates: Arc::new(templates.iter().cloned().map(obj).collect()),
    }
}

fn names(raw: &RawValue, key: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(raw.get()).unwrap();
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn prefixes_filters_renames_and_describes() {
    let ev = Selection {
        prefix: Some("ev".into()),
        tools: Some(vec![Glob::new("echo"), Glob::new("get-*")]),
        exclude_tools: vec![Glob::new("*long*")],
        rename: [("echo".to_string(), "say".to_string())].into(),
        describe: [("echo".to_string(), "Repeat a message back".to_string())].into(),
        ..Selection::default()
    };
    let time = Selection::default();
    let sources = [
        Source {
            target: Target::Upstream(0),
            server: "everything",
            prefix: "ev",
            selection: &ev,
            args: &NO_ARGS,
            lists: lists(
                &[
                    json!({"name": "echo", "description": "Echoes", "inputSchema": {"type": "object"}}),
                    json!({"name": "get-sum", "inputSchema": {"type": "object"}}),
                    json!({"name": "get-long-op", "inputSchema": {"type": "object"}}),
                    json!({"name": "add", "inputSchema": {"type": "object"}}),
                ],
                &[json!({"name": "simple"})],
                &[],
                &[],
            ),
        },
        Source {
            target: Target::Upstream(1),
            server: "time",
            prefix: "time",
            selection: &time,
            args: &NO_ARGS,
            lists: lists(&[json!({"name": "now", "inputSchema": {}})], &[], &[], &[]),
        },
    ];
    let c = build(&sources);
    assert_eq!(
        names(&c.tools, "tools"),
        vec!["say", "ev_get-sum", "time_now"]
    );
    assert_eq!(names(&c.prompts, "prompts"), vec!["ev_simple"]);
    assert_eq!(
        c.routes.tools["say"],
        Route {
            target: Target::Upstream(0),
            raw: "echo".into()
        }
    );
    assert_eq!(c.routes.tools["time_now"].target, Target::Upstream(1));
    assert!(!c.routes.tools.contains_key("ev_add"));
    let v: Value = serde_json::from_str(c.tools.get()).unwrap();
    assert_eq!(v["tools"][0]["description"], "Repeat a message back");
    assert!(c.conflicts.is_empty());
}

#[test]
fn keeps_every_field_and_key_order() {
    let sel = Selection::default();
    let tool = r#"{"name":"t","zeta":1,"inputSchema":{"type":"object","properties":{"b":{},"a":{}}},"execution":{"taskSupport":"optional"},"_meta":{"x":1},"annotations":{"readOnlyHint":true},"outputSchema":{"type":"object"}}"#;
    let src = Source {
        target: Target::Upstream(0),
        server: "s",
        prefix: "",
        selection: &sel,
        args: &NO_ARGS,
        lists: Lists {
            tools: Arc::new(vec![serde_json::from_str::<RawObject>(tool).unwrap()]),
            ..Lists::default()
        },
    };
    let c = build(&[src]);
    assert_eq!(c.tools.get(), format!(r#"{{"tools":[{tool}]}}"#));
}

#[test]
fn collisions_expose_neither_and_are_reported() {
    let a = Selection {
        prefix: Some(String::new()),
        ..Selection::default()
    };
    let b = a.clone();
    let sources = [
        Source {
            target: Target::Upstream(0),
            server: "a",
            prefix: "",
            selection: &a,
            args: &NO_ARGS,
            lists: lists(
                &[json!({"name": "search"}), json!({"name": "only_a"})],
                &[],
                &[],
                &[],
            ),
        },
        Source {
            target: Target::Upstream(1),
            server: "b",
            prefix: "",
            selection: &b,
            args: &NO_ARGS,
            lists: lists(&[json!({"name": "search"})], &[], &[], &[]),
        },
    ];
    let c = build(&sources);
    assert_eq!(names(&c.tools, "tools"), vec!["only_a"]);
    assert_eq!(c.conflicts.len(), 1);
    assert_eq!(
        c.conflicts[0].to_string(),
        "tool `search` is offered by server `a` and server `b`: neither is exposed; resolve it with `rename` or `prefix` in the vMCP"
    );
}

#[test]
fn every_contender_of_a_name_is_reported_in_the_order_names_first_appear() {
    let sel = Selection {
        prefix: Some(String::new()),
        ..Selection::default()
    };
    let source = |i: usize, server: &'static str, tools: &[Value]| Source {
        target: Target::Upstream(i),
        server,
        prefix: "",
        selection: &sel,
        args: &NO_ARGS,
        lists: lists(tools, &[], &[], &[]),
    };
    let sources = [
        source(
            0,
            "a",
            &[
                json!({"name": "b_first"}),
                json!({"name": "x"}),
                json!({"name": "a_only"}),
            ],
        ),
        source(1, "b", &[json!({"name": "x"}), json!({"name": "b_first"})]),
        source(2, "c", &[json!({"name": "x"}), json!({"name": "c_only"})]),
    ];
    let c = build(&sources);
    assert_eq!(names(&c.tools, "tools"), vec!["a_only", "c_only"]);
    let reported: Vec<(&str, Vec<(String, String)>)> = c
        .conflicts
        .iter()
        .map(|c| (c.exposed.as_str(), c.sources.clone()))
        .collect();
    let pair = |s: &str, r: &str| (s.to_string(), r.to_string());
    assert_eq!(
        reported,
        vec![
            ("b_first", vec![pair("a", "b_first"), pair("b", "b_first")]),
            ("x", vec![pair("a", "x"), pair("b", "x"), pair("c", "x")]),
        ]
    );
    assert_eq!(c.routes.tools.len(), 2);
}

#[test]
fn resources_route_by_uri_first_wins_and_templates_match() {
    let sel = Selection::default();
    let hidden = Selection {
        exclude_resources: vec![Glob::new("secret://*")],
        ..Selection::default()
    };
    let sources = [
        Source {
            target: Target::Upstream(0),
            server: "a",
            prefix: "a",
            selection: &sel,
            args: &NO_ARGS,
            lists: lists(
                &[],
                &[],
                &[json!({"uri": "file:///x", "name": "x"})],
                &[json!({"uriTemplate": "test://{id}/data", "name": "t"})],
            ),
        },
        Source {
            target: Target::Upstream(1),
            server: "b",
            prefix: "b",
            selection: &hidden,
            args: &NO_ARGS,
            lists: lists(
                &[],
                &[],
                &[
                    json!({"uri": "file:///x", "name": "x"}),
                    json!({"uri": "secret://k", "name": "k"}),
                ],
                &[],
            ),
        },
    ];
    let c = build(&sources);
    assert_eq!(c.routes.resources["file:///x"], Target::Upstream(0));
    assert!(!c.routes.resources.contains_key("secret://k"));
    assert_eq!(c.conflicts.len(), 1);
    assert_eq!(c.conflicts[0].kind, "resource");
    assert!(c.routes.templates[0].glob.matches("test://5/data"));
}
