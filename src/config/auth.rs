//! How vmcp authenticates to a `url` server (`auth:`): a static credential (bearer token, basic,
//! API key) or OAuth settings. Debug output shows a credential only when it is a `${env:…}`
//! reference, so a definition can be logged without its secrets.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::Scalar;

/// How vmcp authenticates to a `url` server. At most one kind may be given.
#[derive(Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// Sent as `Authorization: Bearer <token>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bearer_token: Option<Scalar>,
    /// HTTP Basic authentication (`Authorization: Basic …`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic: Option<BasicAuth>,
    /// A key sent in a header of its own (`X-Api-Key: …`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<ApiKeyAuth>,
    /// OAuth 2.1 (`vmcp login NAME`): optional pre-registered client and scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth: Option<OAuthSettings>,
}

/// User and password for HTTP Basic authentication.
#[derive(Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BasicAuth {
    pub user: Scalar,
    pub password: Scalar,
}

/// A key carried by a named header.
#[derive(Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyAuth {
    /// Header name, e.g. `X-Api-Key`.
    pub header: String,
    pub value: Scalar,
}

/// OAuth settings; everything is optional (discovery and dynamic registration fill the rest).
#[derive(Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OAuthSettings {
    /// A client registered beforehand with the authorization server (skips dynamic
    /// registration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<Scalar>,
    /// The secret of `client_id`, for confidential clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<Scalar>,
    /// Scopes to ask for (default: what the server's challenge or metadata says).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// Loopback port of the redirect URI (default: chosen at the first login and kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_port: Option<u16>,
    /// An https URL where you publish vmcp's client ID metadata document; used as the client id
    /// with authorization servers that support such documents (instead of registering).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_metadata_url: Option<String>,
}

/// Shows a credential only when it is a `${env:…}` reference (the secret is elsewhere).
struct Hidden<'a>(&'a str);

impl fmt::Debug for Hidden<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.contains("${env:") {
            write!(f, "{:?}", self.0)
        } else {
            f.write_str("<redacted>")
        }
    }
}

impl fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthConfig")
            .field(
                "bearer_token",
                &self.bearer_token.as_ref().map(|s| Hidden(s.as_str())),
            )
            .field("basic", &self.basic)
            .field("api_key", &self.api_key)
            .field("oauth", &self.oauth)
            .finish()
    }
}

impl fmt::Debug for BasicAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicAuth")
            .field("user", &self.user.as_str())
            .field("password", &Hidden(self.password.as_str()))
            .finish()
    }
}

impl fmt::Debug for ApiKeyAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiKeyAuth")
            .field("header", &self.header)
            .field("value", &Hidden(self.value.as_str()))
            .finish()
    }
}

impl fmt::Debug for OAuthSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthSettings")
            .field("client_id", &self.client_id.as_ref().map(Scalar::as_str))
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|s| Hidden(s.as_str())),
            )
            .field("scopes", &self.scopes)
            .field("redirect_port", &self.redirect_port)
            .field("client_metadata_url", &self.client_metadata_url)
            .finish()
    }
}

impl AuthConfig {
    /// The kinds given, by key (`bearer_token`, `basic`, `api_key`, `oauth`).
    pub fn kinds(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.bearer_token.is_some() {
            out.push("bearer_token");
        }
        if self.basic.is_some() {
            out.push("basic");
        }
        if self.api_key.is_some() {
            out.push("api_key");
        }
        if self.oauth.is_some() {
            out.push("oauth");
        }
        out
    }

    /// Whether a static credential (not OAuth) is configured.
    pub fn is_static(&self) -> bool {
        self.bearer_token.is_some() || self.basic.is_some() || self.api_key.is_some()
    }
}
