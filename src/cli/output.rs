//! Everything vmcp prints for humans goes through here: stdout carries results, stderr errors.
//!
//! One place, so that a closed pipe is handled once for every command: when whoever reads our
//! stdout goes away (`vmcp log --follow | head -1`), vmcp stops at once and quietly with status 0,
//! as ripgrep does, instead of panicking. A write to stderr that fails is dropped: there is
//! nowhere left to say so.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::io::{ErrorKind, Write};

use super::exit_code::exit;

/// Writes to stdout; a closed stdout ends the process (see the module doc).
pub(super) fn stdout(bytes: &[u8]) {
    let written = {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)
    };
    if let Err(e) = written {
        stdout_failed(&e);
    }
}

/// Writes to stderr, ignoring failure.
pub(super) fn stderr(bytes: &[u8]) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(bytes);
}

/// Whether `e` is a closed stdout, anywhere in its chain (a write that returned the error up
/// instead of calling [`stdout`]).
pub(super) fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == ErrorKind::BrokenPipe)
    })
}

/// A write to stdout failed: a reader that went away is a normal end (status 0); anything else
/// (a full disk) is reported (status 1). Pending store writes finish first.
fn stdout_failed(e: &std::io::Error) -> ! {
    let code = if e.kind() == ErrorKind::BrokenPipe {
        exit::OK
    } else {
        stderr(format!("error: cannot write to stdout: {e}\n").as_bytes());
        exit::FAILURE
    };
    crate::store::wait_for_writes();
    std::process::exit(i32::from(code))
}

/// Prints an error and its causes: `error: …` then `  caused by: …` lines, each followed by
/// the advice that holds for it (`  hint: …`).
pub(super) fn error(e: &anyhow::Error) {
    let mut text = String::new();
    for (i, cause) in e.chain().enumerate() {
        let label = if i == 0 { "error" } else { "  caused by" };
        let _ = writeln!(text, "{label}: {cause}");
        if let Some(hint) = super::hint::general(cause) {
            let _ = writeln!(text, "  hint: {hint}");
        }
    }
    stderr(text.as_bytes());
}
