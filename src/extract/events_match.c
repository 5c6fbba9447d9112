/*
 * events_match.c: where the sentence's triggers are and which dictionary
 * row each takes. Every word's key (its base, its key less a kept و/ف or a
 * future س, its inflections through events_morph.c) is walked once over
 * the event trie (ev_find_hits); a trigger's form and the cue after or
 * before it then choose its row (ev_pick_row). Separate from the coder
 * (events.c) because it only reads the trie and the tokens: it knows
 * nothing of participants, flags or places, and the walk is the coder's
 * hot loop.
 */
#include "events_internal.h"

#include <stdlib.h>
#include <string.h>

#define CUE_WINDOW 24   /* tokens after a trigger searched for its cue */

/* walk past the first words' filter (walk below) */
static uint32_t walk_filtered(const rasd_event_coder *c, const char *key, size_t len, uint64_t hash, size_t i,
                              uint32_t *tj, bool *cue) {
    const rasd_names *w = &c->d->words;
    const rasd_entity_extractor *x = c->x;
    uint32_t node = rasd_names_child_hashed(w, 0, key, len, hash), best = 0;
    size_t j = i;
    while (node) {
        size_t cnt;
        const struct rasd_name_pair *p = rasd_names_targets(w, node, &cnt);
        if (p) {
            best = node;
            *tj = (uint32_t)j;
            for (size_t k = 0; k < cnt; k++) *cue |= p[k].target.kind == EV_CUE;
        }
        size_t k = j + 1;
        while (k < c->n && x->t[k].skip) k++;
        if (k >= c->n) break;
        uint32_t next = rasd_names_child_hashed(w, node, ex_key(x, x->t[k].key_off), x->t[k].key_len, x->t[k].key_hash);
        /* العمليات الانتحارية: a phrase's later words with the article too */
        if (!next && x->t[k].art_len)
            next = rasd_names_child_hashed(w, node, ex_key(x, x->t[k].base_off), x->t[k].base_len, x->t[k].base_hash);
        node = next;
        j = k;
    }
    return best;
}

/* hash: rasd_hash_bytes(key, len), which the tokens carry for their key
 * and base (hashing every form afresh was a third of the coder's time).
 * The filter of first words inline: most forms fail it, and the call's
 * entry and exit cost them more than the test (a fifth of the walks'
 * instructions). */
static inline uint32_t walk(const rasd_event_coder *c, const char *key, size_t len, uint64_t hash, size_t i,
                            uint32_t *tj, bool *cue) {
    if (!len || !rasd_bits_may_hold_hashed(c->d->first_bits, hash)) return 0;
    return walk_filtered(c, key, len, hash, i, tj, cue);
}

no_inflection_memo *ev_thread_memo(rasd_analyzer *an) {
    void **slot = rasd_analyzer_slot(an, RASD_SLOT_EVENTS, free);
    if (slot && !*slot) *slot = calloc(1, sizeof(no_inflection_memo));
    return slot ? *slot : NULL;
}

/* The longest path of the event trie at each word: from its whole key,
 * its base, its key less a و/ف the splitter kept, or less a future س. */
