//! Text of every PDF in a folder by lopdf (as `motebok_builder::privacy::pdf` reads it: the
//! text chunks of each page) and by pdf-extract: time per file (best of 5), characters,
//! Norwegian letters found, and the first words, to compare reading order by eye.

use std::time::Instant;

fn lopdf_text(bytes: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(bytes).ok()?;
    let pages: Vec<String> = doc
        .get_pages()
        .keys()
        .map(|&n| {
            doc.extract_text_chunks(&[n])
                .into_iter()
                .filter_map(Result::ok)
                .collect::<String>()
        })
        .collect();
    Some(pages.join("\n\n"))
}

fn pdf_extract_text(bytes: &[u8]) -> Option<String> {
    std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes).ok())
        .ok()
        .flatten()
}

fn best_of(f: &dyn Fn() -> Option<String>) -> (f64, Option<String>) {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..5 {
        let t = Instant::now();
        out = f();
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
    }
    (best, out)
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: pdf-text-bench DIR");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    println!("| file | KB | reader | ms | chars | æøå | words glued | start |");
    println!("|---|---|---|---|---|---|---|---|");
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        for (reader, run) in [
            ("lopdf 0.47", &(|| lopdf_text(&bytes)) as &dyn Fn() -> Option<String>),
            ("pdf-extract 0.12", &|| pdf_extract_text(&bytes)),
        ] {
            let (ms, text) = best_of(run);
            let text = text.unwrap_or_else(|| "(failed)".into());
            let norwegian = text.chars().filter(|c| "æøåÆØÅ".contains(*c)).count();
            // Words run together: a lower-case letter directly followed by an upper-case one.
            let glued = text
                .chars()
                .zip(text.chars().skip(1))
                .filter(|(a, b)| a.is_lowercase() && b.is_uppercase())
                .count();
            let start: String = text.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
            println!(
                "| {name} | {} | {reader} | {ms:.1} | {} | {norwegian} | {glued} | {} |",
                bytes.len() / 1000,
                text.chars().count(),
                start.replace('|', "/")
            );
        }
    }
}
