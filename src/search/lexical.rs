//! BM25F: Okapi BM25 over several fields of different worth (Robertson, Zaragoza and Taylor,
//! 2004). A term's frequency in each field is normalised by that field's length, weighted, and
//! summed before the usual saturation, so a word in the name outweighs the same word in a long
//! description without a match in several fields counting several times.
//!
//! The inverted index is updated in place: adding or removing a server's tools touches only
//! their own terms' posting lists.

use std::collections::HashMap;

use super::rank::Ranker;
use super::synonym::synonyms;
use super::tokenize::Analyzer;
use super::tool::{Field, ToolDoc};

const FIELDS: usize = Field::COUNT;

/// The knobs of the ranker. [`Bm25fConfig::TUNED`] is vmcp's; [`Bm25fConfig::PLAIN`] is the
/// single-field, unstemmed BM25 that stock full-text engines give, kept as the baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bm25fConfig {
    pub analyzer: Analyzer,
    /// Term-frequency saturation.
    pub k1: f32,
    /// Worth of one occurrence in each field, indexed by [`Field::index`].
    pub weights: [f32; FIELDS],
    /// Length normalisation of each field (0: none, 1: full).
    pub b: [f32; FIELDS],
    /// Weight of a query term's synonyms relative to the term (0: no synonyms).
    pub synonym_weight: f32,
    /// All text as one field (the baseline).
    pub single_field: bool,
}

impl Bm25fConfig {
    /// Chosen on the dev split of the benchmark's queries (a region, not a peak: neighbouring
    /// values score within 0.01).
    pub const TUNED: Bm25fConfig = Bm25fConfig {
        analyzer: Analyzer::TUNED,
        k1: 1.8,
        //         name title server desc pname ptext
        weights: [3.5, 2.5, 2.0, 1.2, 0.8, 0.5],
        b: [0.5, 0.5, 0.7, 0.8, 0.4, 0.8],
        synonym_weight: 0.4,
        single_field: false,
    };
    pub const PLAIN: Bm25fConfig = Bm25fConfig {
        analyzer: Analyzer::PLAIN,
        k1: 1.2,
        weights: [1.0; FIELDS],
        b: [0.75; FIELDS],
        synonym_weight: 0.0,
        single_field: true,
    };
}

/// One document's occurrences of one term, by field.
#[derive(Debug, Clone, Copy)]
struct Posting {
    slot: u32,
    tf: [u16; FIELDS],
}

#[derive(Debug)]
struct Term {
    /// Its key in the vocabulary (to forget it when its last posting goes).
    key: TermKey,
    postings: Vec<Posting>,
}

/// A vocabulary key. Words of up to 22 bytes (nearly all) live in the hash table itself, so a
/// lookup compares bytes in place instead of following a pointer to the heap: indexing does a
/// lookup per word, and that pointer chase was a third of its time.
#[derive(Debug, Clone)]
enum TermKey {
    Inline(u8, [u8; 22]),
    Heap(Box<[u8]>),
}

impl TermKey {
    fn new(text: &str) -> TermKey {
        let b = text.as_bytes();
        match u8::try_from(b.len()) {
            Ok(len) if b.len() <= 22 => {
                let mut bytes = [0; 22];
                bytes[..b.len()].copy_from_slice(b);
                TermKey::Inline(len, bytes)
            }
            _ => TermKey::Heap(b.into()),
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            TermKey::Inline(len, bytes) => &bytes[..usize::from(*len)],
            TermKey::Heap(b) => b,
        }
    }
}

// Hash and equality are those of the bytes, so that a `&[u8]` finds its key.
impl std::hash::Hash for TermKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bytes().hash(state);
    }
}

impl PartialEq for TermKey {
    fn eq(&self, other: &TermKey) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for TermKey {}

impl std::borrow::Borrow<[u8]> for TermKey {
    fn borrow(&self) -> &[u8] {
        self.bytes()
    }
}

/// The lexical ranker and its inverted index.
#[derive(Debug)]
pub struct Bm25f {
    config: Bm25fConfig,
    vocabulary: HashMap<TermKey, u32>,
    terms: Vec<Term>,
    free_terms: Vec<u32>,
    /// By slot: the distinct terms of the document (to unindex it) and its field lengths.
    doc_terms: Vec<Vec<u32>>,
    doc_lens: Vec<[u32; FIELDS]>,
    live: usize,
    total_lens: [u64; FIELDS],
    /// Buffers kept between `add`s.
    occurrences: Vec<u64>,
    word: String,
}

impl Default for Bm25f {
    fn default() -> Bm25f {
        Bm25f::new(Bm25fConfig::TUNED)
    }
}

impl Bm25f {
    pub fn new(config: Bm25fConfig) -> Bm25f {
        Bm25f {
            config,
            vocabulary: HashMap::new(),
            terms: Vec::new(),
            free_terms: Vec::new(),
            doc_terms: Vec::new(),
            doc_lens: Vec::new(),
            live: 0,
            total_lens: [0; FIELDS],
            occurrences: Vec::new(),
            word: String::new(),
        }
    }

    fn slot_of(&self, field: Field) -> usize {
        if self.config.single_field {
            0
        } else {
            field.index()
        }
    }

