//! Shaping an upstream tool's parameters (a selection's `args:`): fixed, defaulted, hidden,
//! described and renamed parameters. The rules of a server (`ArgRules`, resolved by `app`) meet a
//! tool's input schema here and become a [`ToolShape`]: what the exposed schema looks like
//! (`schema.rs`) and how a call's arguments are rewritten before they go upstream (`call.rs`).
//! Problems only the schema shows (a parameter the tool does not have, a required one hidden, a
//! value of the wrong type) are reported as located diagnostics; the shape still applies.

mod call;
mod schema;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::config::Diagnostic;
use crate::config::error::suggest;
use crate::protocol::RawObject;
use crate::support::json_kind::kind_of;

pub(crate) use super::plan::{ArgRules, NO_ARGS, ParamRule, ToolRules};
pub(crate) use call::shape_call;

impl ArgRules {
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether any key names or matches `tool`.
    pub(crate) fn applies_to(&self, tool: &str) -> bool {
        self.0.iter().any(|t| t.matches(tool))
    }

    /// The rules for `tool`'s parameters, one per parameter: an exact key's rule wins over a
    /// glob's; two globs shaping one parameter are a problem (the first key in order wins).
    fn for_tool(&self, tool: &str, problems: &mut Vec<Diagnostic>) -> Vec<&ParamRule> {
        let mut chosen: BTreeMap<&str, (&ParamRule, bool, &str)> = BTreeMap::new();
        for entry in self.0.iter().filter(|t| t.matches(tool)) {
            let exact = !entry.is_glob();
            for rule in &entry.params {
                match chosen.get(rule.param.as_str()) {
                    None => {
                        chosen.insert(&rule.param, (rule, exact, &entry.key));
                    }
                    Some((_, true, _)) => {}
                    Some((_, false, _)) if exact => {
                        chosen.insert(&rule.param, (rule, exact, &entry.key));
                    }
                    Some((_, false, first)) => problems.push(problem(
                        rule,
                        format!(
                            "`{}` of tool `{tool}` is shaped by both `{first}` and `{}`; `{first}` applies",
                            rule.param, entry.key
                        ),
                        Some(format!("shape it under `{tool}` itself, which wins over globs")),
                    )),
                }
            }
        }
        // In parameter name order, so defaults and fixed values are added predictably.
        chosen.into_values().map(|(r, _, _)| r).collect()
    }
}

/// What the shaping of one tool does, its values typed by the tool's schema.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ToolShape {
    params: Vec<ParamShape>,
}

#[derive(Debug, Clone, PartialEq)]
struct ParamShape {
    /// The upstream's name.
    raw: String,
    /// The name the client sees (the raw one unless renamed).
    exposed: String,
    value: Option<Value>,
    default: Option<Value>,
    hide: bool,
    describe: Option<String>,
    allow_override: bool,
}

impl ParamShape {
    fn renamed(&self) -> bool {
        self.raw != self.exposed
    }

    /// Fixed or hidden: not in the exposed schema.
    fn removed(&self) -> bool {
        self.value.is_some() || self.hide
    }
}

impl ToolShape {
    /// The shape of tool `tool` under `rules` (`None`: no rule names it, and its calls and
    /// definition pass through untouched). `input_schema` is the tool's schema when its
    /// definition is known; problems it reveals are added to `problems`.
    pub(crate) fn compile(
        rules: &ArgRules,
        tool: &str,
        input_schema: Option<&Map<String, Value>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<ToolShape> {
        if !rules.applies_to(tool) {
            return None;
        }
        let chosen = rules.for_tool(tool, problems);
        let properties = input_schema
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object);
        let required: Vec<&str> = input_schema
            .and_then(|s| s.get("required"))
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut params = Vec::with_capacity(chosen.len());
        for rule in &chosen {
            let mut p = ParamShape {
                raw: rule.param.clone(),
                exposed: rule.rename.clone().unwrap_or_else(|| rule.param.clone()),
                value: rule.value.clone(),
                default: rule.default.clone(),
                hide: rule.hide,
                describe: rule.describe.clone(),
                allow_override: rule.allow_override,
            };
            if let Some(schema) = input_schema {
                let property = properties.and_then(|ps| ps.get(&rule.param));
                check_param(tool, rule, &mut p, schema, property, &required, problems);
            }
            params.push(p);
        }
        if let Some(schema) = input_schema {
            check_renames(tool, &chosen, &params, schema, problems);
        }
        Some(ToolShape { params })
    }
}

