//! Issue 13, names and settings: URLs in site.toml that could run script, folder names that
//! inject lines into the calendar or take over a page of the site itself, names written in two
//! Unicode forms, and an exempt case's place in a thread.

use crate::common::*;

/// The minimal site's `site.toml` with `line` added at the top level (before any table).
fn toml_with(line: &str) -> String {
    MINIMAL_TOML.replacen("organisation", &format!("{line}\norganisation"), 1)
}

/// The 1-based line of `text` that starts with `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(needle))
        .unwrap_or_else(|| panic!("`{needle}` not in {text}"))
        + 1
}

/// Runs `check` on a site with `toml` committed: fails with exit 1, naming site.toml at the
/// line of `key`. Returns stderr.
fn refused_setting(toml: &str, key: &str) -> String {
    let site = Site::minimal();
    site.write("site.toml", toml);
    site.merge_all("Innstillinger");
    let o = site.motebok(&["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{key}: check should fail:\n{err}");
    let line = line_of(toml, &format!("{key} ="));
    assert!(
        err.contains(&format!("site.toml:{line}:")),
        "{key}: no site.toml:{line} in\n{err}"
    );
    assert!(err.contains(key), "{key}: key not named in\n{err}");
    assert!(
        err.contains("hjelp:") || err.contains("help:"),
        "{key}: no hint in\n{err}"
    );
    err
}

#[test]
fn a_hostile_repository_url_stops_the_build_and_reaches_no_page() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let before = snapshot(&site.out_dir());
    let toml = toml_with("repository_url = \"javascript:alert(document.domain)//x\"");
    site.write("site.toml", &toml);
    site.merge_all("Ny innstilling");
    let o = site.try_build("2026-01-01");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("repository_url"), "{err}");
    assert!(
        err.contains(&format!(
            "site.toml:{}:",
            line_of(&toml, "repository_url =")
        )),
        "{err}"
    );
    assert_eq!(snapshot(&site.out_dir()), before, "the output changed");

    // Built from nothing: nothing is written at all.
    let fresh = Site::empty(&toml);
    fresh.write(
        "content/ssu/_organ.md",
        "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n",
    );
    fresh.merge_all("Start");
    let o = fresh.try_build("2026-01-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(snapshot(&fresh.out_dir()).is_empty());
}

#[test]
fn every_url_setting_is_checked_for_its_scheme() {
    let hostile = [
        ("repository_url", "data:text/html,<script>alert(1)</script>"),
        ("repository_url", " JavaScript:alert(1)"),
        ("repository_url", "java\\tscript:alert(1)"),
        (
            "repository_url",
            "https://example.org/\" onmouseover=\"alert(1)",
        ),
        ("base_url", "javascript:alert(1)//example.org/"),
        ("base_url", "ftp://example.org/hf/"),
        ("base_url", "example.org/hf/"),
        ("archive_contact", "javascript:alert(1)"),
        ("archive_contact", "arkiv@example.org?bcc=alle@example.org"),
    ];
    for (key, value) in hostile {
        let line = format!("{key} = \"{value}\"");
        let toml = match key {
            "base_url" => MINIMAL_TOML.replace("base_url = \"https://example.org/test/\"", &line),
            "archive_contact" => {
                MINIMAL_TOML.replace("archive_contact = \"arkiv@example.org\"", &line)
            }
            _ => toml_with(&line),
        };
        refused_setting(&toml, key);
    }
    // In [accessibility]: the line within the table.
    for (key, value) in [
        ("contact", "javascript:alert(1)"),
        ("uustatus_url", "javascript:alert(1)"),
        ("uustatus_url", "http//uustatus.no"),
    ] {
        let toml = format!("{MINIMAL_TOML}{key} = \"{value}\"\n")
            .replace("contact = \"web@example.org\"\ncontact", "contact");
        let err = refused_setting(&toml, key);
        assert!(err.contains("accessibility"), "{err}");
    }
    // What is allowed stays allowed.
    let site = Site::minimal();
    site.write(
        "site.toml",
        &format!(
            "{}uustatus_url = \"https://uustatus.no/nb/erklaringer/publisert/abc\"\n",
            toml_with("repository_url = \"https://github.com/example/hf\"")
        ),
    );
    site.merge_all("Gyldige innstillinger");
    site.build("2026-01-01");
    assert!(site
        .page("tilgjengelighet/")
        .contains("href=\"https://uustatus.no/nb/erklaringer/publisert/abc\""));
}

