//! Hiding credentials in what vmcp shows: env and header values that look like secrets are
//! replaced, and URLs lose their user info and query ([`crate::support::url::redacted`]),
//! unless the user asks to see them. `${env:VAR}` references are not secrets (the value lives in
//! the environment) and are always shown.

use crate::config::{Scalar, ServerConfig};

/// What a hidden value is shown as.
pub(crate) const REDACTED: &str = "<redacted>";

const SECRET_WORDS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "apikey",
    "api_key",
    "api-key",
    "auth",
    "credential",
    "cookie",
    "session",
    "private",
];

const SECRET_PREFIXES: &[&str] = &[
    "bearer ",
    "basic ",
    "sk-",
    "ghp_",
    "gho_",
    "github_pat_",
    "xox",
    "glpat-",
    "akia",
];

/// Whether `key = value` looks like it carries a credential.
pub(crate) fn looks_secret(key: &str, value: &str) -> bool {
    if value.contains("${env:") || value.is_empty() {
        return false;
    }
    let k = key.to_ascii_lowercase();
    if SECRET_WORDS.iter().any(|w| k.contains(w)) {
        return true;
    }
    let v = value.to_ascii_lowercase();
    if SECRET_PREFIXES.iter().any(|p| v.starts_with(p)) {
        return true;
    }
    // Long unbroken tokens mixing letters and digits (keys, JWTs) rather than words or paths.
    value.len() >= 24
        && !value.contains(' ')
        && !value.contains('/')
        && value.chars().any(|c| c.is_ascii_digit())
        && value.chars().any(|c| c.is_ascii_alphabetic())
}

/// A copy of `server` with secret-looking env and header values hidden, and its URL shown as
/// everywhere else.
pub(crate) fn server(server: &ServerConfig) -> ServerConfig {
    let mut s = server.clone();
    if let Some(url) = &mut s.url {
        *url = crate::support::url::redacted(url);
    }
    if let Some(from) = &mut s.from {
        from.registry = crate::support::url::redacted(&from.registry);
    }
    for (k, v) in s.env.iter_mut().chain(s.headers.iter_mut()) {
        if looks_secret(k, v.as_str()) {
            *v = Scalar::from(REDACTED);
        }
    }
    if let Some(auth) = &mut s.auth {
        // Every credential under `auth:` is a secret, whatever it looks like.
        let hide = |v: &mut Scalar| {
            if !v.as_str().contains("${env:") {
                *v = Scalar::from(REDACTED);
            }
        };
        if let Some(t) = &mut auth.bearer_token {
            hide(t);
        }
        if let Some(b) = &mut auth.basic {
            hide(&mut b.password);
        }
        if let Some(k) = &mut auth.api_key {
            hide(&mut k.value);
        }
        if let Some(secret) = auth.oauth.as_mut().and_then(|o| o.client_secret.as_mut()) {
            hide(secret);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases = [
            ("GITHUB_TOKEN", "abc", true),
            ("Authorization", "Bearer xyz", true),
            ("X-Api-Key", "k", true),
            ("LOG_LEVEL", "warn", false),
            ("PORT", "8080", false),
            ("OPENAI", "sk-proj-abcdef", true),
            ("DATA", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9abc123", true),
            ("PATH_TO", "/usr/local/bin/some-long-path-name-v2", false),
            ("GITHUB_TOKEN", "${env:GITHUB_TOKEN}", false),
            ("Authorization", "Bearer ${env:T}", false),
        ];
        for (k, v, want) in cases {
            assert_eq!(looks_secret(k, v), want, "{k}={v}");
        }
    }

    #[test]
    fn auth_credentials_are_always_hidden_but_env_references_shown() {
        let yaml = "url: http://x/mcp\nauth:\n  basic: { user: me, password: hunter2 }\n";
        let s: ServerConfig = serde_yaml::from_str(yaml).unwrap();
        let shown = server(&s);
        let basic = shown.auth.as_ref().unwrap().basic.as_ref().unwrap();
        assert_eq!(basic.user.as_str(), "me");
        assert_eq!(basic.password.as_str(), REDACTED);
        let yaml = "url: http://x/mcp\nauth: { bearer_token: \"${env:T}\" }\n";
        let s: ServerConfig = serde_yaml::from_str(yaml).unwrap();
        let shown = server(&s);
        assert_eq!(
            shown.auth.unwrap().bearer_token.unwrap().as_str(),
            "${env:T}"
        );
        let yaml = "url: https://me:pw@x/mcp?key=k0\n";
        let s: ServerConfig = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(server(&s).url.as_deref(), Some("https://x/mcp"));
        let yaml = "url: http://x/mcp\nauth: { api_key: { header: X-Key, value: k1 } }\n";
        let s: ServerConfig = serde_yaml::from_str(yaml).unwrap();
        assert!(!format!("{s:?}").contains("k1"), "{s:?}");
    }

    #[test]
    fn the_registry_a_server_came_from_is_shown_without_credentials() {
        let yaml = "command: npx
from: { registry: \"https://me:pw@r.example/base\", name: io.x/y, version: \"1\" }\n";
        let s: ServerConfig = serde_yaml::from_str(yaml).unwrap();
        let from = server(&s).from.unwrap();
        assert_eq!(from.registry, "https://r.example/base");
        assert_eq!(from.name, "io.x/y");
    }
}
