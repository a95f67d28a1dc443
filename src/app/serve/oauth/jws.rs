//! Compact JWS (RFC 7515) as JWT access tokens use it: splitting a token, reading its header and
//! claims, the public keys of a JWK Set (RFC 7517), and checking a signature with ring. Only
//! asymmetric algorithms are accepted (never `none`, never HS*: a public key must not double as
//! an HMAC secret), and a key is used only for its own type and curve.

use base64::Engine as _;
use ring::signature::{self, UnparsedPublicKey, VerificationAlgorithm};
use serde_json::Value;

/// The largest token looked at (real ones are a few KiB).
pub(crate) const MAX_TOKEN: usize = 16 * 1024;

/// The algorithms accepted, in the names `alg` uses.
pub(crate) const ALGORITHMS: &[&str] = &[
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA",
];

/// A token, split and decoded, its signature not yet checked.
#[derive(Debug)]
pub(crate) struct Jws {
    pub alg: String,
    pub kid: Option<String>,
    pub claims: Value,
    /// `header.payload`, the bytes signed.
    signing_input: String,
    signature: Vec<u8>,
}

/// A public key from a JWK Set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Jwk {
    pub kid: Option<String>,
    /// The `alg` the key is restricted to, if the set says.
    pub alg: Option<String>,
    material: Material,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Material {
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
    },
    /// An uncompressed point (`04 || x || y`) on `crv`.
    Ec {
        crv: String,
        point: Vec<u8>,
    },
    Ed25519(Vec<u8>),
}

fn b64(part: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .ok()
}

/// Splits and decodes a compact JWS; `Err` says what is wrong with it (never quoting it).
pub(crate) fn parse(token: &str) -> Result<Jws, &'static str> {
    if token.len() > MAX_TOKEN {
        return Err("the token is too long");
    }
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("the token is not a JWT (three base64url parts)");
    };
    let header: Value = b64(h)
        .and_then(|b| serde_json::from_slice(&b).ok())
        .filter(Value::is_object)
        .ok_or("the token's header is not base64url JSON")?;
    let claims: Value = b64(p)
        .and_then(|b| serde_json::from_slice(&b).ok())
        .filter(Value::is_object)
        .ok_or("the token's claims are not base64url JSON")?;
    let signature = b64(s).ok_or("the token's signature is not base64url")?;
    let alg = header["alg"].as_str().unwrap_or_default();
    if !ALGORITHMS.contains(&alg) {
        return Err("the token's algorithm is not accepted (asymmetric signatures only)");
    }
    // Extensions the signer says must be understood; none are.
    if header.get("crit").is_some() {
        return Err("the token has critical header parameters this server does not know");
    }
    Ok(Jws {
        alg: alg.to_string(),
        kid: header["kid"].as_str().map(str::to_string),
        claims,
        signing_input: format!("{h}.{p}"),
        signature,
    })
}

/// The signature keys of a JWK Set document; keys of other uses or unknown types are skipped.
pub(crate) fn key_set(doc: &Value) -> Vec<Jwk> {
    doc["keys"]
        .as_array()
        .map(|keys| keys.iter().filter_map(jwk).collect())
        .unwrap_or_default()
}

fn jwk(k: &Value) -> Option<Jwk> {
    if k.get("use").is_some_and(|u| u != "sig") {
        return None;
    }
    let field = |name: &str| k[name].as_str().and_then(b64);
    let material = match k["kty"].as_str()? {
        "RSA" => Material::Rsa {
            n: field("n")?,
            e: field("e")?,
        },
        "EC" => {
            let crv = k["crv"].as_str()?.to_string();
            let (x, y) = (field("x")?, field("y")?);
            let size = match crv.as_str() {
                "P-256" => 32,
                "P-384" => 48,
                _ => return None,
            };
            if x.len() != size || y.len() != size {
                return None;
            }
            let mut point = vec![4];
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            Material::Ec { crv, point }
        }
        "OKP" if k["crv"] == "Ed25519" => Material::Ed25519(field("x")?),
        _ => return None,
    };
    Some(Jwk {
        kid: k["kid"].as_str().map(str::to_string),
        alg: k["alg"].as_str().map(str::to_string),
        material,
    })
}

impl Jwk {
    /// Whether this key may check a token signed with `alg` (its type, curve and own `alg`).
    pub(crate) fn fits(&self, alg: &str) -> bool {
        if self.alg.as_deref().is_some_and(|a| a != alg) {
            return false;
        }
        match &self.material {
            Material::Rsa { .. } => alg.starts_with("RS") || alg.starts_with("PS"),
            Material::Ec { crv, .. } => {
                (alg == "ES256" && crv == "P-256") || (alg == "ES384" && crv == "P-384")
            }
            Material::Ed25519(_) => alg == "EdDSA",
        }
    }
}

impl Jws {
    /// Whether `key` signed this token.
    pub(crate) fn verified_by(&self, key: &Jwk) -> bool {
        if !key.fits(&self.alg) {
            return false;
        }
        let msg = self.signing_input.as_bytes();
        let sig = self.signature.as_slice();
        match &key.material {
            Material::Rsa { n, e } => {
                let params: &signature::RsaParameters = match self.alg.as_str() {
                    "RS256" => &signature::RSA_PKCS1_2048_8192_SHA256,
                    "RS384" => &signature::RSA_PKCS1_2048_8192_SHA384,
                    "RS512" => &signature::RSA_PKCS1_2048_8192_SHA512,
                    "PS256" => &signature::RSA_PSS_2048_8192_SHA256,
                    "PS384" => &signature::RSA_PSS_2048_8192_SHA384,
                    "PS512" => &signature::RSA_PSS_2048_8192_SHA512,
                    _ => return false,
                };
                signature::RsaPublicKeyComponents { n, e }
                    .verify(params, msg, sig)
                    .is_ok()
            }
            Material::Ec { point, .. } => {
                let alg: &dyn VerificationAlgorithm = match self.alg.as_str() {
                    "ES256" => &signature::ECDSA_P256_SHA256_FIXED,
                    "ES384" => &signature::ECDSA_P384_SHA384_FIXED,
                    _ => return false,
                };
                UnparsedPublicKey::new(alg, point).verify(msg, sig).is_ok()
            }
            Material::Ed25519(x) => UnparsedPublicKey::new(&signature::ED25519, x)
                .verify(msg, sig)
                .is_ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use ring::rand::SystemRandom;
    use ring::signature::{
        ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, Ed25519KeyPair, KeyPair as _,
    };
    use serde_json::json;

    use super::*;

    fn enc(v: &Value) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    }

    fn b64e(b: &[u8]) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
    }

