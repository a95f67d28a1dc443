//! Questions on the terminal, for the values a registry entry needs: asked on stderr, answered
//! on stdin, secrets without echo. Nobody is asked when stdin or stderr is not a terminal.

use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Write};

use crate::registry::inputs::{Ask, Question};

/// Asks on the terminal, when there is one.
pub(super) struct Terminal {
    interactive: bool,
}

impl Terminal {
    pub(super) fn new() -> Terminal {
        Terminal {
            interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
        }
    }
}

/// Turns echo off on stdin until dropped (so a typed secret is never shown).
struct NoEcho(Option<nix::sys::termios::Termios>);

impl NoEcho {
    fn start() -> NoEcho {
        use nix::sys::termios::{LocalFlags, SetArg, tcgetattr, tcsetattr};
        let stdin = std::io::stdin();
        let Ok(old) = tcgetattr(&stdin) else {
            return NoEcho(None);
        };
        let mut quiet = old.clone();
        quiet.local_flags.remove(LocalFlags::ECHO);
        quiet.local_flags.insert(LocalFlags::ECHONL);
        if tcsetattr(&stdin, SetArg::TCSANOW, &quiet).is_err() {
            return NoEcho(None);
        }
        NoEcho(Some(old))
    }
}

impl Drop for NoEcho {
    fn drop(&mut self) {
        if let Some(old) = &self.0 {
            let _ = nix::sys::termios::tcsetattr(
                std::io::stdin(),
                nix::sys::termios::SetArg::TCSANOW,
                old,
            );
        }
    }
}

impl Ask for Terminal {
    fn ask(&mut self, q: &Question<'_>) -> Option<String> {
        if !self.interactive {
            return None;
        }
        let mut text = q.what.label();
        if let Some(d) = q.description {
            let _ = write!(text, " ({d})");
        }
        if !q.choices.is_empty() {
            let _ = write!(text, " [{}]", q.choices.join("/"));
        }
        if q.secret {
            let _ = write!(
                text,
                ", a secret: type it (not shown) to store it, or press Enter to store a reference to ${{env:{}}}",
                q.what.env_name()
            );
        }
        // A plain value that is required is asked again until one is given (three times).
        for _ in 0..3 {
            let mut err = std::io::stderr();
            let _ = write!(err, "{text}: ");
            let _ = err.flush();
            let mut answer = String::new();
            let read = {
                let _quiet = q.secret.then(NoEcho::start);
                std::io::stdin().lock().read_line(&mut answer)
            };
            if read.unwrap_or(0) == 0 {
                return None;
            }
            let answer = answer.trim_end_matches(['\n', '\r']).to_string();
            if !answer.is_empty() {
                return Some(answer);
            }
            if q.secret {
                return None;
            }
        }
        None
    }
}
