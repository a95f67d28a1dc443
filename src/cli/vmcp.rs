//! `vmcp vmcp …`: clap types and printing; the work is in `app::vmcp`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{editor::SystemEditor, hint, render};
use crate::app::context::Context;
use crate::app::vmcp::{self as vmcps, ArgEdit, Change, FilterLists};
use crate::config::Scope;
use crate::store::StoreError;

#[derive(Debug, Subcommand)]
pub(super) enum VmcpCommand {
    /// Create a vMCP in the store.
    Create {
        name: String,
        /// A server it uses (repeatable; it must exist: `vmcp server add`).
        #[arg(long = "server", short = 's')]
        servers: Vec<String>,
        #[arg(long)]
        description: Option<String>,
        /// The system prompt sent to the AI client in `initialize`.
        #[arg(long)]
        instructions: Option<String>,
    },
    /// List vMCPs (stored ones and those of the default definition file).
    #[command(visible_alias = "ls")]
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show a vMCP and say which source defines it.
    Show {
        name: String,
        /// Look in this definition file only.
        #[arg(long, short = 'c', value_name = "FILE")]
        config: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        show_secrets: bool,
    },
    /// Edit a stored vMCP's YAML in $VISUAL / $EDITOR (saved only if valid).
    Edit { name: String },
    /// Remove a stored vMCP.
    #[command(visible_alias = "rm")]
    Remove { name: String },
    /// Print a definition file holding the vMCP and the servers it uses (`vmcp import` reads it).
    Export {
        name: String,
        #[arg(long, short = 'c', value_name = "FILE")]
        config: Option<PathBuf>,
        /// Write to this file instead of stdout.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// Add a server to a stored vMCP.
    AddServer {
        name: String,
        server: String,
        /// Exposed names become `<prefix>_<name>` ("" for none).
        #[arg(long)]
        prefix: Option<String>,
        /// Under `vmcp serve`: an instance per MCP session (`session`, the default) or one for
        /// every session of the vMCP (`shared`).
        #[arg(long, value_parser = scope_arg)]
        scope: Option<Scope>,
    },
    /// Set how many instances of one server `vmcp serve` runs for a stored vMCP: one per MCP
    /// session (`session`, the default) or one for every session (`shared`).
    SetScope {
        name: String,
        server: String,
        #[arg(value_parser = scope_arg)]
        scope: Scope,
    },
    /// Remove a server from a stored vMCP.
    RemoveServer { name: String, server: String },
    /// Set allow/deny lists of one server in a stored vMCP (globs, comma-separated; an empty
    /// value clears the list).
    Filter(FilterArgs),
    /// Expose a tool under another name (`--reset` to undo).
    RenameTool {
        name: String,
        server: String,
        tool: String,
        new_name: Option<String>,
        #[arg(long, conflicts_with = "new_name")]
        reset: bool,
    },
    /// Override a tool's description (`--reset` to undo).
    DescribeTool {
        name: String,
        server: String,
        tool: String,
        description: Option<String>,
        #[arg(long, conflicts_with = "description")]
        reset: bool,
    },
    /// Shape one parameter of a tool in a stored vMCP: fix it, give it a default, hide it,
    /// describe or rename it (`--reset` removes the rule). TOOL is the server's own name for
    /// the tool, or a glob. Values are JSON when they parse as JSON (`20`, `true`, `["a"]`),
    /// else text.
    SetArg(SetArgArgs),
    /// Set the instructions (system prompt) of a stored vMCP (`--reset` to remove them).
    SetInstructions {
        name: String,
        text: Option<String>,
        /// Read them from a file.
        #[arg(long, conflicts_with = "text")]
        file: Option<PathBuf>,
        #[arg(long, conflicts_with_all = ["text", "file"])]
        reset: bool,
    },
    /// Set the description of a stored vMCP.
    SetDescription { name: String, text: Option<String> },
}

#[derive(Debug, Args)]
pub(super) struct FilterArgs {
    name: String,
    server: String,
    #[arg(long, value_delimiter = ',', num_args = 0..)]
    tools: Option<Vec<String>>,
    #[arg(long, value_delimiter = ',', num_args = 0..)]
    exclude_tools: Option<Vec<String>>,
    #[arg(long, value_delimiter = ',', num_args = 0..)]
    prompts: Option<Vec<String>>,
    #[arg(long, value_delimiter = ',', num_args = 0..)]
    exclude_prompts: Option<Vec<String>>,
    #[arg(long, value_delimiter = ',', num_args = 0..)]
    resources: Option<Vec<String>>,
    #[arg(long, value_delimiter = ',', num_args = 0..)]
    exclude_resources: Option<Vec<String>>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("rule").required(true).args(["value", "default", "hide", "describe", "rename", "reset"])))]
