//! Printing results: aligned tables for humans, JSON for scripts (one document per command).
#![allow(clippy::print_stdout)]

use serde::Serialize;

/// Prints rows under headers, columns aligned, two spaces apart.
pub(super) fn table(headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        let last = cells.len().saturating_sub(1);
        let mut out = String::new();
        for (i, cell) in cells.into_iter().enumerate() {
            out.push_str(&cell);
            if i < last {
                let pad = widths[i] + 2 - cell.chars().count();
                out.push_str(&" ".repeat(pad));
            }
        }
        println!("{}", out.trim_end());
    };
    line(headers.iter().map(|h| (*h).to_string()).collect());
    for row in rows {
        line(row.clone());
    }
}

/// Prints a value as pretty JSON.
pub(super) fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Prints a value as YAML.
pub(super) fn yaml<T: Serialize>(value: &T) -> anyhow::Result<()> {
    print!("{}", serde_yaml::to_string(value)?);
    Ok(())
}

/// Prints text as is (it carries its own newlines).
pub(super) fn raw(text: &str) {
    print!("{text}");
}

/// Prints a line of human output.
pub(super) fn line(text: &str) {
    println!("{text}");
}

/// Prints a note on stderr (progress, warnings), keeping stdout for results.
pub(super) fn note(text: &str) {
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{text}");
    }
}

/// `a, b, c` or `-` when empty.
pub(super) fn list(items: &[String]) -> String {
    if items.is_empty() {
        "-".to_string()
    } else {
        items.join(", ")
    }
}
