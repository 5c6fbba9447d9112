/*
 * stories.c: online clustering of articles into stories.
 *
 * An article becomes a sparse vector: the Snowball stems of its words
 * (function words dropped, title words counted TITLE_WEIGHT times), each
 * weighted (1 + ln tf) * idf with document frequencies learned as articles
 * arrive, plus the entity ids its analysis found, as terms of their own
 * weighted up (knowledge-base ids most). The DOC_TERMS heaviest terms are
 * kept and the vector is normalized to length 1.
 *
 * A story is the sum of its articles' vectors (its centroid, cut to the
 * CENTROID_TERMS heaviest terms), its first and last day. An article is
 * compared (cosine) only with stories that
 *   - hold one of its QUERY_TERMS heaviest terms among their POST_TERMS
 *     heaviest (an inverted index from term to stories), and
 *   - have a day within window_days of the article's day;
 * it joins the most similar one if the cosine reaches the threshold, else
 * it opens a new story whose id is its own. Every constant is justified by
 * the measurements in docs/corpus.md.
 *
 * State (document frequencies and stories) is saved and loaded by
 * stories_state.c.
 */
#include "corpus/stories.h"
#include "corpus/stories_internal.h"

#include "core/date.h"
#include "core/internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* (The #ifndef guards let bench variants be built with other values for
 * the measurements in docs/corpus.md; the library uses the values here.) */
#ifndef TITLE_WEIGHT
#define TITLE_WEIGHT 3      /* a title word counts as this many body words */
#endif
#ifndef ENTITY_KB_BOOST
#define ENTITY_KB_BOOST 2.0 /* knowledge-base ids, places and countries */
#endif
#define ENTITY_BOOST 1.0    /* person:/org:/unresolved: names the tagger found */
#ifndef DOC_TERMS
#define DOC_TERMS 40
#endif
#ifndef QUERY_TERMS
#define QUERY_TERMS 12
#endif
/* A story whose last day is this many days before the newest dated article
 * seen (beyond the window) is dropped from the inverted index's lists as they
 * are scanned: input arrives roughly in date order, and the lists of common
 * terms would otherwise grow with the whole archive. */
#ifndef RETIRE_DAYS
#define RETIRE_DAYS 30
#endif
#define MIN_STEM_BYTES 4    /* two Arabic letters */

/* ---------------------------------------------------------------- the map */

static uint64_t nonzero(uint64_t k) { return k ? k : 1; }

static map_slot *map_find(const map *m, uint64_t key) {
    size_t i = (size_t)(key ^ (key >> 29)) & m->mask;
    while (m->slots[i].key && m->slots[i].key != key) i = (i + 1) & m->mask;
    return &m->slots[i];
}

static bool map_init(map *m, size_t cap) {
    m->slots = calloc(cap, sizeof *m->slots);
    m->mask = cap - 1;
    m->used = 0;
    return m->slots != NULL;
}

/* The slot of key, created (value 0) when absent; NULL when out of memory. */
map_slot *stories_map_get(map *m, uint64_t key) {
    map_slot *s = map_find(m, key);
    if (s->key) return s;
    if ((m->used + 1) * 2 > m->mask + 1) {
        map bigger;
        if (!map_init(&bigger, (m->mask + 1) * 2)) return NULL;
        for (size_t i = 0; i <= m->mask; i++)
            if (m->slots[i].key) *map_find(&bigger, m->slots[i].key) = m->slots[i];
        bigger.used = m->used;
        free(m->slots);
        *m = bigger;
        s = map_find(m, key);
    }
    s->key = key;
    s->value = 0;
    m->used++;
    return s;
}

/* ------------------------------------------------------------------ dates */

static int32_t today(void) { return (int32_t)(time(NULL) / 86400); }

/* -------------------------------------------------------- the life cycle */

