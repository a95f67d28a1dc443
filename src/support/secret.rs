//! Unguessable values (session ids, bearer tokens) from the operating system's CSPRNG, and the
//! digest under which a secret is stored and compared.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// `bytes` random bytes as lowercase hex; `None` when the OS has no randomness to give.
pub(crate) fn random_hex(bytes: usize) -> Option<String> {
    let mut buf = vec![0u8; bytes];
    getrandom::getrandom(&mut buf).ok()?;
    Some(hex(&buf))
}

/// The SHA-256 of `secret` as hex: tokens are random and long, so no salt or stretching is
/// needed for the digest to reveal nothing.
pub(crate) fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_values_differ_and_digests_are_sha256() {
        let a = random_hex(16).unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, random_hex(16).unwrap());
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
