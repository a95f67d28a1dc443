//! Tool search: finding, in a catalog too large to list, the tools that fit what an agent asks
//! for. Pure and synchronous (no I/O): the session feeds it each server's tools as they come
//! and change, and asks it queries.
//!
//! - [`ToolDoc`]: the text of one tool, read from its definition, by field.
//! - [`SearchIndex`]: tools by server, updated a server at a time, ranked by a [`Ranker`]
//!   ([`Bm25f`]: field-weighted BM25 over identifier-split, stemmed terms with synonyms).
//! - [`search_tools_description`], [`meta`]: the `search_tools` and `call_tool` meta-tools,
//!   the first described from the catalog; [`render_results`]: the text form of results.
//! - [`eval`]: the measures of `cargo bench --bench search`.

mod describe;
pub mod eval;
mod index;
mod lexical;
pub mod meta;
mod rank;
mod render;
mod stem;
mod stop_word;
mod synonym;
mod tokenize;
mod tool;

pub use describe::search_tools_description;
pub use index::{Hit, SearchIndex};
pub use lexical::{Bm25f, Bm25fConfig};
pub use rank::Ranker;
pub use render::render_results;
pub use tokenize::Analyzer;
pub use tool::{Field, ToolDoc};

#[cfg(test)]
mod tests;
