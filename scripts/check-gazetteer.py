#!/usr/bin/env python3
"""Checks the gazetteer files (format: data/gazetteer/README.md).

    scripts/check-gazetteer.py [--dir DIR] [ARABIC_NAME ...]

Checks places.tsv and supplement.tsv (and admin1.tsv's shape): the header,
11 tab-separated columns on every line, numeric lat/lon in range, an ISO 3166-1
alpha-3 country, an integer population, ids unique across both files. Problems
are printed as `file:line: message` and make the exit status 1.

Every ARABIC_NAME given is then looked up, after the same folding rasd's
matching key applies (أإآ→ا, ة→ه, ى/ی→ي, ک→ك, diacritics and tatweel removed),
in name_ar and aliases_ar of both files, and the ids it matches are printed:
for reviewing which place a name resolves to, and which names are ambiguous.
Python 3 standard library only.
"""
import json
import math
import os
import re
import sys
import unicodedata

HEADER = ["id", "name_en", "name_ar", "aliases_ar", "lat", "lon", "country",
          "admin1", "feature", "population", "source"]
ADMIN1_HEADER = ["country", "admin1", "name_en", "name_ar", "seat_geonameid"]

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06ed\u0640]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def fold(s):
    """The matching key of docs/text.md, for Arabic names."""
    s = unicodedata.normalize("NFKC", s)
    s = re.sub("[\u0623\u0625\u0622\u0671\u0672\u0673]", "\u0627", s)
    s = re.sub("[\u0649\u06cc]", "\u064a", s)
    s = re.sub("[\u0629\u06c0\u06d5]", "\u0647", s)
    s = re.sub("[\u06a9\u06aa]", "\u0643", s)
    s = _DIACRITICS.sub("", s)
    s = _INVISIBLE.sub("", s)
    return re.sub(r"\s+", " ", s).strip().lower()


def is_arabic_script(s):
    for ch in s:
        cp = ord(ch)
        if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0xFB50 <= cp <= 0xFEFE:
            continue
        if ch in " -'" or ch.isdigit():
            continue
        return False
    return True


def load_alpha3(root):
    """ISO alpha-3 codes from the npm package i18n-iso-countries, if installed."""
    path = os.path.join(root, "node_modules", "i18n-iso-countries", "codes.json")
    try:
        with open(path, encoding="utf-8") as f:
            return {row[1] for row in json.load(f)}
    except (OSError, ValueError, IndexError, TypeError):
        return None


