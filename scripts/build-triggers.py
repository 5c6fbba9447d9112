#!/usr/bin/env python3
"""build-triggers.py: write data/events/triggers.tsv and data/events/agents.tsv.

    python3 scripts/build-triggers.py [--upetrarch DIR] [--review]

Inputs: UniversalPetrarch's Arabic dictionaries (MIT; default
../shared/data/upetrarch-ar next to the repository): CAMEO.ar.0.5.txt (verb
patterns) and agents.all.ar_v3.txt (generic agents); and the word counts of
data/lexicon/ar-words.tsv (to keep what the press actually writes).

Two kinds of rows come out (column `source`, data/events/README.md):

  hand            written below in HAND_TRIGGERS / HAND_AGENTS;
  hand+cameo-ar   / hand+upetrarch: a hand row whose lemma the dictionary also
                  has, with an English gloss (triggers) or agent code (agents)
                  that agrees with the hand code's CAMEO root / agent code;
  cameo-ar        derived: a verb of CAMEO.ar.0.5.txt whose English gloss is in
                  GLOSS_CODES (the code comes from the gloss, see below), that
                  the news counts show is written (FREQ_MIN), whose forms the
                  conjugator can build, that no hand row has, and that is not
                  in REVIEWED_OUT;
  upetrarch       derived: a one-word agent of agents.all.ar_v3.txt with a
                  plain agent code, written in the news, not in REVIEWED_OUT_AGENTS.

Why the gloss and not the dictionary's own code: CAMEO.ar.0.5 was made by
translating the English CAMEO dictionary through WordNet synsets, so the code
attached to an Arabic lemma is often the code of an unrelated English sense
(قصف 085, هاجم 124, اشتبك 124, اعتقل 1721, اجتمع 192, شدد 192, سيطر على 141).
The English gloss kept in its comments (# bomb, # attack, # arrest) is the
reliable part; GLOSS_CODES maps the glosses that name an event to a CAMEO code.
`--review` prints, for every hand trigger, what the dictionary says, and every
candidate the filters dropped, for the reviewer.

Python 3 standard library only. Output is deterministic.
"""
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
DEFAULT_UPETRARCH = os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "upetrarch-ar"))
LEXICON = os.path.join(ROOT, "data", "lexicon", "ar-words.tsv")
OUT_TRIGGERS = os.path.join(ROOT, "data", "events", "triggers.tsv")
OUT_AGENTS = os.path.join(ROOT, "data", "events", "agents.tsv")

TRIGGER_COLUMNS = ["trigger", "forms", "pos", "cue", "cameo", "plover_type", "plover_mode",
                   "acled", "speech", "target_prep", "issue_prep", "ambiguous", "source", "note"]
AGENT_COLUMNS = ["agent", "forms", "cameo_agent", "name_en", "source", "note"]

FREQ_MIN = 15          # derived verbs: summed news counts of their forms

BATTLES = "Battles"
ER = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
SD = "Strategic developments"

# ---------------------------------------------------------------------------
# Folding (the matching key of docs/text.md, letters only)

_DIAC = re.compile("[\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06ed\u0640]")


def fold(s):
    s = _DIAC.sub("", s)
    s = re.sub("[\u0623\u0625\u0622\u0671]", "\u0627", s)
    s = s.replace("\u0629", "\u0647").replace("\u0649", "\u064a")
    return " ".join(s.split())


# ---------------------------------------------------------------------------
# CAMEO code -> PLOVER type and mode, ACLED type, speech (defaults; a row may
# override any of them).  PLOVER: the event types of the PLOVER manual 0.7b1
# (2021) and CAMEO2PLOVER-2021.txt, plus REQUEST (POLECAT's name) for CAMEO 02,
# which PLOVER itself leaves uncoded; CAMEO 01 has no PLOVER type.

def plover_type(code):
    r, c3 = code[:2], code[:3]
    if r == "01":
        return ""
    if r == "08":
        if c3 in ("080", "081", "082", "083") and code not in ("0813", "0814"):
            return "CONCEDE"
        return "RETREAT"
    if r == "16":
        return "SANCTION"
    if r == "17":
        return "ASSAULT" if code in ("1712", "175") else "COERCE"
    if c3 in ("191", "192"):
        return "COERCE"
    return {"02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
            "06": "COOPERATE", "07": "AID", "09": "ACCUSE", "10": "DEMAND",
            "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
            "15": "MOBILIZE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT"}[r]


MODE_BY_CODE = {
    "041": "phone", "042": "visit", "043": "host", "044": "third-party",
    "071": "economic", "072": "military", "073": "humanitarian", "074": "military", "075": "asylum",
    "0841": "release", "0842": "return", "085": "ease", "086": "access", "0861": "access",
    "0862": "access", "0863": "access", "087": "disarm", "0871": "ceasefire",
    "0872": "withdraw", "0873": "disarm", "0874": "withdraw", "0813": "ease",
    "101": "assist", "102": "assist", "103": "assist", "104": "change", "1041": "change",
    "1042": "change", "1043": "change", "1044": "change", "105": "yield", "1053": "yield",
    "1054": "yield", "1055": "yield", "1056": "yield", "106": "meet", "107": "meet", "108": "meet",
    "121": "assist", "122": "assist", "123": "change", "1231": "change", "124": "change",
    "1243": "yield", "1244": "yield", "1245": "yield", "1246": "yield", "125": "meet",
    "126": "meet", "127": "meet",
    "1311": "relations", "1312": "restrict", "1313": "relations", "132": "ban", "134": "relations",
    "136": "expel", "137": "violence", "138": "violence", "1381": "restrict", "1382": "territory",
    "1383": "violence", "1384": "violence", "1385": "violence", "139": "relations",
    "141": "demo", "142": "strike-hun", "143": "boycott", "144": "obstruct", "145": "riot",
    "151": "police", "152": "troops", "153": "police", "154": "troops",
    "161": "sever", "162": "discontinue", "163": "sever", "164": "cancel", "165": "cancel",
    "166": "expel",
    "171": "confiscate", "1711": "confiscate", "1712": "destroy", "172": "restrict",
    "1721": "restrict", "1722": "ban", "1723": "curfew", "1724": "martial-law", "173": "arrest",
    "174": "deport",
    "181": "abduct", "182": "beat", "1821": "sexual", "1822": "torture", "183": "explosives",
    "1831": "suicide-attack", "1832": "explosives", "1833": "explosives", "185": "assassinate",
    "186": "assassinate", "191": "restrict", "193": "firearms", "194": "heavy-weapons",
    "195": "aerial", "201": "cleansing", "202": "cleansing", "203": "cleansing",
    "204": "unconventional", "2041": "unconventional",
}


def plover_mode(code):
    if code in MODE_BY_CODE:
        return MODE_BY_CODE[code]
    if code[:2] in ("09", "11"):
        return "investigate" if code[:2] == "09" else "disapprove"
    return ""


ACLED_BY_CODE = {
    "141": PROTESTS, "1411": PROTESTS, "1412": PROTESTS, "1413": PROTESTS, "1414": PROTESTS,
    "142": PROTESTS, "143": PROTESTS, "144": PROTESTS, "140": PROTESTS, "145": RIOTS,
    "173": SD, "1711": SD, "1712": SD, "0871": SD, "0874": SD,
    "181": VAC, "182": VAC, "1821": VAC, "1822": VAC, "1823": VAC, "185": VAC, "186": VAC,
    "183": ER, "1831": ER, "1832": ER, "1833": ER, "194": ER, "195": ER,
    "190": BATTLES, "193": BATTLES, "196": BATTLES,
    "202": VAC, "203": VAC,
}

SPEECH_ROOTS = {"01", "02", "03", "10", "11", "12", "13"}
SPEECH_CODES = {"051", "052", "055"}


def default_speech(code):
    return code[:2] in SPEECH_ROOTS or code in SPEECH_CODES


# ---------------------------------------------------------------------------
# The conjugator: the forms the press writes for a verb, from its 3rd person
# masculine past (as written, hamza included) and, where the rules below
# cannot know it, its 3rd person masculine present.
#   past: 3ms, 3fs, 3mp; present: 3ms, 3fs, 3mp; for speech verbs also 1pl
#   present (ندين، نطالب: statements quoted in the first person).

class ConjugationError(ValueError):
    pass


def present_of(past):
    p = past
    if p.startswith("است"):                         # form X
        return "ي" + p[1:-1] + "ي" if p.endswith("ى") else "ي" + p[1:]
    if p[0] in "اأإ" and len(p) >= 5:                # forms VII, VIII
        return "ي" + p[1:-1] + "ي" if p.endswith("ى") else "ي" + p[1:]
    if p[0] in "أإا" and len(p) == 4:                # form IV (and VIII of a doubled root)
        if p[2] == "ا":                              # hollow IV: أدان يدين
            return "ي" + p[1] + "ي" + p[3]
        if p.endswith("ى"):                          # defective IV: أبدى يبدي
            return "ي" + p[1:-1] + "ي"
        return "ي" + p[1:]
    if p[0] == "ت":                                  # forms V, VI (and form I تبع، ترك)
        return "ي" + p
    if len(p) == 3 and p[1] == "ا":
        raise ConjugationError(f"{p}: hollow verb, give its present")
    if len(p) == 3 and p[0] == "و":
        raise ConjugationError(f"{p}: initial waw, give its present")
    if p.endswith("ا"):                              # دعا يدعو
        return "ي" + p[:-1] + "و"
    if p.endswith("ى"):                              # نفى ينفي، نادى ينادي
        return "ي" + p[:-1] + "ي"
    return "ي" + p                                   # forms I (sound, doubled), II, III


def conjugate(past, present=None, first_plural=False):
    """Forms of a verb; a multi-word trigger inflects its first word."""
    words = past.split()
    p, rest = words[0], (" " + " ".join(words[1:]) if len(words) > 1 else "")
    y = present.split()[0] if present else present_of(p)
    defective = p.endswith("ى") or (p.endswith("ا") and len(p) <= 4 and p[-2] != "ا")
    if defective:
        fs_past, mp_past = p[:-1] + "ت", p[:-1] + "وا"
    else:
        fs_past, mp_past = p + "ت", (p + "وا" if not p.endswith("و") else p + "ا")
    if y.endswith("و"):
        mp_pres = y + "ن"
    elif defective and (y.endswith("ي") or y.endswith("ى")):
        mp_pres = y[:-1] + "ون"
    else:
        mp_pres = y + "ون"
    forms = [p, fs_past, mp_past, y, "ت" + y[1:], mp_pres]
    if first_plural:
        forms.append("ن" + y[1:])
    out = []
    for f in forms:
        f = f + rest
        if f not in out:
            out.append(f)
    return out


# ---------------------------------------------------------------------------
# Hand-written triggers.
#
# V(past, code, ...) a verb, N(noun, "other|forms", code, ...) a noun phrase.
# Keyword arguments: cue (a `|` list of words that must follow in the clause:
# the object, instrument or complement that makes the reading; a row with a cue
# is a different sense of the same lemma), mode / acled / speech / plover
# (override the defaults of the code), tp (target_prep: `-` the direct object,
# else prepositions, `|`-separated), ip (issue_prep: the preposition of the
# demand, charge, call ...), amb (forms that are also a common non-event word),
# add / drop (forms added to / removed from the conjugator's), only (the
# complete list of forms, nothing generated), note.

PRESENT = {   # presents the conjugator cannot derive
    "سار": "يسير", "جاب": "يجوب", "طاف": "يطوف",
    "وصل": "يصل", "لاذ": "يلوذ", "وجه": "يوجه", "وعد": "يعد",
    "زار": "يزور", "أيد": "يؤيد", "هنأ": "يهنئ", "وقع": "يوقع", "وزع": "يوزع",
    "استعاد": "يستعيد", "وافق": "يوافق", "أدلى": "يدلي", "وصف": "يصف",
}

HAND_TRIGGERS = []


def _row(trigger, forms, pos, code, cue="", plover=None, mode=None, acled=None, speech=None,
         tp="", ip="", amb="", note=""):
    HAND_TRIGGERS.append({
        "trigger": trigger, "forms": forms, "pos": pos, "cue": cue, "cameo": code,
        "plover_type": plover_type(code) if plover is None else plover,
        "plover_mode": plover_mode(code) if mode is None else mode,
        "acled": ACLED_BY_CODE.get(code, "") if acled is None else acled,
        "speech": ("yes" if (default_speech(code) if speech is None else speech) else "no"),
        "target_prep": tp, "issue_prep": ip, "ambiguous": amb, "note": note,
    })


def V(past, code, cue="", add="", drop="", only="", pos="verb", **kw):
    speech = kw.get("speech")
    first_plural = default_speech(code) if speech is None else speech
    if only:
        forms = only.split("|")
    else:
        forms = conjugate(past, PRESENT.get(past.split()[0]), first_plural)
        forms += [f for f in add.split("|") if f and f not in forms]
        forms = [f for f in forms if f not in drop.split("|")]
    _row(past, forms, pos, code, cue=cue, **kw)


def N(noun, others, code, cue="", pos="noun", **kw):
    forms = [noun] + [f for f in others.split("|") if f]
    _row(noun, forms, pos, code, cue=cue, **kw)


# Cue classes. A `@name` item in a cue list is replaced at build time by the
# members of CAMEO.ar.0.5's synonym sets that SYNSET_CUES assigns to that class
# and that the news counts show are written (see derive_synset_cues).
AERIAL = "@aerial|طيران|طائرة|طائرات|طائرة مسيرة|طائرات مسيرة|طائرة بدون طيار|طائرات بدون طيار|طائرات من دون طيار|مسيرة|مسيرات|درون|غارة|غارات|مروحية|مروحيات|حربي|جوي|جوية"
HEAVY = "@heavy|مدفعية|مدفعي|قذائف|قذيفة|قذائف هاون|هاون|صواريخ|صاروخ|صاروخي|صاروخية|راجمات|راجمة|دبابة|دبابات"
FIREARMS = "@firearms|رصاص|رصاصة|طلق ناري|طلقات نارية|أسلحة رشاشة|أسلحة خفيفة|قناص|قناصة|قنص"
EXPLOSIVES = "@explosives|عبوة ناسفة|عبوات ناسفة|عبوة|لغم|ألغام|لغم أرضي|مفخخة|سيارة مفخخة|دراجة نارية مفخخة|قنبلة|قنابل"
PRIMITIVE = "@primitive|ذبحا|نحرا|طعنا|سكين|ضربا|تعذيبا|خنقا"
CBRN = "@cbrn|أسلحة كيميائية|سلاح كيميائي|غازات سامة|غاز سام|غاز السارين|غاز الكلور"
CEASEFIRE = "@ceasefire|وقف إطلاق النار|الهدنة|هدنة|التهدئة|ضبط النفس|خفض التصعيد|وقف التصعيد|وقف القتال|وقف الهجمات|وقف القصف|وقف العمليات العسكرية|وقف الأعمال العدائية"
RELEASE = "الإفراج|إطلاق سراح|سراح|إخلاء سبيل"
TALKS = "@talks|الحوار|المفاوضات|التفاوض|المحادثات|طاولة المفاوضات"
MEDIATION = "@mediation|الوساطة|وساطة"
AGREEMENT = "@agreement|اتفاق|اتفاقا|اتفاقية|اتفاقيات|مذكرة تفاهم|معاهدة|بروتوكول|تفاهم|تفاهمات|تسوية"
DETENTION = "@detention|الاعتقال|اعتقال|السجن"
AID_HUM = "مساعدات إنسانية|مساعدات إغاثية|مساعدات غذائية|مساعدات طبية|سلال غذائية|سلل غذائية|مواد إغاثية|إغاثة|معونات|قافلة مساعدات|المساعدات الإنسانية"
AID_MIL = "مساعدات عسكرية|أسلحة|ذخائر|عتاد|معدات عسكرية|دعم عسكري|دعما عسكريا"
AID_ECO = "مساعدات مالية|منحة|منح مالية|قرض|قرضا|مساعدات اقتصادية"
TROOPS = "تعزيزات|تعزيزات عسكرية|قوات|جنود|عسكريين|أرتال|رتل|رتلا|آليات عسكرية|حشود"
# Places taken or lost in fighting: the cue that makes سيطرة، استعاد، تحرير a capture.
# +place (checked by the coder at run time) is any place the text names right
# after the trigger (تحرير عدن), or a pronoun on the trigger (تحريرها).
PLACES = "+place|قرية|قرى|بلدة|بلدات|مدينة|مدن|تلة|تلال|تل|موقع|مواقع|نقاط|نقطة|حي|أحياء|مطار|قاعدة|معسكر|مديرية|مديريات|محافظة|ميناء|معبر|جبل|جبال|ثكنة|ثكنات|مقر|مقرات|مبنى|سد|منطقة|مناطق|قصر|قصور"
# Armed men driven out, fleeing, hunted: the cue that makes طرد، أجبر a military act.
FIGHTERS = "مسلحي|مسلحين|مقاتلي|مقاتلين|عناصر|الميليشيات|ميليشيات|المليشيات|مليشيات|المتمردين|فلول|الإرهابيين|إرهابيي|التنظيم|الانقلابيين"
# What makes a gathering a protest (تجمع، تجمهر، احتشد، خرج): the purpose or the protesters.
PROTEST_CUE = "احتجاجا|احتجاج|تنديدا|تنديد|مطالبة|مطالبين|رافعين|هاتفين|مرددين|متظاهرون|المتظاهرون|متظاهرين|محتجون|المحتجون|محتجين|غاضبون|غاضبين"
# The protesters named after a verb of marching or chanting (VSO) make it a demonstration.
PROTESTERS = "متظاهرون|متظاهرين|متظاهر|متظاهرات|محتجون|محتجين|محتجات|معتصمون|معتصمين|جموع المتظاهرين|حشود المتظاهرين"
# Chants and banners that say what they are against or for.
_SAYS = ("تندد|تطالب|منددة|مطالبة|رافضة|ترفض|تدين|مناهضة|مناوئة|معادية|احتجاجية|ضد")
CHANTS = "هتافات|الهتافات|هتافا|" + "|".join(w + " " + a for w in ("شعارات", "الشعارات") for a in _SAYS.split("|"))
BANNERS = "|".join(w + " " + a for w in ("لافتات", "اللافتات", "لافتة", "يافطات") for a in _SAYS.split("|"))
STONES = "حجارة|الحجارة|زجاجات حارقة|الزجاجات الحارقة|قنابل المولوتوف|زجاجات المولوتوف|المولوتوف|قنابل مولوتوف"
# Police and troops as the subject of a spatial verb (انتشر، دخل): VSO puts them after the verb.
POLICE = "الشرطة|رجال الأمن|قوات الأمن|عناصر الأمن|الأجهزة الأمنية|قوى الأمن|دوريات أمنية|دوريات الشرطة|أمني|أمنية|الدرك"
MILITARY = "الجيش|الجنود|جنود|قوات الجيش|وحدات عسكرية|قوات عسكرية|عسكري|عسكرية|آليات عسكرية|مدرعات|دبابات|قوات التحالف|قوات النظام"
WOUNDS = "بجروح|بجراح|بطلق ناري|بطلقات نارية|برصاص|برصاصة|بشظايا|بعيار ناري|بعيارات نارية|إصابات بالغة|بإصابات خطيرة|بإصابات بليغة"

