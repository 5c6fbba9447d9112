/*
 * name_shape.c: whether words the name tagger read as a person or a place
 * look like one (issue 15: "a tagged person must look like a person's
 * name"; an adjective is no place). The tagger reads one sentence and
 * guesses from a word's shape and neighbours; a common word, a verb, a
 * word with a pronoun or a poem's vocalised word then becomes a "name"
 * that only that article ever holds. Two kinds of evidence decide here:
 *
 *   - the word's own form: a pronoun attached (خاطرك), written case
 *     endings (ناسفٍ), an adverb's alif (وفيزيائياً), Latin letters;
 *   - how the tagger itself read the word across SaudiNewsNet when the
 *     model was built (its tag profile, rasd_ner_profile_of): a word seen
 *     often and almost never inside a name (جندي، حكومي، غاب) is a common
 *     word wherever one sentence made it look like a name, and a one-word
 *     name is kept only when the word is mostly read as a name of that
 *     type (a surname after قال) or a place word stands before it.
 */
#include "extractor.h"

#include <string.h>

static bool profile(const rasd_entity_extractor *x, const tinfo *t, rasd_ner_word_profile *p) {
    return x->tagger && t->word && rasd_ner_profile_of(x->tagger, t->base_hash, p);
}

bool ex_never_in_names(const rasd_entity_extractor *x, const tinfo *t) {
    rasd_ner_word_profile p;
    return profile(x, t, &p) && !p.type_known;
}

/* Seen fifty times or more in the news and inside a name of this type in
 * under a tenth of them, or nine times in ten inside names of another
 * type; or seen five times or more and never inside a name. */
bool ex_common_word_not(const rasd_entity_extractor *x, const tinfo *t, rasd_ner_type type) {
    rasd_ner_word_profile p;
    if (!profile(x, t, &p)) return false;
    if (!p.type_known) return true;
    if (p.count_step < 2) return false;
    return p.type != type ? p.share >= .9f : p.share < .1f;
}

/* Seen five times or more, and inside a name of this type at least half
 * the time; a person's name at least a quarter of the time (a surname is
 * often alone and untagged: الحويطي is inside a name in a quarter of its
 * mentions). */
bool ex_mostly_named(const rasd_entity_extractor *x, const tinfo *t, rasd_ner_type type) {
    rasd_ner_word_profile p;
    float least = type == RASD_NER_PERS ? .25f : .5f;
    return profile(x, t, &p) && p.type_known && p.type == type && p.share >= least && p.count_step >= 1;
}

/* A word without the article that news writes with it at least half as
 * often, and ten times or more (نائية: النائية، باحة: الباحة): a common
 * noun or an adjective. A town's name keeps or lacks its article as it
 * is (عرسال, never العرسال); a foreign name news writes both ways is
 * seldom seen bare (إكوادور: under three times, the lexicon's floor). */
bool ex_article_form_common(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->art_len || t->key_len + 4 > 256) return false;
    char buf[256];
    memcpy(buf, AL, 4);
    memcpy(buf + 4, ex_key(x, t->key_off), t->key_len);
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    uint32_t with = rasd_lexicon_count(lex, buf, t->key_len + 4), bare = rasd_lexicon_count(lex, buf + 4, t->key_len);
    return with >= 10 && bare > 0 && 2 * (uint64_t)with >= bare;
}

/* The whole word, clitics and all, is itself a name the news holds often
 * enough for the tagger to know it (برايس: not ب + رايس). */
bool ex_whole_word_named(const rasd_entity_extractor *x, const tinfo *t, rasd_ner_type type) {
    rasd_ner_word_profile p;
    return x->tagger && t->word && rasd_ner_profile_of(x->tagger, t->key_hash, &p) && p.type_known && p.type == type &&
           p.share >= .5f;
}

/* A prefix that is surely one: two letters or more (فبالإحساس، وبالحارث),
 * before the article (بالسواد), or before a word common in news or never
 * in a name (ببيض، وغاب). A lone letter before a rare word may be the
 * name's own first letter (بوبي، فرانسيسكو، ويليام). */
bool ex_sure_prefix(const rasd_entity_extractor *x, const tinfo *t, rasd_ner_type type) {
    if (!ex_has_prefix(t) || ex_whole_word_named(x, t, type)) return false;
    uint32_t before = t->base_off - t->key_off;
    if (before > 2 || t->art_len) return true;
    if (ex_base_conjoined(x, t)) return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len) >= 50 || ex_common_word_not(x, t, type);
}

