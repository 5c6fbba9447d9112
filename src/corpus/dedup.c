/*
 * dedup.c: exact and near-duplicate articles (fingerprints and the LSH
 * index over them) and repeated paragraphs within an article.
 *
 * Every comparison works on the article's normalized word keys (the
 * analyzer's key of each word, the normalized form of each number), so
 * diacritics, tatweel, alef and yeh variants, punctuation and spacing never
 * hide a copy. Parameters and the measurements behind them are in
 * docs/corpus.md:
 *   - exact: XXH3-128 over the keys, each ended by a NUL byte;
 *   - near: MinHash over shingles of SHINGLE_K consecutive keys. Each
 *     shingle is hashed once to 64 bits and the 128 "permutations" are
 *     multiply-shift hashes of that value (a_i * h + b_i, top 32 bits, a_i
 *     odd): 2-universal, one multiply each, instead of 128 full hashes;
 *   - LSH: LSH_BANDS bands of LSH_ROWS rows; an article that shares a band
 *     with an earlier one is a candidate, and a candidate is a near
 *     duplicate only when its estimated Jaccard similarity (the share of
 *     equal minima) reaches the threshold.
 * Hand-written because no packaged C library does MinHash/LSH; the hashing
 * itself is xxHash's.
 */
#include "corpus/dedup.h"

#include "core/internal.h"

#include <stdlib.h>
#include <string.h>

#ifndef SHINGLE_K
#define SHINGLE_K 5
#endif
#ifndef LSH_BANDS
#define LSH_BANDS 32
#endif
#ifndef LSH_ROWS
#define LSH_ROWS 4
#endif
/* Candidates verified per look-up at most: a bucket shared by thousands of
 * articles (a stock sentence as the whole text) must not make one look-up
 * quadratic. Far above what the corpus needs (docs/corpus.md). */
#define MAX_CANDIDATES 2000
/* A paragraph shorter than this is a dateline, a caption or a byline. */
#define PARAGRAPH_MIN_WORDS 8
/* Repeated paragraphs compare shingles of this many words. */
#define PARAGRAPH_K 3
/* ... and need at least this many shared shingles to be a restatement. */
#ifndef PARAGRAPH_MIN_SHARED
#define PARAGRAPH_MIN_SHARED 12
#endif
#ifndef PARAGRAPH_NEAR
#define PARAGRAPH_NEAR RASD_PARAGRAPH_NEAR
#endif
/* All-pairs comparison of paragraphs stops here (a normal article has
 * tens); exact repeats are still found among all of them. */
#define PARAGRAPH_MAX_NEAR 1000

/* (The #ifndef guards let bench variants be built with other values for
 * the measurements in docs/corpus.md; the library uses the values here.) */
_Static_assert(LSH_BANDS * LSH_ROWS <= RASD_MINHASH_SIZE, "bands x rows must fit the signature");

/* ------------------------------------------------------------ word keys */

/* The words of a text as 64-bit hashes of their keys, in order. */
typedef struct word_hashes {
    uint64_t *items;
    size_t count, cap;
} word_hashes;

static bool push_hash(word_hashes *w, uint64_t h) {
    if (w->count == w->cap && !rasd_grow((void **)&w->items, &w->cap, w->count, sizeof *w->items)) return false;
    w->items[w->count++] = h;
    return true;
}

/* Calls back with each word's key in text[start, end). */
typedef bool (*key_fn)(void *ctx, const char *key, size_t len);