# -- 01 make public statement ------------------------------------------------
V("أعلن", "010", tp="", ip="عن", note="a public statement; the cue rows below refine it")
V("أعلن", "015", cue="مسؤوليته|مسؤوليتها|مسؤوليتهم|المسؤولية|مسؤولية",
  note="claims responsibility (015 acknowledge or claim responsibility)")
V("أعلن", "0871", cue=CEASEFIRE, note="declares a truce or ceasefire")
V("أعلن", "1723", cue="حظر التجول|حظر تجول|حظر تجوال|حظرا للتجول", note="declares a curfew")
V("أعلن", "1724", cue="حالة الطوارئ|الأحكام العرفية", note="declares a state of emergency")
V("أعلن", "154", cue="النفير العام|النفير|التعبئة العامة|التعبئة|الاستنفار", speech=False,
  note="declares mobilisation")
V("نفى", "010", tp="", note="denies a report; 016 only with the cue below")
V("نفى", "016", cue="مسؤوليته|مسؤوليتها|مسؤوليتهم|المسؤولية|تورط|تورطه|تورطها|تورطهم|ضلوع|علاقته|علاقتها|صلته|صلتها|الاتهامات|الاتهام|اتهامات",
  note="denies responsibility, involvement or an accusation")
V("تبنى", "015", cue="الهجوم|هجوم|الهجمات|التفجير|تفجير|التفجيرات|العملية|عملية|الاغتيال|اغتيال|مسؤولية",
  note="تبنى alone is 'adopted' (a resolution, a policy): only with an attack as object")
V("قدم", "018", cue="التعازي|تعازيه|تعازيها|العزاء|التعزية", tp="ل|إلى", speech=True,
  note="offers condolences (018 empathetic comment); قدم alone is never a trigger")


# -- 02 appeal (PLOVER: REQUEST) ---------------------------------------------
V("دعا", "020", tp="-", ip="إلى|ل", note="calls on (the direct object) to do (إلى/ل): an appeal; the cue rows give the 4-digit codes")
V("دعا", "0256", cue=CEASEFIRE + "|الانسحاب|انسحاب|التهدئة", tp="-", ip="إلى",
  note="appeal for de-escalation (0256), not 0243 (which is an appeal for rights)")
V("دعا", "0253", cue=RELEASE, tp="-", ip="إلى", note="appeal to release persons")
V("دعا", "026", cue=TALKS, tp="-", ip="إلى", note="appeal to meet or negotiate")
V("دعا", "0254", cue="رفع العقوبات|تخفيف العقوبات", tp="-", ip="إلى", note="appeal to ease sanctions")
V("دعا", "0255", cue="إدخال المساعدات|إيصال المساعدات|وصول المساعدات|فتح المعابر|فتح المعبر",
  tp="-", ip="إلى", note="appeal to allow humanitarian access")
V("دعا", "0241", cue="رحيل|تنحي|استقالة", tp="-", ip="إلى", note="appeal for a change of leadership")
V("ناشد", "020", tp="-", ip="ب|ل|أن", note="implores")
V("حث", "020", tp="-", ip="على", note="urges")
V("طالب", "100", tp="-", ip="ب", amb="طالب",
  note="demands; طالب is also 'student': the ambiguous form only as a verb (no article, an actor near)")
V("طالب", "1053", cue=RELEASE + "|الكشف عن مصير", tp="-", ip="ب", amb="طالب",
  note="demands the release of persons")
V("طالب", "1056", cue=CEASEFIRE + "|الانسحاب|انسحاب|خروج", tp="-", ip="ب", amb="طالب",
  note="demands de-escalation or withdrawal")
V("طالب", "1054", cue="رفع العقوبات|تخفيف العقوبات", tp="-", ip="ب", amb="طالب",
  note="demands the easing of sanctions")
V("طالب", "1055", cue="إدخال المساعدات|إيصال المساعدات|وصول المساعدات|فتح المعابر|فتح المعبر",
  tp="-", ip="ب", amb="طالب", note="demands humanitarian access")
V("طالب", "1041", cue="رحيل|تنحي|استقالة|إقالة", tp="-", ip="ب", amb="طالب",
  note="demands a change of leadership")
V("طالب", "1044", cue="إسقاط النظام", tp="-", ip="ب", amb="طالب", note="demands a change of regime")
V("طلب", "020", tp="من", ip="", amb="طلب",
  note="asks (X من Y); طلب is also the noun 'request, application': the ambiguous form only as a verb")
V("طلب", "020", cue="وساطة|الوساطة|تدخلا عسكريا|التدخل العسكري|الحماية الدولية|حماية دولية|مساعدة عسكرية|دعما عسكريا", tp="من", pos="verb|noun",
  note="asks for (or a request for) mediation, intervention or protection: an appeal, in verbal or nominal use (لطلب وساطة عمانية)")
N("دعوة", "دعوات", "020", ip="إلى|ل", amb="دعوة",
  note="a call; also 'invitation' (دعوة لزيارة): the ambiguous form needs an actor as source")
N("مناشدة", "مناشدات", "020", ip="ل|إلى")
N("نداء", "نداءات|نداءً", "020", ip="إلى|ل", note="an appeal (وجه نداء)")
ABATE = (CEASEFIRE + "|وقف الحرب|إنهاء الحرب|إنهاء القتال|انتهاء المعارك|انتهاء هذه المعارك|وقف المعارك|وقف العنف|وضع حد لتلك"
         "|الإفراج|إطلاق سراح|الانسحاب|انسحاب|رفع الحصار|فتح المعابر|عملية السلام|الحل السياسي|حل سياسي")
N("من الضروري", "من الضرورة", "020", cue=ABATE, speech=True, ip="",
  note="'it is necessary that (the fighting end)': an impersonal appeal only with a call to stop, release, withdraw or talk; alone it is any necessity")
N("ضرورة", "", "100", cue=ABATE, speech=True, ip="",
  note="insists on the necessity of (شدد على ضرورة وضع حد لـ): a demand only with a call to stop, release, withdraw or talk; "
  "ضرورة alone is any necessity (ضرورة الالتزام بالتعليمات)")
V("أوعز", "100", tp="ل|إلى", ip="ب", speech=True, note="instructs (a subordinate) to: an order, coded as a demand")

# -- 03 express intent to cooperate (AGREE) ----------------------------------
V("تعهد", "030", ip="ب", note="pledges")
V("تعهد", "071", cue="دولار|دولارا|مليون دولار|مليار دولار|يورو|مساعدات|تمويل|منحة", ip="ب",
  note="pledges a sum of money or aid: coded as the aid it promises (071), as analysts code pledges of funds")
V("أبدى", "030", cue="استعداده|استعدادها|استعدادهم|الاستعداد|استعداد|رغبته|رغبتها|مرونة|مرونته|مرونتها|مرونتهم",
  note="expresses willingness; أبدى alone (قلقه، أسفه) is not an event")
V("وافق", "030", tp="", ip="على", note="agrees to")
V("اتفق", "030", tp="مع", ip="على", note="agrees with (X) on (Y)")
V("اتفق", "0356", cue=CEASEFIRE + "|الانسحاب", tp="مع", ip="على", note="agrees to de-escalate")
V("اتفق", "0353", cue=RELEASE + "|تبادل الأسرى", tp="مع", ip="على", note="agrees to release persons")
V("وافق", "0356", cue=CEASEFIRE + "|الانسحاب", ip="على", note="agrees to de-escalate")
V("وافق", "0353", cue=RELEASE + "|تبادل الأسرى", ip="على", note="agrees to release persons")
V("وافق", "036", cue=TALKS + "|اللقاء|الاجتماع", ip="على", note="agrees to meet or negotiate")
V("وافق", "038", cue=MEDIATION, ip="على", note="accepts mediation")

V("وعد", "030", only="وعد|وعدت|وعدوا", ip="ب", amb="وعد",
  note="promises; the present يعد is 'is considered' (يُعدّ) and is left out; وعد is also the noun 'promise' and a name")
N("مستعد", "مستعدة|مستعدون|مستعدين|على استعداد", "030",
  cue=TALKS + "|تعاون|مشاركة|العمل مع|تفاوض|تقديم|مساعدة|وساطة|استئناف|لقاء",
  note="willing to (cooperate, negotiate, help); مستعد alone is also 'prepared' (مستعدة لاستقبال الحجاج)")

# -- 04 consult (CONSULT) -----------------------------------------------------
V("التقى", "040", tp="-|ب|مع", note="meets")
V("تواصل", "040", tp="مع", cue="مع",
  note="is in contact with (تتواصل مع تركيا); only with مع: تواصل alone is 'continued' (تواصل القصف)")
V("اجتمع", "040", tp="ب|مع", note="meets")
V("بحث", "040", tp="مع", amb="بحث|بحثت|بحثوا|يبحث|تبحث|يبحثون",
  note="discusses with; every form of بحث is also 'search' (يبحث عن): only with مع and the party after it")
V("ناقش", "040", tp="مع")
V("تباحث", "040", tp="مع")
V("تشاور", "040", tp="مع")
V("اتصل", "041", tp="ب", note="calls (on the telephone); in news between officials it is a phone call")
V("أجرى", "041", cue="اتصالا هاتفيا|اتصالا|مكالمة هاتفية|مكالمة", tp="مع|ب",
  note="makes a phone call; أجرى alone (أجرى تعديلات) is not an event")
V("أجرى", "040", cue="محادثات|مباحثات|مشاورات|لقاء|اجتماعا", tp="مع", note="holds talks")
V("أجرى", "046", cue="مفاوضات", tp="مع", note="holds negotiations")
V("زار", "042", tp="-", note="visits (the direct object is a place or a person)")
V("استقبل", "043", tp="-",
  note="hosts; also 'received' (a hospital, a camp): needs a political actor as both source and target")
V("تفاوض", "046", tp="مع")
V("توسط", "045", tp="بين", note="mediates")
N("اجتماع", "اجتماعات|اجتماعا|اجتماعين", "040", tp="مع|ب|بين", amb="اجتماع",
  note="also in names of bodies (مجلس، مؤتمر): needs participants")
N("لقاء", "لقاءات|لقاءً", "040", tp="مع|ب|بين")
N("زيارة", "زيارات|زيارته|زيارتها|زيارة رسمية", "042", tp="إلى|ل")
N("محادثات", "محادثة", "040", tp="مع|بين")
N("مباحثات", "", "040", tp="مع|بين")
N("مشاورات", "", "040", tp="مع|بين")
N("مفاوضات", "مفاوضة|جولة مفاوضات", "046", tp="مع|بين")
N("اتصال هاتفي", "اتصالا هاتفيا|اتصالات هاتفية|مكالمة هاتفية", "041", tp="مع|ب")
N("وساطة", "وساطات", "045", tp="بين")

V("عقد", "040", cue="جلسة|جلسة طارئة|جلسات|قمة|جلسة مباحثات|جلسة محادثات|جولة محادثات|جولة مباحثات",
  tp="مع|بين", note="holds a session or summit; عقد alone is 'contract, decade'; with اجتماع، لقاء، محادثات the noun is the event; a court's جلسة is a known false positive")
V("وصل", "042", cue="في زيارة|زيارة|زيارة رسمية|+place", tp="إلى",
  note="arrives on a visit, or in a place the text names (the coder keeps the place reading only for a named party: وصلت الوزيرة إلى مالي, not وصلت الطائرة إلى المطار); وصل alone (a convoy, a number) is not a visit")
V("توجه", "042", cue="في زيارة|زيارة|زيارة رسمية|+place", tp="إلى", drop="توجه",
  note="heads to (a capital) on a visit, or to a place the text names (for a named party, as وصل); توجه alone is 'orientation, trend'")
V("تحدث", "041", cue="هاتفيا|عبر الهاتف|في اتصال هاتفي", tp="مع|إلى",
  note="speaks on the telephone; تحدث alone (تحدث للصحفيين) is a statement")
V("تحدث", "040", cue="مع", tp="مع",
  note="talks with (تحدث مع قائد القوات): a consultation; to (تحدث إلى، ل) the press it is a statement")
V("استعرض", "040", cue="مع", tp="مع",
  note="reviews (matters) with: a meeting; استعرض alone is 'displayed, reviewed (troops)'")
N("استعراض", "", "040", cue="مع", tp="مع", note="review of matters with a counterpart; استعراض عسكري is 150")
V("هاتف", "041", tp="-", amb="هاتف", note="telephones; هاتف is also the noun 'telephone'")

# -- 05 diplomatic cooperation (SUPPORT) -------------------------------------
V("رحب", "051", ip="ب", note="welcomes")
V("أشاد", "051", ip="ب", note="praises")
V("ثمن", "051", amb="ثمن", note="commends; ثمن is also the noun 'price'")
V("أيد", "051", note="endorses")
V("هنأ", "051", add="هنأوا|هنؤوا", drop="هنأ",
  note="congratulates; the bare past هنأ is left out: it folds to هنا 'here', far more frequent")
V("اعتذر", "055", ip="عن", note="apologises")
V("وقع", "057", cue=AGREEMENT + "|وثيقة|إعلان|بيان مشترك",
  note="signs; وقع alone is 'happened, fell' (وقع انفجار): only with an agreement as object")
V("توصل", "057", cue=AGREEMENT, ip="إلى", note="reaches an agreement")
V("أبرم", "057", cue=AGREEMENT + "|صفقة", note="concludes an agreement")
N("اتفاق", "اتفاقا|اتفاقية", "057", tp="مع|بين", amb="اتفاق|اتفاقا|اتفاقية",
  note="an agreement; a reference to an existing one (بموجب اتفاق سوتشي، وفق الاتفاقية) is not an event. "
  "The plurals (الاتفاقات، الاتفاقيات) are the agreements of a sector or a period in general, never one happening: "
  "they are events only as the object of a verb (وقع، أبرم) or in توقيع اتفاقيات")
N("توقيع اتفاق", "توقيع اتفاقية|توقيع الاتفاق|توقيع اتفاقيات|توقيع مذكرة تفاهم", "057", tp="مع|بين")
N("مذكرة تفاهم", "مذكرات تفاهم", "057", tp="مع|بين")

V("شكر", "051", tp="-", ip="على", amb="شكر", note="thanks; شكر is also the noun 'thanks'")
V("وجه", "051", cue="الشكر|شكره|شكرها|شكرهم|التحية|التهنئة", tp="ل|إلى", speech=True,
  note="addresses thanks; وجه alone is 'directed, face'")
V("قدم", "051", cue="الشكر|شكره|شكرها|شكرهم|التهنئة|التهاني", tp="ل|إلى", speech=True, note="offers thanks or congratulations")
V("رفع", "051", cue="الشكر|شكره|شكرها|شكرهم|التهنئة|التهاني", tp="ل|إلى", speech=True,
  note="raises thanks (رفع الشكر للقيادة): the formal thanks of Gulf officials")
V("أعرب", "051", cue="شكره|شكرها|شكرهم|تقديره|تقديرها|امتنانه|امتنانها|ترحيبه|ترحيبها|تأييده|تأييدها|دعمه|دعمها|تضامنه|تضامنها|ارتياحه|ارتياحها",
  ip="عن", tp="ل|مع", note="expresses thanks, support, solidarity; أعرب عن قلقه (a comment) is not listed")
V("أعرب", "111", cue="شجبه|شجبها|استياءه|استياءها|امتعاضه|امتعاضها|غضبه|غضبها",
  ip="عن", tp="ل", note="expresses displeasure; with إدانته، استنكاره، رفضه the noun is the event")
V("أعرب", "030", cue="استعداده|استعدادها|رغبته|رغبتها", ip="عن", note="expresses willingness")
V("أعلن", "030", cue="استعداده|استعدادها|استعدادهم|رغبته|رغبتها", ip="عن|ل",
  note="announces readiness (to join, to negotiate): an intent, not a bare statement")
V("دافع", "051", ip="عن", amb="دافع", note="defends (a person, a policy): endorses it; دافع is also the noun 'motive'")

# -- 06 material cooperation (COOPERATE) -------------------------------------
N("دورية مشتركة", "دوريات مشتركة|دورية روسية تركية مشتركة|الدوريات المشتركة", "062", mode="",
  note="joint patrols (Russia-Turkey east of the Euphrates): military cooperation of the two patrolling sides")
N("مناورات مشتركة", "تدريبات مشتركة|تمرين مشترك|تمارين مشتركة", "062", mode="")

N("غطاء جوي", "غطاء جويا|الغطاء الجوي|إسناد جوي|إسنادا جويا|الإسناد الجوي", "062", mode="",
  note="air cover or air support given to ground forces: military cooperation of the air power with them")
N("دعم", "", "062",
  cue="من قوات التحالف|من طائرات التحالف|من طيران التحالف|من مقاتلات التحالف|من التحالف|من الطيران|من طائرات|من قوات|جوي من|جويا من|مدفعي من|من المقاومة|من الحشد الشعبي|من أبناء القبائل|من مسلحي|من مقاتلي",
  note="(advanced, attacked) with the support of armed forces or aircraft (وتقدمت المقاومة بدعم من قوات التحالف، بدعم جوي من التحالف): "
  "military cooperation. The supporter comes after من and the supported force before the noun: the engine reads the sides backwards. "
  "بدعم من alone is also a market's rise, a sponsor of a festival, votes of a party: only forces after من")
BASES = "استخدام قواعدها|استخدام قواعده|حرية استخدام|استخدام قاعدة|استخدام قواعد|استخدام القاعدة|استخدام أجوائها|استخدام مجالها الجوي|استخدام أراضيها|باستخدام قواعدها|باستخدام قاعدة|باستخدام أجوائها|باستخدام مجالها الجوي"
V("منح", "062", cue=BASES, tp="-|ل", pos="verb|noun",
  note="grants (a coalition, an ally) the use of its bases, airspace or territory: military cooperation")
V("سمح", "062", cue=BASES, tp="ل",
  note="allows (an ally) to use its bases, airspace or territory: military cooperation; سمح alone is any permission")

