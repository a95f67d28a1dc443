//! From definition file to session plan: reads the file, picks the vMCP, and resolves only the
//! servers it uses (placeholders expanded, child environment built, defaults applied).

use std::collections::BTreeMap;
use std::path::Path;

use super::paths::resolve_program;
use crate::config::custom_validate;
use crate::config::locate::Seg;
use crate::config::{
    ConfigError, Diagnostic, Document, Issue, ServerConfig, Toggle, TransportType, VmcpConfig,
    interpolate,
};
use crate::custom::CustomSet;
use crate::process::reaper::ReaperCommand;
use crate::session::{Approval, CustomItems, SearchPlan, ServerPlan, SessionPlan, TrustPolicy};
use crate::support::env_vars;
use crate::upstream::{HttpPlan, HttpTransport, StdioPlan};
use crate::upstream::{ProtocolChoice, TransportPlan, UpstreamPlan};

/// Reads environment variables; tests pass their own.
pub(crate) type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment.
pub(crate) fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Reads and validates a definition file.
pub(crate) fn load(path: &Path) -> Result<Document, ConfigError> {
    let bytes = std::fs::read(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            ConfigError::Missing {
                path: path.to_path_buf(),
            }
        } else {
            ConfigError::Read {
                path: path.to_path_buf(),
                source,
            }
        }
    })?;
    let text = crate::config::encoding::text(path, bytes)?;
    Document::parse(path, &text)
}

/// A vMCP with the servers it uses, from wherever it was found.
pub(crate) struct Definition<'a> {
    pub name: &'a str,
    pub vmcp: &'a VmcpConfig,
    pub servers: &'a BTreeMap<String, ServerConfig>,
    /// Relative commands and `cwd` resolve against this directory.
    pub base_dir: &'a Path,
    /// Locates errors (file:line:column) when the definition came from a file.
    pub doc: Option<&'a Document>,
    /// Names where the definition came from when there is no document (the store file).
    pub origin: &'a Path,
}

impl<'a> Definition<'a> {
    /// The vMCP `name` of a definition file.
    pub(crate) fn from_document(
        doc: &'a Document,
        name: &'a str,
    ) -> Result<Definition<'a>, ConfigError> {
        Ok(Definition {
            name,
            vmcp: doc.vmcp(name)?,
            servers: &doc.file.servers,
            base_dir: doc.path.parent().unwrap_or(Path::new("")),
            doc: Some(doc),
            origin: &doc.path,
        })
    }

    /// The issues as located diagnostics (file:line:column when there is a document).
    pub(crate) fn invalid(&self, issues: &[Issue]) -> ConfigError {
        ConfigError::Invalid(issues.iter().map(|i| self.diagnostic(i)).collect())
    }

    /// One issue as a located diagnostic.
    pub(crate) fn diagnostic(&self, issue: &Issue) -> Diagnostic {
        match self.doc {
            Some(doc) => doc.diagnostic(issue),
            None => Diagnostic {
                file: self.origin.to_path_buf(),
                position: None,
                path: crate::config::locate::render_path(&issue.path),
                message: issue.message.clone(),
                hint: issue.hint.clone(),
            },
        }
    }
}

/// Builds the plan for a vMCP: only the servers it selects are resolved.
pub(crate) fn session_plan(
    def: &Definition<'_>,
    env: EnvLookup<'_>,
    reaper: Option<ReaperCommand>,
) -> Result<SessionPlan, ConfigError> {
    let mut issues = Vec::new();
    let mut servers = Vec::new();
    for (server_name, selection) in &def.vmcp.servers.0 {
        let Some(server) = def.servers.get(server_name) else {
            issues.push(Issue {
                path: vec![
                    Seg::from("vmcps"),
                    Seg::from(def.name),
                    Seg::from("servers"),
                    Seg::from(server_name.as_str()),
                ],
                at_key: true,
                message: format!("unknown server `{server_name}`"),
                hint: Some("add it with `vmcp server add` or remove it from the vMCP".into()),
            });
            continue;
        };
        let args = match super::args::arg_rules(def, server_name, selection, env) {
            Ok(args) => args,
            Err(mut found) => {
                issues.append(&mut found);
                continue;
            }
        };
        match upstream_plan(server_name, server, def.base_dir, env) {
            Ok(upstream) => servers.push(ServerPlan {
                upstream,
                prefix: selection
                    .prefix
                    .clone()
                    .unwrap_or_else(|| server_name.clone()),
                selection: selection.clone(),
                args,
                cached: None,
                // Closed until `gate::apply` has read the approvals and settings.
                trust: TrustPolicy::Pinned {
                    approved: Approval::Never,
                    warn: false,
                },
                definition_file: None,
            }),
            Err(mut found) => issues.append(&mut found),
        }
    }
    let custom = match custom_items(def, env) {
        Ok(c) => c,
        Err(mut found) => {
            issues.append(&mut found);
            None
        }
    };
    let instructions = match instructions(def, env) {
        Ok(text) => text,
        Err(mut found) => {
            issues.append(&mut found);
            None
        }
    };
    if !issues.is_empty() {
        return Err(def.invalid(&issues));
    }
    Ok(SessionPlan {
        name: def.name.to_string(),
        instructions,
        servers,
        reaper,
        catalog_cache: def.vmcp.catalog_cache.is_none_or(Toggle::is_on),
        startup_concurrency: def
            .vmcp
            .startup_concurrency
            .map_or(crate::session::DEFAULT_STARTUP_CONCURRENCY, |n| {
                usize::try_from(n).unwrap_or(usize::MAX).max(1)
            }),
        custom,
        tool_search: search_plan(def.vmcp.tool_search.as_ref()),
        input_wait: input_wait(env),
    })
}

