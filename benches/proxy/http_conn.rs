//! A minimal keep-alive HTTP/1.1 client for measuring streamable HTTP servers: one connection,
//! one request at a time, JSON or SSE answers (`Content-Length`, chunked, or read to close).
//! Lighter than a general client, so the machine's two cores go to the servers measured.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Where an endpoint is: `http://HOST:PORT/PATH`.
#[derive(Clone)]
pub(crate) struct Endpoint {
    pub(crate) authority: String,
    pub(crate) path: String,
}

impl Endpoint {
    pub(crate) fn parse(url: &str) -> Endpoint {
        let rest = url.strip_prefix("http://").expect("an http:// URL");
        let slash = rest.find('/').unwrap_or(rest.len());
        Endpoint {
            authority: rest[..slash].to_string(),
            path: if slash == rest.len() {
                "/".into()
            } else {
                rest[slash..].to_string()
            },
        }
    }
}

pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) session: Option<String>,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    /// The JSON-RPC response in the body (SSE: the event that carries it), as text.
    pub(crate) fn answer(&self) -> &str {
        let text = std::str::from_utf8(&self.body).unwrap_or("");
        if text.trim_start().starts_with('{') {
            return text;
        }
        text.lines()
            .filter_map(|l| l.strip_prefix("data:"))
            .map(str::trim)
            .find(|d| d.contains("\"result\"") || d.contains("\"error\""))
            .unwrap_or("")
    }

    pub(crate) fn ok(&self) -> bool {
        self.status == 200 && self.answer().contains("\"result\"")
    }
}

pub(crate) struct HttpConn {
    endpoint: Endpoint,
    stream: TcpStream,
    buf: Vec<u8>,
}

impl HttpConn {
    pub(crate) async fn connect(endpoint: &Endpoint) -> HttpConn {
        let stream = TcpStream::connect(&endpoint.authority)
            .await
            .expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        HttpConn {
            endpoint: endpoint.clone(),
            stream,
            buf: Vec::with_capacity(8192),
        }
    }

    /// Sends one request and reads its whole answer; reconnects once if the server had closed
    /// the idle connection.
    pub(crate) async fn request(
        &mut self,
        method: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        let mut head = format!(
            "{method} {} HTTP/1.1\r\nHost: {}\r\nAccept: application/json, text/event-stream\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n",
            self.endpoint.path,
            self.endpoint.authority,
            body.len()
        );
        for (name, value) in headers {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        let mut message = head.into_bytes();
        message.extend_from_slice(body);
        for attempt in 0..2 {
            if self.stream.write_all(&message).await.is_ok()
                && let Some(reply) = self.read_reply().await
            {
                return reply;
            }
            assert!(attempt == 0, "the server closed the connection twice");
            *self = HttpConn::connect(&self.endpoint.clone()).await;
        }
        unreachable!()
    }

    async fn fill(&mut self) -> bool {
        self.buf.reserve(16384);
        let read = self.stream.read_buf(&mut self.buf);
        matches!(tokio::time::timeout(Duration::from_secs(60), read).await, Ok(Ok(n)) if n > 0)
    }

    async fn read_reply(&mut self) -> Option<Reply> {
        self.buf.clear();
        let end = loop {
            if let Some(i) = memchr::memmem::find(&self.buf, b"\r\n\r\n") {
                break i + 4;
            }
            if !self.fill().await {
                return None;
            }
        };
        let head = String::from_utf8_lossy(&self.buf[..end]).to_string();
        let mut lines = head.split("\r\n");
        let status: u16 = lines.next()?.split(' ').nth(1)?.parse().ok()?;
        let (mut length, mut chunked, mut session) = (None, false, None);
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse::<usize>().ok(),
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "mcp-session-id" => session = Some(value.to_string()),
                _ => {}
            }
        }
        self.buf.drain(..end);
        let body = if let Some(n) = length {
            while self.buf.len() < n {
                if !self.fill().await {
                    return None;
                }
            }
            self.buf.drain(..n).collect()
        } else if chunked {
            self.chunked().await?
        } else {
            while self.fill().await {}
            std::mem::take(&mut self.buf)
        };
        Some(Reply {
            status,
            session,
            body,
        })
    }

    async fn chunked(&mut self) -> Option<Vec<u8>> {
        let mut body = Vec::new();
        loop {
            let line_end = loop {
                if let Some(i) = memchr::memmem::find(&self.buf, b"\r\n") {
                    break i;
                }
                if !self.fill().await {
                    return None;
                }
            };
            let size_text = String::from_utf8_lossy(&self.buf[..line_end]).to_string();
            let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
            self.buf.drain(..line_end + 2);
            while self.buf.len() < size + 2 {
                if !self.fill().await {
                    return None;
                }
            }
            body.extend_from_slice(&self.buf[..size]);
            self.buf.drain(..size + 2);
            if size == 0 {
                return Some(body);
            }
        }
    }
}
