//! OAuth 2.1 resource-server mode for `vmcp serve` (`--oauth-issuer`), as the MCP authorization
//! spec asks of a server: JWT access tokens from one issuer are checked here (signature against
//! the issuer's published keys, issuer, audience = this server's resource URL, expiry, scopes
//! `vmcp:<name>` / `vmcp:*`), protected-resource metadata (RFC 9728) tells clients which
//! authorization server to log in at, and refusals carry the `WWW-Authenticate` challenge
//! pointing at it.
//!
//! - `jws.rs`: tokens, keys and signatures; `claims.rs`: what a token must say;
//!   `keys.rs`: the issuer's key set, fetched and refreshed.

pub(crate) mod claims;
pub(crate) mod jws;
pub(crate) mod keys;

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use self::keys::{KeyError, KeySet};
use crate::app::InvalidInput;
use crate::support::clock::unix_seconds;

/// Where protected-resource metadata is published (RFC 9728 §3); a resource's path follows.
pub(crate) const METADATA_PATH: &str = "/.well-known/oauth-protected-resource";
/// What a caller known by a token's subject is called in the call log (token names cannot
/// contain `:`, so the two never collide).
const CALLER_PREFIX: &str = "oauth:";

/// `vmcp serve`'s OAuth settings.
#[derive(Debug, Clone)]
pub(crate) struct OAuthOptions {
    pub issuer: String,
    /// Audiences accepted besides this server's resource URLs.
    pub audiences: Vec<String>,
    /// The URL clients reach this server at (default: `http://` and the listen address).
    pub public_url: Option<String>,
    pub jwks_cooldown: Duration,
}

/// Why a JWT does not let its bearer in.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Denial {
    /// Not a valid token for this server: 401 with `invalid_token`.
    Invalid(&'static str),
    /// A valid token whose scopes do not open the vMCP: 403 with `insufficient_scope`.
    Scope,
    /// The issuer's keys cannot be had, so no token can be judged: 503.
    Unavailable(String),
}

pub(crate) struct ResourceServer {
    issuer: String,
    /// This server's base URL, without a trailing slash.
    public: url::Url,
    audiences: Vec<String>,
    keys: KeySet,
}

fn bad(what: String) -> InvalidInput {
    InvalidInput(what)
}

