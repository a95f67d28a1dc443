//! `vmcp serve --oauth-issuer`: the OAuth resource-server mode, through the real binary over real
//! HTTP, against the test upstream's loopback authorization server (which mints RS256 and ES256
//! JWTs, publishes its keys and rotates them). Tokens are checked for signature, issuer,
//! audience, expiry and scope; refusals carry the challenge MCP clients log in from, and an MCP
//! client (vmcp's own `vmcp login`) does log in by itself from it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::auth::{HttpUpstream, start_http, start_login};
use crate::harness::http::{Reply, Serve, modern, send};
use crate::harness::procs::{signal, wait_exit};
use crate::harness::{Home, run_vmcp, upstream_entry, wait_for};

/// The test authorization server (the test upstream with `--oauth`): (process, issuer URL).
fn issuer(home: &Home, extra: &[&str]) -> (HttpUpstream, String) {
    let mut args = vec!["--oauth"];
    args.extend_from_slice(extra);
    let up = start_http(home, "as", &args);
    let issuer = up.url.trim_end_matches("/mcp").to_string();
    (up, issuer)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A token the authorization server signs: `alg`, `claims` over its defaults, `extra` request
/// fields (`kid`, `header`).
fn mint(issuer: &str, alg: &str, claims: Value, extra: Value) -> String {
    let mut body = json!({"alg": alg, "claims": claims});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let r = send(
        "POST",
        &format!("{issuer}/mint"),
        &[("Content-Type", "application/json")],
        Some(&body.to_string()),
    );
    assert_eq!(r.status, 200);
    r.json()["access_token"].as_str().unwrap().to_string()
}

fn rotate(issuer: &str, body: Value) -> String {
    let r = send(
        "POST",
        &format!("{issuer}/rotate"),
        &[("Content-Type", "application/json")],
        Some(&body.to_string()),
    );
    assert_eq!(r.status, 200);
    r.json()["kid"].as_str().unwrap().to_string()
}

/// Two vMCPs `v` and `w` over the test upstream, served with OAuth from `issuer`.
fn serve(home: &Home, issuer: &str, extra: &[&str]) -> Serve {
    home.config(&format!(
        "servers:\n{}vmcps:\n  v:\n    servers: [s]\n  w:\n    servers: [s]\n",
        upstream_entry("s", &[])
    ));
    let mut args = vec!["--oauth-issuer", issuer];
    args.extend_from_slice(extra);
    Serve::start(home.dir.path(), &home.path("vmcp.yaml"), &args)
}

fn echo(url: &str, token: Option<&str>) -> Reply {
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth
        .as_deref()
        .map(|a| vec![("Authorization", a)])
        .unwrap_or_default();
    modern(
        url,
        &headers,
        1,
        "tools/call",
        json!({"name": "s_echo", "arguments": {"message": "a"}}),
    )
}

fn jwks_fetches(home: &Home) -> usize {
    home.events("as.log")
        .iter()
        .filter(|l| l.ends_with("jwks served"))
        .count()
}

#[test]
fn the_metadata_and_the_challenge_tell_a_client_where_to_log_in() {
    let home = Home::new();
    let (_as, iss) = issuer(&home, &[]);
    let s = serve(&home, &iss, &[]);
    let meta = send(
        "GET",
        &format!("{}/.well-known/oauth-protected-resource/mcp/v", s.base),
        &[],
        None,
    );
    assert_eq!(meta.status, 200);
    assert_eq!(meta.header("content-type"), Some("application/json"));
    let meta = meta.json();
    assert_eq!(meta["resource"], s.url("v"));
    assert_eq!(meta["authorization_servers"], json!([iss]));
    assert_eq!(meta["scopes_supported"], json!(["vmcp:v"]));
    assert_eq!(meta["bearer_methods_supported"], json!(["header"]));
    let root = send(
        "GET",
        &format!("{}/.well-known/oauth-protected-resource", s.base),
        &[],
        None,
    )
    .json();
    assert_eq!(root["resource"], s.base);
    assert_eq!(
        root["scopes_supported"],
        json!(["vmcp:v", "vmcp:w", "vmcp:*"])
    );
    let unknown = send(
        "GET",
        &format!("{}/.well-known/oauth-protected-resource/mcp/nope", s.base),
        &[],
        None,
    );
    assert_eq!(unknown.status, 404);
    // No token: 401, the metadata's URL and the scope to ask for, and no error code (RFC 6750).
    let r = echo(&s.url("v"), None);
    assert_eq!(r.status, 401);
    assert_eq!(
        r.header("www-authenticate"),
        Some(
            format!(
                "Bearer resource_metadata=\"{}/.well-known/oauth-protected-resource/mcp/v\", scope=\"vmcp:v\"",
                s.base
            )
            .as_str()
        )
    );
}

#[test]
fn jwts_are_checked_and_the_call_log_names_their_subject() {
    let home = Home::new();
    let (_as, iss) = issuer(&home, &[]);
    let s = serve(&home, &iss, &[]);
    let (url_v, url_w) = (s.url("v"), s.url("w"));
    let good = json!({"aud": url_v, "scope": "openid vmcp:v"});
    // RS256 and ES256, the vMCP's URL or the server's as audience.
    for alg in ["RS256", "ES256"] {
        let ok = echo(&url_v, Some(&mint(&iss, alg, good.clone(), json!({}))));
        assert_eq!(ok.status, 200, "{alg}");
        assert_eq!(ok.answer()["result"]["content"][0]["text"], "a");
    }
    let server_wide = mint(
        &iss,
        "ES256",
        json!({"aud": [s.base.clone()], "scp": ["vmcp:*"], "sub": "ops"}),
        json!({}),
    );
    assert_eq!(echo(&url_w, Some(&server_wide)).status, 200);
    // A valid token whose scopes do not cover the vMCP: 403 insufficient_scope.
    let v_only = mint(
        &iss,
        "RS256",
        json!({"aud": s.base, "scope": "vmcp:v"}),
        json!({}),
    );
    let refused = echo(&url_w, Some(&v_only));
    assert_eq!(refused.status, 403);
    let challenge = refused.header("www-authenticate").unwrap().to_string();
    assert!(
        challenge.contains("error=\"insufficient_scope\"")
            && challenge.contains("scope=\"vmcp:w\""),
        "{challenge}"
    );
    // Invalid tokens: 401 invalid_token, saying why.
    let with = |claims: Value| {
        let mut c = good.clone();
        c.as_object_mut()
            .unwrap()
            .extend(claims.as_object().unwrap().clone());
        mint(&iss, "RS256", c, json!({}))
    };
    let tampered = {
        let t = mint(&iss, "RS256", good.clone(), json!({}));
        let (rest, sig) = t.rsplit_once('.').unwrap();
        let flipped = if sig.starts_with('A') { "B" } else { "A" };
        format!("{rest}.{flipped}{}", &sig[1..])
    };
    let unpublished = rotate(&iss, json!({"alg": "ES256", "publish": false}));
    let none = {
        let t = mint(
            &iss,
            "RS256",
            good.clone(),
            json!({"header": {"alg": "none"}}),
        );
        format!("{}.", t.rsplit_once('.').unwrap().0)
    };
    for (token, why) in [
        (with(json!({"exp": now() - 3600})), "expired"),
        (with(json!({"aud": url_w.clone()})), "audience"),
        (with(json!({"iss": "http://127.0.0.1:1"})), "issuer"),
        (tampered, "signature"),
        (
            mint(&iss, "ES256", good.clone(), json!({"kid": unpublished})),
            "does not publish",
        ),
        (none, "algorithm"),
        ("not-a-jwt".to_string(), "not a JWT"),
    ] {
        let r = echo(&url_v, Some(&token));
        assert_eq!(r.status, 401, "{why}");
        let challenge = r.header("www-authenticate").unwrap().to_string();
        assert!(
            challenge.contains("error=\"invalid_token\"")
                && challenge.contains("resource_metadata=")
                && challenge.contains(why),
            "{why}: {challenge}"
        );
        let log = s.log();
        assert!(log.contains(why), "{why} not logged:\n{log}");
        assert!(!log.contains(&token), "the token was logged:\n{log}");
    }
    // `vmcp serve token` tokens keep working alongside.
    let (code, laptop, err) = run_vmcp(
        &["serve", "token", "create", "laptop", "--vmcp", "v"],
        home.dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(echo(&url_v, Some(laptop.trim())).status, 200);
    assert_eq!(echo(&url_v, Some("vmcp_0000")).status, 401);
    // The call log names each caller (written when the server stops).
    signal(s.pid(), "TERM");
    let mut s = s;
    wait_exit(&mut s.child, Duration::from_secs(20)).expect("serve exits");
    let (_, log, _) = run_vmcp(&["log", "--json"], home.dir.path());
    for caller in ["oauth:tester", "oauth:ops", "laptop"] {
        assert!(
            log.contains(&format!("\"caller\":\"{caller}\"")),
            "{caller}: {log}"
        );
    }
}

#[test]
fn a_rotated_key_is_fetched_when_a_token_names_it() {
    let home = Home::new();
    let (_as, iss) = issuer(&home, &[]);
    let s = serve(&home, &iss, &["--oauth-jwks-cooldown", "1ms"]);
    let v = s.url("v");
    let claims = json!({"aud": v, "scope": "vmcp:v"});
    assert_eq!(
        echo(&v, Some(&mint(&iss, "RS256", claims.clone(), json!({})))).status,
        200
    );
    let before = jwks_fetches(&home);
    let kid = rotate(&iss, json!({"alg": "RS256", "retire": true}));
    let token = mint(&iss, "RS256", claims, json!({}));
    assert_eq!(echo(&v, Some(&token)).status, 200, "{}", s.log());
    assert_eq!(jwks_fetches(&home), before + 1, "one fetch for {kid}");
}

#[test]
fn unknown_key_ids_cannot_make_the_server_hammer_the_issuer() {
    let home = Home::new();
    let (_as, iss) = issuer(&home, &[]);
    let s = serve(&home, &iss, &["--oauth-jwks-cooldown", "1h"]);
    let v = s.url("v");
    let claims = json!({"aud": v, "scope": "vmcp:v"});
    assert_eq!(
        echo(&v, Some(&mint(&iss, "ES256", claims.clone(), json!({})))).status,
        200
    );
    let unpublished = rotate(&iss, json!({"alg": "ES256", "publish": false}));
    for _ in 0..10 {
        let t = mint(&iss, "ES256", claims.clone(), json!({"kid": unpublished}));
        assert_eq!(echo(&v, Some(&t)).status, 401);
    }
    assert_eq!(jwks_fetches(&home), 1, "{:?}", home.events("as.log"));
}

#[test]
fn an_mcp_client_discovers_the_issuer_logs_in_and_calls_through() {
    // The server side: an authorization server issuing JWTs for the resource asked for, and
    // `vmcp serve` trusting it.
    let server = Home::new();
    let (_as, iss) = issuer(&server, &["--jwt"]);
    let s = serve(&server, &iss, &[]);
    // The client side: another vmcp whose upstream is the served vMCP, logging in with nothing
    // but its URL (challenge → protected-resource metadata → the issuer's metadata →
    // registration → authorization code with PKCE, for resource `…/mcp/v` and scope `vmcp:v`).
    let client = Home::new();
    client.config(&format!(
        "servers:\n  remote:\n    url: {}\n    trust: always\nvmcps:\n  c:\n    servers: [remote]\n",
        s.url("v")
    ));
    let (code, out) = start_login(&client, "remote", &[], &[]).approve(|l| l);
    assert_eq!(code, 0, "{out}");
    let authorize = server.wait_event("as.log", "authorize client=");
    assert!(
        authorize.contains("scope=vmcp:v")
            && authorize.contains(&format!("resource={}", s.url("v"))),
        "{authorize}"
    );
    let (code, out, err) = run_vmcp(
        &["call", "--vmcp", "c", "remote_s_echo", "message=via-oauth"],
        client.dir.path(),
    );
    assert_eq!(code, 0, "{out}\n{err}\n{}", s.log());
    assert!(out.contains("via-oauth"), "{out}");
    signal(s.pid(), "TERM");
    let mut s = s;
    wait_exit(&mut s.child, Duration::from_secs(20)).expect("serve exits");
    let logged = wait_for(Duration::from_secs(5), || {
        let (_, log, _) = run_vmcp(&["log", "--json"], server.dir.path());
        log.contains("\"caller\":\"oauth:user-1\"").then_some(())
    });
    assert!(logged.is_some());
}

#[test]
fn the_python_sdk_client_logs_in_by_itself_and_calls_through() {
    let Some(dir) = crate::interop::interop_dir() else {
        return;
    };
    let python = crate::interop::tools(&dir).python;
    let home = Home::new();
    let (_as, iss) = issuer(&home, &["--jwt"]);
    let s = serve(&home, &iss, &[]);
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/interop/python_oauth_client.py");
    let out = std::process::Command::new(python)
        .arg(script)
        .args([s.url("v").as_str(), "s_echo"])
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        s.log()
    );
    let seen: Value = serde_json::from_str(stdout.trim()).expect("json");
    // It asked for this vMCP's scope and resource, as the challenge and the metadata said.
    assert_eq!(seen["scope"], "vmcp:v", "{seen}");
    assert_eq!(seen["resource"], s.url("v"), "{seen}");
    assert_eq!(seen["echo"], "from python", "{seen}");
}
