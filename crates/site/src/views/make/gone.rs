//! The page that stays at a published URL whose file moved or was deleted (the builder's `gone`).

use super::*;
use serde::Serialize;

/// What `gone.html` sees: what stood here, and where it went or when it was withdrawn.
#[derive(Debug, Clone, Serialize)]
pub struct GoneView {
    /// What kind of item stood here.
    pub kind: String,
    /// Its title.
    pub title: String,
    /// Its case number.
    pub number: Option<String>,
    /// When it was published.
    pub published: DateView,
    /// Moved: the page's new place (relative to the root).
    pub moved_to: Option<String>,
    /// Withdrawn: the day, and the pull request that did it (a link with `repository_url`).
    pub withdrawn: Option<DateView>,
    /// The pull request that withdrew it.
    pub pull_request: Option<Link>,
}

impl Views<'_> {
    /// The page left at the URL of a file that moved or was deleted.
    pub fn gone(&self, g: &Gone) -> GoneView {
        let (moved_to, withdrawn, pull_request) = match &g.fate {
            GoneFate::Moved { to } => (Some(urls::href(to.clone())), None, None),
            GoneFate::Withdrawn { pull_request } => (
                None,
                Some(date(dates::oslo_day(&g.left))),
                pull_request
                    .map(|n| crate::views::trail::pr_link(self.cfg.repository_url.as_deref(), n)),
            ),
        };
        GoneView {
            kind: g.kind.clone(),
            title: g.title.clone(),
            number: g.number.clone(),
            published: date(dates::oslo_day(&g.published)),
            moved_to,
            withdrawn,
            pull_request,
        }
    }
}
