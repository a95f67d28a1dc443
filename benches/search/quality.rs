//! Retrieval quality: vmcp's ranker, each of its choices taken out in turn, and plain BM25.

use vmcp::search::eval::{CorpusServer, LabelledQuery, Metrics};
use vmcp::search::{Bm25f, Bm25fConfig, SearchIndex};

/// The rows of the quality table: a name and a ranker configuration.
fn variants() -> Vec<(&'static str, Bm25fConfig)> {
    let tuned = Bm25fConfig::TUNED;
    let mut no_stem = tuned;
    no_stem.analyzer.stem = false;
    let mut no_split = tuned;
    no_split.analyzer.split_case = false;
    let mut no_compounds = tuned;
    no_compounds.analyzer.compounds = false;
    let mut stop = tuned;
    stop.analyzer.stop_words = true;
    let mut no_synonyms = tuned;
    no_synonyms.synonym_weight = 0.0;
    let mut no_weights = tuned;
    no_weights.weights = [1.0; 6];
    let mut one_field = tuned;
    one_field.single_field = true;
    vec![
        ("vmcp BM25F", tuned),
        ("  without stemming", no_stem),
        ("  without camelCase/digit splits", no_split),
        ("  without split words kept whole", no_compounds),
        ("  with stop words removed", stop),
        ("  without synonyms", no_synonyms),
        ("  without field weights", no_weights),
        ("  as one field", one_field),
        ("plain BM25 (baseline)", Bm25fConfig::PLAIN),
    ]
}

pub(crate) fn index_of(corpus: &[CorpusServer], config: Bm25fConfig) -> SearchIndex {
    let mut index = SearchIndex::new(Bm25f::new(config));
    for s in corpus {
        index.set_server(&s.server, &s.docs());
    }
    index
}

pub(crate) fn report(
    corpus: &[CorpusServer],
    queries: &[LabelledQuery],
    split: &str,
    misses: bool,
) {
    let splits: Vec<&str> = match split {
        "all" => vec!["dev", "test", "all"],
        one => vec![one],
    };
    println!(
        "\nRetrieval quality: {} tools, {} servers, {} queries ({} dev, {} test); targets: \
         R@5 >= 0.85, MRR >= 0.70",
        corpus.iter().map(|s| s.tools.len()).sum::<usize>(),
        corpus.len(),
        queries.len(),
        queries.iter().filter(|q| q.split == "dev").count(),
        queries.iter().filter(|q| q.split == "test").count(),
    );
    println!(
        "{:<34} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>6}",
        "ranker", "split", "R@1", "R@3", "R@5", "R@10", "Hit@5", "MRR", "nDCG10", "n"
    );
    for (name, config) in variants() {
        let index = index_of(corpus, config);
        for split in &splits {
            let mut m = Metrics::default();
            for q in queries
                .iter()
                .filter(|q| *split == "all" || q.split == *split)
            {
                let ranked: Vec<String> = index
                    .search(&q.query, 10)
                    .into_iter()
                    .map(|h| h.name)
                    .collect();
                m.add(&ranked, &q.relevant);
                if misses && name == "vmcp BM25F" {
                    let first = ranked.iter().position(|n| q.relevant.contains(n));
                    if first.is_none_or(|r| r >= 5) {
                        println!(
                            "  miss #{} {:?}: want {:?} (rank {:?}), got {:?}",
                            q.id,
                            q.query,
                            q.relevant,
                            first.map(|r| r + 1),
                            &ranked[..ranked.len().min(5)]
                        );
                    }
                }
            }
            let m = m.mean();
            println!(
                "{:<34} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>7.3} {:>6}",
                name,
                split,
                m.recall[0],
                m.recall[1],
                m.recall[2],
                m.recall[3],
                m.hit[2],
                m.mrr,
                m.ndcg10,
                m.queries
            );
        }
    }
}
