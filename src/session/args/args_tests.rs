use serde_json::json;

use super::*;

fn origin(key: &str, param: &str) -> Diagnostic {
    Diagnostic {
        file: "vmcp.yaml".into(),
        position: None,
        path: format!("args.{key}.{param}"),
        message: String::new(),
        hint: None,
    }
}

/// Rules from YAML-ish JSON: `{tool key: {param: rule}}`.
fn rules(spec: &Value) -> ArgRules {
    let mut out = Vec::new();
    for (key, params) in spec.as_object().unwrap() {
        let params = params
            .as_object()
            .unwrap()
            .iter()
            .map(|(param, r)| ParamRule {
                param: param.clone(),
                value: r.get("value").cloned(),
                default: r.get("default").cloned(),
                interpolated: r.get("interpolated").is_some(),
                hide: r.get("hide").is_some(),
                describe: r.get("describe").and_then(Value::as_str).map(String::from),
                rename: r.get("rename").and_then(Value::as_str).map(String::from),
                allow_override: r.get("override").is_some(),
                origin: origin(key, param),
            })
            .collect();
        out.push(ToolRules {
            key: key.clone(),
            params,
        });
    }
    ArgRules(out)
}

const SCHEMA: &str = r##"{"type":"object","properties":{"owner":{"type":"string"},"repo":{"type":"string"},"labels":{"type":"array","items":{"$ref":"#/$defs/label"}},"body":{"type":"string","description":"old"},"title":{"type":"string"},"per_page":{"type":"integer","maximum":1.50e2}},"required":["owner","title"],"$defs":{"label":{"type":"string"}},"x-vendor":{"kept":[3,1,2]},"additionalProperties":false}"##;

fn shape_of(r: &ArgRules, tool: &str, schema: &str) -> (ToolShape, Vec<String>) {
    let mut problems = Vec::new();
    let schema: Map<String, Value> = serde_json::from_str(schema).unwrap();
    let shape = ToolShape::compile(r, tool, Some(&schema), &mut problems).unwrap();
    (
        shape,
        problems
            .into_iter()
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect(),
    )
}

fn issue_rules() -> ArgRules {
    rules(&json!({
        "create_issue": {
            "owner": {"value": "acme"},
            "repo": {"default": "platform"},
            "labels": {"hide": true},
            "body": {"describe": "Markdown"},
            "title": {"rename": "summary"}
        },
        "search_*": {"per_page": {"value": "20", "interpolated": true}}
    }))
}

