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
    /// Never serialised: a snapshot keeps `at` instead, and its reader attaches a loader
    /// (reading it before then panics).
    #[serde(skip, default = "Text::unloaded")]
    pub markdown: Text,
    pub line: u32,
    /// Where the body lies in the file's bytes, to load it again.
    pub at: BodyAt,
    /// Link and image targets as written, for attachments a body points to.
    pub links: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawOrgan {
    pub id: String,
    pub navn: String,
    pub kortnavn: String,
    pub niva: Option<u8>,
    pub rekkefolge: Option<i64>,
    pub arkivverdig: bool,
    pub vindu_maneder: Option<u32>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawMeeting {
    pub organ: String,
    /// The folder name, expected to equal `dato`.
    pub folder: String,
    pub dato: Spanned<NaiveDate>,
    pub tid: Option<String>,
    pub sted: Option<String>,
    pub moteleder: Option<String>,
    pub referent: Option<String>,
    pub avlyst: bool,
    pub body: Body,
}

/// Case types of CONTENT.md §4.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Sakstype {
    Referatsak,
    Orientering,
    Beslutning,
    Informasjon,
    Dialog,
    Diskusjon,
}

impl Sakstype {
    pub const ALL: [(&'static str, Sakstype); 6] = [
        ("referatsak", Sakstype::Referatsak),
        ("orientering", Sakstype::Orientering),
        ("beslutning", Sakstype::Beslutning),
        ("informasjon", Sakstype::Informasjon),
        ("dialog", Sakstype::Dialog),
        ("diskusjon", Sakstype::Diskusjon),
    ];
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
    Avtale,
    Delavtale,
    Prosedyre,
    Retningslinje,
    Handlingsplan,
    Strategi,
    Arsmelding,
    Rapport,
    Brev,
    Artikkel,
}

impl Doktype {
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
    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map(|(k, _)| *k)
            .unwrap_or("")
    }
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
pub enum Publisering {
    #[default]
    Vindu,
    Gjeldende,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawVedlegg {
    pub tittel: String,
    pub fil: Spanned<String>,
}

/// Exemption from public access (`offentlig: false`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Exemption {
    pub skjermingshjemmel: String,
    pub offentlig_tittel: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawCase {
    pub organ: String,
    pub folder: String,
    /// The file name without `.md`, expected to equal `saksnr`.
    pub stem: String,
    pub saksnr: Spanned<String>,
    pub tittel: String,
    pub sakstype: Vec<Sakstype>,
    pub ansvarlig: Option<String>,
    pub forslag: Vec<String>,
    pub vedtak: Option<Vec<String>>,
    pub referat: Option<String>,
    pub oppfolging_av: Vec<Spanned<String>>,
    pub godkjenner_referat: Vec<Spanned<String>>,
    pub vedlegg: Vec<RawVedlegg>,
    /// `None` when public.
    pub unntatt: Option<Exemption>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawDocument {
    pub slug: String,
    pub tittel: String,
    pub doktype: Doktype,
    pub dato: Spanned<NaiveDate>,
    pub vedtatt_i: Option<Spanned<String>>,
    pub gyldig_fra: Option<NaiveDate>,
    pub gyldig_til: Option<NaiveDate>,
    pub publisering: Publisering,
    pub unntatt: Option<Exemption>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawAttachment {
    pub owner: AttachmentOwner,
    /// Path inside the `vedlegg/` folder, e.g. `tud-samarbeidsavtale.md`.
    pub name: String,
    /// For Markdown attachments: optional `tittel` and the body. `None` for other files.
    pub page: Option<(Option<String>, Body)>,
    /// For files copied as they are: why a browser would run script in it (`active`), if it
    /// would. The resolver refuses such a file at every use.
    pub script: Option<String>,
}
