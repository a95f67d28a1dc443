//! The MCP behaviour of the test upstream, independent of the transport.

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde_json::value::RawValue;
use serde_json::{Map, Value, json};
use vmcp::protocol::lines::{BadLines, ReadOptions, read_lines, write_lines};
use vmcp::protocol::message::{params_object, to_raw};
use vmcp::protocol::{
    BoxFuture, ErrorObject, Handler, IncomingRequest, LOG_LEVELS, Outcome, Peer, RawObject,
};

use crate::tools::{BASE_TOOLS, EXACT_RESULT, OPTIONAL_TOOLS, tool_def};
use crate::{Opts, record};

pub(crate) struct TestServer {
    pub(crate) opts: Arc<Opts>,
    pub(crate) peer: OnceLock<Peer>,
    pub(crate) calls: AtomicU64,
    pub(crate) counter: AtomicU64,
    pub(crate) added: Mutex<Vec<String>>,
    pub(crate) added_prompts: Mutex<Vec<String>>,
    pub(crate) added_resources: Mutex<Vec<String>>,
    /// The level `logging/setLevel` set (`log` sends nothing less severe); none: everything.
    pub(crate) log_level: Mutex<Option<usize>>,
}

/// The position of `level` in [`LOG_LEVELS`].
pub(crate) fn severity(level: &str) -> Option<usize> {
    LOG_LEVELS.iter().position(|l| *l == level)
}

impl TestServer {
    pub(crate) fn new(opts: Arc<Opts>) -> Arc<TestServer> {
        Arc::new(TestServer {
            opts,
            peer: OnceLock::new(),
            calls: AtomicU64::new(0),
            counter: AtomicU64::new(0),
            added: Mutex::new(Vec::new()),
            added_prompts: Mutex::new(Vec::new()),
            added_resources: Mutex::new(Vec::new()),
            log_level: Mutex::new(None),
        })
    }
}

pub(crate) async fn serve_stdio(opts: Arc<Opts>) {
    let server = TestServer::new(opts);
    let (peer, frames) = Peer::new("test-upstream", Arc::new(Adapter(server.clone())));
    let _ = server.peer.set(peer.clone());
    let writer = tokio::spawn(write_lines(
        peer.clone(),
        frames,
        vmcp::protocol::stdio::stdout(),
    ));
    let opts = ReadOptions::new(BadLines::Reply).pause_while_full(Some(peer.backlog().clone()));
    let reason = read_lines(&peer, vmcp::protocol::stdio::stdin(), opts).await;
    record(&server.opts, &format!("eof {reason}"));
    peer.close(reason);
    let _ = writer.await;
}

impl TestServer {
    pub(crate) fn peer(&self) -> Option<Peer> {
        self.peer.get().cloned()
    }

