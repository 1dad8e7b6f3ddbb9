//! The plain data of the raw documents, one type per kind of file and the enums they use.

use crate::fields::Spanned;
use crate::frontmatter::BodyAt;
use crate::kinds::AttachmentOwner;
use crate::text::Text;
use chrono::NaiveDate;

/// The Markdown body of a file and the line it starts on.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Body {
    /// Shared, so a live preview hands unchanged bodies to each rebuild without copying them.
    /// Never serialised: a snapshot keeps `at` instead, and reads back as [`Text::Unloaded`]
    /// (the builder's store reads it from git when a page needs it).
    #[serde(skip, default = "unloaded")]
    pub markdown: Text,
    /// The 1-based line of the file the body starts on, so diagnostics point into the file.
    pub line: u32,
    /// Where the body lies in the file's bytes, to load it again.
    pub at: BodyAt,
    /// Link and image targets as written, for attachments a body points to.
    pub links: Vec<String>,
    /// The 1-based line of the file each of `links` is on, so a rule about a link can point at
    /// it without reading the text again (in a rebuild the text is not in memory).
    pub link_lines: Vec<u32>,
}

fn unloaded() -> Text {
    Text::Unloaded
}

/// A body's `_organ.md` (CONTENT.md §2) as written.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawOrgan {
    /// The folder name under `content/`, used in URLs and references (`fsu/2025.08`).
    pub id: String,
    /// The full name.
    pub navn: String,
    /// The short name used in lists and titles.
    pub kortnavn: String,
    /// 1 Partnerskapsmøtet, 2 strategic, 3 professional.
    pub niva: Option<u8>,
    /// Sort key on the front page.
    pub rekkefolge: Option<i64>,
    /// `false` leaves this body out of `motebok archive`.
    pub arkivverdig: bool,
    /// This body's own publication window, overriding `window_months`.
    pub vindu_maneder: Option<u32>,
    /// The body text of the file.
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
/// A meeting's `_mote.md` (CONTENT.md §3) as written.
pub struct RawMeeting {
    /// The id of the body the meeting belongs to (its parent folder).
    pub organ: String,
    /// The folder name, expected to equal `dato`.
    pub folder: String,
    /// The meeting date, with its place in the file for diagnostics.
    pub dato: Spanned<NaiveDate>,
    /// The time of day, as written.
    pub tid: Option<String>,
    /// Where the meeting is held.
    pub sted: Option<String>,
    /// Who chairs the meeting.
    pub moteleder: Option<String>,
    /// Who takes the minutes.
    pub referent: Option<String>,
    /// The meeting is cancelled.
    pub avlyst: bool,
    /// The body text of the file.
    pub body: Body,
}

/// Case types of CONTENT.md §4.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Sakstype {
    /// Approves the minutes of earlier meetings (`godkjenner_referat`).
    Referatsak,
    /// A briefing to the body.
    Orientering,
    /// The body decides.
    Beslutning,
    /// Information for the record.
    Informasjon,
    /// A conversation without a decision.
    Dialog,
    /// A discussion without a decision.
    Diskusjon,
}

impl Sakstype {
    /// Every type with its front matter key, in the order CONTENT.md lists them.
    pub const ALL: [(&'static str, Sakstype); 6] = [
        ("referatsak", Sakstype::Referatsak),
        ("orientering", Sakstype::Orientering),
        ("beslutning", Sakstype::Beslutning),
        ("informasjon", Sakstype::Informasjon),
        ("dialog", Sakstype::Dialog),
        ("diskusjon", Sakstype::Diskusjon),
    ];
    /// The front matter key (`referatsak`), as in URLs and open data.
    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map(|(k, _)| *k)
            .unwrap_or("")
    }
    /// The label shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Sakstype::Referatsak => "Referatsak",
            Sakstype::Orientering => "Orientering",
            Sakstype::Beslutning => "Beslutning",
            Sakstype::Informasjon => "Informasjon",
            Sakstype::Dialog => "Dialog",
            Sakstype::Diskusjon => "Diskusjon",
        }
    }
}

/// Document types of CONTENT.md §5.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Doktype {
    /// The overall agreement (samarbeidsavtale).
    Avtale,
    /// A sub-agreement under the overall agreement.
    Delavtale,
    /// A procedure.
    Prosedyre,
    /// A guideline.
    Retningslinje,
    /// An action plan.
    Handlingsplan,
    /// A strategy.
    Strategi,
    /// An annual report (`arsmelding`, shown as «Årsmelding»).
    Arsmelding,
    /// A report.
    Rapport,
    /// A letter.
    Brev,
    /// An article.
    Artikkel,
}

