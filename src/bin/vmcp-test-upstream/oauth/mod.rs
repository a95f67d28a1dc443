//! A small OAuth 2.1 authorization server in front of the HTTP test server (`--oauth`), on the
//! same port: protected-resource metadata (RFC 9728), authorization-server metadata (RFC 8414),
//! dynamic client registration (RFC 7591), authorization code with PKCE S256, refresh tokens that
//! rotate, revocation (RFC 7009), and knobs for short expiry and scope step-up. Its keys (`/jwks`)
//! sign JWT access tokens with `--jwt`, and tests mint any token they need (`POST /mint`) or
//! rotate keys (`POST /rotate`). Every decision is appended to the events file so tests can see
//! what happened.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use base64::Engine as _;
use serde_json::{Value, json};
use tokio::net::TcpStream;

use crate::http::{HttpRequest, respond};
use crate::jwt::Signer;
use crate::{Opts, record};

mod token;

struct Client {
    secret: Option<String>,
    redirect_uris: Vec<String>,
}

struct Grant {
    client_id: String,
    redirect_uri: String,
    challenge: String,
    scope: String,
    resource: String,
}

struct Access {
    expires: Instant,
    scope: String,
}

#[derive(Default)]
struct AsState {
    clients: HashMap<String, Client>,
    codes: HashMap<String, Grant>,
    access: HashMap<String, Access>,
    /// refresh token → (client id, scope).
    refresh: HashMap<String, (String, String)>,
    n: u64,
}

pub(crate) struct AuthServer {
    opts: Arc<Opts>,
    base: String,
    state: Mutex<AsState>,
    signer: Signer,
}

/// What the MCP endpoint decided about a request's credentials.
pub(crate) enum Verdict {
    Allow,
    Reject(&'static str, Vec<(&'static str, String)>),
}

