//! The MCP messages of the HTTP table: a stateless 2026-07-28 call, and a 2025-11-25 session
//! (initialize, call, list, DELETE), over the measuring client.

use crate::http_conn::{HttpConn, Reply};

const MODERN: &str = "2026-07-28";
const LEGACY: &str = "2025-11-25";

pub(crate) fn modern_body(id: u64, tool: &str) -> Vec<u8> {
    format!(
        "{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"tools/call\",\"params\":{{\"name\":\"{tool}\",\
         \"arguments\":{{}},\"_meta\":{{\"io.modelcontextprotocol/protocolVersion\":\"{MODERN}\",\
         \"io.modelcontextprotocol/clientInfo\":{{\"name\":\"bench\",\"version\":\"1\"}},\
         \"io.modelcontextprotocol/clientCapabilities\":{{}}}}}}}}"
    )
    .into_bytes()
}

pub(crate) async fn modern_call(conn: &mut HttpConn, id: u64, tool: &str) -> Reply {
    let headers = [
        ("MCP-Protocol-Version", MODERN),
        ("Mcp-Method", "tools/call"),
        ("Mcp-Name", tool),
    ];
    conn.request("POST", &headers, &modern_body(id, tool)).await
}

/// initialize + notifications/initialized; the session id.
pub(crate) async fn legacy_open(conn: &mut HttpConn) -> String {
    let init = format!(
        "{{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{{\"protocolVersion\":\
         \"{LEGACY}\",\"capabilities\":{{}},\"clientInfo\":{{\"name\":\"bench\",\"version\":\"1\"}}}}}}"
    );
    let reply = conn.request("POST", &[], init.as_bytes()).await;
    assert!(
        reply.ok(),
        "initialize failed: {} {}",
        reply.status,
        reply.answer()
    );
    let sid = reply.session.expect("an Mcp-Session-Id");
    let done = br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;
    let headers = [
        ("Mcp-Session-Id", sid.as_str()),
        ("MCP-Protocol-Version", LEGACY),
    ];
    let ack = conn.request("POST", &headers, done).await;
    assert_eq!(ack.status, 202, "notifications/initialized");
    sid
}

pub(crate) async fn legacy_call(conn: &mut HttpConn, sid: &str, id: u64, tool: &str) -> Reply {
    let body = format!(
        "{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"tools/call\",\"params\":{{\"name\":\"{tool}\",\"arguments\":{{}}}}}}"
    );
    let headers = [("Mcp-Session-Id", sid), ("MCP-Protocol-Version", LEGACY)];
    conn.request("POST", &headers, body.as_bytes()).await
}

pub(crate) async fn legacy_list(conn: &mut HttpConn, sid: &str, id: u64) -> Reply {
    let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"tools/list"}}"#);
    let headers = [("Mcp-Session-Id", sid), ("MCP-Protocol-Version", LEGACY)];
    conn.request("POST", &headers, body.as_bytes()).await
}

pub(crate) async fn legacy_delete(conn: &mut HttpConn, sid: &str) -> u16 {
    let headers = [("Mcp-Session-Id", sid), ("MCP-Protocol-Version", LEGACY)];
    conn.request("DELETE", &headers, b"").await.status
}
