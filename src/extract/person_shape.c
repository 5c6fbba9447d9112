/*
 * person_shape.c: whether a person the tagger or a title found is a
 * person's name (issue 15, persons' part). Names seen once decide the junk
 * rate of distinct persons, and for them the tagger's own reading across
 * the news says little: a plural noun (غواصين) or an adjective read once
 * as a name is "mostly named" by that one reading. The evidence here is
 * the word's relatives in the news' word counts: the word without a
 * pronoun or a dual or plural ending is a common word, or the word after
 * the article is a common noun; and the words around the name: a tribe's
 * or a building's noun before it.
 */
#include "extractor.h"

#include <string.h>

static uint32_t count_of(const rasd_entity_extractor *x, const char *k, size_t n) {
    return rasd_lexicon_count(rasd_analyzer_lexicon(x->an), k, n);
}

/* The word, a key without the article, is met in news with it too (three
 * times at least): a common noun or an adjective, which a name seldom is. */
static bool with_article(const rasd_entity_extractor *x, const char *k, size_t n) {
    char buf[260];
    if (n + 4 > sizeof buf) return false;
    memcpy(buf, AL, 4);
    memcpy(buf + 4, k, n);
    return count_of(x, buf, n + 4) > 0;
}

/* A dual or a masculine plural of a common word that is no name:
 * حكوميون، سابقون، رائعان، فيلمان، فرقتان، غواصين. The word itself is
 * rare, the word without its ending common in news and no first name
 * (not حمدان، عمران، سعدون, whose stems حمد، عمر، سعد are names, nor
 * شعبان, common whole). */
#define PLURAL_WHOLE_MAX 20
#define PLURAL_STEM_MIN 100

bool ex_plural_of_common(const rasd_entity_extractor *x, const tinfo *t, bool dual) {
    if (!t->word || t->art_len || ex_has_prefix(t) || t->key_len < 10) return false;
    const char *k = ex_key(x, t->key_off);
    size_t n = t->key_len;
    bool ending = (dual && memcmp(k + n - 4, "\xD8\xA7\xD9\x86", 4) == 0) || /* ان */
                  memcmp(k + n - 4, "\xD9\x88\xD9\x86", 4) == 0 ||     /* ون */
                  memcmp(k + n - 4, "\xD9\x8A\xD9\x86", 4) == 0;       /* ين */
    if (!ending || count_of(x, k, n) >= PLURAL_WHOLE_MAX) return false;
    /* ين and ون also end names (نادين، حزبون: نادي and حزب are common
     * too): the plural is then also met with the article (السابقون) */
    if (memcmp(k + n - 4, "\xD8\xA7", 2) != 0 && !with_article(x, k, n)) return false;
    char stem[256];
    size_t sl = n - 4;
    if (sl > sizeof stem) return false;
    memcpy(stem, k, sl);
    /* فرقتان: a word in ة takes ت before the dual's ending */
    if (memcmp(stem + sl - 2, "\xD8\xAA", 2) == 0 && count_of(x, stem, sl) < PLURAL_STEM_MIN)
        memcpy(stem + sl - 2, "\xD9\x87", 2); /* ه, the key's ة */
    if (count_of(x, stem, sl) < PLURAL_STEM_MIN) return false;
    rasd_ner_word_profile p;
    uint64_t h = rasd_hash_bytes(stem, sl);
    return !(x->tagger && rasd_ner_profile_of(x->tagger, h, &p) && p.type_known && p.type == RASD_NER_PERS && p.share >= .5f);
}

/* The same ending on two words: a dual or a plural and its adjective
 * (خبيران سياسيان، حكوميون سابقون), where a name's ending is its own
 * (رايان جيجز، عرفان دميرتاش). */
