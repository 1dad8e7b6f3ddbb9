//! `site.toml` (CONTENT.md §8). Keys are English; unknown keys are errors with a hint.

use chrono::NaiveDate;
use motebok_parser::Diagnostic;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_branch")]
    pub branch: String,
    #[serde(default = "default_window")]
    pub window_months: u32,
    #[serde(default = "default_true")]
    pub require_approval: bool,
    pub archive_contact: String,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub repository_url: Option<String>,
    #[serde(default)]
    pub accessibility: Accessibility,
    #[serde(default)]
    pub approval: Approval,
    #[serde(default)]
    pub archive: ArchiveConfig,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// Where readers report accessibility problems.
    #[serde(default)]
    pub contact: Option<String>,
    /// Date of the last accessibility audit (ISO).
    #[serde(default)]
    pub audit_date: Option<String>,
    /// Known non-conformities, each a sentence.
    #[serde(default)]
    pub known_issues: Vec<String>,
    /// The statement as registered with the authority (uustatus.no), linked from ours.
    #[serde(default)]
    pub uustatus_url: Option<String>,
    /// Accessibility warnings (an untagged PDF, …) stop the build, as `check --strict` does.
    #[serde(default)]
    pub strict: bool,
}

/// Marks history that was imported rather than approved in a pull request.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// Commits on the branch with a committer date on or before this day are the import.
    #[serde(default)]
    pub imported_until: Option<String>,
    /// Or: this commit and its first-parent ancestors are the import.
    #[serde(default)]
    pub imported_commit: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct ArchiveConfig {
    #[serde(default)]
    pub xsd_dir: Option<String>,
}

fn default_language() -> String {
    "nb".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_branch() -> String {
    "main".into()
}
fn default_window() -> u32 {
    24
}
fn default_true() -> bool {
    true
}

impl SiteConfig {
    /// Parses site.toml, pointing at the line of any problem.
    pub fn parse(text: &str) -> Result<SiteConfig, Diagnostic> {
        let cfg: SiteConfig = toml::from_str(text).map_err(|e| {
            // A message may quote a value: never at length.
            let mut message: String = e.message().chars().take(300).collect();
            if message.len() < e.message().len() {
                message.push('…');
            }
            let mut d = Diagnostic::new("site.toml", message).hint(
                "se CONTENT.md §8 for nøklene: title, base_url, archive_contact, window_months, [accessibility] ...",
            );
            if let Some(span) = e.span() {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() as u32 + 1;
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
                d = d.at_col(line, col);
            }
            d
        })?;
        if let Some(d) = &cfg.approval.imported_until {
            if motebok_parser::parse_iso_date(d).is_err() {
                return Err(Diagnostic::new(
                    "site.toml",
                    format!("`imported_until = \"{d}\"` er ikke en dato"),
                )
                .hint("skriv datoen som ÅÅÅÅ-MM-DD"));
            }
        }
        if let Some(d) = &cfg.accessibility.audit_date {
            if motebok_parser::parse_iso_date(d).is_err() {
                return Err(Diagnostic::new(
                    "site.toml",
                    format!("`audit_date = \"{d}\"` er ikke en dato"),
                )
                .hint("skriv datoen for siste tilgjengelighetskontroll som ÅÅÅÅ-MM-DD"));
            }
        }
        // Addresses become links on every page: nothing but http(s) and e-mail addresses.
        if let Some(d) = crate::config_urls::check(text) {
            return Err(d);
        }
        Ok(cfg)
    }

    pub fn imported_until(&self) -> Option<NaiveDate> {
        self.approval
            .imported_until
            .as_deref()
            .and_then(|d| motebok_parser::parse_iso_date(d).ok())
    }

    /// An import mark later than `today` would count as imported every direct commit made
    /// until then (CONTENT.md §6): an error at its line of `text`, the committed site.toml.
    pub fn future_import_mark(&self, text: &str, today: NaiveDate) -> Option<Diagnostic> {
        let mark = self.imported_until().filter(|d| *d > today)?;
        let mut d = Diagnostic::new(
            "site.toml",
            format!(
                "`imported_until = \"{mark}\"` ligger etter byggedatoen {today}: direkte commits fram til da \
                 ville telle som importert uten godkjenning"
            ),
        )
        .hint(
            "sett imported_until til dagen for den siste commiten som hører til importen (se \
             `git log --first-parent`); senere endringer godkjennes i pull requests",
        );
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("imported_until"));
        if let Some(i) = line {
            d = d.at_col(i as u32 + 1, 1);
        }
        Some(d)
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }

    /// The path of `base_url` (`/` for `https://hf.no`, `/moter/` for `https://hf.no/moter/`):
    /// the root of pages served at any depth, like the 404 page.
    pub fn base_path(&self) -> String {
        let base = self.base();
        let rest = base.split_once("://").map_or(base.as_str(), |(_, r)| r);
        rest.find('/')
            .map_or("/".to_string(), |i| rest[i..].to_string())
    }

    pub fn publisher(&self) -> &str {
        self.organisation.as_deref().unwrap_or(&self.title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_unknown_keys() {
        let c = SiteConfig::parse(
            "title = \"T\"\nbase_url = \"https://x.org/a\"\narchive_contact = \"p@x.org\"\n",
        )
        .unwrap();
        assert_eq!(
            (c.window_months, c.require_approval, c.branch.as_str()),
            (24, true, "main")
        );
        assert_eq!(c.base(), "https://x.org/a/");
        assert_eq!(c.base_path(), "/a/");
        let top = SiteConfig::parse(
            "title = \"T\"\nbase_url = \"https://x.org\"\narchive_contact = \"p\"\n",
        )
        .unwrap();
        assert_eq!(top.base_path(), "/");
        let e = SiteConfig::parse(
            "title = \"T\"\nbase_url = \"u\"\narchive_contact = \"p\"\nwindow_month = 3\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("window_month"), "{}", e.message);
    }
}
