//! Configuration errors: each says what is wrong, where (file:line:column) and how to fix it.

use std::fmt;
use std::fmt::Write as _;
use std::path::PathBuf;

use super::locate::Position;

/// One located problem in a definition file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Diagnostic {
    pub file: PathBuf,
    pub position: Option<Position>,
    /// Where in the document, e.g. `vmcps.mytools.servers.time` (empty for the whole file).
    pub path: String,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        write!(f, ": ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum ConfigError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} does not exist\n  hint: create it (see the YAML reference in README.md) or pass --config FILE", path.display())]
    Missing { path: PathBuf },
    #[error("{}", render_all(.0))]
    Invalid(Vec<Diagnostic>),
    #[error("{}: no vMCP named `{name}`{}", file.display(), describe_available(available, suggestion.as_deref()))]
    UnknownVmcp {
        file: PathBuf,
        name: String,
        available: Vec<String>,
        suggestion: Option<String>,
    },
}

fn render_all(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (i, d) in diags.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&d.to_string());
    }
    if diags.len() > 1 {
        let _ = write!(out, "\n({} problems)", diags.len());
    }
    out
}

fn describe_available(available: &[String], suggestion: Option<&str>) -> String {
    let mut out = if available.is_empty() {
        "; the file defines no vMCPs\n  hint: add one under `vmcps:` (see README.md)".to_string()
    } else {
        format!("; defined: {}", available.join(", "))
    };
    if let Some(s) = suggestion {
        let _ = write!(out, "\n  hint: did you mean `{s}`?");
    }
    out
}

/// The closest candidate to `word` by edit distance, if it is plausibly a typo of it.
pub(crate) fn suggest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let limit = (word.chars().count() / 3).max(1) + 1;
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, c.to_string()))
        .map(|(_, c)| c.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(suggest("tool", ["tools", "prefix"]), Some("tools".into()));
        assert_eq!(
            suggest("exclude_tool", ["exclude_tools", "tools"]),
            Some("exclude_tools".into())
        );
        assert_eq!(suggest("zzz", ["tools", "prefix"]), None);
        assert_eq!(
            suggest("mytols", ["mytools", "other"]),
            Some("mytools".into())
        );
    }

    #[test]
    fn renders_location_path_and_hint() {
        let d = Diagnostic {
            file: "vmcp.yaml".into(),
            position: Some(Position { line: 3, column: 5 }),
            path: "servers.time".into(),
            message: "needs `command` or `url`".into(),
            hint: Some("add `command: ...`".into()),
        };
        assert_eq!(
            d.to_string(),
            "vmcp.yaml:3:5: servers.time: needs `command` or `url`\n  hint: add `command: ...`"
        );
    }
}
