//! Rules for the names users choose: servers, vMCPs, prefixes and exposed tool names.

/// Longest server or vMCP name.
pub(crate) const MAX_NAME_LEN: usize = 64;
/// Longest exposed tool/prompt name (many clients and model APIs reject longer ones).
pub(crate) const MAX_EXPOSED_LEN: usize = 64;

/// Checks a server or vMCP name: letters, digits, `_`, `-` and `.`, starting with a letter or digit.
pub(crate) fn check_name(kind: &str, name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err(format!("{kind} name is empty"));
    }
    if name.len() > MAX_NAME_LEN {
        return Err(format!(
            "{kind} name `{name}` is longer than {MAX_NAME_LEN} characters"
        ));
    }
    let first_ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let bad = name.chars().find(|c| !is_name_char(*c));
    match (first_ok, bad) {
        (true, None) => Ok(()),
        (_, Some(c)) => Err(format!(
            "{kind} name `{name}` contains `{c}`: use letters, digits, `_`, `-` and `.`"
        )),
        (false, None) => Err(format!(
            "{kind} name `{name}` must start with a letter or digit"
        )),
    }
}

/// True for characters allowed in server and vMCP names.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// The valid server or vMCP name nearest to `raw`, a name another tool allowed (`My Server` →
/// `My-Server`): other characters become `-`, what cannot start a name is dropped, the rest is cut
/// to [`MAX_NAME_LEN`]; `server` when nothing is left. Always passes [`check_name`].
pub(crate) fn sanitize_name(raw: &str) -> String {
    let mut out: String = raw
        .trim()
        .chars()
        .map(|c| if is_name_char(c) { c } else { '-' })
        .collect();
    while out.starts_with(|c: char| !c.is_ascii_alphanumeric()) {
        out.remove(0);
    }
    // Only ASCII is left, so the cut falls between characters.
    out.truncate(MAX_NAME_LEN);
    if out.is_empty() {
        "server".to_string()
    } else {
        out
    }
}

/// True for characters allowed in exposed names.
pub(crate) fn is_exposed_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Checks a name the user chose for a tool (a `rename` target): it is used verbatim.
pub(crate) fn check_exposed(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the new name is empty".into());
    }
    if name.len() > MAX_EXPOSED_LEN {
        return Err(format!(
            "`{name}` is longer than {MAX_EXPOSED_LEN} characters"
        ));
    }
    match name.chars().find(|c| !is_exposed_char(*c)) {
        None => Ok(()),
        Some(c) => Err(format!(
            "`{name}` contains `{c}`: exposed names use letters, digits, `_` and `-`"
        )),
    }
}

/// Checks a prefix: may be empty (no prefix), otherwise like an exposed name.
pub(crate) fn check_prefix(prefix: &str) -> Result<(), String> {
    if prefix.is_empty() {
        return Ok(());
    }
    if prefix.len() > 32 {
        return Err(format!("prefix `{prefix}` is longer than 32 characters"));
    }
    match prefix.chars().find(|c| !is_exposed_char(*c)) {
        None => Ok(()),
        Some(c) => Err(format!(
            "prefix `{prefix}` contains `{c}`: use letters, digits, `_` and `-`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["time", "brave-search", "a.b_c-9", "X"] {
            assert!(check_name("server", ok).is_ok(), "{ok}");
        }
        for bad in ["", "-x", "my server", "a/b", &"x".repeat(65)] {
            assert!(check_name("server", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_are_made_valid() {
        assert_eq!(sanitize_name("My Server"), "My-Server");
        assert_eq!(sanitize_name("github.com/foo"), "github.com-foo");
        assert_eq!(sanitize_name("  _x"), "x");
        assert_eq!(sanitize_name("!!!"), "server");
        for raw in ["", "é", "-.-", "a b\tc", &"ü".repeat(70), &"x".repeat(70)] {
            let name = sanitize_name(raw);
            assert!(check_name("server", &name).is_ok(), "{raw:?} → {name:?}");
        }
    }

    #[test]
    fn exposed_and_prefix() {
        assert!(check_exposed("say").is_ok());
        assert!(check_exposed("a.b").is_err());
        assert!(check_exposed("").is_err());
        assert!(check_prefix("").is_ok());
        assert!(check_prefix("ev").is_ok());
        assert!(check_prefix("e v").is_err());
    }
}
