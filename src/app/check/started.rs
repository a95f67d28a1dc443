//! The started half of `vmcp check`: start each vMCP exactly as `vmcp stdio` would (several at once,
//! bounded), and report what only running it shows — servers that fail, name conflicts, filters,
//! renames, descriptions and `args` that name nothing the server offers, `args` rules the
//! tools' schemas contradict, tools that `--expect-tool` requires.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use futures_util::StreamExt;

use super::{Exposed, Problem, ServerCheck, Target, VmcpCheck};
use crate::config::error::suggest;
use crate::config::glob::Glob;
use crate::config::locate::Seg;
use crate::config::{ConfigError, Issue, Selection};
use crate::session::gate::Reason;
use crate::session::{Session, TrustPolicy};
use crate::store::ServerPins;
use crate::trust::ServerRef;
use crate::upstream::{ClientContext, Lists, State};

/// vMCPs started at the same time (each may start several servers).
pub(super) const PARALLEL_VMCPS: usize = 4;

/// How long the servers of a checked vMCP get to stop, per escalation step.
const STOP_GRACE: Duration = Duration::from_millis(500);

/// Approved tools per server name (`vmcp server approve`).
pub(super) type Approvals = BTreeMap<String, ServerPins>;

pub(super) async fn run(
    targets: Vec<Target>,
    expect_tools: &[String],
    approvals: &Approvals,
) -> Vec<VmcpCheck> {
    futures_util::stream::iter(targets)
        .map(|t| check_one(t, expect_tools, approvals))
        .buffered(PARALLEL_VMCPS)
        .collect()
        .await
}

async fn check_one(target: Target, expect_tools: &[String], approvals: &Approvals) -> VmcpCheck {
    let Target { found, mut plan } = target;
    // A check reports the first attempt; retrying would only hide what went wrong.
    for s in &mut plan.servers {
        s.upstream.max_attempts = 1;
    }
    let selections: Vec<(String, Selection, bool)> = plan
        .servers
        .iter()
        .map(|s| {
            let pinned = matches!(s.trust, TrustPolicy::Pinned { .. });
            (s.upstream.name.clone(), s.selection.clone(), pinned)
        })
        .collect();
    let name = plan.name.clone();
    let step_calls = plan
        .custom
        .as_ref()
        .map(|c| c.0.step_calls())
        .unwrap_or_default();
    let always = plan.tool_search.always.clone();
    let started = Instant::now();
    let session = Session::start(plan);
    session.launch(ClientContext::default());
    session.wait_initial().await;
    let startup_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);

    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut issues = Vec::new();
    let mut servers = Vec::new();
    for (up, (server, selection, pinned)) in session.upstreams().iter().zip(&selections) {
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
            // Pinned servers report withheld tools as problems (below); for the others a change
            // since an approval is worth a look.
            let who = ServerRef {
                name: server.clone(),
                file: found.source.file().map(Path::to_path_buf),
            };
            if !pinned && let Some(w) = since_approval(&who, &lists, approvals) {
                warnings.push(w);
            }
        }
        servers.push(server_check(server, &state, error, up, &lists));
    }
    let catalog = session.catalog();
    problems.extend(withheld(&catalog));
    for c in &catalog.conflicts {
        problems.push(Problem {
            kind: "conflict",
            message: c.to_string(),
        });
    }
    // Already located at their `args` rule.
    problems.extend(catalog.arg_problems.iter().map(|d| Problem {
        kind: "args",
        message: d.to_string(),
    }));
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
        if !catalog.routes.tools.contains_key(tool) {
            let hint = suggest(tool, catalog.routes.tools.keys().map(String::as_str))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            problems.push(Problem {
                kind: "missing-tool",
                message: format!("expected tool `{tool}` is not exposed{hint}"),
            });
        }
    }
    warnings.extend(screen(&catalog, &session));
    warnings.extend(unmatched_always(&always, &catalog));
    // Composite steps must call something this vMCP offers (checked once every server is up:
    // a failed server is reported already).
    if problems.iter().all(|p| p.kind != "server-failed") {
        problems.extend(unreachable_steps(&step_calls, &catalog, &session));
    }
    let exposed = Exposed {
        tools: catalog.routes.tools.len(),
        prompts: catalog.routes.prompts.len(),
        resources: catalog.routes.resources.len(),
        templates: catalog.routes.templates.len(),
        listed_tools: catalog.search_active.then(|| listed_tools(&catalog)),
    };
    let notes = super::scope::notes(&session.upstreams(), &selections);
    session.shutdown(STOP_GRACE).await;
    VmcpCheck {
        name,
        source: found.source.kind(),
        ok: problems.is_empty(),
        startup_ms: Some(startup_ms),
        servers,
        exposed: Some(exposed),
        problems,
        warnings,
        notes,
    }
}

/// What a check reports of one server it started.
fn server_check(
    server: &str,
    state: &State,
    error: Option<String>,
    up: &crate::upstream::Upstream,
    lists: &Lists,
) -> ServerCheck {
    ServerCheck {
        name: server.to_string(),
        state: state.label(),
        error,
        protocol: up.info().map(|i| i.protocol_version.clone()),
        tools: lists.tools.len(),
        prompts: lists.prompts.len(),
        resources: lists.resources.len(),
        templates: lists.templates.len(),
        trust: None,
    }
}

