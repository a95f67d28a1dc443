//! OAuth credentials per server: the client registration (with the loopback redirect port fixed
//! at registration), the authorization server's endpoints, and the tokens. Secrets are never
//! printed: `Debug` redacts them and nothing here logs.
//!
//! Refreshes from several `vmcp stdio` processes meet here: [`Store::swap_tokens`] replaces the
//! tokens only if the refresh token is still the one the refresh started from, inside one write
//! transaction, so a process that refreshed later never overwrites a newer rotated token.

use std::collections::BTreeMap;
use std::fmt;

use redb::ReadableTable;
use serde::{Deserialize, Serialize};

use super::schema::{CREDENTIALS, decode, encode};
use super::{Store, StoreError};

/// Everything vmcp keeps to authenticate to one server with OAuth.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Credentials {
    /// The MCP endpoint the credentials were obtained for; a changed URL needs a new login.
    pub server_url: String,
    /// The RFC 8707 resource indicator sent with authorization and token requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(default)]
    pub authorization_endpoint: String,
    #[serde(default)]
    pub token_endpoint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revocation_endpoint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientRegistration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Tokens>,
}

/// How vmcp is known to the authorization server.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct ClientRegistration {
    pub client_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// `http://127.0.0.1:PORT/callback`, exactly as registered.
    pub redirect_uri: String,
    pub redirect_port: u16,
    /// `dynamic` (RFC 7591 registration), `configured` (from the server config) or `metadata`
    /// (client ID metadata document).
    pub source: String,
    /// `none`, `client_secret_basic` or `client_secret_post`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_endpoint_auth_method: Option<String>,
}

/// The tokens of one login.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Tokens {
    pub access_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Unix seconds; `None` when the server did not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// Unix seconds of the login or last refresh.
    #[serde(default)]
    pub obtained_at: u64,
}

const HIDDEN: &str = "<redacted>";

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("server_url", &self.server_url)
            .field("resource", &self.resource)
            .field("issuer", &self.issuer)
            .field("authorization_endpoint", &self.authorization_endpoint)
            .field("token_endpoint", &self.token_endpoint)
            .field("revocation_endpoint", &self.revocation_endpoint)
            .field("client", &self.client)
            .field("tokens", &self.tokens)
            .finish()
    }
}

impl fmt::Debug for ClientRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientRegistration")
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| HIDDEN),
            )
            .field("redirect_uri", &self.redirect_uri)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokens")
            .field("access_token", &HIDDEN)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| HIDDEN),
            )
            .field("expires_at", &self.expires_at)
            .field("scopes", &self.scopes)
            .field("obtained_at", &self.obtained_at)
            .finish()
    }
}

/// What [`Store::swap_tokens`] found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Swap {
    /// The new tokens were stored.
    Stored,
    /// Another process changed the tokens first; these are the current ones (use them).
    Newer(Option<Tokens>),
    /// The credentials were deleted meanwhile (`vmcp logout`).
    Gone,
}

fn what(server: &str) -> String {
    format!("credentials of `{server}`")
}

impl Store {
    /// The stored credentials of one server. Never creates the store.
    pub(crate) fn credentials(&self, server: &str) -> Result<Option<Credentials>, StoreError> {
        let found = self.read(|txn| {
            let table = match txn.open_table(CREDENTIALS) {
                Ok(t) => t,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
                Err(e) => return Err(e.into()),
            };
            match table.get(server)? {
                Some(v) => decode(v.value(), &what(server)).map(Some),
                None => Ok(None),
            }
        })?;
        Ok(found.flatten())
    }

    /// Every server's credentials, by name.
    pub(crate) fn all_credentials(&self) -> Result<BTreeMap<String, Credentials>, StoreError> {
        let found = self.read(|txn| {
            let table = match txn.open_table(CREDENTIALS) {
                Ok(t) => t,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(BTreeMap::new()),
                Err(e) => return Err(e.into()),
            };
            let mut out = BTreeMap::new();
            for entry in table.iter()? {
                let (k, v) = entry?;
                let name = k.value().to_string();
                out.insert(name.clone(), decode(v.value(), &what(&name))?);
            }
            Ok(out)
        })?;
        Ok(found.unwrap_or_default())
    }

    /// Stores (replaces) one server's credentials.
    pub(crate) fn put_credentials(
        &self,
        server: &str,
        creds: &Credentials,
    ) -> Result<(), StoreError> {
        let bytes = encode(creds)?;
        self.write(|txn| {
            txn.open_table(CREDENTIALS)?
                .insert(server, bytes.as_slice())?;
            Ok(())
        })
    }