class Checker:
    def __init__(self, root):
        self.root = root
        self.problems = 0
        self.alpha3 = load_alpha3(root)
        self.ids = {}
        self.rows = []  # (file, line, fields)

    def rel(self, path):
        r = os.path.relpath(path, self.root)
        return path if r.startswith("..") else r

    def problem(self, where, msg):
        self.problems += 1
        print(f"{where}: {msg}")

    def check_places(self, path, id_pattern, required=True):
        rel = self.rel(path)
        if not os.path.exists(path):
            if required:
                self.problem(rel, "missing")
            return
        with open(path, encoding="utf-8", newline="") as f:
            data = f.read()
        if data and not data.endswith("\n"):
            self.problem(f"{rel}:{data.count(chr(10)) + 1}", "no newline at end of file")
        lines = data.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not lines:
            self.problem(rel, "empty: the header line is missing")
            return
        if lines[0].split("\t") != HEADER:
            self.problem(f"{rel}:1", "header is not: " + " ".join(HEADER))
        for n, line in enumerate(lines[1:], start=2):
            where = f"{rel}:{n}"
            if "\r" in line:
                self.problem(where, "carriage return")
                line = line.replace("\r", "")
            if not line.strip():
                self.problem(where, "blank line")
                continue
            f = line.split("\t")
            if len(f) != len(HEADER):
                self.problem(where, f"{len(f)} columns, not {len(HEADER)}")
                continue
            rid, name_en, name_ar, aliases, lat, lon, country, admin1, feature, pop, source = f
            if not re.fullmatch(id_pattern, rid):
                self.problem(where, f"id {rid!r} does not match {id_pattern}")
            if rid in self.ids:
                self.problem(where, f"id {rid} also at {self.ids[rid]}")
            else:
                self.ids[rid] = where
            if not name_en.strip() and not name_ar.strip():
                self.problem(where, "neither name_en nor name_ar")
            if name_ar and not is_arabic_script(name_ar):
                self.problem(where, f"name_ar {name_ar!r} is not in Arabic script")
            if aliases:
                for a in aliases.split("|"):
                    if not a.strip():
                        self.problem(where, "empty alias in aliases_ar")
                    elif not is_arabic_script(a):
                        self.problem(where, f"alias {a!r} is not in Arabic script")
                    elif name_ar and fold(a) == fold(name_ar):
                        self.problem(where, f"alias {a!r} is name_ar again after folding")
            for label, val, lim in (("lat", lat, 90.0), ("lon", lon, 180.0)):
                try:
                    v = float(val)
                    if not math.isfinite(v) or abs(v) > lim:
                        self.problem(where, f"{label} {val} out of range")
                except ValueError:
                    self.problem(where, f"{label} {val!r} is not a number")
            if not re.fullmatch(r"[A-Z]{3}", country):
                self.problem(where, f"country {country!r} is not an alpha-3 code")
            elif self.alpha3 is not None and country not in self.alpha3:
                self.problem(where, f"country {country} is not in ISO 3166-1 (i18n-iso-countries)")
            if admin1 and not re.fullmatch(r"[0-9A-Za-z]{1,10}", admin1):
                self.problem(where, f"admin1 {admin1!r} is not a GeoNames admin-1 code")
            if not re.fullmatch(r"[AHLPRSTUV]\.[A-Z0-9]{2,6}", feature):
                self.problem(where, f"feature {feature!r} is not class.code")
            if not re.fullmatch(r"[0-9]+", pop):
                self.problem(where, f"population {pop!r} is not a non-negative integer")
            if not source.strip():
                self.problem(where, "empty source")
            self.rows.append((rel, n, f))

    def check_admin1(self, path):
        rel = self.rel(path)
        if not os.path.exists(path):
            return
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not lines or lines[0].split("\t") != ADMIN1_HEADER:
            self.problem(f"{rel}:1", "header is not: " + " ".join(ADMIN1_HEADER))
        seen = {}
        for n, line in enumerate(lines[1:], start=2):
            f = line.split("\t")
            where = f"{rel}:{n}"
            if len(f) != len(ADMIN1_HEADER):
                self.problem(where, f"{len(f)} columns, not {len(ADMIN1_HEADER)}")
                continue
            key = (f[0], f[1])
            if key in seen:
                self.problem(where, f"region {f[0]} {f[1]} also at {seen[key]}")
            seen[key] = where
            if not re.fullmatch(r"[0-9]+", f[4]):
                self.problem(where, f"seat_geonameid {f[4]!r} is not a number")
            elif self.ids and "gn:" + f[4] not in self.ids:
                self.problem(where, f"seat gn:{f[4]} is not in places.tsv")

    def lookup(self, names):
        index = {}
        for rel, n, f in self.rows:
            keys = set()
            if f[2]:
                keys.add(fold(f[2]))
            if f[3]:
                keys.update(fold(a) for a in f[3].split("|") if a)
            for k in keys:
                index.setdefault(k, []).append(f)
        for name in names:
            hits = index.get(fold(name), [])
            if not hits:
                print(f"{name}: no match")
                continue
            print(f"{name}: {len(hits)} match{'es' if len(hits) > 1 else ''}")
            for f in hits:
                print(f"  {f[0]}\t{f[1]}\t{f[2]}\t{f[6]}\t{f[4]},{f[5]}\t{f[8]}\tpop {f[9]}")


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    gdir = os.path.join(root, "data", "gazetteer")
    names = []
    i = 0
    while i < len(argv):
        if argv[i] == "--dir" and i + 1 < len(argv):
            gdir = argv[i + 1]
            i += 2
            continue
        if argv[i] in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        names.append(argv[i])
        i += 1
    c = Checker(root)
    c.check_places(os.path.join(gdir, "places.tsv"), r"gn:[0-9]+|gn-adm1:[A-Z]{2}\.[0-9A-Za-z]+")
    c.check_places(os.path.join(gdir, "supplement.tsv"), r"rasd:[a-z0-9]+(-[a-z0-9]+)*", required=False)
    c.check_admin1(os.path.join(gdir, "admin1.tsv"))
    counts = {}
    for rel, _, _ in c.rows:
        counts[rel] = counts.get(rel, 0) + 1
    summary = ", ".join(f"{k}: {v} rows" for k, v in counts.items())
    print(f"check-gazetteer: {summary}; {c.problems} problem{'s' if c.problems != 1 else ''}")
    if names:
        c.lookup(names)
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
