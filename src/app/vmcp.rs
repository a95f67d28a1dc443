//! `vmcp vmcp …`: vMCP definitions in the store, and read access to whichever source defines one.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::context::Context;
use super::definition::edit::{Editor, edit_yaml};
use super::definition::redact;
use super::definition::source::{self, Source};
use super::{InvalidInput, located};
use crate::config::glob::Glob;
use crate::config::names::check_name;
use crate::config::validate::validate_vmcp;
use crate::config::{
    ArgOverride, ConfigFile, Scope, Selection, Selections, ServerConfig, VmcpConfig,
};
use crate::store::StoreError;

/// One vMCP in `vmcp vmcp list` (also the `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct VmcpSummary {
    pub name: String,
    /// `store` or `default-file`.
    pub source: &'static str,
    pub description: Option<String>,
    pub servers: Vec<String>,
    /// False when another source with higher precedence defines the same name.
    pub active: bool,
}

/// A vMCP as `vmcp vmcp show` prints it (also the `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct VmcpDetails {
    pub name: String,
    pub source: SourceView,
    pub vmcp: VmcpConfig,
    pub servers: BTreeMap<String, ServerConfig>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SourceView {
    pub kind: &'static str,
    pub path: String,
}

impl From<&Source> for SourceView {
    fn from(s: &Source) -> Self {
        SourceView {
            kind: s.kind(),
            path: s.path().display().to_string(),
        }
    }
}

/// A focused change to a stored vMCP.
#[derive(Debug, Clone)]
pub(crate) enum Change {
    AddServer {
        server: String,
        prefix: Option<String>,
        scope: Option<Scope>,
    },
    /// How many instances `vmcp serve` runs of one server (`scope`).
    Scope {
        server: String,
        scope: Scope,
    },
    RemoveServer {
        server: String,
    },
    /// Allow/deny lists; `None` leaves a list as it is, `Some(vec![])` clears a deny-list or
    /// (for an allow-list) removes it, which allows everything.
    Filter {
        server: String,
        lists: FilterLists,
    },
    RenameTool {
        server: String,
        raw: String,
        exposed: Option<String>,
    },
    DescribeTool {
        server: String,
        raw: String,
        description: Option<String>,
    },
    /// Shapes one parameter of a tool (`args`); the tool may be a glob.
    SetArg {
        server: String,
        tool: String,
        param: String,
        edit: ArgEdit,
    },
    Instructions(Option<String>),
    Description(Option<String>),
}