impl Doktype {
    /// Every type with its front matter key, in the order CONTENT.md lists them.
    pub const ALL: [(&'static str, Doktype); 10] = [
        ("avtale", Doktype::Avtale),
        ("delavtale", Doktype::Delavtale),
        ("prosedyre", Doktype::Prosedyre),
        ("retningslinje", Doktype::Retningslinje),
        ("handlingsplan", Doktype::Handlingsplan),
        ("strategi", Doktype::Strategi),
        ("arsmelding", Doktype::Arsmelding),
        ("rapport", Doktype::Rapport),
        ("brev", Doktype::Brev),
        ("artikkel", Doktype::Artikkel),
    ];
    /// The front matter key (`arsmelding`), as in URLs and open data.
    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map(|(k, _)| *k)
            .unwrap_or("")
    }
    /// The label shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Doktype::Avtale => "Avtale",
            Doktype::Delavtale => "Delavtale",
            Doktype::Prosedyre => "Prosedyre",
            Doktype::Retningslinje => "Retningslinje",
            Doktype::Handlingsplan => "Handlingsplan",
            Doktype::Strategi => "Strategi",
            Doktype::Arsmelding => "Årsmelding",
            Doktype::Rapport => "Rapport",
            Doktype::Brev => "Brev",
            Doktype::Artikkel => "Artikkel",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
/// How long a document stays published (`publisering`, CONTENT.md §5).
pub enum Publisering {
    /// The window runs from `dato`.
    #[default]
    Vindu,
    /// Published while in force; the window runs from `gyldig_til`.
    Gjeldende,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
/// One entry of a case's `vedlegg` list.
pub struct RawVedlegg {
    /// The title shown for the link.
    pub tittel: String,
    /// The file, relative to the meeting folder, with its place in the front matter.
    pub fil: Spanned<String>,
}

/// Exemption from public access (`offentlig: false`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Exemption {
    /// The legal basis for the exemption (e.g. `offl. § 13 jf. fvl. § 13`).
    pub skjermingshjemmel: String,
    /// The title that may be shown in place of the real one.
    pub offentlig_tittel: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
/// A case file `<saksnr>.md` (CONTENT.md §4) as written.
pub struct RawCase {
    /// The id of the body the case belongs to.
    pub organ: String,
    /// The meeting folder the case lies in (its date).
    pub folder: String,
    /// The file name without `.md`, expected to equal `saksnr`.
    pub stem: String,
    /// The case number (`2025.07`), with its place in the file.
    pub saksnr: Spanned<String>,
    /// The title.
    pub tittel: String,
    /// One or more case types.
    pub sakstype: Vec<Sakstype>,
    /// The person or role responsible (saksbehandler).
    pub ansvarlig: Option<String>,
    /// Forslag til vedtak, one item a numbered point.
    pub forslag: Vec<String>,
    /// The decision, filled in after the meeting; its presence makes the case «behandlet».
    pub vedtak: Option<Vec<String>>,
    /// Markdown: what was said in the meeting.
    pub referat: Option<String>,
    /// The line of the `referat` key (0 without one), for errors about its links.
    pub referat_line: u32,
    /// Earlier cases this one follows up; a bare number means the same body.
    pub oppfolging_av: Vec<Spanned<String>>,
    /// For a referatsak: the meetings whose minutes it approves.
    pub godkjenner_referat: Vec<Spanned<String>>,
    /// The attachments, in the order listed.
    pub vedlegg: Vec<RawVedlegg>,
    /// `None` when public.
    pub unntatt: Option<Exemption>,
    /// The body text of the file.
    pub body: Body,
}

/// A document under `content/dokumenter/` (CONTENT.md §5) as written.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawDocument {
    /// The file name without `.md`: the document's URL segment.
    pub slug: String,
    /// The title.
    pub tittel: String,
    /// The kind of document.
    pub doktype: Doktype,
    /// The document's date, with its place in the file.
    pub dato: Spanned<NaiveDate>,
    /// The case that adopted it (`fsu/2025.08`), if any.
    pub vedtatt_i: Option<Spanned<String>>,
    /// First day in force.
    pub gyldig_fra: Option<NaiveDate>,
    /// Last day in force.
    pub gyldig_til: Option<NaiveDate>,
    /// Which date the publication window runs from.
    pub publisering: Publisering,
    /// `None` when public.
    pub unntatt: Option<Exemption>,
    /// The body text of the file.
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
/// A file in a `vedlegg/` folder.
pub struct RawAttachment {
    /// The meeting or document whose `vedlegg/` folder holds the file.
    pub owner: AttachmentOwner,
    /// Path inside the `vedlegg/` folder, e.g. `tud-samarbeidsavtale.md`.
    pub name: String,
    /// For Markdown attachments: optional `tittel` and the body. `None` for other files.
    pub page: Option<(Option<String>, Body)>,
    /// For files copied as they are: why a browser would run script in it (`active`), if it
    /// would. The resolver refuses such a file at every use.
    pub script: Option<String>,
}
