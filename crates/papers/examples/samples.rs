//! Writes sample papers (a summons packet of about ten pages, a long case paper, minutes, a
//! tombstone) to a folder, to look at them (`pdftoppm -png -r 60`) and to time `typeset`:
//!
//! ```text
//! cargo run -p motebok-papers --example samples [--release] -- OUT_DIR [ROUNDS]
//! ```

// A tool beside the pure crate: it writes files and times `typeset`.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::time::Instant;

use motebok_papers::{typeset, Align, Block, Inline, Paper, PaperKind, Section};

#[path = "../tests/fixtures/meeting.rs"]
mod meeting;
use meeting::{fact, meeting, par, text};

const LOREM: &str = "Helsefellesskapet skal bidra til at pasienter som trenger tjenester fra både \
kommunene og spesialisthelsetjenesten, opplever sammenhengende og koordinerte tjenester. \
Arbeidet med felles planer for barn og unge, personer med alvorlige psykiske lidelser og \
rusproblemer, skrøpelige eldre og personer med flere kroniske lidelser fortsetter i 2025.";

fn case(number: &str, title: &str, paragraphs: usize, seed: usize) -> Section {
    let mut blocks = vec![
        Block::Facts(vec![
            fact("Saksnr.", number),
            fact("Saksbehandler", "Kari Nordmann, sekretariatet"),
            fact("Type", "Vedtakssak"),
        ]),
        Block::Heading {
            level: 2,
            content: text("Forslag til vedtak"),
        },
        Block::Quote(vec![par(
            "Strategisk samarbeidsutvalg tar orienteringen til etterretning og ber sekretariatet \
             legge fram en revidert plan i neste møte.",
        )]),
        Block::Heading {
            level: 2,
            content: text("Bakgrunn"),
        },
    ];
    for i in 0..paragraphs {
        // The seed makes every round a different paper, so typst's memo cache cannot skip it.
        blocks.push(par(&format!("{LOREM} ({seed}.{i})")));
        if i == 1 {
            blocks.push(Block::List {
                ordered: false,
                start: 1,
                items: vec![
                    vec![par("Felles plan for utskrivning av skrøpelige eldre")],
                    vec![par("Digital hjemmeoppfølging – «Helse i hjemmet»")],
                    vec![par("Kompetansedeling mellom sykehus og kommune (§ 6-2)")],
                ],
            });
        }
    }
    blocks.push(Block::Heading {
        level: 2,
        content: text("Økonomi"),
    });
    blocks.push(Block::Table {
        columns: vec![Align::Start, Align::End, Align::End],
        header: vec![text("Tiltak"), text("2025 (kr)"), text("2026 (kr)")],
        rows: (1..=8)
            .map(|i| {
                vec![
                    text(&format!(
                        "Tiltak {i}: opplæring og felles prosedyrer i kommunene"
                    )),
                    text(&format!("{} 000", 120 + i * 15)),
                    text(&format!("{} 500", 90 + i * 12)),
                ]
            })
            .collect(),
    });
    blocks.push(Block::Paragraph(vec![
        Inline::Text("Se ".into()),
        Inline::Link {
            url: "https://example.org/dokumenter/plan".into(),
            content: text("planen for helsefellesskapet"),
        },
        Inline::Text(" og ".into()),
        Inline::Strong(text("vedlegg 1")),
        Inline::Text(". Tegn som #, *, $, <, @, \\ og ] står som de er.".into()),
    ]));
    Section {
        heading: format!("Sak {number} {title}"),
        outline: true,
        new_page: true,
        blocks,
    }
}

