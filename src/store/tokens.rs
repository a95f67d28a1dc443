//! Bearer tokens of `vmcp serve`: by name, each stored as the digest of the secret (the secret
//! itself is shown once, at creation, and never stored), the vMCPs it opens (none listed: all),
//! and when it was created and last used.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::records::{get, insert, read_table};
use super::schema::{SERVE_TOKENS, encode};
use super::{Store, StoreError};

const KIND: &str = "token";

/// One token, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ServeToken {
    /// `sha256:` and the hex digest of the secret.
    pub digest: String,
    /// The vMCPs the token opens; empty: every vMCP served.
    #[serde(default)]
    pub vmcps: Vec<String>,
    /// Unix seconds.
    pub created: u64,
    /// Unix seconds of the latest request it authenticated (recorded at most once a minute).
    #[serde(default)]
    pub last_used: Option<u64>,
}

impl Store {
    /// Every token, by name (empty when the store has none).
    pub(crate) fn serve_tokens(&self) -> Result<BTreeMap<String, ServeToken>, StoreError> {
        Ok(self
            .read(|t| read_table(t, SERVE_TOKENS, KIND))?
            .unwrap_or_default())
    }

    /// Adds token `name`; an existing name is an error (revoke it first).
    pub(crate) fn add_serve_token(&self, name: &str, token: &ServeToken) -> Result<(), StoreError> {
        let bytes = encode(token)?;
        self.write(|txn| {
            insert(
                &mut txn.open_table(SERVE_TOKENS)?,
                KIND,
                name,
                &bytes,
                false,
            )?;
            Ok(())
        })
    }

    pub(crate) fn remove_serve_token(&self, name: &str) -> Result<(), StoreError> {
        self.write(|txn| {
            if txn.open_table(SERVE_TOKENS)?.remove(name)?.is_none() {
                return Err(StoreError::not_found(KIND, name));
            }
            Ok(())
        })
    }

    /// Records that token `name` was used at `at` (unix seconds); a revoked token stays gone.
    pub(crate) fn touch_serve_token(&self, name: &str, at: u64) -> Result<(), StoreError> {
        self.write(|txn| {
            let mut t = txn.open_table(SERVE_TOKENS)?;
            let Some(mut token) = get::<ServeToken>(&t, name, KIND)? else {
                return Ok(());
            };
            token.last_used = Some(at);
            let bytes = encode(&token)?;
            t.insert(name, bytes.as_slice())?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_added_once_touched_and_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("vmcp.redb"));
        assert!(store.serve_tokens().unwrap().is_empty());
        let token = ServeToken {
            digest: "sha256:00".into(),
            vmcps: vec!["daily".into()],
            created: 1,
            last_used: None,
        };
        store.add_serve_token("laptop", &token).unwrap();
        assert!(matches!(
            store.add_serve_token("laptop", &token),
            Err(StoreError::Exists { .. })
        ));
        store.touch_serve_token("laptop", 7).unwrap();
        assert_eq!(store.serve_tokens().unwrap()["laptop"].last_used, Some(7));
        store.remove_serve_token("laptop").unwrap();
        assert!(matches!(
            store.remove_serve_token("laptop"),
            Err(StoreError::NotFound { .. })
        ));
        store.touch_serve_token("laptop", 8).unwrap();
        assert!(store.serve_tokens().unwrap().is_empty());
    }
}
