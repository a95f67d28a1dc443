//! `Mcp-Param-*` headers (2026-07-28, a tool's `x-mcp-header` arguments mirrored into HTTP
//! headers), through the real binary on both edges: `vmcp serve` checks them against the exposed
//! tool's schema (400 with −32020 when one is missing, wrong or badly encoded), and vmcp sends
//! them to a modern HTTP upstream, leaving out the tools whose annotations are invalid.

use serde_json::{Value, json};

use crate::harness::Home;
use crate::harness::fixtures::{RMCP_UPSTREAM, example, rmcp_upstream_http};
use crate::harness::http::{Serve, modern};

fn tool_names(list: &Value) -> Vec<String> {
    list["tools"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn serve_checks_a_calls_param_headers_against_the_exposed_tool() {
    let home = Home::new();
    // The parameter is renamed: the client sees (and sends) `text`, annotated as upstream.
    home.config(&format!(
        "servers:\n  c:\n    command: {}\n    args: [\"--bad-header-tool\"]\n    trust: always\n\
         vmcps:\n  v:\n    servers:\n      c:\n        args:\n          test_custom_header:\n            value: {{ rename: text }}\n",
        example(RMCP_UPSTREAM).display()
    ));
    let s = Serve::start(home.dir.path(), &home.path("vmcp.yaml"), &["--no-auth"]);
    let url = s.url("v");
    let list = modern(&url, &[], 1, "tools/list", json!({})).answer();
    let names = tool_names(&list["result"]);
    // Over stdio the upstream's invalid annotation is no reason to leave its tool out.
    assert!(names.contains(&"c_bad_header".to_string()), "{names:?}");
    let exposed = list["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "c_test_custom_header")
        .cloned()
        .unwrap();
    assert_eq!(
        exposed["inputSchema"]["properties"]["text"]["x-mcp-header"], "Value",
        "{exposed}"
    );
    let call = |id: i64, text: &str, headers: &[(&str, &str)]| {
        modern(
            &url,
            headers,
            id,
            "tools/call",
            json!({"name": "c_test_custom_header", "arguments": {"text": text}}),
        )
    };
    let ok = call(2, "Hello", &[("Mcp-Param-Value", "Hello")]);
    assert_eq!(ok.status, 200);
    assert_eq!(ok.answer()["result"]["content"][0]["text"], "Hello");
    let encoded = call(
        3,
        "Hello, 世界",
        &[("mcp-param-value", "=?base64?SGVsbG8sIOS4lueVjA==?=")],
    );
    assert_eq!(encoded.status, 200);
    assert_eq!(
        encoded.answer()["result"]["content"][0]["text"],
        "Hello, 世界"
    );
    for (headers, why) in [
        (vec![], "missing"),
        (vec![("Mcp-Param-Value", "hello")], "another value"),
        (
            vec![("Mcp-Param-Value", "=?base64?SGVsbG8?=")],
            "bad padding",
        ),
        (
            vec![("Mcp-Param-Value", "=?base64?SGVs!!!bG8=?=")],
            "not Base64",
        ),
    ] {
        let refused = call(4, "Hello", &headers);
        assert_eq!(refused.status, 400, "{why}");
        let answer = refused.answer();
        assert_eq!(answer["error"]["code"], -32020, "{why}: {answer}");
        assert!(
            answer["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("Mcp-Param-Value")),
            "{why}: {answer}"
        );
    }
    // A tool without annotations needs no header.
    let plain = modern(
        &url,
        &[],
        5,
        "tools/call",
        json!({"name": "c_test_simple_text", "arguments": {}}),
    );
    assert_eq!(plain.status, 200);
}

#[test]
fn calls_to_a_modern_http_upstream_carry_its_param_headers_and_invalid_tools_stay_out() {
    let (_server, url) = rmcp_upstream_http(&["--era", "modern", "--bad-header-tool"]);
    let home = Home::new();
    home.config(&format!(
        "servers:\n  m:\n    url: {url}\n    trust: always\nvmcps:\n  v:\n    servers: [m]\n"
    ));
    let mut c = home.client("v");
    c.initialize();
    let names = c.tool_names();
    assert!(
        names.contains(&"m_test_custom_header".to_string()),
        "{names:?}"
    );
    assert!(!names.contains(&"m_bad_header".to_string()), "{names:?}");
    // The fixture's HTTP transport refuses a call whose Mcp-Param-Value is missing or wrong.
    for value in ["us-west1", "Hello, 世界", " padded ", "=?base64?x?="] {
        assert_eq!(
            c.call_text("m_test_custom_header", json!({"value": value})),
            value
        );
    }
}
