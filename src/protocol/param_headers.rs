//! `Mcp-Param-{Name}` headers (2026-07-28, `basic/transports/streamable-http.mdx` §Custom Headers
//! from Tool Parameters): a tool's `inputSchema` may mark a property with `x-mcp-header: "Name"`;
//! over streamable HTTP a client mirrors the call's argument at that property into the header
//! `Mcp-Param-Name`, and a server checks the header against the body. Pure: which headers a
//! schema declares (or why its annotations make the tool invalid), and an argument's text.
//!
//! An annotation is valid on a property reached from the root through `properties` keys only,
//! typed `string`, `integer` or `boolean`, with a name that is an HTTP token, unique among the
//! schema's annotations regardless of case.

use serde_json::{Map, Value};

const ANNOTATION: &str = "x-mcp-header";

/// Schema keywords holding one subschema, or a map or list of them: an annotation under them is
/// not statically reachable.
const ONE: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
];
const MAP: &[&str] = &[
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];
const LIST: &[&str] = &["prefixItems", "oneOf", "anyOf", "allOf"];

/// One declared header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParamHeader {
    /// The annotation's value: the header is `Mcp-Param-{name}`.
    pub(crate) name: String,
    /// The property's path from the schema root (each step a `properties` key).
    pub(crate) path: Vec<String>,
    /// The property is an integer: header and body compare as numbers.
    pub(crate) integer: bool,
}

impl ParamHeader {
    /// The header's name, lowercase (as `http::HeaderMap` keys are).
    pub(crate) fn header(&self) -> String {
        format!("mcp-param-{}", self.name.to_ascii_lowercase())
    }

    /// The argument this header mirrors, if the call has one (`null` counts as none).
    pub(crate) fn value<'a>(&self, arguments: Option<&'a Map<String, Value>>) -> Option<&'a Value> {
        let (last, parents) = self.path.split_last()?;
        let mut here = arguments?;
        for step in parents {
            here = here.get(step)?.as_object()?;
        }
        here.get(last).filter(|v| !v.is_null())
    }
}

/// An argument as header text: strings as they are, integers in decimal, booleans as
/// `true`/`false` (anything else: its JSON text).
pub(crate) fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The headers `schema` declares, in schema order; an error says why the annotations make the
/// tool invalid.
pub(crate) fn declared(schema: &Value) -> Result<Vec<ParamHeader>, String> {
    let mut found = Vec::new();
    walk(schema, Some(&mut Vec::new()), &mut found)?;
    for (i, h) in found.iter().enumerate() {
        if found[..i]
            .iter()
            .any(|o| o.name.eq_ignore_ascii_case(&h.name))
        {
            return Err(format!(
                "`{ANNOTATION}: {}` is declared twice (names are case-insensitive)",
                h.name
            ));
        }
    }
    Ok(found)
}