rasd_stories *rasd_stories_new(const rasd_stories_options *opt, rasd_error *err) {
    double threshold = opt && opt->threshold > 0 ? opt->threshold : RASD_STORIES_DEFAULT_THRESHOLD;
    int window = opt && opt->window_days > 0 ? opt->window_days : RASD_STORIES_DEFAULT_WINDOW;
    if (threshold > 1 || window > 3650) {
        rasd_fail(err, RASD_ERR_USAGE, "story options out of range: threshold %g (0, 1], window %d days (1 to 3650)",
                  threshold, window);
        return NULL;
    }
    rasd_stories *s = calloc(1, sizeof *s);
    if (!s || !map_init(&s->df, 1 << 14) || !map_init(&s->index, 1 << 12)) {
        rasd_stories_destroy(s);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory creating the story clusterer");
        return NULL;
    }
    s->threshold = threshold;
    s->window = window;
    s->use_prior = !(opt && opt->no_prior);
    s->max_day = INT32_MIN;
    return s;
}

void rasd_stories_destroy(rasd_stories *s) {
    if (!s) return;
    for (size_t i = 0; i < s->n_stories; i++) free(s->stories[i].terms);
    free(s->stories);
    for (size_t i = 0; i < s->n_lists; i++) free(s->lists[i].items);
    free(s->lists);
    free(s->df.slots);
    free(s->index.slots);
    free(s->prior.slots);
    free(s);
}

/* ------------------------------------------------------ document vectors */

typedef struct terms {
    term_w *items;
    size_t count, cap;
} terms;

static bool push_term(terms *t, uint64_t term, float w) {
    if (t->count == t->cap && !rasd_grow((void **)&t->items, &t->cap, t->count, sizeof *t->items)) return false;
    t->items[t->count++] = (term_w){term, w};
    return true;
}

static int by_term(const void *x, const void *y) {
    uint64_t a = ((const term_w *)x)->term, b = ((const term_w *)y)->term;
    return (a > b) - (a < b);
}

static int by_weight_desc(const void *x, const void *y) {
    float a = ((const term_w *)x)->w, b = ((const term_w *)y)->w;
    if (a != b) return a < b ? 1 : -1;
    return by_term(x, y); /* deterministic among ties */
}

/* Moves the k heaviest items (in by_weight_desc order, a total order as
 * terms are distinct) to items[0, k), in no particular order: quickselect,
 * so that only those k need sorting afterwards. */
static void top_k(term_w *a, size_t n, size_t k) {
    size_t lo = 0, hi = n;
    while (k > lo && k < hi && hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        term_w t = a[mid];
        a[mid] = a[hi - 1];
        a[hi - 1] = t;
        size_t store = lo;
        for (size_t i = lo; i + 1 < hi; i++) {
            if (by_weight_desc(&a[i], &a[hi - 1]) < 0) {
                t = a[i];
                a[i] = a[store];
                a[store++] = t;
            }
        }
        t = a[store];
        a[store] = a[hi - 1];
        a[hi - 1] = t;
        /* a[lo, store) come before the pivot, now at store */
        if (k <= store) hi = store;
        else lo = store + 1;
    }
}

/* The k heaviest items first, heaviest first; returns how many there are. */
static size_t heaviest(term_w *a, size_t n, size_t k) {
    if (n > k) top_k(a, n, k), n = k;
    if (n > 1) qsort(a, n, sizeof *a, by_weight_desc);
    return n;
}

static uint64_t stem_term(const char *stem, size_t len) { return nonzero(XXH3_64bits_withSeed(stem, len, 0x7374656d)); }
static uint64_t entity_term(const char *id) { return nonzero(XXH3_64bits_withSeed(id, strlen(id), 0x656e7469)); }

/* Terms summed by a small hash table (instead of sorting every word):
 * slots hold an item's position + 1. */
typedef struct acc {
    uint32_t *slots;
    size_t mask;
    terms t;
} acc;

/* The item of term, added with weight 0 when absent; NULL when out of memory. */
static term_w *acc_get(acc *a, uint64_t term) {
    if ((a->t.count + 1) * 2 > a->mask + 1 || !a->slots) {
        size_t cap = a->slots ? (a->mask + 1) * 2 : 512;
        uint32_t *slots = calloc(cap, sizeof *slots);
        if (!slots) return NULL;
        for (size_t i = 0; i < a->t.count; i++) {
            size_t j = (size_t)a->t.items[i].term & (cap - 1);
            while (slots[j]) j = (j + 1) & (cap - 1);
            slots[j] = (uint32_t)i + 1;
        }
        free(a->slots);
        a->slots = slots;
        a->mask = cap - 1;
    }
    size_t j = (size_t)term & a->mask;
    for (; a->slots[j]; j = (j + 1) & a->mask)
        if (a->t.items[a->slots[j] - 1].term == term) return &a->t.items[a->slots[j] - 1];
    if (!push_term(&a->t, term, 0)) return NULL;
    a->slots[j] = (uint32_t)a->t.count;
    return &a->t.items[a->t.count - 1];
}

