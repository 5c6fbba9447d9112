/*
 * place_context.c: whether a name the gazetteer or the tagger reads as a
 * place stands where a place is meant (issue 15: "adjectives and common
 * words are not places unless the context makes them one"). A town's name
 * is often also a family name (محمد غندورة), a woman's first name's
 * neighbour (توكل كرمان), a club (فريق ليما، وفاق سطيف), an adjective of
 * the noun before it (الأيديولوجيا الناصرية) or a common word (سأل، قارة،
 * الطبقة); the words around it tell which.
 */
#include "extractor.h"

#include <string.h>

/* A word the news mostly reads as the first word of a person's name
 * (محمد، توكل، كريستينا): the tagger's profile has it inside persons at
 * least half the time, seen five times or more, usually beginning them. */
static bool first_name_hash(const rasd_entity_extractor *x, uint64_t base_hash) {
    rasd_ner_word_profile p;
    return x->tagger && rasd_ner_profile_of(x->tagger, base_hash, &p) && p.type_known && p.type == RASD_NER_PERS &&
           p.begins && p.share >= .5f && p.count_step >= 1;
}

bool ex_first_name(const rasd_entity_extractor *x, const tinfo *t) { return t->word && first_name_hash(x, t->base_hash); }

bool ex_letter_on_first_name(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->art_len || t->key_len < 8) return false;
    bool split = t->base_off == t->key_off + 2;
    if (!split && t->base_off != t->key_off) return false;
    const char *k = ex_key(x, t->key_off);
    if (memcmp(k, "\xD9\x84", 2) != 0 && memcmp(k, "\xD9\x88", 2) != 0) return false; /* ل، و */
    const unsigned char *raw = (const unsigned char *)x->text + t->tok.start;
    if (memcmp(raw, k, 2) != 0) return false;
    /* no word begins with و and a hamza on alif but the conjunction's
     * (وإيفانجلين، وأوليفر) */
    if (raw[1] == 0x88 && t->tok.end - t->tok.start > 4 && raw[2] == 0xD8 && (raw[3] == 0xA3 || raw[3] == 0xA5 || raw[3] == 0xA2))
        return true;
    if (ex_whole_word_named(x, t, RASD_NER_PERS) || ex_base_conjoined(x, t)) return false;
    uint64_t rest = split ? t->base_hash : rasd_hash_bytes(k + 2, t->key_len - 2);
    if (first_name_hash(x, rest)) return true;
    /* و on a rare word whose rest the news reads as a person's name
     * (وماسيمليانو); not ل, which begins foreign names (لويس) */
    rasd_ner_word_profile p;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return raw[1] == 0x88 && rasd_lexicon_count(lex, k, t->key_len) < 5 && x->tagger &&
           rasd_ner_profile_of(x->tagger, rest, &p) && p.type_known && p.type == RASD_NER_PERS && p.share >= .5f;
}

/* Words that begin a part of a person's name: a place is never followed
 * by one (الشيخ بدر بن علي: a man, not the town of الشيخ بدر). */
static const ex_word SON_OF[] = {EX_WORD("بن"), EX_WORD("ابن"), EX_WORD("بنت")};

/* Nouns of a sports side without the article: a town after one is its
 * club (فريق ليما سول، لاعب القادسية، وفاق سطيف الجزائري). */
static const ex_word SIDE_NOUNS[] = {EX_WORD("فريق"), EX_WORD("نادي"), EX_WORD("لاعب"), EX_WORD("لاعبي"),
                                     EX_WORD("مدرب"), EX_WORD("وفاق"), EX_WORD("فرق"),  EX_WORD("اندية")};

static const ex_word HOUSE[] = {EX_WORD("دار")};

static const tinfo *word_before(const rasd_entity_extractor *x, size_t first) {
    return first > 0 && x->t[first - 1].word ? &x->t[first - 1] : NULL;
}

static bool side_noun(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t || t->art_len) return false;
    /* compared without a clitic (لفريق، ونادي) */
    const char *b = ex_key(x, t->base_off);
    for (size_t i = 0; i < sizeof SIDE_NOUNS / sizeof *SIDE_NOUNS; i++)
        if (SIDE_NOUNS[i].len == t->base_len && memcmp(b, SIDE_NOUNS[i].w, t->base_len) == 0) return true;
    return ex_key_is(x, t, SIDE_NOUNS);
}