/// `VMCP_INPUT_WAIT` (seconds), else the default; a value that is not a positive number is
/// named in a warning and the default used.
fn input_wait(env: EnvLookup<'_>) -> std::time::Duration {
    let default = crate::session::DEFAULT_INPUT_WAIT;
    let name = crate::support::env_vars::VMCP_INPUT_WAIT;
    let Some(text) = env(name) else {
        return default;
    };
    match text.trim().parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 => std::time::Duration::from_secs_f64(secs),
        _ => {
            tracing::warn!(
                "{name}={text:?} is not a number of seconds above 0 (like 0.5 or 600); \
                 waiting the default {}s for input",
                default.as_secs()
            );
            default
        }
    }
}

/// The vMCP's `tool_search:` with the defaults filled in.
fn search_plan(config: Option<&crate::config::ToolSearchConfig>) -> SearchPlan {
    let defaults = SearchPlan::default();
    let Some(c) = config else {
        return defaults;
    };
    let count = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    SearchPlan {
        mode: c.mode.unwrap_or(defaults.mode),
        threshold: c.threshold.map_or(defaults.threshold, count),
        always: c.always.clone(),
        results: c.results.map_or(defaults.results, count),
        self_searching: c.clients.clone().unwrap_or(defaults.self_searching),
    }
}

/// The vMCP's instructions, rendered over its `config` values when they are a template.
fn instructions(def: &Definition<'_>, env: EnvLookup<'_>) -> Result<Option<String>, Vec<Issue>> {
    let Some(text) = &def.vmcp.instructions else {
        return Ok(None);
    };
    if !crate::custom::instructions::is_template(text) {
        return Ok(Some(text.clone()));
    }
    let values = custom_validate::config_values(def.name, def.vmcp, env)?;
    crate::custom::instructions::render(text, &values)
        .map(Some)
        .map_err(|message| vec![crate::custom::instructions::issue(def.name, &message)])
}

/// Compiles the vMCP's own tools, prompts and resources (templates are parsed here, so a syntax
/// error stops the definition before anything starts).
fn custom_items(
    def: &Definition<'_>,
    env: EnvLookup<'_>,
) -> Result<Option<CustomItems>, Vec<Issue>> {
    let v = def.vmcp;
    if v.tools.is_empty() && v.prompts.is_empty() && v.resources.is_empty() {
        return Ok(None);
    }
    let values = custom_validate::config_values(def.name, v, env)?;
    let set = CustomSet::compile(def.name, v, values, def.base_dir)?;
    Ok(Some(CustomItems(std::sync::Arc::new(set))))
}

