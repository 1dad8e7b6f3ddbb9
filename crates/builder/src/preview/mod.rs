//! `motebok check --against BRANCH`: what merging the current branch would publish, change
//! and remove, as Markdown an editor can read in the pull request.

mod clash;
pub mod errors;

use crate::build_error::BuildError;
use crate::loaded::Loaded;
use crate::source;
use chrono::NaiveDate;
use motebok_domain::{Publication, Site};
use motebok_site::dates;
use motebok_site::urls;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// One page that a merge would add, change or remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageChange {
    /// The page's site path.
    pub url: String,
    /// Its title.
    pub title: String,
    /// The first day the page is no longer published (`None`: no end, or not a document).
    pub closes: Option<NaiveDate>,
    /// The page is (or becomes) a tombstone.
    pub tombstone: bool,
}

/// What merging a pull request would do to the site, for the preview comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The branch merged into.
    pub base_branch: String,
    /// Its tip, as hex.
    pub base: String,
    /// The pull request's tip, as hex.
    pub head: String,
    /// The date both sides were built for.
    pub today: NaiveDate,
    /// Pages the merge adds.
    pub added: Vec<PageChange>,
    /// Pages whose content changes.
    pub changed: Vec<PageChange>,
    /// Pages the merge takes away.
    pub removed: Vec<PageChange>,
}

/// Title and window of every content page, by URL.
fn items(site: &Site) -> BTreeMap<String, (String, Publication)> {
    let mut out = BTreeMap::new();
    for m in &site.meetings {
        let o = &site.organs[m.organ];
        out.insert(
            urls::meeting(&o.id, m.date),
            (
                format!("{} {}", o.kortnavn, dates::long(m.date)),
                m.publication,
            ),
        );
    }
    for c in site.cases.iter().filter(|c| c.unntatt.is_none()) {
        let o = &site.organs[c.organ];
        out.insert(
            urls::case(&o.id, c.number),
            (
                format!("{} {} {}", o.kortnavn, c.number, c.tittel),
                c.publication,
            ),
        );
    }
    for d in site.documents.iter().filter(|d| d.unntatt.is_none()) {
        out.insert(urls::document(&d.slug), (d.tittel.clone(), d.publication));
    }
    for a in site
        .attachments
        .iter()
        .filter(|a| !matches!(a.publication, Publication::Exempt))
    {
        out.insert(
            urls::attachment(&a.owner, &a.name),
            (format!("Vedlegg: {}", a.name), a.publication),
        );
    }
    out
}

fn change(url: &str, items: &BTreeMap<String, (String, Publication)>, html: &str) -> PageChange {
    let (title, publication) = items
        .get(url)
        .cloned()
        .unwrap_or_else(|| (html_title(html), Publication::Published { closes: None }));
    PageChange {
        url: url.to_string(),
        title,
        closes: match publication {
            Publication::Published { closes } => closes,
            _ => None,
        },
        tombstone: matches!(publication, Publication::Tombstone { .. }),
    }
}

fn html_title(html: &str) -> String {
    html.split_once("<title>")
        .and_then(|(_, r)| r.split_once("</title>"))
        .map(|(t, _)| t.split(" – ").next().unwrap_or(t).to_string())
        .unwrap_or_default()
}

