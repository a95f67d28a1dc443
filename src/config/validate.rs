//! Checks that need the whole document but no I/O: names, transports, references between
//! vMCPs and servers, rename targets. Every problem is reported with its path, not just the first.

use std::collections::BTreeMap;

use super::args_validate::validate_args;
use super::auth::AuthConfig;
use super::custom_validate::validate_custom;
use super::error::suggest;
use super::locate::Seg;
use super::model::{ConfigFile, ServerConfig, TransportType, VmcpConfig};
use super::names::{check_exposed, check_name, check_prefix};

/// A problem found by validation, located by its path in the document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Issue {
    pub path: Vec<Seg>,
    /// Point at the key (true) or at the value (false).
    pub at_key: bool,
    pub message: String,
    pub hint: Option<String>,
}

fn issue(path: Vec<Seg>, at_key: bool, message: String, hint: Option<String>) -> Issue {
    Issue {
        path,
        at_key,
        message,
        hint,
    }
}

fn p(parts: &[&str]) -> Vec<Seg> {
    parts.iter().map(|s| Seg::from(*s)).collect()
}

/// Validates every server and every vMCP in the file.
pub(crate) fn validate_file(file: &ConfigFile) -> Vec<Issue> {
    let mut out = Vec::new();
    for (name, server) in &file.servers {
        out.extend(validate_server(name, server));
    }
    for (name, vmcp) in &file.vmcps {
        out.extend(validate_vmcp(file, name, vmcp));
    }
    out
}

/// Validates one server definition.
pub(crate) fn validate_server(name: &str, s: &ServerConfig) -> Vec<Issue> {
    let mut out = Vec::new();
    let here = p(&["servers", name]);
    if let Err(e) = check_name("server", name) {
        out.push(issue(
            here.clone(),
            true,
            e,
            Some("rename the server".into()),
        ));
    }
    let at = |field: &str| {
        let mut v = here.clone();
        v.push(Seg::from(field));
        v
    };
    match (s.transport, &s.command, &s.url) {
        (_, Some(_), Some(_)) => out.push(issue(
            here.clone(),
            true,
            "has both `command` and `url`".into(),
            Some(
                "keep `command` for a local process or `url` for a remote server, not both".into(),
            ),
        )),
        (_, None, None) => out.push(issue(
            here.clone(),
            true,
            "has neither `command` nor `url`".into(),
            Some(
                "add `command: <program>` (stdio) or `url: https://…/mcp` (streamable HTTP)".into(),
            ),
        )),
        (
            Some(t @ (TransportType::Http | TransportType::Sse | TransportType::Auto)),
            Some(_),
            None,
        ) => {
            let name = match t {
                TransportType::Sse => "sse",
                TransportType::Auto => "auto",
                _ => "http",
            };
            out.push(issue(
                at("type"),
                false,
                format!("`type: {name}` needs `url`, not `command`"),
                None,
            ));
        }
        (Some(TransportType::Stdio), None, Some(_)) => out.push(issue(
            at("type"),
            false,
            "`type: stdio` needs `command`, not `url`".into(),
            None,
        )),
        _ => {}
    }
    if s.command.as_deref().is_some_and(|c| c.trim().is_empty()) {
        out.push(issue(
            at("command"),
            false,
            "`command` is empty".into(),
            None,
        ));
    }
    if s.url.is_some() {
        for (field, set) in [
            ("args", !s.args.is_empty()),
            ("env", !s.env.is_empty()),
            ("cwd", s.cwd.is_some()),
        ] {
            if set {
                out.push(issue(
                    at(field),
                    true,
                    format!("`{field}` only applies to servers started with `command`"),
                    Some(format!(
                        "remove `{field}` or switch this server to `command:`"
                    )),
                ));
            }
        }
    }
    if s.command.is_some() && !s.headers.is_empty() {
        out.push(issue(
            at("headers"),
            true,
            "`headers` only applies to servers reached by `url`".into(),
            Some("pass secrets to a local server through `env:`".into()),
        ));
    }
    if let Some(url) = &s.url
        && !url.contains("${")
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        out.push(issue(
            at("url"),
            false,
            format!("`{url}` is not an http:// or https:// URL"),
            None,
        ));
    }
    if let Some(auth) = &s.auth {
        out.extend(validate_auth(&here, s, auth));
    }
    for key in s.env.keys() {
        if key.is_empty() || key.contains('=') || key.contains('\0') {
            let mut v = at("env");
            v.push(Seg::from(key.as_str()));
            out.push(issue(
                v,
                true,
                format!("invalid environment variable name `{key}`"),
                None,
            ));
        }
    }
    out
}

