//! Newline-delimited JSON-RPC over a byte stream: the stdio transport, used both for the AI client
//! (our stdin/stdout) and for upstream child processes (their stdout/stdin).

use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader, BufWriter};
use tokio::sync::mpsc;

use super::message::decode;
use super::peer::{Frame, Peer};

/// Longest message accepted on a line. Resources and images can be large; anything bigger is a
/// runaway stream, and is skipped rather than buffered without bound.
pub const DEFAULT_MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// What to do with a line that is not a JSON-RPC message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadLines {
    /// Answer with a JSON-RPC error (we are the server: the client must learn of its mistake).
    Reply,
    /// Log and skip (an upstream printing banners or logs on stdout).
    Log,
}

/// Reads lines into `peer` until end of input; returns why reading stopped. The caller decides
/// when to close the peer (the server side lets in-flight requests finish first).
pub async fn read_lines<R>(peer: &Peer, reader: R, bad: BadLines, max_line: usize) -> Arc<str>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let mut line = Vec::with_capacity(4096);
    loop {
        line.clear();
        match read_bounded_line(&mut reader, &mut line, max_line).await {
            Ok(LineRead::Eof) => return Arc::from("end of input"),
            Ok(LineRead::TooLong(n)) => {
                tracing::warn!(
                    peer = peer.label(),
                    bytes = n,
                    "skipped a message longer than {max_line} bytes"
                );
                continue;
            }
            Ok(LineRead::Line) => {}
            Err(e) => return Arc::from(format!("read failed: {e}")),
        }
        let text = trim(&line);
        if text.is_empty() {
            continue;
        }
        match decode(text) {
            Ok(msg) => peer.receive(msg),
            Err(err) => match bad {
                BadLines::Reply => peer.reject(err.id.as_ref(), &err.error),
                BadLines::Log => tracing::warn!(
                    peer = peer.label(),
                    line = %String::from_utf8_lossy(&text[..text.len().min(200)]),
                    "ignored a stdout line that is not JSON-RPC ({})", err.error.message
                ),
            },
        }
    }
}

/// What [`read_bounded_line`] found.
pub(crate) enum LineRead {
    /// A line, with its newline (the last line of the input may have none).
    Line,
    Eof,
    /// A line longer than the limit, skipped as it streamed by: its length.
    TooLong(usize),
}

/// Reads one line into `line`, holding at most `max` bytes of it: a longer line is consumed
/// without being kept. Also reads children's stderr (`process::output`).
pub(crate) async fn read_bounded_line<R: AsyncRead + Unpin>(
    reader: &mut BufReader<R>,
    line: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<LineRead> {
    let mut skipped = 0usize;
    loop {
        let buf = reader.fill_buf().await?;
        if buf.is_empty() {
            return Ok(if line.is_empty() && skipped == 0 {
                LineRead::Eof
            } else if skipped > 0 {
                LineRead::TooLong(skipped)
            } else {
                LineRead::Line
            });
        }
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let n = chunk.len();
        if skipped > 0 || line.len() + n > max {
            skipped += line.len() + n;
            line.clear();
        } else {
            line.extend_from_slice(chunk);
        }
        reader.consume(n);
        if done {
            return Ok(if skipped > 0 {
                LineRead::TooLong(skipped)
            } else {
                LineRead::Line
            });
        }
    }
}

fn trim(line: &[u8]) -> &[u8] {
    let start = line
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(line.len());
    let end = line
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &line[start..end.max(start)]
}

/// Writes frames until the peer closes; batches whatever is queued into one flush. A write
/// error ends writing and is returned: the caller knows best why the other side went away.
pub async fn write_lines<W>(
    peer: Peer,
    mut frames: mpsc::UnboundedReceiver<Frame>,
    writer: W,
) -> std::io::Result<()>
where
    W: AsyncWrite + Unpin + Send + 'static,
{
    let mut writer = BufWriter::with_capacity(64 * 1024, writer);
    let closed = peer.closed_token();
    loop {
        let frame = tokio::select! {
            biased;
            f = frames.recv() => f,
            () = closed.cancelled() => None,
        };
        let Some(frame) = frame else { break };
        write_batch(&mut writer, frame, &mut frames).await?;
    }
    // Closed: flush what was queued before the close (e.g. the last responses).
    while let Ok(frame) = frames.try_recv() {
        writer.write_all(&frame.bytes).await?;
    }
    writer.flush().await
}

async fn write_batch<W: AsyncWrite + Unpin>(
    writer: &mut BufWriter<W>,
    first: Frame,
    frames: &mut mpsc::UnboundedReceiver<Frame>,
) -> std::io::Result<()> {
    writer.write_all(&first.bytes).await?;
    for _ in 0..256 {
        match frames.try_recv() {
            Ok(f) => writer.write_all(&f.bytes).await?,
            Err(_) => break,
        }
    }
    writer.flush().await
}
