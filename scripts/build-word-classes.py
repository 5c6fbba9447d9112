#!/usr/bin/env python3
"""Derives data/lexicon/ar-word-classes.tsv: the word class (a noun or an
adjective, a verb, a function word) of Arabic word forms, from ayaspell's
hunspell dictionary (Debian's hunspell-ar: /usr/share/hunspell/ar.dic and
ar.aff, GPL-2/LGPL-2.1/MPL-1.1).

Why: rasd's lexicon (ar-words.tsv) counts forms, not parts of speech; a
common word or an adjective the name tagger reads as a place (a tree, «an
aspiring one», a verb with the future's س) needs to be known as a word of
the language, however rare it is in news. ayaspell's dictionary is written
in sections by class: stopwords.dic and tools.dic (particles, pronouns,
prepositions), names.dic (despite its name, «أسماء» in the grammarians'
sense: common nouns, masdars, participles and adjectives; with a few
sections of proper names, continents, countries, capitals and first
names, left out here) and verb.huns.dic (verbs, each person's form of the
imperfect and the past listed with its affix flags).

Why this script and not hunspell-tools' unmunch: unmunch expands every
affix, proclitics included (و، ف، ب، ل، ك and their combinations, the
interrogative أ), which multiplies the forms by about thirty, and mishandles
this dictionary's long flags with alias tables (AF) and two-level
suffixes. rasd takes the proclitics off before it looks a word up, so the
forms a reader meets without them are what the file needs: the stem, its
suffixes (ة، the plurals, a nisba's ي and ية, a verb's endings of person
and number); nouns are written without the article ال and verbs without
the future's س, which rasd's look-up takes off a word before it asks
(src/text/lexicon.c: written out, they made 857,000 keys and 17 MB).
Object pronouns after a verb and possessive pronouns after a noun are
left out (kept, they multiplied the file by six; rasd has its own test for
a pronoun on a word), and so are the rarer suffixes listed below.
Keys are matching keys, as rasd makes them (src/text/normalize.c): أ إ آ ٱ
-> ا, ى -> ي, ة -> ه, short vowels and tatweel removed.

Usage: scripts/build-word-classes.py [DICT_DIR (default /usr/share/hunspell)]
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "lexicon", "ar-word-classes.tsv")

NOUN, VERB, FUNCTION = 1, 2, 4
CLASS_NAMES = {NOUN: "n", VERB: "v", FUNCTION: "f"}

# Suffixes left out to keep the file to a few MB, forms news seldom
# writes: a verb's energetic (يكتبنانّ), its feminine plurals and the
# second person's dual (كتبتما، كتبتن، يكتبن), and a noun's duals
# (كاتبان، مدرستين، ساحليتان), which rasd's own test for a dual or a plural
# of a common word reads (src/extract/place_evidence.c).
LEFT_OUT_VERB_SUFFIXES = {"نان", "تما", "تن", "ن", "م", "ما"}
LEFT_OUT_NOUN_SUFFIXES = {"ان", "تان", "تين", "يان", "يتان", "يتين"}

# Prefixes kept, as the rule adds them (everything else a prefix flag adds
# is a proclitic rasd strips, or the interrogative أ).
KEPT_PREFIXES = {"ال", "س"}

# Suffix flags of object and possessive pronouns (and their second level):
# their forms are left out. The verbs' flags are two letters, the second
# the pronoun: x none, a-i the pronouns (Ab = ا + ني ...); the nouns'
# pronoun flags are AC/AD/BC/BD (ه and its continuations aa/bb/cc/dd/ee/ff).
NOUN_PRONOUN_FLAGS = {"AC", "AD", "BC", "BD", "aa", "bb", "cc", "dd", "ee", "ff"}
VERB_PRONOUN = re.compile(r"^[A-S][a-i]$")
VERB_PRONOUN_ALONE = re.compile(r"^H[a-i]$|^G[b-i]$")  # ني، ه... on a verb's stem as listed

# Flag sets (AF aliases) of the proper names listed among the common
# words, which take the article or not (بنجلاديش، تايلاند، كرملين، توجو).
PROPER_FLAGS = {"222", "224"}

# Sections of names.dic that list proper names, not common words.
PROPER_SECTIONS = ("#القارات", "#البلدان", "#العواصم", "##اسماء،أشخاص##")

DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ى": "ي", "ی": "ي",
                      "ة": "ه", "ۀ": "ه", "ە": "ه", "ک": "ك", "ڪ": "ك"})


def key(word):
    """rasd's matching key of an Arabic word (src/text/normalize.c)."""
    return DIACRITICS.sub("", word).translate(FOLD)


