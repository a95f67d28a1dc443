//! The rmcp-upstream fixture itself, spoken to by rmcp clients in this process over its stdio:
//! a modern client (`server/discover`, stateless requests, input as input-required rounds) and a
//! legacy one (`initialize`, input as server→client requests) list its tools and call them, and
//! the modern-only era refuses the legacy handshake. These guard the fixture the protocol tests
//! of vmcp rely on; vmcp is not involved.

use rmcp::model::{
    CacheScope, CallToolRequestParams, CallToolResult, ClientCapabilities, ClientConfig,
    ElicitRequestParams, ElicitResult, ErrorCode, Implementation, ProtocolVersion,
};
use rmcp::service::{
    ClientInitializeError, ClientLifecycleMode, ClientServiceExt, RequestContext, RunningService,
};
use rmcp::transport::TokioChildProcess;
use rmcp::{ClientHandler, ErrorData, RoleClient};
use serde_json::json;

use crate::harness::fixtures::{RMCP_UPSTREAM, example};

/// Answers elicitations with the name Ada, in whichever revision it is asked.
#[derive(Clone)]
struct Ada {
    version: ProtocolVersion,
}

impl ClientHandler for Ada {
    fn get_info(&self) -> ClientConfig {
        let caps: ClientCapabilities =
            serde_json::from_value(json!({"elicitation": {"form": {}}})).unwrap();
        ClientConfig::new(caps, Implementation::new("vmcp-tests", "0.1.0"))
            .with_protocol_version(self.version.clone())
    }

    async fn create_elicitation(
        &self,
        _request: ElicitRequestParams,
        _cx: RequestContext<RoleClient>,
    ) -> Result<ElicitResult, ErrorData> {
        Ok(
            serde_json::from_value(json!({"action": "accept", "content": {"name": "Ada"}}))
                .unwrap(),
        )
    }
}

fn fixture(args: &[&str]) -> TokioChildProcess {
    let mut command = tokio::process::Command::new(example(RMCP_UPSTREAM));
    command.args(args);
    TokioChildProcess::new(command).expect("spawn the rmcp-upstream fixture")
}

fn text(result: &CallToolResult) -> String {
    result
        .content
        .first()
        .and_then(|c| c.as_text())
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

/// Lists and calls, then asks for a name, which the client answers in its own revision.
async fn list_call_and_ask(client: &RunningService<RoleClient, Ada>) {
    let tools = client.list_tools(None).await.unwrap();
    let names: Vec<&str> = tools.tools.iter().map(|t| t.name.as_ref()).collect();
    for expected in [
        "test_simple_text",
        "test_input_required_result_elicitation",
        "ask_name",
        "bump",
    ] {
        assert!(names.contains(&expected), "{expected} not in {names:?}");
    }
    let simple = client
        .call_tool(CallToolRequestParams::new("test_simple_text"))
        .await
        .unwrap();
    assert_eq!(text(&simple), "This is a simple text response for testing.");
    let greeting = client
        .call_tool(CallToolRequestParams::new("ask_name"))
        .await
        .unwrap();
    assert_eq!(text(&greeting), "Hello, Ada!");
    let bumped = client
        .call_tool(CallToolRequestParams::new("bump"))
        .await
        .unwrap();
    assert_eq!(text(&bumped), "bumps=1");
}

#[tokio::test]
async fn a_modern_client_discovers_lists_and_calls_the_rmcp_upstream() {
    let modern = ClientLifecycleMode::Discover {
        preferred_versions: vec![ProtocolVersion::V_2026_07_28],
    };
    let ada = Ada {
        version: ProtocolVersion::V_2026_07_28,
    };
    let client = ada
        .serve_with_lifecycle(fixture(&["--era", "modern"]), modern)
        .await
        .unwrap();
    let info = client.peer_info().unwrap();
    assert_eq!(info.protocol_version, ProtocolVersion::V_2026_07_28);
    assert_eq!(info.server_info.as_ref().unwrap().name, "rmcp-upstream");
    // Cache hints ride on list results in this revision.
    let tools = client.list_tools(None).await.unwrap();
    assert_eq!(tools.ttl_ms, Some(60_000));
    assert_eq!(tools.cache_scope, Some(CacheScope::Public));
    list_call_and_ask(&client).await;
    // The state sealed into an input-required result cannot be forged.
    let mut forged = CallToolRequestParams::new("ask_name");
    forged.input_responses =
        serde_json::from_value(json!({"name": {"action": "accept", "content": {"name": "Eve"}}}))
            .unwrap();
    forged.request_state = Some("rs1.forged".into());
    let refused = client.call_tool_once(forged).await.unwrap_err();
    assert!(refused.to_string().contains("integrity"), "{refused}");
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn a_legacy_client_initializes_lists_and_calls_the_rmcp_upstream() {
    let ada = Ada {
        version: ProtocolVersion::V_2025_11_25,
    };
    let client = ada
        .serve_with_lifecycle(fixture(&[]), ClientLifecycleMode::Initialize)
        .await
        .unwrap();
    let info = client.peer_info().unwrap();
    assert_eq!(info.protocol_version, ProtocolVersion::V_2025_11_25);
    list_call_and_ask(&client).await;
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn the_modern_only_rmcp_upstream_refuses_initialize() {
    let ada = Ada {
        version: ProtocolVersion::V_2025_11_25,
    };
    let refused = ada
        .serve_with_lifecycle(
            fixture(&["--era", "modern"]),
            ClientLifecycleMode::Initialize,
        )
        .await
        .err()
        .expect("initialize refused");
    match refused {
        ClientInitializeError::JsonRpcError(e) => {
            assert_eq!(e.code, ErrorCode::UNSUPPORTED_PROTOCOL_VERSION);
            assert_eq!(e.data.unwrap()["supported"], json!(["2026-07-28"]));
        }
        other => panic!("expected -32022, got {other}"),
    }
}
