//! The hidden `vmcp __conformance-client URL` entry point for the official MCP conformance suite's
//! client scenarios (`conformance client --command "vmcp __conformance-client" --suite auth`): the
//! real login path (`login.rs`, with the test playing the browser: the suite's authorization
//! server redirects at once) and the real session path (an HTTP upstream with stored credentials),
//! then `tools/list` and a call of each tool. State lives in a throwaway store.

use std::time::Duration;

use serde_json::Value;
use tokio_util::sync::CancellationToken;

use super::login::{self, LoginOutcome, Target};
use crate::app::definition::resolve;
use crate::protocol::RawObject;
use crate::session::{CallContext, Session, SessionPlan};
use crate::store::Store;
use crate::upstream::{ClientContext, ListKind, State, TransportPlan, UpstreamPlan};
use crate::upstream::{HttpPlan, HttpTransport};

/// What the scenario saw, one line per step (printed by the CLI).
pub(crate) type Transcript = Vec<String>;

/// Logs in headlessly when the server asks for it; `false` when it did not.
async fn authorize(store: &Store, target: &Target, scopes: &[String]) -> anyhow::Result<bool> {
    let prepared = match login::prepare(store, target, scopes).await? {
        LoginOutcome::NotNeeded => return Ok(false),
        LoginOutcome::Started(p) => p,
    };
    let url = prepared.url.clone();
    let finish = tokio::spawn(prepared.finish(Duration::from_secs(30)));
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let resp = http.get(&url).send().await?;
    let location = resp
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "the authorization endpoint did not redirect (HTTP {})",
                resp.status()
            )
        })?;
    let _ = http.get(&location).send().await;
    finish.await??;
    Ok(true)
}

/// The scopes a step-up error names (`… --scope a,b`).
fn step_up_scopes(message: &str) -> Option<Vec<String>> {
    let rest = message.split("--scope ").nth(1)?;
    let list: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '`' && *c != '"')
        .collect();
    let scopes: Vec<String> = list
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    (!scopes.is_empty()).then_some(scopes)
}

fn session_for(url: &str, store: &Store) -> std::sync::Arc<Session> {
    let mut upstream = UpstreamPlan::new(
        "server",
        TransportPlan::Http(HttpPlan {
            url: url.to_string(),
            shown_url: crate::support::url::redacted(url),
            headers: Vec::new(),
            transport: HttpTransport::Streamable,
            credentials: None,
        }),
    );
    upstream.max_attempts = 1;
    resolve::attach_credentials(&mut upstream, store, None);
    // The conformance server is the test's own: the gate is not what is under test.
    let session = Session::start(SessionPlan::one_server("conformance".into(), upstream));
    session.launch(ClientContext::default());
    session
}

/// Runs one scenario against `url`.
pub(crate) async fn run(url: &str) -> anyhow::Result<Transcript> {
    let mut out = Transcript::new();
    let dir = std::env::temp_dir().join(format!("vmcp-conformance-{}", std::process::id()));
    let store = Store::new(dir.join("vmcp.redb"));
    let context: Value = std::env::var("MCP_CONFORMANCE_CONTEXT")
        .ok()
        .and_then(|c| serde_json::from_str(&c).ok())
        .unwrap_or(Value::Null);
    let target = Target {
        name: "server".into(),
        url: url.to_string(),
        headers: Vec::new(),
        client_id: context["client_id"].as_str().map(str::to_string),
        client_secret: context["client_secret"].as_str().map(str::to_string),
        scopes: Vec::new(),
        redirect_port: None,
        // What the suite expects a client to publish; used only where the server supports it.
        client_metadata_url: Some("https://conformance-test.local/client-metadata.json".into()),
    };
    let result = scenario(&store, &target, &mut out).await;
    let _ = std::fs::remove_dir_all(&dir);
    result.map(|()| out)
}

async fn scenario(store: &Store, target: &Target, out: &mut Transcript) -> anyhow::Result<()> {
    if authorize(store, target, &[]).await? {
        out.push("logged in".into());
    }
    let session = session_for(&target.url, store);
    session.wait_initial().await;
    let up = &session.upstreams()[0];
    if let State::Failed { error, .. } = up.state() {
        session.shutdown(Duration::from_millis(200)).await;
        anyhow::bail!("connecting failed: {error}");
    }
    let tools: Value = serde_json::from_str(session.list(ListKind::Tools).await.get())?;
    let names: Vec<String> = tools["tools"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    out.push(format!("tools: {}", names.join(", ")));
    for name in &names {
        let call = || {
            let mut params = RawObject::new();
            params.set_value("name", name);
            params.set_value("arguments", &serde_json::json!({}));
            session.call_tool(
                params,
                CallContext {
                    cancel: CancellationToken::new(),
                    progress: None,
                    ..CallContext::default()
                },
            )
        };
        let mut result = call().await;
        // One step-up: log in again with the scopes the server asked for, then retry once.
        let text = match &result {
            Ok(r) => r.get().to_string(),
            Err(e) => e.to_string(),
        };
        if let Some(scopes) = step_up_scopes(&text) {
            out.push(format!("step-up to {}", scopes.join(" ")));
            authorize(store, target, &scopes).await?;
            result = call().await;
        }
        match result {
            Ok(r) => out.push(format!("called {name}: {}", r.get())),
            Err(e) => out.push(format!("calling {name} failed: {e}")),
        }
    }
    session.shutdown(Duration::from_millis(500)).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_up_scopes_are_read_from_the_advice() {
        assert_eq!(
            step_up_scopes("HTTP 403: … run `vmcp login server --scope read,write`"),
            Some(vec!["read".to_string(), "write".to_string()])
        );
        assert_eq!(step_up_scopes("HTTP 401: needs login"), None);
    }
}
