/*
 * events.c: coding the events of a sentence (events.h; how it decides:
 * docs/events.md). After the entity extractor has read a sentence, its
 * token keys are walked once over the event trie; each trigger form that
 * is not part of a name, not the content of a call or a charge (دعا إلى
 * **وقف**، اتهم ب**قصف**) and not a statement (CAMEO 01, the quotes stage
 * has those) gets its row (a cue word after it picks the cue row: شن
 * غارات → 195), a source and a target (events_actors.c finds the
 * participants; the rules below pick them), flags for negation, future,
 * hypothesis and claim, the sentence's place, date and casualty numbers,
 * and an ACLED type. An act the text states is an event whoever did it:
 * the participants are the best the sentence's structure allows, each with
 * the rule that found it, and a confidence says how much was read and how
 * much guessed (docs/events.md); a homograph needs the structure of its
 * event reading. A word none of the listed forms matches is tried through
 * its inflections (events_morph.c).
 */
#include "events_internal.h"

#include <stdlib.h>
#include <string.h>

#define CUE_WINDOW 24   /* tokens after a trigger searched for its cue */
#define ISSUE_WINDOW 25 /* tokens after a speech trigger searched for its content */
#define MAX_HEADS 64

/* ------------------------------------------------------------ helpers */

bool ev_has_target(const rasd_event_coder *c, size_t i, int kind, int64_t index) {
    size_t cnt;
    const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[i].node, &cnt);
    for (size_t k = 0; k < cnt; k++)
        if (p[k].target.kind == kind && (index < 0 || p[k].target.index == (uint32_t)index)) return true;
    return false;
}

bool ev_word_in(const rasd_event_coder *c, size_t k, bool base, const ev_word *words, size_t n) {
    const tinfo *t = &c->x->t[k];
    if (!t->word) return false;
    const char *w = ex_key(c->x, base ? t->base_off : t->key_off);
    size_t len = base ? t->base_len : t->key_len;
    /* the length first, then the second byte (the first is D8 or D9 in
     * nearly every Arabic letter): most words differ there, and a memcmp
     * call per word of the same length was half of this function's time */
    for (size_t i = 0; i < n; i++)
        if (len == words[i].len && (len < 2 || w[1] == words[i].w[1]) && memcmp(w, words[i].w, len) == 0)
            return true;
    return false;
}

bool ev_is_count(const rasd_event_coder *c, size_t i) {
    if (i >= c->n) return false;
    const tinfo *t = &c->x->t[i];
    if (ex_is_number(t)) return true;
    for (size_t k = c->nb; c->nums && k < c->nums->count; k++)
        if (c->nums->items[k].start <= t->tok.start && t->tok.end <= c->nums->items[k].end) return true;
    return false;
}

/* The proclitics of a token are the bytes of its key before its base:
 * "وبال" for وبالتحقيق, "لل" for للقتال. which: 'b' ب, 'l' ل, 'k' ك. */
bool ev_has_prep_clitic(const rasd_event_coder *c, size_t i, char which) {
    const tinfo *t = &c->x->t[i];
    if (!t->word || t->base_off <= t->key_off) return false;
    const char *p = ex_key(c->x, t->key_off);
    size_t len = t->base_off - t->key_off;
    if (len >= 4 && memcmp(p + len - 4, AL, 4) == 0) {
        len -= 4; /* the article */
    } else if (len >= 4 && memcmp(p + len - 4, "\xD9\x84\xD9\x84", 4) == 0) {
        if (which == 'l') return true; /* لل: ل and the article */
        len -= 4;
    }
    const char *want = which == 'b' ? "\xD8\xA8" : which == 'l' ? "\xD9\x84" : "\xD9\x83";
    for (size_t k = 0; k + 1 < len; k += 2)
        if (memcmp(p + k, want, 2) == 0) return true;
    return false;
}

/* ------------------------------------------------------------ matching */

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

/* Bases none of whose inflections starts a path of the trie (most words),
 * by hash, direct-mapped, per thread (in the thread's analyzer) and kept
 * from one document to the next: a word's inflections are worked out about
 * once per run, not at every occurrence (a tenth of the coder's time
 * otherwise). Tied to the dictionary it was filled from. News has far more
 * bases than the 8,192 slots this once had: they kept evicting each other,
 * and a base came back through ev_inflections 57 times an article, 2% of
 * analyze; with 2^17 slots (1 MB, its pages touched only where bases land)
 * and the bases below that the bitset alone let through, 22 times
 * (callgrind, 2,000 articles: the coder -13%, analyze -1.6%). */
typedef struct no_inflection_memo {
    const rasd_event_dict *dict;
    uint64_t hash[EV_NO_INFLECTION_SLOTS];
} no_inflection_memo;

static no_inflection_memo *thread_memo(rasd_analyzer *an) {
    void **slot = rasd_analyzer_slot(an, RASD_SLOT_EVENTS, free);
    if (slot && !*slot) *slot = calloc(1, sizeof(no_inflection_memo));
    return slot ? *slot : NULL;
}

/* The longest path of the event trie at each word: from its whole key,
 * its base, its key less a و/ف the splitter kept, or less a future س. */
