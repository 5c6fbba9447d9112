/*
 * entities.c: finding actors, people and places in a document (entities.h).
 *
 * Per sentence: every word is analysed (key, clitics); from each token the
 * name trie is walked with the forms a name can start with (the whole key,
 * the base without clitics, or the base with its article: للأمم -> الأمم),
 * then token by token (quotation marks skipped); the longest path ending on
 * a name wins and matching resumes after it. A name's targets decide what
 * it is: an actor (a state is also a place), a place (the best of several
 * places of that name: the document's country, then focus countries, then
 * population), a title, or an ambiguous name settled by its rule. Titles
 * then yield people: after a chain of titles, roles and affiliations
 * (المتحدث باسم التحالف الدولي، العقيد ...) come one to three name words.
 * Bylines (المدينة – الكاتب – الوكالة، إعداد: ...، تحرير: ...) give the
 * dateline, the author, the editor and the outlet. Last, short references
 * (التنظيم، المتحدث، الشيخ) link to the one earlier entity they can mean.
 */
#include "entities.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAME_WORDS 3
/* References look back over at most this many entities: enough for any
 * article, and no input can make the look-back quadratic. */
#define RECENT 256
#define MAX_FORM 3

typedef struct tinfo {
    rasd_token tok;
    uint32_t key_off, key_len;   /* the token's key (skip: 0) */
    uint32_t base_off, base_len; /* key of the base, clitics stripped */
    uint32_t art_off, art_len;   /* "ال" + base when the word had the article (or لل), else 0 */
    size_t base_start, art_start;
    bool word, conj, skip;
    bool bi; /* carries the preposition ب (بدمشق: in Damascus) */
    int match; /* index of the match covering it, or -1 */
} tinfo;

typedef struct match {
    size_t ti, tj; /* first and last token */
    uint32_t node;
    size_t start, end;
    int entity; /* entity index, or -1 */
    int place;  /* place index, or -1 */
    int title;  /* title index, or -1 */
} match;

struct rasd_entity_extractor {
    const rasd_knowledge *kn;
    rasd_analyzer *an;
    const char *text;
    size_t len;
    const rasd_span_list *paragraphs;
    rasd_entities out;
    rasd_buf keys;   /* token keys of the current sentence */
    tinfo *t;
    size_t cap_t;
    match *m;
    size_t n_m, cap_m;
    rasd_strtab by_id;         /* entity id -> index + 1, so no input makes look-ups quadratic */
    rasd_strtab place_keys;    /* (place, actor) -> index + 1 into out.places */
    /* per-document preference among same-named places */
    uint32_t country_votes[8];
    const char *country_codes[8];
    bool failed;
};

static const char AL[] = "\xD8\xA7\xD9\x84"; /* ال */

/* ------------------------------------------------------------- building */

/* Room for at least count + 1 items. */
static bool grow(void **items, size_t *cap, size_t count, size_t size) {
    if (count < *cap) return true;
    size_t nc = *cap ? *cap * 2 : 16;
    while (nc <= count) nc *= 2;
    void *p = realloc(*items, nc * size);
    if (!p) return false;
    *items = p;
    *cap = nc;
    return true;
}

