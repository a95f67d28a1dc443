//! The commands that review and approve one server, as hints print them. Pasted as printed, a
//! hint acts on the very server it is about: one defined in a definition file is named with
//! `--config FILE` (`server test`, `server approve` and `trust diff` then read that file), and
//! every word is quoted for a shell (tool names come from the server and may hold anything).

use std::path::PathBuf;

use crate::support::shell::quote;

/// One server as commands name it.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ServerRef {
    pub name: String,
    /// The definition file that defines it; `None`: the store.
    pub file: Option<PathBuf>,
}

impl ServerRef {
    /// `vmcp VERB NAME [--config FILE] [ARGS…]`.
    pub(crate) fn command(&self, verb: &str, args: &[&str]) -> String {
        let mut out = format!("vmcp {verb} {}", quote(&self.name));
        if let Some(file) = &self.file {
            out.push_str(" --config ");
            out.push_str(&quote(&file.to_string_lossy()));
        }
        for a in args {
            out.push(' ');
            out.push_str(&quote(a));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_server_is_named_with_its_file_and_every_word_is_quoted() {
        let stored = ServerRef {
            name: "time".into(),
            file: None,
        };
        assert_eq!(
            stored.command("server approve", &[]),
            "vmcp server approve time"
        );
        let filed = ServerRef {
            name: "time".into(),
            file: Some("/home/me/my tools.yaml".into()),
        };
        assert_eq!(
            filed.command("server approve", &["--tool", "get it"]),
            "vmcp server approve time --config '/home/me/my tools.yaml' --tool 'get it'"
        );
    }
}
