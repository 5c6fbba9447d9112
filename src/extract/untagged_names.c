/*
 * untagged_names.c: names in constructions that say by themselves what
 * they are, where the name tagger read nothing. The tagger weighs a word's
 * shape and a few neighbours, and its training news seldom has some of
 * them (a feminine title, the preposition ل glued to a first name, a
 * district after بحي): how it is trained decides whether it reads them,
 * and the extractor should not depend on that. Two kinds:
 *   - a person: a first name the news reads as one and a family name
 *     with the article, after a word that says person (النائبة سعاد
 *     العتيبي، الوزيرة، الدكتورة، وقالت), or with ل glued to the first name
 *     (الشكر لسامي الدوسري) when the news reads the family name in
 *     persons' names; after a title, people.c asks the same of the two
 *     words (ex_untagged_person_after_title);
 *   - a place: a district's or a street's noun with the preposition ب, or
 *     after في, and the name with the article in construct with it (بحي
 *     الربوة، في شارع التحلية): an indefinite noun takes no adjective with
 *     the article, so the word after it is its name.
 */
#include "extractor.h"

#include <string.h>

/* Token k is no part of a name found (the tagger's reading stands
 * inside one, and tagged_names.c judges it): no name of the lists, no title, no
 * mention (a word of the framing lexicon, الشهداء، is matched too, and
 * may still be a district's name: بحارة الشهداء). */
static bool free_word(const rasd_entity_extractor *x, const rasd_ner_result *tags, size_t k) {
    const tinfo *t = &x->t[k];
    if (!t->word || ex_unnamelike_word(x, t) || ex_tagged_at(tags, k)) return false;
    /* people.c asks before the sentence's mentions are marked covered */
    if (t->match < 0) return !x->covering || !x->covered[k];
    const match *m = &x->m[t->match];
    return m->entity < 0 && m->place < 0 && m->title < 0;
}

/* A word with the article as written and nothing else on it (العتيبي،
 * الدوسري; the analyzer keeps the article in the key of a name it knows). */
static bool article_word(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || !(t->art_len || (t->key_len > 6 && memcmp(ex_key(x, t->key_off), AL, 4) == 0))) return false;
    return !ex_has_prefix(t) && !ex_has_enclitic(t);
}

/* The tagger's news has the word inside persons' names more than any
 * other name, a quarter of the time at least, seen five times at least
 * (العتيبي; الحربي is also "military"). */
static bool person_profile(const rasd_entity_extractor *x, uint64_t hash) {
    rasd_ner_word_profile p;
    return rasd_ner_profile_of(x->tagger, hash, &p) && p.type_known && p.type == RASD_NER_PERS && p.share >= .25f &&
           p.count_step >= 1;
}

/* A family name with the article, its word without the article too, is
 * rarer than this in news when the tagger's news has not read it in
 * names: a common noun or an adjective is far commoner. */
#define RARE_FAMILY 50

/* Token k is a family name: the article, and a word the news reads
 * inside persons' names; when a cue stands before the name, also a rare
 * word or one the news reads in persons' names now and then (الحداد,
 * "the smith" too); never a word the news never has in a name. */
static bool family_word(const rasd_entity_extractor *x, const rasd_ner_result *tags, size_t k, size_t n, bool cued) {
    if (k >= n || !free_word(x, tags, k)) return false;
    const tinfo *t = &x->t[k];
    if (!article_word(x, t) || ex_never_in_names(x, t) || ex_adverbial_alif(x, t)) return false;
    if (person_profile(x, t->base_hash) || person_profile(x, t->key_hash)) return true;
    if (!cued) return false;
    rasd_ner_word_profile p;
    if (rasd_ner_profile_of(x->tagger, t->base_hash, &p) && p.type_known && p.type == RASD_NER_PERS && p.share >= .1f)
        return true;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_count(lex, ex_key(x, t->key_off), t->key_len) < RARE_FAMILY &&
           rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len) < RARE_FAMILY;
}

/* A first name: one the news mostly reads as a name's first word
 * (محمد), or one it reads now and then as a person's first word (سامر،
 * نجلاء), or, when weak is allowed, a word rare in news that begins a
 * person's name whenever it is inside one (هالة, "halo" too, after
 * النائبة). The lists alone are not enough: they hold
 * words that are also particles (أن، على). */
static bool first_name_word(const rasd_entity_extractor *x, const tinfo *t, bool weak) {
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    if (rasd_lexicon_is_function_word(lex, ex_key(x, t->base_off), t->base_len) || ex_never_in_names(x, t)) return false;
    if (ex_first_name(x, t)) return true;
    rasd_ner_word_profile p;
    if (!rasd_ner_profile_of(x->tagger, t->base_hash, &p) || !p.type_known || p.type != RASD_NER_PERS || !p.begins)
        return false;
    /* a common word (مستشفى، طبيب) begins a name now and then too */
    return p.share >= .1f || (weak && rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len) < RARE_FAMILY);
}

/* What the word before token a says: 2 when the news often has a
 * person's name after it (النائبة، الوزيرة، المهاجم), 1 for a reporting
 * verb (وقالت, before a person or a body), 0 else. After a title of the
 * lists, people.c reads the name. */