/// Renders the publishing branch and the checked-out revision (HEAD) and compares them.
pub fn against(root: &Path, base_branch: &str, today: NaiveDate) -> Result<Summary, BuildError> {
    let repo = crate::load::open_repo(root)?;

    let start = crate::start::Start::read(root, true)?;
    let mut base = crate::load::load_from_git(root, today, &start)?;
    if base.cfg.branch != base_branch {
        return Err(crate::setup_error::SetupError::OtherBranch {
            configured: base.cfg.branch.clone(),
            against: base_branch.to_string(),
        }
        .into());
    }
    // Problems already on the publishing branch are not this pull request's doing.
    base.problems.clear();
    let head_commit = repo.head_commit()?;
    let head = head_commit.to_string();
    let head_tree = repo.commit_tree(head_commit)?;
    let (files, mut problems) = source::read_git_tree(&repo, &head_tree)?;
    // Numbers the target branch took since this branch left it, for other cases.
    if let Some(base_id) = base.head.as_deref() {
        let base_commit = motebok_git::Oid::from_hex(base_id)?;
        problems.extend(clash::clashes(
            &repo,
            head_commit,
            base_commit,
            base_branch,
        )?);
    }
    // The theme as the pull request has it: its changes show as changed pages.
    let (theme, theme_problems) =
        crate::theme_source::from_git(&repo, &head_tree, &base.cfg.theme)?;
    problems.extend(theme_problems);
    // The branch as it will be once merged: its files, the trail main already has.
    let proposed = Loaded {
        cfg: base.cfg.clone(),
        files,
        trails: base.trails.clone(),
        drafts: HashSet::new(),
        today,
        problems,
        theme,
        head: Some(head.clone()),
        git: None,
        departures: Default::default(),
        paper_cache: None,
    };

    let mut base_site = crate::phases::resolve_site(&base)?;
    // The proposed branch has no history of its own: compare content, not the old URLs' pages.
    base_site.gone.clear();
    let head_site = crate::phases::resolve_site(&proposed)?;
    let base_run = crate::phases::render_preview(&base, &base_site)?;
    let head_run = crate::phases::render_preview(&proposed, &head_site)?;
    let base_items = items(&base_site);
    let head_items = items(&head_site);
    let before = base_run.pages();
    let after = head_run.pages();

    let mut summary = Summary {
        base_branch: base_branch.to_string(),
        base: base.head.clone().unwrap_or_default(),
        head,
        today,
        added: Vec::new(),
        changed: Vec::new(),
        removed: Vec::new(),
    };
    for (url, html) in &after {
        match before.get(url) {
            None => summary.added.push(change(url, &head_items, html)),
            Some(old) if old != html => summary.changed.push(change(url, &head_items, html)),
            _ => {}
        }
    }
    for (url, html) in &before {
        if !after.contains_key(url) {
            summary.removed.push(change(url, &base_items, html));
        }
    }
    Ok(summary)
}

/// The summary as Markdown for a pull-request comment.
pub fn markdown(s: &Summary) -> String {
    let short = |id: &str| id.chars().take(7).collect::<String>();
    let mut out = format!(
        "## Hva skjer når denne endringen slås sammen?\n\nSammenlignet med `{}` ({}), per {}. Endringen er kontrollert: ingen feil.\n\n",
        s.base_branch,
        short(&s.base),
        dates::long(s.today)
    );
    if s.added.is_empty() && s.changed.is_empty() && s.removed.is_empty() {
        out.push_str("Ingen sider endres.\n");
        return out;
    }
    let section = |out: &mut String, title: &str, list: &[PageChange], with_window: bool| {
        if list.is_empty() {
            return;
        }
        out.push_str(&format!("### {title} ({})\n\n", list.len()));
        if with_window {
            out.push_str("| Side | Tittel | Publisert til og med |\n|---|---|---|\n");
        } else {
            out.push_str("| Side | Tittel |\n|---|---|\n");
        }
        for p in list {
            let title = p.title.replace('|', "\\|");
            if with_window {
                let until = match (p.tombstone, p.closes) {
                    (true, _) => "ikke publisert (vinduet er lukket)".to_string(),
                    (false, Some(c)) => c.pred_opt().map(dates::long).unwrap_or_default(),
                    (false, None) => "så lenge den gjelder".to_string(),
                };
                out.push_str(&format!("| `/{}` | {} | {} |\n", p.url, title, until));
            } else {
                out.push_str(&format!("| `/{}` | {} |\n", p.url, title));
            }
        }
        out.push('\n');
    };
    section(&mut out, "Nye sider som publiseres", &s.added, true);
    section(&mut out, "Sider som endres", &s.changed, false);
    section(&mut out, "Sider som fjernes", &s.removed, false);
    out
}
