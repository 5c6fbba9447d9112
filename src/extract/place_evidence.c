/*
 * place_evidence.c: whether a place the name tagger found, and no
 * gazetteer or knowledge base holds, is stored as a place (issue 15:
 * "adjectives and common words are not places unless the context makes
 * them one"). The tagger reads one sentence and guesses from a word's
 * shape: after مع، من، على or nothing, a club (مع بارتيزان), a brand
 * (هواتف سامسونغ), a common noun (الكورنر، البابونج) or an idiom (حامية
 * الوطيس) look to it like a town. A real place the news names without a
 * gazetteer entry is nearly always introduced as one somewhere in the
 * article: a noun of place before it (مدينة، قرية، حي، مقاطعة), a
 * preposition of place before a bare word (في، إلى), a direction or a
 * known place after it (شمال العراق، في لندن), a known place beside it,
 * a place nisba after it (الألمانية), or a name that begins with a noun
 * of place (جبل الزاوية، حي الزاهر). A mention without any of these waits
 * (x->pending_places) until another mention of the same name in the
 * article gives the evidence; one that never gets it is left out of the
 * places (the article still reads; only the stored place goes).
 */
#include "extractor.h"

#include <stdlib.h>
#include <string.h>

/* Nouns of place the tagger's places follow, beyond those every rule
 * reads (ex_place_noun): plurals and kinds of place news names foreign
 * places with. Compared without clitics (بمقاطعة، وجزر). */
static const ex_word MORE_PLACE_NOUNS[] = {
    EX_WORD("بلده"),     EX_WORD("بلدات"),    EX_WORD("جزر"),     EX_WORD("مقاطعات"),  EX_WORD("محافظات"),
    EX_WORD("ولايات"),   EX_WORD("احياء"),    EX_WORD("مستوطنه"), EX_WORD("مستوطنات"), EX_WORD("ضواحي"),
    EX_WORD("مخيمات"),   EX_WORD("اقاليم"),   EX_WORD("امارات"),  EX_WORD("اماره"),    EX_WORD("بحر"),
    EX_WORD("خليج"),     EX_WORD("مضيق"),     EX_WORD("صحراء"),   EX_WORD("هضبه"),     EX_WORD("تل"),
    EX_WORD("ساحل"),     EX_WORD("شاطئ"),     EX_WORD("شواطئ"),   EX_WORD("معبر"),
    EX_WORD("مدينتي"),   EX_WORD("قريتي"),    EX_WORD("منطقتي"),  EX_WORD("بلدتي"),    EX_WORD("عاصمتها"),
    EX_WORD("ارخبيل"),   EX_WORD("محميه"),    EX_WORD("كانتون"),  EX_WORD("انهار"),    EX_WORD("حاره"),
    EX_WORD("قطاع"),     EX_WORD("ضفاف"),     EX_WORD("مرتفعات"), EX_WORD("سفوح"),
};

static const ex_word IN[] = {EX_WORD("في")};

/* A peak (قمة إيدل), also a summit: a noun of place before a name, never
 * one a preposition cannot follow (القمة بجوهانسبرغ: the summit in). */
static const ex_word PEAK[] = {EX_WORD("قمه")};

/* Directions after a place (سوروج جنوب تركيا، كوجيلو (غرب)): where it is. */
static const ex_word DIRECTIONS_AFTER[] = {
    EX_WORD("شمال"),  EX_WORD("جنوب"),  EX_WORD("شرق"),   EX_WORD("غرب"),   EX_WORD("وسط"),   EX_WORD("شمالي"),
    EX_WORD("جنوبي"), EX_WORD("شرقي"),  EX_WORD("غربي"),  EX_WORD("شمالا"), EX_WORD("جنوبا"), EX_WORD("شرقا"),
    EX_WORD("غربا"),  EX_WORD("قرب"),   EX_WORD("بالقرب"),
};

/* Prepositions of place and directions before a bare word: "in", "to",
 * "near", "towards", "between", "north of" (شمال غرب سكرامنتو). */
static const ex_word PLACE_PREPS[] = {EX_WORD("في"),    EX_WORD("الي"),   EX_WORD("قرب"),   EX_WORD("نحو"),
                                     EX_WORD("بين"),   EX_WORD("داخل"),  EX_WORD("ارجاء"), EX_WORD("باتجاه"),
                                     EX_WORD("شمال"),  EX_WORD("جنوب"),  EX_WORD("شرق"),   EX_WORD("غرب"),
                                     EX_WORD("شمالي"), EX_WORD("جنوبي"), EX_WORD("شرقي"), EX_WORD("غربي")};

/* Nouns after which a name is never a place: a club's, a brand's, a
 * company's, a galaxy's, a prize's (نادي، هواتف سامسونغ، مجرة درب التبانة،
 * جائزة نوبل). Compared without clitics. */
