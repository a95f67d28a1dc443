//! A Server-Sent Events parser (the HTML living standard's algorithm), fed with arbitrary chunks.

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    pub event: Option<String>,
    pub data: String,
    pub id: Option<String>,
    pub retry_ms: Option<u64>,
}

#[derive(Default)]
pub struct SseParser {
    buf: Vec<u8>,
    data: Option<String>,
    event: Option<String>,
    id: Option<String>,
    retry: Option<u64>,
    skip_lf: bool,
}

impl SseParser {
    /// Feeds bytes; returns the events completed by them.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<Event> {
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
                    let line = std::mem::take(&mut self.buf);
                    if let Some(ev) = self.line(&String::from_utf8_lossy(&line)) {
                        out.push(ev);
                    }
                }
                _ => self.buf.push(b),
            }
        }
        out
    }

    fn line(&mut self, line: &str) -> Option<Event> {
        if line.is_empty() {
            let data = self.data.take();
            let event = self.event.take();
            let retry_ms = self.retry.take();
            return data.map(|data| Event {
                event,
                data,
                id: self.id.clone(),
                retry_ms,
            });
        }
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        match field {
            "data" => match &mut self.data {
                Some(d) => {
                    d.push('\n');
                    d.push_str(value);
                }
                None => self.data = Some(value.to_string()),
            },
            "event" => self.event = Some(value.to_string()),
            "id" if !value.contains('\0') => self.id = Some(value.to_string()),
            "retry" => self.retry = value.parse().ok(),
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
                    data: "{\"a\":1}".into(),
                    id: Some("7".into()),
                    retry_ms: None
                },
                Event {
                    event: None,
                    data: "x\ny".into(),
                    id: Some("7".into()),
                    retry_ms: None
                },
            ]
        );
    }

    #[test]
    fn events_without_data_are_not_dispatched() {
        let mut p = SseParser::default();
        assert!(p.push(b"event: ping\n\nretry: 500\n\n").is_empty());
    }
}