/// An issuer must be https (plain http only on this machine, for development).
fn parse_issuer(issuer: &str) -> Result<url::Url, InvalidInput> {
    let url = url::Url::parse(issuer)
        .map_err(|e| bad(format!("--oauth-issuer `{issuer}` is not a URL: {e}")))?;
    let local = url.host_str().is_some_and(super::router::is_loopback_host);
    if url.scheme() != "https" && !(url.scheme() == "http" && local) {
        return Err(bad(format!(
            "--oauth-issuer `{issuer}` must be an https URL (http only on localhost)"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad(format!(
            "--oauth-issuer `{issuer}` must have no query or fragment (RFC 8414)"
        )));
    }
    Ok(url)
}

fn parse_public(public: Option<&str>, listen: SocketAddr) -> Result<url::Url, InvalidInput> {
    let text = match public {
        Some(p) => p.trim_end_matches('/').to_string(),
        None if listen.ip().is_unspecified() => {
            return Err(bad(format!(
                "with --oauth-issuer on {listen}, say where clients reach this server: \
                 --public-url https://HOST (tokens' audience is that URL's /mcp/<vmcp>)"
            )));
        }
        None => format!("http://{listen}"),
    };
    let url = url::Url::parse(&text)
        .map_err(|e| bad(format!("--public-url `{text}` is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https")
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(bad(format!(
            "--public-url `{text}` must be an http(s) URL without query or fragment"
        )));
    }
    Ok(url)
}

/// A value safe inside a quoted-string of `WWW-Authenticate`.
fn quoted(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '"' && *c != '\\' && !c.is_control())
        .collect()
}

impl ResourceServer {
    pub(crate) fn new(opts: &OAuthOptions, listen: SocketAddr) -> Result<Arc<Self>, InvalidInput> {
        let issuer = parse_issuer(&opts.issuer)?;
        let public = parse_public(opts.public_url.as_deref(), listen)?;
        let keys = KeySet::new(issuer, opts.jwks_cooldown).map_err(bad)?;
        Ok(Arc::new(ResourceServer {
            issuer: opts.issuer.clone(),
            public,
            audiences: opts.audiences.clone(),
            keys,
        }))
    }

    pub(crate) fn issuer(&self) -> &str {
        &self.issuer
    }

    /// Fetches the issuer's keys now, so a wrong issuer shows in the log at start.
    pub(crate) async fn warm(&self) {
        self.keys.warm().await;
    }

    fn base(&self) -> &str {
        self.public.as_str().trim_end_matches('/')
    }

    /// The resource URL of `vmcp` (RFC 8707): the URL clients connect to.
    pub(crate) fn resource(&self, vmcp: &str) -> String {
        format!("{}{}{vmcp}", self.base(), super::router::MCP_PREFIX)
    }

    /// Where `vmcp`'s protected-resource metadata is (`None`: the whole server's).
    pub(crate) fn metadata_url(&self, vmcp: Option<&str>) -> String {
        let origin = self.public.origin().ascii_serialization();
        let path = self.public.path().trim_end_matches('/');
        match vmcp {
            Some(v) => format!(
                "{origin}{METADATA_PATH}{path}{}{v}",
                super::router::MCP_PREFIX
            ),
            None => format!("{origin}{METADATA_PATH}{path}"),
        }
    }

    /// Protected-resource metadata (RFC 9728) for `vmcp`, or for the whole server (its base
    /// URL, every vMCP's scope) when `None`.
    pub(crate) fn metadata<'a>(
        &self,
        vmcp: Option<&str>,
        served: impl Iterator<Item = &'a str>,
    ) -> Value {
        let (resource, scopes, name) = match vmcp {
            Some(v) => (
                self.resource(v),
                vec![claims::scope_for(v)],
                format!("vmcp: {v}"),
            ),
            None => (
                self.base().to_string(),
                served
                    .map(claims::scope_for)
                    .chain([claims::ALL_SCOPE.to_string()])
                    .collect(),
                "vmcp".to_string(),
            ),
        };
        json!({
            "resource": resource,
            "authorization_servers": [self.issuer],
            "scopes_supported": scopes,
            "bearer_methods_supported": ["header"],
            "resource_name": name,
        })
    }

    /// The `WWW-Authenticate` value of a refusal for `vmcp`: where to learn how to log in, the
    /// scope needed, and the error (none when no credentials came, RFC 6750 §3.1).
    pub(crate) fn challenge(&self, vmcp: &str, error: Option<(&str, &str)>) -> String {
        let mut c = format!(
            "Bearer resource_metadata=\"{}\", scope=\"{}\"",
            self.metadata_url(Some(vmcp)),
            claims::scope_for(vmcp)
        );
        if let Some((code, description)) = error {
            let _ = write!(
                c,
                ", error=\"{code}\", error_description=\"{}\"",
                quoted(description)
            );
        }
        c
    }

    /// The caller `token` speaks for, if it opens `vmcp`.
    pub(crate) async fn check(&self, token: &str, vmcp: &str) -> Result<Arc<str>, Denial> {
        let jws = jws::parse(token).map_err(Denial::Invalid)?;
        self.keys.verify(&jws).await.map_err(|e| match e {
            KeyError::Unknown => {
                Denial::Invalid("the token is signed by a key the issuer does not publish")
            }
            KeyError::BadSignature => Denial::Invalid("the token's signature is not valid"),
            KeyError::Unavailable(why) => Denial::Unavailable(why),
        })?;
        let mut audiences = vec![self.resource(vmcp), self.base().to_string()];
        audiences.extend(self.audiences.iter().cloned());
        let want = claims::Expected {
            issuer: &self.issuer,
            audiences: &audiences,
            now: unix_seconds(),
        };
        let who = claims::check(&jws.claims, &want).map_err(Denial::Invalid)?;
        if !claims::opens(&claims::scopes(&jws.claims), vmcp) {
            return Err(Denial::Scope);
        }
        Ok(Arc::from(format!("{CALLER_PREFIX}{who}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(public: Option<&str>) -> Arc<ResourceServer> {
        // As `cli::main` does before anything connects.
        let _ = rustls::crypto::ring::default_provider().install_default();
        ResourceServer::new(
            &OAuthOptions {
                issuer: "https://as.example/tenant".into(),
                audiences: vec![],
                public_url: public.map(str::to_string),
                jwks_cooldown: Duration::from_secs(1),
            },
            "127.0.0.1:7332".parse().unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn resource_urls_and_metadata_follow_the_public_url() {
        let s = server(None);
        assert_eq!(s.resource("daily"), "http://127.0.0.1:7332/mcp/daily");
        assert_eq!(
            s.metadata_url(Some("daily")),
            "http://127.0.0.1:7332/.well-known/oauth-protected-resource/mcp/daily"
        );
        let s = server(Some("https://vmcp.example/team/"));
        assert_eq!(s.resource("d"), "https://vmcp.example/team/mcp/d");
        assert_eq!(
            s.metadata_url(Some("d")),
            "https://vmcp.example/.well-known/oauth-protected-resource/team/mcp/d"
        );
        assert_eq!(
            s.metadata_url(None),
            "https://vmcp.example/.well-known/oauth-protected-resource/team"
        );
        let m = s.metadata(None, ["a", "b"].into_iter());
        assert_eq!(m["resource"], "https://vmcp.example/team");
        assert_eq!(m["authorization_servers"][0], "https://as.example/tenant");
        assert_eq!(
            m["scopes_supported"],
            serde_json::json!(["vmcp:a", "vmcp:b", "vmcp:*"])
        );
        let c = s.challenge("d", Some(("invalid_token", "the \"token\" expired")));
        assert_eq!(
            c,
            "Bearer resource_metadata=\"https://vmcp.example/.well-known/oauth-protected-resource/team/mcp/d\", \
             scope=\"vmcp:d\", error=\"invalid_token\", error_description=\"the token expired\""
        );
    }

    #[test]
    fn issuers_and_public_urls_are_checked_at_start() {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let listen: SocketAddr = "0.0.0.0:7332".parse().unwrap();
        let opts = |issuer: &str, public: Option<&str>| OAuthOptions {
            issuer: issuer.into(),
            audiences: vec![],
            public_url: public.map(str::to_string),
            jwks_cooldown: Duration::from_secs(1),
        };
        for (issuer, public, why) in [
            ("http://as.example", Some("https://v.example"), "https"),
            ("not a url", Some("https://v.example"), "not a URL"),
            ("https://as.example?x=1", Some("https://v.example"), "query"),
            ("https://as.example", None, "--public-url"),
            ("https://as.example", Some("ftp://v.example"), "http(s)"),
        ] {
            let e = ResourceServer::new(&opts(issuer, public), listen)
                .err()
                .unwrap();
            assert!(e.0.contains(why), "{issuer} {public:?}: {}", e.0);
        }
        assert!(
            ResourceServer::new(
                &opts("http://localhost:9000", Some("https://v.example")),
                listen
            )
            .is_ok()
        );
    }
}