static const ex_word NOT_PLACE_NOUNS[] = {
    EX_WORD("نادي"),   EX_WORD("فريق"),   EX_WORD("هاتف"),    EX_WORD("هواتف"),  EX_WORD("شركه"),   EX_WORD("شركات"),
    EX_WORD("مجره"),   EX_WORD("جائزه"),  EX_WORD("جوائز"),   EX_WORD("كاس"),    EX_WORD("بطوله"),  EX_WORD("منتخب"),
    EX_WORD("لاعب"),   EX_WORD("مدرب"),   EX_WORD("صحيفه"),   EX_WORD("مجله"),   EX_WORD("قناه"),   EX_WORD("وكاله"),
    EX_WORD("ماركه"),  EX_WORD("علامه"),  EX_WORD("مصرف"),    EX_WORD("بنك"),    EX_WORD("جامعه"),  EX_WORD("مستشفي"),
    EX_WORD("فندق"),   EX_WORD("مطعم"),   EX_WORD("مهرجان"),  EX_WORD("معرض"),   EX_WORD("مسرحيه"), EX_WORD("فيلم"),
    EX_WORD("روايه"),  EX_WORD("كتاب"),   EX_WORD("قصيده"),   EX_WORD("اغنيه"),  EX_WORD("برنامج"), EX_WORD("موقع"),
    EX_WORD("مركز"),   EX_WORD("معهد"),   EX_WORD("مجموعه"),  EX_WORD("عائله"),  EX_WORD("قبيله"),  EX_WORD("اسره"),
    EX_WORD("بورصه"),
    /* the first word of clubs' names (ريال سرقسطة، أتلتيك بلباو) */
    EX_WORD("ريال"),   EX_WORD("اتلتيكو"), EX_WORD("اتليتكو"), EX_WORD("اتلتيك"), EX_WORD("اتليتك"),
};

static bool base_is(const rasd_entity_extractor *x, const tinfo *t, const ex_word *list, size_t n) {
    if (!t->word) return false;
    const char *b = ex_key(x, t->base_off);
    for (size_t i = 0; i < n; i++)
        if (list[i].len == t->base_len && memcmp(b, list[i].w, t->base_len) == 0) return true;
    return ex_key_in(x, t, list, n);
}
#define base_in(x, t, list) base_is((x), (t), (list), sizeof(list) / sizeof *(list))

/* A state's noun: no town's name follows it. */
static const ex_word STATE[] = {EX_WORD("دوله"), EX_WORD("دولتي")};

static bool noun_of_place(const rasd_entity_extractor *x, const tinfo *t) {
    return t->word && (ex_place_noun(x, t) || base_in(x, t, MORE_PLACE_NOUNS));
}

/* Token k is part of a place the dictionaries found (a town, a country),
 * or ends a place the tagger found with evidence in this sentence (a
 * list: في بنها وكفر شكر). */
static bool known_place(const rasd_entity_extractor *x, size_t k, size_t n, size_t sentence) {
    if (k >= n) return false;
    if (x->t[k].match >= 0 && x->m[x->t[k].match].place >= 0) return true;
    if (!x->t[k].word) return false;
    /* the places of a sentence are among the last few recorded */
    size_t from = x->out.n_places > 16 ? x->out.n_places - 16 : 0;
    for (size_t i = x->out.n_places; i-- > from;) {
        const rasd_place_hit *ph = &x->out.places[i];
        if (ph->n_mentions == 0) continue;
        const rasd_mention *m = &ph->mentions[ph->n_mentions - 1];
        if (m->sentence == sentence && m->end == x->t[k].tok.end) return true;
    }
    return false;
}

/* The word before token first, past quotation marks and brackets. */
static size_t before_index(const rasd_entity_extractor *x, size_t first) {
    size_t p = first;
    while (p > 0 && x->t[p - 1].skip) p--;
    return p;
}

static bool has_article(const rasd_entity_extractor *x, const tinfo *t) {
    return t->art_len || (t->key_len > 4 && memcmp(ex_key(x, t->key_off), AL, 4) == 0);
}

/* A rare word: what a clitic letter cut off a rare name leaves is seldom a
 * name the news knows (سانت ب[يترسبرج]، وب[شكيرستان]). */
static bool rare_base(const rasd_entity_extractor *x, const tinfo *t) {
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len) < 5 && !ex_mostly_named(x, t, RASD_NER_LOC);
}

/* A word with the article that ends as a nisba does, ي or ية as written
 * (الألمانية، التركي). */
static bool nisba(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || !t->art_len || t->key_len < 8 || ex_has_prefix(t)) return false;
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    size_t len = t->tok.end - t->tok.start;
    if (len >= 2 && s[len - 2] == 0xD9 && s[len - 1] == 0x8A) return true;
    return len >= 4 && s[len - 4] == 0xD9 && s[len - 3] == 0x8A && s[len - 2] == 0xD8 && s[len - 1] == 0xA9;
}

/* A noun of place with a letter of a preposition the analyzer left on it
 * (بحي: حي is also "alive", بحي "my sea"). */
bool ex_glued_noun_of_place(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->key_len < 4) return false;
    const char *k = ex_key(x, t->key_off) + 2;
    size_t len = t->key_len - 2;
    if (len == 4 && memcmp(k, "\xD8\xAD\xD9\x8A", 4) == 0) return true; /* حي */
    for (size_t i = 0; i < sizeof MORE_PLACE_NOUNS / sizeof *MORE_PLACE_NOUNS; i++)
        if (MORE_PLACE_NOUNS[i].len == len && memcmp(k, MORE_PLACE_NOUNS[i].w, len) == 0) return true;
    return false;
}

