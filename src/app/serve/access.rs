//! Who may use a vMCP: each request's bearer token, checked against `vmcp serve token`'s tokens
//! (`vmcp_…`) or, in OAuth resource-server mode, as a JWT from the configured issuer; refusals
//! are the answers the MCP authorization spec gives (401 with the `WWW-Authenticate` challenge,
//! 403 `insufficient_scope`), and are logged without the token. Also the protected-resource
//! metadata those challenges point at.

use std::sync::Arc;

use http::header;

use super::oauth::{Denial, METADATA_PATH, ResourceServer};
use super::router::MCP_PREFIX;
use super::tokens::{Refusal, Verifier};
use crate::protocol::http_server::{Body, response};

/// What every stored token starts with (a JWT never does: its header is base64url JSON, `ey…`).
const TOKEN_PREFIX: &str = "vmcp_";

pub(crate) struct Access {
    pub tokens: Arc<Verifier>,
    /// `--oauth-issuer`: JWTs are accepted too, and refusals say where to log in.
    pub oauth: Option<Arc<ResourceServer>>,
}

fn bearer(headers: &http::HeaderMap) -> Option<&str> {
    let auth = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = auth.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

fn refusal(status: u16, text: &str, challenge: Option<String>) -> http::Response<Body> {
    let mut r = response(status, "text/plain", format!("{text}\n"));
    if let Some(v) = challenge.and_then(|c| http::HeaderValue::from_str(&c).ok()) {
        r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    r
}

impl Access {
    /// The caller of a request to `vmcp`, or the answer that refuses it.
    pub(crate) async fn admit(
        &self,
        headers: &http::HeaderMap,
        vmcp: &str,
    ) -> Result<Arc<str>, http::Response<Body>> {
        let token = bearer(headers);
        let Some(oauth) = &self.oauth else {
            return self.stored(token, vmcp, None).await;
        };
        match token {
            None => Err(refusal(
                401,
                "unauthorized: a bearer token is required",
                Some(oauth.challenge(vmcp, None)),
            )),
            Some(t) if t.starts_with(TOKEN_PREFIX) => self.stored(token, vmcp, Some(oauth)).await,
            Some(t) => match oauth.check(t, vmcp).await {
                Ok(who) => Ok(who),
                Err(Denial::Invalid(why)) => {
                    tracing::warn!(vmcp, "refused a token: {why}");
                    Err(refusal(
                        401,
                        &format!("unauthorized: {why}"),
                        Some(oauth.challenge(vmcp, Some(("invalid_token", why)))),
                    ))
                }
                Err(Denial::Scope) => {
                    let why = format!("the token's scopes do not open vMCP `{vmcp}`");
                    tracing::warn!(vmcp, "refused a token: {why}");
                    Err(refusal(
                        403,
                        &format!("forbidden: {why}"),
                        Some(oauth.challenge(vmcp, Some(("insufficient_scope", &why)))),
                    ))
                }
                Err(Denial::Unavailable(why)) => {
                    tracing::warn!(vmcp, "cannot judge a token: {why}");
                    let mut r = refusal(503, &format!("cannot check tokens now: {why}"), None);
                    r.headers_mut()
                        .insert(header::RETRY_AFTER, http::HeaderValue::from_static("30"));
                    Err(r)
                }
            },
        }
    }

    /// A `vmcp serve token` token (or none).
    async fn stored(
        &self,
        token: Option<&str>,
        vmcp: &str,
        oauth: Option<&Arc<ResourceServer>>,
    ) -> Result<Arc<str>, http::Response<Body>> {
        match self.tokens.check(token, vmcp).await {
            Ok(who) => Ok(who),
            Err(Refusal::Unauthenticated(why)) => {
                let challenge = match oauth {
                    Some(o) => o.challenge(vmcp, Some(("invalid_token", why))),
                    None => "Bearer realm=\"vmcp\"".to_string(),
                };
                Err(refusal(
                    401,
                    &format!("unauthorized: {why}"),
                    Some(challenge),
                ))
            }
            Err(Refusal::NotForThisVmcp(name)) => Err(refusal(
                403,
                &format!("forbidden: token `{name}` does not open vMCP `{vmcp}`"),
                None,
            )),
        }
    }

    /// The protected-resource metadata at `path` (under [`METADATA_PATH`]): a vMCP's when the
    /// path ends in `/mcp/<name>` of one served, else the whole server's.
    pub(crate) fn metadata<'a>(
        &self,
        path: &str,
        served: impl Iterator<Item = &'a str> + Clone,
    ) -> Option<http::Response<Body>> {
        let oauth = self.oauth.as_ref()?;
        let rest = path.strip_prefix(METADATA_PATH)?;
        let vmcp = match rest.rfind(MCP_PREFIX) {
            Some(i) => {
                let name = &rest[i + MCP_PREFIX.len()..];
                Some(served.clone().find(|s| *s == name)?)
            }
            None => None,
        };
        let doc = oauth.metadata(vmcp, served);
        let mut r = response(200, "application/json", doc.to_string());
        // Public facts a browser-based client reads from another origin.
        r.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            http::HeaderValue::from_static("*"),
        );
        Some(r)
    }
}