def read_aff(path):
    aliases, affixes = [], {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0] if line.startswith("AF ") else line
            p = line.split()
            if not p:
                continue
            if p[0] == "AF" and len(p) == 2 and not p[1].isdigit():  # not the count
                aliases.append(p[1])
            elif p[0] in ("PFX", "SFX") and len(p) == 4 and p[2] in "YN" and p[3].isdigit():
                affixes[p[1]] = (p[0], [])
            elif p[0] in ("PFX", "SFX") and len(p) >= 5 and p[1] in affixes:
                strip = "" if p[2] == "0" else p[2]
                add, _, cont = p[3].partition("/")
                add = "" if add == "0" else add
                cond = p[4] if len(p) > 4 else "."
                if p[0] == "PFX":
                    rx = re.compile("^" + cond)
                else:
                    rx = re.compile(cond + "$")
                affixes[p[1]][1].append((strip, add, flags_of(cont, aliases), rx))
    return affixes, aliases


def flags_of(text, aliases):
    """Flags of a dictionary word or an affix: an AF alias number, or the
    long (two-letter) flags themselves."""
    if not text:
        return ()
    if text.isdigit():
        text = aliases[int(text) - 1]
    return tuple(text[i:i + 2] for i in range(0, len(text) - 1, 2))


def suffixed(word, flags, affixes, depth=0):
    """(form, flags in force) for the word and each suffix its flags allow,
    two levels deep as hunspell's two-fold suffixes; pronoun suffixes
    skipped."""
    yield word, flags
    if depth == 2:
        return
    for fl in flags:
        kind, rules = affixes.get(fl, (None, ()))
        if kind != "SFX" or fl in NOUN_PRONOUN_FLAGS or VERB_PRONOUN.match(fl) or VERB_PRONOUN_ALONE.match(fl):
            continue
        for strip, add, cont, rx in rules:
            if add in LEFT_OUT_VERB_SUFFIXES and fl[1] == "x" or add in LEFT_OUT_NOUN_SUFFIXES and fl[1] != "x":
                continue
            if strip and not word.endswith(strip):
                continue
            if not rx.search(word):
                continue
            form = word[: len(word) - len(strip)] + add
            # the prefixes the root allowed stay allowed (cross products),
            # and the suffix's continuation may allow more (the article)
            yield from suffixed(form, tuple(f for f in flags if affixes.get(f, ("",))[0] == "PFX") + cont,
                                affixes, depth + 1)


ARTICLE_FLAGS = {"mr", "mn", "mj"}


def forms(word, flags, affixes, cls):
    """The forms of a dictionary word a reader meets without proclitics,
    as the file keeps them: a noun's forms that can take the article (its
    construct forms, كاتبا، مدرستا, cannot stand alone and are left out),
    written without it; a verb's forms without the future's س. rasd's
    look-up takes ال and س off a word before it asks (src/text/lexicon.c),
    which keeps the file to a quarter of the forms."""
    # a stem that takes the article only through a nisba's suffix that
    # leaves it as it is (ناكازاكي) is a proper name, not a common word
    bare = any(not strip and not add and ARTICLE_FLAGS.intersection(cont)
               for f in flags if affixes.get(f, ("",))[0] == "SFX" for strip, add, cont, _ in affixes[f][1])
    for form, fl in suffixed(word, flags, affixes):
        if cls == NOUN and (not ARTICLE_FLAGS.intersection(fl) or (form == word and not bare)):
            continue
        yield form


