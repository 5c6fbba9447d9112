/*
 * tagged_names.c: names no dictionary holds, from the trained name tagger
 * (src/ner/): its persons, organisations and places are added wherever
 * they do not touch a name the knowledge base, a title or a byline found.
 * People after a title read the same tags (ex_sentence_tags).
 */
#include "extractor.h"

#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- tagger */

void rasd_entity_extractor_set_tagger(rasd_entity_extractor *x, const rasd_ner_model *model) { x->tagger = model; }

void rasd_entity_extractor_set_stages(rasd_entity_extractor *x, bool quotes, bool framing, bool events) {
    x->no_quotes = !quotes;
    x->no_framing = !framing;
    /* reporting verbs and statement sources are read by the quote finder
     * and the event coder alone: 1.8% of the instructions of an analysis
     * of entities alone went to looking every word up in their lists */
    x->no_quote_kinds = !quotes && !events;
}

/* The tagger's result for the thread's current sentence. People after a
 * title (people.c) and the names no dictionary holds (below) both read it,
 * so a sentence is tagged once: the tokens it was tagged from are kept,
 * and the same tokens at the same places give the same tags. */
typedef struct sentence_tags {
    rasd_ner_result res;
    rasd_token *toks;      /* the tokens tagged, for the next call to compare */
    uint64_t *surf_hash;
    size_t n, cap;
    const char *text;
} sentence_tags;

static void free_tags(void *p) {
    sentence_tags *c = p;
    rasd_ner_result_free(&c->res);
    free(c->toks);
    free(c->surf_hash);
    free(c);
}

/* The tagger's result lives with the thread's analyzer, not the document:
 * its word cache is set up once per thread. */
static sentence_tags *thread_tags(rasd_analyzer *an) {
    void **slot = rasd_analyzer_slot(an, RASD_SLOT_TAGGER, free_tags);
    if (!*slot) *slot = calloc(1, sizeof(sentence_tags));
    return *slot;
}

static bool same_sentence(const sentence_tags *c, const rasd_entity_extractor *x, size_t n) {
    if (c->text != x->text || c->n != n || c->n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if (c->surf_hash[i] != x->surf_hash[i] || c->toks[i].start != x->t[i].tok.start ||
            c->toks[i].end != x->t[i].tok.end || c->toks[i].type != x->t[i].tok.type)
            return false;
    return true;
}

const rasd_ner_result *ex_sentence_tags(rasd_entity_extractor *x, size_t n) {
    if (!x->tagger || n == 0) return NULL;
    sentence_tags *c = thread_tags(x->an);
    if (!c) return NULL;
    if (!x->tagger_began) {
        /* the thread's result serves one document after another: its
         * article memory starts afresh with each (rasd_ner_begin_document) */
        if (rasd_ner_begin_document(&c->res) != RASD_OK) return NULL;
        x->tagger_began = true;
        c->n = 0;
    }
    if (same_sentence(c, x, n)) return &c->res;
    c->n = 0;
    if (n > c->cap) {
        rasd_token *t = realloc(c->toks, n * sizeof *t);
        if (t) c->toks = t;
        uint64_t *h = realloc(c->surf_hash, n * sizeof *h);
        if (h) c->surf_hash = h;
        if (!t || !h) return NULL;
        c->cap = n;
    }
    for (size_t i = 0; i < n; i++) c->toks[i] = x->t[i].tok;
    memcpy(c->surf_hash, x->surf_hash, n * sizeof *c->surf_hash);
    rasd_error err = {0};
    if (rasd_ner_tag_hashed(x->tagger, x->an, x->text, c->toks, c->surf_hash, n, &c->res, &err) != RASD_OK) return NULL;
    c->n = n;
    c->text = x->text;
    return &c->res;
}

/* A one-word name that is a common word of news text (ناشطون، ريف) is far
 * more often the word than a name: the tagger's finding is left out. */
#define COMMON_WORD_COUNT 50

static bool common_single_word(const rasd_entity_extractor *x, const rasd_ner_entity *ne) {
    if (ne->end_token != ne->first_token + 1) return false;
    const tinfo *t = &x->t[ne->first_token];
    if (!t->word) return false;
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len) >= COMMON_WORD_COUNT;
}

/* Words that begin a name and are none alone: a tagger's one-word person
 * that is one of them is a fragment of a name it cut (عبد الله -> عبد). */
static const char *const NAME_FRAGMENTS[] = {"عبد", "ابو", "ابن", "بن", "ام", "بنت", "ال", "آل", "عبدال", NULL};

/* Whether a person the tagger found looks like a person's name: one word
 * that carries a pronoun (قوله، يرحمه), ends in the accusative's alif
 * (صبرا) or is a fragment (عبد) is a word of the sentence, not a name. */
static bool looks_like_person(const rasd_entity_extractor *x, const rasd_ner_entity *ne) {
    if (ne->end_token != ne->first_token + 1) return true;
    const tinfo *t = &x->t[ne->first_token];
    if (!t->word) return false;
    if (t->base_off + t->base_len != t->key_off + t->key_len) return false; /* an enclitic pronoun */
    const char *k = ex_key(x, t->key_off);
    if (t->key_len >= 8 && memcmp(k + t->key_len - 2, "\xD8\xA7", 2) == 0 &&
        x->t[ne->first_token].tok.end - x->t[ne->first_token].tok.start > t->key_len)
        return false; /* ending in alif with its tanween written: صبراً */
    return !ex_key_is(x, t, NAME_FRAGMENTS);
}

