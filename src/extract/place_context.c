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
    if (!t->word || t->art_len || t->base_off != t->key_off || t->key_len < 8) return false;
    const char *k = ex_key(x, t->key_off);
    if (memcmp(k, "\xD9\x84", 2) != 0 && memcmp(k, "\xD9\x88", 2) != 0) return false; /* ل، و */
    if (memcmp(x->text + t->tok.start, k, 2) != 0) return false;
    return !ex_whole_word_named(x, t, RASD_NER_PERS) && first_name_hash(x, rasd_hash_bytes(k + 2, t->key_len - 2));
}

/* Words that begin a part of a person's name: a place is never followed
 * by one (الشيخ بدر بن علي: a man, not the town of الشيخ بدر). */
static const ex_word SON_OF[] = {EX_WORD("بن"), EX_WORD("ابن"), EX_WORD("بنت")};

/* Nouns of a sports side without the article: a town after one is its
 * club (فريق ليما سول، لاعب القادسية، وفاق سطيف الجزائري). */
static const ex_word SIDE_NOUNS[] = {EX_WORD("فريق"), EX_WORD("نادي"), EX_WORD("لاعب"), EX_WORD("لاعبي"),
                                     EX_WORD("مدرب"), EX_WORD("وفاق"), EX_WORD("فرق"),  EX_WORD("اندية")};

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

bool ex_not_a_place_here(const rasd_entity_extractor *x, size_t first, size_t last, size_t n) {
    const tinfo *before = word_before(x, first);
    /* محمد غندورة، توكل كرمان: a family name after a first name; not
     * after و (محمد وحلب are two) */
    if (before && !x->t[first].conj && !before->conj && ex_first_name(x, before)) return true;
    if (last + 1 < n && x->t[last + 1].word && ex_key_is(x, &x->t[last + 1], SON_OF)) return true;
    return side_noun(x, before);
}

bool ex_tagged_not_a_place(const rasd_entity_extractor *x, size_t a, size_t b, size_t n) {
    if (ex_not_a_place_here(x, a, b - 1, n)) return true;
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
    if (first != last || !t->word || ex_has_enclitic(t)) return false;
    if (!t->art_len && (t->key_len <= 4 || memcmp(ex_key(x, t->key_off), AL, 4) != 0)) return false;
    const unsigned char *s = (const unsigned char *)x->text + t->tok.start;
    size_t len = t->tok.end - t->tok.start;
    bool ya = len >= 2 && s[len - 2] == 0xD9 && s[len - 1] == 0x8A;                           /* ي */
    bool yat = len >= 4 && s[len - 4] == 0xD9 && s[len - 3] == 0x8A && s[len - 2] == 0xD8 && s[len - 1] == 0xA9; /* ية */
    if (!ya && !yat) return false;
    const tinfo *before = word_before(x, first);
    if (!before || ex_has_prefix(before) || ex_place_noun(x, before) || (before->match >= 0 && before->match != t->match))
        return false;
    /* the article as the analyzer read it, or as written on a foreign
     * word it leaves whole (الأيديولوجيا) */
    return before->art_len || (before->key_len > 4 && memcmp(ex_key(x, before->key_off), AL, 4) == 0);
}