/* Demonstratives: the noun after one is a common noun (هذا الدويتو، تلك
 * الجزيرة), not a name. */
static const ex_word DEMONSTRATIVES[] = {EX_WORD("هذا"), EX_WORD("هذه"), EX_WORD("ذلك"),   EX_WORD("تلك"),
                                        EX_WORD("هذين"), EX_WORD("هاتين"), EX_WORD("هؤلاء"), EX_WORD("اولئك")};

/* Adjectives of direction and عربي end names of places (كوريا الجنوبية،
 * الخليج العربي): they are no nationality before a name. */
static const ex_word DIRECTIONS[] = {EX_WORD("الشرقي"), EX_WORD("الغربي"), EX_WORD("الشمالي"), EX_WORD("الجنوبي"),
                                     EX_WORD("العربي"), EX_WORD("الاوسط"), EX_WORD("الادني"), EX_WORD("الاقصي")};

/* A word as written ends in ي (U+064A), or ية. */
static bool raw_nisba(const rasd_entity_extractor *x, const tinfo *t, bool feminine) {
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    size_t len = t->tok.end - t->tok.start;
    if (!feminine) return len >= 2 && s[len - 2] == 0xD9 && s[len - 1] == 0x8A;
    return len >= 4 && s[len - 4] == 0xD9 && s[len - 3] == 0x8A && s[len - 2] == 0xD8 && s[len - 1] == 0xA9;
}

static bool has_article(const rasd_entity_extractor *x, const tinfo *t) {
    if (t->art_len) return true;
    const char *k = ex_key(x, t->key_off);
    if (t->conj && t->key_len > 6) k += 2; /* والأوروغوياني: left whole, and/the */
    return t->key_len > 6 && memcmp(k, AL, 4) == 0;
}

/* Honorifics and titles of a person alone (الملكة فيكتوريا، الدكتور
 * كرمان، سيدنا إبراهيم): the name after one is the person's, whatever
 * town has it. Not the titles of an office, after which a place is the
 * office's (محافظ جدة، أمير القصيم). */
static const ex_word HONORIFICS[] = {
    EX_WORD("الملك"),  EX_WORD("الملكه"), EX_WORD("الامير"), EX_WORD("الاميره"), EX_WORD("الشيخ"),  EX_WORD("الشيخه"),
    EX_WORD("السيد"),  EX_WORD("السيده"), EX_WORD("الدكتور"), EX_WORD("الدكتوره"), EX_WORD("المهندس"), EX_WORD("الاستاذ"),
    EX_WORD("الحاج"),  EX_WORD("القديس"), EX_WORD("سيدنا"),  EX_WORD("النبي"),   EX_WORD("الفنان"), EX_WORD("الفنانه"),
    EX_WORD("الكاتب"), EX_WORD("الكاتبه"), EX_WORD("الشاعر"), EX_WORD("الشاعره"), EX_WORD("الزميل"), EX_WORD("الزميله"),
    EX_WORD("المواطن"), EX_WORD("المواطنه"), EX_WORD("الطفل"), EX_WORD("الطفله"),  EX_WORD("اللاعب"), EX_WORD("الممثل"),
    EX_WORD("الممثله"), EX_WORD("المغني"), EX_WORD("المطرب"), EX_WORD("المطربه"), EX_WORD("الروائي"), EX_WORD("الحاخام"),
};

/* Words of kinship in a man's name: what follows is a name. */
static const ex_word KIN[] = {EX_WORD("بن"), EX_WORD("ابن"), EX_WORD("بنت"), EX_WORD("ابو"), EX_WORD("ابي"), EX_WORD("ابا")};

/* Nouns of place with the article that take an apposition (العاصمة
 * الرياض): a town's name after one is the capital's, but a feminine nisba
 * with the article agrees with it as its adjective (العاصمة الهندية "the
 * Indian capital", not the Iraqi town of الهندية; no capital's name has
 * that shape). */
static const ex_word CAPITAL[] = {EX_WORD("العاصمه")};

static bool verb_like(const rasd_entity_extractor *x, const tinfo *t);
static bool written_ta_marbuta(const rasd_entity_extractor *x, const tinfo *t);