    /// Whether `name` is one of our tools (cheap: calls must not rebuild the whole list).
    pub(crate) fn offers(&self, name: &str) -> bool {
        let named = |n: &str| {
            self.opts
                .only_tools
                .as_ref()
                .map(|o| o.iter().any(|x| x == n))
        };
        let base = (BASE_TOOLS.contains(&name) && named(name) != Some(false))
            || (OPTIONAL_TOOLS.contains(&name) && named(name) == Some(true));
        let deep = name == "deep" && self.opts.deep_tool.is_some();
        let extra = name
            .strip_prefix("tool_")
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| n < self.opts.extra_tools);
        base || deep || extra || self.added.lock().is_ok_and(|a| a.iter().any(|x| x == name))
    }

    pub(crate) fn tools(&self) -> Vec<Value> {
        let mut out: Vec<Value> = BASE_TOOLS
            .iter()
            .filter(|n| {
                self.opts
                    .only_tools
                    .as_ref()
                    .is_none_or(|o| o.iter().any(|x| x == *n))
            })
            .map(|n| tool_def(n))
            .collect();
        out.extend(
            OPTIONAL_TOOLS
                .iter()
                .filter(|n| {
                    self.opts
                        .only_tools
                        .as_ref()
                        .is_some_and(|o| o.iter().any(|x| x == *n))
                })
                .map(|n| tool_def(n)),
        );
        for i in 0..self.opts.extra_tools {
            out.push(
                json!({"name": format!("tool_{i}"), "description": "Echoes the message back",
                "inputSchema": {"type": "object", "properties": {"message": {"type": "string"}}}}),
            );
        }
        let added = self.added.lock().map(|a| a.clone()).unwrap_or_default();
        out.extend(added.iter().map(|n| tool_def(n)));
        if let Some(levels) = self.opts.deep_tool {
            out.push(crate::tools::deep_tool(levels));
        }
        for spec in &self.opts.add_param {
            if let Some((tool, param)) = spec.split_once('=')
                && let Some(t) = out.iter_mut().find(|t| t["name"] == tool)
            {
                t["inputSchema"]["properties"][param] = json!({"type": "string"});
            }
        }
        for spec in &self.opts.describe {
            if let Some((tool, text)) = spec.split_once('=')
                && let Some(t) = out.iter_mut().find(|t| t["name"] == tool)
            {
                t["description"] = Value::String(text.to_string());
            }
        }
        out
    }

    fn capabilities(&self) -> Value {
        if self.opts.tools_only {
            json!({"tools": {"listChanged": true}})
        } else {
            json!({
                "tools": {"listChanged": true},
                "prompts": {"listChanged": true},
                "resources": {"subscribe": true, "listChanged": true},
                "completions": {},
                "logging": {}
            })
        }
    }

    async fn dispatch(self: Arc<Self>, req: IncomingRequest) -> Result<Value, ErrorObject> {
        let params = params_object(req.params.as_deref())?;
        match req.method.as_str() {
            "initialize" => {
                record(
                    &self.opts,
                    &format!(
                        "initialize protocol={} capabilities={}",
                        params
                            .get("protocolVersion")
                            .and_then(Value::as_str)
                            .unwrap_or("?"),
                        params.get("capabilities").cloned().unwrap_or(Value::Null)
                    ),
                );
                if self.opts.hang {
                    std::future::pending::<()>().await;
                }
                Ok(json!({
                    "protocolVersion": params.get("protocolVersion").cloned().unwrap_or(json!("2025-11-25")),
                    "capabilities": self.capabilities(),
                    "serverInfo": {"name": self.opts.name, "version": "1.0.0"},
                    "instructions": format!("{} instructions", self.opts.name),
                }))
            }
            "tools/list" => Ok(json!({"tools": self.tools()})),
            "tools/call" => self.call(params, req).await,
            m if m.starts_with("prompts/")
                || m.starts_with("resources/")
                || m == "completion/complete" =>
            {
                self.content_request(m, &params)
            }
            // A 2025-11-25 server: the 2026-07-28 probe is an unknown method (recorded, so
            // tests can see whether a client probed).
            "server/discover" => {
                record(&self.opts, "discover");
                Err(ErrorObject::method_not_found("server/discover"))
            }
            "logging/setLevel" => {
                let level = params.get("level").cloned().unwrap_or(Value::Null);
                record(&self.opts, &format!("setLevel {level}"));
                let Some(at) = level.as_str().and_then(severity) else {
                    return Err(ErrorObject::invalid_params(format!(
                        "no such level {level}"
                    )));
                };
                if let Ok(mut l) = self.log_level.lock() {
                    *l = Some(at);
                }
                Ok(json!({}))
            }
            other => Err(ErrorObject::method_not_found(other)),
        }
    }

    /// Prompts, resources and completion.
    fn content_request(
        &self,
        method: &str,
        params: &Map<String, Value>,
    ) -> Result<Value, ErrorObject> {
        match method {
            "prompts/list" => {
                let mut prompts = vec![
                    json!({"name": "greet", "description": "Greets someone", "arguments": [{"name": "name", "required": true}]}),
                    json!({"name": "static", "description": "A prompt without arguments"}),
                ];
                let added = self
                    .added_prompts
                    .lock()
                    .map(|a| a.clone())
                    .unwrap_or_default();
                prompts.extend(added.into_iter().map(|n| json!({"name": n})));
                Ok(json!({ "prompts": prompts }))
            }
            "prompts/get" => {
                let name = params
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let who = params
                    .get("arguments")
                    .and_then(|a| a.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or("world");
                match name {
                    "greet" => Ok(
                        json!({"messages": [{"role": "user", "content": {"type": "text", "text": format!("Hello, {who}!")}}]}),
                    ),
                    "static" => Ok(
                        json!({"description": "static", "messages": [{"role": "user", "content": {"type": "text", "text": "static prompt"}}]}),
                    ),
                    other => Err(ErrorObject::invalid_params(format!("no prompt {other}"))),
                }
            }
            "resources/list" => {
                let mut resources = vec![
                    json!({"uri": "test://static/hello", "name": "hello", "mimeType": "text/plain"}),
                    json!({"uri": format!("test://{}/own", self.opts.name), "name": "own"}),
                ];
                let added = self
                    .added_resources
                    .lock()
                    .map(|a| a.clone())
                    .unwrap_or_default();
                resources.extend(
                    added
                        .into_iter()
                        .map(|n| json!({"uri": format!("test://added/{n}"), "name": n})),
                );
                Ok(json!({ "resources": resources }))
            }
            "resources/templates/list" => Ok(json!({"resourceTemplates": [
                {"uriTemplate": format!("test://{}/items/{{id}}", self.opts.name), "name": "item"}
            ]})),
            "resources/read" => {
                let uri = params
                    .get("uri")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                if uri.rsplit('.').next() == Some("bin") {
                    // Bytes 0x00 0x01 0xfe 0xff: binary content that is not valid UTF-8.
                    return Ok(
                        json!({"contents": [{"uri": uri, "mimeType": "application/octet-stream", "blob": "AAH+/w=="}]}),
                    );
                }
                Ok(
                    json!({"contents": [{"uri": uri, "mimeType": "text/plain", "text": format!("{} read {uri}", self.opts.name)}]}),
                )
            }
            "resources/subscribe" | "resources/unsubscribe" => {
                record(
                    &self.opts,
                    &format!(
                        "{} {}",
                        method,
                        params.get("uri").cloned().unwrap_or(Value::Null)
                    ),
                );
                Ok(json!({}))
            }
            "completion/complete" => {
                let prefix = params
                    .get("argument")
                    .and_then(|a| a.get("value"))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                record(
                    &self.opts,
                    &format!(
                        "complete ref={}",
                        params.get("ref").cloned().unwrap_or(Value::Null)
                    ),
                );
                let values: Vec<&str> = ["Alice", "Bob", "Alfred"]
                    .into_iter()
                    .filter(|v| v.starts_with(prefix))
                    .collect();
                Ok(
                    json!({"completion": {"values": values, "total": values.len(), "hasMore": false}}),
                )
            }
            other => Err(ErrorObject::method_not_found(other)),
        }
    }

    fn schedule_list_changed(self: &Arc<Self>) {
        let Some(ms) = self.opts.list_changed_after_ms else {
            return;
        };
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            if let Ok(mut a) = me.added.lock() {
                a.push("late_tool".into());
            }
            if let Some(peer) = me.peer() {
                peer.notify("notifications/tools/list_changed", None);
            }
        });
    }
}