/// Whether `name` is a valid HTTP header name (RFC 9110 token).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// `auth:` applies to `url` servers, holds one kind, and does not fight with `headers`.
fn validate_auth(here: &[Seg], s: &ServerConfig, auth: &AuthConfig) -> Vec<Issue> {
    let mut out = Vec::new();
    let at = |parts: &[&str]| {
        let mut v = here.to_vec();
        v.push(Seg::from("auth"));
        v.extend(parts.iter().map(|p| Seg::from(*p)));
        v
    };
    if s.command.is_some() {
        out.push(issue(
            at(&[]),
            true,
            "`auth` only applies to servers reached by `url`".into(),
            Some("pass secrets to a local server through `env:`".into()),
        ));
    }
    let kinds = auth.kinds();
    if kinds.len() > 1 {
        out.push(issue(
            at(&[kinds[1]]),
            true,
            format!(
                "`auth` has both `{}` and `{}`; give only one kind of credential",
                kinds[0], kinds[1]
            ),
            None,
        ));
    }
    if kinds.is_empty() {
        out.push(issue(
            at(&[]),
            true,
            "`auth` is empty".into(),
            Some("give `bearer_token`, `basic`, `api_key` or `oauth`".into()),
        ));
    }
    let mut header_taken = |header: &str, field: &[&str]| {
        if let Some(k) = s.headers.keys().find(|k| k.eq_ignore_ascii_case(header)) {
            out.push(issue(
                at(field),
                true,
                format!("`auth` sets the `{header}` header, which `headers` sets too (`{k}`)"),
                Some("keep one of them".into()),
            ));
        }
    };
    if auth.bearer_token.is_some() {
        header_taken("Authorization", &["bearer_token"]);
    }
    if auth.basic.is_some() {
        header_taken("Authorization", &["basic"]);
    }
    if let Some(key) = &auth.api_key {
        if is_header_name(&key.header) {
            header_taken(&key.header, &["api_key"]);
        } else {
            out.push(issue(
                at(&["api_key", "header"]),
                false,
                format!("`{}` is not a valid header name", key.header),
                Some("e.g. `X-Api-Key`".into()),
            ));
        }
    }
    if let Some(basic) = &auth.basic
        && basic.user.as_str().contains(':')
    {
        out.push(issue(
            at(&["basic", "user"]),
            false,
            "a Basic user name cannot contain `:`".into(),
            None,
        ));
    }
    if let Some(url) = auth
        .oauth
        .as_ref()
        .and_then(|o| o.client_metadata_url.as_ref())
        && !(url.starts_with("https://") && url["https://".len()..].contains('/'))
    {
        out.push(issue(
            at(&["oauth", "client_metadata_url"]),
            false,
            "`client_metadata_url` must be an https:// URL with a path".into(),
            None,
        ));
    }
    if let Some(oauth) = &auth.oauth
        && oauth.redirect_port == Some(0)
    {
        out.push(issue(
            at(&["oauth", "redirect_port"]),
            false,
            "`redirect_port` must be a port number (1-65535)".into(),
            None,
        ));
    }
    out
}

/// Validates one vMCP against the servers of the file.
pub(crate) fn validate_vmcp(file: &ConfigFile, name: &str, v: &VmcpConfig) -> Vec<Issue> {
    let mut out = Vec::new();
    let here = p(&["vmcps", name]);
    if let Err(e) = check_name("vMCP", name) {
        out.push(issue(here.clone(), true, e, Some("rename the vMCP".into())));
    }
    // exposed rename target -> (server, raw) to catch two renames onto one name
    let mut targets: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for (server, sel) in &v.servers.0 {
        let mut at = here.clone();
        at.extend([Seg::from("servers"), Seg::from(server.as_str())]);
        if !file.servers.contains_key(server) {
            let known: Vec<&str> = file.servers.keys().map(String::as_str).collect();
            let hint = match suggest(server, known.iter().copied()) {
                Some(s) => Some(format!("did you mean `{s}`?")),
                None if known.is_empty() => Some("define it under `servers:`".into()),
                None => Some(format!("defined servers: {}", known.join(", "))),
            };
            out.push(issue(
                at.clone(),
                true,
                format!("unknown server `{server}`"),
                hint,
            ));
        }
        if let Some(prefix) = &sel.prefix
            && let Err(e) = check_prefix(prefix)
        {
            let mut pp = at.clone();
            pp.push(Seg::from("prefix"));
            out.push(issue(pp, false, e, None));
        }
        out.extend(validate_args(name, server, sel));
        for (raw, new) in &sel.rename {
            let mut rp = at.clone();
            rp.extend([Seg::from("rename"), Seg::from(raw.as_str())]);
            if let Err(e) = check_exposed(new) {
                out.push(issue(
                    rp.clone(),
                    false,
                    format!("cannot rename `{raw}`: {e}"),
                    None,
                ));
            }
            if let Some((other_server, other_raw)) = targets.insert(new, (server, raw)) {
                out.push(issue(
                    rp,
                    false,
                    format!(
                        "`{server}`.`{raw}` and `{other_server}`.`{other_raw}` are both renamed to `{new}`"
                    ),
                    Some("give each tool its own name".into()),
                ));
            }
        }
    }
    if let Some(t) = &v.tool_search {
        out.extend(super::tool_search::validate_tool_search(&here, t));
    }
    out.extend(validate_custom(name, v));
    out
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