fn summons(seed: usize) -> Paper {
    let agenda = [
        (
            "2025.10",
            "Godkjenning av innkalling og saksliste",
            "Vedtakssak",
        ),
        (
            "2025.11",
            "Godkjenning av protokoll fra møtet 13. mars 2025",
            "Vedtakssak",
        ),
        (
            "2025.12",
            "Årsrapport for helsefellesskapet 2024",
            "Orienteringssak",
        ),
        (
            "2025.13",
            "Felles plan for skrøpelige eldre – høring i kommunene",
            "Vedtakssak",
        ),
        (
            "2025.14",
            "Universell utforming av dokumenter på nett",
            "Drøftingssak",
        ),
        ("2025.15", "Unntatt offentlighet", "Vedtakssak"),
        ("2025.16", "Eventuelt", "Orienteringssak"),
    ];
    let mut sections = vec![
        Section {
            heading: "Innkalling".into(),
            outline: true,
            new_page: false,
            blocks: vec![par(
                "Medlemmene innkalles til møte i Strategisk samarbeidsutvalg. Forfall meldes \
                 til sekretariatet så snart som mulig, slik at vara kan innkalles.",
            )],
        },
        Section {
            heading: "Saksliste".into(),
            outline: true,
            new_page: false,
            blocks: vec![Block::Table {
                columns: vec![
                    Align::Start,
                    Align::Start,
                    Align::Start,
                    Align::Start,
                    Align::Center,
                ],
                header: vec![
                    text("Saksnr."),
                    text("Tittel"),
                    text("Type"),
                    text("Ansvarlig"),
                    text("Vedlegg"),
                ],
                rows: agenda
                    .iter()
                    .map(|(n, t, k)| {
                        vec![text(n), text(t), text(k), text("Sekretariatet"), text("1")]
                    })
                    .collect(),
            }],
        },
    ];
    for (n, t, _) in agenda.iter().filter(|(n, _, _)| *n != "2025.15") {
        sections.push(case(n, t, 5, seed));
    }
    meeting(
        vec![
            fact("Dato", "torsdag 22. mai 2025"),
            fact("Tid", "09.00–12.00"),
            fact("Sted", "Sykehuset Østfold Kalnes, møterom Æ/Ø/Å"),
            fact("Møteleder", "Ola Nordmann"),
            fact("Referent", "Kari Nordmann"),
        ],
        sections,
    )
}

fn minutes(seed: usize) -> Paper {
    let mut paper = summons(seed);
    paper.kind = PaperKind::Minutes;
    paper.title = "Protokoll – Strategisk samarbeidsutvalg 22. mai 2025".into();
    paper.draft = Some("Utkast – ikke godkjent".into());
    paper.sections = ["2025.10", "2025.11", "2025.12", "2025.13"]
        .iter()
        .map(|n| Section {
            heading: format!("Sak {n} Godkjenning av innkalling og saksliste"),
            outline: true,
            new_page: false,
            blocks: vec![
                Block::Heading {
                    level: 2,
                    content: text("Vedtak"),
                },
                par("Innkalling og saksliste godkjennes."),
                Block::Heading {
                    level: 2,
                    content: text("Protokoll"),
                },
                par(&format!("{LOREM} ({seed})")),
            ],
        })
        .collect();
    paper.sections.push(Section {
        heading: "Godkjenning av protokollen".into(),
        outline: true,
        new_page: false,
        blocks: vec![Block::Facts(vec![fact("Status", "ikke godkjent ennå")])],
    });
    paper
}

fn tombstone(seed: usize) -> Paper {
    Paper {
        kind: PaperKind::Tombstone,
        title: "Innkalling – Strategisk samarbeidsutvalg 22. mai 2019".into(),
        facts: vec![
            fact("Publisert", "8. mai 2019"),
            fact("Avpublisert", "1. januar 2025"),
        ],
        sections: vec![Section {
            heading: "Dokumentet er avpublisert".into(),
            outline: false,
            new_page: false,
            blocks: vec![par(
                "Publiseringsperioden er over. Dokumentet er arkivert og kan bestilles fra \
                 arkivet: postmottak@example.org.",
            )],
        }],
        ..summons(seed)
    }
}

/// The process's resident memory now and at its peak (Linux), to see that papers do not pile up.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map_or("?".into(), |v| v.trim().to_string())
    };
    format!("resident {}, peak {}", field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().expect("usage: samples OUT_DIR [ROUNDS]"));
    let rounds: usize = args.next().map_or(1, |r| r.parse().expect("a number"));
    std::fs::create_dir_all(&out).expect("the output folder");
    let case_paper = |seed| Paper {
        kind: PaperKind::CasePaper,
        title: "Sak 2025.13 Felles plan for skrøpelige eldre".into(),
        sections: vec![case(
            "2025.13",
            "Felles plan for skrøpelige eldre",
            14,
            seed,
        )],
        ..summons(seed)
    };
    let kinds: [(&str, &dyn Fn(usize) -> Paper); 4] = [
        ("innkalling", &summons),
        ("saksframlegg", &case_paper),
        ("protokoll", &minutes),
        ("avpublisert", &tombstone),
    ];
    for (name, make) in kinds {
        let paper = make(0);
        // The first paper of the process also parses the fonts, the standard library and the
        // template; the rounds after it show what each further paper costs.
        let start = Instant::now();
        let pdf = typeset(&paper).unwrap_or_else(|e| panic!("{name}: {e}"));
        let first = start.elapsed();
        let start = Instant::now();
        for seed in 1..rounds {
            typeset(&make(seed)).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        let each = start.elapsed() / (rounds.max(2) - 1) as u32;
        println!(
            "{name}.pdf: {} bytes; first typeset {first:.2?}, then {each:.2?} each; {}",
            pdf.len(),
            memory()
        );
        std::fs::write(out.join(format!("{name}.pdf")), pdf).expect("write the PDF");
    }
}
