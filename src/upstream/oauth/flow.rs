//! The authorization code flow with PKCE S256 (through the `oauth2` crate): the authorization
//! URL, the code exchange and refresh.

use std::future::Future;

use oauth2::basic::{BasicClient, BasicErrorResponseType, BasicTokenResponse};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError, Scope, TokenResponse, TokenUrl,
};

use super::{OAuthError, failed};
use crate::store::{Credentials, Tokens};
use crate::upstream::http_client::error_text;

/// An authorization in progress: the URL to open, and what the callback must match.
pub(crate) struct Pending {
    pub url: String,
    pub(super) state: String,
    pub(super) verifier: String,
}

/// Failure of the oauth2 crate's HTTP calls (through reqwest).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(super) struct HttpFailure(String);

async fn execute(
    http: reqwest::Client,
    req: oauth2::HttpRequest,
) -> Result<oauth2::HttpResponse, HttpFailure> {
    let (parts, body) = req.into_parts();
    let resp = http
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers)
        .body(body)
        .send()
        .await
        .map_err(|e| HttpFailure(error_text(e)))?;
    let mut out = http::Response::builder().status(resp.status());
    for (k, v) in resp.headers() {
        out = out.header(k, v);
    }
    let bytes = resp.bytes().await.map_err(|e| HttpFailure(error_text(e)))?;
    out.body(bytes.to_vec())
        .map_err(|e| HttpFailure(e.to_string()))
}

/// The reqwest client as an `oauth2` HTTP client. Requests run on their own task, so the future
/// `oauth2` holds is a `JoinHandle` (Send + Sync, as it requires).
fn adapter(
    http: &reqwest::Client,
) -> impl Fn(
    oauth2::HttpRequest,
) -> std::pin::Pin<
    Box<dyn Future<Output = Result<oauth2::HttpResponse, HttpFailure>> + Send + Sync>,
> {
    let http = http.clone();
    move |req| {
        let task = tokio::spawn(execute(http.clone(), req));
        Box::pin(async move { task.await.map_err(|e| HttpFailure(e.to_string()))? })
    }
}

fn oauth_client(
    creds: &Credentials,
) -> Result<
    BasicClient<
        oauth2::EndpointSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointSet,
    >,
    OAuthError,
> {
    let reg = creds
        .client
        .as_ref()
        .ok_or_else(|| failed("no client registration"))?;
    let mut client = BasicClient::new(ClientId::new(reg.client_id.clone()))
        .set_auth_uri(AuthUrl::new(creds.authorization_endpoint.clone()).map_err(failed)?)
        .set_token_uri(TokenUrl::new(creds.token_endpoint.clone()).map_err(failed)?)
        .set_redirect_uri(RedirectUrl::new(reg.redirect_uri.clone()).map_err(failed)?);
    if let Some(secret) = &reg.client_secret {
        client = client.set_client_secret(ClientSecret::new(secret.clone()));
        if reg.token_endpoint_auth_method.as_deref() == Some("client_secret_post") {
            client = client.set_auth_type(AuthType::RequestBody);
        }
    }
    Ok(client)
}

/// Builds the authorization URL: PKCE S256, a random `state`, the scopes and the resource.
pub(crate) fn authorization_url(
    creds: &Credentials,
    scopes: &[String],
) -> Result<Pending, OAuthError> {
    let client = oauth_client(creds)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut req = client
        .authorize_url(CsrfToken::new_random)
        .set_pkce_challenge(challenge);
    for s in scopes {
        req = req.add_scope(Scope::new(s.clone()));
    }
    if let Some(r) = &creds.resource {
        req = req.add_extra_param("resource", r.clone());
    }
    let (url, state) = req.url();
    Ok(Pending {
        url: url.to_string(),
        state: state.secret().clone(),
        verifier: verifier.secret().clone(),
    })
}

fn tokens_from(
    resp: &BasicTokenResponse,
    asked: &[String],
    previous_refresh: Option<&str>,
) -> Tokens {
    let now = now();
    Tokens {
        access_token: resp.access_token().secret().clone(),
        refresh_token: resp
            .refresh_token()
            .map(|t| t.secret().clone())
            .or_else(|| previous_refresh.map(str::to_string)),
        expires_at: resp.expires_in().map(|d| now + d.as_secs()),
        scopes: resp.scopes().map_or_else(
            || asked.to_vec(),
            |s| s.iter().map(|s| s.to_string()).collect(),
        ),
        obtained_at: now,
    }
}

fn token_error<E: std::error::Error + 'static>(
    e: &RequestTokenError<E, oauth2::basic::BasicErrorResponse>,
) -> OAuthError {
    match e {
        RequestTokenError::ServerResponse(r) => {
            let text = match r.error_description() {
                Some(d) => format!("{}: {d}", r.error()),
                None => r.error().to_string(),
            };
            match r.error() {
                BasicErrorResponseType::InvalidGrant
                | BasicErrorResponseType::InvalidClient
                | BasicErrorResponseType::UnauthorizedClient => OAuthError::Rejected(text),
                _ => failed(text),
            }
        }
        other => failed(format!("token request failed: {other}")),
    }
}

/// The unix time now.
pub(crate) fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Exchanges the authorization code (with the PKCE verifier and the resource) for tokens.
pub(crate) async fn exchange(
    http: &reqwest::Client,
    creds: &Credentials,
    pending: Pending,
    code: &str,
    scopes: &[String],
) -> Result<Tokens, OAuthError> {
    let client = oauth_client(creds)?;
    let mut req = client
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier));
    if let Some(r) = &creds.resource {
        req = req.add_extra_param("resource", r.clone());
    }
    let resp = req
        .request_async(&adapter(http))
        .await
        .map_err(|e| token_error(&e))?;
    Ok(tokens_from(&resp, scopes, None))
}

/// Uses the refresh token; keeps it when the server does not rotate it.
pub(crate) async fn refresh(
    http: &reqwest::Client,
    creds: &Credentials,
    refresh_token: &str,
) -> Result<Tokens, OAuthError> {
    let client = oauth_client(creds)?;
    let granted = creds
        .tokens
        .as_ref()
        .map(|t| t.scopes.clone())
        .unwrap_or_default();
    let token = RefreshToken::new(refresh_token.to_string());
    let mut req = client.exchange_refresh_token(&token);
    if let Some(r) = &creds.resource {
        req = req.add_extra_param("resource", r.clone());
    }
    let resp = req
        .request_async(&adapter(http))
        .await
        .map_err(|e| token_error(&e))?;
    Ok(tokens_from(&resp, &granted, Some(refresh_token)))
}
