//! `site.toml` (CONTENT.md §8). Keys are English; unknown keys are errors with a hint.

use chrono::NaiveDate;
use motebok_parser::Diagnostic;
use serde::Deserialize;

/// `site.toml` (docs/site-toml.md): unknown keys are errors.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name; also the publisher when `organisation` is not set.
    pub title: String,
    /// The public address: canonical links, sitemap, feeds and `/api/` ids.
    pub base_url: String,
    /// The `lang` of every page.
    #[serde(default = "default_language")]
    pub language: String,
    /// Theme folder name under `themes/`, over the built-in default theme.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// The publishing branch.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// The publication window in months, for bodies without their own.
    #[serde(default = "default_window")]
    pub window_months: u32,
    /// Direct commits on the branch are errors.
    #[serde(default = "default_true")]
    pub require_approval: bool,
    /// Where readers ask for documents no longer on the site.
    pub archive_contact: String,
    /// The publisher's name.
    #[serde(default)]
    pub organisation: Option<String>,
    /// The repository's web address, for links to pull requests and commits.
    #[serde(default)]
    pub repository_url: Option<String>,
    /// `[accessibility]`: the statement's contact and status.
    #[serde(default)]
    pub accessibility: Accessibility,
    /// `[approval]`: where the import of old history ends.
    #[serde(default)]
    pub approval: Approval,
    /// `[archive]`: settings of `motebok archive`.
    #[serde(default)]
    pub archive: ArchiveConfig,
}

/// `[accessibility]` of site.toml.
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

/// `[archive]` of site.toml.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct ArchiveConfig {
    /// Folder of the Noark 5 XSDs that `motebok archive` puts in the package.
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
    /// Parses site.toml, pointing at the line of every problem: all of them in one run
    /// (CONTENT.md §4), as far as the file can be read.
    pub fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        // The TOML deserialiser stops at its first error: the line at fault is blanked (line
        // numbers kept) and the rest read again, while each error names a line and what is
        // left still reads as TOML.
        let mut rest = text.to_string();
        let cfg = loop {
            match toml::from_str::<SiteConfig>(&rest) {
                Ok(cfg) => break Some(cfg),
                Err(e) => {
                    let at = e.span().map(|s| s.start.min(rest.len()));
                    errors.push(toml_error(&rest, &e));
                    let Some(at) = at.filter(|_| errors.len() < 50) else {
                        break None;
                    };
                    match blank_entry(&rest, at) {
                        Some(next) if toml::from_str::<toml::Table>(&next).is_ok() => rest = next,
                        _ => break None,
                    }
                }
            }
        };
        if let Some(cfg) = &cfg {
            if let Some(d) = &cfg.approval.imported_until {
                if motebok_parser::parse_iso_date(d).is_err() {
                    errors.push(
                        Diagnostic::new(
                            "site.toml",
                            format!("`imported_until = \"{d}\"` er ikke en dato"),
                        )
                        .hint("skriv datoen som ÅÅÅÅ-MM-DD"),
                    );
                }
            }
            if let Some(d) = &cfg.accessibility.audit_date {
                if motebok_parser::parse_iso_date(d).is_err() {
                    errors.push(
                        Diagnostic::new(
                            "site.toml",
                            format!("`audit_date = \"{d}\"` er ikke en dato"),
                        )
                        .hint("skriv datoen for siste tilgjengelighetskontroll som ÅÅÅÅ-MM-DD"),
                    );
                }
            }
        }
        // Addresses become links on every page: nothing but http(s) and e-mail addresses.
        errors.extend(crate::config_urls::check(&rest));
        match cfg {
            Some(cfg) if errors.is_empty() => Ok(cfg),
            _ => Err(errors),
        }
    }

    /// `[approval] imported_until` as a date; `None` when unset or not a date (checked on load).
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

    /// The publisher: `organisation`, else `title`.
    pub fn publisher(&self) -> &str {
        self.organisation.as_deref().unwrap_or(&self.title)
    }
}

/// A TOML error at its line and column, its message never quoted at length.
fn toml_error(text: &str, e: &toml::de::Error) -> Diagnostic {
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
}

/// `text` with the line holding byte `at` made blank, and, if it is a table header, the
/// table's lines too (else its keys would land in the table before). Line numbers are kept.
/// `None` if that line is blank already (nothing more to learn).
fn blank_entry(text: &str, at: usize) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut offset = 0;
    let mut in_table = false;
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let header = line.trim_start().starts_with('[');
        if header && in_table {
            in_table = false;
        }
        let hit = (start..offset).contains(&at) || (at == text.len() && offset == text.len());
        if hit && header {
            in_table = true;
        }
        if (hit || in_table) && !line.trim().is_empty() {
            changed = true;
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    changed.then_some(out)
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
            "title = \"T\"\nbase_url = \"https://x.org\"\narchive_contact = \"p\"\nwindow_month = 3\n",
        )
        .unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].line, Some(4));
        assert!(e[0].message.contains("window_month"), "{}", e[0].message);
    }

    #[test]
    fn every_problem_at_once_each_at_its_line() {
        let text = "title = \"T\"\nbase_url = \"javascript:alert(1)\"\narchive_contact = \"p@x.org\"\n\
                    window_month = 3\nrequire_approval = \"ja\"\n[accessibility]\ncontact = \"a@b.no\"\n\
                    kontakt = 1\n[ukjent]\nx = 1\n";
        let e = SiteConfig::parse(text).unwrap_err();
        let lines: Vec<Option<u32>> = e.iter().map(|d| d.line).collect();
        for line in [2, 4, 5, 8, 9] {
            assert!(lines.contains(&Some(line)), "line {line}: {e:#?}");
        }
        assert_eq!(e.len(), 5, "{e:#?}");
    }
}
