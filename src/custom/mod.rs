//! Custom tools, prompts and resources of one vMCP, compiled from its definition and executed
//! on request. Knows nothing of sessions: calls to other tools go through a [`Host`].
//!
//! Tools of every kind: `prompt` (a template rendered into a text result), `command` (a
//! program run with rendered arguments, see `command.rs` and `process.rs`), `python` (a `main`
//! function run by the interpreter, see `python.rs`), `http` (one request built from templates,
//! see `http.rs`) and `composite` (steps calling other tools, see `composite.rs`); custom prompts
//! (a template rendered into one user message) and custom resources (`text` or `file`). Calls a
//! template makes to the custom items of its own vMCP (server `vmcp`) are handled here, with a
//! depth limit, and never reach the host; every other server goes to the host.

mod command;
mod compile;
mod composite;
mod dry;
mod error;
mod host;
mod http;
pub mod instructions;
mod listing;
pub mod mention;
pub mod params;
mod process;
mod python;
mod resource;
mod results;
mod secrets;
mod stray;
pub mod template;
mod values;

pub use compile::template_issues;
pub use error::CustomError;
pub use host::Host;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::future::BoxFuture;
use serde_json::{Map, Value, json};

use crate::config::custom::{ParamSpec, PromptArgument, ToolKind};
use crate::config::custom_validate::validate_custom;
use crate::config::duration::{ConfigDuration, format_duration};
use crate::config::{Issue, Seg, VmcpConfig};

use compile::{Compiler, compile_tool, part_name, template_message};
use results::{describe_call, prompt_text, resource_text, tool_text};
use template::{Call, CallKind, Engine, Limits};

/// The server name templates use for the vMCP's own custom tools, prompts and resources.
pub const SELF_SERVER: &str = "vmcp";
/// How deep custom items may call each other through `@tool.vmcp…`.
pub const MAX_DEPTH: usize = 4;
/// A custom tool or prompt without its own `timeout` may take this long, inner calls included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);
/// The default `timeout` of `command` and `python` tools.
pub const DEFAULT_PROCESS_TIMEOUT: Duration = Duration::from_secs(60);
/// Largest `file:` resource served.
pub const MAX_RESOURCE_FILE: u64 = 8 * 1024 * 1024;

struct Tool {
    name: String,
    description: Option<String>,
    params: BTreeMap<String, ParamSpec>,
    timeout: Duration,
    exec: Exec,
    /// Names of its compiled templates.
    parts: Vec<String>,
}

/// What calling a tool does, by kind (the templates themselves live in the engine).
enum Exec {
    /// Renders part `template`.
    Prompt,
    Command(command::CommandTool),
    Python(python::PythonTool),
    Http(Box<http::HttpTool>),
    Composite(composite::CompositeTool),
}

fn default_timeout(kind: ToolKind) -> Duration {
    match kind {
        ToolKind::Command | ToolKind::Python => DEFAULT_PROCESS_TIMEOUT,
        _ => DEFAULT_TIMEOUT,
    }
}

struct Prompt {
    name: String,
    description: Option<String>,
    arguments: Vec<PromptArgument>,
}

enum Content {
    Text(String),
    File(PathBuf),
}

struct Resource {
    uri: String,
    name: String,
    description: Option<String>,
    mime_type: Option<String>,
    content: Content,
}

/// Everything custom of one vMCP, compiled.
pub struct CustomSet {
    engine: Engine,
    config: Map<String, Value>,
    /// Its `${env:…}` config values, never shown by vmcp itself.
    secrets: secrets::Secrets,
    tools: Vec<Tool>,
    prompts: Vec<Prompt>,
    resources: Vec<Resource>,
}

/// Maps an argument problem of item `name` to its error.
fn invalid_args(name: &str) -> impl FnOnce(String) -> CustomError + '_ {
    move |message| CustomError::InvalidArguments {
        name: name.to_string(),
        message,
    }
}

fn tool_template(name: &str) -> String {
    format!("tool:{name}")
}

fn prompt_template(name: &str) -> String {
    format!("prompt:{name}")
}