static bool feminine_nisba(const rasd_entity_extractor *x, const tinfo *t) {
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    size_t len = t->tok.end - t->tok.start;
    return len >= 10 && s[len - 2] == 0xD8 && s[len - 1] == 0xA9;
}

/* A word of news far too common to be a village's name unless the news
 * reads it as one (ريبة، حلاوة، صخرة). */
static bool common_word(const rasd_entity_extractor *x, const tinfo *t) {
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len) >= 20 && !ex_mostly_named(x, t, RASD_NER_LOC);
}

/* Words of football news and of nothing else: a sentence with one is
 * about a match, a club or a transfer (not انتقل "moved", الهدف "the
 * aim", الفريق "the general", المدافع "the guns"). */
static const ex_word SPORT[] = {
    EX_WORD("الدوري"), EX_WORD("دوري"),    EX_WORD("النادي"),  EX_WORD("نادي"),     EX_WORD("لاعب"),    EX_WORD("اللاعب"),
    EX_WORD("لاعبا"),  EX_WORD("المدرب"),  EX_WORD("مدرب"),    EX_WORD("انضم"),     EX_WORD("انضمامه"), EX_WORD("تعاقد"),
    EX_WORD("التعاقد"), EX_WORD("اعاره"),  EX_WORD("الاعاره"), EX_WORD("المباراه"), EX_WORD("مباراه"),  EX_WORD("هدفين"),
    EX_WORD("فريقه"),  EX_WORD("المهاجم"), EX_WORD("الملعب"),  EX_WORD("ملعب"),     EX_WORD("بطوله"),   EX_WORD("البطوله"),
};

/* A word ending in ين، ان or ات whose stem without them, three letters or
 * more, is a common word of news (جنيهين، سيارتان، قرارات). */
static bool plural_of_common(const rasd_entity_extractor *x, const tinfo *t) {
    const char *k = ex_key(x, t->key_off);
    if (t->key_len < 10) return false;
    const char *end = k + t->key_len - 4;
    bool dual = memcmp(end, "\xD9\x8A\xD9\x86", 4) == 0 || memcmp(end, "\xD8\xA7\xD9\x86", 4) == 0; /* ين، ان */
    bool fem = memcmp(end, "\xD8\xA7\xD8\xAA", 4) == 0;                                                  /* ات */
    if (!dual && !fem) return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    uint32_t stem = rasd_lexicon_count(lex, k, t->key_len - 4);
    if (fem && stem < 20) { /* سيارات: سيارة's ة */
        char buf[256];
        if (t->key_len > sizeof buf) return false;
        memcpy(buf, k, t->key_len - 4);
        memcpy(buf + t->key_len - 4, "\xD9\x87", 2);
        stem = rasd_lexicon_count(lex, buf, t->key_len - 2);
    }
    return stem >= 20 && !ex_mostly_named(x, t, RASD_NER_LOC);
}



/* Short vowels written on (U+064B..U+0652): news writes one now and
 * then on a word it means to tell from another; verse and scripture are
 * written with them throughout. */
#define VOWELLED 8

static bool vowelled_sentence(const rasd_entity_extractor *x, size_t n) {
    if (n == 0) return false;
    const unsigned char *s = (const unsigned char *)x->text + x->t[0].tok.start;
    size_t len = x->t[n - 1].tok.end - x->t[0].tok.start, marks = 0;
    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == 0xD9 && s[i + 1] >= 0x8B && s[i + 1] <= 0x92 && ++marks >= VOWELLED) return true;
    return false;
}

static bool sport_sentence(const rasd_entity_extractor *x, size_t n) {
    for (size_t k = 0; k < n; k++)
        if (base_in(x, &x->t[k], SPORT)) return true;
    return false;
}

bool ex_team_after_li(const rasd_entity_extractor *x, size_t first, size_t start, size_t n) {
    /* ل "for" a side in a sentence about a match or a transfer (يلعب
     * للقادسية، هدفين لروما، يرحل لروما): the town's club. The ل is left
     * out of the name matched; a name that begins with the letter (ليما،
     * ليبرفيل) keeps it and says nothing */
    return x->t[first].li && x->t[first].tok.start < start && sport_sentence(x, n);
}

bool ex_never_a_place_after(const rasd_entity_extractor *x, size_t first) {
    size_t p = before_index(x, first);
    return p > 0 && x->t[p - 1].word && base_in(x, &x->t[p - 1], NOT_PLACE_NOUNS);
}

/* A verb alone is not counted: the imperfect's letters (ي، ت، ن، ا) begin
 * many a foreign or old name that is also a verb's form (يثرب، حيفا،
 * طابا، سول); with the future's س it is surely a verb (سنحرم، ستدمر). */
static bool dictionary_key(const rasd_entity_extractor *x, const tinfo *t, bool whole) {
    uint32_t off = whole ? t->key_off : t->base_off, len = whole ? t->key_len : t->base_len;
    if (!t->word || len < 4) return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    if (rasd_lexicon_word_class(lex, ex_key(x, off), len) & (RASD_WORD_NOUN | RASD_WORD_FUNCTION | RASD_WORD_FUTURE))
        return true;
    /* the whole word, when the analyzer took the س off as a clitic */
    return rasd_lexicon_word_class(lex, ex_key(x, t->key_off), t->key_len) & RASD_WORD_FUTURE;
}

