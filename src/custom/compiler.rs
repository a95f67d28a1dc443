//! The compiler a tool's kind is compiled with when its definition loads: every template the
//! tool holds (the prompt template, a command's arguments, an HTTP request's parts, composite
//! steps) is parsed into the engine under a name derived from the tool's; syntax errors become
//! located issues naming the vMCP, the item and the line.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::config::custom::CustomTool;
use crate::config::{Issue, Seg};

use super::template::{CompileError, Engine};
use super::values::{single_expression, string_leaves, typed_part};

/// The name under which tool `name`'s template is compiled.
pub(super) fn tool_template(name: &str) -> String {
    format!("tool:{name}")
}

/// The name under which prompt `name`'s template is compiled.
pub(super) fn prompt_template(name: &str) -> String {
    format!("prompt:{name}")
}

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

pub(super) fn template_message(vmcp: &str, what: &str, name: &str, e: &CompileError) -> String {
    match e.line {
        Some(line) => format!(
            "template of {what} `{name}` (vMCP `{vmcp}`), line {line}: {}",
            e.message
        ),
        None => format!("template of {what} `{name}` (vMCP `{vmcp}`): {}", e.message),
    }
}
