//! Signed JWT access tokens for the test authorization server (`--oauth`): RS256 keys (two fixed
//! test keys in `keys/`, since ring cannot generate RSA keys) and ES256 keys (generated), a JWKS
//! of every key published so far, rotation to a new key, and minting tokens with any claims and
//! header — including tokens signed by a key never published (an unknown `kid`).

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use ring::rand::SystemRandom;
use ring::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair as _, RSA_PKCS1_SHA256, RsaKeyPair,
};
use serde_json::{Map, Value, json};

/// Test keys only: they sign tokens for loopback tests and nothing else.
const RSA_KEYS: [&[u8]; 2] = [
    include_bytes!("keys/rsa-1.p8"),
    include_bytes!("keys/rsa-2.p8"),
];

enum Pair {
    Rsa(RsaKeyPair),
    Ec(EcdsaKeyPair),
}

struct Key {
    kid: String,
    pair: Pair,
    published: bool,
}

struct Keys {
    all: Vec<Key>,
    /// The signing key of each algorithm: indexes into `all`.
    rs: usize,
    es: usize,
    /// The next fixed RSA key to rotate to.
    next_rsa: usize,
    n: u64,
}

pub(crate) struct Signer {
    rng: SystemRandom,
    keys: Mutex<Keys>,
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// One DER length at `at`; returns (length, where the content starts).
fn der_len(der: &[u8], at: usize) -> Option<(usize, usize)> {
    let first = *der.get(at)?;
    if first < 0x80 {
        return Some((usize::from(first), at + 1));
    }
    let n = usize::from(first & 0x7f);
    let len = der
        .get(at + 1..at + 1 + n)?
        .iter()
        .fold(0usize, |l, b| (l << 8) | usize::from(*b));
    Some((len, at + 1 + n))
}

/// `n` and `e` of a DER RSAPublicKey (`SEQUENCE { INTEGER n, INTEGER e }`), leading zeros off.
fn rsa_components(der: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let (_, mut at) = der_len(der, 1)?;
    let mut ints = Vec::new();
    for _ in 0..2 {
        if *der.get(at)? != 0x02 {
            return None;
        }
        let (len, start) = der_len(der, at + 1)?;
        let int = der.get(start..start + len)?;
        let first = int.iter().position(|b| *b != 0).unwrap_or(int.len());
        ints.push(int[first..].to_vec());
        at = start + len;
    }
    let e = ints.pop()?;
    Some((ints.pop()?, e))
}

impl Key {
    fn alg(&self) -> &'static str {
        match self.pair {
            Pair::Rsa(_) => "RS256",
            Pair::Ec(_) => "ES256",
        }
    }

    fn jwk(&self) -> Value {
        match &self.pair {
            Pair::Rsa(k) => {
                let (n, e) = rsa_components(k.public().as_ref()).expect("an RSA public key");
                json!({"kty": "RSA", "kid": self.kid, "use": "sig", "alg": "RS256",
                       "n": b64(&n), "e": b64(&e)})
            }
            Pair::Ec(k) => {
                let point = k.public_key().as_ref();
                json!({"kty": "EC", "crv": "P-256", "kid": self.kid, "use": "sig", "alg": "ES256",
                       "x": b64(&point[1..33]), "y": b64(&point[33..65])})
            }
        }
    }
}

impl Signer {
    pub(crate) fn new() -> Signer {
        let rng = SystemRandom::new();
        let rsa = RsaKeyPair::from_pkcs8(RSA_KEYS[0]).expect("the fixed RSA test key");
        let ec = Self::ec_pair(&rng);
        Signer {
            keys: Mutex::new(Keys {
                all: vec![
                    Key {
                        kid: "rs-1".into(),
                        pair: Pair::Rsa(rsa),
                        published: true,
                    },
                    Key {
                        kid: "es-1".into(),
                        pair: Pair::Ec(ec),
                        published: true,
                    },
                ],
                rs: 0,
                es: 1,
                next_rsa: 1,
                n: 1,
            }),
            rng,
        }
    }

    fn ec_pair(rng: &SystemRandom) -> EcdsaKeyPair {
        let pkcs8 =
            EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, rng).expect("an EC key");
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), rng)
            .expect("the EC key just made")
    }

    /// The published keys as a JWK Set (RFC 7517).
    pub(crate) fn jwks(&self) -> Value {
        let keys = self.keys.lock().expect("keys");
        let published: Vec<Value> = keys
            .all
            .iter()
            .filter(|k| k.published)
            .map(Key::jwk)
            .collect();
        json!({ "keys": published })
    }

    /// A new signing key for `alg` (published unless `publish` is false); `retire`: the
    /// algorithm's previous key leaves the JWKS. Returns the new key id.
    pub(crate) fn rotate(&self, alg: &str, publish: bool, retire: bool) -> Result<String, String> {
        let mut keys = self.keys.lock().expect("keys");
        keys.n += 1;
        let pair = if alg == "RS256" {
            let der = RSA_KEYS
                .get(keys.next_rsa)
                .ok_or("no RSA test key is left to rotate to")?;
            keys.next_rsa += 1;
            Pair::Rsa(RsaKeyPair::from_pkcs8(der).map_err(|e| e.to_string())?)
        } else if alg == "ES256" {
            Pair::Ec(Self::ec_pair(&self.rng))
        } else {
            return Err(format!("cannot make {alg} keys"));
        };
        let kid = format!("{}-{}", &alg[..2].to_ascii_lowercase(), keys.n);
        let old = if alg == "RS256" { keys.rs } else { keys.es };
        if retire {
            keys.all[old].published = false;
        }
        keys.all.push(Key {
            kid: kid.clone(),
            pair,
            published: publish,
        });
        if publish {
            let new = keys.all.len() - 1;
            if alg == "RS256" {
                keys.rs = new;
            } else {
                keys.es = new;
            }
        }
        Ok(kid)
    }

    /// A compact JWS of `claims` signed with `alg`'s key (or the key `kid`, published or not);
    /// `header` entries override the header's (`kid`, even `alg`).
    pub(crate) fn sign(
        &self,
        alg: &str,
        kid: Option<&str>,
        header: &Map<String, Value>,
        claims: &Value,
    ) -> Result<String, String> {
        let keys = self.keys.lock().expect("keys");
        let key = match kid {
            Some(kid) => keys.all.iter().find(|k| k.kid == kid),
            None if alg == "RS256" => keys.all.get(keys.rs),
            None => keys.all.get(keys.es),
        }
        .ok_or("no such key")?;
        let mut h = json!({"alg": key.alg(), "typ": "at+jwt", "kid": key.kid});
        for (k, v) in header {
            h[k] = v.clone();
        }
        let input = format!(
            "{}.{}",
            b64(h.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let sig = match &key.pair {
            Pair::Rsa(k) => {
                let mut sig = vec![0; k.public().modulus_len()];
                k.sign(&RSA_PKCS1_SHA256, &self.rng, input.as_bytes(), &mut sig)
                    .map_err(|e| e.to_string())?;
                sig
            }
            Pair::Ec(k) => k
                .sign(&self.rng, input.as_bytes())
                .map_err(|e| e.to_string())?
                .as_ref()
                .to_vec(),
        };
        Ok(format!("{input}.{}", b64(&sig)))
    }
}
