//! Templates and static assets: the default theme is compiled into the binary; a site's own
//! `themes/<name>/` overrides it file by file.

use minijinja::Environment;
use std::collections::BTreeMap;

macro_rules! default_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../themes/default/", $name)))),*]
    };
}

/// The default theme's files (templates and assets), by path inside the theme.
pub const DEFAULT: &[(&str, &str)] = default_files!(
    "templates/base.html",
    "templates/macros.html",
    "templates/index.html",
    "templates/organ.html",
    "templates/meeting.html",
    "templates/case.html",
    "templates/decisions.html",
    "templates/document.html",
    "templates/documents.html",
    "templates/attachment.html",
    "templates/tombstone.html",
    "templates/gone.html",
    "templates/publishing.html",
    "templates/accessibility.html",
    "templates/search.html",
    "templates/404.html",
    "templates/api.html",
    "static/style.css",
    "static/search.js",
    "static/words.js",
    "static/stemmer.js",
    "static/typos.js",
);

/// A theme: the default files with the site's overrides laid over them. Production builds
/// read the overrides from the publishing branch's tree, previews from the working tree
/// (the builder's `theme_source`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Every file of the theme by its path inside the theme folder (`templates/base.html`).
    pub files: BTreeMap<String, String>,
    /// Override files (repository paths) a preview shows that are not on the publishing branch
    /// as they are on disk, or are gone from disk: every page says so, as a draft page does.
    pub drafts: Vec<String>,
}

/// A template of the theme that does not compile.
#[derive(Debug, thiserror::Error)]
#[error("malen {name} har en feil: {source}")]
pub struct TemplateError {
    /// The template's name inside `templates/`.
    pub name: String,
    /// What minijinja found.
    pub source: minijinja::Error,
}

impl Theme {
    /// The default theme alone.
    pub fn default_only() -> Theme {
        Theme::with_overrides(BTreeMap::new(), Vec::new())
    }

    /// The default theme with `overrides` (paths inside the theme folder) laid over it.
    pub fn with_overrides(overrides: BTreeMap<String, String>, drafts: Vec<String>) -> Theme {
        let mut files: BTreeMap<String, String> = DEFAULT
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        files.extend(overrides);
        Theme { files, drafts }
    }

    /// Everything of the theme that can change a page, as one string for keys and page
    /// fingerprints.
    pub fn key_text(&self) -> String {
        let mut text = String::new();
        for (k, v) in &self.files {
            text.push_str(k);
            text.push_str(v);
        }
        for d in &self.drafts {
            text.push_str("draft ");
            text.push_str(d);
        }
        text
    }

    /// A template environment over this theme's `templates/`, compiled once per build.
    pub fn environment(&self) -> Result<Environment<'static>, TemplateError> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        // Defined on every page, so a site's own base.html need not know it.
        env.add_global(
            "theme_drafts",
            minijinja::Value::from_serialize(&self.drafts),
        );
        // minijinja's own escaper also escapes `/`, which makes every URL unreadable.
        env.set_formatter(|out, _state, value| {
            if value.is_none() || value.is_undefined() {
                return Ok(());
            }
            if value.is_safe() {
                write!(out, "{value}")?;
            } else if let Some(s) = value.as_str() {
                out.write_str(&crate::escape::markup(s))?;
            } else {
                out.write_str(&crate::escape::markup(&value.to_string()))?;
            }
            Ok(())
        });
        for (path, text) in &self.files {
            if let Some(name) = path.strip_prefix("templates/") {
                env.add_template_owned(name.to_string(), text.clone())
                    .map_err(|source| TemplateError {
                        name: name.to_string(),
                        source,
                    })?;
            }
        }
        Ok(env)
    }

    /// Static assets copied to the output under `static/`.
    pub fn assets(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("static/").map(|n| (n, v.as_str())))
    }
}
