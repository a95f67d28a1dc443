//! `vmcp auth status`, `vmcp login`, `vmcp logout`: remote servers' credentials. This file is what
//! vmcp knows about each server's (`auth status`); `login.rs` obtains them with OAuth,
//! `logout.rs` revokes and forgets them, and `conformance.rs` drives the login and session
//! paths for the official MCP conformance suite's auth scenarios.

pub(crate) mod conformance;
pub(crate) mod login;
pub(crate) mod logout;

use std::collections::BTreeMap;

use serde::Serialize;

use super::context::Context;
use super::definition::source;
use crate::config::ServerConfig;
use crate::store::Credentials;

/// One row of `vmcp auth status` (also the `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AuthStatus {
    pub server: String,
    /// `logged_in`, `expired`, `needs_login`, `static` or `none`.
    pub state: &'static str,
    /// `bearer_token`, `basic`, `api_key` or `oauth`; `null` for none.
    pub kind: Option<&'static str>,
    /// Unix seconds when the access token expires (`null`: unknown or no token).
    pub expires_at: Option<u64>,
    /// Whether a refresh token is stored (an expired login renews itself on next use).
    pub refreshable: bool,
    pub scopes: Vec<String>,
    /// How the OAuth client was obtained: `dynamic`, `configured` or `metadata`.
    pub client: Option<String>,
}

/// The status of one server from its config (if any) and stored credentials (if any).
pub(crate) fn status_of(
    name: &str,
    config: Option<&ServerConfig>,
    creds: Option<&Credentials>,
    now: u64,
) -> AuthStatus {
    let auth = config.and_then(|c| c.auth.as_ref());
    let mut s = AuthStatus {
        server: name.to_string(),
        state: "none",
        kind: auth.and_then(|a| a.kinds().first().copied()),
        expires_at: None,
        refreshable: false,
        scopes: Vec::new(),
        client: creds
            .and_then(|c| c.client.as_ref())
            .map(|c| c.source.clone()),
    };
    if auth.is_some_and(crate::config::AuthConfig::is_static) {
        s.state = "static";
        return s;
    }
    match creds.and_then(|c| c.tokens.as_ref()) {
        Some(t) => {
            s.kind = Some("oauth");
            s.expires_at = t.expires_at;
            s.refreshable = t.refresh_token.is_some();
            s.scopes.clone_from(&t.scopes);
            s.state = if t.expires_at.is_some_and(|e| e <= now) {
                "expired"
            } else {
                "logged_in"
            };
        }
        None if creds.is_some() || auth.is_some_and(|a| a.oauth.is_some()) => {
            s.kind = Some("oauth");
            s.state = "needs_login";
        }
        None => {}
    }
    s
}

/// Every remote server (store and default file) and every server with stored credentials.
pub(crate) fn status(ctx: &Context) -> anyhow::Result<Vec<AuthStatus>> {
    let creds = ctx.store.all_credentials()?;
    let mut configs: BTreeMap<String, ServerConfig> = BTreeMap::new();
    for d in source::servers(ctx)? {
        if d.config.url.is_some() {
            configs.entry(d.name).or_insert(d.config);
        }
    }
    let now = crate::support::clock::unix_seconds();
    let mut names: Vec<&String> = configs.keys().chain(creds.keys()).collect();
    names.sort();
    names.dedup();
    Ok(names
        .into_iter()
        .map(|n| status_of(n, configs.get(n), creds.get(n), now))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Tokens;

    #[test]
    fn states() {
        let oauth: ServerConfig =
            serde_yaml::from_str("url: http://x\nauth: { oauth: {} }\n").unwrap();
        let bearer: ServerConfig =
            serde_yaml::from_str("url: http://x\nauth: { bearer_token: t }\n").unwrap();
        let plain: ServerConfig = serde_yaml::from_str("url: http://x\n").unwrap();
        let creds = |expires_at, refresh: Option<&str>| Credentials {
            tokens: Some(Tokens {
                access_token: "a".into(),
                refresh_token: refresh.map(str::to_string),
                expires_at,
                scopes: vec!["s".into()],
                obtained_at: 0,
            }),
            ..Credentials::default()
        };
        let st =
            |c: Option<&ServerConfig>, k: Option<&Credentials>| status_of("x", c, k, 100).state;
        assert_eq!(st(Some(&bearer), None), "static");
        assert_eq!(st(Some(&plain), None), "none");
        assert_eq!(st(Some(&oauth), None), "needs_login");
        assert_eq!(
            st(Some(&plain), Some(&Credentials::default())),
            "needs_login"
        );
        assert_eq!(st(Some(&plain), Some(&creds(Some(200), None))), "logged_in");
        assert_eq!(st(None, Some(&creds(None, None))), "logged_in");
        let expired = status_of("x", None, Some(&creds(Some(50), Some("r"))), 100);
        assert_eq!((expired.state, expired.refreshable), ("expired", true));
        assert_eq!(expired.scopes, vec!["s".to_string()]);
    }
}