bool ex_dictionary_word(const rasd_entity_extractor *x, const tinfo *t) { return dictionary_key(x, t, false); }

bool ex_place_said_around(const rasd_entity_extractor *x, size_t a, size_t b, size_t n, size_t sentence) {
    size_t p = before_index(x, a);
    const tinfo *before = p > 0 && x->t[p - 1].word ? &x->t[p - 1] : NULL;
    /* a noun of place before it (its ب left on: بحي), or a direction
     * (جنوب غرب سناح) */
    if (before && (noun_of_place(x, before) || base_in(x, before, PEAK) || ex_glued_noun_of_place(x, before) ||
                   (!before->conj && ex_key_is(x, before, DIRECTIONS_AFTER))))
        return true;
    /* the third of a list of places or more (كركوك وتلعفر ومخمور، كإدلب
     * وأريحا وتدمر); two may be two adjectives (مالي وبشري) */
    if (x->t[a].conj && p > 0 && known_place(x, p - 1, n, sentence)) {
        size_t r = before_index(x, p - 1);
        if (r > 0 && x->t[r - 1].tok.type == RASD_TOK_PUNCT) r--;
        if (r > 0 && known_place(x, r - 1, n, sentence)) return true;
    }
    size_t q = b;
    while (q < n && x->t[q].skip) q++;
    /* or between two (الموصل ومخمور والفلوجة) */
    if (x->t[a].conj && p > 0 && known_place(x, p - 1, n, sentence) && q < n && x->t[q].conj &&
        known_place(x, q, n, sentence))
        return true;
    /* X في ريف الحسكة، X بمحافظة أبين، X في لندن: where it lies */
    if (q + 1 < n && x->t[q].word && ex_key_is(x, &x->t[q], IN) &&
        (noun_of_place(x, &x->t[q + 1]) || known_place(x, q + 1, n, sentence)))
        return true;
    if (q < n && x->t[q].word && x->t[q].bi && !x->t[q].art_len && noun_of_place(x, &x->t[q])) return true;
    if (q < n && x->t[q].tok.type == RASD_TOK_PUNCT && q + 1 < n) q++;
    return q < n && x->t[q].word && !x->t[q].conj && ex_key_is(x, &x->t[q], DIRECTIONS_AFTER); /* X شمال العراق */
}

