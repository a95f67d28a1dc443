//! rmcp 3.11 as a modern (2026-07-28) client of `vmcp stdio`: it discovers (no `initialize`, no
//! fallback), lists with cache hints and calls through vmcp to a legacy upstream.

use rmcp::model::{
    CallToolRequestParams, ClientCapabilities, ClientConfig, Implementation, ProtocolVersion,
};
use rmcp::service::{ClientLifecycleMode, ClientServiceExt};
use rmcp::transport::TokioChildProcess;
use serde_json::json;

use crate::harness::{Home, VMCP, upstream_entry};

#[tokio::test]
async fn an_rmcp_client_discovers_lists_and_calls_through_vmcp() {
    let home = Home::new();
    let events = home.path("events.log").display().to_string();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("up", &["--events", &events]);
    yaml += "vmcps:\n  v:\n    servers:\n      up: { prefix: \"\" }\n";
    let config = home.config(&yaml);
    let mut command = tokio::process::Command::new(VMCP);
    command
        .args(["stdio", "--vmcp", "v", "--config"])
        .arg(&config)
        .env("VMCP_HOME", home.dir.path())
        .env_remove("VMCP_LOG");
    let transport = TokioChildProcess::new(command).expect("spawn vmcp stdio");
    let caps: ClientCapabilities = serde_json::from_value(json!({"roots": {}})).unwrap();
    let me = ClientConfig::new(caps, Implementation::new("vmcp-tests", "0.1.0"))
        .with_protocol_version(ProtocolVersion::V_2026_07_28);
    // Discover only: a server that does not answer `server/discover` fails here.
    let modern = ClientLifecycleMode::Discover {
        preferred_versions: vec![ProtocolVersion::V_2026_07_28],
    };
    let client = me.serve_with_lifecycle(transport, modern).await.unwrap();
    let info = client.peer_info().unwrap();
    assert_eq!(info.protocol_version, ProtocolVersion::V_2026_07_28);
    assert_eq!(info.server_info.as_ref().unwrap().name, "vmcp");

    let tools = client.list_tools(None).await.unwrap();
    assert!(tools.tools.iter().any(|t| t.name == "echo"));
    assert!(tools.ttl_ms.is_some() && tools.cache_scope.is_some());
    let mut call = CallToolRequestParams::new("echo");
    call.arguments = json!({"message": "through vmcp"}).as_object().cloned();
    let result = client.call_tool(call).await.unwrap();
    let text = result
        .content
        .first()
        .and_then(|c| c.as_text())
        .map(|t| t.text.clone());
    assert_eq!(text.as_deref(), Some("through vmcp"));
    client.cancel().await.unwrap();
    // The legacy upstream was initialized with the rmcp client's capabilities.
    let init = home.wait_event("events.log", "initialize");
    assert!(init.ends_with(r#"capabilities={"roots":{}}"#), "{init}");
}
