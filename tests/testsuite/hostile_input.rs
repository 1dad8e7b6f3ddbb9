//! Hostile or huge content: a clear error naming the file and line, never a crash, a hang or
//! quadratic time. The sizes here are chosen so that quadratic code would take minutes while
//! the linear code takes a second or two; no test measures time.
//!
//! The last test is a deterministic fuzz run over mutated copies of the example site's files
//! (`MOTEBOK_FUZZ_ITERS`, `MOTEBOK_FUZZ_SEED` to run it longer or otherwise); inputs it once
//! crashed on are kept in `tests/hostile_input/` and replayed first.

use crate::common::*;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

const CASE: &str = "content/ssu/2025-05-22/2025.13.md";
const CASE_HEAD: &str = "---\nsaksnr: \"2025.13\"\ntittel: Godkjenning av innkalling\nsakstype: [beslutning]\nansvarlig: Christian Reissig\n---\n";

/// The minimal site with the case 2025.13 replaced by `text`, merged.
fn with_case(text: &str) -> Site {
    let site = Site::minimal();
    site.write(CASE, text);
    site.merge_all("Endring");
    site
}

/// A failing build's stderr, checking `check` fails too.
fn fails(site: &Site) -> String {
    let o = site.try_build("2026-01-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let check = site.motebok(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    stderr(&o)
}

#[test]
fn forty_thousand_equal_headings_get_unique_ids_in_linear_time() {
    let mut md = String::from(CASE_HEAD);
    // Two empty headings, then one heading written as what the 3rd "Vurdering" would become.
    md.push_str("## \n\n## \n\n## Vurdering-3\n\n");
    for _ in 0..40_000 {
        md.push_str("## Vurdering\n\nTekst.\n\n");
    }
    let site = with_case(&md);
    let page = site.page_after_build("ssu/sak/2025.13/");
    let ids: Vec<&str> = page
        .split("<h2 id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    // The body's headings, after the template's own (which come before or after them).
    let body: Vec<&str> = ids
        .iter()
        .copied()
        .skip_while(|i| *i != "avsnitt")
        .take(40_003)
        .collect();
    assert_eq!(body.len(), 40_003, "{:?}", &ids[..ids.len().min(10)]);
    assert_eq!(
        &body[..5],
        [
            "avsnitt",
            "avsnitt-2",
            "vurdering-3",
            "vurdering",
            "vurdering-2"
        ]
    );
    // The 3rd "Vurdering" skips the id taken by the heading that spelt it out.
    assert_eq!(body[5], "vurdering-4");
    assert_eq!(body[40_002], "vurdering-40001");
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "every id on the page is unique");
}

#[test]
fn deeply_nested_html_is_an_error_at_its_line() {
    let n = 100_000;
    let md = format!(
        "{CASE_HEAD}Innledning.\n\n{}x{}\n",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let err = fails(&with_case(&md));
    assert!(err.contains(&format!("{CASE}:9")), "{err}");
    assert!(err.contains("nestet for dypt"), "{err}");
}

#[test]
fn deeply_nested_markdown_is_an_error_or_builds() {
    let n = 100_000;
    // Blockquotes and lists this deep are an error (with raw HTML beside them they would go
    // through the sanitiser, which is quadratic in depth); brackets do not nest as links.
    for (body, line) in [
        (format!("<b>fet</b>\n\n{} sitat\n", ">".repeat(n)), 11),
        (format!("Liste:\n\n{}punkt\n", "- ".repeat(n)), 11),
    ] {
        let err = fails(&with_case(&format!("{CASE_HEAD}Innledning.\n\n{body}")));
        assert!(err.contains(&format!("{CASE}:{line}")), "{err}");
        assert!(err.contains("nestet for dypt"), "{err}");
    }
    let links = format!(
        "{CASE_HEAD}{}lenke{}(vedlegg/notat.md)\n",
        "[".repeat(n),
        "]".repeat(n)
    );
    let site = with_case(&links);
    let page = site.page_after_build("ssu/sak/2025.13/");
    assert!(page.contains("[[[[lenke]]]]"), "the brackets stay text");
    // A hundred levels are fine.
    let site = with_case(&format!(
        "{CASE_HEAD}{}x{}\n\n{} sitat\n",
        "<div>".repeat(40),
        "</div>".repeat(40),
        ">".repeat(50)
    ));
    site.build("2026-01-01");
}

#[test]
fn control_characters_are_refused_with_file_line_and_character() {
    // A YAML escape in a double-quoted value, a raw NUL in the body, a bell in a value.
    let site = with_case(&format!(
        "{}\n---\nTekst\u{0}med null.\n\tInnrykk med tabulator er greit.\r\n",
        CASE_HEAD
            .replace(
                "Godkjenning av innkalling",
                "\"Godkjenning\\0 av innkalling\""
            )
            .replace("Christian Reissig\n---\n", "\"Christian\u{7} Reissig\"")
    ));
    let err = fails(&site);
    assert!(err.contains(&format!("{CASE}:3")), "{err}");
    assert!(err.contains(&format!("{CASE}:5")), "{err}");
    assert!(err.contains(&format!("{CASE}:7")), "{err}");
    assert!(err.contains("U+0000"), "{err}");
    assert!(err.contains("U+0007"), "{err}");
    assert!(err.contains("kontrolltegn"), "{err}");
}

#[test]
fn keys_that_are_not_names_are_errors_at_their_line() {
    for (extra, line) in [
        ("? [a, b]\n: c\n", 5),
        ("[a]: b\n", 5),
        ("{a: 1}: b\n", 5),
        ("null: x\n", 5),
        ("1: x\n", 5),
        (
            "vedlegg:\n  - tittel: Notat\n    fil: vedlegg/notat.md\n    [x]: y\n",
            8,
        ),
    ] {
        let md = CASE_HEAD.replace("ansvarlig", &format!("{extra}ansvarlig"));
        let err = fails(&with_case(&md));
        assert!(err.contains(&format!("{CASE}:{line}")), "{extra:?}: {err}");
        assert!(err.contains("ukjent nøkkel"), "{extra:?}: {err}");
    }
}

// ---- Fuzz: mutated copies of the example site's files ----------------------------------

use motebok_parser::{Diagnostic, RawFile};

/// Files by their repository path, with their bytes.
type Files = Vec<(String, Vec<u8>)>;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, of: &'a [T]) -> &'a T {
        &of[self.below(of.len())]
    }
}

/// Bytes that mean something to YAML, Markdown or HTML, and some that mean trouble.
const SPECIAL: &[u8] = b"\0\x07\t\r\n -:#[]{}<>/\\\"'&*!|>?%@`~_=.,0123456789\xc3\xa6\xff\x80";

/// Fragments that nest, repeat or confuse, inserted whole or repeated.
const FRAGMENTS: &[&str] = &[
    "[",
    "{",
    "- ",
    ">",
    "<div>",
    "</div>",
    "*",
    "**",
    "_",
    "`",
    "<!--",
    "-->",
    "<b x='",
    "\"",
    "\\0",
    "\\x07",
    "? [a, b]\n: c\n",
    "[a]: b\n",
    "null: x\n",
    "1: x\n",
    "&a [1, 2]",
    "*a",
    "<<: *a\n",
    "---\n",
    "\n---\n",
    "## Vurdering\n\n",
    "# \n",
    "[^1]\n\n[^1]: x\n",
    "| a |\n|---|\n",
    "[x](vedlegg/notat.md)",
    "[x](../../../etc/passwd)",
    "[x](javascript:alert(1))",
    "<script>",
    "\u{feff}",
    "\r\n",
    "\t",
    "    ",
    "saksnr: \"2025.01\"\n",
    "oppfolging_av: [\"2025.01\"]\n",
    "vedlegg:\n  - tittel: A\n    fil: vedlegg/a.md\n",
    "dato: 2025-13-40\n",
    "tittel:\n",
];

fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, others: &Files) {
    let at = |rng: &mut Rng, b: &Vec<u8>| rng.below(b.len() + 1);
    match rng.below(9) {
        0 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            bytes[i] ^= 1 << rng.below(8);
        }
        1 => {
            let i = at(rng, bytes);
            let b = *rng.pick(SPECIAL);
            bytes.insert(i, b);
        }
        2 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            let n = (1 + rng.below(16)).min(bytes.len() - i);
            bytes.drain(i..i + n);
        }
        3 => {
            // Splice: a piece of another file, or the head of one and the tail of this.
            let (_, other) = rng.pick(others);
            let from = rng.below(other.len() + 1);
            let to = (from + rng.below(200)).min(other.len());
            let i = at(rng, bytes);
            if rng.below(2) == 0 {
                bytes.splice(i..i, other[from..to].iter().copied());
            } else {
                bytes.truncate(i);
                bytes.extend_from_slice(&other[from..]);
            }
        }
        4 if !bytes.is_empty() => {
            // Repeat a short piece of the file.
            let i = rng.below(bytes.len());
            let piece: Vec<u8> = bytes[i..(i + 1 + rng.below(40)).min(bytes.len())].to_vec();
            let times = *rng.pick(&[2, 10, 100, 1_000]);
            let piece = piece.repeat(times);
            bytes.splice(i..i, piece);
        }
        5 | 6 => {
            // Deep nesting or repetition of a fragment, around the nesting limit or far past it.
            let f = rng.pick(FRAGMENTS).as_bytes();
            let times = *rng.pick(&[1, 1, 2, 50, 99, 101, 1_000, 20_000]);
            let i = at(rng, bytes);
            bytes.splice(i..i, f.repeat(times));
        }
        7 => {
            // A line of the front matter or body swapped with another.
            let text = String::from_utf8_lossy(bytes).into_owned();
            let mut lines: Vec<&str> = text.split('\n').collect();
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            lines.swap(a, b);
            *bytes = lines.join("\n").into_bytes();
        }
        _ => {
            let i = at(rng, bytes);
            let f = rng.pick(FRAGMENTS).as_bytes();
            bytes.splice(i..i, f.iter().copied());
        }
    }
}

