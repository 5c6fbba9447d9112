#!/usr/bin/env python3
"""build-kb-upetrarch.py: UniversalPetrarch's Arabic actor dictionary -> data/kb/upetrarch-actors.tsv

    python3 scripts/build-kb-upetrarch.py [--up DIR] [--corpus TEXT_DIR] [--review]

Reads ../shared/data/upetrarch-ar/actor_dict_ar_v4.txt (MIT). Its format: an
entry line holds the name as a sequence of lemmas joined by `_` (a trailing
`_` marks a phrase: وزارة_دفاع_أميركي_ is "وزارة الدفاع الأميركية"), then either
`[CODE]` on the same line or one `[CODE FROM-TO]` line per dated role below
it (dates YYYYMMDD, `<DATE` before, `>DATE` after, 18000101 open). CODE is a
CAMEO actor code: a 3-letter country (or IGO, NGO, IMG, MNC) then 3-letter
roles (GOV, MIL, COP, SPY, REB, PTY, MED ...).

Lemmas are not what a newspaper writes (the article, the feminine ending,
plurals), and rasd matches written words. So each entry is looked up in the
SaudiNewsNet corpus (unpacked with scripts/unpack-corpus.sh CORPUS OUT; pass
OUT/text): a run of words matches when each word, without its proclitics,
is the lemma, its feminine, a sound plural or a listed broken plural. The
written form seen most often becomes the name; a second form seen at least a
third as often becomes an alias. An entry never seen keeps its lemmas with
spaces when it is a person's name (names are written as the dictionary has
them) and is dropped otherwise (its written form would be a guess).

Review (every decision is printed with --review, on stderr):
  - a bare country code (جدة [SAU], سوري [SYR]) is a place or a nationality:
    places are data/gazetteer's, nationalities data/events/nationalities.tsv;
  - a bare role code (قوة_أمن_ [COP], رئيس_حكومة_ [GOV]) is a generic agent:
    data/events/agents.tsv holds those (built by scripts/build-triggers.py);
  - a title with only adjectives (عاهل_أردني_, رئيس_سوداني_) is a role, which
    the title reader (data/kb/titles.tsv) and the nationality give;
  - a name of one word that is short (3 letters or less) or a common word in
    the corpus (written with the article a fifth as often as without it, or a
    function word) is dropped;
  - a name that data/kb/actors.tsv or countries.tsv already has: the hand
    file wins and the entry is dropped (its CAMEO code is not taken);
  - an entry whose words end another entry of the same country (حركة_حماس_
    and حماس, رئيس_سوداني_عمر_البشير_ and عمر_البشير_) is an alias of it;
  - two entries written alike with different codes: both dropped (which one
    a text means is not decidable from the name).
Ids are `up-` + the code in lowercase + a romanisation of the lemmas, so a
rebuild gives the same ids. Stdlib only; the output is deterministic.
"""
import argparse
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
COLUMNS = ["id", "type", "country", "parent", "cameo", "name_en", "name_ar",
           "aliases_ar", "aliases_en", "loaded_ar", "note"]

DIACRITICS_RE = re.compile("[\u064B-\u0652\u0670\u0640]")
ARABIC_WORD_RE = re.compile("[\u0621-\u064A\u0670\u0671]+")


def fold(s):
    s = DIACRITICS_RE.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s)
    return s.replace("ة", "ه").replace("ى", "ي")


# Roles that make a type. The first role after the country decides.
ROLE_TYPES = {
    "GOV": "government", "LEG": "government", "JUD": "agency", "MIL": "military",
    "COP": "agency", "SPY": "agency", "REB": "armed_group", "INS": "armed_group",
    "UAF": "armed_group", "RAD": "armed_group", "SEP": "armed_group", "PTY": "party",
    "OPP": "party", "MED": "media", "BUS": "company", "MNC": "company", "NGO": "ngo",
    "HRI": "ngo", "IGO": "igo", "CVL": "person", "ELI": "person", "REL": "ngo",
    "EDU": "ngo", "LAB": "ngo", "HLH": "ngo", "REF": "ngo", "ENV": "ngo", "AGR": "ngo",
    "CRM": "armed_group", "MOD": "party",
}
# Non-country prefixes of CAMEO codes: international bodies have no country.
INTERNATIONAL = {"IGO", "NGO", "IMG", "MNC", "INT", "UNO", "EUR", "AFR", "ASA",
                 "MEA", "WST", "NAF", "SAF", "SAM", "CAS", "EAF", "WAF", "CAF", "BLK"}

