//! The backstop: every text file a build publishes is read as a reader (or a program) would
//! read it, and scanned once more before the output is swapped in. It catches what the
//! sources' guard cannot see: a number put together by a template, a theme, the trail, or a
//! spelling the guard does not know. One linear pass per file, on the threads that write the
//! files (so in parallel); a rebuild scans only the files it writes.

use motebok_domain::privacy::{contains_number_in_bytes, IdKind, Mode};
use motebok_parser::Diagnostic;
use motebok_site::words::count;
use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// The outputs found holding a number, collected from any thread.
#[derive(Default)]
pub struct Backstop {
    found: Mutex<Vec<(String, IdKind)>>,
    /// Files and bytes scanned and the time it took, summed over threads (`MOTEBOK_TIMINGS`).
    files: AtomicU64,
    bytes: AtomicU64,
    nanos: AtomicU64,
}

/// At most this many files are named: one number in a template is on every page.
const NAMED: usize = 10;

impl Backstop {
    /// Scans one output file (path relative to the output root).
    pub fn inspect(&self, path: &str, bytes: &[u8]) {
        let start = std::time::Instant::now();
        if let Some(kind) = published_number(path, bytes) {
            crate::sync::lock(&self.found).push((path.to_string(), kind));
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        self.nanos
            .fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    /// What the scan cost, for the phase timings.
    pub fn cost(&self) -> String {
        format!(
            "{} files, {} MB, {} ms cpu",
            self.files.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed) / 1_000_000,
            self.nanos.load(Ordering::Relaxed) / 1_000_000
        )
    }

    /// The errors for the files found so far, named under `output` (the output folder as the
    /// user gave it); empty when there are none.
    pub fn errors(&self, output: &std::path::Path) -> Vec<Diagnostic> {
        let mut found = crate::sync::lock(&self.found).clone();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        let more = found.len().saturating_sub(NAMED);
        let mut out: Vec<Diagnostic> = found
            .into_iter()
            .take(NAMED)
            .map(|(path, kind)| {
                Diagnostic::new(
                    output.join(&path).display().to_string(),
                    format!(
                        "den ferdige utdata-filen inneholder {}; bygget er stoppet, og den \
                         forrige utgaven av nettstedet står urørt",
                        kind.label()
                    ),
                )
                .sensitive()
                .hint(
                    "kontrollen av kildene så ikke tallet: det kan være satt sammen av flere \
                     felt, komme fra et tema eller fra git-historikken. Finn det i kilden til \
                     denne filen og fjern det",
                )
            })
            .collect();
        if more > 0 {
            if let Some(last) = out.last_mut() {
                last.message
                    .push_str(&format!(" (og {} til)", count(more, "fil", "filer")));
            }
        }
        out
    }
}

/// The kind of identity number a published file holds, if any. Each format is read as its
/// readers read it: HTML with tags dropped and entities decoded; XML (feeds, the sitemap) with
/// its escapes undone first, so escaped HTML inside is read as HTML; JSON (`/api/`, the search
/// index) with its string escapes read as what they stand for; iCalendar with its lines unfolded and escapes
/// undone; other text in its encoding. PDFs and images are not read here (the sources' guard
/// read the PDFs), nor theme scripts and styles.
pub fn published_number(path: &str, bytes: &[u8]) -> Option<IdKind> {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let found = |b: &[u8]| contains_number_in_bytes(b, Mode::Output);
    match ext.as_str() {
        "html" | "htm" | "xhtml" => found(bytes),
        "xml" | "atom" | "rss" => found(&xml_unescape(bytes)),
        // The scanner reads JSON's string escapes itself (no copy of the file).
        "json" | "webmanifest" => found(bytes),
        "ics" => found(&ical_unfold(bytes)),
        "pdf" | "css" | "js" | "mjs" | "map" | "woff" | "woff2" | "ttf" | "otf" | "png" | "jpg"
        | "jpeg" | "gif" | "webp" | "avif" | "ico" | "svg" | "zip" | "docx" | "xlsx" | "pptx"
        | "odt" | "ods" | "odp" => None,
        _ => match super::decode::decode(bytes)? {
            super::decode::Decoded::Utf8(s) => found(s.as_bytes()),
            super::decode::Decoded::Other(s, _) => found(s.as_bytes()),
        },
    }
}

/// Copies `bytes` into a new buffer, replacing each escape `at` finds: `at(rest)` is `None`
/// when `rest` (starting at `marker`) is no escape, else the bytes to write and how many it
/// takes. Runs between markers are copied whole.
fn unescape<'a>(
    bytes: &'a [u8],
    marker: u8,
    at: impl Fn(&[u8], &mut Vec<u8>) -> Option<usize>,
) -> Cow<'a, [u8]> {
    if !bytes.contains(&marker) {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(i) = rest.iter().position(|&b| b == marker) {
        out.extend_from_slice(&rest[..i]);
        rest = &rest[i..];
        match at(rest, &mut out) {
            Some(n) => rest = &rest[n..],
            None => {
                out.push(marker);
                rest = &rest[1..];
            }
        }
    }
    out.extend_from_slice(rest);
    Cow::Owned(out)
}

