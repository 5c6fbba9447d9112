/*
 * quotes_internal.h: what the files of the quotes stage share (quotes.c:
 * spans, reporting verbs and what each reports; quotes_speaker.c: who
 * speaks; quotes_attribution.c: statements with no reporting verb, «وفق
 * فلان» and «فلان: ...»). Internal to src/extract/: the names are prefixed
 * qt_, but for the small token tests, static inline here because every
 * file asks them word after word.
 */
#ifndef RASD_QUOTES_INTERNAL_H
#define RASD_QUOTES_INTERNAL_H

#include "extractor.h"

#include <string.h>

#define MIN_QUOTE_WORDS 3
#define SUBJECT_WINDOW 20 /* tokens after the verb searched for its subject */
/* Without a quotation or إن/أن to end it, the subject must stand close to
 * the verb: a name further on belongs to what is reported (أكد المحافظ دعم
 * الأمير فلان). A title and a name take up to this many tokens. */
#define OBJECT_SUBJECT_WINDOW 9

/* An entity mention of the sentence, as the quote rules see it. */
typedef struct mention_ref {
    size_t start, end;
    size_t ti; /* the token it starts in */
    int entity;
    bool person;
    bool addressee; /* spoken to, not speaking: لـ«الوطن»، لوكالة الأنباء */
} mention_ref;

/* Index of the token holding byte pos (the last one starting at or before it). */
static inline size_t token_at(const rasd_entity_extractor *x, size_t n, size_t pos) {
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->t[mid].tok.start <= pos) lo = mid;
        else hi = mid;
    }
    return lo;
}

static inline bool key_is(const rasd_entity_extractor *x, const tinfo *t, const char *word) {
    return t->word && t->key_len == strlen(word) && memcmp(ex_key(x, t->key_off), word, t->key_len) == 0;
}

static inline bool base_is(const rasd_entity_extractor *x, const tinfo *t, const char *word) {
    return t->word && t->base_len == strlen(word) && memcmp(ex_key(x, t->base_off), word, t->base_len) == 0;
}

static inline bool is_quote_mark(const tinfo *t) { return t->skip && t->tok.type == RASD_TOK_PUNCT; }

static inline bool is_punct(const rasd_entity_extractor *x, const tinfo *t, const char *p) {
    return t->tok.type == RASD_TOK_PUNCT && strcmp(ex_key(x, t->key_off), p) == 0;
}

/* إن or أن (with or without a pronoun attached: إنه، أنهم، بأن، فإن) */
static inline bool is_an(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word) return false;
    const char *b = ex_key(x, t->base_off);
    return t->base_len == 4 && memcmp(b, "\xD8\xA7\xD9\x86", 4) == 0; /* ان */
}

/* Where find_speaker looks: after the verb, before it, the last speaker;
 * ADDRESSEE: a name with ل may speak (وفقا لوزارة الصحة); DEFINITE: an
 * unnamed subject must carry the article (subject_words); NAMED: no
 * unnamed subject (وفق خطة المشروع: a plan, not a source); ADJACENT: the
 * subject follows the verb with only titles between (أكد المدير العام فلان). */
enum { SUBJECT_AFTER = 1, SUBJECT_BEFORE = 2, SUBJECT_CONTINUE = 4, SUBJECT_ANY = 7, SUBJECT_ADDRESSEE = 8,
       SUBJECT_DEFINITE = 16, SUBJECT_NAMED = 32, SUBJECT_ADJACENT = 64 };

/* quotes.c */
/* A reporting verb at token v: in the verb list, not part of a name, not
 * inside one of the quotations [qa, qb). */
bool qt_is_reporting_verb(const rasd_entity_extractor *x, size_t v, size_t n, const size_t *qa, const size_t *qb,
                          size_t nq);
/* The span [a, b) of tokens into q, punctuation at either end off; false
 * when it holds fewer than MIN_QUOTE_WORDS words. */
bool qt_clause_span(const rasd_entity_extractor *x, size_t a, size_t b, rasd_quote *q);

/* quotes_speaker.c: who speaks, and the speaker the document goes on with. */
void qt_remember_speaker(rasd_entity_extractor *x, const rasd_quote *q);
void qt_add_quote(rasd_entity_extractor *x, rasd_quote q);
bool qt_said_known(const rasd_entity_extractor *x);
void qt_continue_speaker(const rasd_entity_extractor *x, rasd_quote *q);
bool qt_title_subject(const rasd_entity_extractor *x, size_t k, size_t limit, rasd_quote *q);
bool qt_subject_words(const rasd_entity_extractor *x, size_t v, size_t limit, size_t n, bool definite, rasd_quote *q);
bool qt_titles_only(const rasd_entity_extractor *x, size_t a, size_t b);
void qt_find_speaker(rasd_entity_extractor *x, size_t v, size_t limit, size_t n, const mention_ref *ms, size_t nm,
                     unsigned how, rasd_quote *q);
void qt_sentence_subject(rasd_entity_extractor *x, size_t v, const rasd_quote *said, const mention_ref *ms, size_t nm,
                         rasd_quote *q);

/* quotes_attribution.c: statements no reporting verb introduces. */
size_t qt_according_to(rasd_entity_extractor *x, size_t a, size_t n, size_t sentence, const mention_ref *ms, size_t nm,
                       const size_t *qa, const size_t *qb, size_t nq);
bool qt_name_and_colon(rasd_entity_extractor *x, size_t n, size_t sentence, const mention_ref *ms, size_t nm,
                       const size_t *qa, size_t nq, bool *quote_used);

#endif
