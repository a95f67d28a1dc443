//! Measuring retrieval quality on a labelled corpus: reading the frozen corpus and queries of
//! `benches/search/` (from text; no files here) and the usual measures. Used by
//! `cargo bench --bench search` and by the quality-floor unit test.

use serde::Deserialize;
use serde_json::Value;

use super::tool::ToolDoc;

/// One server of the corpus, its tools as a client sees them (exposed names `server_tool`).
#[derive(Debug, Clone)]
pub struct CorpusServer {
    pub server: String,
    /// Tool definitions with their exposed names.
    pub tools: Vec<Value>,
    /// The upstream's names, in the same order.
    pub original_names: Vec<String>,
}

impl CorpusServer {
    pub fn docs(&self) -> Vec<ToolDoc<'_>> {
        self.tools
            .iter()
            .zip(&self.original_names)
            .map(|(def, original)| ToolDoc::from_definition(&self.server, original, def))
            .collect()
    }
}

#[derive(Deserialize)]
struct RawServer {
    server: String,
    tools: Vec<Value>,
}

/// Reads `corpus.json`: `[{server, tools: [definition…]}…]`.
pub fn parse_corpus(json: &str) -> Result<Vec<CorpusServer>, serde_json::Error> {
    let raw: Vec<RawServer> = serde_json::from_str(json)?;
    Ok(raw
        .into_iter()
        .map(|s| {
            let mut original_names = Vec::new();
            let tools = s
                .tools
                .into_iter()
                .map(|mut def| {
                    let original = def["name"].as_str().unwrap_or_default().to_string();
                    def["name"] = Value::from(format!("{}_{original}", s.server));
                    original_names.push(original);
                    def
                })
                .collect();
            CorpusServer {
                server: s.server,
                tools,
                original_names,
            }
        })
        .collect())
}

/// One query with the tools that answer it.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledQuery {
    pub id: u32,
    /// `dev` (tuned on) or `test` (held out).
    pub split: String,
    pub query: String,
    pub relevant: Vec<String>,
}

#[derive(Deserialize)]
struct RawQueries {
    queries: Vec<LabelledQuery>,
}

/// Reads `queries.json`: `{note, queries: [{id, split, query, relevant}…]}`.
pub fn parse_queries(json: &str) -> Result<Vec<LabelledQuery>, serde_json::Error> {
    Ok(serde_json::from_str::<RawQueries>(json)?.queries)
}

/// The cut-offs of [`Metrics::recall`] and [`Metrics::hit`].
pub const CUTOFFS: [usize; 4] = [1, 3, 5, 10];

/// Averages over queries.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    pub queries: usize,
    /// Share of a query's relevant tools in the first k, for each of [`CUTOFFS`].
    pub recall: [f64; 4],
    /// Share of queries with at least one relevant tool in the first k.
    pub hit: [f64; 4],
    /// Mean reciprocal rank of the first relevant tool (0 when none is returned).
    pub mrr: f64,
    /// Normalised discounted cumulative gain of the first 10, binary relevance.
    pub ndcg10: f64,
}

impl Metrics {
    /// Scores one query: `ranked` is the result list, best first.
    #[allow(clippy::cast_precision_loss)] // counts and ranks, far below 2^52
    pub fn add(&mut self, ranked: &[String], relevant: &[String]) {
        let is_relevant = |name: &String| relevant.contains(name);
        for (i, &k) in CUTOFFS.iter().enumerate() {
            let found = ranked.iter().take(k).filter(|n| is_relevant(n)).count();
            self.recall[i] += found as f64 / relevant.len().max(1) as f64;
            self.hit[i] += f64::from(u8::from(found > 0));
        }
        if let Some(rank) = ranked.iter().position(is_relevant) {
            self.mrr += 1.0 / (rank + 1) as f64;
        }
        let gain = |rank: usize| 1.0 / (rank as f64 + 2.0).log2();
        let dcg: f64 = ranked
            .iter()
            .take(10)
            .enumerate()
            .filter(|(_, n)| is_relevant(n))
            .map(|(r, _)| gain(r))
            .sum();
        let ideal: f64 = (0..relevant.len().min(10)).map(gain).sum();
        if ideal > 0.0 {
            self.ndcg10 += dcg / ideal;
        }
        self.queries += 1;
    }

    /// The averages (the sums divided by the number of queries).
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // a count of queries
    pub fn mean(&self) -> Metrics {
        let n = self.queries.max(1) as f64;
        Metrics {
            queries: self.queries,
            recall: self.recall.map(|r| r / n),
            hit: self.hit.map(|h| h / n),
            mrr: self.mrr / n,
            ndcg10: self.ndcg10 / n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }

    fn close(a: [f64; 4], b: [f64; 4]) -> bool {
        a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    #[test]
    fn measures_of_known_rankings() {
        let mut m = Metrics::default();
        // Relevant at ranks 2 and 4 of 2 relevant.
        m.add(&names(&["x", "a", "y", "b"]), &names(&["a", "b"]));
        let one = m.mean();
        assert!(close(one.recall, [0.0, 0.5, 1.0, 1.0]), "{one:?}");
        assert!(close(one.hit, [0.0, 1.0, 1.0, 1.0]), "{one:?}");
        assert!((one.mrr - 0.5).abs() < 1e-9);
        let dcg = 1.0 / 3f64.log2() + 1.0 / 5f64.log2();
        let ideal = 1.0 + 1.0 / 3f64.log2();
        assert!((one.ndcg10 - dcg / ideal).abs() < 1e-9);
        // A miss halves everything.
        m.add(&names(&["z"]), &names(&["a"]));
        let two = m.mean();
        assert_eq!(two.queries, 2);
        assert!((two.mrr - 0.25).abs() < 1e-9);
        assert!(close(two.hit, [0.0, 0.5, 0.5, 0.5]), "{two:?}");
    }

    #[test]
    fn the_corpus_gets_exposed_names() {
        let corpus =
            parse_corpus(r#"[{"server":"time","tools":[{"name":"now","inputSchema":{}}]}]"#)
                .unwrap();
        assert_eq!(corpus[0].tools[0]["name"], "time_now");
        let docs = corpus[0].docs();
        assert_eq!(docs[0].name, "time_now");
        assert_eq!(docs[0].original_name, "now");
        assert_eq!(docs[0].server, "time");
    }
}