/// XML with its five named entities decoded (numeric ones are left for the scanner, which
/// decodes them), so that escaped HTML inside reads as HTML.
fn xml_unescape(bytes: &[u8]) -> Cow<'_, [u8]> {
    unescape(bytes, b'&', |rest, out| {
        let (e, c): (&[u8], u8) = [
            (&b"&lt;"[..], b'<'),
            (b"&gt;", b'>'),
            (b"&amp;", b'&'),
            (b"&quot;", b'"'),
            (b"&apos;", b'\''),
        ]
        .into_iter()
        .find(|(e, _)| rest.starts_with(e))?;
        out.push(c);
        Some(e.len())
    })
}

/// iCalendar with its folded lines joined (RFC 5545 §3.1: a line break and a space or tab);
/// the scanner reads its text escapes (`\n`) itself.
fn ical_unfold(bytes: &[u8]) -> Cow<'_, [u8]> {
    unescape(bytes, b'\n', |rest, out| {
        if !matches!(rest.get(1), Some(b' ' | b'\t')) {
            return None;
        }
        if out.last() == Some(&b'\r') {
            out.pop();
        }
        Some(2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid number, as in the domain's tests.
    fn number() -> String {
        (0..1000)
            .find_map(|i| {
                let nine = format!("150387{i:03}");
                let d: [u8; 9] = nine
                    .bytes()
                    .map(|b| b - b'0')
                    .collect::<Vec<_>>()
                    .try_into()
                    .unwrap();
                motebok_domain::privacy::control_digits(&d)
                    .map(|(k1, k2)| format!("{nine}{k1}{k2}"))
            })
            .unwrap()
    }

    #[test]
    fn each_format_is_read_as_its_readers_read_it() {
        let n = number();
        let (a, b) = (&n[..6], &n[6..]);
        let escaped: String = n.chars().map(|c| format!("\\u003{c}")).collect();
        let found = [
            ("ssu/index.html", format!("<td>{a}</td>\n<td>{b}</td>")),
            ("ssu/index.html", format!("<p>{a}<!-- x -->{b}</p>")),
            (
                "feed.xml",
                format!("<content type=\"html\">&lt;b&gt;{a}&lt;/b&gt;{b}</content>"),
            ),
            ("feed.xml", format!("<title>{a}&amp;nbsp;{b}</title>")),
            ("api/x.json", format!("{{\"tittel\":\"{escaped}\"}}")),
            ("search/f/1.json", format!("{{\"t\":\"{a}\\n{b}\"}}")),
            (
                "kalender.ics",
                format!("SUMMARY:Sak {}\r\n {}\r\n", &n[..4], &n[4..]),
            ),
            ("kalender.ics", format!("DESCRIPTION:{a}\\n{b}\r\n")),
            ("sitemap.xml", format!("<loc>https://x/{a}-{b}/</loc>")),
            ("vedlegg/liste.csv", format!("Navn;Nr\n\u{c5}se;{n}\n")),
        ];
        for (path, text) in found {
            assert!(
                published_number(path, text.as_bytes()).is_some(),
                "{path}: {text}"
            );
        }
        let latin1: Vec<u8> = format!("\u{c5}se;{a} {b}\n")
            .chars()
            .map(|c| c as u8)
            .collect();
        assert!(published_number("vedlegg/liste.csv", &latin1).is_some());
        // Machine-made tokens and ordinary numbers pass; so do files not read here.
        let passing = [
            (
                "api/x.json",
                format!("{{\"sha512\":\"ab{n}cd\",\"bytes\":1234}}"),
            ),
            (
                "index.html",
                "<p>Telefon 33 34 20 00, kr 7 000 030</p>".to_string(),
            ),
            ("static/app.js", format!("var x = {n};")),
            ("vedlegg/a.pdf", format!("({n}) Tj")),
        ];
        for (path, text) in passing {
            assert!(
                published_number(path, text.as_bytes()).is_none(),
                "{path}: {text}"
            );
        }
    }

    #[test]
    fn staged_outputs_with_a_number_are_refused_and_named() {
        let n = number();
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        crate::write::write_atomic(
            &out,
            &[crate::write::OutFile {
                path: "index.html".into(),
                bytes: b"gammel".to_vec(),
            }],
            Some("k"),
        )
        .unwrap();
        let lock = crate::write::OutputLock::acquire(&out).unwrap();
        let staging = crate::write::Staging::new(&lock, true).unwrap();
        staging.put("index.html", b"<p>ny</p>").unwrap();
        let page = format!(
            "<p>Fnr <span>{}</span> <span>{}</span></p>",
            &n[..6],
            &n[6..]
        );
        staging
            .put("ssu/sak/2025.15/index.html", page.as_bytes())
            .unwrap();
        let errors = staging.privacy_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0]
            .path
            .ends_with("public/ssu/sak/2025.15/index.html"));
        assert!(!errors[0].message.contains(&n[..6]));
        // Finishing anyway is refused too, and the previous output stays.
        assert!(staging.finish(Some("k2")).is_err());
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"gammel");
    }
}
