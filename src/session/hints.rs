//! Cache hints (`ttlMs`, `cacheScope`) for what a modern (2026-07-28) caller may cache: the
//! catalog's lists, `server/discover`, `resources/read`. Pure; the session describes its sources.
//!
//! A list may be cached as long as its shortest-lived source allows: a legacy upstream that
//! announces changes to that list allows [`DEFAULT_ANNOUNCED_LIST_TTL`] (vmcp passes the
//! announcement on to listening callers); one that does not announce allows nothing (vmcp cannot
//! learn of a change); an upstream still starting or restarting allows nothing (its live list
//! may differ from what is served now); a 2026-07-28 upstream's own `ttlMs` for the list, when
//! shorter, wins. vmcp's own items constrain nothing; with no source at
//! all the list can only change with the definition, and gets the announced TTL. Legacy sources
//! say nothing about who may share a cache, so the scope is `private`.

use std::time::Duration;

/// How long a caller may cache a list whose sources announce their changes.
pub(crate) const DEFAULT_ANNOUNCED_LIST_TTL: Duration = Duration::from_secs(60);

/// A cacheable result's hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CacheHint {
    pub(crate) ttl_ms: u64,
    pub(crate) public: bool,
}

impl CacheHint {
    /// Not to be reused: every read asks again.
    pub(crate) const NONE: CacheHint = CacheHint {
        ttl_ms: 0,
        public: false,
    };

    pub(crate) fn scope(self) -> &'static str {
        if self.public { "public" } else { "private" }
    }
}

/// One upstream, as a source of one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// Connected; `offers`: declared the list's capability; `announces`: with `listChanged`;
    /// `ttl_ms`: how long the server itself said the list may be reused (2026-07-28), if it did.
    Live {
        offers: bool,
        announces: bool,
        ttl_ms: Option<u64>,
    },
    /// Starting, restarting or down for now: what it offers is not known yet.
    Pending,
    /// Failed for good or stopped: it contributes nothing and never will.
    Gone,
}

fn announced_ttl_ms() -> u64 {
    u64::try_from(DEFAULT_ANNOUNCED_LIST_TTL.as_millis()).unwrap_or(u64::MAX)
}

/// The hints of a list served from `sources` (every upstream of the vMCP).
pub(crate) fn list(sources: &[Source]) -> CacheHint {
    let ttl_ms = sources
        .iter()
        .map(|s| match s {
            Source::Live { offers: false, .. } | Source::Gone => announced_ttl_ms(),
            // The server's own hint, when shorter, wins.
            Source::Live {
                announces: true,
                ttl_ms,
                ..
            } => ttl_ms.map_or(announced_ttl_ms(), |t| t.min(announced_ttl_ms())),
            Source::Live { .. } | Source::Pending => 0,
        })
        .min()
        .unwrap_or_else(announced_ttl_ms);
    CacheHint {
        ttl_ms,
        public: false,
    }
}

/// The hints of `server/discover`: what vmcp offers is settled once every upstream has
/// connected once (or is gone).
pub(crate) fn discover(sources: &[Source]) -> CacheHint {
    if sources.contains(&Source::Pending) {
        CacheHint::NONE
    } else {
        CacheHint {
            ttl_ms: announced_ttl_ms(),
            public: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANNOUNCING: Source = Source::Live {
        offers: true,
        announces: true,
        ttl_ms: None,
    };
    const SILENT: Source = Source::Live {
        offers: true,
        announces: false,
        ttl_ms: None,
    };
    const OTHER_KIND: Source = Source::Live {
        offers: false,
        announces: false,
        ttl_ms: None,
    };
    const BRIEF: Source = Source::Live {
        offers: true,
        announces: true,
        ttl_ms: Some(5),
    };
    const LASTING: Source = Source::Live {
        offers: true,
        announces: true,
        ttl_ms: Some(3_600_000),
    };

    #[test]
    fn the_shortest_lived_source_wins() {
        let ttl = announced_ttl_ms();
        let cases: &[(&[Source], u64)] = &[
            (&[], ttl),
            (&[ANNOUNCING], ttl),
            (&[ANNOUNCING, OTHER_KIND], ttl),
            (&[OTHER_KIND], ttl),
            (&[Source::Gone, ANNOUNCING], ttl),
            (&[ANNOUNCING, SILENT], 0),
            (&[ANNOUNCING, Source::Pending], 0),
            (&[Source::Pending], 0),
            (&[ANNOUNCING, BRIEF], 5),
            (&[LASTING], ttl),
            (&[SILENT, LASTING], 0),
        ];
        for (sources, expected) in cases {
            let hint = list(sources);
            assert_eq!(hint.ttl_ms, *expected, "{sources:?}");
            assert_eq!(hint.scope(), "private", "legacy sources never say public");
        }
    }

    #[test]
    fn discover_is_cacheable_once_every_upstream_is_known() {
        assert_eq!(discover(&[ANNOUNCING, Source::Pending]), CacheHint::NONE);
        assert_eq!(discover(&[SILENT, Source::Gone]).ttl_ms, announced_ttl_ms());
        assert_eq!(discover(&[]).ttl_ms, announced_ttl_ms());
    }
}
