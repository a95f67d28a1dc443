//! The live half of `vmcp check`: start each vMCP exactly as `vmcp stdio` would (several at once,
//! bounded), and report what only running it shows — servers that fail, name conflicts, filters,
//! renames and descriptions that name nothing the server offers, tools that `--expect-tool`
//! requires.

use std::time::{Duration, Instant};

use futures_util::StreamExt;

use super::check::{Exposed, Problem, ServerCheck, Target, VmcpCheck};
use crate::config::error::suggest;
use crate::config::glob::Glob;
use crate::config::locate::Seg;
use crate::config::{ConfigError, Issue, Selection};
use crate::session::Session;
use crate::upstream::{ClientContext, Lists, State};

/// vMCPs started at the same time (each may start several servers).
pub const PARALLEL_VMCPS: usize = 4;

/// How long the servers of a checked vMCP get to stop, per escalation step.
const STOP_GRACE: Duration = Duration::from_millis(500);

pub(super) async fn run(targets: Vec<Target>, expect_tools: &[String]) -> Vec<VmcpCheck> {
    futures_util::stream::iter(targets)
        .map(|t| check_one(t, expect_tools))
        .buffered(PARALLEL_VMCPS)
        .collect()
        .await
}

async fn check_one(target: Target, expect_tools: &[String]) -> VmcpCheck {
    let Target { found, mut plan } = target;
    // A check reports the first attempt; retrying would only hide what went wrong.
    for s in &mut plan.servers {
        s.upstream.max_attempts = 1;
    }
    let selections: Vec<(String, Selection)> = plan
        .servers
        .iter()
        .map(|s| (s.upstream.name.clone(), s.selection.clone()))
        .collect();
    let name = plan.name.clone();
    let step_calls = plan
        .custom
        .as_ref()
        .map(|c| c.0.step_calls())
        .unwrap_or_default();
    let started = Instant::now();
    let session = Session::start(plan);
    session.set_client(ClientContext::default(), None);
    session.wait_initial().await;
    let startup_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);

    let mut problems = Vec::new();
    let mut issues = Vec::new();
    let mut servers = Vec::new();
    for (up, (server, selection)) in session.upstreams().iter().zip(&selections) {
        let lists = up.lists();
        let state = up.state();
        let error = match &state {
            State::Ready => None,
            State::Failed { error, .. } => Some(error.to_string()),
            other => Some(format!("not ready ({})", other.label())),
        };
        if let Some(e) = &error {
            problems.push(Problem {
                kind: "server-failed",
                message: format!("server `{server}` failed: {e}"),
            });
        } else {
            unmatched(&name, server, selection, &lists, &mut issues);
        }
        servers.push(ServerCheck {
            name: server.clone(),
            state: state.label(),
            error,
            tools: lists.tools.len(),
            prompts: lists.prompts.len(),
            resources: lists.resources.len(),
            templates: lists.templates.len(),
        });
    }
    let catalog = session.catalog();
    for c in &catalog.conflicts {
        problems.push(Problem {
            kind: "conflict",
            message: c.to_string(),
        });
    }
    // Located like definition errors: file:line:column of the entry at fault.
    if !issues.is_empty()
        && let Ok(def) = found.definition()
        && let ConfigError::Invalid(diags) = def.invalid(&issues)
    {
        problems.extend(diags.into_iter().map(|d| Problem {
            kind: "unmatched",
            message: d.to_string(),
        }));
    }
    for tool in expect_tools {
        if !catalog.tool_routes.contains_key(tool) {
            let hint = suggest(tool, catalog.tool_routes.keys().map(String::as_str))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            problems.push(Problem {
                kind: "missing-tool",
                message: format!("expected tool `{tool}` is not exposed{hint}"),
            });
        }
    }
    // Composite steps must call something this vMCP offers (checked once every server is up:
    // a failed server is reported already).
    if problems.iter().all(|p| p.kind != "server-failed") {
        for (tool, step, call) in &step_calls {
            let offered = match call.split_once('.') {
                Some((crate::custom::SELF_SERVER, raw)) => catalog.tool_routes.contains_key(raw),
                Some((server, raw)) => session.upstreams().iter().any(|u| {
                    u.name() == server
                        && u.lists()
                            .tools
                            .iter()
                            .any(|t| t.get_str("name").as_deref() == Some(raw))
                }),
                None => catalog.tool_routes.contains_key(call),
            };
            if !offered {
                let hint = suggest(call, catalog.tool_routes.keys().map(String::as_str))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                problems.push(Problem {
                    kind: "missing-tool",
                    message: format!(
                        "step `{step}` of composite tool `{tool}` calls `{call}`, which this vMCP does not offer{hint}"
                    ),
                });
            }
        }
    }
    let exposed = Exposed {
        tools: catalog.tool_routes.len(),
        prompts: catalog.prompt_routes.len(),
        resources: catalog.resource_routes.len(),
        templates: catalog.template_routes.len(),
    };
    session.shutdown(STOP_GRACE).await;
    VmcpCheck {
        name,
        source: found.source.kind(),
        ok: problems.is_empty(),
        startup_ms: Some(startup_ms),
        servers,
        exposed: Some(exposed),
        problems,
    }
}