# -- 07 aid (AID) -------------------------------------------------------------
for _v in ("قدم", "أرسل", "وزع", "سلم", "أدخل"):
    V(_v, "073", cue=AID_HUM, tp="ل|إلى|على", note="provides humanitarian aid")
    V(_v, "072", cue=AID_MIL, tp="ل|إلى", note="provides military aid")
    V(_v, "071", cue=AID_ECO, tp="ل|إلى", note="provides economic aid")
    V(_v, "070", cue="مساعدات|مساعدة|معونات|معونة", tp="ل|إلى",
      note="provides aid of a kind not named (the more specific cue rows above come first)")
for _n, _o in (("إرسال", ""), ("تقديم", ""), ("توزيع", ""), ("إدخال", ""), ("إيصال", "")):
    N(_n, _o, "073", cue=AID_HUM, tp="ل|إلى|على", note="delivery of humanitarian aid; the noun alone (إرسال رسالة، تقديم طلب) is no event")
    N(_n, _o, "072", cue=AID_MIL, tp="ل|إلى", note="delivery of military aid")
    N(_n, _o, "071", cue=AID_ECO, tp="ل|إلى", note="delivery of economic aid")
    N(_n, _o, "070", cue="مساعدات|مساعدة|معونات|معونة", tp="ل|إلى", note="delivery of aid of a kind not named")
V("وصل", "073", cue=AID_HUM + "|قافلة|قوافل|شحنة مساعدات|شحنات|طائرة مساعدات|سفينة مساعدات", tp="إلى",
  note="aid arrives (وصلت قافلة مساعدات إلى): the sender is the source")
N("وصول", "", "073", cue=AID_HUM + "|قافلة|قوافل|شحنة مساعدات|شحنات|طائرة مساعدات|سفينة مساعدات", tp="إلى",
  note="arrival of aid; as the content of a call (دعا إلى وصول المساعدات) it is not an event")
N("وصول", "", "042", cue="في زيارة|زيارة|زيارة رسمية", tp="إلى", note="arrival on a visit")
# A cue phrase of another row (دعا إلى إدخال المساعدات، هدد بفرض عقوبات) is
# the trie's longest path at its first word and would hide that word's own
# trigger: the phrase is listed as a trigger too, for where it stands alone.
N("إدخال المساعدات", "إيصال المساعدات", "070", tp="ل|إلى", note="delivery of aid (the phrase a call's cue also is)")
N("وصول المساعدات", "", "073", tp="إلى", note="arrival of aid (the phrase a call's cue also is)")
N("فرض عقوبات", "فرض العقوبات", "163", tp="على", note="imposing sanctions (the phrase a threat's cue also is)")
N("تسليح", "", "072", tp="-", note="arming (a force); as the content of a call or a debate (دعوات لتسليح) it is not an event")
N("مساعدات إنسانية", "المساعدات الإنسانية|مساعدات إغاثية|قافلة مساعدات|قوافل مساعدات|قافلة إغاثية|قوافل إغاثية|شحنة مساعدات|شحنات مساعدات", "073",
  tp="ل|إلى", note="humanitarian aid delivered; as the content of a call (دعا إلى إدخال المساعدات) it is not an event of its own")
V("منح", "075", cue="اللجوء|لجوء|حق اللجوء", tp="-|ل", note="grants asylum")
V("تلقى", "072", only="تلقت|تلقوا|يتلقى|تتلقى|يتلقون", cue="تدريبات عسكرية|تدريبا عسكريا|تدريبات قتالية|تدريبا قتاليا|مساعدات عسكرية|دعما عسكريا|شحنات أسلحة|شحنة أسلحة", tp="من",
  note="receives military training, arms or aid: THE SUBJECT IS THE RECIPIENT (the target), the giver comes after من or is named elsewhere; "
  "the engine takes the subject as the source, so the sides of this row read backwards. تلقى alone (a call, an invitation, a blow) is no event. "
  "The bare past تلقى is left out: folded it is تلقي, ألقى's present. Weapons alone are no cue (تلقوا الأوامر ... وتوفير الأسلحة: a far noun of the clause). Receiving humanitarian aid is not listed (mostly hypothetical: إذا لم يتلقوا)")


# -- 08 yield (CONCEDE / RETREAT) ---------------------------------------------
V("أفرج", "0841", tp="عن", note="releases")
V("أطلق", "0841", cue="سراح", note="releases (أطلق سراح)")
N("الإفراج", "إطلاق سراح|إخلاء سبيل|إطلاق سراحه|إطلاق سراحها|إطلاق سراحهم|إطلاق سراحهما|إخلاء سبيله|إخلاء سبيلها|إخلاء سبيلهم", "0841", tp="عن",
  note="as the content of a demand or call (طالب بالإفراج) it is not an event of its own")
N("تبادل الأسرى", "تبادل أسرى|صفقة تبادل|تبادل المعتقلين|تبادل المحتجزين|تبادل للأسرى", "0841",
  tp="بين|مع", note="prisoner exchange: both sides release persons")
V("انسحب", "0874", tp="من", note="withdraws (militarily) from a place")
V("انسحب", "164", cue="المفاوضات|المحادثات|الحوار|الاجتماع", tp="من", note="walks out of negotiations")
V("انسحب", "161", cue="الاتفاق|الاتفاقية|اتفاق|اتفاقية|المعاهدة|التحالف", tp="من",
  note="withdraws from an agreement (reduces relations)")
N("انسحاب", "انسحابا|الانسحابات", "0874", tp="من", amb="انسحاب",
  note="as the content of a demand (طالب بانسحاب) it is not an event of its own")
V("سحب", "0874", cue="قواته|قواتها|قوات|جنوده|جنودها|عناصره|عناصرها|آلياته|آلياتها|معداته|معداتها",
  tp="من", note="withdraws forces")
V("سحب", "161", cue="سفيره|سفيرها|السفير|سفير|بعثته|بعثتها|دبلوماسييه|دبلوماسييها",
  note="recalls an ambassador")
V("استسلم", "0874", tp="ل", note="surrenders")
V("سلم", "0874", cue="نفسه|نفسها|أنفسهم", tp="ل|إلى", note="gives himself up")
V("سلم", "0873", cue="سلاحه|سلاحها|سلاحهم|أسلحته|أسلحتها|أسلحتهم|السلاح|الأسلحة", tp="ل|إلى",
  note="hands in weapons (disarmament)")
V("سلم", "0874", cue="مواقعه|مواقعها|المواقع|نقاطه|نقاطها|النقاط|المنطقة|المدينة", tp="ل|إلى",
  acled=SD, note="hands over positions (non-violent transfer of territory)")
V("رفع", "085", cue="العقوبات|عقوبات|الحظر", tp="عن", note="lifts sanctions; رفع alone is 'raised'")
V("رفع", "0872", cue="الحصار|حصار", tp="عن", note="lifts a blockade or siege")
V("رفع", "0813", cue="حظر التجول|حظر تجول|حظر تجوال", note="lifts a curfew")
N("وقف إطلاق النار", "وقفا لإطلاق النار|هدنة|هدنة إنسانية|هدن", "0871", tp="بين|مع", amb="وقف إطلاق النار|هدنة",
  note="a ceasefire; as the content of a call or demand (دعا إلى وقف إطلاق النار) it is not an event of its own")
N("مرسوم عفو", "عفو عام|عفوا عاما|مراسيم عفو", "081",
  note="amnesty: CONCEDE in PLOVER (formal pardons); the release itself is 0841")

N("استسلام", "", "0874", tp="ل", note="surrender (CAMEO 0874 retreat or surrender militarily)")
V("لاذ", "0874", cue="فرار", tp="من", note="flees (لاذ بالفرار): fighters retreating")
# Armed men as the subject or the context of a flight: what makes هرب، هروب، فرار a
# military retreat (civilians, prisoners, a cow and lovers flee too). Before the
# trigger (متمردو الحوثي يحاولون الهرب) or after it (فرت من جبهات عدن).
FLEEING = (FIGHTERS + "|مسلحو|مسلحون|المسلحون|مقاتلو|مقاتلون|المقاتلون|المتمردون|متمردو|متمردون|عناصر التنظيم"
           "|قيادي|قياديا|قيادات|قياديين|حوثيا|حوثيين|الحوثيون|جبهات|الجبهات|جبهات القتال|ساحة المعركة|أرض المعركة")
V("فر", "0874", only="يفر|تفر|يفرون", cue=FLEEING, tp="من",
  note="flee (present only: the past فر، فرت، فروا is the tail of وفر 'provided' after the conjunction is split), and only with armed men "
  "or a front named in the clause: civilians, migrants and runaways flee too, and the two-letter stem is reached by undoing affixes "
  "from unrelated words (سافروا، أفران)")
V("تراجع", "080", cue="عن قراره|عن قرارها|عن موقفه|عن موقفها|عن تصريحاته|عن تهديداته|عن قرار", ip="عن",
  note="backs down from a decision or stance; تراجع alone is 'declined' (prices, numbers)")
N("مبادلة", "مبادلات", "0841", cue="الأسرى|أسرى|المعتقلين|المحتجزين|الرهائن|الجثث|جثث|السجناء", tp="بين|مع",
  note="an exchange of prisoners or bodies; مبادلة alone is a financial swap")
V("هرب", "0874", cue=FLEEING, tp="من", pos="verb|noun", add="هروب|هروبا|هروبهم|هربا",
  note="flees, flight (the bare هرب is also the noun): fighters retreating only with armed men or a front named in the clause. "
  "هرّب 'smuggled' has the same letters (هربوا الأسلحة) and تهرب is also 'evasion' (تهرب ضريبي): the cue keeps them out mostly")
N("فرار", "", "0874", cue=FLEEING, tp="من",
  note="flight (حاول الفرار، محاولتها الفرار): fighters fleeing only with armed men or a front named in the clause")
V("رفع", "081", cue="القيود|قيود|القيود المفروضة", tp="عن", note="lifts restrictions")

# -- 09 investigate (ACCUSE, mode investigate) -------------------------------
V("حقق", "090", ip="في", amb="حقق|حققت|حققوا|يحقق|تحقق|يحققون",
  note="investigates; حقق is also 'achieved' (حقق تقدما): only with في")
V("فتح", "090", cue="تحقيقا|تحقيق|تحقيقات", ip="في", note="opens an investigation")
N("تحقيق في", "تحقيقا في|تحقيق مع|تحقيقا مع|تحقيق بشأن|تحقيقا بشأن|تحقيق حول|تحقيقا حول|تحقيق ضد|تحقيقا ضد|تحقيق أولي|تحقيقا أوليا", "090",
  note="an inquiry into, with or about someone. The singular تحقيق alone is far more often 'achieving' (تحقيق الأهداف، "
  "لتحقيق النمو، تحقيقا لتطلعات، تحقيق نتائج في) and the inquiry alone (مجريات التحقيق) a reference: only the preposition "
  "right after it makes the inquiry. As the content of a call (طالب بتحقيق) it is not an event of its own")
N("تحقيق", "", "090", cue="اكتمل|اكتملت|انتهى|انتهت|جار|جاري|جارية|مستمر|مستمرة", ip="في",
  note="an inquiry said to be going on or over (التحقيق جار، إجراءات التحقيق اكتملت)")
N("تحقيقات", "", "090", ip="في", note="investigations: the plural is not the 'achieving' of تحقيق")
N("لجنة تحقيق", "لجان تحقيق|لجنة تقصي الحقائق|بعثة تقصي الحقائق", "090", ip="في")

V("استجوب", "091", tp="-", note="questions (a suspect); the passive has the same letters")
N("استجواب", "استجوابات|استجوابا", "091", tp="-",
  note="questioning; in a parliament (استجواب وزير) an interpellation, still an investigation")
N("تحريات", "التحريات", "091", note="police inquiries (كشفت التحريات): an investigation under way")

# -- 10 demand (DEMAND) ------------------------------------------------------
V("أمهل", "139", tp="-", note="gives a deadline (ultimatum)")
V("أنذر", "139", tp="-", note="gives an ultimatum")
N("إنذار نهائي", "إنذارا نهائيا|إنذار أخير|إنذارا أخيرا|مهلة نهائية", "139")
N("مطالبة", "مطالبات|مطالب", "100", ip="ب", note="a demand")


# -- 11 disapprove (ACCUSE, mode disapprove) ---------------------------------
V("أدان", "111", tp="-", note="condemns; a court's أدان (convicted) is 116")
V("ندد", "111", tp="ب", note="denounces")
V("استنكر", "111", tp="-")
V("شجب", "111", tp="-")
V("انتقد", "111", tp="-")
N("إدانة", "إدانات|إدانتها|إدانته", "111", tp="ل")
N("تنديد", "تنديدا", "111", tp="ب")
N("استنكار", "استنكارا", "111", tp="ل")
N("انتقادات", "انتقاد|انتقادا", "111", tp="ل")
V("اتهم", "112", tp="-", ip="ب", note="accuses X (object) of (ب)")
V("اتهم", "1124", cue="جرائم حرب|جرائم ضد الإنسانية|إبادة|جريمة حرب|تطهير عرقي", tp="-", ip="ب",
  note="accuses of war crimes")
V("اتهم", "1122", cue="انتهاكات|انتهاك حقوق|تعذيب|تهجير|اعتقالات تعسفية", tp="-", ip="ب",
  note="accuses of human rights abuses")
V("اتهم", "1123", cue="الاعتداء|العدوان|الهجوم|قصف|استهداف|خرق|انتهاك وقف إطلاق النار", tp="-", ip="ب",
  note="accuses of aggression")
V("اتهم", "1121", cue="الفساد|فساد|سرقة|تهريب|اختلاس", tp="-", ip="ب", note="accuses of crime, corruption")
V("اتهم", "1125", cue="التجسس|تجسس|العمالة|الخيانة|التخابر", tp="-", ip="ب", note="accuses of espionage, treason")
V("حمل", "112", cue="المسؤولية|مسؤولية", tp="-", ip="عن", drop="تحمل",
  note="holds responsible (حمّل المسؤولية); حمل alone is 'carried'; تحمل is left out: تحمّل المسؤولية is 'bore responsibility'")
N("اتهام", "اتهامات|اتهاما", "112", tp="ل", ip="ب")
V("احتج", "140", tp="على|ضد",
  note="protests; a ministry's protest is verbal (114), people's is a demonstration (141); ACLED Protests only for the latter")
V("استدعى", "090", cue="تحقيق|استجواب", tp="-", note="summons (suspects) for questioning: an investigation")
V("استدعى", "114", cue="السفير|سفير|القائم بالأعمال|القائم بأعمال",
  note="summons an ambassador to protest; استدعى alone (summoned for questioning) is not coded")
V("قدم", "114", cue="شكوى|شكوى رسمية|مذكرة احتجاج|احتجاجا رسميا|رسالة احتجاج", tp="ل|إلى|ضد",
  speech=True, note="files an official complaint")
V("رفع", "115", cue="دعوى|دعوى قضائية|دعاوى", tp="ضد|على", note="files a lawsuit")
V("حذر", "012", ip="من", note="warns of (a danger: a pessimistic comment); with consequences as the cue it is a threat")
V("حذر", "130", cue="عواقب|العواقب|تداعيات|رد|ردا|الرد|المساس", ip="من", note="warns of consequences: a threat")
N("تحذير", "تحذيرات|تحذيرا", "012", ip="من")

N("متهما إياه", "متهمة إياه|متهما إياها|متهمة إياها|متهما إياهم|متهمة إياهم|متهمين إياه|متهمين إياهم|متهمين إياها|متهما إياهما", "112", ip="ب",
  note="accusing him (the participle after a statement); متهم alone is 'defendant'")
V("أساء", "111", tp="إلى|ل", note="insults, offends (أساء إلى الرسول)")

# -- 12 reject (REJECT) --------------------------------------------------------
V("رفض", "120", tp="-", note="rejects, refuses")
V("رفض", "1246", cue=CEASEFIRE + "|الانسحاب|انسحاب", tp="-", note="refuses to de-escalate")
V("رفض", "125", cue=TALKS + "|اللقاء|الاجتماع|الجلوس", tp="-", note="rejects talks")
V("رفض", "127", cue="المبادرة|الخطة|المقترح|مقترح|الاقتراح|التسوية|مشروع", tp="-", note="rejects a settlement plan")
V("رفض", "1243", cue=RELEASE + "|تسليم", tp="-", note="refuses to release or hand over")
V("رفض", "1244", cue="رفع العقوبات", tp="-", note="refuses to ease sanctions")
V("استخدم", "129", cue="حق النقض|الفيتو|فيتو", tp="ضد", speech=False, note="vetoes")
N("الفيتو", "حق النقض|فيتو", "129", tp="ضد", speech=False)

V("تحدى", "120", tp="-", drop="تحدى",
  note="defies; the bare تحدى is left out: it folds to تحدي 'challenge' (noun), far more frequent")

# -- 13 threaten (THREATEN) ------------------------------------------------------
V("هدد", "130", tp="-", ip="ب", note="threatens X (object) with (ب)")
V("هدد", "138", cue="عملية عسكرية|عمل عسكري|الرد العسكري|رد عسكري|هجوم|الهجوم|اجتياح|التدخل العسكري|القوة|ضربة|ضربات|قصف",
  tp="-", ip="ب", note="threatens military force")
V("هدد", "1382", cue="احتلال|اجتياح|سيطرة", tp="-", ip="ب", note="threatens occupation")
V("هدد", "1312", cue="عقوبات|العقوبات|فرض عقوبات", tp="-", ip="ب", note="threatens sanctions")
V("هدد", "1313", cue="قطع العلاقات", tp="-", ip="ب", note="threatens to break relations")
V("هدد", "137", cue=DETENTION, tp="-", ip="ب", note="threatens with repression")
V("توعد", "130", tp="-", ip="ب", note="vows (revenge, a response)")
V("لوح", "130", ip="ب", amb="لوح", note="brandishes the threat of; لوح is also 'board'")
N("تهديد", "تهديدات|تهديدا", "130", ip="ب", amb="تهديد|تهديدا",
  note="'poses a threat' (يشكل تهديدا) is not an event: the ambiguous forms need a source actor")

# -- 14 protest (PROTEST) --------------------------------------------------------
V("تظاهر", "141", tp="ضد|أمام", note="demonstrates")
V("اعتصم", "141", tp="أمام|في", note="holds a sit-in")
V("أضرب", "142", cue="عن الطعام", note="hunger strike; يضرب is also 'hits': only with the cue")
V("أضرب", "143", cue="عن العمل|عن الدوام", mode="", note="strikes (PLOVER strike-gen or strike-lim: the scale is not in the verb)")
N("مظاهرة", "مظاهرات|تظاهرة|تظاهرات|مظاهرات احتجاجية", "141", tp="ضد|أمام")
N("احتجاجات", "احتجاج|احتجاجا|احتجاجا رسميا", "140", tp="ضد|على",
  note="protests; also an official protest (احتجاج رسمي)")