/// Markdown links and images that could run script are published without their target, however
/// the scheme is written.
#[test]
fn script_urls_in_markdown_never_reach_a_page() {
    let site = Site::minimal();
    site.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: Lenker\nsakstype: [orientering]\n---\n\
         [a](javascript:alert(1)) [b](JAVASCRIPT:alert(2)) [c](javascript&#58;alert(3)) \
         [d](<java\tscript:alert(4)>) [e](< javascript:alert(5)>) [f](&#106;avascript:alert(6)) \
         [g](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==) <javascript:alert(8)>\n\n\
         ![bilde](data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDkpPC9zY3JpcHQ+PC9zdmc+)\n\n\
         <a href=\"jav&#x09;ascript:alert(10)\">h</a> <a href=\"&#x6A;avascript:alert(11)\">i</a>\n\
         <img src=\"data:text/html,x\" alt=\"x\"> <a href=\"vbscript:msgbox(12)\">j</a>\n",
    );
    site.merge_all("Lenker");
    site.build("2026-01-01");
    let page = site.page("ssu/sak/2025.15/");
    let prose = between(&page, "<div class=\"prose\">", "</div>");
    let mut targets = 0;
    for attr in ["href=\"", "src=\""] {
        for part in prose.split(attr).skip(1) {
            targets += 1;
            let value = part.split('"').next().unwrap();
            assert!(
                !browser_scheme_runs_code(value),
                "{attr}{value}\" in {prose}"
            );
        }
    }
    assert!(targets >= 1, "{prose}");
    assert!(!prose.contains("<script"), "{prose}");
}

/// Whether a browser would read `href` (as written in HTML, entities decoded) as a URL with a
/// scheme other than http(s), mailto or tel: the WHATWG URL parser drops leading and trailing
/// controls and spaces and every tab and newline before it reads the scheme.
fn browser_scheme_runs_code(href: &str) -> bool {
    let decoded = href
        .replace("&amp;", "&")
        .replace("&#x9;", "\t")
        .replace("&#9;", "\t")
        .replace("&#58;", ":")
        .replace("&colon;", ":");
    let url: String = decoded
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some(i) = url.find(':') else { return false };
    let scheme = &url[..i];
    let is_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme
        && !matches!(
            scheme.to_ascii_lowercase().as_str(),
            "http" | "https" | "mailto" | "tel"
        )
}

fn organ_md() -> &'static str {
    "---\nnavn: Utvalget\nkortnavn: UTV\n---\nMandat.\n"
}

#[test]
fn unsafe_body_folder_names_are_refused_with_a_safe_suggestion() {
    let site = Site::minimal();
    site.build("2026-01-01");
    let before = snapshot(&site.out_dir());
    for folder in [
        "ssu\nX-INJECTED:1",
        "a;b,c",
        "Styret 2",
        "1utvalg",
        "utv\tx",
    ] {
        site.write(&format!("content/{folder}/_organ.md"), organ_md());
        site.write(
            &format!("content/{folder}/2025-06-01/_mote.md"),
            "---\ndato: 2025-06-01\n---\nMøte.\n",
        );
    }
    // A meeting folder is its date, nothing more.
    site.write(
        "content/ssu/2025-06-01\nX-INJECTED:1/_mote.md",
        "---\ndato: 2025-06-01\n---\nMøte.\n",
    );
    site.write(
        "content/dokumenter/Årsmelding 2025.md",
        "---\ntittel: Årsmelding\ndoktype: arsmelding\ndato: 2025-03-01\n---\nTekst.\n",
    );
    site.merge_all("Rare navn");
    let o = site.try_build("2026-01-01");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(snapshot(&site.out_dir()), before, "the output changed");
    assert!(
        !err.contains("X-INJECTED:1\n"),
        "the name is printed raw:\n{err}"
    );
    for (file, suggestion) in [
        ("content/a;b,c/_organ.md", "`abc`"),
        ("content/Styret 2/_organ.md", "`styret-2`"),
        ("content/1utvalg/_organ.md", "`utvalg`"),
        (
            "content/dokumenter/Årsmelding 2025.md",
            "`årsmelding-2025.md`",
        ),
    ] {
        assert!(err.contains(file), "{file} not named:\n{err}");
        assert!(
            err.contains(suggestion),
            "{suggestion} not suggested:\n{err}"
        );
    }
    // Control characters are shown escaped, never written to the terminal as they are.
    assert!(
        err.contains("content/ssu\\nX-INJECTED:1/_organ.md"),
        "{err}"
    );
    assert!(err.contains("content/utv\\tx/_organ.md"), "{err}");
    assert!(
        err.contains("møtemappen heter `2025-06-01\\nX-INJECTED:1`, men `dato` er 2025-06-01"),
        "{err}"
    );
    let check = site.motebok(&["check"]);
    assert_eq!(check.status.code(), Some(1));
}