/* s NULL (a worker thread, no clusterer at hand): ask the lexicon. */
static bool is_function_word(rasd_stories *s, const rasd_lexicon *lex, const char *key, size_t len) {
    if (!s) return rasd_lexicon_is_function_word(lex, key, len);
    if (s->fw_lex != lex) { /* another lexicon: forget the answers */
        memset(s->fw_cache, 0, sizeof s->fw_cache);
        s->fw_lex = lex;
    }
    uint64_t h = rasd_hash_bytes(key, len);
    uint64_t tag = (h | 2) & ~(uint64_t)1; /* bit 1 set: never an empty entry; bit 0: the answer */
    uint64_t *e = &s->fw_cache[(h >> 20) & (FW_CACHE - 1)];
    if ((*e & ~(uint64_t)1) == tag) return *e & 1;
    bool fw = rasd_lexicon_is_function_word(lex, key, len);
    *e = tag | fw;
    return fw;
}

/* Adds one raw count per content word of text[0, len) (`weight` each). */
static bool count_words(rasd_stories *s, rasd_analyzer *an, const char *text, size_t len, float weight, acc *out) {
    const rasd_lexicon *lex = rasd_analyzer_lexicon(an);
    rasd_tokenizer tz;
    rasd_token tok;
    rasd_tokenizer_init(&tz, text, len);
    while (rasd_tokenizer_next(&tz, &tok)) {
        if (tok.type != RASD_TOK_WORD && tok.type != RASD_TOK_LATIN) continue;
        rasd_word w;
        if (rasd_analyze_word(an, text, tok.start, tok.end, &w) != RASD_OK) continue;
        if (w.stem_len < MIN_STEM_BYTES) continue;
        /* the word, or what is left once its clitics are off (وفي -> في) */
        if (lex && (is_function_word(s, lex, w.base, w.base_len) ||
                    (w.base_len != w.norm_len && is_function_word(s, lex, w.norm, w.norm_len))))
            continue;
        term_w *t = acc_get(out, stem_term(w.stem, w.stem_len));
        if (!t) return false;
        t->w += weight;
    }
    return true;
}

static bool is_kb_entity(const char *id) {
    return strncmp(id, "person:", 7) != 0 && strncmp(id, "org:", 4) != 0 && strncmp(id, "unresolved:", 11) != 0;
}

/* The article's raw terms: stems with their counts, entity ids with their
 * boost (negative). s: the clusterer whose function-word cache to use, or
 * NULL. */
static rasd_status raw_terms(rasd_stories *s, rasd_analyzer *an, const rasd_story_input *in, terms *out,
                             rasd_error *err) {
    acc a = {0};
    bool ok = true;
    if (in->title) ok = count_words(s, an, in->title, strlen(in->title), TITLE_WEIGHT, &a);
    if (ok && in->text) ok = count_words(s, an, in->text, in->len, 1, &a);
    /* entities: an id listed twice counts once (stems and ids are hashed
     * with different seeds, so they do not meet); their weight is kept
     * negative, as the boost, until the idf is known */
    for (size_t i = 0; ok && i < in->n_entities; i++) {
        const char *id = in->entities[i];
        if (!id || !*id) continue;
        term_w *e = acc_get(&a, entity_term(id));
        if (!e) ok = false;
        else if (e->w == 0) e->w = (float)-(is_kb_entity(id) ? ENTITY_KB_BOOST : ENTITY_BOOST);
    }
    free(a.slots);
    if (!ok) {
        free(a.t.items);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory reading the terms of article %lld", (long long)in->id);
    }
    *out = a.t;
    return RASD_OK;
}

