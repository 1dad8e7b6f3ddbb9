//! The bytes of `/api/`: compact JSON with sorted keys, summaries of objects for embedding and
//! lists, and lists put together from the bytes of their items.

use super::error::ApiError;
use super::objects::ListMeta;
use serde_json::Value;

/// Compact JSON and a final newline. Keys come out sorted at every level: serde_json's map is a
/// `BTreeMap` as long as no crate turns on its `preserve_order` feature (the tests check every
/// file). Compact, since the files are for programs: indentation made them a third larger.
pub(crate) fn to_json(v: &Value) -> Result<Vec<u8>, ApiError> {
    let mut bytes = serde_json::to_vec(v)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// What stands for an object inside another object and in lists: the object without the plain
/// text of Files and without trails, at any depth. Both stay in the object's own file at its
/// `id`; copies of them made every case's text four times and every trail up to six times the
/// size it is once.
pub fn summarise(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.ends_with("/File"))
            {
                map.remove("text");
            }
            map.remove("motebok:trail");
            map.values_mut().for_each(summarise);
        }
        Value::Array(items) => items.iter_mut().for_each(summarise),
        _ => {}
    }
}

/// A list in one page: `items` are the compact JSON of its objects, in order. Written around
/// them rather than through a `Value`, so the global and per-body lists share one serialisation
/// of each object. Keys stay sorted: `data` < `links` < `pagination`.
pub(crate) fn list(items: &[&[u8]], id: String, web: Option<String>) -> Result<Vec<u8>, ApiError> {
    let meta = serde_json::to_vec(&serde_json::to_value(ListMeta::new(items.len(), id, web))?)?;
    let len = items.iter().map(|i| i.len() + 1).sum::<usize>() + meta.len() + 12;
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(b"{\"data\":[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(item);
    }
    out.extend_from_slice(b"],");
    // `meta` is `{"links":…,"pagination":…}`: its members follow `data` in the same object.
    out.extend_from_slice(&meta[1..]);
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_list_is_the_json_of_its_objects_in_one_page() {
        let a = json!({"id": "https://x/a.json", "type": "t", "b": [1, 2]});
        let b = json!({"id": "https://x/b.json", "type": "t"});
        let items = [
            serde_json::to_vec(&a).unwrap(),
            serde_json::to_vec(&b).unwrap(),
        ];
        let refs: Vec<&[u8]> = items.iter().map(Vec::as_slice).collect();
        let bytes = list(&refs, "https://x/l.json".into(), Some("https://x/".into())).unwrap();
        let expected = json!({
            "data": [a, b],
            "links": {"self": "https://x/l.json", "web": "https://x/"},
            "pagination": {"currentPage": 1, "elementsPerPage": 2, "totalElements": 2, "totalPages": 1}
        });
        // Byte for byte what serialising the whole list would give.
        assert_eq!(bytes, to_json(&expected).unwrap());
        let empty = list(&[], "https://x/p.json".into(), None).unwrap();
        let v: Value = serde_json::from_slice(&empty).unwrap();
        assert_eq!(v["data"], json!([]));
        assert_eq!(v["pagination"]["elementsPerPage"], 1);
    }

    #[test]
    fn summaries_drop_file_text_and_trails_only() {
        let mut v = json!({
            "type": "https://schema.oparl.org/1.1/Paper",
            "motebok:minutes": "kept",
            "motebok:trail": [{"commit": "a"}],
            "mainFile": {"type": "https://schema.oparl.org/1.1/File", "text": "t", "size": 3,
                         "motebok:trail": [{"commit": "a"}]},
            "auxiliaryFile": [{"type": "https://schema.oparl.org/1.1/File", "text": "u"}]
        });
        summarise(&mut v);
        assert_eq!(
            v,
            json!({
                "type": "https://schema.oparl.org/1.1/Paper",
                "motebok:minutes": "kept",
                "mainFile": {"type": "https://schema.oparl.org/1.1/File", "size": 3},
                "auxiliaryFile": [{"type": "https://schema.oparl.org/1.1/File"}]
            })
        );
    }
}
