#!/usr/bin/env python3
"""check-kb.py: check the actor knowledge base (data/kb/, format in data/kb/README.md).

    python3 scripts/check-kb.py [KB_DIR]        (default: data/kb next to this script)

Checks countries.tsv and actors.tsv:
  - header line with the 11 column names, then 11 tab-separated columns a line;
  - id: lowercase ASCII slug, unique across both files; type from the README's list;
  - country: 3 uppercase letters or empty; parent: an id of either file, not itself,
    no cycle; cameo: uppercase letters or empty; name_en and name_ar not empty;
  - loaded_ar items are `label=category` (category a lowercase slug);
  - no name (name_ar, aliases_ar, loaded_ar labels; name_en, aliases_en) claimed by
    two different ids across both files, nor listed twice in one line, after the matcher's folding: diacritics
    and tatweel removed, أ إ آ ٱ -> ا, ة -> ه, ى -> ي, spaces collapsed; English
    compared case-insensitively. A leading ال or و is NOT stripped here.
and ambiguous.tsv, if present: header `alias candidates rule note`, 4 columns,
at least two candidates, each an id of either file, `place:<gazetteer id>` or `word`;
an alias that some actor does claim (e.g. قطر, name_ar of qat) must list that id.

Prints problems as `file:line: message` and exits 1 if there is any. Stdlib only.
"""
import os
import re
import sys

COLUMNS = ["id", "type", "country", "parent", "cameo", "name_en", "name_ar",
           "aliases_ar", "aliases_en", "loaded_ar", "note"]
TYPES = {"state", "government", "military", "armed_group", "igo", "ngo", "party",
         "tribe", "media", "company", "person", "agency"}
AMBIG_COLUMNS = ["alias", "candidates", "rule", "note"]

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_RE = re.compile(r"^[A-Z]{3}$")
CAMEO_RE = re.compile(r"^[A-Z]{3,15}$")
CATEGORY_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
DIACRITICS_RE = re.compile("[\u064B-\u0652\u0670\u0640]")
ARABIC_RE = re.compile("[\u0600-\u06FF]")
LATIN_RE = re.compile("[A-Za-z]")


def fold_ar(s):
    s = DIACRITICS_RE.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ة", "ه").replace("ى", "ي")
    return " ".join(s.split())


def fold_en(s):
    return " ".join(s.lower().split())


def split_list(field):
    return [x.strip() for x in field.split("|")] if field.strip() else []


class Checker:
    def __init__(self):
        self.problems = []

    def bad(self, where, msg):
        self.problems.append(f"{where}: {msg}")


