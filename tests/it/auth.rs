//! Authenticated HTTP upstreams: static credentials from the server config (bearer token, Basic,
//! API key), never shown or logged.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::json;

use crate::harness::{Client, Home, UPSTREAM, run_vmcp, vmcp};

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
    trust: always
  basic:
    url: {}
    auth: {{ basic: {{ user: me, password: \"${{env:T}}\" }} }}
    trust: always
  key:
    url: {}
    auth: {{ api_key: {{ header: X-Api-Key, value: {TOKEN} }} }}
    trust: always
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

/// A raw HTTP/1.1 GET (the test plays the browser): status, headers (lowercase names), body.
pub fn http_get(url: &str) -> (u16, std::collections::HashMap<String, String>, String) {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").expect("http URL");
    let slash = rest.find('/').unwrap_or(rest.len());
    let (host, path) = rest.split_at(slash);
    let path = if path.is_empty() { "/" } else { path };
    let mut s = std::net::TcpStream::connect(host).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    let _ = s.read_to_string(&mut text);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, body.to_string())
}

/// A running `vmcp login NAME --no-browser`, with the authorization URL it printed.
pub struct Login {
    pub child: Child,
    pub url: String,
}

pub fn start_login(home: &Home, name: &str, extra: &[&str], env: &[(&str, &str)]) -> Login {
    let mut child = vmcp(home)
        .args(["login", name, "--no-browser"])
        .args(extra)
        .envs(env.iter().copied())
        .spawn();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let url = loop {
        let line = lines
            .next()
            .unwrap_or_else(|| panic!("vmcp login printed no URL"))
            .unwrap();
        if line.trim_start().starts_with("http") && line.contains("/authorize") {
            break line.trim().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    Login { child, url }
}

impl Login {
    /// Plays the browser: the authorization server redirects at once; follow it to vmcp.
    /// `tamper` may change the redirect URL (e.g. its `state`).
    pub fn approve(self, tamper: impl Fn(String) -> String) -> (i32, String) {
        let (status, headers, body) = http_get(&self.url);
        assert_eq!(status, 302, "authorize answered {status}: {body}");
        let location = tamper(headers["location"].clone());
        let (status, _, page) = http_get(&location);
        let out = self.child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            (status == 200) == out.status.success(),
            "callback {status} {page}; vmcp {stdout}"
        );
        (out.status.code().unwrap_or(-1), stdout)
    }
}

pub fn auth_rows(home: &Home) -> serde_json::Value {
    let (code, out, err) = run_vmcp(&["auth", "status", "--json"], home.dir.path());
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn login_with_dynamic_registration_reuses_it_and_logout_revokes() {
    let home = Home::new();
    let up = start_http(&home, "web", &["--oauth"]);
    home.config(&format!(
        "servers:\n  web:\n    url: {}\nvmcps:\n  v:\n    servers: [web]\n",
        up.url
    ));
    assert_eq!(auth_rows(&home)[0]["state"], "none");
    let (code, out) = start_login(&home, "web", &[], &[]).approve(|l| l);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("logged in to `web` (expires in"), "{out}");
    assert!(out.contains("refreshable"), "{out}");
    let row = &auth_rows(&home)[0];
    assert_eq!(row["state"], "logged_in", "{row}");
    assert_eq!(row["client"], "dynamic");
    assert_eq!(row["scopes"], json!(["read"]));
    let registered = home.wait_event("web.log", "registered dyn-");
    home.wait_event("web.log", &format!("resource={}", up.url));
    home.wait_event("web.log", "token issued code");
    // A second login reuses the registration and its redirect port.
    let again = start_login(&home, "web", &["--scope", "read,write"], &[]);
    let port = registered
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap()
        .to_string();
    assert!(
        again.url.contains(&format!("127.0.0.1%3A{port}")),
        "{} vs {registered}",
        again.url
    );
    let (code, out) = again.approve(|l| l);
    assert_eq!(code, 0, "{out}");
    let regs = home
        .events("web.log")
        .iter()
        .filter(|l| l.contains("registered"))
        .count();
    assert_eq!(regs, 1, "{:?}", home.events("web.log"));
    assert_eq!(auth_rows(&home)[0]["scopes"], json!(["read", "write"]));
    // Tokens never appear in the status output.
    let (_, text, _) = run_vmcp(&["auth", "status"], home.dir.path());
    assert!(!text.contains("at-") && !text.contains("rt-"), "{text}");
    let (code, out, err) = run_vmcp(&["logout", "web"], home.dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("tokens revoked"), "{out}");
    home.wait_event("web.log", "revoked known=true");
    assert_eq!(auth_rows(&home)[0]["state"], "none");
}

#[test]
fn login_with_a_preregistered_client_and_a_fixed_port() {
    let home = Home::new();
    let up = start_http(
        &home,
        "pre",
        &["--oauth", "--oauth-client", "fixed:sekret", "--no-dcr"],
    );
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    home.config(&format!(
        "servers:\n  pre:\n    url: {}\n    auth:\n      oauth: {{ client_id: fixed, client_secret: \"${{env:SECRET}}\", redirect_port: {port} }}\nvmcps:\n  v:\n    servers: [pre]\n",
        up.url
    ));
    let login = start_login(&home, "pre", &[], &[("SECRET", "sekret")]);
    assert!(login.url.contains("client_id=fixed"), "{}", login.url);
    assert!(
        login.url.contains(&format!("127.0.0.1%3A{port}")),
        "{}",
        login.url
    );
    assert!(
        login.url.contains("code_challenge_method=S256"),
        "{}",
        login.url
    );
    let (code, out) = login.approve(|l| l);
    assert_eq!(code, 0, "{out}");
    assert_eq!(auth_rows(&home)[0]["client"], "configured");
    assert!(
        !home
            .events("pre.log")
            .iter()
            .any(|l| l.contains("registered")),
        "{:?}",
        home.events("pre.log")
    );
}

#[test]
fn a_redirect_with_the_wrong_state_is_rejected() {
    let home = Home::new();
    let up = start_http(&home, "st", &["--oauth"]);
    home.config(&format!(
        "servers:\n  st:\n    url: {}\nvmcps:\n  v:\n    servers: [st]\n",
        up.url
    ));
    let login = start_login(&home, "st", &[], &[]);
    let (code, out) = login.approve(|l| {
        let (before, after) = l.split_once("state=").unwrap();
        let rest = after
            .split_once('&')
            .map_or(String::new(), |(_, r)| format!("&{r}"));
        format!("{before}state=forged{rest}")
    });
    assert_ne!(code, 0, "{out}");
    assert_eq!(auth_rows(&home)[0]["state"], "needs_login");
    assert!(
        !home
            .events("st.log")
            .iter()
            .any(|l| l.contains("token issued")),
        "{:?}",
        home.events("st.log")
    );
}

#[test]
fn login_times_out_and_refuses_what_it_cannot_log_in_to() {
    let home = Home::new();
    let locked = start_http(&home, "locked", &["--oauth"]);
    let open = start_http(&home, "open", &[]);
    home.config(&format!(
        "servers:\n  locked:\n    url: {}\n  open:\n    url: {}\n  keyed:\n    url: {}\n    auth: {{ bearer_token: t }}\n  local:\n    command: /bin/true\n",
        locked.url, open.url, open.url
    ));
    let (code, out, err) = run_vmcp(
        &["login", "locked", "--no-browser", "--timeout", "1s"],
        home.dir.path(),
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("no answer from the browser within 1s"),
        "{err}"
    );
    assert!(err.contains("/authorize?"), "the URL is printed: {err}");
    let (code, out, _) = run_vmcp(&["login", "open", "--no-browser"], home.dir.path());
    assert_eq!(code, 0);
    assert!(out.contains("nothing to log in to"), "{out}");
    let (code, _, err) = run_vmcp(&["login", "keyed"], home.dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("static credentials"), "{err}");
    let (code, _, err) = run_vmcp(&["login", "local"], home.dir.path());
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = run_vmcp(&["login", "nosuch"], home.dir.path());
    assert_eq!(code, 4);
}

#[test]
fn ctrl_c_cancels_a_login() {
    let home = Home::new();
    let up = start_http(&home, "web", &["--oauth"]);
    home.config(&format!("servers:\n  web:\n    url: {}\n", up.url));
    let mut login = start_login(&home, "web", &[], &[]);
    let pid = nix::unistd::Pid::from_raw(i32::try_from(login.child.id()).unwrap());
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).unwrap();
    let status = login.child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(auth_rows(&home)[0]["state"], "needs_login");
}