/// `tool_search.always` patterns that list nothing (a typo, or a tool renamed since).
fn unmatched_always(always: &[Glob], catalog: &crate::session::catalog::Catalog) -> Vec<Problem> {
    always
        .iter()
        .filter(|glob| !catalog.routes.tools.keys().any(|t| glob.matches(t)))
        .map(|glob| Problem {
            kind: "unmatched",
            message: format!(
                "tool_search.always `{}` matches no exposed tool",
                glob.as_str()
            ),
        })
        .collect()
}

/// How many tools a client's `tools/list` holds (tool search on: the meta-tools and `always`).
fn listed_tools(catalog: &crate::session::catalog::Catalog) -> usize {
    serde_json::from_str::<serde_json::Value>(catalog.listed_tools.get())
        .ok()
        .and_then(|v| {
            v.get("tools")
                .and_then(serde_json::Value::as_array)
                .map(Vec::len)
        })
        .unwrap_or(0)
}

/// Tool-poisoning marks in the definitions the AI client would see (after renames and
/// description overrides).
fn screen(catalog: &crate::session::catalog::Catalog, session: &Session) -> Vec<Problem> {
    let tools: Vec<serde_json::Value> =
        serde_json::from_str::<serde_json::Value>(catalog.tools.get())
            .ok()
            .and_then(|v| {
                v.get("tools")
                    .and_then(serde_json::Value::as_array)
                    .cloned()
            })
            .unwrap_or_default();
    tools
        .iter()
        .flat_map(crate::trust::screen_tool)
        .map(|f| {
            let server = catalog
                .routes
                .tools
                .get(&f.tool)
                .map(|r| session.server_name(r.target))
                .unwrap_or_default();
            Problem {
                kind: "suspicious",
                message: format!(
                    "tool `{}` (server `{server}`), {}: {} ({})",
                    f.tool, f.field, f.detail, f.kind
                ),
            }
        })
        .collect()
}

/// Composite steps whose `call` names nothing this vMCP offers.
fn unreachable_steps(
    step_calls: &[(String, String, String)],
    catalog: &crate::session::catalog::Catalog,
    session: &Session,
) -> Vec<Problem> {
    let mut out = Vec::new();
    for (tool, step, call) in step_calls {
        let offered = match call.split_once('.') {
            Some((crate::custom::SELF_SERVER, raw)) => catalog.routes.tools.contains_key(raw),
            Some((server, raw)) => session.upstreams().iter().any(|u| {
                u.name() == server
                    && u.lists()
                        .tools
                        .iter()
                        .any(|t| t.get_str("name").as_deref() == Some(raw))
            }),
            None => catalog.routes.tools.contains_key(call),
        };
        if !offered {
            let hint = suggest(call, catalog.routes.tools.keys().map(String::as_str))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            out.push(Problem {
                kind: "missing-tool",
                message: format!(
                    "step `{step}` of composite tool `{tool}` calls `{call}`, which this vMCP does not offer{hint}"
                ),
            });
        }
    }
    out
}

/// The trust gate's refusals: one problem per server never approved, one per new or changed
/// tool of an approved one.
fn withheld(catalog: &crate::session::catalog::Catalog) -> Vec<Problem> {
    let mut unapproved: BTreeMap<&ServerRef, usize> = BTreeMap::new();
    let mut out = Vec::new();
    let mut tools: Vec<(&String, &crate::session::gate::Withheld)> =
        catalog.withheld.iter().collect();
    tools.sort_by(|a, b| a.0.cmp(b.0));
    for (exposed, w) in tools {
        if w.reason == Reason::NotApproved {
            *unapproved.entry(&w.server).or_default() += 1;
        } else {
            out.push(Problem {
                kind: "withheld",
                message: w.refusal(exposed),
            });
        }
    }
    for (server, n) in unapproved {
        out.push(Problem {
            kind: "not-approved",
            message: format!(
                "server `{}` is not approved, so its {n} tool{} withheld; review it with `{}`, approve it with `{}` (or set `trust: pinned` to approve on first use)",
                server.name,
                if n == 1 { " is" } else { "s are" },
                server.command("server test", &[]),
                server.command("server approve", &[]),
            ),
        });
    }
    out
}

/// How a server's tools differ from its approval, if it was approved and they do.
fn since_approval(server: &ServerRef, lists: &Lists, approvals: &Approvals) -> Option<Problem> {
    let pins = approvals.get(&server.name)?;
    // Unscreenable tools are withheld in every mode and reported as such.
    let (now, _) = crate::trust::definition::parse_all(&lists.tools);
    let c = crate::trust::pin::compare(&pins.tools, &now);
    if c.is_clean() {
        return None;
    }
    let mut parts = Vec::new();
    for (what, items) in [
        ("changed", &c.changed),
        ("new", &c.new),
        ("removed", &c.removed),
    ] {
        if !items.is_empty() {
            parts.push(format!("{} {what} ({})", items.len(), items.join(", ")));
        }
    }
    Some(Problem {
        kind: "changed-since-approval",
        message: format!(
            "server `{}`: {} since it was approved; see `{}`",
            server.name,
            parts.join(", "),
            server.command("trust diff", &[])
        ),
    })
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
    let args_keys = sel.args.keys();
    for (field, keys) in [
        ("rename", sel.rename.keys().collect::<Vec<_>>()),
        ("describe", sel.describe.keys().collect()),
        ("args", args_keys.collect()),
    ] {
        for key in keys {
            // `args` keys may be globs; the others name one tool.
            let glob = Glob::new(key.as_str());
            let names = |t: &String| {
                if field == "args" {
                    glob.matches(t)
                } else {
                    t == key
                }
            };
            if !tools.iter().any(names) {
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