def read_lines(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    kb = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "data", "kb")
    kb = os.path.normpath(kb)
    ck = Checker()
    rows = []          # (where, fields)
    ids = {}           # id -> where
    files = ["countries.tsv", "actors.tsv"]

    for name in files:
        path = os.path.join(kb, name)
        shown = os.path.relpath(path)
        if not os.path.exists(path):
            ck.bad(shown, "missing file")
            continue
        lines = read_lines(path)
        if not lines or lines[0].rstrip("\r").split("\t") != COLUMNS:
            ck.bad(f"{shown}:1", "header must be the 11 column names: " + " ".join(COLUMNS))
        for n, line in enumerate(lines[1:], start=2):
            where = f"{shown}:{n}"
            if line.endswith("\r"):
                ck.bad(where, "carriage return at end of line")
                line = line.rstrip("\r")
            if not line.strip():
                ck.bad(where, "empty line")
                continue
            f = line.split("\t")
            if len(f) != len(COLUMNS):
                ck.bad(where, f"{len(f)} columns, expected {len(COLUMNS)}")
                continue
            for col, v in zip(COLUMNS, f):
                if v != v.strip():
                    ck.bad(where, f"{col}: leading or trailing space")
            rows.append((where, f))
            aid = f[0]
            if not ID_RE.match(aid):
                ck.bad(where, f"id {aid!r} is not a lowercase ASCII slug")
            if aid in ids:
                ck.bad(where, f"duplicate id {aid!r} (first at {ids[aid]})")
            else:
                ids[aid] = where

    parents = {}
    for where, f in rows:
        aid, typ, country, parent, cameo, name_en, name_ar = f[:7]
        if typ not in TYPES:
            ck.bad(where, f"type {typ!r} is not one of {' '.join(sorted(TYPES))}")
        if country and not COUNTRY_RE.match(country):
            ck.bad(where, f"country {country!r} is not 3 uppercase letters")
        if typ == "state" and not country:
            ck.bad(where, "a state needs a country")
        if parent:
            if parent == aid:
                ck.bad(where, "parent is the actor itself")
            elif parent not in ids:
                ck.bad(where, f"parent {parent!r} is not an id of {' or '.join(files)}")
            else:
                parents[aid] = parent
        if cameo and not CAMEO_RE.match(cameo):
            ck.bad(where, f"cameo {cameo!r} is not uppercase letters")
        if not name_en:
            ck.bad(where, "name_en is empty")
        if not name_ar:
            ck.bad(where, "name_ar is empty")
        elif not ARABIC_RE.search(name_ar):
            ck.bad(where, f"name_ar {name_ar!r} has no Arabic letter")
        for item in split_list(f[7]):
            if not item:
                ck.bad(where, "aliases_ar: empty item")
            elif not ARABIC_RE.search(item):
                ck.bad(where, f"aliases_ar: {item!r} has no Arabic letter")
        for item in split_list(f[8]):
            if not item:
                ck.bad(where, "aliases_en: empty item")
            elif ARABIC_RE.search(item):
                ck.bad(where, f"aliases_en: {item!r} has Arabic letters")
        for item in split_list(f[9]):
            label, eq, cat = item.rpartition("=")
            if not eq or not label.strip():
                ck.bad(where, f"loaded_ar: {item!r} is not label=category")
            elif not CATEGORY_RE.match(cat):
                ck.bad(where, f"loaded_ar: category {cat!r} of {label!r} is not a lowercase slug")
            elif not ARABIC_RE.search(label):
                ck.bad(where, f"loaded_ar: label {label!r} has no Arabic letter")

    # cycles in parent links
    for aid in parents:
        seen, cur = [aid], parents.get(aid)
        while cur is not None:
            if cur == aid:
                ck.bad(ids[aid], "parent chain loops: " + " -> ".join(seen + [aid]))
                break
            if cur in seen:
                break
            seen.append(cur)
            cur = parents.get(cur)

    # names claimed by two ids
    claims = {}  # key -> (id, where, original)
    for where, f in rows:
        aid = f[0]
        names = []
        if f[6]:
            names.append(("ar", f[6], "name_ar"))
        names += [("ar", a, "aliases_ar") for a in split_list(f[7]) if a]
        names += [("ar", l.rpartition("=")[0], "loaded_ar") for l in split_list(f[9])
                  if "=" in l and l.rpartition("=")[0].strip()]
        if f[5]:
            names.append(("en", f[5], "name_en"))
        names += [("en", a, "aliases_en") for a in split_list(f[8]) if a]
        for lang, name, col in names:
            key = (lang, fold_ar(name) if lang == "ar" else fold_en(name))
            if key in claims:
                other_id, other_where, other_name = claims[key]
                if other_id == aid and other_where == where:
                    ck.bad(where, f"{col}: {name!r} is listed twice in this line "
                                  f"(as {other_name!r}, folded {key[1]!r})")
                elif other_id != aid:
                    ck.bad(where, f"{col}: {name!r} (folded {key[1]!r}) is also claimed by "
                                  f"{other_id!r} ({other_where}: {other_name!r})")
            else:
                claims[key] = (aid, where, name)

    # ambiguous.tsv
    path = os.path.join(kb, "ambiguous.tsv")
    if os.path.exists(path):
        shown = os.path.relpath(path)
        lines = read_lines(path)
        if not lines or lines[0].rstrip("\r").split("\t") != AMBIG_COLUMNS:
            ck.bad(f"{shown}:1", "header must be: " + " ".join(AMBIG_COLUMNS))
        seen = {}
        for n, line in enumerate(lines[1:], start=2):
            where = f"{shown}:{n}"
            line = line.rstrip("\r")
            if not line.strip():
                ck.bad(where, "empty line")
                continue
            f = line.split("\t")
            if len(f) != len(AMBIG_COLUMNS):
                ck.bad(where, f"{len(f)} columns, expected {len(AMBIG_COLUMNS)}")
                continue
            alias, cands, rule, _note = f
            if not alias.strip():
                ck.bad(where, "alias is empty")
            key = fold_ar(alias) if ARABIC_RE.search(alias) else fold_en(alias)
            if key in seen:
                ck.bad(where, f"alias {alias!r} already listed at {seen[key]}")
            seen[key] = where
            cl = split_list(cands)
            owner = claims.get(("ar", key) if ARABIC_RE.search(alias) else ("en", key))
            if owner and owner[0] not in cl:
                ck.bad(where, f"alias {alias!r} is claimed by {owner[0]!r} ({owner[1]}), "
                              "which is not among its candidates")
            if len(cl) < 2:
                ck.bad(where, "needs at least two candidates")
            for c in cl:
                if c == "word" or (c.startswith("place:") and len(c) > 6):
                    continue
                if c not in ids:
                    ck.bad(where, f"candidate {c!r} is not an id, place:<id> or word")
            if not re.match(r"^[a-z]+(?:-[a-z]+)*$", rule):
                ck.bad(where, f"rule {rule!r} is not a lowercase slug")

    def order(p):
        m = re.match(r"^(.*?):(\d+): ", p)
        return (m.group(1), int(m.group(2))) if m else (p.split(":")[0], 0)
    for p in sorted(ck.problems, key=order):   # stable: by file, then line
        print(p)
    n_c = sum(1 for w, _ in rows if "countries.tsv" in w)
    print(f"check-kb: {len(rows)} actors ({n_c} countries, {len(rows) - n_c} hand-written), "
          f"{len(claims)} distinct names, {len(ck.problems)} problem(s)")
    return 1 if ck.problems else 0


if __name__ == "__main__":
    sys.exit(main())
