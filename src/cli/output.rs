//! Everything vmcp prints for humans. stdout carries results; stderr carries errors.
#![allow(clippy::print_stdout, clippy::print_stderr)]

/// Prints an error and its causes: `error: …` then `  caused by: …` lines.
pub(super) fn error(e: &anyhow::Error) {
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
