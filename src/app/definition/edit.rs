//! Editing a stored definition in the user's editor: the YAML goes to a temporary file, the
//! editor runs, and the result is saved only if it parses and validates. A failed edit is kept
//! on disk so nothing typed is lost.

use std::path::{Path, PathBuf};

use crate::config::{ConfigError, ConfigFile, Document, Issue};

/// Opens a file for the user to change (the CLI runs `$VISUAL`/`$EDITOR`).
pub(crate) trait Editor {
    fn edit(&self, path: &Path) -> anyhow::Result<()>;
}

/// An edit that did not validate; the text is kept at `kept`.
#[derive(Debug, thiserror::Error)]
#[error("{source}\n  hint: your edit is kept in {}; fix it and run the command again to retry", kept.display())]
pub(crate) struct EditRejected {
    #[source]
    pub source: ConfigError,
    pub kept: PathBuf,
}

const HEADER: &str = "# Save and close the editor to apply. Invalid YAML is not saved.\n";

/// Lets the user edit `file`; returns the validated result, or `None` when nothing changed.
/// `validate` checks what plain parsing cannot (references, one item only…).
pub(crate) fn edit_yaml(
    editor: &dyn Editor,
    file: &ConfigFile,
    stem: &str,
    validate: impl FnOnce(&ConfigFile) -> Vec<Issue>,
) -> anyhow::Result<Option<ConfigFile>> {
    let text = format!("{HEADER}{}", serde_yaml::to_string(file)?);
    let path = std::env::temp_dir().join(format!("vmcp-edit-{stem}-{}.yaml", std::process::id()));
    std::fs::write(&path, &text)?;
    editor.edit(&path)?;
    let edited = match crate::config::encoding::text(&path, std::fs::read(&path)?) {
        Ok(text) => text,
        Err(source) => return Err(EditRejected { source, kept: path }.into()),
    };
    if edited == text {
        let _ = std::fs::remove_file(&path);
        return Ok(None);
    }
    match Document::parse_with(&path, &edited, |f| {
        let mut issues: Vec<Issue> = f
            .servers
            .iter()
            .flat_map(|(n, s)| crate::config::validate::validate_server(n, s))
            .collect();
        issues.extend(validate(f));
        issues
    }) {
        Ok(doc) => {
            let _ = std::fs::remove_file(&path);
            Ok(Some(doc.file))
        }
        Err(source) => Err(EditRejected { source, kept: path }.into()),
    }
}