/// One change to a parameter's rule; the rule's other fields stay (validation refuses the
/// combinations that contradict each other).
#[derive(Debug, Clone)]
pub(crate) enum ArgEdit {
    Value {
        value: serde_json::Value,
        allow_override: bool,
    },
    Default(serde_json::Value),
    Hide {
        allow_override: bool,
    },
    Describe(String),
    Rename(String),
    /// Removes the parameter's rule (and the tool's entry when it was the last).
    Reset,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct FilterLists {
    pub tools: Option<Vec<String>>,
    pub exclude_tools: Option<Vec<String>>,
    pub prompts: Option<Vec<String>>,
    pub exclude_prompts: Option<Vec<String>>,
    pub resources: Option<Vec<String>>,
    pub exclude_resources: Option<Vec<String>>,
}

pub(crate) fn create(
    ctx: &Context,
    name: &str,
    servers: &[String],
    description: Option<String>,
    instructions: Option<String>,
) -> anyhow::Result<VmcpConfig> {
    check_name("vMCP", name).map_err(InvalidInput)?;
    let vmcp = VmcpConfig {
        description,
        instructions,
        servers: Selections(
            servers
                .iter()
                .map(|s| (s.clone(), Selection::default()))
                .collect(),
        ),
        ..VmcpConfig::default()
    };
    ctx.store.put_vmcp(name, &vmcp, false)?;
    Ok(vmcp)
}

/// Every vMCP of the default file and the store.
pub(crate) fn list(ctx: &Context) -> anyhow::Result<Vec<VmcpSummary>> {
    let mut out = Vec::new();
    let file_names: Vec<String> = if ctx.paths.config_file.exists() {
        let doc = super::definition::resolve::load(&ctx.paths.config_file)?;
        for (name, v) in &doc.file.vmcps {
            out.push(summary(name, v, "default-file", true));
        }
        doc.file.vmcps.into_keys().collect()
    } else {
        Vec::new()
    };
    for (name, v) in ctx.store.vmcps()? {
        let active = !file_names.contains(&name);
        out.push(summary(&name, &v, "store", active));
    }
    Ok(out)
}

fn summary(name: &str, v: &VmcpConfig, source: &'static str, active: bool) -> VmcpSummary {
    VmcpSummary {
        name: name.to_string(),
        source,
        description: v.description.clone(),
        servers: v.servers.0.keys().cloned().collect(),
        active,
    }
}

/// The vMCP `name` from whichever source wins (as `vmcp stdio` would pick it).
pub(crate) fn show(
    ctx: &Context,
    name: &str,
    explicit: Option<&Path>,
    show_secrets: bool,
) -> anyhow::Result<VmcpDetails> {
    let found = source::find(name, explicit, &ctx.paths, &ctx.store)?;
    let def = found.definition()?;
    let servers = def
        .vmcp
        .servers
        .0
        .keys()
        .filter_map(|s| def.servers.get(s).map(|c| (s.clone(), c)))
        .map(|(s, c)| {
            (
                s,
                if show_secrets {
                    c.clone()
                } else {
                    redact::server(c)
                },
            )
        })
        .collect();
    Ok(VmcpDetails {
        name: name.to_string(),
        source: SourceView::from(&found.source),
        vmcp: def.vmcp.clone(),
        servers,
    })
}

/// A definition file holding the vMCP and exactly the servers it uses (secrets included: an
/// export must import back identically).
pub(crate) fn export(
    ctx: &Context,
    name: &str,
    explicit: Option<&Path>,
) -> anyhow::Result<ConfigFile> {
    let found = source::find(name, explicit, &ctx.paths, &ctx.store)?;
    let def = found.definition()?;
    let mut file = ConfigFile::default();
    for server in def.vmcp.servers.0.keys() {
        if let Some(s) = def.servers.get(server) {
            file.servers.insert(server.clone(), s.clone());
        }
    }
    file.vmcps.insert(name.to_string(), def.vmcp.clone());
    Ok(file)
}

pub(crate) fn remove(ctx: &Context, name: &str) -> anyhow::Result<()> {
    Ok(ctx.store.remove_vmcp(name)?)
}

/// Checks a changed vMCP against the stored servers (rename targets, prefixes, references).
fn check(ctx: &Context, name: &str, vmcp: &VmcpConfig) -> anyhow::Result<()> {
    let mut file = ConfigFile {
        servers: ctx.store.servers()?,
        ..ConfigFile::default()
    };
    file.vmcps.insert(name.to_string(), vmcp.clone());
    let issues = validate_vmcp(&file, name, vmcp);
    if issues.is_empty() {
        Ok(())
    } else {
        Err(located(Path::new("command line"), &issues).into())
    }
}

fn globs(list: Vec<String>) -> Vec<Glob> {
    list.into_iter().map(Glob::new).collect()
}

fn selection<'a>(v: &'a mut VmcpConfig, server: &str) -> Result<&'a mut Selection, StoreError> {
    v.servers
        .0
        .get_mut(server)
        .ok_or_else(|| StoreError::not_found("server in this vMCP", server))
}

fn apply(v: &mut VmcpConfig, change: Change) -> Result<(), StoreError> {
    match change {
        Change::AddServer {
            server,
            prefix,
            scope,
        } => {
            let sel = v.servers.0.entry(server).or_default();
            if prefix.is_some() {
                sel.prefix = prefix;
            }
            if scope.is_some() {
                sel.scope = scope;
            }
        }
        // The default is written as no key, so a definition says only what was chosen.
        Change::Scope { server, scope } => {
            selection(v, &server)?.scope = (scope != Scope::default()).then_some(scope);
        }
        Change::RemoveServer { server } => {
            v.servers
                .0
                .remove(&server)
                .ok_or(StoreError::not_found("server in this vMCP", server))?;
        }
        Change::Filter { server, lists } => {
            let sel = selection(v, &server)?;
            let allow = |l: Option<Vec<String>>, slot: &mut Option<Vec<Glob>>| {
                if let Some(l) = l {
                    *slot = if l.is_empty() { None } else { Some(globs(l)) };
                }
            };
            let deny = |l: Option<Vec<String>>, slot: &mut Vec<Glob>| {
                if let Some(l) = l {
                    *slot = globs(l);
                }
            };
            allow(lists.tools, &mut sel.tools);
            allow(lists.prompts, &mut sel.prompts);
            allow(lists.resources, &mut sel.resources);
            deny(lists.exclude_tools, &mut sel.exclude_tools);
            deny(lists.exclude_prompts, &mut sel.exclude_prompts);
            deny(lists.exclude_resources, &mut sel.exclude_resources);
        }
        Change::RenameTool {
            server,
            raw,
            exposed,
        } => {
            let sel = selection(v, &server)?;
            match exposed {
                Some(e) => {
                    sel.rename.insert(raw, e);
                }
                None => {
                    sel.rename.remove(&raw);
                }
            }
        }
        Change::DescribeTool {
            server,
            raw,
            description,
        } => {
            let sel = selection(v, &server)?;
            match description {
                Some(d) => {
                    sel.describe.insert(raw, d);
                }
                None => {
                    sel.describe.remove(&raw);
                }
            }
        }
        Change::SetArg {
            server,
            tool,
            param,
            edit,
        } => set_arg(selection(v, &server)?, tool, param, edit)?,
        Change::Instructions(i) => v.instructions = i,
        Change::Description(d) => v.description = d,
    }
    Ok(())
}

