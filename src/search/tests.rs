//! Ranking invariants, incremental updates, the generated description, and a quality floor on
//! the benchmark's corpus (so a ranking regression fails the build, not only the benchmark).

use serde_json::{Value, json};

use super::eval::{Metrics, parse_corpus, parse_queries};
use super::*;

/// A tool definition as the catalog serves it: exposed name `{server}_{name}`.
fn tool(server: &str, name: &str, description: &str, params: &[(&str, &str)]) -> Value {
    let props: serde_json::Map<String, Value> = params
        .iter()
        .map(|(p, d)| {
            (
                (*p).to_string(),
                json!({"type": "string", "description": d}),
            )
        })
        .collect();
    json!({
        "name": format!("{server}_{name}"),
        "description": description,
        "inputSchema": {"type": "object", "properties": props},
    })
}

/// Indexes `defs` (made by [`tool`]) as `server`'s tools.
fn set(index: &mut SearchIndex, server: &str, defs: &[Value]) {
    let docs: Vec<ToolDoc<'_>> = defs
        .iter()
        .map(|d| {
            let exposed = d["name"].as_str().unwrap();
            ToolDoc::from_definition(server, &exposed[server.len() + 1..], d)
        })
        .collect();
    index.set_server(server, &docs);
}

fn names(index: &SearchIndex, query: &str, limit: usize) -> Vec<String> {
    index
        .search(query, limit)
        .into_iter()
        .map(|h| h.name)
        .collect()
}

fn github() -> Vec<Value> {
    vec![
        tool(
            "github",
            "create_issue",
            "Open a new issue in a repository.",
            &[("repo", "owner/name"), ("title", "")],
        ),
        tool(
            "github",
            "list_pull_requests",
            "List pull requests of a repository.",
            &[("state", "open or closed")],
        ),
        tool(
            "github",
            "get_file_contents",
            "Read a file from a repository.",
            &[("path", "")],
        ),
    ]
}

fn weather() -> Vec<Value> {
    vec![
        tool(
            "weather",
            "get_forecast",
            "Weather forecast for a city.",
            &[("city", "")],
        ),
        tool(
            "weather",
            "get_alerts",
            "Severe weather alerts for a US state.",
            &[("state", "two-letter code")],
        ),
    ]
}

fn notes() -> Vec<Value> {
    vec![
        tool(
            "notes",
            "write_note",
            "Create or update a markdown note.",
            &[("title", ""), ("content", "")],
        ),
        tool(
            "notes",
            "search_notes",
            "Search notes by text.",
            &[("query", "")],
        ),
    ]
}

#[test]
fn words_find_tools_by_name_forms_synonyms_and_parameters() {
    let mut index = SearchIndex::default();
    set(&mut index, "github", &github());
    set(&mut index, "weather", &weather());
    set(&mut index, "notes", &notes());
    let cases = [
        // Name words, in another inflection.
        ("creating issues", "github_create_issue"),
        // A synonym of the name's verb.
        ("fetch the forecast", "weather_get_forecast"),
        ("retrieve file contents", "github_get_file_contents"),
        // Only a parameter's description says it.
        ("two-letter code", "weather_get_alerts"),
        // camelCase in the query meets snake_case in the name.
        ("pullRequests", "github_list_pull_requests"),
        // The exposed name itself, as a client that remembers it would send.
        ("notes_search_notes", "notes_search_notes"),
    ];
    for (query, want) in cases {
        assert_eq!(names(&index, query, 1), [want], "{query}");
    }
}

#[test]
fn a_word_in_the_name_outweighs_the_same_word_in_a_description() {
    let mut index = SearchIndex::default();
    let long = "Lists things. ".repeat(5) + "Mentions an issue in passing.";
    set(
        &mut index,
        "a",
        &[
            tool("a", "overview", &long, &[]),
            tool("a", "issue", "Shows one.", &[]),
        ],
    );
    assert_eq!(names(&index, "issue", 2), ["a_issue", "a_overview"]);
}

#[test]
fn results_are_limited_ordered_and_ties_broken_by_name() {
    let mut index = SearchIndex::default();
    // Identical text: identical scores, so the order is by name.
    let same = |n: &str| tool("s", n, "Converts a document.", &[]);
    set(&mut index, "s", &[same("b"), same("c"), same("a")]);
    let hits = index.search("document", 10);
    let order: Vec<&str> = hits.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(order, ["s_a", "s_b", "s_c"]);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(hits[0].server, "s");
    assert_eq!(hits[0].original_name, "a");
    assert_eq!(names(&index, "document", 2), ["s_a", "s_b"]);
    assert!(index.search("document", 0).is_empty());
    assert!(index.search("zebra", 5).is_empty());
    assert!(index.search("", 5).is_empty());
    assert!(SearchIndex::default().search("document", 5).is_empty());
}

