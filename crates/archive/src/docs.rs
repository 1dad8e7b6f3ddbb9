//! What the documents of the package are called and where they lie: titles, labels, paths and
//! the publication note (the documents themselves are Papers, `paper`).

use super::html::Links;
use super::select::{self, Selection};
use motebok_domain::*;
use motebok_site::dates;

/// What every page needs to know of the package.
pub(super) struct Ctx<'a> {
    pub site: &'a Site,
    pub sel: &'a Selection,
    pub links: &'a Links,
    pub org: &'a str,
    /// Where the bodies' texts are read.
    pub bodies: &'a motebok_builder::store::Store,
}

/// Package paths of a meeting's generated pages.
pub(super) fn summons_path(m: &Meeting) -> String {
    meeting_dir(m) + "innkalling.pdf"
}
pub(super) fn minutes_path(m: &Meeting) -> String {
    meeting_dir(m) + "protokoll.pdf"
}
fn meeting_dir(m: &Meeting) -> String {
    let p = select::package_path(&m.src.path);
    p.rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"))
}

pub(super) fn meeting_title(site: &Site, m: &Meeting) -> String {
    format!(
        "Møte i {} {}",
        site.organs[m.organ].kortnavn,
        dates::long(m.date)
    )
}

/// `SSU 2025.16`
pub(super) fn case_label(site: &Site, ci: CaseIx) -> String {
    let c = &site.cases[ci];
    format!("{} {}", site.organs[c.organ].kortnavn, c.number)
}

/// The title a case may show: its own, or its public title when exempt.
pub(super) fn public_title(c: &Case) -> String {
    match &c.unntatt {
        Some(u) => u
            .offentlig_tittel
            .clone()
            .unwrap_or_else(|| "Unntatt offentlighet".into()),
        None => c.tittel.clone(),
    }
}

pub(super) fn publication_text(p: Publication, today: chrono::NaiveDate) -> String {
    match p {
        Publication::Published { closes: Some(c) } => format!(
            "Fortsatt publisert på nettstedet per {today}, til og med {}.",
            c.pred_opt().unwrap_or(c)
        ),
        Publication::Published { closes: None } => {
            format!("Fortsatt publisert på nettstedet per {today}, så lenge dokumentet gjelder.")
        }
        Publication::Tombstone { closed } => {
            format!("Avpublisert fra nettstedet {closed}: publiseringsvinduet er lukket.")
        }
        Publication::Exempt => "Unntatt offentlighet: aldri publisert på nettstedet.".into(),
    }
}

pub(super) fn types(c: &Case) -> String {
    c.sakstype
        .iter()
        .map(|t| t.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An attachment's title: its own, else the one `case` (or any case) lists it with, else its name.
pub(super) fn attachment_title(site: &Site, ai: AttachmentIx, case: Option<CaseIx>) -> String {
    let a = &site.attachments[ai];
    if let Some((Some(t), _)) = &a.page {
        return t.clone();
    }
    let listed = |ci: CaseIx| {
        site.cases[ci]
            .vedlegg
            .iter()
            .find(|v| v.attachment == ai)
            .map(|v| v.tittel.clone())
    };
    case.and_then(listed)
        .or_else(|| a.used_by_cases.iter().find_map(|&c| listed(c)))
        .unwrap_or_else(|| a.name.trim_end_matches(".md").to_string())
}
