//! The verdicts and the table `--verify` prints.

use std::fmt::Write;

/// One control and its verdict.
#[derive(Debug, Clone)]
pub struct Control {
    /// Arkade's id (`N5.30`), or motebok's (`MB.01`) for a control Arkade does not have.
    pub id: &'static str,
    /// What is controlled, in Norwegian.
    pub title: &'static str,
    /// What was found when it passed (numbers), in Norwegian.
    pub summary: String,
    /// Each failure, naming the file and the element; empty when the control passed.
    pub failures: Vec<String>,
}

impl Control {
    pub(crate) fn new(id: &'static str, title: &'static str) -> Control {
        Control {
            id,
            title,
            summary: String::new(),
            failures: Vec::new(),
        }
    }

    /// Whether the control passed.
    pub fn ok(&self) -> bool {
        self.failures.is_empty()
    }

    pub(crate) fn fail(&mut self, msg: impl Into<String>) {
        self.failures.push(msg.into());
    }

    pub(crate) fn summary(mut self, s: impl Into<String>) -> Control {
        self.summary = s.into();
        self
    }
}

/// Every control run on one package.
#[derive(Debug, Clone)]
pub struct Report {
    /// The avleveringspakke folder checked.
    pub dir: String,
    /// The controls in the order they ran.
    pub controls: Vec<Control>,
}

/// At most this many failures are printed per control; the rest are counted.
const SHOWN: usize = 20;

impl Report {
    /// Whether every control passed.
    pub fn passed(&self) -> bool {
        self.controls.iter().all(Control::ok)
    }

    /// The table: `ID  ok|FEILET  title (summary)`, each failure indented below its control.
    pub fn table(&self) -> String {
        let mut s = format!(
            "Arkade 5-kontroller av {}\n\n{:<6} {:<8} Kontroll\n",
            self.dir, "ID", "Resultat"
        );
        for c in &self.controls {
            let verdict = if c.ok() { "ok" } else { "FEILET" };
            let summary = if c.summary.is_empty() {
                String::new()
            } else {
                format!(" ({})", c.summary)
            };
            let _ = writeln!(s, "{:<6} {verdict:<8} {}{summary}", c.id, c.title);
            for f in c.failures.iter().take(SHOWN) {
                let _ = writeln!(s, "       - {f}");
            }
            if c.failures.len() > SHOWN {
                let _ = writeln!(s, "       - … og {} til", c.failures.len() - SHOWN);
            }
        }
        let failed = self.controls.iter().filter(|c| !c.ok()).count();
        let _ = writeln!(
            s,
            "\n{} av {} kontroller bestått{}.",
            self.controls.len() - failed,
            self.controls.len(),
            if failed > 0 {
                format!(", {failed} feilet")
            } else {
                String::new()
            }
        );
        s
    }
}
