//! The files `motebok new` writes: front matter with a comment on every key telling the editor
//! what to write, and guidance in the body as HTML comments (never published). Every template
//! passes `motebok check` as it stands: keys to fill in are left empty, not filled with text
//! that could slip through to readers. A case's headings with nothing under them yet are
//! warnings (`motebok_parser::body`), so they are not published empty by accident.

use chrono::{Datelike, NaiveDate};
use motebok_domain::CaseNumber;
use motebok_parser::{Doktype, Sakstype};
use motebok_site::dates;

/// A YAML double-quoted string.
pub fn quoted(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

/// `_mote.md`; `name` is the body's short name, `organ` its folder.
pub fn meeting(organ: &str, name: &str, date: NaiveDate) -> String {
    format!(
        r#"---
# Møte i {name} {long}. Fyll inn det du vet nå; resten kan komme senere.
# Tekst etter # er hjelpetekst og vises ikke på nettstedet.
dato: {date}        # møtedatoen, lik mappenavnet: ikke endre
tid:                    # klokkeslett i anførselstegn, for eksempel "09:00-12:00"
sted:                   # møterom eller adresse, for eksempel SiV C-E1-028, eller Teams
moteleder:              # den som leder møtet, for eksempel Kari Nordmann
referent:               # den som skriver referatet, for eksempel Sekretariatet
# avlyst: true          # ta bort # foran hvis møtet blir avlyst
---
<!--
Her kan du skrive praktisk informasjon som vises på møtesiden: adresse, lenke til
møtet på Teams, servering, eller saker til Eventuelt. Slett denne kommentaren.

Innkalling, saksliste og referat lages av sakene i denne mappen. Lag en ny sak med
    motebok new sak {organ} {date} "Tittel på saken"
-->
"#,
        long = dates::long(date),
    )
}

/// A case file: body `name` (short name), meeting `date`, the new `number` and the title.
pub fn case(name: &str, date: NaiveDate, number: CaseNumber, tittel: &str) -> String {
    let types: Vec<&str> = Sakstype::ALL.iter().map(|(k, _)| *k).collect();
    format!(
        r#"---
# Sak {number} i {name}, møtet {long}. Tekst etter # er hjelpetekst og vises ikke.
saksnr: "{number}"       # saksnummeret, likt filnavnet: ikke endre
tittel: {tittel}
sakstype: [beslutning]  # én eller flere av: {types}
ansvarlig:              # saksbehandler, for eksempel: Kari Nordmann, fagsjef
forslag:                # forslag til vedtak, ett punkt per linje; ta bort # foran:
#  - Saken tas til orientering.
#
# Valgfritt: ta bort # foran det du trenger.
# oppfolging_av: ["{prev}.01"]          # tidligere saker denne følger opp; fsu/{prev}.08 for et annet organ
# godkjenner_referat: ["{date}"]  # i en referatsak: møtet som har referatet som godkjennes
# vedlegg:                            # filene legges i mappen vedlegg/ i møtemappen
#   - tittel: Navn på vedlegget
#     fil: vedlegg/navn.md
# offentlig: false                    # bare når saken er unntatt offentlighet
# skjermingshjemmel: "offl. § 13 jf. fvl. § 13"   # lovhjemmelen, påkrevd med offentlig: false
# offentlig_tittel: Personalsak       # tittelen sakslisten kan vise for en unntatt sak
#
# Etter møtet:
# vedtak:                             # konklusjonen, ett punkt per linje
#   - Saken ble tatt til orientering.
# referat: |                          # det som ble sagt i møtet
#   Kari Nordmann orienterte om saken.
---
## Bakgrunn

<!-- Hvorfor saken kommer opp: tidligere vedtak, oppdrag eller henvendelser. -->

## Saken

<!-- Hva saken gjelder, og hva utvalget blir bedt om. -->

## Vurdering

<!-- Vurderingen, og begrunnelsen for forslaget til vedtak. -->
"#,
        long = dates::long(date),
        tittel = quoted(tittel),
        types = types.join(" "),
        prev = number.year - 1,
    )
}

/// A document file of type `doktype`, dated `dato`.
pub fn document(tittel: &str, doktype: Doktype, dato: NaiveDate) -> String {
    let types: Vec<&str> = Doktype::ALL.iter().map(|(k, _)| *k).collect();
    format!(
        r#"---
# Et dokument utenfor møtene. Tekst etter # er hjelpetekst og vises ikke.
tittel: {tittel}
doktype: {doktype:<15}# en av: {types}
dato: {dato}        # dokumentets egen dato, ÅÅÅÅ-MM-DD
#
# Valgfritt: ta bort # foran det du trenger.
# vedtatt_i: ssu/{year}.01        # saken som vedtok dokumentet
# gyldig_fra: {year}-01-01        # for avtaler: første dag avtalen gjelder
# gyldig_til: {next}-12-31        # for avtaler: siste dag avtalen gjelder
# publisering: gjeldende        # publiser så lenge avtalen gjelder (standard: to år fra dato)
# offentlig: false              # bare når dokumentet er unntatt offentlighet: da publiseres det ikke
# skjermingshjemmel: "offl. § 14"   # lovhjemmelen, påkrevd med offentlig: false
---
<!-- Skriv dokumentet her, med overskrifter som ## Formål og ## Ansvar. Slett denne kommentaren. -->
"#,
        tittel = quoted(tittel),
        doktype = doktype.key(),
        types = types.join(" "),
        year = dato.year(),
        next = dato.year() + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use motebok_parser::{parse_file, RawDoc, CASE_KEYS, DOCUMENT_KEYS, MEETING_KEYS};

    fn date(s: &str) -> NaiveDate {
        motebok_parser::parse_iso_date(s).unwrap()
    }

    /// The template with every optional key taken out of its comment, as an editor would.
    fn uncommented(text: &str, keys: &[&str]) -> String {
        let mut in_fm = 0;
        text.lines()
            .map(|l| {
                if l == "---" {
                    in_fm += 1;
                }
                let rest = l.strip_prefix("# ").unwrap_or("");
                let is_key = keys.iter().any(|k| rest.starts_with(&format!("{k}:")));
                let is_cont = rest.starts_with(' ') && l.len() > 2;
                if in_fm == 1 && (is_key || is_cont) {
                    format!("{rest}\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect()
    }

    #[test]
    fn templates_parse_as_they_stand_and_uncommented() {
        let n = motebok_domain::CaseNumber::parse("2026.04").unwrap();
        let d = date("2026-02-26");
        let files = [
            (
                "content/ssu/2026-02-26/_mote.md",
                meeting("ssu", "SSU", d),
                MEETING_KEYS,
            ),
            (
                "content/ssu/2026-02-26/2026.04.md",
                case("SSU", d, n, "Avtale: \"TUD\" # 1"),
                CASE_KEYS,
            ),
            (
                "content/dokumenter/x.md",
                document("Avtale", Doktype::Avtale, d),
                DOCUMENT_KEYS,
            ),
        ];
        for (path, text, keys) in files {
            let f = parse_file(path, text.as_bytes()).unwrap_or_else(|e| panic!("{text}\n{e:?}"));
            if let RawDoc::Case(c) = &f.doc {
                assert_eq!(c.saksnr.value, "2026.04");
                assert_eq!(c.tittel, "Avtale: \"TUD\" # 1");
                assert!(c.forslag.is_empty() && c.ansvarlig.is_none());
            }
            let all = uncommented(&text, keys);
            assert_ne!(all, text);
            let f = parse_file(path, all.as_bytes()).unwrap_or_else(|e| panic!("{all}\n{e:?}"));
            if let RawDoc::Case(c) = &f.doc {
                assert_eq!(c.forslag, vec!["Saken tas til orientering."]);
                assert_eq!(c.vedlegg[0].fil.value, "vedlegg/navn.md");
                assert_eq!(c.oppfolging_av[0].value, "2025.01");
                assert!(c.vedtak.is_some() && c.referat.is_some() && c.unntatt.is_some());
            }
        }
    }

    #[test]
    fn quotes_titles() {
        assert_eq!(quoted("Avtale: \"TUD\" \\ 2"), r#""Avtale: \"TUD\" \\ 2""#);
    }
}