/* Nouns of a square or a street without the article: a town's name after
 * one names the square (ميدان المنشية، شارع بغداد، ساحة حلب), which lies
 * in another town, most often the article's own. */
static const ex_word STREETS[] = {EX_WORD("ميدان"), EX_WORD("شارع"), EX_WORD("ساحه"), EX_WORD("دوار"), EX_WORD("جاده")};

bool ex_street_named(const rasd_entity_extractor *x, size_t first) {
    const tinfo *before = word_before(x, first);
    return before && !has_article(x, before) && !ex_has_prefix(&x->t[first]) && ex_key_is(x, before, STREETS);
}

/* A particle or a preposition with a pronoun (لكنه، منها، عليهم): the
 * word without its last letter or two is a function word. */
static bool particle_with_pronoun(const rasd_entity_extractor *x, const tinfo *t) {
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    const char *k = ex_key(x, t->key_off);
    for (size_t cut = 2; cut <= 4 && cut < t->key_len; cut += 2)
        if (rasd_lexicon_is_function_word(lex, k, t->key_len - cut)) return true;
    return false;
}

/* مسقط رأسه، ميدان عمله: a common word in construct with a noun that
 * carries a pronoun is that common word; no town's name takes one. Not a
 * rare word (a tagged town before a verb and its object: مدينة كريتر
 * منعتهم), nor before a verb of the present (دمشق يرافقه) or a particle
 * (لكنه). */
bool ex_place_in_construct(const rasd_entity_extractor *x, size_t first, size_t last, size_t n) {
    const tinfo *t = &x->t[first];
    const tinfo *next = last + 1 < n && x->t[last + 1].word ? &x->t[last + 1] : NULL;
    if (first != last || !next || has_article(x, t) || ex_has_prefix(next) || verb_like(x, next) ||
        particle_with_pronoun(x, next))
        return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len) >= 20 && ex_pronoun_on_word(x, next);
}


/* Nouns of the prayer and its call (صلاة، صلاتي، أذان), compared without
 * a clitic (لصلاة، وأذان): المغرب after one is the sunset prayer, not
 * Morocco (صلاة المغرب، أذان المغرب، صلاتي المغرب والعشاء). */
static const ex_word PRAYER[] = {EX_WORD("صلاه"), EX_WORD("صلاتي"), EX_WORD("صلاتا"), EX_WORD("صلوات"),
                                 EX_WORD("اذان"), EX_WORD("الصلاه"), EX_WORD("الاذان")};
static const ex_word SUNSET[] = {EX_WORD("المغرب")};

bool ex_prayer_time(const rasd_entity_extractor *x, size_t first, size_t last) {
    const tinfo *t = &x->t[first], *before = word_before(x, first);
    if (first != last || !before || ex_has_prefix(t) || !ex_key_is(x, t, SUNSET)) return false;
    const char *b = ex_key(x, before->base_off);
    for (size_t i = 0; i < sizeof PRAYER / sizeof *PRAYER; i++)
        if (PRAYER[i].len == before->base_len && memcmp(b, PRAYER[i].w, before->base_len) == 0) return true;
    return ex_key_is(x, before, PRAYER);
}

/* Adjectives of rank and extent: a town's name does not take them, a
 * common noun does (العقبة الرئيسية "the main obstacle", الميادين العامة
 * "the public squares", الجزيرة الصغيرة "the small island"). Not الكبرى,
 * الجديدة, القديمة nor an ordinal: they end names of places (سوريا الكبرى،
 * القاهرة الجديدة، حلب القديمة، حي الفيصلية الثاني). */
static const ex_word RANK[] = {EX_WORD("الرئيسيه"), EX_WORD("الرئيسي"), EX_WORD("الاساسيه"), EX_WORD("الاساسي"),
                              EX_WORD("الوحيده"),  EX_WORD("الوحيد"),  EX_WORD("الاكبر"),   EX_WORD("الاهم"),
                              EX_WORD("الابرز"),   EX_WORD("العامه"),  EX_WORD("المختلفه"), EX_WORD("الصغيره"),
                              EX_WORD("الكبيره")};