static void find_hits(rasd_event_coder *c) {
    const rasd_entity_extractor *x = c->x;
    no_inflection_memo *memo = thread_memo(x->an);
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

/* ---------------------------------------------------------- the coder */

static void sport_filter(rasd_event_coder *c);

rasd_event_coder *rasd_event_coder_new(const rasd_event_dict *dict, const char *published) {
    rasd_event_coder *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->d = dict;
    c->published = published;
    sport_filter(c);
    return c;
}

void rasd_event_list_free(rasd_event_list *list) {
    free(list->items);
    memset(list, 0, sizeof *list);
}

void rasd_event_coder_destroy(rasd_event_coder *c) {
    if (!c) return;
    rasd_event_list_free(&c->out);
    free(c->hits);
    free(c->ms);
    free(c->used);
    free(c);
}


int rasd_cameo_quad_class(const char *cameo) {
    int r = ev_root(cameo);
    return r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
}

/* The Goldstein weight of each CAMEO root's base code (010, 020, ... 200),
 * as the CAMEO Goldstein table gives them: a root-level weight, no finer. */
double rasd_cameo_goldstein(const char *cameo) {
    static const double G[21] = {0,    0.0, 3.0,  4.0,  1.0,  3.5,  6.0,  7.0,  5.0,  -2.0, -5.0,
                                 -2.0, -4.0, -4.4, -6.5, -7.2, -4.0, -5.0, -9.0, -10.0, -10.0};
    int r = ev_root(cameo);
    return r >= 1 && r <= 20 ? G[r] : 0.0;
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
static bool pick_row(rasd_event_coder *c, size_t i, cand *out) {
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

/* The first word of what a speech trigger at token u asks, charges or
 * warns of: after its issue preposition (دعا إلى **وقف**، طالب **بالإفراج**).
 * That word is content, not an event; what it governs (وقف **القتال** بين
 * X و Y، التحقيق في **اغتيال** فلان) is a reported fact. Returns n if none. */
static size_t issue_head(const rasd_event_coder *c, const cand *u) {
    const rasd_trigger *r = &c->d->triggers[u->row];
    if (!r->issue_mask) return c->n;
    size_t from = (u->cue_j ? u->cue_j : u->tj) + 1;
    for (size_t k = from; k < c->n && k < from + ISSUE_WINDOW; k++) {
        int mark = ev_mark(c, k);
        if (mark == EV_MARK_BOUNDARY || mark == EV_MARK_RELATIVE) break;
        bool in_mention = false;
        for (size_t z = 0; z < c->n_ms && !in_mention; z++) in_mention = c->ms[z].ti <= k && k <= c->ms[z].tj;
        if (in_mention) continue;
        if (mark && (r->issue_mask & EV_PREP_MARK(mark))) {
            size_t h = k + 1;
            while (h < c->n && (ev_is_punct(c, h) || c->x->t[h].skip)) h++;
            return h;
        }
        if (((r->issue_mask & EV_PREP_B) && ev_has_prep_clitic(c, k, 'b')) ||
            ((r->issue_mask & EV_PREP_L) && ev_has_prep_clitic(c, k, 'l')))
            return k;
    }
    return c->n;
}

/* Is the participant the people of a protest (protesters, sit-in protesters)? */
static bool by_protesters(const rasd_event_coder *c, const rasd_event_actor *a) {
    return ev_agent_is_protesters(c->d, a->agent);
}

static const char *acled_type(const rasd_event_coder *c, const rasd_trigger *r, const rasd_event *e) {
    int root = ev_root(r->cameo);
    const char *a = *r->acled ? r->acled : NULL;
    if (root >= 18 && root <= 20) {
        bool remote = strcmp(r->plover_mode, "aerial") == 0 || strcmp(r->plover_mode, "heavy-weapons") == 0 ||
                      strcmp(r->plover_mode, "explosives") == 0 || strcmp(r->plover_mode, "suicide-attack") == 0;
        bool person_target = e->target.entity >= 0 && e->target.agent < 0 && c->x->out.items[e->target.entity].actor ==
                                                                                    UINT32_MAX;
        if ((!a || strcmp(a, "Battles") == 0) && !remote && (ev_is_civilian(c, &e->target) || person_target))
            return "Violence against civilians";
        if (!a) return remote ? "Explosions/Remote violence" : "Battles";
    }
    return a;
}

/* The place of an event: the first gazetteer place the sentence names,
 * else a country it names that is not one of the event's parties. */
static int sentence_place(const rasd_event_coder *c, const rasd_event *e) {
    const rasd_entity_extractor *x = c->x;
    int best = -1, best_country = -1;
    size_t best_at = SIZE_MAX, best_country_at = SIZE_MAX;
    for (size_t p = 0; p < x->out.n_places; p++) {
        const rasd_place_hit *ph = &x->out.places[p];
        for (size_t k = ph->n_mentions; k-- > 0 && ph->mentions[k].sentence == c->sentence;) {
            const rasd_mention *m = &ph->mentions[k];
            bool party = (m->start >= e->source.start && m->end <= e->source.end && e->source.end) ||
                         (m->start >= e->target.start && m->end <= e->target.end && e->target.end);
            if (party) continue;
            if (ph->place != UINT32_MAX && m->start < best_at) best = (int)p, best_at = m->start;
            if (ph->place == UINT32_MAX && ph->actor != UINT32_MAX && m->start < best_country_at)
                best_country = (int)p, best_country_at = m->start;
        }
    }
    return best >= 0 ? best : best_country;
}

static void magnitudes(const rasd_event_coder *c, const rasd_trigger *r, rasd_event *e, const rasd_number_list *nums,
                       size_t nb, size_t trigger_end) {
    int root = ev_root(r->cameo);
    bool violent = root >= 14;
    bool kill = strcmp(r->lemma, "قتل") == 0 || strcmp(r->lemma, "مقتل") == 0 || strcmp(r->plover_mode, "execute") == 0;
    bool arrest = strncmp(r->cameo, "173", 3) == 0;
    for (size_t i = nb; i < nums->count; i++) {
        const rasd_number *nm = &nums->items[i];
        double v = nm->value;
        const char *code = nm->code ? nm->code : "";
        if (nm->unit_kind == RASD_UNIT_CURRENCY) {
            if (e->money < 0) {
                e->money = v;
                e->currency = nm->code;
            }
            continue;
        }
        if (!violent || (nm->flags & (RASD_NUM_YEAR | RASD_NUM_DATE | RASD_NUM_PERCENT))) continue;
        bool near = nm->start >= trigger_end && nm->start - trigger_end < 40; /* right after the trigger: قتل 5 مدنيين */
        if (strcmp(code, "killed") == 0 || (kill && near && nm->unit_kind != RASD_UNIT_TIME))
            e->killed = e->killed < 0 ? v : e->killed + v;
        else if (strcmp(code, "wounded") == 0)
            e->wounded = e->wounded < 0 ? v : e->wounded + v;
        else if (strcmp(code, "detainees") == 0 || strcmp(code, "prisoners") == 0 || (arrest && near && nm->unit_kind != RASD_UNIT_TIME))
            e->arrested = e->arrested < 0 ? v : e->arrested + v;
    }
    (void)c;
}

/* Is token i inside a quotation of this sentence? Its speaker in *speaker. */
static bool in_quote(const rasd_event_coder *c, size_t i, int *speaker, size_t *q_first) {
    const rasd_entity_extractor *x = c->x;
    const tinfo *t = &x->t[i];
    for (size_t q = c->quote_from; q < x->out.n_quotes; q++) {
        const rasd_quote *qu = &x->out.quotes[q];
        if (qu->sentence != c->sentence || t->tok.start < qu->start || t->tok.end > qu->end) continue;
        *speaker = qu->speaker;
        size_t k = i;
        while (k > 0 && x->t[k - 1].tok.start >= qu->start) k--;
        *q_first = k;
        return true;
    }
    return false;
}

static bool first_person(const rasd_event_coder *c, size_t i, const rasd_trigger *r) {
    const tinfo *t = &c->x->t[i];
    const char *b = ex_key(c->x, t->base_off);
    size_t bl = t->base_len;
    if (bl > 4 && (memcmp(b, "\xD9\x88", 2) == 0 || memcmp(b, "\xD9\x81", 2) == 0)) b += 2, bl -= 2; /* و ف kept */
    if (bl < 6 || memcmp(b, "\xD9\x86", 2) != 0) return false; /* ن */
    if (memcmp(b + 2, "\xD9\x86", 2) == 0) return true;        /* نن: ننفي، نناشد */
    return memcmp(r->lemma, "\xD9\x86", 2) != 0;
}

/* قصفنا، وقعنا: a verb ending in the 1st person plural نا (the analyzer
 * may have split it as an object pronoun: both readings are the speaker's side). */
static bool first_plural_suffix(const rasd_event_coder *c, size_t i) {
    const tinfo *t = &c->x->t[i];
    const char *k = ex_key(c->x, t->key_off);
    return t->key_len >= 8 && memcmp(k + t->key_len - 4, "\xD9\x86\xD8\xA7", 4) == 0;
}


/* Only quotation marks or punctuation before token i in its sentence. */
static bool opens_sentence(const rasd_event_coder *c, size_t i) {
    for (size_t k = 0; k < i; k++)
        if (c->x->t[k].word) return false;
    return true;
}

/* A verb with no subject of its own goes on with the one who spoke before
 * only when no noun follows it as its subject: «وأشاد بدور»، «وحذر من»، not
 * «واتفق الجانبان». */
static bool continues(const rasd_event_coder *c, const cand *cd) {
    size_t k = cd->tj + 1;
    while (k < c->n && c->x->t[k].skip) k++;
    if (k >= c->n || ev_is_punct(c, k)) return true;
    int m = ev_mark(c, k);
    return (m && m != EV_MARK_EACH && m != EV_MARK_BOUNDARY && m != EV_MARK_HEAD) || ev_has_prep_clitic(c, k, 'b') ||
           ev_has_prep_clitic(c, k, 'l');
}


/* Words that only sport uses (match, league, club, player, coach,
 * stadium, championship, cup, national team, half-time): in a document
 * that has them, لقاء is a match, مواجهة a fixture, هجوم a team's attack.
 * Keys without the article, as the analyzer gives bases. */
static const ev_word SPORT[] = {EV_WORD("مباراه"), EV_WORD("مباريات"), EV_WORD("دوري"),
                                EV_WORD("نادي"), EV_WORD("لاعب"), EV_WORD("لاعبين"),
                                EV_WORD("لاعبون"), EV_WORD("مدرب"), EV_WORD("ملعب"),
                                EV_WORD("بطوله"), EV_WORD("كاس"), EV_WORD("منتخب"),
                                EV_WORD("الفريقين"), EV_WORD("شوط"), EV_WORD("هداف"),
                                EV_WORD("جوله")};

static void sport_filter(rasd_event_coder *c) {
    for (size_t i = 0; i < sizeof SPORT / sizeof *SPORT; i++) {
        uint64_t h = rasd_hash_bytes(SPORT[i].w, SPORT[i].len);
        c->sport_bits[(h >> 6) & 3] |= UINT64_C(1) << (h & 63);
    }
}

/* Every word of every sentence is asked whether it is one of these: a
 * word whose base hash (the analyzer's, which the tokens carry) misses the
 * coder's filter of their hashes is none, without the sixteen compares. */
static bool sports_word(const rasd_event_coder *c, size_t k) {
    const tinfo *t = &c->x->t[k];
    if (!t->word || !((c->sport_bits[(t->base_hash >> 6) & 3] >> (t->base_hash & 63)) & 1)) return false;
    return ev_word_in(c, k, true, SPORT, sizeof SPORT / sizeof *SPORT);
}

/* The event nouns that sport writing uses for its own happenings. */
static bool sports_homograph(const rasd_trigger *r) {
    static const char *const LEMMAS[] = {"لقاء", "مواجهات", "معارك", "هجوم", "قتال"};
    for (size_t i = 0; i < sizeof LEMMAS / sizeof *LEMMAS; i++)
        if (strcmp(r->lemma, LEMMAS[i]) == 0) return true;
    return false;
}












/* Is the sentence a headline: the title (the document's first sentence),
 * or the title repeated after «رابط الخبر» at the foot of an article? */
static bool headline(const rasd_event_coder *c) {
    if (c->sentence == 0) return true;
    static const ev_word LINK[] = {EV_WORD("رابط")};
    size_t k = 0;
    while (k < c->n && !c->x->t[k].word) k++;
    return k + 1 < c->n && ev_word_in(c, k, false, LINK, 1) &&
           memcmp(ex_key(c->x, c->x->t[k + 1].base_off), "\xD8\xAE\xD8\xA8\xD8\xB1", 6) == 0; /* خبر */
}

static void code_candidate(rasd_event_coder *c, const cand *cd, const rasd_number_list *nums, size_t nb,
                           const rasd_date_list *dates, size_t db, const size_t *heads, size_t n_heads) {
    rasd_entity_extractor *x = c->x;
    const rasd_trigger *r = &c->d->triggers[cd->row];
    size_t i = cd->i, n = c->n;
    if (ev_root(r->cameo) == 1) return; /* statements: the quotes stage reports them */
    for (size_t h = 0; h < n_heads; h++)
        if (heads[h] == i) return; /* the content of a call or a charge */
    /* «قوات الحكومة تسيطر على الحي»: a headline tells past news in the
     * present; in a sentence the present of سيطر is a state ('controls') */
    if (strcmp(r->lemma, "سيطر") == 0 && !headline(c)) {
        const char *b = ex_key(x, x->t[i].base_off);
        if (memcmp(b, "\xD9\x8A", 2) == 0 || memcmp(b, "\xD8\xAA", 2) == 0) return;
    }
    bool ambiguous = ev_has(c, i, EV_MARK, EV_MARK_AMBIGUOUS);
    if (ambiguous && !cd->noun && x->t[i].art_len) return;
    if (ambiguous && i > 0 && ex_is_number(&x->t[i - 1])) return; /* 100 طالب: counted, a noun */
    /* «تم أسر 40 مسلحا»، «وأسر ثلاثة آخرين»، «اعتقال عدد من المشتبه بهم»: after
     * the passive's تم/جرى, or before a count of who underwent it, the form
     * is the act (families, students are counted before, not after) */
    static const ev_word PASSIVE[] = {EV_WORD("تم"), EV_WORD("يتم"), EV_WORD("وتم"), EV_WORD("جرى"), EV_WORD("وجرى")};
    static const ev_word NUMBER_OF[] = {EV_WORD("عدد"), EV_WORD("عددا")};
    /* «التحرش بالفتاتين»: a verbal noun with its object after its own preposition */
    if (ambiguous && cd->noun && (r->target_mask & EV_PREP_B) && cd->tj + 1 < n && ev_has_prep_clitic(c, cd->tj + 1, 'b') &&
        ev_mention_starting(c, cd->tj + 1) >= 0) /* (a party, not an idea: ربط التحرش بالتبرج) */
        ambiguous = false;
    if (ambiguous && ((i > 0 && ev_word_in(c, i - 1, false, PASSIVE, sizeof PASSIVE / sizeof *PASSIVE)) ||
                      (!x->t[i].art_len && cd->tj + 1 < n &&
                       (ev_is_count(c, cd->tj + 1) || ev_is_quantity(c, cd->tj + 1) ||
                        ev_word_in(c, cd->tj + 1, false, NUMBER_OF, 2)))))
        ambiguous = false;

    rasd_event e;
    memset(&e, 0, sizeof e);
    e.trigger = (uint32_t)cd->row;
    e.start = x->t[i].tok.start;
    e.end = x->t[cd->tj].tok.end;
    e.sentence = c->sentence;
    e.sent_start = x->t[0].tok.start;
    e.sent_end = x->t[n - 1].tok.end;
    e.place = -1;
    e.killed = e.wounded = e.arrested = e.money = -1;
    ev_set_actor(c, -1, &e.source, NULL);
    ev_set_actor(c, -1, &e.target, NULL);

    int speaker = -1;
    size_t q_first = 0;
    bool quoted = in_quote(c, i, &speaker, &q_first);
    if (quoted) e.flags |= RASD_EV_IN_QUOTE;
    size_t after = cd->tj + 1; /* the words after the trigger (and its subject) */
    int src = -1, tgt = -1;
    const char *src_rule = NULL, *tgt_rule = NULL;
    bool victim = ev_is_victim_row(r);

    if (cd->noun) {
        /* «الاشتباكات (المستمرة) بين X و Y»: both sides; «اجتماع بين X، مع Y»: X meets Y */
        /* (a place may come between: «اشتباكات في ولاية ديالى شرق العراق بين ...») */
        for (size_t k = cd->tj + 1; k < n && k <= cd->tj + 7; k++) {
            if (k > cd->tj + 3 && (ev_is_punct(c, k) || ev_mark(c, k) == EV_MARK_BOUNDARY ||
                                   ev_mark(c, k) == EV_MARK_RELATIVE || (c->hits[k].node && ev_has(c, k, EV_TRIGGER, -1))))
                break;
            if (ev_mark(c, k) != EV_MARK_BETWEEN || x->t[k].key_len != x->t[k].base_len) continue; /* not بينهم */
            int with = -1;
            for (size_t z = k + 1; z < n && z < k + 16; z++) {
                if (ev_mark(c, z) == EV_MARK_BOUNDARY || ev_mark(c, z) == EV_MARK_RELATIVE) break;
                if (ev_mark(c, z) == EV_MARK_WITH) {
                    with = (int)z;
                    break;
                }
            }
            if (with >= 0) {
                /* the one named between بين and مع: a person first (the
                 * envoy after his titles), else the first party */
                int w = ev_mention_after(c, (size_t)with + 1, n, 3, true);
                for (size_t z = 0; w >= 0 && z < c->n_ms && c->ms[z].ti < (size_t)with; z++) {
                    if (c->ms[z].ti <= k || c->ms[z].attr) continue;
                    if (src < 0 || (c->ms[z].person && !c->ms[src].person)) src = (int)z;
                }
                if (src < 0 || c->ms[src].entity == c->ms[w].entity) break;
                tgt = w;
                src_rule = "between-party";
                tgt_rule = "with-party";
                break;
            }
            int a = ev_mention_after(c, k + 1, n, 3, false);
            if (a < 0) break;
            int b = ev_mention_after(c, c->ms[a].tj + 1, n, 1, false);
            /* «بين قوات الجيش المدعومة بالعشائر وتحالف الحوثيين»: the second
             * side is the next party joined by و, past the first's words */
            for (size_t z = c->ms[a].tj + 1; b < 0 && z < n && z <= c->ms[a].tj + 6; z++) {
                if (ev_mark(c, z) == EV_MARK_BOUNDARY || ev_mark(c, z) == EV_MARK_RELATIVE ||
                    (ev_is_punct(c, z) && !x->t[z].skip))
                    break;
                int m = x->t[z].conj ? ev_mention_after(c, z, n, 1, false) : -1;
                if (m >= 0 && c->ms[m].ti <= z + 1) b = m;
            }
            if (b < 0 && c->ms[a].entity >= 0) {
                /* «الصدامات بين داعش والأكراد»: a side no dictionary names;
                 * the named one is the source */
                src = a;
                src_rule = "between-pair";
                break;
            }
            if (b >= 0) {
                src = a;
                tgt = b;
                src_rule = tgt_rule = "between-pair";
                e.flags |= RASD_EV_SYMMETRIC;
            }
            break;
        }
        if (src < 0 && tgt < 0) {
            /* القصف التركي، هجمات تركية: the nationality is the source */
            size_t k = cd->tj + 1;
            if (k < n && ev_has(c, k, EV_NATION, -1) && !victim) {
                size_t cnt;
                const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[k].node, &cnt);
                for (size_t z = 0; z < cnt; z++)
                    if (p[z].target.kind == EV_NATION) memcpy(e.source.country, c->d->nations[p[z].target.index], 4);
                e.source.start = x->t[k].tok.start;
                e.source.end = x->t[k].tok.end;
                e.source.rule = "nationality-adjective";
            } else {
                int g = ev_mention_after(c, cd->tj + 1, n, 0, false);
                if (g >= 0 && victim) tgt = g, tgt_rule = "genitive-victim";
                else if (g >= 0 && ((r->verb && !ev_genitive_is_object(c, r, g)) || ev_object_after_genitive(c, g)))
                    src = g, src_rule = "genitive-agent"; /* قصف قوات النظام، تدمير المتطرفين أضرحة */
            }
        }
    } else {
        size_t clause = quoted ? q_first : 0;
        bool enclitic = x->t[i].base_off + x->t[i].base_len < x->t[i].key_off + x->t[i].key_len;
        size_t next = cd->tj + 1;
        while (next < n && x->t[next].skip) next++;
        bool counted = next < n && ex_is_number(&x->t[next]);
        for (size_t k = nb; !counted && next < n && k < nums->count; k++) /* ثلاثة: a number in words */
            counted = nums->items[k].start <= x->t[next].tok.start && x->t[next].tok.start < nums->items[k].end;
        if (victim && counted) {
            /* «قُتل ثلاثة مدنيين»: a count right after a killing verb is its
             * victims, the verb passive (unvowelled, it reads like قَتل) */
            int v = ev_mention_after(c, next, n, 2, false);
            /* (not the agent after على أيدي، من قبل، برصاص: «قتل عشرة أشخاص على
             * أيدي مسلحين» names the killers there) */
            for (size_t k = next + 1; v >= 0 && k < c->ms[v].ti; k++)
                if (ev_mark(c, k)) v = -1;
            if (v >= 0) tgt = v, tgt_rule = "victims-after-passive";
        } else if (r->speech && first_person(c, i, r)) {
            if (speaker >= 0) { /* outside a quotation ندين may be a noun (نشيد: anthem) */
                e.source.entity = speaker;
                src_rule = "speaker-of-quote";
            }
        } else if ((src = ev_subject_of_verb_before(c, i, clause)) >= 0) {
            src_rule = "subject-of-verb-before"; /* «حاولت السعودية واستقبلت الشيخ» */
        } else if (ev_already_before(c, i) != SIZE_MAX) {
            /* «النظام سبق واعتقل الناشط»: the subject stands before سبق */
            if ((src = ev_mention_before(c, ev_already_before(c, i), clause)) >= 0) src_rule = "subject-before-verb";
        } else if (enclitic && (src = ev_subject_after(c, cd->tj + 1, r->speech ? 4 : 3)) >= 0 &&
                   !ev_oblique_plural(c, src)) {
            /* «شيرين مكاوي قد خطفها مسلحون»، «النشطاء الذين اختطفهم الحوثيون»:
             * a verb with an object pronoun has its subject after it, and the
             * pronoun is the noun before */
            src_rule = "subject-after-verb";
            if ((tgt = ev_mention_before(c, i > 0 && ev_mark(c, i - 1) == EV_MARK_RELATIVE ? i - 1 : i, clause)) >= 0)
                tgt_rule = "object-before-verb";
        } else if (i > 0 && ev_mark(c, i - 1) == EV_MARK_RELATIVE && !enclitic && !ev_resumptive(c, cd->tj + 1)) {
            /* (a verb with an object pronoun, النشطاء الذين اختطفهم الحوثيون,
             * has its subject after it) */
            /* «قسد التي هاجمت ...»: the noun the relative clause is about;
             * none named (الاغتيالات التي استهدفت) is no source */
            if ((src = ev_mention_before(c, i - 1, clause)) >= 0) src_rule = "antecedent-of-relative";
        } else if (victim && (tgt = ev_counted_victims_before(c, cd, clause)) >= 0) {
            tgt_rule = "victims-before-passive"; /* the doer: the fallback rules (the cause's agent) */
        } else if (!x->t[i].conj && (src = ev_mention_before(c, i, clause)) >= 0) {
            /* وتواصل، واستهدفت: a verb after و opens its own clause; the
             * name before it belongs to the clause before */
            src_rule = "subject-before-verb";
        } else if (ev_plural_agreement(c, i)) {
            /* «العشرات من مستوطني براخة هاجموا المواطنين»: a verb agrees in
             * number only with a subject before it (in VSO it stays
             * singular), so the noun after هاجموا is its object; the subject
             * is the party before (a fallback rule below) or a pronoun */
        } else if ((src = ev_subject_after(c, cd->tj + 1, r->speech ? 4 : 3)) >= 0 && victim &&
                   c->ms[src].entity < 0 && memcmp(ex_key(x, x->t[i].base_off), "\xD9\x82", 2) == 0 &&
                   !ev_has_object_after(c, src)) {
            /* «قتل ضابط شرطة»، «وقُتلت عائلة»: a past killing verb before an
             * unnamed noun is passive; the noun is the victim */
            tgt = src;
            tgt_rule = "victims-after-passive";
            src = -1;
        } else if (src >= 0 && ev_oblique_plural(c, src) && enclitic) {
            src = -1; /* «خطفها مقاتلين»: a verbal noun and its object; its owner did it */
        } else if (src >= 0) {
            src_rule = "subject-after-verb";
            if (c->ms[src].tj + 1 > after) after = c->ms[src].tj + 1;
        } else if (r->speech && !ambiguous && x->t[i].conj && opens_sentence(c, i) && continues(c, cd)) {
            /* «طالبت X ...، وحمّلته المسؤولية»، «يدين ...، ويحث»: the same act
             * goes on, one event; «وأشاد ب...» in a sentence of its own: the
             * one who spoke before */
            if (x->last_speaker >= 0) {
                e.source.entity = x->last_speaker;
                src_rule = "continues-last-speaker";
            }
        } else if (r->speech && !ambiguous) {
            /* «أعرب فلان ... أن الأمين العام يدين»: the person a reporting verb
             * introduces speaks, when the trigger opens the reported clause */
            size_t that = n, say = n;
            for (size_t k = i; k-- > 0 && i - k <= 6;)
                if (ev_mark(c, k) == EV_MARK_THAT) {
                    that = k;
                    break;
                }
            /* (not «أشار إلى أن اللقاء يرفض»: a subject of its own between) */
            for (size_t k = that + 1; that < n && k < i; k++)
                if (!x->t[k].skip && ev_mark(c, k) != EV_MARK_AUX) that = n;
            for (size_t k = 0; that < n && k < that; k++)
                if (x->t[k].say) {
                    say = k;
                    break;
                }
            for (size_t z = c->n_ms; say < n && z-- > 0;)
                if (c->ms[z].tj < that && c->ms[z].ti > say && c->ms[z].person) {
                    src = (int)z;
                    src_rule = "speaker-of-sentence";
                    break;
                }
        }
        if (src >= 0 && c->ms[src].tj >= after) after = c->ms[src].tj + 1;
    }
    /* «قالت قسد إنها قصفت»، «وقعنا على اتفاق» in a quotation: a verb that
     * opens what a speaker reports, or one in the first person, is the speaker's */
    bool we = !cd->noun && (first_person(c, i, r) || first_plural_suffix(c, i));
    if (src < 0 && e.source.entity < 0 && !e.source.country[0] && !cd->noun && quoted && speaker >= 0 &&
        (we || i == q_first)) {
        e.source.entity = speaker;
        src_rule = "speaker-of-quote";
    }
    /* «أبو فاعور: نرفض المساس ...» (a headline): the one named before the colon */
    if (src < 0 && e.source.entity < 0 && !e.source.country[0] && we && (src = ev_speaker_before_colon(c, i)) >= 0)
        src_rule = "speaker-before-colon";
    /* a subject before the verb that no dictionary names (events_sources.c) */
    if (src < 0 && e.source.entity < 0 && !e.source.country[0] && !cd->noun && !we &&
        ev_np_before_verb(c, i, quoted ? q_first : 0, victim, &e.source))
        src_rule = e.source.rule;
    if (src < 0 && e.source.entity < 0 && !e.source.country[0] && !e.source.end &&
        ev_speaker_of_statement(c, cd, quoted, speaker, &e.source))
        src_rule = e.source.rule;
    if (src < 0 && e.source.entity < 0 && !e.source.country[0] && !e.source.end)
        src = ev_fallback_source(c, cd, r, victim, tgt, i, quoted ? q_first : 0, &src_rule);
    if (src >= 0) ev_set_actor(c, src, &e.source, src_rule);
    else if (src_rule) e.source.rule = src_rule;
    if (src < 0 && e.source.entity < 0 && e.source.agent < 0 && !e.source.country[0] && !e.source.end)
        ev_unnamed_agent(c, cd, &e.source); /* على يد متطرف، منفذ التفجير (events_sources.c) */
    if (src < 0 && e.source.entity < 0 && !e.source.country[0] && !e.source.end && !cd->noun && !we) /* (after ندعو: the addressee) */
        ev_np_after_verb(c, cd, victim, &e.source);
    if (src < 0 && e.source.entity < 0 && !e.source.country[0] && !e.source.end) ev_previous_source(c, &e.source);
    if (e.source.entity < 0 && e.source.agent < 0 && !e.source.country[0] && !e.source.end && !victim)
        ev_previous_mention(c, &e.source);

    /* the target, by the row's preposition */
    if (tgt < 0 && !(e.flags & RASD_EV_SYMMETRIC)) {
        uint32_t tp = r->target_mask;
        if ((tp & EV_PREP_DIRECT) && (tgt = ev_mention_after(c, after, n, 2, false)) >= 0) tgt_rule = "direct-object";
        if ((tp & EV_PREP_DIRECT) && tgt < 0) {
            /* «قصفت مواقع لداعش»، «استهدفت مقرات للحوثيين»: the owner, after ل, of the object */
            int m = ev_mention_after(c, after, n, 2, true);
            if (m >= 0 && c->ms[m].ti > after && ev_has_prep_clitic(c, c->ms[m].ti, 'l') &&
                !ev_has_prep_clitic(c, c->ms[m].ti, 'b') && !ev_mark(c, c->ms[m].ti - 1))
                tgt = m, tgt_rule = "owner-of-object";
        }
        for (size_t k = after; tgt < 0 && (tp & ~(uint32_t)EV_PREP_DIRECT) && k < n && k < after + 12; k++) {
            int mark = ev_mark(c, k);
            if (mark == EV_MARK_BOUNDARY || mark == EV_MARK_RELATIVE) break;
            /* «...، وألقت القبض»: a comma and و open the next clause */
            if (k + 1 < n && ev_is_punct(c, k) && x->t[k + 1].conj && k > after) break;
            int m = -1;
            if (mark && (tp & EV_PREP_MARK(mark))) m = ev_mention_after(c, k + 1, n, 3, false);
            else if (((tp & EV_PREP_B) && ev_has_prep_clitic(c, k, 'b')) || ((tp & EV_PREP_L) && ev_has_prep_clitic(c, k, 'l')))
                m = ev_mention_after(c, k, n, 3, true);
            if (m >= 0) {
                tgt = m;
                tgt_rule = "object-of-preposition";
            }
        }
        if (tgt < 0 && !*r->target_prep) {
            /* أشاد بدور قسد، رحب بقرار مجلس الأمن: the party named in what is
             * praised; else a direct object */
            size_t h = issue_head(c, cd);
            if (h < n && h <= after + 2) tgt = ev_mention_after(c, h, n, 2, true);
            else tgt = ev_mention_after(c, after, n, 2, false);
            if (tgt >= 0) tgt_rule = "nearest-after-trigger";
        }
        int root = ev_root(r->cameo);
        if (tgt < 0 && r->speech && (root == 2 || root == 10)) {
            /* «دعا إلى وقف القتال بين X و Y»: the call is to both sides */
            size_t h = issue_head(c, cd);
            for (size_t k = h; k < n && k < h + 6; k++)
                if (ev_mark(c, k) == EV_MARK_BETWEEN) {
                    if ((tgt = ev_mention_after(c, k + 1, n, 1, false)) >= 0) tgt_rule = "party-in-issue";
                    break;
                }
        }
    }
    if (tgt >= 0) ev_set_actor(c, tgt, &e.target, tgt_rule);
    /* «مواجهات بين الشرطة والمتظاهرين»: of a protest's two sides, the
     * protesters are its source */
    if (ev_root(r->cameo) == 14 && (e.flags & RASD_EV_SYMMETRIC) && by_protesters(c, &e.target) &&
        !by_protesters(c, &e.source)) {
        rasd_event_actor t = e.source;
        e.source = e.target;
        e.target = t;
    }
    /* the same actor on both sides is no event between two */
    if ((e.target.entity >= 0 && e.target.entity == e.source.entity) ||
        (e.target.end && e.target.start == e.source.start && e.target.end == e.source.end))
        ev_set_actor(c, -1, &e.target, NULL);

    bool has_source = e.source.entity >= 0 || e.source.agent >= 0 || e.source.country[0];
    bool has_target = e.target.entity >= 0 || e.target.agent >= 0;
    int root = ev_root(r->cameo);
    /* An act the text states is an event even when it does not say who
     * did it (انفجار سيارة مفخخة، قُتل ثلاثة مدنيين) or to whom, as ACLED
     * and GDELT code them: the confidence says how much the sentence gave. */
    e.confidence = has_source && has_target ? 0.9f : has_source ? 0.75f : has_target ? 0.6f : 0.45f;
    if (has_source && e.source.rule && ev_weak_rule(e.source.rule)) e.confidence -= 0.25f; /* a guess, not a reading */
    if (!has_target && (root == 2 || root == 4) && !cd->noun) e.confidence -= 0.1f;
    /* a match is no meeting, a fixture no clash; a player's contract, talks
     * with a club, a visit of a team are no diplomacy (a document about sport) */
    if (c->sports_words >= 2 && (sports_homograph(r) || (ev_root(r->cameo) >= 2 && ev_root(r->cameo) <= 8))) return;
    /* «الاتفاق النووي»، «باتفاق الطائف»، «بالاتفاق مع»: a definite agreement
     * names a document (or, with ب, means 'in agreement with'); the act of
     * agreeing is a verb (وقع، أبرم، توصل إلى) or an indefinite اتفاق بين */
    if (cd->noun && strcmp(r->cameo, "057") == 0 && !strchr(r->lemma, ' ') &&
        (x->t[i].art_len || ev_has_prep_clitic(c, i, 'b') || ev_has_prep_clitic(c, i, 'l')))
        return;
    /* «يمكن اعتقال مشتبه به»، «ضرورة عقد جلسة»، «بهدف الدعوة»، «عرقلة عقد
     * الجلسة»: a verbal noun after a modal, a purpose or an obstruction is
     * what may, must or should happen, not what happened */
    static const ev_word MODALS[] = {EV_WORD("يمكن"),  EV_WORD("يجب"),    EV_WORD("يجوز"),  EV_WORD("ينبغي"),
                                     EV_WORD("ضروره"), EV_WORD("هدف"),    EV_WORD("عرقله"), EV_WORD("اعاقه"),
                                     EV_WORD("اجل"),   EV_WORD("امكانيه"), EV_WORD("احتمال")};
    if (i > 0 && ev_word_in(c, i - 1, true, MODALS, sizeof MODALS / sizeof *MODALS)) return; /* (a verb comes after أن) */
    /* «استشهد بقول الروائي»: cited, not martyred */
    static const ev_word SAYINGS[] = {EV_WORD("قول"), EV_WORD("كلام"), EV_WORD("مقوله"), EV_WORD("ايه"),
                                      EV_WORD("حديث"), EV_WORD("بيت"),  EV_WORD("مثل"),   EV_WORD("كلمات")};
    if (strcmp(r->lemma, "استشهد") == 0 || strcmp(r->lemma, "استشهاد") == 0)
        for (size_t k = cd->tj + 1; k < n && k <= cd->tj + 3; k++) /* (its subject may come between) */
            if (ev_has_prep_clitic(c, k, 'b') && ev_word_in(c, k, true, SAYINGS, sizeof SAYINGS / sizeof *SAYINGS))
                return;
    /* «كالقتل»، «كالهجوم على»: ك compares with a kind of act, tells none */
    if (cd->noun && ev_has_prep_clitic(c, i, 'k')) return;
    /* «هذه الهجمات»، «تلك التهديدات»: a demonstrative points back to acts
     * told before (coded there), or sums them up; no new happening */
    static const ev_word DEMONSTRATIVES[] = {EV_WORD("هذه"),  EV_WORD("هذا"),  EV_WORD("تلك"),  EV_WORD("ذلك"),
                                             EV_WORD("هاتين"), EV_WORD("هذين"), EV_WORD("هؤلاء"), EV_WORD("هذان"),
                                             EV_WORD("هاتان")};
    if (cd->noun && x->t[i].art_len && i > 0 &&
        ev_word_in(c, i - 1, false, DEMONSTRATIVES, sizeof DEMONSTRATIVES / sizeof *DEMONSTRATIVES))
        return;
    /* «جبهة القتال»، «موقع الهجوم»، «ساحة المعركة»: the place of a fight,
     * named by it, not a fight */
    static const ev_word SITES[] = {EV_WORD("جبهه"), EV_WORD("جبهات"), EV_WORD("ساحه"), EV_WORD("ساحات"),
                                    EV_WORD("موقع"), EV_WORD("مكان"),  EV_WORD("مسرح"), EV_WORD("خطوط")};
    if (cd->noun && x->t[i].art_len && i > 0 && root >= 18 &&
        ev_word_in(c, i - 1, true, SITES, sizeof SITES / sizeof *SITES))
        return;
    /* «رئيس لجنة التحقيق»، «أعضاء هيئة المفاوضات»: a body named by what it
     * does, after its head or members, is no act */
    static const ev_word HEADS[] = {EV_WORD("رئيس"), EV_WORD("عضو"), EV_WORD("اعضاء"), EV_WORD("رئاسه"),
                                    EV_WORD("مقر")};
    if (cd->noun && i > 0 && ev_word_in(c, i - 1, true, HEADS, sizeof HEADS / sizeof *HEADS)) return;
    /* «اللقاء»، «المحادثات»، «المفاوضات» with nobody the sentence's structure
     * names on either side: the talks or meeting told before, or talks as a
     * process (استئناف المحادثات), not a meeting that happened here */
    static const ev_word HELD[] = {EV_WORD("عقد"),    EV_WORD("عقدت"),   EV_WORD("انعقد"), EV_WORD("انعقدت"),
                                   EV_WORD("جرى"),    EV_WORD("جرت"),    EV_WORD("بدا"),   EV_WORD("بدات"),
                                   EV_WORD("انطلق"),  EV_WORD("انطلقت"), EV_WORD("اختتم"), EV_WORD("اختتمت"),
                                   EV_WORD("استؤنف"), EV_WORD("استؤنفت"), EV_WORD("وعقد"),  EV_WORD("وعقدت"),
                                   EV_WORD("وجرى"),   EV_WORD("وجرت")}; /* (the splitter may keep و) */
    if (cd->noun && root == 4 && x->t[i].art_len && !has_target && (!has_source || ev_weak_rule(e.source.rule)) &&
        !(i > 0 && ev_word_in(c, i - 1, true, HELD, sizeof HELD / sizeof *HELD))) /* (عقد الاجتماع: held here) */
        return;
    /* «وصلت الوزيرة إلى مالي»: an arrival in a place is a visit when a named
     * party arrives, not a plane, a convoy or a figure (وصل العدد إلى) */
    if (root == 4 && cd->cue_j && !c->hits[cd->cue_i].cue && !cd->noun &&
        (strcmp(r->lemma, "وصل") == 0 || strcmp(r->lemma, "توجه") == 0) &&
        (e.source.entity < 0 || (e.source.rule && ev_weak_rule(e.source.rule))))
        return;
    /* «غرفة التجارة تستقبل طلبات الشركات»، «حث العاملين على الجد»: a call or a
     * meeting whose doer is a noun no dictionary knows and that reaches
     * nobody is an institution's routine, not diplomacy */
    static const ev_word HONORIFICS[] = {EV_WORD("معالي"), EV_WORD("سمو"),   EV_WORD("فخامه"),
                                         EV_WORD("سعاده"), EV_WORD("صاحب"), EV_WORD("دوله")};
    if ((root == 2 || root == 4) && !has_target && e.source.rule &&
        (strcmp(e.source.rule, "noun-after-verb") == 0 || strcmp(e.source.rule, "noun-before-verb") == 0) &&
        !(cd->tj + 1 < n && ev_word_in(c, cd->tj + 1, true, HONORIFICS, sizeof HONORIFICS / sizeof *HONORIFICS)))
        return; /* (استقبل معالي المستشار ...: an official the title leads to) */
    /* a homograph verb whose other party comes after a preposition (بحث
     * مع: discussed with; يبحث عن: searches) needs that party */
    if (ambiguous && !cd->noun && (r->target_mask & ~(uint32_t)EV_PREP_DIRECT) && !has_target) return;
    /* a form that is also a common word: as a verb it needs its subject, as
     * a noun some party (اعتقال الناشط، اتفاق بين الطرفين) */
    if (ambiguous && !cd->noun &&
        (!src_rule || (strncmp(src_rule, "subject", 7) != 0 && strncmp(src_rule, "between", 7) != 0)))
        return;
    bool pronoun = c->hits[i].pronoun || x->t[i].base_off + x->t[i].base_len < x->t[i].key_off + x->t[i].key_len;
    bool party_named = has_source && !(e.source.rule && (strcmp(e.source.rule, "previous-mention") == 0 ||
                                                         strcmp(e.source.rule, "previous-source") == 0));
    if (ambiguous && cd->noun && !party_named && !has_target && !pronoun) return; /* اعتقاله: the pronoun is a party */
    /* حقق في، طالب ب: an ambiguous verb needs its preposition right after
     * its subject (حقق مكاسب في is no inquiry) */
    if (ambiguous && !cd->noun && r->issue_mask && issue_head(c, cd) > after + 1 &&
        !(cd->cue_j && cd->cue_i <= after + 1)) /* (طالب X برحيل: the cue is the content, right there) */
        return;

    /* flags */
    if (c->hits[i].future) e.flags |= RASD_EV_FUTURE;
    size_t back = 0;
    for (size_t k = i; k-- > 0 && back < 3;) {
        if (ev_is_punct(c, k) || x->t[k].skip) continue;
        int m = ev_mark(c, k);
        if (m == EV_MARK_NEG) e.flags |= RASD_EV_NEGATED;
        if (m == EV_MARK_NEG_FUT) e.flags |= RASD_EV_NEGATED | RASD_EV_FUTURE;
        if (m == EV_MARK_FUT) e.flags |= RASD_EV_FUTURE;
        if (m != EV_MARK_AUX) back++;
    }
    for (size_t k = i > 12 ? i - 12 : 0; k < i; k++) {
        int m = ev_mark(c, k);
        if (m == EV_MARK_HYP) e.flags |= RASD_EV_HYPOTHETICAL;
        /* نفى أن: what is denied did not happen (as the denier says) */
        if (c->hits[k].node && ev_has(c, k, EV_TRIGGER, -1)) {
            size_t cnt;
            const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[k].node, &cnt);
            for (size_t z = 0; z < cnt; z++)
                if (p[z].target.kind == EV_TRIGGER && strcmp(c->d->triggers[p[z].target.index].lemma, "نفى") == 0)
                    e.flags |= RASD_EV_NEGATED;
        }
    }
    for (size_t k = 0; k < n; k++)
        if (ev_mark(c, k) == EV_MARK_CLAIM) {
            bool named = false; /* بحسب inside a name is no claim */
            for (size_t z = 0; z < c->n_ms; z++) named |= c->ms[z].ti <= k && k <= c->ms[z].tj;
            if (!named) e.flags |= RASD_EV_CLAIMED;
        }

    e.acled = acled_type(c, r, &e);
    rasd_put_str(e.cameo, sizeof e.cameo, 0, r->cameo);
    e.plover_type = r->plover_type;
    e.plover_mode = r->plover_mode;
    bool object_pronoun = c->hits[i].pronoun || x->t[i].base_off + x->t[i].base_len < x->t[i].key_off + x->t[i].key_len;
    if (ev_one_sided(c, r, &e, object_pronoun, cd->tj)) snprintf(e.cameo, sizeof e.cameo, "%s", "180");
    /* a force that destroys (دمرت طائرات التحالف الجسر) fights: 19, not the
     * 1712 of a demolition or a confiscation */
    if (strcmp(r->cameo, "1712") == 0 && ev_actor_is_force(c, &e.source)) {
        snprintf(e.cameo, sizeof e.cameo, "%s", "190");
        e.plover_type = "ASSAULT";
        e.plover_mode = "destroy";
    }
    /* «المتظاهرون ... مطالبين برحيل الحكومة»: what protesters demand or
     * call for they demand by demonstrating (CAMEO 141, not 10 or 02) */
    /* what protesters do is how they protest: a demand, a call, a
     * condemnation or a rejection is a demonstration (141); blocking or
     * besieging is obstruction (144); violence is a riot (145) */
    if (by_protesters(c, &e.source) && root != 14) {
        int er = ev_root(e.cameo);
        const char *code = er == 2 || er == 10 || er == 11 || er == 12 || er == 13 ? "141"
                           : er == 17 || strcmp(e.cameo, "191") == 0 || strcmp(e.cameo, "192") == 0 ? "144"
                           : er >= 18                                                                 ? "145"
                                                                                                      : NULL;
        if (code) {
            snprintf(e.cameo, sizeof e.cameo, "%s", code);
            e.plover_type = "PROTEST";
            e.plover_mode = code[2] == '1' ? "demo" : code[2] == '4' ? "obstruct" : "riot";
            if (code[2] == '5') e.acled = "Riots";
            else e.acled = "Protests";
        }
    }
    e.place = sentence_place(c, &e);
    for (size_t k = db; k < dates->count; k++)
        if (dates->items[k].iso[0]) {
            memcpy(e.date, dates->items[k].iso, sizeof e.date);
            e.granularity = rasd_granularity_name(dates->items[k].granularity);
            break;
        }
    if (!e.date[0] && c->published) {
        snprintf(e.date, sizeof e.date, "%s", c->published);
        e.granularity = "day";
        e.flags |= RASD_EV_DATE_PUBLISHED;
    }
    magnitudes(c, r, &e, nums, nb, e.end);
    if (!rasd_grow((void **)&c->out.items, &c->out.cap, c->out.count, sizeof e)) {
        c->failed = true;
        return;
    }
    c->out.items[c->out.count++] = e;
}

/* Does the path at token i name protesters (المتظاهرون، المحتجون، المعتصمون)? */
static bool protester_word(const rasd_event_coder *c, size_t i) {
    if (!ev_has(c, i, EV_AGENT, -1)) return false;
    size_t cnt;
    const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[i].node, &cnt);
    for (size_t k = 0; k < cnt; k++)
        if (p[k].target.kind == EV_AGENT && ev_agent_is_protesters(c->d, (int)p[k].target.index)) return true;
    return false;
}

