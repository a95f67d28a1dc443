//! How vmcp shows a URL: without the parts where credentials go — user info
//! (`https://me:pw@host`), query (`?api_key=…`) and fragment — in messages, logs, `--json` and
//! dry runs alike, and reqwest's errors without theirs. The one place that decides it.

/// The text of an HTTP failure with its causes (`error sending request: client error (Connect):
/// tcp connect error: Connection refused`), without the URL reqwest puts in it: the URL may hold
/// credentials, and the text reaches logs and, as tool errors, the model.
pub(crate) fn error_text(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        let text = s.to_string();
        if !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        source = s.source();
    }
    msg
}

/// `https://me:pw@host:8443/mcp?api_key=s3cret#x` → `https://host:8443/mcp`. Works on text, so
/// it also cuts a URL as written in a definition (`https://${env:AUTH}@host/mcp?k=${env:K}`)
/// and never fails; text without `scheme://` only loses its query and fragment.
pub(crate) fn redacted(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let url = &url[..end];
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_query_and_fragment_are_cut() {
        let cases = [
            ("http://127.0.0.1:8080/mcp", "http://127.0.0.1:8080/mcp"),
            (
                "https://me:hunter2@example.com/mcp",
                "https://example.com/mcp",
            ),
            ("https://tok@example.com", "https://example.com"),
            (
                "https://example.com/mcp?api_key=abc&page=2#frag",
                "https://example.com/mcp",
            ),
            ("https://h/a@b/c?x=@", "https://h/a@b/c"),
            ("http://u:${env:P}@h:9/mcp?k=${env:K}", "http://h:9/mcp"),
            ("${env:URL}", "${env:URL}"),
            ("not a url?token=x", "not a url"),
            ("https://é@ü.example/ß?é", "https://ü.example/ß"),
            ("", ""),
        ];
        for (url, want) in cases {
            assert_eq!(redacted(url), want, "{url}");
        }
    }
}
