//! What `tools/list` costs the client's context for a 300-tool catalog: every definition
//! (search off) versus `search_tools`, `call_tool` and the `always` tools (search on).
//! Tokens are counted as characters / 4.

use serde_json::{Value, json};
use vmcp::search::eval::{CorpusServer, LabelledQuery};
use vmcp::search::meta::{DEFAULT_RESULTS, call_tool_definition, search_tools_definition};
use vmcp::search::{SearchIndex, render_results, search_tools_description};

const CATALOG: usize = 300;
/// The `always` tools of the example in the README: `time_*` and one more.
const ALWAYS: [&str; 3] = [
    "time_get_current_time",
    "time_convert_time",
    "duckduckgo-search_duckduckgo_web_search",
];

fn tokens(v: &impl serde::Serialize) -> usize {
    serde_json::to_string(v).unwrap().chars().count() / 4
}

pub(crate) fn report(corpus: &[CorpusServer], queries: &[LabelledQuery], describe: bool) {
    // The first 300 tools, servers in corpus order (the last one cut).
    let mut catalog: Vec<CorpusServer> = Vec::new();
    let mut left = CATALOG;
    for s in corpus {
        let take = s.tools.len().min(left);
        if take == 0 {
            break;
        }
        let mut part = s.clone();
        part.tools.truncate(take);
        part.original_names.truncate(take);
        left -= take;
        catalog.push(part);
    }
    let all: Vec<&Value> = catalog.iter().flat_map(|s| &s.tools).collect();
    let mut index = SearchIndex::default();
    for s in &catalog {
        index.set_server(&s.server, &s.docs());
    }
    let description = search_tools_description(&index);
    let mut listed = vec![
        search_tools_definition(&description, DEFAULT_RESULTS),
        call_tool_definition(),
    ];
    listed.extend(
        all.iter()
            .filter(|t| ALWAYS.contains(&t["name"].as_str().unwrap_or("")))
            .map(|t| (*t).clone()),
    );
    let off = tokens(&json!({ "tools": all }));
    let on = tokens(&json!({ "tools": listed }));
    println!(
        "\ntools/list tokens (characters/4), {} tools from {} servers; target: >= 90 % less",
        all.len(),
        catalog.len()
    );
    println!("  search off (every definition):          {off:>7}");
    println!(
        "  search on (search_tools, call_tool, {} always): {on:>7}   ({:.1} % less; the generated description: {})",
        listed.len() - 2,
        100.0 * (1.0 - on as f64 / off as f64),
        description.chars().count() / 4
    );
    // What one search costs instead: its text and structured results.
    let by_name = |name: &str| all.iter().copied().find(|t| t["name"] == name);
    let (mut text, mut structured) = (0, 0);
    for q in queries {
        let found: Vec<&Value> = index
            .search(&q.query, DEFAULT_RESULTS)
            .iter()
            .filter_map(|h| by_name(&h.name))
            .collect();
        text += render_results(&q.query, &found).chars().count() / 4;
        structured += tokens(&json!({ "tools": found }));
    }
    println!(
        "  one search_tools result ({DEFAULT_RESULTS} tools), mean: text {} + structured {}",
        text / queries.len(),
        structured / queries.len()
    );
    if describe {
        println!("\nThe description of search_tools for this catalog:\n{description}");
    }
}
