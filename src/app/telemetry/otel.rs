//! OpenTelemetry's standard environment variables → where and how vmcp exports its traces and
//! metrics. Nothing is exported (and nothing is spent per request) unless an OTLP endpoint is
//! set.
//! OTLP over HTTP only, in both encodings (`http/protobuf`, the default, and `http/json`):
//! `grpc` is refused with a warning rather than pulling in a gRPC stack.

use std::time::Duration;

use crate::support::env_vars::otel;
use crate::telemetry::export::{
    DEFAULT_MAX_BATCH, DEFAULT_MAX_QUEUE, DEFAULT_SCHEDULE_DELAY, DEFAULT_TIMEOUT, Destination,
    ExportPlan,
};
use crate::telemetry::meter::{DEFAULT_EXPORT_INTERVAL, MetricsPlan};
use crate::telemetry::otlp::{Encoding, Origin};

/// The service name when `OTEL_SERVICE_NAME` does not give one.
pub(crate) const DEFAULT_SERVICE_NAME: &str = "vmcp";

/// One signal's variables.
struct Signal {
    name: &'static str,
    exporter: &'static str,
    endpoint: &'static str,
    protocol: &'static str,
    headers: &'static str,
    timeout: &'static str,
    /// Appended to `OTEL_EXPORTER_OTLP_ENDPOINT`.
    path: &'static str,
}

const TRACES: Signal = Signal {
    name: "traces",
    exporter: otel::TRACES_EXPORTER,
    endpoint: otel::TRACES_ENDPOINT,
    protocol: otel::TRACES_PROTOCOL,
    headers: otel::TRACES_HEADERS,
    timeout: otel::TRACES_TIMEOUT,
    path: "/v1/traces",
};

const METRICS: Signal = Signal {
    name: "metrics",
    exporter: otel::METRICS_EXPORTER,
    endpoint: otel::METRICS_ENDPOINT,
    protocol: otel::METRICS_PROTOCOL,
    headers: otel::METRICS_HEADERS,
    timeout: otel::METRICS_TIMEOUT,
    path: "/v1/metrics",
};

/// What the environment asks for: the plans of the signals it turns on, and why others it
/// names cannot be (one line each, warned once by the caller).
#[derive(Debug, Default)]
pub(crate) struct Plans {
    pub traces: Option<ExportPlan>,
    pub metrics: Option<MetricsPlan>,
    pub refusals: Vec<String>,
}

/// Reads the plans (`get` reads one variable). Settings that cannot be used fall back to
/// their default with a warning, as the specification asks; a protocol or exporter vmcp does
/// not speak turns its signal off, with a refusal.
pub(crate) fn plans(get: impl Fn(&str) -> Option<String>) -> Plans {
    let get = |name: &str| {
        get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let mut plans = Plans::default();
    if get(otel::SDK_DISABLED).is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return plans;
    }
    let origin = origin(&get);
    match destination(&get, &TRACES) {
        Ok(Some(destination)) => {
            let count = |name: &str, default: usize| {
                get(name).map_or(default, |v| match v.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => {
                        tracing::warn!("{name}={v} is not a positive count; using {default}");
                        default
                    }
                })
            };
            plans.traces = Some(ExportPlan {
                destination,
                origin: origin.clone(),
                schedule_delay: get(otel::BSP_SCHEDULE_DELAY)
                    .and_then(|v| millis(otel::BSP_SCHEDULE_DELAY, &v))
                    .unwrap_or(DEFAULT_SCHEDULE_DELAY),
                max_queue: count(otel::BSP_MAX_QUEUE_SIZE, DEFAULT_MAX_QUEUE),
                max_batch: count(otel::BSP_MAX_EXPORT_BATCH_SIZE, DEFAULT_MAX_BATCH),
            });
        }
        Ok(None) => {}
        Err(why) => plans.refusals.push(why),
    }
    match destination(&get, &METRICS) {
        Ok(Some(destination)) => {
            plans.metrics = Some(MetricsPlan {
                destination,
                origin,
                interval: get(otel::METRIC_EXPORT_INTERVAL)
                    .and_then(|v| millis(otel::METRIC_EXPORT_INTERVAL, &v))
                    .filter(|d| !d.is_zero())
                    .unwrap_or(DEFAULT_EXPORT_INTERVAL),
            });
        }
        Ok(None) => {}
        Err(why) => plans.refusals.push(why),
    }
    plans.refusals.dedup();
    plans
}