#[test]
fn the_exposed_schema_changes_only_what_the_rules_say() {
    let r = issue_rules();
    let (shape, problems) = shape_of(&r, "create_issue", SCHEMA);
    assert_eq!(problems, Vec::<String>::new());
    let mut item = RawObject::new();
    item.set_value("name", "create_issue");
    item.set("inputSchema", RawValue::from_string(SCHEMA.into()).unwrap());
    item.set(
        "outputSchema",
        RawValue::from_string(r#"{"type": "object"}"#.into()).unwrap(),
    );
    shape.shape_definition(&mut item);
    assert_eq!(
        serde_json::to_string(&item).unwrap(),
        r#"{"name":"create_issue","inputSchema":{"type":"object","properties":{"repo":{"type":"string","default":"platform"},"body":{"type":"string","description":"Markdown"},"summary":{"type":"string"},"per_page":{"type":"integer","maximum":1.50e2}},"required":["summary"],"$defs":{"label":{"type":"string"}},"x-vendor":{"kept":[3,1,2]},"additionalProperties":false},"outputSchema":{"type": "object"}}"#
    );
}

use serde_json::value::RawValue;

fn rewrite(shape: &ToolShape, args: &str) -> Result<Value, String> {
    let raw = RawValue::from_string(args.into()).unwrap();
    shape
        .rewrite(Some(&raw))
        .map(|r| serde_json::from_str(r.get()).unwrap())
}

#[test]
fn calls_are_rewritten_for_the_upstream() {
    let r = issue_rules();
    let (shape, _) = shape_of(&r, "create_issue", SCHEMA);
    assert_eq!(
        rewrite(&shape, r#"{"summary":"Bug","body":"b"}"#).unwrap(),
        json!({"title": "Bug", "body": "b", "owner": "acme", "repo": "platform"})
    );
    assert_eq!(
        rewrite(&shape, r#"{"summary":"Bug","repo":"web"}"#).unwrap(),
        json!({"title": "Bug", "repo": "web", "owner": "acme"})
    );
    let refused = [
        (r#"{"owner":"evil"}"#, "parameter `owner` is fixed"),
        (r#"{"labels":[]}"#, "parameter `labels` is hidden"),
        (
            r#"{"title":"x"}"#,
            "unknown parameter `title`: this vMCP calls it `summary`",
        ),
        ("[1]", "`arguments` must be an object"),
    ];
    for (args, want) in refused {
        let e = rewrite(&shape, args).unwrap_err();
        assert!(e.contains(want), "{args}: {e}");
    }
    // Interpolated text is typed by the schema; a glob applies to every tool it matches.
    let (search, problems) = shape_of(
        &r,
        "search_code",
        r#"{"properties":{"q":{"type":"string"},"per_page":{"type":"integer"}}}"#,
    );
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(
        rewrite(&search, r#"{"q":"x"}"#).unwrap(),
        json!({"q": "x", "per_page": 20})
    );
    assert!(ToolShape::compile(&r, "list_issues", None, &mut Vec::new()).is_none());
}

#[test]
fn override_allow_lets_the_client_set_it() {
    let r = rules(
        &json!({"t": {"a": {"value": 1, "override": true}, "h": {"hide": true, "override": true}}}),
    );
    let (shape, _) = shape_of(
        &r,
        "t",
        r#"{"properties":{"a":{"type":"integer"},"h":{"type":"string"}}}"#,
    );
    assert_eq!(rewrite(&shape, "{}").unwrap(), json!({"a": 1}));
    assert_eq!(
        rewrite(&shape, r#"{"a":2,"h":"x"}"#).unwrap(),
        json!({"a": 2, "h": "x"})
    );
}

#[test]
fn swapped_renames_map_both_ways() {
    let r = rules(&json!({"t": {"a": {"rename": "b"}, "b": {"rename": "a"}}}));
    let schema =
        r#"{"properties":{"a":{"type":"string"},"b":{"type":"integer"}},"required":["a"]}"#;
    let (shape, problems) = shape_of(&r, "t", schema);
    assert_eq!(problems, Vec::<String>::new());
    let mut s: RawObject = serde_json::from_str(schema).unwrap();
    assert!(shape.shape_schema(&mut s));
    assert_eq!(
        serde_json::to_string(&s).unwrap(),
        r#"{"properties":{"b":{"type":"string"},"a":{"type":"integer"}},"required":["b"]}"#
    );
    assert_eq!(
        rewrite(&shape, r#"{"b":"x","a":1}"#).unwrap(),
        json!({"a": "x", "b": 1})
    );
}

#[test]
fn what_only_the_schema_shows_is_reported_at_the_rule() {
    let r = rules(&json!({
        "create_issue": {
            "ownr": {"value": "acme"},
            "title": {"hide": true},
            "per_page": {"value": "20"},
            "repo": {"default": 3},
            "body": {"rename": "owner"}
        },
        "create_*": {"repo": {"describe": "x"}},
        "*_issue": {"labels": {"hide": true}},
        "*": {"labels": {"describe": "y"}}
    }));
    let (_, problems) = shape_of(&r, "create_issue", SCHEMA);
    assert_eq!(
        problems,
        vec![
            "args.*.labels: `labels` of tool `create_issue` is shaped by both `*_issue` and `*`; `*_issue` applies",
            "args.create_issue.ownr: tool `create_issue` has no parameter `ownr`",
            "args.create_issue.per_page: the `value` of `per_page` is a string, but tool `create_issue` wants integer",
            "args.create_issue.repo: the `default` of `repo` is a number, but tool `create_issue` wants string",
            "args.create_issue.title: `title` is required by tool `create_issue`, so hiding it without a value makes every call fail",
            "args.create_issue.body: `body` is renamed to `owner`, which tool `create_issue` has as a parameter already",
        ]
    );
}
