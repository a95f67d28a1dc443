//! The vmcp definition file: upstream servers and the vMCPs built from them.
//!
//! These types are the contract users write by hand (and that the store will persist), so every
//! field is documented and unknown keys are rejected: a typo must never be silently ignored.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::auth::AuthConfig;
use super::custom::{CustomPrompt, CustomResource, CustomTool};
use super::duration::ConfigDuration;
use super::glob::Glob;

/// A whole definition file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConfigFile {
    /// Upstream MCP servers by name. `mcpServers` is accepted so a block copied from Claude
    /// Desktop or Cursor works unchanged.
    #[serde(
        default,
        alias = "mcpServers",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub servers: BTreeMap<String, ServerConfig>,
    /// vMCP definitions by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub vmcps: BTreeMap<String, VmcpConfig>,
}

/// How to reach one upstream MCP server: `command` (stdio child process) or `url` (HTTP).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// Transport, normally implied by `command`/`url`: `stdio`, `http` (streamable HTTP; aliases
    /// `streamable-http`, `streamableHttp`), `sse` (the legacy HTTP+SSE transport) or `auto`
    /// (the default for a `url`: streamable HTTP, falling back to SSE on a 4xx). `transport` is
    /// accepted as another name for the key.
    #[serde(
        default,
        rename = "type",
        alias = "transport",
        skip_serializing_if = "Option::is_none"
    )]
    pub transport: Option<TransportType>,
    /// Program to run (stdio transport). Looked up on the `PATH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// Arguments of `command`; `${env:VAR}` is expanded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Scalar>,
    /// Extra environment for the child, on top of the allowlist; `${env:VAR}` is expanded.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub env: BTreeMap<String, Scalar>,
    /// Working directory of the child (default: vmcp's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cwd: Option<String>,
    /// Streamable HTTP endpoint; `${env:VAR}` is expanded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// HTTP headers sent with every request; `${env:VAR}` is expanded.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, Scalar>,
    /// Credentials of a `url` server: one static kind (`bearer_token`, `basic`, `api_key`) or
    /// OAuth settings for `vmcp login` (`oauth`). Values accept `${env:VAR}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthConfig>,
    /// How long starting, initializing and listing may take (default 30s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub startup_timeout: Option<ConfigDuration>,
    /// How long one request may go without a response or progress (default 120s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_timeout: Option<ConfigDuration>,
    /// Failed starts (or crashes before doing any work) in a row after which the server stays
    /// failed until the session ends (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_failures: Option<u32>,
    /// First delay before a restart; doubles per failure up to 30 s, jittered (default 1s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_delay: Option<ConfigDuration>,
    /// Ping the server this often while it is up; no answer within 10 s (or the interval, if
    /// shorter) counts as a lost connection and restarts it (default: no pings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ping_interval: Option<ConfigDuration>,
    /// The MCP revision to speak to it: `auto` (the default: the revision found at the last
    /// start, else asked with `server/discover`, falling back to `initialize`), `2026-07-28`
    /// (alias `modern`) or `2025-11-25` (alias `legacy`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<ProtocolChoice>,
    /// `pinned`: the tools are approved automatically the first time they are listed (those the
    /// screening flags excepted), and later new or changed ones wait for `vmcp server approve`;
    /// `review`: nothing is exposed until `vmcp server approve`; `always`: everything the server
    /// offers. Default: the `trust.default` setting (`pinned`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust: Option<TrustMode>,
    /// Free text for humans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the entry came from, when `vmcp server add --from` made it from an MCP registry
    /// (`vmcp server outdated` and `upgrade` read it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<ServerOrigin>,
}

/// The registry entry a server was made from, and the choices that made it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServerOrigin {
    /// The registry's base URL.
    pub registry: String,
    /// The entry's name (`io.github.user/weather`).
    pub name: String,
    /// The entry's version.
    pub version: String,
    /// The package type used (`npm`, `pypi`, `oci`), when a package was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    /// The remote used (1 for the first), when one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<usize>,
    /// The `--arg` values given, replayed by `vmcp server upgrade`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
}

