//! `ExportMetricsServiceRequest`, as much of it as vmcp sends: explicit-bucket histograms with
//! cumulative temporality.

use std::time::SystemTime;

use serde_json::{Value as Json, json};

use super::{
    Encoding, Origin, Writer, attribute_json, nanos, resource_json, resource_protobuf, scope_json,
    scope_protobuf,
};
use crate::telemetry::trace::Value;

/// `AggregationTemporality.CUMULATIVE`.
const CUMULATIVE: u64 = 2;

/// One histogram metric and its data points (one per attribute set).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HistogramPoints {
    pub name: &'static str,
    pub description: &'static str,
    pub unit: &'static str,
    pub bounds: &'static [f64],
    /// Since when the counts run.
    pub start: SystemTime,
    pub points: Vec<Point>,
}

/// One attribute set's data.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Point {
    pub attributes: Vec<(&'static str, String)>,
    /// Per bucket, not cumulative: one more than the bounds.
    pub counts: Vec<u64>,
    pub sum: f64,
    pub count: u64,
}

/// The export request carrying `metrics`, as of `now`.
pub(crate) fn encode_histograms(
    origin: &Origin,
    metrics: &[HistogramPoints],
    now: SystemTime,
    encoding: Encoding,
) -> Vec<u8> {
    match encoding {
        Encoding::Protobuf => protobuf(origin, metrics, now),
        Encoding::Json => serde_json::to_vec(&json_body(origin, metrics, now)).unwrap_or_default(),
    }
}

fn protobuf(origin: &Origin, metrics: &[HistogramPoints], now: SystemTime) -> Vec<u8> {
    let mut w = Writer::default();
    // ExportMetricsServiceRequest.resource_metrics = 1 { resource = 1, scope_metrics = 2 }
    w.message(1, |rm| {
        resource_protobuf(rm, 1, origin);
        // ScopeMetrics { scope = 1, metrics = 2 }
        rm.message(2, |sm| {
            scope_protobuf(sm, 1, origin);
            for m in metrics {
                // Metric { name = 1, description = 2, unit = 3, histogram = 9 }
                sm.message(2, |mw| {
                    mw.string(1, m.name);
                    mw.string(2, m.description);
                    mw.string(3, m.unit);
                    // Histogram { data_points = 1, aggregation_temporality = 2 }
                    mw.message(9, |h| {
                        for point in &m.points {
                            h.message(1, |p| point_protobuf(p, m, point, now));
                        }
                        h.uint(2, CUMULATIVE);
                    });
                });
            }
        });
    });
    w.0
}

/// `HistogramDataPoint { start_time_unix_nano = 2, time_unix_nano = 3, count = 4, sum = 5,
/// bucket_counts = 6, explicit_bounds = 7, attributes = 9 }`.
fn point_protobuf(w: &mut Writer, m: &HistogramPoints, point: &Point, now: SystemTime) {
    let Point {
        attributes,
        counts,
        sum,
        count,
    } = point;
    w.fixed64(2, nanos(m.start));
    w.fixed64(3, nanos(now));
    w.fixed64(4, *count);
    w.double(5, *sum);
    w.packed(6, counts.iter().map(|c| c.to_le_bytes()));
    w.packed(7, m.bounds.iter().map(|b| b.to_le_bytes()));
    for (k, v) in attributes {
        w.attribute(9, k, &Value::Str(v.clone()));
    }
}

fn json_body(origin: &Origin, metrics: &[HistogramPoints], now: SystemTime) -> Json {
    let metrics: Vec<Json> = metrics
        .iter()
        .map(|m| {
            let points: Vec<Json> = m
                .points
                .iter()
                .map(|p| {
                    let Point {
                        attributes,
                        counts,
                        sum,
                        count,
                    } = p;
                    json!({
                        "attributes": attributes
                            .iter()
                            .map(|(k, v)| attribute_json(k, &Value::Str(v.clone())))
                            .collect::<Vec<_>>(),
                        "startTimeUnixNano": nanos(m.start).to_string(),
                        "timeUnixNano": nanos(now).to_string(),
                        "count": count.to_string(),
                        "sum": sum,
                        "bucketCounts": counts.iter().map(u64::to_string).collect::<Vec<_>>(),
                        "explicitBounds": m.bounds,
                    })
                })
                .collect();
            json!({
                "name": m.name,
                "description": m.description,
                "unit": m.unit,
                "histogram": {"aggregationTemporality": CUMULATIVE, "dataPoints": points},
            })
        })
        .collect();
    json!({"resourceMetrics": [{
        "resource": resource_json(origin),
        "scopeMetrics": [{"scope": scope_json(origin), "metrics": metrics}],
    }]})
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    fn metric() -> HistogramPoints {
        HistogramPoints {
            name: "mcp.server.operation.duration",
            description: "d",
            unit: "s",
            bounds: &[0.5],
            start: UNIX_EPOCH + Duration::from_secs(1),
            points: vec![Point {
                attributes: vec![("mcp.method.name", "ping".into())],
                counts: vec![1, 2],
                sum: 2.25,
                count: 3,
            }],
        }
    }

    fn origin() -> Origin {
        Origin {
            resource: vec![],
            scope: "vmcp",
            version: "1",
        }
    }

    #[test]
    fn a_data_point_in_protobuf() {
        let now = UNIX_EPOCH + Duration::from_secs(2);
        let body = encode_histograms(&origin(), &[metric()], now, Encoding::Protobuf);
        let mut point: Vec<u8> = vec![0x11];
        point.extend(1_000_000_000u64.to_le_bytes());
        point.push(0x19);
        point.extend(2_000_000_000u64.to_le_bytes());
        point.push(0x21);
        point.extend(3u64.to_le_bytes());
        point.push(0x29);
        point.extend(2.25f64.to_le_bytes());
        point.extend([0x32, 16]);
        point.extend(1u64.to_le_bytes());
        point.extend(2u64.to_le_bytes());
        point.extend([0x3a, 8]);
        point.extend(0.5f64.to_le_bytes());
        point.extend([0x4a, 25, 0x0a, 15]);
        point.extend(b"mcp.method.name");
        point.extend([0x12, 6, 0x0a, 4]);
        point.extend(b"ping");
        let mut histogram = vec![0x0a, u8::try_from(point.len()).unwrap()];
        histogram.extend(&point);
        histogram.extend([0x10, 2]);
        let tail: Vec<u8> = [
            &[0x4a, u8::try_from(histogram.len()).unwrap()][..],
            &histogram,
        ]
        .concat();
        assert!(
            body.windows(tail.len()).any(|w| w == tail.as_slice()),
            "{body:?}"
        );
    }

    #[test]
    fn a_data_point_in_json() {
        let now = UNIX_EPOCH + Duration::from_secs(2);
        let body: Json = serde_json::from_slice(&encode_histograms(
            &origin(),
            &[metric()],
            now,
            Encoding::Json,
        ))
        .unwrap();
        let m = &body["resourceMetrics"][0]["scopeMetrics"][0]["metrics"][0];
        assert_eq!(m["unit"], "s");
        assert_eq!(m["histogram"]["aggregationTemporality"], 2);
        let p = &m["histogram"]["dataPoints"][0];
        assert_eq!(p["count"], "3");
        assert_eq!(p["bucketCounts"], json!(["1", "2"]));
        assert_eq!(p["explicitBounds"], json!([0.5]));
        assert_eq!(p["startTimeUnixNano"], "1000000000");
    }
}
