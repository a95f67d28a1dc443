//! Authenticated HTTP upstreams: static credentials from the server config (bearer token, Basic,
//! API key), never shown or logged.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::json;

use crate::harness::{Client, Home, UPSTREAM, run_vmcp};

pub struct HttpUpstream {
    pub child: Child,
    pub url: String,
}

impl Drop for HttpUpstream {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the test upstream over HTTP with extra arguments; returns once it prints its URL.
pub fn start_http(home: &Home, name: &str, args: &[&str]) -> HttpUpstream {
    let mut child = Command::new(UPSTREAM)
        .args(["--name", name, "--http", "0", "--events"])
        .arg(home.path(&format!("{name}.log")))
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    HttpUpstream {
        child,
        url: line.trim().to_string(),
    }
}

const TOKEN: &str = "s3cr3t-t0ken-value-1234";

#[test]
fn static_credentials_reach_the_server_and_never_the_logs() {
    let home = Home::new();
    let bearer = start_http(
        &home,
        "bearer",
        &[
            "--require-header",
            &format!("Authorization: Bearer {TOKEN}"),
        ],
    );
    // "me:s3cr3t-t0ken-value-1234" in base64.
    let basic_value = format!("Basic {}", "bWU6czNjcjN0LXQwa2VuLXZhbHVlLTEyMzQ=");
    let basic = start_http(
        &home,
        "basic",
        &["--require-header", &format!("Authorization: {basic_value}")],
    );
    let key = start_http(
        &home,
        "key",
        &["--require-header", &format!("X-Api-Key: {TOKEN}")],
    );
    let config = home.config(&format!(
        "servers:
  bearer:
    url: {}
    auth: {{ bearer_token: \"${{env:T}}\" }}
  basic:
    url: {}
    auth: {{ basic: {{ user: me, password: \"${{env:T}}\" }} }}
  key:
    url: {}
    auth: {{ api_key: {{ header: X-Api-Key, value: {TOKEN} }} }}
vmcps:
  v:
    servers: [bearer, basic, key]
",
        bearer.url, basic.url, key.url
    ));
    let mut c = Client::spawn_with(&config, "v", &["-vvv"], &[("T", TOKEN)]);
    c.initialize();
    let names = c.tool_names();
    for server in ["bearer", "basic", "key"] {
        assert!(
            names.contains(&format!("{server}_echo")),
            "{server}: {names:?}\n{}",
            c.stderr()
        );
    }
    assert_eq!(c.call_text("key_echo", json!({"message": "hi"})), "hi");
    c.close_stdin();
    let _ = c.wait_exit(std::time::Duration::from_secs(10));
    let stderr = c.stderr();
    assert!(
        stderr.contains("TRACE") || stderr.contains("DEBUG"),
        "{stderr}"
    );
    assert!(!stderr.contains(TOKEN), "the token was logged:\n{stderr}");
    assert!(
        !stderr.contains("bWU6czNj"),
        "the Basic credential was logged"
    );

    // Shown redacted (the env reference stays visible), in text and JSON.
    for args in [
        vec!["server", "show", "key"],
        vec!["server", "list", "--json"],
        vec!["server", "show", "bearer", "--json"],
    ] {
        let (code, out, err) = run_vmcp(&args, home.dir.path());
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(!out.contains(TOKEN), "{args:?}: {out}");
    }
    let (_, out, _) = run_vmcp(&["server", "show", "bearer"], home.dir.path());
    assert!(out.contains("${env:T}"), "{out}");
    let (_, out, _) = run_vmcp(&["server", "show", "key"], home.dir.path());
    assert!(out.contains("<redacted>"), "{out}");
}

#[test]
fn missing_credentials_say_the_server_needs_authentication() {
    let home = Home::new();
    let up = start_http(
        &home,
        "locked",
        &[
            "--require-header",
            &format!("Authorization: Bearer {TOKEN}"),
        ],
    );
    home.config(&format!(
        "servers:\n  locked:\n    url: {}\n    auth: {{ bearer_token: wrong }}\nvmcps:\n  v:\n    servers: [locked]\n",
        up.url
    ));
    let (code, out, err) = run_vmcp(&["server", "test", "locked"], home.dir.path());
    assert_ne!(code, 0, "{out}");
    let all = format!("{out}{err}");
    assert!(all.contains("requires authentication"), "{all}");
}

#[test]
fn auth_status_and_logout_without_a_login() {
    let home = Home::new();
    home.config(
        "servers:
  plain:
    url: http://127.0.0.1:9/mcp
  keyed:
    url: http://127.0.0.1:9/mcp
    auth: { api_key: { header: X-Key, value: k } }
  oauthy:
    url: http://127.0.0.1:9/mcp
    auth: { oauth: { scopes: [read] } }
  local:
    command: /bin/true
",
    );
    let (code, out, err) = run_vmcp(&["auth", "status", "--json"], home.dir.path());
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let states: Vec<(String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["server"].as_str().unwrap().to_string(),
                r["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        states,
        vec![
            pair("keyed", "static"),
            pair("oauthy", "needs_login"),
            pair("plain", "none")
        ]
    );
    let (code, out, _) = run_vmcp(&["auth", "status"], home.dir.path());
    assert_eq!(code, 0);
    assert!(out.contains("needs login"), "{out}");
    let (code, out, _) = run_vmcp(&["logout", "plain"], home.dir.path());
    assert_eq!(code, 0);
    assert!(out.contains("not logged in"), "{out}");
    let (code, _, err) = run_vmcp(&["logout", "nosuch"], home.dir.path());
    assert_eq!(code, 4, "{err}");
}