fn query(text: &str) -> HashMap<String, String> {
    url::form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

async fn json_reply(sock: &mut TcpStream, status: &str, body: &Value) {
    let headers = [("Content-Type", "application/json".to_string())];
    respond(sock, status, &headers, body.to_string().as_bytes()).await;
}

async fn oauth_error(sock: &mut TcpStream, status: &str, error: &str) {
    json_reply(sock, status, &json!({"error": error})).await;
}

impl AuthServer {
    pub(crate) fn new(opts: Arc<Opts>, port: u16) -> AuthServer {
        let mut state = AsState::default();
        if let Some(pre) = &opts.oauth_client {
            let (id, secret) = match pre.split_once(':') {
                Some((i, s)) => (i.to_string(), Some(s.to_string())),
                None => (pre.clone(), None),
            };
            state.clients.insert(
                id,
                Client {
                    secret,
                    redirect_uris: Vec::new(),
                },
            );
        }
        AuthServer {
            opts,
            base: format!("http://127.0.0.1:{port}"),
            state: Mutex::new(state),
            signer: Signer::new(),
        }
    }

    fn prm_url(&self) -> String {
        format!("{}/.well-known/oauth-protected-resource/mcp", self.base)
    }

    fn challenge(&self, extra: &str) -> String {
        format!(
            "Bearer resource_metadata=\"{}\", scope=\"read\"{extra}",
            self.prm_url()
        )
    }

    /// Checks the bearer token of an MCP request; `call` is the tool a tools/call names.
    pub(crate) fn check(&self, req: &HttpRequest, call: Option<&str>) -> Verdict {
        let token = req
            .headers
            .get("authorization")
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_string);
        let state = self.state.lock().expect("state");
        let found = token.as_ref().and_then(|t| state.access.get(t));
        let Some(access) = found else {
            record(&self.opts, "mcp rejected: no valid token");
            return Verdict::Reject(
                "401 Unauthorized",
                vec![("WWW-Authenticate", self.challenge(""))],
            );
        };
        if access.expires <= Instant::now() {
            record(&self.opts, "mcp rejected: expired token");
            return Verdict::Reject(
                "401 Unauthorized",
                vec![(
                    "WWW-Authenticate",
                    self.challenge(", error=\"invalid_token\""),
                )],
            );
        }
        if let (Some(tool), Some(needed)) = (call, &self.opts.step_up_tool)
            && tool == needed
            && !access.scope.split(' ').any(|s| s == "write")
        {
            record(&self.opts, "mcp rejected: insufficient scope");
            return Verdict::Reject(
                "403 Forbidden",
                vec![(
                    "WWW-Authenticate",
                    format!(
                        "Bearer error=\"insufficient_scope\", scope=\"read write\", resource_metadata=\"{}\"",
                        self.prm_url()
                    ),
                )],
            );
        }
        Verdict::Allow
    }

    /// Serves the OAuth endpoints; false when `req` is not one of them.
    pub(crate) async fn serve(&self, sock: &mut TcpStream, req: &HttpRequest) -> bool {
        let (path, q) = req.path.split_once('?').unwrap_or((&req.path, ""));
        match (req.method.as_str(), path) {
            (
                "GET",
                "/.well-known/oauth-protected-resource/mcp"
                | "/.well-known/oauth-protected-resource",
            ) => {
                let body = json!({
                    "resource": format!("{}/mcp", self.base),
                    "authorization_servers": [self.base],
                    "scopes_supported": ["read", "write"],
                    "bearer_methods_supported": ["header"],
                });
                json_reply(sock, "200 OK", &body).await;
            }
            ("GET", "/.well-known/oauth-authorization-server") => {
                let mut body = json!({
                    "issuer": self.base,
                    "authorization_endpoint": format!("{}/authorize", self.base),
                    "token_endpoint": format!("{}/token", self.base),
                    "revocation_endpoint": format!("{}/revoke", self.base),
                    "response_types_supported": ["code"],
                    "grant_types_supported": ["authorization_code", "refresh_token"],
                    "code_challenge_methods_supported": ["S256"],
                    "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
                    "scopes_supported": ["read", "write"],
                    "jwks_uri": format!("{}/jwks", self.base),
                });
                if !self.opts.no_dcr {
                    body["registration_endpoint"] = json!(format!("{}/register", self.base));
                }
                json_reply(sock, "200 OK", &body).await;
            }
            ("GET", "/jwks") => {
                record(&self.opts, "jwks served");
                json_reply(sock, "200 OK", &self.signer.jwks()).await;
            }
            ("POST", "/mint") => self.mint(sock, req).await,
            ("POST", "/rotate") => {
                let body: Value = serde_json::from_slice(&req.body).unwrap_or_default();
                let alg = body["alg"].as_str().unwrap_or("RS256");
                let publish = body["publish"].as_bool().unwrap_or(true);
                let retire = body["retire"].as_bool().unwrap_or(false);
                match self.signer.rotate(alg, publish, retire) {
                    Ok(kid) => {
                        record(&self.opts, &format!("rotated to {kid} published={publish}"));
                        json_reply(sock, "200 OK", &json!({"kid": kid})).await;
                    }
                    Err(e) => json_reply(sock, "409 Conflict", &json!({"error": e})).await,
                }
            }
            ("POST", "/register") if !self.opts.no_dcr => self.register(sock, req).await,
            ("GET", "/authorize") => self.authorize(sock, q).await,
            ("POST", "/token") => self.token(sock, req).await,
            ("POST", "/revoke") => {
                let form = query(&String::from_utf8_lossy(&req.body));
                let token = form.get("token").cloned().unwrap_or_default();
                let known = {
                    let mut st = self.state.lock().expect("state");
                    st.refresh.remove(&token).is_some() | st.access.remove(&token).is_some()
                };
                record(&self.opts, &format!("revoked known={known}"));
                respond(sock, "200 OK", &[], b"").await;
            }
            _ => return false,
        }
        true
    }

    async fn register(&self, sock: &mut TcpStream, req: &HttpRequest) {
        let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
            oauth_error(sock, "400 Bad Request", "invalid_client_metadata").await;
            return;
        };
        let uris: Vec<String> = body["redirect_uris"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|u| u.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if uris.is_empty() {
            oauth_error(sock, "400 Bad Request", "invalid_redirect_uri").await;
            return;
        }
        let id = {
            let mut st = self.state.lock().expect("state");
            st.n += 1;
            let id = format!("dyn-{}", st.n);
            st.clients.insert(
                id.clone(),
                Client {
                    secret: None,
                    redirect_uris: uris.clone(),
                },
            );
            id
        };
        record(
            &self.opts,
            &format!("registered {id} redirect={}", uris.join(",")),
        );
        let reply = json!({
            "client_id": id,
            "redirect_uris": uris,
            "token_endpoint_auth_method": "none",
            "grant_types": ["authorization_code", "refresh_token"],
        });
        json_reply(sock, "201 Created", &reply).await;
    }

    async fn authorize(&self, sock: &mut TcpStream, q: &str) {
        let p = query(q);
        let get = |k: &str| p.get(k).cloned().unwrap_or_default();
        let (client_id, redirect_uri) = (get("client_id"), get("redirect_uri"));
        let known = {
            let st = self.state.lock().expect("state");
            st.clients
                .get(&client_id)
                .map(|c| c.redirect_uris.is_empty() || c.redirect_uris.contains(&redirect_uri))
        };
        if known != Some(true) || get("code_challenge_method") != "S256" {
            record(&self.opts, &format!("authorize refused client={client_id}"));
            respond(sock, "400 Bad Request", &[], b"bad authorization request").await;
            return;
        }
        let code = {
            let mut st = self.state.lock().expect("state");
            st.n += 1;
            let code = format!("code-{}", st.n);
            st.codes.insert(
                code.clone(),
                Grant {
                    client_id: client_id.clone(),
                    redirect_uri: redirect_uri.clone(),
                    challenge: get("code_challenge"),
                    scope: get("scope"),
                    resource: get("resource"),
                },
            );
            code
        };
        record(
            &self.opts,
            &format!(
                "authorize client={client_id} scope={} resource={}",
                get("scope"),
                get("resource")
            ),
        );
        let state = get("state");
        let mut location = url::Url::parse(&redirect_uri).expect("redirect uri");
        location
            .query_pairs_mut()
            .append_pair("code", &code)
            .append_pair("state", &state)
            .append_pair("iss", &self.base);
        respond(
            sock,
            "302 Found",
            &[("Location", location.to_string())],
            b"",
        )
        .await;
    }

    /// Mints a token for a test: `{"alg", "kid", "header": {…}, "claims": {…}}`; the claims
    /// default to this issuer, subject `tester`, issued now and expiring after --token-ttl, and
    /// a `null` claim leaves that claim out.
    async fn mint(&self, sock: &mut TcpStream, req: &HttpRequest) {
        let body: Value = serde_json::from_slice(&req.body).unwrap_or_default();
        let now = crate::jwt::now();
        let mut claims = json!({
            "iss": self.base,
            "sub": "tester",
            "iat": now,
            "exp": now + self.opts.token_ttl,
        });
        if let Some(given) = body["claims"].as_object() {
            for (k, v) in given {
                if v.is_null() {
                    claims.as_object_mut().map(|c| c.remove(k));
                } else {
                    claims[k] = v.clone();
                }
            }
        }
        let header = body["header"].as_object().cloned().unwrap_or_default();
        let alg = body["alg"].as_str().unwrap_or("RS256");
        match self
            .signer
            .sign(alg, body["kid"].as_str(), &header, &claims)
        {
            Ok(token) => {
                record(&self.opts, &format!("minted {alg}"));
                json_reply(sock, "200 OK", &json!({"access_token": token})).await;
            }
            Err(e) => json_reply(sock, "400 Bad Request", &json!({"error": e})).await,
        }
    }
}
