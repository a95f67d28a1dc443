//! Custom tools, prompts and resources of one vMCP, compiled from its definition and executed
//! on request. Knows nothing of sessions: calls to other tools go through a [`Host`].
//!
//! - `set.rs`: [`CustomSet`], everything custom of one vMCP; runs calls under their timeouts
//!   and makes the calls templates make: to its own items (server `vmcp`, with a depth limit)
//!   here, to every other server through the host.
//! - `tool.rs`: a tool and what calling it does, by kind: `prompt` (a template rendered into a
//!   text result), `command` (`command.rs`: a program run with rendered arguments), `python`
//!   (`python.rs`: a `main` function run by the interpreter, its parameters read from its
//!   signature by `signature.rs`), `http` (`http.rs`: one request built from templates) and
//!   `composite` (`composite.rs`: steps calling other tools). A kind depends only on the nouns
//!   below it:
//!   - `compiler.rs`: the compiler its templates are compiled with (located issues);
//!   - `render.rs`: the renderer its templates are rendered with for one call, and where the
//!     calls they make go;
//!   - `program.rs`: the program a `command` or `python` tool runs, and running it;
//!   - `results.rs`: the results a tool returns and what a template sees of one;
//!   - `values.rs`: JSON trees of templates, values placed in URLs; `secrets.rs`: what is never
//!     shown.
//! - Prompts are a template rendered into one user message; resources (`resource.rs`) are
//!   `text` or a `file`; `listing.rs` shows all three as MCP list entries.
//! - `template.rs` is the sandboxed engine; `mention.rs` translates `@tool.server.name(…)`
//!   mentions into template calls; `stray.rs`, `instructions.rs` and `params.rs` check and
//!   shape what definitions hold; `dry.rs` renders a tool without running it.

mod command;
mod compiler;
mod composite;
mod dry;
mod error;
mod host;
mod http;
pub(crate) mod instructions;
mod listing;
mod mention;
mod params;
mod program;
mod python;
mod render;
mod resource;
mod results;
mod secrets;
mod set;
mod signature;
mod stray;
mod template;
mod tool;
mod values;

pub(crate) use error::CustomError;
pub(crate) use host::Host;
pub(crate) use set::CustomSet;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use crate::config::{Issue, VmcpConfig};

/// The server name templates use for the vMCP's own custom tools, prompts and resources.
pub(crate) const SELF_SERVER: &str = "vmcp";
/// How deep custom items may call each other through `@tool.vmcp…`.
pub(crate) const MAX_DEPTH: usize = 4;
/// A custom tool or prompt without its own `timeout` may take this long, inner calls included.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);
/// The default `timeout` of `command` and `python` tools.
pub(crate) const DEFAULT_PROCESS_TIMEOUT: Duration = Duration::from_secs(60);
/// Largest `file:` resource served.
pub(crate) const MAX_RESOURCE_FILE: u64 = 8 * 1024 * 1024;

/// Every template of vMCP `vmcp` (tools, prompts, instructions) compiled and dropped: the issues
/// `vmcp import` refuses a definition for, so nothing is stored that no command could open.
/// `${env:…}` config values are not expanded (they may be set only where the vMCP runs).
pub(crate) fn template_issues(vmcp: &str, cfg: &VmcpConfig, base_dir: &Path) -> Vec<Issue> {
    let mut issues = CustomSet::compile(vmcp, cfg, BTreeMap::new(), base_dir)
        .err()
        .unwrap_or_default();
    if let Some(text) = &cfg.instructions
        && instructions::is_template(text)
        && let Err(message) = instructions::check(text)
    {
        issues.push(instructions::issue(vmcp, &message));
    }
    issues
}

#[cfg(test)]
#[path = "custom_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "kinds_tests.rs"]
mod kinds_tests;

#[cfg(test)]
mod fuzz_tests;