static char *dup_n(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static const char *key_at(const rasd_entity_extractor *x, uint32_t off) { return x->keys.data + off; }

rasd_entity_extractor *rasd_entity_extractor_new(const rasd_knowledge *kn, rasd_analyzer *an, const char *text,
                                                 size_t len, const rasd_span_list *paragraphs) {
    rasd_entity_extractor *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    x->kn = kn;
    x->an = an;
    x->text = text;
    x->len = len;
    x->paragraphs = paragraphs;
    x->out.outlet = UINT32_MAX;
    x->out.dateline = UINT32_MAX;
    return x;
}

/* Index of the entity with this id, or -1; with create, a new slot whose
 * id is set (the caller fills the rest). */
static int entity_by_id(rasd_entity_extractor *x, const char *id, bool create) {
    rasd_strtab_entry *e = rasd_strtab_get(&x->by_id, id, strlen(id), create);
    if (!e) return -1;
    if (e->count) return (int)e->count - 1;
    if (!grow((void **)&x->out.items, &x->out.cap, x->out.count, sizeof(rasd_entity))) return -1;
    rasd_entity *en = &x->out.items[x->out.count];
    memset(en, 0, sizeof *en);
    en->actor = UINT32_MAX;
    en->affiliation = UINT32_MAX;
    if (!(en->id = dup_n(id, strlen(id)))) return -1;
    e->count = (uint32_t)++x->out.count;
    return (int)x->out.count - 1;
}

/* Entity for a KB actor, created on first use. */
static int entity_for_actor(rasd_entity_extractor *x, uint32_t actor) {
    int i = entity_by_id(x, x->kn->actors[actor].id, true);
    if (i >= 0) x->out.items[i].actor = actor;
    return i;
}

/* Entity for a person found in the text, by the key of the name. */
static int entity_for_person(rasd_entity_extractor *x, const char *surface, size_t n, rasd_entity_origin origin) {
    char key[512], id[600];
    size_t kl = rasd_normalize(surface, n, key, sizeof key);
    if (kl >= sizeof key) kl = strlen(key);
    for (size_t i = 0; i < kl; i++)
        if (key[i] == ' ') key[i] = '_';
    snprintf(id, sizeof id, "person:%s", key);
    size_t before = x->out.count;
    int i = entity_by_id(x, id, true);
    if (i < 0 || x->out.count == before) return i; /* known already, or out of memory */
    rasd_entity *e = &x->out.items[i];
    e->origin = origin;
    if (!(e->name_ar = dup_n(surface, n))) return -1;
    return i;
}

static bool add_mention(rasd_mention **items, size_t *count, size_t *cap, size_t *total, rasd_mention m) {
    /* the same span twice (found by two rules) is one mention; mentions
     * arrive in text order, so a repeat can only be one of the last few */
    for (size_t i = *count > 4 ? *count - 4 : 0; i < *count; i++)
        if ((*items)[i].start == m.start && (*items)[i].end == m.end) return true;
    (*total)++;
    if (*count >= RASD_MAX_MENTIONS) return true;
    if (!grow((void **)items, cap, *count, sizeof m)) return false;
    (*items)[(*count)++] = m;
    return true;
}

static void mention_entity(rasd_entity_extractor *x, int e, rasd_mention m) {
    if (e < 0) {
        x->failed = true;
        return;
    }
    rasd_entity *en = &x->out.items[e];
    if (!add_mention(&en->mentions, &en->n_mentions, &en->cap_mentions, &en->total_mentions, m)) x->failed = true;
}

static int place_hit(rasd_entity_extractor *x, uint32_t place, uint32_t actor) {
    uint32_t key[2] = {place, actor};
    rasd_strtab_entry *e = rasd_strtab_get(&x->place_keys, (const char *)key, sizeof key, true);
    if (!e) return -1;
    if (e->count) return (int)e->count - 1;
    if (!grow((void **)&x->out.places, &x->out.cap_places, x->out.n_places, sizeof(rasd_place_hit))) return -1;
    rasd_place_hit *p = &x->out.places[x->out.n_places];
    memset(p, 0, sizeof *p);
    p->place = place;
    p->actor = actor;
    e->count = (uint32_t)++x->out.n_places;
    return (int)x->out.n_places - 1;
}

static void mention_place(rasd_entity_extractor *x, int p, rasd_mention m) {
    if (p < 0) {
        x->failed = true;
        return;
    }
    rasd_place_hit *ph = &x->out.places[p];
    if (!add_mention(&ph->mentions, &ph->n_mentions, &ph->cap_mentions, &ph->total_mentions, m)) x->failed = true;
}

static void vote_country(rasd_entity_extractor *x, const char *iso3) {
    if (!iso3 || !*iso3) return;
    for (int i = 0; i < 8; i++) {
        if (x->country_codes[i] && strcmp(x->country_codes[i], iso3) == 0) {
            x->country_votes[i]++;
            return;
        }
        if (!x->country_codes[i]) {
            x->country_codes[i] = iso3;
            x->country_votes[i] = 1;
            return;
        }
    }
}

static uint32_t votes_for(const rasd_entity_extractor *x, const char *iso3) {
    for (int i = 0; i < 8 && x->country_codes[i]; i++)
        if (strcmp(x->country_codes[i], iso3) == 0) return x->country_votes[i];
    return 0;
}

/* ------------------------------------------------------------- analysis */

static uint32_t push_key(rasd_entity_extractor *x, const char *s, size_t n, uint32_t *len) {
    uint32_t off = (uint32_t)x->keys.len;
    rasd_buf_append(&x->keys, s, n);
    rasd_buf_putc(&x->keys, '\0');
    *len = (uint32_t)n;
    return off;
}

/* Byte offset where the article starts in a word with proclitics before it. */
static size_t article_start(const char *text, const rasd_token *t, const rasd_word *w) {
    /* letters before the article: the proclitics listed before ال (لل
     * counts its first ل); walk the surface skipping marks */
    size_t skip_letters = 0;
    for (int i = 0; i < w->n_proclitics; i++) {
        bool is_al = w->proclitic_len[i] == 4 && memcmp(w->proclitic[i], AL, 4) == 0;
        bool is_lil = w->proclitic_len[i] == 4 && !is_al; /* لل */
        if (is_al) break;
        skip_letters += is_lil ? 1 : w->proclitic_len[i] / 2;
        if (is_lil) break;
    }
    size_t pos = t->start, seen = 0;
    while (pos < t->end && seen < skip_letters) {
        int32_t cp;
        size_t n = rasd_utf8_decode(text + pos, t->end - pos, &cp);
        int32_t out[RASD_NORM_MAX_EXPANSION];
        if (rasd_normalize_char(cp, out) > 0) seen++;
        pos += n;
    }
    return pos;
}

static bool analyse_tokens(rasd_entity_extractor *x, const rasd_token *toks, size_t n) {
    x->keys.len = 0;
    if (!grow((void **)&x->t, &x->cap_t, n, sizeof(tinfo))) return false;
    char key[512];
    /* start loading every word's cache line before analysing the first:
     * the lookups' memory latency overlaps (see rasd_analyzer_prefetch) */
    for (size_t i = 0; i < n; i++)
        if (toks[i].type == RASD_TOK_WORD || toks[i].type == RASD_TOK_LATIN)
            rasd_analyzer_prefetch(x->an, x->text, toks[i].start, toks[i].end);
    for (size_t i = 0; i < n; i++) {
        tinfo *ti = &x->t[i];
        memset(ti, 0, sizeof *ti);
        ti->tok = toks[i];
        ti->match = -1;
        ti->base_start = toks[i].start;
        ti->art_start = toks[i].start;
        rasd_word w;
        if ((toks[i].type == RASD_TOK_WORD || toks[i].type == RASD_TOK_LATIN) &&
            rasd_analyze_word(x->an, x->text, toks[i].start, toks[i].end, &w) == RASD_OK) {
            ti->word = true;
            ti->key_off = push_key(x, w.norm, w.norm_len, &ti->key_len);
            ti->base_off = push_key(x, w.base, w.base_len, &ti->base_len);
            ti->base_start = w.base_start;
            bool article = false;
            for (int k = 0; k < w.n_proclitics; k++)
                article |= w.proclitic_len[k] == 4; /* ال or لل */
            if (article) {
                x->keys.len += 0;
                uint32_t off = (uint32_t)x->keys.len;
                rasd_buf_append(&x->keys, AL, 4);
                rasd_buf_append(&x->keys, w.base, w.base_len);
                rasd_buf_putc(&x->keys, '\0');
                ti->art_off = off;
                ti->art_len = (uint32_t)(w.base_len + 4);
                ti->art_start = article_start(x->text, &toks[i], &w);
            }
            for (int k = 0; k < w.n_proclitics; k++)
                ti->bi |= w.proclitic_len[k] == 2 && memcmp(w.proclitic[k], "\xD8\xA8", 2) == 0; /* ب */
            ti->conj = w.n_proclitics > 0 && w.proclitic_len[0] == 2 &&
                       (memcmp(w.proclitic[0], "\xD9\x88", 2) == 0 || memcmp(w.proclitic[0], "\xD9\x81", 2) == 0);
        } else {
            size_t kl = rasd_name_token_key(x->text, &toks[i], key, sizeof key);
            ti->skip = kl == 0;
            ti->key_off = push_key(x, key, kl, &ti->key_len);
        }
    }
    return !x->keys.oom;
}

/* ------------------------------------------------------------- matching */

/* A form a name can start with: the key of the whole word, of its base
 * with the article, or of its bare base, and where that form starts. */
typedef struct form {
    uint32_t off, len;
    size_t start;
} form;

/* Longest name starting at token i; fills *m and returns true if any. */
static bool match_at(rasd_entity_extractor *x, size_t i, size_t n, match *m) {
    const rasd_names *names = &x->kn->names;
    const tinfo *ti = &x->t[i];
    if (ti->skip || ti->key_len == 0) return false;
    form forms[MAX_FORM];
    int nf = 0;
    forms[nf++] = (form){ti->key_off, ti->key_len, ti->tok.start};
    if (ti->art_len) forms[nf++] = (form){ti->art_off, ti->art_len, ti->art_start};
    if (ti->base_len && ti->base_len != ti->key_len) forms[nf++] = (form){ti->base_off, ti->base_len, ti->base_start};
    bool found = false;
    for (int f = 0; f < nf; f++) {
        if (!rasd_names_may_start(names, key_at(x, forms[f].off), forms[f].len)) continue;
        uint32_t node = rasd_names_child(names, 0, key_at(x, forms[f].off), forms[f].len);
        size_t j = i, best_j = 0;
        uint32_t best_node = 0;
        while (node) {
            size_t cnt;
            if (rasd_names_targets(names, node, &cnt)) {
                best_node = node;
                best_j = j;
            }
            size_t k = j + 1;
            while (k < n && x->t[k].skip) k++; /* quotation marks inside a name */
            if (k >= n) break;
            node = rasd_names_child(names, node, key_at(x, x->t[k].key_off), x->t[k].key_len);
            j = k;
        }
        if (best_node && (!found || best_j > m->tj)) {
            found = true;
            *m = (match){i, best_j, best_node, forms[f].start, x->t[best_j].tok.end, -1, -1, -1};
        }
    }
    return found;
}

/* Does a line start at pos (only spaces before it since the line break)?
 * Paragraphs are lines, and the segmenter records a paragraph only once
 * its line is done, so the text itself is asked. */
static bool opens_line(const rasd_entity_extractor *x, size_t pos) {
    while (pos > 0) {
        char c = x->text[pos - 1];
        if (c == '\n') return true;
        if (c != ' ' && c != '\t' && c != '\r') return false;
        pos--;
    }
    return true;
}

static bool is_dash_token(const rasd_entity_extractor *x, const tinfo *t) {
    if (t->tok.type != RASD_TOK_PUNCT) return false;
    const char *k = key_at(x, t->key_off);
    return strcmp(k, "-") == 0 || strcmp(k, "\xE2\x80\x93") == 0 || strcmp(k, "\xE2\x80\x94") == 0;
}

/* A dateline: the name opens its paragraph and a dash follows it. */
static bool is_dateline(const rasd_entity_extractor *x, const match *m, size_t n) {
    return opens_line(x, x->t[m->ti].tok.start) && m->tj + 1 < n && is_dash_token(x, &x->t[m->tj + 1]);
}

static const char *rule_name(const rasd_name_target *t) {
    if (t->flags & RASD_NAME_LOADED) return "kb:loaded-label";
    if (t->flags & RASD_NAME_VARIANT) return "kb:spelling-variant";
    if (t->flags & RASD_NAME_AMBIGUOUS) return "kb:ambiguous-name";
    if (t->flags & RASD_NAME_PRIMARY) return t->kind == RASD_NAME_PLACE ? "gazetteer:name" : "kb:name";
    return t->kind == RASD_NAME_PLACE ? "gazetteer:alias" : "kb:alias";
}

/* The best of several places with one name. */
static uint32_t best_place(const rasd_entity_extractor *x, const struct rasd_name_pair *p, size_t n) {
    uint32_t best = UINT32_MAX;
    uint64_t best_score = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i].target.kind != RASD_NAME_PLACE) continue;
        const rasd_place *pl = &x->kn->places[p[i].target.index];
        uint64_t score = ((uint64_t)(votes_for(x, pl->country) > 0) << 40) | ((uint64_t)pl->priority << 34) |
                         ((uint64_t)((p[i].target.flags & RASD_NAME_PRIMARY) != 0) << 33) |
                         (uint64_t)(pl->population < (1u << 31) ? pl->population : (1u << 31) - 1);
        if (best == UINT32_MAX || score > best_score) {
            best = p[i].target.index;
            best_score = score;
        }
    }
    return best;
}

