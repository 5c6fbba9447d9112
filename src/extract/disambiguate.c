/*
 * disambiguate.c: names that could be several things. An ambiguous name
 * (data/kb/ambiguous.tsv) is settled by its rule from the words around it
 * and what the document has already named (docs/knowledge.md lists the
 * rules); places that share a name are told apart by the countries the
 * document mentions, then by focus country and population.
 */
#include "extractor.h"

#include <string.h>

/* Words before a name that make it a location: في دمشق، قرب دمشق، ريف دمشق. */
static const char *const LOCATIVES[] = {"في", "الي", "من", "قرب", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي",
                                        "شرقي", "غربي", "ريف", "مدينه", "العاصمه", "محافظه", "وسط", "داخل",
                                        "خارج", "حول", "نحو", "باتجاه", "بلده", "قريه", "منطقه", NULL};
/* Words before a name that make it an outlet: قناة الجزيرة، وكالة أعماق. */
static const char *const MEDIA_HEADS[] = {"قناه", "شبكه", "موقع", "صحيفه", "وكاله", "تلفزيون", "اذاعه", "جريده",
                                          "مجله", "لقناه", "لوكاله", "لصحيفه", "لموقع", "وكالات", NULL};

static bool prev_key_in(const rasd_entity_extractor *x, const match *m, const char *const *list) {
    size_t i = m->ti;
    while (i > 0 && x->t[i - 1].skip) i--; /* past an opening quotation mark */
    if (i == 0 || !x->t[i - 1].word) return false;
    const char *k = ex_key(x, x->t[i - 1].key_off);
    for (; *list; list++)
        if (strcmp(k, *list) == 0) return true;
    return false;
}

static bool in_quotes(const rasd_entity_extractor *x, const match *m) {
    return m->ti > 0 && x->t[m->ti - 1].skip && x->t[m->ti - 1].tok.type == RASD_TOK_PUNCT;
}

/* Does the document already mention this candidate, its parent or a
 * child of it (the last RECENT entities are looked at)? */
static bool mentioned(rasd_entity_extractor *x, const rasd_name_target *c) {
    if (c->kind != RASD_NAME_ACTOR) return false;
    const rasd_actor *a = &x->kn->actors[c->index];
    if (ex_entity_by_id(x, a->id, false) >= 0) return true;
    if (a->parent != UINT32_MAX && ex_entity_by_id(x, x->kn->actors[a->parent].id, false) >= 0) return true;
    for (size_t i = x->out.count > RECENT ? x->out.count - RECENT : 0; i < x->out.count; i++) {
        uint32_t e = x->out.items[i].actor;
        if (e != UINT32_MAX && x->kn->actors[e].parent == c->index) return true;
    }
    return false;
}

/* Settles an ambiguous name by its rule; NULL means "not a name here". The
 * candidates are taken in the order data/kb/ambiguous.tsv lists them. */
const rasd_name_target *ex_decide_ambiguous(rasd_entity_extractor *x, const match *m, size_t n,
                                                const struct rasd_name_pair *p, size_t cnt) {
    const rasd_name_target *cand[16];
    size_t nc = 0;
    for (size_t i = 0; i < cnt && nc < 16; i++)
        if (p[i].target.flags & RASD_NAME_AMBIGUOUS) cand[nc++] = &p[i].target;
    for (size_t i = 1; i < nc; i++) /* by listed position (the trie sorts by kind) */
        for (size_t j = i; j > 0 && cand[j - 1]->pos > cand[j]->pos; j--) {
            const rasd_name_target *t = cand[j];
            cand[j] = cand[j - 1];
            cand[j - 1] = t;
        }
    const rasd_name_target *first_actor = NULL, *first_place = NULL, *word = NULL, *media = NULL, *known = NULL;
    for (size_t i = 0; i < nc; i++) {
        const rasd_name_target *c = cand[i];
        if (c->kind == RASD_NAME_WORD && !word) word = c;
        if (c->kind == RASD_NAME_PLACE && !first_place) first_place = c;
        if (c->kind == RASD_NAME_ACTOR) {
            if (!first_actor) first_actor = c;
            if (!media && strcmp(x->kn->actors[c->index].type, "media") == 0) media = c;
            if (!known && mentioned(x, c)) known = c;
        }
    }
    bool number_near = (m->ti > 0 && ex_is_number(&x->t[m->ti - 1])) ||
                       (m->tj + 1 < n && ex_is_number(&x->t[m->tj + 1]));
    bool after_title = m->ti > 0 && x->t[m->ti - 1].match >= 0 && x->m[x->t[m->ti - 1].match].title >= 0;
    switch (nc ? cand[0]->rule : RASD_RULE_NONE) {
    case RASD_RULE_DATELINE_OR_SUBJECT:
        /* the city in a dateline or after a locative word (or ب: بدمشق),
         * else the government that acts from it */
        if (first_place && (ex_is_dateline(x, m, n) || prev_key_in(x, m, LOCATIVES) ||
                            x->t[m->ti].bi))
            return first_place;
        return first_actor ? first_actor : first_place;
    case RASD_RULE_STATE_UNLESS_MEASURE:
        return number_near ? NULL : first_actor;
    case RASD_RULE_NAME_AFTER_TITLE:
        if (known) return known;
        return after_title ? first_actor : NULL;
    case RASD_RULE_CONTEXT_ONLY:
        return known;
    case RASD_RULE_FIRST_UNLESS_CONTEXT:
        if (known) return known;
        if (number_near && word) return NULL;
        return cand[0]->kind == RASD_NAME_WORD ? NULL : cand[0];
    case RASD_RULE_OUTLET_CONTEXT:
        if (media && (prev_key_in(x, m, MEDIA_HEADS) || in_quotes(x, m) || known == media)) return media;
        /* في الجزيرة الصغيرة، في الميادين العامة: with an adjective after
         * it the name is the common noun it also is (an island, squares),
         * not the region nor the town (الجزيرة السورية is matched whole) */
        if (first_place && prev_key_in(x, m, LOCATIVES) && !(m->ti == m->tj && ex_adjective_after(x, m->tj, n)))
            return first_place;
        return NULL;
    default:
        return NULL;
    }
}


/* The best of several places with one name. */
uint32_t ex_best_place(const rasd_entity_extractor *x, const struct rasd_name_pair *p, size_t n) {
    uint32_t best = UINT32_MAX;
    uint64_t best_score = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i].target.kind != RASD_NAME_PLACE) continue;
        const rasd_place *pl = &x->kn->places[p[i].target.index];
        uint64_t score = ((uint64_t)(ex_votes_for(x, pl->country) > 0) << 40) | ((uint64_t)pl->priority << 34) |
                         ((uint64_t)((p[i].target.flags & RASD_NAME_PRIMARY) != 0) << 33) |
                         (uint64_t)(pl->population < (1u << 31) ? pl->population : (1u << 31) - 1);
        if (best == UINT32_MAX || score > best_score) {
            best = p[i].target.index;
            best_score = score;
        }
    }
    return best;
}
