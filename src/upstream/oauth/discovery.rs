//! Finding the authorization server: protected-resource metadata (RFC 9728) and
//! authorization-server metadata (RFC 8414, with the OpenID Connect fallback), and the scopes to
//! ask for.

use serde_json::Value;

use super::{Challenge, OAuthError, failed, same_url};

/// Where the server's authorization happens, from discovery.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Discovery {
    /// The RFC 8707 resource (the protected-resource metadata's `resource`, else the URL).
    pub resource: String,
    pub issuer: Option<String>,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub registration_endpoint: Option<String>,
    pub revocation_endpoint: Option<String>,
    /// Scopes the protected resource advertises (RFC 9728), else the authorization server's.
    pub scopes_supported: Vec<String>,
    /// Whether the authorization server supports `offline_access`.
    pub offline_access: bool,
    pub token_auth_methods: Vec<String>,
    /// Whether the authorization server accepts client ID metadata documents (an https URL as
    /// the client id).
    pub client_metadata_documents: bool,
}

async fn get_json(http: &reqwest::Client, url: &str) -> Option<Value> {
    let resp = http
        .get(url)
        .header("accept", "application/json")
        .header("mcp-protocol-version", "2025-11-25")
        .send()
        .await
        .ok()?;
    if !resp.status().is_success() {
        return None;
    }
    resp.json::<Value>().await.ok().filter(Value::is_object)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// `scheme://host[:port]` of a URL.
fn origin(url: &reqwest::Url) -> String {
    url.origin().ascii_serialization()
}

/// Protected-resource metadata (RFC 9728), then authorization-server metadata (RFC 8414, then
/// OpenID Connect discovery). A server with neither (2025-03-26 era) gets the default
/// `/authorize`, `/token` and `/register` endpoints of its origin.
pub(crate) async fn discover(
    http: &reqwest::Client,
    server_url: &str,
    challenge: &Challenge,
) -> Result<Discovery, OAuthError> {
    let url = reqwest::Url::parse(server_url).map_err(|e| failed(format!("invalid URL: {e}")))?;
    let path = url.path().trim_end_matches('/');
    let mut candidates = Vec::new();
    if let Some(m) = &challenge.resource_metadata {
        candidates.push(m.clone());
    }
    if !path.is_empty() {
        candidates.push(format!(
            "{}/.well-known/oauth-protected-resource{path}",
            origin(&url)
        ));
    }
    candidates.push(format!(
        "{}/.well-known/oauth-protected-resource",
        origin(&url)
    ));
    let mut prm = None;
    for c in &candidates {
        if let Some(v) = get_json(http, c).await {
            prm = Some(v);
            break;
        }
    }
    let mut d = Discovery {
        resource: server_url.to_string(),
        ..Discovery::default()
    };
    let issuer = match &prm {
        Some(prm) => {
            if let Some(resource) = prm["resource"].as_str() {
                // The metadata must be about this server (RFC 9728 §3.3).
                let ok = same_url(resource, server_url)
                    || reqwest::Url::parse(resource).is_ok_and(|r| {
                        origin(&r) == origin(&url)
                            && path.starts_with(r.path().trim_end_matches('/'))
                    });
                if !ok {
                    return Err(failed(format!(
                        "the protected-resource metadata is for `{resource}`, not `{server_url}`"
                    )));
                }
                d.resource = resource.to_string();
            }
            d.scopes_supported = strings(&prm["scopes_supported"]);
            strings(&prm["authorization_servers"])
                .into_iter()
                .next()
                .ok_or_else(|| {
                    failed("the protected-resource metadata names no authorization server")
                })?
        }
        None => origin(&url),
    };
    let as_url = reqwest::Url::parse(&issuer)
        .map_err(|e| failed(format!("invalid authorization server `{issuer}`: {e}")))?;
    let base = origin(&as_url);
    let meta = authorization_server_metadata(http, &as_url).await;
    match meta {
        Some(m) => {
            let found = m["issuer"].as_str().unwrap_or_default();
            // Without protected-resource metadata (the 2025-03-26 era) the authorization server
            // is simply the server's origin, which need not be its issuer.
            if prm.is_some() && !same_url(found, &issuer) {
                return Err(failed(format!(
                    "authorization server issuer mismatch: expected `{issuer}`, got `{found}`"
                )));
            }
            d.issuer = Some(found.to_string());
            let field = |k: &str| m[k].as_str().map(str::to_string);
            d.authorization_endpoint = field("authorization_endpoint")
                .ok_or_else(|| failed("the authorization server has no authorization_endpoint"))?;
            d.token_endpoint = field("token_endpoint")
                .ok_or_else(|| failed("the authorization server has no token_endpoint"))?;
            d.registration_endpoint = field("registration_endpoint");
            d.revocation_endpoint = field("revocation_endpoint");
            let as_scopes = strings(&m["scopes_supported"]);
            d.offline_access = as_scopes.iter().any(|s| s == "offline_access");
            if d.scopes_supported.is_empty() {
                d.scopes_supported = as_scopes;
            }
            d.token_auth_methods = strings(&m["token_endpoint_auth_methods_supported"]);
            d.client_metadata_documents = m["client_id_metadata_document_supported"] == true;
            if !strings(&m["code_challenge_methods_supported"])
                .iter()
                .any(|c| c == "S256")
            {
                return Err(failed(
                    "the authorization server does not support PKCE S256, which OAuth 2.1 requires",
                ));
            }
        }
        None => {
            d.authorization_endpoint = format!("{base}/authorize");
            d.token_endpoint = format!("{base}/token");
            d.registration_endpoint = Some(format!("{base}/register"));
        }
    }
    Ok(d)
}

/// The authorization server's metadata: RFC 8414 at the issuer's well-known path, then OpenID
/// Connect discovery (both placements for an issuer with a path).
pub(crate) async fn authorization_server_metadata(
    http: &reqwest::Client,
    issuer: &reqwest::Url,
) -> Option<Value> {
    let as_path = issuer.path().trim_end_matches('/');
    let base = origin(issuer);
    let metadata_urls = if as_path.is_empty() {
        vec![
            format!("{base}/.well-known/oauth-authorization-server"),
            format!("{base}/.well-known/openid-configuration"),
        ]
    } else {
        vec![
            format!("{base}/.well-known/oauth-authorization-server{as_path}"),
            format!("{base}/.well-known/openid-configuration{as_path}"),
            format!("{base}{as_path}/.well-known/openid-configuration"),
        ]
    };
    for m in &metadata_urls {
        if let Some(v) = get_json(http, m).await {
            return Some(v);
        }
    }
    None
}

/// The scopes to ask for: the user's, else the challenge's, else the advertised ones (plus
/// `offline_access` when the authorization server offers it, for a refresh token).
pub(crate) fn choose_scopes(user: &[String], challenge: &Challenge, d: &Discovery) -> Vec<String> {
    let mut scopes: Vec<String> = if !user.is_empty() {
        user.to_vec()
    } else if let Some(s) = &challenge.scope {
        s.split_whitespace().map(str::to_string).collect()
    } else {
        d.scopes_supported.clone()
    };
    if d.offline_access && !scopes.is_empty() && !scopes.iter().any(|s| s == "offline_access") {
        scopes.push("offline_access".into());
    }
    scopes
}