/// A parameter against the tool's schema: it exists, values fit its type (interpolated text is
/// typed by it), and hiding it does not leave the tool without a required argument.
fn check_param(
    tool: &str,
    rule: &ParamRule,
    p: &mut ParamShape,
    schema: &Map<String, Value>,
    property: Option<&Value>,
    required: &[&str],
    problems: &mut Vec<Diagnostic>,
) {
    let Some(property) = property else {
        let names: Vec<&str> = schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|ps| ps.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let hint = match suggest(&rule.param, names.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if names.is_empty() => format!("`{tool}` takes no parameters"),
            None => format!("its parameters: {}", names.join(", ")),
        };
        problems.push(problem(
            rule,
            format!("tool `{tool}` has no parameter `{}`", rule.param),
            Some(hint),
        ));
        return;
    };
    let types = schema_types(property);
    for (field, slot) in [("value", &mut p.value), ("default", &mut p.default)] {
        let Some(v) = slot else { continue };
        if rule.interpolated
            && let Value::String(text) = v
            && !types.is_empty()
            && !types.iter().any(|t| t == "string")
            && let Ok(typed) = serde_json::from_str::<Value>(text)
            && fits(&typed, &types)
        {
            *v = typed;
        }
        if !types.is_empty() && !fits(v, &types) {
            problems.push(problem(
                rule,
                format!(
                    "the `{field}` of `{}` is {}, but tool `{tool}` wants {}",
                    rule.param,
                    kind_of(v),
                    types.join(" or ")
                ),
                Some(format!("write a value of type {}", types.join(" or "))),
            ));
        }
    }
    if rule.hide && rule.value.is_none() && required.contains(&rule.param.as_str()) {
        problems.push(problem(
            rule,
            format!(
                "`{}` is required by tool `{tool}`, so hiding it without a value makes every call fail",
                rule.param
            ),
            Some("give it a `value` instead of `hide`".into()),
        ));
    }
}

/// A rename onto a name the exposed schema already has.
fn check_renames(
    tool: &str,
    rules: &[&ParamRule],
    params: &[ParamShape],
    schema: &Map<String, Value>,
    problems: &mut Vec<Diagnostic>,
) {
    let properties = schema.get("properties").and_then(Value::as_object);
    let mut taken: HashMap<&str, &str> = HashMap::new();
    if let Some(ps) = properties {
        for name in ps.keys() {
            if !params
                .iter()
                .any(|p| p.raw == *name && (p.renamed() || p.removed()))
            {
                taken.insert(name, name);
            }
        }
    }
    for (rule, p) in rules.iter().zip(params) {
        if !p.renamed() || p.removed() {
            continue;
        }
        if let Some(other) = taken.insert(&p.exposed, &p.raw) {
            let message = if other == p.exposed {
                format!(
                    "`{}` is renamed to `{}`, which tool `{tool}` has as a parameter already",
                    p.raw, p.exposed
                )
            } else {
                format!(
                    "`{other}` and `{}` of tool `{tool}` are both renamed to `{}`",
                    p.raw, p.exposed
                )
            };
            problems.push(problem(
                rule,
                message,
                Some("give each parameter its own name".into()),
            ));
        }
    }
}

/// The JSON types a property accepts (`type: "x"` or `type: ["x", "y"]`; none: anything).
fn schema_types(property: &Value) -> Vec<String> {
    match property.get("type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether `v` is one of the JSON Schema `types`.
fn fits(v: &Value, types: &[String]) -> bool {
    types.iter().any(|t| match t.as_str() {
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "null" => v.is_null(),
        // A type this check does not know is not judged.
        _ => true,
    })
}

fn problem(rule: &ParamRule, message: String, hint: Option<String>) -> Diagnostic {
    Diagnostic {
        message,
        hint,
        ..rule.origin.clone()
    }
}

/// The shapes of one source's tools (every tool it lists that a rule names, exposed or not:
/// custom tools call them by raw name too), with the problems found.
pub(crate) fn shapes_of(
    rules: &ArgRules,
    tools: &[RawObject],
    problems: &mut Vec<Diagnostic>,
) -> HashMap<String, Arc<ToolShape>> {
    let mut out = HashMap::new();
    if rules.is_empty() {
        return out;
    }
    for item in tools {
        let Some(name) = item.get_str("name") else {
            continue;
        };
        let schema = item.get_object("inputSchema");
        if let Some(shape) = ToolShape::compile(rules, &name, schema.as_ref(), problems) {
            out.insert(name, Arc::new(shape));
        }
    }
    out
}

impl super::Session {
    /// The upstream's own definition of the exposed tool `exposed` (before prefix, rename,
    /// description and argument shaping), as its server lists it; `None` for the vMCP's own
    /// tools and unknown names.
    pub(crate) fn upstream_definition(&self, exposed: &str) -> Option<RawObject> {
        let route = self.catalog().routes.tools.get(exposed).cloned()?;
        let super::routing::Target::Upstream(i) = route.target else {
            return None;
        };
        let lists = self.upstream(i)?.lists();
        lists
            .tools
            .iter()
            .find(|t| t.get_str("name").as_deref() == Some(route.raw.as_str()))
            .cloned()
    }
}

#[cfg(test)]
#[path = "args_tests.rs"]
mod tests;
