/*
 * tagged_names.c: names no dictionary holds, from the trained name tagger
 * (src/ner/): its persons, organisations and places are added wherever
 * they do not touch a name the knowledge base, a title or a byline found.
 */
#include "extractor.h"

#include <string.h>

/* --------------------------------------------------------------- tagger */

void rasd_entity_extractor_set_tagger(rasd_entity_extractor *x, const rasd_ner_model *model) { x->tagger = model; }

/* Marks the tokens a mention of this sentence covers. */
static void cover(rasd_entity_extractor *x, size_t n, size_t start, size_t end) {
    for (size_t i = 0; i < n; i++)
        if (x->t[i].tok.start < end && start < x->t[i].tok.end) x->covered[i] = 1;
}

static void cover_mentions(rasd_entity_extractor *x, size_t n, size_t sentence) {
    memset(x->covered, 0, n);
    for (size_t i = 0; i < x->n_m; i++)
        for (size_t k = x->m[i].ti; k <= x->m[i].tj; k++) x->covered[k] = 1;
    /* people from titles and bylines are recent mentions of this sentence */
    size_t from = x->out.count > RECENT ? x->out.count - RECENT : 0;
    for (size_t e = from; e < x->out.count; e++) {
        const rasd_entity *en = &x->out.items[e];
        for (size_t m = en->n_mentions; m-- > 0 && en->mentions[m].sentence == sentence;)
            cover(x, n, en->mentions[m].start, en->mentions[m].end);
    }
}

/* Names the dictionary does not hold: the tagger's persons, organisations
 * and places, wherever they do not touch a name already found. */
rasd_status ex_tag_names(rasd_entity_extractor *x, const rasd_token *toks, size_t n, size_t sentence) {
    if (!ex_grow((void **)&x->covered, &x->cap_covered, n, 1)) return RASD_ERR_NOMEM;
    cover_mentions(x, n, sentence);
    rasd_error err = {0};
    rasd_status st = rasd_ner_tag(x->tagger, x->an, x->text, toks, n, &x->tags, &err);
    if (st != RASD_OK) return st;
    for (size_t i = 0; i < x->tags.n_entities; i++) {
        const rasd_ner_entity *ne = &x->tags.entities[i];
        bool touches = false;
        for (size_t k = ne->first_token; k < ne->end_token && k < n; k++) touches |= x->covered[k];
        if (touches || ne->type == RASD_NER_MISC) continue;
        rasd_mention mn = {ne->start, ne->end, sentence, "tagger", 0};
        const char *surface = x->text + ne->start;
        size_t len = ne->end - ne->start;
        if (ne->type == RASD_NER_LOC) {
            ex_mention_place(x, ex_unknown_place(x, surface, len), mn);
        } else {
            int e = ex_entity_for_name(x, ne->type == RASD_NER_PERS ? "person" : "org", surface, len, RASD_FROM_TAGGER);
            ex_mention_entity(x, e, mn);
        }
    }
    return RASD_OK;
}
