//! A loopback OTLP/HTTP collector: keeps every export request it gets, and reads the spans and
//! histogram points out of them in either encoding, protobuf with a decoder of its own (the
//! wire format, read independently of vmcp's encoder), or JSON.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

/// One export request as it arrived.
#[derive(Debug, Clone)]
pub struct Export {
    pub path: String,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A span, whichever encoding it came in (ids as hex, empty when absent).
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::struct_field_names, reason = "OTLP's own field names")]
pub struct Span {
    pub trace_id: String,
    pub span_id: String,
    pub parent: String,
    pub trace_state: String,
    pub name: String,
    pub kind: u64,
    pub start: u64,
    pub end: u64,
    /// Attribute values as text (integers too).
    pub attributes: BTreeMap<String, String>,
    /// 0 unset, 1 ok, 2 error.
    pub status: u64,
    pub status_message: String,
    /// The resource's attributes.
    pub resource: BTreeMap<String, String>,
}

impl Span {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attributes.get(key).map(String::as_str)
    }
}

/// One histogram data point.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub metric: String,
    pub unit: String,
    pub attributes: BTreeMap<String, String>,
    pub count: u64,
    pub bucket_counts: Vec<u64>,
}

pub struct Collector {
    pub url: String,
    exports: Arc<Mutex<Vec<Export>>>,
}

impl Collector {
    pub fn start() -> Collector {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let exports = Arc::new(Mutex::new(Vec::new()));
        let shared = exports.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let exports = shared.clone();
                std::thread::spawn(move || serve(stream, &exports));
            }
        });
        Collector { url, exports }
    }

    pub fn exports(&self) -> Vec<Export> {
        self.exports.lock().unwrap().clone()
    }

    /// Every span received so far.
    pub fn spans(&self) -> Vec<Span> {
        self.exports()
            .iter()
            .filter(|e| !e.path.ends_with("/metrics"))
            .flat_map(decode)
            .collect()
    }

    /// The metric exports received so far.
    pub fn metric_exports(&self) -> Vec<Export> {
        self.exports()
            .into_iter()
            .filter(|e| e.path.ends_with("/metrics"))
            .collect()
    }

    /// The data points of the latest metric export (cumulative: it has them all).
    pub fn points(&self) -> Vec<Point> {
        self.metric_exports()
            .last()
            .map(decode_metrics)
            .unwrap_or_default()
    }

    /// Waits until the latest metric export has a point of `metric` whose attributes include
    /// `attributes`, and returns it.
    pub fn wait_point(&self, metric: &str, attributes: &[(&str, &str)]) -> Point {
        super::wait_for(Duration::from_secs(10), || {
            self.points().into_iter().find(|p| {
                p.metric == metric
                    && attributes
                        .iter()
                        .all(|(k, v)| p.attributes.get(*k).map(String::as_str) == Some(v))
            })
        })
        .unwrap_or_else(|| {
            panic!(
                "no point of {metric} with {attributes:?}; got {:#?}",
                self.points()
            )
        })
    }

    /// Waits until `n` spans named `name` arrived, and returns them (in arrival order).
    pub fn wait_spans(&self, name: &str, n: usize) -> Vec<Span> {
        super::wait_for(Duration::from_secs(10), || {
            let named: Vec<Span> = self
                .spans()
                .into_iter()
                .filter(|s| s.name == name)
                .collect();
            (named.len() >= n).then_some(named)
        })
        .unwrap_or_else(|| panic!("not {n} spans `{name}`; got {:#?}", self.spans()))
    }

    /// Waits until a span named `name` arrived.
    pub fn wait_span(&self, name: &str) -> Span {
        super::wait_for(Duration::from_secs(10), || {
            self.spans().into_iter().find(|s| s.name == name)
        })
        .unwrap_or_else(|| panic!("no span `{name}`; got {:#?}", self.spans()))
    }
}

