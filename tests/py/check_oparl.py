#!/usr/bin/env python3
"""Crawls a built site's /api/ as an OParl 1.1 client would and checks it against the spec.

    check_oparl.py --schemas DIR --site OUT --base URL [--entry api/system.json]

Starts at the System object, follows every URL of this site in every object and list (pages
must exist, API files are loaded and crawled), validates every object, embedded ones included,
against the official schema of its type (DIR: the unaltered OParl 1.1 schemas) and checks the
MUSTs of the spec text the schemas do not encode. Then every other JSON file under api/ (the
deleted objects lists leave out) is checked the same way.

Prints a JSON summary on stdout; exits 1 with every finding on stderr, one a line.
"""

import argparse
import copy
import datetime
import json
import os
import re
import sys
import urllib.parse

import jsonschema
import referencing
import referencing.jsonschema

OPARL = "https://schema.oparl.org/1.1/"
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_url(s):
    """`"format": "url"` of the OParl schemas: an absolute http(s) URL."""
    if not isinstance(s, str) or any(c.isspace() for c in s):
        return False
    u = urllib.parse.urlsplit(s)
    return u.scheme in ("http", "https") and bool(u.netloc)


def is_date_time(s):
    if not isinstance(s, str) or not DATE_TIME.match(s):
        return False
    try:
        datetime.datetime.fromisoformat(s)
    except ValueError:
        return False
    return True


def is_date(s):
    if not isinstance(s, str) or not DATE.match(s):
        return False
    try:
        datetime.date.fromisoformat(s)
    except ValueError:
        return False
    return True


FORMATS = jsonschema.FormatChecker(formats=())
FORMATS.checks("url")(is_url)
FORMATS.checks("date-time")(is_date_time)
FORMATS.checks("date")(is_date)


def translate(node):
    """The README's two non-standard keywords: `"schema": "X.json"` is a `$ref` to that file
    (formats are handled by FORMATS). `"schema": "Organization"` (no .json, on a URL string)
    names a type, not a schema, and stays as it is."""
    if isinstance(node, dict):
        s = node.get("schema")
        if isinstance(s, str) and s.endswith(".json"):
            return {"$ref": s}
        return {k: translate(v) for k, v in node.items()}
    if isinstance(node, list):
        return [translate(v) for v in node]
    return node


class Schemas:
    def __init__(self, folder):
        self.raw = {}
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    self.raw[name[:-5]] = json.load(f)
        if "System" not in self.raw:
            raise SystemExit(f"no OParl schemas in {folder}")
        resources = []
        self.translated = {}
        for name, raw in self.raw.items():
            t = translate(raw)
            t["$id"] = f"{OPARL}{name}.json"
            self.translated[name] = t
            resources.append((t["$id"], referencing.jsonschema.DRAFT7.create_resource(t)))
        registry = referencing.Registry().with_resources(resources)
        self.validators = {}
        self.deleted_validators = {}
        for name, t in self.translated.items():
            self.validators[name] = jsonschema.Draft7Validator(
                t, registry=registry, format_checker=FORMATS
            )
            # A deleted object keeps id, type, created, modified and deleted; the spec lets
            # every other property go, so only the types of what is there are checked.
            d = copy.deepcopy(t)
            d["required"] = ["id", "type", "created", "modified", "deleted"]
            d["properties"]["deleted"] = {"const": True}
            self.deleted_validators[name] = jsonschema.Draft7Validator(
                d, registry=registry, format_checker=FORMATS
            )
        strings = open(os.path.join(folder, "strings.yml"), encoding="utf-8").read()
        # Body lists the spec text marks as mandatory ("ZWINGEND"), beside the schema's required.
        self.body_mandatory = sorted(
            set(re.findall(r"Body\.properties\.(\w+)\.description: \"\*\*ZWINGEND\*\*", strings))
            | set(self.raw["Body"].get("required", []))
        )
        line = re.search(r"Organization\.properties\.organizationType\.description: (.*)", strings)
        values = line.group(1).split("Mögliche Werte sind", 1)[1] if line else ""
        self.organization_types = re.findall(r'"([^"]+)"', values)
        if not self.organization_types or "agendaItem" not in self.body_mandatory:
            raise SystemExit("strings.yml has not the expected form")

    def props(self, name):
        return self.raw.get(name, {}).get("properties", {})


