#!/usr/bin/env python3
"""Writes the seed files of the fuzz targets whose seeds are built rather
than kept: zip archives made from the repo's own fixtures, charset and web
date samples, HTTP answers, watch state files, --map specs and data files.
Usage: fuzz/make_seeds.py SEEDS_DIR (one subdirectory per target is made).
Everything here is the project's own text or written for the purpose."""
import glob
import io
import json
import os
import struct
import sys
import zipfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = sys.argv[1]


def put(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def read(path, limit=3000):
    with open(path, "rb") as f:
        return f.read(limit)


# zip archives, stored and deflated, of JSON, JSON Lines and text members
members = {os.path.basename(p): read(p) for p in glob.glob(os.path.join(root, "fuzz/corpus_json/*"))
           if not p.endswith(".seed")}
members.update({os.path.basename(p): read(p, 1500) for p in sorted(glob.glob(os.path.join(root, "tests/fixtures/*.txt")))[:3]})
for method, tag in ((zipfile.ZIP_STORED, "stored"), (zipfile.ZIP_DEFLATED, "deflated")):
    for name, data in members.items():
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", method) as z:
            z.writestr(name, data)
        put("fuzz_zip", f"{tag}-{name}.zip", b.getvalue())
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", method) as z:
        for name, data in list(members.items())[:4]:
            z.writestr("day/" + name, data)
    put("fuzz_zip", f"{tag}-several.zip", b.getvalue())

# charset: first line the charset (empty: sniffed), then the page
page = "<html><head><title>خبر</title></head><body><p>اجتمع الوزير بالوفد اليوم.</p></body></html>"
put("fuzz_charset", "utf8", "\n" + page)
put("fuzz_charset", "cp1256", b"windows-1256\n" + page.encode("cp1256"))
put("fuzz_charset", "meta", b"\n<meta charset=\"windows-1256\">" + page.encode("cp1256"))
put("fuzz_charset", "http-equiv", b"\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-6\">"
    + "نص".encode("iso-8859-6"))
put("fuzz_charset", "bom16", b"\n" + page.encode("utf-16"))
for i, d in enumerate(["Fri, 05 Jun 2020 10:00:00 GMT", "2020-06-05T10:00:00+03:00", "2020/06/05", "29 Feb 2024 01:02 +0000",
                       "Mon, 1 Jan 2001"]):
    put("fuzz_charset", f"date{i}", d)

# HTTP answers as libcurl hands them: header lines, a blank line, the body
put("fuzz_fetch", "redirect", "HTTP/1.1 301 Moved\r\nLocation: /feed\r\nETag: \"old\"\r\n\r\n"
    "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=\"UTF-8\"\r\nETag: \"abc\"\r\n"
    "Last-Modified: Fri, 05 Jun 2020 10:00:00 GMT\r\n\r\n<rss><channel><item><link>/a/1</link></item></channel></rss>")
put("fuzz_fetch", "html", "HTTP/2 200\r\ncontent-type: Text/HTML;Charset=windows-1256\r\netag: W/\"x\"\r\n\r\n<p>x</p>")
put("fuzz_fetch", "urls", "ETag: https://example.org/news/\nLast-Modified: ../a/b?c=1#d\n\n")

# watch state files and feed lists
put("fuzz_watch_state", "state", json.dumps({"feeds": {"https://example.org/feed.xml": {"etag": "\"e\"", "last_modified":
    "Fri, 05 Jun 2020 10:00:00 GMT"}}, "seen": ["https://example.org/a/1", "https://example.org/feed.xml#1f2e"]}))
put("fuzz_watch_state", "empty", '{"feeds": {}, "seen": []}')
put("fuzz_watch_state", "list", "# feeds\nhttps://example.org/feed.xml\n\n  http://example.net/rss  \n")

# --map specs
put("fuzz_field_map", "all", "title=headline,content=body,source=site,url=link,date=when,author=by")
put("fuzz_field_map", "some", "content=body,date=when")

# data files: byte 0 picks the file in fuzz_loaders' list, the rest is its text
files = ["kb/variants.tsv", "kb/countries.tsv", "kb/actors.tsv", "kb/agents.tsv", "gazetteer/not-places.txt",
         "gazetteer/places.tsv", "gazetteer/supplement.tsv", "kb/iso-codes.tsv", None, "kb/titles.tsv",
         "framing/labels.tsv", "kb/references.tsv", "kb/not-names.txt", "quotes/verbs.tsv", "quotes/sources.tsv",
         "kb/ambiguous.tsv", "lexicon/ar-words.tsv", "lexicon/function-words.txt", "lexicon/abbreviations.txt", None]
for i, rel in enumerate(files):
    if rel is None or not os.path.exists(os.path.join(root, "data", rel)):
        continue
    lines = [l for l in read(os.path.join(root, "data", rel), 200000).split(b"\n") if l][:12]
    put("fuzz_loaders", rel.replace("/", "-"), bytes([i]) + b"\n".join(lines) + b"\n")
put("fuzz_loaders", "geonames", bytes([8]) + "1\tDamascus\tDamascus\tدمشق\t33.5\t36.3\tP\tPPLC\tSY\t\t00\t\t\t\t1569394\t\t700\t"
    "Asia/Damascus\t2020-01-01\n2\tAleppo\tAleppo\tحلب\t36.2\t37.1\tP\tPPLA\tSY\t\t09\t\t\t\t1800000\t\t390\tAsia/Damascus\t"
    "2020-01-01\n".encode())
# the model's body behind a repaired header (odd byte: 19 + 20k), from the tag count on
tags = 9
body = struct.pack("<II", tags, 1) + struct.pack("<fff", 1.0, 0.5, 0.0) + b"\0" * 4 * ((tags + 1) * tags + tags)
body += struct.pack("<Q", 1) + struct.pack("<QII", 12345, 5, 3 | (2 << 8)) + struct.pack("<Q", 1) + struct.pack("<I", 7) \
    + struct.pack("<9h", *range(9))
put("fuzz_loaders", "model-body", bytes([39]) + body)

# event dictionaries for fuzz_events: 'D', then triggers, agents and
# nationalities (a few rows of each) separated by NUL bytes
parts = []
for name in ("triggers.tsv", "agents.tsv", "nationalities.tsv"):
    lines = [l for l in read(os.path.join(root, "data/events", name), 200000).split(b"\n") if l][:8]
    parts.append(b"\n".join(lines) + b"\n")
put("fuzz_events", "dictionary", b"D" + b"\0".join(parts))