/* «وألقى عشرات المتظاهرين الحجارة»، «ساروا ... المتظاهرون»، «تجمع 50 متظاهرا»:
 * a sentence that tells what protesters did tells of a demonstration, even
 * when its verb is none of the lexicon's (marched, gathered, blocked, pitched
 * tents). When the sentence has no protest event of its own, the
 * protesters' first mention is coded as one (141, the rule
 * protesters-named, the confidence of a guess). */
static void protest_of_protesters(rasd_event_coder *c, size_t first_event, const rasd_number_list *nums, size_t nb,
                                  const rasd_date_list *dates, size_t db) {
    for (size_t k = first_event; k < c->out.count; k++)
        if (ev_root(c->out.items[k].cameo) == 14) return;
    if (c->sports_words >= 2) return; /* fans (المشجعون) are no protesters, but a stadium's crowd can be */
    int row = -1;
    for (size_t r = 0; r < c->d->n_triggers && row < 0; r++)
        if (strcmp(c->d->triggers[r].cameo, "141") == 0 && !c->d->triggers[r].has_cue) row = (int)r;
    if (row < 0) return;
    for (size_t z = 0; z < c->n_ms; z++) {
        const ev_mention *m = &c->ms[z];
        if (!ev_agent_is_protesters(c->d, m->agent)) continue;
        if (ev_has_prep_clitic(c, m->ti, 'l')) continue; /* تصدت الشرطة للمتظاهرين: the protesters are the target */
        cand cd = {m->ti, (uint32_t)m->tj, row, 0, 0, true};
        size_t before = c->out.count;
        code_candidate(c, &cd, nums, nb, dates, db, NULL, 0);
        if (c->out.count > before) {
            rasd_event *e = &c->out.items[c->out.count - 1];
            ev_set_actor(c, (int)z, &e->source, "protesters-named");
            e->confidence = e->target.end ? 0.5f : 0.4f;
        }
        return;
    }
}

