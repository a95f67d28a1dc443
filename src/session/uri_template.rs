//! Just enough RFC 6570 to route a URI to the upstream whose resource template produced it:
//! literal parts must match in order; each `{…}` expression matches any run of characters.

use crate::config::glob::Glob;

/// Turns a URI template into a glob (`*` and `?` in the literal parts are matched literally by
/// mapping them to `?`, which is close enough for routing).
pub(crate) fn template_glob(template: &str) -> Glob {
    let mut out = String::with_capacity(template.len());
    let mut depth = 0usize;
    for c in template.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push('*');
                }
                depth += 1;
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            '*' | '?' => out.push('?'),
            other => out.push(other),
        }
    }
    Glob::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_expansions() {
        let cases = [
            ("test://{id}/data", "test://42/data", true),
            ("test://{id}/data", "test://42/other", false),
            ("file:///{+path}", "file:///a/b/c.txt", true),
            (
                "demo://resource/dynamic/text/{id}",
                "demo://resource/dynamic/text/7",
                true,
            ),
            ("search{?q,lang}", "search?q=x&lang=en", true),
            ("a://{x}", "b://1", false),
        ];
        for (template, uri, want) in cases {
            assert_eq!(
                template_glob(template).matches(uri),
                want,
                "{template} ~ {uri}"
            );
        }
    }
}
