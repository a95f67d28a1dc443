//! Everything vmcp prints for humans. stdout carries results; stderr carries errors.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::app::check::CheckReport;

/// Prints an error and its causes: `error: …` then `  caused by: …` lines.
pub(super) fn error(e: &anyhow::Error) {
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}

pub(super) fn check_report(r: &CheckReport) {
    println!(
        "{}: ok ({} servers, {} vMCPs)",
        r.file.display(),
        r.servers,
        r.vmcps.len()
    );
    for (name, servers) in &r.vmcps {
        println!(
            "  {name}: {servers} server{}",
            if *servers == 1 { "" } else { "s" }
        );
    }
}
