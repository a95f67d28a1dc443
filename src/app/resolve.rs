//! From definition file to session plan: reads the file, picks the vMCP, and resolves only the
//! servers it uses (placeholders expanded, child environment built, defaults applied).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::config::locate::Seg;
use crate::config::{ConfigError, Document, Issue, ServerConfig, interpolate};
use crate::session::{ServerPlan, SessionPlan};
use crate::support::{env_vars, paths};
use crate::upstream::child::StdioPlan;
use crate::upstream::http::HttpPlan;
use crate::upstream::reaper::ReaperCommand;
use crate::upstream::{TransportPlan, UpstreamPlan};

/// Reads environment variables; tests pass their own.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Which file to read: the one given, else the default location.
pub fn config_path(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    match explicit {
        Some(p) => Ok(p.to_path_buf()),
        None => paths::default_config_file().context(
            "cannot determine the default definition file location: set VMCP_HOME or pass --config FILE",
        ),
    }
}

/// Reads and validates a definition file.
pub fn load(path: &Path) -> Result<Document, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| {
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
    Document::parse(path, &text)
}

/// Builds the plan for vMCP `name`: only the servers it selects are resolved.
pub fn session_plan(
    doc: &Document,
    name: &str,
    env: EnvLookup<'_>,
    reaper: Option<ReaperCommand>,
) -> Result<SessionPlan, ConfigError> {
    let vmcp = doc.vmcp(name)?;
    let base_dir = doc.path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut issues = Vec::new();
    let mut servers = Vec::new();
    for (server_name, selection) in &vmcp.servers.0 {
        let Some(server) = doc.file.servers.get(server_name) else {
            continue; // reported by validation already
        };
        match upstream_plan(server_name, server, &base_dir, env) {
            Ok(upstream) => servers.push(ServerPlan {
                upstream,
                prefix: selection
                    .prefix
                    .clone()
                    .unwrap_or_else(|| server_name.clone()),
                selection: selection.clone(),
            }),
            Err(mut found) => issues.append(&mut found),
        }
    }
    if !issues.is_empty() {
        return Err(doc.invalid(&issues));
    }
    Ok(SessionPlan {
        name: name.to_string(),
        instructions: vmcp.instructions.clone(),
        servers,
        reaper,
    })
}

/// Resolves one server: expands `${env:…}`, builds the child environment, applies defaults.
pub fn upstream_plan(
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
        let headers = server
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
        TransportPlan::Http(HttpPlan { url, headers })
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
    Ok(plan)
}

/// The allowlisted part of vmcp's own environment.
fn inherited_env(env: EnvLookup<'_>) -> BTreeMap<String, String> {
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

/// A program given as a relative path (`./server.py`) is relative to the definition file;
/// bare names (`npx`) are looked up on the PATH.
fn resolve_program(program: &str, base_dir: &Path) -> String {
    let p = Path::new(program);
    if program.contains('/') && p.is_relative() {
        base_dir.join(p).to_string_lossy().into_owned()
    } else {
        program.to_string()
    }
}

#[cfg(test)]
#[path = "resolve_tests.rs"]
mod tests;
