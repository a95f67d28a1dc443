//! The registry's HTTP API, read-only: `GET /v0.1/servers` (search and paging),
//! `/v0.1/servers/{name}/versions` and `/v0.1/servers/{name}/versions/{version|latest}`, the
//! name URL-encoded. Every request is bounded in time and size; every answer is decoded here, so
//! callers get documents or a [`RegistryError`] that says which registry and what went wrong.

use std::time::Duration;

use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::RegistryError;
use crate::upstream::error_text;

/// Longest answer read from a registry (a page of server.json documents is a few hundred KiB).
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// One registry, by its base URL.
#[derive(Debug, Clone)]
pub(crate) struct Registry {
    /// As configured (what a server's origin records).
    configured: String,
    base: reqwest::Url,
    shown: String,
    timeout: Duration,
    http: reqwest::Client,
}

/// `GET /v0.1/servers` parameters.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListQuery {
    /// Substring of the name.
    pub search: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// RFC 3339 time: only entries updated since.
    pub updated_since: Option<String>,
}

impl Registry {
    pub(crate) fn new(base: &str, timeout: Duration) -> Result<Registry, RegistryError> {
        let bad = |reason: String| RegistryError::BadUrl {
            url: base.to_string(),
            reason,
        };
        let url = reqwest::Url::parse(base).map_err(|e| bad(e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
            return Err(bad("an http or https URL is needed".into()));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(timeout)
            .timeout(timeout)
            .user_agent(concat!("vmcp/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| bad(format!("cannot build the HTTP client: {e}")))?;
        Ok(Registry {
            configured: base.trim_end_matches('/').to_string(),
            shown: crate::support::url::redacted(base.trim_end_matches('/')),
            base: url,
            timeout,
            http,
        })
    }

    /// The base URL as configured.
    pub(crate) fn base(&self) -> &str {
        &self.configured
    }

    /// The registry as messages name it (credentials in the URL hidden).
    pub(crate) fn shown(&self) -> &str {
        &self.shown
    }

    /// The URL of `segments` under the base (each segment encoded, `/` in a name included).
    fn url(&self, segments: &[&str]) -> reqwest::Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// The URL every answer of this registry starts with (`…/v0.1/servers`), for finding them in
    /// a cache.
    pub(crate) fn servers_url(&self) -> String {
        self.url(&["v0.1", "servers"]).to_string()
    }

    /// The URL that lists servers.
    pub(crate) fn list_url(&self, q: &ListQuery) -> String {
        let mut url = self.url(&["v0.1", "servers"]);
        {
            let mut pairs = url.query_pairs_mut();
            if let Some(s) = &q.search {
                pairs.append_pair("search", s);
            }
            if let Some(l) = q.limit {
                pairs.append_pair("limit", &l.to_string());
            }
            if let Some(c) = &q.cursor {
                pairs.append_pair("cursor", c);
            }
            if let Some(u) = &q.updated_since {
                pairs.append_pair("updated_since", u);
            }
            // Registries that know the filter answer one entry per server; the others ignore it.
            pairs.append_pair("version", "latest");
        }
        url.to_string()
    }

    /// The URL of one version of a server (`None`: the latest).
    pub(crate) fn version_url(&self, name: &str, version: Option<&str>) -> String {
        self.url(&[
            "v0.1",
            "servers",
            name,
            "versions",
            version.unwrap_or("latest"),
        ])
        .to_string()
    }

    /// The URL that lists every version of a server.
    pub(crate) fn versions_url(&self, name: &str) -> String {
        self.url(&["v0.1", "servers", name, "versions"]).to_string()
    }

    /// Fetches `url` (one this registry built); the body of a 200 answer. A 404 is
    /// [`RegistryError::NotFound`] of `name` when one is given.
    pub(crate) async fn get(
        &self,
        url: &str,
        what: &str,
        name: Option<(&str, Option<&str>)>,
    ) -> Result<Vec<u8>, RegistryError> {
        let unreachable = |e: reqwest::Error| {
            if e.is_timeout() {
                RegistryError::Timeout {
                    registry: self.shown.clone(),
                    after: self.timeout,
                }
            } else {
                RegistryError::Unreachable {
                    registry: self.shown.clone(),
                    reason: error_text(e),
                }
            }
        };
        let mut resp = self
            .http
            .get(url)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(unreachable)?;
        let status = resp.status();
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(unreachable)? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(RegistryError::Malformed {
                    registry: self.shown.clone(),
                    what: what.to_string(),
                    reason: format!("the answer is larger than {} MiB", MAX_BODY_BYTES >> 20),
                });
            }
            body.extend_from_slice(&chunk);
        }
        if status == StatusCode::NOT_FOUND
            && let Some((name, version)) = name
        {
            return Err(RegistryError::NotFound {
                registry: self.shown.clone(),
                name: name.to_string(),
                version: version.map(str::to_string),
            });
        }
        if !status.is_success() {
            return Err(RegistryError::Status {
                registry: self.shown.clone(),
                what: what.to_string(),
                status: status.as_u16(),
                body: String::from_utf8_lossy(&body).into_owned(),
            });
        }
        Ok(body)
    }

    /// Decodes a body this registry sent about `what`.
    pub(crate) fn decode<T: DeserializeOwned>(
        &self,
        body: &[u8],
        what: &str,
    ) -> Result<T, RegistryError> {
        super::document::decode(body).map_err(|reason| RegistryError::Malformed {
            registry: self.shown.clone(),
            what: what.to_string(),
            reason,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_encoded_as_one_path_segment() {
        // As `cli::main` does before anything connects.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let r = Registry::new("https://r.example/base/", Duration::from_secs(1)).unwrap();
        assert_eq!(
            r.version_url("io.github.x/y", None),
            "https://r.example/base/v0.1/servers/io.github.x%2Fy/versions/latest"
        );
        assert_eq!(
            r.version_url("io.x/y", Some("1.0.0+b")),
            "https://r.example/base/v0.1/servers/io.x%2Fy/versions/1.0.0+b"
        );
        assert_eq!(
            r.list_url(&ListQuery {
                search: Some("a b".into()),
                limit: Some(5),
                cursor: Some("c/1".into()),
                updated_since: None,
            }),
            "https://r.example/base/v0.1/servers?search=a+b&limit=5&cursor=c%2F1&version=latest"
        );
        assert!(matches!(
            Registry::new("ftp://x", Duration::from_secs(1)),
            Err(RegistryError::BadUrl { .. })
        ));
    }
}
