//! `vmcp tools list`, `vmcp prompts list|get`, `vmcp resources list|read`: open the vMCP as an AI
//! client would and show what it exposes.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use serde::Serialize;
use serde_json::{Map, Value};
use tokio_util::sync::CancellationToken;

use super::exit_code::{Silent, exit};
use super::{output, progress, render};
use crate::app::catalog::{self, CatalogItem};
use crate::app::context::Context;
use crate::app::open_session::invoke::{self, Answer, InvokeError};
use crate::app::open_session::{OpenOptions, OpenSession, ServerStatus, WithheldTool};
use crate::upstream::ListKind;

/// The vMCP to open: the same two flags as `vmcp stdio`.
#[derive(Debug, Args)]
pub(super) struct VmcpArgs {
    /// The vMCP to open.
    #[arg(long, value_name = "NAME")]
    pub(super) vmcp: String,
    /// Definition file (default: $VMCP_HOME/vmcp.yaml, then the store).
    #[arg(long, short = 'c', value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct ListArgs {
    #[command(flatten)]
    pub(super) target: VmcpArgs,
    /// Print JSON (see README, "JSON output").
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub(super) enum ToolsCommand {
    /// List the tools the vMCP exposes, with the server each comes from.
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Rank the vMCP's tools for a query, as its `search_tools` does for the AI client (whether
    /// tool search is on or not).
    Search(super::search::SearchArgs),
    /// Run one custom tool of the vMCP, starting only the servers it needs, and print its result
    /// (`--render-only`: show what it would do, as JSON, without doing it).
    Test(super::call::TestArgs),
}

#[derive(Debug, Subcommand)]
pub(super) enum PromptsCommand {
    /// List the prompts the vMCP exposes.
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Get a prompt with its arguments (`key=value`…) and print its messages.
    Get {
        #[command(flatten)]
        target: VmcpArgs,
        /// The prompt's exposed name.
        name: String,
        /// Prompt arguments as `key=value`.
        #[arg(value_name = "KEY=VALUE")]
        args: Vec<String>,
        /// Print the result as JSON, verbatim.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum ResourcesCommand {
    /// List the resources and resource templates the vMCP exposes.
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Read a resource: text is printed; binary content is written as bytes when stdout is
    /// not a terminal (`> file.png`).
    Read {
        #[command(flatten)]
        target: VmcpArgs,
        /// The resource URI.
        uri: String,
        /// Print the result as JSON, verbatim.
        #[arg(long)]
        json: bool,
    },
}

/// Opens the vMCP and waits for every upstream's first start, with a spinner.
pub(super) async fn open(target: &VmcpArgs, ctx: &Context) -> anyhow::Result<OpenSession> {
    let opened = OpenSession::open(
        ctx,
        &target.vmcp,
        target.config.as_deref(),
        OpenOptions::COMMAND,
    )?;
    progress::connecting(&opened).await;
    Ok(opened)
}

/// Warns about upstreams that did not start (their items are missing from the output).
pub(super) fn warn_unavailable(servers: &[ServerStatus]) {
    for s in servers {
        let why = s
            .error
            .as_ref()
            .map_or_else(|| format!("is {}", s.state), |e| format!("failed: {e}"));
        render::note(&format!(
            "warning: server `{}` {why}; what it offers is missing",
            s.name
        ));
    }
}

/// Closes the session; a failed upstream makes the command fail after its output.
pub(super) async fn finish(
    opened: OpenSession,
    unavailable: &[ServerStatus],
) -> anyhow::Result<()> {
    opened.close().await;
    if unavailable.is_empty() {
        Ok(())
    } else {
        Err(Silent(exit::UNAVAILABLE).into())
    }
}

#[derive(Serialize)]
struct Listing<'a> {
    vmcp: &'a str,
    servers: Vec<ServerStatus>,
    #[serde(flatten)]
    lists: Map<String, Value>,
    /// Tools the trust gate keeps out (`tools list` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    withheld: Option<Vec<WithheldTool>>,
}

/// First line of a description, cut to fit a table.
pub(super) fn short(text: Option<&str>) -> String {
    const WIDTH: usize = 70;
    let first = text.unwrap_or_default().lines().next().unwrap_or_default();
    if first.chars().count() > WIDTH {
        format!("{}…", first.chars().take(WIDTH - 1).collect::<String>())
    } else {
        first.to_string()
    }
}

fn field<'a>(item: &'a CatalogItem, key: &str) -> Option<&'a str> {
    item.definition.get(key).and_then(Value::as_str)
}

async fn list(args: &ListArgs, ctx: &Context, kinds: &[(ListKind, &str)]) -> anyhow::Result<()> {
    let opened = open(&args.target, ctx).await?;
    let mut lists = Map::new();
    let mut tables = Vec::new();
    for (kind, key) in kinds {
        let items = catalog::items(&opened, *kind).await;
        tables.push((*kind, items.clone()));
        lists.insert((*key).to_string(), serde_json::to_value(items)?);
    }
    let unavailable = opened.unavailable();
    let withheld = kinds
        .iter()
        .any(|(k, _)| *k == ListKind::Tools)
        .then(|| opened.withheld());
    if args.json {
        render::json(&Listing {
            vmcp: &args.target.vmcp,
            servers: opened.statuses(),
            lists,
            withheld: withheld.clone(),
        })?;
    } else {
        for (i, (kind, items)) in tables.iter().enumerate() {
            if i > 0 {
                render::line("");
            }
            print_items(*kind, items);
        }
    }
    for w in withheld.iter().flatten() {
        render::note(&format!("warning: {}", w.message));
    }
    warn_unavailable(&unavailable);
    finish(opened, &unavailable).await
}

