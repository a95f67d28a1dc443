//! The `requestState` vmcp mints for a modern caller whose call is parked (`parking.rs`): an
//! opaque handle `vmcp1.<id and expiry>.<tag>`, where the tag is an HMAC-SHA256, under a key
//! drawn from the OS random source when the process starts, over the id, the expiry and what
//! the handle was minted for (the method and the exposed tool or prompt name or resource URI).
//! A handle that was altered, forged, minted for another request or past its expiry is refused
//! before anything is looked up; single use is the parking table's (a handle is taken once).

use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};

/// What every handle vmcp mints starts with (anything else is an upstream's own state).
pub(super) const PREFIX: &str = "vmcp1.";

/// The id of a parked call.
pub(super) type Id = [u8; 16];

/// Why a handle is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(super) enum Refusal {
    #[error("it is not a handle vmcp issued")]
    Malformed,
    #[error("it was not issued for this request")]
    Forged,
    #[error("it has expired")]
    Expired,
}

/// Mints and checks handles. One per session, its key never leaves the process.
pub(super) struct Codec {
    key: hmac::Key,
    rng: SystemRandom,
    /// Expiries count from here (monotonic; handles do not outlive the process).
    epoch: Instant,
}

impl Codec {
    /// A codec with a fresh random key; `None` when the OS random source fails.
    pub(super) fn new() -> Option<Codec> {
        let rng = SystemRandom::new();
        let key = hmac::Key::generate(hmac::HMAC_SHA256, &rng).ok()?;
        Some(Codec {
            key,
            rng,
            epoch: Instant::now(),
        })
    }

    /// A new random id.
    pub(super) fn id(&self) -> Option<Id> {
        let mut id = [0u8; 16];
        self.rng.fill(&mut id).ok()?;
        Some(id)
    }

    /// What the tag covers: the id and expiry, then what the handle is for.
    fn signed(body: &[u8], method: &str, target: &str) -> Vec<u8> {
        let mut signed = body.to_vec();
        signed.extend_from_slice(method.as_bytes());
        // A separator no method contains: `tools/call` + `x` never signs like `tools/callx`.
        signed.push(0);
        signed.extend_from_slice(target.as_bytes());
        signed
    }

    /// The handle of `id`, valid for `ttl` and for `method` on `target` only.
    pub(super) fn mint(&self, id: &Id, ttl: Duration, method: &str, target: &str) -> String {
        let expires = u64::try_from((self.epoch.elapsed() + ttl).as_millis()).unwrap_or(u64::MAX);
        let mut body = id.to_vec();
        body.extend_from_slice(&expires.to_be_bytes());
        let tag = hmac::sign(&self.key, &Self::signed(&body, method, target));
        format!(
            "{PREFIX}{}.{}",
            URL_SAFE_NO_PAD.encode(&body),
            URL_SAFE_NO_PAD.encode(tag.as_ref())
        )
    }

    /// The id `handle` names, if it is intact, was minted for `method` on `target`, and has
    /// not expired.
    pub(super) fn open(&self, handle: &str, method: &str, target: &str) -> Result<Id, Refusal> {
        let rest = handle.strip_prefix(PREFIX).ok_or(Refusal::Malformed)?;
        let (body, tag) = rest.split_once('.').ok_or(Refusal::Malformed)?;
        let body = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| Refusal::Malformed)?;
        let tag = URL_SAFE_NO_PAD
            .decode(tag)
            .map_err(|_| Refusal::Malformed)?;
        if body.len() != 24 {
            return Err(Refusal::Malformed);
        }
        hmac::verify(&self.key, &Self::signed(&body, method, target), &tag)
            .map_err(|_| Refusal::Forged)?;
        let (id, expires) = body.split_at(16);
        let mut ms = [0u8; 8];
        ms.copy_from_slice(expires);
        let now = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
        if u64::from_be_bytes(ms) <= now {
            return Err(Refusal::Expired);
        }
        let mut out = [0u8; 16];
        out.copy_from_slice(id);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn a_handle_opens_only_for_what_it_was_minted_for() {
        let c = Codec::new().unwrap();
        let id = c.id().unwrap();
        let h = c.mint(&id, HOUR, "tools/call", "s_elicit");
        assert!(h.starts_with(PREFIX), "{h}");
        assert_eq!(c.open(&h, "tools/call", "s_elicit"), Ok(id));
        assert_eq!(c.open(&h, "tools/call", "s_other"), Err(Refusal::Forged));
        assert_eq!(c.open(&h, "prompts/get", "s_elicit"), Err(Refusal::Forged));
        assert_eq!(
            c.open(&format!("{h}-TAMPERED"), "tools/call", "s_elicit"),
            Err(Refusal::Forged)
        );
        // Another process (key) never accepts it.
        let other = Codec::new().unwrap();
        assert_eq!(
            other.open(&h, "tools/call", "s_elicit"),
            Err(Refusal::Forged)
        );
    }

    #[test]
    fn a_changed_byte_or_an_expiry_is_refused() {
        let c = Codec::new().unwrap();
        let id = c.id().unwrap();
        let h = c.mint(&id, HOUR, "tools/call", "t");
        let (body, tag) = h[PREFIX.len()..].split_once('.').unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(body).unwrap();
        bytes[20] ^= 1; // a later expiry
        let forged = format!("{PREFIX}{}.{tag}", URL_SAFE_NO_PAD.encode(&bytes));
        assert_eq!(c.open(&forged, "tools/call", "t"), Err(Refusal::Forged));
        let gone = c.mint(&id, Duration::ZERO, "tools/call", "t");
        assert_eq!(c.open(&gone, "tools/call", "t"), Err(Refusal::Expired));
        assert_eq!(
            c.open("vmcp1.x", "tools/call", "t"),
            Err(Refusal::Malformed)
        );
    }
}