impl CustomSet {
    /// Compiles a vMCP's custom tools, prompts and resources; problems are located issues.
    /// `config_values` are the vMCP's `config` with `${env:…}` expanded
    /// (`crate::config::custom_validate::config_values`); `base_dir` anchors `file:` paths.
    pub fn compile(
        vmcp: &str,
        cfg: &VmcpConfig,
        config_values: BTreeMap<String, String>,
        base_dir: &Path,
    ) -> Result<CustomSet, Vec<Issue>> {
        let mut issues = validate_custom(vmcp, cfg);
        let mut engine = Engine::new(Limits::default());
        let at = |parts: &[Seg]| {
            let mut p = vec![Seg::from("vmcps"), Seg::from(vmcp)];
            p.extend_from_slice(parts);
            p
        };
        let mut tools = Vec::new();
        for (i, t) in cfg.tools.iter().enumerate() {
            let mut c = Compiler {
                engine: &mut engine,
                vmcp,
                tool: t,
                base_dir,
                at: at(&[Seg::from("tools"), Seg::Index(i)]),
                issues: Vec::new(),
                parts: Vec::new(),
            };
            let compiled = compile_tool(&mut c);
            issues.append(&mut c.issues);
            let parts = std::mem::take(&mut c.parts);
            let Some((exec, params)) = compiled else {
                continue;
            };
            tools.push(Tool {
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
            });
        }
        let mut prompts = Vec::new();
        for (i, p) in cfg.prompts.iter().enumerate() {
            if let Err(e) = engine.add(&prompt_template(&p.name), &p.template) {
                issues.push(Issue {
                    path: at(&[Seg::from("prompts"), Seg::Index(i), Seg::from("template")]),
                    at_key: false,
                    message: template_message(vmcp, "prompt", &p.name, &e),
                    hint: None,
                });
                continue;
            }
            prompts.push(Prompt {
                name: p.name.clone(),
                description: p.description.clone(),
                arguments: p.arguments.clone(),
            });
        }
        let resources = cfg
            .resources
            .iter()
            .map(|r| Resource {
                uri: r.uri.clone(),
                name: r.name.clone(),
                description: r.description.clone(),
                mime_type: r.mime_type.clone(),
                content: match (&r.text, &r.file) {
                    (Some(t), _) => Content::Text(t.clone()),
                    (None, f) => Content::File(base_dir.join(f.as_deref().unwrap_or_default())),
                },
            })
            .collect();
        if !issues.is_empty() {
            return Err(issues);
        }
        Ok(CustomSet {
            engine,
            secrets: secrets::Secrets::of_config(&cfg.config, &config_values),
            config: config_values
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect(),
            tools,
            prompts,
            resources,
        })
    }

    /// Runs custom tool `name`; the result is `CallToolResult` JSON.
    pub async fn call_tool(
        &self,
        name: &str,
        args: Map<String, Value>,
        host: &dyn Host,
    ) -> Result<Value, CustomError> {
        self.call_tool_at(name, args, host, 0).await
    }

    /// Renders custom prompt `name`; the result is `GetPromptResult` JSON.
    pub async fn get_prompt(
        &self,
        name: &str,
        args: Map<String, Value>,
        host: &dyn Host,
    ) -> Result<Value, CustomError> {
        self.get_prompt_at(name, args, host, 0).await
    }

    /// Reads custom resource `uri` (`None`: not a custom resource); `ReadResourceResult` JSON.
    pub async fn read_resource(&self, uri: &str) -> Result<Option<Value>, CustomError> {
        let Some(r) = self.resources.iter().find(|r| r.uri == uri) else {
            return Ok(None);
        };
        let item = resource::read(r)
            .await
            .map_err(|message| CustomError::Failed {
                name: uri.to_string(),
                message,
            })?;
        Ok(Some(json!({ "contents": [item] })))
    }