    /// Deletes one server's credentials; returns whether there were any.
    pub(crate) fn delete_credentials(&self, server: &str) -> Result<bool, StoreError> {
        if !self.exists() {
            return Ok(false);
        }
        self.write(|txn| Ok(txn.open_table(CREDENTIALS)?.remove(server)?.is_some()))
    }

    /// Compare-and-swap of refreshed tokens: stores `new` only if the stored refresh token is
    /// still `used` (the one the refresh was made with), in one write transaction.
    pub(crate) fn swap_tokens(
        &self,
        server: &str,
        used: Option<&str>,
        new: &Tokens,
    ) -> Result<Swap, StoreError> {
        self.write(|txn| {
            let mut table = txn.open_table(CREDENTIALS)?;
            let current: Option<Credentials> = match table.get(server)? {
                Some(v) => Some(decode(v.value(), &what(server))?),
                None => None,
            };
            let Some(mut creds) = current else {
                return Ok(Swap::Gone);
            };
            let stored = creds
                .tokens
                .as_ref()
                .and_then(|t| t.refresh_token.as_deref());
            if stored != used {
                return Ok(Swap::Newer(creds.tokens));
            }
            creds.tokens = Some(new.clone());
            let bytes = encode(&creds)?;
            table.insert(server, bytes.as_slice())?;
            Ok(Swap::Stored)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(access: &str, refresh: &str) -> Tokens {
        Tokens {
            access_token: access.into(),
            refresh_token: Some(refresh.into()),
            expires_at: Some(100),
            scopes: vec!["read".into()],
            obtained_at: 1,
        }
    }

    #[test]
    fn credentials_round_trip_and_swap_only_from_the_current_refresh_token() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("vmcp.redb"));
        assert_eq!(store.credentials("a").unwrap(), None);
        let creds = Credentials {
            server_url: "http://x/mcp".into(),
            tokens: Some(tokens("at1", "rt1")),
            client: Some(ClientRegistration {
                client_id: "c".into(),
                client_secret: Some("cs".into()),
                redirect_uri: "http://127.0.0.1:5000/callback".into(),
                redirect_port: 5000,
                source: "dynamic".into(),
                token_endpoint_auth_method: None,
            }),
            ..Credentials::default()
        };
        store.put_credentials("a", &creds).unwrap();
        assert_eq!(store.credentials("a").unwrap().as_ref(), Some(&creds));
        // Refreshed from rt1: stored.
        let t2 = tokens("at2", "rt2");
        assert_eq!(
            store.swap_tokens("a", Some("rt1"), &t2).unwrap(),
            Swap::Stored
        );
        // A second process also refreshed from rt1: it must not overwrite rt2.
        let late = tokens("at2b", "rt2b");
        assert_eq!(
            store.swap_tokens("a", Some("rt1"), &late).unwrap(),
            Swap::Newer(Some(t2.clone()))
        );
        assert_eq!(store.credentials("a").unwrap().unwrap().tokens, Some(t2));
        assert!(store.delete_credentials("a").unwrap());
        assert_eq!(
            store.swap_tokens("a", Some("rt2"), &late).unwrap(),
            Swap::Gone
        );
        assert!(!store.delete_credentials("a").unwrap());
        // Debug never shows secrets.
        let debug = format!("{creds:?}");
        assert!(
            !debug.contains("at1") && !debug.contains("rt1") && !debug.contains("\"cs\""),
            "{debug}"
        );
    }

    #[test]
    fn credentials_follow_a_renamed_server_and_go_with_a_removed_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("vmcp.redb"));
        let server = crate::config::ServerConfig {
            url: Some("http://x/mcp".into()),
            ..crate::config::ServerConfig::default()
        };
        store.put_server("a", &server, false).unwrap();
        let creds = Credentials {
            server_url: "http://x/mcp".into(),
            ..Credentials::default()
        };
        store.put_credentials("a", &creds).unwrap();
        store.rename_server("a", "b").unwrap();
        assert_eq!(store.credentials("a").unwrap(), None);
        assert_eq!(store.credentials("b").unwrap(), Some(creds));
        store.remove_server("b", false).unwrap();
        assert_eq!(store.credentials("b").unwrap(), None);
    }

    #[cfg(unix)]
    #[test]
    fn the_store_and_its_directory_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("home").join("vmcp.redb");
        let store = Store::new(&path);
        store.put_credentials("a", &Credentials::default()).unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }
}
