//! Phase timings and memory on stderr (`MOTEBOK_TIMINGS=1`): for profiling, not for users.

/// Phase timings on stderr when `MOTEBOK_TIMINGS` is set: for profiling, not for users.
pub struct Timer {
    on: bool,
    last: std::time::Instant,
}

impl Timer {
    /// A timer that prints only when `MOTEBOK_TIMINGS` is set.
    pub fn new() -> Timer {
        Timer {
            on: std::env::var_os("MOTEBOK_TIMINGS").is_some(),
            last: std::time::Instant::now(),
        }
    }

    /// Whether timings are printed.
    pub fn on(&self) -> bool {
        self.on
    }

    /// Prints the time since the last lap under `what`, when timings are on.
    pub fn lap(&mut self, what: &str) {
        if self.on {
            eprintln!(
                "{what:>14}: {:>6} ms{}",
                self.last.elapsed().as_millis(),
                peak_memory()
            );
        }
        self.last = std::time::Instant::now();
    }
}

/// The process's peak and current resident memory so far (Linux), for the phase timings.
fn peak_memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!(
        "  (peak {} MB, now {} MB)",
        field("VmHWM:"),
        field("VmRSS:")
    )
}

impl Default for Timer {
    fn default() -> Self {
        Self::new()
    }
}
