//! The trust screen sees every tool: a definition nested too deep to parse for screening (past a
//! JSON parser's recursion limit) is withheld, with the reason, by every command alike — the
//! session (`vmcp stdio`), `check`, `tools list`, `server approve` and `trust diff` — whatever
//! the server's trust mode. The tool here also carries the marks of tool poisoning.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::harness::{Home, UPSTREAM, VMCP, run_vmcp};

/// Schema levels of the `deep` tool: each adds two levels of JSON, so about 200 in all.
const LEVELS: &str = "100";

fn write(home: &Home, trust: &str) {
    home.config(&format!(
        "servers:\n  s:\n    command: {UPSTREAM}\n    args: ['--tools-only', '--only-tools', 'echo', '--deep-tool', '{LEVELS}']\n{trust}vmcps:\n  v:\n    servers: [s]\n"
    ));
}

fn vmcp(home: &Home, args: &[&str]) -> (i32, String, String) {
    run_vmcp(args, home.dir.path())
}

/// The raw `tools/list` response line of `vmcp stdio` and the raw answer to calling `s_deep`
/// (read as text: the test client would refuse a line too deep to parse).
fn stdio_lines(home: &Home) -> (String, String) {
    let mut child = Command::new(VMCP)
        .args(["stdio", "--vmcp", "v", "--config"])
        .arg(home.path("vmcp.yaml"))
        .env("VMCP_HOME", home.dir.path())
        .env_remove("VMCP_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn vmcp stdio");
    let mut stdin = child.stdin.take().expect("stdin");
    for line in [
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
        r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
        r#"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#,
        r#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"s_deep","arguments":{}}}"#,
    ] {
        writeln!(stdin, "{line}").expect("write");
    }
    let mut list = String::new();
    let mut call = String::new();
    for line in BufReader::new(child.stdout.take().expect("stdout")).lines() {
        let line = line.expect("read");
        if line.starts_with(r#"{"jsonrpc":"2.0","id":2,"#) {
            list = line;
        } else if line.starts_with(r#"{"jsonrpc":"2.0","id":3,"#) {
            call = line;
        }
        if !list.is_empty() && !call.is_empty() {
            break;
        }
    }
    drop(stdin);
    let _ = child.wait();
    (list, call)
}

#[test]
fn a_tool_too_deep_to_screen_is_withheld_by_every_command() {
    // Trusted as it is; pinned (its first use approves the rest); under review, once approved.
    for (trust, approve_first) in [
        ("    trust: always\n", false),
        ("", false),
        ("    trust: review\n", true),
    ] {
        let home = Home::new();
        write(&home, trust);
        if approve_first {
            assert_eq!(vmcp(&home, &["server", "approve", "s"]).0, 0);
        }
        let (list, call) = stdio_lines(&home);
        assert!(
            list.contains(r#""name":"s_echo""#) && !list.contains("s_deep"),
            "{trust:?}: stdio serves the screened tools only: {list:.300}"
        );
        assert!(
            call.contains("tool `s_deep` is withheld")
                && call.contains("cannot be screened for tool poisoning"),
            "{trust:?}: {call}"
        );

        let (code, out, _) = vmcp(&home, &["tools", "list", "--vmcp", "v", "--json"]);
        assert_eq!(code, 0, "{out}");
        let listing: Value = serde_json::from_str(&out).expect("tools list --json");
        let names: Vec<&str> = listing["tools"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|t| t["name"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(names, ["s_echo"], "{trust:?}: {out}");
        assert_eq!(listing["withheld"][0]["name"], "s_deep", "{out}");
        let (_, out, err) = vmcp(&home, &["tools", "list", "--vmcp", "v"]);
        assert!(out.contains("s_echo") && !out.contains("s_deep"), "{out}");
        assert!(
            err.contains(
                "warning: tool `s_deep` is withheld: its definition nests 202 levels deep"
            ),
            "{err}"
        );

        let (code, out, _) = vmcp(&home, &["check", "--strict"]);
        assert_eq!(code, 1, "{trust:?}: {out}");
        assert!(
            out.contains("tool `s_deep` is withheld")
                && out.contains("nests 202 levels deep (vmcp screens at most 100)"),
            "{trust:?}: {out}"
        );

        let (code, out, _) = vmcp(&home, &["trust", "diff", "s"]);
        assert!(
            out.contains("! tool `deep`, definition: nests 202 levels deep"),
            "{trust:?} (exit {code}): {out}"
        );
        let (code, out, err) = vmcp(&home, &["server", "approve", "s", "--json"]);
        assert_eq!(code, 0, "{err}");
        let a: Value = serde_json::from_str(&out).expect("approve --json");
        assert_eq!(a["approved"], serde_json::json!(["echo"]), "{out}");
        assert_eq!(a["flags"][0]["kind"], "unscreenable", "{out}");
        let (code, _, err) = vmcp(&home, &["server", "approve", "s", "--tool", "deep"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("cannot be screened"), "{err}");
        // Approved, the rest is clean; the deep tool stays out.
        let (code, out, _) = vmcp(&home, &["trust", "diff", "s"]);
        assert_eq!(code, 0, "{trust:?}: {out}");
    }
}