static int person_cue(const rasd_entity_extractor *x, size_t a) {
    size_t p = a;
    while (p > 0 && x->t[p - 1].skip) p--;
    if (p == 0 || !x->t[p - 1].word) return 0;
    const tinfo *b = &x->t[p - 1];
    if (b->match >= 0) return 0;
    if (rasd_ner_person_cue(x->tagger, b->key_hash)) return 2;
    tinfo said = *b; /* the kinds are left unset when quotes are not asked for */
    ex_quote_kinds(x, &said);
    return said.say != 0;
}

/* A person over tokens i and i + 1 (a word, then one with the article). */
static bool person_at(rasd_entity_extractor *x, const rasd_ner_result *tags, size_t i, size_t n, size_t sentence) {
    const tinfo *t = &x->t[i];
    if (t->key_len < 6 || ex_has_enclitic(t)) return false;
    size_t start;
    if (!ex_has_prefix(t)) {
        /* a first name after a cue, and a family name the news knows
         * or a rare one (النائبة هالة الزغندي) */
        int cue = person_cue(x, i);
        if (!cue || !first_name_word(x, t, cue == 2) || !family_word(x, tags, i + 1, n, true)) return false;
        start = t->tok.start;
    } else {
        /* ل on a first name (not a name of its own: ليلى) and a family
         * name the news reads in persons' names (لوليد الحربي) */
        if (!t->li || memcmp(x->text + t->tok.start, "\xD9\x84", 2) != 0 || t->base_off != t->key_off + 2 ||
            ex_whole_word_named(x, t, RASD_NER_PERS) || !first_name_word(x, t, false) ||
            !family_word(x, tags, i + 1, n, false))
            return false;
        start = t->tok.start + 2;
    }
    if (!free_word(x, tags, i)) return false;
    size_t end = x->t[i + 1].tok.end;
    int person = ex_entity_for_person(x, x->text + start, end - start, RASD_FROM_TAGGER);
    ex_mention_entity(x, person, (rasd_mention){start, end, sentence, "name:cued", 0});
    ex_note_surname(x, person, start, end);
    return true;
}

/* Nouns of a district or a street, compared without ب. */
/* Not ميدان، ساحة: a field and a square are as often figures of speech
 * (ميدان السباق، ساحة الحرب). */
static const ex_word DISTRICTS[] = {EX_WORD("حي"), EX_WORD("حاره"), EX_WORD("شارع"), EX_WORD("ضاحيه")};
static const ex_word IN[] = {EX_WORD("في")};

static bool district_word(const char *k, size_t len) {
    for (size_t i = 0; i < sizeof DISTRICTS / sizeof *DISTRICTS; i++)
        if (DISTRICTS[i].len == len && memcmp(k, DISTRICTS[i].w, len) == 0) return true;
    return false;
}

/* Where the district's noun at token i begins (past its ب), or SIZE_MAX
 * when token i is none with a preposition. */
static size_t district_start(const rasd_entity_extractor *x, size_t i) {
    const tinfo *t = &x->t[i];
    if (t->art_len || ex_has_enclitic(t) || t->conj) return SIZE_MAX;
    const char *k = ex_key(x, t->key_off);
    if (t->key_len > 4 && memcmp(k, "\xD8\xA8", 2) == 0 && memcmp(x->text + t->tok.start, k, 2) == 0 &&
        district_word(k + 2, t->key_len - 2)) /* بحي، بشارع */
        return t->tok.start + 2;
    if (!ex_has_prefix(t) && district_word(k, t->key_len) && i > 0 && x->t[i - 1].word && ex_key_is(x, &x->t[i - 1], IN))
        return t->tok.start;
    return SIZE_MAX;
}

/* A district or a street over tokens i and i + 1. */
static bool district_at(rasd_entity_extractor *x, const rasd_ner_result *tags, size_t i, size_t sentence) {
    size_t start = district_start(x, i);
    if (start == SIZE_MAX || !free_word(x, tags, i) || !free_word(x, tags, i + 1)) return false;
    size_t end = x->t[i + 1].tok.end;
    rasd_mention mn = {start, end, sentence, "district", 0};
    ex_mention_place(x, ex_unknown_place(x, x->text + start, end - start), mn);
    return true;
}

size_t ex_untagged_person_after_title(const rasd_entity_extractor *x, const rasd_ner_result *tags, size_t k, size_t n) {
    if (!x->tagger || k + 1 >= n || !free_word(x, tags, k)) return 0;
    const tinfo *t = &x->t[k];
    if (t->art_len || ex_has_prefix(t) || ex_has_enclitic(t) || t->key_len < 6) return 0;
    return first_name_word(x, t, false) && family_word(x, tags, k + 1, n, true) ? 2 : 0;
}

void ex_untagged_names(rasd_entity_extractor *x, const rasd_ner_result *tags, size_t n, size_t sentence) {
    if (!x->tagger || n < 2) return;
    x->covering = true;
    for (size_t i = 0; i + 1 < n; i++) {
        /* the shape first (a word without the article, then one with it),
         * the look-ups only then: this runs over every word of the news */
        const tinfo *t = &x->t[i];
        if (!t->word || t->art_len || !article_word(x, &x->t[i + 1])) continue;
        if (district_at(x, tags, i, sentence) || person_at(x, tags, i, n, sentence)) {
            x->covered[i] = x->covered[i + 1] = 1;
            i++;
        }
    }
    x->covering = false;
}