N("وقفة احتجاجية", "وقفات احتجاجية|وقفة تضامنية|وقفات تضامنية", "141", tp="أمام|ضد")
N("اعتصام", "اعتصامات|اعتصاما", "141", tp="أمام|في")
N("مسيرة احتجاجية", "مسيرات احتجاجية|مسيرة شعبية|مسيرات شعبية|مسيرة جماهيرية|مسيرات جماهيرية", "141",
  note="مسيرة alone is mostly a drone (طائرة مسيرة) in this region's news: never a protest trigger on its own")
N("إضراب", "إضرابات|إضرابا", "143", mode="", note="a strike (PLOVER strike-gen or strike-lim: the scale is not in the word)")
N("إضراب عن الطعام", "إضرابا عن الطعام", "142")
N("أعمال شغب", "شغب|أعمال الشغب", "145")
V("رشق", "145", cue=STONES, tp="-", note="throws stones: riot")

for _v in ("تجمع", "تجمهر", "احتشد", "خرج", "تظاهر"):
    if _v == "تظاهر":
        continue
    V(_v, "141", cue=PROTEST_CUE + ("|تظاهر" if _v == "خرج" else ""), tp="أمام|في",
      pos="verb|noun" if _v == "تجمهر" else "verb",
      note="gathers to protest; alone it is any gathering (worshippers, families, fans)")
# The acts of a demonstration (marching, chanting, carrying banners) are the
# protest when the protesters are named after the verb (VSO: وسار المتظاهرون،
# وهتف المحتجون، وجاب المتظاهرون الشوارع) or the chant or banner says what it
# is against: alone these verbs are walking, going, pilgrims, fans, hotels'
# signs. One event per trigger occurrence: a march with chants is two 141s.
for _v, _add in (("سار", ""), ("جاب", ""), ("طاف", ""), ("تدفق", ""), ("انطلق", ""), ("توجه", ""),
                 ("نزل", ""), ("هتف", "هاتفين|هاتفا|هاتفة")):
    V(_v, "141", cue=PROTESTERS + ("|تظاهر|احتجاج|احتجاجا" if _v == "نزل" else "")
      + ("|ضد" if _v == "هتف" else ""), tp="إلى|نحو|أمام|ضد", add=_add,
      drop="توجه" if _v == "توجه" else "",
      note="marches, goes, chants: a demonstration only with the protesters as its subject"
      + ("; the bare توجه is وجه's present" if _v == "توجه" else ""))
V("ردد", "141", cue=PROTESTERS + "|" + CHANTS, tp="ضد", add="مرددين|مرددا|مرددة",
  note="chants slogans: a demonstration; شعارات alone is also the empty slogans of politicians, so only chants or slogans against or demanding")
N("هتافات", "هتاف|هتافا", "141", cue=PROTESTERS + "|ضد|مناهضة|معادية|منددة|تندد|تطالب",
  note="chanting by protesters; alone also fans, worshippers, celebrations")
V("رفع", "141", cue=PROTESTERS + "|" + BANNERS, tp="", add="رافعين|رافعا|رافعة",
  note="raises banners against or demanding something, or with the protesters as subject; lets banners alone be (hotels, welcomes)")
V("حمل", "141", cue=PROTESTERS + "|" + BANNERS, tp="", add="حاملين|حاملا|حاملة",
  note="carries protest banners, or the protesters carry (flags, portraits); the protesters come before المسؤولية only when they blame someone themselves (112)")
N("خروج", "", "141", cue=PROTESTERS + "|تظاهر|احتجاجا|تنديدا",
  note="going out to demonstrate; alone it is any exit (خروج القوات، الخروج من الأزمة)")
N("مسيرة", "مسيرات|مسيرتين|مسيرتان", "141",
  cue=PROTESTERS + "|منددة|مطالبة|احتجاجا|تنديدا|سلمية|حاشدة|حاشدتين|تضامنية|غاضبة|ضخمة|ضخمتين|هادرة",
  tp="ضد|إلى|نحو", note="a march: with its marchers or a protest adjective after it; مسيرة alone is mostly a drone in this region's news, and a walk (مسيرة راجلة) is also a pilgrimage")
V("اشتبك", "145", cue=PROTESTERS, tp="مع", note="protesters clash (with the police): a riot")
V("أحرق", "145", cue=PROTESTERS, tp="", note="protesters burn (a building, a car): a riot")
V("أحرق", "141", cue="العلم|علم|أعلام|أعلاما|علما|دمية|دمى|صور|صورا|صورة", tp="",
  note="burns a flag, an effigy, portraits: a demonstration")
for _v in ("ألقى", "رمى"):
    V(_v, "145", cue=STONES, tp="على", note="throws stones or petrol bombs: a riot")
N("صدامات", "", "190", tp="مع|بين", note="clashes between armed sides; with protesters the cue row gives 145")
N("صدامات", "", "145", cue="المتظاهرين|متظاهرين|المحتجين|محتجين|محتجون|متظاهرون|المعتصمين|الشرطة|قوات الأمن|مشجعين", tp="مع|بين",
  note="clashes of protesters with the police: a riot")
N("مواجهات", "مواجهة|مواجهات عنيفة|مواجهات مسلحة|مواجهة مسلحة|مواجهات دامية|مواجهة عنيفة", "190", tp="مع|بين|ضد",
  amb="مواجهات|مواجهة", note="clashes; مواجهة is also 'facing, confronting' (لمواجهة الإرهاب) and مواجهات a sports fixture: the bare forms need an actor")
N("مواجهات", "مواجهة", "145", cue="المتظاهرين|متظاهرين|المحتجين|محتجين|محتجون|متظاهرون|المعتصمين", tp="مع|بين",
  amb="مواجهات|مواجهة", note="clashes with protesters: a riot")
V("أحرق", "145", cue="الإطارات|إطارات|الإطارات المطاطية", tp="",
  note="burns tyres: a riot (a road barricade of protesters)")

# -- 15 exhibit force posture (MOBILIZE) ---------------------------------------
V("حشد", "154", tp="", note="masses troops; الحشد in الحشد الشعبي is an actor's name, never this trigger")
N("حشود عسكرية", "حشودا عسكرية|حشود", "154")
V("أرسل", "154", cue=TROOPS, tp="إلى", note="sends reinforcements")
V("دفع", "154", cue=TROOPS, tp="إلى|نحو", note="pushes reinforcements; دفع alone is 'paid, pushed'")
V("استقدم", "154", cue=TROOPS, tp="إلى", note="brings in reinforcements")
V("نشر", "154", cue=TROOPS + "|منظومة|منظومات|بطاريات|نقاط عسكرية|نقطة عسكرية", tp="في",
  note="deploys; نشر alone is 'published'")
N("تعزيزات", "تعزيزات عسكرية", "154", cue="إلى|نحو|باتجاه|اتجاه|قادمة|متجهة|تتجه|وصلت|عبر", tp="إلى|نحو",
  note="reinforcements moving (قادمة، متجهة، إلى، عبر): a deployment; as the target of a strike (استهدف تعزيزات، غارات على تعزيزات) "
  "the word names the convoy hit, not a mobilisation; sent reinforcements are the verbs' (أرسل، دفع، استقدم تعزيزات)")
V("استنفر", "152", note="puts on alert")
N("حالة التأهب", "حالة الاستنفار|رفع الجاهزية|رفع حالة التأهب|استنفار|استنفارا", "152")
N("مناورات", "مناورات عسكرية|تدريبات عسكرية|مناورة عسكرية", "150", mode="",
  note="exercises of one side: 150; joint ones are 062")
N("دورية عسكرية", "دوريات عسكرية|دورية للجيش|دوريات للجيش|دورية للشرطة|دوريات للشرطة|دورية راجلة|دوريات راجلة", "150", mode="troops",
  note="a patrol shows military presence; routine, so low value (shadowed by the joint-patrol row). Bare دورية is mostly 'periodic' (اجتماعات دورية) and دوريات 'leagues': only with what makes it a patrol")
N("عرض عسكري", "عروض عسكرية", "150", mode="")
V("أقام", "154", cue="قاعدة|قاعدة عسكرية|قواعد|نقطة عسكرية|نقاط عسكرية|حاجزا|حواجز|تحصينات|سواتر",
  tp="في", acled=SD, note="sets up a base or positions (ACLED: headquarters or base established)")

V("حلق", "150", cue="طائرة|طائرات|طيران|الطيران|مروحية|مروحيات|طائرة مسيرة|طائرات مسيرة|مسيرات|طائرات بدون طيار|طائرات استطلاع|درون|مقاتلات",
  tp="فوق|في أجواء", note="aircraft fly over (a show of force); حلق alone is 'shaved' (حلق الرأس in the Hajj)")
N("تحليق", "", "150", cue="طائرة|طائرات|طيران|الطيران|مروحية|مروحيات|مسيرات|طائرات مسيرة|طائرات بدون طيار|طائرات استطلاع|مكثف|حربي",
  tp="فوق|في أجواء", note="overflight; تحليق الأسعار (prices soaring) has no aircraft cue")
V("انتشر", "153", cue=POLICE, tp="في", note="police deploy; انتشر alone is 'spread' (a disease, a video)")
V("انتشر", "154", cue=MILITARY, tp="في", note="troops deploy")
N("انتشار", "انتشارا", "153", cue=POLICE, tp="في", note="a police deployment; انتشار alone is 'spread'")
N("انتشار", "انتشارا", "154", cue=MILITARY, tp="في", note="a military deployment")
V("شدد", "151", cue="الإجراءات الأمنية|إجراءات الأمن|إجراءاته الأمنية|إجراءاتها الأمنية|التدابير الأمنية|الحراسة|الرقابة الأمنية|الإجراءات الأمنية المشددة",
  tp="في|على", speech=False, note="tightens security; شدد alone is 'stressed' (شدد على ضرورة), a statement")
V("شدد", "191", cue="الحصار|حصاره|حصارها|الخناق", tp="على", speech=False, note="tightens a siege")
N("تشديد الإجراءات الأمنية", "تعزيز الإجراءات الأمنية|إجراءات أمنية مشددة|تشديد الإجراءات الأمنية|استنفار أمني|استنفارا أمنيا|تأهب أمني", "151",
  note="heightened security measures")
N("استعراض عسكري", "استعراضا عسكريا|استعراضات عسكرية|استعراض للقوة|استعراضا للقوة", "150", mode="", note="a show of force")

# -- 16 reduce relations (SANCTION) -------------------------------------------
V("فرض", "163", cue="عقوبات|العقوبات|عقوبات اقتصادية|حظرا|حظر", tp="على", note="imposes sanctions")
V("فرض", "191", cue="حصار|الحصار|حصارا|طوق|طوقا", tp="على", note="imposes a blockade or siege")
V("فرض", "1723", cue="حظر التجول|حظر تجول|حظر تجوال|حظرا للتجول", tp="على|في", note="imposes a curfew")
V("فرض", "1724", cue="حالة الطوارئ|الأحكام العرفية", tp="على|في", note="imposes emergency rule")
V("فرض", "172", cue="قيود|قيودا", tp="على", note="imposes restrictions")
N("عقوبات", "حزمة عقوبات|عقوبات اقتصادية|عقوبات جديدة|عقوبات إضافية", "163", cue="على|ضد|بحق", tp="على|ضد", amb="عقوبات",
  note="as the content of a threat or call, or a reference to sanctions in force, it is not an event. Without the party "
  "it falls on (على، ضد، بحق) the word is the regime or a penalty in general (بسبب العقوبات، العقوبات البديلة، لائحة العقوبات, "
  "a club's disciplinary sanctions): imposing them is فرض's row")
V("قطع", "161", cue="العلاقات|علاقاته|علاقاتها|العلاقات الدبلوماسية", tp="مع", note="breaks relations")
N("قطع العلاقات", "قطع علاقاتها|قطع العلاقات الدبلوماسية", "161", tp="مع")
V("قطع", "170", cue="الاتصالات|شبكة الإنترنت|خدمة الإنترنت|الهواتف الأرضية|خطوط الهاتف|شبكات الاتصالات|شبكة الاتصالات",
  tp="عن", note="cuts communications (to a town, a people): CAMEO has no exact code; coded 170 (coerce) as analysts do for coercive cut-offs. "
  "The bare الإنترنت is no cue (a beheading's video is posted on the internet in the same clause): the noun phrase قطع الإنترنت is listed. "
  "Water and power are left out: قطع المياه، قطع الكهرباء are mostly a utility's scheduled cuts; cutting supply lines (قطع الإمدادات) is a military act")
N("قطع الاتصالات", "قطع الإنترنت|قطع الانترنت|قطع خدمة الإنترنت|قطع شبكة الإنترنت|قطع الهواتف الأرضية|قطع خطوط الهاتف|قطع شبكات الاتصالات", "170", tp="عن",
  note="cutting communications, the verbal noun (قامت الجماعة بقطع الاتصالات والإنترنت)")
V("علق", "164", cue="المفاوضات|المحادثات|الحوار|مشاركته|مشاركتها|المباحثات", tp="مع",
  note="suspends talks; علق alone is 'commented' (علق على)")
V("طرد", "161", cue="السفير|سفير|دبلوماسيين|الدبلوماسيين|القائم بالأعمال", tp="-",
  note="expels diplomats; طرد alone (drove out of a village) is not coded")
V("أغلق", "161", cue="السفارة|سفارته|سفارتها|القنصلية", note="closes an embassy")
V("أغلق", "191", cue="المعبر|معبر|المعابر|الحدود|الطريق الدولي|الطرق",
  note="closes a crossing or border (restricts movement)")
V("أغلق", "172", cue="مكاتب|مقرات|مقر|المكاتب|المقرات|مدارس|المدارس|وسائل إعلام|قناة",
  note="closes offices, schools or media (administrative sanction)")

V("قاطع", "143", cue="الانتخابات|الاستفتاء|الانتخابات البرلمانية|الانتخابات الرئاسية|المنتجات|البضائع", tp="-", amb="قاطع",
  note="boycotts (elections, goods); قاطع is also 'decisive' (رفض قاطع) and 'interrupted'")
V("قاطع", "164", cue=TALKS + "|الاجتماع|الاجتماعات|الجلسة|جلسات|المؤتمر", tp="-", amb="قاطع", note="boycotts talks or a meeting")
N("مقاطعة", "مقاطعات", "143", cue="الانتخابات|الاستفتاء|المنتجات|البضائع", amb="مقاطعة",
  note="a boycott; مقاطعة alone is also 'province' (مقاطعة in China, Canada, Kurdistan)")
N("مقاطعة اقتصادية", "المقاطعة الاقتصادية|مقاطعة تجارية|مقاطعة دبلوماسية", "163", note="an economic or diplomatic boycott by states")
N("إغلاق", "", "191", cue="المعبر|معبر|المعابر|الحدود|الطريق الدولي|الطرق|الطريق|المنافذ|المجال الجوي|الأجواء",
  tp="-", note="closure of a crossing, border, road or airspace (restricts movement)")
N("إغلاق", "", "161", cue="السفارة|سفارته|سفارتها|القنصلية", note="closure of an embassy")

# -- 17 coerce (COERCE, and ASSAULT for 1712) ----------------------------------
V("اعتقل", "173", tp="-", note="arrests")
V("احتجز", "173", tp="-", note="detains")
V("ألقى", "173", cue="القبض", tp="على", note="arrests (ألقى القبض على)")
N("اعتقال", "اعتقالات|اعتقالا|حملة اعتقالات|حملة اعتقال|حملات اعتقال|اعتقالات تعسفية", "173", amb="اعتقال",
  note="as the content of a threat or call it is not an event")
N("احتجاز", "احتجازا", "173")
N("إلقاء القبض", "القبض على", "173", tp="على")
V("داهم", "170", tp="-", mode="", acled="", note="raids (houses, a camp); arrests that follow are separate events")
N("مداهمة", "مداهمات|حملة مداهمات|حملة دهم|عملية دهم|دهم", "170", mode="", acled="")
V("حكم", "173", cue="الإعدام|إعدام|السجن|سجن|المؤبد", tp="على", amb="حكم|يحكم|تحكم",
  note="sentences; حكم alone is 'ruled, governed'")
V("أصدر", "173", cue="حكما بالإعدام|حكما بالسجن|أحكاما بالإعدام|أحكاما بالسجن|حكما غيابيا", tp="على|بحق",
  speech=False, note="passes a sentence; أصدر alone (issued a statement) is not an event")
V("صادر", "1711", tp="-", amb="صادر", note="confiscates; صادر is also the participle 'issued' (بيان صادر عن): the bare form needs its subject")
N("مصادرة", "مصادرات", "1711")
V("استولى", "1711", cue="منازل|منزل|بيوت|أراضي|أراض|ممتلكات|أملاك|محاصيل|عقارات|محلات|عنوة|سيارة|سيارات|عربة|عربات|زوارق|قوارب|مركبات|أموال|الأموال",
  tp="على", note="seizes property (Afrin: factions seizing houses and land)")
V("استولى", "192", cue="قرية|قرى|بلدة|مدينة|تلة|موقع|مواقع|نقاط|مناطق|حي|مطار|قاعدة",
  tp="على", acled=BATTLES, note="seizes a place")
V("نهب", "1711", tp="-", mode="confiscate", acled=SD, note="loots")
N("عمليات نهب", "أعمال نهب|سرقة ونهب", "1711", acled=SD)
V("هدم", "1712", tp="-", note="demolishes")
V("جرف", "1712", tp="-", note="bulldozes (houses, graves, olive groves)")
V("دمر", "1712", tp="-", note="destroys; 'which destroyed' (ما أدى إلى تدمير) after an attack is its result, not a second event")
V("أحرق", "180", tp="-", note="burns (houses, places of worship, cars): analysts code an arson attack as an assault (18), not property destruction (1712)")
V("أضرم", "180", cue="النار|النيران", tp="في", note="sets fire to: an arson attack (18)")
V("قمع", "175", tp="-", acled="", note="represses")
V("قمع", "175", cue="مظاهرة|مظاهرات|تظاهرة|المتظاهرين|المحتجين|احتجاجات|وقفة", acled=PROTESTS,
  note="represses a protest (ACLED: protest with intervention or excessive force)")