bool ex_common_noun_of_rank(const rasd_entity_extractor *x, size_t first, size_t last, size_t n) {
    if (first != last || last + 1 >= n) return false;
    const tinfo *t = &x->t[first], *next = &x->t[last + 1];
    if (!t->word || !next->word || !has_article(x, t) || ex_has_enclitic(t) || ex_has_prefix(next) ||
        !ex_key_is(x, next, RANK))
        return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    /* after a noun in construct the adjective is that noun's (ميناء العقبة
     * الرئيسي: the main port of Aqaba) */
    const tinfo *before = word_before(x, first);
    if (before && !has_article(x, before) &&
        !rasd_lexicon_is_function_word(lex, ex_key(x, before->key_off), before->key_len))
        return false;
    /* the word is a noun of the dictionary (عقبة، ميادين، جزيرة) */
    return rasd_lexicon_word_class(lex, ex_key(x, t->key_off), t->key_len) & RASD_WORD_NOUN;
}

bool ex_adjective_after(const rasd_entity_extractor *x, size_t last, size_t n) {
    if (last + 1 >= n) return false;
    const tinfo *t = &x->t[last], *next = &x->t[last + 1];
    if (!t->word || !next->word || !has_article(x, t) || !has_article(x, next) || ex_has_prefix(next) ||
        ex_has_enclitic(next))
        return false;
    /* not a relative pronoun (التي، الذي: the town that ...) */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    if (rasd_lexicon_is_function_word(lex, ex_key(x, next->key_off), next->key_len)) return false;
    return written_ta_marbuta(x, next) || raw_nisba(x, next, false);
}

bool ex_not_a_place_here(const rasd_entity_extractor *x, size_t first, size_t last, size_t n) {
    const tinfo *before = word_before(x, first);
    if (before && !ex_has_prefix(&x->t[first]) && ex_key_is(x, before, HONORIFICS)) return true;
    /* الممثلة لقاء سويدان: one word after an honorific and a word without
     * the article is the person's second name, whatever town has it */
    if (before && first == last && !ex_has_prefix(&x->t[first]) && !has_article(x, before) && !ex_has_prefix(before) &&
        before->match < 0 &&
        !rasd_lexicon_is_function_word(rasd_analyzer_lexicon(x->an), ex_key(x, before->key_off), before->key_len)) {
        const tinfo *title = word_before(x, (size_t)(before - x->t));
        if (title && title->match < 0 && !ex_has_prefix(title) && ex_key_is(x, title, HONORIFICS)) return true;
    }
    /* سعد بن أبي وقاص، سعيد بن المسيب: after بن or أبو a town's name is a
     * man's (أبو ظبي، أم قصر are matched whole, as names of their own) */
    if (before && before->match < 0 && ex_key_is(x, before, KIN)) return true; /* no و after them: وقاص is whole */
    /* المدينة الزرقاء، الولاية الشمالية: a noun of place with the article
     * and a word with it agree, a noun and its adjective (المدينة المنورة
     * is a name of its own, matched whole) */
    if (before && first == last && has_article(x, before) && has_article(x, &x->t[first]) &&
        !ex_has_prefix(&x->t[first]) && ex_place_noun(x, before) &&
        (!ex_key_is(x, before, CAPITAL) || raw_nisba(x, &x->t[first], true)))
        return true;
    /* العقبة الرئيسية "the main obstacle": a common noun, not the town */
    if (ex_common_noun_of_rank(x, first, last, n)) return true;
    /* a word with its case ending written (بمعانٍ، حُكمًا) is a word of
     * the sentence: news writes names bare */
    if (first == last && ex_unnamelike_word(x, &x->t[first])) return true;
    if (before && ex_key_is(x, before, DEMONSTRATIVES)) return true;
    /* والأوروغوياني ليما، الفرنسي سليمان: a nationality before a name
     * makes it a person */
    if (before && has_article(x, before) && raw_nisba(x, before, false) && !before->bi && !before->li &&
        !ex_key_is(x, before, DIRECTIONS) && before->match < 0)
        return true;
    /* محمد غندورة، توكل كرمان: a family name after a first name; not
     * after و (محمد وحلب are two) */
    if (before && !ex_has_prefix(&x->t[first]) && !before->conj && ex_first_name(x, before)) return true;
    if (last + 1 < n && x->t[last + 1].word && ex_key_is(x, &x->t[last + 1], SON_OF)) return true;
    if (side_noun(x, before) || ex_work_title(x, first)) return true; /* فريق ليما، بنك الرياض */
    /* one word without the article and an indefinite nisba after it is
     * a noun and its adjective (صخرة رسوبية، عادة سلوكية) */
    const tinfo *next = last + 1 < n && x->t[last + 1].word ? &x->t[last + 1] : NULL;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    if (first == last && next && next->key_len >= 8 && !has_article(x, &x->t[first]) && !has_article(x, next) &&
        !ex_has_prefix(next) && !rasd_lexicon_is_function_word(lex, ex_key(x, next->key_off), next->key_len) &&
        (raw_nisba(x, next, true) || raw_nisba(x, next, false)) && !(before && ex_place_noun(x, before)))
        return true;
    /* a town's name is feminine (مدريد الإسبانية); with a masculine
     * nationality after it, it is its club (روما الإيطالي، سطيف الجزائري).
     * Not a name with the article: regions are masculine (الجولان السوري) */
    const tinfo *after = last + 1 < n && x->t[last + 1].word ? &x->t[last + 1] : NULL;
    return after && !has_article(x, &x->t[first]) && has_article(x, after) && !ex_has_prefix(after) &&
           raw_nisba(x, after, false) && !ex_key_is(x, after, DIRECTIONS);
}

