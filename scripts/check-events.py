#!/usr/bin/env python3
"""check-events.py: check the event and framing lexicons.

    python3 scripts/check-events.py [DATA_DIR]      (default: data/ next to this script)

Checks DATA_DIR/events/triggers.tsv, DATA_DIR/events/agents.tsv and
DATA_DIR/events/nationalities.tsv, DATA_DIR/framing/labels.tsv (formats: data/events/README.md and
data/framing/README.md):

  - '#' comment lines and blank lines are skipped; the first other line is the
    header with the documented column names; every line has that many
    tab-separated columns;
  - triggers: pos verb, noun or verb|noun; cameo 2 to 4 digits with a root
    01-20, and a code of the CAMEO 1.1b3 codebook; plover_type from the fixed
    list and consistent with the CAMEO root (empty only for root 01);
    plover_mode from that type's list; acled empty or one of the six ACLED
    event types, violent types only for roots 17-20, Protests and Riots only for
    14, 17 and 18; speech yes or no, yes only for verbal roots (01 02 03 05 10 11
    12 13); target_prep and issue_prep `|` lists of Arabic words (or `-`, the
    direct object); every ambiguous form listed in forms; source from the list;
    no form claimed by two different triggers, no trigger listed twice with the
    same cue, no item twice in a list;
  - agents: cameo_agent one or two agent codes from CAMEO's agent codebook;
    name_en not empty; no form claimed by two agents; the agent itself among
    its forms;
  - labels: label a lowercase slug; polarity -1, 0 or +1; attaches a `|` list of
    before, after, of, death-word, event, none (the values rasd's loader takes);
    no term listed twice;
  - all Arabic fields: Arabic letters and spaces only (no Latin, no digits), and
    no one-word item with a clitic and article attached (بال، وال، فال، كال، لل):
    the matcher folds those, so the bare word is the entry.

Duplicates are found after the matcher's folding (docs/text.md): diacritics
and tatweel removed, أ إ آ ٱ -> ا, ة -> ه, ى -> ي, and, for a one-word item, a
leading article ال (the matcher folds it, so an item and its ال form are the
same entry). An agent form that is also a trigger form must be listed in that
trigger's `ambiguous` column.

Prints `file:line: message` for every problem and exits 1 if there is any.
Python 3 standard library only.
"""
import os
import re
import sys

TRIGGER_COLUMNS = ["trigger", "forms", "pos", "cue", "cameo", "plover_type", "plover_mode",
                   "acled", "speech", "target_prep", "issue_prep", "ambiguous", "source", "note"]
AGENT_COLUMNS = ["agent", "forms", "cameo_agent", "name_en", "source", "note"]
LABEL_COLUMNS = ["term", "label", "polarity", "attaches", "note"]

CAMEO_CODES = set("""
010 011 012 013 014 015 016 017 018 019
020 021 0211 0212 0213 0214 022 023 0231 0232 0233 0234 024 0241 0242 0243 0244
025 0251 0252 0253 0254 0255 0256 026 027 028
030 031 0311 0312 0313 0314 032 033 0331 0332 0333 0334 034 0341 0342 0343 0344
035 0351 0352 0353 0354 0355 0356 036 037 038 039
040 041 042 043 044 045 046
050 051 052 053 054 055 056 057
060 061 062 063 064
070 071 072 073 074 075
080 081 0811 0812 0813 0814 082 083 0831 0832 0833 0834 084 0841 0842 085 086 0861 0862 0863
087 0871 0872 0873 0874
090 091 092 093 094
100 101 1011 1012 1013 1014 102 103 1031 1032 1033 1034 104 1041 1042 1043 1044
105 1051 1052 1053 1054 1055 1056 106 107 108
110 111 112 1121 1122 1123 1124 1125 113 114 115 116
120 121 1211 1212 1213 1214 122 1221 1222 1223 1224 123 1231 1232 1233 1234
124 1241 1242 1243 1244 1245 1246 125 126 127 128 129
130 131 1311 1312 1313 132 1321 1322 1323 1324 133 134 135 136 137 138 1381 1382 1383 1384 1385 139
140 141 1411 1412 1413 1414 142 1421 1422 1423 1424 143 1431 1432 1433 1434
144 1441 1442 1443 1444 145 1451 1452 1453 1454
150 151 152 153 154 155
160 161 162 1621 1622 1623 163 164 165 166 1661 1662 1663
170 171 1711 1712 172 1721 1722 1723 1724 173 174 175 176
180 181 182 1821 1822 1823 183 1831 1832 1833 1834 184 185 186
190 191 192 193 194 195 1951 1952 196
200 201 202 203 204 2041 2042
""".split())

