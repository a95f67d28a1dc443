//! A session's access tokens: loaded lazily from the store, refreshed before expiry and after
//! a 401, rotated refresh tokens stored by compare-and-swap.

use std::time::Duration;

use super::{OAuthError, as_client, now, refresh, same_url};
use crate::store::{Credentials, Tokens};
use crate::upstream::plan::CredentialSource;

/// What to tell the user when no valid credentials can be had (`login`: the command).
pub(crate) fn login_hint(login: &str) -> String {
    format!("run `{login}`")
}

/// How long another process gets to store tokens it is refreshing, when ours was refused
/// because it used the same (now rotated) refresh token.
const PEER_REFRESH_WAIT: Duration = Duration::from_secs(3);

/// A session's access tokens for one upstream: loaded from the store on first use (a server
/// without stored credentials costs one read and nothing else), refreshed before they expire and
/// once after a 401, with rotated refresh tokens stored by compare-and-swap.
pub(crate) struct TokenSource {
    source: CredentialSource,
    store: crate::store::Store,
    url: String,
    http: std::sync::OnceLock<reqwest::Client>,
    state: tokio::sync::Mutex<Known>,
}

/// What the session knows of the stored credentials. "Nothing stored" is remembered too: a
/// server without credentials must not cost a store read per request (a 401 reads again).
struct Known {
    read: bool,
    credentials: Option<Credentials>,
}

impl std::fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSource")
            .field("server", &self.source.server)
            .finish_non_exhaustive()
    }
}

/// Whether tokens should be refreshed now: within a minute of expiry (or half their lifetime,
/// for short-lived ones).
fn due(t: &Tokens, now: u64) -> bool {
    t.expires_at.is_some_and(|e| {
        let margin = (e.saturating_sub(t.obtained_at) / 2).min(60);
        e <= now + margin
    })
}

impl TokenSource {
    pub(crate) fn new(source: CredentialSource, url: &str) -> TokenSource {
        TokenSource {
            store: crate::store::Store::new(&source.store_path),
            source,
            url: url.to_string(),
            http: std::sync::OnceLock::new(),
            state: tokio::sync::Mutex::new(Known {
                read: false,
                credentials: None,
            }),
        }
    }

    fn server(&self) -> &str {
        &self.source.server
    }

    /// The command that logs in to the server.
    pub(crate) fn login_command(&self) -> &str {
        &self.source.login
    }

    fn needs_login(&self, why: &str) -> String {
        format!("{why}; {}", login_hint(self.login_command()))
    }

    async fn load(&self) -> Option<Credentials> {
        let (store, server) = (self.store.clone(), self.server().to_string());
        let found = tokio::task::spawn_blocking(move || store.credentials(&server))
            .await
            .ok()?;
        match found {
            Ok(Some(c)) if same_url(&c.server_url, &self.url) => Some(c),
            Ok(Some(_)) => {
                tracing::warn!(
                    server = self.server(),
                    "stored credentials are for another URL; ignoring them"
                );
                None
            }
            Ok(None) => None,
            Err(e) => {
                tracing::warn!(server = self.server(), "cannot read credentials: {e}");
                None
            }
        }
    }

    fn client(&self) -> Result<&reqwest::Client, String> {
        if let Some(c) = self.http.get() {
            return Ok(c);
        }
        let c = as_client().map_err(|e| e.to_string())?;
        Ok(self.http.get_or_init(|| c))
    }

    /// The access token to send (`None`: no credentials stored, send none).
    pub(crate) async fn bearer(&self) -> Result<Option<String>, String> {
        let mut st = self.state.lock().await;
        if !st.read {
            st.credentials = self.load().await;
            st.read = true;
        }
        let Some(creds) = st.credentials.as_mut() else {
            return Ok(None);
        };
        let Some(tokens) = &creds.tokens else {
            return Ok(None);
        };
        if due(tokens, now()) {
            // Another process may have refreshed already.
            if let Some(fresh) = self.load().await {
                *creds = fresh;
            }
            if creds.tokens.as_ref().is_some_and(|t| due(t, now())) {
                self.refresh_locked(creds).await?;
            }
        }
        Ok(creds.tokens.as_ref().map(|t| t.access_token.clone()))
    }