V("فرق", "175", cue="المتظاهرين|المحتجين|مظاهرة|مظاهرات|تظاهرة|الاحتجاجات|المعتصمين",
  acled=PROTESTS, note="disperses protesters")
N("تهجير", "تهجير قسري|التهجير القسري", "174",
  note="forced displacement; 201 (mass expulsion) when a population is driven out, which the noun alone does not say")
N("ترحيل", "ترحيل قسري|الترحيل القسري|عمليات ترحيل", "174", note="deportation")
V("رحل", "174", cue="لاجئين|اللاجئين|سوريين|السوريين|مهاجرين|المهاجرين", tp="-|إلى",
  note="deports; رحل alone is 'left, passed away'")
N("حظر", "قرار حظر|حظرت|حظروا|يحظر|تحظر", "172", mode="ban", amb="حظر", pos="verb|noun",
  note="a ban, bans; inside names (منظمة حظر الأسلحة الكيميائية) it is part of the actor")

V("أسر", "173", tp="-", amb="أسر",
  note="captures (a soldier, a fighter); أسر is also 'families' (plural of أسرة, with the article or a pronoun: الأسر، أسرته) and أسروا 'confided': a verb only, and the bare form needs its subject")
V("قبض", "173", cue="على|عليه|عليها|عليهم|عليهما", tp="على",
  note="arrests (قبضت الشرطة على); قبض alone is 'received (pay)'")
N("إلقاء القبض عليه", "القبض عليه|القبض عليها|القبض عليهم|القبض عليهما|إلقاء القبض عليهم|المقبوض عليهم|المقبوض عليه|المقبوض عليها|مقبوض عليه|مقبوضا عليه", "173",
  note="arrest with the preposition's pronoun (تم القبض عليه); القبض على before a noun is the row above")
V("ضبط", "173", cue="مخالفا|مخالفين|مخالفون|متهما|متهمين|مطلوبا|مطلوبين|شخصا|أشخاص|شخصين|متسللا|متسللين|مهربا|مهربين|إرهابيين|مواطنا|وافدا|وافدين|عصابة|خلية|مشتبها|مشتبه",
  tp="-", pos="verb|noun", note="arrests (ضبط 5 مخالفين); ضبط alone is 'adjusted', and ضبط النفس is restraint")
V("ضبط", "1711", cue="كميات|كمية|أسلحة|ذخائر|مخدرات|حبوب|متفجرات|أطنان|شحنة|أقراص", tp="-", pos="verb|noun",
  mode="confiscate", note="seizes contraband, weapons")
N("استيقاف", "", "173", tp="-", note="stopping and holding a person (police)")
N("استيلاء", "", "1711", cue="منازل|منزل|بيوت|أراضي|أراض|ممتلكات|أملاك|محاصيل|عقارات|محلات|أموال|سيارة|سيارات|عربة|عربات|زوارق|قوارب|مركبات", tp="على",
  note="seizure of property")
N("استيلاء", "", "192", cue=PLACES + "|سيطرة", tp="على", acled=BATTLES, note="seizure of a place")
V("أطاح", "173", cue="خلية|خلايا|عصابة|عصابات|شبكة|متهمين|مطلوبين|مروجي|مهربين", tp="ب",
  note="busts (a cell, a gang): arrests; أطاح alone (toppled a ruler, a coach) is not listed")
N("تدمير", "تدميرا", "1712", tp="-", note="destruction; after an attack (ما أدى إلى تدمير) it is the attack's result, not a second event")
N("إحراق", "إضرام النار|إضرام النيران|حرق المنازل|إحراق المنازل", "180", tp="-",
  note="arson, an assault as analysts code it (18); حرق alone (burning waste) and حريق (a fire) are not listed")

# -- 18 assault (ASSAULT) --------------------------------------------------------
V("اختطف", "181", tp="-")
V("خطف", "181", tp="-")
N("اختطاف", "عمليات خطف|عملية خطف|عملية اختطاف", "181")
V("اعتدى", "180", tp="على", acled=VAC, note="assaults; beating, or (in partisan usage) a military attack")
V("اعتدى", "182", cue="ضرب", tp="على", acled=VAC, note="beats")
N("اعتداء", "اعتداءات|اعتداءً", "180", tp="على", acled="",
  note="assault or 'aggression' (اعتداء تركي بالمسيرات): the cue words of the clause settle 18/19")
V("عذب", "1822", tp="-")
N("تعذيب", "", "1822")
V("اغتصب", "1821", tp="-")
N("اغتصاب", "", "1821")
V("اغتال", "186", tp="-", add="اغتيل|اغتيلت|اغتيلوا", note="assassinates (186; 185 is the attempt); the passive past اغتيل is listed")
N("اغتيال", "اغتيالات|عملية اغتيال|عمليات اغتيال", "186")
N("محاولة اغتيال", "محاولة لاغتيال|محاولات اغتيال", "185", note="attempted assassination")
V("ذبح", "1823", tp="-", mode="primitive", note="kills by cutting the throat; also slaughter of animals")
V("أعدم", "1823", tp="-", mode="execute", acled=VAC,
  note="executes (by an armed group, or judicially: PLOVER mode execute)")
N("إعدام", "إعدامات|إعدام ميداني|عمليات إعدام", "1823", mode="execute", acled=VAC)
N("تفجير", "تفجيرات|تفجيرا|تفجيرين", "183", note="a bombing")
N("تفجير انتحاري", "تفجيرات انتحارية|هجوم انتحاري|هجمات انتحارية|عملية انتحارية|عمليات انتحارية", "1831")
N("سيارة مفخخة", "سيارات مفخخة|مفخخة|دراجة نارية مفخخة|عربة مفخخة|صهريج مفخخ", "1832")
N("عبوة ناسفة", "عبوات ناسفة|عبوة|لغم|ألغام|لغم أرضي|قنبلة", "1833", amb="عبوة|قنبلة",
  note="IEDs and mines; 1833 (roadside bombing) is the nearest CAMEO code for both")
V("فجر", "183", only="فجرت|فجروا|يفجر|يفجرون", tp="-",
  note="blows up; the bare فجر is 'dawn' (فجر اليوم) and is not listed")
V("فجر", "1831", cue="نفسه|نفسها|حزامه|حزاما ناسفا|حزام ناسف", only="فجر|فجرت|فجروا|يفجر",
  note="suicide bombing (فجر نفسه)")
V("انفجر", "183", tp="", note="exploded; often no source actor (a mine, a leftover): code only with an actor")
N("انفجار", "انفجارات|انفجارا|انفجارين", "183", note="often without a source actor")

V("استشهد", "190", only="استشهد|استشهدت|استشهدوا", tp="", mode="", acled="",
  note="was killed (martyred): a death in violence, coded like قتل; the present يستشهد is 'cites' and is left out")
V("استشهد", "183", cue=EXPLOSIVES, only="استشهد|استشهدت|استشهدوا")
V("استشهد", "1831", cue="انتحاري|تفجير انتحاري|هجوم انتحاري|عملية انتحارية|حزام ناسف", only="استشهد|استشهدت|استشهدوا")
N("استشهاد", "", "190", mode="", acled="", note="a death in violence (martyrdom), like مقتل")
N("استشهاد", "", "1831", cue="انتحاري|تفجير انتحاري|هجوم انتحاري|عملية انتحارية|حزام ناسف")
N("استشهاد", "", "183", cue=EXPLOSIVES)
N("تصفية", "عمليات تصفية|أعمال تصفية|تصفية جسدية|تصفيات جسدية|التصفية الجسدية|تصفية ميدانية", "180", tp="-", amb="تصفية",
  acled=VAC, note="liquidation (a killing); تصفية alone is also a company's liquidation, تصفية الحسابات: the bare form needs an actor")
V("تحرش", "1821", tp="ب", amb="تحرش", pos="verb|noun",
  note="harasses sexually, and the verbal noun with its object (التحرش بالفتاتين); the bare تحرش is also the noun of the law, the debate")
N("تحرش جماعي", "التحرش الجماعي|حادثة تحرش|حوادث تحرش|واقعة تحرش", "1821", note="an incident of sexual harassment")

# -- 19 fight (ASSAULT; COERCE for 191, 192) --------------------------------------
V("هاجم", "190", tp="-", note="attacks; verbal attacks (هاجم الوزير المعارضة) are speech, not coded here")
N("هجوم", "هجمات|هجوما|هجومين|هجوم بري|هجمة|هجوما بريا", "190", tp="على",
  note="as the content of a threat or accusation it is not an event of its own")
V("شن", "190", cue="هجوم|هجوما|هجمات|عملية عسكرية|عمليات عسكرية|حملة عسكرية|عملية|هجمة", tp="على",
  note="launches an attack")
V("بدأ", "190", cue="حملة عسكرية|عملية عسكرية|هجوما|هجوم|عملية برية|هجوما بريا", tp="على|ضد",
  note="starts a military campaign or attack; بدأ alone ('began') is no event")
V("شن", "195", cue="غارة|غارات|غارات جوية|ضربات جوية|ضربة جوية", tp="على", note="launches air strikes")
V("شن", "173", cue="حملة اعتقالات|حملة اعتقال|حملة مداهمات|حملة دهم|حملات اعتقال", tp="على|في",
  note="launches an arrest campaign")
V("نفذ", "190", cue="هجوم|هجوما|هجمات|عملية|عمليات|عملية عسكرية|عملية إنزال|إنزالا جويا|إنزال جوي", tp="على|ضد",
  note="carries out an attack; نفذ alone (carried out a project) is not an event")
V("نفذ", "195", cue="غارة|غارات|ضربة جوية|ضربات جوية", tp="على", note="carries out air strikes")
V("نفذ", "183", cue="تفجير|تفجيرا|تفجيرات", tp="-", note="carries out a bombing")
V("نفذ", "1831", cue="عملية انتحارية|هجوم انتحاري|تفجير انتحاري", tp="-", note="carries out a suicide attack")
V("نفذ", "1823", cue="حكم الإعدام|إعدام|الإعدام|إعدامات", tp="ب|بحق", mode="execute", acled=VAC,
  note="carries out an execution")
V("استهدف", "190", tp="-", acled="", amb="يستهدف|تستهدف",
  note="targets; the weapon (cue rows) gives the code and ACLED type; يستهدف is also 'aims at' (a project)")
V("استهدف", "195", cue=AERIAL, tp="-", note="targets from the air (drones, aircraft)")
V("استهدف", "194", cue=HEAVY, tp="-", note="targets with artillery, rockets, mortars")
V("استهدف", "193", cue=FIREARMS, tp="-", note="targets with small arms, snipers")
V("استهدف", "183", cue=EXPLOSIVES, tp="-", note="targets with an IED, mine or car bomb")
V("استهدف", "2041", cue=CBRN, tp="-", acled=ER, note="targets with chemical weapons")
N("استهداف", "", "190", acled="", note="targeting; the weapon in the clause gives the code")
V("قصف", "190", tp="-", acled=ER, mode="",
  note="shells or bombs: artillery or air, the cue words decide 194/195; ACLED is remote violence either way")
V("قصف", "195", cue=AERIAL, tp="-")
V("قصف", "194", cue=HEAVY, tp="-")
V("قصف", "2041", cue=CBRN, tp="-", acled=ER, note="a chemical attack")
N("قصف مدفعي", "قصفا مدفعيا|قصف صاروخي|قصفا صاروخيا|قصف بالهاون|قصف بقذائف الهاون|قصف براجمات الصواريخ", "194")
N("قصف جوي", "قصفا جويا|ضربة جوية|ضربات جوية|ضربة بطائرة مسيرة|ضربات بطائرات مسيرة", "195")
N("غارة", "غارات|غارتين|غارة جوية|غارات جوية", "195")
V("أغار", "195", only="أغار|أغارت|أغاروا", tp="على",
  note="raids from the air; the present يغير is 'changes' and is not listed")
V("دك", "194", tp="-", note="pounds (with artillery)")
V("أطلق", "193", cue="النار|الرصاص|النيران|رصاص|الرصاص الحي|عيارات نارية", tp="على",
  note="opens fire (أطلق النار)")
V("أطلق", "194", cue="صواريخ|صاروخا|قذائف|قذيفة|قذائف هاون", tp="على|باتجاه|نحو", note="fires rockets or shells")
V("فتح", "193", cue="النار|نيران", tp="على", note="opens fire")
N("إطلاق نار", "إطلاق النار|إطلاق الرصاص|إطلاق رصاص", "193", tp="على",
  note="shooting; inside وقف إطلاق النار (longer, matched first) it is part of the ceasefire")
N("تبادل إطلاق النار", "تبادل لإطلاق النار|تبادل إطلاق نار", "193", tp="مع|بين")
N("تبادل القصف", "قصف متبادل|تبادل قصف", "194", tp="مع|بين")
V("قنص", "193", tp="-", pos="verb|noun", add="عمليات قنص|رصاص قناص", note="snipes; sniping")
V("اشتبك", "190", tp="مع", note="clashes with; the weapons in the clause may give 193/194")
V("اشتبك", "193", cue="أسلحة خفيفة|أسلحة رشاشة|أسلحة خفيفة ومتوسطة|أسلحة متوسطة", tp="مع")
N("اشتباكات", "اشتباك|اشتباكا|اشتباكات عنيفة", "190", tp="مع|بين")
N("معارك", "معركة|معارك عنيفة", "190", tp="مع|ضد|بين", amb="معركة",
  note="also figurative (معركة ضد الفساد، المعركة الانتخابية)")
N("قتال", "اقتتال|اقتتال داخلي", "190", tp="مع|ضد|بين", note="fighting; اقتتال is infighting")
V("قاتل", "190", tp="-|ضد|مع", amb="قاتل", note="fights; قاتل is also 'killer'")
N("كمين", "كمينا|كمائن", "190", note="an ambush")
V("نصب", "190", cue="كمين|كمينا|كمائن", tp="ل", note="sets an ambush; نصب alone is 'erected'")
V("تصدى", "190", tp="ل", note="repels (an attack); also 'tackles' (a problem)")
V("صد", "190", cue="هجوم|هجوما|هجمات|محاولة تسلل|تسلل|محاولة تقدم", tp="-", note="repels an attack")
V("أحبط", "190", cue="هجوم|هجوما|هجمات|محاولة تسلل|محاولة تقدم|تسلل", tp="-", acled="",
  note="foils an attack; ACLED codes a foiled attack only if fighting is reported")
N("محاولة تسلل", "محاولات تسلل|محاولة تقدم|محاولات تقدم", "190", acled=BATTLES,
  note="an infiltration attempt (usually repelled in a clash)")
V("توغل", "190", tp="في|داخل", acled="", note="an incursion")
V("اقتحم", "190", tp="-", acled="", note="storms (a town, a building); by security forces often with arrests")
N("اقتحام", "", "190", acled="")
V("اجتاح", "192", tp="-", acled=BATTLES, note="invades; also storms and epidemics (اجتاحت العاصفة)")
N("اجتياح", "", "192", acled=BATTLES)
N("عملية عسكرية", "عمليات عسكرية|حملة عسكرية|عملية برية|العملية العسكرية|عملية أمنية|عمليات أمنية|حملة أمنية|حملات أمنية", "190", acled="",
  note="an operation (نبع السلام، غصن الزيتون); its name may be an actor-like name in the KB")
N("إنزال جوي", "عملية إنزال|عملية إنزال جوي|إنزالا جويا", "190", acled=BATTLES, note="an airborne raid")
V("سيطر", "192", only="سيطر|سيطرت|سيطروا|يسيطر|تسيطر|يسيطرون", tp="على", acled=BATTLES,
  note="takes control; the present يسيطر is stative ('controls') and the coder keeps it only in a headline, where the present tells the news")
# «بسطت القوات سيطرتها على»، «أحكمت سيطرتها على»، «إحكام السيطرة على»:
# the light verbs of taking control; their object (سيطرة) is the cue.
V("بسط", "192", cue="سيطرة|سيطرته|سيطرتها|سيطرتهم|نفوذه|نفوذها", pos="verb|noun", tp="على", acled=BATTLES,
  note="extends its control over (بسط is also the verbal noun)")
V("أحكم", "192", cue="سيطرة|سيطرته|سيطرتها|سيطرتهم|قبضته|قبضتها", only="أحكم|أحكمت|أحكموا", tp="على", acled=BATTLES, note="tightens its control over (past only: يحكم is 'rules')")
N("إحكام", "", "192", cue="سيطرة|سيطرته|سيطرتها|سيطرتهم|قبضته|قبضتها", tp="على", acled=BATTLES, note="tightening control over")
V("استعاد", "192", cue="سيطرة|سيطرته|سيطرتها", tp="على", acled=BATTLES, note="retakes")
V("حاصر", "191", tp="-", note="besieges, surrounds")
N("حصار", "حصارا", "191", amb="حصار", note="a siege; also references to a long-standing siege")
V("خرق", "196", cue=CEASEFIRE + "|الاتفاق|اتفاق", tp="-", acled="", note="violates a ceasefire")
V("انتهك", "196", cue=CEASEFIRE + "|الاتفاق|اتفاق", tp="-", acled="", note="violates a ceasefire")
N("خرق وقف إطلاق النار", "خرق الهدنة|خروقات|انتهاك وقف إطلاق النار|انتهاك الهدنة|انتهاكات وقف إطلاق النار", "196", acled="",
  amb="خروقات", note="ceasefire violations; خروقات alone is a ceasefire violation in this region's reporting")
V("أسقط", "190", cue="طائرة|طائرة مسيرة|مسيرة|مسيرات|مروحية|طائرة استطلاع|طائرات", tp="-", mode="",
  acled=SD, note="shoots down (ACLED: disrupted weapons use); أسقط alone (dropped charges, toppled) is not coded")
V("قتل", "190", tp="-", mode="", acled="",
  note="killed (active or passive: unvowelled text does not tell); the weapon in the clause gives 193/194/195/183, and ACLED follows the target")
V("قتل", "193", cue=FIREARMS, tp="-")
V("قتل", "195", cue=AERIAL, tp="-")
V("قتل", "194", cue=HEAVY, tp="-")
V("قتل", "183", cue=EXPLOSIVES, tp="-")
V("قتل", "1823", cue=PRIMITIVE, tp="-", mode="primitive")
V("قتل", "2041", cue=CBRN, tp="-", acled=ER, note="kills with chemical weapons")
N("مقتل", "", "190", mode="", acled="",
  note="a death report; when an attack trigger is in the same clause, that one is the event")
N("مجزرة", "مجازر|مجزرتين", "180", acled=VAC,
  note="massacre: 202 (mass killing) is not assumed, partisan outlets call any deadly attack a مجزرة (see data/framing)")