class Crawl:
    def __init__(self, schemas, site, base):
        self.s = schemas
        self.site = site
        self.base = base
        self.errors = []
        self.loaded = {}  # api path -> parsed JSON (or None when missing/broken)
        self.queue = []
        self.seen = set()
        self.objects = 0
        self.lists = 0
        self.pages = set()
        self.expect_list = {}  # api path -> type name of its items, when known

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    # -- URLs and files -------------------------------------------------------------------
    def path_of(self, url):
        """The output path a URL of this site is served from, or None when not this site."""
        if not isinstance(url, str) or not url.startswith(self.base):
            return None
        rel = urllib.parse.unquote(urllib.parse.urlsplit(url[len(self.base):]).path)
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        return rel

    def is_api(self, path):
        return path.startswith("api/") and path.endswith(".json") and not path.startswith("api/schema/")

    def load(self, path, where):
        if path in self.loaded:
            return self.loaded[path]
        full = os.path.join(self.site, path)
        v = None
        if not os.path.isfile(full):
            self.err(where, f"{path} is not in the output")
        else:
            try:
                with open(full, encoding="utf-8") as f:
                    v = json.load(f)
            except ValueError as e:
                self.err(path, f"not JSON: {e}")
        self.loaded[path] = v
        return v

    def follow(self, url, where):
        """A URL of this site in the data: a page must exist, an API file is crawled."""
        path = self.path_of(url)
        if path is None:
            return None
        if self.is_api(path):
            if path not in self.seen:
                self.seen.add(path)
                self.queue.append(path)
            return path
        if path not in self.pages:
            self.pages.add(path)
            if not os.path.isfile(os.path.join(self.site, path)):
                self.err(where, f"links to {url}, which is not in the output")
        return path

    # -- objects --------------------------------------------------------------------------
    def type_name(self, obj):
        t = obj.get("type") if isinstance(obj, dict) else None
        if isinstance(t, str) and t.startswith(OPARL) and t[len(OPARL):] in self.s.raw:
            return t[len(OPARL):]
        return None

    def check_object(self, obj, where, embedded):
        """One object (top level or embedded): schema, times, id, and type-specific MUSTs."""
        self.objects += 1
        name = self.type_name(obj)
        if name is None:
            self.err(where, f"no OParl 1.1 type: {obj.get('type') if isinstance(obj, dict) else obj!r}")
            return
        deleted = obj.get("deleted") is True
        v = (self.s.deleted_validators if deleted else self.s.validators)[name]
        for e in sorted(v.iter_errors(obj), key=lambda e: list(e.absolute_path)):
            at = "/".join(str(p) for p in e.absolute_path)
            self.err(where, f"{name}.json{' (deleted)' if deleted else ''}: {e.message}" + (f" at /{at}" if at else ""))
        # OParl 1.1: created and modified are mandatory on every object, embedded ones too.
        for key in ("created", "modified"):
            if key not in obj:
                self.err(where, f"{name} {obj.get('id')} has no `{key}`")
            elif not is_date_time(obj[key]):
                self.err(where, f"{name} `{key}` is not a date-time with offset: {obj[key]!r}")
        if is_date_time(obj.get("created")) and is_date_time(obj.get("modified")):
            if datetime.datetime.fromisoformat(obj["created"]) > datetime.datetime.fromisoformat(obj["modified"]):
                self.err(where, f"{name} was modified ({obj['modified']}) before it was created ({obj['created']})")
        if "deleted" in obj and obj["deleted"] is not True and obj["deleted"] is not False:
            self.err(where, "`deleted` is not a boolean")
        self.check_id(obj, name, where, embedded)
        if deleted:
            return
        if name == "Body":
            self.check_body(obj, where)
        if name == "Organization" and "organizationType" in obj:
            if obj["organizationType"] not in self.s.organization_types:
                self.err(where, f"organizationType {obj['organizationType']!r} is not one of the spec's values {self.s.organization_types}")
        if name == "System" and obj.get("oparlVersion") != OPARL:
            self.err(where, f"oparlVersion is {obj.get('oparlVersion')!r}, not {OPARL}")
        self.check_references(obj, name, where)

    def check_id(self, obj, name, where, embedded):
        oid = obj.get("id")
        if not is_url(oid):
            self.err(where, f"{name} id is not a URL: {oid!r}")
            return
        if urllib.parse.urlsplit(oid).fragment or "#" in oid:
            self.err(where, f"{name} id {oid} has a fragment: no file answers it with the object")
            return
        path = self.path_of(oid)
        if path is None:
            self.err(where, f"{name} id {oid} is not under {self.base}")
            return
        if not self.is_api(path):
            self.err(where, f"{name} id {oid} is not a JSON file of /api/")
            return
        self.follow(oid, where)
        there = self.load(path, where)
        if not isinstance(there, dict):
            self.err(where, f"{name} id {oid} does not resolve to an object")
            return
        if there.get("id") != oid or there.get("type") != obj.get("type"):
            self.err(where, f"{name} id {oid} resolves to {there.get('type')} {there.get('id')}")
            return
        if embedded:
            for key in ("created", "modified", "deleted"):
                if there.get(key) != obj.get(key):
                    self.err(where, f"embedded {name} {oid} has {key}={obj.get(key)!r}, its own file {there.get(key)!r}")

    def check_body(self, obj, where):
        for key in self.s.body_mandatory:
            if key not in obj:
                self.err(where, f"Body lacks the mandatory `{key}`")
        # legislativeTermList holds the same objects as legislativeTerm.
        lt = self.load_list(obj.get("legislativeTermList"), where)
        if lt is not None and isinstance(obj.get("legislativeTerm"), list):
            ids = [t.get("id") for t in obj["legislativeTerm"] if isinstance(t, dict)]
            if sorted(ids) != sorted(i.get("id") for i in lt.get("data", []) if isinstance(i, dict)):
                self.err(where, "legislativeTermList does not hold the objects of legislativeTerm")

    def load_list(self, url, where):
        path = self.path_of(url)
        if path is None or not self.is_api(path):
            return None
        self.follow(url, where)
        v = self.load(path, where)
        return v if isinstance(v, dict) else None

    def check_references(self, obj, name, where):
        """Properties the schema types as references: each URL is followed, and must lead to
        an object of the referenced type, or to a list of the item type for external lists."""
        for key, spec in self.s.props(name).items():
            if key not in obj or key in ("id",):
                continue
            ref = spec.get("references") or spec.get("items", {}).get("references")
            val = obj[key]
            if ref == "externalList":
                item = spec.get("items", {}).get("schema", "")[:-5]
                path = self.follow(val, f"{where}/{key}") if isinstance(val, str) else None
                if path and self.is_api(path):
                    self.expect_list.setdefault(path, item)
                continue
            urls = val if isinstance(val, list) else [val]
            for u in urls:
                if not isinstance(u, str):
                    continue
                path = self.follow(u, f"{where}/{key}")
                if ref in self.s.raw and path and self.is_api(path):
                    there = self.load(path, f"{where}/{key}")
                    if isinstance(there, dict) and self.type_name(there) != ref:
                        self.err(f"{where}/{key}", f"{u} is a {there.get('type')}, not a {ref}")

    def walk(self, v, where, top):
        """Every object inside `v` (top: v itself is the file's object), and every URL."""
        if isinstance(v, dict):
            if "type" in v and isinstance(v.get("type"), str) and v["type"].startswith("https://schema.oparl.org/"):
                self.check_object(v, where, embedded=not top)
            for k, x in v.items():
                if k == "id":
                    continue
                self.walk(x, f"{where}/{k}", False)
        elif isinstance(v, list):
            for i, x in enumerate(v):
                self.walk(x, f"{where}/{i}", False)
        elif isinstance(v, str) and v.startswith(self.base):
            self.follow(v, where)

    # -- lists ----------------------------------------------------------------------------
    def check_list(self, path, v):
        self.lists += 1
        for key in ("data", "pagination", "links"):
            if key not in v:
                self.err(path, f"list lacks `{key}`")
        data = v.get("data", [])
        if not isinstance(data, list):
            self.err(path, "`data` is not an array")
            data = []
        links = v.get("links", {}) if isinstance(v.get("links"), dict) else {}
        pag = v.get("pagination", {}) if isinstance(v.get("pagination"), dict) else {}
        url = self.base + urllib.parse.quote(path)
        if links.get("self") not in (None, url):
            self.err(path, f"links.self is {links.get('self')}, not the list's own URL {url}")
        for k in ("first", "prev", "next", "last", "self", "web"):
            if k in links and not is_url(links[k]):
                self.err(path, f"links.{k} is not a URL: {links[k]!r}")
        for k in ("totalElements", "elementsPerPage", "currentPage", "totalPages"):
            if k in pag and not (isinstance(pag[k], int) and pag[k] >= 0):
                self.err(path, f"pagination.{k} is not a count: {pag[k]!r}")
        last = pag.get("currentPage", 1) == pag.get("totalPages", 1)
        if not last and "next" not in links:
            self.err(path, "a page before the last has no links.next")
        if "next" in links:
            self.follow(links["next"], f"{path}/links/next")
        if "totalElements" in pag and last and pag.get("totalPages", 1) == 1 and pag["totalElements"] != len(data):
            self.err(path, f"totalElements {pag['totalElements']} but {len(data)} objects")
        want = self.expect_list.get(path)
        ids = []
        for i, item in enumerate(data):
            where = f"{path}/data/{i}"
            if not isinstance(item, dict):
                self.err(where, "not an object")
                continue
            ids.append(item.get("id"))
            # Deleted objects belong in a list only when a client asks with modified_since.
            if item.get("deleted") is True:
                self.err(where, f"the list carries the deleted object {item.get('id')}")
            if want and self.type_name(item) != want:
                self.err(where, f"a {item.get('type')} in a list of {want}")
            self.walk(item, where, False)
        if len(set(ids)) != len(ids):
            self.err(path, "the list has an object twice")
        for k in ("web",):
            if k in links:
                self.follow(links[k], f"{path}/links/{k}")

    # -- the crawl ------------------------------------------------------------------------
    def run(self, entry):
        self.seen.add(entry)
        self.queue.append(entry)
        first = True
        while self.queue:
            path = self.queue.pop(0)
            v = self.load(path, path)
            if v is None:
                continue
            if first:
                if not isinstance(v, dict) or self.type_name(v) != "System":
                    self.err(path, "the entry point is not a System object")
                first = False
            self.check_file(path, v)
        crawled = set(self.seen)
        # Files nobody links to: deleted objects (lists leave them out) must still be valid;
        # a live object no client can reach is a finding.
        rest = []
        for d, _, files in os.walk(os.path.join(self.site, "api")):
            for f in files:
                p = os.path.relpath(os.path.join(d, f), self.site).replace(os.sep, "/")
                if self.is_api(p) and p not in crawled:
                    rest.append(p)
        for p in sorted(rest):
            v = self.load(p, p)
            if v is None:
                continue
            if not (isinstance(v, dict) and v.get("deleted") is True):
                self.err(p, "a live object or list no crawl from the System reaches")
            self.seen.add(p)
            self.check_file(p, v)
        while self.queue:  # what those link to
            p = self.queue.pop(0)
            v = self.load(p, p)
            if v is not None:
                self.check_file(p, v)
        return len(crawled), len(rest)

    def check_file(self, path, v):
        if not isinstance(v, dict):
            self.err(path, "not a JSON object")
        elif "data" in v and "type" not in v:
            self.check_list(path, v)
        else:
            self.walk(v, path, True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemas", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--base", required=True)
    ap.add_argument("--entry", default="api/system.json")
    a = ap.parse_args()
    c = Crawl(Schemas(a.schemas), a.site, a.base)
    crawled, unlinked = c.run(a.entry)
    summary = {
        "crawled_files": crawled,
        "unlinked_files": unlinked,
        "objects": c.objects,
        "lists": c.lists,
        "pages": len(c.pages),
        "errors": len(c.errors),
    }
    print(json.dumps(summary))
    if c.errors:
        for e in c.errors:
            print(e, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
