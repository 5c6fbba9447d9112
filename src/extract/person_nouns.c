/*
 * person_nouns.c: common nouns where a person was read (issue 15: "a
 * tagged person must look like a person's name, not a common noun, an
 * institution or a title alone"). The tagger and the title reader take
 * the words next to a title or a verb of saying as a name; four kinds
 * of noun stand there as often in news and are none:
 *
 *   - a kin word with "my" (أختي، ابني، عمتي): the speaker's relative,
 *     whose name, if any, comes after it (ابنة أختي لينا);
 *   - a sound plural of a common noun (مراسلون، أكاديميون، تعاقدات): a
 *     group or a department, not one person;
 *   - an epithet with the article between a title and the name (الملك
 *     الصالح سلمان، الرئيس الخالد ياسر عرفات) or after a demonstrative
 *     and a title (لهذا الأمير النبيل): the title's adjective;
 *   - a firm's word in Arabic letters (بارتنرز، كابيتال، كوربوريشن) after
 *     the first word: a company.
 *
 * The dictionary (rasd_lexicon_word_class, from ayaspell) says what is a
 * common noun; the tagger's profile and the name lists say what the news
 * reads as a name, and a word they read so stays one (ياسمين، نسرين).
 */
#include "extractor.h"

#include <string.h>

/* Kin words with the possessive "my", as keyed (hamza and ة folded).
 * أمي is left out here: its key is also Amy's (امي بارتليت), and the
 * written hamza is checked instead. حبيبي and جدي are family names too
 * (حميد حبيبي). */
static const ex_word KIN[] = {EX_WORD("اختي"),  EX_WORD("اخي"),   EX_WORD("ابني"),   EX_WORD("ابنتي"),
                              EX_WORD("بنتي"),  EX_WORD("زوجتي"), EX_WORD("زوجي"),   EX_WORD("والدي"),
                              EX_WORD("والدتي"), EX_WORD("عمي"),  EX_WORD("عمتي"),   EX_WORD("خالي"),
                              EX_WORD("خالتي"), EX_WORD("جدتي"),  EX_WORD("شقيقي"),  EX_WORD("شقيقتي"),
                              EX_WORD("صديقي"), EX_WORD("صديقتي"), EX_WORD("حبيبتي"), EX_WORD("ولدي")};

/* Words after which a kin word is a name's part (جيرمي بن عمي). */
static const ex_word SON[] = {EX_WORD("بن"), EX_WORD("ابن"), EX_WORD("بنت"), EX_WORD("ابو"), EX_WORD("ام")};

/* أمي "my mother", whose key is also Amy's (امي): written with its
 * hamza, after و or ف at most. */
static bool my_mother(const rasd_entity_extractor *x, size_t k) {
    const tinfo *t = &x->t[k];
    size_t skip = t->base_off - t->key_off;
    return t->tok.end - t->tok.start == skip + 6 && memcmp(x->text + t->tok.start + skip, "\xD8\xA3\xD9\x85\xD9\x8A", 6) == 0;
}

/* The word at k is a kin word with "my", with at most و or ف before it
 * (وأختي), not after بن or أبو. A longer prefix is another word cut
 * (وسامي -> و + س + امي). */
static bool kin_word(const rasd_entity_extractor *x, size_t k) {
    const tinfo *t = &x->t[k];
    if (!t->word || t->art_len || t->base_off - t->key_off > 2) return false;
    const char *key = ex_key(x, t->key_off);
    if (t->base_off != t->key_off && memcmp(key, "\xD9\x88", 2) != 0 && memcmp(key, "\xD9\x81", 2) != 0) return false;
    if (k > 0 && x->t[k - 1].word && ex_key_is(x, &x->t[k - 1], SON)) return false;
    /* the word from its base to its end: the analyzer may read ي as a
     * pronoun (اخت + ي) or as the word's own */
    const char *w = ex_key(x, t->base_off);
    size_t n = t->key_off + t->key_len - t->base_off;
    for (size_t i = 0; i < sizeof KIN / sizeof *KIN; i++)
        if (n == KIN[i].len && memcmp(w, KIN[i].w, n) == 0) return true;
    return my_mother(x, k);
}

bool ex_kin_cut(const rasd_entity_extractor *x, size_t *a, size_t *b) {
    bool cut = false;
    for (size_t k = *a; k < *b; k++) {
        if (!kin_word(x, k)) continue;
        /* أمي first is as often Amy (أمي بارتليت) */
        if (k == *a && my_mother(x, k)) continue;
        cut = true;
        if (k + 1 == *b && k > *a) *b = k; /* مرام ابنتي: the name before it */
        else *a = k + 1;                   /* ابنة أختي لينا: the relative's name after it */
    }
    return cut;
}

static uint32_t word_class(const rasd_entity_extractor *x, const tinfo *t) {
    return rasd_lexicon_word_class(rasd_analyzer_lexicon(x->an), ex_key(x, t->base_off), t->base_len);
}