N("إبادة جماعية", "الإبادة الجماعية|حرب إبادة", "202")
N("تطهير عرقي", "التطهير العرقي", "203")
N("هجوم كيميائي", "هجمات كيميائية|قصف كيميائي|أسلحة كيميائية|غازات سامة|غاز سام", "2041", acled=ER)


N("سيطرة", "", "192", cue=PLACES, tp="على", acled=BATTLES,
  note="taking control of a place; سيطرة alone (on prices, a fire, the situation) is not listed, nor تحت سيطرة (a state)")
V("استعاد", "192", cue=PLACES, tp="-", acled=BATTLES, note="retakes a place; استعاد alone is 'regained' (health, a title)")
N("استعادة", "", "192", cue=PLACES + "|سيطرة", tp="-", acled=BATTLES, note="retaking a place")
V("حرر", "192", cue=PLACES, tp="-", acled=BATTLES,
  note="liberates (takes) a place; حرر alone is 'edited, issued (a ticket)', and the word is framing (data/framing)")
N("تحرير", "", "192", cue=PLACES, tp="-", acled=BATTLES,
  note="liberation of a place (a capture in the victor's words); تحرير alone is 'editing' (رئيس التحرير) and is in names (هيئة تحرير الشام)")
N("تطهير", "", "190", cue=PLACES, tp="-", acled="", note="clearing a place of fighters; تطهير alone is 'disinfecting'")
V("انتزع", "192", cue=PLACES + "|سيطرة", tp="-", acled=BATTLES, note="wrests (a town); انتزع alone is sports and figurative")
V("دحر", "190", tp="-", pos="verb|noun", note="routs, drives back (fighters); as the aim of a call or plan (دحر الإرهاب) it is content")
V("طرد", "190", cue=FIGHTERS, pos="verb|noun", tp="-", ip="من",
  note="drives fighters out (of a place), and the verbal noun (لطرد المسلحين); طرد alone is 'dismissed, expelled'")
N("تمشيط", "عملية تمشيط|عمليات تمشيط|حملة تمشيط|حملات تمشيط", "190", tp="-", acled="",
  note="a sweep of an area for fighters (security or military)")
V("طوق", "191", only="طوقت|طوقوا|يطوق|تطوق|يطوقون", tp="-", note="surrounds, cordons off; the bare طوق is the noun 'collar, ring'")
N("تطويق", "طوق أمني|طوقا أمنيا", "191", tp="-", note="encirclement, a security cordon")
V("تقدم", "190", only="تقدمت|تقدموا|يتقدم|تتقدم|يتقدمون", cue="نحو|باتجاه|صوب|داخل|في عمق",
  tp="نحو|باتجاه|صوب", acled="", note="forces advance; تقدم is also 'submitted, progressed' (تقدم بطلب): only with a direction; the bare تقدم is قدم's present")
V("دخل", "192", only="دخل|دخلت|دخلوا", cue="قوات|القوات|الجيش|مقاتلو|مقاتلي|عناصر|المسلحون|مسلحون|الميليشيات|ميليشيات|الدبابات|دبابات|الآليات|آليات عسكرية",
  tp="-", acled="", note="forces enter (a town: VSO puts them after the verb); دخل alone is 'entered'")
V("سقط", "192", only="سقط|سقطت|سقطوا", cue="بيد|في يد|بأيدي|في أيدي|في قبضة|بقبضة", tp="", acled=BATTLES, note="(a town) falls into the hands of; past only: يسقط is أسقط's present")
N("سقوط", "", "192", cue="بيد|في يد|بأيدي|في أيدي|في قبضة|بقبضة|+place", tp="", acled=BATTLES,
  note="the fall of a town (سقوط الموصل) or into the hands of; سقوط alone (قتلى، طائرة، النظام) is not listed")
N("قذيفة", "قذائف|قذيفة هاون|قذائف هاون|قذائف مدفعية|قذيفة مدفعية|قذيفة صاروخية|قذائف صاروخية", "194", acled=ER,
  note="a shell; after قصف or أطلق it is their cue, not an event of its own")
V("ضرب", "190", only="ضرب|ضربت|ضربوا", cue="مواقع|معاقل|أهدافا|أهداف|تجمعات|مقرات|مخازن|تحصينات", tp="-", acled="",
  note="strikes (positions); ضرب alone is 'hit, beat' and figurative")
V("ضرب", "195", only="ضرب|ضربت|ضربوا", cue=AERIAL, tp="-", note="strikes from the air")
V("أجبر", "190", cue="الانسحاب|التراجع|الفرار|الهروب|الانكفاء", tp="-", ip="على", acled="",
  note="forces (fighters) to withdraw or flee; أجبر alone is any compulsion")
N("قتلى", "قتيل|قتيلا|قتيلين|قتيلان", "190", mode="", acled="",
  note="a casualty report, like مقتل; also road accidents (a known false positive)")
V("توفي", "190", cue="متأثرا بجروحه|متأثرة بجروحها|متأثرين بجروحهم|متأثرا بجراحه|متأثرة بجراحها|متأثرين بجراحهم|متأثرا بإصابته|متأثرة بإصابتها",
  only="توفي|توفيت|توفوا|يتوفى|تتوفى", mode="", acled="", note="died of wounds: the toll of an attack told before; توفي alone is any death")
V("لقي", "190", cue="حتفه|حتفها|حتفهم|مصرعه|مصرعها|مصرعهم|حتفهما|مصرعهما", only="لقي|لقيت|لقوا",
  mode="", acled="", note="was killed (لقي حتفه، مصرعه); often in accidents too; past only: the present يلقى is ألقى's")
V("أصيب", "190", cue=WOUNDS, only="أصيب|أصيبت|أصيبوا|يصاب|تصاب|يصابون", mode="", acled="",
  note="wounded (by gunfire, shrapnel); أصيب alone is also illness and sports injury")
N("إصابة", "إصابات", "190", cue=WOUNDS, mode="", acled="", note="a wound by gunfire or shrapnel")
N("تصعيد عسكري", "التصعيد العسكري|تصعيدا عسكريا", "190", acled="", note="military escalation; التصعيد alone (خفض التصعيد) is not listed")
N("تصعيد", "", "190", cue="بين", acled="", tp="بين",
  note="escalation between two sides (التصعيد بين أنقرة والحزب): a fight told of both; التصعيد alone is not listed")

# Verbs whose bare past form is also their verbal noun (قصف 'shelled' and
# 'shelling'): pos verb|noun, the engine reads the source from a subject or a
# genitive (قصف تركي، قصف قوات النظام).
VERB_NOUN = {"قصف", "قتل", "خطف", "نهب", "هدم", "قمع", "رفض", "حشد", "ذبح", "جرف", "قنص", "دك"}
for _r in HAND_TRIGGERS:
    if _r["pos"] == "verb" and _r["trigger"] in VERB_NOUN:
        _r["pos"] = "verb|noun"

# ---------------------------------------------------------------------------
# Derivation from CAMEO.ar.0.5.txt

# English glosses (as CAMEO.ar's comments give them) that name an event, and
# the CAMEO code a verb with that gloss gets.  Glosses with a second common
# sense (call, take, strike, charge, cut, set, place, drive, hit ...) are not
# here: the hand rows handle those verbs with cues.
GLOSS_CODES = {
    "abduct": "181", "kidnap": "181", "hijack": "181", "snatch": "181",
    "accuse": "112", "blame": "112",
    "arrest": "173", "detain": "173",
    "attack": "190", "clash": "190", "fight": "190", "battle": "190", "ambush": "190",
    "kill": "190", "shoot": "193", "bomb": "190", "blitz": "190",
    "raid": "170",
    "condemn": "111", "denounce": "111", "censure": "111",
    "demand": "100", "reject": "120", "refuse": "120", "rebuff": "120",
    "threaten": "130",
    "expel": "174",
    "protest": "140", "rally": "141",
    "boycott": "143",
    "release": "0841", "free": "0841",
    "retreat": "0874", "withdraw": "0874",
    "visit": "042", "host": "043", "discuss": "040", "negotiate": "046", "mediate": "045",
    "appeal": "020", "urge": "020",
    "praise": "051", "applaud": "051", "hail": "051", "endorse": "051", "apologize": "055",
    "veto": "129",
    "blockade": "191", "besiege": "191",
    "occupy": "192", "seize": "192", "capture": "192", "recapture": "192", "overrun": "192",
    "mobilise": "154", "deploy": "154",
    "investigate": "090",
    "convict": "116", "sue": "115", "complain": "114",
    "destroy": "1712", "burn": "1712",
    "explode": "183", "blast": "183",
    "assassinate": "186",
    "warn": "012",
}

# Candidates the filters let through and a reviewer rejected, with the reason.
REVIEWED_OUT = {
    "عند": "a preposition ('at'), gloss insist mistranslated",
    "دعم": "support: verbal and material readings, and the noun دعم is everywhere",
    "رفع": "'raised': a trigger only with cues (hand rows)",
    "وضع": "'put, placed': not an event",
    "تراجع": "'declined' (prices, numbers) far more than military retreat",
    "نقل": "'transferred, reported'",
    "عرض": "'displayed, offered': too many senses",
    "طلب": "hand row (020 with an ambiguity flag)",
    "حدث": "'happened, talked' (gloss slam is a mistranslation)",
    "نشر": "'published': a trigger only with cues (hand rows)",
    "وقع": "'happened, fell': a trigger only with cues (hand rows)",
    "حق": "a noun ('right')",
    "شارك": "'took part': no event reading of its own",
    "منع": "'prevented, banned': too many readings",
    "علم": "'knew, flag'",
    "خلف": "'behind, left (behind)'",
    "فرض": "a trigger only with cues (hand rows)",
    "خط": "a noun ('line')",
    "سير": "'ran (a service), walking': not protest",
    "خطر": "a noun ('danger')",
    "اطلق": "a trigger only with cues (hand rows)",
    "ابى": "literary 'refused', rare in news; ambiguous with أبي (my father)",
    "اصدر": "'issued' (a statement, a decree): not a yield",
    "تبادل": "a trigger only in phrases (hand rows)",
    "ترك": "'left'",
    "قطعة": "a noun ('piece'), a broken lemma",
    "فصل": "'separated, dismissed (from a job), chapter'",
    "سحب": "a trigger only with cues (hand rows)",
    "ضرب": "'hit, struck', also figurative; too ambiguous",
    "خرج": "'went out'",
    "نصر": "a noun ('victory'), a name",
    "حرم": "'deprived'; a noun (campus)",
    "هجر": "'abandoned' and 'displaced': hand noun تهجير only",
    "طرد": "'drove out' of a village (military) vs expelled: hand rows with cues",
    "قضى": "'spent, passed away'",
    "اقام": "'resided, held (an event)'",
    "حرق": "a noun ('burning'); hand row أحرق",
    "اغلق": "a trigger only with cues (hand rows)",
    "خاض": "'waded into' (a battle, an election): figurative as often as not",
    "أخطر": "'notified'; also 'most dangerous'",
    "تعاقد": "'contracted': business",
    "صادق": "'ratified' is 057 only for treaties; also the adjective 'truthful', a name",
    "نزل": "'descended, stayed': gloss host is a mistranslation",
    "رحل": "'left, passed away': hand row with cues",
    "مات": "'died': no actor",
    "حصر": "'restricted, counted'",
    "فك": "'untied, lifted (a siege)': hand rows",
    "قاتل": "hand row (ambiguity flag)",
    "عزز": "'strengthened' (relations, cooperation)",
    "صدق": "'believed, ratified'",
    "صدق+على": "'ratified': rare, and صدق is 'believed'",
    "امضى": "'spent (time)'",
    "تخلى": "'abandoned': not a release",
    "نقش": "a broken lemma",
    "وفر": "'provided, saved': not an aid event alone",
    "قاطع": "'interrupted', the adjective 'decisive'",
    "اصر": "'insisted': not a demand event",
    "قوم": "a noun ('people')",
    "تلف": "'damage' (noun)",
    "برز": "'emerged'",
    "كمن+ل": "hand noun كمين",
    "سأل": "'asked' (a question)",
    "تحرر": "'was freed, liberated': framing, passive",
    "نبذ": "'renounced' (violence): rare",
    "تبرع+ب": "'donated' (charity), not state aid",
    "سدد": "'paid (a debt)'",
    "سند": "a noun ('bond, support')",
    "اشتكى": "'complained' (of pain), not an official complaint",
    "اشتكى+من": "as اشتكى",
    "عارض": "'opposed': a stance, not an event; also 'model' (noun)",
    "شجع": "'encouraged'",
    "أستانف": "'appealed (a verdict), resumed'",
    "غلق": "a broken lemma",
    "اعترض": "'intercepted' as often as 'objected'",
    "اعترض+على": "'objected': a stance",
    "ساري": "'in force' (adjective)",
    "طلق": "'divorced'",
    "دعى": "misspelling of دعا",
    "اصطدم": "'collided' (vehicles)",
    "عتق": "a broken lemma",
    "انكر": "'denied' (rare in news)",
    "جهز": "'equipped, prepared'",
    "صدم": "'shocked, hit (a car)'",
    "رجع": "'returned'",
    "نبه": "'alerted': a comment",
    "اعاق": "'hindered'",
    "مشى": "'walked'",
    "تبرا": "'disowned'",
    "حرر": "'liberated, edited': framing (data/framing) and bylines",
    "يلوم+في": "a broken lemma",
    "صفق": "'applauded, slammed (a door)'",
    "خلى": "a broken lemma",
    "ابد": "a broken lemma",
    "جاوز": "'exceeded'",
    "سحق": "'crushed': figurative",
    "انشق": "'defected': no CAMEO event between two actors",
    "كافح": "'combated' (drugs, a disease)",
    "نذر": "'vowed (to God)'",
    "دبر": "'plotted, arranged'",
    "الح": "'insisted'",
    "نشد": "a broken lemma",
    "هجم": "a broken lemma (هاجم)",
    "هجم+على": "a broken lemma",
    "صارع": "'wrestled'",
    "قاوم": "'resisted': framing",
    "حور": "a broken lemma",
    "خرب": "'sabotaged': rare",
    "اغار": "hand row أغار (past forms only)",
    "شبك": "'networked'",
    "ناقش+في": "hand row ناقش",
    "ناقش+عن": "hand row ناقش",
    "حذر+من": "hand row حذر",
    "ندد+ب": "hand row ندد",
    "احتج+على": "hand row احتج",
    "انسحب+من": "hand row انسحب",
    "استولى+على": "hand rows with cues",
    "دعا+إلى": "hand row دعا",
    "أشاد+ب": "hand row أشاد",
    "مشى": "'walked'",
    "ادان": "hand row أدان",
    "ذبح": "hand row",
    "داهم": "hand row (170)",
    "احتل": "'occupied' and 'ranked' (احتل المرتبة); the present is stative (تحتلها تركيا): framing, not an event",
    "اوقد": "'lit' (a fire, a candle)",
    "جاهد": "'strove': religious framing",
    "ذمر": "a broken lemma",
    "سرح": "'combed, demobilised, dismissed': rare",
    "شعل": "a broken lemma",
    "شكا": "'complained' (of a shortage), not an official complaint",
    "شكى": "as شكا",
    "صرع": "'epilepsy, killed (in an accident)'",
    "صطدم": "a broken lemma",
    "عدى": "'crossed, exceeded'",
    "فتك": "'ravaged' (a disease)",
    "نكر": "a broken lemma",
}
# Lemmas whose hand row is the same verb under another spelling in CAMEO.ar.
SPELLING = {"ادان": "أدان", "اطلق": "أطلق", "اغار": "أغار", "اسقط": "أسقط", "اعلن": "أعلن",
            "افرج": "أفرج", "اعدم": "أعدم", "احرق": "أحرق", "اغلق": "أغلق", "ابرم": "أبرم"}