# PLOVER (manual 0.7b1, CAMEO2PLOVER-2021) plus REQUEST (POLECAT) for CAMEO 02.
PLOVER_MODES = {
    "AGREE": set(), "SUPPORT": set(), "CONCEDE": set(), "COOPERATE": set(), "REQUEST": set(),
    "CONSULT": {"visit", "host", "third-party", "multilateral", "phone"},
    "AID": {"economic", "military", "humanitarian", "asylum"},
    "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign", "ease"},
    "DEMAND": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate"},
    "THREATEN": {"restrict", "ban", "arrest", "relations", "expel", "territory", "violence", "political"},
    "PROTEST": {"demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"},
    "SANCTION": {"convict", "cancel", "expel", "withdraw", "sever", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police"},
    "COERCE": {"confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport", "withhold"},
    "ASSAULT": {"abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "heavy-weapons", "aerial", "cleansing",
                "unconventional"},
}
PLOVER_BY_ROOT = {
    "01": {""}, "02": {"REQUEST"}, "03": {"AGREE"}, "04": {"CONSULT"}, "05": {"SUPPORT"},
    "06": {"COOPERATE"}, "07": {"AID"}, "08": {"CONCEDE", "RETREAT"}, "09": {"ACCUSE"},
    "10": {"DEMAND"}, "11": {"ACCUSE"}, "12": {"REJECT"}, "13": {"THREATEN"}, "14": {"PROTEST"},
    "15": {"MOBILIZE"}, "16": {"SANCTION", "COERCE"}, "17": {"COERCE", "ASSAULT"},
    "18": {"ASSAULT"}, "19": {"ASSAULT", "COERCE"}, "20": {"ASSAULT"},
}
ACLED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians",
               "Protests", "Riots", "Strategic developments"}
ACLED_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
SPEECH_ROOTS = {"01", "02", "03", "05", "10", "11", "12", "13"}
TRIGGER_SOURCES = {"hand", "hand+cameo-ar", "cameo-ar"}
AGENT_SOURCES = {"hand", "hand+upetrarch", "upetrarch"}

# CAMEO agent codes: domestic roles, sectors, international and religious codes.
AGENT_CODES = set("""
COP GOV INS JUD MIL OPP REB SEP SPY UAF
AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED REF MOD RAD
IGO IMG INT MNC NGM NGO UNO PKO UIS
REL ATH BAH BUD CHR CON HIN JAN JEW MOS SHN SIK TAO ZRO
""".split())
ATTACHES = {"before", "after", "of", "death-word", "event", "none"}

DIACRITICS_RE = re.compile("[\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06ed\u0640]")
ARABIC_TEXT_RE = re.compile("^[\u0621-\u064a\u064b-\u0652\u0670\u0640 ]+$")
SLUG_RE = re.compile("^[a-z]+(?:-[a-z]+)*$")
DIGITS_RE = re.compile("^[0-9]{2,4}$")


def fold(s):
    s = DIACRITICS_RE.sub("", s)
    s = re.sub("[\u0623\u0625\u0622\u0671]", "\u0627", s)
    s = s.replace("\u0629", "\u0647").replace("\u0649", "\u064a")
    return " ".join(s.split())


def key(s):
    """fold, and drop the article of a one-word item."""
    k = fold(s)
    if " " not in k and k.startswith("ال") and len(k) >= 4:
        k = k[2:]
    return k


def split_list(field):
    return [x.strip() for x in field.split("|")] if field.strip() else []


class Checker:
    def __init__(self):
        self.problems = []

    def bad(self, where, msg):
        self.problems.append(f"{where}: {msg}")


def read_table(path, columns, ck):
    """Rows as (where, dict). Problems with the header and the column count go to ck."""
    rows = []
    name = os.path.relpath(path)
    try:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    except OSError as e:
        ck.bad(name, f"cannot read: {e.strerror}")
        return rows
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header_seen = False
    for n, line in enumerate(lines, 1):
        where = f"{name}:{n}"
        if line.endswith("\r"):
            ck.bad(where, "CRLF line ending")
            line = line[:-1]
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            header_seen = True
            if fields != columns:
                ck.bad(where, f"header must be: {' '.join(columns)}")
            continue
        if len(fields) != len(columns):
            ck.bad(where, f"{len(fields)} columns, expected {len(columns)}")
            continue
        for c, v in zip(columns, fields):
            if v != v.strip():
                ck.bad(where, f"{c}: leading or trailing space")
        rows.append((where, dict(zip(columns, fields))))
    if not header_seen:
        ck.bad(name, "no header line")
    return rows


# Cue classes the coder checks at run time (src/extract/events.c): +place is
# a place the text names after the trigger, or a pronoun on the trigger.
RUNTIME_CUES = {"+place"}


