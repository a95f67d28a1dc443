//! Printing results: aligned tables for humans, JSON for scripts (one document per command).
//! The bytes go out through [`super::output`].

use serde::Serialize;

use super::output;

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
        let mut out = out.trim_end().to_string();
        out.push('\n');
        output::stdout(out.as_bytes());
    };
    line(headers.iter().map(|h| (*h).to_string()).collect());
    for row in rows {
        line(row.clone());
    }
}

/// Prints a value as pretty JSON.
pub(super) fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    output::stdout(text.as_bytes());
    Ok(())
}

/// Prints a value as YAML.
pub(super) fn yaml<T: Serialize>(value: &T) -> anyhow::Result<()> {
    output::stdout(serde_yaml::to_string(value)?.as_bytes());
    Ok(())
}

/// Prints text as is (it carries its own newlines).
pub(super) fn raw(text: &str) {
    output::stdout(text.as_bytes());
}

/// Prints a line of human output.
pub(super) fn line(text: &str) {
    output::stdout(format!("{text}\n").as_bytes());
}

/// Prints a note on stderr (progress, warnings), keeping stdout for results.
pub(super) fn note(text: &str) {
    output::stderr(format!("{text}\n").as_bytes());
}

/// `a, b, c` or `-` when empty.
pub(super) fn list(items: &[String]) -> String {
    if items.is_empty() {
        "-".to_string()
    } else {
        items.join(", ")
    }
}

/// `2026-11-22 03:40:12Z` for microseconds since the Unix epoch.
pub(super) fn utc_time(at_us: u64) -> String {
    let secs = at_us / 1_000_000;
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm), UTC.
    let z = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}