def prefixed(word, flags, affixes):
    """The same word with each prefix of KEPT_PREFIXES its flags allow."""
    for form, fl in suffixed(word, flags, affixes):
        yield form
        for f in fl:
            kind, rules = affixes.get(f, (None, ()))
            if kind != "PFX":
                continue
            for strip, add, _, rx in rules:
                if add in KEPT_PREFIXES and not strip and rx.search(form):
                    yield add + form


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hunspell"
    dic, aff = os.path.join(src, "ar.dic"), os.path.join(src, "ar.aff")
    if not (os.path.exists(dic) and os.path.exists(aff)):
        sys.exit(f"build-word-classes: no ar.dic/ar.aff in {src} (install hunspell-ar: scripts/install-deps.sh)")
    affixes, aliases = read_aff(aff)
    classes, function_forms = {}, set()
    section, proper, credits = None, False, False
    with open(dic, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        line = line.strip()
        if line.startswith("::::"):
            continue
        if line.endswith(".dic") and i > 0 and lines[i - 1].startswith("::::"):
            section, proper, credits = line, False, False
            continue
        if not line or section is None:
            continue
        if line.startswith("#"):
            if section == "names.dic":
                head = line.split("\t")[0]
                proper = head in PROPER_SECTIONS
                credits = head == "#####"  # the dictionary's credits close names.dic
            continue
        if credits:
            continue
        word, _, rest = line.split("\t")[0].partition("/")
        cls = {"stopwords.dic": FUNCTION, "tools.dic": FUNCTION, "names.dic": NOUN,
               "verb.huns.dic": VERB}.get(section)
        if cls is None or not word or word.isdigit():
            continue
        if cls == FUNCTION:
            # the function words are listed with their proclitics glued on
            # (وبغير، فكغير): only the bare form is a key rasd looks up;
            # the proclitic forms are left (rasd strips them first)
            for form in prefixed(word, flags_of(rest, aliases), affixes):
                function_forms.add(key(form))
            continue
        if proper or rest in PROPER_FLAGS:
            continue  # a continent's, a country's, a region's or a person's name
        for form in forms(word, flags_of(rest, aliases), affixes, cls):
            k = key(form)
            if len(k) >= 2:
                classes[k] = classes.get(k, 0) | cls
    # a conjunction (و، ف) on a function word the list also has bare is
    # left out (وغير: غير); a preposition's letter stays, as it makes
    # words of their own (كما، لما، بما), and so does an alif, the
    # interrogative's as often as the word's own (إلى، إما: الي، اما)
    for k in function_forms:
        if not (len(k) > 2 and k[0] in "وف" and k[1:] in function_forms):
            classes[k] = classes.get(k, 0) | FUNCTION
    tmp = OUT + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        out.write("# Word classes of Arabic word forms: key TAB class (n: a noun or an adjective;\n")
        out.write("# v: a verb; f: a function word, a particle, a pronoun, a preposition; a form of\n")
        out.write("# two classes has both letters). Nouns without the article, verbs without the\n")
        out.write("# future's س: rasd takes them off before it looks a word up.\n")
        out.write("# Derived from ayaspell (Debian's hunspell-ar, /usr/share/hunspell/ar.dic and ar.aff,\n")
        out.write("# (c) 2006-2008 Mohamed Kebdani) under its LGPL-2.1/MPL-1.1 licence, by\n")
        out.write("# scripts/build-word-classes.py; do not edit by hand.\n")
        for k in sorted(classes):
            c = classes[k]
            out.write(k + "\t" + "".join(CLASS_NAMES[b] for b in (NOUN, VERB, FUNCTION) if c & b) + "\n")
    os.replace(tmp, OUT)
    counts = {name: sum(1 for c in classes.values() if c & b) for b, name in CLASS_NAMES.items()}
    print(f"build-word-classes: {len(classes)} keys ({counts}) -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
