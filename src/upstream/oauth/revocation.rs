//! Revocation (RFC 7009) on logout, where the authorization server offers it.

use crate::upstream::error::UpstreamError;
use crate::upstream::http_client::error_text;

use super::as_client;
use crate::store::Credentials;

/// What revocation achieved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Revocation {
    /// The server accepted the revocation of the stored tokens.
    Revoked,
    /// The server advertises no revocation endpoint (or there was nothing to revoke).
    Unsupported,
}

/// Revokes the refresh token (which ends the grant) and the access token, where the server
/// advertises a revocation endpoint.
pub(crate) async fn revoke(creds: &Credentials) -> Result<Revocation, UpstreamError> {
    let (Some(endpoint), Some(tokens), Some(client)) = (
        creds.revocation_endpoint.as_deref(),
        creds.tokens.as_ref(),
        creds.client.as_ref(),
    ) else {
        return Ok(Revocation::Unsupported);
    };
    let http = as_client()?;
    let mut todo = Vec::new();
    if let Some(rt) = &tokens.refresh_token {
        todo.push((rt.as_str(), "refresh_token"));
    }
    todo.push((tokens.access_token.as_str(), "access_token"));
    for (token, hint) in todo {
        let mut form = vec![("token", token), ("token_type_hint", hint)];
        let mut req = http.post(endpoint);
        match (
            &client.client_secret,
            client.token_endpoint_auth_method.as_deref(),
        ) {
            (Some(secret), Some("client_secret_post")) => {
                form.push(("client_id", &client.client_id));
                form.push(("client_secret", secret));
            }
            (Some(secret), _) => req = req.basic_auth(&client.client_id, Some(secret)),
            (None, _) => form.push(("client_id", &client.client_id)),
        }
        let resp = req.form(&form).send().await.map_err(|e| {
            UpstreamError::Http(format!(
                "cannot reach {}: {}",
                crate::support::url::redacted(endpoint),
                error_text(e)
            ))
        })?;
        if !resp.status().is_success() {
            return Err(UpstreamError::Http(format!(
                "the revocation endpoint answered HTTP {}",
                resp.status()
            )));
        }
    }
    Ok(Revocation::Revoked)
}
