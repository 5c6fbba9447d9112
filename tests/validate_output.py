#!/usr/bin/python3
"""Validates `rasd analyze` output against docs/analyze.schema.json and
checks what the schema cannot say: every span lies on UTF-8 character
boundaries inside `text`, sentences lie inside paragraphs and in order,
tokens cover their own surface, the title is the file's first non-blank
line, the id is stable, and --jobs keeps the input order.

Runs on the fixtures written for the tests and, when ../shared is beside
the repo, on the five seed articles (skipped with a message otherwise).
Prints "N passed, M failed" and exits non-zero on any failure.
"""
import glob
import json
import os
import subprocess
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RASD = os.environ.get("RASD_BIN", os.path.join(ROOT, "build", "rasd"))
SCHEMA = json.load(open(os.path.join(ROOT, "docs", "analyze.schema.json"), encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SEEDS = os.path.join(ROOT, "..", "shared", "seeds")

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def on_boundary(raw, i):
    return i == len(raw) or (0 <= i < len(raw) and (raw[i] & 0xC0) != 0x80)


def check_span(raw, span, what):
    s, e = span
    check(0 <= s <= e <= len(raw), f"{what}: span {span} outside text of {len(raw)} bytes")
    check(on_boundary(raw, s) and on_boundary(raw, e), f"{what}: span {span} not on character boundaries")


def first_nonblank_line(path):
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            if line.strip():
                return line.strip()
    return None


def validate_lines(out, paths, what):
    lines = out.decode("utf-8").splitlines()
    check(len(lines) == len(paths), f"{what}: {len(lines)} lines for {len(paths)} inputs")
    for line, path in zip(lines, paths):
        d = json.loads(line)
        errors = sorted(VALIDATOR.iter_errors(d), key=str)
        check(not errors, f"{path}: schema: {errors[0].message if errors else ''}")
        raw = d["text"].encode("utf-8")
        check(d["doc"]["path"] == path, f"{path}: doc.path is {d['doc']['path']}")
        check(d["doc"]["title"] == first_nonblank_line(path), f"{path}: title {d['doc']['title']!r}")
        for p in d["paragraphs"]:
            check_span(raw, p, f"{path} paragraph")
        for s in d["sentences"]:
            check_span(raw, s, f"{path} sentence")
            check(any(p[0] <= s[0] and s[1] <= p[1] for p in d["paragraphs"]), f"{path}: sentence {s} crosses a paragraph")
        starts = [s[0] for s in d["sentences"]]
        check(starts == sorted(starts), f"{path}: sentences out of order")
        for kind in ("entities", "places"):
            for e in d.get(kind, []):
                for m in e["mentions"]:
                    check_span(raw, [m["start"], m["end"]], f"{path} {kind} mention")
                    check(raw[m["start"]:m["end"]].decode("utf-8", "replace") == m["text"], f"{path}: mention text {m['text']!r}")
                    check(m["sentence"] < len(d["sentences"]), f"{path}: mention sentence index")
        ids = [e["id"] for e in d.get("entities", [])]
        for q in d.get("quotes", []):
            check_span(raw, [q["start"], q["end"]], f"{path} quote")
            check(raw[q["start"]:q["end"]].decode() == q["text"], f"{path}: quote text")
            check(q["speaker"]["entity"] is None or q["speaker"]["entity"] in ids, f"{path}: quote speaker is not an entity")
        for ev in d.get("events", []):
            check_span(raw, ev["trigger"]["span"], f"{path} event trigger")
            check_span(raw, ev["sentence_span"], f"{path} event sentence")
            ts, te = ev["trigger"]["span"]
            check(raw[ts:te].decode() == ev["trigger"]["text"], f"{path}: event trigger text")
            check(ev["sentence_span"][0] <= ts and te <= ev["sentence_span"][1], f"{path}: event trigger outside its sentence")
            check(ev["sentence"] < len(d["sentences"]), f"{path}: event sentence index")
            check(ev["root"] == ev["cameo"][:2], f"{path}: event root {ev['root']} of {ev['cameo']}")
            check(0 <= ev["confidence"] <= 1, f"{path}: event confidence")
            for side, a in ((side, a) for side in ("source", "target") for a in ev[side]):
                check(a["entity"] is not None or a["agent"] is not None or a["country"] or a["span"] is not None,
                      f"{path}: event {side} names nobody")
                check(a["entity"] is None or a["entity"] in ids, f"{path}: event {side} is not an entity")
                if a["span"] is not None:
                    check_span(raw, a["span"], f"{path} event {side}")
                    check(raw[a["span"][0]:a["span"][1]].decode() == a["text"], f"{path}: event {side} text")
        check(len(ids) == len(set(ids)), f"{path}: duplicate entity ids")
        for e in d.get("entities", []):
            if "affiliation" in e:
                check(e["affiliation"] in ids, f"{path}: affiliation {e['affiliation']} is not an entity of the document")
        if isinstance(d["tokens"], list):
            for t in d["tokens"]:
                check_span(raw, [t["start"], t["end"]], f"{path} token")
                check(raw[t["start"]:t["end"]].decode() == t["surface"], f"{path}: token surface {t['surface']!r}")
                s = d["sentences"][t["sentence"]]
                check(s[0] <= t["start"] and t["end"] <= s[1], f"{path}: token {t['surface']!r} outside its sentence")
                if "base_span" in t:
                    check_span(raw, t["base_span"], f"{path} base")
                    check(t["start"] <= t["base_span"][0] <= t["base_span"][1] <= t["end"], f"{path}: base_span of {t['surface']!r}")
            check(d["stats"]["tokens"] == len(d["tokens"]), f"{path}: stats.tokens")
    return [json.loads(l) for l in lines]


def run(args):
    p = subprocess.run([RASD, "analyze"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    check(p.returncode == 0, f"rasd analyze {' '.join(args[:3])}...: exit {p.returncode}: {p.stderr.decode()[:300]}")
    return p.stdout


fixtures = sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "*.txt")))
validate_lines(run(["--published", "2024-03-05", "--source", "test"] + fixtures), fixtures, "fixtures")
tok = validate_lines(run(["--tokens"] + fixtures), fixtures, "fixtures --tokens")
again = validate_lines(run(["--tokens"] + fixtures), fixtures, "fixtures again")
check([d["doc"]["id"] for d in tok] == [d["doc"]["id"] for d in again], "ids are stable across runs")

# --jobs keeps input order: many inputs, two threads, same bytes as one.
many = fixtures * 20
one = run(["--jobs", "1"] + many)
two = run(["--jobs", "2"] + many)
check(one == two and len(one) > 0, "--jobs 2 output equals --jobs 1 output, in input order")

if os.path.isdir(SEEDS):
    seeds = sorted(glob.glob(os.path.join(SEEDS, "*.txt")))
    docs = validate_lines(run(seeds), seeds, "seeds")
    check(len(docs) == 5, "five seed articles give five lines")
    docs = validate_lines(run(["--tokens"] + seeds), seeds, "seeds --tokens")
    # the event table: a header, then one row per event of the JSON, every row as wide as the header
    rows = run(["--format", "events-tsv"] + seeds).decode("utf-8").splitlines()
    n_events = sum(len(d.get("events", [])) for d in docs)
    check(len(rows) == n_events + 1 and rows[0].startswith("doc_id\t"), f"events-tsv: {len(rows) - 1} rows for {n_events} events")
    width = len(rows[0].split("\t"))
    check(all(len(r.split("\t")) == width for r in rows), "events-tsv: every row has the header's columns")
else:
    print(f"SKIP: seed articles not found at {SEEDS}; only the repo's fixtures were checked")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
