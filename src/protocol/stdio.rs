//! vmcp's own stdin and stdout as async streams. MCP hosts connect them to pipes (Python) or
//! socketpairs (Node/Electron); both are driven non-blocking by the reactor, which avoids the
//! blocking thread (and its shutdown hang) of `tokio::io::stdin`. Anything else (a terminal, a
//! file) falls back to tokio's blocking adapters.

use std::fs::File;
use std::io;
use std::os::fd::AsFd;
use std::os::unix::fs::FileTypeExt;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, Interest, ReadBuf};

pub type BoxRead = Pin<Box<dyn AsyncRead + Send>>;
pub type BoxWrite = Pin<Box<dyn AsyncWrite + Send>>;

fn dup_std(fd: std::os::fd::BorrowedFd<'_>) -> io::Result<File> {
    Ok(File::from(fd.try_clone_to_owned()?))
}

/// Our stdin, non-blocking when it is a pipe or a socket.
pub fn stdin() -> BoxRead {
    match open_in() {
        Ok(r) => r,
        Err(_) => Box::pin(tokio::io::stdin()),
    }
}

/// Our stdout, non-blocking when it is a pipe or a socket.
pub fn stdout() -> BoxWrite {
    match open_out() {
        Ok(w) => w,
        Err(_) => Box::pin(tokio::io::stdout()),
    }
}

/// Resolves when nobody can read our stdout anymore: the other end of the pipe was closed. The
/// kernel says so without a write (an error condition on our end), so a client that stopped
/// reading is noticed before anything more is done for it. Anything but a pipe never resolves
/// here; a write to it fails instead.
pub(crate) async fn stdout_closed() {
    let watch = match endpoint(io::stdout().as_fd()) {
        Ok(Endpoint::Fifo(f)) => tokio::net::unix::pipe::Sender::from_file(f).ok(),
        _ => None,
    };
    match watch {
        // Never written to: it only waits for the error condition.
        Some(pipe) => {
            let _ = pipe.ready(Interest::ERROR).await;
        }
        None => std::future::pending().await,
    }
}

/// What a standard stream is connected to, when the reactor can drive it.
enum Endpoint {
    Fifo(File),
    Socket(tokio::net::UnixStream),
}

fn endpoint(fd: std::os::fd::BorrowedFd<'_>) -> io::Result<Endpoint> {
    let file = dup_std(fd)?;
    let kind = file.metadata()?.file_type();
    if kind.is_fifo() {
        Ok(Endpoint::Fifo(file))
    } else if kind.is_socket() {
        let s = std::os::unix::net::UnixStream::from(std::os::fd::OwnedFd::from(file));
        s.set_nonblocking(true)?;
        Ok(Endpoint::Socket(tokio::net::UnixStream::from_std(s)?))
    } else {
        Err(io::Error::other("not a pipe or socket"))
    }
}

fn open_in() -> io::Result<BoxRead> {
    Ok(match endpoint(io::stdin().as_fd())? {
        Endpoint::Fifo(f) => Box::pin(tokio::net::unix::pipe::Receiver::from_file(f)?),
        Endpoint::Socket(s) => Box::pin(SocketHalf(s)),
    })
}

fn open_out() -> io::Result<BoxWrite> {
    Ok(match endpoint(io::stdout().as_fd())? {
        Endpoint::Fifo(f) => Box::pin(tokio::net::unix::pipe::Sender::from_file(f)?),
        Endpoint::Socket(s) => Box::pin(SocketHalf(s)),
    })
}

/// A socket used in one direction only. Shutting it down on drop is left to the OS.
struct SocketHalf(tokio::net::UnixStream);

impl AsyncRead for SocketHalf {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_read(cx, buf)
    }
}

impl AsyncWrite for SocketHalf {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().0).poll_write(cx, buf)
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_flush(cx)
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        // Never half-close: the host may use the same socket for our stdin.
        let _ = cx;
        Poll::Ready(Ok(()))
    }
}
