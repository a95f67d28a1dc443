//! `vmcp call --vmcp NAME TOOL [--args JSON|@file|@-] [key=value…]`: one tool call from a shell.

use std::sync::Arc;

use clap::Args;
use serde_json::{Map, Value};
use tokio_util::sync::CancellationToken;

use super::catalog::{VmcpArgs, open};
use super::exit_code::{Silent, exit};
use super::{progress, render};
use crate::app::call;
use crate::app::call::tool_test;
use crate::app::context::Context;
use crate::app::open_session::OpenSession;
use crate::app::open_session::invoke;

/// A tool's arguments from the command line (`vmcp call`, `vmcp tool test`).
#[derive(Debug, Args)]
pub(super) struct ToolArguments {
    /// Arguments as `key=value` (typed by the tool's input schema) or `key:=JSON`; applied on
    /// top of `--args`.
    #[arg(value_name = "KEY=VALUE")]
    pairs: Vec<String>,
    /// Arguments as a JSON object: inline, `@file.json`, or `@-` for stdin.
    #[arg(long, value_name = "JSON|@FILE|@-")]
    args: Option<String>,
}

impl ToolArguments {
    /// `--args`, read before anything starts (bad input fails fast).
    fn object(&self) -> anyhow::Result<Map<String, Value>> {
        Ok(match &self.args {
            Some(source) => call::read_object(source, &mut std::io::stdin().lock())?,
            None => Map::new(),
        })
    }
}

#[derive(Debug, Args)]
pub(super) struct CallArgs {
    #[command(flatten)]
    target: VmcpArgs,
    /// The tool's exposed name (see `vmcp tools list`).
    tool: String,
    #[command(flatten)]
    arguments: ToolArguments,
    /// Print the whole result as JSON, verbatim (content, structuredContent, isError).
    #[arg(long)]
    json: bool,
}

/// `vmcp tools test`: one custom tool, with only the upstreams it needs, or only rendered.
#[derive(Debug, Args)]
pub(super) struct TestArgs {
    #[command(flatten)]
    target: VmcpArgs,
    /// The custom tool's name.
    tool: String,
    #[command(flatten)]
    arguments: ToolArguments,
    /// Show what the call would do (the rendered template, program, request or steps) as JSON,
    /// without running anything or starting any server.
    #[arg(long)]
    render_only: bool,
    /// Print the whole result as JSON, verbatim (content, structuredContent, isError).
    #[arg(long)]
    json: bool,
}

pub(super) async fn run_test(a: TestArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut arguments = a.arguments.object()?;
    let config = a.target.config.as_deref();
    let pairs = &a.arguments.pairs;
    if !pairs.is_empty() {
        let schema = tool_test::input_schema(ctx, &a.target.vmcp, config, &a.tool)?;
        call::apply_pairs(&mut arguments, pairs, schema.as_ref())?;
    }
    if a.render_only {
        let shown = tool_test::render_only(ctx, &a.target.vmcp, config, &a.tool, arguments).await?;
        render::line(&serde_json::to_string_pretty(&shown).unwrap_or_default());
        return Ok(());
    }
    let opened = tool_test::open(ctx, &a.target.vmcp, config, &a.tool)?;
    progress::connecting(&opened).await;
    call_and_print(opened, &a.tool, arguments, a.json).await
}

pub(super) async fn run(a: CallArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut arguments = a.arguments.object()?;
    let opened = open(&a.target, ctx).await?;
    let pairs = &a.arguments.pairs;
    if !pairs.is_empty() {
        let schema = invoke::tool_schema(&opened, &a.tool).await;
        if let Err(e) = call::apply_pairs(&mut arguments, pairs, schema.as_ref()) {
            opened.close().await;
            return Err(e.into());
        }
    }
    call_and_print(opened, &a.tool, arguments, a.json).await
}

/// Calls `tool` on `opened` and prints the result; closes the session.
async fn call_and_print(
    opened: OpenSession,
    tool: &str,
    arguments: Map<String, Value>,
    json: bool,
) -> anyhow::Result<()> {
    let spinner = Arc::new(progress::spinner(&format!("calling `{tool}`…")));
    let sink = {
        let spinner = spinner.clone();
        let tool = tool.to_string();
        Arc::new(move |p: Map<String, Value>| spinner.progress(&tool, &p))
    };
    let cancel = CancellationToken::new();
    let mut interrupted = false;
    let answer = {
        let call = invoke::call_tool(&opened, tool, arguments, Some(sink), cancel.clone());
        tokio::pin!(call);
        loop {
            tokio::select! {
                answer = &mut call => break answer,
                // Interrupted: the upstream is told to stop (notifications/cancelled) and the
                // session is closed; `interrupt::guard` reports it.
                () = super::interrupt::requested(), if !interrupted => {
                    interrupted = true;
                    cancel.cancel();
                }
            }
        }
    };
    spinner.finish();
    if interrupted {
        opened.close().await;
        return Err(Silent(exit::INTERRUPTED).into());
    }
    let unavailable = opened.unavailable();
    let is_error = answer.as_ref().is_ok_and(|r| r.is_error);
    super::catalog::respond(opened, answer, json, |result| {
        let is_error = result.get("isError") == Some(&Value::Bool(true));
        print_result(result, is_error);
        Ok(())
    })
    .await?;
    if is_error {
        // The tool ran and reported a failure: a distinct code, so scripts can tell.
        super::catalog::warn_unavailable(&unavailable);
        return Err(Silent(exit::TOOL_ERROR).into());
    }
    Ok(())
}

/// A tool result for humans: text plainly; structured content as JSON when there is no text;
/// other content summarised on stderr. An error result goes to stderr.
fn print_result(result: &Value, is_error: bool) {
    let content = result
        .get("content")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let has_text = content
        .iter()
        .any(|c| c.get("type").and_then(Value::as_str) == Some("text"));
    if is_error {
        render::note("error: the tool reported an error:");
    }
    for c in &content {
        print_content(c, is_error);
    }
    if !has_text && let Some(s) = result.get("structuredContent") {
        let text = serde_json::to_string_pretty(s).unwrap_or_default();
        if is_error {
            render::note(&text);
        } else {
            render::line(&text);
        }
    }
}

/// One content block: text printed (to stderr for errors), the rest summarised on stderr.
pub(super) fn print_content(c: &Value, to_stderr: bool) {
    let kind = c.get("type").and_then(Value::as_str).unwrap_or("?");
    let text = match kind {
        "text" => c.get("text").and_then(Value::as_str),
        "resource" => c
            .get("resource")
            .and_then(|r| r.get("text"))
            .and_then(Value::as_str),
        _ => None,
    };
    if let Some(text) = text {
        let text = text.strip_suffix('\n').unwrap_or(text);
        if to_stderr {
            render::note(text);
        } else {
            render::line(text);
        }
        return;
    }
    let mime = c
        .get("mimeType")
        .or_else(|| c.get("resource").and_then(|r| r.get("mimeType")))
        .and_then(Value::as_str)
        .unwrap_or("unknown type");
    let summary = match kind {
        "resource_link" => format!(
            "[resource link: {}]",
            c.get("uri").and_then(Value::as_str).unwrap_or("?")
        ),
        _ => format!("[{kind} content, {mime}: use --json to get it]"),
    };
    render::note(&summary);
}