/// HTTP/1.1 with keep-alive: requests with a `content-length` body, answered 200.
fn serve(stream: TcpStream, exports: &Mutex<Vec<Export>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_string();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let len: usize = header("content-length").parse().unwrap_or(0);
        let mut body = vec![0; len];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let content_type = header("content-type");
        exports.lock().unwrap().push(Export {
            path,
            content_type,
            headers,
            body,
        });
        let _ = writer.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
    }
}

/// The spans of one export request, by its content type.
pub fn decode(e: &Export) -> Vec<Span> {
    match e.content_type.as_str() {
        "application/x-protobuf" => from_protobuf(&e.body),
        "application/json" => from_json(&serde_json::from_slice(&e.body).unwrap()),
        other => panic!("unexpected content type `{other}`"),
    }
}

/// A protobuf field: a varint or fixed number, or length-delimited bytes.
#[derive(Debug, Clone)]
enum Field {
    Int(u64),
    Bytes(Vec<u8>),
}

fn varint(b: &[u8], at: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let byte = b[*at];
        *at += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return v;
        }
        shift += 7;
    }
}

/// A message's fields, in order.
fn fields(b: &[u8]) -> Vec<(u64, Field)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < b.len() {
        let tag = varint(b, &mut at);
        let field = match tag & 7 {
            0 => Field::Int(varint(b, &mut at)),
            1 => {
                let v = u64::from_le_bytes(b[at..at + 8].try_into().unwrap());
                at += 8;
                Field::Int(v)
            }
            2 => {
                let len = usize::try_from(varint(b, &mut at)).unwrap();
                let v = b[at..at + len].to_vec();
                at += len;
                Field::Bytes(v)
            }
            5 => {
                let v = u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
                at += 4;
                Field::Int(u64::from(v))
            }
            w => panic!("wire type {w} in an OTLP message"),
        };
        out.push((tag >> 3, field));
    }
    out
}

fn all(b: &[u8], n: u64) -> Vec<Vec<u8>> {
    fields(b)
        .into_iter()
        .filter_map(|(k, f)| match f {
            Field::Bytes(v) if k == n => Some(v),
            _ => None,
        })
        .collect()
}

fn one(b: &[u8], n: u64) -> Vec<u8> {
    all(b, n).into_iter().next().unwrap_or_default()
}

fn int(b: &[u8], n: u64) -> u64 {
    fields(b)
        .into_iter()
        .find_map(|(k, f)| match f {
            Field::Int(v) if k == n => Some(v),
            _ => None,
        })
        .unwrap_or(0)
}

fn hex(b: &[u8]) -> String {
    use std::fmt::Write as _;
    b.iter().fold(String::new(), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// `KeyValue { key = 1; AnyValue value = 2 { string = 1; bool = 2; int = 3; double = 4 } }`.
fn attributes(kvs: &[Vec<u8>]) -> BTreeMap<String, String> {
    kvs.iter()
        .map(|kv| {
            let any = one(kv, 2);
            let value = match fields(&any).first() {
                Some((1, Field::Bytes(s))) => text(s),
                #[allow(clippy::cast_possible_wrap)]
                Some((3, Field::Int(n))) => (*n as i64).to_string(),
                other => panic!("unexpected attribute value {other:?}"),
            };
            (text(&one(kv, 1)), value)
        })
        .collect()
}

fn from_protobuf(body: &[u8]) -> Vec<Span> {
    let mut out = Vec::new();
    for rs in all(body, 1) {
        let resource = attributes(&all(&one(&rs, 1), 1));
        for ss in all(&rs, 2) {
            for s in all(&ss, 2) {
                let status = one(&s, 15);
                out.push(Span {
                    trace_id: hex(&one(&s, 1)),
                    span_id: hex(&one(&s, 2)),
                    trace_state: text(&one(&s, 3)),
                    parent: hex(&one(&s, 4)),
                    name: text(&one(&s, 5)),
                    kind: int(&s, 6),
                    start: int(&s, 7),
                    end: int(&s, 8),
                    attributes: attributes(&all(&s, 9)),
                    status: int(&status, 3),
                    status_message: text(&one(&status, 2)),
                    resource: resource.clone(),
                });
            }
        }
    }
    out
}

fn json_attributes(list: &Value) -> BTreeMap<String, String> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|kv| {
            let v = &kv["value"];
            let value = v["stringValue"]
                .as_str()
                .or_else(|| v["intValue"].as_str())
                .unwrap_or_else(|| panic!("unexpected attribute value {v}"))
                .to_string();
            (kv["key"].as_str().unwrap().to_string(), value)
        })
        .collect()
}