    fn es256() -> (EcdsaKeyPair, Jwk) {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng)
            .unwrap();
        let p = pair.public_key().as_ref();
        let set = key_set(&json!({"keys": [{"kty": "EC", "crv": "P-256", "kid": "k1",
            "x": b64e(&p[1..33]), "y": b64e(&p[33..65])}]}));
        (pair, set[0].clone())
    }

    fn signed(pair: &EcdsaKeyPair, header: &Value, claims: &Value) -> String {
        let input = format!("{}.{}", enc(header), enc(claims));
        let sig = pair.sign(&SystemRandom::new(), input.as_bytes()).unwrap();
        format!("{input}.{}", b64e(sig.as_ref()))
    }

    #[test]
    fn an_es256_token_verifies_with_its_key_only() {
        let (pair, key) = es256();
        let (_, other) = es256();
        let token = signed(
            &pair,
            &json!({"alg": "ES256", "kid": "k1"}),
            &json!({"sub": "a"}),
        );
        let jws = parse(&token).unwrap();
        assert_eq!(jws.kid.as_deref(), Some("k1"));
        assert_eq!(jws.claims["sub"], "a");
        assert!(jws.verified_by(&key));
        assert!(!jws.verified_by(&other));
        // Claims changed after signing.
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = enc(&json!({"sub": "admin"}));
        parts[1] = &forged;
        assert!(!parse(&parts.join(".")).unwrap().verified_by(&key));
    }

    #[test]
    fn an_eddsa_token_verifies() {
        let rng = SystemRandom::new();
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).unwrap();
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap();
        let key = key_set(&json!({"keys": [{"kty": "OKP", "crv": "Ed25519",
            "x": b64e(pair.public_key().as_ref())}]}));
        let input = format!("{}.{}", enc(&json!({"alg": "EdDSA"})), enc(&json!({})));
        let token = format!("{input}.{}", b64e(pair.sign(input.as_bytes()).as_ref()));
        assert!(parse(&token).unwrap().verified_by(&key[0]));
    }

    #[test]
    fn a_key_checks_only_tokens_of_its_type_and_algorithm() {
        let (pair, key) = es256();
        // The same signature bytes presented as ES384 or RS256: refused without trying.
        for alg in ["ES384", "RS256", "PS256", "EdDSA"] {
            let t = signed(&pair, &json!({"alg": alg}), &json!({}));
            assert!(!parse(&t).unwrap().verified_by(&key), "{alg}");
        }
        let restricted = Jwk {
            alg: Some("ES384".into()),
            ..key
        };
        let t = signed(&pair, &json!({"alg": "ES256"}), &json!({}));
        assert!(!parse(&t).unwrap().verified_by(&restricted));
    }

    #[test]
    fn none_symmetric_and_malformed_tokens_are_refused() {
        let claims = enc(&json!({"sub": "a"}));
        for (token, why) in [
            (
                format!("{}.{claims}.", enc(&json!({"alg": "none"}))),
                "algorithm",
            ),
            (
                format!("{}.{claims}.c2ln", enc(&json!({"alg": "HS256"}))),
                "algorithm",
            ),
            (
                format!("{}.{claims}.c2ln", enc(&json!({"typ": "JWT"}))),
                "algorithm",
            ),
            (
                format!(
                    "{}.{claims}.c2ln",
                    enc(&json!({"alg": "ES256", "crit": ["x"]}))
                ),
                "critical",
            ),
            ("vmcp_123".to_string(), "three"),
            ("a.b.c.d".to_string(), "three"),
            (format!("!!.{claims}.c2ln"), "header"),
            (
                format!("{}.bm90IGpzb24.c2ln", enc(&json!({"alg": "ES256"}))),
                "claims",
            ),
            ("x".repeat(MAX_TOKEN + 1), "too long"),
        ] {
            let e = parse(&token).unwrap_err();
            assert!(e.contains(why), "{token:.40}: {e}");
        }
    }

    #[test]
    fn key_sets_keep_signature_keys_of_known_types() {
        let set = key_set(&json!({"keys": [
            {"kty": "RSA", "kid": "r", "n": "AQAB", "e": "AQAB", "alg": "RS256"},
            {"kty": "RSA", "kid": "enc", "use": "enc", "n": "AQAB", "e": "AQAB"},
            {"kty": "oct", "kid": "secret", "k": "AQAB"},
            {"kty": "EC", "crv": "P-256", "kid": "short", "x": "AQAB", "y": "AQAB"},
            {"kty": "EC", "crv": "secp256k1", "kid": "k", "x": "AQAB", "y": "AQAB"},
        ]}));
        assert_eq!(set.len(), 1);
        assert_eq!(set[0].kid.as_deref(), Some("r"));
        assert!(set[0].fits("RS256") && !set[0].fits("PS256") && !set[0].fits("ES256"));
        assert!(key_set(&json!({"nokeys": []})).is_empty());
    }
}