    fn intern(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.vocabulary.get(text.as_bytes()) {
            return id;
        }
        let key = TermKey::new(text);
        let term = Term {
            key: key.clone(),
            postings: Vec::new(),
        };
        let id = if let Some(id) = self.free_terms.pop() {
            self.terms[id as usize] = term;
            id
        } else {
            self.terms.push(term);
            u32::try_from(self.terms.len() - 1).unwrap_or(u32::MAX)
        };
        self.vocabulary.insert(key, id);
        id
    }

    /// The query's terms with their weights: each distinct term once at 1, then its synonyms
    /// that are not query terms themselves.
    fn query_terms(&self, query: &str) -> Vec<(u32, f32)> {
        let mut words: Vec<String> = Vec::new();
        self.config.analyzer.terms(query, |t| {
            if !words.iter().any(|w| w == t) {
                words.push(t.to_string());
            }
        });
        let mut out: Vec<(u32, f32)> = Vec::new();
        let mut add = |word: &str, weight: f32| {
            if let Some(&id) = self.vocabulary.get(word.as_bytes())
                && !out.iter().any(|&(t, _)| t == id)
            {
                out.push((id, weight));
            }
        };
        for w in &words {
            add(w, 1.0);
        }
        if self.config.synonym_weight > 0.0 {
            for w in &words {
                for s in synonyms(w) {
                    add(s, self.config.synonym_weight);
                }
            }
        }
        out
    }
}

impl Ranker for Bm25f {
    fn add(&mut self, slot: u32, tool: &ToolDoc<'_>) {
        let s = slot as usize;
        if self.doc_terms.len() <= s {
            self.doc_terms.resize_with(s + 1, Vec::new);
            self.doc_lens.resize(s + 1, [0; FIELDS]);
        }
        let analyzer = self.config.analyzer;
        // (term << 8 | field) for every occurrence, sorted to count them by term.
        let mut occurrences = std::mem::take(&mut self.occurrences);
        occurrences.clear();
        let mut word = std::mem::take(&mut self.word);
        let mut lens = [0u32; FIELDS];
        tool.for_each_text(|field, text| {
            let f = self.slot_of(field);
            analyzer.terms_with(text, &mut word, |t| {
                occurrences.push(u64::from(self.intern(t)) << 8 | f as u64);
                lens[f] += 1;
            });
        });
        occurrences.sort_unstable();
        let mut distinct = Vec::new();
        for run in occurrences.chunk_by(|a, b| a >> 8 == b >> 8) {
            let mut tf = [0u16; FIELDS];
            for &o in run {
                let f = (o & 0xff) as usize;
                tf[f] = tf[f].saturating_add(1);
            }
            let term = u32::try_from(run[0] >> 8).unwrap_or(u32::MAX);
            self.terms[term as usize]
                .postings
                .push(Posting { slot, tf });
            distinct.push(term);
        }
        self.occurrences = occurrences;
        self.word = word;
        for (total, len) in self.total_lens.iter_mut().zip(lens) {
            *total += u64::from(len);
        }
        self.doc_terms[s] = distinct;
        self.doc_lens[s] = lens;
        self.live += 1;
    }

    fn remove(&mut self, slots: &[u32]) {
        let mut gone = vec![false; self.doc_terms.len()];
        let mut touched = Vec::new();
        for &slot in slots {
            let s = slot as usize;
            gone[s] = true;
            touched.append(&mut self.doc_terms[s]);
            for (total, len) in self.total_lens.iter_mut().zip(self.doc_lens[s]) {
                *total -= u64::from(len);
            }
            self.doc_lens[s] = [0; FIELDS];
            self.live -= 1;
        }
        touched.sort_unstable();
        touched.dedup();
        for id in touched {
            let term = &mut self.terms[id as usize];
            term.postings.retain(|p| !gone[p.slot as usize]);
            if term.postings.is_empty() {
                self.vocabulary.remove(term.key.bytes());
                self.free_terms.push(id);
            }
        }
    }

    #[allow(clippy::cast_precision_loss)] // counts and lengths, far below 2^23
    fn score(&self, query: &str, out: &mut Vec<(u32, f32)>) {
        out.clear();
        if self.live == 0 {
            return;
        }
        let c = &self.config;
        let n = self.live as f32;
        let mut avg = [1f32; FIELDS];
        for (a, total) in avg.iter_mut().zip(self.total_lens) {
            if total > 0 {
                *a = total as f32 / n;
            }
        }
        let mut acc = vec![0f32; self.doc_lens.len()];
        for (id, weight) in self.query_terms(query) {
            let postings = &self.terms[id as usize].postings;
            let df = postings.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for p in postings {
                let lens = &self.doc_lens[p.slot as usize];
                let mut tf = 0f32;
                for f in 0..FIELDS {
                    if p.tf[f] > 0 {
                        let norm = 1.0 - c.b[f] + c.b[f] * lens[f] as f32 / avg[f];
                        tf += c.weights[f] * f32::from(p.tf[f]) / norm;
                    }
                }
                acc[p.slot as usize] += weight * idf * tf / (c.k1 + tf);
            }
        }
        out.extend(
            acc.iter()
                .enumerate()
                .filter(|(_, s)| **s > 0.0)
                .map(|(slot, s)| (u32::try_from(slot).unwrap_or(u32::MAX), *s)),
        );
    }
}