static bool is_number_token(const tinfo *t) { return t->tok.type == RASD_TOK_NUMBER; }

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
    const char *k = key_at(x, x->t[i - 1].key_off);
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
    if (entity_by_id(x, a->id, false) >= 0) return true;
    if (a->parent != UINT32_MAX && entity_by_id(x, x->kn->actors[a->parent].id, false) >= 0) return true;
    for (size_t i = x->out.count > RECENT ? x->out.count - RECENT : 0; i < x->out.count; i++) {
        uint32_t e = x->out.items[i].actor;
        if (e != UINT32_MAX && x->kn->actors[e].parent == c->index) return true;
    }
    return false;
}

/* Settles an ambiguous name by its rule; NULL means "not a name here". The
 * candidates are taken in the order data/kb/ambiguous.tsv lists them. */
static const rasd_name_target *decide_ambiguous(rasd_entity_extractor *x, const match *m, size_t n,
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
    bool number_near = (m->ti > 0 && is_number_token(&x->t[m->ti - 1])) ||
                       (m->tj + 1 < n && is_number_token(&x->t[m->tj + 1]));
    bool after_title = m->ti > 0 && x->t[m->ti - 1].match >= 0 && x->m[x->t[m->ti - 1].match].title >= 0;
    switch (nc ? cand[0]->rule : RASD_RULE_NONE) {
    case RASD_RULE_DATELINE_OR_SUBJECT:
        /* the city in a dateline or after a locative word (or ب: بدمشق),
         * else the government that acts from it */
        if (first_place && (is_dateline(x, m, n) || prev_key_in(x, m, LOCATIVES) ||
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
        if (first_place && prev_key_in(x, m, LOCATIVES)) return first_place;
        return NULL;
    default:
        return NULL;
    }
}

/* Records an actor's mention; a state is also a place. */
static void record_actor(rasd_entity_extractor *x, match *m, uint32_t actor, rasd_mention mn) {
    m->entity = entity_for_actor(x, actor);
    mention_entity(x, m->entity, mn);
    const rasd_actor *a = &x->kn->actors[actor];
    vote_country(x, a->country);
    if (strcmp(a->type, "state") == 0) {
        int ph = place_hit(x, UINT32_MAX, actor);
        mention_place(x, ph, mn);
        m->place = ph;
    }
}

/* Decides what a matched name is and records it. */
static void resolve(rasd_entity_extractor *x, match *m, size_t n, size_t sentence) {
    size_t cnt;
    const struct rasd_name_pair *p = rasd_names_targets(&x->kn->names, m->node, &cnt);
    const rasd_name_target *actor = NULL, *title = NULL, *ambiguous = NULL;
    bool place = false;
    for (size_t i = 0; i < cnt; i++) {
        const rasd_name_target *t = &p[i].target;
        if (t->flags & RASD_NAME_AMBIGUOUS) {
            if (!ambiguous) ambiguous = t;
            continue;
        }
        if (t->kind == RASD_NAME_ACTOR && (!actor || (t->flags & RASD_NAME_PRIMARY))) actor = t;
        else if (t->kind == RASD_NAME_TITLE && !title) title = t;
        else if (t->kind == RASD_NAME_PLACE) place = true;
    }
    rasd_mention mn = {m->start, m->end, sentence, NULL, 0};
    if (ambiguous) {
        if (title) m->title = (int)title->index; /* الأمين العام: a title first of all */
        const rasd_name_target *pick = decide_ambiguous(x, m, n, p, cnt);
        if (!pick) return; /* the common word, or no context to decide */
        mn.rule = pick->kind == RASD_NAME_PLACE ? "ambiguous:place-by-context" : "ambiguous:actor-by-context";
        if (pick->kind == RASD_NAME_PLACE) {
            int ph = place_hit(x, pick->index, UINT32_MAX);
            mention_place(x, ph, mn);
            m->place = ph;
            if (is_dateline(x, m, n) && ph >= 0) {
                mn.rule = "ambiguous:dateline";
                x->out.places[ph].dateline = true;
                if (x->out.dateline == UINT32_MAX) x->out.dateline = (uint32_t)ph;
            }
        } else {
            record_actor(x, m, pick->index, mn);
        }
        return;
    }
    if (actor) {
        mn.rule = rule_name(actor);
        mn.label = actor->label;
        record_actor(x, m, actor->index, mn);
        if (title) m->title = (int)title->index; /* a name that is also a title (rare) */
        return;
    }
    if (title) {
        m->title = (int)title->index;
        return;
    }
    if (place) {
        uint32_t best = best_place(x, p, cnt);
        size_t namesakes = 0;
        mn.rule = "gazetteer";
        for (size_t i = 0; i < cnt; i++) {
            if (p[i].target.kind != RASD_NAME_PLACE) continue;
            namesakes += i == 0 || p[i - 1].target.index != p[i].target.index || p[i - 1].target.kind != RASD_NAME_PLACE;
            if (p[i].target.index == best) mn.rule = rule_name(&p[i].target);
        }
        /* several places of this name: say that context chose, never silently */
        if (namesakes > 1) mn.rule = "gazetteer:namesake-chosen-by-context";
        int ph = place_hit(x, best, UINT32_MAX);
        mention_place(x, ph, mn);
        m->place = ph;
        if (is_dateline(x, m, n) && ph >= 0) {
            x->out.places[ph].dateline = true;
            if (x->out.dateline == UINT32_MAX) x->out.dateline = (uint32_t)ph;
        }
        vote_country(x, x->kn->places[best].country);
    }
}

/* --------------------------------------------------------------- people */

static bool key_is(const rasd_entity_extractor *x, const tinfo *t, const char *const *list) {
    const char *k = key_at(x, t->key_off);
    for (; *list; list++)
        if (strcmp(k, *list) == 0) return true;
    return false;
}

/* Words that join titles, roles and affiliations before a name. */
static const char *const CONNECTORS[] = {"باسم", "في", "الي", "لدي", "عن", "لشؤون", "الخاص", "الخاصه", "العام",
                                         "العامه", "الرفيع", "الاعلي", "السابق", "السابقه", "الجديد", "المكلف",
                                         "لمحاربه", "لمكافحه", "ضد", NULL};

static const char *const AFFILIATION_CONNECTORS[] = {"باسم", "في", "لدي", "عن", NULL};

/* An adjective of nationality or scope: the article and a nisba ending. */
static bool is_nisba(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->key_len < 8) return false;
    const char *k = key_at(x, t->key_off);
    size_t n = t->key_len;
    bool al = memcmp(k, AL, 4) == 0;
    bool ya = memcmp(k + n - 2, "\xD9\x8A", 2) == 0;                             /* ي */
    bool yah = n >= 4 && memcmp(k + n - 4, "\xD9\x8A\xD9\x87", 4) == 0;           /* يه */
    return al && (ya || yah);
}

static bool can_be_name_word(const rasd_entity_extractor *x, const tinfo *t) {
    if (!t->word || t->match >= 0 || t->conj) return false;
    const char *k = key_at(x, t->key_off);
    if (rasd_lexicon_is_function_word(rasd_analyzer_lexicon(x->an), k, t->key_len)) return false;
    if (rasd_strtab_get((rasd_strtab *)&x->kn->not_names, k, t->key_len, false)) return false;
    return !key_is(x, t, CONNECTORS);
}

static bool is_comma(const rasd_entity_extractor *x, const tinfo *t) {
    if (t->tok.type != RASD_TOK_PUNCT) return false;
    const char *k = key_at(x, t->key_off);
    return strcmp(k, ",") == 0 || strcmp(k, "\xD8\x8C") == 0;
}

/* The person an unnamed title refers to: the one earlier person with that
 * role (and affiliation, when both are known). */
static int person_by_role(const rasd_entity_extractor *x, const char *role, uint32_t affiliation) {
    int found = -1;
    for (size_t i = x->out.count > RECENT ? x->out.count - RECENT : 0; i < x->out.count; i++) {
        const rasd_entity *e = &x->out.items[i];
        if (!e->role || strcmp(e->role, role) != 0) continue;
        if (affiliation != UINT32_MAX && e->affiliation != UINT32_MAX && e->affiliation != affiliation) continue;
        if (found >= 0) return -1; /* two candidates: not unambiguous */
        found = (int)i;
    }
    return found;
}

static void find_people(rasd_entity_extractor *x, size_t n, size_t sentence) {
    for (size_t mi = 0; mi < x->n_m; mi++) {
        match *first = &x->m[mi];
        if (first->title < 0) continue;
        const rasd_title *role_title = &x->kn->titles[first->title];
        const match *last_title = first;
        uint32_t affiliation = UINT32_MAX;
        size_t k = first->tj + 1, commas = 0;
        int person_actor = -1;
        /* After باسم، في، لدى the words describe whom the person serves:
         * a title there (المتحدث باسم الأمين العام) is not the person's own,
         * until a comma opens an apposition (، العقيد ...). */
        bool in_affiliation = false;
        while (k < n) {
            tinfo *t = &x->t[k];
            if (t->skip) { k++; continue; }
            if (is_comma(x, t) && commas < 2) { commas++; k++; in_affiliation = false; continue; }
            if (t->match >= 0) {
                match *mm = &x->m[t->match];
                if (mm->title >= 0 && mm->entity < 0) {
                    if (!in_affiliation) last_title = mm;
                    k = mm->tj + 1;
                    mi = (size_t)t->match;
                    continue;
                }
                if (mm->entity >= 0) {
                    const rasd_entity *e = &x->out.items[mm->entity];
                    if (e->actor != UINT32_MAX && strcmp(x->kn->actors[e->actor].type, "person") == 0) {
                        person_actor = mm->entity;
                        break;
                    }
                    if (affiliation == UINT32_MAX) affiliation = (uint32_t)mm->entity;
                    k = mm->tj + 1;
                    continue;
                }
                if (mm->place >= 0) { k = mm->tj + 1; continue; }
            }
            if (t->word && key_is(x, t, AFFILIATION_CONNECTORS)) in_affiliation = true;
            if (t->word && (key_is(x, t, CONNECTORS) || is_nisba(x, t))) { k++; continue; }
            break;
        }
        int person = person_actor;
        if (person < 0) {
            size_t a = k, b = k;
            while (b < n && b - a < MAX_NAME_WORDS && can_be_name_word(x, &x->t[b])) b++;
            if (b > a) {
                size_t start = x->t[a].tok.start, end = x->t[b - 1].tok.end;
                person = entity_for_person(x, x->text + start, end - start, RASD_FROM_TITLE);
                mention_entity(x, person, (rasd_mention){start, end, sentence, "title+name", 0});
            } else {
                /* a title with no name: the one earlier person who holds it */
                int ref = person_by_role(x, role_title->role, affiliation);
                if (ref >= 0)
                    mention_entity(x, ref, (rasd_mention){first->start, last_title->end, sentence, "coref:title", 0});
                continue;
            }
        }
        if (person < 0) {
            x->failed = true;
            return;
        }
        rasd_entity *e = &x->out.items[person];
        if (!e->title) e->title = dup_n(x->text + last_title->start, last_title->end - last_title->start);
        if (!e->role) e->role = dup_n(role_title->role, strlen(role_title->role));
        if (e->affiliation == UINT32_MAX && affiliation != UINT32_MAX && (int)affiliation != person)
            e->affiliation = affiliation;
    }
}

/* ------------------------------------------------------------- bylines */

static const char *const CREDIT_AUTHOR[] = {"اعداد", "كتابه", "بقلم", "تقرير", "اعداد:", NULL};
static const char *const CREDIT_EDITOR[] = {"تحرير", "مراجعه", "تدقيق", NULL};

static void set_byline_person(rasd_entity_extractor *x, size_t a, size_t b, size_t sentence, const char *role) {
    size_t start = x->t[a].tok.start, end = x->t[b - 1].tok.end;
    int p = entity_for_person(x, x->text + start, end - start, RASD_FROM_BYLINE);
    mention_entity(x, p, (rasd_mention){start, end, sentence, "byline", 0});
    if (p >= 0 && !x->out.items[p].byline_role) x->out.items[p].byline_role = dup_n(role, strlen(role));
}

/* Credits (إعداد: فلان - تحرير: فلان) and datelines with a byline
 * (المدينة – الكاتب – الوكالة) in a short paragraph. */
static void find_byline(rasd_entity_extractor *x, size_t n, size_t sentence) {
    size_t words = 0;
    for (size_t i = 0; i < n; i++) words += x->t[i].word;
    if (words == 0 || words > 10) return;
    for (size_t i = 0; i + 1 < n; i++) {
        const tinfo *t = &x->t[i];
        const char *role = key_is(x, t, CREDIT_AUTHOR) ? "author" : key_is(x, t, CREDIT_EDITOR) ? "editor" : NULL;
        if (!role || x->t[i + 1].tok.type != RASD_TOK_PUNCT || strcmp(key_at(x, x->t[i + 1].key_off), ":") != 0)
            continue;
        size_t a = i + 2, b = a;
        while (b < n && b - a < MAX_NAME_WORDS && can_be_name_word(x, &x->t[b]) && !key_is(x, &x->t[b], CREDIT_AUTHOR) &&
               !key_is(x, &x->t[b], CREDIT_EDITOR))
            b++;
        if (b > a) set_byline_person(x, a, b, sentence, role);
    }
    /* PLACE – NAME – OUTLET */
    size_t dash[4], nd = 0;
    for (size_t i = 0; i < n && nd < 4; i++)
        if (is_dash_token(x, &x->t[i])) dash[nd++] = i;
    if (nd == 2 && dash[1] > dash[0] + 1 && x->t[0].match >= 0 && x->m[x->t[0].match].place >= 0) {
        size_t a = dash[0] + 1, b = a;
        while (b < dash[1] && can_be_name_word(x, &x->t[b])) b++;
        if (b == dash[1] && b - a <= MAX_NAME_WORDS) set_byline_person(x, a, b, sentence, "author");
    }
    if (nd >= 1) { /* the outlet after the last dash */
        size_t i = dash[nd - 1] + 1;
        while (i < n && x->t[i].skip) i++;
        if (i < n && x->t[i].match >= 0 && x->m[x->t[i].match].entity >= 0) {
            const rasd_entity *e = &x->out.items[x->m[x->t[i].match].entity];
            if (e->actor != UINT32_MAX && strcmp(x->kn->actors[e->actor].type, "media") == 0)
                x->out.outlet = (uint32_t)x->m[x->t[i].match].entity;
        }
    }
}

/* ---------------------------------------------------------- references */

/* Short references (التنظيم، الشيخ، الوزير) to the one earlier entity they
 * can mean: data/kb/references.tsv says what each word refers to. */
static void link_references(rasd_entity_extractor *x, size_t n, size_t sentence) {
    const rasd_knowledge *kn = x->kn;
    for (size_t i = 0; i < n; i++) {
        const tinfo *t = &x->t[i];
        if (!t->word || t->match >= 0) continue;
        const char *k = t->art_len ? key_at(x, t->art_off) : key_at(x, t->key_off);
        size_t kl = t->art_len ? t->art_len : t->key_len;
        if (!rasd_knowledge_may_refer(kn, k, kl)) continue;
        const rasd_strtab_entry *r = rasd_strtab_get((rasd_strtab *)&kn->ref_words, k, kl, false);
        if (!r) continue;
        const rasd_reference *ref = &kn->refs[r->count - 1];
        int found = -1;
        bool two = false;
        for (size_t e = x->out.count > RECENT ? x->out.count - RECENT : 0; e < x->out.count && !two; e++) {
            const rasd_entity *en = &x->out.items[e];
            bool ok;
            if (ref->what == RASD_REF_TYPE)
                ok = en->actor != UINT32_MAX && strcmp(kn->actors[en->actor].type, ref->value) == 0;
            else if (ref->what == RASD_REF_ROLE)
                ok = en->role && strcmp(en->role, ref->value) == 0;
            else
                ok = en->title && strstr(en->title, ref->value) != NULL;
            if (!ok || en->n_mentions == 0 || en->mentions[0].start > t->tok.start) continue;
            if (found >= 0) two = true;
            else found = (int)e;
        }
        if (found >= 0 && !two) {
            size_t start = t->art_len ? t->art_start : t->tok.start;
            mention_entity(x, found, (rasd_mention){start, t->tok.end, sentence, "coref:reference", 0});
        }
    }
}

/* --------------------------------------------------------------- driver */

rasd_status rasd_entity_extract_sentence(rasd_entity_extractor *x, const rasd_token *toks, size_t n, size_t sentence) {
    if (n == 0) return RASD_OK;
    if (!analyse_tokens(x, toks, n)) return RASD_ERR_NOMEM;
    x->n_m = 0;
    for (size_t i = 0; i < n;) {
        match m;
        if (!match_at(x, i, n, &m)) {
            i++;
            continue;
        }
        if (!grow((void **)&x->m, &x->cap_m, x->n_m, sizeof(match))) return RASD_ERR_NOMEM;
        x->m[x->n_m] = m;
        for (size_t k = m.ti; k <= m.tj; k++) x->t[k].match = (int)x->n_m;
        resolve(x, &x->m[x->n_m], n, sentence);
        x->n_m++;
        i = m.tj + 1;
    }
    find_people(x, n, sentence);
    find_byline(x, n, sentence);
    link_references(x, n, sentence);
    return x->failed ? RASD_ERR_NOMEM : RASD_OK;
}

rasd_status rasd_entity_extractor_finish(rasd_entity_extractor *x, rasd_entities *out) {
    /* people take their country from the actor they speak for */
    for (size_t i = 0; i < x->out.count; i++) {
        rasd_entity *e = &x->out.items[i];
        if (e->actor != UINT32_MAX || e->affiliation == UINT32_MAX || e->country) continue;
        const rasd_entity *aff = &x->out.items[e->affiliation];
        if (aff->actor != UINT32_MAX && *x->kn->actors[aff->actor].country)
            e->country = dup_n(x->kn->actors[aff->actor].country, 3);
    }
    *out = x->out;
    memset(&x->out, 0, sizeof x->out);
    return x->failed ? RASD_ERR_NOMEM : RASD_OK;
}

void rasd_entities_free(rasd_entities *e) {
    for (size_t i = 0; i < e->count; i++) {
        rasd_entity *en = &e->items[i];
        free(en->id);
        free(en->name_ar);
        free(en->title);
        free(en->role);
        free(en->byline_role);
        free(en->country);
        free(en->mentions);
    }
    free(e->items);
    for (size_t i = 0; i < e->n_places; i++) free(e->places[i].mentions);
    free(e->places);
    memset(e, 0, sizeof *e);
}

void rasd_entity_extractor_destroy(rasd_entity_extractor *x) {
    if (!x) return;
    rasd_entities_free(&x->out);
    rasd_strtab_free(&x->by_id);
    rasd_strtab_free(&x->place_keys);
    rasd_buf_free(&x->keys);
    free(x->t);
    free(x->m);
    free(x);
}