/* A word as written that begins as an imperfect or a past verb of the
 * sentence may (يكابد، تبعدان، انشقوا), or a name joined by و: what follows a place is more often
 * a verb than the second word of its name, unless that word begins
 * otherwise (داكوتا، بيازيد، آيريس). */
static bool verb_like(const rasd_entity_extractor *x, const tinfo *t) {
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    if (t->tok.end - t->tok.start < 2) return false;
    /* و: a list the analyzer did not split (بعلبك والهرمل) */
    return (s[0] == 0xD9 && (s[1] == 0x8A || s[1] == 0x88)) ||
           (s[0] == 0xD8 && (s[1] == 0xAA || s[1] == 0xA7 || s[1] == 0xA3 || s[1] == 0xA5));
}

/* A word ending in ة whose masculine (the word without it) is a common
 * word of news: an adjective or a participle (ساطعة، طامحة، متفلتة). */
static bool feminine_adjective(const rasd_entity_extractor *x, const tinfo *t) {
    const char *k = ex_key(x, t->key_off);
    /* four letters before ة at least: the patterns of adjectives and
     * participles (ساطعة، مكروهة، متفلتة); a three-letter word before ة is
     * as often a village's name (ريمة، قصرة، جزرة) */
    if (t->key_len < 10 || memcmp(k + t->key_len - 2, "\xD9\x87", 2) != 0) return false; /* the key's ة */
    const unsigned char *raw = (const unsigned char *)x->text + t->tok.end - 2;
    if (raw[0] != 0xD8 || raw[1] != 0xA9) return false; /* written ة, not ه */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    if (rasd_lexicon_count(lex, k, t->key_len - 2) >= 5) return true;
    /* a nisba (ية) whose noun is a word of news (قرية تشادية: تشاد) */
    return memcmp(k + t->key_len - 4, "\xD9\x8A", 2) == 0 && rasd_lexicon_count(lex, k, t->key_len - 4) >= 20;
}

/* A word after one a noun of place names that is the second of the
 * name's words more often than the next phrase's (مدينة سولت ليك
 * سيتي، مدينة مزار شريف، مدينة غولد كوست): a word of news, no particle,
 * seen under this many times. */
#define CUT_AFTER_NOUN 500

static bool name_word_under(const rasd_entity_extractor *x, size_t k, size_t n, uint32_t most);

/* The tagger's news has the word inside names a quarter of the times it
 * saw it, and mostly not as their first word: the second word of a name
 * (شريف، كوست، رآك). A verb or a common noun after a place (جرت، مملوك)
 * is seldom inside names, and a place or a person after a place begins
 * its own name (منطقة موقس بيحان، لولاية أركنساس مايك هاكابي). */
static bool inside_names(const rasd_entity_extractor *x, const tinfo *t) {
    rasd_ner_word_profile p;
    return x->tagger && rasd_ner_profile_of(x->tagger, t->base_hash, &p) && p.type_known && !p.begins && p.share >= .25f &&
           p.count_step >= 1;
}

/* A word as written in ي or ية whose noun without them is a word of news,
 * seen five times or more (ساحلية: ساحل، جليدي: جليد). */
