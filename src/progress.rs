//! A progress bar on stderr for long builds, when a person is watching: only when stderr is a
//! terminal, so logs, CI and pipes stay silent.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use motebok_builder::progress::{Progress, Silent};
use std::io::IsTerminal;
use std::time::Duration;

/// The display for this run: a bar on a terminal, nothing otherwise.
pub(crate) fn for_terminal() -> Box<dyn Progress> {
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if std::io::stderr().is_terminal() && !dumb {
        Box::new(Bar::new())
    } else {
        Box::new(Silent)
    }
}

struct Bar(ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.enable_steady_tick(Duration::from_millis(120));
        Bar(bar)
    }
}

impl Progress for Bar {
    fn phase(&self, name: &str, total: Option<u64>) {
        let style = match total {
            Some(n) => {
                self.0.set_length(n);
                ProgressStyle::with_template("{spinner} {msg:<16} [{bar:30}] {pos}/{len}")
            }
            None => ProgressStyle::with_template("{spinner} {msg} ({elapsed})"),
        };
        if let Ok(style) = style {
            self.0.set_style(style.progress_chars("=> "));
        }
        self.0.set_position(0);
        self.0.set_message(name.to_string());
    }

    fn advance(&self, n: u64) {
        self.0.inc(n);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }

    fn note(&self, line: &str) {
        self.0.suspend(|| eprintln!("{line}"));
    }
}