def read_lexicon():
    counts = {}
    try:
        with open(LEXICON, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 2 and parts[1].isdigit():
                    counts[parts[0]] = int(parts[1])
    except OSError:
        pass
    return counts


def news_count(forms, counts):
    """Summed counts of the forms' keys, bare and with و or ف attached."""
    total = 0
    for f in forms:
        k = fold(f)
        for pre in ("", "و", "ف"):
            total += counts.get(pre + k, 0)
    return total


def parse_cameo_ar(path):
    """lemma -> list of (code from the dictionary or '', [glosses])."""
    entries = collections.defaultdict(list)
    in_verbs = False
    header_code = ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("####### VERB PATTERNS"):
                in_verbs = True
                continue
            if not in_verbs or not line.strip() or line.startswith("#"):
                continue
            m = re.match(r"^--- (.+?) \[(.+?)\] ---", line)
            if m:
                header_code = "" if m.group(2) == "---" else m.group(2)
                continue
            if line.startswith("-") or line.startswith("&") or line.startswith("+"):
                continue
            m = re.match(r"^(\S.*?)\s*(?:\[(\d+)\])?\s*#\s*(.*)$", line)
            if not m:
                continue
            lemma = " ".join(m.group(1).split())
            code = m.group(2) or header_code
            glosses = [g.strip() for g in m.group(3).split(",") if g.strip()]
            entries[lemma].append((code, glosses))
    return entries


def derive_triggers(entries, counts, review):
    hand_lemmas = {fold(r["trigger"].split()[0]) for r in HAND_TRIGGERS if r["pos"] != "noun"}
    corroborated = {}
    derived = []
    dropped = []
    for lemma in sorted(entries):
        codes = set()
        glosses = set()
        for _code, gl in entries[lemma]:
            for g in gl:
                glosses.add(g)
                if g in GLOSS_CODES:
                    codes.add(GLOSS_CODES[g])
        if not codes:
            continue
        base = lemma.split("+")[0]
        prep = lemma.split("+")[1] if "+" in lemma else ""
        key = fold(SPELLING.get(base, base))
        if key in hand_lemmas:
            corroborated.setdefault(key, set()).update(c[:2] for c in codes)
            continue
        roots = {c[:2] for c in codes}
        if lemma in REVIEWED_OUT or base in REVIEWED_OUT:
            dropped.append((lemma, sorted(codes), "reviewed out: " + REVIEWED_OUT.get(lemma, REVIEWED_OUT.get(base, ""))))
            continue
        if len(roots) > 1:
            dropped.append((lemma, sorted(codes), "glosses of several CAMEO roots"))
            continue
        if " " in base or not re.fullmatch("[\u0621-\u064a]+", base):
            dropped.append((lemma, sorted(codes), "not a single written verb"))
            continue
        try:
            forms = conjugate(base, PRESENT.get(base), default_speech(sorted(codes)[0]))
        except ConjugationError as e:
            dropped.append((lemma, sorted(codes), str(e)))
            continue
        n = news_count(forms, counts)
        if n < FREQ_MIN:
            dropped.append((lemma, sorted(codes), f"rare in the news counts ({n})"))
            continue
        code = sorted(codes, key=len)[0] if len(codes) > 1 else next(iter(codes))
        gl = ",".join(sorted(g for g in glosses if g in GLOSS_CODES))
        derived.append({
            "trigger": base, "forms": forms, "pos": "verb", "cue": "", "cameo": code,
            "plover_type": plover_type(code), "plover_mode": plover_mode(code),
            "acled": ACLED_BY_CODE.get(code, ""),
            "speech": "yes" if default_speech(code) else "no",
            "target_prep": prep, "issue_prep": "", "ambiguous": "",
            "source": "cameo-ar",
            "note": f"CAMEO.ar.0.5 lemma {lemma} (gloss {gl}); news count {n}",
        })
    if review:
        print("== hand triggers and what CAMEO.ar says (roots of the mapped glosses)", file=sys.stderr)
        for r in HAND_TRIGGERS:
            k = fold(r["trigger"].split()[0])
            if r["pos"] != "noun" and not r["cue"]:
                print(f"  {r['trigger']}\t{r['cameo']}\tcameo-ar: {','.join(sorted(corroborated.get(k, []))) or '-'}",
                      file=sys.stderr)
        print("== derived", file=sys.stderr)
        for d in derived:
            print(f"  {d['trigger']}\t{d['cameo']}\t{d['note']}", file=sys.stderr)
        print("== dropped candidates", file=sys.stderr)
        for lemma, codes, why in dropped:
            print(f"  {lemma}\t{','.join(codes)}\t{why}", file=sys.stderr)
    return derived, corroborated


# Cue words from CAMEO.ar.0.5's synonym sets.
# class -> (synsets read, keywords: a member goes to the class when one of its
# words starts with a keyword; an empty tuple takes every member).
SYNSET_CUES = {
    "aerial": (("&AIRCRAFT", "&WEAPON"), ("طائرة", "طائرات", "مروحية", "حربية", "نفاثة", "طيار", "اباتشي", "ميغ", "ميج", "اف-", "سو-")),
    "heavy": (("&WEAPON",), ("مدفع", "مدافع", "مدفعية", "هاوتزر", "دبابة", "صاروخ", "صواريخ", "قذيفة", "بازوكا", "ناقلة", "مدرعة", "بطاريات")),
    "firearms": (("&WEAPON",), ("بندقية", "مسدس", "رشاش", "كلاشنكوف", "كاربين", "عوزي", "ام16", "ام14", "عيار")),
    "explosives": (("&WEAPON",), ("عبوة", "مفخخة", "متفجرات", "مرتجلة")),
    "primitive": (("&WEAPON",), ("سكين", "سكاكين", "سيف", "سيوف", "خنجر", "حربة", "هراوة", "منجل", "رمح", "مقلاع")),
    "cbrn": (("&WMD",), ("كيماوية", "كيميائية", "سارين", "الأعصاب", "الخردل", "غاز")),
    "ceasefire": (("&CEASEFIRE",), ()),
    "talks": (("&NEGOTIATION",), ("مفاوضة", "حوار")),
    "mediation": (("&MEDIATION",), ("وساطة", "تحكيم")),
    "agreement": (("&TREATY",), ()),
    "detention": (("&DETENTION",), ("احتجاز", "اعتقال", "سجن")),
}
# Members read and rejected (translated names of foreign weapons, other senses).
SYNSET_OUT = {"قاذفة", "مقاتلة", "طائرة شراعية", "منطاد", "سفينة هوائية", "طائرة نقل", "طائرة ركاب نفاثة",
              "نفاثة ضخمة", "حاملة طائرات", "سجن", "اصلاحية", "وصاية", "حجز", "اتفاقية كتابية", "ميثاق",
              "صاروخ مضاد للسفن", "قنبلة نووية", "سلاح نووي", "جهاز نووي", "أسلحة نووية", "قنبلة ذرية",
              "سلاح نووي تكتيكية", "أسلحة ذرية", "أسلحة غير تقليدية", "سلاح دمار شامل", "أسلحة دمار شامل",
              "مضاد للألغام", "طائرة المفترس من دون طيار", "طائرة الحاصد من دون طيار", "عربة جوية من دون طيار",
              "نظام جوي من دون طيار", "اباتشي طائرة حربية", "نفاثة كلب الصيد", "طائرة من دون طيار متحكمة عن بعد",
              "صاروخ افعى الجرس", "صاروخ نار الجحيم", "دبابة معركة", "قذيفة صاروخية الدفع", "في اكس غاز الأعصاب",
              "معسكر اعتقال", "بندقية عديمة الارتداد", "ناقلة جنود مدرعة"}


def read_synsets(path):
    sets = collections.defaultdict(list)
    name = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("####### VERB PATTERNS"):
                break
            if line.startswith("&"):
                name = line.split()[0]
            elif line.startswith("+") and name:
                member = " ".join(line.strip("+_ ").replace("_", " ").split())
                if member and member not in sets[name]:
                    sets[name].append(member)
    return sets


def derive_synset_cues(path, counts, review):
    """class -> members of CAMEO.ar's synsets to add to that cue class."""
    sets = read_synsets(path)
    known = set(counts)
    out = {}
    for cls, (names, keys) in SYNSET_CUES.items():
        got = []
        for n in names:
            for m in sets.get(n, []):
                words = m.split()
                if m in SYNSET_OUT or not all(re.fullmatch("[\u0621-\u064a]+", w) for w in words):
                    continue
                if keys and not any(w.startswith(k) for w in words for k in keys):
                    continue
                if not all(fold(w) in known or ("ال" + fold(w)) in known for w in words):
                    continue
                if m not in got:
                    got.append(m)
        out[cls] = got
    if review:
        print("== cue words from CAMEO.ar synsets", file=sys.stderr)
        for cls, got in out.items():
            print(f"  @{cls}: {' | '.join(got)}", file=sys.stderr)
    return out


def expand_cues(rows, synset_cues):
    for r in rows:
        if "@" not in r["cue"]:
            continue
        items, added, used = [], [], []
        for it in r["cue"].split("|"):
            if it.startswith("@"):
                used.append(it[1:])
                added += synset_cues.get(it[1:], [])
            else:
                items.append(it)
        keys = {fold(x) for x in items}
        for a in added:
            if fold(a) not in keys:
                items.append(a)
                keys.add(fold(a))
        r["cue"] = "|".join(items)
        r["note"] = (r["note"] + "; " if r["note"] else "") + "cue words also from CAMEO.ar synsets (" + ", ".join(used) + ")"


# ---------------------------------------------------------------------------
# Agents

HAND_AGENTS = []


def A(agent, others, code, name_en, note=""):
    HAND_AGENTS.append({"agent": agent, "forms": [agent] + [f for f in others.split("|") if f],
                        "cameo_agent": code, "name_en": name_en, "note": note})


MEMBER = "a member word: with a group after it (عناصر من قسد، عناصر الشرطة) it takes that group's code; alone, "
A("متظاهرون", "متظاهرين|متظاهر|متظاهرة|متظاهرات|متظاهرو|متظاهري", "OPP", "protesters", "CAMEO codes protesters as opposition (upetrarch محتج ~OPP)")
A("محتجون", "محتجين|محتج|محتجة|محتجو|محتجي", "OPP", "protesters")
A("معتصمون", "معتصمين|معتصمو|معتصمي", "OPP", "sit-in protesters")
A("ناشطون", "ناشطين|ناشط|ناشطة|ناشطات|نشطاء|ناشطو|ناشطي", "OPP", "activists", "upetrarch ناشط ~OPP")
A("معارضون", "معارضين|معارض|معارضو|معارضي", "OPP", "opponents, opposition members", "المعارضة as a named body is in the KB")
A("مسلحون", "مسلحين|مسلح|مسلحو|مسلحي", "UAF", "gunmen", "upetrarch مسلح ~UAF")
A("مهاجمون", "مهاجمين|المهاجمين", "UAF", "attackers",
  "plural only: the singular مهاجم is also a football striker (reviewed out below); مهاجمي الفريق is a known false positive")
A("مقاومون", "مقاومين|المقاومة|مقاومة|عناصر المقاومة|رجال المقاومة|أفراد المقاومة", "REB", "resistance fighters",
  "المقاومة as a side of a fight (Yemen's popular resistance, Palestinian and Lebanese factions): the KB's named resistances are matched first")
A("السلطات", "سلطات", "GOV", "authorities",
  "السلطات التركية، سلطات الاحتلال: with a nationality or a group after it, that country's or group's authorities")
A("متهمون", "متهمين|المتهمين|متهم|متهمو|متهمي|مشتبه بهم|المشتبه بهم|مشتبها بهم|المشتبه به|مشتبه به", "CRM", "suspects",
  "the accused and the suspects of a crime (upetrarch متهم ~CRM)")
A("متشددون", "متشددين|متشدد|المتشددين|متشددو|متشددي", "RAD", "militants, hardliners")
A("مسلحون إسلاميون", "مسلحين إسلاميين|إسلاميون متشددون|إسلاميين متشددين|المسلحين الإسلاميين", "RADUAF",
  "Islamist gunmen: radicals, armed")
A("ميليشيات", "مليشيات|ميليشيا|مليشيا", "UAF", "militias",
  MEMBER + "unidentified armed men; also a loaded label (data/framing), scored there")
A("الانقلابيون", "انقلابيون|انقلابيين", "REB", "putschists",
  "Saudi and Yemeni-government usage for the Houthi and Saleh forces (2015 on); a loaded label too (data/framing), scored there")
A("خاطفون", "خاطفين|خاطف|خاطفي|خاطفو", "UAF", "kidnappers")
A("موالون", "موالين", "UAF", "loyalists",
  MEMBER + "armed loyalists (الموالين للنظام); the adjective الموالية is a framing term")
A("مسلحون مجهولون", "مسلحين مجهولين|مسلح مجهول|مسلحين ملثمين|مسلحون ملثمون", "UAF", "unidentified gunmen")
A("مجهولون", "مجهولين|مجهول", "UAF", "unknown persons",
  "in attack reports (أقدم مجهولون على) the unknown perpetrators are armed; in other uses (مصير مجهول) it is an adjective and no agent")
A("ملثمون", "ملثمين|ملثم", "UAF", "masked men")
A("مقاتلون", "مقاتلين|مقاتل|مقاتلي|مقاتلو", "UAF", "fighters", MEMBER + "unidentified armed fighters (upetrarch مقاتل ~UAF)")
A("عناصر", "عنصر|عنصرا|عنصرين|عناصره|عناصرها", "UAF", "members, personnel", MEMBER + "unidentified armed men")
A("قناصة", "قناص|قناصا", "UAF", "snipers", MEMBER + "an unidentified armed sniper")
A("خلايا", "خلية|خلايا نائمة|خلية نائمة", "UAF", "cells (sleeper cells)", MEMBER + "an unidentified armed cell")
A("انتحاري", "انتحاريين|انتحاريون|انتحارية|انتحاريان|انتحاريا", "UAF", "suicide bomber")
A("الشرطة", "شرطة|شرطي|رجال الشرطة|عناصر الشرطة|دورية شرطة", "COP", "police")
A("قوات الأمن", "الأجهزة الأمنية|أجهزة الأمن|عناصر الأمن|رجال الأمن|رجل أمن|عنصر أمن|أفراد الأمن|قوى الأمن|القوى الأمنية|دورية أمنية", "COP",
  "security forces", "CAMEO codes security forces as police; a named force (الأسايش، الأمن العام السوري) is a KB actor, and الأمن العام alone is settled by data/kb/ambiguous.tsv")
A("الجندرمة", "الجندرما|جندرمة|الجاندرما", "COP", "gendarmerie (Turkey's Jandarma)",
  "a police force under Turkey's interior ministry since 2016; with التركية it is TURCOP")
A("الدرك", "درك|رجال الدرك|عناصر الدرك|الدرك الوطني|قوات الدرك", "COP", "gendarmerie (Algeria, Morocco, Lebanon)",
  "a police force; with a country adjective it is that country's police")
A("حرس الحدود", "حرس حدود|حراس الحدود", "MIL", "border guards")
A("الجيش", "جيش", "MIL", "the army", "with a country adjective (الجيش التركي) the country's military; named armies are KB actors")
A("جنود", "جندي|جنديا|جنديين|الجنود|جنودا|جنديان", "MIL", "soldiers")
A("ضباط", "ضابط|ضابطا|ضباطا", "MIL", "officers", "upetrarch ضابط عسكري ~MIL")
A("عسكريون", "عسكريين|عسكري|عسكريو|عسكريي", "MIL", "military personnel", "عسكري is also the adjective 'military'")
A("طيارون", "طيار|طيارين", "MIL", "pilots")
A("قوات خاصة", "القوات الخاصة|وحدات خاصة", "MIL", "special forces")
A("المخابرات", "الاستخبارات|مخابرات|استخبارات|عناصر المخابرات|ضباط المخابرات|جهاز المخابرات", "SPY", "intelligence service")
A("المدنيون", "مدنيين|مدني|مدنية|مدنيا|مدنيان", "CVL", "civilians", "upetrarch مدني ~CVL")
A("الأهالي", "أهالي|أهالٍ|السكان|سكان|الأهالي المدنيين", "CVL", "residents, locals")
A("الناس", "ناس", "CVL", "people")
A("العشائر", "عشائر|عشيرة|قبائل|قبيلة|أبناء العشائر|أبناء القبائل|رجال القبائل", "CVL",
  "tribes, tribesmen", "a named tribe is a KB actor; tribal forces in arms take the code of the armed actor named after them, and tribal gunmen are the row مسلحون قبليون")
A("مسلحون قبليون", "مسلحين قبليين|مسلح قبلي|مسلحي القبائل|مسلحو القبائل|مسلحي العشائر|مسلحو العشائر|مقاتلي القبائل|مقاتلو القبائل|مقاتلي العشائر", "UAF",
  "tribal gunmen", "armed tribesmen (Yemen, Libya, Iraq, Sinai) are unaligned armed men, not civilians; in Syria the KB actor arab-tribal-forces (قوات العشائر، مقاتلو العشائر) is matched first")
A("مواطنون", "مواطنين|مواطن|مواطنا|مواطنة|مواطنو|مواطني", "CVL", "citizens")
A("أطفال", "طفل|طفلا|طفلة|طفلين|الأطفال|قاصر|قاصرين|قاصرات", "CVL", "children", "upetrarch طفل ~CVL")
A("نساء", "امرأة|سيدة|سيدات|النساء|فتاة|فتيات|فتاتين|فتاتان|امرأتين|سيدتين", "CVL", "women", "upetrarch نساء ~CVL")
A("شبان", "شاب|شابا|شابين|شباب|شابة", "CVL", "young men", "the usual word for a civilian victim (مقتل شاب)")
A("مسنون", "مسن|مسنة|مسنين|مسنا", "CVL", "elderly people")
A("عائلات", "عائلة|عوائل|أسر|أسرة", "CVL", "families", "أسر is also the verb 'captured'; as an agent only after a number or a preposition")
A("مدرسون", "مدرسين|مدرس|معلمون|معلمين|معلم|معلمات|مدرسات|أساتذة|معلمو|معلمي|مدرسو", "EDU", "teachers",
  "upetrarch معلم مدرسة ~EDU; the construct مدرسي is left out: it is the adjective 'school' (الكتاب المدرسي)")
A("طلاب", "طلبة|طالبات|طالبة|الطلاب", "EDU", "students",
  "the singular طالب is left out: it is the trigger طالب (demanded)")
A("عمال", "العمال|عاملون|عاملين", "LAB", "workers",
  "the singular عامل is also 'factor'; العاملون في المجال الإنساني is an aid-worker phrase below")
A("نقابيون", "نقابيين|نقابيو|نقابيي", "LAB", "trade unionists")
A("موظفون", "موظفين|موظف|موظفي|موظفو", "LAB", "employees", "government employees as a group striking or protesting")
A("لاجئون", "لاجئين|لاجئ|لاجئة|اللاجئين السوريين|لاجئو|لاجئي", "REF", "refugees", "upetrarch لاجئ ~REF")
A("نازحون", "نازحين|نازح|نازحة|النازحين|نازحو|نازحي", "REF", "internally displaced people", "upetrarch النازحين ~REF")
A("مهجرون", "مهجرين|مهجر|المهجرين قسرا|مهجرو|مهجري", "REF", "displaced people", "upetrarch مهجر ~REF")
A("طالبو اللجوء", "طالبي اللجوء|طالب لجوء", "REF", "asylum seekers", "upetrarch طالب لجوء ~REF")
A("مهاجرون", "مهاجرين|مهاجر|مهاجرو|مهاجري", "CVL", "migrants", "upetrarch مهاجر ~CVL")
A("صحفيون", "صحفيين|صحفي|صحفية|صحافيون|صحافيين|صحافي|إعلاميون|إعلاميين|إعلامي|مراسل|مراسلين|مراسلون|صحفيو|صحفيي|صحافيو|صحافيي|إعلاميو|إعلاميي|مراسلو|مراسلي", "MED",
  "journalists", "upetrarch مصور صحفي ~MED")
A("أطباء", "طبيب|طبيبا|الأطباء|ممرض|ممرضة|ممرضين|كوادر طبية|الكوادر الطبية|مسعفون|مسعفين|مسعف", "HLH",
  "doctors, medical staff", "upetrarch طبيب ~HLH")
A("عمال إغاثة", "عاملون في المجال الإنساني|العاملين في المجال الإنساني|عاملي الإغاثة|متطوعون|متطوعين", "NGO",
  "aid workers", "the CAMEO NGO code as an agent; a named organisation is a KB actor")
A("حقوقيون", "حقوقيين|حقوقيو|حقوقيي|ناشطون حقوقيون|ناشطين حقوقيين|ناشط حقوقي|مدافعون عن حقوق الإنسان", "HRI", "human rights activists")
A("محامون", "محامين|محام|محامي|محامية", "JUD", "lawyers", "upetrarch محامي ~JUD")
A("قضاة", "قاض|قاضي|قاضيا", "JUD", "judges")
A("نواب", "برلمانيون|برلمانيين|أعضاء البرلمان|أعضاء مجلس الشعب", "LEG", "members of parliament", "upetrarch نائب ~LEG")
A("مسؤولون", "مسؤولين|مسؤول|مسؤولا|المسؤولين|مسؤولو|مسؤولي", "GOV", "officials", MEMBER + "government officials")
A("دبلوماسيون", "دبلوماسيين|دبلوماسي|دبلوماسيا|دبلوماسيو|دبلوماسيي", "GOV", "diplomats")
A("وجهاء", "وجهاء العشائر|شيوخ العشائر|شيوخ عشائر|زعماء العشائر|شيخ عشيرة|وجهاء المنطقة|أعيان", "ELI",
  "tribal elders, notables", "a named tribe is a KB actor")
A("رجال دين", "رجل دين|علماء دين|أئمة المساجد|خطباء المساجد|كهنة|قساوسة", "REL", "clerics")
A("تجار", "تاجر|التجار", "BUS", "traders")
A("رجال أعمال", "رجل أعمال|رجال الأعمال", "BUS", "businessmen")
A("مزارعون", "مزارعين|فلاحون|فلاحين|فلاح|مزارعو|مزارعي", "AGR", "farmers",
  "the singular مزارع is also 'farms' and is left out (upetrarch فلاح ~AGR)")
A("رعاة الأغنام", "رعاة ماشية|رعاة أغنام|راعي أغنام|رعاة المواشي", "AGR", "shepherds",
  "رعاة alone is also 'sponsors'")
A("مهربون", "مهربين|مهرب|مهربو|مهربي|تجار المخدرات|تجار مخدرات|عصابات التهريب", "CRM", "smugglers, drug dealers")
A("لصوص", "لص|سارقون|سارقين", "CRM", "thieves")
A("عصابات", "عصابة", "CRM", "gangs",
  "criminal gangs; عصابات + an actor (عصابات الأسد) is a loaded label in data/framing, not this agent")
A("مستوطنون", "مستوطنين|مستوطن|مستوطنو|مستوطني", "CVL", "settlers", "CAMEO has no settler agent code; upetrarch codes مستوطنة ~CVL")
A("ضحايا", "ضحية|الضحايا", "CVL", "victims", "upetrarch ضحية ~CVL; a sympathetic word too (data/framing)")
A("سجناء", "سجين|سجينا|السجناء", "CVL", "prisoners",
  "coded civilians: upetrarch's معتقل ~OPP (political prisoner) is wrong for ISIS detainees in the camps and prisons of north-east Syria")
A("أحزاب", "أحزاب سياسية|حزب سياسي|أحزاب المعارضة|أحزاب معارضة", "OPP", "political parties",
  "CAMEO's agent codebook has no party code (upetrarch حزب سياسي ~PTY, حزب معارضة ~OPP): parties acting as a bloc in the news (the boycott, the protest, the statement) are the opposition; bare حزب is left out, it begins the names of parties (حزب الله، حزب العمال الكردستاني) that the KB codes")
A("أنصار", "مؤيدون|مؤيدين|مؤيدو|مؤيدي|مناصرون|مناصرين|مناصرو|مناصري", "CVL", "supporters",
  MEMBER + "civilian supporters; a group that begins with the word (أنصار الله، أنصار الشريعة، أنصار بيت المقدس) is a KB actor; the singular مؤيد is the adjective 'backing' and is left out")
A("مصلون", "مصلين|مصلو|مصليا", "CVL", "worshippers",
  "people at prayer, the victims of attacks on mosques and churches and the crowds at al-Aqsa: civilians, not REL (CAMEO's REL is clergy and religious bodies: the row رجال دين); the singular مصل is also 'serum', and the construct مصلي is المصلى (the prayer hall) after folding ى")
A("حجاج", "معتمرون|معتمرين|حجاج بيت الله", "CVL", "pilgrims",
  "Hajj and Umrah pilgrims: civilians (upetrarch codes حاج ~REL, which is the clergy's code); the singular حاج is a title and is left out (reviewed out below)")
A("إرهابيون", "إرهابيين|إرهابيو|إرهابيي", "UAF", "terrorists",
  "the code upetrarch gives إرهابي (~UAF; the singular إرهابي is left out: mostly the adjective, هجوم إرهابي، تنظيم داعش الإرهابي); a loaded label too (data/framing), scored there: the agent is the armed men the outlet names so, whoever they are")
A("متطرفون", "متطرفين|متطرفو|متطرفي", "RAD", "extremists",
  "the code upetrarch gives متطرف (~RAD; the singular متطرف is left out: mostly the adjective, اليمين المتطرف); a loaded label too (data/framing), scored there")
A("جهاديون", "جهاديين|جهاديو|جهاديي", "RADUAF", "jihadists",
  "the wire services' word for the fighters of ISIS and al-Qaeda: radical and armed, like مسلحون إسلاميون (upetrarch جهادي ~UAFMUS: MUS is no CAMEO code); the singular جهادي is mostly the adjective (تنظيم جهادي) and is left out")
A("معتقلون", "معتقلين|معتقلو|معتقلي", "CVL", "detainees",
  "coded civilians as سجناء: upetrarch's معتقل ~OPP (political prisoner) is wrong for ISIS detainees in north-east Syria; the singular معتقل is also the detention camp and is left out (reviewed out below)")
A("صيادون", "صيادين|صيادو|صيادي الأسماك", "AGR", "fishermen",
  "fishermen seized or shot at sea (Gaza, Yemen, the Gulf); upetrarch codes صياد both ~AGR and ~CVL; hunters are rare in the news; the bare construct صيادي is left out: also the surname الصيادي")
A("متمردون", "متمردين|متمرد|متمردو|متمردي", "REB", "rebels", "upetrarch متمرد مسلح ~REB")
A("انفصاليون", "انفصاليين|انفصاليو|انفصاليي", "SEP", "separatists", "loaded when it names a group (data/framing)")

# Agent codes agents.all.ar_v3.txt agrees with, and derived agents.
REVIEWED_OUT_AGENTS = {
    "طالب": "the trigger طالب (demanded); plural forms are a hand row",
    "عامل": "'factor'",
    "مزرعة": "a place ('farm')",
    "حصاد": "'harvest' (an activity)",
    "زراعة": "'agriculture' (a sector, not people)",
    "صيد": "'hunting, fishing' (an activity)",
    "مدرسة": "a place ('school')",
    "علامة": "'sign, mark'",
    "مربع": "'square'",
    "مجلة": "a publication",
    "صحيفة": "a publication",
    "صحافة": "'the press' (a sector)",
    "مستشفى": "a place ('hospital')",
    "محكمة": "an institution: a named court is a KB actor",
    "استخبار": "a broken lemma",
    "مخابرات": "hand row المخابرات",
    "جيش": "hand row الجيش",
    "حملة": "'campaign'",
    "منشق": "'defector': too rare to code an agent",
    "معتقل": "'detainee' and 'detention centre'; and not OPP in north-east Syria: the plural is hand row معتقلون",
    "مهجر": "hand row",
    "لاجئ": "hand row",
    "مدني": "hand row",
    "مسلح": "hand row",
    "محتج": "hand row",
    "ناشط": "hand row",
    "مقاتل": "hand row",
    "طفل": "hand row",
    "نساء": "hand row",
    "طبيب": "hand row",
    "جندي": "hand row",
    "مراسل": "hand row",
    "صحافي": "hand row",
    "محامي": "hand row",
    "فلاح": "hand row",
    "مهاجر": "hand row",
    "مواطن": "hand row",
    "جهادي": "mostly the adjective (تنظيم جهادي): the plural is hand row جهاديون",
    "مرتزق": "a loaded label (data/framing)",
    "ميليشا": "a loaded label (data/framing)",
    "انفصالي": "hand row انفصاليون",
    "متمرد": "hand row متمردون",
    "مهاجم": "'attacker, striker (football)'",
    "تجمع": "'gathering, coalition'",
    "تجمهر": "'crowding' (an act)",
    "مجتمع": "'society'",
    "جمهور": "'audience'",
    "ناخب": "'voter': elections are not in scope",
    "مسافر": "'traveller'",
    "صياد": "'hunter, fisherman': the singular is rare; the plural is hand row صيادون",
    "إنسان": "'human being'",
    "أم": "'mother' and the conjunction أم",
    "فتاة": "hand row نساء",
    "رضيع": "'infant': rare, hand row أطفال",
    "عمل": "'work'",
    "شركة": "a company: named companies are KB actors",
    "رئيس": "a title (data/kb/titles.tsv)",
    "نائب": "a title",
    "مندوب": "a title",
    "مفوض": "a title",
    "مشرع": "'legislator': rare",
    "غرفة": "'room, chamber'",
    "مستشار": "a title",
    "دستوري": "an adjective",
    "طيران": "'aviation, air force' (a sector)",
    "هوائي": "an adjective",
    "مقايض": "rare",
    "مساوم": "rare",
    "بستاني": "rare",
    "محاصص": "rare",
    "مثقف": "'intellectual': rare",
    "مورخ": "a broken lemma",
    "محاضر": "'lecturer, minutes'",
    "عميد": "a rank and a dean: a title",
    "مرب": "a broken lemma",
    "اكاديمي": "an adjective as often as a person",
    "كلية": "a place ('college')",
    "تلميذ": "rare",
    "ساكن": "'resident, still': hand row الأهالي",
    "مغترب": "'expatriate': not displaced",
    "عايدين": "a broken lemma",
    "مستوطنة": "a place ('settlement')",
    "مالك": "'owner', a name",
    "زبون": "'customer'",
    "مهندس": "'engineer': rare as an agent",
    "كاتب": "'writer': rare",
    "معلق": "'commentator, suspended'",
    "مدون": "'blogger, written'",
    "ممرضة": "hand row أطباء",
    "ضابط": "hand row ضباط",
    "حرس": "hand row حرس الحدود",
    "طيار": "hand row طيارون",
    "مدفعية": "a weapon (cue word)",
    "ثكنات": "a place",
    "بي": "a broken lemma",
    "الجهاديين": "hand row جهاديون",
    "النازحين": "hand row نازحون",
    "مسلحي": "hand row مسلحون",
    "تأسيسي": "an adjective",
    "تاسيسي": "an adjective",
    "مجالس": "'councils'",
    "الكونغرس": "a KB actor",
    "مرحلة": "'stage'",
    "معهد": "a place",
    "عالم": "'world, scientist'",
    "خبير": "'expert': a title",
    "علمم": "a broken lemma",
    "الجنجويد": "a named group (Sudan)",
    "نهاب": "rare",
    "فلاحة": "'agriculture'",
    "تبني": "'adoption' (a broken lemma)",
    "طائرة": "an aircraft, not people",
    "رياضي": "'sports, athlete'",
    "المتنزه": "a place ('park')",
    "متنزه": "a place ('park')",
    "حي": "a place ('quarter'), 'alive'",
    "مشهد": "'scene', a city",
    "راكب": "'passenger': rare as an agent",
    "حشد": "'crowd, mobilisation' and الحشد الشعبي (a KB actor)",
    "مقيم": "'resident' (foreign residents in the Gulf)",
    "ألفقير": "a broken lemma",
    "سياحي": "an adjective ('touristic')",
    "ضحية": "hand row ضحايا",
    "قرية": "a place ('village')",
    "أستاذ": "a title ('professor')",
    "جامعة": "an institution",
    "جرح": "'wound'",
    "مخرج": "'director, exit'",
    "اتصال": "'contact, call' (a trigger)",
    "تلفزيون": "an outlet",
    "موقع": "'site, website'",
    "أمام": "a preposition ('in front of')",
    "إسلامي": "an adjective",
    "مسلم": "a religion, also a name (Muslim)",
    "الملا": "a title and a name",
    "جبان": "an adjective ('coward', data/framing)",
    "متطرف": "mostly the adjective (اليمين المتطرف): the plural is hand row متطرفون",
    "تمرد": "'rebellion' (an act)",
    "الغانم": "a family name",
    "سياسي": "an adjective ('political')",
    "سني": "a sect: an ethnic-religious sector, not a role",
    "انتفاضة": "'uprising' (an act)",
    "دير": "a place ('monastery'), دير الزور",
    "حاج": "'pilgrim', a title: the plural is hand row حجاج",
    "إرهابي": "mostly the adjective (هجوم إرهابي): the plural is hand row إرهابيون",
    "قاتل": "'killer' and the verb قاتل (a trigger)",
}


def derive_agents(path, counts, review):
    hand_keys = {}
    for a in HAND_AGENTS:
        for f in a["forms"]:
            hand_keys[fold(f)] = a
    corroborated = set()
    derived = []
    dropped = []
    seen = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"^(\S+)\s+\[~([A-Z]{3})\]\s*$", line)
            if not m:
                continue
            phrase, code = m.group(1).replace("_", " ").strip(), m.group(2)
            key = fold(phrase)
            if key in hand_keys:
                if hand_keys[key]["cameo_agent"] == code:
                    corroborated.add(hand_keys[key]["agent"])
                continue
            if phrase in seen:
                continue
            seen.add(phrase)
            if phrase in REVIEWED_OUT_AGENTS:
                dropped.append((phrase, code, "reviewed out: " + REVIEWED_OUT_AGENTS[phrase]))
                continue
            if " " in phrase:
                dropped.append((phrase, code, "several words (a translated phrase)"))
                continue
            if code in ("GOV", "MIL", "LEG", "JUD", "BUS", "SPY"):
                dropped.append((phrase, code, "institutions and titles are KB actors and titles"))
                continue
            n = news_count([phrase], counts)
            if n < 50:
                dropped.append((phrase, code, f"rare in the news counts ({n})"))
                continue
            derived.append({"agent": phrase, "forms": [phrase], "cameo_agent": code, "name_en": "",
                            "source": "upetrarch",
                            "note": f"agents.all.ar_v3 {m.group(1)} [~{code}]; news count {n}"})
    if review:
        print("== derived agents", file=sys.stderr)
        for d in derived:
            print(f"  {d['agent']}\t{d['cameo_agent']}\t{d['note']}", file=sys.stderr)
        print("== dropped agent candidates", file=sys.stderr)
        many = [d for d in dropped if d[2].startswith("several words")]
        print(f"  ({len(many)} translated phrases of several words not listed)", file=sys.stderr)
        for phrase, code, why in dropped:
            if not why.startswith("several words"):
                print(f"  {phrase}\t{code}\t{why}", file=sys.stderr)
    return derived, corroborated