# First words of a body's name (the lemma as the dictionary writes it).
ORG_HEADS = set(fold(w) for w in """
وزارة مجلس حركة حزب جيش قوة قوات منظمة اتحاد جامعة وكالة هيئة لجنة شركة بنك مصرف
جبهة تنظيم جماعة سفارة محكمة برلمان حكومة رئاسة ديوان الديوان مكتب مؤسسة صندوق
جمعية نقابة تيار كتلة ائتلاف تحالف لواء كتيبة فيلق سرايا سرية كتائب شرطة حرس
مديرية إدارة دائرة مركز معهد صحيفة جريدة قناة إذاعة تلفزيون مجموعة رابطة مفوضية
سلطة بلدية محافظة أمانة غرفة بورصة هلال صليب مستشفى جهاز استخبارات مخابرات
أكاديمية كلية مدرسة نادي اتحادية دار موقع منتدى تجمع مجمع مجلة سوق نبأ وكالة_نبأ
لقاء قصر نظام سلاح مخيم مصنع مطار ميناء متحف مسجد كنيسة فريق منتخب
""".split())
# First words of things that are not actors (برنامج_إيران_نووي_ [IRNGOV]).
NOT_ACTORS = set(fold(w) for w in "مؤشر برنامج مشروع اتفاق اتفاقية ملف قضية أزمة خطة قرار مبادرة".split())
# Titles: an entry that starts with one is a person (with a name after the
# titles) or a role (with only adjectives after them).
TITLES = set(fold(w) for w in """
رئيس وزير ملك أمير أمين نائب مسؤول سفير جنرال لواء عقيد عميد مقدم رائد نقيب
ميجر لميجر شيخ شيخة سلطان عاهل ولي مستشار متحدث ناطق قائد زعيم مرشد رئيسة وزيرة
مدير محافظ والي قاضي مفتي إمام سيد السيد الرئيس الملك الأمير الشيخ دكتور د
مبعوث مندوب ممثل عضو نائبة زعيمة سكرتير مساعد حاكم مفوض قاض بابا كاردينال
عام أول أعلى
""".split())
# Lemma -> broken plural, for words of the dictionary's body names whose
# plural the news writes (مجلس النواب، الأمم المتحدة، وكالة الأنباء).
BROKEN_PLURALS = {fold(k): fold(v) for k, v in {
    "نائب": "نواب", "أمة": "أمم", "نبأ": "أنباء", "دولة": "دول", "شأن": "شؤون",
    "حق": "حقوق", "إنسان": "إنسان", "عالم": "علماء", "مسلم": "مسلمين",
    "شيخ": "شيوخ", "أخ": "إخوان", "وزير": "وزراء", "قاض": "قضاة", "ثائر": "ثوار",
    "شهيد": "شهداء", "مجاهد": "مجاهدين", "عامل": "عمال", "رجل": "رجال",
    "أعمال": "أعمال", "طالب": "طلاب", "لاجئ": "لاجئين", "صحفي": "صحفيين",
    "محام": "محامين", "بلد": "بلدان", "قبيلة": "قبائل", "منطقة": "مناطق",
    "عربي": "عرب", "كردي": "أكراد", "تركي": "أتراك", "روسي": "روس",
    "سلاح": "أسلحة", "عسكري": "عسكريين", "قوة": "قوات", "كتيبة": "كتائب",
}.items()}
PROCLITICS = ["وبال", "وكال", "وفال", "فبال", "فكال", "ولل", "فلل", "بال", "كال", "فال",
              "وال", "لل", "ال", "وب", "وك", "ول", "فب", "فل", "فك", "و", "ف", "ب", "ك", "ل"]
# Single letters the dictionary writes as their own lemma (أمين_عام_ل_أمة_...).
CLITIC_LEMMAS = {"ل", "ب", "ك", "و"}