/// How much a server's own word about its tools is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TrustMode {
    /// Expose only approved definitions; new and changed tools wait for approval. The first
    /// listing approves what it finds (trust on first use), except flagged tools.
    Pinned,
    /// As `pinned`, but nothing is approved automatically: the first approval is the user's.
    Review,
    /// Expose whatever the server offers.
    Always,
}

impl TrustMode {
    /// Its name in definitions and settings.
    pub fn as_str(self) -> &'static str {
        match self {
            TrustMode::Pinned => "pinned",
            TrustMode::Review => "review",
            TrustMode::Always => "always",
        }
    }

    /// The mode named `s` (as `trust.default` stores it).
    pub fn parse(s: &str) -> Option<TrustMode> {
        [TrustMode::Pinned, TrustMode::Review, TrustMode::Always]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// Which MCP revision vmcp speaks to a server (`protocol:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum ProtocolChoice {
    /// Detect it (remembered from the last start, else probed).
    #[serde(rename = "auto")]
    Auto,
    /// 2026-07-28: `server/discover`, `_meta` on every request, no session.
    #[serde(rename = "2026-07-28", alias = "modern")]
    Modern,
    /// 2025-11-25 and before: `initialize`, a session.
    #[serde(rename = "2025-11-25", alias = "legacy")]
    Legacy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum TransportType {
    #[serde(rename = "stdio")]
    Stdio,
    #[serde(rename = "http", alias = "streamable-http", alias = "streamableHttp")]
    Http,
    #[serde(rename = "sse")]
    Sse,
    #[serde(rename = "auto")]
    Auto,
}

/// A vMCP: a named selection of upstream servers with filters and overrides.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VmcpConfig {
    /// Free text for humans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Sent to the AI client as the `instructions` of `initialize` (a system prompt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// The upstream servers this vMCP serves, with per-server filters. A list of names is
    /// accepted as shorthand for `{name: {}}`.
    #[serde(default, skip_serializing_if = "Selections::is_empty")]
    pub servers: Selections,
    /// How many of its servers may be starting at the same time (default 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub startup_concurrency: Option<u32>,
    /// Serve the first lists from the catalog cache while the upstreams start (default `on`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog_cache: Option<Toggle>,
    /// Follow edits of the definition while serving (default `on`): see "Live definitions".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<Toggle>,
    /// Tool search: the client sees `search_tools` and `call_tool` instead of a large catalog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_search: Option<super::tool_search::ToolSearchConfig>,
    /// Values templates read as `config.X` (`@config.X`); `${env:VAR}` is expanded.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub config: BTreeMap<String, Scalar>,
    /// Custom tools, exposed under their own names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<CustomTool>,
    /// Custom prompts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<CustomPrompt>,
    /// Custom resources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<CustomResource>,
}

/// `on` / `off` (also `true` / `false`), as YAML users write switches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Toggle {
    On,
    Off,
}

impl Toggle {
    pub fn is_on(self) -> bool {
        self == Toggle::On
    }
}

