//! `CustomSet`: everything custom of one vMCP, compiled — its tools, prompts and resources, the
//! template engine that holds their templates, and its `config` values. Runs a call of a tool
//! or prompt under its timeout, and makes the calls their templates and composite steps make:
//! to the vMCP's own items here (with a depth limit), to every other server through the
//! [`Host`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::future::BoxFuture;
use serde_json::{Map, Value, json};

use crate::config::custom::{CustomPrompt, CustomResource, CustomTool, PromptArgument};
use crate::config::custom_validate::validate_custom;
use crate::config::duration::format_duration;
use crate::config::{Issue, Seg, VmcpConfig};

use super::compiler::{Compiler, prompt_template, template_message};
use super::composite::CompositeTool;
use super::error::CustomError;
use super::host::Host;
use super::render::{Calls, Render};
use super::resource::{Content, Resource};
use super::results::{describe_call, prompt_text, resource_text, tool_text};
use super::secrets::Secrets;
use super::template::{Call, CallKind, Engine, Limits};
use super::tool::{Exec, Tool};
use super::{DEFAULT_TIMEOUT, MAX_DEPTH, SELF_SERVER, http, params, resource};

pub(super) struct Prompt {
    pub(super) name: String,
    pub(super) description: Option<String>,
    pub(super) arguments: Vec<PromptArgument>,
}

/// Everything custom of one vMCP, compiled.
pub(crate) struct CustomSet {
    pub(super) engine: Engine,
    config: Map<String, Value>,
    /// Its `${env:…}` config values, never shown by vmcp itself.
    pub(super) secrets: Secrets,
    pub(super) tools: Vec<Tool>,
    pub(super) prompts: Vec<Prompt>,
    pub(super) resources: Vec<Resource>,
    /// The client its `http` tools share.
    http: http::Client,
    /// What it was compiled from.
    source: Source,
}

/// What a set is compiled from: two sets compiled from equal sources behave alike, so a reload
/// that compiles the same definition again changes nothing.
#[derive(PartialEq)]
struct Source {
    tools: Vec<CustomTool>,
    prompts: Vec<CustomPrompt>,
    resources: Vec<CustomResource>,
    config_values: BTreeMap<String, String>,
    base_dir: PathBuf,
}

/// Maps an argument problem of item `name` to its error.
fn invalid_args(name: &str) -> impl FnOnce(String) -> CustomError + '_ {
    move |message| CustomError::InvalidArguments {
        name: name.to_string(),
        message,
    }
}

impl CustomSet {
    /// Compiles a vMCP's custom tools, prompts and resources; problems are located issues.
    /// `config_values` are the vMCP's `config` with `${env:…}` expanded
    /// (`crate::config::custom_validate::config_values`); `base_dir` anchors `file:` paths.
    pub(crate) fn compile(
        vmcp: &str,
        cfg: &VmcpConfig,
        config_values: BTreeMap<String, String>,
        base_dir: &Path,
    ) -> Result<CustomSet, Vec<Issue>> {
        let source = Source {
            tools: cfg.tools.clone(),
            prompts: cfg.prompts.clone(),
            resources: cfg.resources.clone(),
            config_values: config_values.clone(),
            base_dir: base_dir.to_path_buf(),
        };
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
            let compiled = Tool::compile(&mut c);
            issues.append(&mut c.issues);
            tools.extend(compiled);
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
            secrets: Secrets::of_config(&cfg.config, &config_values),
            config: config_values
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect(),
            tools,
            prompts,
            resources,
            http: http::Client::default(),
            source,
        })
    }

    /// Whether `other` was compiled from the same definition (items, `config` values, base
    /// directory): then it offers and does the same.
    pub(crate) fn same_definition(&self, other: &CustomSet) -> bool {
        self.source == other.source
    }

    /// Runs custom tool `name`; the result is `CallToolResult` JSON.
    pub(crate) async fn call_tool(
        &self,
        name: &str,
        args: Map<String, Value>,
        host: &dyn Host,
    ) -> Result<Value, CustomError> {
        self.call_tool_at(name, args, host, 0).await
    }

    /// Renders custom prompt `name`; the result is `GetPromptResult` JSON.
    pub(crate) async fn get_prompt(
        &self,
        name: &str,
        args: Map<String, Value>,
        host: &dyn Host,
    ) -> Result<Value, CustomError> {
        self.get_prompt_at(name, args, host, 0).await
    }

    /// Reads custom resource `uri` (`None`: not a custom resource); `ReadResourceResult` JSON.
    pub(crate) async fn read_resource(&self, uri: &str) -> Result<Option<Value>, CustomError> {
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

    /// Every step of every composite tool: (tool, step id, `call`), for `vmcp check`.
    pub(crate) fn step_calls(&self) -> Vec<(String, String, String)> {
        self.tools
            .iter()
            .filter_map(|t| match &t.exec {
                Exec::Composite(c) => Some((t, c)),
                _ => None,
            })
            .flat_map(|(t, c): (&Tool, &CompositeTool)| {
                c.step_calls()
                    .map(|(id, call)| (t.name.clone(), id.to_string(), call.to_string()))
            })
            .collect()
    }

    /// Custom tool `name` and the template variables of a call to it (`param`, checked against
    /// its parameters, and `config`).
    pub(super) fn prepare_tool(
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
            let scope = Scope {
                set: self,
                host,
                depth,
            };
            let r = Render {
                engine: &self.engine,
                tool: name,
                calls: &scope,
            };
            let run = tool.run(&r, &vars, &self.secrets, &self.http);
            match tokio::time::timeout(tool.timeout, Box::pin(run)).await {
                Ok(Ok(v)) => Ok(v),
                Ok(Err(message)) => Err(CustomError::Failed {
                    name: name.to_string(),
                    message,
                }),
                Err(_) => Err(CustomError::Failed {
                    name: name.to_string(),
                    message: tool.timed_out(),
                }),
            }
        })
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

    /// Calls the tool a composite step names: a custom tool here, anything else through the
    /// host.
    async fn call_step(
        &self,
        call: &str,
        args: Map<String, Value>,
        host: &dyn Host,
        depth: usize,
    ) -> Result<Value, String> {
        let own = match call.split_once('.') {
            Some((server, name)) if server == SELF_SERVER => Some(name),
            Some((server, name)) => return host.call_tool(server, name, args).await,
            None if self.has_tool(call) => Some(call),
            None => return host.call_exposed(call, args).await,
        };
        let name = own.unwrap_or_default();
        if depth + 1 > MAX_DEPTH {
            return Err(format!(
                "custom tools call each other more than {MAX_DEPTH} levels deep"
            ));
        }
        self.call_tool_at(name, args, host, depth + 1)
            .await
            .map_err(|e| e.to_string())
    }
}

/// A call in progress at `depth`: where the calls of its templates and steps go.
pub(super) struct Scope<'a> {
    pub(super) set: &'a CustomSet,
    pub(super) host: &'a dyn Host,
    pub(super) depth: usize,
}

impl Calls for Scope<'_> {
    fn resolve(&self, call: Call) -> BoxFuture<'_, Result<String, String>> {
        self.set.resolve(call, self.host, self.depth)
    }

    fn call_tool<'a>(
        &'a self,
        call: &'a str,
        args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(self.set.call_step(call, args, self.host, self.depth))
    }
}