static bool common_nisba(const rasd_entity_extractor *x, const tinfo *t) {
    size_t cut = raw_nisba(x, t, true) ? 4 : raw_nisba(x, t, false) ? 2 : 0;
    if (!cut || t->key_len < cut + 6) return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_count(lex, ex_key(x, t->key_off), t->key_len - cut) >= 5;
}

/* A word as written ending in ة, its case ending written or not (قرية،
 * قريةٍ، نائية). */
static bool written_ta_marbuta(const rasd_entity_extractor *x, const tinfo *t) {
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start, *e = (const unsigned char *)x->text + t->tok.end;
    while (e - s >= 2 && e[-2] == 0xD9 && e[-1] >= 0x8B && e[-1] <= 0x92) e -= 2; /* U+064B..U+0652 */
    return e - s >= 4 && e[-2] == 0xD8 && e[-1] == 0xA9;
}

/* Token a, a word news also writes with the article and ending in ة like
 * the feminine noun of place without it before it (قرية نائية، مدينة
 * منكوبة): an adjective that agrees with it. A masculine noun (حي عابدين)
 * or a name without ة (بلدة سعير) is left: names are of any gender. */
static bool common_after_place_noun(const rasd_entity_extractor *x, size_t a) {
    const tinfo *t = &x->t[a], *before = word_before(x, a);
    if (!before || has_article(x, before) || !ex_place_noun(x, before) || !written_ta_marbuta(x, before) ||
        !written_ta_marbuta(x, t))
        return false;
    return ex_article_form_common(x, t);
}

bool ex_tagged_not_a_place(const rasd_entity_extractor *x, size_t a, size_t b, size_t n) {
    if (ex_not_a_place_here(x, a, b - 1, n)) return true;
    if (b == a + 1 && (ex_pronoun_on_word(x, &x->t[a]) || ex_adjective_of_noun(x, a, a))) return true;
    const tinfo *t = &x->t[a];
    /* للجنين: ل and the article; what follows the first ل is no name
     * (لجنين), and the name with its alif is not in the text */
    if (t->li && t->art_len && t->art_start + 2 <= t->tok.end && memcmp(x->text + t->art_start, "\xD9\x84", 2) == 0)
        return true;
    /* دار الشريف، دار ميريت: a publisher's house (دار السلام is in the
     * gazetteer, matched before the tagger is asked) */
    if (b > a + 1 && ex_key_is(x, t, HOUSE)) return true;
    /* one word the news mostly reads as a person's name (هند، نابليون)
     * is a place only after a noun of place or beside a place */
    rasd_ner_word_profile p;
    if (b == a + 1 && x->tagger && rasd_ner_profile_of(x->tagger, x->t[a].base_hash, &p) && p.type_known &&
        p.type == RASD_NER_PERS && p.share >= .5f && p.count_step >= 1 && !ex_strong_place_cue(x, a))
        return true;
    /* منطقة ساطعة، دولة طامحة: a feminine adjective after a noun of place
     * without the article agrees with it; a town's name ending in ة
     * (منطقة سوكنة) has no masculine the news uses */
    if (b == a + 1 && !has_article(x, t) && !ex_has_prefix(t) && feminine_adjective(x, t)) {
        size_t q = a;
        while (q > 0 && x->t[q - 1].skip) q--;
        if (q > 0 && x->t[q - 1].word && !x->t[q - 1].art_len && ex_place_noun(x, &x->t[q - 1])) return true;
    }
    /* ساوث [داكوتا]، بركي [برك]: one word of a longer name the tagger
     * stopped short of; the place is the whole name, which it did not find */
    if (b == a + 1 && !has_article(x, t) && ex_place_cut_short(x, a, a, n) && !verb_like(x, &x->t[b])) return true;
    if (b == a + 1 && !has_article(x, t) && !ex_has_prefix(t) && b < n && name_word_under(x, b, n, CUT_AFTER_NOUN) &&
        !verb_like(x, &x->t[b]) && inside_names(x, &x->t[b])) {
        /* after a noun of place (مدينة [مزار] شريف): the name goes on */
        size_t q = a;
        while (q > 0 && x->t[q - 1].skip) q--;
        if (q > 0 && x->t[q - 1].word && ex_place_noun(x, &x->t[q - 1])) return true;
    }
    /* جبل جليدي، حي سكني، مدينة ساحلية: a noun of place and an indefinite
     * nisba of a word of news after it is a kind of place, not a name (بحر
     * إيجة: إيج is no word of news); ب left on the noun too (بحي سكني) */
    if (b == a + 2 && !has_article(x, t) && ((!ex_has_prefix(t) && ex_place_noun(x, t)) || ex_glued_noun_of_place(x, t)) &&
        !has_article(x, &x->t[a + 1]) && !ex_has_prefix(&x->t[a + 1]) && common_nisba(x, &x->t[a + 1]))
        return true;
    /* قرية نائية، مدينة منكوبة: a word news also writes with the article,
     * after an indefinite noun of place it agrees with, is its adjective;
     * a town's name is never written with an article it lacks (بلدة
     * عرسال) */
    if (b == a + 1 && !has_article(x, t) && !ex_has_prefix(t) && common_after_place_noun(x, a)) return true;
    /* كريستينا فرنانديز، نيل كيليام: two words or more beginning with a
     * first name, with no word before them that says place, are a person */
    return b > a + 1 && ex_first_name(x, &x->t[a]) && !ex_place_cue(x, a, b, n);
}