bool ex_place_evidence(const rasd_entity_extractor *x, size_t a, size_t b, size_t n, size_t start, size_t sentence) {
    const tinfo *first = &x->t[a];
    /* a clitic letter taken off a rare word leaves a cut name, not a place
     * "in" somewhere: the letter says nothing then */
    bool cut = start > first->tok.start;
    bool cut_rare = cut && rare_base(x, first);
    /* جبل الزاوية، حي الزاهر، جزر الكناري: the name says what it is (its
     * ب cut off: بحي الملز) */
    if (b > a + 1 && (noun_of_place(x, first) || (cut && ex_glued_noun_of_place(x, first)))) return true;
    size_t p = before_index(x, a);
    const tinfo *before = p > 0 && x->t[p - 1].word ? &x->t[p - 1] : NULL;
    if (before && (noun_of_place(x, before) || base_in(x, before, PEAK))) return true;
    /* a known place right before (a list, or a town and its country) or
     * right after, past a comma or و (الأشرفية، بيروت; حلب وإدلب) */
    if (p > 0 && known_place(x, p - 1, n, sentence)) return true;
    if (p > 1 && x->t[p - 1].tok.type == RASD_TOK_PUNCT && known_place(x, p - 2, n, sentence)) return true;
    size_t q = b;
    while (q < n && x->t[q].skip) q++;
    if (q < n && known_place(x, q, n, sentence) && (x->t[q].conj || x->t[q].bi)) return true; /* X وسوريا، X بالعراق */
    if (q + 1 < n && x->t[q].tok.type == RASD_TOK_PUNCT && known_place(x, q + 1, n, sentence)) return true;
    /* X في لندن، X شمال العراق، X (غرب) */
    if (q + 1 < n && x->t[q].word && ex_key_is(x, &x->t[q], PLACE_PREPS) && known_place(x, q + 1, n, sentence)) return true;
    /* X في ريف الحسكة، X بمحافظة أبين: where it lies */
    if (q + 1 < n && x->t[q].word && ex_key_is(x, &x->t[q], IN) && noun_of_place(x, &x->t[q + 1])) return true;
    if (q < n && x->t[q].word && x->t[q].bi && !x->t[q].art_len && noun_of_place(x, &x->t[q])) return true;
    if (q < n && x->t[q].tok.type == RASD_TOK_PUNCT && q + 1 < n) q++;
    if (q < n && x->t[q].word && !x->t[q].conj && ex_key_is(x, &x->t[q], DIRECTIONS_AFTER)) return true;
    /* the last of a list of names joined by و after a preposition or a
     * noun of place (في نابلس والخليل والقدس) */
    if (first->conj && !cut_rare)
        for (size_t k = p; k-- > 0 && k + 8 > p && x->t[k].word;)
            if (known_place(x, k, n, sentence) || noun_of_place(x, &x->t[k]) || ex_key_is(x, &x->t[k], PLACE_PREPS))
                return true;
    /* a preposition of place before a bare word, or ب on it (في غلاسجو،
     * بجوهانسبرغ); not on a word whose letter was cut from a rare name */
    /* a word with the article the news mostly reads inside places' names,
     * after في or with ب (في القدس الشرقية، بالجبيل): not after إلى or
     * مع, where a tagger's habit of reading a club or a common word as a
     * place shows (إلى الكورنر، مع بارتيزان) */
    /* in a sentence about a match or a transfer, "to", "from" and "in"
     * name clubs as often as towns (انضم إلى ستوك سيتي، من إياكس إلى
     * جوفنتوس): those need a stronger word */
    /* nor are they for a dual or a plural of a common noun (إلى جنيهين),
     * nor in verse, whose في and إلى are of the heart's places */
    if (sport_sentence(x, n) || vowelled_sentence(x, n) || ex_in_verse_lines(x, first->tok.start) || (b == a + 1 && !has_article(x, first) && !ex_has_prefix(first) && plural_of_common(x, first)))
        return b < n && !cut_rare && nisba(x, &x->t[b]);
    if (has_article(x, first) && ex_mostly_named(x, first, RASD_NER_LOC) &&
        ((first->bi && !first->conj && cut) || (before && ex_key_is(x, before, IN))))
        return true;
    if (!has_article(x, first) && !cut_rare) {
        /* ب "in" taken off a word the news reads as a place's
         * (بجوهانسبرغ); a ب the name keeps (بلفاست، بريديتور) says
         * nothing, nor one before a common word or a masdar, as often
         * "with" (بريبة، بحلاوة، بغيبوبة، ببصيرة), nor before a name the
         * news knows as something else (ب[ينسون] of a person cut) */
        if (first->bi && !first->conj && cut && !common_word(x, first) && ex_mostly_named(x, first, RASD_NER_LOC)) return true;
        /* nor a preposition alone before a word news also writes with the
         * article (في باحة المسجد، إلى ميت): "in" is said of every noun,
         * and a town's name keeps or lacks its article as it is (the
         * gazetteer's towns are asked for their evidence here too, and
         * keep a preposition's: في حديثة) */
        if (before && (!cut || !first->bi) && ex_key_is(x, before, PLACE_PREPS) &&
            !(b == a + 1 && first->match < 0 && ex_article_form_common(x, first) && !ex_mostly_named(x, first, RASD_NER_LOC)))
            return true;
    }
    /* a nisba after it (كاتانزارو الإيطالية) */
    return !cut_rare && b < n && nisba(x, &x->t[b]);
}

/* ------------------------------------------------ places waiting for one */

static void record(rasd_entity_extractor *x, size_t start, size_t end, size_t sentence, bool evident);

typedef struct pending_place {
    char *surface;
    size_t len;
    rasd_mention m[4]; /* the first mentions, to give the place once it is known */
    size_t n;
} pending_place;

struct ex_pending_places {
    rasd_strtab keys; /* the unknown place's key -> index + 1 */
    pending_place *items;
    size_t count, cap;
};

void ex_pending_places_free(rasd_entity_extractor *x) {
    ex_pending_places *pp = x->pending_places;
    if (!pp) return;
    for (size_t i = 0; i < pp->count; i++) free(pp->items[i].surface);
    free(pp->items);
    rasd_strtab_free(&pp->keys);
    free(pp);
    x->pending_places = NULL;
}

/* Words that begin a compound name of a foreign place or a cape and are
 * none alone (سان فرانسيسكو، سانت بطرسبرغ، نيو جيرزي، لوس أنجلوس، بورت
 * سودان، رأس إجدير): the
 * tagger often leaves them out of the span. */
static const ex_word OPENERS[] = {EX_WORD("سان"),  EX_WORD("سانت"), EX_WORD("نيو"),  EX_WORD("لوس"),
                                  EX_WORD("لاس"),  EX_WORD("بورت"), EX_WORD("فورت"), EX_WORD("ساو"),
                                  EX_WORD("ساوث"), EX_WORD("نورث"), EX_WORD("ويست"), EX_WORD("ماونت"),
                                  /* a cape (رأس إجدير، رأس تنورة) */
                                  EX_WORD("راس")};

bool ex_after_compound_opener(const rasd_entity_extractor *x, size_t first) {
    const tinfo *t = &x->t[first];
    if (first == 0 || !t->word || ex_has_prefix(t)) return false;
    const tinfo *before = &x->t[first - 1];
    return before->word && before->match < 0 && ex_key_is(x, before, OPENERS);
}

/* Adjectives that run on after a place's name (مروة أقصى الشمال). */
static const ex_word FAR[] = {EX_WORD("اقصي"), EX_WORD("ادني")};