void ev_find_hits(rasd_event_coder *c) {
    const rasd_entity_extractor *x = c->x;
    no_inflection_memo *memo = ev_thread_memo(x->an);
    if (memo && memo->dict != c->d) {
        if (memo->dict) memset(memo->hash, 0, sizeof memo->hash); /* (calloc's pages are zero untouched) */
        memo->dict = c->d;
    }
    uint64_t none = 0; /* the slot of a word when there is no memo (out of memory) */
    for (size_t i = 0; i < c->n; i++) {
        ev_hit *h = &c->hits[i];
        *h = (ev_hit){0, (uint32_t)i, false, false, 0, 0, 0, false};
        const tinfo *t = &x->t[i];
        if (!t->word || t->skip) continue;
        const char *key = ex_key(x, t->key_off);
        uint32_t tj = (uint32_t)i;
        if ((h->node = walk(c, key, t->key_len, t->key_hash, i, &tj, &h->cue))) {
            h->tj = tj;
            continue;
        }
        if (t->base_len != t->key_len && (h->node = walk(c, ex_key(x, t->base_off), t->base_len, t->base_hash, i, &tj, &h->cue))) {
            h->tj = tj;
            for (size_t k = 0; k + 1 < t->base_off - t->key_off; k += 2) /* ستهاجم: the splitter took the س */
                h->future |= memcmp(key + k, "\xD8\xB3", 2) == 0;
            continue;
        }
        /* بالإفراج: the splitter may leave the article on the base */
        const char *b = ex_key(x, t->base_off);
        if (t->base_len > 6 && memcmp(b, AL, 4) == 0 && (h->node = walk(c, b + 4, t->base_len - 4, rasd_hash_bytes(b + 4, t->base_len - 4), i, &tj, &h->cue))) {
            h->tj = tj;
            continue;
        }
        size_t len = t->key_len;
        if (len > 6 && (memcmp(key, "\xD9\x88", 2) == 0 || memcmp(key, "\xD9\x81", 2) == 0)) { /* و ف */
            key += 2;
            len -= 2;
            if ((h->node = walk(c, key, len, rasd_hash_bytes(key, len), i, &tj, &h->cue))) {
                h->tj = tj;
                continue;
            }
        }
        /* any other person, number or mood, an object or possessive
         * pronoun: back to a listed form (events_morph.c) */
        uint64_t *no_infl = memo ? &memo->hash[t->base_hash & (EV_NO_INFLECTION_SLOTS - 1)] : (none = 0, &none);
        if (*no_infl != t->base_hash) {
            ev_form forms[EV_MAX_FORMS];
            size_t nf = ev_inflections(ex_key(x, t->base_off), t->base_len, forms, EV_MAX_FORMS);
            bool starts = false;
            for (size_t f = 0; f < nf && !h->node; f++) {
                uint64_t fh = rasd_hash_bytes(forms[f].key, forms[f].len);
                if (!rasd_bits_may_hold_hashed(c->d->first_bits, fh)) continue;
                /* a form the bitset lets through but no path starts with
                 * cannot match in any sentence either: such a base is
                 * remembered too (the bitset's false positives kept
                 * bringing such bases back) */
                if (!rasd_names_child_hashed(&c->d->words, 0, forms[f].key, forms[f].len, fh)) continue;
                starts = true;
                uint32_t node = walk(c, forms[f].key, forms[f].len, fh, i, &tj, &h->cue);
                size_t cnt;
                const struct rasd_name_pair *p = node ? rasd_names_targets(&c->d->words, node, &cnt) : NULL;
                bool trigger = false;
                for (size_t k = 0; p && k < cnt; k++) trigger |= p[k].target.kind == EV_TRIGGER;
                if (!trigger) continue;
                h->node = node;
                h->tj = tj;
                h->morph = forms[f].kind & EV_MORPH_ANY;
                h->pronoun = (forms[f].kind & EV_MORPH_PRONOUN) != 0;
                h->future = (forms[f].kind & EV_MORPH_FUTURE) != 0;
            }
            if (h->node) continue;
            if (!starts) *no_infl = t->base_hash;
        }
        /* سيقصف، ستدعو: س before a present tense */
        if (len > 6 && memcmp(key, "\xD8\xB3", 2) == 0 &&
            (memcmp(key + 2, "\xD9\x8A", 2) == 0 || memcmp(key + 2, "\xD8\xAA", 2) == 0 ||
             memcmp(key + 2, "\xD9\x86", 2) == 0)) {
            if ((h->node = walk(c, key + 2, len - 2, rasd_hash_bytes(key + 2, len - 2), i, &tj, &h->cue))) {
                size_t cnt;
                const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, h->node, &cnt);
                bool trigger = false;
                for (size_t k = 0; k < cnt; k++) trigger |= p[k].target.kind == EV_TRIGGER;
                if (trigger) {
                    h->tj = tj;
                    h->future = true;
                } else {
                    h->node = 0;
                }
            }
        }
    }
    /* what each path names, once: the rules ask it many times */
    for (size_t i = 0; i < c->n; i++) {
        ev_hit *h = &c->hits[i];
        if (!h->node) continue;
        size_t cnt;
        const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, h->node, &cnt);
        for (size_t k = 0; k < cnt; k++) {
            h->kinds |= (uint8_t)(1u << p[k].target.kind);
            if (p[k].target.kind == EV_MARK && p[k].target.index != EV_MARK_AMBIGUOUS && !h->mark)
                h->mark = (uint8_t)p[k].target.index;
        }
    }
}

/* Does a path of the trie from token k (any prefix of it, not only the
 * longest: الإفراج is a cue inside the trigger phrase الإفراج عن) carry
 * the cue of trigger row `row`? Its last token in *tj. */
