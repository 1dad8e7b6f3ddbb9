//! A case's thread feed: the whole thread of its matter (`Site::thread`, follow-ups both ways
//! across bodies), so a later follow-up of a follow-up reaches whoever subscribed at the start.
//! Per published case of the thread an entry for the case and one for its decision, and per
//! meeting of the thread one for the approval of its minutes.
//!
//! Summaries are made from front matter, never from bodies: every case is in some thread, and
//! on a rebuild a body is read from git (see `parser::Text`).

use super::put::Put;
use crate::feeds::{self, listed, times, Entry, Head, Summary, MAX_ENTRIES};
use crate::stamp;
use motebok_domain::CaseIx;
use motebok_site::urls;
use motebok_site::views::follow::case_has_feed as has_feed;
use motebok_site::views::{Unread, Views};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// The feed of every case with a page or a tombstone (an exempt case has neither), each handed
/// to `put` as it is made: a matter may move on after an old case's window closed. Not of a
/// preview's draft, whose title no feed reader may keep. Returns how many.
pub(super) fn each<E: Send + From<Unread>>(v: &Views, base: u64, put: &Put<E>) -> Result<usize, E> {
    let site = v.site;
    // Threads are connected sets: each is made once, then written once per member.
    let mut done = vec![false; site.cases.len()];
    let mut threads = Vec::new();
    for start in 0..site.cases.len() {
        if done[start] {
            continue;
        }
        let members = site.thread(start);
        for &x in &members {
            done[x] = true;
        }
        threads.push(members);
    }
    threads
        .par_iter()
        .map(|members| {
            // Made from front matter alone: the entries are the key (with `base`), and the
            // XML is written only for a feed whose key changed.
            let entries = entries(v, members).map_err(E::from)?;
            let mut thread = DefaultHasher::new();
            (base, &entries).hash(&mut thread);
            let mut n = 0;
            for &x in members.iter().filter(|&&x| has_feed(&site.cases[x])) {
                let c = &site.cases[x];
                let o = &site.organs[c.organ];
                let head = Head {
                    path: urls::case_feed(&o.id, c.number),
                    title: format!("{}: {}", feed_title(&o.kortnavn, c), c.tittel),
                    page: urls::case(&o.id, c.number),
                };
                let mut key = thread.clone();
                (&head.path, &head.title, &head.page).hash(&mut key);
                put(head.path.clone(), key.finish(), &|| {
                    Ok(feeds::write(v, &head, &entries).into_bytes())
                })?;
                n += 1;
            }
            Ok(n)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

/// `Følg saken SSU 2025.16`: the feed's name where a page offers it.
pub fn feed_title(kortnavn: &str, c: &motebok_domain::Case) -> String {
    format!("Følg saken {kortnavn} {}", c.number)
}

/// `1. … 2. …`: numbered points as one line.
fn points(list: &[String]) -> String {
    list.iter()
        .enumerate()
        .map(|(i, p)| format!("{}. {p}", i + 1))
        .collect::<Vec<_>>()
        .join(" ")
}

fn entries(v: &Views, members: &[CaseIx]) -> Result<Vec<Entry>, Unread> {
    let site = v.site;
    let mut all = Vec::new();
    let mut meetings = BTreeSet::new();
    for &x in members {
        let c = &site.cases[x];
        if c.unntatt.is_some() || !listed(&c.publication, &c.src) {
            continue;
        }
        let o = &site.organs[c.organ];
        let m = &site.meetings[c.meeting];
        meetings.insert(c.meeting);
        let url = urls::case(&o.id, c.number);
        let label = format!("{} {}", o.kortnavn, c.number);
        let (updated, published) = times(&[&c.src], m.date, v.today);
        let mut summary = format!("Sak i møtet i {}.", v.meeting_title(m));
        // Exempt relations are gone from the site (`resolve::exempt`); closed ones are left out.
        let earlier: Vec<String> = c
            .follows_up
            .iter()
            .filter(|&&y| listed(&site.cases[y].publication, &site.cases[y].src))
            .map(|&y| {
                let y = &site.cases[y];
                format!("{} {}", site.organs[y.organ].kortnavn, y.number)
            })
            .collect();
        if !earlier.is_empty() {
            summary.push_str(&format!(" Følger opp {}.", earlier.join(", ")));
        }
        if !c.forslag.is_empty() && c.vedtak.is_none() {
            summary.push_str(&format!(" Forslag til konklusjon: {}", points(&c.forslag)));
        }
        all.push((
            Entry {
                url: url.clone(),
                title: format!("{label}: {}", c.tittel),
                updated,
                published,
                summary: String::new(),
                category: "Sak".into(),
                anchor: None,
            },
            Summary::Ready(summary),
        ));
        if let Some(vedtak) = c.vedtak.as_ref().filter(|v| !v.is_empty()) {
            all.push((
                Entry {
                    url,
                    title: format!("Vedtak i {label}: {}", c.tittel),
                    updated,
                    published: None,
                    summary: String::new(),
                    category: "Vedtak".into(),
                    // The case page's section of the decision.
                    anchor: Some("konklusjon"),
                },
                Summary::Ready(format!("Konklusjon: {}", points(vedtak))),
            ));
        }
    }
    for mi in meetings {
        let m = &site.meetings[mi];
        if !listed(&m.publication, &m.src) {
            continue;
        }
        let approvers: Vec<CaseIx> = m
            .minutes_approved_by
            .iter()
            .copied()
            .filter(|&a| {
                let a = &site.cases[a];
                a.unntatt.is_none() && listed(&a.publication, &a.src)
            })
            .collect();
        let Some(updated) = approvers
            .iter()
            .map(|&a| {
                let a = &site.cases[a];
                times(&[&a.src], site.meetings[a.meeting].date, v.today).0
            })
            .max()
        else {
            continue;
        };
        let by: Vec<String> = approvers
            .iter()
            .map(|&a| {
                let a = &site.cases[a];
                format!(
                    "sak {} {} i møtet i {}",
                    site.organs[a.organ].kortnavn,
                    a.number,
                    v.meeting_title(&site.meetings[a.meeting])
                )
            })
            .collect();
        all.push((
            Entry {
                url: urls::meeting(&site.organs[m.organ].id, m.date),
                title: format!("Referatet fra møtet i {} er godkjent", v.meeting_title(m)),
                updated,
                published: stamp::first(&[&site.cases[approvers[0]].src]),
                summary: String::new(),
                category: "Referat".into(),
                // The meeting page's minutes, which exist once a case has a decision.
                anchor: m.has_minutes(site).then_some("referat"),
            },
            Summary::Ready(format!("Godkjent i {}.", by.join(" og "))),
        ));
    }
    feeds::newest(v, all, MAX_ENTRIES)
}