/* The letter taken off is a preposition (ب، ل، ك) and the base left
 * begins with و and is mostly that conjunction on a word of its own (وكاس
 * of لوكاس: و + كأس). A preposition comes after the conjunction, never
 * before it (ولكأس, not لوكأس), so the first letter was the name's own
 * (لوكاس، بوراس، لوبان), however common the base looks in the word
 * counts. Not a base in ف: names begin with it (فادي، فراس، فان), and
 * their rest (ادي، ان) is common too. */
bool ex_base_conjoined(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->base_off != t->key_off + 2 || t->base_len < 6) return false;
    const char *k = ex_key(x, t->key_off), *b = k + 2;
    if (memcmp(k, "\xD8\xA8", 2) != 0 && memcmp(k, "\xD9\x84", 2) != 0 && memcmp(k, "\xD9\x83", 2) != 0)
        return false; /* ب، ل، ك */
    if (memcmp(b, "\xD9\x88", 2) != 0) return false; /* و */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_count(lex, b + 2, t->base_len - 2) > rasd_lexicon_count(lex, b, t->base_len);
}

/* Letters before the base other than the article: و، ف، ب، ل، ك, or لل. */
bool ex_has_prefix(const tinfo *t) {
    if (!t->word) return false;
    uint32_t before = t->base_off - t->key_off;
    if (t->art_len && before >= 4) before -= 4; /* the article, or لل's */
    return before > 0 || t->li;
}

bool ex_has_enclitic(const tinfo *t) { return t->word && t->base_off + t->base_len != t->key_off + t->key_len; }

/* Case endings written on a word (tanween: ً ٌ ٍ, U+064B..U+064D): news
 * leaves names bare; verse and scripture vocalise their words. */
static bool has_tanween(const rasd_entity_extractor *x, const tinfo *t) {
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    size_t n = t->tok.end - t->tok.start;
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == 0xD9 && s[i + 1] >= 0x8B && s[i + 1] <= 0x8D) return true;
    return false;
}

/* A word with a short vowel on (nearly) every letter, three at least
 * (رَضِيَ، اللَّهُ): scripture and verse are written so; news marks a
 * name's letter or two at most (مُرزُق). */
static bool fully_vocalised(const rasd_entity_extractor *x, const tinfo *t) {
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    size_t n = t->tok.end - t->tok.start, marks = 0, letters = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        if (s[i] == 0xD9 && s[i + 1] >= 0x8E && s[i + 1] <= 0x92) marks++; /* َ ُ ِ ّ ْ */
        else if (s[i] == 0xD8 || s[i] == 0xD9) letters++;
        else return false; /* not two-byte Arabic letters throughout */
    }
    return marks >= 3 && marks + 1 >= letters;
}

/* A word of the text that cannot be part of a name the tagger found: not
 * an Arabic word (Latin, a number, punctuation), or vocalised as verse is. */
bool ex_unnamelike_word(const rasd_entity_extractor *x, const tinfo *t) {
    return !t->word || t->tok.type != RASD_TOK_WORD || has_tanween(x, t) || fully_vocalised(x, t);
}

/* A short vowel or a tanween written last on the word (حمارُ، أفرسٌ):
 * a case ending. News writes a vowel inside a word now and then, to tell
 * a passive verb (قُتل) or a name's letter (مُرزُق), and the fathatan of
 * an adverb (أيضاً), which is left out here; a case ending seldom. */
static bool case_ending(const rasd_entity_extractor *x, const tinfo *t) {
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    size_t n = t->tok.end - t->tok.start;
    return t->word && n >= 4 && s[n - 2] == 0xD9 && s[n - 1] >= 0x8C && s[n - 1] <= 0x92 && s[n - 1] != 0x91;
}

static bool any_vowel(const rasd_entity_extractor *x, const tinfo *t) {
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    size_t n = t->tok.end - t->tok.start;
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == 0xD9 && s[i + 1] >= 0x8B && s[i + 1] <= 0x92 && s[i + 1] != 0x91) return true;
    return false;
}

/* A vowel on a word of the name and case endings on two of the sentence. */
static bool vocalised_verse(const rasd_entity_extractor *x, size_t a, size_t b, size_t n) {
    bool marked = false;
    for (size_t k = a; k < b && !marked; k++) marked = any_vowel(x, &x->t[k]);
    if (!marked) return false;
    size_t endings = 0;
    for (size_t k = 0; k < n && endings < 2; k++) endings += case_ending(x, &x->t[k]);
    return endings >= 2;
}

