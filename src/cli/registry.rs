//! `vmcp registry search|show|clear-cache`: finding servers in MCP registries; clap types and
//! printing. The work is in `app::registry`.

use std::fmt::Write as _;

use clap::{Args, Subcommand};

use super::cache::age;
use super::{progress, render};
use crate::app::context::Context;
use crate::app::registry::search::{self, DEFAULT_LIMIT, Page, Shown};
use crate::app::registry::{Cached, clear_cache};
use crate::registry::document::{Argument, ArgumentKind, Input, KeyValueInput};
use crate::registry::{ListQuery, ServerResponse, split_name};

#[derive(Debug, Subcommand)]
pub(super) enum RegistryCommand {
    /// Search the registries for servers whose name holds QUERY (all servers without one).
    Search(SearchArgs),
    /// Show one entry: its versions, packages and remotes, and the values they take.
    Show(ShowArgs),
    /// Forget the registry answers cached in the store.
    ClearCache,
}

/// Which registry to ask.
#[derive(Debug, Args)]
pub(super) struct RegistryArg {
    /// Ask this registry (its base URL) instead of those of the `registry.url` setting.
    #[arg(long, value_name = "URL")]
    pub(super) registry: Option<String>,
}

#[derive(Debug, Args)]
pub(super) struct SearchArgs {
    query: Option<String>,
    /// Entries per page.
    #[arg(long, default_value_t = DEFAULT_LIMIT, value_parser = clap::value_parser!(u32).range(1..=100))]
    limit: u32,
    /// Continue a listing where the previous page ended (as that page said).
    #[arg(long)]
    cursor: Option<String>,
    /// Only entries updated since this time (RFC 3339, e.g. `2026-01-31T00:00:00Z`).
    #[arg(long, value_name = "TIME")]
    updated_since: Option<String>,
    #[command(flatten)]
    registry: RegistryArg,
    /// Print JSON (see README, "JSON output").
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// `NAME` or `NAME@VERSION` (default: the latest version).
    entry: String,
    #[command(flatten)]
    registry: RegistryArg,
    /// Print JSON: the registry's answer as sent, with its versions.
    #[arg(long)]
    json: bool,
}

pub(super) async fn run(cmd: RegistryCommand, ctx: &Context) -> anyhow::Result<()> {
    match cmd {
        RegistryCommand::Search(a) => {
            let query = ListQuery {
                search: a.query.clone(),
                limit: Some(a.limit),
                cursor: a.cursor,
                updated_since: a.updated_since,
            };
            let spinner = progress::spinner("asking the registry…");
            let pages = search::search(ctx, a.registry.registry.as_deref(), query).await;
            spinner.finish();
            let pages = pages?;
            if a.json {
                return render::json(&pages);
            }
            print_pages(&pages, a.query.as_deref(), a.limit);
        }
        RegistryCommand::Show(a) => {
            let (name, version) = split_name(&a.entry);
            let spinner = progress::spinner("asking the registry…");
            let shown = search::show(ctx, a.registry.registry.as_deref(), name, version).await;
            spinner.finish();
            let shown = shown?;
            if a.json {
                return render::json(&shown);
            }
            print_shown(&shown);
        }
        RegistryCommand::ClearCache => {
            let n = clear_cache(ctx)?;
            render::line(&format!("forgot {n} cached registry answers"));
        }
    }
    Ok(())
}

/// The note about an answer from the cache.
pub(super) fn cached_note(registry: &str, c: &Cached) {
    render::note(&format!(
        "warning: answered from the cache of {registry}, fetched {}, because {}",
        age(c.fetched),
        c.because
    ));
}

fn print_pages(pages: &[Page], query: Option<&str>, limit: u32) {
    for page in pages {
        if pages.len() > 1 {
            render::line(&format!("# {}", page.registry));
        }
        if let Some(c) = &page.cached {
            cached_note(&page.registry, c);
        }
        if page.servers.is_empty() {
            render::line("no servers found");
            continue;
        }
        let rows: Vec<Vec<String>> = page
            .servers
            .iter()
            .map(|s| {
                let stdio: Vec<&str> = s.packages.iter().map(String::as_str).collect();
                let transports: Vec<String> = s
                    .transports
                    .iter()
                    .map(|t| match t.as_str() {
                        "stdio" if !stdio.is_empty() => format!("stdio ({})", stdio.join(", ")),
                        other => other.to_string(),
                    })
                    .collect();
                let about = match &s.title {
                    Some(t) => format!("{t}: {}", s.description),
                    None => s.description.clone(),
                };
                let status = if s.status == "active" {
                    String::new()
                } else {
                    format!(" ({})", s.status)
                };
                vec![
                    s.name.clone(),
                    format!("{}{status}", s.version),
                    render::list(&transports),
                    about,
                ]
            })
            .collect();
        render::table(&["NAME", "VERSION", "TRANSPORTS", "DESCRIPTION"], &rows);
        if let Some(cursor) = &page.next_cursor {
            let mut cmd = String::from("vmcp registry search");
            if let Some(q) = query {
                let _ = write!(cmd, " {q}");
            }
            if limit != DEFAULT_LIMIT {
                let _ = write!(cmd, " --limit {limit}");
            }
            if pages.len() > 1 {
                let _ = write!(cmd, " --registry {}", page.registry);
            }
            render::note(&format!("more: `{cmd} --cursor {cursor}`"));
        }
    }
}