ROMAN = dict(zip("ابتثجحخدذرزسشصضطظعغفقكلمنهويءئؤةى",
                 ["a", "b", "t", "th", "j", "h", "kh", "d", "dh", "r", "z", "s", "sh", "s", "d",
                  "t", "z", "e", "gh", "f", "q", "k", "l", "m", "n", "h", "w", "y", "", "y",
                  "w", "a", "a"]))


def romanise(words):
    out = []
    for w in words:
        r = "".join(ROMAN.get(c, "") for c in fold(w))
        if r:
            out.append(r)
    return "-".join(out) or "x"


def parse_dict(path):
    """Yields (line_no, lemmas, [(code, date_text)])."""
    entries = []
    cur = None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n").replace("\ufeff", "")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = re.match(r"^\s*\[([A-Z]+)\s*([^\]]*)\]\s*$", line)
            if m and cur is not None and line[:1].isspace():
                cur[2].append((m.group(1), m.group(2).strip()))
                continue
            m = re.match(r"^\s*([^\[\s]+)\s*(?:\[([A-Z]+)\s*([^\]]*)\])?\s*$", line)
            if not m:
                continue
            name = m.group(1)
            cur = [n, [w for w in name.split("_") if w], []]
            if m.group(2):
                cur[2].append((m.group(2), (m.group(3) or "").strip()))
            entries.append(cur)
    return [(n, words, codes) for n, words, codes in entries if words and codes]


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("id\t"):
                continue
            rows.append(line.split("\t"))
    return rows


def kb_names(row):
    names = [row[6]] + [a for a in row[7].split("|") if a]
    names += [l.rpartition("=")[0] for l in row[9].split("|") if "=" in l]
    return [n for n in names if n]


def word_forms(lemma):
    """The folded bases a written word may have for this lemma (proclitics off)."""
    l = fold(lemma)
    forms = {l}
    if l.startswith("ال") and len(l) > 3:
        forms.add(l[2:])
    for b in list(forms):
        forms.update({b + "ه", b + "ين", b + "ون", b + "ات", b + "يه", b + "يين", b + "يون"})
        if b.endswith("ه"):
            forms.update({b[:-1] + "ات", b[:-1] + "تين", b[:-1] + "تان"})
        if b.endswith("ي"):
            forms.update({b + "ه", b + "ين", b + "ون"})
        if b in BROKEN_PLURALS:
            forms.add(BROKEN_PLURALS[b])
    return forms


def strip_clitics(tok):
    """Every base of a folded written word with 0 or more proclitics off."""
    bases = [tok]
    for p in PROCLITICS:
        if tok.startswith(p) and len(tok) - len(p) >= 2:
            bases.append(tok[len(p):])
    return bases


def is_title(f):
    """A folded lemma that is a title, masculine or feminine (مستشار، مستشارة)."""
    f = f[2:] if f.startswith("ال") else f
    return f in TITLES or (f.endswith("ه") and f[:-1] in TITLES)


def written_title(word):
    """A title as the press writes it, with the article (الأمير، المستشارة):
    without it, سلطان and أمير are also names."""
    f = fold(word)
    if not f.startswith("ال"):
        return False
    f = f[2:]
    return f in TITLES or (f.endswith("ه") and f[:-1] in TITLES)


def first_word(word, forms):
    """The first word of a name as written, without a conjunction or a
    preposition before it (بالاتحاد -> الاتحاد, للأمم -> الأمم, وحماس -> حماس)."""
    f = fold(word)
    for p in PROCLITICS:
        if not f.startswith(p) or len(p) >= len(f):
            continue
        rest = f[len(p):]
        if rest in forms:
            return ("ال" if p.endswith("ال") or p.endswith("لل") else "") + word[len(p):]
        if rest.startswith("ال") and rest[2:] in forms:
            return word[len(p):]
    return word


