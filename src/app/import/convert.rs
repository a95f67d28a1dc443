//! Reading other tools' MCP configurations into vmcp's model: the `mcpServers` block of Claude
//! Desktop, Claude Code, Cursor and Windsurf, VS Code's `servers`, and 1xn vMCP's JSON export.
//! Pure conversions; where each client keeps its file is `app/clients.rs`'s, the store write
//! `mod.rs`'s.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::app::clients::Client;

use crate::config::glob::Glob;
use crate::config::names::sanitize_name;
use crate::config::{
    ConfigFile, Scalar, Selection, Selections, ServerConfig, TransportType, VmcpConfig,
};

/// A conversion: what can be imported, and what had to be left out (and why).
#[derive(Debug, Clone, Default)]
pub(crate) struct Converted {
    pub file: ConfigFile,
    pub notes: Vec<String>,
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .or_else(|| (!x.is_null()).then(|| x.to_string()))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn string_map(v: Option<&Value>) -> BTreeMap<String, Scalar> {
    v.and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        Scalar(v.as_str().map_or_else(|| v.to_string(), str::to_string)),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Placeholders other clients expand (`${input:…}`, `${workspaceFolder}`) mean nothing here.
fn foreign_placeholder(s: &ServerConfig) -> Option<String> {
    let values = s
        .args
        .iter()
        .chain(s.env.values())
        .chain(s.headers.values())
        .map(Scalar::as_str)
        .chain(s.command.as_deref())
        .chain(s.url.as_deref());
    for v in values {
        let mut rest = v;
        while let Some(i) = rest.find("${") {
            if !rest[i..].starts_with("${env:") {
                let end = rest[i..].find('}').map_or(rest.len(), |e| i + e + 1);
                return Some(rest[i..end].to_string());
            }
            rest = &rest[i + 2..];
        }
    }
    None
}

/// One entry of a client's server map.
fn client_server(entry: &Map<String, Value>) -> Result<ServerConfig, String> {
    let kind = entry
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let url = entry
        .get("url")
        .or_else(|| entry.get("serverUrl"))
        .and_then(Value::as_str)
        .map(str::to_string);
    // Clients write `"type": "sse"`; a URL ending in /sse with no type is SSE as well.
    let legacy = kind == "sse"
        || (kind.is_empty()
            && url
                .as_deref()
                .is_some_and(|u| u.trim_end_matches('/').ends_with("/sse")));
    let server = ServerConfig {
        transport: legacy.then_some(TransportType::Sse),
        command: entry
            .get("command")
            .and_then(Value::as_str)
            .map(str::to_string),
        args: strings(entry.get("args")).into_iter().map(Scalar).collect(),
        env: string_map(entry.get("env")),
        cwd: entry.get("cwd").and_then(Value::as_str).map(str::to_string),
        url,
        headers: string_map(entry.get("headers")),
        ..ServerConfig::default()
    };
    if server.command.is_none() && server.url.is_none() {
        return Err("has neither `command` nor `url`".into());
    }
    if let Some(p) = foreign_placeholder(&server) {
        return Err(format!("uses `{p}`, which only that client can fill in"));
    }
    Ok(server)
}

/// Converts a client's configuration file (its parsed JSON).
pub(crate) fn from_client(client: Client, json: &Value) -> Converted {
    let mut out = Converted::default();
    let Some(servers) = json.get(client.servers_key()).and_then(Value::as_object) else {
        out.notes
            .push(format!("no `{}` in the file", client.servers_key()));
        return out;
    };
    for (raw_name, entry) in servers {
        let name = sanitize_name(raw_name);
        let Some(entry) = entry.as_object() else {
            out.notes
                .push(format!("`{raw_name}` skipped: not an object"));
            continue;
        };
        if entry.get("disabled").and_then(Value::as_bool) == Some(true) {
            out.notes.push(format!(
                "`{raw_name}` is disabled in {}; imported anyway",
                client.name()
            ));
        }
        match client_server(entry) {
            Ok(s) => {
                if name != *raw_name {
                    out.notes.push(format!("`{raw_name}` imported as `{name}`"));
                }
                out.file.servers.insert(name, s);
            }
            Err(why) => out.notes.push(format!("`{raw_name}` skipped: it {why}")),
        }
    }
    out
}

/// Converts a 1xn vMCP export (`GET /api/vmcps/{id}`): servers, selections, renames,
/// description overrides, the system prompt, and the custom tools, prompts and environment
/// variables (`onexn_custom.rs`). Exposed names match what 1xn served.
pub(crate) fn from_1xn(json: &Value) -> Converted {
    let mut out = Converted::default();
    let vmcp_name = sanitize_name(
        json.get("name")
            .and_then(Value::as_str)
            .unwrap_or("imported"),
    );
    let cfg = json.get("vmcp_config").cloned().unwrap_or(Value::Null);
    let mut selections = BTreeMap::new();
    for s in cfg
        .get("selected_servers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let raw_name = s.get("name").and_then(Value::as_str).unwrap_or("server");
        let id = s
            .get("server_id")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let name = sanitize_name(raw_name);
        let mut entry = s.as_object().cloned().unwrap_or_default();
        if let Some(t) = entry.get("transport_type").cloned() {
            entry.insert("type".into(), t);
        }
        if let Some(token) = s.pointer("/auth/access_token").and_then(Value::as_str) {
            let headers = entry.entry("headers").or_insert(Value::Null);
            if !headers.is_object() {
                *headers = Value::Object(Map::new());
            }
            if let Some(h) = headers.as_object_mut() {
                h.insert(
                    "Authorization".into(),
                    Value::String(format!("Bearer {token}")),
                );
            }
        }
        let server = match client_server(&entry) {
            Ok(srv) => srv,
            Err(why) => {
                out.notes
                    .push(format!("server `{raw_name}` skipped: it {why}"));
                continue;
            }
        };
        out.file.servers.insert(name.clone(), server);
        let sel = onexn_selection(&cfg, id, raw_name);
        selections.insert(name, sel);
    }
    let instructions = json
        .pointer("/system_prompt/text")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string);
    if instructions
        .as_deref()
        .is_some_and(|t| t.contains('@') || t.contains("{{"))
    {
        out.notes
            .push("the system prompt uses 1xn placeholders; it was imported as plain text".into());
    }
    let mut vmcp = VmcpConfig {
        description: json
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        instructions,
        servers: Selections(selections),
        ..VmcpConfig::default()
    };
    super::onexn_custom::import(json, &vmcp_name, &mut vmcp, &mut out.notes);
    out.file.vmcps.insert(vmcp_name, vmcp);
    out
}

/// What a 1xn vMCP selects of one server, with 1xn's naming: the prefix is the server name
/// without underscores, and renamed tools are prefixed too.
fn onexn_selection(cfg: &Value, id: &str, raw_name: &str) -> Selection {
    let by_id = |key: &str| -> Option<Vec<String>> {
        cfg.get(key)
            .and_then(|m| m.get(id))
            .map(|v| strings(Some(v)))
    };
    let globs = |l: Vec<String>| l.into_iter().map(Glob::new).collect::<Vec<_>>();
    let prefix: String = raw_name
        .replace('_', "")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut sel = Selection {
        prefix: Some(prefix.clone()),
        tools: by_id("selected_tools").map(globs),
        prompts: by_id("selected_prompts").map(globs),
        ..Selection::default()
    };
    let resources = by_id("selected_resources");
    let templates = by_id("selected_resource_templates");
    if resources.is_some() || templates.is_some() {
        let mut all = resources.unwrap_or_default();
        all.extend(templates.unwrap_or_default());
        sel.resources = Some(globs(all));
    }
    let overrides = cfg
        .pointer(&format!("/selected_tool_overrides/{id}"))
        .and_then(Value::as_object);
    for (tool, o) in overrides.into_iter().flatten() {
        if let Some(n) = o
            .get("name")
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty())
        {
            sel.rename.insert(
                tool.clone(),
                crate::session::naming::exposed_name(&prefix, n),
            );
        }
        if let Some(d) = o.get("description").and_then(Value::as_str) {
            sel.describe.insert(tool.clone(), d.to_string());
        }
    }
    sel
}

#[cfg(test)]
#[path = "convert_tests.rs"]
mod tests;