bool ex_verse_person(const rasd_entity_extractor *x, size_t a, size_t b, size_t n) {
    /* vocalised verse, or a poem laid out a line to a hemistich (verse_lines.c) */
    if (!vocalised_verse(x, a, b, n) && !ex_in_verse_lines(x, x->t[a].tok.start)) return false;
    /* a title or a word the news has a name after, right before it */
    size_t p = a;
    while (p > 0 && x->t[p - 1].skip) p--;
    if (p == 0 || !x->t[p - 1].word) return true;
    const tinfo *c = &x->t[p - 1];
    if (c->match >= 0 && x->m[c->match].title >= 0) return false;
    return !(x->tagger && rasd_ner_person_cue(x->tagger, c->key_hash));
}

/* An accusative of state or manner, or an adverb (كومبيوتريًا، وتثقيفا):
 * a long word ending in alif. */
bool ex_adverbial_alif(const rasd_entity_extractor *x, const tinfo *t) {
    const char *k = ex_key(x, t->key_off);
    return t->key_len >= 10 && memcmp(k + t->key_len - 2, "\xD8\xA7", 2) == 0;
}

/* Words before a place that say it is one (في قرية الخرائق، بمدينة
 * أوكاياما، ولاية اريغون), compared without clitics: nouns of a place,
 * and prepositions of place and directions, which say less ("in" the
 * helium, "to" your side) and so only before a word without the article. */
static const char *const PLACE_NOUNS[] = {"مدينه", "منطقه", "قريه",  "بلده",   "ولايه", "محافظه", "مقاطعه", "اقليم",
                                          "جزيره", "مخيم",  "حي",    "العاصمه", "عاصمه", "بلدات", "قري",    "مدن",
                                          "مناطق", "ضاحيه", "بحيره", "نهر",    "جبل",   "جبال",  "وادي",   "سهل",
                                          "ميناء", "مطار",  "ريف",   "مديريه", "قضاء",  "ناحيه", "دوله",   NULL};
static const ex_word PLACE_PREPS[] = {EX_WORD("في"),    EX_WORD("الي"),   EX_WORD("قرب"),   EX_WORD("شمال"),
                                     EX_WORD("جنوب"),  EX_WORD("شرق"),   EX_WORD("غرب"),   EX_WORD("وسط"),
                                     EX_WORD("شمالي"), EX_WORD("جنوبي"), EX_WORD("شرقي"), EX_WORD("غربي")};

static bool base_in(const rasd_entity_extractor *x, const tinfo *t, const char *const *list) {
    const char *b = ex_key(x, t->base_off);
    for (; *list; list++) {
        /* the first two bytes (a letter) before strlen and memcmp: these
         * lists are read before nearly every name, and the calls were most
         * of the cost */
        if (t->base_len >= 2 && ((*list)[0] != b[0] || (*list)[1] != b[1])) continue;
        if (strlen(*list) == t->base_len && memcmp(b, *list, t->base_len) == 0) return true;
    }
    return false;
}

/* A nisba adjective with the article (التركية، النمساوية): "X of that
 * country", after a place. Read on the text as written: the key folds ى
 * into ي, and الوسطى، المولى are no nisba (الطبقة الوسطى، سأل المولى). */
static bool nisba_after(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || !t->art_len || t->key_len < 8) return false;
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    size_t n = t->tok.end - t->tok.start;
    if (n >= 2 && s[n - 2] == 0xD9 && s[n - 1] == 0x8A) return true; /* ي */
    return n >= 4 && s[n - 4] == 0xD9 && s[n - 3] == 0x8A && s[n - 2] == 0xD8 && s[n - 1] == 0xA9; /* ية */
}

bool ex_place_noun(const rasd_entity_extractor *x, const tinfo *t) { return t->word && base_in(x, t, PLACE_NOUNS); }

bool ex_place_prep_before(const rasd_entity_extractor *x, size_t first) {
    const tinfo *t = &x->t[first];
    if (t->art_len || ex_has_prefix(t)) return false;
    size_t p = first;
    while (p > 0 && x->t[p - 1].skip) p--;
    return p > 0 && x->t[p - 1].word && ex_key_is(x, &x->t[p - 1], PLACE_PREPS);
}

bool ex_strong_place_cue(const rasd_entity_extractor *x, size_t first) {
    size_t p = first;
    while (p > 0 && x->t[p - 1].skip) p--;
    if (p == 0) return false;
    const tinfo *before = &x->t[p - 1];
    return ex_place_noun(x, before) || (before->match >= 0 && x->m[before->match].place >= 0);
}

