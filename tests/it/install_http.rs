//! `vmcp install NAME --client C --http`: the entry that connects a client to `vmcp serve`'s URL
//! for the vMCP, in each client's own vocabulary, with the bearer token referenced from the
//! environment (never copied into the file); refused, saying what to do, where a client's file
//! cannot take it. The Claude Code entry, resolved as Claude Code would, calls through a real
//! `vmcp serve`.

use std::path::Path;

use serde_json::{Value, json};

use crate::clients::{home_with_vmcp, ok, vmcp};
use crate::harness::http::{Serve, modern};
use crate::harness::{Home, upstream_entry};

const URL: &str = "http://127.0.0.1:7332/mcp/mine";

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    // Gemini, VS Code and Zed files are JSON with comments; these have none.
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn install(home: &Home, client: &str, file: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "install",
        "mine",
        "--client",
        client,
        "--file",
        file.to_str().unwrap(),
        "--http",
    ];
    args.extend_from_slice(extra);
    vmcp(home, &args)
}

#[test]
fn each_client_gets_the_url_form_it_takes() {
    let home = home_with_vmcp();
    let token = ["--token-env", "VMCP_TOKEN"];
    for (client, key, entry) in [
        (
            "claude-code",
            "mcpServers",
            json!({"type": "http", "url": URL, "headers": {"Authorization": "Bearer ${VMCP_TOKEN}"}}),
        ),
        (
            "cursor",
            "mcpServers",
            json!({"url": URL, "headers": {"Authorization": "Bearer ${env:VMCP_TOKEN}"}}),
        ),
        (
            "vscode",
            "servers",
            json!({"type": "http", "url": URL, "headers": {"Authorization": "Bearer ${env:VMCP_TOKEN}"}}),
        ),
        (
            "windsurf",
            "mcpServers",
            json!({"serverUrl": URL, "headers": {"Authorization": "Bearer ${env:VMCP_TOKEN}"}}),
        ),
        (
            "gemini",
            "mcpServers",
            json!({"httpUrl": URL, "headers": {"Authorization": "Bearer ${VMCP_TOKEN}"}}),
        ),
    ] {
        let file = home.path(&format!("{client}.json"));
        let (code, out, err) = install(&home, client, &file, &token);
        assert_eq!(code, 0, "{client}: {out}{err}");
        assert_eq!(read_json(&file)[key]["mine"], entry, "{client}");
        // Idempotent.
        let (_, out, _) = install(&home, client, &file, &token);
        assert!(out.contains("already installed"), "{client}: {out}");
    }
    // Codex: TOML, and its own key for a token from the environment.
    let codex = home.path("config.toml");
    let (code, _, err) = install(&home, "codex", &codex, &token);
    assert_eq!(code, 0, "{err}");
    let doc: toml_edit::DocumentMut = std::fs::read_to_string(&codex).unwrap().parse().unwrap();
    assert_eq!(doc["mcp_servers"]["mine"]["url"].as_str(), Some(URL));
    assert_eq!(
        doc["mcp_servers"]["mine"]["bearer_token_env_var"].as_str(),
        Some("VMCP_TOKEN")
    );
    // Zed takes a URL, but no token from the environment.
    let zed = home.path("zed.json");
    let (code, _, err) = install(&home, "zed", &zed, &token);
    assert_eq!(code, 2);
    assert!(err.contains("Zed cannot read a token"), "{err}");
    let (code, _, err) = install(
        &home,
        "zed",
        &zed,
        &["--url", "https://vmcp.example/mcp/mine"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        read_json(&zed)["context_servers"]["mine"],
        json!({"url": "https://vmcp.example/mcp/mine"})
    );
    // Claude Desktop's file starts commands only.
    let desktop = home.path("desktop.json");
    let (code, _, err) = install(&home, "claude-desktop", &desktop, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("Settings → Connectors"), "{err}");
    assert!(!desktop.exists());
    // Bad input.
    let cc = home.path("claude-code.json");
    for (extra, why) in [
        (vec!["--url", "ftp://x/mcp/mine"], "not an http(s) URL"),
        (
            vec!["--token-env", "VMCP TOKEN"],
            "not an environment variable",
        ),
    ] {
        let (code, _, err) = install(&home, "claude-code", &cc, &extra);
        assert_eq!(code, 2, "{extra:?}");
        assert!(err.contains(why), "{err}");
    }
    let (code, _, err) = vmcp(
        &home,
        &["install", "mine", "--client", "cursor", "--url", URL],
    );
    assert_eq!(code, 2, "--url needs --http: {err}");
}

#[test]
fn the_http_entry_replaces_the_stdio_one_and_uninstalls() {
    let home = home_with_vmcp();
    let file = home.path("claude.json");
    let plain = [
        "install",
        "mine",
        "--client",
        "claude-code",
        "--file",
        file.to_str().unwrap(),
    ];
    ok(&home, &plain);
    assert_eq!(read_json(&file)["mcpServers"]["mine"]["args"][0], "stdio");
    let (code, _, err) = install(&home, "claude-code", &file, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        read_json(&file)["mcpServers"]["mine"],
        json!({"type": "http", "url": URL})
    );
    // And back: each is vmcp's own, so neither needs --force.
    ok(&home, &plain);
    install(&home, "claude-code", &file, &[]);
    let mut remove = plain.to_vec();
    remove[0] = "uninstall";
    let (out, _) = ok(&home, &remove);
    assert!(out.starts_with("removed `mine`"), "{out}");
    // Someone else's URL under the key is not replaced without --force.
    std::fs::write(
        &file,
        json!({"mcpServers": {"mine": {"type": "http", "url": "https://other.example/api"}}})
            .to_string(),
    )
    .unwrap();
    let (code, _, err) = install(&home, "claude-code", &file, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("runs something else"), "{err}");
}

#[test]
fn the_claude_code_entry_calls_through_vmcp_serve() {
    let home = Home::new();
    let vmcp_home = home.path("vmcp-home");
    std::fs::create_dir_all(&vmcp_home).unwrap();
    home.config(&format!(
        "servers:\n{}vmcps:\n  mine:\n    servers: [up]\n",
        upstream_entry("up", &[])
    ));
    let (token, _) = ok(&home, &["serve", "token", "create", "laptop"]);
    let s = Serve::start(&vmcp_home, &home.path("vmcp.yaml"), &[]);
    let file = home.path("claude.json");
    let (code, _, err) = install(
        &home,
        "claude-code",
        &file,
        &["--url", &s.url("mine"), "--token-env", "VMCP_TOKEN"],
    );
    assert_eq!(code, 0, "{err}");
    let entry = &read_json(&file)["mcpServers"]["mine"];
    // What Claude Code does with the entry: expand the variable, send the header to the URL.
    let auth = entry["headers"]["Authorization"]
        .as_str()
        .unwrap()
        .replace("${VMCP_TOKEN}", token.trim());
    let answer = modern(
        entry["url"].as_str().unwrap(),
        &[("Authorization", &auth)],
        1,
        "tools/call",
        json!({"name": "up_echo", "arguments": {"message": "over http"}}),
    )
    .answer();
    assert_eq!(
        answer["result"]["content"][0]["text"], "over http",
        "{answer}"
    );
}