static bool cue_at(const rasd_event_coder *c, size_t k, uint32_t row, size_t *tj) {
    const rasd_entity_extractor *x = c->x;
    const rasd_names *w = &c->d->words;
    const tinfo *t = &x->t[k];
    if (!t->word) return false;
    const char *forms[3] = {ex_key(x, t->key_off), ex_key(x, t->base_off), ex_key(x, t->base_off) + 4};
    size_t lens[3] = {t->key_len, t->base_len, t->base_len > 6 ? t->base_len - 4 : 0};
    if (lens[2] && memcmp(forms[1], AL, 4) != 0) lens[2] = 0;
    for (int f = 0; f < 3; f++) {
        if ((f == 1 && lens[1] == lens[0]) || !lens[f]) continue;
        if (!rasd_names_may_start(w, forms[f], lens[f])) continue;
        uint32_t node = rasd_names_child(w, 0, forms[f], lens[f]);
        size_t j = k;
        while (node) {
            size_t cnt;
            const struct rasd_name_pair *p = rasd_names_targets(w, node, &cnt);
            for (size_t z = 0; z < cnt; z++)
                if (p[z].target.kind == EV_CUE && p[z].target.index == row) {
                    *tj = j;
                    return true;
                }
            size_t nk = j + 1;
            while (nk < c->n && x->t[nk].skip) nk++;
            if (nk >= c->n) break;
            node = rasd_names_child_hashed(w, node, ex_key(x, x->t[nk].key_off), x->t[nk].key_len, x->t[nk].key_hash);
            j = nk;
        }
    }
    return false;
}

/* A form found through an inflection (events_morph.c) stands only for the
 * rows of its part of speech: قتلوهم is a verb, اعتقاله a noun. */
static bool morph_fits(uint8_t morph, const rasd_trigger *r) {
    if (!morph || morph == EV_MORPH_ANY) return true;
    return morph == EV_MORPH_VERB ? r->verb : r->noun;
}


/* بعد، قبل، منذ، حتى، دون، بدون: before أن they make a clause of time or
 * manner, whose verb follows أن at once. */
static bool time_word(const rasd_event_coder *c, size_t k) {
    static const ev_word WORDS[] = {EV_WORD("بعد"), EV_WORD("قبل"), EV_WORD("منذ"),
                                    EV_WORD("حتي"), EV_WORD("دون"), EV_WORD("بدون")};
    return ev_word_in(c, k, false, WORDS, sizeof WORDS / sizeof *WORDS);
}

/* Does a place the gazetteer or the knowledge base names (a town, a
 * quarter, a state) start at token k? Its last token in *tj. */
static bool place_at(const rasd_event_coder *c, size_t k, size_t *tj) {
    const rasd_entity_extractor *x = c->x;
    const tinfo *t = &x->t[k];
    if (t->match < 0) return false;
    const match *m = &x->m[t->match];
    if (m->ti != k) return false;
    bool place = m->place >= 0;
    if (!place && m->entity >= 0) {
        const rasd_entity *en = &x->out.items[m->entity];
        place = en->actor != UINT32_MAX && strcmp(x->kn->actors[en->actor].type, "state") == 0;
    }
    if (place && tj) *tj = m->tj;
    return place;
}

/* The rows of the trigger at token i that fit its form (a verb row never
 * takes the article or a preposition), the cue row whose cue follows
 * first winning over the row without one. Returns false if none applies. */
