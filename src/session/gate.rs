//! The trust gate, applied to each server's tools where the catalog is built: a pinned server
//! exposes only the definitions that match what was approved. A server never approved exposes no
//! tool; a new or changed tool is withheld (or, with `warn`, exposed with a warning first in its
//! description). A tool whose definition cannot be screened (`trust::definition`) is withheld
//! whatever the trust mode. Withheld tools are remembered so that calls to them are refused with
//! the fix.

use std::fmt;

use serde_json::Value;

use super::plan::TrustPolicy;
use crate::protocol::RawObject;
use crate::trust::{Unscreenable, definition, pin};
use crate::upstream::Lists;

/// Why a tool is withheld.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Its server was never approved.
    NotApproved,
    /// Offered since the approval.
    New,
    /// Its definition differs from the approved one.
    Changed,
    /// vmcp cannot screen it (withheld in every trust mode).
    Unscreenable(Unscreenable),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotApproved => f.write_str("its server was never approved"),
            Reason::New => f.write_str("it is new since its server was approved"),
            Reason::Changed => f.write_str("its definition changed since its server was approved"),
            Reason::Unscreenable(e) => write!(f, "{e}"),
        }
    }
}

/// A tool the gate kept from the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    pub server: String,
    /// The upstream's name for it.
    pub raw: String,
    pub reason: Reason,
}

impl Withheld {
    /// What a client that calls it is told.
    pub fn refusal(&self, exposed: &str) -> String {
        let fix = match self.reason {
            Reason::NotApproved => format!(
                "review it with `vmcp server test {s}` and approve it with `vmcp server approve {s}`",
                s = self.server
            ),
            Reason::New | Reason::Changed => format!(
                "review the change with `vmcp trust diff {s}` and accept it with `vmcp server approve {s} --tool {t}`",
                s = self.server,
                t = self.raw
            ),
            Reason::Unscreenable(_) => {
                "vmcp never exposes such a tool (leave it out with `exclude_tools`)".to_string()
            }
        };
        format!("tool `{exposed}` is withheld: {}; {fix}", self.reason)
    }
}

/// Why `policy` keeps out the tool `raw` defined as `definition` (`None`: it passes).
fn judge(policy: &TrustPolicy, raw: &str, definition: &Value) -> Option<Reason> {
    let TrustPolicy::Pinned { approved, .. } = policy else {
        return None;
    };
    match approved {
        None => Some(Reason::NotApproved),
        Some(pins) => match pins.get(raw) {
            None => Some(Reason::New),
            Some(hash) => (pin::hash(definition) != *hash).then_some(Reason::Changed),
        },
    }
}

/// The tools of `lists` that `policy` lets through, and those it withholds.
pub(super) fn apply(policy: &TrustPolicy, server: &str, lists: Lists) -> (Lists, Vec<Withheld>) {
    let warn = matches!(policy, TrustPolicy::Pinned { warn: true, .. });
    let mut kept = Vec::new();
    let mut withheld = Vec::new();
    for tool in lists.tools.iter() {
        let raw = tool.get_str("name").unwrap_or_default();
        let reason = match definition::parse(tool) {
            Ok(d) => judge(policy, &raw, &d),
            Err(e) => Some(Reason::Unscreenable(e)),
        };
        match reason {
            None => kept.push(tool.clone()),
            Some(r) if warn && matches!(r, Reason::New | Reason::Changed) => {
                kept.push(with_warning(tool, server, &r));
            }
            Some(r) => withheld.push(Withheld {
                server: server.to_string(),
                raw,
                reason: r,
            }),
        }
    }
    let mut lists = lists;
    lists.tools = std::sync::Arc::new(kept);
    (lists, withheld)
}

/// The tool with a warning before its description (`trust.on-change: warn`).
fn with_warning(tool: &RawObject, server: &str, reason: &Reason) -> RawObject {
    let description = tool.get_str("description").unwrap_or_default();
    let mut t = tool.clone();
    t.set_value(
        "description",
        &format!(
            "[vmcp warning: {reason}; review it with `vmcp trust diff {server}`] {description}"
        ),
    );
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::sync::Arc;

    fn tool(name: &str, description: &str) -> RawObject {
        serde_json::from_value(serde_json::json!({"name": name, "description": description}))
            .unwrap()
    }

    fn lists(tools: Vec<RawObject>) -> Lists {
        Lists {
            tools: Arc::new(tools),
            ..Lists::default()
        }
    }

    fn pinned(approved: &[(&str, &str)], warn: bool) -> TrustPolicy {
        let map: BTreeMap<String, String> = approved
            .iter()
            .map(|(n, d)| {
                let v = serde_json::to_value(tool(n, d)).unwrap();
                ((*n).to_string(), pin::hash(&v))
            })
            .collect();
        TrustPolicy::Pinned {
            approved: Some(Arc::new(map)),
            warn,
        }
    }

    fn names(l: &Lists) -> Vec<String> {
        l.tools.iter().filter_map(|t| t.get_str("name")).collect()
    }

    #[test]
    fn only_approved_definitions_pass() {
        let now = lists(vec![
            tool("same", "a"),
            tool("edited", "b2"),
            tool("fresh", "c"),
        ]);
        let (kept, withheld) = apply(
            &pinned(&[("same", "a"), ("edited", "b")], false),
            "s",
            now.clone(),
        );
        assert_eq!(names(&kept), ["same"]);
        let reasons: Vec<(&str, Reason)> = withheld
            .iter()
            .map(|w| (w.raw.as_str(), w.reason.clone()))
            .collect();
        assert_eq!(
            reasons,
            [("edited", Reason::Changed), ("fresh", Reason::New)]
        );
        // Never approved: nothing passes. Always: everything does.
        let closed = TrustPolicy::Pinned {
            approved: None,
            warn: true,
        };
        let (kept, withheld) = apply(&closed, "s", now.clone());
        assert!(names(&kept).is_empty());
        assert!(withheld.iter().all(|w| w.reason == Reason::NotApproved));
        assert_eq!(
            names(&apply(&TrustPolicy::Always, "s", now).0),
            ["same", "edited", "fresh"]
        );
    }

    #[test]
    fn a_tool_too_deep_to_screen_is_withheld_in_every_mode() {
        let schema = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let deep: RawObject =
            serde_json::from_str(&format!(r#"{{"name":"deep","inputSchema":{schema}}}"#)).unwrap();
        let now = lists(vec![tool("same", "a"), deep]);
        for policy in [TrustPolicy::Always, pinned(&[("same", "a")], true)] {
            let (kept, withheld) = apply(&policy, "s", now.clone());
            assert_eq!(names(&kept), ["same"], "{policy:?}");
            assert!(
                matches!(&withheld[0].reason, Reason::Unscreenable(e) if e.reason.starts_with("nests 301 levels deep")),
                "{withheld:?}"
            );
            assert!(
                withheld[0].refusal("s_deep").ends_with(
                    "vmcp never exposes such a tool (leave it out with `exclude_tools`)"
                )
            );
        }
    }

    #[test]
    fn warn_exposes_changes_with_a_warning_first() {
        let now = lists(vec![tool("edited", "b2")]);
        let (kept, withheld) = apply(&pinned(&[("edited", "b")], true), "s", now);
        assert!(withheld.is_empty());
        assert_eq!(
            kept.tools[0].get_str("description").unwrap(),
            "[vmcp warning: its definition changed since its server was approved; review it with `vmcp trust diff s`] b2"
        );
    }
}
