//! OpenTelemetry's standard environment variables → where and how vmcp exports its traces.
//! Nothing is exported (and nothing is spent per request) unless an OTLP endpoint is set.
//! OTLP over HTTP only, in both encodings (`http/protobuf`, the default, and `http/json`):
//! `grpc` is refused with a warning rather than pulling in a gRPC stack.

use std::time::Duration;

use crate::support::env_vars::otel;
use crate::telemetry::export::{
    DEFAULT_MAX_BATCH, DEFAULT_MAX_QUEUE, DEFAULT_SCHEDULE_DELAY, DEFAULT_TIMEOUT, ExportPlan,
};
use crate::telemetry::otlp::{Encoding, Origin};

/// The service name when `OTEL_SERVICE_NAME` does not give one.
pub(crate) const DEFAULT_SERVICE_NAME: &str = "vmcp";

/// The export plan the environment asks for (`get` reads one variable), or `None`: tracing
/// off. Settings it cannot use are warned about, as the specification asks, and either fall
/// back to the default or (a protocol or exporter vmcp does not speak) turn tracing off.
pub(crate) fn plan(get: impl Fn(&str) -> Option<String>) -> Option<ExportPlan> {
    let get = |name: &str| {
        get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    if get(otel::SDK_DISABLED).is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return None;
    }
    match get(otel::TRACES_EXPORTER).as_deref() {
        None | Some("otlp") => {}
        Some("none") => return None,
        Some(other) => {
            tracing::warn!(
                "{}={other} is not supported (vmcp exports OTLP only); not exporting traces",
                otel::TRACES_EXPORTER
            );
            return None;
        }
    }
    let url = match (get(otel::TRACES_ENDPOINT), get(otel::ENDPOINT)) {
        (Some(url), _) => url,
        (None, Some(base)) => format!("{}/v1/traces", base.trim_end_matches('/')),
        (None, None) => return None,
    };
    if !url.starts_with("http://") && !url.starts_with("https://") || url::Url::parse(&url).is_err()
    {
        tracing::warn!(
            "the OTLP endpoint `{}` is not an http(s) URL; not exporting traces",
            crate::support::url::redacted(&url)
        );
        return None;
    }
    let protocol = get(otel::TRACES_PROTOCOL).or_else(|| get(otel::PROTOCOL));
    let encoding = match protocol.as_deref() {
        None | Some("http/protobuf") => Encoding::Protobuf,
        Some("http/json") => Encoding::Json,
        Some(other) => {
            tracing::warn!(
                "OTLP protocol `{other}` is not supported (use http/protobuf or http/json); not \
                 exporting traces"
            );
            return None;
        }
    };
    let headers = get(otel::TRACES_HEADERS)
        .or_else(|| get(otel::HEADERS))
        .map(|h| pairs(&h, otel::HEADERS))
        .unwrap_or_default();
    let timeout = get(otel::TRACES_TIMEOUT)
        .or_else(|| get(otel::TIMEOUT))
        .and_then(|v| millis(otel::TIMEOUT, &v))
        .unwrap_or(DEFAULT_TIMEOUT);
    let schedule_delay = get(otel::BSP_SCHEDULE_DELAY)
        .and_then(|v| millis(otel::BSP_SCHEDULE_DELAY, &v))
        .unwrap_or(DEFAULT_SCHEDULE_DELAY);
    let count = |name: &str, default: usize| {
        get(name).map_or(default, |v| match v.parse::<usize>() {
            Ok(n) if n > 0 => n,
            _ => {
                tracing::warn!("{name}={v} is not a positive count; using {default}");
                default
            }
        })
    };
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
    Some(ExportPlan {
        url,
        encoding,
        headers,
        timeout,
        origin: Origin {
            resource,
            scope: "vmcp",
            version: env!("CARGO_PKG_VERSION"),
        },
        schedule_delay,
        max_queue: count(otel::BSP_MAX_QUEUE_SIZE, DEFAULT_MAX_QUEUE),
        max_batch: count(otel::BSP_MAX_EXPORT_BATCH_SIZE, DEFAULT_MAX_BATCH),
    })
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

    fn plan_of(vars: &[(&str, &str)]) -> Option<ExportPlan> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        plan(|k| map.get(k).cloned())
    }

    #[test]
    fn nothing_is_exported_without_an_endpoint_or_when_disabled() {
        assert_eq!(plan_of(&[]), None);
        assert_eq!(plan_of(&[(otel::SERVICE_NAME, "x")]), None);
        let on = [(otel::ENDPOINT, "http://127.0.0.1:4318")];
        assert!(plan_of(&on).is_some());
        assert_eq!(plan_of(&[on[0], (otel::SDK_DISABLED, "true")]), None);
        assert_eq!(plan_of(&[on[0], (otel::TRACES_EXPORTER, "none")]), None);
        assert_eq!(plan_of(&[on[0], (otel::TRACES_EXPORTER, "zipkin")]), None);
        assert_eq!(plan_of(&[on[0], (otel::PROTOCOL, "grpc")]), None);
        assert_eq!(plan_of(&[(otel::ENDPOINT, "127.0.0.1:4317")]), None);
    }

    #[test]
    fn endpoints_protocols_headers_and_resource() {
        let p = plan_of(&[(otel::ENDPOINT, "http://h:4318/")]).unwrap();
        assert_eq!(p.url, "http://h:4318/v1/traces");
        assert_eq!(p.encoding, Encoding::Protobuf);
        assert_eq!(p.timeout, DEFAULT_TIMEOUT);
        assert_eq!(p.origin.resource[0], ("service.name".into(), "vmcp".into()));
        let p = plan_of(&[
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
        ])
        .unwrap();
        assert_eq!(p.url, "https://c.example/otlp/traces");
        assert_eq!(p.encoding, Encoding::Json);
        assert_eq!(
            p.headers,
            vec![
                ("authorization".into(), "Bearer abc".into()),
                ("x-tenant".into(), "t1".into())
            ]
        );
        assert_eq!(p.timeout, Duration::from_millis(2500));
        assert_eq!(p.schedule_delay, Duration::from_millis(100));
        assert_eq!(p.max_queue, DEFAULT_MAX_QUEUE);
        assert_eq!(
            p.origin.resource[..2],
            [
                ("service.name".to_string(), "gateway".to_string()),
                ("deployment.environment".to_string(), "prod".to_string())
            ]
        );
    }
}
