//! Reading what children write, in bounded memory whatever they write: a capped stdout, the end
//! of a stderr, and an upstream's stderr line by line into the log and a ring of recent lines.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::io::{AsyncRead, AsyncReadExt, BufReader};

use crate::protocol::lines::{LineRead, read_bounded_line};

/// Lines of an upstream's stderr kept for error messages.
const STDERR_TAIL_LINES: usize = 30;
/// Longest stderr line kept (longer ones are cut).
const STDERR_LINE_MAX: usize = 400;
/// Longest stderr line read at all: a longer one is skipped as it streams by (and noted), so a
/// child that never writes a newline costs no more than this.
const STDERR_LINE_LIMIT: usize = 64 * 1024;

/// Reads `pipe` to its end; `Err` as soon as it holds more than `max` bytes (the rest is left).
pub(crate) async fn read_bounded(
    pipe: Option<impl AsyncRead + Unpin>,
    max: usize,
) -> Result<Vec<u8>, ()> {
    let mut out = Vec::new();
    let Some(mut pipe) = pipe else {
        return Ok(out);
    };
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match pipe.read(&mut buf).await {
            Ok(0) | Err(_) => return Ok(out),
            Ok(n) => {
                if out.len() + n > max {
                    return Err(());
                }
                out.extend_from_slice(&buf[..n]);
            }
        }
    }
}

/// Reads `pipe` to its end, keeping its last `keep` bytes (as text, trimmed).
pub(crate) async fn read_tail(pipe: Option<impl AsyncRead + Unpin>, keep: usize) -> String {
    let mut kept: Vec<u8> = Vec::new();
    let Some(mut pipe) = pipe else {
        return String::new();
    };
    let mut buf = vec![0u8; 8 * 1024];
    while let Ok(n) = pipe.read(&mut buf).await {
        if n == 0 {
            break;
        }
        kept.extend_from_slice(&buf[..n]);
        if kept.len() > 2 * keep {
            kept.drain(..kept.len() - keep);
        }
    }
    if kept.len() > keep {
        kept.drain(..kept.len() - keep);
    }
    String::from_utf8_lossy(&kept).trim().to_string()
}

/// The last lines a child wrote to stderr.
#[derive(Clone, Default)]
pub(crate) struct StderrTail(Arc<Mutex<VecDeque<String>>>);

impl StderrTail {
    fn push(&self, line: String) {
        let mut q = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if q.len() == STDERR_TAIL_LINES {
            q.pop_front();
        }
        q.push_back(line);
    }

    /// The tail as one string (empty when the child wrote nothing).
    pub(crate) fn render(&self) -> String {
        let q = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        q.iter().cloned().collect::<Vec<_>>().join("\n")
    }
}

/// Logs every line of `stderr` (under `label`) and keeps the last ones in `tail`, until the pipe
/// closes.
pub(crate) async fn drain_stderr(label: String, stderr: impl AsyncRead + Unpin, tail: StderrTail) {
    let mut reader = BufReader::new(stderr);
    let mut bytes = Vec::new();
    loop {
        bytes.clear();
        let line = match read_bounded_line(&mut reader, &mut bytes, STDERR_LINE_LIMIT).await {
            Ok(LineRead::Eof) | Err(_) => return,
            Ok(LineRead::TooLong { len: n, .. }) => {
                format!("[a stderr line of {n} bytes, not shown]")
            }
            Ok(LineRead::Line) => {
                let line = String::from_utf8_lossy(&bytes).trim_end().to_string();
                if line.is_empty() {
                    continue;
                }
                cut(line)
            }
        };
        tracing::info!(target: "vmcp::upstream::stderr", server = %label, "{line}");
        tail.push(line);
    }
}

fn cut(mut line: String) -> String {
    if line.len() > STDERR_LINE_MAX {
        let mut end = STDERR_LINE_MAX;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        line.truncate(end);
        line.push('…');
    }
    line
}