/* Is the trigger at token i a noun whose every row is a noun (انتقادات،
 * اشتباكات), so that it cannot be a name's last word? */
static bool tail_noun_trigger(const rasd_event_coder *c, size_t i) {
    size_t cnt;
    const struct rasd_name_pair *p = rasd_names_targets(&c->d->words, c->hits[i].node, &cnt);
    bool any = false;
    for (size_t k = 0; k < cnt; k++) {
        if (p[k].target.kind != EV_TRIGGER) continue;
        const rasd_trigger *r = &c->d->triggers[p[k].target.index];
        if (r->verb || !r->noun || !r->lemma[0]) return false;
        any = true;
    }
    return any && !ev_has(c, i, EV_MARK, EV_MARK_AMBIGUOUS);
}

rasd_status rasd_event_code_sentence(rasd_event_coder *c, rasd_entity_extractor *x, size_t n, size_t sentence,
                                     const rasd_number_list *numbers, size_t nb, const rasd_date_list *dates,
                                     size_t db) {
    if (!c || !x || n == 0) return RASD_OK;
    c->x = x;
    c->kn = x->kn;
    c->n = n;
    c->sentence = sentence;
    c->nums = numbers;
    c->nb = nb;
    if (!rasd_grow((void **)&c->hits, &c->cap_hits, n, sizeof *c->hits)) return RASD_ERR_NOMEM;
    /* The memo of find_hits is read at random, one slot a word, and is
     * larger than the caches: every word's slot is asked for before the
     * first is read (perf: the read of the slot was a third of the coder's
     * cycles), in the one pass over the words that counts sport's. */
    no_inflection_memo *memo = thread_memo(x->an);
    for (size_t i = 0; i < n; i++) {
        c->sports_words += sports_word(c, i);
        if (memo && x->t[i].word) __builtin_prefetch(&memo->hash[x->t[i].base_hash & (EV_NO_INFLECTION_SLOTS - 1)]);
    }
    /* «سمات: بيروت قتل ...»: the tags some outlets print after the last
     * sentence are keywords (قتل، تحرش، احتراق), no sentence */
    static const ev_word TAGS[] = {EV_WORD("سمات")};
    size_t first_word = 0;
    while (first_word < n && !x->t[first_word].word) first_word++;
    if (first_word + 1 < n && ev_word_in(c, first_word, false, TAGS, 1)) {
        c->quote_from = x->out.n_quotes;
        return RASD_OK;
    }
    find_hits(c);
    bool any = false, protesters = false; /* one pass: most words have no hit */
    for (size_t i = 0; i < n; i++) {
        if (!c->hits[i].node) continue;
        any |= ev_has(c, i, EV_TRIGGER, -1);
        protesters = protesters || protester_word(c, i);
    }
    size_t first_event = c->out.count;
    if (any || protesters) {
        if (!ev_find_mentions(c)) return RASD_ERR_NOMEM;
        size_t heads[MAX_HEADS], n_heads = 0;
        for (size_t i = 0; i < n; i++) {
            if (!c->hits[i].node || c->used[i] || !ev_has(c, i, EV_TRIGGER, -1)) continue;
            /* a trigger inside a name (الحشد الشعبي) is part of the name;
             * but a name read after a title may have swallowed a verb
             * (الأمين العام يدين ...): a trigger opening it wins */
            bool named = false;
            for (size_t z = 0; z < c->n_ms && !named; z++) {
                const ev_mention *m = &c->ms[z];
                if (m->ti > i || i > m->tj || m->entity < 0) continue;
                const rasd_entity *en = &x->out.items[m->entity];
                /* (and a tagged name may run on into the noun after it:
                 * «وجه النائب فلان الفلاني انتقادات»: a plural event noun
                 * ending a name the knowledge base does not hold is no
                 * part of it) */
                bool loose = en->actor == UINT32_MAX && en->origin != RASD_FROM_KB;
                named = !(loose && (m->ti == i || (m->tj == i && i > m->ti + 1 && c->hits[i].tj == i &&
                                                   !x->t[i].art_len && ev_has(c, i, EV_TRIGGER, -1) &&
                                                   tail_noun_trigger(c, i)) ||
                                    c->hits[i].tj > m->tj)); /* (a phrase running out of the name: إطلاق سراح) */
            }
            if (named) continue;
            cand cd;
            if (!pick_row(c, i, &cd)) continue;
            if (cd.cue_j) /* شن غارات: the cue is this event's, not an event of its own */
                for (size_t k = cd.cue_i; k <= cd.cue_j; k++) c->used[k] = 1;
            if (n_heads < MAX_HEADS && c->d->triggers[cd.row].speech) {
                size_t h = issue_head(c, &cd);
                if (h < n) heads[n_heads++] = h;
            }
            code_candidate(c, &cd, numbers, nb, dates, db, heads, n_heads);
            i = cd.tj;
        }
    }
    if (!c->failed) ev_one_happening(c, first_event);
    if (protesters && !c->failed) protest_of_protesters(c, first_event, numbers, nb, dates, db);
    c->quote_from = x->out.n_quotes;
    return c->failed ? RASD_ERR_NOMEM : RASD_OK;
}