def check_arabic(ck, where, col, items, allow_dash=False):
    seen = set()
    for it in items:
        if allow_dash and it == "-":
            continue
        if col == "cue" and it in RUNTIME_CUES:
            continue
        if not it:
            ck.bad(where, f"{col}: empty item")
            continue
        if not ARABIC_TEXT_RE.match(it) or "  " in it:
            ck.bad(where, f"{col}: {it!r} is not Arabic words separated by single spaces")
        if " " not in it and ((re.match("^(بال|وال|فال|كال)", it) and len(it) >= 6)
                              or (it.startswith("لل") and len(it) >= 5)):
            ck.bad(where, f"{col}: {it!r} has a clitic attached; list the word without it (the matcher folds it)")
        k = key(it)
        if k in seen:
            ck.bad(where, f"{col}: {it!r} listed twice (after folding)")
        seen.add(k)


def check_triggers(path, ck):
    rows = read_table(path, TRIGGER_COLUMNS, ck)
    form_owner = {}      # form key -> (trigger key, where)
    sense_seen = {}      # (trigger key, cue keys) -> where
    for where, r in rows:
        trig = r["trigger"]
        check_arabic(ck, where, "trigger", [trig])
        forms = split_list(r["forms"])
        if not forms:
            ck.bad(where, "forms: empty")
        check_arabic(ck, where, "forms", forms)
        if r["pos"] not in ("verb", "noun", "verb|noun"):
            ck.bad(where, f"pos: {r['pos']!r} is not verb, noun or verb|noun")
        cue = split_list(r["cue"])
        check_arabic(ck, where, "cue", cue)

        code = r["cameo"]
        root = code[:2]
        if not DIGITS_RE.match(code):
            ck.bad(where, f"cameo: {code!r} is not 2 to 4 digits")
        elif not ("01" <= root <= "20"):
            ck.bad(where, f"cameo: {code!r} has root {root}, not 01-20")
        elif len(code) > 2 and code not in CAMEO_CODES:
            ck.bad(where, f"cameo: {code!r} is not a code of the CAMEO codebook")

        pt, pm = r["plover_type"], r["plover_mode"]
        if pt and pt not in PLOVER_MODES:
            ck.bad(where, f"plover_type: {pt!r} is not one of {' '.join(sorted(PLOVER_MODES))}")
        elif root in PLOVER_BY_ROOT and pt not in PLOVER_BY_ROOT[root]:
            want = " or ".join(sorted(x or "empty" for x in PLOVER_BY_ROOT[root]))
            ck.bad(where, f"plover_type: {pt or 'empty'} does not fit CAMEO root {root} ({want})")
        if pm:
            if not pt:
                ck.bad(where, "plover_mode without a plover_type")
            elif pt in PLOVER_MODES and pm not in PLOVER_MODES[pt]:
                allowed = " ".join(sorted(PLOVER_MODES[pt])) or "none"
                ck.bad(where, f"plover_mode: {pm!r} is not a mode of {pt} ({allowed})")

        acled = r["acled"]
        if acled:
            if acled not in ACLED_TYPES:
                ck.bad(where, f"acled: {acled!r} is not an ACLED event type")
            elif acled in ACLED_VIOLENT and not ("17" <= root <= "20"):
                ck.bad(where, f"acled: {acled} for CAMEO root {root} (violent types need 17-20)")
            elif acled in ("Protests", "Riots") and root not in ("14", "17", "18"):
                ck.bad(where, f"acled: {acled} for CAMEO root {root} (needs 14, 17 or 18)")

        if r["speech"] not in ("yes", "no"):
            ck.bad(where, f"speech: {r['speech']!r} is not yes or no")
        elif r["speech"] == "yes" and root not in SPEECH_ROOTS:
            ck.bad(where, f"speech: yes for CAMEO root {root}, which is not a verbal act")

        for col in ("target_prep", "issue_prep"):
            check_arabic(ck, where, col, split_list(r[col]), allow_dash=(col == "target_prep"))

        fkeys = {key(f) for f in forms}
        for a in split_list(r["ambiguous"]):
            if key(a) not in fkeys:
                ck.bad(where, f"ambiguous: {a!r} is not among the forms")
        if r["source"] not in TRIGGER_SOURCES:
            ck.bad(where, f"source: {r['source']!r} is not one of {' '.join(sorted(TRIGGER_SOURCES))}")

        tk = key(trig)
        sense = (tk, tuple(sorted(key(c) for c in cue)))
        if sense in sense_seen:
            ck.bad(where, f"trigger {trig!r} with this cue already at {sense_seen[sense]}")
        else:
            sense_seen[sense] = where
        for f in forms:
            k = key(f)
            if k in form_owner and form_owner[k][0] != tk:
                ck.bad(where, f"form {f!r} already belongs to another trigger at {form_owner[k][1]}")
            else:
                form_owner.setdefault(k, (tk, where))
    return rows