/* ------------------------------------------------- the document-frequency prior
 *
 * Document frequencies learned online are degenerate while a database is
 * young: among five articles every shared word looks rare or common by
 * accident. The prior stands for a background of RASD_STORIES_PRIOR_DOCS
 * articles (the corpus the lexicon's word counts come from): a stem's
 * background document frequency is estimated from its count there (the
 * sum over the word keys that share the stem), and it is added to the
 * online counts as pseudo-documents:
 *
 *     idf = ln((N + B + 1) / (df + df_B + 1)) + 1
 *
 * with N, df online and B = RASD_STORIES_PRIOR_DOCS. The prior dominates a
 * young database and weighs as much as the store's own counts once it
 * holds B articles, less after. A count c over B documents is turned into
 * a document frequency by the Poisson estimate df_B = B (1 - exp(-c / B)):
 * a rare word is in about as many documents as its count, a word in most
 * articles saturates at B. Entity ids are not in the lexicon: each is
 * taken to be in ENTITY_PRIOR_SHARE of the background's articles (a name
 * the news mentions often, but not a function word), so that their weight
 * stands to the words' as it does in a grown store, instead of falling to
 * the degenerate online idf of a young one (docs/corpus.md). */
#ifndef ENTITY_PRIOR_SHARE
#define ENTITY_PRIOR_SHARE 0.02
#endif

static bool build_prior(rasd_stories *s, rasd_analyzer *an, const rasd_lexicon *lex) {
    free(s->prior.slots);
    s->prior = (map){0};
    s->prior_lex = lex;
    const char *dir = rasd_lexicon_dir(lex);
    if (!dir || !*dir) return map_init(&s->prior, 16); /* a lexicon from memory: no background */
    size_t n = strlen(dir) + sizeof "/lexicon/ar-words.tsv";
    char *path = malloc(n);
    if (!path) return false;
    snprintf(path, n, "%s/lexicon/ar-words.tsv", dir);
    FILE *f = fopen(path, "r");
    free(path);
    if (!map_init(&s->prior, 1 << 17)) {
        if (f) fclose(f);
        return false;
    }
    if (!f) return true; /* no counts: no background */
    /* The lexicon already parsed and checked this file when it loaded; a
     * line that does not read as key TAB count is skipped here. */
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    bool ok = true;
    while (ok && (got = getline(&line, &cap, f)) > 0) {
        if (line[0] == '#') continue;
        char *tab = memchr(line, '\t', (size_t)got);
        if (!tab || tab == line) continue;
        unsigned long c = strtoul(tab + 1, NULL, 10);
        rasd_word w;
        if (c == 0 || rasd_analyze_word(an, line, 0, (size_t)(tab - line), &w) != RASD_OK) continue;
        if (w.stem_len < MIN_STEM_BYTES) continue;
        map_slot *slot = stories_map_get(&s->prior, stem_term(w.stem, w.stem_len));
        if (!slot) ok = false;
        else slot->value = c > UINT32_MAX - slot->value ? UINT32_MAX : slot->value + (uint32_t)c;
    }
    free(line);
    fclose(f);
    return ok;
}

static double background_df(const rasd_stories *s, uint64_t term) {
    if (!s->prior.slots) return 0;
    const map_slot *slot = map_find(&s->prior, term);
    if (!slot->key) return 0;
    const double b = RASD_STORIES_PRIOR_DOCS;
    return b * -expm1(-(double)slot->value / b);
}

/* The article's vector from its raw terms (taken over): at most DOC_TERMS
 * terms, by weight (heaviest first), length 1. Learns the document
 * frequencies of its terms afterwards. */
