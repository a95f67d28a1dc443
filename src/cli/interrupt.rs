//! How a command that starts upstreams or tool programs ends when it is interrupted (SIGINT,
//! SIGTERM, SIGHUP), whichever command it is: a command that listens for it (a call cancels its
//! request upstream) is given a moment to wind down, then the command is dropped, every process
//! it started is ended, "interrupted" is printed, and the exit code is 128 + the signal number
//! (130 for Ctrl-C), as shells report it. Store writes in flight still finish (`cli::main` waits
//! for them). `vmcp stdio` and `vmcp login` handle signals their own way.

use std::future::Future;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use futures_util::FutureExt as _;
use tokio::signal::unix::{Signal, SignalKind, signal};
use tokio_util::sync::CancellationToken;

use super::exit_code::Silent;
use super::render;

/// How long a command that listens for the interruption may take to wind down (a second signal
/// ends the wait).
const WIND_DOWN: Duration = Duration::from_secs(2);

static REQUESTED: LazyLock<CancellationToken> = LazyLock::new(CancellationToken::new);
/// How many [`requested`] futures are waiting: whether the command listens.
static LISTENERS: AtomicUsize = AtomicUsize::new(0);

/// Resolves once the running command is interrupted.
pub(super) async fn requested() {
    struct Listening;
    impl Drop for Listening {
        fn drop(&mut self) {
            LISTENERS.fetch_sub(1, Ordering::SeqCst);
        }
    }
    LISTENERS.fetch_add(1, Ordering::SeqCst);
    let _listening = Listening;
    REQUESTED.cancelled().await;
}

/// The signals that interrupt a command.
struct Signals {
    int: Signal,
    term: Signal,
    hup: Signal,
}

impl Signals {
    fn install() -> anyhow::Result<Signals> {
        let on = |kind: SignalKind, name: &str| {
            signal(kind).with_context(|| format!("cannot install a {name} handler"))
        };
        Ok(Signals {
            int: on(SignalKind::interrupt(), "SIGINT")?,
            term: on(SignalKind::terminate(), "SIGTERM")?,
            hup: on(SignalKind::hangup(), "SIGHUP")?,
        })
    }

    /// The number of the next signal received.
    async fn next(&mut self) -> i32 {
        tokio::select! {
            _ = self.int.recv() => nix::libc::SIGINT,
            _ = self.term.recv() => nix::libc::SIGTERM,
            _ = self.hup.recv() => nix::libc::SIGHUP,
        }
    }
}

/// Runs `work` (a command that may start upstreams or programs) so that a signal ends it as the
/// module docs say.
pub(super) async fn guard<T>(work: impl Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    let mut work = Box::pin(work);
    // What the command does before it first waits (reading `--args @-` from a terminal…) keeps
    // the default disposition: Ctrl-C there ends vmcp at once, with nothing started yet. Anything
    // it starts runs only once it waits, and by then the handlers are in place.
    if let Some(result) = (&mut work).now_or_never() {
        return result;
    }
    let mut signals = Signals::install()?;
    let number = tokio::select! {
        result = &mut work => return result,
        n = signals.next() => n,
    };
    let listening = LISTENERS.load(Ordering::SeqCst) > 0;
    REQUESTED.cancel();
    if listening {
        tokio::select! {
            _ = &mut work => {}
            _ = signals.next() => {}
            () = tokio::time::sleep(WIND_DOWN) => {}
        }
    }
    drop(work);
    crate::process::sweep();
    render::note("interrupted");
    Err(Silent(u8::try_from(128 + number).unwrap_or(u8::MAX)).into())
}
