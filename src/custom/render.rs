//! Rendering a running tool's templates: its parts by name, its `env`, JSON trees whose string
//! leaves are templates. What the templates call (and what a composite step calls) goes to
//! [`Calls`], which the custom set provides for the call in progress; a tool's kind sees only
//! this.

use std::collections::BTreeMap;

use futures_util::future::BoxFuture;
use serde_json::{Map, Value};

use super::compiler::part_name;
use super::template::{Call, Engine};
use super::values::{single_expression, string_leaves, typed_part};

/// Where the calls of one running tool go.
pub(super) trait Calls: Sync {
    /// Makes one call a template asked for; the result is the text the template sees.
    fn resolve(&self, call: Call) -> BoxFuture<'_, Result<String, String>>;
    /// Calls the tool a composite step names (an exposed name, a custom tool, or
    /// `SERVER.TOOL`); the result is the `CallToolResult` JSON.
    fn call_tool<'a>(
        &'a self,
        call: &'a str,
        args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>>;
}

/// The templates of one tool, rendered for one call.
pub(super) struct Render<'a> {
    pub(super) engine: &'a Engine,
    /// The tool's name (its parts are compiled under it).
    pub(super) tool: &'a str,
    pub(super) calls: &'a dyn Calls,
}

impl Render<'_> {
    /// Renders part `part` of the tool with `vars`.
    pub(super) async fn part(
        &self,
        part: &str,
        vars: &Map<String, Value>,
    ) -> Result<String, String> {
        let rendered = self
            .engine
            .render_vars(&part_name(self.tool, part), vars, |call| {
                self.calls.resolve(call)
            })
            .await;
        match part {
            "template" => rendered,
            _ => rendered.map_err(|e| format!("rendering `{part}`: {e}")),
        }
    }

    /// Renders the `env` templates `names` of a `command` or `python` tool.
    pub(super) async fn env(
        &self,
        names: &[String],
        vars: &Map<String, Value>,
    ) -> Result<BTreeMap<String, String>, String> {
        let mut env = BTreeMap::new();
        for k in names {
            let v = self.part(&format!("env:{k}"), vars).await?;
            env.insert(k.clone(), v);
        }
        Ok(env)
    }

    /// Renders every string leaf of `tree` (compiled as part `PREFIX` + its JSON pointer).
    pub(super) async fn tree(
        &self,
        prefix: &str,
        tree: &Value,
        vars: &Map<String, Value>,
    ) -> Result<Value, String> {
        let mut out = tree.clone();
        for (pointer, source, _) in string_leaves(tree, &[]) {
            let part = format!("{prefix}{pointer}");
            let value = if single_expression(source).is_some() {
                let json = self.part(&typed_part(&part), vars).await?;
                serde_json::from_str(&json).unwrap_or(Value::String(json))
            } else {
                Value::String(self.part(&part, vars).await?)
            };
            match out.pointer_mut(&pointer) {
                Some(slot) => *slot = value,
                None => out = value,
            }
        }
        Ok(out)
    }
}
