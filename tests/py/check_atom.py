"""Checks an Atom feed strictly and prints its entries as JSON (tests/testsuite/open_data.rs).

Well-formed XML, the elements RFC 4287 requires (feed and entry id, title, updated; a self link;
an author; an alternate link for entries without content), RFC 3339 times, and feedparser
reading it as Atom 1.0 without complaint. Exits non-zero with the reason otherwise.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

import feedparser

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


FILE = ""


def fail(msg):
    print(f"{FILE}: invalid Atom: {msg}", file=sys.stderr)
    sys.exit(1)


def one(el, name, where):
    found = el.findall(A + name)
    if len(found) != 1:
        fail(f"{where} has {len(found)} <{name}>, needs exactly one")
    text = (found[0].text or "").strip()
    if name != "title" and not text:
        fail(f"{where} has an empty <{name}>")
    if name == "updated" and not RFC3339.match(text):
        fail(f"{where} <updated>{text}</updated> is not RFC 3339")
    return text


def main(path):
    global FILE
    FILE = path
    data = open(path, "rb").read()
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        fail(f"not well-formed XML: {e}")
    if root.tag != A + "feed":
        fail(f"root is {root.tag}")
    feed_id = one(root, "id", "feed")
    one(root, "title", "feed")
    updated = one(root, "updated", "feed")
    if not any(l.get("rel") == "self" for l in root.findall(A + "link")):
        fail("feed has no link rel=self")
    feed_author = root.find(A + "author")
    entries = []
    for i, e in enumerate(root.findall(A + "entry")):
        where = f"entry {i + 1}"
        eid = one(e, "id", where)
        title = one(e, "title", where)
        eupd = one(e, "updated", where)
        if feed_author is None and e.find(A + "author") is None:
            fail(f"{where} has no author and neither has the feed")
        alt = [l.get("href") for l in e.findall(A + "link") if l.get("rel", "alternate") == "alternate"]
        if e.find(A + "content") is None and not alt:
            fail(f"{where} has neither content nor an alternate link")
        summary = e.find(A + "summary")
        entries.append({
            "id": eid,
            "title": title,
            "updated": eupd,
            "link": alt[0] if alt else None,
            "summary": summary.text if summary is not None else None,
        })
    parsed = feedparser.parse(data)
    if parsed.bozo:
        fail(f"feedparser: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        fail(f"feedparser reads it as {parsed.version!r}, not Atom 1.0")
    if len(parsed.entries) != len(entries):
        fail("feedparser found a different number of entries")
    print(json.dumps({"id": feed_id, "updated": updated, "entries": entries}, ensure_ascii=False))


if __name__ == "__main__":
    # Several files: one report a line, in order (tests/testsuite/follow.rs checks every feed at once).
    for p in sys.argv[1:]:
        main(p)