fn set_arg(
    sel: &mut Selection,
    tool: String,
    param: String,
    edit: ArgEdit,
) -> Result<(), StoreError> {
    if let ArgEdit::Reset = edit {
        let removed = sel
            .args
            .get_mut(&tool)
            .and_then(|params| params.remove(&param));
        if removed.is_none() {
            return Err(StoreError::not_found(
                "argument rule",
                format!("{tool}.{param}"),
            ));
        }
        if sel.args.get(&tool).is_some_and(BTreeMap::is_empty) {
            sel.args.remove(&tool);
        }
        return Ok(());
    }
    let rule = sel.args.entry(tool).or_default().entry(param).or_default();
    let allow = |allow_override: bool| allow_override.then_some(ArgOverride::Allow);
    match edit {
        ArgEdit::Value {
            value,
            allow_override,
        } => {
            rule.value = Some(value);
            rule.override_ = allow(allow_override);
        }
        ArgEdit::Default(value) => rule.default = Some(value),
        ArgEdit::Hide { allow_override } => {
            rule.hide = true;
            rule.override_ = allow(allow_override);
        }
        ArgEdit::Describe(text) => rule.describe = Some(text),
        ArgEdit::Rename(name) => rule.rename = Some(name),
        ArgEdit::Reset => {}
    }
    Ok(())
}

/// Applies a focused change to a stored vMCP, atomically, after validating the result.
pub(crate) fn change(ctx: &Context, name: &str, change: Change) -> anyhow::Result<VmcpConfig> {
    let current = ctx
        .store
        .vmcp(name)?
        .ok_or_else(|| StoreError::not_found("vMCP", name))?;
    let mut preview = current;
    apply(&mut preview, change.clone())?;
    check(ctx, name, &preview)?;
    Ok(ctx.store.update_vmcp(name, |v| apply(v, change))?)
}

/// Opens the vMCP's YAML in the editor; saves it only if it is valid.
pub(crate) fn edit(ctx: &Context, name: &str, editor: &dyn Editor) -> anyhow::Result<bool> {
    let current = ctx
        .store
        .vmcp(name)?
        .ok_or_else(|| StoreError::not_found("vMCP", name))?;
    let mut file = ConfigFile::default();
    file.vmcps.insert(name.to_string(), current.clone());
    let stored_servers = ctx.store.servers()?;
    let edited = edit_yaml(editor, &file, &format!("vmcp-{name}"), |f| {
        let mut issues = Vec::new();
        let mut with_servers = f.clone();
        with_servers.servers.extend(stored_servers.clone());
        for (n, v) in &f.vmcps {
            issues.extend(validate_vmcp(&with_servers, n, v));
        }
        if f.vmcps.len() != 1 || !f.vmcps.contains_key(name) || !f.servers.is_empty() {
            issues.push(crate::config::Issue {
                path: vec![crate::config::Seg::from("vmcps")],
                at_key: true,
                message: format!("edit exactly the one vMCP `{name}`"),
                hint: None,
            });
        }
        issues
    })?;
    let Some(vmcp) = edited.and_then(|f| f.vmcps.get(name).cloned()) else {
        return Ok(false);
    };
    if vmcp == current {
        return Ok(false);
    }
    ctx.store.put_vmcp(name, &vmcp, true)?;
    Ok(true)
}