bool ex_plural_phrase(const rasd_entity_extractor *x, size_t a, size_t b) {
    if (b < a + 2 || !ex_plural_of_common(x, &x->t[a], true) || !x->t[a + 1].word) return false;
    const tinfo *t = &x->t[a], *u = &x->t[a + 1];
    if (u->key_len < 8) return false;
    return memcmp(ex_key(x, t->key_off) + t->key_len - 4, ex_key(x, u->key_off) + u->key_len - 4, 4) == 0;
}

/* A name the news knows: inside persons' names half the time or more,
 * seen five times at least (رايان، عرفان, whose endings look plural). */
static bool known_person_word(const rasd_entity_extractor *x, const tinfo *t) {
    rasd_ner_word_profile p;
    return x->tagger && rasd_ner_profile_of(x->tagger, t->base_hash, &p) && p.type_known && p.type == RASD_NER_PERS &&
           p.share >= .5f && p.count_step >= 1;
}

bool ex_person_word_is_common(const rasd_entity_extractor *x, const tinfo *t) {
    return ex_pronoun_on_word(x, t) || (ex_plural_of_common(x, t, true) && !known_person_word(x, t));
}

/* One word after a title that is no name: a verb or a noun the news never
 * has inside a name (الأمير استقال، قائدها تلافي، الأب الحنون), a common word
 * seldom in one, a word with a pronoun (ابن أخته), case endings or an
 * adverb's alif (الفريق معسكراً، د. العتيبي قائلاً). */
bool ex_title_word_not_name(const rasd_entity_extractor *x, const tinfo *t) {
    if (ex_unnamelike_word(x, t) || ex_person_word_is_common(x, t)) return true;
    /* an adverb is a common word with an alif added (قائلاً، معسكراً); a
     * foreign name may end in one (نيبوشا) */
    if (ex_adverbial_alif(x, t) && count_of(x, ex_key(x, t->key_off), t->key_len - 2) >= 20) return true;
    /* the whole word's reading when the analyzer cut a pronoun off it
     * (فوزي is no فوز + "my") */
    uint64_t h = ex_has_enclitic(t) ? t->key_hash : t->base_hash;
    rasd_ner_word_profile p;
    if (!x->tagger || !t->word || !rasd_ner_profile_of(x->tagger, h, &p)) return false;
    /* never inside a name, and seen five times at least (in the profile or
     * in the word counts): a word met less often says too little (the rare
     * name الشيخ مطشر) */
    if (!p.type_known) return p.count_step >= 1 || count_of(x, ex_key(x, t->key_off), t->key_len) >= 5;
    /* seen fifty times and seldom a person's name, or mostly another's */
    return p.count_step >= 2 && (p.type != RASD_NER_PERS ? p.share >= .9f : p.share < .1f);
}

/* One word with the article that the analyzer reads as the article and a
 * common word (العطار، الفرعون، الإحسان) is a family name only when the
 * news has it inside persons' names at least half the time (الفهيد،
 * المصلح), or writes it with the article twice as often as without, as
 * a family name is and a common noun is not (العبادي 408 to عبادي 8;
 * العطار 7 to عطار 11); a family name that is no word (القحطاني) is not
 * split so. */
bool ex_article_noun_not_name(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || !t->art_len || ex_has_prefix(t)) return false;
    rasd_ner_word_profile p;
    if (x->tagger && rasd_ner_profile_of(x->tagger, t->base_hash, &p) && p.type_known && p.type == RASD_NER_PERS &&
        p.share >= .5f)
        return false;
    uint32_t with = count_of(x, ex_key(x, t->art_off), t->art_len), bare = count_of(x, ex_key(x, t->base_off), t->base_len);
    return with < 2 * (uint64_t)bare || with == 0;
}

/* A reporting verb or a title right before a name (وقال العبادي، وأضاف
 * العجلان، د. الفهيد): a person stands there, whatever else the word is. */
