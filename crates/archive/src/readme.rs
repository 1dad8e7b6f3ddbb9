//! README.md of the package: what it holds and how to check it, for the archivist who opens it.

use super::plan::Stats;
use super::tree::*;
use motebok_site::words::count;

pub(super) struct Facts<'a> {
    pub org: &'a str,
    pub year: i32,
    pub today: chrono::NaiveDate,
    pub stats: &'a Stats,
    pub organs: Vec<String>,
    pub not_archived: Vec<String>,
    pub exempt_left_out: usize,
    pub document_files: usize,
    pub schemas_missing: bool,
    pub changes: usize,
}

/// How many documents the package says are still published, withdrawn, or never published.
fn publication_counts(a: &Arkiv) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    let notes = a
        .arkivdel
        .system
        .klasser
        .iter()
        .flat_map(|k| &k.mapper)
        .flat_map(|m| &m.registreringer)
        .flat_map(|r| &r.dokumenter)
        .flat_map(|d| &d.merknader)
        .filter(|n| n.type_ == "Publiseringsstatus");
    for n in notes {
        if n.tekst.starts_with("Fortsatt") {
            counts.0 += 1;
        } else if n.tekst.starts_with("Avpublisert") {
            counts.1 += 1;
        } else {
            counts.2 += 1;
        }
    }
    counts
}

pub(super) fn text(f: &Facts, a: &Arkiv) -> String {
    let s = f.stats;
    let (published, withdrawn, never) = publication_counts(a);
    let mut t = format!(
        "# Arkivuttrekk {year}: {org}\n\n\
Noark 5-arkivuttrekk (versjon 5.0) av møtedokumentene fra {year}, laget av motebok {ver} per {today}.\n\
Pakken er en BagIt-pose (BagIt 1.0, RFC 8493); uttrekket ligger i `data/avleveringspakke/`.\n\n\
## Innhold\n\n\
- `arkivstruktur.xml`: arkiv → arkivdel {year} → klassifikasjonssystem «Organer» → én klasse per organ \
→ én møtemappe per møte → møteregistreringer (innkallingen, én per sak, protokollen) → dokumentbeskrivelser \
(hoveddokument og vedlegg) → dokumentobjekter med SHA-256-sjekksum. Andre dokumenter ligger i klassen \
«dokumenter», i mappen «Andre dokumenter {year}».\n\
- `endringslogg.xml`: én endring for hver godkjente commit som endret en fil bak et dokument: når, av hvem, \
fra hvilken versjon til hvilken, og hvem som godkjente den i hvilken pull request.\n\
- `arkivuttrekk.xml`: pakkebeskrivelsen (ADDML) etter Arkivverkets mal, med antall og sjekksummer.\n\
- `DOKUMENT/`: hvert dokument som PDF/A-2a og PDF/UA-1 satt av motebok (arkivformat; skriftene innebygd, \
ingen eksterne ressurser) og Markdown-kilden fra git (produksjonsformat). PDF/A-vedlegg er kopiert uendret; \
andre PDF-er er gjort om til PDF/A-2b med Ghostscript når eksporten ble bedt om det, med originalen ved siden av.\n",
        year = f.year,
        org = f.org,
        ver = env!("CARGO_PKG_VERSION"),
        today = f.today,
    );
    if f.schemas_missing {
        t.push_str(
            "\n**Skjemaene mangler.** XSD-filene (arkivstruktur.xsd, metadatakatalog.xsd, \
endringslogg.xsd, addml.xsd) er ikke med, fordi eksporten ikke fikk oppgitt hvor de ligger \
(`--xsd-dir` eller `[archive] xsd_dir` i site.toml). Hent dem fra Arkivverkets skjemaer for Noark 5 \
versjon 5.0 og lag pakken på nytt før avlevering.\n",
        );
    } else {
        t.push_str("- `*.xsd`: de offisielle skjemaene, kopiert uendret.\n");
    }
    t.push_str(&format!(
        "\n## Omfang\n\n\
- Organer: {organs}.\n\
- {m}, {c}, {d}, {v} vedlegg; {files}; {e} i endringsloggen.\n",
        organs = if f.organs.is_empty() {
            "ingen".to_string()
        } else {
            f.organs.join(", ")
        },
        m = count(s.meetings, "møte", "møter"),
        c = count(s.cases, "sak", "saker"),
        d = count(s.documents, "annet dokument", "andre dokumenter"),
        v = s.attachments,
        files = count(f.document_files, "dokumentfil", "dokumentfiler"),
        e = count(f.changes, "endring", "endringer"),
    ));
    if !f.not_archived.is_empty() {
        t.push_str(&format!(
            "- Ikke med (organet er ikke arkivverdig): {}.\n",
            f.not_archived.join(", ")
        ));
    }
    if s.exempt > 0 {
        t.push_str(&format!(
            "- **Pakken inneholder {} som er unntatt offentlighet**, merket med \
skjerming (tilgangsrestriksjon og skjermingshjemmel).\n",
            count(s.exempt, "sak eller dokument", "saker eller dokumenter")
        ));
    }
    if f.exempt_left_out > 0 {
        t.push_str(&format!(
            "- {} unntatt offentlighet er ikke med (eksporter med \
`--include-exempt` for å ta dem med, skjermet).\n",
            count(
                f.exempt_left_out,
                "sak eller dokument",
                "saker eller dokumenter"
            )
        ));
    }
    t.push_str(&format!(
        "\n## Publisering\n\n\
Hver dokumentbeskrivelse har en merknad av typen «Publiseringsstatus» som sier om dokumentet per {today} \
fortsatt er publisert på nettstedet ({published}), er avpublisert fordi publiseringsvinduet er lukket \
({withdrawn}), eller aldri er publisert fordi det er unntatt offentlighet ({never}).\n\n\
## Kontroll\n\n\
```\n\
bagit.py --validate .\n\
cd data/avleveringspakke\n\
xmllint --noout --schema arkivstruktur.xsd arkivstruktur.xml\n\
xmllint --noout --schema endringslogg.xsd endringslogg.xml\n\
xmllint --noout --schema addml.xsd arkivuttrekk.xml\n\
```\n",
        today = f.today,
    ));
    t
}