def realise(entries, corpus_dir):
    """entry index -> Counter of written forms seen in the corpus."""
    # a pattern is the list of (forms, clitic) per word: clitic is the letter
    # the dictionary wrote as its own lemma, which the next word must carry
    patterns = {}
    first = collections.defaultdict(list)
    for i, (_, words, _) in enumerate(entries):
        pat, pending = [], ""
        for w in words:
            if w in CLITIC_LEMMAS:
                pending = w
                continue
            pat.append((word_forms(w), pending))
            pending = ""
        if len(pat) < 1:
            continue
        if len(pat) == 1:  # a one-word name is written as the dictionary has it
            pat = [({fold(words[-1])}, "")]
        patterns[i] = pat
        for f in pat[0][0]:
            first[f].append(i)
    seen = collections.defaultdict(collections.Counter)
    if not corpus_dir:
        return seen
    for name in sorted(os.listdir(corpus_dir)):
        with open(os.path.join(corpus_dir, name), encoding="utf-8") as f:
            text = f.read()
        for para in text.split("\n"):
            toks = ARABIC_WORD_RE.findall(DIACRITICS_RE.sub("", para))
            if not toks:
                continue
            ftoks = [fold(t) for t in toks]
            for k, ft in enumerate(ftoks):
                cands = set()
                for b in strip_clitics(ft):
                    if b in first:
                        cands.update(first[b])
                for i in cands:
                    pat = patterns[i]
                    if k + len(pat) > len(toks):
                        continue
                    ok = True
                    for j in range(1, len(pat)):
                        forms, clitic = pat[j]
                        t = ftoks[k + j]
                        if clitic:
                            if not t.startswith(clitic):
                                ok = False
                                break
                            bases = strip_clitics(t)
                        else:
                            # inside a name a word carries at most the article
                            bases = [t, t[2:]] if t.startswith("ال") else [t]
                        if not any(b in forms for b in bases):
                            ok = False
                            break
                    if not ok:
                        continue
                    # the written form, without the first word's conjunction
                    # or preposition (the article stays)
                    # a clitic the dictionary split off the first word (ب_ان_كي_مون)
                    # belongs to it
                    w0 = toks[k] if pat[0][1] else first_word(toks[k], pat[0][0])
                    if len(pat) == 1 and fold(w0) not in pat[0][0]:
                        continue  # الحماس is not حماس
                    form = " ".join([w0] + toks[k + 1:k + len(pat)])
                    seen[i][DIACRITICS_RE.sub("", form)] += 1
    return seen


