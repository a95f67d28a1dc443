//! The YAML model of servers and vMCPs, and its validation. Pure: the only input is text; files
//! are read by `app`, environment lookups are passed in as functions.

pub(crate) mod args_validate;
pub(crate) mod auth;
pub(crate) mod custom;
pub(crate) mod custom_validate;
pub(crate) mod duration;
pub(crate) mod encoding;
pub(crate) mod error;
pub(crate) mod glob;
pub(crate) mod interpolate;
pub(crate) mod limits;
pub(crate) mod locate;
pub(crate) mod model;
pub(crate) mod names;
pub(crate) mod tool_search;
pub(crate) mod validate;
mod yaml_events;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub(crate) use auth::{AuthConfig, OAuthSettings};
pub(crate) use error::{ConfigError, Diagnostic};
pub(crate) use locate::Seg;
// What the benchmark builds a store from (`benches/proxy/store.rs`): the crate's API.
pub use model::{
    ArgOverride, ArgRule, Scalar, Scope, Selection, Selections, ServerConfig, ServerOrigin,
    TrustMode, VmcpConfig,
};
pub(crate) use model::{ConfigFile, ProtocolChoice, Toggle, TransportType};
// `VmcpConfig::tool_search` is of these types.
pub use tool_search::{SearchMode, ToolSearchConfig};
pub(crate) use validate::Issue;

use locate::Locator;

/// A parsed and validated definition file, able to locate later errors in its text.
#[derive(Debug)]
pub(crate) struct Document {
    pub path: PathBuf,
    pub text: String,
    pub file: ConfigFile,
    locator: OnceLock<Locator>,
}

impl Document {
    /// Parses and validates `text` (read from `path`, used in messages).
    pub(crate) fn parse(path: &Path, text: &str) -> Result<Document, ConfigError> {
        Document::parse_with(path, text, validate::validate_file)
    }

    /// Parses `text`, then runs `validate` (for fragments whose references live elsewhere,
    /// such as a vMCP edited apart from the servers in the store).
    pub(crate) fn parse_with(
        path: &Path,
        text: &str,
        validate: impl FnOnce(&ConfigFile) -> Vec<Issue>,
    ) -> Result<Document, ConfigError> {
        let file = parse_text(path, text)?;
        // serde_yaml keeps the last of two entries with one name in a map (two servers called
        // `up`): the first would vanish without a word.
        let locator = Locator::new(text);
        if let Some((at, again, first)) = locator.first_repeat() {
            let key = match at.last() {
                Some(locate::Seg::Key(k)) => k.as_str(),
                _ => "",
            };
            return Err(ConfigError::Invalid(vec![Diagnostic {
                file: path.to_path_buf(),
                position: Some(again),
                path: locate::render_path(at),
                message: format!(
                    "`{key}` is written twice in the same mapping (first at line {}, column {})",
                    first.line, first.column
                ),
                hint: Some("keep one of them, or give the other a name of its own".into()),
            }]));
        }
        let doc = Document {
            path: path.to_path_buf(),
            text: text.to_string(),
            file,
            locator: OnceLock::from(locator),
        };
        let issues = validate(&doc.file);
        if issues.is_empty() {
            Ok(doc)
        } else {
            Err(doc.invalid(&issues))
        }
    }

    /// Turns issues into a located error.
    pub(crate) fn invalid(&self, issues: &[Issue]) -> ConfigError {
        ConfigError::Invalid(issues.iter().map(|i| self.diagnostic(i)).collect())
    }

    pub(crate) fn diagnostic(&self, issue: &Issue) -> Diagnostic {
        let loc = self.locator.get_or_init(|| Locator::new(&self.text));
        let position = if issue.at_key {
            loc.key(&issue.path)
        } else {
            loc.value(&issue.path)
        };
        Diagnostic {
            file: self.path.clone(),
            position,
            path: locate::render_path(&issue.path),
            message: issue.message.clone(),
            hint: issue.hint.clone(),
        }
    }

    /// The vMCP named `name`, or an error listing the defined ones.
    pub(crate) fn vmcp(&self, name: &str) -> Result<&VmcpConfig, ConfigError> {
        self.file
            .vmcps
            .get(name)
            .ok_or_else(|| ConfigError::UnknownVmcp {
                file: self.path.clone(),
                name: name.to_string(),
                available: self.file.vmcps.keys().cloned().collect(),
                suggestion: error::suggest(name, self.file.vmcps.keys().map(String::as_str)),
            })
    }
}

/// Deserializes the file, turning serde_yaml errors into located diagnostics with hints.
fn parse_text(path: &Path, text: &str) -> Result<ConfigFile, ConfigError> {
    if text.trim().is_empty() {
        return Ok(ConfigFile::default());
    }
    encoding::check_characters(path, text)?;
    limits::check(text).map_err(|r| {
        ConfigError::Invalid(vec![Diagnostic {
            file: path.to_path_buf(),
            position: Some(r.position),
            path: String::new(),
            message: r.message,
            hint: Some(r.hint),
        }])
    })?;
    serde_yaml::from_str::<ConfigFile>(text).map_err(|e| {
        let full = e.to_string();
        let (position, message) = match e.location() {
            Some(l) => (
                Some(locate::within(
                    text,
                    locate::Position {
                        line: l.line(),
                        column: l.column(),
                    },
                )),
                // Said in front instead; a syntax error's context ("while parsing a block
                // mapping at line 1 column 1") keeps its own.
                full.replacen(
                    &format!(" at line {} column {}", l.line(), l.column()),
                    "",
                    1,
                ),
            ),
            None => (None, strip_location(&full).to_string()),
        };
        let (path_part, message) = split_path(&message);
        let position = match (position, repeated_key(&message)) {
            (Some(at), Some(key)) => Locator::new(text).repeated_key(at, key).or(Some(at)),
            (at, _) => at,
        };
        let hint = unknown_field_hint(&message);
        ConfigError::Invalid(vec![Diagnostic {
            file: path.to_path_buf(),
            position,
            path: path_part,
            message,
            hint,
        }])
    })
}

/// serde_yaml appends " at line L column C"; we print the position in front instead.
fn strip_location(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains(" column ") => &msg[..i],
        _ => msg,
    }
}

/// serde_yaml prefixes messages with the path (`vmcps.x.servers: …`); split it off.
fn split_path(msg: &str) -> (String, String) {
    match msg.split_once(": ") {
        Some((p, rest)) if !p.contains(' ') && !p.is_empty() => (p.to_string(), rest.to_string()),
        _ => (String::new(), msg.to_string()),
    }
}

/// The key a "duplicate field `k`" or "duplicate entry with key \"k\"" error names.
fn repeated_key(msg: &str) -> Option<&str> {
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        return rest.split_once('`').map(|(k, _)| k);
    }
    let rest = msg.strip_prefix("duplicate entry with key \"")?;
    rest.split_once('"').map(|(k, _)| k)
}

/// For "unknown field `x`, expected one of `a`, `b`": suggest the closest expected field.
fn unknown_field_hint(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    match error::suggest(field, expected.iter().copied()) {
        Some(s) => Some(format!("did you mean `{s}`?")),
        None => Some(format!("allowed keys here: {}", expected.join(", "))),
    }
}

#[cfg(test)]
#[path = "mod_tests.rs"]
mod tests;

#[cfg(test)]
pub(crate) mod fuzz_tests;
