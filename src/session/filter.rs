//! What a vMCP shows of one upstream: allow-lists (absent = everything) then deny-lists, by glob.
//! The same functions decide listing and calling, so a hidden item can never be used.

use crate::config::Selection;
use crate::config::glob::{Glob, any_matches};

fn allowed(allow: Option<&[Glob]>, deny: &[Glob], names: &[&str]) -> bool {
    let allow_ok = allow.is_none_or(|a| names.iter().any(|n| any_matches(a, n)));
    allow_ok && !names.iter().any(|n| any_matches(deny, n))
}

pub(crate) fn tool_visible(sel: &Selection, raw: &str) -> bool {
    allowed(sel.tools.as_deref(), &sel.exclude_tools, &[raw])
}

pub(crate) fn prompt_visible(sel: &Selection, raw: &str) -> bool {
    allowed(sel.prompts.as_deref(), &sel.exclude_prompts, &[raw])
}

/// Resources and templates match by URI (template) or by name.
pub(crate) fn resource_visible(sel: &Selection, uri: &str, name: Option<&str>) -> bool {
    match name {
        Some(n) => allowed(sel.resources.as_deref(), &sel.exclude_resources, &[uri, n]),
        None => allowed(sel.resources.as_deref(), &sel.exclude_resources, &[uri]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globs(p: &[&str]) -> Vec<Glob> {
        p.iter().map(|s| Glob::new(*s)).collect()
    }

    #[test]
    fn tools_allow_then_deny() {
        let sel = Selection {
            tools: Some(globs(&["echo", "get-*"])),
            exclude_tools: globs(&["*long*"]),
            ..Selection::default()
        };
        let cases = [
            ("echo", true),
            ("get-sum", true),
            ("get-long-thing", false),
            ("add", false),
        ];
        for (name, want) in cases {
            assert_eq!(tool_visible(&sel, name), want, "{name}");
        }
        assert!(tool_visible(&Selection::default(), "anything"));
    }

    #[test]
    fn resources_by_uri_or_name() {
        let sel = Selection {
            resources: Some(globs(&["docs://*", "readme"])),
            exclude_resources: globs(&["docs://secret*"]),
            ..Selection::default()
        };
        assert!(resource_visible(&sel, "docs://a", None));
        assert!(resource_visible(
            &sel,
            "file:///x/README.md",
            Some("readme")
        ));
        assert!(!resource_visible(&sel, "docs://secret/1", Some("readme")));
        assert!(!resource_visible(&sel, "file:///y", Some("other")));
    }

    #[test]
    fn prompts_default_to_all() {
        let sel = Selection {
            exclude_prompts: globs(&["debug*"]),
            ..Selection::default()
        };
        assert!(prompt_visible(&sel, "greet"));
        assert!(!prompt_visible(&sel, "debug_dump"));
    }
}
