#!/usr/bin/env python3
"""Checks that PDFs are accessible (PDF/UA-1) and archival (PDF/A-2), with independent tools.

    check_pdf.py [--lang nb] PDF... [--expect-text TEXT...]

Per file, each of these checks runs (all of them, even after one fails):

  pdfua   the `pdfua` checker (PyPI): the machine-checkable subset of PDF/UA-1; any error or
          warning finding, or a rule it could not run, fails
  tagged  pikepdf: /StructTreeRoot in the catalog and /MarkInfo /Marked true
  lang    pikepdf: the catalog's /Lang is set (and equals --lang when given)
  title   pikepdf: /ViewerPreferences /DisplayDocTitle true and a dc:title in the XMP
  xmp     pikepdf: the XMP identifies PDF/UA (pdfuaid:part 1) and PDF/A-2 (pdfaid:part 2 with
          a conformance level, printed)
  fonts   pikepdf: every font on every page (forms and Type0 descendants too) is embedded
  qpdf    `qpdf --check` reports no error and no warning (a damaged xref is a warning)
  text    poppler's `pdftotext`: the --expect-text strings appear in this order (whitespace
          is collapsed, so a string may wrap across lines)

Prints "ok FILE" per good file; for each failed check one line "FAIL FILE: CHECK: why" on
stderr. Exits 0 when every check passed, 1 when any failed, 2 when a tool is missing or the
arguments are wrong. Needs pikepdf and pdfua importable (scripts/install-test-deps puts them in
target/test-venv) and qpdf and pdftotext on PATH.
"""

import argparse
import re
import subprocess
import sys

try:
    import pikepdf
    import pdfua
    import pdfua.document
    import pdfua.rules.structure
    from pdfua.model import Severity
except ImportError as error:  # a missing tool is the environment's fault, never a pass
    print(f"check_pdf.py: {error}; run scripts/install-test-deps", file=sys.stderr)
    sys.exit(2)

# pdfua 0.1.3's `as_integer` asks a pikepdf Array for an attribute, which pikepdf answers with
# ValueError (not AttributeError), so its empty-heading rule (UA-14-001) crashes on every
# heading whose /K is an array of content items. An array is never an integer: say so first,
# and the rule runs as its authors meant.
_as_integer = pdfua.document.as_integer


def _as_integer_fixed(value):
    if isinstance(value, pikepdf.Object) and value._type_code in (
        pikepdf.ObjectType.array,
        pikepdf.ObjectType.dictionary,
        pikepdf.ObjectType.stream,
    ):
        return None
    return _as_integer(value)


pdfua.document.as_integer = _as_integer_fixed
pdfua.rules.structure.as_integer = _as_integer_fixed


def check_pdfua(path, _pdf):
    try:
        report = pdfua.validate(path)
    except pdfua.PdfuaError as error:
        return [f"pdfua cannot read the file: {error}"]
    problems = [
        f"{f.rule_id} ({f.pdfua_clause or 'PDF/UA-1'}): {f.message} [{f.location.describe()}]"
        for f in report.findings
        if f.severity >= Severity.WARNING
    ]
    problems += [f"rule {o.rule_id} could not run: {o.skipped_reason}" for o in report.skipped]
    return problems


def check_tagged(_path, pdf):
    root = pdf.Root
    problems = []
    if "/StructTreeRoot" not in root:
        problems.append("no /StructTreeRoot: the PDF is not tagged")
    mark = root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        problems.append("/MarkInfo /Marked is not true")
    return problems


def check_lang(lang):
    def check(_path, pdf):
        value = pdf.Root.get("/Lang")
        if value is None or not str(value).strip():
            return ["the catalog has no /Lang (document language)"]
        if lang and str(value) != lang:
            return [f"/Lang is {str(value)!r}, expected {lang!r}"]
        return []

    return check


def xmp(pdf):
    if "/Metadata" not in pdf.Root:
        return None
    return pdf.open_metadata()


def check_title(_path, pdf):
    problems = []
    prefs = pdf.Root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        problems.append("/ViewerPreferences /DisplayDocTitle is not true: viewers show the file name")
    meta = xmp(pdf)
    if meta is None or not str(meta.get("dc:title", "")).strip():
        problems.append("no dc:title in the XMP metadata")
    return problems