/* Directions and عربي in a name (أوسيتيا الشمالية، الغوطة الغربية). */
static const ex_word NAME_ADJECTIVES[] = {
    EX_WORD("الشمالي"), EX_WORD("الجنوبي"), EX_WORD("الشرقي"), EX_WORD("الغربي"), EX_WORD("العربي"),
    EX_WORD("الشماليه"), EX_WORD("الجنوبيه"), EX_WORD("الشرقيه"), EX_WORD("الغربيه"), EX_WORD("العربيه"),
    EX_WORD("الوسطي"), EX_WORD("الكبري"), EX_WORD("الصغري"), EX_WORD("العليا"), EX_WORD("السفلي")};

/* Titles a place named after a saint begins with (الشيخ زويد، السيدة
 * زينب): the one name whose first word has the article and whose second
 * has none. */
static const ex_word SAINTS[] = {EX_WORD("الشيخ"), EX_WORD("السيده"), EX_WORD("السيد"), EX_WORD("الست"),
                                 EX_WORD("شيخ"),   EX_WORD("سيده"),   EX_WORD("سيد"),   EX_WORD("ست")};

/* A name with the article followed by a word without it is no place's
 * name of two words: an Arabic name's parts agree (الدار البيضاء، القدس
 * الشرقية). With a first name or a common word after it, the tagger ran
 * on past the place into the next phrase: a person (لمحافظة الحديدة حسن
 * صغير) or a predicate (حالة البحر متوسط الموج). */
static bool run_on(const rasd_entity_extractor *x, size_t a) {
    const tinfo *first = &x->t[a], *second = &x->t[a + 1];
    if (!first->word || !second->word || !has_article(x, first) || has_article(x, second) || ex_has_prefix(second) ||
        base_in(x, first, SAINTS))
        return false;
    if (ex_first_name(x, second)) return true;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_count(lex, ex_key(x, second->key_off), second->key_len) >= 20 &&
           !ex_mostly_named(x, second, RASD_NER_LOC);
}

/* The end of a tagged place over [a, b): a nisba with the article after a
 * name without it is the place's adjective, not its name (كنساس
 * الأمريكية، كفريا البقاعية; not الغوطة الغربية, nor جبل الشعانبي: a noun
 * of place and its name), and so is أقصى after it. */
static size_t place_end(const rasd_entity_extractor *x, size_t a, size_t b) {
    if (b - a < 2) return b;
    const tinfo *last = &x->t[b - 1], *first = &x->t[a];
    if (run_on(x, a)) return a + 1;
    if (ex_key_is(x, last, FAR)) return b - 1;
    if (noun_of_place(x, first) || ex_glued_noun_of_place(x, first) || ex_key_is(x, last, NAME_ADJECTIVES)) return b;
    for (size_t k = a; k + 1 < b; k++)
        if (has_article(x, &x->t[k])) return b;
    /* the feminine of a town (ية: نيويورك الأمريكية، لوس أنجلوس
     * الأمريكية); a common word before a word in ي (عهد النبي، مسجد
     * النبي، أم القرى) is a phrase, not a place and its nisba, and a word
     * in ي after a name may be a name (دوقية النورماندي) */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    uint32_t c = rasd_lexicon_count(lex, ex_key(x, first->base_off), first->base_len);
    bool located = ex_mostly_named(x, first, RASD_NER_LOC);
    if (!nisba(x, last)) return b;
    return feminine_nisba(x, last) && (c < 50 || located) ? b - 1 : b;
}

/* Second words of foreign places' names the tagger often leaves out of
 * the span (داونينج ستريت، سولت ليك، هايد بارك، بالم بيتش): the place is
 * the whole name, never its first word alone. Compared without clitics. */
static const ex_word SECOND_WORDS[] = {
    EX_WORD("ستريت"), EX_WORD("ليك"),   EX_WORD("سيتي"),   EX_WORD("بيتش"),   EX_WORD("فيلدز"), EX_WORD("فيلد"),
    EX_WORD("بارك"),  EX_WORD("بيك"),   EX_WORD("هيلز"),   EX_WORD("فالي"),   EX_WORD("فولز"),  EX_WORD("سبرينغز"),
    EX_WORD("سبرينجز"), EX_WORD("ايلاند"), EX_WORD("هاربر"), EX_WORD("بوينت"), EX_WORD("سكوير"), EX_WORD("هايتس"),
};

/* A word of a foreign name: no clitic nor article, no name of the
 * dictionaries, and rare in news (جنتيل). */
static bool rare_name_word(const rasd_entity_extractor *x, size_t k, size_t n) {
    if (k >= n) return false;
    const tinfo *t = &x->t[k];
    if (!t->word || t->tok.type != RASD_TOK_WORD || has_article(x, t) || ex_has_prefix(t) || t->match >= 0 || t->key_len < 4)
        return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    const char *k2 = ex_key(x, t->key_off);
    return !rasd_lexicon_is_function_word(lex, k2, t->key_len) && rasd_lexicon_count(lex, k2, t->key_len) < 10;
}

static bool hyphen(const rasd_entity_extractor *x, size_t k, size_t n) {
    return k < n && x->t[k].tok.type == RASD_TOK_PUNCT && x->t[k].tok.end - x->t[k].tok.start == 1 &&
           x->text[x->t[k].tok.start] == '-';
}