def word_counts():
    counts = {}
    with open(os.path.join(ROOT, "data", "lexicon", "ar-words.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            w, _, c = line.rstrip("\n").partition("\t")
            if c.isdigit():
                counts[fold(w)] = counts.get(fold(w), 0) + int(c)
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--up", default=os.path.join(ROOT, "..", "shared", "data", "upetrarch-ar"))
    ap.add_argument("--corpus", default=os.environ.get("RASD_CORPUS_TEXT", ""))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "kb", "upetrarch-actors.tsv"))
    ap.add_argument("--review", action="store_true")
    args = ap.parse_args()
    if not args.corpus or not os.path.isdir(args.corpus):
        # without the corpus no body has a written form and the file would
        # shrink to the people: refuse rather than write that
        ap.error("--corpus TEXT_DIR (or RASD_CORPUS_TEXT): SaudiNewsNet unpacked by scripts/unpack-corpus.sh")
    review = []

    def drop(entry, why):
        review.append(f"drop\t{entry[0]}\t{'_'.join(entry[1])}\t{entry[2][0][0]}\t{why}")

    entries = parse_dict(os.path.join(args.up, "actor_dict_ar_v4.txt"))
    kb = os.path.join(ROOT, "data", "kb")
    countries = read_tsv(os.path.join(kb, "countries.tsv"))
    hand = read_tsv(os.path.join(kb, "actors.tsv"))
    iso = {r[2]: r[0] for r in countries}
    hand_ids = {r[0] for r in hand} | {r[0] for r in countries}
    hand_names = {}
    for r in countries + hand:
        for n in kb_names(r):
            hand_names.setdefault(fold(n), r[0])
    # an alias ambiguous.tsv settles is the hand file's too
    for r in read_tsv(os.path.join(kb, "ambiguous.tsv")):
        if r and r[0] != "alias":
            hand_names.setdefault(fold(r[0]), "ambiguous.tsv")
    # the loader adds a spelling variant of every name (variants.tsv): a
    # name whose variant the hand file has is the hand file's
    variants = [(fold(r[0]), fold(r[1])) for r in read_tsv(os.path.join(kb, "variants.tsv"))
                if len(r) > 1 and r[0] != "from"]

    def variant_keys(f):
        keys = {f}
        for a, b in variants:
            if a in f:
                keys.add(f.replace(a, b, 1))
            if b in f:
                keys.add(f.replace(b, a, 1))
        return keys
    function_words = set()
    with open(os.path.join(ROOT, "data", "lexicon", "function-words.txt"), encoding="utf-8") as f:
        function_words = {fold(l.strip()) for l in f if l.strip() and not l.startswith("#")}
    counts = word_counts()
    places = set()
    for r in read_tsv(os.path.join(ROOT, "data", "gazetteer", "places.tsv")) + \
            read_tsv(os.path.join(ROOT, "data", "gazetteer", "supplement.tsv")):
        if len(r) > 3 and not r[0].startswith("id"):
            for nm in [r[2]] + r[3].split("|"):
                if nm:
                    places.add(fold(nm))
    nationality = set()
    for r in read_tsv(os.path.join(ROOT, "data", "events", "nationalities.tsv")):
        if len(r) > 1 and r[0] != "iso3":
            nationality.update(fold(x) for x in r[1].split("|") if x)
    for r in countries:
        places.add(fold(r[6]))
    given = set()
    with open(os.path.join(ROOT, "data", "ner", "lists", "anergazet.tsv"), encoding="utf-8") as f:
        for line in f:
            t, _, nm = line.rstrip("\n").partition("\t")
            if t == "person":
                given.update(fold(w) for w in nm.split())

    def naming(w):
        """True when a lemma names something rather than describes it: a
        place or country, a person's name, or a word too rare to be common."""
        f = fold(w)
        b = f[2:] if f.startswith("ال") else f
        return (f in places or b in places or f in given or b in given
                or max(counts.get(f, 0), counts.get(b, 0), counts.get("ال" + b, 0)) < 300) \
            and b not in nationality and f not in nationality

    def national(w):
        f = fold(w)
        b = f[2:] if f.startswith("ال") else f
        return (b in nationality or b + "ه" in nationality or f in places or b in places
                or (b.endswith("ي") and b[:-1] in places))

    # 1. codes: the primary code is the one in force last (an open or the
    # latest end date), the others go to the note
    def end_of(d):
        m = re.findall(r"\d{8}", d)
        if d.startswith("<"):
            return m[0] if m else "0"
        if d.startswith(">") or not m:
            return "99999999"
        return "99999999" if m[-1] == "18000101" or len(m) < 2 else m[-1]

    kept = []
    for e in entries:
        n, words, codes = e
        code = max(codes, key=lambda c: end_of(c[1]))[0]
        head = fold(words[0])
        ctry, roles = code[:3], [code[k:k + 3] for k in range(3, len(code), 3)]
        if ctry in ROLE_TYPES and ctry not in ("IGO", "NGO", "MNC"):
            drop(e, "generic agent (no country): data/events/agents.tsv")
            continue
        if not roles and ctry not in ("IGO", "NGO", "MNC", "IMG"):
            drop(e, "bare country code: a place or a nationality")
            continue
        role = roles[0] if roles else ctry
        country = ctry if ctry in iso else ""
        if ctry not in iso and ctry not in INTERNATIONAL:
            drop(e, f"unknown country prefix {ctry}")
            continue
        is_org = head in ORG_HEADS
        # Roles held over dated spans ([IGO 20070101-20161231] under the
        # name) are an individual's career: the dictionary dates a person's
        # roles, not a body's, so a named entry with them is a person whose
        # role's sector (an IGO, a party) is not their type (بان كي مون).
        dated = any(re.search(r"\d{8}", d) for _, d in codes) and role not in (
            "MED", "BUS", "REB", "INS", "UAF", "MNC", "RAD")
        if "MED" in roles:
            role = "MED"  # a state's news agency (SAUGOVMED) is a medium first
        if head in NOT_ACTORS:
            drop(e, "a programme, a file or an agreement, not an actor")
            continue
        if len(words) == 1 and (fold(words[0]) in places or
                                (fold(words[0])[2:] if fold(words[0]).startswith("ال") else "") in places):
            drop(e, "a place name (data/gazetteer): the metonymy is the government's, decided in context")
            continue
        if is_org and country and not any(naming(w) or national(w) for w in words[1:]):
            drop(e, "a body named by common words only (وزارة الداخلية): every country has one")
            continue
        if is_org:
            typ = ROLE_TYPES.get(role, "agency")
            if typ == "person":
                typ = "ngo"
            if head in ("وزاره", "سفاره", "ديوان", "الديوان", "مكتب", "مديريه", "اداره", "دائره",
                        "جهاز", "مفوضيه", "هيئه", "لجنه") and typ in ("government",):
                typ = "agency"
        elif is_title(head):
            rest = [w for w in words if not is_title(fold(w)) and w not in CLITIC_LEMMAS]
            if not rest or all(fold(w).endswith("ي") or national(w) or not naming(w) for w in rest):
                drop(e, "a role (title and nationality): titles.tsv + nationalities")
                continue
            typ = "person"
        elif not any(naming(w) for w in words if fold(w) not in TITLES):
            drop(e, "a description, not a name (common words and nationalities only)")
            continue
        elif len(words) >= 2 and (any(fold(w) in given for w in words) or dated or role in (
                "GOV", "ELI", "CVL", "LEG", "JUD", "MIL", "OPP", "REL", "COP", "SPY")) and role in ("GOV", "ELI", "CVL", "LEG", "JUD", "MIL", "COP", "SPY", "OPP",
                                           "REB", "PTY", "UAF", "INS", "BUS", "MED", "IGO", "REL"):
            typ = "person"
        else:
            typ = ROLE_TYPES.get(role, "agency")
            if len(words) == 1 and (role not in ("MED", "BUS", "IGO", "NGO", "SPY", "REB", "UAF", "INS",
                                                 "RAD", "HRI", "MNC")
                                    or fold(words[0]).endswith("ي") or len(codes) > 1
                                    or fold(words[0]) in given):
                drop(e, "one word that is a surname or an adjective: a person needs a first name or a title")
                continue
            if typ == "person":
                drop(e, "a private person or a group of people without a name")
                continue
            if not any(naming(w) for w in words):
                drop(e, "a description, not a name (common words only)")
                continue
        kept.append({"line": n, "words": words, "codes": codes, "code": code, "country": country,
                     "type": typ, "role": role, "end": max(end_of(c[1]) for c in codes)})

    # 2. the written forms
    seen = realise([(k["line"], k["words"], k["codes"]) for k in kept], args.corpus)
    out = []
    for i, k in enumerate(kept):
        forms = seen.get(i)
        e = (k["line"], k["words"], k["codes"])
        if forms:
            (best, nb), *rest = sorted(forms.items(), key=lambda x: (-x[1], x[0]))
            names = [best] + [f for f, c in rest if c * 3 >= nb][:2]
            k["seen"] = nb
        elif k["type"] == "person" or len(k["words"]) == 1:
            names = [" ".join(w for w in k["words"])]
            k["seen"] = 0
        else:
            drop(e, "not written in SaudiNewsNet: its written form would be a guess")
            continue
        # names differing only by folding are one
        uniq, keys = [], set()
        for nm in names:
            if fold(nm) not in keys:
                keys.add(fold(nm))
                uniq.append(nm)
        k["names"] = uniq
        out.append(k)

    # 3. review of one-word names and names the hand files have
    final = []
    for k in out:
        e = (k["line"], k["words"], k["codes"])
        if k["type"] == "person":
            # the name without its titles first (الأمير محمد بن نايف -> محمد بن
            # نايف): the title reader finds the titles, the name is the person
            bare = []
            for nm in k["names"]:
                ws = nm.split()
                while len(ws) > 2 and (written_title(ws[0]) or national(ws[0])):
                    ws = ws[1:]
                if len(ws) < len(nm.split()):
                    bare.append(" ".join(ws))
            k["names"] = list(dict.fromkeys(bare + k["names"]))
        names = []
        for nm in k["names"]:
            f = fold(nm)
            hit = [hand_names[v] for v in variant_keys(f) if v in hand_names]
            if hit:
                k["merged"] = hit[0]
                continue
            if " " not in nm:
                bare = f[2:] if f.startswith("ال") else f
                if len(bare) <= 3:
                    review.append(f"drop-name\t{k['line']}\t{nm}\ttoo short")
                    continue
                if f in function_words or bare in function_words:
                    review.append(f"drop-name\t{k['line']}\t{nm}\tfunction word")
                    continue
                c_bare, c_def = counts.get(bare, 0), counts.get("ال" + bare, 0)
                if not f.startswith("ال") and c_bare >= 20 and c_def * 5 >= c_bare:
                    review.append(f"drop-name\t{k['line']}\t{nm}\tcommon word ({c_bare} bare, {c_def} with ال)")
                    continue
            # a title or a nationality before a name the hand file has
            # (الرئيس السوري بشار الأسد): that actor's, as the title reader finds it
            ws = f.split()
            for cut in range(1, len(ws)):
                if not all(w in TITLES or w.removeprefix("ال") in TITLES or national(w) for w in ws[:cut]):
                    break
                hit = [hand_names[v] for v in variant_keys(" ".join(ws[cut:])) if v in hand_names]
                if hit:
                    k["merged"] = hit[0]
                    break
            if k.get("merged"):
                continue
            if k["type"] == "person" and ws[0] in ("بن", "ابن", "بنت", "ال"):
                review.append(f"drop-name\t{k['line']}\t{nm}\ta lineage without the given name")
                continue
            if ws[0].endswith("ات") and len(ws) > 1 and all(national(w) or w.endswith("يه") or w.endswith("ي")
                                                           for w in ws[1:]):
                review.append(f"drop-name\t{k['line']}\t{nm}\ta plural with adjectives: a description")
                continue
            if k["type"] == "person" and len([w for w in ws if not national(w)]) <= 1:
                review.append(f"drop-name\t{k['line']}\t{nm}\ta noun and a nationality: a description")
                continue
            if k["role"] in ("BUS", "MED") and len(ws) > 1 and all(national(w) for w in ws[1:]):
                review.append(f"drop-name\t{k['line']}\t{nm}\ta company needs its name")
                continue
            if k["type"] == "person":
                if all(w in TITLES or w.removeprefix("ال") in TITLES or national(w) for w in ws[:-1]):
                    review.append(f"drop-name\t{k['line']}\t{nm}\ta title and one name: not one person")
                    continue
                if len(ws) == 2 and ws[0] in ("عبد", "ابو"):
                    review.append(f"drop-name\t{k['line']}\t{nm}\ta compound given name or a kunya alone")
                    continue
                # a foreign name's middle particle looks like a function word
                # (بان كي مون، دا سيلفا): a name of three words with it
                # between two others is still a name
                particle = len(ws) == 3 and ws[1] in ("كي", "دا", "دو", "لا", "فان", "فون", "دل")
                if not particle and any(w in function_words for w in ws
                                        if w not in ("بن", "ابن", "بنت", "ابو", "ال", "دي")):
                    review.append(f"drop-name\t{k['line']}\t{nm}\ta description (a function word in it)")
                    continue
            names.append(nm)
        if k.get("merged"):
            drop(e, f"the hand KB has it: {k['merged']}")
            continue
        if not names:
            drop(e, "no name left after review")
            continue
        k["names"] = names
        final.append(k)

    # 4. an entry whose words end another's (same country) is its alias
    by_key = {}
    for k in final:
        by_key.setdefault(tuple(fold(w) for w in k["words"]), []).append(k)
    for k in final:
        fw = tuple(fold(w) for w in k["words"])
        for cut in range(1, len(fw)):
            target = by_key.get(fw[cut:])
            if not target:
                continue
            t = target[0]
            if t is k or t["code"][:3] != k["code"][:3] or t.get("alias_of"):
                continue
            if k["type"] == "person" and t["type"] != "person":
                continue
            k["alias_of"] = t
            break
    # a person's name and the same with more of the lineage (نايف بن عبد
    # العزيز and نايف بن عبد العزيز آل سعود): one person
    persons = {}
    for k in final:
        if k["type"] == "person" and not k.get("alias_of"):
            for nm in k["names"]:
                persons.setdefault((k["code"][:3], fold(nm)), k)
    for k in final:
        if k["type"] != "person" or k.get("alias_of"):
            continue
        for nm in k["names"]:
            ws = fold(nm).split()
            for cut in range(len(ws) - 1, 2, -1):
                t = persons.get((k["code"][:3], " ".join(ws[:cut])))
                if t is not None and t is not k and not t.get("alias_of"):
                    k["alias_of"] = t
                    break
            if k.get("alias_of"):
                break
    for k in final:
        t = k.get("alias_of")
        if t:
            while t.get("alias_of"):
                t = t["alias_of"]
            t.setdefault("extra", []).extend(k["names"])
            t.setdefault("from_lines", []).append(k["line"])
    final = [k for k in final if not k.get("alias_of")]

    # 5. a name claimed by two entries: same code, one actor; else both out
    owner = {}
    for k in final:
        allnames = k["names"] + k.get("extra", [])
        k["all"] = []
        for nm in allnames:
            if fold(nm) not in {fold(x) for x in k["all"]}:
                k["all"].append(nm)
        for nm in k["all"]:
            for v in variant_keys(fold(nm)):
                owner.setdefault(v, []).append(k)
    dead = set()
    for key, ks in owner.items():
        if len({id(k) for k in ks}) < 2:
            continue
        codes = {k["code"] for k in ks}
        # one person or body under several roles of one country (صدام حسين
        # IRQGOV and IRQELI): one actor, the first entry's code
        # and one person's career across a state and an international body
        # (اولي رين FINGOV then IGO, a name of two words or more): one
        # person, the code of the latest role
        career = all(k["type"] == "person" for k in ks) and len(key.split()) >= 2
        if len({c[:3] for c in codes}) == 1 or career:
            alive = [k for k in ks if id(k) not in dead]
            if len({id(k) for k in alive}) < 2:
                continue
            keep = max(alive, key=lambda k: k["end"]) if career else alive[0]
            for k in alive:
                if id(k) != id(keep) and id(k) not in dead:
                    keep["all"] += [x for x in k["all"] if fold(x) not in {fold(y) for y in keep["all"]}]
                    keep.setdefault("from_lines", []).append(k["line"])
                    dead.add(id(k))
        else:
            for k in ks:
                if id(k) not in dead:
                    review.append(f"drop\t{k['line']}\t{'_'.join(k['words'])}\t{k['code']}\t"
                                  f"{key} claimed by codes {' '.join(sorted(codes))}")
                    dead.add(id(k))
    final = [k for k in final if id(k) not in dead]

    # 6. rows
    rows, ids = [], set()
    for k in sorted(final, key=lambda k: k["line"]):
        base = "up-" + k["code"].lower() + "-" + romanise(k["words"])
        aid, n = base, 2
        while aid in ids or aid in hand_ids:
            aid, n = f"{base}-{n}", n + 1
        ids.add(aid)
        c = k["country"].lower()
        parent = ""
        if c:
            want = {"government": "-gov", "agency": "-gov", "military": "-mil", "person": ""}
            role = k["role"]
            suffix = "-mil" if role == "MIL" else "-gov" if role in ("GOV", "LEG", "JUD", "COP", "SPY") else ""
            if k["type"] in ("government",) and suffix == "-gov" and len(k["words"]) > 0:
                pass
            parent = c + suffix if suffix and c + suffix in hand_ids else c
            del want
        names = k["all"]
        dated = [f"{code} {d}".strip() for code, d in k["codes"] if d]
        note = f"UniversalPetrarch actor_dict_ar_v4.txt:{k['line']}"
        if k.get("from_lines"):
            note += " (and " + ", ".join(str(x) for x in sorted(k["from_lines"])) + ")"
        note += f"; lemmas {'_'.join(k['words'])}"
        note += f"; seen {k['seen']} times in SaudiNewsNet" if k["seen"] else "; not seen in SaudiNewsNet"
        if dated:
            note += "; roles " + ", ".join(dated)
        rows.append([aid, k["type"], k["country"], parent, k["code"], "", names[0],
                     "|".join(names[1:]), "", "", note])
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# Derived by scripts/build-kb-upetrarch.py from UniversalPetrarch's Arabic actor\n"
                "# dictionary (actor_dict_ar_v4.txt, MIT), written forms from SaudiNewsNet; do not\n"
                "# edit: fix the script or put the actor in actors.tsv (the hand file wins).\n")
        f.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    if args.review:
        for r in review:
            print(r, file=sys.stderr)
    print(f"build-kb-upetrarch: {len(entries)} entries, {len(rows)} actors written, "
          f"{sum(1 for r in review if r.startswith('drop'))} drops", file=sys.stderr)


if __name__ == "__main__":
    main()
