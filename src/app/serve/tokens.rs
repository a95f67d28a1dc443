//! `vmcp serve token create|list|revoke`, and checking the bearer token of each request against
//! the stored digests (re-read at most every [`TOKEN_REFRESH`], so a revocation takes effect
//! within that while the server runs).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde::Serialize;

use crate::app::InvalidInput;
use crate::app::context::Context;
use crate::store::{ServeToken, Store};
use crate::support::clock::unix_seconds;
use crate::support::secret;

/// How stale the server's copy of the tokens may get.
pub(crate) const TOKEN_REFRESH: Duration = Duration::from_secs(1);
/// How often a token's last use is written (at most).
pub(crate) const LAST_USED_EVERY: Duration = Duration::from_secs(60);
/// What every token starts with, so a leaked one is recognisable (secret scanners, logs).
const PREFIX: &str = "vmcp_";
const DIGEST_PREFIX: &str = "sha256:";

/// A token as `token list` shows it (never the secret, nor its digest).
#[derive(Debug, Serialize)]
pub(crate) struct TokenInfo {
    pub name: String,
    /// Empty: every vMCP.
    pub vmcps: Vec<String>,
    pub created: u64,
    pub last_used: Option<u64>,
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Creates token `name` for `vmcps` (none: all) and returns its secret, which is not kept.
pub(crate) fn create(ctx: &Context, name: &str, vmcps: &[String]) -> anyhow::Result<String> {
    if !valid_name(name) {
        return Err(InvalidInput(format!(
            "invalid token name `{name}`: use 1-64 letters, digits, `-`, `_` or `.`"
        ))
        .into());
    }
    let secret = secret::random_hex(32)
        .map(|h| format!("{PREFIX}{h}"))
        .context("the operating system gave no randomness for the token")?;
    let token = ServeToken {
        digest: format!("{DIGEST_PREFIX}{}", secret::digest(&secret)),
        vmcps: vmcps.to_vec(),
        created: unix_seconds(),
        last_used: None,
    };
    ctx.store.add_serve_token(name, &token)?;
    Ok(secret)
}

pub(crate) fn list(ctx: &Context) -> anyhow::Result<Vec<TokenInfo>> {
    Ok(ctx
        .store
        .serve_tokens()?
        .into_iter()
        .map(|(name, t)| TokenInfo {
            name,
            vmcps: t.vmcps,
            created: t.created,
            last_used: t.last_used,
        })
        .collect())
}

pub(crate) fn revoke(ctx: &Context, name: &str) -> anyhow::Result<()> {
    ctx.store.remove_serve_token(name)?;
    Ok(())
}

/// Why a request is not let in.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// No token, an unknown one, or a revoked one: 401.
    Unauthenticated(&'static str),
    /// A valid token that does not open this vMCP: 403.
    NotForThisVmcp(String),
}

struct Cache {
    read_at: Option<Instant>,
    tokens: BTreeMap<String, ServeToken>,
    touched: BTreeMap<String, Instant>,
}

/// Checks bearer tokens against the store.
pub(crate) struct Verifier {
    store: Store,
    cache: Mutex<Cache>,
}

impl Verifier {
    pub(crate) fn new(store: Store) -> Arc<Verifier> {
        Arc::new(Verifier {
            store,
            cache: Mutex::new(Cache {
                read_at: None,
                tokens: BTreeMap::new(),
                touched: BTreeMap::new(),
            }),
        })
    }

    /// How many tokens exist (for the startup warning).
    pub(crate) async fn count(self: &Arc<Self>) -> usize {
        self.refresh().await;
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .tokens
            .len()
    }

    async fn refresh(self: &Arc<Self>) {
        let stale = {
            let c = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
            c.read_at.is_none_or(|t| t.elapsed() >= TOKEN_REFRESH)
        };
        if !stale {
            return;
        }
        let store = self.store.clone();
        let read = tokio::task::spawn_blocking(move || store.serve_tokens()).await;
        let mut c = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        match read {
            Ok(Ok(tokens)) => {
                c.tokens = tokens;
                c.read_at = Some(Instant::now());
            }
            // Keep what was known; a store busy for a moment must not lock everyone out.
            Ok(Err(e)) => tracing::warn!("cannot read the tokens: {e}"),
            Err(e) => tracing::warn!("cannot read the tokens: {e}"),
        }
    }

    /// The name of the bearer token `secret` if it opens `vmcp`.
    pub(crate) async fn check(
        self: &Arc<Self>,
        secret: Option<&str>,
        vmcp: &str,
    ) -> Result<Arc<str>, Refusal> {
        let Some(secret) = secret else {
            return Err(Refusal::Unauthenticated("a bearer token is required"));
        };
        self.refresh().await;
        let digest = format!("{DIGEST_PREFIX}{}", secret::digest(secret));
        let (name, touch) = {
            let mut c = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
            let Some((name, token)) = c.tokens.iter().find(|(_, t)| t.digest == digest) else {
                return Err(Refusal::Unauthenticated(
                    "the token is not valid (unknown or revoked)",
                ));
            };
            if !token.vmcps.is_empty() && !token.vmcps.iter().any(|v| v == vmcp) {
                return Err(Refusal::NotForThisVmcp(name.clone()));
            }
            let name = name.clone();
            let due = c
                .touched
                .get(&name)
                .is_none_or(|t| t.elapsed() >= LAST_USED_EVERY);
            if due {
                c.touched.insert(name.clone(), Instant::now());
            }
            (name, due)
        };
        if touch {
            let store = self.store.clone();
            let n = name.clone();
            tokio::task::spawn_blocking(move || {
                if let Err(e) = store.touch_serve_token(&n, unix_seconds()) {
                    tracing::debug!("cannot record the use of token `{n}`: {e}");
                }
            });
        }
        Ok(Arc::from(name))
    }
}