/// Names of a list's items under `key`.
fn names(items: &[crate::protocol::RawObject], key: &str) -> Vec<String> {
    items.iter().filter_map(|i| i.get_str(key)).collect()
}

/// Filters, renames and descriptions of `selection` that match nothing `server` offers.
fn unmatched(vmcp: &str, server: &str, sel: &Selection, lists: &Lists, out: &mut Vec<Issue>) {
    let tools = names(&lists.tools, "name");
    let prompts = names(&lists.prompts, "name");
    // Resources match by URI (template) or name.
    let mut resources = names(&lists.resources, "uri");
    resources.extend(names(&lists.resources, "name"));
    resources.extend(names(&lists.templates, "uriTemplate"));
    resources.extend(names(&lists.templates, "name"));
    let at = |field: &str, index: Option<usize>, key: Option<&str>| {
        let mut path = vec![
            Seg::from("vmcps"),
            Seg::from(vmcp),
            Seg::from("servers"),
            Seg::from(server),
            Seg::from(field),
        ];
        if let Some(i) = index {
            path.push(Seg::Index(i));
        }
        if let Some(k) = key {
            path.push(Seg::from(k));
        }
        path
    };
    let offered = |what: &str, items: &[String]| {
        if items.is_empty() {
            format!("server `{server}` offers no {what}")
        } else {
            let mut shown: Vec<&str> = items.iter().take(8).map(String::as_str).collect();
            if items.len() > 8 {
                shown.push("…");
            }
            format!("server `{server}` offers: {}", shown.join(", "))
        }
    };
    let globs: [(&str, &[Glob], &[String], &str); 6] = [
        (
            "tools",
            sel.tools.as_deref().unwrap_or_default(),
            &tools,
            "tools",
        ),
        ("exclude_tools", &sel.exclude_tools, &tools, "tools"),
        (
            "prompts",
            sel.prompts.as_deref().unwrap_or_default(),
            &prompts,
            "prompts",
        ),
        ("exclude_prompts", &sel.exclude_prompts, &prompts, "prompts"),
        (
            "resources",
            sel.resources.as_deref().unwrap_or_default(),
            &resources,
            "resources",
        ),
        (
            "exclude_resources",
            &sel.exclude_resources,
            &resources,
            "resources",
        ),
    ];
    for (field, patterns, items, what) in globs {
        for (i, g) in patterns.iter().enumerate() {
            if !items.iter().any(|n| g.matches(n)) {
                out.push(Issue {
                    path: at(field, Some(i), None),
                    at_key: false,
                    message: format!("`{}` matches nothing server `{server}` offers", g.as_str()),
                    hint: Some(offered(what, items)),
                });
            }
        }
    }
    for (field, keys) in [("rename", &sel.rename), ("describe", &sel.describe)] {
        for key in keys.keys() {
            if !tools.contains(key) {
                let hint = suggest(key, tools.iter().map(String::as_str)).map_or_else(
                    || offered("tools", &tools),
                    |s| format!("did you mean `{s}`?"),
                );
                out.push(Issue {
                    path: at(field, None, Some(key)),
                    at_key: true,
                    message: format!("server `{server}` has no tool `{key}`"),
                    hint: Some(hint),
                });
            }
        }
    }
}