impl<'de> Deserialize<'de> for Toggle {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Toggle;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`on` or `off`")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Toggle, E> {
                Ok(if v { Toggle::On } else { Toggle::Off })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Toggle, E> {
                match v {
                    "on" | "true" | "yes" => Ok(Toggle::On),
                    "off" | "false" | "no" => Ok(Toggle::Off),
                    other => Err(E::custom(format!("expected `on` or `off`, not `{other}`"))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Server name → selection, in name order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Selections(pub BTreeMap<String, Selection>);

impl Selections {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What a vMCP takes from one upstream server, and how it is presented.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Selection {
    /// Exposed names are `<prefix>_<name>`; defaults to the server name; `""` means no prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Allow-list of tool names (globs); absent means all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<Glob>>,
    /// Deny-list of tool names (globs), applied after `tools`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude_tools: Vec<Glob>,
    /// Raw tool name → exposed name (used as is: no prefix is added).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub rename: BTreeMap<String, String>,
    /// Raw tool name → description shown to the AI client.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub describe: BTreeMap<String, String>,
    /// Raw tool name (globs allowed) → parameter → how it is shaped: fixed, defaulted, hidden,
    /// described or renamed. An exact name's entry wins over globs for the same parameter.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, BTreeMap<String, ArgRule>>,
    /// Allow-list of prompt names (globs); absent means all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompts: Option<Vec<Glob>>,
    /// Deny-list of prompt names (globs).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude_prompts: Vec<Glob>,
    /// Allow-list of resources and resource templates, matched against URI (template) or name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<Glob>>,
    /// Deny-list of resources and resource templates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude_resources: Vec<Glob>,
    /// Under `vmcp serve`: whether each MCP session gets its own instance of the server
    /// (`session`, the default) or every session of the vMCP uses one (`shared`). `vmcp stdio`
    /// is one session per process, so there it changes nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
}

/// How many instances of a server `vmcp serve` runs for a vMCP.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One per MCP session: whatever state the server keeps (a browser, a database
    /// connection, a counter) belongs to one client. Always correct.
    #[default]
    Session,
    /// One for every session of the vMCP: for servers that keep no per-client state.
    Shared,
}

impl Scope {
    /// Every scope, in the order they are documented.
    pub const ALL: [Scope; 2] = [Scope::Session, Scope::Shared];

    /// Its name in definitions.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Session => "session",
            Scope::Shared => "shared",
        }
    }
}

/// How a vMCP shapes one parameter of an upstream tool. Values (`value`, `default`) are any
/// JSON value; their strings may use `${env:VAR}` and, when the vMCP has `config`,
/// `{{ config.X }}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArgRule {
    /// Fixed: removed from the exposed schema and always sent as this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// Sent when the client leaves the parameter out; shown as the schema's `default`, and the
    /// parameter becomes optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// Removed from the exposed schema and never sent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hide: bool,
    /// The parameter's description in the exposed schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub describe: Option<String>,
    /// Exposed under this name, sent upstream under its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rename: Option<String>,
    /// `allow`: a client may still send a fixed or hidden parameter, and its value is used
    /// (default `deny`: sending it is an invalid-params error).
    #[serde(default, rename = "override", skip_serializing_if = "Option::is_none")]
    pub override_: Option<ArgOverride>,
}

impl ArgRule {
    /// Whether a client may send the parameter although it is fixed or hidden.
    pub fn allows_override(&self) -> bool {
        self.override_ == Some(ArgOverride::Allow)
    }
}

/// Whether a client may send a fixed or hidden parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ArgOverride {
    Allow,
    Deny,
}

impl<'de> Deserialize<'de> for Selections {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Selections;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of server name to selection, or a list of server names")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((name, sel)) = map.next_entry::<String, Option<Selection>>()? {
                    if out.insert(name.clone(), sel.unwrap_or_default()).is_some() {
                        return Err(de::Error::custom(format!(
                            "server `{name}` is listed twice"
                        )));
                    }
                }
                Ok(Selections(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(name) = seq.next_element::<String>()? {
                    if out.insert(name.clone(), Selection::default()).is_some() {
                        return Err(de::Error::custom(format!(
                            "server `{name}` is listed twice"
                        )));
                    }
                }
                Ok(Selections(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Selections::default())
            }
        }
        d.deserialize_any(V)
    }
}

/// A string that YAML may have written as a number or boolean (`PORT: 8080`, `DEBUG: true`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Scalar(pub String);

impl Scalar {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Scalar {
    fn from(s: &str) -> Self {
        Scalar(s.to_string())
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}