bool ex_person_cue_before(const rasd_entity_extractor *x, size_t a) {
    size_t p = a;
    while (p > 0 && x->t[p - 1].skip) p--;
    if (p == 0 || !x->t[p - 1].word) return false;
    const tinfo *b = &x->t[p - 1];
    if (b->match >= 0 && x->m[b->match].title >= 0) return true;
    /* a word the news never reads inside a person's name is no surname
     * after a verb either (يدعي العصمة "claims infallibility") */
    rasd_ner_word_profile prof;
    const tinfo *t = &x->t[a];
    if (!x->tagger || !rasd_ner_profile_of(x->tagger, t->base_hash, &prof) || !prof.type_known || prof.type != RASD_NER_PERS)
        return false;
    tinfo said = *b; /* the kinds are left unset when quotes are not asked for */
    ex_quote_kinds(x, &said);
    return said.say != 0;
}

/* A name after a title that follows a noun of a building, a road or a
 * prize (جسر الملك فهد، كأس الأمير عبدالله، جامع الإمام تركي): the
 * thing's name, as after the noun itself. */
bool ex_named_after_title(const rasd_entity_extractor *x, size_t a) {
    size_t p = a;
    while (p > 0 && x->t[p - 1].skip) p--;
    if (p == 0 || x->t[p - 1].match < 0) return false;
    const match *m = &x->m[x->t[p - 1].match];
    return m->title >= 0 && ex_named_after(x, m->ti);
}

/* Words of a tribe or a clan before its name (بني ظبيان، قبيلة عنزة،
 * قبائل بني هلال): the name after one is the tribe's, not a person's. */
static const ex_word TRIBE_NOUNS[] = {EX_WORD("بني"),   EX_WORD("قبيله"), EX_WORD("قبائل"),
                                      EX_WORD("عشيره"), EX_WORD("عشائر"), EX_WORD("قبيلتي")};

bool ex_tribe_before(const rasd_entity_extractor *x, size_t first) {
    size_t p = first;
    while (p > 0 && x->t[p - 1].skip) p--;
    if (p > 0 && x->t[p - 1].word && !x->t[p - 1].art_len) {
        const tinfo *b = &x->t[p - 1];
        const char *k = ex_key(x, b->base_off);
        for (size_t i = 0; i < sizeof TRIBE_NOUNS / sizeof *TRIBE_NOUNS; i++)
            if (b->base_len == TRIBE_NOUNS[i].len && memcmp(k, TRIBE_NOUNS[i].w, b->base_len) == 0) return true;
    }
    return x->t[first].word && ex_key_is(x, &x->t[first], TRIBE_NOUNS); /* بني هلال */
}

/* Second words of compound names (عبد الرحمن، نور الدين، عبد الله): a
 * person that begins with one was cut from a longer name or is a phrase
 * of praise (الرحمن الرحيم). */
static const ex_word SECOND_WORDS[] = {EX_WORD("الله"), EX_WORD("الرحمن"), EX_WORD("الدين")};

bool ex_begins_with_second_word(const rasd_entity_extractor *x, const tinfo *t) {
    return t->word && ex_key_is(x, t, SECOND_WORDS);
}

/* A nisba that agrees with the common noun before it (لاعب دولي جزائري،
 * مكيف هوائي، الشاعر الأندلسي) is that noun's adjective, unless the news
 * reads the word as a person's name three times in four (القحطاني). */
bool ex_adjective_not_person(const rasd_entity_extractor *x, size_t a) {
    const tinfo *t = &x->t[a];
    if (a == 0 || !x->t[a - 1].word || x->t[a - 1].match >= 0 || !ex_common_word_not(x, &x->t[a - 1], RASD_NER_PERS))
        return false;
    if (!ex_adjective_of_noun(x, a, a)) return false;
    /* without the article, a nisba the news also writes with it (دولي
     * جزائري، مكيف هوائي; not وانضم تشارلي) */
    if (!t->art_len && !with_article(x, ex_key(x, t->key_off), t->key_len)) return false;
    rasd_ner_word_profile p;
    return !(x->tagger && rasd_ner_profile_of(x->tagger, t->base_hash, &p) && p.type_known && p.type == RASD_NER_PERS &&
             p.share >= .75f);
}

