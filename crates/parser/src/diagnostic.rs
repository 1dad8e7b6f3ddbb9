//! One error an editor has to fix, with where it is and what to do about it.

use std::fmt;

/// A problem in a content file. Every rule of the content contract reports one of these;
/// a run collects all of them before it stops.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Repository-relative path with `/` separators, e.g. `content/ssu/2025-05-22/2025.16.md`.
    pub path: String,
    /// 1-based line in the file, when known.
    pub line: Option<u32>,
    /// 1-based column in that line, when known.
    pub col: Option<u32>,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to write instead.
    pub hint: Option<String>,
    /// How many characters from `col` the bad text covers (it may run over line ends); `None`
    /// marks the rest of the line.
    pub len: Option<u32>,
    /// The marked text is personal data that must not be repeated in logs (it is masked).
    pub sensitive: bool,
    /// The WCAG 2.1 success criterion a finding breaks (e.g. `1.1.1`), so that the
    /// accessibility statement can list it; `None` for rules that are not about accessibility.
    #[serde(default)]
    pub wcag: Option<Box<str>>,
}

impl Diagnostic {
    /// A finding about the file at `path`, not yet placed on a line.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            col: None,
            message: message.into(),
            hint: None,
            len: None,
            sensitive: false,
            wcag: None,
        }
    }

    /// Places the finding on a 1-based line.
    pub fn at(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }

    /// Places the finding on a 1-based line and column, for a caret under the text.
    pub fn at_col(mut self, line: u32, col: u32) -> Self {
        self.line = Some(line);
        self.col = Some(col);
        self
    }

    /// Marks `len` characters from the column as the bad text.
    pub fn len(mut self, len: u32) -> Self {
        self.len = Some(len);
        self
    }

    /// The marked text must be masked wherever the diagnostic is shown.
    pub fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    /// Marks the finding as a breach of a WCAG 2.1 success criterion (e.g. `"1.1.1"`).
    pub fn wcag(mut self, criterion: &str) -> Self {
        self.wcag = Some(criterion.into());
        self
    }

    /// Adds what the editor can do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:col` as compilers and editors print it; a control character in the path
    /// (a folder named with a line break) is written as an escape, never sent to a terminal.
    pub fn location(&self) -> String {
        let path = crate::shown::shown(&self.path);
        match (self.line, self.col) {
            (Some(l), Some(c)) => format!("{path}:{l}:{c}"),
            (Some(l), None) => format!("{path}:{l}"),
            _ => path,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: feil: {}", self.location(), self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hjelp: {h}")?;
        }
        Ok(())
    }
}

/// A list of diagnostics as a single error value, for `Result`s.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} feil i innholdet", .0.len())]
pub struct Diagnostics(pub Vec<Diagnostic>);