def check_agents(path, ck, trigger_rows):
    rows = read_table(path, AGENT_COLUMNS, ck)
    ambiguous = {}
    trigger_forms = {}
    for where, r in trigger_rows:
        for f in split_list(r["forms"]):
            trigger_forms.setdefault(key(f), where)
        for a in split_list(r["ambiguous"]):
            ambiguous[key(a)] = where
    owner = {}
    agents_seen = {}
    for where, r in rows:
        check_arabic(ck, where, "agent", [r["agent"]])
        forms = split_list(r["forms"])
        if not forms:
            ck.bad(where, "forms: empty")
        check_arabic(ck, where, "forms", forms)
        fkeys = {key(f) for f in forms}
        if key(r["agent"]) not in fkeys:
            ck.bad(where, f"agent {r['agent']!r} is not among its forms")
        ak = key(r["agent"])
        if ak in agents_seen:
            ck.bad(where, f"agent {r['agent']!r} already at {agents_seen[ak]}")
        agents_seen.setdefault(ak, where)
        code = r["cameo_agent"]
        units = [code[i:i + 3] for i in range(0, len(code), 3)]
        if not re.fullmatch("[A-Z]{3}([A-Z]{3})?", code) or any(u not in AGENT_CODES for u in units):
            ck.bad(where, f"cameo_agent: {code!r} is not one or two CAMEO agent codes")
        if not r["name_en"]:
            ck.bad(where, "name_en: empty")
        if r["source"] not in AGENT_SOURCES:
            ck.bad(where, f"source: {r['source']!r} is not one of {' '.join(sorted(AGENT_SOURCES))}")
        for f in forms:
            k = key(f)
            if k in owner:
                ck.bad(where, f"form {f!r} already belongs to another agent at {owner[k]}")
            else:
                owner[k] = where
            if k in trigger_forms and k not in ambiguous:
                ck.bad(where, f"form {f!r} is also a trigger form ({trigger_forms[k]}) not marked ambiguous there")


def check_labels(path, ck):
    rows = read_table(path, LABEL_COLUMNS, ck)
    seen = {}
    for where, r in rows:
        check_arabic(ck, where, "term", [r["term"]])
        k = key(r["term"])
        if k in seen:
            ck.bad(where, f"term {r['term']!r} already at {seen[k]}")
        else:
            seen[k] = where
        if not SLUG_RE.match(r["label"]):
            ck.bad(where, f"label: {r['label']!r} is not a lowercase slug")
        if r["polarity"] not in ("-1", "0", "+1", "1"):
            ck.bad(where, f"polarity: {r['polarity']!r} is not -1, 0 or +1")
        att = split_list(r["attaches"])
        if not att:
            ck.bad(where, "attaches: empty")
        for a in att:
            if a not in ATTACHES:
                ck.bad(where, f"attaches: {a!r} is not one of {' '.join(sorted(ATTACHES))}")
        if len(set(att)) != len(att):
            ck.bad(where, "attaches: a value listed twice")


NATION_COLUMNS = ["iso3", "forms", "note"]


def check_nations(path, ck, iso_codes):
    """nationalities.tsv: an ISO3 code of data/kb/countries.tsv per row, its adjective forms once in the file."""
    rows = read_table(path, NATION_COLUMNS, ck)
    seen = {}
    for where, r in rows:
        if not re.match("^[A-Z]{3}$", r["iso3"]) or (iso_codes and r["iso3"] not in iso_codes):
            ck.bad(where, f"iso3: {r['iso3']!r} is not a country code of data/kb/countries.tsv")
        forms = split_list(r["forms"])
        check_arabic(ck, where, "forms", forms)
        for f in forms:
            k = key(f)
            if k in seen:
                ck.bad(where, f"form {f!r} already at {seen[k]}")
            seen[k] = where


def country_codes(data):
    codes = set()
    try:
        with open(os.path.join(data, "kb", "countries.tsv"), encoding="utf-8") as f:
            header = None
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                fields = line.rstrip("\n").split("\t")
                if header is None:
                    header = fields
                    continue
                row = dict(zip(header, fields))
                if row.get("country"):
                    codes.add(row["country"])
    except OSError:
        pass
    return codes


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "data")
    data = os.path.normpath(data)
    ck = Checker()
    trig = check_triggers(os.path.join(data, "events", "triggers.tsv"), ck)
    check_agents(os.path.join(data, "events", "agents.tsv"), ck, trig)
    check_nations(os.path.join(data, "events", "nationalities.tsv"), ck, country_codes(data))
    check_labels(os.path.join(data, "framing", "labels.tsv"), ck)
    for p in ck.problems:
        print(p)
    if ck.problems:
        print(f"{len(ck.problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
