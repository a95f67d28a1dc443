//! `vmcp serve` on an address other hosts reach (`0.0.0.0`, run in a private network namespace
//! with its clients: see `harness/netns.rs`): every path that shows something needs a token,
//! `/metrics` included, where a loopback server lets scrapers in without one.

use crate::harness::http::{Serve, send};
use crate::harness::{Home, run_vmcp, upstream_entry};

/// Creates token `name` (for `vmcps`, none: every vMCP); its secret.
fn token(home: &Home, name: &str, vmcps: &[&str]) -> String {
    let mut args = vec!["serve", "token", "create", name];
    for v in vmcps {
        args.extend(["--vmcp", v]);
    }
    let (code, secret, err) = run_vmcp(&args, home.dir.path());
    assert_eq!(code, 0, "{err}");
    secret.trim().to_string()
}

#[test]
fn metrics_on_every_interface_need_a_token_that_opens_every_served_vmcp() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n{}vmcps:\n  v:\n    servers: [s]\n  w:\n    servers: [s]\n",
        upstream_entry("s", &[])
    ));
    let everything = token(&home, "scraper", &[]);
    let only_v = token(&home, "laptop", &["v"]);
    let revoked = token(&home, "old", &[]);
    let (code, _, err) = run_vmcp(&["serve", "token", "revoke", "old"], home.dir.path());
    assert_eq!(code, 0, "{err}");
    let Some(s) = Serve::start_on_every_interface(home.dir.path(), &home.path("vmcp.yaml"), &[])
    else {
        return;
    };
    s.inside(|| {
        let metrics = format!("{}/metrics", s.base);
        let scrape = |token: Option<&str>| {
            let auth = token.map(|t| format!("Bearer {t}"));
            let headers: Vec<(&str, &str)> = auth
                .as_deref()
                .map(|a| vec![("Authorization", a)])
                .unwrap_or_default();
            send("GET", &metrics, &headers, None)
        };
        for (token, why) in [
            (None, "no token"),
            (Some("vmcp_0000"), "an unknown token"),
            (Some(revoked.as_str()), "a revoked token"),
        ] {
            let r = scrape(token);
            assert_eq!(
                (r.status, r.header("www-authenticate")),
                (401, Some("Bearer realm=\"vmcp\"")),
                "{why}"
            );
        }
        // The figures cover every served vMCP: a token for one of them is not enough.
        let partial = scrape(Some(&only_v));
        assert_eq!(partial.status, 403);
        assert!(partial.text().contains("`w`"));
        let ok = scrape(Some(&everything));
        assert_eq!(ok.status, 200);
        assert_eq!(
            ok.header("content-type"),
            Some("text/plain; version=0.0.4; charset=utf-8")
        );
        let text = ok.text();
        assert!(text.contains("# TYPE vmcp_sessions gauge"), "{text}");
        assert!(text.contains("vmcp_sessions{vmcp=\"w\"} 0"), "{text}");
        // The MCP endpoints need one too; the health probes do not.
        assert_eq!(send("GET", &s.url("v"), &[], None).status, 401);
        assert_eq!(
            send("GET", &format!("{}/healthz", s.base), &[], None).status,
            200
        );
    });
}