fn from_json(body: &Value) -> Vec<Span> {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let n = |v: &Value| {
        v.as_str()
            .map_or_else(|| v.as_u64().unwrap_or(0), |t| t.parse().unwrap())
    };
    let mut out = Vec::new();
    for rs in body["resourceSpans"].as_array().unwrap() {
        let resource = json_attributes(&rs["resource"]["attributes"]);
        for ss in rs["scopeSpans"].as_array().unwrap() {
            for span in ss["spans"].as_array().unwrap() {
                out.push(Span {
                    trace_id: s(&span["traceId"]),
                    span_id: s(&span["spanId"]),
                    parent: s(&span["parentSpanId"]),
                    trace_state: s(&span["traceState"]),
                    name: s(&span["name"]),
                    kind: span["kind"].as_u64().unwrap(),
                    start: n(&span["startTimeUnixNano"]),
                    end: n(&span["endTimeUnixNano"]),
                    attributes: json_attributes(&span["attributes"]),
                    status: span["status"]["code"].as_u64().unwrap_or(0),
                    status_message: s(&span["status"]["message"]),
                    resource: resource.clone(),
                });
            }
        }
    }
    out
}

/// The histogram points of one metric export, by its content type.
pub fn decode_metrics(e: &Export) -> Vec<Point> {
    match e.content_type.as_str() {
        "application/x-protobuf" => metrics_from_protobuf(&e.body),
        "application/json" => metrics_from_json(&serde_json::from_slice(&e.body).unwrap()),
        other => panic!("unexpected content type `{other}`"),
    }
}

fn fixed64s(b: &[u8]) -> Vec<u64> {
    b.chunks(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

fn metrics_from_protobuf(body: &[u8]) -> Vec<Point> {
    let mut out = Vec::new();
    for rm in all(body, 1) {
        for sm in all(&rm, 2) {
            for m in all(&sm, 2) {
                let histogram = one(&m, 9);
                assert_eq!(int(&histogram, 2), 2, "cumulative temporality");
                for p in all(&histogram, 1) {
                    out.push(Point {
                        metric: text(&one(&m, 1)),
                        unit: text(&one(&m, 3)),
                        attributes: attributes(&all(&p, 9)),
                        count: int(&p, 4),
                        bucket_counts: fixed64s(&one(&p, 6)),
                    });
                }
            }
        }
    }
    out
}

fn metrics_from_json(body: &Value) -> Vec<Point> {
    let mut out = Vec::new();
    for rm in body["resourceMetrics"].as_array().unwrap() {
        for sm in rm["scopeMetrics"].as_array().unwrap() {
            for m in sm["metrics"].as_array().unwrap() {
                assert_eq!(m["histogram"]["aggregationTemporality"], 2);
                for p in m["histogram"]["dataPoints"].as_array().unwrap() {
                    out.push(Point {
                        metric: m["name"].as_str().unwrap().to_string(),
                        unit: m["unit"].as_str().unwrap_or_default().to_string(),
                        attributes: json_attributes(&p["attributes"]),
                        count: p["count"].as_str().unwrap().parse().unwrap(),
                        bucket_counts: p["bucketCounts"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|c| c.as_str().unwrap().parse().unwrap())
                            .collect(),
                    });
                }
            }
        }
    }
    out
}
