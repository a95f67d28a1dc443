//! Exposed names: a pure, deterministic function of (prefix, raw name). Characters outside
//! `[A-Za-z0-9_-]` become `_`; names longer than the budget are cut and given a short hash of the
//! full identity, so they stay unique and stable across runs and when other servers are added.

use std::fmt::Write as _;

use crate::config::names::{MAX_EXPOSED_LEN, is_exposed_char};

/// Length of the hash suffix (`_` + 8 hex digits).
const HASH_SUFFIX_LEN: usize = 9;

/// The exposed name of `raw` offered by a server whose prefix is `prefix` (may be empty).
pub(crate) fn exposed_name(prefix: &str, raw: &str) -> String {
    let joined = if prefix.is_empty() {
        raw.to_string()
    } else {
        format!("{prefix}_{raw}")
    };
    let mut name: String = joined
        .chars()
        .map(|c| if is_exposed_char(c) { c } else { '_' })
        .collect();
    if name.is_empty() {
        name.push('_');
    }
    if name.len() > MAX_EXPOSED_LEN {
        let keep = MAX_EXPOSED_LEN - HASH_SUFFIX_LEN;
        name.truncate(keep);
        let _ = write!(
            name,
            "_{:08x}",
            crate::support::hash::fnv1a(&[prefix.as_bytes(), raw.as_bytes()]) & 0xffff_ffff
        );
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let long = "x".repeat(80);
        let cases = [
            ("time", "get_current_time", "time_get_current_time"),
            ("", "echo", "echo"),
            ("ev", "get-sum", "ev_get-sum"),
            ("fs", "read.file", "fs_read_file"),
            ("fs", "données", "fs_donn_es"),
            ("a", "", "a_"),
            ("", "", "_"),
        ];
        for (prefix, raw, want) in cases {
            assert_eq!(exposed_name(prefix, raw), want, "{prefix}/{raw}");
        }
        let cut = exposed_name("srv", &long);
        assert_eq!(cut.len(), MAX_EXPOSED_LEN);
        assert!(cut.starts_with("srv_xxx"));
        // Deterministic, and distinct for distinct identities sharing the cut prefix.
        assert_eq!(cut, exposed_name("srv", &long));
        assert_ne!(cut, exposed_name("srv", &format!("{long}y")));
        // Pinned value: changing the hash would rename users' tools.
        assert_eq!(&cut[55..], "_f975b776");
    }

    #[test]
    fn exactly_at_the_budget_is_not_hashed() {
        let raw = "y".repeat(MAX_EXPOSED_LEN - 2);
        assert_eq!(exposed_name("a", &raw), format!("a_{raw}"));
    }
}
