// Local measurement only (not committed): index the fragments of a built index again.
use motebok_builder::search::{index_records, Record};
fn cpu() -> f64 {
    let t = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = t.rsplit(')').next().unwrap().split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut records = Vec::new();
    for e in std::fs::read_dir(format!("{dir}/d")).unwrap() {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(e.unwrap().path()).unwrap()).unwrap();
        for d in v.as_array().unwrap() {
            records.push(Record {
                url: d["url"].as_str().unwrap().into(),
                title: d["title"].as_str().unwrap().into(),
                detail: d["detail"].as_str().unwrap().into(),
                kind: d["type"].as_str().unwrap().into(),
                organ: Some("SSU".into()),
                year: Some(2025),
                text: d["text"].as_str().unwrap().into(),
            });
        }
    }
    for _ in 0..3 {
        let (c, w) = (cpu(), std::time::Instant::now());
        let files = index_records(records.clone(), "nb").unwrap();
        eprintln!(
            "{} files, wall {:?}, cpu {:.2}s",
            files.len(),
            w.elapsed(),
            cpu() - c
        );
    }
}