/* The place the tagger stopped short of, over [a, b): the whole name's
 * end, past a second word of a foreign name (داونينج ستريت) or a hyphen
 * and a rare word (بورت - جنتيل). The words taken are covered, so that no
 * name of their own is read in them. */
static size_t whole_name_end(rasd_entity_extractor *x, size_t a, size_t b, size_t n) {
    if (b < n && !x->covered[b] && x->t[b].word && !ex_has_prefix(&x->t[b]) && !has_article(x, &x->t[b]) &&
        ex_key_is(x, &x->t[b], SECOND_WORDS)) {
        x->covered[b] = 1;
        return b + 1;
    }
    if (b == a + 1 && hyphen(x, b, n) && !x->covered[b + 1] && rare_name_word(x, b + 1, n)) {
        x->covered[b] = x->covered[b + 1] = 1;
        return b + 2;
    }
    /* one word of a compound the tagger cut short: the place is the whole
     * name (ساوث داكوتا، بونيس أيرس), never its first word alone */
    if (b == a + 1 && b < n && !x->covered[b] && ex_place_goes_on(x, a, ex_key_is(x, &x->t[a], OPENERS), n)) {
        x->covered[b] = 1;
        return b + 1;
    }
    return b;
}

/* One word the dictionary lists as a common noun, an adjective, a verb or
 * a particle (في قراطيس، الشجرة، سنحرم، طامحة), which the news does not
 * mostly read as a place: a place only where the words around say so
 * (قرية الشجرة، الشجرة شمال حمص). A preposition alone does not (في is
 * said of every noun), and ك on it is "like", never "in" (كالعاشق). */
static bool common_word_as_place(const rasd_entity_extractor *x, size_t a, size_t n, size_t start, size_t sentence) {
    const tinfo *t = &x->t[a];
    /* the word as the place begins: a letter the name keeps is its own
     * (برشين is no ب + رشين) */
    if (!dictionary_key(x, t, start == t->tok.start) || ex_mostly_named(x, t, RASD_NER_LOC)) return false;
    if (start > t->tok.start && memcmp(x->text + t->tok.start, "\xD9\x83", 2) == 0) return true; /* ك */
    return !ex_place_said_around(x, a, a + 1, n, sentence);
}

bool ex_tagged_place(rasd_entity_extractor *x, size_t a, size_t b, size_t n, size_t sentence, bool evident) {
    b = place_end(x, a, b);
    size_t tagged_end = b;
    b = whole_name_end(x, a, b, n);
    /* the whole name read again: a club's (كريستال بالاس الإنجليزي) */
    if (b != tagged_end && ex_not_a_place_here(x, a, b - 1, n)) return evident;
    const tinfo *first = &x->t[a];
    size_t start = ex_place_start(x, first);
    /* after a noun of place or a preposition no preposition follows (مدينة
     * بالنسية، في بيرث، حي بابا عمرو): ب or ل there is the name's own,
     * unless what is left is a name the news reads as a place's */
    size_t q = before_index(x, a);
    bool known = ex_mostly_named(x, first, RASD_NER_LOC);
    if (start == first->tok.start + 2 && (first->bi || first->li || (first->conj && rare_base(x, first))) &&
        !ex_glued_noun_of_place(x, first) &&
        !known && q == a && q > 0 && x->t[q - 1].word &&
        (noun_of_place(x, &x->t[q - 1]) || ex_key_is(x, &x->t[q - 1], PLACE_PREPS)))
        start = first->tok.start; /* ولاية واراب too, و on a rare word: no و after them */
    /* two letters off a word the news does not read as a place's (وس[ان
     * مارينو]، وب[لوجستان]): the first is the conjunction, the second the
     * name's own */
    if (start >= first->tok.start + 4 && !known && !ex_glued_noun_of_place(x, first) && first->conj &&
        start <= first->tok.start + 4)
        start = first->tok.start + 2;
    /* the compound's first word put back (سان [بطرسبرغ]), and with it the
     * name's own first letter (سانت ب[يترسبرج]) */
    size_t p = before_index(x, a);
    if (p > 0 && p == a && x->t[p - 1].word && !x->covered[p - 1] && ex_key_is(x, &x->t[p - 1], OPENERS)) {
        start = x->t[p - 1].tok.start;
        evident = evident || ex_place_evidence(x, p - 1, b, n, start, sentence);
    } else if (b == a + 1 && common_word_as_place(x, a, n, start, sentence)) {
        return evident;
    } else {
        evident = evident || ex_place_evidence(x, a, b, n, start, sentence);
    }
    record(x, start, x->t[b - 1].tok.end, sentence, evident);
    return evident;
}

