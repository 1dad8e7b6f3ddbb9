//! Paths of the API, relative to the site root.

use chrono::NaiveDate;
use motebok_domain::CaseNumber;

pub(crate) const SYSTEM: &str = "api/system.json";
pub(crate) const BODIES: &str = "api/bodies.json";
pub(crate) const BODY: &str = "api/body.json";
pub(crate) const ORGANIZATIONS: &str = "api/organizations.json";
pub(crate) const MEETINGS: &str = "api/meetings.json";
pub(crate) const PAPERS: &str = "api/papers.json";
pub(crate) const FILES: &str = "api/files.json";
pub(crate) const PERSONS: &str = "api/persons.json";
pub(crate) const AGENDA_ITEMS: &str = "api/agenda-items.json";
pub(crate) const CONSULTATIONS: &str = "api/consultations.json";
pub(crate) const LOCATIONS: &str = "api/locations.json";
pub(crate) const MEMBERSHIPS: &str = "api/memberships.json";
pub(crate) const LEGISLATIVE_TERMS: &str = "api/legislative-terms.json";
/// The human-readable page of `/api/`.
pub const INDEX: &str = motebok_site::urls::API;

/// A body's Organization.
pub fn organization(organ: &str) -> String {
    format!("api/organization/{organ}.json")
}
pub(crate) fn organ_meetings(organ: &str) -> String {
    format!("api/organization/{organ}/meetings.json")
}
pub(crate) fn organ_papers(organ: &str) -> String {
    format!("api/organization/{organ}/papers.json")
}
/// A meeting, by its body and date.
pub fn meeting(organ: &str, date: NaiveDate) -> String {
    format!("api/meeting/{organ}/{date}.json")
}
/// A case's Paper, by its body and case number.
pub fn paper(organ: &str, number: CaseNumber) -> String {
    format!("api/paper/{organ}/{number}.json")
}
/// A case's agenda line and its treatment: by case number, like the Paper, so they keep
/// their ids when the meeting moves to another date.
pub fn agenda_item(organ: &str, number: CaseNumber) -> String {
    format!("api/agenda-item/{organ}/{number}.json")
}
/// A case's consultation, by its body and case number (as its agenda item).
pub fn consultation(organ: &str, number: CaseNumber) -> String {
    format!("api/consultation/{organ}/{number}.json")
}
/// A meeting's place (`sted`).
pub fn location(organ: &str, date: NaiveDate) -> String {
    format!("api/location/{organ}/{date}.json")
}
/// The File of a site URL: `ssu/sak/2025.16/` → `api/file/ssu/sak/2025.16.json`.
pub fn file(url: &str) -> String {
    format!("api/file/{}.json", url.trim_end_matches('/'))
}