/// `required, secret, number, default x, one of a/b`.
fn traits(i: &Input, repeated: bool) -> String {
    let mut t = Vec::new();
    if i.value.is_some() {
        t.push("fixed".to_string());
    }
    if i.is_required {
        t.push("required".into());
    }
    if i.is_secret {
        t.push("secret".into());
    }
    if repeated {
        t.push("repeated".into());
    }
    if let Some(f) = &i.format {
        t.push(f.clone());
    }
    if let Some(d) = &i.default {
        t.push(format!("default {d}"));
    }
    if !i.choices.is_empty() {
        t.push(format!("one of {}", i.choices.join("/")));
    }
    let mut s = t.join(", ");
    if let Some(v) = &i.value {
        let _ = write!(s, ": {v}");
    }
    if let Some(d) = &i.description {
        let _ = write!(s, " — {d}");
    }
    s
}

fn kv_lines(kind: &str, items: &[KeyValueInput]) {
    for kv in items {
        render::line(&format!(
            "    {kind} {}  {}",
            kv.name,
            traits(&kv.input, false)
        ));
    }
}

fn arg_lines(kind: &str, args: &[Argument]) {
    for a in args {
        let label = match a.kind {
            ArgumentKind::Named => a.name.clone().unwrap_or_default(),
            ArgumentKind::Positional => a
                .value_hint
                .clone()
                .map_or_else(|| "(positional)".into(), |h| format!("<{h}>")),
        };
        render::line(&format!(
            "    {kind} {label}  {}",
            traits(&a.input, a.is_repeated)
        ));
        for (name, v) in &a.input.variables {
            render::line(&format!("      variable {name}  {}", traits(v, false)));
        }
    }
}

fn print_shown(s: &Shown) {
    if let Some(c) = &s.cached {
        cached_note(&s.registry, c);
    }
    let Some(ServerResponse { server: d, .. }) = &s.response else {
        return;
    };
    let title = d
        .title
        .as_deref()
        .map(|t| format!(" — {t}"))
        .unwrap_or_default();
    render::line(&format!("{} {} ({}){title}", d.name, d.version, s.status));
    if !d.description.is_empty() {
        render::line(&format!("  {}", d.description));
    }
    if let Some(w) = &d.website_url {
        render::line(&format!("  website:    {w}"));
    }
    if let Some(r) = &d.repository {
        let sub = r
            .subfolder
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        render::line(&format!("  repository: {}{sub}", r.url));
    }
    render::line(&format!("  registry:   {}", s.registry));
    if !s.versions.is_empty() {
        render::line(&format!("  versions:   {}", s.versions.join(", ")));
    }
    for p in &d.packages {
        let version = p
            .version
            .as_deref()
            .map(|v| format!("@{v}"))
            .unwrap_or_default();
        let transport = p.transport.as_ref().map_or("stdio", |t| t.kind.as_str());
        render::line(&format!(
            "  package {}: {}{version} ({transport})",
            p.registry_type, p.identifier
        ));
        kv_lines("env", &p.environment_variables);
        arg_lines("runtime arg", &p.runtime_arguments);
        arg_lines("arg", &p.package_arguments);
    }
    for (i, r) in d.remotes.iter().enumerate() {
        render::line(&format!(
            "  remote {}: {} {}",
            i + 1,
            r.kind,
            r.url.as_deref().unwrap_or("-")
        ));
        for (name, v) in &r.variables {
            render::line(&format!("    variable {name}  {}", traits(v, false)));
        }
        kv_lines("header", &r.headers);
    }
    if s.status != "deleted" {
        let short = d.name.rsplit('/').next().unwrap_or(&d.name);
        render::line(&format!(
            "add it: vmcp server add {short} --from {}",
            d.name
        ));
    }
}
