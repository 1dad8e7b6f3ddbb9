//! The OParl 1.1 objects motebok publishes, as typed structs. Extensions beyond OParl carry the
//! `motebok:` prefix, as OParl asks of vendor properties. Field order does not matter: the
//! writer sorts every key (see [`super::to_json`]).

use crate::stamp::Stamp;
use serde::Serialize;
use serde_json::Value;

pub(crate) const OPARL_VERSION: &str = "https://schema.oparl.org/1.1/";

/// `https://schema.oparl.org/1.1/Paper` and so on.
pub(crate) fn type_uri(name: &str) -> String {
    format!("{OPARL_VERSION}{name}")
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct System {
    pub id: String,
    pub r#type: String,
    pub oparl_version: String,
    pub name: String,
    pub website: String,
    pub body: String,
    /// A URL, as OParl asks: the open data page, which names the software and its version.
    pub product: String,
    pub web: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    pub created: String,
    pub modified: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Body {
    pub id: String,
    pub r#type: String,
    pub system: String,
    pub name: String,
    pub website: String,
    pub contact_email: String,
    pub classification: String,
    pub organization: String,
    pub person: String,
    pub meeting: String,
    pub paper: String,
    pub file: String,
    /// Required by OParl; a helsefellesskap has no elected terms.
    pub legislative_term: Vec<Value>,
    /// The external lists OParl 1.1 makes mandatory beside the ones above.
    pub agenda_item: String,
    pub consultation: String,
    pub membership: String,
    pub location_list: String,
    pub legislative_term_list: String,
    pub web: String,
    pub created: String,
    pub modified: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Organization {
    pub id: String,
    pub r#type: String,
    pub body: String,
    pub name: String,
    pub short_name: String,
    pub organization_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    /// List of its meetings.
    pub meeting: String,
    #[serde(rename = "motebok:paper")]
    pub papers: String,
    #[serde(rename = "motebok:level", skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    #[serde(rename = "motebok:windowMonths")]
    pub window_months: u32,
    #[serde(rename = "motebok:archived")]
    pub archived: bool,
    #[serde(rename = "motebok:mandate")]
    pub mandate: String,
    pub web: String,
    #[serde(rename = "motebok:draft", skip_serializing_if = "is_false")]
    pub draft: bool,
    #[serde(flatten)]
    pub stamp: Stamp,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Location {
    pub id: String,
    pub r#type: String,
    pub description: String,
    pub meetings: Vec<String>,
    pub created: String,
    pub modified: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Meeting {
    pub id: String,
    pub r#type: String,
    pub name: String,
    pub meeting_state: String,
    pub cancelled: bool,
    /// The meeting's day, also when `tid` gives no time (OParl's `start` needs one).
    #[serde(rename = "motebok:date")]
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Value>,
    pub organization: Vec<String>,
    #[serde(rename = "motebok:chair", skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
    #[serde(rename = "motebok:secretary", skip_serializing_if = "Option::is_none")]
    pub secretary: Option<String>,
    #[serde(rename = "motebok:text")]
    pub text: String,
    pub invitation: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results_protocol: Option<Value>,
    pub agenda_item: Vec<Value>,
    /// Referatsaker that approved these minutes.
    #[serde(
        rename = "motebok:minutesApprovedIn",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub minutes_approved_in: Vec<String>,
    pub web: String,
    #[serde(rename = "motebok:draft", skip_serializing_if = "is_false")]
    pub draft: bool,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// An agenda line. For an exempt case only what the agenda shows: number, public title and the
/// legal basis (CONTENT.md §4).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AgendaItem {
    pub id: String,
    pub r#type: String,
    pub meeting: String,
    pub number: String,
    pub order: usize,
    pub name: String,
    pub public: bool,
    #[serde(rename = "motebok:legalBasis", skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consultation: Option<String>,
    #[serde(rename = "motebok:paper", skip_serializing_if = "Option::is_none")]
    pub paper: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    pub created: String,
    pub modified: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Consultation {
    pub id: String,
    pub r#type: String,
    pub paper: String,
    pub meeting: String,
    pub agenda_item: String,
    pub organization: Vec<String>,
    pub authoritative: bool,
    pub role: String,
    pub created: String,
    pub modified: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Paper {
    pub id: String,
    pub r#type: String,
    pub body: String,
    pub name: String,
    pub reference: String,
    pub date: String,
    pub paper_type: String,
    #[serde(rename = "motebok:caseType")]
    pub case_type: Vec<&'static str>,
    /// Earlier and later cases of the same matter (both directions of `oppfolging_av`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_paper: Vec<String>,
    #[serde(rename = "motebok:followsUp", skip_serializing_if = "Vec::is_empty")]
    pub follows_up: Vec<String>,
    #[serde(rename = "motebok:followedUpBy", skip_serializing_if = "Vec::is_empty")]
    pub followed_up_by: Vec<String>,
    pub main_file: Value,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub auxiliary_file: Vec<Value>,
    pub under_direction_of: Vec<String>,
    pub consultation: Vec<Value>,
    #[serde(
        rename = "motebok:responsible",
        skip_serializing_if = "Option::is_none"
    )]
    pub responsible: Option<String>,
    #[serde(rename = "motebok:proposal", skip_serializing_if = "Vec::is_empty")]
    pub proposal: Vec<String>,
    #[serde(rename = "motebok:decision", skip_serializing_if = "Option::is_none")]
    pub decision: Option<Vec<String>>,
    #[serde(rename = "motebok:minutes", skip_serializing_if = "Option::is_none")]
    pub minutes: Option<String>,
    #[serde(
        rename = "motebok:approvesMinutesOf",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub approves_minutes_of: Vec<String>,
    #[serde(rename = "motebok:adopted", skip_serializing_if = "Vec::is_empty")]
    pub adopted: Vec<String>,
    pub web: String,
    #[serde(rename = "motebok:draft", skip_serializing_if = "is_false")]
    pub draft: bool,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// An exempt case: it has a number and a place on the agenda, nothing more. No trail either:
/// commit subjects and authors could name what the exemption protects.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ExemptPaper {
    pub id: String,
    pub r#type: String,
    pub body: String,
    pub name: String,
    pub reference: String,
    pub date: String,
    #[serde(rename = "motebok:exempt")]
    pub exempt: bool,
    #[serde(rename = "motebok:legalBasis")]
    pub legal_basis: String,
    pub under_direction_of: Vec<String>,
    /// When its file was first published and last changed; no trail (see above).
    pub created: String,
    pub modified: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct File {
    pub id: String,
    pub r#type: String,
    pub name: String,
    pub file_name: String,
    pub mime_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha512_checksum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub access_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub download_url: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub meeting: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paper: Vec<String>,
    /// `innkalling`, `referat`, `saksfremlegg`, `vedlegg` or `dokument`.
    #[serde(rename = "motebok:role")]
    pub role: &'static str,
    #[serde(
        rename = "motebok:documentType",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_type: Option<String>,
    #[serde(rename = "motebok:validFrom", skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    #[serde(rename = "motebok:validUntil", skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    #[serde(rename = "motebok:adoptedIn", skip_serializing_if = "Option::is_none")]
    pub adopted_in: Option<String>,
    #[serde(rename = "motebok:attachment", skip_serializing_if = "Vec::is_empty")]
    pub attachment: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    #[serde(rename = "motebok:draft", skip_serializing_if = "is_false")]
    pub draft: bool,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// What stays of an object whose window has closed (OParl 1.1 §2.8 "Gelöschte Objekte"):
/// `id`, `type`, `created`, `modified` (when it was unpublished) and `deleted`.
#[derive(Debug, Serialize)]
pub(crate) struct Deleted {
    pub id: String,
    pub r#type: String,
    pub created: String,
    pub modified: String,
    pub deleted: bool,
}

/// An external object list, in one page, but for its `data`: the writer puts the items' bytes
/// in front (see [`super::json::list`]), so that one object's bytes serve every list it is in.
#[derive(Debug, Serialize)]
pub(crate) struct ListMeta {
    pub pagination: Pagination,
    pub links: Links,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Pagination {
    pub total_elements: usize,
    pub elements_per_page: usize,
    pub current_page: usize,
    pub total_pages: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct Links {
    #[serde(rename = "self")]
    pub this: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
}

impl ListMeta {
    pub(crate) fn new(n: usize, id: String, web: Option<String>) -> ListMeta {
        ListMeta {
            pagination: Pagination {
                total_elements: n,
                elements_per_page: n.max(1),
                current_page: 1,
                total_pages: 1,
            },
            links: Links { this: id, web },
        }
    }
}
