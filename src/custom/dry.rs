//! `--render-only`: what calling a custom tool would do, rendered without doing it. Calls a
//! template makes are shown as placeholders (`<tool `up.echo`>`), never made; no program runs
//! and no request is sent. It is printed, so it shows no secret: the `${env:…}` config values
//! and a request's credentials read `<hidden>`, and the URL its query apart from the URL (whose
//! user info is never shown).

use futures_util::future::BoxFuture;
use serde_json::{Map, Value, json};

use super::error::CustomError;
use super::host::Host;
use super::render::Render;
use super::secrets::{HIDDEN, Secrets};
use super::set::{CustomSet, Scope};
use super::tool::Exec;
use crate::support::url::redacted;

/// Answers nothing: templates never reach it in a dry run (calls become placeholders).
struct DryHost;

impl Host for DryHost {
    fn call_tool<'a>(
        &'a self,
        _server: &'a str,
        _tool: &'a str,
        _args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(async { Err("nothing is called in a dry run".to_string()) })
    }

    fn read_resource<'a>(
        &'a self,
        _server: &'a str,
        _uri: &'a str,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(async { Err("nothing is read in a dry run".to_string()) })
    }

    fn get_prompt<'a>(
        &'a self,
        _server: &'a str,
        _name: &'a str,
        _args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(async { Err("nothing is called in a dry run".to_string()) })
    }

    fn dry_run(&self) -> bool {
        true
    }
}

impl CustomSet {
    /// What calling tool `name` with `args` would do, as JSON, without doing it.
    pub(crate) async fn render_only(
        &self,
        name: &str,
        args: Map<String, Value>,
    ) -> Result<Value, CustomError> {
        let (tool, vars) = self.prepare_tool(name, args)?;
        let scope = Scope {
            set: self,
            host: &DryHost,
            depth: 0,
        };
        let r = Render {
            engine: &self.engine,
            tool: name,
            calls: &scope,
        };
        // What this request adds to the secrets (its credentials).
        let mut secrets: Option<Secrets> = None;
        let shown = match &tool.exec {
            Exec::Prompt => r
                .part("template", &vars)
                .await
                .map(|text| json!({ "kind": "prompt", "text": text })),
            Exec::Command(spec) => spec.prepare(&r, &vars).await.map(|run| {
                let mut command = vec![run.program.clone()];
                command.extend(run.args.iter().cloned());
                json!({
                    "kind": "command",
                    "argv": command,
                    "stdin": run.stdin.as_deref().map(String::from_utf8_lossy),
                    "env": run.env.keys().collect::<Vec<_>>(),
                    "cwd": run.cwd,
                })
            }),
            Exec::Python(spec) => spec.prepare(&r, &vars).await.map(|(run, args)| {
                json!({
                    "kind": "python",
                    "interpreter": run.program,
                    "arguments": args,
                    "env": run.env.keys().collect::<Vec<_>>(),
                    "cwd": run.cwd,
                })
            }),
            Exec::Http(spec) => spec.render(&r, &vars).await.map(|r| {
                secrets = Some(self.secrets.with(r.credentials.iter().map(String::as_str)));
                let headers: Map<String, Value> = r
                    .headers
                    .iter()
                    .map(|(k, v)| {
                        let secret = k == reqwest::header::AUTHORIZATION;
                        let v = if secret {
                            HIDDEN.to_string()
                        } else {
                            String::from_utf8_lossy(v.as_bytes()).into_owned()
                        };
                        (k.to_string(), Value::String(v))
                    })
                    .collect();
                let query: Vec<Value> = r.url.query_pairs().map(|(k, v)| json!([k, v])).collect();
                let mut v = json!({
                    "kind": "http",
                    "method": spec.method().as_str(),
                    "url": redacted(r.url.as_str()),
                    "query": query,
                    "headers": headers,
                });
                if let Some((bytes, _)) = &r.body {
                    v["body"] = String::from_utf8_lossy(bytes).into();
                }
                if let Some((user, _)) = &r.basic {
                    v["basic_auth_user"] = user.as_str().into();
                }
                v
            }),
            Exec::Composite(spec) => Ok(spec.plan(&r, &vars).await),
        };
        let secrets = secrets.as_ref().unwrap_or(&self.secrets);
        match shown {
            Ok(mut v) => {
                secrets.hide_json(&mut v);
                Ok(v)
            }
            Err(message) => Err(CustomError::Failed {
                name: name.to_string(),
                message: secrets.hide(&message),
            }),
        }
    }

    /// Whether calling tool `name` may need the vMCP's upstream servers: composite tools and
    /// tools whose templates call something do; the others run on their own.
    pub(crate) fn needs_upstreams(&self, name: &str) -> bool {
        self.tools.iter().find(|t| t.name == name).is_none_or(|t| {
            matches!(t.exec, Exec::Composite(_)) || t.parts.iter().any(|p| self.engine.may_call(p))
        })
    }
}