static rasd_status doc_vector(rasd_stories *s, rasd_analyzer *an, const rasd_story_input *in, terms raw, terms *v,
                              rasd_error *err) {
    bool ok = true;
    const rasd_lexicon *lex = an ? rasd_analyzer_lexicon(an) : NULL;
    if (s->use_prior && lex && lex != s->prior_lex && !build_prior(s, an, lex)) ok = false;
    bool prior = s->use_prior && s->prior.slots && s->prior.used;
    double b = prior ? RASD_STORIES_PRIOR_DOCS : 0;
    /* weights from the document frequencies as they were before this
     * article, which then counts in them (one look-up per term for both) */
    for (size_t i = 0; ok && i < raw.count; i++) {
        map_slot *slot = stories_map_get(&s->df, raw.items[i].term);
        if (!slot) {
            ok = false;
            break;
        }
        float w = raw.items[i].w;
        double df_b = !prior ? 0 : w < 0 ? ENTITY_PRIOR_SHARE * b : background_df(s, raw.items[i].term);
        double idf = log(((double)s->n_docs + b + 1) / ((double)slot->value + df_b + 1)) + 1;
        raw.items[i].w = (float)(w < 0 ? -w * idf : (1 + log(w)) * idf);
        if (slot->value < UINT32_MAX) slot->value++;
    }
    if (!ok) {
        free(raw.items);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory reading the terms of article %lld", (long long)in->id);
    }
    if (s->n_docs < MAX_DOCS) s->n_docs++;
    raw.count = heaviest(raw.items, raw.count, DOC_TERMS);
    double norm = 0;
    for (size_t i = 0; i < raw.count; i++) norm += (double)raw.items[i].w * raw.items[i].w;
    norm = sqrt(norm);
    for (size_t i = 0; i < raw.count && norm > 0; i++) raw.items[i].w = (float)(raw.items[i].w / norm);
    *v = raw;
    return RASD_OK;
}

/* -------------------------------------------------------------- stories */

/* dot(doc, story centroid) / |centroid|; doc sorted by term, length 1. */
static double cosine(const term_w *doc, size_t n, const story *st) {
    if (st->norm <= 0) return 0;
    double dot = 0;
    size_t i = 0, j = 0;
    while (i < n && j < st->n_terms) {
        if (doc[i].term < st->terms[j].term) i++;
        else if (doc[i].term > st->terms[j].term) j++;
        else dot += (double)doc[i++].w * st->terms[j++].w;
    }
    return dot / st->norm;
}

static bool in_window(const rasd_stories *s, const story *st, int32_t day) {
    return (int64_t)day >= (int64_t)st->first_day - s->window && (int64_t)day <= (int64_t)st->last_day + s->window;
}

/* Lists story k under its POST_TERMS heaviest centroid terms (those it
 * was not listed under yet are added to their lists; the entries under
 * terms no longer among them go stale, see is_posted). */
bool stories_post(rasd_stories *s, uint32_t k) {
    story *st = &s->stories[k];
    term_w top[CENTROID_TERMS];
    size_t n = st->n_terms;
    memcpy(top, st->terms, n * sizeof *top);
    n = n ? heaviest(top, n, POST_TERMS) : 0;
    for (size_t i = 0; i < n; i++) {
        bool listed = false;
        for (uint32_t p = 0; p < st->n_posted && !listed; p++) listed = st->posted[p] == top[i].term;
        if (listed) continue;
        map_slot *slot = stories_map_get(&s->index, top[i].term);
        if (!slot) return false;
        if (slot->value == 0) { /* a new list; list positions are stored + 1 */
            if (s->n_lists == s->cap_lists && !rasd_grow((void **)&s->lists, &s->cap_lists, s->n_lists, sizeof *s->lists))
                return false;
            s->lists[s->n_lists] = (list){0};
            slot->value = (uint32_t)++s->n_lists;
        }
        list *l = &s->lists[slot->value - 1];
        if (l->count == l->cap && !rasd_grow((void **)&l->items, &l->cap, l->count, sizeof *l->items)) return false;
        l->items[l->count++] = k;
    }
    for (size_t i = 0; i < n; i++) st->posted[i] = top[i].term;
    st->n_posted = (uint32_t)n;
    return true;
}

static bool is_posted(const story *st, uint64_t term) {
    for (uint32_t p = 0; p < st->n_posted; p++)
        if (st->posted[p] == term) return true;
    return false;
}

/* Adds the document vector (sorted by term) to story k's centroid and cuts
 * it back to CENTROID_TERMS terms. */