static void record(rasd_entity_extractor *x, size_t start, size_t end, size_t sentence, bool evident) {
    if (start >= end) return;
    rasd_mention mn = {start, end, sentence, "tagger", 0};
    const char *surface = x->text + start;
    size_t len = end - start;
    char key[512];
    size_t kl = rasd_normalize(surface, len, key, sizeof key);
    if (kl >= sizeof key) kl = strlen(key);
    if (!x->pending_places && !(x->pending_places = calloc(1, sizeof *x->pending_places))) {
        x->failed = true;
        return;
    }
    ex_pending_places *pp = x->pending_places;
    rasd_strtab_entry *e = rasd_strtab_get(&pp->keys, key, kl, true);
    if (!e) {
        x->failed = true;
        return;
    }
    /* flags: 1 once the place is recorded */
    if (e->flags & 1u) {
        ex_mention_place(x, ex_unknown_place(x, surface, len), mn);
        return;
    }
    if (!evident) {
        if (!e->count) {
            if (!rasd_grow((void **)&pp->items, &pp->cap, pp->count, sizeof *pp->items)) {
                x->failed = true;
                return;
            }
            pending_place *np = &pp->items[pp->count];
            memset(np, 0, sizeof *np);
            if (!(np->surface = ex_dup(surface, len))) {
                x->failed = true;
                return;
            }
            np->len = len;
            e->count = (uint32_t)++pp->count;
        }
        pending_place *w = &pp->items[e->count - 1];
        if (w->n < sizeof w->m / sizeof *w->m) w->m[w->n++] = mn;
        return;
    }
    e->flags |= 1u;
    int ph;
    if (e->count) { /* the earlier mentions first, in the text's order */
        pending_place *w = &pp->items[e->count - 1];
        ph = ex_unknown_place(x, w->surface, w->len);
        for (size_t i = 0; i < w->n; i++) ex_mention_place(x, ph, w->m[i]);
    } else {
        ph = ex_unknown_place(x, surface, len);
    }
    ex_mention_place(x, ph, mn);
}

/* ------------------------------------------- small towns of the gazetteer */

/* A town of fewer people than this is known to news mostly where it is
 * the scene of something, and then named as a place (في، بلدة، قرب). */
#define SMALL_TOWN 100000

bool ex_small_town_without_evidence(rasd_entity_extractor *x, const match *m, size_t n, size_t sentence) {
    if (m->ti != m->tj) return false;
    const tinfo *t = &x->t[m->ti];
    if (!t->word || ex_is_dateline(x, m, n)) return false;
    size_t cnt;
    const struct rasd_name_pair *p = rasd_names_targets(&x->kn->names, m->node, &cnt);
    for (size_t i = 0; i < cnt; i++) {
        if (p[i].target.kind != RASD_NAME_PLACE) return false;
        const rasd_place *pl = &x->kn->places[p[i].target.index];
        /* a capital or a seat of a province (P.PPLC, P.PPLA) and a large
         * town are named bare as often as not */
        if (pl->population >= SMALL_TOWN) return false;
        if (pl->feature && (strcmp(pl->feature, "P.PPLC") == 0 || strcmp(pl->feature, "P.PPLA") == 0)) return false;
        if (strncmp(pl->id, "gn:", 3) != 0) return false; /* a region, a province: named bare */
    }
    /* دولة حديثة "a modern state": a small town is no state, and its name
     * after دولة is an adjective of the state (a state's own name after
     * دولة is a country's: دولة الكويت) */
    size_t q = before_index(x, m->ti);
    if (q > 0 && x->t[q - 1].word && !x->t[q - 1].art_len && base_in(x, &x->t[q - 1], STATE)) return true;
    /* a rare word that names a small town (بنان، رحيبة، وقاص، كتم) is as
     * often a noun, an adjective or a family name of the sentence: a word
     * around it says which. Neither the tagger reading the sentence nor
     * how often the news reads the word as a place's is enough: both read
     * the word, not the sentence (سجن صيدنايا is the prison, قمة التل a
     * hilltop, جلسة مناظرة بنان the idiom), and a lone ب is as often "with" */
    /* a small town whose name the dictionary lists as a common word
     * (بشري "human"، سكون "stillness") needs the words around to say
     * place: a known place beside it may be an adjective too (هدر مالي
     * وبشري), and a preposition is said of every noun */
    if (ex_dictionary_word(x, t) && !ex_mostly_named(x, t, RASD_NER_LOC))
        return !ex_place_said_around(x, m->ti, m->tj + 1, n, sentence);
    return !ex_place_evidence(x, m->ti, m->tj + 1, n, m->start, sentence) && !ex_strong_place_cue(x, m->ti);
}

/* The tagger reads the words around a name: a town's name inside a
 * person's name it found (توكل كرمان، إيدين دزيكو) is that person's. Only
 * a person of two words or more: one word alone is as often a town the
 * tagger misread. */
bool ex_inside_tagged_person(rasd_entity_extractor *x, const match *m, size_t n) {
    const rasd_ner_result *tags = x->tagger ? ex_sentence_tags(x, n) : NULL;
    if (!tags || m->tj >= tags->n_tags) return false;
    for (size_t k = m->ti; k <= m->tj; k++)
        if (tags->tags[k] == RASD_NER_O || (tags->tags[k] - 1u) / 2 != RASD_NER_PERS) return false;
    size_t a = m->ti, b = m->tj + 1;
    while (a > 0 && tags->tags[a] == RASD_NER_I(RASD_NER_PERS)) a--;
    while (b < tags->n_tags && tags->tags[b] == RASD_NER_I(RASD_NER_PERS)) b++;
    return b - a >= 2 && b - a > m->tj + 1 - m->ti;
}
