//! PDF attachments: their text is searched with the case they belong to, what they are (tagged,
//! language, title, text layer, PDF/A) is shown beside their link and reported by `check`, and
//! the accessibility statement lists the ones that do not meet the requirements. PDFs are
//! written here, byte by byte, as the files an editor attaches.

use crate::common::pdf::{flate_stream, pdf_file};
use crate::common::*;

/// What a test PDF holds.
#[derive(Default, Clone)]
struct Pdf {
    /// Lines of text (WinAnsi: æ, ø, å are written as their byte); none: a scanned page.
    lines: Vec<String>,
    tagged: bool,
    lang: Option<&'static str>,
    title: Option<&'static str>,
    pdfa: bool,
}

/// A PDF string literal of `s` in WinAnsiEncoding (octal escapes for bytes past ASCII).
fn literal(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x80 => out.push(c),
            c => out.push_str(&format!("\\{:03o}", c as u32)),
        }
    }
    out
}

/// A one-page PDF; its content stream is compressed (FlateDecode), as real PDFs have it.
fn pdf(p: &Pdf) -> Vec<u8> {
    let content = if p.lines.is_empty() {
        // A scan: the page is one picture.
        "q 595 0 0 842 0 0 cm /Im1 Do Q".to_string()
    } else {
        let mut c = String::from("BT /F1 11 Tf 72 770 Td 14 TL\n");
        for l in &p.lines {
            c.push_str(&format!("({}) Tj T*\n", literal(l)));
        }
        c.push_str("ET");
        c
    };
    let mut catalog = String::from("<< /Type /Catalog /Pages 2 0 R");
    if p.tagged {
        catalog.push_str(" /MarkInfo << /Marked true >> /StructTreeRoot 7 0 R");
    }
    if let Some(l) = p.lang {
        catalog.push_str(&format!(" /Lang ({l})"));
    }
    if p.title.is_some() {
        catalog.push_str(" /ViewerPreferences << /DisplayDocTitle true >>");
    }
    if p.pdfa {
        catalog.push_str(" /Metadata 9 0 R");
    }
    catalog.push_str(" >>");
    let xmp = "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" \
         pdfaid:part=\"2\" pdfaid:conformance=\"A\"/></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
    let objects = [
        catalog.into_bytes(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> /StructParents 0 >>".to_vec(),
        flate_stream(&content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream".to_vec(),
        b"<< /Type /StructTreeRoot /K [8 0 R] >>".to_vec(),
        b"<< /Type /StructElem /S /Document /P 7 0 R >>".to_vec(),
        format!(
            "<< /Type /Metadata /Subtype /XML /Length {} >>\nstream\n{xmp}\nendstream",
            xmp.len()
        )
        .into_bytes(),
        match p.title {
            Some(t) => format!("<< /Title ({}) /Producer (test) >>", literal(t)).into_bytes(),
            None => b"<< /Producer (test) >>".to_vec(),
        },
    ];
    pdf_file("1.7", &objects, " /Info 10 0 R")
}

/// A report in Norwegian, with a word found nowhere else on the site.
fn report_lines() -> Vec<String> {
    [
        "Årsrapport for helsefellesskapet 2025",
        "Helsefellesskapet har i år arbeidet med pasientforløp for de prioriterte gruppene.",
        "Sykehuset og kommunene møtes som likeverdige partnere, og brukerne er med i alle utvalg.",
        "Arbeidet med Tangentfjøla-prosjektet ble avsluttet i desember, og erfaringene er delt.",
        "Det er også gjennomført fire møter i strategisk samarbeidsutvalg.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn accessible() -> Pdf {
    Pdf {
        lines: report_lines(),
        tagged: true,
        lang: Some("nb-NO"),
        title: Some("Årsrapport 2025"),
        pdfa: true,
    }
}

fn write_bytes(s: &Site, rel: &str, bytes: &[u8]) {
    let p = s.path().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// A site whose case 2025.14 has the given PDFs as attachments (title, file name, PDF).
fn site_with(pdfs: &[(&str, &str, Vec<u8>)], site_toml_extra: &str) -> Site {
    let s = Site::empty(&format!("{MINIMAL_TOML}{site_toml_extra}"));
    s.write(
        "content/ssu/_organ.md",
        "---\nnavn: Strategisk samarbeidsutvalg\nkortnavn: SSU\n---\nMandat.\n",
    );
    s.write(
        "content/ssu/2025-05-22/_mote.md",
        "---\ndato: 2025-05-22\ntid: \"09:00-12:00\"\nsted: SiV\n---\nVelkommen.\n",
    );
    let mut list = String::new();
    for (title, file, bytes) in pdfs {
        list.push_str(&format!("  - tittel: {title}\n    fil: vedlegg/{file}\n"));
        write_bytes(&s, &format!("content/ssu/2025-05-22/vedlegg/{file}"), bytes);
    }
    s.write(
        "content/ssu/2025-05-22/2025.14.md",
        &format!(
            "---\nsaksnr: \"2025.14\"\ntittel: Årsrapport\nsakstype: [orientering]\nvedlegg:\n{list}---\nSaken gjelder årsrapporten.\n"
        ),
    );
    s.merge_all("Legg inn SSU-møtet");
    s
}

fn untagged() -> Vec<u8> {
    pdf(&Pdf {
        lines: report_lines(),
        ..Default::default()
    })
}

fn scan() -> Vec<u8> {
    pdf(&Pdf::default())
}

/// The `<li>` of the attachment list holding `file`.
fn item<'a>(html: &'a str, file: &str) -> &'a str {
    let at = html
        .find(&format!("vedlegg/{file}\""))
        .unwrap_or_else(|| panic!("no link to {file}:\n{html}"));
    let start = html[..at].rfind("<li").unwrap();
    let end = at + html[at..].find("</li>").unwrap();
    &html[start..end]
}

#[test]
fn a_word_only_in_an_attachment_is_found_with_the_case_and_points_to_the_attachment() {
    let s = site_with(
        &[("Årsrapport 2025", "arsrapport.pdf", pdf(&accessible()))],
        "",
    );
    s.build("2026-01-01");
    let dir = s.out_dir().join("sok/indeks");
    // The term is in the index (a shard holds it) …
    let mut shards = String::new();
    for e in std::fs::read_dir(dir.join("t")).unwrap() {
        shards.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    // (stemmed, as every term: "tangentfjøl")
    assert!(shards.contains("\"tangentfjøl\""), "term not indexed");
    // … for the case page, whose document names the attachment and links to it.
    let mut docs = Vec::new();
    for e in std::fs::read_dir(dir.join("d")).unwrap() {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        docs.extend(v.as_array().unwrap().iter().cloned());
    }
    let case = docs
        .iter()
        .find(|d| d["url"] == "ssu/sak/2025.14/")
        .expect("the case is indexed");
    let text = case["text"].as_str().unwrap();
    assert!(text.contains("Tangentfjøla-prosjektet"), "{text}");
    let parts = case["vedlegg"].as_array().expect("the attachment parts");
    assert_eq!(parts.len(), 1, "{case}");
    assert_eq!(parts[0]["tittel"], "Årsrapport 2025");
    assert_eq!(parts[0]["url"], "ssu/2025-05-22/vedlegg/arsrapport.pdf");
    let from = parts[0]["fra"].as_u64().unwrap() as usize;
    assert!(from <= text.encode_utf16().count());
    let tail = String::from_utf16(&text.encode_utf16().skip(from).collect::<Vec<_>>()).unwrap();
    assert!(
        tail.contains("Tangentfjøla"),
        "the part starts before the word: {tail}"
    );
    assert!(
        !docs
            .iter()
            .any(|d| d["url"].as_str().unwrap().ends_with("arsrapport.pdf")),
        "the PDF is no document of its own"
    );
}

/// The search page in Chromium finds the case by a word of its attachment, says the hit is in
/// the attachment and links to it. Needs node, Chromium and the npm packages of
/// `tests/browser/` (`scripts/install-test-deps`): fails without them, never skips.
#[test]
fn the_search_page_finds_a_word_of_an_attachment_in_chromium() {
    let s = site_with(
        &[("Årsrapport 2025", "arsrapport.pdf", pdf(&accessible()))],
        "",
    );
    s.build("2026-01-01");
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/search_hit.mjs");
    let o = std::process::Command::new("node")
        .arg(script)
        .arg("--site")
        .arg(s.out_dir())
        .args(["--query", "tangentfjøla"])
        .output()
        .expect("node runs (scripts/install-test-deps)");
    let log = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(o.status.success(), "{log}");
    let results: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 1, "{log}");
    let hit = &results[0];
    assert!(
        hit["href"].as_str().unwrap().ends_with("ssu/sak/2025.14/"),
        "{log}"
    );
    assert!(
        hit["attachment"]["href"]
            .as_str()
            .is_some_and(|h| h.ends_with("ssu/2025-05-22/vedlegg/arsrapport.pdf")),
        "{log}"
    );
    assert_eq!(
        hit["attachment"]["text"], "Treff i vedlegget Årsrapport 2025",
        "{log}"
    );
    assert!(
        hit["excerpt"].as_str().unwrap().contains("Tangentfjøla"),
        "{log}"
    );
}

#[test]
fn links_say_what_each_pdf_is_and_check_reports_what_fails() {
    let s = site_with(
        &[
            ("Årsrapport 2025", "arsrapport.pdf", pdf(&accessible())),
            ("Presentasjon", "presentasjon.pdf", untagged()),
            ("Brev fra kommunen", "brev.pdf", scan()),
        ],
        "",
    );
    s.build("2026-01-01");
    let page = s.page("ssu/sak/2025.14/");
    let good = item(&page, "arsrapport.pdf");
    // Kilobytes of 1000 bytes, one decimal below 10 kB, with a decimal comma.
    let len = pdf(&accessible()).len();
    assert!((1000..10_000).contains(&len));
    let size = format!("PDF, {:.1} kB", len as f64 / 1000.0).replace('.', ",");
    assert!(good.contains(&size), "{size}: {good}");
    assert!(!good.contains("skjermleser"), "{good}");
    let bad = item(&page, "presentasjon.pdf");
    assert!(bad.contains("PDF, "), "{bad}");
    assert!(bad.contains("Ikke tilrettelagt for skjermleser"), "{bad}");
    let scanned = item(&page, "brev.pdf");
    assert!(
        scanned.contains("Skannet dokument uten tekst: kan ikke leses av skjermleser"),
        "{scanned}"
    );

    let o = s.motebok(&["check", "--as-of", "2026-01-01"]);
    let out = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(o.status.success(), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let warned = |file: &str, what: &str, wcag: &str| {
        let at = lines
            .iter()
            .position(|l| l.contains(file) && l.contains("advarsel"))
            .unwrap_or_else(|| panic!("no warning for {file}:\n{out}"));
        let block = lines[at..]
            .iter()
            .take(8)
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            out.contains(what) && out.contains(&format!("WCAG {wcag}")),
            "{file}: {what} {wcag}\n{block}\n---\n{out}"
        );
    };
    warned(
        "content/ssu/2025-05-22/vedlegg/presentasjon.pdf",
        "er ikke tagget",
        "1.3.1",
    );
    warned("presentasjon.pdf", "mangler språk", "3.1.1");
    warned("presentasjon.pdf", "mangler tittel", "2.4.2");
    warned(
        "content/ssu/2025-05-22/vedlegg/brev.pdf",
        "uten tekst",
        "1.1.1",
    );
    assert!(!out.contains("arsrapport.pdf"), "{out}");

    let o = s.motebok(&["check", "--strict", "--as-of", "2026-01-01"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("presentasjon.pdf"), "{}", stderr(&o));
}

#[test]
fn strict_in_site_toml_stops_the_build() {
    let s = site_with(
        &[("Presentasjon", "presentasjon.pdf", untagged())],
        "strict = true\n",
    );
    let o = s.try_build("2026-01-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("er ikke tagget"), "{}", stderr(&o));
    assert!(!s.out_dir().join("index.html").exists());
}

#[test]
fn the_statement_lists_what_does_not_conform_and_claims_nothing_else() {
    let s = site_with(
        &[
            ("Årsrapport 2025", "arsrapport.pdf", pdf(&accessible())),
            ("Presentasjon", "presentasjon.pdf", untagged()),
        ],
        "uustatus_url = \"https://uustatus.no/nb/erklaringer/publisert/abc\"\n",
    );
    s.build("2026-01-01");
    let page = s.page("tilgjengelighet/");
    assert!(!page.contains("kjenner ikke til brudd"), "{page}");
    assert!(
        !page.contains("oppfyller kravene i WCAG 2.1 nivå A og AA."),
        "{page}"
    );
    let listed = between(&page, "id=\"funn\"", "</table>");
    assert!(
        listed.contains("ssu/2025-05-22/vedlegg/presentasjon.pdf"),
        "{listed}"
    );
    assert!(
        listed.contains("1.3.1") && listed.contains("ikke tagget"),
        "{listed}"
    );
    assert!(!listed.contains("arsrapport.pdf"), "{listed}");
    assert!(page.contains("1. januar 2026"), "the build date: {page}");
    assert!(page.contains("https://uustatus.no/nb/erklaringer/publisert/abc"));
    // What the theme was checked with, by name and version.
    assert!(page.contains("axe-core 4."), "{page}");
    assert!(page.contains("Nu Html Checker"), "{page}");

    let json: serde_json::Value =
        serde_json::from_str(&s.page("tilgjengelighet/funn.json")).unwrap();
    assert_eq!(json["dato"], "2026-01-01");
    let found = json["funn"].as_array().unwrap();
    assert!(found
        .iter()
        .any(|f| f["fil"] == "ssu/2025-05-22/vedlegg/presentasjon.pdf"
            && f["wcag"] == "1.3.1"
            && f["side"] == "ssu/sak/2025.14/"));
    assert!(found
        .iter()
        .all(|f| f["fil"] != "ssu/2025-05-22/vedlegg/arsrapport.pdf"));

    // The same site without the untagged PDF: no finding, and then the claim is made.
    let clean = site_with(
        &[("Årsrapport 2025", "arsrapport.pdf", pdf(&accessible()))],
        "",
    );
    clean.build("2026-01-01");
    let page = clean.page("tilgjengelighet/");
    assert!(page.contains("kjenner ikke til brudd"), "{page}");
    let json: serde_json::Value =
        serde_json::from_str(&clean.page("tilgjengelighet/funn.json")).unwrap();
    assert_eq!(json["funn"].as_array().unwrap().len(), 0);
}

#[test]
fn an_exempt_case_s_pdf_is_neither_searched_nor_stated() {
    let s = site_with(&[], "");
    write_bytes(
        &s,
        "content/ssu/2025-05-22/vedlegg/personal.pdf",
        &pdf(&Pdf {
            lines: vec!["Personalsaken gjelder Hemmeligordet i avdelingen.".into()],
            ..Default::default()
        }),
    );
    s.write(
        "content/ssu/2025-05-22/2025.15.md",
        "---\nsaksnr: \"2025.15\"\ntittel: Personalsak\nsakstype: [orientering]\noffentlig: false\nskjermingshjemmel: \"offl. § 25\"\nvedlegg:\n  - tittel: Notat\n    fil: vedlegg/personal.pdf\n---\nTekst.\n",
    );
    s.merge_all("Unntatt sak");
    let o = s.build("2026-01-01");
    assert!(!stderr(&o).contains("personal.pdf"), "{}", stderr(&o));
    for (path, bytes) in snapshot(&s.out_dir()) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(
            !text.contains("hemmeligord") && !text.contains("personal.pdf"),
            "{}",
            path.display()
        );
    }
    assert!(s
        .page("tilgjengelighet/")
        .contains("kjenner ikke til brudd"));
}

#[test]
fn a_rebuild_writes_the_statement_a_full_build_writes() {
    let s = site_with(
        &[("Årsrapport 2025", "arsrapport.pdf", pdf(&accessible()))],
        "",
    );
    s.build("2026-01-01");
    write_bytes(&s, "content/ssu/2025-05-22/vedlegg/brev.pdf", &scan());
    s.write(
        "content/ssu/2025-05-22/2025.14.md",
        &s.read_src("content/ssu/2025-05-22/2025.14.md").replace(
            "---\nSaken",
            "  - tittel: Brev\n    fil: vedlegg/brev.pdf\n---\nSaken",
        ),
    );
    s.merge_all("Legg til brevet");
    let o = s.build("2026-01-01");
    assert!(stderr(&o).contains("Oppdaterte"), "{}", stderr(&o));
    let rebuilt = snapshot(&s.out_dir());
    std::fs::remove_dir_all(s.out_dir()).unwrap();
    for e in std::fs::read_dir(s.path()).unwrap() {
        let p = e.unwrap().path();
        if p.file_name()
            .unwrap()
            .to_string_lossy()
            .contains(".motebok-")
        {
            let _ = std::fs::remove_dir_all(&p).or_else(|_| std::fs::remove_file(&p));
        }
    }
    let o = s.build("2026-01-01");
    assert!(stderr(&o).contains("Bygget"), "{}", stderr(&o));
    let full = snapshot(&s.out_dir());
    assert_eq!(
        rebuilt.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>()
    );
    for (k, v) in &full {
        assert!(rebuilt[k] == *v, "{} differs", k.display());
    }
    let funn = full
        .iter()
        .find(|(k, _)| k.ends_with("tilgjengelighet/funn.json"))
        .unwrap();
    assert!(String::from_utf8_lossy(funn.1).contains("brev.pdf"));
}

#[test]
fn the_preview_shows_what_a_build_shows() {
    use motebok_serve::{Changes, Session};
    let s = site_with(
        &[("Årsrapport 2025", "arsrapport.pdf", pdf(&accessible()))],
        "",
    );
    s.build("2026-01-01");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
    let mut session = Session::new(s.path(), day.unwrap());
    session.rebuild(&Changes::all()).unwrap();
    // A scanned letter saved into the working tree.
    write_bytes(&s, "content/ssu/2025-05-22/vedlegg/brev.pdf", &scan());
    let case = "content/ssu/2025-05-22/2025.14.md";
    s.write(
        case,
        &s.read_src(case).replace(
            "---\nSaken",
            "  - tittel: Brev\n    fil: vedlegg/brev.pdf\n---\nSaken",
        ),
    );
    let root = std::fs::canonicalize(s.path()).unwrap();
    session
        .rebuild(&Changes {
            rescan: false,
            paths: [
                root.join(case),
                root.join("content/ssu/2025-05-22/vedlegg/brev.pdf"),
            ]
            .into(),
        })
        .unwrap();
    let files = session.files();
    let text = |p: &str| String::from_utf8(files[p].to_vec()).unwrap();
    assert!(text("ssu/sak/2025.14/index.html").contains("Skannet dokument uten tekst"));
    assert!(text("tilgjengelighet/funn.json").contains("brev.pdf"));
    let clean: std::collections::BTreeMap<String, Vec<u8>> =
        motebok_builder::worktree_in_memory(s.path(), day.unwrap())
            .unwrap()
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect();
    let preview: std::collections::BTreeMap<String, Vec<u8>> =
        files.iter().map(|(k, v)| (k.clone(), v.to_vec())).collect();
    assert_eq!(preview, clean);
    // Committed, a production build publishes the same findings.
    s.merge_all("Legg til brevet");
    s.build("2026-01-01");
    assert_eq!(
        std::fs::read(s.out_dir().join("tilgjengelighet/funn.json")).unwrap(),
        files["tilgjengelighet/funn.json"].to_vec()
    );
}

#[test]
fn a_fodselsnummer_in_a_compressed_pdf_stream_stops_the_build() {
    // A valid number: 150387 and three digits, with its two control digits.
    let n = (0..1000)
        .find_map(|i| {
            let nine = format!("150387{i:03}");
            let d: Vec<u32> = nine.chars().map(|c| c.to_digit(10).unwrap()).collect();
            let w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
            let k1 = (11 - d.iter().zip(w1).map(|(a, b)| a * b).sum::<u32>() % 11) % 11;
            if k1 == 10 {
                return None;
            }
            let w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
            let k2 = (11
                - d.iter()
                    .chain([k1].iter())
                    .zip(w2)
                    .map(|(a, b)| a * b)
                    .sum::<u32>()
                    % 11)
                % 11;
            (k2 != 10).then(|| format!("{nine}{k1}{k2}"))
        })
        .unwrap();
    let mut p = accessible();
    p.lines
        .push(format!("Pasient {} {} ble drøftet.", &n[..6], &n[6..]));
    let bytes = pdf(&p);
    assert!(
        !String::from_utf8_lossy(&bytes).contains(&n[..6]),
        "the number is in the compressed stream only"
    );
    let s = site_with(&[("Notat", "notat.pdf", bytes)], "");
    let o = s.try_build("2026-01-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("notat.pdf"), "{}", stderr(&o));
    assert!(stderr(&o).contains("fødselsnummer"), "{}", stderr(&o));
    assert!(!s.out_dir().join("index.html").exists());
}
