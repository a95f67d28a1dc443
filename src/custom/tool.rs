//! A custom tool: its parameters, its timeout and what calling it does, by kind. Compiling and
//! running go to the kind (`command.rs`, `python.rs`, `http.rs`, `composite.rs`; a `prompt`
//! tool only renders its template), which sees the compiler and the renderer, nothing more.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::config::Seg;
use crate::config::custom::{ParamSpec, ToolKind};
use crate::config::duration::{ConfigDuration, format_duration};

use super::command::CommandTool;
use super::compiler::Compiler;
use super::composite::CompositeTool;
use super::http::{self, HttpTool};
use super::python::PythonTool;
use super::render::Render;
use super::results::text;
use super::secrets::Secrets;
use super::{DEFAULT_PROCESS_TIMEOUT, DEFAULT_TIMEOUT};

pub(super) struct Tool {
    pub(super) name: String,
    pub(super) description: Option<String>,
    pub(super) params: BTreeMap<String, ParamSpec>,
    pub(super) timeout: Duration,
    pub(super) exec: Exec,
    /// Names of its compiled templates.
    pub(super) parts: Vec<String>,
}

/// What calling a tool does, by kind (the templates themselves live in the engine).
pub(super) enum Exec {
    /// Renders part `template`.
    Prompt,
    Command(CommandTool),
    Python(PythonTool),
    Http(Box<HttpTool>),
    Composite(CompositeTool),
}

fn default_timeout(kind: ToolKind) -> Duration {
    match kind {
        ToolKind::Command | ToolKind::Python => DEFAULT_PROCESS_TIMEOUT,
        _ => DEFAULT_TIMEOUT,
    }
}

impl Tool {
    /// Compiles the tool `c` holds: its templates, and what running it takes. `None` when it has
    /// issues (pushed to `c.issues`).
    pub(super) fn compile(c: &mut Compiler<'_>) -> Option<Tool> {
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
        let parts = std::mem::take(&mut c.parts);
        if c.issues.len() != before {
            return None;
        }
        Some(Tool {
            name: t.name.clone(),
            description: t.description.clone(),
            params,
            timeout: t.timeout.map_or_else(
                || match &exec {
                    Exec::Http(h) => h.timeout() + Duration::from_secs(5),
                    _ => default_timeout(t.kind),
                },
                ConfigDuration::get,
            ),
            exec,
            parts,
        })
    }

    /// Runs the tool with `vars` (`param`, `config`); the result is `CallToolResult` JSON, an
    /// error the message of a failed call. An HTTP tool sends its request with `client` and
    /// keeps `secrets` out of its errors.
    pub(super) async fn run(
        &self,
        r: &Render<'_>,
        vars: &Map<String, Value>,
        secrets: &Secrets,
        client: &http::Client,
    ) -> Result<Value, String> {
        match &self.exec {
            Exec::Prompt => r.part("template", vars).await.map(|t| text(&t)),
            Exec::Command(spec) => Box::pin(spec.run(r, vars)).await,
            Exec::Python(spec) => Box::pin(spec.run(r, vars)).await,
            Exec::Http(spec) => Box::pin(spec.run(r, vars, secrets, client)).await,
            Exec::Composite(spec) => Box::pin(spec.run(r, vars)).await,
        }
    }

    /// The error of a call that ran out of time.
    pub(super) fn timed_out(&self) -> String {
        let what = match self.exec {
            Exec::Prompt | Exec::Http(_) | Exec::Composite(_) => "",
            Exec::Command(_) | Exec::Python(_) => " (its process group was killed)",
        };
        format!(
            "did not finish within {}{what}",
            format_duration(self.timeout)
        )
    }
}
