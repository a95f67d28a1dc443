//! The user's editor: `$VISUAL`, else `$EDITOR`, else `vi`, run through the shell so values such
//! as `code --wait` work.

use std::path::Path;

use anyhow::{Context, bail};

use crate::app::definition::edit::Editor;

pub(super) struct SystemEditor;

impl Editor for SystemEditor {
    fn edit(&self, path: &Path) -> anyhow::Result<()> {
        let editor = std::env::var("VISUAL")
            .or_else(|_| std::env::var("EDITOR"))
            .unwrap_or_else(|_| "vi".to_string());
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("vmcp-editor")
            .arg(path)
            .status()
            .with_context(|| format!("cannot run the editor `{editor}`"))?;
        if !status.success() {
            bail!("the editor `{editor}` failed ({status}); nothing was changed");
        }
        Ok(())
    }
}
