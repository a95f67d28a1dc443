//! Client identity: dynamic client registration (RFC 7591) and the registration record kept in
//! the store.

use serde_json::Value;

use super::{OAuthError, failed, redirect_uri};
use crate::store::ClientRegistration;
use crate::upstream::http_client::error_text;

/// Registers vmcp as a public native client (RFC 7591) with `redirect_uri`.
pub(crate) async fn register(
    http: &reqwest::Client,
    endpoint: &str,
    redirect_uri: &str,
    scopes: &[String],
) -> Result<(String, Option<String>, Option<String>), OAuthError> {
    let mut body = serde_json::json!({
        "client_name": "vmcp",
        "redirect_uris": [redirect_uri],
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none",
        "application_type": "native",
    });
    if !scopes.is_empty() {
        body["scope"] = Value::from(scopes.join(" "));
    }
    let resp = http
        .post(endpoint)
        .json(&body)
        .send()
        .await
        .map_err(|e| failed(format!("client registration failed: {}", error_text(e))))?;
    let status = resp.status();
    let reply: Value = resp.json().await.unwrap_or_default();
    if !status.is_success() {
        return Err(failed(format!(
            "client registration refused (HTTP {status}): {}",
            reply["error_description"]
                .as_str()
                .or(reply["error"].as_str())
                .unwrap_or("")
        )));
    }
    let id = reply["client_id"]
        .as_str()
        .ok_or_else(|| failed("client registration returned no client_id"))?;
    Ok((
        id.to_string(),
        reply["client_secret"].as_str().map(str::to_string),
        reply["token_endpoint_auth_method"]
            .as_str()
            .map(str::to_string),
    ))
}

/// The registration record for a client: configured, or obtained by registration.
pub(crate) fn registration(
    client_id: String,
    client_secret: Option<String>,
    method: Option<String>,
    port: u16,
    source: &str,
) -> ClientRegistration {
    ClientRegistration {
        client_id,
        client_secret,
        redirect_uri: redirect_uri(port),
        redirect_port: port,
        source: source.to_string(),
        token_endpoint_auth_method: method,
    }
}