pub(super) struct SetArgArgs {
    name: String,
    server: String,
    /// The tool's raw name (as its server lists it), or a glob such as `search_*`.
    tool: String,
    param: String,
    /// Always send this value; the parameter leaves the exposed schema.
    #[arg(long, value_name = "V")]
    value: Option<String>,
    /// Send this value when the client leaves the parameter out.
    #[arg(long, value_name = "V")]
    default: Option<String>,
    /// Remove the parameter from the exposed schema; it is never sent.
    #[arg(long)]
    hide: bool,
    /// The parameter's description in the exposed schema.
    #[arg(long, value_name = "TEXT")]
    describe: Option<String>,
    /// Expose the parameter under this name.
    #[arg(long, value_name = "NEW_NAME")]
    rename: Option<String>,
    /// With --value or --hide: a client may still send the parameter, and its value is used.
    #[arg(long)]
    allow_override: bool,
    /// Remove the parameter's rule.
    #[arg(long)]
    reset: bool,
}

/// `session` or `shared`.
fn scope_arg(text: &str) -> Result<Scope, String> {
    Scope::ALL
        .into_iter()
        .find(|s| s.as_str() == text)
        .ok_or_else(|| format!("`{text}` is not a scope; use `session` or `shared`"))
}

/// A value from the command line: JSON when it parses as JSON, else text.
fn arg_value(text: String) -> serde_json::Value {
    serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
}

impl SetArgArgs {
    fn into_change(self) -> anyhow::Result<(String, Change)> {
        if self.allow_override && self.value.is_none() && !self.hide {
            return Err(crate::app::InvalidInput(
                "--allow-override goes with --value or --hide".into(),
            )
            .into());
        }
        let edit = if let Some(v) = self.value {
            ArgEdit::Value {
                value: arg_value(v),
                allow_override: self.allow_override,
            }
        } else if let Some(v) = self.default {
            ArgEdit::Default(arg_value(v))
        } else if self.hide {
            ArgEdit::Hide {
                allow_override: self.allow_override,
            }
        } else if let Some(t) = self.describe {
            ArgEdit::Describe(t)
        } else if let Some(n) = self.rename {
            ArgEdit::Rename(n)
        } else {
            ArgEdit::Reset
        };
        Ok((
            self.name,
            Change::SetArg {
                server: self.server,
                tool: self.tool,
                param: self.param,
                edit,
            },
        ))
    }
}

fn nonempty(list: Option<Vec<String>>) -> Option<Vec<String>> {
    list.map(|l| l.into_iter().filter(|s| !s.is_empty()).collect())
}

pub(super) fn run(cmd: VmcpCommand, ctx: &Context) -> anyhow::Result<()> {
    match cmd {
        VmcpCommand::Create {
            name,
            servers,
            description,
            instructions,
        } => {
            let created = vmcps::create(ctx, &name, &servers, description, instructions);
            hint::on_store(created, |e| {
                matches!(e, StoreError::Exists { .. })
                    .then(|| format!("choose another name, or change it (`vmcp vmcp edit {name}`)"))
            })?;
            render::line(&format!("created vMCP `{name}`"));
        }
        VmcpCommand::List { json } => list(ctx, json)?,
        VmcpCommand::Show {
            name,
            config,
            json,
            show_secrets,
        } => show(ctx, &name, config.as_deref(), json, show_secrets)?,
        VmcpCommand::Edit { name } => {
            let changed = vmcps::edit(ctx, &name, &SystemEditor)?;
            render::line(&if changed {
                format!("saved vMCP `{name}`")
            } else {
                format!("vMCP `{name}` unchanged")
            });
        }
        VmcpCommand::Remove { name } => {
            vmcps::remove(ctx, &name)?;
            render::line(&format!("removed vMCP `{name}`"));
        }
        VmcpCommand::Export {
            name,
            config,
            output,
        } => {
            let file = vmcps::export(ctx, &name, config.as_deref())?;
            match output {
                Some(path) => {
                    std::fs::write(&path, serde_yaml::to_string(&file)?)?;
                    render::note(&format!("wrote {}", path.display()));
                }
                None => render::yaml(&file)?,
            }
        }
        other => {
            let (name, change) = into_change(other)?;
            vmcps::change(ctx, &name, change)?;
            render::line(&format!("updated vMCP `{name}`"));
        }
    }
    Ok(())
}

