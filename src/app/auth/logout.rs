//! `vmcp logout NAME`: revoke a server's tokens where it supports it, then forget its
//! credentials.

use crate::app::context::Context;
use crate::app::definition::source;
use crate::store::StoreError;
use crate::upstream::oauth::{self, Revocation};

/// What `vmcp logout` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Logout {
    /// Nothing was stored for the server.
    NotLoggedIn,
    /// Deleted; the server revoked the tokens first.
    Revoked,
    /// Deleted; the server offers no revocation.
    Deleted,
    /// Deleted; revocation failed (the message says why).
    RevocationFailed(String),
}

/// Revokes (where supported) and deletes a server's stored credentials.
pub(crate) async fn logout(ctx: &Context, name: &str) -> anyhow::Result<Logout> {
    let Some(creds) = ctx.store.credentials(name)? else {
        let known = source::servers(ctx)?.iter().any(|d| d.name == name);
        if known {
            return Ok(Logout::NotLoggedIn);
        }
        return Err(StoreError::not_found("server", name).into());
    };
    let outcome = match oauth::revoke(&creds).await {
        Ok(Revocation::Revoked) => Logout::Revoked,
        Ok(Revocation::Unsupported) => Logout::Deleted,
        Err(e) => Logout::RevocationFailed(e.to_string()),
    };
    ctx.store.delete_credentials(name)?;
    Ok(outcome)
}