/* A one-word place with the article that ends as a nisba does (ي، ية),
 * right after a noun with the article that is not a noun of place, is
 * that noun's adjective (الأيديولوجيا الناصرية، الجهة الشرقية); after a
 * noun of place it is the name (المنطقة الشرقية is matched whole). */
bool ex_adjective_of_noun(const rasd_entity_extractor *x, size_t first, size_t last) {
    const tinfo *t = &x->t[first];
    if (first != last || !t->word || ex_has_enclitic(t) || t->conj) return false;
    if (!raw_nisba(x, t, false) && !raw_nisba(x, t, true)) return false;
    const tinfo *before = word_before(x, first);
    /* a noun that is itself a name is fine (النظام المالي: the regime is
     * an actor), a place is not (المملكة العربية is matched whole) */
    if (!before || before->bi || before->li || ex_place_noun(x, before) ||
        (before->match >= 0 && before->match != t->match && x->m[before->match].place >= 0))
        return false;
    /* the article as the analyzer read it, or as written on a foreign
     * word it leaves whole (الأيديولوجيا): both with it, or both without
     * (عادة سلوكية), a noun that is no particle nor preposition */
    if (has_article(x, t) != has_article(x, before)) return false;
    if (has_article(x, t)) return true;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return !ex_has_prefix(t) && !rasd_lexicon_is_function_word(lex, ex_key(x, before->key_off), before->key_len) &&
           !ex_place_cue(x, first, last + 1, 0) && rasd_lexicon_count(lex, ex_key(x, before->key_off), before->key_len) >= 50;
}

/* Pronouns as written at a word's end: ك، ه (not ة)، ني، ها، هم، هن، كم. */
bool ex_pronoun_on_word(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->art_len || t->key_len < 8) return false;
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    size_t len = t->tok.end - t->tok.start, cut;
    if (len >= 4 && s[len - 4] == 0xD9 && s[len - 3] == 0x87 && s[len - 2] == 0xD8 && s[len - 1] == 0xA7) cut = 4;      /* ها */
    else if (len >= 4 && s[len - 4] == 0xD9 && s[len - 3] == 0x87 && s[len - 2] == 0xD9 && s[len - 1] == 0x85) cut = 4; /* هم */
    else if (len >= 4 && s[len - 4] == 0xD9 && s[len - 3] == 0x86 && s[len - 2] == 0xD9 && s[len - 1] == 0x8A) cut = 4; /* ني */
    else if (len >= 4 && s[len - 4] == 0xD9 && s[len - 3] == 0x87 && s[len - 2] == 0xD9 && s[len - 1] == 0x86) cut = 4; /* هن */
    else if (len >= 4 && s[len - 4] == 0xD9 && s[len - 3] == 0x83 && s[len - 2] == 0xD9 && s[len - 1] == 0x85) cut = 4; /* كم */
    else if (len >= 2 && s[len - 2] == 0xD9 && (s[len - 1] == 0x83 || s[len - 1] == 0x87)) cut = 2;                     /* ك، ه */
    else return false;
    /* the word without it is a common word of news, commoner than the
     * whole: مرقده، دروبك، رشدك (not ملك، مبارك, words of their own) */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    const char *k = ex_key(x, t->key_off);
    if (t->key_len <= cut + 2) return false;
    uint32_t stem = rasd_lexicon_count(lex, k, t->key_len - cut), whole = rasd_lexicon_count(lex, k, t->key_len);
    if (stem < 20 || stem <= 4 * (uint64_t)whole) {
        /* a word ending in ة takes ت before a pronoun: زاويته is زاوية's */
        if (cut != 2 || t->key_len < 6 || memcmp(k + t->key_len - 4, "\xD8\xAA", 2) != 0) return false;
        char buf[256];
        if (t->key_len > sizeof buf) return false;
        memcpy(buf, k, t->key_len - 4);
        memcpy(buf + t->key_len - 4, "\xD9\x87", 2); /* ه, the key's ة */
        stem = rasd_lexicon_count(lex, buf, t->key_len - 2);
        if (stem < 20 || stem <= 4 * (uint64_t)whole) return false;
    }
    return true;
}