/// Collects the annotations at and under `node`; `path` is where `node` is when it is reachable
/// through `properties` alone (`None`: it is not).
fn walk(
    node: &Value,
    path: Option<&mut Vec<String>>,
    found: &mut Vec<ParamHeader>,
) -> Result<(), String> {
    let Value::Object(map) = node else {
        return Ok(());
    };
    let mut path = path;
    if let Some(name) = map.get(ANNOTATION) {
        let at = path.as_deref().filter(|p| !p.is_empty()).ok_or_else(|| {
            format!("`{ANNOTATION}` only goes on a property reached through `properties` alone")
        })?;
        found.push(annotation(name, map, at)?);
    }
    for (key, value) in map {
        match key.as_str() {
            "properties" => {
                for (name, sub) in value.as_object().into_iter().flatten() {
                    match path.as_deref_mut() {
                        Some(p) => {
                            p.push(name.clone());
                            let walked = walk(sub, Some(p), found);
                            p.pop();
                            walked?;
                        }
                        None => walk(sub, None, found)?,
                    }
                }
            }
            k if ONE.contains(&k) => walk(value, None, found)?,
            k if MAP.contains(&k) => {
                for sub in value.as_object().into_iter().flat_map(Map::values) {
                    walk(sub, None, found)?;
                }
            }
            k if LIST.contains(&k) => {
                for sub in value.as_array().into_iter().flatten() {
                    walk(sub, None, found)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// One annotation (`name` its value) on the property `schema` at `path`.
fn annotation(
    name: &Value,
    schema: &Map<String, Value>,
    path: &[String],
) -> Result<ParamHeader, String> {
    let at = path.join(".");
    let Some(name) = name
        .as_str()
        .filter(|n| !n.is_empty() && n.bytes().all(is_tchar))
    else {
        return Err(format!(
            "`{ANNOTATION}` of `{at}` must be a non-empty HTTP token (letters, digits, \
             !#$%&'*+-.^_`|~)"
        ));
    };
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => Vec::new(),
    };
    match types.as_slice() {
        [t @ ("string" | "integer" | "boolean")] => Ok(ParamHeader {
            name: name.to_string(),
            path: path.to_vec(),
            integer: *t == "integer",
        }),
        _ => Err(format!(
            "`{ANNOTATION}: {name}` is on `{at}`, which is not typed string, integer or boolean"
        )),
    }
}

/// RFC 9110 `tchar`.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn names(schema: &Value) -> Result<Vec<(String, String)>, String> {
        declared(schema).map(|hs| hs.into_iter().map(|h| (h.name, h.path.join("."))).collect())
    }

    #[test]
    fn annotations_reached_through_properties_are_declared() {
        let schema = json!({
            "type": "object",
            "properties": {
                "region": {"type": "string", "x-mcp-header": "Region"},
                "query": {"type": "string"},
                "opts": {"type": "object", "properties": {
                    "tenant": {"type": ["integer", "null"], "x-mcp-header": "Tenant"},
                    "dry": {"type": "boolean", "x-mcp-header": "Dry-Run"}
                }},
                "x-mcp-header": {"type": "string"}
            }
        });
        assert_eq!(
            names(&schema).unwrap(),
            [
                ("Region".into(), "region".into()),
                ("Tenant".into(), "opts.tenant".into()),
                ("Dry-Run".into(), "opts.dry".into()),
            ]
        );
        assert!(declared(&schema).unwrap()[1].integer);
        assert_eq!(names(&json!({"type": "object"})).unwrap(), []);
    }

    #[test]
    fn invalid_annotations_say_why() {
        let string = |h: &str| json!({"type": "string", "x-mcp-header": h});
        let cases = [
            json!({"properties": {"a": string("")}}),
            json!({"properties": {"a": string("Has Space")}}),
            json!({"properties": {"a": string("Ünï")}}),
            json!({"properties": {"a": {"type": "number", "x-mcp-header": "N"}}}),
            json!({"properties": {"a": {"type": "object", "x-mcp-header": "O"}}}),
            json!({"properties": {"a": {"x-mcp-header": "Untyped"}}}),
            json!({"properties": {"a": string("Same"), "b": string("same")}}),
            json!({"properties": {"a": {"type": "array", "items": string("I")}}}),
            json!({"oneOf": [{"properties": {"a": string("O")}}]}),
            json!({"$defs": {"d": string("D")}}),
            json!({"properties": {"a": {"if": string("C")}}}),
            json!({"type": "string", "x-mcp-header": "Root"}),
        ];
        for schema in cases {
            assert!(declared(&schema).is_err(), "{schema}");
        }
    }

    #[test]
    fn values_are_read_at_their_path() {
        let h = ParamHeader {
            name: "T".into(),
            path: vec!["opts".into(), "tenant".into()],
            integer: true,
        };
        let args = json!({"opts": {"tenant": 42}, "x": null});
        let args = args.as_object();
        assert_eq!(h.value(args), Some(&json!(42)));
        assert_eq!(h.header(), "mcp-param-t");
        let none = json!({"opts": {"tenant": null}});
        assert_eq!(h.value(none.as_object()), None);
        assert_eq!(h.value(None), None);
        assert_eq!(text(&json!("a b")), "a b");
        assert_eq!(text(&json!(-7)), "-7");
        assert_eq!(text(&json!(true)), "true");
    }
}
