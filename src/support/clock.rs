//! The wall clock as vmcp records it: Unix time, in seconds (approvals, cache fetches, backups,
//! token expiry) or microseconds (calls). A clock set before 1970 reads as 0.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now.
pub(crate) fn unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Microseconds since the Unix epoch, now.
pub(crate) fn unix_micros() -> u64 {
    micros_at(SystemTime::now())
}

/// Microseconds since the Unix epoch at `t`.
pub(crate) fn micros_at(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
}
