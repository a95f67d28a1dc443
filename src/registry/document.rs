//! The documents an MCP registry answers, as vmcp reads them: `server.json` (schema
//! `2025-12-11`) wrapped in the registry's response, and listings of them. Unknown fields are
//! ignored (registries and publishers add their own); a field vmcp uses that has the wrong shape
//! is an error naming it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `GET /v0.1/servers` and `/v0.1/servers/{name}/versions`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub(crate) struct ServerList {
    pub servers: Vec<ServerResponse>,
    #[serde(default)]
    pub metadata: ListMetadata,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListMetadata {
    /// Where the next page starts; absent or empty on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// One server version with the registry's own metadata about it.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub(crate) struct ServerResponse {
    pub server: ServerDetail,
    #[serde(default, rename = "_meta")]
    pub meta: ResponseMeta,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub(crate) struct ResponseMeta {
    #[serde(
        default,
        rename = "io.modelcontextprotocol.registry/official",
        skip_serializing_if = "Option::is_none"
    )]
    pub official: Option<Official>,
}

/// What the official registry (and registries that follow its API) says about a version.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Official {
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub is_latest: bool,
}

/// Lifecycle of a server version.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    #[default]
    Active,
    Deprecated,
    Deleted,
    /// A status this vmcp does not know (a newer registry's): shown, warned about.
    #[serde(other)]
    Unknown,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Deprecated => "deprecated",
            Status::Deleted => "deleted",
            Status::Unknown => "unknown",
        }
    }
}

impl ServerResponse {
    pub(crate) fn status(&self) -> Status {
        self.meta
            .official
            .as_ref()
            .map(|o| o.status)
            .unwrap_or_default()
    }
}

/// `server.json`: what a publisher says about one version of a server.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ServerDetail {
    /// Reverse-DNS name with one slash: `io.github.user/weather`.
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<Repository>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<Package>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remotes: Vec<Transport>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub(crate) struct Repository {
    #[serde(default)]
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subfolder: Option<String>,
}

/// A way to run the server locally from a package registry.
#[allow(clippy::struct_field_names)] // The schema's names.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Package {
    /// `npm`, `pypi`, `oci`, `nuget`, `mcpb` (kept as text: a registry may know more).
    pub registry_type: String,
    /// Package name, image reference, or download URL (mcpb).
    pub identifier: String,
    /// Package version (npm, pypi, nuget); an OCI image carries its tag in the identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_hint: Option<String>,
    /// How the running package is spoken to (stdio when absent, as in older documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transport: Option<Transport>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runtime_arguments: Vec<Argument>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub package_arguments: Vec<Argument>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub environment_variables: Vec<KeyValueInput>,
}

/// A transport: of a package (`stdio`, or a local HTTP endpoint) or a remote.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub(crate) struct Transport {
    /// `stdio`, `streamable-http` or `sse`.
    #[serde(rename = "type")]
    pub kind: String,
    /// URL template (`https://{tenant}.example.com/mcp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<KeyValueInput>,
    /// Values of the `{names}` in `url` (schema 2025-12-11).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variables: BTreeMap<String, Input>,
}

/// A value the user may or must give (or that is fixed, when `value` is set).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Input {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub is_required: bool,
    /// `string` (default), `number`, `boolean` or `filepath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// A fixed value; `{names}` in it come from `variables`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default)]
    pub is_secret: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variables: BTreeMap<String, Input>,
}

/// An environment variable or header.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub(crate) struct KeyValueInput {
    pub name: String,
    #[serde(flatten)]
    pub input: Input,
}

/// A command-line argument: `positional` (a value) or `named` (`--flag value`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Argument {
    #[serde(rename = "type")]
    pub kind: ArgumentKind,
    /// The flag of a named argument, dashes included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The label of a positional argument.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_hint: Option<String>,
    #[serde(default)]
    pub is_repeated: bool,
    #[serde(flatten)]
    pub input: Input,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ArgumentKind {
    Positional,
    Named,
}

impl Argument {
    /// What the user calls it in `--arg KEY=VALUE`: the flag of a named argument, the value hint
    /// of a positional one.
    pub(crate) fn key(&self) -> Option<&str> {
        match self.kind {
            ArgumentKind::Named => self.name.as_deref(),
            ArgumentKind::Positional => self.value_hint.as_deref(),
        }
    }
}

/// Decodes a registry answer; the error names where the document is wrong (its JSON path, line
/// and column), for [`super::RegistryError::Malformed`].
pub(crate) fn decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let out: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let at = e.path().to_string();
        if at == "." {
            e.into_inner().to_string()
        } else {
            format!("at `{at}`: {}", e.into_inner())
        }
    })?;
    de.end().map_err(|e| e.to_string())?;
    Ok(out)
}