static bool add_to_centroid(story *st, const term_w *doc, size_t n) {
    term_w *sum = malloc((st->n_terms + n + 1) * sizeof *sum);
    if (!sum) return false;
    size_t i = 0, j = 0, m = 0;
    while (i < n || j < st->n_terms) {
        if (j == st->n_terms || (i < n && doc[i].term < st->terms[j].term)) sum[m++] = doc[i++];
        else if (i == n || st->terms[j].term < doc[i].term) sum[m++] = st->terms[j++];
        else sum[m++] = (term_w){doc[i].term, doc[i].w + st->terms[j].w}, i++, j++;
    }
    if (m > CENTROID_TERMS) {
        top_k(sum, m, CENTROID_TERMS);
        m = CENTROID_TERMS;
        qsort(sum, m, sizeof *sum, by_term);
    }
    /* as many as it holds, not CENTROID_TERMS: most stories are one or two
     * articles of DOC_TERMS terms, and the stories are most of what a
     * settle keeps in memory */
    term_w *kept = realloc(st->terms, (m ? m : 1) * sizeof *kept);
    if (!kept) {
        free(sum);
        return false;
    }
    memcpy(kept, sum, m * sizeof *kept);
    free(sum);
    st->terms = kept;
    st->n_terms = (uint32_t)m;
    double norm = 0;
    for (size_t k = 0; k < m; k++) norm += (double)kept[k].w * kept[k].w;
    st->norm = sqrt(norm);
    return true;
}

/* The most similar story in the window among those listed under the
 * article's heaviest terms; -1 when none. */
static long best_story(rasd_stories *s, const terms *by_weight, const term_w *doc, size_t n, int32_t day,
                       double *similarity) {
    long best = -1;
    double best_sim = 0;
    if (++s->stamp == 0) {
        for (size_t i = 0; i < s->n_stories; i++) s->stories[i].stamp = 0;
        s->stamp = 1;
    }
    size_t q = by_weight->count < QUERY_TERMS ? by_weight->count : QUERY_TERMS;
    for (size_t t = 0; t < q; t++) {
        uint64_t term = by_weight->items[t].term;
        const map_slot *slot = map_find(&s->index, term);
        if (!slot->key) continue;
        list *l = &s->lists[slot->value - 1];
        if (++s->scan == 0) {
            for (size_t i = 0; i < s->n_stories; i++) s->stories[i].scan = 0;
            s->scan = 1;
        }
        size_t keep = 0;
        for (size_t i = 0; i < l->count; i++) {
            story *st = &s->stories[l->items[i]];
            if ((int64_t)st->last_day + s->window + RETIRE_DAYS < (int64_t)s->max_day) continue; /* retired */
            /* stale (the term left the story's heaviest) or listed twice
             * (it left and came back) */
            if (st->scan == s->scan || !is_posted(st, term)) continue;
            st->scan = s->scan;
            l->items[keep++] = l->items[i];
            if (st->stamp == s->stamp || !in_window(s, st, day)) continue;
            st->stamp = s->stamp;
            double sim = cosine(doc, n, st);
            if (sim > best_sim || (sim == best_sim && best >= 0 && st->id < s->stories[best].id)) {
                best_sim = sim;
                best = (long)l->items[i];
            }
        }
        l->count = keep;
    }
    *similarity = best_sim;
    return best;
}

rasd_status rasd_story_terms_new(rasd_analyzer *an, const rasd_story_input *in, rasd_story_terms **out,
                                 rasd_error *err) {
    if (out) *out = NULL;
    if (!an || !in || !out || (!in->text && in->len) || (!in->entities && in->n_entities))
        return rasd_fail(err, RASD_ERR_USAGE, "rasd_story_terms_new: missing analyzer, input or output");
    rasd_story_terms *t = calloc(1, sizeof *t);
    if (!t) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory reading the terms of article %lld", (long long)in->id);
    terms raw = {0};
    rasd_status st = raw_terms(NULL, an, in, &raw, err);
    if (st != RASD_OK) {
        free(t);
        return st;
    }
    t->items = raw.items;
    t->count = raw.count;
    *out = t;
    return RASD_OK;
}

void rasd_story_terms_free(rasd_story_terms *t) {
    if (!t) return;
    free(t->items);
    free(t);
}

static rasd_status assign(rasd_stories *s, rasd_analyzer *an, const rasd_story_input *in, terms raw,
                          rasd_story_assignment *out, rasd_error *err);

