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

/* The one word of m, with the article, ends in a nisba's ي and follows a
 * word with the article (الرئيس السوداني، الجانب السوداني). */
static bool nisba_after_definite(const rasd_entity_extractor *x, const match *m) {
    if (m->ti != m->tj || m->ti == 0) return false;
    const tinfo *t = &x->t[m->ti], *b = &x->t[m->ti - 1];
    /* an adjective carries no preposition (الولاء للبغدادي) */
    if (t->li || t->bi || ex_has_prefix(t)) return false;
    const char *k = ex_key(x, t->key_off);
    bool al = t->art_len || (t->key_len > 4 && memcmp(k, AL, 4) == 0);
    if (!al || t->key_len < 8 || memcmp(k + t->key_len - 2, "\xD9\x8A", 2) != 0) return false; /* ي */
    return b->word && (b->art_len || (b->key_len > 4 && memcmp(ex_key(x, b->key_off), AL, 4) == 0));
}

/* A word's letters without the long vowels ا، و، ي (and ى, folded to ي
 * in keys): two spellings of one name keep the same (مارك، ماركو؛ دميتري،
 * ديميتري؛ حسن، حسين). Returns the length written. */
static size_t skeleton(const char *k, size_t n, char *out, size_t cap) {
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t len = ((unsigned char)k[i] & 0xE0) == 0xC0 ? 2 : 1;
        if (i + len > n) break;
        bool vowel = len == 2 && ((memcmp(k + i, "\xD8\xA7", 2) == 0) || memcmp(k + i, "\xD9\x88", 2) == 0 ||
                                  memcmp(k + i, "\xD9\x8A", 2) == 0);
        if (!vowel && o + len <= cap) {
            memcpy(out + o, k + i, len);
            o += len;
        }
        i += len;
    }
    return o;
}

/* Whether a word of the actor's names (its Arabic name and aliases, any
 * word of them) has the skeleton sk. */
static bool names_hold(const rasd_actor *a, const char *sk, size_t sn) {
    const char *lists[2] = {a->name_ar, a->aliases_ar};
    for (size_t l = 0; l < 2; l++) {
        const char *p = lists[l];
        while (p && *p) {
            size_t w = strcspn(p, " |");
            char key[128], wsk[128];
            if (w > 0 && w < sizeof key) {
                size_t kl = rasd_normalize(p, w, key, sizeof key);
                if (kl < sizeof key && skeleton(key, kl, wsk, sizeof wsk) == sn && memcmp(wsk, sk, sn) == 0) return true;
            }
            p += w;
            while (*p == ' ' || *p == '|') p++;
        }
    }
    return false;
}

bool ex_person_namesake(const rasd_entity_extractor *x, const match *m, uint32_t actor) {
    const rasd_actor *a = &x->kn->actors[actor];
    if (m->ti != m->tj || m->ti == 0 || strcmp(a->type, "person") != 0) return false;
    const tinfo *t = &x->t[m->ti], *b = &x->t[m->ti - 1];
    /* و، ب، ل on the name join it to the word before as another item (كيري
     * ولافروف، نيكسون وأوباما) */
    if (t->conj || ex_has_prefix(t)) return false;
    if (!b->word || b->match >= 0 || b->art_len || ex_has_enclitic(b)) return false;
    /* the tagger's profile, not the name lists alone: they hold particles
     * too (أن، كان) */
    if (!ex_first_name(x, b) ||
        rasd_lexicon_is_function_word(rasd_analyzer_lexicon(x->an), ex_key(x, b->base_off), b->base_len))
        return false;
    char sk[128];
    if (b->base_len >= sizeof sk) return false;
    size_t sn = skeleton(ex_key(x, b->base_off), b->base_len, sk, sizeof sk);
    return sn > 0 && !names_hold(a, sk, sn);
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
        /* الرئيس السوداني، الجانب السوداني: a nisba with the article
         * after a word with it is that word's adjective (not الرئيس الأسد) */
        if (nisba_after_definite(x, m)) return NULL;
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
