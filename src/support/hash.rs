//! FNV-1a, 64 bits: tiny, dependency-free and stable forever (unlike `DefaultHasher`), for
//! identities and change detection that are persisted or shown (never for security).

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a of `parts` joined by 0 bytes, so that `("ab", "c")` and `("a", "bc")` differ.
pub(crate) fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h = OFFSET;
    for (i, part) in parts.iter().enumerate() {
        let sep: &[u8] = if i == 0 { &[] } else { &[0] };
        for &b in sep.iter().chain(part.iter()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(PRIME);
        }
    }
    h
}

/// [`fnv1a`] as 16 hex digits.
pub(crate) fn fnv1a_hex(parts: &[&[u8]]) -> String {
    format!("{:016x}", fnv1a(parts))
}

#[cfg(test)]
mod tests {
    use super::fnv1a;

    #[test]
    fn parts_are_separated_and_values_are_stable() {
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
        // The published FNV-1a 64 test vectors: persisted hashes must never change.
        assert_eq!(fnv1a(&[b""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&[b"a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(&[b"foobar"]), 0x8594_4171_f739_67e8);
    }
}