def check_xmp(_path, pdf):
    meta = xmp(pdf)
    if meta is None:
        return ["no XMP metadata stream (/Metadata): neither PDF/UA nor PDF/A is identified"]
    problems = []
    if str(meta.get("pdfuaid:part", "")) != "1":
        problems.append(f"pdfuaid:part is {meta.get('pdfuaid:part')!r}, expected '1' (PDF/UA-1)")
    part, level = str(meta.get("pdfaid:part", "")), str(meta.get("pdfaid:conformance", ""))
    if part != "2":
        problems.append(f"pdfaid:part is {part!r}, expected '2' (PDF/A-2)")
    if level.upper() not in ("A", "B", "U"):
        problems.append(f"pdfaid:conformance is {level!r}, expected A, B or U")
    return problems


def fonts_of(resources, seen):
    """Yields (name, font dict) of every font reachable from a resources dictionary."""
    if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
        return
    seen.add(resources.objgen)
    for name, font in (resources.get("/Font") or {}).items():
        yield name, font
        for descendant in font.get("/DescendantFonts") or []:
            yield name, descendant
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form":
            yield from fonts_of(xobject.get("/Resources"), seen)


def check_fonts(_path, pdf):
    problems, seen = [], set()
    for number, page in enumerate(pdf.pages, 1):
        for name, font in fonts_of(page.obj.get("/Resources"), seen):
            subtype = font.get("/Subtype")
            if subtype in ("/Type0", "/Type3"):
                continue  # Type0: its descendant is checked; Type3: glyphs are in the file
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if not embedded:
                base = font.get("/BaseFont", name)
                problems.append(f"page {number}: font {base} ({subtype}) is not embedded")
    return problems


def check_qpdf(path, _pdf):
    run = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    if run.returncode == 0:
        return []
    lines = (run.stderr + run.stdout).strip().splitlines()
    detail = [line for line in lines if "error" in line.lower() or "warning" in line.lower()]
    return [f"qpdf --check exited {run.returncode}: " + " | ".join((detail or lines)[:5])]


def check_text(expected):
    def check(path, _pdf):
        run = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True
        )
        if run.returncode != 0:
            return [f"pdftotext exited {run.returncode}: {run.stderr.strip()}"]
        text = collapse(run.stdout)
        at, problems = 0, []
        for want in expected:
            found = text.find(collapse(want), at)
            if found < 0:
                where = "at all" if text.find(collapse(want)) < 0 else "after the text before it"
                problems.append(f"{want!r} does not appear {where}")
            else:
                at = found + len(collapse(want))
        return problems

    return check


def collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="+", metavar="PDF")
    parser.add_argument("--expect-text", nargs="+", default=[], metavar="TEXT")
    parser.add_argument("--lang", help="the document language /Lang must have")
    args = parser.parse_args()
    for tool in ("qpdf", "pdftotext"):
        if subprocess.run(["which", tool], capture_output=True).returncode != 0:
            print(f"check_pdf.py: {tool} is not installed; run scripts/install-test-deps", file=sys.stderr)
            return 2

    checks = [
        ("pdfua", check_pdfua),
        ("tagged", check_tagged),
        ("lang", check_lang(args.lang)),
        ("title", check_title),
        ("xmp", check_xmp),
        ("fonts", check_fonts),
        ("qpdf", check_qpdf),
        ("text", check_text(args.expect_text)),
    ]
    failed = False
    for path in args.pdfs:
        try:
            pdf = pikepdf.open(path)
        except Exception as error:  # noqa: BLE001 - any reason a PDF cannot be opened
            print(f"FAIL {path}: open: pikepdf cannot open it: {error}", file=sys.stderr)
            failed = True
            continue
        good = True
        with pdf:
            for name, check in checks:
                try:
                    problems = check(path, pdf)
                except Exception as error:  # noqa: BLE001 - a check that cannot run fails
                    problems = [f"the check could not run: {type(error).__name__}: {error}"]
                for problem in problems:
                    print(f"FAIL {path}: {name}: {problem}", file=sys.stderr)
                good = good and not problems
        if good:
            meta = xmp(pikepdf.open(path))
            level = f"PDF/A-{meta.get('pdfaid:part')}{str(meta.get('pdfaid:conformance')).lower()}"
            print(f"ok {path} (PDF/UA-1, {level})")
        failed = failed or not good
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
