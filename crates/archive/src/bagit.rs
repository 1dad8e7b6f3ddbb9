//! A BagIt 1.0 bag (RFC 8493) around the payload: `bagit.txt`, `bag-info.txt`, a SHA-512
//! payload manifest and a SHA-512 tag manifest. Everything sorted and dated by the build date,
//! so the same payload always makes the same bag.

use motebok_builder::write::OutFile;
use std::collections::BTreeMap;

/// `bag-info.txt` fields besides Payload-Oxum, which is computed, in the order given.
pub(super) type BagInfo = Vec<(&'static str, String)>;

use motebok_site::checksum::sha512_hex as sha512;

/// RFC 8493 §2.1.3: a path in a manifest has `%`, CR and LF percent-encoded.
fn manifest_path(p: &str) -> String {
    p.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A tag file value on one line: line breaks would start a new field.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn manifest(files: &[(String, &[u8])]) -> Vec<u8> {
    let mut lines: Vec<String> = files
        .iter()
        .map(|(p, b)| format!("{}  {}\n", sha512(b), manifest_path(p)))
        .collect();
    lines.sort_by(|a, b| {
        a.split_once("  ")
            .map(|x| x.1)
            .cmp(&b.split_once("  ").map(|x| x.1))
    });
    lines.concat().into_bytes()
}

/// The whole bag: tag files and `data/<payload>`, paths relative to the bag's root.
pub(super) fn bag(payload: &BTreeMap<String, Vec<u8>>, info: &BagInfo) -> Vec<OutFile> {
    let data: Vec<(String, &[u8])> = payload
        .iter()
        .map(|(p, b)| (format!("data/{p}"), b.as_slice()))
        .collect();
    let octets: usize = payload.values().map(Vec::len).sum();
    let mut bag_info = String::new();
    for (k, v) in info {
        bag_info.push_str(&format!("{k}: {}\n", one_line(v)));
    }
    bag_info.push_str(&format!("Payload-Oxum: {octets}.{}\n", payload.len()));
    let tags: Vec<(String, Vec<u8>)> = vec![
        (
            "bagit.txt".into(),
            b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_vec(),
        ),
        ("bag-info.txt".into(), bag_info.into_bytes()),
        ("manifest-sha512.txt".into(), manifest(&data)),
    ];
    let tag_refs: Vec<(String, &[u8])> = tags
        .iter()
        .map(|(p, b)| (p.clone(), b.as_slice()))
        .collect();
    let tagmanifest = manifest(&tag_refs);
    let mut out: Vec<OutFile> = tags
        .into_iter()
        .map(|(path, bytes)| OutFile { path, bytes })
        .collect();
    out.push(OutFile {
        path: "tagmanifest-sha512.txt".into(),
        bytes: tagmanifest,
    });
    out.extend(payload.iter().map(|(p, b)| OutFile {
        path: format!("data/{p}"),
        bytes: b.clone(),
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bag_files() {
        let mut payload = BTreeMap::new();
        payload.insert("b.txt".to_string(), b"bb".to_vec());
        payload.insert("a 100%.txt".to_string(), b"a".to_vec());
        let files = bag(
            &payload,
            &vec![("Source-Organization", "Org\nmed linjeskift".into())],
        );
        let get = |p: &str| {
            String::from_utf8(files.iter().find(|f| f.path == p).unwrap().bytes.clone()).unwrap()
        };
        assert_eq!(
            get("bagit.txt"),
            "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
        );
        assert_eq!(
            get("bag-info.txt"),
            "Source-Organization: Org med linjeskift\nPayload-Oxum: 3.2\n"
        );
        let m = get("manifest-sha512.txt");
        let lines: Vec<&str> = m.lines().collect();
        assert!(lines[0].ends_with("  data/a 100%25.txt"), "{m}");
        assert!(lines[1].ends_with("  data/b.txt"), "{m}");
        assert_eq!(lines[1].split_once("  ").unwrap().0.len(), 128);
        let t = get("tagmanifest-sha512.txt");
        assert_eq!(t.lines().count(), 3);
        assert!(files.iter().any(|f| f.path == "data/b.txt"));
    }
}