fn print_items(kind: ListKind, items: &[CatalogItem]) {
    let (what, header) = match kind {
        ListKind::Tools => ("tools", "NAME"),
        ListKind::Prompts => ("prompts", "NAME"),
        ListKind::Resources => ("resources", "URI"),
        ListKind::Templates => ("resource templates", "URI TEMPLATE"),
    };
    if items.is_empty() {
        render::line(&format!("no {what}"));
        return;
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            let mut row = vec![i.name.clone(), i.server.clone()];
            match kind {
                ListKind::Prompts => {
                    let args: Vec<String> = i
                        .definition
                        .get("arguments")
                        .and_then(Value::as_array)
                        .map(|a| {
                            a.iter()
                                .filter_map(|x| {
                                    let n = x.get("name")?.as_str()?;
                                    let required = x.get("required") == Some(&Value::Bool(true));
                                    Some(if required {
                                        n.to_string()
                                    } else {
                                        format!("[{n}]")
                                    })
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    row.push(render::list(&args));
                }
                ListKind::Resources | ListKind::Templates => {
                    row.push(field(i, "name").unwrap_or("-").to_string());
                    row.push(field(i, "mimeType").unwrap_or("-").to_string());
                }
                ListKind::Tools => {}
            }
            row.push(short(field(i, "description").or_else(|| field(i, "title"))));
            row
        })
        .collect();
    let headers: Vec<&str> = match kind {
        ListKind::Tools => vec![header, "SERVER", "DESCRIPTION"],
        ListKind::Prompts => vec![header, "SERVER", "ARGUMENTS", "DESCRIPTION"],
        ListKind::Resources | ListKind::Templates => {
            vec![header, "SERVER", "NAME", "MIME TYPE", "DESCRIPTION"]
        }
    };
    render::table(&headers, &rows);
}

pub(super) async fn run_tools(c: ToolsCommand, ctx: &Context) -> anyhow::Result<()> {
    match c {
        ToolsCommand::List(a) => list(&a, ctx, &[(ListKind::Tools, "tools")]).await,
        ToolsCommand::Search(a) => super::search::run(a, ctx).await,
        ToolsCommand::Test(a) => super::call::run_test(a, ctx).await,
    }
}

pub(super) async fn run_prompts(c: PromptsCommand, ctx: &Context) -> anyhow::Result<()> {
    match c {
        PromptsCommand::List(a) => list(&a, ctx, &[(ListKind::Prompts, "prompts")]).await,
        PromptsCommand::Get {
            target,
            name,
            args,
            json,
        } => {
            let mut arguments = Map::new();
            for pair in &args {
                let Some((k, v)) = pair.split_once('=') else {
                    return Err(crate::app::InvalidInput(format!(
                        "`{pair}` is not a prompt argument: use key=value"
                    ))
                    .into());
                };
                arguments.insert(k.to_string(), Value::String(v.to_string()));
            }
            let opened = open(&target, ctx).await?;
            let answer =
                invoke::get_prompt(&opened, &name, arguments, CancellationToken::new()).await;
            respond(opened, answer, json, |r| {
                print_prompt(r);
                Ok(())
            })
            .await
        }
    }
}

pub(super) async fn run_resources(c: ResourcesCommand, ctx: &Context) -> anyhow::Result<()> {
    match c {
        ResourcesCommand::List(a) => {
            let kinds = [
                (ListKind::Resources, "resources"),
                (ListKind::Templates, "templates"),
            ];
            list(&a, ctx, &kinds).await
        }
        ResourcesCommand::Read { target, uri, json } => {
            let opened = open(&target, ctx).await?;
            let answer = invoke::read_resource(&opened, &uri, CancellationToken::new()).await;
            respond(opened, answer, json, print_contents).await
        }
    }
}

/// Prints an answer (verbatim JSON or for humans), closes the session, and maps failures to
/// exit codes.
pub(super) async fn respond(
    opened: OpenSession,
    answer: Result<Answer, InvokeError>,
    json: bool,
    human: fn(&Value) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    opened.close().await;
    let answer = answer?;
    if json {
        render::json(&answer.result)?;
    } else {
        human(&answer.result)?;
    }
    Ok(())
}

fn print_prompt(result: &Value) {
    if let Some(d) = result.get("description").and_then(Value::as_str) {
        render::line(&format!("# {d}"));
    }
    for m in result
        .get("messages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let role = m.get("role").and_then(Value::as_str).unwrap_or("?");
        render::line(&format!("[{role}]"));
        if let Some(c) = m.get("content") {
            super::call::print_content(c, false);
        }
    }
}

fn print_contents(result: &Value) -> anyhow::Result<()> {
    for c in result
        .get("contents")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(text) = c.get("text").and_then(Value::as_str) {
            render::raw(text);
            if !text.ends_with('\n') {
                render::line("");
            }
        } else if let Some(blob) = c.get("blob").and_then(Value::as_str) {
            let mime = c
                .get("mimeType")
                .and_then(Value::as_str)
                .unwrap_or("binary");
            if std::io::stdout().is_terminal() {
                render::note(&format!(
                    "{mime} content ({} bytes base64) not printed to a terminal: redirect stdout to a file, or use --json",
                    blob.len()
                ));
                continue;
            }
            let bytes = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, blob)
                .context("the server sent a blob that is not valid base64")?;
            output::stdout(&bytes);
        }
    }
    Ok(())
}
