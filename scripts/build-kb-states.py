#!/usr/bin/env python3
"""build-kb-states.py: the bodies every state has, named the regular way -> data/kb/state-bodies.tsv

    python3 scripts/build-kb-states.py

Arab news names a state's government, army, ministries and services by the
body and the nationality adjective: الحكومة الكويتية، الجيش الليبي، وزارة
الخارجية العمانية، المخابرات التونسية. Those names are regular, so they are
generated here for every Arab League state and the region's neighbours and
major powers, from the adjectives of data/events/nationalities.tsv (masculine
and feminine), with CAMEO codes and parents (the ministries under the
government, the police under the interior ministry).

The hand file wins: an id or a name that data/kb/actors.tsv, countries.tsv,
ambiguous.tsv or the generated upetrarch-actors.tsv already has is not
written again (الحكومة السورية stays syr-gov with its aliases), and a body
whose parent is left out hangs from the next one up. Stdlib only; the output
is deterministic.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
KB = os.path.join(ROOT, "data", "kb")
COLUMNS = ["id", "type", "country", "parent", "cameo", "name_en", "name_ar",
           "aliases_ar", "aliases_en", "loaded_ar", "note"]

# Arab League members, then neighbours and major powers of the region's news.
STATES = ["SAU", "ARE", "QAT", "KWT", "BHR", "OMN", "YEM", "IRQ", "SYR", "LBN", "JOR", "PSE",
          "EGY", "LBY", "TUN", "DZA", "MAR", "MRT", "SDN", "SOM", "DJI",
          "TUR", "IRN", "ISR", "USA", "RUS", "GBR", "FRA", "CHN", "DEU", "PAK", "AFG", "NGA",
          "MLI", "NER", "TCD", "ETH", "ERI", "SSD"]

# suffix, type, CAMEO role, parent suffix, English, names: (body, adjective
# gender) -- m: الجيش الليبي, f: الحكومة الليبية
BODIES = [
    ("gov", "government", "GOV", "", "government",
     [("الحكومة", "f"), ("السلطات", "f")]),
    ("mil", "military", "MIL", "gov", "armed forces",
     [("الجيش", "m"), ("القوات المسلحة", "f")]),
    ("mfa", "agency", "GOV", "gov", "ministry of foreign affairs",
     [("وزارة الخارجية", "f")]),
    ("moi", "agency", "GOV", "gov", "ministry of the interior",
     [("وزارة الداخلية", "f")]),
    ("mod", "agency", "MIL", "gov", "ministry of defence",
     [("وزارة الدفاع", "f")]),
    ("intel", "agency", "SPY", "gov", "intelligence services",
     [("المخابرات", "f"), ("الاستخبارات", "f")]),
    ("police", "agency", "COP", "moi", "police",
     [("الشرطة", "f")]),
]

DIACRITICS_RE = re.compile("[\u064B-\u0652\u0670\u0640]")


def fold(s):
    s = DIACRITICS_RE.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s)
    return " ".join(s.replace("ة", "ه").replace("ى", "ي").split())


def read_tsv(path):
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


def main():
    taken_ids, taken_names = set(), set()
    variants = [(fold(r[0]), fold(r[1])) for r in read_tsv(os.path.join(KB, "variants.tsv"))[1:]]
    for name in ("countries.tsv", "actors.tsv", "upetrarch-actors.tsv"):
        for r in read_tsv(os.path.join(KB, name))[1:]:
            taken_ids.add(r[0])
            names = [r[6]] + r[7].split("|") + [x.rpartition("=")[0] for x in r[9].split("|")]
            taken_names.update(fold(n) for n in names if n)
    for r in read_tsv(os.path.join(KB, "ambiguous.tsv"))[1:]:
        taken_names.add(fold(r[0]))

    def taken(n):
        f = fold(n)
        keys = {f} | {f.replace(a, b, 1) for a, b in variants if a in f}
        return bool(keys & taken_names)

    adjectives, english = {}, {}
    for r in read_tsv(os.path.join(ROOT, "data", "events", "nationalities.tsv"))[1:]:
        forms = r[1].split("|")
        m = next((x for x in forms if x.endswith("ي")), None)
        f = next((x for x in forms if x.endswith("ية")), None)
        if m and f:
            adjectives[r[0]] = (m, f)
    for r in read_tsv(os.path.join(KB, "countries.tsv"))[1:]:
        english[r[2]] = r[5]

    rows = []
    for c in STATES:
        if c not in adjectives:
            continue
        m, f = adjectives[c]
        iso = c.lower()
        made = {}
        for suffix, typ, role, parent, en, forms in BODIES:
            aid = f"{iso}-{suffix}"
            names = ["%s ال%s" % (body, m if g == "m" else f) for body, g in forms]
            names = [n for n in names if not taken(n)]
            if aid in taken_ids or not names:
                made[suffix] = aid if aid in taken_ids else made.get(parent, iso)
                continue
            p = iso
            while parent:
                if parent in made:
                    p = made[parent]
                    break
                parent = next((b[3] for b in BODIES if b[0] == parent), "")
            rows.append([aid, typ, c, p, c + role, f"{english.get(c, c)}: {en}", names[0],
                         "|".join(names[1:]), "", "",
                         "the body and the nationality adjective (scripts/build-kb-states.py)"])
            made[suffix] = aid
            for n in names:
                taken_names.add(fold(n))
    with open(os.path.join(KB, "state-bodies.tsv"), "w", encoding="utf-8") as out:
        out.write("# Derived by scripts/build-kb-states.py from data/events/nationalities.tsv; do not\n"
                  "# edit: put the body in actors.tsv (the hand file wins) or fix the script.\n")
        out.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            out.write("\t".join(r) + "\n")
    print(f"build-kb-states: {len(rows)} bodies of {len(STATES)} states")


if __name__ == "__main__":
    main()
