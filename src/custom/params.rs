//! Tool parameters as JSON Schema, and arguments checked against them before anything runs.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::config::custom::{ParamSpec, ParamType, PromptArgument};

/// The `inputSchema` of a tool with these parameters.
pub(crate) fn input_schema(params: &BTreeMap<String, ParamSpec>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (name, spec) in params {
        properties.insert(name.clone(), property(spec));
        if spec.is_required() {
            required.push(Value::from(name.as_str()));
        }
    }
    let mut schema = json!({ "type": "object", "properties": properties });
    if !required.is_empty() {
        schema["required"] = Value::Array(required);
    }
    schema["additionalProperties"] = Value::Bool(false);
    schema
}

fn property(spec: &ParamSpec) -> Value {
    let mut p = Map::new();
    p.insert("type".into(), spec.param_type().as_str().into());
    if let Some(d) = &spec.description {
        p.insert("description".into(), d.as_str().into());
    }
    if !spec.allowed.is_empty() {
        p.insert("enum".into(), Value::Array(spec.allowed.clone()));
    }
    if let Some(d) = &spec.default {
        p.insert("default".into(), d.clone());
    }
    if let Some(items) = &spec.items {
        p.insert("items".into(), property(items));
    }
    Value::Object(p)
}

/// Checks `args` against `params` and applies defaults; optional parameters without a default
/// are present as `null`, so templates can test them. Every problem is listed in the error.
pub(crate) fn check_args(
    params: &BTreeMap<String, ParamSpec>,
    mut args: Map<String, Value>,
) -> Result<Map<String, Value>, String> {
    let mut problems = Vec::new();
    for name in args.keys() {
        if !params.contains_key(name) {
            let known: Vec<&str> = params.keys().map(String::as_str).collect();
            problems.push(if known.is_empty() {
                format!("unknown argument `{name}` (this tool takes no arguments)")
            } else {
                format!("unknown argument `{name}` (expected: {})", known.join(", "))
            });
        }
    }
    let mut out = Map::new();
    for (name, spec) in params {
        match args.remove(name) {
            Some(Value::Null) | None if spec.is_required() => {
                problems.push(format!("missing required argument `{name}`"));
            }
            Some(Value::Null) | None => {
                out.insert(name.clone(), spec.default.clone().unwrap_or(Value::Null));
            }
            Some(v) => {
                check_value(name, spec, &v, &mut problems);
                out.insert(name.clone(), v);
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems.join("; "))
    }
}

fn check_value(path: &str, spec: &ParamSpec, v: &Value, problems: &mut Vec<String>) {
    let ty = spec.param_type();
    if !ty.accepts(v) {
        problems.push(format!(
            "`{path}` must be {} {}, not {}",
            article(ty),
            ty.as_str(),
            describe(v)
        ));
        return;
    }
    if !spec.allowed.is_empty() && !spec.allowed.contains(v) {
        let allowed: Vec<String> = spec.allowed.iter().map(Value::to_string).collect();
        problems.push(format!(
            "`{path}` must be one of {}, not {v}",
            allowed.join(", ")
        ));
    }
    if let (Some(items), Value::Array(list)) = (&spec.items, v) {
        for (i, item) in list.iter().enumerate() {
            check_value(&format!("{path}[{i}]"), items, item, problems);
        }
    }
}

fn article(ty: ParamType) -> &'static str {
    match ty {
        ParamType::Integer | ParamType::Array | ParamType::Object => "an",
        _ => "a",
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => "a string".into(),
        Value::String(s) => format!("the string {}", Value::from(s.as_str())),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Prompt arguments are strings; absent optional ones are `null`.
pub(crate) fn check_prompt_args(
    declared: &[PromptArgument],
    mut args: Map<String, Value>,
) -> Result<Map<String, Value>, String> {
    let mut problems = Vec::new();
    for name in args.keys() {
        if !declared.iter().any(|a| &a.name == name) {
            problems.push(format!("unknown argument `{name}`"));
        }
    }
    let mut out = Map::new();
    for a in declared {
        match args.remove(&a.name) {
            None | Some(Value::Null) if a.is_required() => {
                problems.push(format!("missing required argument `{}`", a.name));
            }
            None | Some(Value::Null) => {
                out.insert(a.name.clone(), Value::Null);
            }
            Some(v @ Value::String(_)) => {
                out.insert(a.name.clone(), v);
            }
            Some(_) => problems.push(format!("`{}` must be a string", a.name)),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> BTreeMap<String, ParamSpec> {
        let yaml = r"
city: { type: string, description: City name }
unit: { type: string, enum: [c, f], default: c }
days: { type: integer, required: false }
tags: { type: array, items: { type: string } }
";
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn schema_has_types_enums_defaults_and_required() {
        assert_eq!(
            input_schema(&params()),
            json!({
                "type": "object",
                "properties": {
                    "city": { "type": "string", "description": "City name" },
                    "days": { "type": "integer" },
                    "tags": { "type": "array", "items": { "type": "string" } },
                    "unit": { "type": "string", "enum": ["c", "f"], "default": "c" },
                },
                "required": ["city", "tags"],
                "additionalProperties": false,
            })
        );
    }

    fn args(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn defaults_are_applied_and_optional_absent_are_null() {
        let got = check_args(&params(), args(json!({"city": "Oslo", "tags": []}))).unwrap();
        assert_eq!(
            Value::Object(got),
            json!({"city": "Oslo", "days": null, "tags": [], "unit": "c"})
        );
        let got = check_args(
            &params(),
            args(json!({"city": "x", "tags": [], "days": 3.0})),
        );
        assert!(got.is_ok(), "{got:?}");
    }

    #[test]
    fn every_problem_is_reported_clearly() {
        let err = check_args(
            &params(),
            args(json!({"unit": "k", "days": "3", "tags": ["a", 1], "extra": true})),
        )
        .unwrap_err();
        for want in [
            "unknown argument `extra` (expected: city, days, tags, unit)",
            "missing required argument `city`",
            "`days` must be an integer, not the string \"3\"",
            "`tags[1]` must be a string, not the number 1",
            "`unit` must be one of \"c\", \"f\", not \"k\"",
        ] {
            assert!(err.contains(want), "{want} in {err}");
        }
    }
}