#[test]
fn names_the_site_uses_itself_are_refused() {
    let site = Site::minimal();
    for folder in ["sok", "api", "tilgjengelighet", "om-publisering", "static"] {
        site.write(&format!("content/{folder}/_organ.md"), organ_md());
    }
    site.write("content/dokumenter/_organ.md", organ_md());
    site.merge_all("Reserverte navn");
    let o = site.motebok(&["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for folder in ["sok", "api", "tilgjengelighet", "om-publisering", "static"] {
        let file = format!("content/{folder}/_organ.md");
        assert!(err.contains(&file), "{file} not named:\n{err}");
        assert!(
            err.contains(&format!("`{folder}` er en adresse nettstedet bruker selv")),
            "{err}"
        );
    }
    assert!(err.contains("content/dokumenter/_organ.md"), "{err}");
    assert!(err.contains("dokumenter/ er for dokumenter"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn names_written_in_two_unicode_forms_are_an_error_naming_both() {
    let site = Site::minimal();
    let nfc = "content/dokumenter/årsplan.md";
    let nfd = "content/dokumenter/a\u{30a}rsplan.md";
    assert_ne!(nfc, nfd);
    let doc =
        |t: &str| format!("---\ntittel: {t}\ndoktype: rapport\ndato: 2025-03-01\n---\nTekst.\n");
    site.write(nfc, &doc("Første"));
    site.write(nfd, &doc("Andre"));
    // A body folder written both ways: its files would silently merge into one body.
    let folder = "content/båt";
    site.write(&format!("{folder}/_organ.md"), organ_md());
    site.write(
        "content/ba\u{30a}t/2025-06-01/_mote.md",
        "---\ndato: 2025-06-01\n---\nMøte.\n",
    );
    site.merge_all("To former");
    for args in [&["check"][..], &["check", "--worktree"][..]] {
        let o = site.motebok(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("content/dokumenter/årsplan.md"), "{err}");
        assert!(
            err.contains("content/dokumenter/a\\u{30a}rsplan.md"),
            "{err}"
        );
        assert!(err.contains("content/båt"), "{err}");
        assert!(err.contains("content/ba\\u{30a}t"), "{err}");
        assert!(err.contains("Unicode"), "{err}");
    }
    let o = site.try_build("2026-01-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

/// A rebuild from the previous build's snapshot finds a clash a new commit brings too.
#[test]
fn a_second_unicode_form_in_a_later_commit_fails_the_rebuild() {
    let site = Site::minimal();
    let nfc = "content/dokumenter/årsplan.md";
    let doc = "---\ntittel: Møte\ndoktype: rapport\ndato: 2025-03-01\n---\nTekst.\n";
    site.write(nfc, doc);
    site.merge_all("Dokument");
    site.build("2026-01-01");
    let before = snapshot(&site.out_dir());
    site.write("content/dokumenter/a\u{30a}rsplan.md", doc);
    site.merge_all("Samme navn, annen form");
    let o = site.try_build("2026-01-01");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("a\\u{30a}rsplan.md"), "{err}");
    assert_eq!(snapshot(&site.out_dir()), before);
}

/// An exempt case in a thread: public cases it follows up and that follow it up show no trace
/// of it, in any file of the output.
#[test]
fn an_exempt_case_has_no_place_in_a_thread() {
    let site = Site::minimal();
    let case = |n: &str, extra: &str, title: &str| {
        format!(
            "---\nsaksnr: \"{n}\"\ntittel: {title}\nsakstype: [beslutning]\n{extra}---\nTekst.\n"
        )
    };
    site.write(
        "content/ssu/2025-03-06/_mote.md",
        "---\ndato: 2025-03-06\n---\nMøte.\n",
    );
    site.write(
        "content/ssu/2025-03-06/2025.30.md",
        &case("2025.30", "vedtak: [Godkjent.]\n", "Samarbeid om legevakt"),
    );
    site.write(
        "content/ssu/2025-06-05/_mote.md",
        "---\ndato: 2025-06-05\n---\nMøte.\n",
    );
    site.write(
        "content/ssu/2025-06-05/2025.41.md",
        &case(
            "2025.41",
            "oppfolging_av: [\"2025.30\"]\ngodkjenner_referat: [\"2025-03-06\"]\noffentlig: false\n\
             skjermingshjemmel: \"offl. § 13\"\noffentlig_tittel: Personalsak\n",
            "Konfidensiell ZETA-TITTEL",
        ),
    );
    site.write(
        "content/ssu/2025-09-25/_mote.md",
        "---\ndato: 2025-09-25\n---\nMøte.\n",
    );
    site.write(
        "content/ssu/2025-09-25/2025.50.md",
        &case(
            "2025.50",
            "oppfolging_av: [\"2025.41\", \"2025.30\"]\n",
            "Videre arbeid med legevakt",
        ),
    );
    site.write(
        "content/dokumenter/avtale-legevakt.md",
        "---\ntittel: Avtale om legevakt\ndoktype: avtale\ndato: 2025-06-05\nvedtatt_i: ssu/2025.41\n---\nTekst.\n",
    );
    site.merge_all("En tråd med en unntatt sak");
    site.build("2025-10-01");
    let out = site.out_dir();

    // Where the agenda line of 2025.41 may stand: its own meeting, the stub of the case and the
    // AgendaItem in /api/, the lists of papers, meetings and agenda items, and the search
    // index's record of the meeting.
    let agenda_only = |p: &str| {
        p.starts_with("ssu/2025-06-05/")
            || p == "api/meeting/ssu/2025-06-05.json"
            || p.starts_with("api/file/ssu/2025-06-05/")
            || p == "api/paper/ssu/2025.41.json"
            // OParl 1.1: the agenda line is also an object at its own id, in the list of them.
            || p == "api/agenda-item/ssu/2025.41.json"
            || p == "api/agenda-items.json"
            || p.ends_with("papers.json")
            || p.ends_with("meetings.json")
            || p.starts_with("sok/")
            // The manifest of the output names the stub's file.
            || p == ".motebok/manifest.json"
    };
    let files = snapshot(&out);
    assert!(files.len() > 20);
    for (path, bytes) in &files {
        let p = path.to_string_lossy();
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("ZETA-TITTEL"), "private title in {p}");
        if !agenda_only(&p) {
            assert!(!text.contains("2025.41"), "2025.41 in {p}");
            assert!(!text.contains("Personalsak"), "the public title in {p}");
        }
    }
    // Nor in a relation within the files where its agenda line stands.
    for (path, bytes) in &files {
        let p = path.to_string_lossy();
        if !p.ends_with(".json") {
            continue;
        }
        let v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        let mut stack = vec![(String::new(), &v)];
        while let Some((key, v)) = stack.pop() {
            match v {
                serde_json::Value::Object(m) => stack.extend(m.iter().map(|(k, v)| (k.clone(), v))),
                serde_json::Value::Array(a) => stack.extend(a.iter().map(|v| (key.clone(), v))),
                serde_json::Value::String(s) if s.contains("2025.41") => {
                    let relation = [
                        "relatedPaper",
                        "followsUp",
                        "followedUpBy",
                        "minutes",
                        "adopted",
                        "paper",
                        "approves",
                    ]
                    .iter()
                    .any(|r| key.contains(r));
                    assert!(!relation, "2025.41 as `{key}` in {p}");
                }
                _ => {}
            }
        }
    }
    // The public cases keep their thread with each other.
    let c30 = site.page("ssu/sak/2025.30/");
    assert!(c30.contains("2025.50"), "{c30}");
}

/// `motebok new dokument` names a document by its title; a title starting with a digit gets
/// the document type in front, so the new file passes `check` as it stands.
#[test]
fn a_new_document_is_named_so_check_accepts_it() {
    let site = Site::minimal();
    let o = site.motebok(&[
        "new",
        "dokument",
        "rapport",
        "2025 i tall",
        "--dato",
        "2026-01-05",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site
        .path()
        .join("content/dokumenter/rapport-2025-i-tall.md")
        .is_file());
    let o = site.motebok(&["check", "--worktree"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