/// Lets the peer call into a shared server.
pub(crate) struct Adapter(pub(crate) Arc<TestServer>);

impl Handler for Adapter {
    fn on_request(&self, req: IncomingRequest) -> BoxFuture<Outcome> {
        let me = self.0.clone();
        if req.method == "tools/call"
            && me.offers("exact")
            && RawObject::parse(req.params.as_deref())
                .is_ok_and(|p| p.get_str("name").as_deref() == Some("exact"))
            && let Ok(raw) = RawValue::from_string(EXACT_RESULT.to_string())
        {
            return Box::pin(async move { Outcome::Result(raw) });
        }
        Box::pin(async move {
            match me.dispatch(req).await {
                Ok(v) => Outcome::Result(to_raw(&v)),
                Err(e) => Outcome::error(&e),
            }
        })
    }

    fn on_notification(&self, method: &str, params: Option<Box<RawValue>>) {
        match method {
            "notifications/initialized" => {
                record(&self.0.opts, "initialized");
                self.0.schedule_list_changed();
            }
            "notifications/roots/list_changed" => record(&self.0.opts, "roots_changed"),
            "notifications/cancelled" => {}
            other => record(
                &self.0.opts,
                &format!(
                    "notification {other} {}",
                    params.map(|p| p.get().to_string()).unwrap_or_default()
                ),
            ),
        }
    }
}
