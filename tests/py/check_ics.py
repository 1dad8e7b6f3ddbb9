"""Checks an iCalendar file strictly and prints its events as JSON (tests/testsuite/open_data.rs).

CRLF line endings, physical lines of at most 75 octets (RFC 5545 §3.1), the `icalendar` parser
reading every component without errors, VERSION/PRODID, a VTIMEZONE for every TZID used, and
UID/DTSTAMP/DTSTART on every event. Exits non-zero with the reason otherwise.
"""
import json
import sys

from icalendar import Calendar


FILE = ""


def fail(msg):
    print(f"{FILE}: invalid iCalendar: {msg}", file=sys.stderr)
    sys.exit(1)


def main(path):
    global FILE
    FILE = path
    data = open(path, "rb").read()
    if not data.endswith(b"\r\n"):
        fail("does not end with CRLF")
    for n, line in enumerate(data.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {n} has a bare CR or LF")
        if len(line) > 75:
            fail(f"line {n} is {len(line)} octets, more than 75: {line[:40]!r}...")
        line.decode("utf-8")
    try:
        cal = Calendar.from_ical(data)
    except Exception as e:  # the parser's own words are the message
        fail(f"icalendar cannot parse it: {e}")
    for c in cal.walk():
        if getattr(c, "errors", None):
            fail(f"{c.name}: {c.errors}")
    if str(cal.get("VERSION")) != "2.0" or not cal.get("PRODID"):
        fail("VERSION:2.0 and PRODID are required")
    tzids = {str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")}
    events = []
    for ev in cal.walk("VEVENT"):
        for key in ("UID", "DTSTAMP", "DTSTART"):
            if ev.get(key) is None:
                fail(f"event {ev.get('UID')} has no {key}")
        start = ev.get("DTSTART")
        tzid = start.params.get("TZID")
        if tzid and tzid not in tzids:
            fail(f"TZID {tzid} has no VTIMEZONE")
        end = ev.get("DTEND")
        events.append({
            "uid": str(ev.get("UID")),
            "summary": str(ev.get("SUMMARY", "")),
            "status": str(ev.get("STATUS", "")),
            "location": str(ev.get("LOCATION", "")),
            "url": str(ev.get("URL", "")),
            "description": str(ev.get("DESCRIPTION", "")),
            "dtstamp": ev.decoded("DTSTAMP").isoformat(),
            "start": ev.decoded("DTSTART").isoformat(),
            "start_tzid": tzid,
            "end": ev.decoded("DTEND").isoformat() if end is not None else None,
        })
    print(json.dumps({"timezones": sorted(tzids), "events": events}, ensure_ascii=False))


if __name__ == "__main__":
    # Several files: one report a line, in order (tests/testsuite/follow.rs checks every feed at once).
    for p in sys.argv[1:]:
        main(p)