#[test]
fn incremental_updates_rank_exactly_like_a_fresh_build() {
    let mut changed = SearchIndex::default();
    set(&mut changed, "github", &github());
    set(&mut changed, "weather", &weather());
    set(&mut changed, "notes", &notes()[..1]);
    changed.remove_server("weather");
    set(&mut changed, "notes", &notes());
    set(&mut changed, "weather", &weather()[1..]);
    changed.remove_server("nobody");
    let mut fresh = SearchIndex::default();
    set(&mut fresh, "github", &github());
    set(&mut fresh, "notes", &notes());
    set(&mut fresh, "weather", &weather()[1..]);
    assert_eq!(changed.len(), fresh.len());
    for query in ["issue", "weather alerts", "write a note", "state", "get"] {
        let (a, b) = (changed.search(query, 10), fresh.search(query, 10));
        assert_eq!(a.len(), b.len(), "{query}");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.name, y.name, "{query}");
            assert!((x.score - y.score).abs() < 1e-5, "{query}: {x:?} vs {y:?}");
        }
    }
}

#[test]
fn a_removed_server_is_never_found() {
    let mut index = SearchIndex::default();
    set(&mut index, "github", &github());
    set(&mut index, "weather", &weather());
    set(&mut index, "weather", &[]);
    assert_eq!(index.len(), 3);
    for query in ["weather", "weather_get_forecast", "forecast city", "alerts"] {
        assert!(
            index
                .search(query, 10)
                .iter()
                .all(|h| h.server != "weather"),
            "{query}"
        );
    }
    index.remove_server("github");
    assert!(index.is_empty());
    assert!(index.search("issue", 10).is_empty());
}

#[test]
fn the_description_names_servers_counts_and_their_words() {
    let mut index = SearchIndex::default();
    set(&mut index, "weather", &weather());
    set(&mut index, "github", &github());
    let text = search_tools_description(&index);
    assert!(text.contains("5 tools from 2 servers"), "{text}");
    assert!(text.contains("call_tool"), "{text}");
    let github_line = text
        .lines()
        .find(|l| l.starts_with("- github (3 tools)"))
        .unwrap();
    for word in ["issue", "repository"] {
        assert!(github_line.contains(word), "{github_line}");
    }
    // Generic verbs and the server's own name describe nothing.
    for word in [" get", "github,", "list,"] {
        assert!(!github_line.contains(word), "{github_line}");
    }
    assert!(text.contains("- weather (2 tools): "), "{text}");
}

#[test]
fn the_description_is_stable_and_follows_the_catalog() {
    let mut a = SearchIndex::default();
    set(&mut a, "github", &github());
    set(&mut a, "weather", &weather());
    let mut b = SearchIndex::default();
    set(&mut b, "weather", &weather());
    set(&mut b, "github", &github());
    assert_eq!(search_tools_description(&a), search_tools_description(&b));
    let before = search_tools_description(&a);
    set(&mut a, "notes", &notes());
    assert_ne!(search_tools_description(&a), before);
    a.remove_server("notes");
    assert_eq!(search_tools_description(&a), before);
}

#[test]
fn a_large_catalog_names_the_servers_it_does_not_describe() {
    let mut index = SearchIndex::default();
    for i in 0..45 {
        let server = format!("s{i:02}");
        set(
            &mut index,
            &server,
            &[tool(&server, "ping", "Pings a host.", &[])],
        );
    }
    let text = search_tools_description(&index);
    assert!(text.contains("- s39 (1 tool)"), "{text}");
    assert!(
        text.ends_with("- and 5 more: s40, s41, s42, s43, s44"),
        "{text}"
    );
}

#[test]
fn quality_floor_on_the_benchmark_corpus() {
    let corpus = parse_corpus(include_str!("../../benches/search/corpus.json")).unwrap();
    let queries = parse_queries(include_str!("../../benches/search/queries.json")).unwrap();
    let mut index = SearchIndex::default();
    for s in &corpus {
        index.set_server(&s.server, &s.docs());
    }
    let mut m = Metrics::default();
    for q in &queries {
        m.add(&names(&index, &q.query, 10), &q.relevant);
    }
    let m = m.mean();
    // The targets of issue 15 (measured: see README, "Tool search").
    assert!(m.recall[2] >= 0.85, "Recall@5 {m:?}");
    assert!(m.mrr >= 0.75, "MRR {m:?}");
    // Every tool is found first by its own exposed name.
    for s in &corpus {
        for def in &s.tools {
            let name = def["name"].as_str().unwrap();
            assert_eq!(names(&index, name, 1), [name]);
        }
    }
}