/* بآلتن، لأبوين، فأتمه: no name begins with ب، ل or ف and a hamza on
 * alif, which a preposition or a conjunction glued to a word does (the
 * key folds the hamza away and may read بآ as ب and the article). */
bool ex_glued_hamza(const rasd_entity_extractor *x, const tinfo *t) {
    const unsigned char *w = (const unsigned char *)x->text + t->tok.start;
    return t->word && t->tok.end - t->tok.start > 6 && w[2] == 0xD8 && (w[3] == 0xA3 || w[3] == 0xA5 || w[3] == 0xA2) &&
           ((w[0] == 0xD8 && w[1] == 0xA8) || (w[0] == 0xD9 && (w[1] == 0x84 || w[1] == 0x81)));
}

static const ex_word SON_WORDS[] = {EX_WORD("بن"), EX_WORD("ابن"), EX_WORD("بنت"), EX_WORD("ابو"), EX_WORD("ام")};

/* A verb's imperfect (علي حمدان يحتفل، الغامدي يشكر، الدويسي يواسي): a
 * word that begins with ي, seen five times or more and inside a name under
 * a tenth of them; names that begin so (يوسف، يحيى، ياسر) are inside
 * names most of the time. */
bool ex_imperfect_verb(const rasd_entity_extractor *x, const tinfo *t) {
    if (!x->tagger || !t->word || t->art_len || ex_has_prefix(t) || t->key_len < 6) return false;
    if (memcmp(ex_key(x, t->key_off), "\xD9\x8A", 2) != 0) return false; /* ي */
    /* after بن a name follows (محمد بن يزيد، محرز بن يفلح) */
    if (t > x->t && (t - 1)->word && ex_key_is(x, t - 1, SON_WORDS)) return false;
    rasd_ner_word_profile p;
    return rasd_ner_profile_of(x->tagger, t->base_hash, &p) && p.type_known && p.count_step >= 1 && p.share < .1f;
}

/* The vocative يا written onto the word after it (ياشيخ حمد، يارب،
 * ياللي): the word with it is rare, without it common (not ياسر، ياسين,
 * names common whole). */
bool ex_glued_vocative(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->art_len || t->key_len < 10) return false;
    const char *k = ex_key(x, t->key_off);
    if (memcmp(k, "\xD9\x8A\xD8\xA7", 4) != 0) return false; /* يا */
    return count_of(x, k, t->key_len) < 5 && count_of(x, k + 4, t->key_len - 4) >= 50;
}

/* An adverb or an accusative of manner after a name (اتصلت بأحمد
 * تليفونياً، تزوجت فلانة دبلوماسياً، وأضاف فلان قائلاً): a nisba in alif
 * whose adjective the news writes with the article or as a feminine
 * (الدبلوماسي، تليفونية), or a word in alif far commoner than its stem
 * alone, itself a word, as an adverb is (قائلا 1265 times, قائل 28),
 * ends no name. A
 * family name in alif is seldom either: its stem is no adjective
 * (موريرا، فقيها، سبيلا: فقيه and سبيل are commoner than the word in
 * alif), and one the news reads as a name (كوريا) stays. */
