//! An exempt case has no place in a thread on the public site (CONTENT.md §4): of it only the
//! agenda line is published. Its relations are taken out of the site here, once, so no page,
//! feed, `/api/` object or search record can show them; the archive export, which may hold
//! exempt cases, puts them back ([`Site::restore_withheld`]).

use crate::model::withheld::Withheld;
use crate::model::Site;

/// Drops every relation to or from an exempt case, and to an exempt document, and takes out
/// what exempt items hold beyond their agenda line.
pub(super) fn withhold(site: &mut Site) -> Withheld {
    let mut w = relations(site);
    w.content = super::absent::take(site);
    w
}

fn relations(site: &mut Site) -> Withheld {
    let exempt_case: Vec<bool> = site.cases.iter().map(|c| c.unntatt.is_some()).collect();
    let exempt_doc: Vec<bool> = site.documents.iter().map(|d| d.unntatt.is_some()).collect();
    let mut w = Withheld::default();
    if !exempt_case.contains(&true) && !exempt_doc.contains(&true) {
        return w;
    }
    for (ci, c) in site.cases.iter_mut().enumerate() {
        let touched = if exempt_case[ci] {
            !(c.follows_up.is_empty()
                && c.followed_by.is_empty()
                && c.approves_minutes.is_empty()
                && c.adopted.is_empty())
        } else {
            c.follows_up
                .iter()
                .chain(&c.followed_by)
                .any(|&x| exempt_case[x])
                || c.adopted.iter().any(|&d| exempt_doc[d])
        };
        if !touched {
            continue;
        }
        let before = [
            c.follows_up.clone(),
            c.followed_by.clone(),
            c.approves_minutes.clone(),
            c.adopted.clone(),
        ];
        if exempt_case[ci] {
            c.follows_up.clear();
            c.followed_by.clear();
            c.approves_minutes.clear();
            c.adopted.clear();
        } else {
            c.follows_up.retain(|&x| !exempt_case[x]);
            c.followed_by.retain(|&x| !exempt_case[x]);
            c.adopted.retain(|&d| !exempt_doc[d]);
        }
        w.cases.push((ci, before));
    }
    for (mi, m) in site.meetings.iter_mut().enumerate() {
        if m.minutes_approved_by.iter().any(|&c| exempt_case[c]) {
            w.meetings.push((mi, m.minutes_approved_by.clone()));
            m.minutes_approved_by.retain(|&c| !exempt_case[c]);
        }
    }
    for (di, d) in site.documents.iter_mut().enumerate() {
        if let Some(ci) = d.vedtatt_i.filter(|&c| exempt_case[c] || exempt_doc[di]) {
            w.documents.push((di, ci));
            d.vedtatt_i = None;
        }
    }
    w
}

impl Site {
    /// Puts back the relations of exempt cases taken out of the public site: for the archive
    /// export only, never for anything published.
    /// What exempt items hold stays out: see [`Site::include_exempt`].
    pub fn restore_withheld(&mut self) {
        let content = std::mem::take(&mut self.withheld.content);
        let w = std::mem::replace(
            &mut self.withheld,
            Withheld {
                content,
                ..Withheld::default()
            },
        );
        for (ci, [follows_up, followed_by, approves_minutes, adopted]) in w.cases {
            let c = &mut self.cases[ci];
            c.follows_up = follows_up;
            c.followed_by = followed_by;
            c.approves_minutes = approves_minutes;
            c.adopted = adopted;
        }
        for (mi, by) in w.meetings {
            self.meetings[mi].minutes_approved_by = by;
        }
        for (di, ci) in w.documents {
            self.documents[di].vedtatt_i = Some(ci);
        }
    }

