//! Running a program to its end: input written to its stdin, stdout read up to a limit, the end
//! of stderr kept. Its process group is killed when it exits (whatever it left running goes with
//! it), when it writes too much, and when the run is dropped (a timeout or a cancellation).

use std::process::ExitStatus;

use tokio::io::AsyncWriteExt;

use super::output::{read_bounded, read_tail};
use super::spawn::{Child, Spawn, spawn};

/// How the program ended.
#[derive(Debug)]
pub(crate) struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    /// The end of what it wrote to stderr.
    pub stderr_tail: String,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum RunError {
    #[error("cannot run `{program}`: not found (is it installed and on the PATH?)")]
    NotFound { program: String },
    #[error("cannot run `{program}`: {source}")]
    Spawn {
        program: String,
        source: std::io::Error,
    },
    #[error("waiting for `{program}` failed: {source}")]
    Wait {
        program: String,
        source: std::io::Error,
    },
    #[error("`{program}` wrote more than {max} bytes to stdout and was stopped")]
    TooMuchOutput { program: String, max: usize },
}

/// Runs `s` to its end, with `input` (if any) on its stdin, at most `max_stdout` bytes of stdout
/// and the last `stderr_tail` bytes of stderr. Dropping the future kills the process group.
pub(crate) async fn run(
    s: &Spawn<'_>,
    input: Option<&[u8]>,
    max_stdout: usize,
    stderr_tail: usize,
) -> Result<Finished, RunError> {
    let program = || s.program.to_string();
    let child = spawn(s).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => RunError::NotFound { program: program() },
        _ => RunError::Spawn {
            program: program(),
            source,
        },
    })?;
    let Child {
        group,
        stdin,
        stdout,
        stderr,
        mut exit,
        ..
    } = child;
    let group = &group;
    let write = async move {
        if let (Some(mut pipe), Some(input)) = (stdin, input) {
            // A program that does not read its input is not an error (EPIPE is ignored).
            let _ = pipe.write_all(input).await;
        }
    };
    let read_out = async {
        let r = read_bounded(stdout, max_stdout).await;
        if r.is_err() {
            group.end();
        }
        r
    };
    let wait = async {
        let status = exit.wait().await;
        // Whatever the program left running in its group goes with it (and its pipes close).
        group.end();
        status
    };
    let ((), out, stderr_tail, status) =
        tokio::join!(write, read_out, read_tail(stderr, stderr_tail), wait);
    let status = status.map_err(|source| RunError::Wait {
        program: program(),
        source,
    })?;
    let stdout = out.map_err(|()| RunError::TooMuchOutput {
        program: program(),
        max: max_stdout,
    })?;
    Ok(Finished {
        status,
        stdout,
        stderr_tail,
    })
}