/* The CAMEO actor code and country of a participant: a KB actor's own; a
 * person's from the actor they speak for; an agent's built from its
 * country or group and its agent code (TUR + COP, SDF's code + nothing). */
static void finish_actor(const rasd_event_coder *c, const rasd_entities *es, rasd_event_actor *a) {
    /* «القصف التركي» in an article that names تركيا: the adjective stands for
     * that state, one entity with its mentions, not a country of its own */
    if (a->entity < 0 && a->agent < 0 && a->country[0])
        for (size_t k = 0; k < es->count; k++) {
            uint32_t actor = es->items[k].actor;
            if (actor == UINT32_MAX || strcmp(c->kn->actors[actor].type, "state") != 0 ||
                strcmp(c->kn->actors[actor].country, a->country) != 0)
                continue;
            a->entity = (int)k;
            break;
        }
    const char *code = "", *country = a->country;
    if (a->entity >= 0) {
        const rasd_entity *en = &es->items[a->entity];
        uint32_t actor = en->actor;
        if (actor == UINT32_MAX && en->affiliation != UINT32_MAX) actor = es->items[en->affiliation].actor;
        if (actor != UINT32_MAX) {
            code = c->kn->actors[actor].cameo;
            if (!*country) country = c->kn->actors[actor].country;
        } else if (en->country && !*country) {
            country = en->country;
        }
    }
    /* rasd_put_str: snprintf's "%s", without its cost on every participant */
    char buf[sizeof a->code];
    if (a->agent >= 0) {
        const char *ag = c->d->agents[a->agent].code;
        if (*code && strlen(code) > 3) rasd_put_str(buf, sizeof buf, 0, code); /* a group's own code says it */
        else rasd_put_str(buf, sizeof buf, rasd_put_str(buf, sizeof buf, 0, *code ? code : *country ? country : "---"), ag);
    } else if (*code) {
        rasd_put_str(buf, sizeof buf, 0, code);
    } else {
        rasd_put_str(buf, sizeof buf, 0, a->entity < 0 && *country ? country : "");
    }
    memcpy(a->code, buf, sizeof a->code);
    if (country != a->country) rasd_put_str(a->country, sizeof a->country, 0, country ? country : "");
}

rasd_status rasd_event_coder_finish(rasd_event_coder *c, const rasd_entities *es, rasd_event_list *out) {
    for (size_t i = 0; i < c->out.count; i++) {
        rasd_event *e = &c->out.items[i];
        if (c->kn) {
            finish_actor(c, es, &e->source);
            finish_actor(c, es, &e->target);
        }
        if (e->place < 0 && es->dateline != UINT32_MAX) {
            e->place = (int)es->dateline;
            e->flags |= RASD_EV_PLACE_DATELINE;
        }
    }
    *out = c->out;
    memset(&c->out, 0, sizeof c->out);
    return c->failed ? RASD_ERR_NOMEM : RASD_OK;
}
