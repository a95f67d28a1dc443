//! The vMCP's own tools, prompts and resources inside the session: they join the catalog as one
//! more source (server `vmcp`, no prefix, so the same collision rules apply), and templates reach
//! the upstreams through [`SessionHost`], by server name and the upstream's own item names.

use std::sync::Arc;

use futures_util::future::BoxFuture;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::error::SessionError;
use super::forward::CallContext;
use super::routing::Target;
use super::runtime::Session;
use crate::custom::{CustomError, CustomSet, Host};
use crate::protocol::RawObject;
use crate::protocol::mcp::method;
use crate::protocol::message::to_raw;
use crate::upstream::Lists;

/// How long cancelled work may take to cancel its upstream requests before it is dropped.
const CANCEL_GRACE: std::time::Duration = std::time::Duration::from_millis(200);

/// The catalog source's lists for the custom items.
pub(super) fn lists(set: &CustomSet) -> Lists {
    let objects = |items: Vec<Value>| -> Arc<Vec<RawObject>> {
        Arc::new(
            items
                .into_iter()
                .filter_map(|v| match v {
                    Value::Object(m) => Some(RawObject::from_map(m)),
                    _ => None,
                })
                .collect(),
        )
    };
    Lists {
        tools: objects(set.tools()),
        prompts: objects(set.prompts()),
        resources: objects(set.resources()),
        templates: Arc::new(Vec::new()),
    }
}

/// What a custom item's template may call: the session's upstreams, by name.
pub(super) struct SessionHost<'a> {
    pub(super) session: &'a Session,
    pub(super) ctx: CallContext,
}

impl SessionHost<'_> {
    fn upstream(&self, server: &str) -> Result<usize, String> {
        self.session
            .upstreams()
            .iter()
            .find(|u| u.name() == server)
            .map(|u| u.index)
            .ok_or_else(|| format!("this vMCP has no server `{server}`"))
    }

    async fn send(&self, server: &str, method: &str, params: RawObject) -> Result<Value, String> {
        let i = self.upstream(server)?;
        let raw = self
            .session
            .send(Target::Upstream(i), method, params, self.ctx.clone())
            .await
            .map_err(|e| e.to_string())?;
        serde_json::from_str(raw.get())
            .map_err(|e| format!("unreadable answer from `{server}`: {e}"))
    }
}

impl Host for SessionHost<'_> {
    fn call_exposed<'a>(
        &'a self,
        name: &'a str,
        args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(async move {
            let mut params = RawObject::new();
            params.set_value("name", name);
            params.set_value("arguments", &args);
            let raw = self
                .session
                .call_tool(params, self.ctx.clone())
                .await
                .map_err(|e| e.to_string())?;
            serde_json::from_str(raw.get()).map_err(|e| format!("unreadable answer: {e}"))
        })
    }

    fn call_tool<'a>(
        &'a self,
        server: &'a str,
        tool: &'a str,
        args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(async move {
            let mut params = RawObject::new();
            params.set_value("name", tool);
            params.set_value("arguments", &args);
            self.send(server, method::TOOLS_CALL, params).await
        })
    }

    fn read_resource<'a>(
        &'a self,
        server: &'a str,
        uri: &'a str,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(async move {
            let mut params = RawObject::new();
            params.set_value("uri", uri);
            self.send(server, method::RESOURCES_READ, params).await
        })
    }

    fn get_prompt<'a>(
        &'a self,
        server: &'a str,
        name: &'a str,
        args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(async move {
            let mut params = RawObject::new();
            params.set_value("name", name);
            params.set_value("arguments", &args);
            self.send(server, method::PROMPTS_GET, params).await
        })
    }
}

/// Runs a request on the vMCP's own items: a tool call (failures are tool results), a prompt,
/// or a resource read. A cancelled request drops the work: programs a tool runs are killed with
/// their process group, inner calls are abandoned (and cancelled upstream by their requests).
pub(super) async fn run(
    session: &Session,
    custom: &CustomSet,
    method: &str,
    params: &RawObject,
    ctx: CallContext,
) -> Result<Box<RawValue>, SessionError> {
    let name = params.get_str("name").unwrap_or_default();
    let args = params.get_object("arguments").unwrap_or_default();
    let cancel = ctx.cancel.clone();
    let host = SessionHost { session, ctx };
    let work = async {
        match method {
            method::TOOLS_CALL => Ok(match custom.call_tool(&name, args, &host).await {
                Err(e @ CustomError::Failed { .. }) => Ok(e.to_tool_result()),
                other => other,
            }),
            method::PROMPTS_GET => Ok(custom.get_prompt(&name, args, &host).await),
            method::RESOURCES_READ => {
                let uri = params.get_str("uri").unwrap_or_default();
                match custom.read_resource(&uri).await {
                    Ok(Some(v)) => Ok(Ok(v)),
                    Ok(None) => Err(SessionError::UnknownResource(uri)),
                    Err(e) => Ok(Err(e)),
                }
            }
            other => Err(SessionError::InvalidParams(format!(
                "`{other}` is not supported by the vMCP's own items"
            ))),
        }
    };
    let mut work = std::pin::pin!(work);
    let result = tokio::select! {
        r = &mut work => r?,
        () = cancel.cancelled() => {
            // Upstream requests in flight watch the same token and cancel themselves upstream;
            // they get a moment for that, then whatever is left (programs) is dropped and killed.
            let _ = tokio::time::timeout(CANCEL_GRACE, &mut work).await;
            Err(CustomError::Failed {
                name: name.clone(),
                message: "cancelled by the client".into(),
            })
        }
    };
    match result {
        Ok(v) => Ok(to_raw(&v)),
        Err(e) if e.is_invalid_params() => Err(SessionError::InvalidParams(e.to_string())),
        Err(e) => Err(SessionError::Custom(e.to_string())),
    }
}
