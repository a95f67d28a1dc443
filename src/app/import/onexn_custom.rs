//! The custom parts of a 1xn vMCP export, mapped onto vmcp's model: environment variables become
//! `config` values, prompt / python / http custom tools become tools of the same kind, custom
//! prompts become prompts. 1xn's mention syntax is kept as is (vmcp parses it). Whatever would not
//! load — a template that does not parse, python code without `main` — is left out with a note,
//! so an import always yields a definition that loads.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Map, Value, json};

use crate::config::custom::{CustomPrompt, CustomTool, is_identifier};
use crate::config::custom_validate::config_values;
use crate::config::names::sanitize_name;
use crate::config::{Scalar, Seg, VmcpConfig};
use crate::custom::CustomSet;

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

fn items<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

/// `@param.X` names a template mentions.
fn mentioned_params(source: &str) -> BTreeSet<String> {
    source
        .match_indices("@param.")
        .map(|(i, m)| {
            source[i + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|n| is_identifier(n))
        .collect()
}

/// 1xn `variables` as parameters (1xn serves prompt and http tool variables as strings, optional
/// unless marked required); `@param.X` mentioned but not declared are added as optional strings.
fn params(t: &Value, sources: &[&str]) -> Map<String, Value> {
    let mut out = Map::new();
    for var in items(t, "variables") {
        let Some(name) = text(var, "name").filter(|n| is_identifier(n)) else {
            continue;
        };
        let mut p = json!({ "type": "string" });
        if let Some(d) = text(var, "description") {
            p["description"] = d.into();
        }
        match var.get("default_value") {
            Some(Value::Null) | None => {
                let required = var.get("required").and_then(Value::as_bool) == Some(true);
                p["required"] = required.into();
            }
            Some(Value::String(s)) => p["default"] = s.as_str().into(),
            Some(other) => p["default"] = other.to_string().into(),
        }
        out.insert(name.to_string(), p);
    }
    for source in sources {
        for name in mentioned_params(source) {
            out.entry(name)
                .or_insert_with(|| json!({ "type": "string", "required": false }));
        }
    }
    out
}

fn description(t: &Value) -> Option<String> {
    let mut d = text(t, "description").map(str::to_string);
    let keywords: Vec<&str> = items(t, "keywords").filter_map(Value::as_str).collect();
    if !keywords.is_empty() {
        let k = format!("[Keywords: {}]", keywords.join(", "));
        d = Some(match d {
            Some(d) => format!("{d} {k}"),
            None => k,
        });
    }
    d
}

fn strings(v: Option<&Value>) -> Map<String, Value> {
    v.and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| match v {
            Value::String(s) => Some((k.clone(), Value::String(s.clone()))),
            Value::Null => None,
            other => Some((k.clone(), Value::String(other.to_string()))),
        })
        .collect()
}

/// The `request` of an http tool from 1xn's `api_config`.
fn request(api: &Value, notes: &mut Vec<String>, name: &str) -> Value {
    let url = text(api, "url").unwrap_or_default();
    if url.contains("{{") || url.split('?').next().unwrap_or("").contains("/:") {
        notes.push(format!(
            "custom tool `{name}`: 1xn's `{{{{X}}}}` and `:X` URL placeholders are not translated; use `{{{{ param.X }}}}`"
        ));
    }
    let mut req = json!({ "url": url });
    if let Some(m) = text(api, "method") {
        req["method"] = m.to_ascii_uppercase().into();
    }
    let mut headers = strings(api.get("headers"));
    let query = strings(api.get("query_params"));
    if !query.is_empty() {
        req["query"] = Value::Object(query);
    }
    match (api.get("body_parsed"), api.get("body")) {
        (Some(b @ Value::Object(_)), _) | (_, Some(b @ Value::Object(_))) => {
            req["json"] = b.clone();
        }
        (_, Some(Value::String(s))) if !s.is_empty() => req["body"] = s.as_str().into(),
        _ => {}
    }
    let auth = api.get("auth").cloned().unwrap_or(Value::Null);
    match text(&auth, "type") {
        Some("bearer") => req["auth"] = json!({ "bearer": text(&auth, "token").unwrap_or("") }),
        Some("basic") => {
            req["auth"] = json!({ "basic": {
                "user": text(&auth, "username").unwrap_or(""),
                "password": text(&auth, "password").unwrap_or(""),
            }});
        }
        Some("apikey" | "api_key") => {
            req["auth"] = json!({ "api_key": {
                "name": text(&auth, "keyName").unwrap_or("X-API-Key"),
                "value": text(&auth, "apiKey").unwrap_or(""),
            }});
        }
        Some("custom") => headers.extend(strings(auth.get("headers"))),
        _ => {}
    }
    if !headers.is_empty() {
        req["headers"] = Value::Object(headers);
    }
    req
}

fn leaves(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| leaves(x, out)),
        Value::Object(m) => m.values().for_each(|x| leaves(x, out)),
        _ => {}
    }
}