bool ev_pick_row(rasd_event_coder *c, size_t i, cand *out) {
    const rasd_entity_extractor *x = c->x;
    const tinfo *t = &x->t[i];
    size_t cnt;
    const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[i].node, &cnt);
    bool nominal = t->art_len || ev_has_prep_clitic(c, i, 'b') || ev_has_prep_clitic(c, i, 'l');
    /* «يصلي» split as يصل + ي: the pronoun ي 'my' follows nouns only (a
     * verb's object is ني), so a word read that way is no verb */
    size_t tail = t->key_off + t->key_len - (t->base_off + t->base_len);
    if (tail == 2 && memcmp(ex_key(x, t->base_off + t->base_len), "\xD9\x8A", 2) == 0) nominal = true;
    /* «إن قصفا مكثفا استهدف»: right after a bare إن/أن comes a noun, never a verb */
    if (i > 0 && ev_mark(c, i - 1) == EV_MARK_THAT && x->t[i - 1].key_len == 4 && !(i > 1 && time_word(c, i - 2)))
        nominal = true; /* (but بعد أن، قبل أن، منذ أن take a verb: بعد أن فرت) */
    int plain = -1, plain_noun = -1;
    uint32_t tj = c->hits[i].tj;
    /* the clause after the trigger: where its cue may be */
    size_t end = tj + 1;
    while (end < c->n && end <= tj + CUE_WINDOW) {
        if (ev_mark(c, end) == EV_MARK_BOUNDARY || ev_mark(c, end) == EV_MARK_RELATIVE) break;
        if (ev_is_punct(c, end)) {
            const char *k = ex_key(x, x->t[end].key_off);
            if (strcmp(k, ".") == 0 || strcmp(k, "\xD8\x9B") == 0) break;
        }
        end++;
    }
    for (size_t k = 0; k < cnt; k++) {
        if (p[k].target.kind != EV_TRIGGER) continue;
        const rasd_trigger *r = &c->d->triggers[p[k].target.index];
        if (nominal && !r->noun) continue;
        if (!morph_fits(c->hits[i].morph, r)) continue;
        if (!r->has_cue) {
            if (plain < 0 && (!nominal || r->noun)) plain = (int)p[k].target.index;
            if (plain_noun < 0 && r->noun) plain_noun = (int)p[k].target.index;
        }
    }
    /* cue rows: the nearest cue after the trigger */
    bool any_place_row = false;
    for (size_t k = 0; k < cnt; k++)
        any_place_row |= p[k].target.kind == EV_TRIGGER && c->d->triggers[p[k].target.index].cue_place;
    /* تحريرها، استعادتها: the pronoun stands for a place named before */
    if (any_place_row && x->t[i].base_off + x->t[i].base_len < x->t[i].key_off + x->t[i].key_len)
        for (size_t y = 0; y < cnt; y++) {
            if (p[y].target.kind != EV_TRIGGER) continue;
            const rasd_trigger *r = &c->d->triggers[p[y].target.index];
            if (!r->cue_place || (nominal && !r->noun) || !morph_fits(c->hits[i].morph, r)) continue;
            *out = (cand){i, tj, (int)p[y].target.index, 0, 0, nominal || !r->verb};
            return true;
        }
    for (size_t k = tj + 1; k < end; k++) {
        bool place_here = any_place_row && k <= tj + 3 && place_at(c, k, NULL);
        if ((!c->hits[k].cue && !place_here) || c->used[k]) continue;
        if (ev_mark(c, k) && k > tj + 5) continue; /* تواصل مع: a preposition cue only right after the verb */
        for (size_t y = 0; y < cnt; y++) {
            if (p[y].target.kind != EV_TRIGGER) continue;
            const rasd_trigger *r = &c->d->triggers[p[y].target.index];
            size_t cue_end;
            if (!r->has_cue || (nominal && !r->noun) || !morph_fits(c->hits[i].morph, r)) continue;
            if (!cue_at(c, k, p[y].target.index, &cue_end) && !(r->cue_place && k <= tj + 3 && place_at(c, k, &cue_end)))
                continue;
            *out = (cand){i, tj, (int)p[y].target.index, k, cue_end, nominal || !r->verb};
            return true;
        }
    }
    /* the cue before the trigger, in its clause: «المتظاهرون ... ساروا»،
     * «الغارات التي شنتها» (a subject or an antecedent that makes the reading) */
    for (size_t k = i; k-- > 0 && i - k <= 6;) {
        if (ev_mark(c, k) == EV_MARK_BOUNDARY) break;
        if (ev_is_punct(c, k)) {
            const char *pk = ex_key(x, x->t[k].key_off);
            if (strcmp(pk, ".") == 0 || strcmp(pk, "\xD8\x9B") == 0 || strcmp(pk, ":") == 0) break;
            continue;
        }
        if (!c->hits[k].cue) continue;
        for (size_t y = 0; y < cnt; y++) {
            if (p[y].target.kind != EV_TRIGGER) continue;
            const rasd_trigger *r = &c->d->triggers[p[y].target.index];
            size_t cue_end;
            if (!r->has_cue || (nominal && !r->noun) || !morph_fits(c->hits[i].morph, r)) continue;
            if (!cue_at(c, k, p[y].target.index, &cue_end) || cue_end >= i) continue;
            *out = (cand){i, tj, (int)p[y].target.index, 0, 0, nominal || !r->verb};
            return true;
        }
    }
    int row = plain >= 0 ? plain : -1;
    if (row < 0) return false;
    const rasd_trigger *r = &c->d->triggers[row];
    *out = (cand){i, tj, row, 0, 0, nominal || !r->verb};
    return true;
}
