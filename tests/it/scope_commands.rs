//! `scope` outside the server: `vmcp check`'s notes on which scopes look wrong or could be
//! shared, and the `vmcp vmcp` commands that set a stored server's scope.

use crate::harness::{Home, upstream_entry};

#[test]
fn check_says_which_scopes_look_wrong_or_could_be_shared() {
    use crate::harness::fixtures::{RMCP_UPSTREAM, example};
    let home = Home::new();
    let (_web, url) = crate::harness::servers::test_upstream(
        &["--http", "0", "--name", "web"],
        &home.path("web.events"),
    );
    home.config(&format!(
        "servers:\n{}  web:\n    url: {url}\n    trust: always\n  m:\n    command: {}\n    args: [\"--era\", \"modern\"]\n    trust: always\n\
         vmcps:\n  v:\n    servers:\n      s: {{scope: shared}}\n      web: {{scope: shared, exclude_resources: [\"*\"]}}\n      m: {{}}\n",
        upstream_entry("s", &[]),
        example(RMCP_UPSTREAM).display(),
    ));
    let (code, out, err) = crate::harness::run_vmcp(
        &["check", "--config", "vmcp.yaml", "--json", "--strict"],
        home.dir.path(),
    );
    assert_eq!(code, 0, "advice is never a failure: {out}\n{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let notes = report["vmcps"][0]["notes"].as_array().unwrap();
    let about = |server: &str| -> Vec<&str> {
        notes
            .iter()
            .filter_map(|n| n["message"].as_str())
            .filter(|m| m.starts_with(&format!("server `{server}`")))
            .collect()
    };
    // A legacy HTTP server that keeps a session: sharing it shares that session's state.
    let web = about("web");
    assert_eq!(web.len(), 1, "{notes:?}");
    assert!(
        web[0].contains("Mcp-Session-Id") && web[0].contains("scope: session"),
        "{web:?}"
    );
    // A 2026-07-28 server kept per session could be shared.
    let m = about("m");
    assert_eq!(m.len(), 1, "{notes:?}");
    assert!(
        m[0].contains("2026-07-28") && m[0].contains("scope: shared"),
        "{m:?}"
    );
    // A stdio legacy server shows nothing either way.
    assert!(about("s").is_empty(), "{notes:?}");
    assert!(notes.iter().all(|n| n["kind"] == "scope"), "{notes:?}");
    // The human report shows them too.
    let (_, human, _) =
        crate::harness::run_vmcp(&["check", "--config", "vmcp.yaml"], home.dir.path());
    assert!(
        human.contains("· server `web` is `scope: shared`"),
        "{human}"
    );
}

#[test]
fn vmcp_commands_set_a_stored_servers_scope() {
    let home = Home::new();
    let ok = |args: &[&str]| {
        let (code, out, err) = crate::harness::run_vmcp(args, home.dir.path());
        assert_eq!(code, 0, "{args:?}\n{out}\n{err}");
        out
    };
    let scope_of = |server: &str| -> serde_json::Value {
        let v: serde_json::Value =
            serde_json::from_str(&ok(&["vmcp", "show", "mine", "--json"])).unwrap();
        v["vmcp"]["servers"][server]["scope"].clone()
    };
    for name in ["alpha", "beta"] {
        ok(&[
            "server",
            "add",
            name,
            "--",
            crate::harness::UPSTREAM,
            "--name",
            name,
        ]);
    }
    ok(&["vmcp", "create", "mine", "-s", "alpha"]);
    ok(&["vmcp", "add-server", "mine", "beta", "--scope", "shared"]);
    assert_eq!(scope_of("beta"), "shared");
    assert_eq!(
        scope_of("alpha"),
        serde_json::Value::Null,
        "the default is no key"
    );
    ok(&["vmcp", "set-scope", "mine", "alpha", "shared"]);
    assert_eq!(scope_of("alpha"), "shared");
    ok(&["vmcp", "set-scope", "mine", "alpha", "session"]);
    assert_eq!(scope_of("alpha"), serde_json::Value::Null);
    let (code, _, err) = crate::harness::run_vmcp(
        &["vmcp", "set-scope", "mine", "beta", "sometimes"],
        home.dir.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("use `session` or `shared`"), "{err}");
    assert_eq!(scope_of("beta"), "shared", "a refused edit changes nothing");
    let (code, _, err) = crate::harness::run_vmcp(
        &["vmcp", "set-scope", "mine", "gamma", "shared"],
        home.dir.path(),
    );
    assert_ne!(code, 0);
    assert!(err.contains("gamma"), "{err}");
}
