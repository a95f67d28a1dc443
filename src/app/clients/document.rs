//! A client's configuration file, read for its MCP servers and edited in place: JSON (with
//! comments where the client accepts them: VS Code, Zed, Gemini CLI) through a concrete syntax
//! tree, Codex's TOML through `toml_edit`. An edit changes only the entry it is about, so the user's comments,
//! order and formatting survive; a file that does not parse is refused with its line and column,
//! and never rewritten.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{Client, Format};
use crate::app::InvalidInput;

/// A parsed client configuration file (empty when it does not exist yet).
pub(crate) struct Document {
    client: Client,
    path: PathBuf,
    /// The text as read ("" for a new file).
    pub text: String,
    tree: Tree,
}

enum Tree {
    Json(jsonc_parser::cst::CstRootNode),
    Toml(toml_edit::DocumentMut),
}

impl Document {
    /// Reads `path` (a missing file is an empty document).
    pub(crate) fn read(client: Client, path: &Path) -> Result<Document, InvalidInput> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(InvalidInput(format!("cannot read {}: {e}", path.display()))),
        };
        Document::parse(client, path, text)
    }

    pub(crate) fn parse(
        client: Client,
        path: &Path,
        text: String,
    ) -> Result<Document, InvalidInput> {
        let tree = match client.format() {
            Format::Json => Tree::Json(super::jsonc::parse(path, &text, false)?),
            Format::Jsonc => Tree::Json(super::jsonc::parse(path, &text, true)?),
            Format::Toml => Tree::Toml(super::toml::parse(path, &text)?),
        };
        Ok(Document {
            client,
            path: path.to_path_buf(),
            text,
            tree,
        })
    }

    /// The whole file as JSON (TOML tables become objects).
    pub(crate) fn value(&self) -> Value {
        match &self.tree {
            Tree::Json(root) => super::jsonc::value(root),
            Tree::Toml(doc) => super::toml::value(doc),
        }
    }

    /// The client's MCP server entries, by key (none when the file has no server map).
    pub(crate) fn servers(&self) -> Result<Map<String, Value>, InvalidInput> {
        let key = self.client.servers_key();
        match self.value().get(key) {
            None | Some(Value::Null) => Ok(Map::new()),
            Some(Value::Object(m)) => Ok(m.clone()),
            Some(_) => Err(InvalidInput(format!(
                "`{key}` in {} is not {}",
                self.path.display(),
                match self.client.format() {
                    Format::Json | Format::Jsonc => "an object",
                    Format::Toml => "a table",
                }
            ))),
        }
    }

    /// Sets the server entry `key` (added at the end of the server map, or replaced in place).
    pub(crate) fn set(&mut self, key: &str, entry: &Value) -> Result<(), InvalidInput> {
        self.servers()?;
        let servers_key = self.client.servers_key();
        match &mut self.tree {
            Tree::Json(root) => super::jsonc::set(root, servers_key, key, entry),
            Tree::Toml(doc) => super::toml::set(doc, servers_key, key, entry),
        }
        Ok(())
    }

    /// Removes the server entry `key`, if there is one.
    pub(crate) fn remove(&mut self, key: &str) -> Result<(), InvalidInput> {
        self.servers()?;
        let servers_key = self.client.servers_key();
        match &mut self.tree {
            Tree::Json(root) => super::jsonc::remove(root, servers_key, key),
            Tree::Toml(doc) => super::toml::remove(doc, servers_key, key),
        }
        Ok(())
    }

    /// The file's text after the edits.
    pub(crate) fn render(&self) -> String {
        let mut text = match &self.tree {
            Tree::Json(root) => root.to_string(),
            Tree::Toml(doc) => doc.to_string(),
        };
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text
    }
}

/// `path:line:column: message`, for a file that does not parse; `offset` is a byte offset into
/// `text`.
pub(super) fn unparsable(path: &Path, text: &str, offset: usize, message: &str) -> InvalidInput {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before, |i| &before[i + 1..])
        .chars()
        .count()
        + 1;
    InvalidInput(format!("{}:{line}:{column}: {message}", path.display()))
}
