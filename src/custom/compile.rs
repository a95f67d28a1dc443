//! Compiling a tool when its definition loads: every template it holds (the prompt template, a
//! command's arguments, an HTTP request's parts, composite steps) is parsed and stored under a
//! name derived from the tool's; syntax errors become located issues naming the vMCP, the item
//! and the line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::config::custom::{CustomTool, ParamSpec, ToolKind};
use crate::config::{Issue, Seg, VmcpConfig};

use super::template::{CompileError, Engine};
use super::values::{single_expression, typed_part};
use super::{CustomSet, Exec, instructions, tool_template};

/// The name under which part `part` of tool `tool` is compiled (`tool:NAME#part`).
pub(super) fn part_name(tool: &str, part: &str) -> String {
    format!("{}#{part}", tool_template(tool))
}

/// What compiling one tool needs and collects.
pub(super) struct Compiler<'a> {
    pub(super) engine: &'a mut Engine,
    pub(super) vmcp: &'a str,
    pub(super) tool: &'a CustomTool,
    pub(super) base_dir: &'a Path,
    /// The issue path of the tool (`vmcps.V.tools[i]`).
    pub(super) at: Vec<Seg>,
    pub(super) issues: Vec<Issue>,
    /// The names of the templates compiled for this tool.
    pub(super) parts: Vec<String>,
}

impl Compiler<'_> {
    /// The issue path of a field of the tool.
    pub(super) fn path(&self, parts: &[Seg]) -> Vec<Seg> {
        let mut p = self.at.clone();
        p.extend_from_slice(parts);
        p
    }

    /// Compiles `source` as part `part` of the tool; `path` locates it for errors.
    pub(super) fn add(&mut self, part: &str, source: &str, path: &[Seg]) -> bool {
        let name = part_name(&self.tool.name, part);
        let added = self.engine.add(&name, source);
        let ok = added.is_ok();
        if ok {
            self.parts.push(name.clone());
        }
        if let Err(e) = added {
            let issue = Issue {
                path: self.path(path),
                at_key: false,
                message: template_message(self.vmcp, "tool", &self.tool.name, &e),
                hint: None,
            };
            self.issues.push(issue);
        }
        ok
    }

    /// Compiles every string leaf of `value` as part `PREFIX` + its JSON pointer.
    pub(super) fn add_json(&mut self, prefix: &str, value: &Value, path: &[Seg]) {
        for (pointer, source, at) in string_leaves(value, path) {
            let part = format!("{prefix}{pointer}");
            if self.add(&part, source, &at)
                && let Some(expr) = single_expression(source)
            {
                let typed = format!("{{{{ ({expr}) | tojson }}}}");
                self.add(&typed_part(&part), &typed, &at);
            }
        }
    }

    /// A working directory given relative to the definition file; by default the definition
    /// file's directory, or the temporary directory for definitions that are not files.
    pub(super) fn dir(&self, dir: Option<&str>) -> PathBuf {
        match dir {
            Some(d) => self.base_dir.join(d),
            None if self.base_dir.is_dir() => self.base_dir.to_path_buf(),
            None => std::env::temp_dir(),
        }
    }

    pub(super) fn issue(&mut self, path: &[Seg], message: String, hint: Option<String>) {
        let issue = Issue {
            path: self.path(path),
            at_key: false,
            message,
            hint,
        };
        self.issues.push(issue);
    }
}

/// The string leaves of a JSON value: (JSON pointer, text, issue path).
pub(super) fn string_leaves<'v>(
    value: &'v Value,
    path: &[Seg],
) -> Vec<(String, &'v str, Vec<Seg>)> {
    fn walk<'v>(
        v: &'v Value,
        pointer: &mut String,
        path: &mut Vec<Seg>,
        out: &mut Vec<(String, &'v str, Vec<Seg>)>,
    ) {
        match v {
            Value::String(s) => out.push((pointer.clone(), s, path.clone())),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    path.push(Seg::Index(i));
                    walk(item, pointer, path, out);
                    path.pop();
                    pointer.truncate(len);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    path.push(Seg::from(k.as_str()));
                    walk(item, pointer, path, out);
                    path.pop();
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut String::new(), &mut path.to_vec(), &mut out);
    out
}

/// Compiles one tool: its templates, and what running it takes. `None` when it has issues
/// (pushed to `c.issues`).
pub(super) fn compile_tool(c: &mut Compiler<'_>) -> Option<(Exec, BTreeMap<String, ParamSpec>)> {
    let t = c.tool;
    let before = c.issues.len();
    let mut params = t.params.clone();
    let exec = match t.kind {
        ToolKind::Prompt => {
            if let Some(source) = &t.template {
                c.add("template", source, &[Seg::from("template")]);
            }
            Exec::Prompt
        }
        ToolKind::Command => Exec::Command(super::command::compile(c)),
        ToolKind::Http => match super::http::compile(c) {
            Some(h) => Exec::Http(Box::new(h)),
            // No `request`: reported by validation.
            None => Exec::Prompt,
        },
        ToolKind::Python => {
            let (exec, derived) = super::python::compile(c);
            if params.is_empty() {
                params = derived;
            }
            Exec::Python(exec)
        }
        ToolKind::Composite => Exec::Composite(super::composite::compile(c)),
    };
    (c.issues.len() == before).then_some((exec, params))
}

/// Every template of vMCP `vmcp` (tools, prompts, instructions) compiled and dropped: the issues
/// `vmcp import` refuses a definition for, so nothing is stored that no command could open.
/// `${env:…}` config values are not expanded (they may be set only where the vMCP runs).
pub fn template_issues(vmcp: &str, cfg: &VmcpConfig, base_dir: &Path) -> Vec<Issue> {
    let mut issues = CustomSet::compile(vmcp, cfg, BTreeMap::new(), base_dir)
        .err()
        .unwrap_or_default();
    if let Some(text) = &cfg.instructions
        && instructions::is_template(text)
        && let Err(message) = instructions::check(text)
    {
        issues.push(instructions::issue(vmcp, &message));
    }
    issues
}

pub(super) fn template_message(vmcp: &str, what: &str, name: &str, e: &CompileError) -> String {
    match e.line {
        Some(line) => format!(
            "template of {what} `{name}` (vMCP `{vmcp}`), line {line}: {}",
            e.message
        ),
        None => format!("template of {what} `{name}` (vMCP `{vmcp}`): {}", e.message),
    }
}
