//! A spinner on stderr while something slow runs, shown only on a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub(super) struct Spinner(Option<ProgressBar>);

/// Starts a spinner with `message` (nothing when stderr is not a terminal).
pub(super) fn spinner(message: &str) -> Spinner {
    if !std::io::stderr().is_terminal() {
        return Spinner(None);
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(100));
    Spinner(Some(bar))
}

impl Spinner {
    pub(super) fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