    /// The one door to what exempt items hold (their titles, texts, decisions, minutes and
    /// attachments, `resolve::absent`): puts it back, with their relations. For the archive's
    /// `--include-exempt` only, never for anything published.
    pub fn include_exempt(&mut self) {
        self.restore_withheld();
        let content = std::mem::take(&mut self.withheld.content);
        super::absent::restore(self, content);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{resolve, Inputs};
    use crate::model::Site;
    use std::collections::HashSet;

    fn site() -> Site {
        let src: &[(&str, &str)] = &[
            ("content/ssu/_organ.md", "---\nnavn: SSU\nkortnavn: SSU\n---\n"),
            ("content/ssu/2025-03-06/_mote.md", "---\ndato: 2025-03-06\n---\n"),
            ("content/ssu/2025-03-06/2025.30.md", "---\nsaksnr: \"2025.30\"\ntittel: Legevakt\nsakstype: [beslutning]\nvedtak: [Ja.]\n---\n"),
            ("content/ssu/2025-06-05/_mote.md", "---\ndato: 2025-06-05\n---\n"),
            ("content/ssu/2025-06-05/2025.41.md", "---\nsaksnr: \"2025.41\"\ntittel: Hemmelig\nsakstype: [beslutning]\noppfolging_av: [\"2025.30\"]\ngodkjenner_referat: [\"2025-03-06\"]\noffentlig: false\nskjermingshjemmel: offl. § 13\n---\n"),
            ("content/ssu/2025-06-05/2025.42.md", "---\nsaksnr: \"2025.42\"\ntittel: Videre\nsakstype: [beslutning]\noppfolging_av: [\"2025.41\", \"2025.30\"]\n---\n"),
            ("content/dokumenter/avtale.md", "---\ntittel: Avtale\ndoktype: avtale\ndato: 2025-06-05\nvedtatt_i: ssu/2025.41\n---\n"),
        ];
        let files = src
            .iter()
            .map(|(p, t)| motebok_parser::parse_file(p, t.as_bytes()).unwrap())
            .collect();
        resolve(Inputs {
            files,
            trails: &Default::default(),
            drafts: &HashSet::new(),
            today: chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
            window_months: 24,
            unparsed: &HashSet::new(),
        })
        .unwrap()
    }

    #[test]
    fn exempt_cases_leave_every_thread_and_come_back_for_the_archive() {
        let mut site = site();
        let ix = |n: &str| {
            site.cases
                .iter()
                .position(|c| c.number.to_string() == n)
                .unwrap()
        };
        let (c30, c41, c42) = (ix("2025.30"), ix("2025.41"), ix("2025.42"));
        assert_eq!(site.cases[c30].followed_by, vec![c42]);
        assert_eq!(site.cases[c42].follows_up, vec![c30]);
        assert!(site.cases[c41].follows_up.is_empty() && site.cases[c41].followed_by.is_empty());
        assert!(site.cases[c41].approves_minutes.is_empty());
        assert!(site.cases[c41].adopted.is_empty());
        assert!(site
            .meetings
            .iter()
            .all(|m| m.minutes_approved_by.is_empty()));
        assert_eq!(site.documents[0].vedtatt_i, None);
        assert_eq!(site.thread(c30), vec![c30, c42]);
        assert_eq!(site.thread(c41), vec![c41]);

        site.restore_withheld();
        assert_eq!(site.cases[c41].tittel, "", "its content stays out");
        assert!(!site.withheld.is_empty());
        site.include_exempt();
        assert_eq!(site.cases[c41].tittel, "Hemmelig");
        assert_eq!(site.cases[c30].followed_by, vec![c41, c42]);
        assert_eq!(site.cases[c42].follows_up, vec![c41, c30]);
        assert_eq!(site.cases[c41].follows_up, vec![c30]);
        assert_eq!(site.cases[c41].adopted, vec![0]);
        assert_eq!(site.meetings[0].minutes_approved_by, vec![c41]);
        assert_eq!(site.documents[0].vedtatt_i, Some(c41));
        assert!(site.withheld.is_empty());
    }
}