/// Where `signal` goes: `None` when nothing names a collector or its exporter is `none`.
fn destination(
    get: &impl Fn(&str) -> Option<String>,
    signal: &Signal,
) -> Result<Option<Destination>, String> {
    match get(signal.exporter).as_deref() {
        None | Some("otlp") => {}
        Some("none") => return Ok(None),
        Some(other) => {
            return Err(format!(
                "{}={other} is not supported (vmcp exports OTLP only); not exporting {}",
                signal.exporter, signal.name
            ));
        }
    }
    let url = match (get(signal.endpoint), get(otel::ENDPOINT)) {
        (Some(url), _) => url,
        (None, Some(base)) => format!("{}{}", base.trim_end_matches('/'), signal.path),
        (None, None) => return Ok(None),
    };
    if !url.starts_with("http://") && !url.starts_with("https://") || url::Url::parse(&url).is_err()
    {
        return Err(format!(
            "the OTLP endpoint `{}` is not an http(s) URL; not exporting {}",
            crate::support::url::redacted(&url),
            signal.name
        ));
    }
    let encoding = match get(signal.protocol)
        .or_else(|| get(otel::PROTOCOL))
        .as_deref()
    {
        None | Some("http/protobuf") => Encoding::Protobuf,
        Some("http/json") => Encoding::Json,
        Some(other) => {
            return Err(format!(
                "OTLP protocol `{other}` is not supported (use http/protobuf or http/json); not \
                 exporting telemetry"
            ));
        }
    };
    let headers = get(signal.headers)
        .or_else(|| get(otel::HEADERS))
        .map(|h| pairs(&h, otel::HEADERS))
        .unwrap_or_default();
    let timeout = get(signal.timeout)
        .or_else(|| get(otel::TIMEOUT))
        .and_then(|v| millis(otel::TIMEOUT, &v))
        .unwrap_or(DEFAULT_TIMEOUT);
    Ok(Some(Destination {
        url,
        encoding,
        headers,
        timeout,
    }))
}

/// The resource: `service.name` (from `OTEL_SERVICE_NAME`, else `OTEL_RESOURCE_ATTRIBUTES`,
/// else `vmcp`) first, then the other attributes, and `service.version`.
fn origin(get: &impl Fn(&str) -> Option<String>) -> Origin {
    let mut resource = get(otel::RESOURCE_ATTRIBUTES)
        .map(|r| pairs(&r, otel::RESOURCE_ATTRIBUTES))
        .unwrap_or_default();
    let service = get(otel::SERVICE_NAME)
        .or_else(|| {
            resource
                .iter()
                .find(|(k, _)| k == "service.name")
                .map(|(_, v)| v.clone())
        })
        .unwrap_or_else(|| DEFAULT_SERVICE_NAME.to_string());
    resource.retain(|(k, _)| k != "service.name");
    resource.insert(0, ("service.name".into(), service));
    if !resource.iter().any(|(k, _)| k == "service.version") {
        resource.push(("service.version".into(), env!("CARGO_PKG_VERSION").into()));
    }
    Origin {
        resource,
        scope: "vmcp",
        version: env!("CARGO_PKG_VERSION"),
    }
}

/// A duration in milliseconds (the variables' unit).
fn millis(name: &str, v: &str) -> Option<Duration> {
    match v.parse::<u64>() {
        Ok(ms) => Some(Duration::from_millis(ms)),
        Err(_) => {
            tracing::warn!("{name}={v} is not a number of milliseconds; using the default");
            None
        }
    }
}

/// `k1=v1,k2=v2` with percent-encoded values (the W3C Baggage form both variables use);
/// members without `=` are skipped with a warning that never shows a value (headers carry
/// credentials).
fn pairs(text: &str, name: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for member in text.split(',').map(str::trim).filter(|m| !m.is_empty()) {
        match member.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                out.push((percent_decoded(k.trim()), percent_decoded(v.trim())));
            }
            _ => tracing::warn!("{name}: skipped a member that is not `key=value`"),
        }
    }
    out
}

fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn plans_of(vars: &[(&str, &str)]) -> Plans {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        plans(|k| map.get(k).cloned())
    }

    fn traces(vars: &[(&str, &str)]) -> Option<ExportPlan> {
        plans_of(vars).traces
    }

    #[test]
    fn nothing_is_exported_without_an_endpoint_or_when_disabled() {
        assert_eq!(traces(&[]), None);
        assert_eq!(traces(&[(otel::SERVICE_NAME, "x")]), None);
        let on = [(otel::ENDPOINT, "http://127.0.0.1:4318")];
        let both = plans_of(&on);
        assert!(both.traces.is_some() && both.metrics.is_some());
        assert_eq!(traces(&[on[0], (otel::SDK_DISABLED, "true")]), None);
        assert_eq!(traces(&[on[0], (otel::TRACES_EXPORTER, "none")]), None);
        let only_traces = plans_of(&[on[0], (otel::METRICS_EXPORTER, "none")]);
        assert!(only_traces.traces.is_some() && only_traces.metrics.is_none());
        let zipkin = plans_of(&[on[0], (otel::TRACES_EXPORTER, "zipkin")]);
        assert!(zipkin.traces.is_none() && zipkin.metrics.is_some());
        assert_eq!(zipkin.refusals.len(), 1);
        // One protocol refused for both signals is said once.
        let grpc = plans_of(&[on[0], (otel::PROTOCOL, "grpc")]);
        assert!(grpc.traces.is_none() && grpc.metrics.is_none());
        assert_eq!(grpc.refusals.len(), 1, "{:?}", grpc.refusals);
        assert_eq!(traces(&[(otel::ENDPOINT, "127.0.0.1:4317")]), None);
    }

    #[test]
    fn endpoints_protocols_headers_and_resource() {
        let p = plans_of(&[(otel::ENDPOINT, "http://h:4318/")]);
        let t = p.traces.unwrap();
        assert_eq!(t.destination.url, "http://h:4318/v1/traces");
        assert_eq!(t.destination.encoding, Encoding::Protobuf);
        assert_eq!(t.destination.timeout, DEFAULT_TIMEOUT);
        assert_eq!(t.origin.resource[0], ("service.name".into(), "vmcp".into()));
        let m = p.metrics.unwrap();
        assert_eq!(m.destination.url, "http://h:4318/v1/metrics");
        assert_eq!(m.interval, DEFAULT_EXPORT_INTERVAL);
        let p = plans_of(&[
            (otel::ENDPOINT, "http://h:4318"),
            (otel::TRACES_ENDPOINT, "https://c.example/otlp/traces"),
            (otel::PROTOCOL, "grpc"),
            (otel::TRACES_PROTOCOL, "http/json"),
            (
                otel::HEADERS,
                "authorization=Bearer%20abc, x-tenant = t1,broken",
            ),
            (otel::TRACES_TIMEOUT, "2500"),
            (otel::SERVICE_NAME, "gateway"),
            (
                otel::RESOURCE_ATTRIBUTES,
                "service.name=ignored,deployment.environment=prod",
            ),
            (otel::BSP_SCHEDULE_DELAY, "100"),
            (otel::BSP_MAX_QUEUE_SIZE, "0"),
            (otel::METRIC_EXPORT_INTERVAL, "250"),
            (otel::METRICS_PROTOCOL, "http/protobuf"),
        ]);
        let t = p.traces.unwrap();
        assert_eq!(t.destination.url, "https://c.example/otlp/traces");
        assert_eq!(t.destination.encoding, Encoding::Json);
        assert_eq!(
            t.destination.headers,
            vec![
                ("authorization".into(), "Bearer abc".into()),
                ("x-tenant".into(), "t1".into())
            ]
        );
        assert_eq!(t.destination.timeout, Duration::from_millis(2500));
        assert_eq!(t.schedule_delay, Duration::from_millis(100));
        assert_eq!(t.max_queue, DEFAULT_MAX_QUEUE);
        assert_eq!(
            t.origin.resource[..2],
            [
                ("service.name".to_string(), "gateway".to_string()),
                ("deployment.environment".to_string(), "prod".to_string())
            ]
        );
        let m = p.metrics.unwrap();
        assert_eq!(m.destination.url, "http://h:4318/v1/metrics");
        assert_eq!(m.destination.encoding, Encoding::Protobuf);
        assert_eq!(m.interval, Duration::from_millis(250));
    }
}
