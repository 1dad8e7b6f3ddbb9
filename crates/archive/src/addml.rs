//! arkivuttrekk.xml: the package description in ADDML, following Arkivverket's template for a
//! Noark 5 arkivuttrekk (`Noark 5 v 5-arkivuttrekk_v5_0.xml`): who made the archive, the
//! period, the number of document files, and for each XML file its checksum, its schemas and
//! how many of its main elements it holds. The journals (loependeJournal, offentligJournal)
//! are left out: meeting papers are not journalført, and the journal schemas need one entry.

use super::xml::Xml;
use std::io;

const NS: &str = "http://www.arkivverket.no/standarder/addml";
const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// What the description says.
pub(super) struct Description<'a> {
    pub creator: &'a str,
    pub archive: &'a str,
    pub system: String,
    pub year: i32,
    pub exempt_included: bool,
    pub document_files: usize,
    pub objects: Vec<DataObject>,
}

/// One XML file of the uttrekk.
pub(super) struct DataObject {
    pub name: &'static str,
    pub file: &'static str,
    pub sha256: String,
    pub schema: &'static str,
    /// Checksums of the schema and of metadatakatalog.xsd, when the package holds them.
    pub schema_sha256: Option<String>,
    pub catalogue_sha256: Option<String>,
    /// Element and how often it occurs (`//mappe`: 12).
    pub counts: Vec<(&'static str, usize)>,
}

/// An ADDML `property`: a name, maybe a value, maybe nested properties.
struct P {
    name: &'static str,
    data_type: Option<&'static str>,
    value: Option<String>,
    children: Vec<P>,
}

fn p(name: &'static str, value: Option<String>, children: Vec<P>) -> P {
    P {
        name,
        data_type: None,
        value,
        children,
    }
}

fn v(name: &'static str, value: impl Into<String>) -> P {
    p(name, Some(value.into()), Vec::new())
}

fn typed(data_type: &'static str, name: &'static str, value: impl Into<String>) -> P {
    P {
        data_type: Some(data_type),
        ..v(name, value)
    }
}

fn xml_format() -> P {
    p("format", Some("XML".into()), vec![v("version", "1.0")])
}

fn checksum(sha: &str) -> P {
    p(
        "checksum",
        None,
        vec![v("algorithm", "SHA-256"), v("value", sha)],
    )
}

/// `property name="file"` with name, format and (when known) checksum.
fn file(name: &str, sha: Option<&str>) -> P {
    let mut c = vec![v("name", name), xml_format()];
    c.extend(sha.map(checksum));
    p("file", None, c)
}

fn schema(main: bool, name: &str, sha: Option<&str>) -> P {
    p(
        "schema",
        main.then(|| "main".to_string()),
        vec![
            file(name, sha),
            p("type", Some("XML Schema".into()), vec![v("version", "1.0")]),
        ],
    )
}

fn data_object(o: &DataObject) -> Vec<P> {
    let counts = o
        .counts
        .iter()
        .map(|(el, n)| {
            p(
                "numberOfOccurrences",
                Some(el.to_string()),
                vec![
                    v("elementPath", format!("//{el}")),
                    typed("integer", "value", n.to_string()),
                ],
            )
        })
        .collect();
    let catalogue = if o.name == "arkivstruktur" {
        schema(false, "metadatakatalog.xsd", o.catalogue_sha256.as_deref())
    } else {
        p(
            "schema",
            None,
            vec![p("file", None, vec![v("name", "metadatakatalog.xsd")])],
        )
    };
    vec![
        file(o.file, Some(&o.sha256)),
        schema(true, o.schema, o.schema_sha256.as_deref()),
        catalogue,
        p("info", None, counts),
    ]
}

fn write_props(x: &mut Xml, props: &[P]) -> io::Result<()> {
    x.open("properties", &[])?;
    for pr in props {
        let mut attrs = Vec::new();
        if let Some(t) = pr.data_type {
            attrs.push(("dataType", t));
        }
        attrs.push(("name", pr.name));
        x.open("property", &attrs)?;
        x.opt("value", pr.value.as_deref())?;
        if !pr.children.is_empty() {
            write_props(x, &pr.children)?;
        }
        x.close("property")?;
    }
    x.close("properties")
}

/// `additionalElement name=.. > additionalElements > additionalElement name=.. > value`
fn additional(x: &mut Xml, name: &str, value: &str) -> io::Result<()> {
    x.open("additionalElement", &[("name", name)])?;
    x.leaf("value", value)?;
    x.close("additionalElement")
}

pub(super) fn write(d: &Description) -> io::Result<Vec<u8>> {
    let mut x = Xml::new()?;
    let location = format!("{NS} addml.xsd");
    x.open(
        "addml",
        &[
            ("xmlns", NS),
            ("xmlns:xsi", NS_XSI),
            ("xsi:schemaLocation", &location),
            ("name", "Noark 5-arkivuttrekk"),
        ],
    )?;
    x.open("dataset", &[])?;
    x.leaf("description", "Noark 5-arkivuttrekk")?;
    x.open("reference", &[])?;
    x.open("context", &[])?;
    x.open("additionalElements", &[])?;
    x.open("additionalElement", &[("name", "recordCreators")])?;
    x.open("additionalElements", &[])?;
    additional(&mut x, "recordCreator", d.creator)?;
    x.close("additionalElements")?;
    x.close("additionalElement")?;
    additional(&mut x, "systemType", "Noark 5 (møtebehandling)")?;
    additional(&mut x, "systemName", &d.system)?;
    additional(&mut x, "archive", d.archive)?;
    x.close("additionalElements")?;
    x.close("context")?;
    x.open("content", &[])?;
    x.open("additionalElements", &[])?;
    x.open("additionalElement", &[("name", "archivalPeriod")])?;
    write_props(
        &mut x,
        &[
            v("startDate", format!("{}-01-01", d.year)),
            v("endDate", format!("{}-12-31", d.year)),
        ],
    )?;
    x.close("additionalElement")?;
    x.close("additionalElements")?;
    x.close("content")?;
    x.close("reference")?;

    x.open("dataObjects", &[])?;
    x.open("dataObject", &[("name", "Noark 5-arkivuttrekk")])?;
    let flag = |b: bool| if b { "true" } else { "false" };
    let info = p(
        "info",
        None,
        vec![
            p("type", Some("Noark 5".into()), vec![v("version", "5.0")]),
            p(
                "additionalInfo",
                None,
                vec![
                    p(
                        "periode",
                        None,
                        vec![
                            v("inngaaendeSkille", "skarpt"),
                            v("utgaaendeSkille", "skarpt"),
                        ],
                    ),
                    typed(
                        "boolean",
                        "inneholderSkjermetInformasjon",
                        flag(d.exempt_included),
                    ),
                    typed("boolean", "omfatterDokumenterSomErKassert", "false"),
                    typed("boolean", "inneholderDokumenterSomSkalKasseres", "false"),
                    typed(
                        "boolean",
                        "inneholderVirksomhetsspesifikkeMetadata",
                        "false",
                    ),
                    typed(
                        "integer",
                        "antallDokumentfiler",
                        d.document_files.to_string(),
                    ),
                ],
            ),
        ],
    );
    write_props(&mut x, &[info])?;
    x.open("dataObjects", &[])?;
    for o in &d.objects {
        x.open("dataObject", &[("name", o.name)])?;
        write_props(&mut x, &data_object(o))?;
        x.close("dataObject")?;
    }
    x.close("dataObjects")?;
    x.close("dataObject")?;
    x.close("dataObjects")?;
    x.close("dataset")?;
    x.close("addml")?;
    Ok(x.finish())
}
