/*
 * tagged_names.c: names no dictionary holds, from the trained name tagger
 * (src/ner/): its persons, organisations and places are added wherever
 * they do not touch a name the knowledge base, a title or a byline found.
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

static void free_tags(void *p) {
    rasd_ner_result_free(p);
    free(p);
}

/* The tagger's result lives with the thread's analyzer, not the document:
 * its word cache is set up once per thread. */
static rasd_ner_result *thread_tags(rasd_analyzer *an) {
    void **slot = rasd_analyzer_slot(an, RASD_SLOT_TAGGER, free_tags);
    if (!*slot) *slot = calloc(1, sizeof(rasd_ner_result));
    return *slot;
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

/* Names the dictionary does not hold: the tagger's persons, organisations
 * and places, wherever they neither touch nor border a name already found
 * (ريف before دير الزور is part of the place, not another one). */
rasd_status ex_tag_names(rasd_entity_extractor *x, const rasd_token *toks, size_t n, size_t sentence) {
    if (!ex_cover_sentence(x, n, sentence)) return RASD_ERR_NOMEM;
    rasd_ner_result *tags = thread_tags(x->an);
    if (!tags) return RASD_ERR_NOMEM;
    rasd_error err = {0};
    rasd_status st = rasd_ner_tag_hashed(x->tagger, x->an, x->text, toks, x->surf_hash, n, tags, &err);
    if (st != RASD_OK) return st;
    for (size_t i = 0; i < tags->n_entities; i++) {
        const rasd_ner_entity *ne = &tags->entities[i];
        bool touches = false;
        for (size_t k = ne->first_token; k < ne->end_token && k < n; k++) touches |= x->covered[k];
        touches |= ne->first_token > 0 && x->covered[ne->first_token - 1];
        touches |= ne->end_token < n && x->covered[ne->end_token];
        if (touches || ne->type == RASD_NER_MISC || common_single_word(x, ne)) continue;
        rasd_mention mn = {ne->start, ne->end, sentence, "tagger", 0};
        const char *surface = x->text + ne->start;
        size_t len = ne->end - ne->start;
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
