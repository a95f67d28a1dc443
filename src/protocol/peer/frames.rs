//! The frames a peer sends, in order, for its transport to write.

use tokio::sync::mpsc;

use crate::protocol::backlog::Backlog;

/// A frame to write, with the id of the request it carries (HTTP transports need it to report
/// transport failures against that request) or, for an answer, what it answers: a transport
/// need not read back what the peer wrote (a list answer can be hundreds of kilobytes).
pub struct Frame {
    pub bytes: Vec<u8>,
    pub request_id: Option<i64>,
    pub answer: Option<Answered>,
}

/// What an answer frame says: a result, or an error with its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered {
    pub error: Option<i64>,
}

/// The frames a peer sends, in order, for its transport to write. Taking a frame counts it out
/// of the peer's [`Backlog`].
pub struct Frames {
    pub(super) rx: mpsc::UnboundedReceiver<Frame>,
    pub(super) backlog: Backlog,
}

impl Frames {
    /// The next frame; `None` once the peer and every clone of it are gone.
    pub async fn recv(&mut self) -> Option<Frame> {
        let frame = self.rx.recv().await?;
        self.backlog.remove(frame.bytes.len());
        Some(frame)
    }

    /// The next frame if one is queued.
    pub(crate) fn try_recv(&mut self) -> Option<Frame> {
        let frame = self.rx.try_recv().ok()?;
        self.backlog.remove(frame.bytes.len());
        Some(frame)
    }
}

impl Drop for Frames {
    fn drop(&mut self) {
        // Nobody writes anymore: readers waiting for room must not wait forever.
        self.backlog.close();
    }
}