fn list(ctx: &Context, json: bool) -> anyhow::Result<()> {
    let list = vmcps::list(ctx)?;
    if json {
        return render::json(&list);
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|v| {
            let source = if v.active {
                v.source.to_string()
            } else {
                format!("{} (shadowed)", v.source)
            };
            vec![
                v.name.clone(),
                source,
                render::list(&v.servers),
                v.description.clone().unwrap_or_default(),
            ]
        })
        .collect();
    render::table(&["NAME", "SOURCE", "SERVERS", "DESCRIPTION"], &rows);
    Ok(())
}

fn show(
    ctx: &Context,
    name: &str,
    config: Option<&std::path::Path>,
    json: bool,
    show_secrets: bool,
) -> anyhow::Result<()> {
    let d = vmcps::show(ctx, name, config, show_secrets)?;
    if json {
        return render::json(&d);
    }
    render::line(&format!(
        "# vMCP `{}` from {} ({})",
        d.name, d.source.path, d.source.kind
    ));
    let mut file = crate::config::ConfigFile::default();
    file.servers.clone_from(&d.servers);
    file.vmcps.insert(d.name.clone(), d.vmcp.clone());
    render::yaml(&file)
}

/// The focused edits, as a change to apply.
fn into_change(cmd: VmcpCommand) -> anyhow::Result<(String, Change)> {
    Ok(match cmd {
        VmcpCommand::AddServer {
            name,
            server,
            prefix,
            scope,
        } => (
            name,
            Change::AddServer {
                server,
                prefix,
                scope,
            },
        ),
        VmcpCommand::SetScope {
            name,
            server,
            scope,
        } => (name, Change::Scope { server, scope }),
        VmcpCommand::RemoveServer { name, server } => (name, Change::RemoveServer { server }),
        VmcpCommand::Filter(f) => (
            f.name,
            Change::Filter {
                server: f.server,
                lists: FilterLists {
                    tools: nonempty(f.tools),
                    exclude_tools: nonempty(f.exclude_tools),
                    prompts: nonempty(f.prompts),
                    exclude_prompts: nonempty(f.exclude_prompts),
                    resources: nonempty(f.resources),
                    exclude_resources: nonempty(f.exclude_resources),
                },
            },
        ),
        VmcpCommand::RenameTool {
            name,
            server,
            tool,
            new_name,
            reset,
        } => {
            let exposed = if reset {
                None
            } else {
                Some(required(new_name, "NEW_NAME", "--reset")?)
            };
            (
                name,
                Change::RenameTool {
                    server,
                    raw: tool,
                    exposed,
                },
            )
        }
        VmcpCommand::DescribeTool {
            name,
            server,
            tool,
            description,
            reset,
        } => {
            let description = if reset {
                None
            } else {
                Some(required(description, "DESCRIPTION", "--reset")?)
            };
            (
                name,
                Change::DescribeTool {
                    server,
                    raw: tool,
                    description,
                },
            )
        }
        VmcpCommand::SetInstructions {
            name,
            text,
            file,
            reset,
        } => {
            let text = match (text, file, reset) {
                (_, _, true) => None,
                (Some(t), _, _) => Some(t),
                (None, Some(f), _) => Some(std::fs::read_to_string(&f)?),
                (None, None, false) => Some(required(None, "TEXT", "--file or --reset")?),
            };
            (name, Change::Instructions(text))
        }
        VmcpCommand::SetDescription { name, text } => (name, Change::Description(text)),
        VmcpCommand::SetArg(a) => a.into_change()?,
        VmcpCommand::Create { .. }
        | VmcpCommand::List { .. }
        | VmcpCommand::Show { .. }
        | VmcpCommand::Edit { .. }
        | VmcpCommand::Remove { .. }
        | VmcpCommand::Export { .. } => {
            return Err(anyhow::anyhow!("not a change to a vMCP"));
        }
    })
}

fn required(value: Option<String>, what: &str, alternative: &str) -> anyhow::Result<String> {
    value.ok_or_else(|| crate::app::InvalidInput(format!("give {what}, or {alternative}")).into())
}
