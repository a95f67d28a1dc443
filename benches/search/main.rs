//! `cargo bench --bench search`: tool-search retrieval quality and speed on the frozen
//! LiveMCPBench corpus (`corpus.json`, 527 tools from 70 servers) with hand-written queries
//! (`queries.json`), and the `tools/list` size with search off versus on.
//!
//! Options (after `--`): `--split dev|test|all` (default all) shows one split's quality only;
//! `--misses` lists the queries of that split whose first relevant tool is not in the top 5;
//! `--quality` skips the speed and token figures; `--describe` prints the generated
//! description of `search_tools`.

// A benchmark prints its figures: the printing rule is for the product.
#![allow(
    clippy::cast_precision_loss,
    clippy::disallowed_macros,
    clippy::unwrap_used
)]

mod quality;
mod speed;
mod tokens;

use vmcp::search::eval::{parse_corpus, parse_queries};

const CORPUS: &str = include_str!("corpus.json");
const QUERIES: &str = include_str!("queries.json");

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let split = args
        .iter()
        .position(|a| a == "--split")
        .and_then(|i| args.get(i + 1))
        .map_or("all", String::as_str)
        .to_string();
    let misses = args.iter().any(|a| a == "--misses");
    let corpus = parse_corpus(CORPUS).unwrap();
    let queries = parse_queries(QUERIES).unwrap();
    quality::report(&corpus, &queries, &split, misses);
    if !args.iter().any(|a| a == "--quality") {
        speed::report(&corpus, &queries);
        tokens::report(&corpus, &queries, args.iter().any(|a| a == "--describe"));
    }
}