    /// After the server refused `used` (401, or 403 for scope): the token another process (or a
    /// new `vmcp login`) stored meanwhile, else one refresh. `Ok(None)`: nothing better to try.
    pub(crate) async fn after_rejection(
        &self,
        used: Option<&str>,
        refresh: bool,
    ) -> Result<Option<String>, String> {
        let mut st = self.state.lock().await;
        let fresh = self.load().await;
        let stored = fresh
            .as_ref()
            .and_then(|c| c.tokens.as_ref())
            .map(|t| t.access_token.clone());
        *st = Known {
            read: true,
            credentials: fresh,
        };
        if stored.is_some() && stored.as_deref() != used {
            return Ok(stored);
        }
        let Some(creds) = st.credentials.as_mut() else {
            return Ok(None);
        };
        if !refresh || creds.tokens.is_none() {
            return Ok(None);
        }
        self.refresh_locked(creds).await?;
        Ok(creds.tokens.as_ref().map(|t| t.access_token.clone()))
    }

    async fn refresh_locked(&self, creds: &mut Credentials) -> Result<(), String> {
        let Some(rt) = creds.tokens.as_ref().and_then(|t| t.refresh_token.clone()) else {
            return Err(self.needs_login("the access token expired and there is no refresh token"));
        };
        let http = self.client()?.clone();
        match refresh(&http, creds, &rt).await {
            Ok(new) => {
                let (store, server, used) =
                    (self.store.clone(), self.server().to_string(), rt.clone());
                let kept = new.clone();
                let swapped = tokio::task::spawn_blocking(move || {
                    store.swap_tokens(&server, Some(&used), &kept)
                })
                .await
                .map_err(|e| e.to_string())?
                .map_err(|e| format!("cannot store the refreshed token: {e}"))?;
                match swapped {
                    crate::store::Swap::Stored => {
                        tracing::info!(server = self.server(), "access token refreshed");
                        creds.tokens = Some(new);
                    }
                    crate::store::Swap::Newer(Some(t)) => {
                        tracing::info!(
                            server = self.server(),
                            "another vmcp refreshed first; using its token"
                        );
                        creds.tokens = Some(t);
                    }
                    crate::store::Swap::Newer(None) | crate::store::Swap::Gone => {
                        return Err(self.needs_login("the credentials were removed"));
                    }
                }
                Ok(())
            }
            Err(OAuthError::Rejected(why)) => {
                // A rotated refresh token used by two processes at once: the other one's newer
                // token may be on its way to the store.
                let deadline = tokio::time::Instant::now() + PEER_REFRESH_WAIT;
                loop {
                    if let Some(fresh) = self.load().await
                        && let Some(t) = &fresh.tokens
                        && t.refresh_token.as_deref() != Some(rt.as_str())
                    {
                        tracing::info!(
                            server = self.server(),
                            "refresh token rotated by another vmcp; using its token"
                        );
                        *creds = fresh;
                        return Ok(());
                    }
                    if tokio::time::Instant::now() >= deadline {
                        return Err(
                            self.needs_login(&format!("refreshing the token failed ({why})"))
                        );
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
            Err(OAuthError::Failed(why)) => Err(format!("refreshing the token failed: {why}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_is_due_before_expiry() {
        let t = |obtained_at, expires_at| Tokens {
            expires_at,
            obtained_at,
            ..Tokens::default()
        };
        assert!(!due(&t(0, None), 1_000_000));
        assert!(!due(&t(1000, Some(4600)), 1000));
        assert!(due(&t(1000, Some(4600)), 4541));
        // Short-lived: half the lifetime.
        assert!(!due(&t(1000, Some(1010)), 1004));
        assert!(due(&t(1000, Some(1010)), 1005));
    }
}
