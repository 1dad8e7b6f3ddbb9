//! What arkivuttrekk.xml (ADDML) says about the package, read by property names as Arkade
//! reads them: the data objects with their file, checksum, schemas and counts, the number of
//! document files and the archival period.

use roxmltree::{Document, Node};

pub(crate) struct DataObject {
    /// `file/name`: arkivstruktur.xml, endringslogg.xml.
    pub file: String,
    /// `file/checksum`: (algorithm, value).
    pub checksum: Option<(String, String)>,
    /// `schema/file/name` of each schema, main first as written.
    pub schemas: Vec<String>,
    /// `info/numberOfOccurrences`: element name → documented number (None when not a number).
    pub counts: Vec<(String, Option<usize>)>,
}

pub(crate) struct Addml {
    pub objects: Vec<DataObject>,
    pub document_files: Option<String>,
    pub period: (Option<String>, Option<String>),
}

fn el<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    n.children()
        .filter(|c| c.is_element() && c.tag_name().name() == name)
        .collect()
}

/// The `property` children (through `properties`) of `n` named `name`.
fn props<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    el(n, "properties")
        .into_iter()
        .flat_map(|ps| el(ps, "property"))
        .filter(|p| p.attribute("name") == Some(name))
        .collect()
}

/// The `value` of a property.
fn value(p: Node) -> Option<String> {
    el(p, "value")
        .first()
        .and_then(|v| v.text())
        .map(|t| t.trim().to_string())
}

/// Follows property names from `n` to a value.
fn path(n: Node, names: &[&str]) -> Option<String> {
    let mut cur = n;
    for name in names {
        cur = *props(cur, name).first()?;
    }
    value(cur)
}

impl Addml {
    pub(crate) fn read(doc: &Document) -> Addml {
        let objects = doc
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "dataObject")
            .filter(|n| !props(*n, "file").is_empty())
            .map(|o| {
                let file = path(o, &["file", "name"]).unwrap_or_default();
                let checksum = props(o, "file").first().and_then(|f| {
                    let c = *props(*f, "checksum").first()?;
                    Some((path(c, &["algorithm"])?, path(c, &["value"])?))
                });
                let schemas = props(o, "schema")
                    .into_iter()
                    .filter_map(|s| path(s, &["file", "name"]))
                    .collect();
                let counts = props(o, "info")
                    .into_iter()
                    .flat_map(|i| props(i, "numberOfOccurrences"))
                    .filter_map(|c| {
                        let name = value(c)?;
                        let n = path(c, &["value"]).and_then(|v| v.parse().ok());
                        Some((name, n))
                    })
                    .collect();
                DataObject {
                    file,
                    checksum,
                    schemas,
                    counts,
                }
            })
            .collect();
        let document_files = doc
            .descendants()
            .find(|n| {
                n.tag_name().name() == "property"
                    && n.attribute("name") == Some("antallDokumentfiler")
            })
            .and_then(value);
        let period = doc
            .descendants()
            .find(|n| {
                n.tag_name().name() == "additionalElement"
                    && n.attribute("name") == Some("archivalPeriod")
            })
            .map(|p| (path(p, &["startDate"]), path(p, &["endDate"])))
            .unwrap_or((None, None));
        Addml {
            objects,
            document_files,
            period,
        }
    }

    pub(crate) fn object(&self, file: &str) -> Option<&DataObject> {
        self.objects.iter().find(|o| o.file == file)
    }
}
