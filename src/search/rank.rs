//! The ranking seam: an index keeps its documents in numbered slots and asks a [`Ranker`] to
//! score them. The lexical ranker ([`super::Bm25f`]) is the one vmcp has; a semantic one
//! (embeddings), or a fusion of both, would implement the same trait.

use super::tool::ToolDoc;

/// One ranking method with its own view of the documents, kept in step by the index.
pub trait Ranker {
    /// Takes in `tool` under `slot`, a slot not in use.
    fn add(&mut self, slot: u32, tool: &ToolDoc<'_>);
    /// Forgets the tools in `slots` (each in use); the slots may then be reused.
    fn remove(&mut self, slots: &[u32]);
    /// Scores the tools that match `query`, in no particular order, into `out` (cleared
    /// first). Tools that do not match at all may be left out; scores are positive and only
    /// compared with each other.
    fn score(&self, query: &str, out: &mut Vec<(u32, f32)>);
}
