//! A Server-Sent Events parser (the HTML living standard's algorithm), fed with arbitrary chunks.
//! Event data stays bytes (a message that is not UTF-8 is reported, not patched), and is bounded:
//! an event whose data grows past the limit is dropped on the way, keeping only what its bytes
//! say about the message (its id), so that the request it answers can fail at once.

use crate::protocol::lines::DEFAULT_MAX_LINE_BYTES;
use crate::protocol::salvage::{EnvelopeScan, Salvaged};

/// One dispatched event; its fields are named as the SSE lines that set them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[expect(
    clippy::struct_field_names,
    reason = "`event` is the SSE field's own name"
)]
pub(crate) struct Event {
    pub event: Option<String>,
    pub data: Vec<u8>,
    pub id: Option<String>,
    pub retry_ms: Option<u64>,
    /// The data was over the limit and dropped: its length, and what its bytes revealed.
    pub oversized: Option<(usize, Salvaged)>,
}

impl Event {
    /// Whether the data is only whitespace (nothing to deliver).
    pub(crate) fn is_blank(&self) -> bool {
        self.oversized.is_none() && self.data.iter().all(u8::is_ascii_whitespace)
    }
}

/// An event's data past the limit: only scanned.
struct Oversized {
    len: usize,
    scan: Box<EnvelopeScan>,
}

pub(crate) struct SseParser {
    buf: Vec<u8>,
    data: Option<Vec<u8>>,
    event: Option<String>,
    id: Option<String>,
    retry: Option<u64>,
    skip_lf: bool,
    limit: usize,
    over: Option<Oversized>,
    /// The line being read went over the limit: its bytes are scanned (a `data` line) or
    /// dropped until its end.
    long_line: Option<bool>,
}

impl Default for SseParser {
    fn default() -> Self {
        SseParser::new(DEFAULT_MAX_LINE_BYTES)
    }
}

impl SseParser {
    /// A parser dropping events whose data is longer than `limit` bytes.
    pub(crate) fn new(limit: usize) -> SseParser {
        SseParser {
            buf: Vec::new(),
            data: None,
            event: None,
            id: None,
            retry: None,
            skip_lf: false,
            limit,
            over: None,
            long_line: None,
        }
    }

    /// Whether no event is under way: everything fed so far was dispatched or discarded.
    pub(crate) fn is_idle(&self) -> bool {
        self.buf.is_empty()
            && self.data.is_none()
            && self.over.is_none()
            && self.long_line.is_none()
    }

    /// Feeds bytes; returns the events completed by them.
    pub(crate) fn push(&mut self, chunk: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        for &b in chunk {
            if self.skip_lf {
                self.skip_lf = false;
                if b == b'\n' {
                    continue;
                }
            }
            match b {
                b'\n' | b'\r' => {
                    self.skip_lf = b == b'\r';
                    if self.long_line.take().is_some() {
                        continue;
                    }
                    let line = std::mem::take(&mut self.buf);
                    if let Some(ev) = self.line(&line) {
                        out.push(ev);
                    }
                }
                _ => match (self.long_line, &mut self.over) {
                    (Some(true), Some(over)) => {
                        over.len += 1;
                        over.scan.push(&[b]);
                    }
                    (Some(_), _) => {}
                    (None, _) => {
                        self.buf.push(b);
                        let data = self.data.as_ref().map_or(0, Vec::len);
                        if data + self.buf.len() > self.limit {
                            self.overflow();
                        }
                    }
                },
            }
        }
        out
    }

    /// The event under way is over the limit: what it holds is scanned, then let go.
    fn overflow(&mut self) {
        let line = std::mem::take(&mut self.buf);
        let over = self.over.get_or_insert_with(|| Oversized {
            len: 0,
            scan: Box::default(),
        });
        if let Some(data) = self.data.take() {
            over.len += data.len();
            over.scan.push(&data);
        }
        let value = line
            .strip_prefix(b"data:")
            .map(|v| v.strip_prefix(b" ").unwrap_or(v));
        if let Some(value) = value {
            if over.len > 0 {
                over.len += 1;
                over.scan.push(b"\n");
            }
            over.len += value.len();
            over.scan.push(value);
        }
        self.long_line = Some(value.is_some());
    }

    fn line(&mut self, line: &[u8]) -> Option<Event> {
        if line.is_empty() {
            let data = self.data.take();
            let event = self.event.take();
            let retry_ms = self.retry.take();
            if let Some(over) = self.over.take() {
                return Some(Event {
                    event,
                    data: Vec::new(),
                    id: self.id.clone(),
                    retry_ms,
                    oversized: Some((over.len, over.scan.finish())),
                });
            }
            return data.map(|data| Event {
                event,
                data,
                id: self.id.clone(),
                retry_ms,
                oversized: None,
            });
        }
        if line.starts_with(b":") {
            return None;
        }
        let (field, value) = match line.iter().position(|&b| b == b':') {
            Some(i) => {
                let v = &line[i + 1..];
                (&line[..i], v.strip_prefix(b" ").unwrap_or(v))
            }
            None => (line, &b""[..]),
        };
        let text = || String::from_utf8_lossy(value).into_owned();
        match field {
            b"data" => match (&mut self.over, &mut self.data) {
                (Some(over), _) => {
                    over.len += 1 + value.len();
                    over.scan.push(b"\n");
                    over.scan.push(value);
                }
                (None, Some(d)) => {
                    d.push(b'\n');
                    d.extend_from_slice(value);
                }
                (None, None) => self.data = Some(value.to_vec()),
            },
            b"event" => self.event = Some(text()),
            b"id" if !value.contains(&0) => self.id = Some(text()),
            b"retry" => self.retry = text().parse().ok(),
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_events_split_across_chunks() {
        let mut p = SseParser::default();
        let mut got = p.push(b"event: message\nid: 7\nda");
        assert!(got.is_empty());
        got.extend(p.push(b"ta: {\"a\":1}\n\n: comment\n\ndata: x\r\ndata: y\r\n\r\n"));
        assert_eq!(
            got,
            vec![
                Event {
                    event: Some("message".into()),
                    data: b"{\"a\":1}".to_vec(),
                    id: Some("7".into()),
                    ..Event::default()
                },
                Event {
                    event: None,
                    data: b"x\ny".to_vec(),
                    id: Some("7".into()),
                    ..Event::default()
                },
            ]
        );
    }

    #[test]
    fn data_stays_bytes_and_an_oversized_event_keeps_only_its_id() {
        let mut p = SseParser::new(40);
        let got = p.push(b"data: {\"id\":1,\"t\":\"\xff\"}\n\n");
        assert_eq!(got[0].data, b"{\"id\":1,\"t\":\"\xff\"}");
        assert!(p.is_idle());
        let mut got = p.push(b"data: {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"text\":\"");
        got.extend(p.push(&[b'x'; 100]));
        assert!(!p.is_idle());
        got.extend(p.push(b"\"}}\ndata: \n\nevent: message\ndata: {}\n\n"));
        assert_eq!(got.len(), 2);
        let (len, salvaged) = got[0].oversized.clone().unwrap();
        assert_eq!(len, 146);
        assert_eq!(salvaged.id, Some(crate::protocol::RequestId::Number(7)));
        assert!(salvaged.is_answer());
        assert_eq!(got[1].data, b"{}");
        assert!(p.is_idle());
    }

    #[test]
    fn events_without_data_are_not_dispatched() {
        let mut p = SseParser::default();
        assert!(p.push(b"event: ping\n\nretry: 500\n\n").is_empty());
    }
}
