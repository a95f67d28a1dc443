//! The YAML events of a definition, as serde_yaml's parser reads them, for the position finder
//! ([`super::locate`]) and the checks made before deserializing ([`super::limits`]).
//!
//! They come from `libyaml-safer`, a port of the libyaml that serde_yaml runs, so both read the
//! same document from the same text. The port has gaps where libyaml reads on and it panics
//! (found by the fuzz tests): on a block scalar that ends the input without a line break (a
//! line break is added: it moves no position), and on a tag before `,` in a flow collection; and
//! it refuses a text that starts with U+FFFD (the encoding is given, not guessed).
//! Its panics are caught here, and kept off stderr: a gap in the reader that finds positions
//! must never take vmcp down. The caller learns where the reader stopped.

use std::cell::Cell;
use std::io::{Chain, Read as _};
use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use libyaml_safer::{Encoding, Error, Event, Mark, Parser};

/// The reader failed on the text; `at` is where its last event started.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Failed {
    pub(crate) at: Mark,
}

thread_local! {
    /// Whether this thread is inside [`read`] (its panics are expected and not printed).
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Passes the events of `text` to `f`, up to the first syntax error (passed as `Err`, after
/// which the parser would repeat it) or until `f` breaks.
pub(crate) fn read(
    text: &str,
    mut f: impl FnMut(Result<Event, Error>) -> ControlFlow<()>,
) -> Result<(), Failed> {
    quiet_panics_while_reading();
    let mut last = Mark::default();
    READING.with(|r| r.set(true));
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        for event in parser(text) {
            let error = event.is_err();
            if let Ok(e) = &event {
                last = e.start_mark;
            }
            if f(event).is_break() || error {
                break;
            }
        }
    }));
    READING.with(|r| r.set(false));
    outcome.map_err(|_| Failed { at: last })
}

fn parser(text: &str) -> Parser<Chain<&[u8], &'static [u8]>> {
    let end: &'static [u8] = if text.ends_with(['\n', '\r']) {
        b""
    } else {
        b"\n"
    };
    // The text is UTF-8 already: the port's encoding detection takes a leading U+FFFD for a
    // broken byte order mark. A real one is dropped here, as libyaml's reader drops it (no
    // position moves).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser::new();
    parser.set_encoding(Encoding::Utf8);
    parser.set_input(text.as_bytes().chain(end));
    parser
}

/// Installs (once) a panic hook that stays silent for panics inside [`read`] and hands every
/// other panic to the hook it replaces.
fn quiet_panics_while_reading() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str) -> (usize, bool, Result<(), Failed>) {
        let (mut n, mut error) = (0, false);
        let r = read(text, |e| {
            match e {
                Ok(_) => n += 1,
                Err(_) => error = true,
            }
            ControlFlow::Continue(())
        });
        (n, error, r)
    }

    #[test]
    fn the_readers_gaps_are_read_or_caught() {
        // A block scalar ending the input without a line break: read.
        for text in [
            "a: |-\n  Stand-up",
            "a: |\n  x",
            "a: >\n  x\r",
            "- |\n x\n- |\n y",
        ] {
            let (n, error, r) = count(text);
            assert!(r.is_ok() && !error && n > 0, "{text:?}");
        }
        // A tag before `,` in a flow collection: caught, with where it happened.
        let (_, _, r) = count("a: 1\nb: [x, !t, y]\n");
        let at = r.expect_err("libyaml-safer 0.3 panics here");
        assert_eq!(at.at.line, 1, "{at:?}");
    }

    #[test]
    fn a_leading_replacement_character_or_byte_order_mark_reads_as_libyaml_reads_it() {
        for text in ["\u{fffd}\n", "\u{fffd}", "\u{feff}a: 1\n"] {
            let (n, error, r) = count(text);
            assert!(r.is_ok() && !error && n > 0, "{text:?}");
        }
        let mut at = None;
        let _ = read("\u{feff}a: [1\n", |e| {
            if let Err(e) = e {
                at = e.problem_mark();
            }
            ControlFlow::Continue(())
        });
        let serde = serde_yaml::from_str::<serde_yaml::Value>("\u{feff}a: [1\n").unwrap_err();
        let (ours, theirs) = (at.unwrap_or_default(), serde.location().unwrap());
        assert_eq!(
            (ours.line + 1, ours.column + 1),
            (theirs.line() as u64, theirs.column() as u64)
        );
    }

    #[test]
    fn syntax_errors_end_the_events() {
        let (n, error, r) = count("a: [1\n");
        assert!(r.is_ok() && error && n > 0);
    }
}
