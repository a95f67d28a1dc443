//! What `search_tools` says about the catalog behind it. Agents skip a search tool whose
//! description is generic (ToolHive #4357), so the description names every server, its tool
//! count and the words that set it apart from the others, and tells when to search.
//!
//! Each server's words are gathered when its tools are indexed ([`Summary::of`]); the text is
//! put together from all summaries on demand, deterministically: an unchanged catalog gives
//! the same text, a changed one a different text (and the session announces `list_changed`).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::OnceLock;

use super::index::SearchIndex;
use super::rank::Ranker;
use super::render::first_sentence;
use super::stem::{stem, stemmed};
use super::tokenize::{Analyzer, is_cjk};
use super::tool::ToolDoc;

/// Words kept per server in its summary (more than shown, so the cross-server weighting can
/// pick among them).
const SUMMARY_WORDS: usize = 24;
/// How much of a description speaks for its tool (the rest is usage notes and examples).
const SENTENCE: usize = 200;
/// Words shown per server.
const SHOWN_WORDS: usize = 6;
/// Servers described word by word; beyond this, the rest are only named (keeps the
/// description within a few hundred tokens however large the catalog).
const DESCRIBED_SERVERS: usize = 40;

/// Words that say what a tool does to something, or how well, not what it is about: they
/// describe no server. Compared by stem, so each covers its inflections.
const GENERIC: &str = "\
    add allow analyze available base check comprehensive create current data default delete \
    detail different enhance fetch file find general get give given help id ideal include \
    info information list mcp multiple new one optional perform provide read remove result \
    retrieve return search server set show single specific specify support tool update \
    various write";

fn is_generic(stem: &str) -> bool {
    static STEMS: OnceLock<HashSet<String>> = OnceLock::new();
    STEMS
        .get_or_init(|| GENERIC.split_whitespace().map(stemmed).collect())
        .contains(stem)
}

/// Identifiers are split at camelCase humps (`getRecipes`); prose is not, so brand names stay
/// whole (`YouTube`, `PowerPoint`).
const NAME_WORDS: Analyzer = Analyzer {
    split_case: true,
    compounds: false,
    stem: false,
    stop_words: true,
};
const PROSE_WORDS: Analyzer = Analyzer {
    split_case: false,
    compounds: false,
    stem: false,
    stop_words: true,
};

/// One server's distinctive words, gathered from its tools' names, titles and the first
/// sentence of their descriptions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    tools: usize,
    /// (stem, the form shown, in how many tools it occurs), most frequent first.
    words: Vec<(String, String, usize)>,
}

impl Summary {
    pub(crate) fn of(tools: &[ToolDoc<'_>]) -> Summary {
        let mut server_words: Vec<String> = Vec::new();
        if let Some(t) = tools.first() {
            NAME_WORDS.terms(t.server, |w| server_words.push(stemmed(w)));
        }
        // Every candidate word as (stem, tool, form), the text in two buffers; sorted, then
        // counted by stem. (No hashing of words: no allocation per word, and no way for a
        // server's text to make it slow.)
        let (mut stems, mut forms) = (String::new(), String::new());
        let (mut word, mut stemmed_form) = (String::new(), String::new());
        let mut found: Vec<(Span, usize, Span)> = Vec::new();
        for (i, tool) in tools.iter().enumerate() {
            let mut take = |form: &str| {
                // CJK text is indexed (as bigrams) but not shown: the description is English.
                if form.len() < 3 || is_number(form) || form.chars().next().is_some_and(is_cjk) {
                    return;
                }
                let f = Span::push(&mut forms, form);
                stemmed_form.clear();
                stemmed_form.push_str(form);
                stem(&mut stemmed_form);
                found.push((Span::push(&mut stems, &stemmed_form), i, f));
            };
            NAME_WORDS.terms_with(tool.original_name, &mut word, &mut take);
            for title in tool.titles {
                PROSE_WORDS.terms_with(title, &mut word, &mut take);
            }
            let sentence = first_sentence(tool.description, SENTENCE);
            PROSE_WORDS.terms_with(sentence, &mut word, &mut take);
        }
        // By stem, then tool, then position: a group's first entry has the form shown.
        found.sort_by(|a, b| a.0.of(&stems).cmp(b.0.of(&stems)).then(a.1.cmp(&b.1)));
        let mut words: Vec<(String, String, usize)> = Vec::new();
        for group in found.chunk_by(|a, b| a.0.of(&stems) == b.0.of(&stems)) {
            let stem = group[0].0.of(&stems);
            if is_generic(stem) || server_words.iter().any(|w| w == stem) {
                continue;
            }
            let tools_using = 1 + group.windows(2).filter(|w| w[0].1 != w[1].1).count();
            words.push((
                stem.to_string(),
                group[0].2.of(&forms).to_string(),
                tools_using,
            ));
        }
        words.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        words.truncate(SUMMARY_WORDS);
        Summary {
            tools: tools.len(),
            words,
        }
    }
}

/// A piece of a text buffer.
#[derive(Debug, Clone, Copy)]
struct Span(u32, u32);

impl Span {
    /// Appends `text` to `buf` and returns where it is.
    fn push(buf: &mut String, text: &str) -> Span {
        let start = buf.len();
        buf.push_str(text);
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span(at(start), at(buf.len()))
    }

    fn of(self, buf: &str) -> &str {
        buf.get(self.0 as usize..self.1 as usize).unwrap_or("")
    }
}

/// The description of `search_tools` for the catalog in `index`.
#[allow(clippy::cast_precision_loss)] // counts of tools and servers
pub fn search_tools_description<R: Ranker>(index: &SearchIndex<R>) -> String {
    let summaries: Vec<(&str, &Summary)> = index.summaries().collect();
    let total: usize = summaries.iter().map(|(_, s)| s.tools).sum();
    // In how many servers each stem is among the summary words: a word every server has
    // describes none of them.
    let mut spread: HashMap<&str, usize> = HashMap::new();
    for (_, s) in &summaries {
        for (stem, _, _) in &s.words {
            *spread.entry(stem.as_str()).or_default() += 1;
        }
    }
    let servers = summaries.len();
    let mut text = format!(
        "Finds tools by what they do. {total} tools from {servers} server{} are not in your tool \
         list and can only be found here: search whenever you need a capability you do not see, \
         before saying something cannot be done, then call the tool with `call_tool`. Query \
         with a few words about the task (for example \"convert docx to pdf\"). The servers:",
        if servers == 1 { "" } else { "s" }
    );
    for (name, s) in summaries.iter().take(DESCRIBED_SERVERS) {
        let mut ranked: Vec<(f32, &str)> = s
            .words
            .iter()
            .map(|(stem, shown, count)| {
                let idf = (1.0 + servers as f32 / spread[stem.as_str()] as f32).ln();
                (*count as f32 * idf, shown.as_str())
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let words: Vec<&str> = ranked.iter().take(SHOWN_WORDS).map(|r| r.1).collect();
        let tools = if s.tools == 1 { "tool" } else { "tools" };
        let _ = write!(text, "\n- {name} ({} {tools})", s.tools);
        if !words.is_empty() {
            let _ = write!(text, ": {}", words.join(", "));
        }
    }
    if servers > DESCRIBED_SERVERS {
        let rest: Vec<&str> = summaries[DESCRIBED_SERVERS..]
            .iter()
            .map(|(n, _)| *n)
            .collect();
        let _ = write!(text, "\n- and {} more: {}", rest.len(), rest.join(", "));
    }
    text
}

fn is_number(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
}
