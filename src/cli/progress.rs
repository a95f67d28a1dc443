//! Spinners on stderr while something slow runs: only when stderr is a terminal, and never with
//! `--quiet` or `--no-progress`. stdout is never touched.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::app::open_session::OpenSession;

static ENABLED: AtomicBool = AtomicBool::new(true);

/// Turns spinners off for this process (`--quiet`, `--no-progress`).
pub(super) fn disable() {
    ENABLED.store(false, Ordering::Relaxed);
}

pub(super) struct Spinner(Option<ProgressBar>);

/// Starts a spinner with `message` (nothing when stderr is not a terminal or spinners are off).
pub(super) fn spinner(message: &str) -> Spinner {
    if !ENABLED.load(Ordering::Relaxed) || !std::io::stderr().is_terminal() {
        return Spinner(None);
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    // Plain characters only: readable without colour (NO_COLOR) and in any terminal font.
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}").map_or_else(
            |_| ProgressStyle::default_spinner(),
            |s| s.tick_chars("|/-\\ "),
        ),
    );
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(100));
    Spinner(Some(bar))
}

impl Spinner {
    pub(super) fn set_message(&self, message: String) {
        if let Some(bar) = &self.0 {
            bar.set_message(message);
        }
    }

    /// Shows a progress notification: `message (progress/total)`.
    pub(super) fn progress(&self, what: &str, p: &serde_json::Map<String, serde_json::Value>) {
        let Some(bar) = &self.0 else {
            return;
        };
        let done = p.get("progress").and_then(serde_json::Value::as_f64);
        let total = p.get("total").and_then(serde_json::Value::as_f64);
        let text = p.get("message").and_then(serde_json::Value::as_str);
        let counts = match (done, total) {
            (Some(d), Some(t)) => format!(" {d}/{t}"),
            (Some(d), None) => format!(" {d}"),
            _ => String::new(),
        };
        bar.set_message(format!(
            "{what}{counts}{}",
            text.map(|t| format!(": {t}")).unwrap_or_default()
        ));
    }

    pub(super) fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Waits for every upstream of `opened` to start once, showing `n/m ready` meanwhile.
pub(super) async fn connecting(opened: &OpenSession) {
    let total = opened.session.upstreams().len();
    let spinner = spinner(&format!("connecting to {total} servers…"));
    let started = opened.started();
    tokio::pin!(started);
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tokio::select! {
            () = &mut started => break,
            _ = tick.tick() => {
                let statuses = opened.statuses();
                let ready = statuses.iter().filter(|s| s.state == "ready").count();
                let waiting: Vec<&str> = statuses
                    .iter()
                    .filter(|s| s.state == "connecting")
                    .map(|s| s.name.as_str())
                    .collect();
                spinner.set_message(format!(
                    "connecting: {ready}/{total} ready{}",
                    if waiting.is_empty() { String::new() } else { format!(", waiting for {}", waiting.join(", ")) }
                ));
            }
        }
    }
    spinner.finish();
}
