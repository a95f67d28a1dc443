//! Words tool authors and agents use for the same thing (`fetch` a page, `get` a page). A
//! query term also looks for its synonyms, at a lower weight than the word itself.
//!
//! General vocabulary of tool descriptions only; nothing here is fitted to one catalog.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::stem::stemmed;

/// Groups of interchangeable words, written plainly (they are stemmed when the table is built).
const GROUPS: &[&[&str]] = &[
    // What tools do.
    &["get", "fetch", "retrieve", "obtain"],
    &["create", "add", "new", "make", "generate", "insert"],
    &["delete", "remove", "erase", "destroy"],
    &["list", "enumerate"],
    &["search", "find", "query", "lookup", "locate"],
    &["update", "edit", "modify", "change"],
    &["run", "execute", "launch", "invoke"],
    &["show", "display", "view"],
    &["write", "save", "store"],
    &["convert", "transform"],
    &["stop", "terminate", "kill"],
    &["compare", "diff", "difference"],
    &["analyze", "analyse", "analysis"],
    &["summary", "summarize", "overview"],
    &["rename", "move"],
    &["screenshot", "capture"],
    // What they do it to.
    &["image", "picture", "photo"],
    &["chart", "graph", "plot"],
    &["doc", "documentation"],
    &["repo", "repository"],
    &["directory", "folder", "dir"],
    &["info", "information", "details", "metadata"],
    &["website", "site", "webpage"],
    &["web", "internet", "online"],
    &["url", "link"],
    &["email", "mail"],
    &["news", "headline"],
    &["alternative", "replacement", "substitute"],
    &["error", "exception", "failure"],
    &["issue", "ticket", "bug"],
    &["calendar", "schedule", "agenda"],
    &["event", "meeting", "appointment"],
    &["spreadsheet", "workbook", "excel"],
    &["presentation", "deck", "powerpoint"],
    &["video", "clip"],
    &["audio", "sound", "music", "song"],
    &["weather", "forecast"],
    &["stock", "ticker", "equity"],
    &["money", "currency"],
    &["directions", "route", "navigation"],
    &["paper", "publication"],
    &["trending", "popular"],
];

/// The other members of every group `term` (a stemmed term) belongs to.
pub(super) fn synonyms(term: &str) -> &'static [String] {
    static TABLE: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: HashMap<String, Vec<String>> = HashMap::new();
        for group in GROUPS {
            let stems: Vec<String> = group.iter().map(|w| stemmed(w)).collect();
            for s in &stems {
                let entry = table.entry(s.clone()).or_default();
                for other in &stems {
                    if other != s && !entry.contains(other) {
                        entry.push(other.clone());
                    }
                }
            }
        }
        table
    });
    table.get(term).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_symmetric_and_looked_up_by_stem() {
        let get = synonyms("get");
        assert!(get.contains(&"fetch".to_string()), "{get:?}");
        assert!(get.contains(&"retriev".to_string()), "{get:?}");
        assert!(synonyms("retriev").contains(&"get".to_string()));
        assert!(synonyms("creat").contains(&"add".to_string()));
        assert!(synonyms("zebra").is_empty());
        // A word never lists itself.
        assert!(!get.contains(&"get".to_string()));
    }

    #[test]
    fn every_word_is_in_one_group_only() {
        let mut seen = std::collections::HashSet::new();
        for w in GROUPS.iter().flat_map(|g| g.iter()) {
            assert!(seen.insert(stemmed(w)), "{w} is in two groups");
        }
    }
}
