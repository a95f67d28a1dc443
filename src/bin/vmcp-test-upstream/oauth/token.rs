//! The token endpoint: authorization codes and refresh tokens exchanged (PKCE checked, refresh
//! tokens rotated), and the access tokens it issues (opaque, or signed JWTs with `--jwt`).

use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use sha2::Digest as _;
use tokio::net::TcpStream;

use super::{Access, AsState, AuthServer, b64url, json_reply, oauth_error, query};
use crate::http::HttpRequest;
use crate::record;

impl AuthServer {
    /// An access token: opaque, or with `--jwt` a signed JWT for `resource` (RFC 8707).
    pub(super) fn access_token(
        &self,
        n: u64,
        client_id: &str,
        scope: &str,
        resource: &str,
    ) -> String {
        if !self.opts.jwt {
            return format!("at-{n}");
        }
        let now = crate::jwt::now();
        let mut claims = json!({
            "iss": self.base, "sub": "user-1", "client_id": client_id, "scope": scope,
            "iat": now, "exp": now + self.opts.token_ttl, "jti": format!("at-{n}"),
        });
        if !resource.is_empty() {
            claims["aud"] = json!(resource);
        }
        self.signer
            .sign("RS256", None, &serde_json::Map::new(), &claims)
            .unwrap_or_else(|e| format!("unsigned: {e}"))
    }

    pub(super) fn issue(
        &self,
        st: &mut AsState,
        client_id: &str,
        scope: &str,
        resource: &str,
    ) -> Value {
        st.n += 1;
        let (at, rt) = (
            self.access_token(st.n, client_id, scope, resource),
            format!("rt-{}", st.n),
        );
        let ttl = Duration::from_secs(self.opts.token_ttl);
        st.access.insert(
            at.clone(),
            Access {
                expires: Instant::now() + ttl,
                scope: scope.to_string(),
            },
        );
        st.refresh
            .insert(rt.clone(), (client_id.to_string(), scope.to_string()));
        let mut reply = json!({
            "access_token": at,
            "token_type": "Bearer",
            "expires_in": self.opts.advertise_ttl.unwrap_or(self.opts.token_ttl),
            "refresh_token": rt,
            "scope": scope,
        });
        if self.opts.no_refresh_tokens {
            st.refresh.remove(&rt);
            if let Some(r) = reply.as_object_mut() {
                r.remove("refresh_token");
            }
        }
        reply
    }

    pub(super) async fn token(&self, sock: &mut TcpStream, req: &HttpRequest) {
        if self.opts.token_delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(self.opts.token_delay_ms)).await;
        }
        let form = query(&String::from_utf8_lossy(&req.body));
        let get = |k: &str| form.get(k).cloned().unwrap_or_default();
        // Client authentication: Basic, or client_id (+ secret) in the body.
        let (client_id, secret) = match req
            .headers
            .get("authorization")
            .and_then(|v| v.strip_prefix("Basic "))
            .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
            .and_then(|b| String::from_utf8(b).ok())
        {
            Some(pair) => {
                let (i, s) = pair.split_once(':').unwrap_or((&pair, ""));
                let dec = |t: &str| {
                    url::form_urlencoded::parse(format!("x={t}").as_bytes())
                        .next()
                        .map(|(_, v)| v.into_owned())
                        .unwrap_or_default()
                };
                (dec(i), Some(dec(s)))
            }
            None => (get("client_id"), form.get("client_secret").cloned()),
        };
        let outcome = self.grant(&client_id, secret.as_ref(), &get);
        match outcome {
            Ok(reply) => json_reply(sock, "200 OK", &reply).await,
            Err((status, error, why)) => {
                record(&self.opts, &format!("token refused: {why}"));
                oauth_error(sock, status, error).await;
            }
        }
    }

    /// Decides a token request (no await while the state is locked).
    pub(super) fn grant(
        &self,
        client_id: &str,
        secret: Option<&String>,
        get: &dyn Fn(&str) -> String,
    ) -> Result<Value, (&'static str, &'static str, String)> {
        let mut st = self.state.lock().expect("state");
        let client_ok = st
            .clients
            .get(client_id)
            .is_some_and(|c| c.secret.is_none() || c.secret.as_ref() == secret);
        if !client_ok {
            return Err((
                "401 Unauthorized",
                "invalid_client",
                format!("client {client_id}"),
            ));
        }
        match get("grant_type").as_str() {
            "authorization_code" => {
                let Some(grant) = st.codes.remove(&get("code")) else {
                    return Err(("400 Bad Request", "invalid_grant", "unknown code".into()));
                };
                let computed = b64url(&sha2::Sha256::digest(get("code_verifier").as_bytes()));
                if computed != grant.challenge
                    || grant.redirect_uri != get("redirect_uri")
                    || grant.client_id != client_id
                {
                    return Err((
                        "400 Bad Request",
                        "invalid_grant",
                        "pkce or redirect mismatch".into(),
                    ));
                }
                let reply = self.issue(&mut st, client_id, &grant.scope, &grant.resource);
                record(
                    &self.opts,
                    &format!("token issued code resource={}", get("resource")),
                );
                Ok(reply)
            }
            "refresh_token" => {
                let Some((owner, scope)) = st.refresh.remove(&get("refresh_token")) else {
                    return Err((
                        "400 Bad Request",
                        "invalid_grant",
                        "unknown refresh token".into(),
                    ));
                };
                if owner != client_id {
                    return Err((
                        "400 Bad Request",
                        "invalid_grant",
                        "refresh token of another client".into(),
                    ));
                }
                let reply = self.issue(&mut st, client_id, &scope, &get("resource"));
                record(&self.opts, "token issued refresh (rotated)");
                Ok(reply)
            }
            _ => Err((
                "400 Bad Request",
                "unsupported_grant_type",
                "grant type".into(),
            )),
        }
    }
}
