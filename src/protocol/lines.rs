//! Newline-delimited JSON-RPC over a byte stream: the stdio transport, used both for the AI client
//! (our stdin/stdout) and for upstream child processes (their stdout/stdin).

use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader, BufWriter};

use super::backlog::Backlog;
use super::envelope::{DecodeError, decode};
use super::peer::{Frames, Peer};
use super::salvage::EnvelopeScan;

/// Longest message accepted on a line. Resources and images can be large; anything bigger is a
/// runaway stream, and is skipped rather than buffered without bound (and answered, when it
/// was a request, or failing the request it answers).
pub(crate) const DEFAULT_MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// The line buffer starts this large, and goes back to it after a larger message, so that one
/// big message does not keep its memory for the rest of the session.
const LINE_CAPACITY: usize = 64 * 1024;

/// What to do with a line that is not a JSON-RPC message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadLines {
    /// Answer with a JSON-RPC error (we are the server: the client must learn of its mistake).
    Reply,
    /// Log and skip (an upstream printing banners or logs on stdout).
    Log,
}

/// How a reader treats its input.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub bad: BadLines,
    pub max_line: usize,
    /// Before each message, wait while this queue is full: the messages read end up in it (see
    /// [`Backlog`]), so a consumer that does not drain it stops the reading.
    pub pause: Option<Backlog>,
}

impl ReadOptions {
    pub fn new(bad: BadLines) -> ReadOptions {
        ReadOptions {
            bad,
            max_line: DEFAULT_MAX_LINE_BYTES,
            pause: None,
        }
    }

    #[must_use]
    pub fn pause_while_full(mut self, backlog: Option<Backlog>) -> ReadOptions {
        self.pause = backlog;
        self
    }
}

/// Reads lines into `peer` until end of input or until the peer is closed (its other half can
/// no longer be written: nothing read could be answered); returns why reading stopped. The
/// caller decides when to close the peer (the server side lets in-flight requests finish first).
pub async fn read_lines<R>(peer: &Peer, reader: R, opts: ReadOptions) -> Arc<str>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let mut line = Vec::with_capacity(LINE_CAPACITY);
    let closed_token = peer.closed_token();
    let closed = closed_token.cancelled();
    tokio::pin!(closed);
    loop {
        if let Some(backlog) = &opts.pause
            && !backlog.has_room()
        {
            tokio::select! {
                biased;
                () = &mut closed => return peer.close_reason(),
                () = backlog.room() => {}
            }
        }
        if line.capacity() > LINE_CAPACITY {
            line = Vec::with_capacity(LINE_CAPACITY);
        }
        line.clear();
        // The read first: a line already buffered is taken without looking at the close (polling
        // a waiting `closed` takes a lock); once the read would wait, the close is watched too.
        let read = tokio::select! {
            biased;
            r = read_bounded_line(&mut reader, &mut line, opts.max_line) => r,
            () = &mut closed => return peer.close_reason(),
        };
        match read {
            Ok(LineRead::Eof) => return Arc::from("end of input"),
            Ok(LineRead::TooLong { len, scan }) => {
                let err = DecodeError::too_long(Some(len), opts.max_line, &scan.finish());
                peer.receive_unreadable(&err, b"", opts.bad);
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
            Err(err) => peer.receive_unreadable(&err, text, opts.bad),
        }
    }
}

/// What [`read_bounded_line`] found.
pub(crate) enum LineRead {
    /// A line, with its newline (the last line of the input may have none).
    Line,
    Eof,
    /// Over the limit: skipped, and scanned for its id on the way.
    TooLong {
        len: usize,
        scan: Box<EnvelopeScan>,
    },
}

/// Reads one line into `line`, holding at most `max` bytes of it: a longer line is consumed
/// without being kept. Also reads children's stderr (`process::output`).
pub(crate) async fn read_bounded_line<R: AsyncRead + Unpin>(
    reader: &mut BufReader<R>,
    line: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<LineRead> {
    let mut skipped: Option<(usize, Box<EnvelopeScan>)> = None;
    loop {
        let buf = reader.fill_buf().await?;
        if buf.is_empty() {
            return Ok(match skipped {
                Some((len, scan)) => LineRead::TooLong { len, scan },
                None if line.is_empty() => LineRead::Eof,
                None => LineRead::Line,
            });
        }
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let n = chunk.len();
        match &mut skipped {
            Some((len, scan)) => {
                *len += n;
                scan.push(chunk);
            }
            None if line.len() + n > max => {
                // Too long: what was kept so far is scanned, then let go.
                let mut scan = Box::new(EnvelopeScan::default());
                scan.push(line);
                scan.push(chunk);
                skipped = Some((line.len() + n, scan));
                *line = Vec::new();
            }
            None => line.extend_from_slice(chunk),
        }
        reader.consume(n);
        if done {
            return Ok(match skipped {
                Some((len, scan)) => LineRead::TooLong { len, scan },
                None => LineRead::Line,
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
pub async fn write_lines<W>(peer: Peer, mut frames: Frames, writer: W) -> std::io::Result<()>
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
    while let Some(frame) = frames.try_recv() {
        writer.write_all(&frame.bytes).await?;
    }
    writer.flush().await
}

async fn write_batch<W: AsyncWrite + Unpin>(
    writer: &mut BufWriter<W>,
    first: super::peer::Frame,
    frames: &mut Frames,
) -> std::io::Result<()> {
    writer.write_all(&first.bytes).await?;
    for _ in 0..256 {
        match frames.try_recv() {
            Some(f) => writer.write_all(&f.bytes).await?,
            None => break,
        }
    }
    writer.flush().await
}
