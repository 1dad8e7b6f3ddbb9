//! The accessibility statement's findings as `/tilgjengelighet/funn.json`, for the
//! secretariat's own reporting: the facts (`motebok_site::accessibility`) the statement page
//! shows, written as JSON.

use motebok_domain::Site;
use motebok_site::accessibility::{findings, Finding, AUDITED_WITH};
use motebok_site::out::OutFile;
use motebok_site::urls;
use serde::Serialize;

/// Where the findings are published as JSON.
pub(crate) fn json_path() -> String {
    format!("{}funn.json", urls::ACCESSIBILITY)
}

#[derive(Serialize)]
struct Json<'a> {
    /// The build date: the findings are as of it.
    dato: String,
    standard: &'static str,
    kontrollert_med: Vec<Tool<'a>>,
    funn: &'a [Finding],
}

#[derive(Serialize)]
struct Tool<'a> {
    navn: &'a str,
    versjon: &'a str,
}

/// `/tilgjengelighet/funn.json`: the same for the same site and date, whatever built it.
pub(crate) fn json_file(site: &Site, today: chrono::NaiveDate) -> OutFile {
    let found = findings(site);
    let json = Json {
        dato: today.to_string(),
        standard: "WCAG 2.1 nivå A og AA",
        kontrollert_med: AUDITED_WITH
            .iter()
            .map(|(navn, versjon)| Tool { navn, versjon })
            .collect(),
        funn: &found,
    };
    let mut bytes = serde_json::to_vec_pretty(&json).expect("plain data serialises");
    bytes.push(b'\n');
    OutFile {
        path: json_path(),
        bytes,
    }
}
