//! The issuer's signing keys: its `jwks_uri` found through authorization-server metadata
//! (RFC 8414, then OpenID Connect discovery), the JWK Set fetched and kept, fetched again when it
//! grows old or a token names a key id it does not hold (the issuer rotated its keys) — but not
//! more often than the cooldown, so tokens with made-up key ids cannot make this server hammer
//! the issuer. Concurrent requests wait for one fetch rather than each starting their own.

use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::jws::{self, Jwk, Jws};
use crate::upstream::oauth;

/// The least time between fetches that a token's unknown key id may cause, by default.
pub(crate) const DEFAULT_JWKS_COOLDOWN: Duration = Duration::from_secs(30);
/// How long a fetched key set is used before it is fetched again (keys the issuer removed stop
/// being accepted within this).
pub(crate) const JWKS_MAX_AGE: Duration = Duration::from_secs(15 * 60);

/// Why no key could check a token.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum KeyError {
    /// The issuer's keys are known, and none fits the token (key id and algorithm).
    Unknown,
    /// A key fits, and the signature is not its.
    BadSignature,
    /// The keys could not be fetched (yet): the token cannot be judged.
    Unavailable(String),
}

struct Held {
    jwks_uri: Option<String>,
    keys: Vec<Jwk>,
    /// When the keys were last fetched successfully.
    fetched: Option<Instant>,
    /// When a fetch was last tried (successful or not).
    tried: Option<Instant>,
}

pub(crate) struct KeySet {
    issuer: url::Url,
    http: reqwest::Client,
    cooldown: Duration,
    held: Mutex<Held>,
}

/// The keys that may have signed `jws`: its key id's (a key published without an id may be
/// any), of a type and curve its algorithm uses.
fn fitting<'a>(keys: &'a [Jwk], jws: &Jws) -> Vec<&'a Jwk> {
    keys.iter()
        .filter(|k| jws.kid.is_none() || k.kid.is_none() || k.kid == jws.kid)
        .filter(|k| k.fits(&jws.alg))
        .collect()
}

impl KeySet {
    pub(crate) fn new(issuer: url::Url, cooldown: Duration) -> Result<KeySet, String> {
        let http = oauth::as_client().map_err(|e| e.to_string())?;
        Ok(KeySet {
            issuer,
            http,
            cooldown,
            held: Mutex::new(Held {
                jwks_uri: None,
                keys: Vec::new(),
                fetched: None,
                tried: None,
            }),
        })
    }

    /// Fetches the keys unless held already.
    pub(crate) async fn warm(&self) {
        let mut held = self.held.lock().await;
        if held.tried.is_none() {
            self.fetch(&mut held).await;
        }
    }

    /// Whether some key the issuer publishes signed `jws` (`Ok(())`).
    pub(crate) async fn verify(&self, jws: &Jws) -> Result<(), KeyError> {
        let candidates = self.candidates(jws).await?;
        if candidates.iter().any(|k| jws.verified_by(k)) {
            Ok(())
        } else {
            Err(KeyError::BadSignature)
        }
    }

    /// The keys that may have signed `jws`, fetched if need be (checked without the lock held).
    async fn candidates(&self, jws: &Jws) -> Result<Vec<Jwk>, KeyError> {
        let mut held = self.held.lock().await;
        let cooled = |held: &Held| held.tried.is_none_or(|t| t.elapsed() >= self.cooldown);
        let old = held.fetched.is_none_or(|t| t.elapsed() >= JWKS_MAX_AGE);
        if old && cooled(&held) {
            self.fetch(&mut held).await;
        }
        let mut found = fitting(&held.keys, jws);
        if found.is_empty() && held.fetched.is_some() && cooled(&held) {
            // A key id not seen yet: the issuer may have rotated its keys.
            tracing::info!(kid = ?jws.kid, "a token names a key not held; fetching the issuer's keys again");
            self.fetch(&mut held).await;
            found = fitting(&held.keys, jws);
        }
        if held.fetched.is_none() {
            return Err(KeyError::Unavailable(format!(
                "the signing keys of {} could not be fetched",
                self.issuer
            )));
        }
        if found.is_empty() {
            return Err(KeyError::Unknown);
        }
        Ok(found.into_iter().cloned().collect())
    }

    /// Fetches the key set (finding `jwks_uri` first if needed); keeps the old keys on failure.
    async fn fetch(&self, held: &mut Held) {
        held.tried = Some(Instant::now());
        match self.fetch_keys(held).await {
            Ok(keys) => {
                tracing::info!(keys = keys.len(), issuer = %self.issuer, "fetched the issuer's signing keys");
                held.keys = keys;
                held.fetched = Some(Instant::now());
            }
            Err(e) => tracing::warn!("cannot fetch the signing keys of {}: {e}", self.issuer),
        }
    }

    async fn fetch_keys(&self, held: &mut Held) -> Result<Vec<Jwk>, String> {
        let uri = match &held.jwks_uri {
            Some(u) => u.clone(),
            None => {
                let meta = oauth::authorization_server_metadata(&self.http, &self.issuer)
                    .await
                    .ok_or("no authorization-server metadata (RFC 8414) or OpenID configuration")?;
                let issuer = meta["issuer"].as_str().unwrap_or_default();
                if !oauth::same_url(issuer, self.issuer.as_str()) {
                    return Err(format!(
                        "its metadata names issuer `{issuer}`, not the one configured"
                    ));
                }
                let uri = meta["jwks_uri"]
                    .as_str()
                    .ok_or("its metadata has no jwks_uri")?
                    .to_string();
                held.jwks_uri = Some(uri.clone());
                uri
            }
        };
        let resp = self
            .http
            .get(&uri)
            .header("accept", "application/json")
            .send()
            .await
            .map_err(|e| format!("{uri}: {e}"))?;
        if !resp.status().is_success() {
            return Err(format!("{uri} answered {}", resp.status()));
        }
        let doc: serde_json::Value = resp
            .json()
            .await
            .map_err(|e| format!("{uri} is not a JWK Set: {e}"))?;
        let keys = jws::key_set(&doc);
        if keys.is_empty() {
            return Err(format!("{uri} has no signature keys this server can use"));
        }
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use serde_json::json;

    use super::*;

    fn token(header: &serde_json::Value) -> Jws {
        let enc = |v: &serde_json::Value| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
        };
        jws::parse(&format!("{}.{}.c2ln", enc(header), enc(&json!({})))).unwrap()
    }

    #[test]
    fn a_token_is_checked_by_its_key_id_or_by_keys_without_one() {
        let rsa = |kid: Option<&str>| json!({"kty": "RSA", "kid": kid, "n": "AQAB", "e": "AQAB"});
        let mut a = rsa(Some("a"));
        let mut anonymous = rsa(None);
        a.as_object_mut().unwrap().retain(|_, v| !v.is_null());
        anonymous
            .as_object_mut()
            .unwrap()
            .retain(|_, v| !v.is_null());
        let keys = jws::key_set(&json!({"keys": [a, rsa(Some("b")), anonymous]}));
        let kids = |t: &Jws| -> Vec<Option<String>> {
            fitting(&keys, t).iter().map(|k| k.kid.clone()).collect()
        };
        assert_eq!(
            kids(&token(&json!({"alg": "RS256", "kid": "a"}))),
            vec![Some("a".into()), None]
        );
        assert_eq!(
            kids(&token(&json!({"alg": "RS256", "kid": "new"}))),
            vec![None]
        );
        assert_eq!(kids(&token(&json!({"alg": "RS256"}))).len(), 3);
        assert!(kids(&token(&json!({"alg": "ES256", "kid": "a"}))).is_empty());
    }
}
