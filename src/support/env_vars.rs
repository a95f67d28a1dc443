//! Every environment variable vmcp reads, in one place.

/// Overrides where vmcp keeps its files (default definition file `$VMCP_HOME/vmcp.yaml`).
pub(crate) const VMCP_HOME: &str = "VMCP_HOME";
/// Log filter in `tracing` EnvFilter syntax, e.g. `info` or `vmcp=debug,warn`.
pub(crate) const VMCP_LOG: &str = "VMCP_LOG";
/// How long a modern client's call that asked for input waits for the client's retry, in
/// seconds (`0.5`, `600`; default 600): then the upstream's question is cancelled.
pub(crate) const VMCP_INPUT_WAIT: &str = "VMCP_INPUT_WAIT";

/// OpenTelemetry's standard settings (the OTLP exporter's, the SDK's, the batch span
/// processor's and the metric reader's): traces and metrics are exported only when an endpoint
/// is set. `TRACES_`/`METRICS_` variants win over the general ones.
pub(crate) mod otel {
    pub(crate) const SDK_DISABLED: &str = "OTEL_SDK_DISABLED";
    pub(crate) const TRACES_EXPORTER: &str = "OTEL_TRACES_EXPORTER";
    pub(crate) const ENDPOINT: &str = "OTEL_EXPORTER_OTLP_ENDPOINT";
    pub(crate) const TRACES_ENDPOINT: &str = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    pub(crate) const PROTOCOL: &str = "OTEL_EXPORTER_OTLP_PROTOCOL";
    pub(crate) const TRACES_PROTOCOL: &str = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";
    pub(crate) const HEADERS: &str = "OTEL_EXPORTER_OTLP_HEADERS";
    pub(crate) const TRACES_HEADERS: &str = "OTEL_EXPORTER_OTLP_TRACES_HEADERS";
    pub(crate) const TIMEOUT: &str = "OTEL_EXPORTER_OTLP_TIMEOUT";
    pub(crate) const TRACES_TIMEOUT: &str = "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT";
    pub(crate) const SERVICE_NAME: &str = "OTEL_SERVICE_NAME";
    pub(crate) const RESOURCE_ATTRIBUTES: &str = "OTEL_RESOURCE_ATTRIBUTES";
    pub(crate) const BSP_SCHEDULE_DELAY: &str = "OTEL_BSP_SCHEDULE_DELAY";
    pub(crate) const BSP_MAX_QUEUE_SIZE: &str = "OTEL_BSP_MAX_QUEUE_SIZE";
    pub(crate) const BSP_MAX_EXPORT_BATCH_SIZE: &str = "OTEL_BSP_MAX_EXPORT_BATCH_SIZE";
    pub(crate) const METRICS_EXPORTER: &str = "OTEL_METRICS_EXPORTER";
    pub(crate) const METRICS_ENDPOINT: &str = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";
    pub(crate) const METRICS_PROTOCOL: &str = "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL";
    pub(crate) const METRICS_HEADERS: &str = "OTEL_EXPORTER_OTLP_METRICS_HEADERS";
    pub(crate) const METRICS_TIMEOUT: &str = "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT";
    pub(crate) const METRIC_EXPORT_INTERVAL: &str = "OTEL_METRIC_EXPORT_INTERVAL";
}

/// Set by vmcp in the environment of every process it starts (to a value unique to that vmcp
/// process), and so inherited by what they start: if vmcp is killed, its reaper ends every process
/// still carrying it, including ones that left their process group (`setsid`, daemons). Never read
/// from vmcp's own environment.
pub(crate) const VMCP_CHILD_TAG: &str = "VMCP_CHILD_TAG";

/// Where Codex keeps `config.toml` (default `~/.codex`); read to find that file.
pub(crate) const CODEX_HOME: &str = "CODEX_HOME";
/// The folder Gemini CLI uses instead of the home directory (it reads `.gemini/` in it).
pub(crate) const GEMINI_CLI_HOME: &str = "GEMINI_CLI_HOME";
/// Zed's configuration folder when it runs as a Flatpak.
pub(crate) const FLATPAK_XDG_CONFIG_HOME: &str = "FLATPAK_XDG_CONFIG_HOME";

/// Variables passed from vmcp's environment to stdio upstreams; everything else is withheld
/// unless the server's `env:` sets it. Secrets in vmcp's environment must not leak to every
/// child by default.
pub(crate) const CHILD_ENV_ALLOWLIST: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "SHELL",
    "LANG",
    "LANGUAGE",
    "TERM",
    "TMPDIR",
    "TEMP",
    "TMP",
    "TZ",
    "XDG_RUNTIME_DIR",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
    "XDG_STATE_HOME",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "NODE_EXTRA_CA_CERTS",
    "SYSTEMROOT",
    "APPDATA",
    "LOCALAPPDATA",
    "USERPROFILE",
    "PROGRAMDATA",
];

/// Variables passed from vmcp's environment to `command` and `python` custom tools; everything
/// else must be declared in the tool's `env:` (so secrets only reach a tool on purpose).
pub(crate) const CUSTOM_TOOL_ENV_ALLOWLIST: &[&str] =
    &["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR"];

/// Prefixes of variables also passed through (locale settings).
pub(crate) const CHILD_ENV_ALLOWED_PREFIXES: &[&str] = &["LC_"];