/* A word that goes on a foreign place's name (باكينغهام شاير، بالو ألتو،
 * إيدل فايس): an Arabic word with no clitic, not a particle, and too rare
 * in news to be a common word. */
#define RARE_NAME_WORD 10

static bool name_word_under(const rasd_entity_extractor *x, size_t k, size_t n, uint32_t most) {
    if (k >= n) return false;
    const tinfo *t = &x->t[k];
    if (!t->word || t->tok.type != RASD_TOK_WORD || has_article(x, t) || ex_has_prefix(t) || ex_has_enclitic(t) ||
        t->match >= 0 || t->key_len < 4)
        return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    const char *k2 = ex_key(x, t->key_off);
    return !rasd_lexicon_is_function_word(lex, k2, t->key_len) && rasd_lexicon_count(lex, k2, t->key_len) < most;
}

bool ex_place_cut_short(const rasd_entity_extractor *x, size_t first, size_t last, size_t n) {
    /* not after و or a preposition: a list of places (ذيبان والطيانه
     * بائت: a misspelt verb after it) */
    return first == last && !ex_has_prefix(&x->t[first]) && name_word_under(x, last + 1, n, RARE_NAME_WORD);
}

/* A word of a foreign name: no clitic, article or pronoun on it, no word
 * of the dictionary nor particle, and no place of the gazetteer. */
static bool bare_foreign_word(const rasd_entity_extractor *x, const tinfo *t, bool own_letter) {
    if (!t->word || t->tok.type != RASD_TOK_WORD || has_article(x, t) || (!own_letter && ex_has_prefix(t)) ||
        ex_has_enclitic(t) || t->match >= 0 || t->key_len < 4 || ex_dictionary_word(x, t))
        return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return !rasd_lexicon_is_function_word(lex, ex_key(x, t->key_off), t->key_len);
}

bool ex_place_goes_on(rasd_entity_extractor *x, size_t a, bool opener, size_t n) {
    size_t b = a + 1;
    if (b >= n) return false;
    const tinfo *t = &x->t[a], *next = &x->t[b];
    /* the tagged word may keep a letter of its own (بونيس is no ب + ونيس) */
    if (!opener && !bare_foreign_word(x, t, true)) return false;
    if (!bare_foreign_word(x, next, false)) return false;
    /* a person the tagger reads next (ميلووكي توم باريت) */
    const rasd_ner_result *tags = x->tagger ? ex_sentence_tags(x, n) : NULL;
    if (tags && b < tags->n_tags && tags->tags[b] != RASD_NER_O && (tags->tags[b] - 1u) / 2 == RASD_NER_PERS) return false;
    /* a word the news reads inside names and not as their first (أيرس);
     * else a rare word that neither begins names (ساغانغ ميانمار: a second
     * place) nor looks like a verb or a list (جوبا يكابد، بعلبك والهرمل) */
    if (inside_names(x, next)) return true;
    rasd_ner_word_profile p;
    if (x->tagger && rasd_ner_profile_of(x->tagger, next->base_hash, &p) && p.type_known && p.begins) return false;
    if (verb_like(x, next)) return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return opener || rasd_lexicon_count(lex, ex_key(x, next->key_off), next->key_len) < RARE_NAME_WORD;
}