bool ex_place_cue(const rasd_entity_extractor *x, size_t first, size_t end, size_t n) {
    const tinfo *t = &x->t[first];
    bool article = t->art_len || (t->base_len > 4 && memcmp(ex_key(x, t->base_off), AL, 4) == 0);
    if (t->bi && !article) return true; /* بتيرول: "in"; not بالأكريليك, "with acrylic" */
    size_t p = first;
    while (p > 0 && x->t[p - 1].skip) p--; /* past an opening quotation mark */
    if (p > 0 && x->t[p - 1].word && base_in(x, &x->t[p - 1], PLACE_NOUNS)) return true;
    if (p > 0 && x->t[p - 1].word && !article && ex_key_is(x, &x->t[p - 1], PLACE_PREPS)) return true;
    if (p > 0 && x->t[p - 1].match >= 0 && x->m[x->t[p - 1].match].place >= 0) return true; /* a place's neighbour */
    return end < n && nisba_after(x, &x->t[end]);
}

/* Words that begin a part of a name and never end one (صالح بن محمد آل:
 * the family name was cut off). */
static const ex_word OPENERS[] = {EX_WORD("بن"), EX_WORD("ابن"), EX_WORD("بنت"), EX_WORD("ال"),
                                  EX_WORD("ابو"), EX_WORD("ام"),  EX_WORD("عبد")};

/* A word that ends no person's name: a name particle, a word with a
 * preposition or conjunction surely glued to it (بالعقيق; not باراس, a
 * name with its own ب), one with case endings (ليلاً), or a word the news
 * never has inside a name (a verb: يترأس). A common noun may be a family
 * name (زهير شكر، فوزي جمعة) and stays. */
static bool ends_no_name(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || ex_unnamelike_word(x, t) || t->conj || ex_key_is(x, t, OPENERS)) return true;
    if ((t->bi || t->li) && ex_sure_prefix(x, t, RASD_NER_PERS)) return true;
    /* a common word's plural (مسؤولون حكوميون سابقون); not a dual, whose
     * ending some names have (أرسلان) */
    return ex_never_in_names(x, t) || ex_plural_of_common(x, t, false) || ex_imperfect_verb(x, t) ||
           ex_adverb_after_name(x, t) || ex_object_pronoun_after_name(x, t);
}

/* A prayer after a name (حسان بن ثابت رضي الله عنه، الملك فلان رحمه
 * الله، غفر الله له، محمد صلى الله عليه وسلم): رضي is a name too (أحمد
 * رضي), so only before الله or after a name of two words. */
static const ex_word PRAYERS[] = {EX_WORD("رضي"), EX_WORD("رحمه"), EX_WORD("رحمها"), EX_WORD("يرحمه"),
                                  EX_WORD("يرحمها"), EX_WORD("غفر"), EX_WORD("رحمهم"), EX_WORD("صلي"),
                                  EX_WORD("صل")};
static const ex_word GOD[] = {EX_WORD("الله")};

/* Role nouns no list holds as a title, which follow a name in apposition
 * (فلان عضو الهيئة، فلان طبيب الفريق) and end none (not مفتي, also a
 * family name). */
static const ex_word ROLES_AFTER[] = {EX_WORD("عضو"),   EX_WORD("طبيب"),  EX_WORD("استشاري"),
                                      EX_WORD("محاضر"), EX_WORD("باحث"),  EX_WORD("خبير"),   EX_WORD("اخصائي"),
                                      EX_WORD("مدرس"),  EX_WORD("عضوه"),  EX_WORD("طبيبه")};

size_t ex_name_end(const rasd_entity_extractor *x, size_t a, size_t b) {
    while (b - a > 1 && x->t[b - 1].word && ex_key_is(x, &x->t[b - 1], ROLES_AFTER)) b--;
    for (size_t k = a + 1; k < b; k++)
        if (x->t[k].word && ex_key_is(x, &x->t[k], PRAYERS) &&
            memcmp(x->text + x->t[k].tok.end - 2, "\xD8\xA9", 2) != 0 && /* أبو رحمة: ة, no prayer's ه */
            (k >= a + 2 || (k + 1 < b && ex_key_is(x, &x->t[k + 1], GOD)))) {
            b = k;
            break;
        }
    while (b - a > 1 && ends_no_name(x, &x->t[b - 1])) b--;
    return b;
}