/// One 1xn custom tool in vmcp's YAML shape, or why it is left out.
fn tool(t: &Value, notes: &mut Vec<String>) -> Result<Value, String> {
    let raw = text(t, "name").ok_or("it has no name")?;
    let name = sanitize_name(raw);
    if name != raw {
        notes.push(format!("custom tool `{raw}` imported as `{name}`"));
    }
    let mut out = json!({ "name": name });
    if let Some(d) = description(t) {
        out["description"] = d.into();
    }
    match text(t, "tool_type").unwrap_or("prompt") {
        "prompt" => {
            let template = text(t, "text").ok_or("it has no text")?;
            out["kind"] = "prompt".into();
            out["template"] = template.into();
            out["params"] = Value::Object(params(t, &[template]));
        }
        "python" => {
            out["kind"] = "python".into();
            out["code"] = text(t, "code").ok_or("it has no code")?.into();
            // The schema comes from `main`'s signature, as 1xn derives it.
        }
        "http" => {
            let api = t.get("api_config").ok_or("it has no api_config")?;
            let req = request(api, notes, &name);
            let mut sources = Vec::new();
            leaves(&req, &mut sources);
            let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
            out["kind"] = "http".into();
            out["params"] = Value::Object(params(t, &refs));
            out["request"] = req;
        }
        other => return Err(format!("its type `{other}` has no vmcp equivalent")),
    }
    Ok(out)
}

/// Adds the custom parts of export `json` to `v` (vMCP `vmcp`); notes say what was left out.
pub(super) fn import(json: &Value, vmcp: &str, v: &mut VmcpConfig, notes: &mut Vec<String>) {
    let mut env_count = 0;
    for e in items(json, "environment_variables") {
        let Some(name) = text(e, "name") else {
            continue;
        };
        if !is_identifier(name) {
            notes.push(format!(
                "environment variable `{name}` not imported: it cannot be read as `config.{name}`"
            ));
            continue;
        }
        let value = match e.get("value") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        // Config values expand `${env:…}`; 1xn values are literal.
        v.config
            .insert(name.to_string(), Scalar(value.replace("${", "$${")));
        env_count += 1;
    }
    if env_count > 0 {
        notes.push(format!(
            "{env_count} environment variables imported as `config` values, in plain text: move secrets to `${{env:VAR}}`"
        ));
    }
    for t in items(json, "custom_tools") {
        let label = text(t, "name").unwrap_or("?").to_string();
        match tool(t, notes).and_then(|y| {
            serde_json::from_value::<CustomTool>(y).map_err(|e| format!("it does not fit: {e}"))
        }) {
            Ok(t) => v.tools.push(t),
            Err(why) => notes.push(format!("custom tool `{label}` not imported: {why}")),
        }
    }
    for p in items(json, "custom_prompts") {
        let label = text(p, "name").unwrap_or("?").to_string();
        let template = text(p, "text").unwrap_or_default();
        let arguments: Vec<Value> = items(p, "variables")
            .filter_map(|var| {
                let name = text(var, "name").filter(|n| is_identifier(n))?;
                let mut a = json!({ "name": name, "required": var.get("required").and_then(Value::as_bool).unwrap_or(false) });
                if let Some(d) = text(var, "description") {
                    a["description"] = d.into();
                }
                Some(a)
            })
            .collect();
        let mut y = json!({
            "name": sanitize_name(&label),
            "template": template,
            "arguments": arguments,
        });
        if let Some(d) = text(p, "description") {
            y["description"] = d.into();
        }
        match serde_json::from_value::<CustomPrompt>(y) {
            Ok(p) => v.prompts.push(p),
            Err(e) => notes.push(format!("custom prompt `{label}` not imported: {e}")),
        }
    }
    let resources = items(json, "custom_resources").count();
    if resources > 0 {
        notes.push(format!(
            "{resources} custom resources not imported: 1xn keeps uploaded files in its database; add them with `resources: [{{uri, name, file}}]`"
        ));
    }
    drop_what_does_not_load(vmcp, v, notes);
}

/// Compiles the custom items and leaves out the tools and prompts that do not load.
fn drop_what_does_not_load(vmcp: &str, v: &mut VmcpConfig, notes: &mut Vec<String>) {
    for _ in 0..4 {
        let values = config_values(vmcp, v, &|_| None).unwrap_or_default();
        let Err(issues) = CustomSet::compile(vmcp, v, values, Path::new(".")) else {
            return;
        };
        let mut tools = BTreeMap::new();
        let mut prompts = BTreeMap::new();
        for issue in issues {
            match issue.path.get(2..4) {
                Some([Seg::Key(k), Seg::Index(i)]) if k == "tools" => {
                    tools.entry(*i).or_insert(issue.message);
                }
                Some([Seg::Key(k), Seg::Index(i)]) if k == "prompts" => {
                    prompts.entry(*i).or_insert(issue.message);
                }
                _ => notes.push(format!("imported custom items: {}", issue.message)),
            }
        }
        if tools.is_empty() && prompts.is_empty() {
            return;
        }
        for (i, why) in tools.into_iter().rev() {
            let t = v.tools.remove(i);
            notes.push(format!("custom tool `{}` not imported: {why}", t.name));
        }
        for (i, why) in prompts.into_iter().rev() {
            let p = v.prompts.remove(i);
            notes.push(format!("custom prompt `{}` not imported: {why}", p.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentioned_parameters_are_found() {
        let got = mentioned_params("a @param.x b @param.y_2. @param. @paramz");
        assert_eq!(got.into_iter().collect::<Vec<_>>(), vec!["x", "y_2"]);
    }
}
