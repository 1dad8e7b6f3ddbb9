//! The one page left at a paper's URL when its meeting was deleted (or moved somewhere that has
//! no such paper), as the meeting's old page says it (`gone`, CONTENT.md §7).

use super::assemble::{fact, text, Assembler};
use chrono::NaiveTime;
use motebok_domain::{Gone, GoneFate};
use motebok_papers::{Block, Inline, Paper, PaperKind, Section};
use motebok_site::dates;
use motebok_site::urls;

impl Assembler<'_> {
    /// `what` ("Innkalling", "Protokoll") of the meeting `g` was, withdrawn or moved on.
    pub fn gone_paper(&self, g: &Gone, what: &str) -> Paper {
        let left = dates::long(dates::oslo_day(&g.left));
        let mut facts = vec![fact(
            "Publisert",
            dates::long(dates::oslo_day(&g.published)),
        )];
        let (state, notice) = match &g.fate {
            GoneFate::Withdrawn { pull_request } => {
                facts.push(fact("Trukket tilbake", left.clone()));
                let pr = pull_request
                    .map(|n| format!(" i PR #{n}"))
                    .unwrap_or_default();
                (
                    "trukket tilbake",
                    vec![Inline::Text(format!(
                        "Møtet ble trukket tilbake {left}{pr}, og dokumentet med det."
                    ))],
                )
            }
            GoneFate::Moved { to } => {
                facts.push(fact("Flyttet", left.clone()));
                let to = self.abs(to.clone());
                (
                    "flyttet",
                    vec![
                        Inline::Text("Møtet har fått en ny adresse: ".into()),
                        Inline::Link {
                            url: to.clone(),
                            content: text(to),
                        },
                        Inline::Text(".".into()),
                    ],
                )
            }
        };
        let publishing = self.abs(urls::PUBLISHING.to_string());
        Paper {
            kind: PaperKind::Tombstone,
            title: format!("{what} – {} ({state})", g.title),
            lang: self.cfg.language.clone(),
            organisation: self.cfg.publisher().to_string(),
            running_header: g.title.clone(),
            draft: None,
            made: dates::oslo_day(&g.left).and_time(NaiveTime::MIN),
            facts,
            sections: vec![Section {
                heading: if state == "flyttet" {
                    "Flyttet"
                } else {
                    "Trukket tilbake"
                }
                .into(),
                outline: false,
                new_page: false,
                blocks: vec![
                    Block::Paragraph(notice),
                    Block::Paragraph(vec![
                        Inline::Text("Les om hva som publiseres, og hvor lenge: ".into()),
                        Inline::Link {
                            url: publishing.clone(),
                            content: text(publishing),
                        },
                    ]),
                ],
            }],
        }
    }
}