/* Nouns of a brand or a body (شركة دايملر، فندق "..."، جماعة كولدريتي،
 * مباراة نيو انغلند، مجموعة باريك), without the article: the name after one is a company, a
 * product or a team, never a person or a place, though its words may be a
 * person's or a town's. Compared without clitics (بفندق، لشركة). */
static const char *const BODY_NOUNS[] = {"مجموعه", "شركه",  "شركات", "علامه", "ماركه", "فندق",   "جماعه", "جمعيه",
                                         "نادي",   "انديه", "حزب",   "تطبيق", "مباراه", "صحيفه", "مجله",  "مطعم",
                                         "مصرف",   "بنك",   "منظمه", "طائره", "سياره",  "هاتف",  "جهاز",  "فرقه",
                                         "منتخب",  "مواجهه", "مؤسسه", "موسسه",
                                         /* a model's make (طراز لنكولن، من طراز «...») */
                                         "طراز", NULL};
/* Nouns of a work, and words that name a title, when a quotation mark
 * follows them (فيلم «...»، مسلسل "..."، يحمل اسم «...»): without one, the
 * name after them is as often the author's (كتاب طه حسين) or a person's
 * (اسم محمد). */
static const char *const WORK_NOUNS[] = {"فيلم",  "افلام", "مسلسل", "برنامج", "كتاب", "روايه", "اغنيه", "مسرحيه",
                                        "قصيده", "البوم", "موقع",  "اسم",    "عنوان", "شعار", "لقب",   "عمليه",
                                        "منتج",  "مجموعه", "لعبه", "سلسله", "ديوان", NULL};

/* A title's own noun: the words after it are the title's. */
static const char *const TITLE_NOUNS[] = {"عنوان", NULL};

bool ex_work_title(const rasd_entity_extractor *x, size_t first) {
    size_t p = first;
    /* past an opening quotation mark or a bracket (بعنوان (...)) */
    bool bracket = false;
    while (p > 0 && (x->t[p - 1].skip || (x->t[p - 1].tok.type == RASD_TOK_PUNCT && x->text[x->t[p - 1].tok.start] == '('))) {
        bracket |= !x->t[p - 1].skip;
        p--;
    }
    if (p == 0 || !x->t[p - 1].word) return false;
    /* a bracket after a noun with the article encloses a person's name as
     * often (المنتج (فلان): the producer) */
    if (bracket && x->t[p - 1].art_len) return false;
    /* with the article the noun stands alone and a name after it is in
     * apposition (رئيس النادي عبدالله ...: the chairman) */
    if (!x->t[p - 1].art_len && base_in(x, &x->t[p - 1], BODY_NOUNS)) return true;
    /* بعنوان، تحت عنوان: what follows is the title, with a mark or not */
    if (!x->t[p - 1].art_len && base_in(x, &x->t[p - 1], TITLE_NOUNS)) return true;
    return p < first && base_in(x, &x->t[p - 1], WORK_NOUNS);
}

/* Nouns of a place or a prize named after a person (مسجد عمرو بن العاص،
 * دوري عبداللطيف جميل، طريق الملك عبدالله، مركز رشيد كرامي، جائزة ...):
 * without the article, the name after one is the building's, the road's or
 * the prize's, not a mention of the person. */
static const char *const NAMED_AFTER[] = {"مسجد",  "جامع",  "دوري",  "كاس",  "جائزه", "مدرسه", "مستشفي", "مركز",
                                          "شارع",  "طريق",  "ميدان", "قاعه", "مجمع",  "معهد",  "كليه",   "فندق",
                                          "مزار",  "ضريح",  "مطار",  "ملعب", "استاد", "جسر",   "حديقه",  "جوائز",
                                          "جائزتي", "مدينه", "جامعه", "اكاديميه",
                                          /* the dual جائزتي as the analyzer cuts it */
                                          "جائزت", NULL};

bool ex_named_after(const rasd_entity_extractor *x, size_t first) {
    size_t p = first;
    while (p > 0 && x->t[p - 1].skip) p--;
    return p > 0 && x->t[p - 1].word && !x->t[p - 1].art_len && base_in(x, &x->t[p - 1], NAMED_AFTER);
}

/* Words that stand before a noun and never before و، ب or ل glued to it:
 * a preposition, a noun of place in construct (مع بيليننسيش، منطقة
 * باسيلدون، ولاية ويسكنسن): the letter after one is the name's own. */
