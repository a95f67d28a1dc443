//! `${env:VAR}` expansion in values that reach the upstream (command, args, env, cwd, url,
//! headers), so secrets can stay out of the file. `${env:VAR:-default}` supplies a fallback and
//! `$$` writes a literal `$`.

/// Expands every `${env:…}` in `text`; `lookup` reads the environment.
pub(crate) fn expand(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<String, String> {
    if !text.contains('$') {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(stripped) = after.strip_prefix('$') {
            out.push('$');
            rest = stripped;
        } else if let Some(body) = after.strip_prefix('{') {
            let end = body
                .find('}')
                .ok_or_else(|| format!("unclosed `${{` in `{text}`"))?;
            out.push_str(&expand_one(&body[..end], lookup)?);
            rest = &body[end + 1..];
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn expand_one(inner: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    let Some(spec) = inner.strip_prefix("env:") else {
        return Err(format!(
            "unsupported placeholder `${{{inner}}}`: only `${{env:VAR}}` is expanded (write `$${{` for a literal `${{`)"
        ));
    };
    let (name, default) = match spec.split_once(":-") {
        Some((n, d)) => (n, Some(d)),
        None => (spec, None),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "invalid environment variable name `{name}` in `${{{inner}}}`"
        ));
    }
    match (lookup(name), default) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d.to_string()),
        (None, None) => Err(format!(
            "environment variable `{name}` is not set (set it, or write `${{env:{name}:-default}}`)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "TOKEN" => Some("s3cret".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn expands() {
        let cases = [
            ("plain", "plain"),
            ("Bearer ${env:TOKEN}", "Bearer s3cret"),
            ("${env:TOKEN}${env:TOKEN}", "s3crets3cret"),
            ("${env:MISSING:-fallback}", "fallback"),
            ("${env:EMPTY:-x}", ""),
            ("cost $5", "cost $5"),
            ("$${env:TOKEN}", "${env:TOKEN}"),
            ("a$$b", "a$b"),
        ];
        for (input, want) in cases {
            assert_eq!(expand(input, &env).as_deref(), Ok(want), "{input}");
        }
    }

    #[test]
    fn errors_say_what_to_do() {
        let e = expand("${env:MISSING}", &env).unwrap_err();
        assert!(e.contains("`MISSING` is not set"), "{e}");
        let e = expand("${HOME}", &env).unwrap_err();
        assert!(e.contains("only `${env:VAR}`"), "{e}");
        let e = expand("${env:TOKEN", &env).unwrap_err();
        assert!(e.contains("unclosed"), "{e}");
    }
}