rasd_status rasd_stories_add(rasd_stories *s, rasd_analyzer *an, const rasd_story_input *in,
                             rasd_story_assignment *out, rasd_error *err) {
    if (!s || !an || !in || !out || (!in->text && in->len) || (!in->entities && in->n_entities))
        return rasd_fail(err, RASD_ERR_USAGE, "rasd_stories_add: missing clusterer, analyzer, input or output");
    if (in->published && !rasd_valid_date(in->published))
        return rasd_fail(err, RASD_ERR_USAGE, "article %lld: publication date \"%.40s\" is not YYYY-MM-DD",
                         (long long)in->id, in->published);
    terms raw = {0};
    rasd_status st = raw_terms(s, an, in, &raw, err);
    if (st != RASD_OK) return st;
    return assign(s, an, in, raw, out, err);
}

rasd_status rasd_stories_assign(rasd_stories *s, rasd_analyzer *an, const rasd_story_input *in,
                                const rasd_story_terms *t, rasd_story_assignment *out, rasd_error *err) {
    if (!s || !in || !t || !out)
        return rasd_fail(err, RASD_ERR_USAGE, "rasd_stories_assign: missing clusterer, input, terms or output");
    terms raw = {0};
    if (t->count) {
        if (!(raw.items = malloc(t->count * sizeof *raw.items)))
            return rasd_fail(err, RASD_ERR_NOMEM, "out of memory clustering article %lld", (long long)in->id);
        memcpy(raw.items, t->items, t->count * sizeof *raw.items);
        raw.count = raw.cap = t->count;
    }
    return assign(s, an, in, raw, out, err);
}

/* Takes raw. */
static rasd_status assign(rasd_stories *s, rasd_analyzer *an, const rasd_story_input *in, terms raw,
                          rasd_story_assignment *out, rasd_error *err) {
    int32_t day;
    if (in->published) {
        long days;
        if (!rasd_date_parse(in->published, &days)) {
            free(raw.items);
            return rasd_fail(err, RASD_ERR_USAGE, "article %lld: publication date \"%.40s\" is not YYYY-MM-DD",
                             (long long)in->id, in->published);
        }
        day = (int32_t)days;
    } else {
        day = today();
    }
    terms v = {0};
    rasd_status st = doc_vector(s, an, in, raw, &v, err);
    if (st != RASD_OK) return st;
    /* only dated articles move the clock that retires stories: an undated
     * one (dated today) in an old archive must not retire all of it */
    if (in->published && day > s->max_day) s->max_day = day;
    /* v is heaviest first (for the query); a copy sorted by term for the cosines */
    term_w *doc = malloc((v.count ? v.count : 1) * sizeof *doc);
    if (!doc) {
        free(v.items);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory clustering article %lld", (long long)in->id);
    }
    if (v.count) {
        memcpy(doc, v.items, v.count * sizeof *doc);
        qsort(doc, v.count, sizeof *doc, by_term);
    }
    double sim = 0;
    long k = best_story(s, &v, doc, v.count, day, &sim);
    bool ok = true;
    if (k >= 0 && sim >= s->threshold) {
        story *t = &s->stories[k];
        ok = add_to_centroid(t, doc, v.count);
        if (day < t->first_day) t->first_day = day;
        if (day > t->last_day) t->last_day = day;
        t->n_articles++;
        ok = ok && stories_post(s, (uint32_t)k);
        *out = (rasd_story_assignment){t->id, false, sim};
    } else {
        if (s->n_stories == s->cap_stories &&
            !rasd_grow((void **)&s->stories, &s->cap_stories, s->n_stories, sizeof *s->stories)) {
            ok = false;
        } else {
            k = (long)s->n_stories++;
            story *t = &s->stories[k];
            *t = (story){.id = in->id, .first_day = day, .last_day = day, .n_articles = 1};
            ok = add_to_centroid(t, doc, v.count) && stories_post(s, (uint32_t)k);
            *out = (rasd_story_assignment){in->id, true, 1.0};
        }
    }
    free(doc);
    free(v.items);
    if (!ok) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory clustering article %lld", (long long)in->id);
    return RASD_OK;
}