/// Every file under `content/` of the example site, with its repository path.
fn example_files() -> Files {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Files = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// What a build does with the files up to writing: parse (with the privacy guard), resolve,
/// render the bodies of the `changed` files (the others are the example's own). Panics are
/// the caller's to catch; every diagnostic must name one of the files and a line inside it.
fn examine_site(
    files: &BTreeMap<String, Vec<u8>>,
    parsed: &BTreeMap<String, motebok_builder::build::Examined>,
    changed: &HashSet<&str>,
) {
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut raw: Vec<RawFile> = Vec::new();
    let mut unparsed = HashSet::new();
    for (path, e) in parsed {
        errors.extend(e.privacy.iter().cloned());
        match &e.parsed {
            Ok(f) => raw.push(f.clone()),
            Err(d) => {
                unparsed.insert(path.clone());
                errors.extend(d.iter().cloned());
            }
        }
    }
    for f in raw.iter_mut().filter(|f| changed.contains(f.path.as_str())) {
        if let Some(body) = f.body_mut() {
            let md = body.markdown.known().expect("parsed from its bytes");
            let r = motebok_parser::render_reserving(md, 2, &["vedlegg"], &|u| {
                Some(motebok_parser::LinkTo {
                    url: format!("/{u}"),
                    note: None,
                })
            });
            assert_eq!(r.text, motebok_parser::markdown::text(md));
        }
    }
    let trails = Default::default();
    let resolved = motebok_domain::resolve(motebok_domain::Inputs {
        files: raw,
        trails: &trails,
        drafts: &HashSet::new(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        window_months: 24,
        unparsed: &unparsed,
    });
    if let Err(more) = resolved {
        errors.extend(more);
    }
    for d in &errors {
        let bytes = files
            .get(&d.path)
            .unwrap_or_else(|| panic!("a diagnostic names a file that is not there: {d:?}"));
        let lines = bytes.split(|&b| b == b'\n').count() as u32;
        match d.line {
            Some(line) => assert!((1..=lines).contains(&line), "line {line} of {lines}: {d:?}"),
            // Only what is said of the file as a whole (where it lies, its size) has no line.
            None => assert!(
                WHOLE_FILE.iter().any(|m| d.message.starts_with(m)),
                "no line: {d:?}"
            ),
        }
    }
}

/// The errors about a file as a whole.
const WHOLE_FILE: &[&str] = &[
    "filen ligger et sted",
    "filen er for stor",
    "navnet «",
    "mappenavnet `",
    "filnavnet `",
    "filnavnet gir saksnummer",
    "content/dokumenter/ er for",
];

/// Replays the inputs kept in `tests/hostile_input/<case>/` (files laid over the example site).
fn kept_cases() -> Vec<(String, Files)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile_input");
    let mut cases = Vec::new();
    let dirs = std::fs::read_dir(&dir).into_iter().flatten();
    for case in dirs.filter_map(Result::ok).filter(|e| e.path().is_dir()) {
        let files = walkdir::WalkDir::new(case.path())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(case.path()).unwrap();
                (
                    rel.to_string_lossy().replace('\\', "/"),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        cases.push((case.file_name().to_string_lossy().into_owned(), files));
    }
    cases.sort();
    cases
}

fn message(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<String>()
        .cloned()
        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn fuzz_front_matter_and_markdown_never_crash_and_every_error_points_into_its_file() {
    let example = example_files();
    let examine = |path: &str, bytes: &[u8]| motebok_builder::build::examine_one(path, bytes, None);
    let base: BTreeMap<String, Vec<u8>> = example.iter().cloned().collect();
    let base_parsed: BTreeMap<String, _> = example
        .iter()
        .map(|(p, b)| (p.clone(), examine(p, b)))
        .collect();
    let run = |changed: &[(String, Vec<u8>)]| {
        let mut files = base.clone();
        let mut parsed = base_parsed.clone();
        for (p, b) in changed {
            files.insert(p.clone(), b.clone());
            parsed.insert(p.clone(), examine(p, b));
        }
        let names: HashSet<&str> = changed.iter().map(|(p, _)| p.as_str()).collect();
        examine_site(&files, &parsed, &names);
    };
    for (name, files) in kept_cases() {
        if let Err(e) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&files))) {
            panic!("kept case {name}: {}", message(&*e));
        }
    }

    let seed = env_num("MOTEBOK_FUZZ_SEED", 0x6d6f_7465_626f_6b14);
    // A short run in the test suite (about 15 s unoptimised); longer ones by hand.
    let default = if cfg!(debug_assertions) { 1_000 } else { 5_000 };
    let iterations = env_num("MOTEBOK_FUZZ_ITERS", default);
    let mut rng = Rng(seed | 1);
    let markdown: Vec<&(String, Vec<u8>)> =
        example.iter().filter(|(p, _)| p.ends_with(".md")).collect();
    for i in 0..iterations {
        // One to three files changed by one to four mutations each; now and then a mutated
        // copy put beside the others under a new name of its kind.
        let mut changed: Vec<(String, Vec<u8>)> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let (path, bytes) = (*rng.pick(&markdown)).clone();
            let mut bytes = bytes;
            for _ in 0..1 + rng.below(4) {
                mutate(&mut rng, &mut bytes, &example);
            }
            let path = if rng.below(8) == 0 {
                path.replace(".md", "0.md")
                    .replace("/_mote0.md", "/_mote.md")
            } else {
                path
            };
            changed.push((path, bytes));
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&changed)));
        if let Err(e) = outcome {
            // Keep the input where it can be looked at and copied into tests/hostile_input/.
            let dir =
                Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-crash-{seed:x}-{i}"));
            for (p, b) in &changed {
                let f = dir.join(p);
                std::fs::create_dir_all(f.parent().unwrap()).unwrap();
                std::fs::write(f, b).unwrap();
            }
            panic!(
                "iteration {i} (seed {seed:#x}) failed, input kept in {}: {}",
                dir.display(),
                message(&*e)
            );
        }
    }
    eprintln!("fuzz: {iterations} iterations from seed {seed:#x}");
}