bool ex_adverb_after_name(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->art_len || ex_has_prefix(t) || !ex_adverbial_alif(x, t)) return false;
    /* the whole word's reading too, where the analyzer cut letters off a
     * name (داسيلفا), if the news met it five times at least: the tagger's
     * one reading of a word seen once says nothing (تليفونيا) */
    rasd_ner_word_profile p;
    if (x->tagger && rasd_ner_profile_of(x->tagger, t->key_hash, &p) && p.type_known && p.count_step >= 1 &&
        p.share >= .25f)
        return false;
    if (ex_mostly_named(x, t, RASD_NER_PERS) || ex_mostly_named(x, t, RASD_NER_LOC) ||
        ex_mostly_named(x, t, RASD_NER_ORG))
        return false;
    const char *k = ex_key(x, t->key_off);
    size_t sl = t->key_len - 2;
    uint32_t whole = count_of(x, k, t->key_len), stem = count_of(x, k, sl);
    if (whole >= 20 && stem >= 5 && whole > 4 * (uint64_t)stem) return true;
    if (memcmp(k + sl - 2, "\xD9\x8A", 2) != 0) return false; /* ي: a nisba */
    char buf[260];
    if (sl + 4 > sizeof buf) return false;
    memcpy(buf, AL, 4);
    memcpy(buf + 4, k, sl);
    if (count_of(x, buf, sl + 4) >= 3) return true;
    memcpy(buf, k, sl);
    memcpy(buf + sl, "\xD9\x87", 2); /* its feminine in ة, folded to ه in keys */
    return count_of(x, buf, sl + 2) >= 3;
}

/* A rare word in و right after a comma (شارلي شابلن، وسيلفستر ستالون):
 * the last item of a list, written with its conjunction, as Arabic lists
 * are. The word with و is met under five times in the news; a name of its
 * own in و is commoner (وليد، وائل), and one in وو (وولف، وودرو) keeps
 * its letter, as no conjunction is read before a و there. */
bool ex_list_waw(const rasd_entity_extractor *x, size_t k) {
    const tinfo *t = &x->t[k];
    if (k == 0 || !t->word || t->key_len < 6) return false;
    const tinfo *c = &x->t[k - 1];
    const char *p = x->text + c->tok.start;
    size_t pn = c->tok.end - c->tok.start;
    if (c->tok.type != RASD_TOK_PUNCT || !((pn == 2 && memcmp(p, "\xD8\x8C", 2) == 0) || (pn == 1 && *p == ',')))
        return false;
    const char *key = ex_key(x, t->key_off);
    if (memcmp(key, "\xD9\x88", 2) != 0 || memcmp(key + 2, "\xD9\x88", 2) == 0) return false;
    if (memcmp(x->text + t->tok.start, key, 2) != 0) return false; /* written so */
    return count_of(x, key, t->key_len) < 5;
}

/* A last word with "me", "her" or "them" on it whose stem the news never
 * has inside a name (يناديني، يخبرني، علمتني، ظنهم): a verb or a noun of
 * the sentence after a name, as no name ends in an object pronoun. Family
 * names end in the same letters (كيني، القريني، حقاني، زينهم), but their
 * stems are no words of news, or are names too, and a nisba's اني and
 * يني is no verb's. */
bool ex_object_pronoun_after_name(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->art_len || t->key_len < 8 || !x->tagger) return false;
    const char *k = ex_key(x, t->key_off);
    const unsigned char *s = (const unsigned char *)k + t->key_len - 4;
    bool ni = s[0] == 0xD9 && s[1] == 0x86 && s[2] == 0xD9 && s[3] == 0x8A;                                  /* ني */
    bool ha = s[0] == 0xD9 && s[1] == 0x87 && (s[2] == 0xD8 ? s[3] == 0xA7 : s[2] == 0xD9 && s[3] == 0x85); /* ها، هم */
    if (!ni && !ha) return false;
    /* a nisba in اني or يني (عمراني، غالياني، كيليني) and short stems
     * (قرني، مهني) are names' own endings */
    const unsigned char *b = s - 2;
    if (ni && (t->key_len < 10 || (b[0] == 0xD8 && b[1] == 0xA7) || (b[0] == 0xD9 && b[1] == 0x8A))) return false;
    rasd_ner_word_profile p;
    uint64_t h = rasd_hash_bytes(k, t->key_len - 4);
    return rasd_ner_profile_of(x->tagger, h, &p) && !p.type_known && !ex_mostly_named(x, t, RASD_NER_PERS);
}