    /// Custom tool `name` and the template variables of a call to it (`param`, checked against
    /// its parameters, and `config`).
    fn prepare_tool(
        &self,
        name: &str,
        args: Map<String, Value>,
    ) -> Result<(&Tool, Map<String, Value>), CustomError> {
        let tool = self
            .tools
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| CustomError::UnknownTool(name.to_string()))?;
        let param = params::check_args(&tool.params, args).map_err(invalid_args(name))?;
        let mut vars = Map::new();
        vars.insert("param".into(), Value::Object(param));
        vars.insert("config".into(), Value::Object(self.config.clone()));
        Ok((tool, vars))
    }

    fn call_tool_at<'a>(
        &'a self,
        name: &'a str,
        args: Map<String, Value>,
        host: &'a dyn Host,
        depth: usize,
    ) -> BoxFuture<'a, Result<Value, CustomError>> {
        Box::pin(async move {
            let (tool, vars) = self.prepare_tool(name, args)?;
            let run = async {
                match &tool.exec {
                    Exec::Prompt => self
                        .render_part(name, "template", &vars, host, depth)
                        .await
                        .map(|text| json!({ "content": [{ "type": "text", "text": text }] })),
                    Exec::Command(spec) => {
                        Box::pin(self.run_command(name, spec, &vars, host, depth)).await
                    }
                    Exec::Python(spec) => {
                        Box::pin(self.run_python(name, spec, &vars, host, depth)).await
                    }
                    Exec::Http(spec) => {
                        Box::pin(self.run_http(name, spec, &vars, host, depth)).await
                    }
                    Exec::Composite(spec) => {
                        Box::pin(self.run_composite(name, spec, &vars, host, depth)).await
                    }
                }
            };
            match tokio::time::timeout(tool.timeout, Box::pin(run)).await {
                Ok(Ok(v)) => Ok(v),
                Ok(Err(message)) => Err(CustomError::Failed {
                    name: name.to_string(),
                    message,
                }),
                Err(_) => Err(CustomError::Failed {
                    name: name.to_string(),
                    message: timed_out(tool),
                }),
            }
        })
    }

    /// Renders part `part` of tool `tool` with `vars`.
    async fn render_part(
        &self,
        tool: &str,
        part: &str,
        vars: &Map<String, Value>,
        host: &dyn Host,
        depth: usize,
    ) -> Result<String, String> {
        let rendered = self
            .engine
            .render_vars(&part_name(tool, part), vars, |call| {
                self.resolve(call, host, depth)
            })
            .await;
        match part {
            "template" => rendered,
            _ => rendered.map_err(|e| format!("rendering `{part}`: {e}")),
        }
    }

    fn get_prompt_at<'a>(
        &'a self,
        name: &'a str,
        args: Map<String, Value>,
        host: &'a dyn Host,
        depth: usize,
    ) -> BoxFuture<'a, Result<Value, CustomError>> {
        Box::pin(async move {
            let prompt = self
                .prompts
                .iter()
                .find(|p| p.name == name)
                .ok_or_else(|| CustomError::UnknownPrompt(name.to_string()))?;
            let param =
                params::check_prompt_args(&prompt.arguments, args).map_err(invalid_args(name))?;
            let text = self
                .render(
                    &prompt_template(name),
                    name,
                    &param,
                    host,
                    depth,
                    DEFAULT_TIMEOUT,
                )
                .await?;
            let mut v = json!({
                "messages": [{ "role": "user", "content": { "type": "text", "text": text } }]
            });
            if let Some(d) = &prompt.description {
                v["description"] = d.as_str().into();
            }
            Ok(v)
        })
    }

    async fn render(
        &self,
        template: &str,
        name: &str,
        param: &Map<String, Value>,
        host: &dyn Host,
        depth: usize,
        timeout: Duration,
    ) -> Result<String, CustomError> {
        let failed = |message: String| CustomError::Failed {
            name: name.to_string(),
            message,
        };
        let render = self.engine.render(template, param, &self.config, |call| {
            self.resolve(call, host, depth)
        });
        match tokio::time::timeout(timeout, render).await {
            Ok(Ok(text)) => Ok(text),
            Ok(Err(message)) => Err(failed(message)),
            Err(_) => Err(failed(format!(
                "did not finish within {}",
                format_duration(timeout)
            ))),
        }
    }

    /// Makes one call a template asked for; the result is the text the template sees.
    fn resolve<'a>(
        &'a self,
        call: Call,
        host: &'a dyn Host,
        depth: usize,
    ) -> BoxFuture<'a, Result<String, String>> {
        Box::pin(async move {
            let what = describe_call(&call);
            if host.dry_run() {
                return Ok(format!("<{what}>"));
            }
            let own = call.server == SELF_SERVER;
            if own && depth + 1 > MAX_DEPTH {
                return Err(format!(
                    "{what}: custom items call each other more than {MAX_DEPTH} levels deep"
                ));
            }
            let result = match (call.kind, own) {
                (CallKind::Tool, true) => self
                    .call_tool_at(&call.name, call.args, host, depth + 1)
                    .await
                    .map_err(|e| e.to_string()),
                (CallKind::Prompt, true) => self
                    .get_prompt_at(&call.name, call.args, host, depth + 1)
                    .await
                    .map_err(|e| e.to_string()),
                (CallKind::Resource, true) => match self.read_resource(&call.name).await {
                    Ok(Some(v)) => Ok(v),
                    Ok(None) => Err(format!("no custom resource `{}`", call.name)),
                    Err(e) => Err(e.to_string()),
                },
                (CallKind::Tool, false) => {
                    host.call_tool(&call.server, &call.name, call.args).await
                }
                (CallKind::Prompt, false) => {
                    host.get_prompt(&call.server, &call.name, call.args).await
                }
                (CallKind::Resource, false) => host.read_resource(&call.server, &call.name).await,
            };
            let value = result.map_err(|e| format!("{what} failed: {e}"))?;
            let text = match call.kind {
                CallKind::Tool => tool_text(&value),
                CallKind::Prompt => Ok(prompt_text(&value)),
                CallKind::Resource => resource_text(&value),
            };
            text.map_err(|e| format!("{what} {e}"))
        })
    }
}

fn timed_out(tool: &Tool) -> String {
    let what = match tool.exec {
        Exec::Prompt | Exec::Http(_) | Exec::Composite(_) => "",
        Exec::Command(_) | Exec::Python(_) => " (its process group was killed)",
    };
    format!(
        "did not finish within {}{what}",
        format_duration(tool.timeout)
    )
}

#[cfg(test)]
#[path = "custom_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "kinds_tests.rs"]
mod kinds_tests;

#[cfg(test)]
mod fuzz_tests;