# ---------------------------------------------------------------------------

TRIGGERS_HEADER = """\
# Event triggers: the verbs and nouns that make an event in Arabic news, with
# their CAMEO code, PLOVER type and mode, ACLED event type. Columns and rules:
# data/events/README.md. Written by scripts/build-triggers.py from its hand
# section and from UniversalPetrarch's CAMEO.ar.0.5.txt (MIT); do not edit by
# hand, edit the script and run it again.
"""
AGENTS_HEADER = """\
# Generic agents: the nouns for people and forces that are not named actors
# (المتظاهرون، الشرطة، مسلحون مجهولون), with their CAMEO agent code. Columns and
# the rule for a country adjective: data/events/README.md. Written by
# scripts/build-triggers.py from its hand section and from UniversalPetrarch's
# agents.all.ar_v3.txt (MIT); do not edit by hand.
"""


def bare(item):
    """A one-word item without its article: the matcher folds ال (and ب ل و ف ك
    before it), so the bare word matches both; a phrase keeps its words as written."""
    if " " not in item and item.startswith("ال") and len(item) >= 4:
        return item[2:]
    return item


def clean_list(items, strip_article):
    out, keys = [], set()
    for it in items:
        it = " ".join(it.split())
        if not it:
            continue
        if strip_article:
            it = bare(it)
        k = fold(it)
        if k not in keys:
            keys.add(k)
            out.append(it)
    return out


def tsv_field(v):
    if isinstance(v, list):
        v = "|".join(v)
    v = str(v)
    if "\t" in v or "\n" in v:
        raise ValueError(f"tab or newline in field: {v!r}")
    return v


def main():
    args = sys.argv[1:]
    review = "--review" in args
    upetrarch = DEFAULT_UPETRARCH
    if "--upetrarch" in args:
        upetrarch = args[args.index("--upetrarch") + 1]
    counts = read_lexicon()
    entries = parse_cameo_ar(os.path.join(upetrarch, "CAMEO.ar.0.5.txt"))
    derived, corroborated = derive_triggers(entries, counts, review)

    synset_cues = derive_synset_cues(os.path.join(upetrarch, "CAMEO.ar.0.5.txt"), counts, review)
    expand_cues(HAND_TRIGGERS, synset_cues)
    rows = []
    for r in HAND_TRIGGERS:
        r = dict(r)
        k = fold(r["trigger"].split()[0])
        r["source"] = "hand+cameo-ar" if (r["pos"] != "noun" and r["cameo"][:2] in corroborated.get(k, set())) else "hand"
        rows.append(r)
    rows += derived
    for r in rows:
        r["forms"] = clean_list(r["forms"], r["pos"] == "noun")
        r["cue"] = "|".join(clean_list(r["cue"].split("|"), True))
        r["ambiguous"] = "|".join(clean_list(r["ambiguous"].split("|"), r["pos"] == "noun"))
        if r["pos"] == "noun":
            r["trigger"] = bare(r["trigger"])
    os.makedirs(os.path.dirname(OUT_TRIGGERS), exist_ok=True)
    with open(OUT_TRIGGERS, "w", encoding="utf-8", newline="\n") as f:
        f.write(TRIGGERS_HEADER)
        f.write("\t".join(TRIGGER_COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(tsv_field(r[c]) for c in TRIGGER_COLUMNS) + "\n")

    agents_derived, agents_corroborated = derive_agents(os.path.join(upetrarch, "agents.all.ar_v3.txt"), counts, review)
    with open(OUT_AGENTS, "w", encoding="utf-8", newline="\n") as f:
        f.write(AGENTS_HEADER)
        f.write("\t".join(AGENT_COLUMNS) + "\n")
        for a in HAND_AGENTS:
            a = dict(a)
            a["forms"] = clean_list(a["forms"], True)
            a["source"] = "hand+upetrarch" if a["agent"] in agents_corroborated else "hand"
            f.write("\t".join(tsv_field(a[c]) for c in AGENT_COLUMNS) + "\n")
        for a in agents_derived:
            f.write("\t".join(tsv_field(a[c]) for c in AGENT_COLUMNS) + "\n")

    nforms = len({fold(x) for r in rows for x in r["forms"]})
    print(f"triggers.tsv: {len(rows)} rows ({len(HAND_TRIGGERS)} hand, {len(derived)} derived), "
          f"{nforms} distinct forms; agents.tsv: {len(HAND_AGENTS) + len(agents_derived)} rows "
          f"({len(HAND_AGENTS)} hand, {len(agents_derived)} derived)")


if __name__ == "__main__":
    main()