/// Resolves one server: expands `${env:…}`, builds the child environment, applies defaults.
pub(crate) fn upstream_plan(
    name: &str,
    server: &ServerConfig,
    base_dir: &Path,
    env: EnvLookup<'_>,
) -> Result<UpstreamPlan, Vec<Issue>> {
    let mut issues = Vec::new();
    let here = |parts: &[Seg]| {
        let mut p = vec![Seg::from("servers"), Seg::from(name)];
        p.extend_from_slice(parts);
        p
    };
    let mut expand = |text: &str, at: Vec<Seg>| -> String {
        match interpolate::expand(text, env) {
            Ok(v) => v,
            Err(message) => {
                issues.push(Issue {
                    path: at,
                    at_key: false,
                    message,
                    hint: None,
                });
                String::new()
            }
        }
    };
    let transport = if let Some(command) = &server.command {
        let program = expand(command, here(&[Seg::from("command")]));
        let args: Vec<String> = server
            .args
            .iter()
            .enumerate()
            .map(|(i, a)| expand(a.as_str(), here(&[Seg::from("args"), Seg::Index(i)])))
            .collect();
        let mut child_env = inherited_env(env);
        for (k, v) in &server.env {
            let value = expand(v.as_str(), here(&[Seg::from("env"), Seg::from(k.as_str())]));
            child_env.insert(k.clone(), value);
        }
        let cwd = server
            .cwd
            .as_ref()
            .map(|c| base_dir.join(expand(c, here(&[Seg::from("cwd")]))));
        TransportPlan::Stdio(StdioPlan {
            program: resolve_program(&program, base_dir),
            args,
            env: child_env,
            cwd,
        })
    } else {
        let url = server
            .url
            .as_ref()
            .map(|u| expand(u, here(&[Seg::from("url")])))
            .unwrap_or_default();
        let mut headers: Vec<(String, String)> = server
            .headers
            .iter()
            .map(|(k, v)| {
                let value = expand(
                    v.as_str(),
                    here(&[Seg::from("headers"), Seg::from(k.as_str())]),
                );
                (k.clone(), value)
            })
            .collect();
        if let Some(auth) = &server.auth {
            let at = |parts: &[&str]| {
                let mut v = vec![Seg::from("auth")];
                v.extend(parts.iter().map(|p| Seg::from(*p)));
                here(&v)
            };
            if let Some(token) = &auth.bearer_token {
                let token = expand(token.as_str(), at(&["bearer_token"]));
                headers.push(("Authorization".into(), format!("Bearer {token}")));
            }
            if let Some(basic) = &auth.basic {
                let user = expand(basic.user.as_str(), at(&["basic", "user"]));
                let password = expand(basic.password.as_str(), at(&["basic", "password"]));
                headers.push(("Authorization".into(), basic_header(&user, &password)));
            }
            if let Some(key) = &auth.api_key {
                let value = expand(key.value.as_str(), at(&["api_key", "value"]));
                headers.push((key.header.clone(), value));
            }
        }
        let transport = match server.transport {
            Some(TransportType::Sse) => HttpTransport::LegacySse,
            Some(TransportType::Http) => HttpTransport::Streamable,
            _ => HttpTransport::Auto,
        };
        TransportPlan::Http(HttpPlan {
            url,
            shown_url: crate::support::url::redacted(server.url.as_deref().unwrap_or_default()),
            headers,
            transport,
            credentials: None,
        })
    };
    if !issues.is_empty() {
        return Err(issues);
    }
    let mut plan = UpstreamPlan::new(name, transport);
    if let Some(t) = server.startup_timeout {
        plan.startup_timeout = t.get();
    }
    if let Some(t) = server.call_timeout {
        plan.call_timeout = t.get();
    }
    if let Some(n) = server.max_failures {
        plan.max_attempts = n.max(1);
    }
    if let Some(t) = server.retry_delay {
        plan.retry_delay = t.get();
    }
    plan.ping_interval = server
        .ping_interval
        .map(crate::config::duration::ConfigDuration::get);
    plan.protocol = match server.protocol {
        None | Some(crate::config::ProtocolChoice::Auto) => ProtocolChoice::Auto,
        Some(crate::config::ProtocolChoice::Modern) => ProtocolChoice::Modern,
        Some(crate::config::ProtocolChoice::Legacy) => ProtocolChoice::Legacy,
    };
    Ok(plan)
}

/// Lets a streamable HTTP upstream use stored OAuth credentials (loaded lazily, on its first
/// request), unless it sends an `Authorization` header of its own.
///
/// `file`: the definition file that defines the server (`None`: the store), named in the login
/// hint.
pub(crate) fn attach_credentials(
    plan: &mut UpstreamPlan,
    store: &crate::store::Store,
    file: Option<&Path>,
) {
    if let TransportPlan::Http(h) = &mut plan.transport
        && !h
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("authorization"))
    {
        let server = crate::trust::ServerRef {
            name: plan.name.clone(),
            file: file.map(Path::to_path_buf),
        };
        h.credentials = Some(crate::upstream::CredentialSource {
            store_path: store.path().to_path_buf(),
            server: plan.name.clone(),
            login: server.command("login", &[]),
        });
    }
}

/// The `Authorization` value of HTTP Basic authentication.
pub(crate) fn basic_header(user: &str, password: &str) -> String {
    use base64::Engine as _;
    let raw = format!("{user}:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw.as_bytes())
    )
}

/// The allowlisted part of vmcp's own environment.
pub(crate) fn inherited_env(env: EnvLookup<'_>) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = env_vars::CHILD_ENV_ALLOWLIST
        .iter()
        .filter_map(|k| env(k).map(|v| ((*k).to_string(), v)))
        .collect();
    // Prefix matches (LC_*) need the full environment; only the real process env has one.
    for (k, v) in std::env::vars_os() {
        let (Some(k), Some(v)) = (k.to_str(), v.to_str()) else {
            continue;
        };
        if env_vars::CHILD_ENV_ALLOWED_PREFIXES
            .iter()
            .any(|p| k.starts_with(p))
            && env(k).is_some()
        {
            out.insert(k.to_string(), v.to_string());
        }
    }
    out
}

#[cfg(test)]
#[path = "resolve_tests.rs"]
mod tests;
