//! Lists that several connections received alike share one copy. `vmcp serve` opens a
//! connection per session to the same server, and each kept its own parse of the same lists:
//! most of an idle session's memory (heaptrack: ~50 KiB of ~100 KiB per session for a server of
//! about 40 tools).

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, LazyLock, Mutex, PoisonError, Weak};

use crate::protocol::RawObject;

/// Lists remembered before the ones nobody holds any more are forgotten.
const SWEEP_AT: usize = 256;

type Items = Vec<RawObject>;

struct Interned {
    hasher: RandomState,
    by_hash: HashMap<u64, Vec<Weak<Items>>>,
}

static INTERNED: LazyLock<Mutex<Interned>> = LazyLock::new(|| {
    Mutex::new(Interned {
        hasher: RandomState::new(),
        by_hash: HashMap::new(),
    })
});

/// `items`, as the copy every holder of an equal list shares.
pub(crate) fn share(items: Items) -> Arc<Items> {
    if items.is_empty() {
        return Arc::new(items);
    }
    let mut interned = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
    let hash = interned.hasher.hash_one(&items);
    if let Some(same) = interned
        .by_hash
        .get(&hash)
        .into_iter()
        .flatten()
        .filter_map(Weak::upgrade)
        .find(|held| **held == items)
    {
        return same;
    }
    if interned.by_hash.len() >= SWEEP_AT {
        interned.by_hash.retain(|_, held| {
            held.retain(|w| w.strong_count() > 0);
            !held.is_empty()
        });
    }
    let shared = Arc::new(items);
    interned
        .by_hash
        .entry(hash)
        .or_default()
        .push(Arc::downgrade(&shared));
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(name: &str) -> Items {
        let raw = serde_json::value::RawValue::from_string(format!("{{\"name\":\"{name}\"}}"));
        vec![RawObject::parse(raw.ok().as_deref()).unwrap()]
    }

    #[test]
    fn equal_lists_share_one_copy_and_different_ones_do_not() {
        let a = share(items("shared_lists_a"));
        let b = share(items("shared_lists_a"));
        let c = share(items("shared_lists_c"));
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        // Once nobody holds it, it is forgotten: an equal list is a copy of its own.
        drop((a, b));
        let d = share(items("shared_lists_a"));
        assert_eq!(Arc::strong_count(&d), 1);
    }
}
