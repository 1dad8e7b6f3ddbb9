//! PDFs written byte by byte, as the files an editor attaches: the objects, their
//! cross-reference table and trailer. Written by hand (no PDF library among the test
//! dependencies) so each test says exactly what its PDF holds.

use std::io::Write;

/// A content stream compressed with FlateDecode, as real PDFs have it: the stream object.
pub(crate) fn flate_stream(content: &str) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(content.as_bytes()).unwrap();
    let stream = z.finish().unwrap();
    let mut object = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        stream.len()
    )
    .into_bytes();
    object.extend(&stream);
    object.extend(b"\nendstream");
    object
}

/// A PDF of `version` (`1.7`) with `objects` numbered from 1 (the first the catalog) and
/// `trailer` added to the trailer's entries (`/Info 10 0 R`).
pub(crate) fn pdf_file(version: &str, objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = format!("%PDF-{version}\n").into_bytes();
    out.extend(b"%\xe2\xe3\xcf\xd3\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R{trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