static bool plural_word(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || ex_has_enclitic(t) || t->base_len < 10) return false;
    const char *k = ex_key(x, t->base_off) + t->base_len - 4;
    bool feminine = memcmp(k, "\xD8\xA7\xD8\xAA", 4) == 0; /* ات */
    bool plural = feminine || memcmp(k, "\xD9\x88\xD9\x86", 4) == 0 || /* ون */
                  memcmp(k, "\xD9\x8A\xD9\x86", 4) == 0;               /* ين */
    if (!plural || !(word_class(x, t) & RASD_WORD_NOUN)) return false;
    /* a name the news has inside persons' names, seen five times at least:
     * a quarter of the time for ات, which ends family names (عريقات،
     * بركات); half the time for ون and ين (ياسمين، خلدون), as the tagger
     * read plurals of people inside names of bodies as persons' (مراسلون
     * بلا حدود). A first name of the lists is one too. */
    rasd_ner_word_profile p;
    if (x->tagger && rasd_ner_profile_of(x->tagger, t->base_hash, &p) && p.type_known && p.type == RASD_NER_PERS &&
        p.count_step >= 1 && p.share >= (feminine ? .25f : .5f))
        return false;
    return !(x->tagger && rasd_ner_listed_first_name(x->tagger, t->base_hash));
}

/* The plural alone, or before a word with the article (its complement:
 * مشتريات الشركات) or a plural adjective (دجالون كذابون). Before a bare
 * word it is as often a foreign first name the dictionary has as a plural
 * (مارين لوبان، نافين جين، ياسمين): such a name is left to the rules of
 * the first word. */
bool ex_plural_noun(const rasd_entity_extractor *x, size_t a, size_t b) {
    if (!plural_word(x, &x->t[a])) return false;
    /* after a first name the word is a surname the tagger cut off (سكوت
     * [ماكلين]) */
    if (a > 0 && x->t[a - 1].word && !x->t[a - 1].art_len && ex_first_name(x, &x->t[a - 1])) return false;
    return b == a + 1 || x->t[a + 1].art_len || plural_word(x, &x->t[a + 1]);
}

/* Demonstratives before a noun (لهذا الملك، تلك السيدة). */
static const ex_word DEMONSTRATIVES[] = {EX_WORD("هذا"),  EX_WORD("هذه"),  EX_WORD("لهذا"), EX_WORD("لهذه"),
                                         EX_WORD("بهذا"), EX_WORD("بهذه"), EX_WORD("ذلك"),  EX_WORD("تلك"),
                                         EX_WORD("فهذا"), EX_WORD("وهذا")};

bool ex_title_epithet(const rasd_entity_extractor *x, size_t a, size_t n) {
    const tinfo *t = &x->t[a];
    if (!t->word || !t->art_len || ex_has_prefix(t) || ex_has_enclitic(t)) return false;
    if (!(word_class(x, t) & RASD_WORD_NOUN)) return false;
    size_t p = a;
    while (p > 0 && x->t[p - 1].skip) p--;
    if (p == 0 || x->t[p - 1].match < 0) return false;
    const match *title = &x->m[x->t[p - 1].match];
    if (title->title < 0) return false;
    /* لهذا الأمير النبيل: a demonstrative makes the title a common noun */
    if (title->ti > 0 && x->t[title->ti - 1].word && ex_key_is(x, &x->t[title->ti - 1], DEMONSTRATIVES)) return true;
    /* the name or another title right after it (الملك الصالح سلمان، الملك
     * الصالح خادم الحرمين): a family name is last, never before them */
    if (a + 1 >= n || !x->t[a + 1].word) return false;
    const tinfo *next = &x->t[a + 1];
    if (next->match >= 0) {
        const match *m = &x->m[next->match];
        if (m->title >= 0) return true;
        if (m->entity >= 0) {
            const rasd_entity *e = &x->out.items[m->entity];
            return e->actor != UINT32_MAX && strcmp(x->kn->actors[e->actor].type, "person") == 0;
        }
        return false;
    }
    return !next->art_len && !ex_has_prefix(next) && ex_first_name(x, next);
}

/* Words of a firm's foreign name written in Arabic letters (سيتي جروب،
 * جريلوك بارتنرز، أوكتري كابيتال، شيبنج كوربوريشن): no person's name holds
 * one after its first word; the first (سيتي "city", ميديا) may be a word
 * of its own. كومباني is left out: a footballer's surname. */
static const ex_word ORG_WORDS[] = {
    EX_WORD("سبور"),      EX_WORD("سبورت"),     EX_WORD("جروب"),       EX_WORD("سيتي"),     EX_WORD("ميديا"),
    EX_WORD("هولدنج"),    EX_WORD("هولدينج"),   EX_WORD("هولدينغ"),    EX_WORD("هولدنغ"),   EX_WORD("بارتنرز"),
    EX_WORD("بارتنر"),    EX_WORD("كابيتال"),   EX_WORD("كابيتل"),     EX_WORD("كوربوريشن"), EX_WORD("كوربوريشين"),
    EX_WORD("تكنولوجيز"), EX_WORD("فنتشرز"),    EX_WORD("فينتشرز"),    EX_WORD("انفستمنتس"), EX_WORD("انفستمنت"),
    EX_WORD("سوليوشنز"),  EX_WORD("سيستمز"),    EX_WORD("اندستريز"),   EX_WORD("لابز"),     EX_WORD("بيكتشرز"),
    EX_WORD("ستوديوز"),   EX_WORD("انترناشيونال"), EX_WORD("انترناشونال")};

bool ex_org_word_in_name(const rasd_entity_extractor *x, size_t a, size_t b) {
    for (size_t k = a + 1; k < b; k++)
        if (x->t[k].word && ex_key_is(x, &x->t[k], ORG_WORDS)) return true;
    return false;
}