static bool each_key(rasd_analyzer *an, const char *text, size_t start, size_t end, key_fn fn, void *ctx) {
    rasd_tokenizer tz;
    rasd_token tok;
    char num[128];
    rasd_tokenizer_init(&tz, text + start, end - start);
    while (rasd_tokenizer_next(&tz, &tok)) {
        if (tok.type == RASD_TOK_WORD || tok.type == RASD_TOK_LATIN) {
            rasd_word w;
            if (rasd_analyze_word(an, text + start, tok.start, tok.end, &w) != RASD_OK) continue;
            if (w.norm_len && !fn(ctx, w.norm, w.norm_len)) return false;
        } else if (tok.type == RASD_TOK_NUMBER) {
            size_t n = rasd_normalize(text + start + tok.start, tok.end - tok.start, num, sizeof num);
            if (n >= sizeof num) n = sizeof num - 1;
            if (n && !fn(ctx, num, n)) return false;
        }
    }
    return true;
}

typedef struct exact_ctx {
    XXH3_state_t state;
    word_hashes words;
    bool oom;
} exact_ctx;

static bool on_article_key(void *ctx, const char *key, size_t len) {
    exact_ctx *c = ctx;
    static const char end = '\0';
    XXH3_128bits_update(&c->state, key, len);
    XXH3_128bits_update(&c->state, &end, 1);
    if (!push_hash(&c->words, rasd_hash_bytes(key, len))) {
        c->oom = true;
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------- MinHash */

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* The 128 hash functions: fixed seeds, so fingerprints stay comparable
 * across runs and across the stored index. Computed per call (256
 * splitmix steps, far cheaper than the shingles). */
static void minhash_params(uint64_t a[RASD_MINHASH_SIZE], uint64_t b[RASD_MINHASH_SIZE]) {
    uint64_t x = 0x72617364u; /* "rasd" */
    for (int i = 0; i < RASD_MINHASH_SIZE; i++) {
        a[i] = splitmix64(&x) | 1;
        b[i] = splitmix64(&x);
    }
}

static void minhash_add(uint32_t mins[RASD_MINHASH_SIZE], const uint64_t *a, const uint64_t *b, uint64_t h) {
    for (int i = 0; i < RASD_MINHASH_SIZE; i++) {
        uint32_t v = (uint32_t)((a[i] * h + b[i]) >> 32);
        if (v < mins[i]) mins[i] = v;
    }
}

/* The hash of the shingle words[0, k). */
static uint64_t shingle_hash(const uint64_t *words, size_t k) { return XXH3_64bits(words, k * sizeof *words); }

rasd_status rasd_fingerprint_text(rasd_analyzer *an, const char *text, size_t len, rasd_fingerprint *fp,
                                  rasd_error *err) {
    if (!an || !fp || (!text && len)) return rasd_fail(err, RASD_ERR_USAGE, "rasd_fingerprint_text: no analyzer, text or output");
    exact_ctx c = {0};
    XXH3_128bits_reset(&c.state);
    if (len) each_key(an, text, 0, len, on_article_key, &c);
    if (c.oom) {
        free(c.words.items);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory fingerprinting a text of %zu bytes", len);
    }
    XXH128_canonical_t canon;
    XXH128_canonicalFromHash(&canon, XXH3_128bits_digest(&c.state));
    memcpy(fp->exact, canon.digest, sizeof fp->exact);
    fp->n_words = c.words.count > UINT32_MAX ? UINT32_MAX : (uint32_t)c.words.count;
    for (int i = 0; i < RASD_MINHASH_SIZE; i++) fp->minhash[i] = UINT32_MAX;
    if (c.words.count) {
        uint64_t a[RASD_MINHASH_SIZE], b[RASD_MINHASH_SIZE];
        minhash_params(a, b);
        /* fewer words than a shingle: the whole text is the one shingle */
        size_t k = c.words.count < SHINGLE_K ? c.words.count : SHINGLE_K;
        for (size_t i = 0; i + k <= c.words.count; i++)
            minhash_add(fp->minhash, a, b, shingle_hash(c.words.items + i, k));
    }
    free(c.words.items);
    return RASD_OK;
}

double rasd_fingerprint_similarity(const rasd_fingerprint *x, const rasd_fingerprint *y) {
    if (!x->n_words || !y->n_words) return 0;
    int same = 0;
    for (int i = 0; i < RASD_MINHASH_SIZE; i++) same += x->minhash[i] == y->minhash[i];
    return (double)same / RASD_MINHASH_SIZE;
}

/* ------------------------------------------------------------- the index */

/* Open addressing from a 64-bit key to a 32-bit value (an article for the
 * exact table, the newest posting of a band bucket for LSH). Key 0 marks
 * an empty slot, so keys are forced non-zero. */
typedef struct slot {
    uint64_t key;
    uint32_t value;
} slot;

typedef struct table {
    slot *slots;
    size_t mask, used;
} table;

static uint64_t nonzero(uint64_t k) { return k ? k : 1; }

static slot *table_find(table *t, uint64_t key) {
    size_t i = (size_t)key & t->mask;
    while (t->slots[i].key && t->slots[i].key != key) i = (i + 1) & t->mask;
    return &t->slots[i];
}

static bool table_init(table *t, size_t cap) {
    t->slots = calloc(cap, sizeof *t->slots);
    t->mask = cap - 1;
    t->used = 0;
    return t->slots != NULL;
}

/* Makes room for one more key (load at most 1/2). */
static bool table_reserve(table *t) {
    if ((t->used + 1) * 2 <= t->mask + 1) return true;
    table bigger;
    if (!table_init(&bigger, (t->mask + 1) * 2)) return false;
    for (size_t i = 0; i <= t->mask; i++)
        if (t->slots[i].key) *table_find(&bigger, t->slots[i].key) = t->slots[i];
    bigger.used = t->used;
    free(t->slots);
    *t = bigger;
    return true;
}

typedef struct posting {
    uint32_t article, next; /* next: older posting in the bucket, or NONE */
} posting;

#define NONE UINT32_MAX

typedef struct article_entry {
    int64_t id;
    rasd_fingerprint fp;
    uint32_t seen; /* look-up stamp, so a candidate is verified once */
} article_entry;

struct rasd_dedup {
    double threshold;
    int min_same; /* equal minima needed: ceil(threshold * 128) */
    article_entry *articles;
    size_t n, cap;
    table exact;
    table bands;
    posting *postings;
    size_t n_postings, cap_postings;
    uint32_t stamp;
    rasd_dedup_stats stats;
};

rasd_dedup *rasd_dedup_new(const rasd_dedup_options *opt, rasd_error *err) {
    double threshold = opt && opt->threshold > 0 ? opt->threshold : RASD_DEDUP_DEFAULT_THRESHOLD;
    if (threshold > 1) {
        rasd_fail(err, RASD_ERR_USAGE, "near-duplicate threshold %g is not in (0, 1]", threshold);
        return NULL;
    }
    rasd_dedup *d = calloc(1, sizeof *d);
    if (!d || !table_init(&d->exact, 1024) || !table_init(&d->bands, 4096)) {
        rasd_dedup_destroy(d);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory creating the duplicate index");
        return NULL;
    }
    d->threshold = threshold;
    d->min_same = (int)(threshold * RASD_MINHASH_SIZE + 0.999999);
    return d;
}

void rasd_dedup_destroy(rasd_dedup *d) {
    if (!d) return;
    free(d->articles);
    free(d->exact.slots);
    free(d->bands.slots);
    free(d->postings);
    free(d);
}

void rasd_dedup_get_stats(const rasd_dedup *d, rasd_dedup_stats *stats) { *stats = d->stats; }

static uint64_t exact_key(const rasd_fingerprint *fp) {
    uint64_t k;
    memcpy(&k, fp->exact, sizeof k);
    return nonzero(k);
}

static uint64_t band_key(const rasd_fingerprint *fp, int band) {
    return nonzero(XXH3_64bits_withSeed(fp->minhash + band * LSH_ROWS, LSH_ROWS * sizeof(uint32_t), (uint64_t)band));
}

/* The earliest article with the same exact hash, or NONE. Collisions of
 * the first 64 bits are resolved by probing on with the full 128. */
static uint32_t find_exact(rasd_dedup *d, const rasd_fingerprint *fp) {
    uint64_t key = exact_key(fp);
    size_t i = (size_t)key & d->exact.mask;
    for (; d->exact.slots[i].key; i = (i + 1) & d->exact.mask) {
        const slot *s = &d->exact.slots[i];
        if (s->key == key && memcmp(d->articles[s->value].fp.exact, fp->exact, sizeof fp->exact) == 0) return s->value;
    }
    return NONE;
}

static bool add_exact(rasd_dedup *d, uint32_t article) {
    if (!table_reserve(&d->exact)) return false;
    uint64_t key = exact_key(&d->articles[article].fp);
    size_t i = (size_t)key & d->exact.mask;
    while (d->exact.slots[i].key) i = (i + 1) & d->exact.mask; /* after any 64-bit twin */
    d->exact.slots[i] = (slot){key, article};
    d->exact.used++;
    return true;
}

static bool add_bands(rasd_dedup *d, uint32_t article) {
    for (int b = 0; b < LSH_BANDS; b++) {
        if (!table_reserve(&d->bands)) return false;
        if (d->n_postings == d->cap_postings &&
            !rasd_grow((void **)&d->postings, &d->cap_postings, d->n_postings, sizeof *d->postings))
            return false;
        slot *s = table_find(&d->bands, band_key(&d->articles[article].fp, b));
        if (!s->key) {
            s->key = band_key(&d->articles[article].fp, b);
            s->value = NONE;
            d->bands.used++;
        }
        d->postings[d->n_postings] = (posting){article, s->value};
        s->value = (uint32_t)d->n_postings++;
    }
    return true;
}

/* The earliest earlier article whose signature agrees with fp's on at least
 * min_same minima, among those sharing a band with it. */
static uint32_t find_near(rasd_dedup *d, const rasd_fingerprint *fp, double *similarity) {
    uint32_t best = NONE;
    int best_same = 0;
    size_t verified = 0;
    if (++d->stamp == 0) { /* wrapped: clear the stamps once every 2^32 look-ups */
        for (size_t i = 0; i < d->n; i++) d->articles[i].seen = 0;
        d->stamp = 1;
    }
    for (int b = 0; b < LSH_BANDS && verified < MAX_CANDIDATES; b++) {
        const slot *s = table_find(&d->bands, band_key(fp, b));
        if (!s->key) continue;
        for (uint32_t p = s->value; p != NONE && verified < MAX_CANDIDATES; p = d->postings[p].next) {
            article_entry *e = &d->articles[d->postings[p].article];
            if (e->seen == d->stamp) continue;
            e->seen = d->stamp;
            verified++;
            int same = 0;
            for (int i = 0; i < RASD_MINHASH_SIZE; i++) same += e->fp.minhash[i] == fp->minhash[i];
            if (same >= d->min_same && (best == NONE || d->postings[p].article < best)) {
                best = d->postings[p].article;
                best_same = same;
            }
        }
    }
    d->stats.candidates += verified;
    *similarity = (double)best_same / RASD_MINHASH_SIZE;
    return best;
}

rasd_status rasd_dedup_add(rasd_dedup *d, int64_t id, const rasd_fingerprint *fp, rasd_dup_match *match) {
    rasd_dup_match none = {RASD_DUP_NONE, 0, 0};
    if (match) *match = none;
    if (!d || !fp) return RASD_ERR_USAGE;
    if (d->n >= NONE - 1) return RASD_ERR_TOO_LARGE;
    if (!fp->n_words) { /* no words: nothing to compare, and nothing to keep */
        d->stats.articles++;
        return RASD_OK;
    }
    rasd_dup_match m = none;
    uint32_t orig = find_exact(d, fp);
    if (orig != NONE) {
        m = (rasd_dup_match){RASD_DUP_EXACT, d->articles[orig].id, 1.0};
        d->stats.exact++;
    } else {
        double sim = 0;
        orig = find_near(d, fp, &sim);
        if (orig != NONE) {
            m = (rasd_dup_match){RASD_DUP_NEAR, d->articles[orig].id, sim};
            d->stats.near++;
        }
    }
    if (match) *match = m;
    d->stats.articles++;
    /* An exact copy adds nothing its original does not already index. */
    if (m.kind == RASD_DUP_EXACT) return RASD_OK;
    if (d->n == d->cap && !rasd_grow((void **)&d->articles, &d->cap, d->n, sizeof *d->articles)) return RASD_ERR_NOMEM;
    uint32_t self = (uint32_t)d->n;
    d->articles[self] = (article_entry){.id = id, .fp = *fp, .seen = 0};
    d->n++;
    if (!add_exact(d, self) || !add_bands(d, self)) return RASD_ERR_NOMEM;
    return RASD_OK;
}

/* ---------------------------------------------------- repeated paragraphs */

typedef struct hash_ctx {
    word_hashes *words;
    bool oom;
} hash_ctx;

static bool on_paragraph_key(void *ctx, const char *key, size_t len) {
    hash_ctx *c = ctx;
    if (!push_hash(c->words, rasd_hash_bytes(key, len))) {
        c->oom = true;
        return false;
    }
    return true;
}

/* The key of a list of word hashes (0 when too short). */
static uint64_t words_key(const uint64_t *w, size_t n) {
    if (n < PARAGRAPH_MIN_WORDS) return 0;
    return nonzero(XXH3_64bits(w, n * sizeof *w));
}

uint64_t rasd_paragraph_key(rasd_analyzer *an, const char *text, size_t start, size_t end) {
    if (!an || !text || end <= start) return 0;
    word_hashes w = {0};
    hash_ctx c = {&w, false};
    each_key(an, text, start, end, on_paragraph_key, &c);
    uint64_t key = c.oom ? 0 : words_key(w.items, w.count);
    free(w.items);
    return key;
}

typedef struct para_info {
    uint64_t key;
    uint64_t *shingles; /* sorted, distinct */
    size_t n_shingles;
} para_info;

static int cmp_u64(const void *x, const void *y) {
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

static size_t shared_count(const uint64_t *a, size_t na, const uint64_t *b, size_t nb) {
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) i++;
        else if (a[i] > b[j]) j++;
        else n++, i++, j++;
    }
    return n;
}

static int cmp_pair(const void *x, const void *y) {
    const rasd_paragraph_pair *a = x, *b = y;
    if (a->a != b->a) return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

static bool push_pair(rasd_paragraph_pair **pairs, size_t *n, size_t *cap, rasd_paragraph_pair p) {
    if (*n == *cap && !rasd_grow((void **)pairs, cap, *n, sizeof **pairs)) return false;
    (*pairs)[(*n)++] = p;
    return true;
}

rasd_status rasd_repeated_paragraphs(rasd_analyzer *an, const char *text, const rasd_span_list *paragraphs,
                                     rasd_paragraph_pair **pairs, size_t *n_pairs, rasd_error *err) {
    if (!pairs || !n_pairs) return rasd_fail(err, RASD_ERR_USAGE, "rasd_repeated_paragraphs: no output");
    *pairs = NULL;
    *n_pairs = 0;
    if (!an || !text || !paragraphs) return rasd_fail(err, RASD_ERR_USAGE, "rasd_repeated_paragraphs: no analyzer, text or paragraphs");
    size_t n = paragraphs->count, cap = 0;
    para_info *info = calloc(n ? n : 1, sizeof *info);
    word_hashes w = {0};
    rasd_status st = info ? RASD_OK : RASD_ERR_NOMEM;
    for (size_t p = 0; p < n && st == RASD_OK; p++) {
        w.count = 0;
        hash_ctx c = {&w, false};
        each_key(an, text, paragraphs->items[p].start, paragraphs->items[p].end, on_paragraph_key, &c);
        if (c.oom) {
            st = RASD_ERR_NOMEM;
            break;
        }
        info[p].key = words_key(w.items, w.count);
        if (!info[p].key || p >= PARAGRAPH_MAX_NEAR) continue;
        size_t ns = w.count - PARAGRAPH_K + 1;
        info[p].shingles = malloc(ns * sizeof *info[p].shingles);
        if (!info[p].shingles) {
            st = RASD_ERR_NOMEM;
            break;
        }
        for (size_t i = 0; i < ns; i++) info[p].shingles[i] = shingle_hash(w.items + i, PARAGRAPH_K);
        qsort(info[p].shingles, ns, sizeof *info[p].shingles, cmp_u64);
        size_t u = 0;
        for (size_t i = 0; i < ns; i++)
            if (!u || info[p].shingles[u - 1] != info[p].shingles[i]) info[p].shingles[u++] = info[p].shingles[i];
        info[p].n_shingles = u;
    }
    free(w.items);
    /* Exact repeats among all paragraphs: sort (key, index) and pair each
     * paragraph with the first of its run. */
    if (st == RASD_OK && n) {
        uint64_t(*order)[2] = malloc(n * sizeof *order);
        size_t m = 0;
        if (!order) st = RASD_ERR_NOMEM;
        for (size_t p = 0; order && p < n; p++)
            if (info[p].key) order[m][0] = info[p].key, order[m][1] = p, m++;
        if (order) qsort(order, m, sizeof *order, cmp_u64); /* stable enough: ties broken below */
        for (size_t i = 0; order && i < m && st == RASD_OK;) {
            size_t j = i, first = (size_t)order[i][1];
            while (j < m && order[j][0] == order[i][0]) {
                if ((size_t)order[j][1] < first) first = (size_t)order[j][1];
                j++;
            }
            for (size_t x = i; x < j && st == RASD_OK; x++) {
                size_t p = (size_t)order[x][1];
                if (p != first && !push_pair(pairs, n_pairs, &cap, (rasd_paragraph_pair){first, p, true, 1.0}))
                    st = RASD_ERR_NOMEM;
            }
            i = j;
        }
        free(order);
    }
    /* Near repeats: paragraphs that share a passage. */
    size_t lim = n < PARAGRAPH_MAX_NEAR ? n : PARAGRAPH_MAX_NEAR;
    for (size_t a = 0; a < lim && st == RASD_OK; a++) {
        if (!info[a].n_shingles) continue;
        for (size_t b = a + 1; b < lim && st == RASD_OK; b++) {
            if (!info[b].n_shingles || info[a].key == info[b].key) continue;
            size_t shared = shared_count(info[a].shingles, info[a].n_shingles, info[b].shingles, info[b].n_shingles);
            size_t smaller = info[a].n_shingles < info[b].n_shingles ? info[a].n_shingles : info[b].n_shingles;
            double sim = (double)shared / (double)smaller;
            if (shared >= PARAGRAPH_MIN_SHARED && sim >= PARAGRAPH_NEAR &&
                !push_pair(pairs, n_pairs, &cap, (rasd_paragraph_pair){a, b, false, sim}))
                st = RASD_ERR_NOMEM;
        }
    }
    for (size_t p = 0; info && p < n; p++) free(info[p].shingles);
    free(info);
    if (st == RASD_OK && *n_pairs > 1) qsort(*pairs, *n_pairs, sizeof **pairs, cmp_pair);
    if (st != RASD_OK) {
        free(*pairs);
        *pairs = NULL;
        *n_pairs = 0;
        return rasd_fail(err, st, "out of memory comparing the %zu paragraphs of a text", n);
    }
    return RASD_OK;
}