/* A one-letter proclitic (و، ل) glued to a name: وخالد صالح in a list,
 * لعبد الحليم in «الشقيق الأكبر لعبد الحليم». The tagger's span keeps the
 * letter, and the name's id would then differ from its other mentions'.
 * The analyzer strips such a letter from names too (وليد، لطفي), so it is
 * taken as a clitic only when the word without it is far more frequent in
 * news than the word with it: خالد against وخالد, not ليد against وليد. */
#define CLITIC_RATIO 4

static bool glued_clitic(const rasd_entity_extractor *x, size_t k) {
    const tinfo *t = &x->t[k];
    if (!t->word || t->base_off != t->key_off + 2 || t->art_len) return false;
    const char *key = ex_key(x, t->key_off);
    const char *raw = x->text + t->tok.start;
    bool waw = memcmp(key, "\xD9\x88", 2) == 0, lam = memcmp(key, "\xD9\x84", 2) == 0;
    if ((!waw && !lam) || memcmp(raw, key, 2) != 0) return false;
    const unsigned char *after = (const unsigned char *)raw + 2;
    if (t->tok.end - t->tok.start > 3 && after[0] == 0xD9 && (after[1] == 0x80 || (after[1] >= 0x8B && after[1] <= 0x92)))
        return false; /* a diacritic or tatweel after the letter: left as written */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    uint32_t whole = rasd_lexicon_count(lex, key, t->key_len);
    uint32_t base = rasd_lexicon_count(lex, ex_key(x, t->base_off), t->base_len);
    return base >= 20 && base > CLITIC_RATIO * (uint64_t)whole;
}

/* A person's name does not go on past a word that carries the preposition
 * ل: «قال الأصمعي لزين العابدين» is one person speaking to another, and
 * the span the tagger joined is cut before it. */
static size_t person_end(const rasd_entity_extractor *x, const rasd_ner_entity *ne) {
    for (size_t k = ne->first_token + 1; k < ne->end_token; k++) {
        const tinfo *t = &x->t[k];
        if (glued_clitic(x, k) && memcmp(ex_key(x, t->key_off), "\xD9\x84", 2) == 0) return k;
    }
    return ne->end_token;
}

/* Whether the name found next to token k would continue a name found
 * there already (ريف before دير الزور is part of the place, not another
 * one). A person's name stands beside a title, an organisation or a place
 * as an apposition (خالد سالم المدير العام للشركة، الناطق باسم الجبهة علي
 * أحمد): only another person's words border it. */
static bool borders(const rasd_entity_extractor *x, const rasd_ner_entity *ne, size_t k) {
    if (!x->covered[k]) return false;
    if (ne->type != RASD_NER_PERS || x->t[k].match < 0) return true;
    const match *m = &x->m[x->t[k].match];
    if (m->entity < 0) return false;
    const rasd_entity *e = &x->out.items[m->entity];
    return e->actor != UINT32_MAX && strcmp(x->kn->actors[e->actor].type, "person") == 0;
}

/* Names the dictionary does not hold: the tagger's persons, organisations
 * and places, wherever they neither touch nor border a name already found
 * (ريف before دير الزور is part of the place, not another one). */
rasd_status ex_tag_names(rasd_entity_extractor *x, const rasd_token *toks, size_t n, size_t sentence) {
    if (!ex_cover_sentence(x, n, sentence)) return RASD_ERR_NOMEM;
    (void)toks; /* the same tokens as x->t's */
    const rasd_ner_result *tags = ex_sentence_tags(x, n);
    if (!tags) return RASD_ERR_NOMEM;
    for (size_t i = 0; i < tags->n_entities; i++) {
        const rasd_ner_entity *ne = &tags->entities[i];
        bool touches = false;
        for (size_t k = ne->first_token; k < ne->end_token && k < n; k++) touches |= x->covered[k];
        touches |= ne->first_token > 0 && borders(x, ne, ne->first_token - 1);
        touches |= ne->end_token < n && borders(x, ne, ne->end_token);
        if (touches || ne->type == RASD_NER_MISC || common_single_word(x, ne)) continue;
        if (ne->type == RASD_NER_PERS && !looks_like_person(x, ne)) continue;
        size_t start = ne->start, end = ne->end;
        if (ne->type == RASD_NER_PERS) {
            size_t last = person_end(x, ne);
            if (last < ne->end_token) end = x->t[last - 1].tok.end;
        }
        if (glued_clitic(x, ne->first_token)) start += 2; /* the letter is no part of the name */
        if (start >= end) continue;
        rasd_mention mn = {start, end, sentence, "tagger", 0};
        const char *surface = x->text + start;
        size_t len = end - start;
        if (ne->type == RASD_NER_LOC) {
            ex_mention_place(x, ex_unknown_place(x, surface, len), mn);
        } else {
            int e = ex_entity_for_name(x, ne->type == RASD_NER_PERS ? "person" : "org", surface, len, RASD_FROM_TAGGER);
            ex_mention_entity(x, e, mn);
            if (ne->type == RASD_NER_PERS) ex_note_surname(x, e, ne->start, ne->end);
        }
    }
    return RASD_OK;
}