static const ex_word NO_PREP_AFTER[] = {EX_WORD("في"),  EX_WORD("من"),  EX_WORD("الي"), EX_WORD("علي"), EX_WORD("عن"),
                                       EX_WORD("مع"),  EX_WORD("قرب"), EX_WORD("نحو"), EX_WORD("حتي"), EX_WORD("ضد")};

static bool letter_is_own(const rasd_entity_extractor *x, const tinfo *t) {
    if (t->art_len || t->base_off - t->key_off != 2) return false;
    const tinfo *prev = t - 1;
    if (t == x->t || !prev->word) return false;
    if (ex_key_is(x, prev, NO_PREP_AFTER) || base_in(x, prev, PLACE_NOUNS)) return true;
    /* after a rare word the name goes on (تانجونج بينانج، كاب باسيرو): a
     * foreign name's word before a preposition is seldom rare too */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return !prev->conj && rasd_lexicon_count(lex, ex_key(x, prev->key_off), prev->key_len) < 5;
}

/* A noun of place with a letter of a preposition or a conjunction the
 * analyzer left on it (بحي الشوقية: حي is also a word, بحي "my sea"): the
 * place starts after the letter. */
static bool glued_place_noun(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->art_len || t->key_len < 4 || t->base_off != t->key_off) return false;
    const char *k = ex_key(x, t->key_off);
    if (memcmp(k, "\xD8\xA8", 2) && memcmp(k, "\xD9\x88", 2) && memcmp(k, "\xD9\x84", 2) && memcmp(k, "\xD9\x81", 2))
        return false; /* ب، و، ل، ف */
    for (const char *const *l = PLACE_NOUNS; *l; l++)
        if (strlen(*l) == t->key_len - 2 && memcmp(k + 2, *l, t->key_len - 2) == 0) return true;
    return false;
}

size_t ex_place_start(const rasd_entity_extractor *x, const tinfo *t) {
    if (glued_place_noun(x, t) && t->tok.end - t->tok.start == t->key_len) return t->tok.start + 2;
    /* no word begins with و and a hamza on alif but the conjunction's
     * (وأوسيتيا) */
    const unsigned char *raw = (const unsigned char *)x->text + t->tok.start;
    if (t->word && t->tok.end - t->tok.start > 4 && raw[0] == 0xD9 && raw[1] == 0x88 && raw[2] == 0xD8 &&
        (raw[3] == 0xA3 || raw[3] == 0xA5 || raw[3] == 0xA2))
        return t->tok.start + 2;
    if (!ex_has_prefix(t) || ex_whole_word_named(x, t, RASD_NER_LOC)) return t->tok.start;
    /* س is the future's prefix, on verbs alone: on a name it is the name's
     * own letter (سان فرانسيسكو، سيزر) */
    if (!t->art_len && memcmp(ex_key(x, t->key_off), "\xD8\xB3", 2) == 0) return t->tok.start;
    /* بوسطن: the word is commoner whole than without its first letter */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    uint32_t whole = rasd_lexicon_count(lex, ex_key(x, t->key_off), t->key_len);
    uint32_t base = t->art_len ? rasd_lexicon_count(lex, ex_key(x, t->art_off), t->art_len)
                               : rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len);
    if (whole > base) return t->tok.start;
    /* both too rare to compare (لودفيغسهافن، بيليننسيش): only و and ب are
     * taken off, and ب not after a word no preposition follows, nor before
     * a bare alif or a و: a rare foreign name begins with Ba, Pa, Bo or Pu
     * far more often than a rare place whose name begins with them is found
     * "in" (باكنجهام، باندونغ، بوخاريست، بولتيزر) */
    if (whole < 5 && base < 5 && !t->art_len) {
        const char *k = ex_key(x, t->key_off);
        bool waw = memcmp(k, "\xD9\x88", 2) == 0, ba = memcmp(k, "\xD8\xA8", 2) == 0;
        if ((!waw && !ba) || letter_is_own(x, t)) return t->tok.start;
        if (ba && t->tok.end - t->tok.start >= 4 && raw[0] == 0xD8 && raw[1] == 0xA8 &&
            ((raw[2] == 0xD8 && (raw[3] == 0xA7 || raw[3] == 0xB1)) || (raw[2] == 0xD9 && (raw[3] == 0x88 || raw[3] == 0x84))))
            return t->tok.start; /* با، بر، بو، بل: Bl- and Br- too (بلوجستان، بروكنجز) */
    }
    return t->art_len ? t->art_start : t->base_start;
}
