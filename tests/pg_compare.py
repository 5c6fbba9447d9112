#!/usr/bin/env python3
"""pg_compare.py: compares what two rasd stores hold, by document hash
(ids differ between runs): the same documents, the same exact-duplicate
groups, the same near-duplicate links (as pairs of hashes), and stories
that agree (B-cubed F1).

  pg_compare.py SQLITE_FILE POSTGRES_URL [--min-f1 0.95] [--check-only] [--verbose]

The second store may be a SQLite file too (to measure one backend against
itself, e.g. two input orders); the consistency check is PostgreSQL's.

--check-only checks the PostgreSQL store alone for consistency (every
document has a fingerprint and a story, every story's article count is
its documents', no hash twice). Exits 1 on any difference."""
import argparse
import csv
import hashlib
import io
import sqlite3
import subprocess
import sys
from collections import defaultdict

DOCS = "SELECT id, hash, duplicate_of, dup_kind, story FROM documents"


def pg_rows(url, sql):
    out = subprocess.run(["psql", "-X", "-q", "--csv", "-t", "-d", url, "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [tuple(None if v == "" else v for v in row) for row in csv.reader(io.StringIO(out))]


def lite_rows(path, sql):
    db = sqlite3.connect(path)
    rows = [tuple(None if v is None else str(v) for v in r) for r in db.execute(sql)]
    db.close()
    return rows


def rows_of(store, sql):
    return pg_rows(store, sql) if store.startswith(("postgres://", "postgresql://")) else lite_rows(store, sql)


def view(rows):
    """Documents as hashes: the set, exact groups, near links as (copy,
    original) hash pairs, stories."""
    by_id = {r[0]: r[1] for r in rows}
    hashes = sorted(by_id.values())
    groups = defaultdict(set)
    near = set()
    stories = defaultdict(set)
    for id_, h, dup, kind, story in rows:
        if kind == "exact":
            groups[by_id[dup]].update((h, by_id[dup]))
        elif kind == "near":
            near.add((h, by_id[dup]))
        if story is not None:
            stories[story].add(h)
    # an exact group as a set of hashes is the same whichever came first
    exact = sorted(tuple(sorted(g)) for g in merge(groups.values()))
    story_of = {h: frozenset(s) for s in stories.values() for h in s}
    return hashes, exact, near, story_of


def merge(sets):
    out = []
    for s in sets:
        s = set(s)
        for o in [o for o in out if o & s]:
            s |= o
            out.remove(o)
        out.append(s)
    return out


def bcubed(a, b):
    docs = set(a) & set(b)
    if not docs:
        return 0.0
    p = sum(len(a[d] & b[d]) / len(a[d]) for d in docs) / len(docs)
    r = sum(len(a[d] & b[d]) / len(b[d]) for d in docs) / len(docs)
    return 2 * p * r / (p + r) if p + r else 0.0


def checksum(hashes):
    return hashlib.sha256("\n".join(hashes).encode()).hexdigest()[:16]


def check_pg(url):
    problems = []
    q = {
        "documents without a fingerprint": "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                                           "(SELECT 1 FROM fingerprints f WHERE f.doc = d.id)",
        # a bulk import leaves stories to its closing settle, which it
        # records as owed before it stores anything: killed before that
        # settle, its articles wait without a story for the next run
        "documents without a story (and no settle owed)":
            "SELECT count(*) FROM documents WHERE story IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM state WHERE name = 'settle' AND data = '1'::bytea)",
        "stories whose count is wrong": "SELECT count(*) FROM stories s WHERE n_articles <> "
                                        "(SELECT count(*) FROM documents d WHERE d.story = s.id)",
        "hashes stored twice": "SELECT count(*) FROM (SELECT hash FROM documents GROUP BY hash "
                               "HAVING count(*) > 1) x",
        "rows of no document": "SELECT (SELECT count(*) FROM entities e WHERE NOT EXISTS "
                               "(SELECT 1 FROM documents d WHERE d.id = e.doc))",
    }
    for what, sql in q.items():
        n = int(pg_rows(url, sql)[0][0])
        if n:
            problems.append(f"{n} {what}")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sqlite")
    ap.add_argument("pg")
    ap.add_argument("--min-f1", type=float, default=0.95)
    ap.add_argument("--check-only", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="one figure a line, and the story counts")
    a = ap.parse_args()
    is_pg = a.pg.startswith(("postgres://", "postgresql://"))
    problems = check_pg(a.pg) if is_pg else []
    if a.check_only:
        for p in problems:
            print("pg_compare: inconsistent:", p)
        print("pg_compare: consistent" if not problems else "pg_compare: INCONSISTENT")
        return 1 if problems else 0
    lh, lx, ln, ls = view(lite_rows(a.sqlite, DOCS))
    ph, px, pn, ps = view(rows_of(a.pg, DOCS))
    f1 = bcubed(ps, ls)
    other = "PostgreSQL" if is_pg else "other"
    if a.verbose:
        n_stories = lambda st: len(set(st.values()))
        print(f"pg_compare:   {'':22} {'SQLite':>18} {other:>18}")
        for what, x, y in (("documents", len(lh), len(ph)), ("checksum of hashes", checksum(lh), checksum(ph)),
                           ("exact-duplicate groups", len(lx), len(px)),
                           ("documents in them", sum(map(len, lx)), sum(map(len, px))),
                           ("near links", len(ln), len(pn)), ("stories", n_stories(ls), n_stories(ps))):
            print(f"pg_compare:   {what:22} {x:>18} {y:>18}")
        print(f"pg_compare:   near links in both: {len(ln & pn)}; stories B-cubed F1 {f1:.4f}")
    print(f"pg_compare: SQLite {len(lh)} documents (checksum {checksum(lh)}), {len(lx)} exact groups,"
          f" {len(ln)} near; {other} {len(ph)} (checksum {checksum(ph)}), {len(px)} exact groups, {len(pn)} near;"
          f" stories B-cubed F1 {f1:.4f}")
    if lh != ph:
        problems.append(f"other documents: {len(set(lh) - set(ph))} missing, {len(set(ph) - set(lh))} extra")
    if lx != px:
        problems.append("other exact-duplicate groups")
    if ln != pn:
        problems.append(f"near-duplicate links: {len(pn)} against {len(ln)}, {len(ln & pn)} the same")
    if f1 < a.min_f1:
        problems.append(f"stories agree with B-cubed F1 {f1:.4f} < {a.min_f1}")
    for p in problems:
        print("pg_compare: DIFFERENT:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
