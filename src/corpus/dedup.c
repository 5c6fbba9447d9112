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
#ifdef __linux__
#define _GNU_SOURCE /* mremap */
#endif
#include "corpus/dedup.h"

#include "core/internal.h"

#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif
#if defined(__linux__) && defined(MREMAP_MAYMOVE)
#define RASD_DEDUP_MREMAP 1
#else
#define RASD_DEDUP_MREMAP 0
#endif

/* (The #ifndef guards let bench variants be built with other values for
 * the measurements in docs/corpus.md; the library uses the values here.) */
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
/* A shingle found in more paragraphs than this is a stock phrase: it counts
 * for no pair (and keeps the pair counting linear in the text). */
#define PARAGRAPH_MAX_RUN 32

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

/* Open addressing from a 64-bit key to a 32-bit value (the count of a
 * pair of paragraphs). Key 0 marks an empty slot, so keys are forced
 * non-zero. */
typedef struct slot {
    uint64_t key;
    uint32_t value;
} slot;

typedef struct table {
    slot *slots;
    size_t mask, used;
} table;

static uint64_t nonzero(uint64_t k) { return k ? k : 1; }

/* Where key's probe starts: Fibonacci hashing, as some keys (paragraph
 * pairs) are not hashes themselves. */
static size_t table_start(const table *t, uint64_t key) {
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 29) & t->mask;
}

static slot *table_find(table *t, uint64_t key) {
    size_t i = table_start(t, key);
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

/* The index keeps in memory only what finding candidates takes: about 320
 * bytes an article, where it kept 2.5 kB (the signature, and band buckets
 * in a doubling table), which made an ingest's peak memory grow with the
 * corpus (docs/corpus.md):
 *   - each article's id, exact hash and look-up stamp;
 *   - the exact table: open addressing over article numbers, the key read
 *     from the article;
 *   - the band postings: per band of each article one 64-bit word, the
 *     band key's low 32 bits (its tag) above the article's number. Most
 *     are in one array sorted by value and found through a directory of
 *     the tags' top bits; the newest in a small open-addressing table that
 *     is sorted and merged into the array when half full. The array grows
 *     in place (mremap on Linux), never held twice as a doubling table is.
 * The signatures (512 bytes an article) stay with the caller (the store's
 * fingerprints) and are read back through opt->fetch to verify a
 * candidate, the latest few hundred kept at hand (a copy mostly comes
 * soon after its original). Two bands that share a tag by chance are told
 * from a shared band there, by the band's rows, so the candidates are those
 * of the 64-bit band keys the index held before: the same matches. Without
 * fetch the index keeps every signature itself. */

#define NONE UINT32_MAX
/* The newest postings: a table of 2^15 words (256 kB), merged when half full. */
#define BUFFER_BITS 15
#define BUFFER_SLOTS ((size_t)1 << BUFFER_BITS)
#define EMPTY UINT64_MAX /* a free slot: no article is numbered NONE */
/* Signatures of the latest articles (and of the last ones read back) kept
 * at hand, by article number modulo RECENT. */
#define RECENT 256
/* The sorted postings' mapping grows by this much at least. */
#define REGION_STEP ((size_t)1 << 20)

typedef struct article_entry {
    int64_t id;
    uint8_t exact[16];
    uint32_t seen; /* look-up stamp, so a candidate is verified once */
} article_entry;

typedef struct recent_sig {
    uint32_t article; /* NONE: empty */
    uint32_t minhash[RASD_MINHASH_SIZE];
} recent_sig;

struct rasd_dedup {
    double threshold;
    int min_same; /* equal minima needed: ceil(threshold * 128) */
    rasd_dedup_fetch_fn fetch;
    void *fetch_ctx;
    article_entry *articles;
    size_t n, cap;
    uint32_t (*sigs)[RASD_MINHASH_SIZE]; /* without fetch: every article's signature */
    size_t cap_sigs;
    recent_sig *recent; /* with fetch */
    uint32_t *exact; /* article + 1; 0: empty */
    size_t exact_mask, exact_used;
    uint64_t *sorted; /* postings, ascending */
    size_t n_sorted, sorted_bytes;
    uint32_t *dir; /* dir[t]: the first sorted posting whose tag's top dir_bits bits are >= t */
    unsigned dir_bits;
    uint64_t *buffer; /* the newest postings, BUFFER_SLOTS words */
    size_t n_buffer;
    uint32_t *found; /* scratch: the articles under one band */
    size_t cap_found;
    uint32_t stamp;
    rasd_dedup_stats stats;
};

static uint32_t article_tag(uint64_t posting) { return (uint32_t)(posting >> 32); }

static size_t buffer_home(uint32_t tag) { return (size_t)((uint32_t)(tag * 0x9E3779B1u) >> (32 - BUFFER_BITS)); }

static bool build_dir(rasd_dedup *d);

rasd_dedup *rasd_dedup_new(const rasd_dedup_options *opt, rasd_error *err) {
    double threshold = opt && opt->threshold > 0 ? opt->threshold : RASD_DEDUP_DEFAULT_THRESHOLD;
    if (threshold > 1) {
        rasd_fail(err, RASD_ERR_USAGE, "near-duplicate threshold %g is not in (0, 1]", threshold);
        return NULL;
    }
    rasd_dedup *d = calloc(1, sizeof *d);
    bool ok = d != NULL;
    if (ok) {
        d->fetch = opt ? opt->fetch : NULL;
        d->fetch_ctx = opt ? opt->fetch_ctx : NULL;
        d->exact_mask = 1023;
        ok = (d->exact = calloc(d->exact_mask + 1, sizeof *d->exact)) != NULL &&
             (d->buffer = malloc(BUFFER_SLOTS * sizeof *d->buffer)) != NULL && build_dir(d);
    }
    if (ok && d->fetch) ok = (d->recent = malloc(RECENT * sizeof *d->recent)) != NULL;
    if (!ok) {
        rasd_dedup_destroy(d);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory creating the duplicate index");
        return NULL;
    }
    memset(d->buffer, 0xFF, BUFFER_SLOTS * sizeof *d->buffer);
    for (size_t i = 0; d->recent && i < RECENT; i++) d->recent[i].article = NONE;
    d->threshold = threshold;
    d->min_same = (int)(threshold * RASD_MINHASH_SIZE + 0.999999);
    return d;
}

static void free_sorted(rasd_dedup *d) {
    if (!d->sorted) return;
#if RASD_DEDUP_MREMAP
    munmap(d->sorted, d->sorted_bytes);
#else
    free(d->sorted);
#endif
}

void rasd_dedup_destroy(rasd_dedup *d) {
    if (!d) return;
    free(d->articles);
    free(d->sigs);
    free(d->recent);
    free(d->exact);
    free_sorted(d);
    free(d->dir);
    free(d->buffer);
    free(d->found);
    free(d);
}

void rasd_dedup_get_stats(const rasd_dedup *d, rasd_dedup_stats *stats) { *stats = d->stats; }

static uint64_t band_key(const rasd_fingerprint *fp, int band) {
    return nonzero(XXH3_64bits_withSeed(fp->minhash + band * LSH_ROWS, LSH_ROWS * sizeof(uint32_t), (uint64_t)band));
}

/* ---------------------------------------------------------- exact table */

static size_t exact_home(const rasd_dedup *d, const uint8_t exact[16]) {
    uint64_t k;
    memcpy(&k, exact, sizeof k);
    return (size_t)((k * 0x9E3779B97F4A7C15ull) >> 29) & d->exact_mask;
}

/* The article with the same exact hash, or NONE (no two indexed articles
 * share one: an exact copy is not indexed). */
static uint32_t find_exact(const rasd_dedup *d, const rasd_fingerprint *fp) {
    for (size_t i = exact_home(d, fp->exact); d->exact[i]; i = (i + 1) & d->exact_mask)
        if (memcmp(d->articles[d->exact[i] - 1].exact, fp->exact, sizeof fp->exact) == 0) return d->exact[i] - 1;
    return NONE;
}

static void exact_put(rasd_dedup *d, uint32_t article) {
    size_t i = exact_home(d, d->articles[article].exact);
    while (d->exact[i]) i = (i + 1) & d->exact_mask;
    d->exact[i] = article + 1;
}

static bool add_exact(rasd_dedup *d, uint32_t article) {
    if ((d->exact_used + 1) * 2 > d->exact_mask + 1) { /* load at most 1/2 */
        uint32_t *old = d->exact;
        size_t old_mask = d->exact_mask;
        if (!(d->exact = calloc((old_mask + 1) * 2, sizeof *d->exact))) {
            d->exact = old;
            return false;
        }
        d->exact_mask = old_mask * 2 + 1;
        for (size_t i = 0; i <= old_mask; i++)
            if (old[i]) exact_put(d, old[i] - 1);
        free(old);
    }
    exact_put(d, article);
    d->exact_used++;
    return true;
}

/* ------------------------------------------------------- band postings */

/* Room for n sorted postings: an anonymous mapping that mremap extends or
 * moves by its page tables, so that growing never holds the postings
 * twice; realloc where there is no mremap. */
static bool sorted_reserve(rasd_dedup *d, size_t n) {
    if (n > SIZE_MAX / sizeof *d->sorted - REGION_STEP) return false;
    size_t need = n * sizeof *d->sorted;
    if (need <= d->sorted_bytes) return true;
    size_t bytes = (need + REGION_STEP - 1) / REGION_STEP * REGION_STEP;
#if RASD_DEDUP_MREMAP
    void *p = d->sorted ? mremap(d->sorted, d->sorted_bytes, bytes, MREMAP_MAYMOVE)
                        : mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return false;
#else
    void *p = realloc(d->sorted, bytes);
    if (!p) return false;
#endif
    d->sorted = p;
    d->sorted_bytes = bytes;
    return true;
}

/* The directory over the sorted postings: about 8 postings per entry. */
static bool build_dir(rasd_dedup *d) {
    unsigned bits = 4;
    while (bits < 26 && ((size_t)8 << bits) < d->n_sorted) bits++;
    size_t n_dir = ((size_t)1 << bits) + 1;
    uint32_t *dir = realloc(d->dir, n_dir * sizeof *dir);
    if (!dir) return false;
    d->dir = dir;
    d->dir_bits = bits;
    size_t j = 0;
    for (size_t t = 0; t + 1 < n_dir; t++) {
        while (j < d->n_sorted && (article_tag(d->sorted[j]) >> (32 - bits)) < t) j++;
        dir[t] = (uint32_t)j;
    }
    dir[n_dir - 1] = (uint32_t)d->n_sorted;
    return true;
}

static int cmp_posting(const void *x, const void *y) {
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* The newest postings, sorted, into the sorted array (merged from its end,
 * in place). */
static bool merge_buffer(rasd_dedup *d) {
    size_t m = d->n_buffer;
    if (!m) return true;
    uint64_t *tmp = malloc(m * sizeof *tmp);
    if (!tmp || !sorted_reserve(d, d->n_sorted + m)) {
        free(tmp);
        return false;
    }
    size_t k = 0;
    for (size_t i = 0; i < BUFFER_SLOTS; i++)
        if (d->buffer[i] != EMPTY) tmp[k++] = d->buffer[i];
    qsort(tmp, m, sizeof *tmp, cmp_posting);
    size_t i = d->n_sorted, j = m, out = d->n_sorted + m;
    while (j > 0) d->sorted[--out] = i > 0 && d->sorted[i - 1] > tmp[j - 1] ? d->sorted[--i] : tmp[--j];
    free(tmp);
    d->n_sorted += m;
    memset(d->buffer, 0xFF, BUFFER_SLOTS * sizeof *d->buffer);
    d->n_buffer = 0;
    return build_dir(d);
}

static bool add_bands(rasd_dedup *d, const rasd_fingerprint *fp, uint32_t article) {
    for (int b = 0; b < LSH_BANDS; b++) {
        if (d->n_buffer * 2 >= BUFFER_SLOTS && !merge_buffer(d)) return false;
        uint32_t tag = (uint32_t)band_key(fp, b);
        size_t i = buffer_home(tag);
        while (d->buffer[i] != EMPTY) i = (i + 1) & (BUFFER_SLOTS - 1);
        d->buffer[i] = (uint64_t)tag << 32 | article;
        d->n_buffer++;
    }
    return true;
}

static bool push_found(rasd_dedup *d, size_t *n, uint32_t article) {
    if (*n == d->cap_found && !rasd_grow((void **)&d->found, &d->cap_found, *n, sizeof *d->found)) return false;
    d->found[(*n)++] = article;
    return true;
}

/* The articles with a posting under tag into d->found, newest (highest
 * number) first, as the bucket lists were walked before; false when out
 * of memory. */
static bool band_articles(rasd_dedup *d, uint32_t tag, size_t *n) {
    *n = 0;
    size_t top = tag >> (32 - d->dir_bits);
    for (size_t j = d->dir[top], end = d->dir[top + 1]; j < end && article_tag(d->sorted[j]) <= tag; j++)
        if (article_tag(d->sorted[j]) == tag && !push_found(d, n, (uint32_t)d->sorted[j])) return false;
    for (size_t i = buffer_home(tag); d->buffer[i] != EMPTY; i = (i + 1) & (BUFFER_SLOTS - 1))
        if (article_tag(d->buffer[i]) == tag && !push_found(d, n, (uint32_t)d->buffer[i])) return false;
    for (size_t i = 1; i < *n; i++) { /* a handful: insertion sort, descending */
        uint32_t a = d->found[i];
        size_t j = i;
        for (; j > 0 && d->found[j - 1] < a; j--) d->found[j] = d->found[j - 1];
        d->found[j] = a;
    }
    return true;
}

/* ----------------------------------------------------------- signatures */

static void keep_recent(rasd_dedup *d, uint32_t article, const uint32_t *minhash) {
    recent_sig *r = &d->recent[article % RECENT];
    r->article = article;
    memcpy(r->minhash, minhash, sizeof r->minhash);
}

/* Article a's signature: *sig points at it. RASD_ERR_NOT_FOUND when the
 * caller no longer has it (an article whose storing failed after it was
 * indexed); it is then no candidate. */
static rasd_status signature(rasd_dedup *d, uint32_t a, const uint32_t **sig) {
    if (d->sigs) {
        *sig = d->sigs[a];
        return RASD_OK;
    }
    recent_sig *r = &d->recent[a % RECENT];
    if (r->article == a) {
        *sig = r->minhash;
        return RASD_OK;
    }
    rasd_fingerprint fp;
    rasd_status st = d->fetch(d->fetch_ctx, d->articles[a].id, &fp);
    if (st != RASD_OK) return st;
    /* another article's fingerprint under that id (rolled back and reused) */
    if (memcmp(fp.exact, d->articles[a].exact, sizeof fp.exact) != 0) return RASD_ERR_NOT_FOUND;
    keep_recent(d, a, fp.minhash);
    *sig = r->minhash;
    return RASD_OK;
}

/* The earliest earlier article whose signature agrees with fp's on at least
 * min_same minima, among those sharing a band with it. */
static rasd_status find_near(rasd_dedup *d, const rasd_fingerprint *fp, uint32_t *out, double *similarity) {
    uint32_t best = NONE;
    int best_same = 0;
    size_t verified = 0;
    if (++d->stamp == 0) { /* wrapped: clear the stamps once every 2^32 look-ups */
        for (size_t i = 0; i < d->n; i++) d->articles[i].seen = 0;
        d->stamp = 1;
    }
    rasd_status st = RASD_OK;
    for (int b = 0; b < LSH_BANDS && verified < MAX_CANDIDATES && st == RASD_OK; b++) {
        size_t n;
        if (!band_articles(d, (uint32_t)band_key(fp, b), &n)) {
            st = RASD_ERR_NOMEM;
            break;
        }
        for (size_t k = 0; k < n && verified < MAX_CANDIDATES; k++) {
            uint32_t a = d->found[k];
            article_entry *e = &d->articles[a];
            if (e->seen == d->stamp) continue;
            const uint32_t *sig;
            st = signature(d, a, &sig);
            if (st == RASD_ERR_NOT_FOUND) {
                e->seen = d->stamp;
                st = RASD_OK;
                continue;
            }
            if (st != RASD_OK) break;
            /* the tag alone, by chance: this band differs (a later one may not) */
            if (memcmp(sig + b * LSH_ROWS, fp->minhash + b * LSH_ROWS, LSH_ROWS * sizeof *sig) != 0) continue;
            e->seen = d->stamp;
            verified++;
            int same = 0;
            for (int i = 0; i < RASD_MINHASH_SIZE; i++) same += sig[i] == fp->minhash[i];
            if (same >= d->min_same && (best == NONE || a < best)) {
                best = a;
                best_same = same;
            }
        }
    }
    d->stats.candidates += verified;
    *out = best;
    *similarity = (double)best_same / RASD_MINHASH_SIZE;
    return st;
}

rasd_status rasd_dedup_add(rasd_dedup *d, int64_t id, const rasd_fingerprint *fp, rasd_dup_match *match) {
    rasd_dup_match none = {RASD_DUP_NONE, 0, 0};
    if (match) *match = none;
    if (!d || !fp) return RASD_ERR_USAGE;
    /* article numbers and the postings' positions are 32-bit */
    if (d->n >= NONE - 1 || d->n_sorted + d->n_buffer + LSH_BANDS >= UINT32_MAX) return RASD_ERR_TOO_LARGE;
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
        rasd_status st = find_near(d, fp, &orig, &sim);
        if (st != RASD_OK) return st;
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
    if (d->sigs || !d->fetch) {
        if (d->n == d->cap_sigs && !rasd_grow((void **)&d->sigs, &d->cap_sigs, d->n, sizeof *d->sigs))
            return RASD_ERR_NOMEM;
        memcpy(d->sigs[d->n], fp->minhash, sizeof *d->sigs);
    } else {
        keep_recent(d, (uint32_t)d->n, fp->minhash);
    }
    uint32_t self = (uint32_t)d->n;
    d->articles[self] = (article_entry){.id = id, .seen = 0};
    memcpy(d->articles[self].exact, fp->exact, sizeof fp->exact);
    d->n++;
    if (!add_exact(d, self) || !add_bands(d, fp, self)) return RASD_ERR_NOMEM;
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

typedef struct shingle_at {
    uint64_t hash;
    uint32_t paragraph;
} shingle_at;

static int cmp_shingle_at(const void *x, const void *y) {
    const shingle_at *a = x, *b = y;
    if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
    return (a->paragraph > b->paragraph) - (a->paragraph < b->paragraph);
}

/* Near repeats: paragraphs that share a passage. Rather than comparing
 * every pair of paragraphs (quadratic in a long text), the (shingle,
 * paragraph) entries are sorted by shingle and each run of equal shingles
 * adds one to the count of every pair of paragraphs in it. */
static rasd_status near_paragraphs(const para_info *info, size_t n, rasd_paragraph_pair **pairs, size_t *n_pairs,
                                   size_t *cap) {
    size_t total = 0;
    for (size_t p = 0; p < n; p++) total += info[p].n_shingles;
    if (!total || n > UINT32_MAX) return RASD_OK;
    shingle_at *e = malloc(total * sizeof *e);
    table counts = {0};
    if (!e || !table_init(&counts, 1024)) {
        free(e);
        return RASD_ERR_NOMEM;
    }
    size_t m = 0;
    for (size_t p = 0; p < n; p++)
        for (size_t i = 0; i < info[p].n_shingles; i++) e[m++] = (shingle_at){info[p].shingles[i], (uint32_t)p};
    qsort(e, m, sizeof *e, cmp_shingle_at);
    rasd_status st = RASD_OK;
    for (size_t i = 0; i < m && st == RASD_OK;) {
        size_t j = i + 1;
        while (j < m && e[j].hash == e[i].hash) j++;
        if (j - i <= PARAGRAPH_MAX_RUN) {
            for (size_t x = i; x < j && st == RASD_OK; x++) {
                for (size_t y = x + 1; y < j; y++) { /* paragraphs ascending within a run */
                    uint64_t key = ((uint64_t)e[x].paragraph << 32 | e[y].paragraph) + 1;
                    if (!table_reserve(&counts)) {
                        st = RASD_ERR_NOMEM;
                        break;
                    }
                    slot *s = table_find(&counts, key);
                    if (!s->key) {
                        *s = (slot){key, 0};
                        counts.used++;
                    }
                    s->value++;
                }
            }
        }
        i = j;
    }
    for (size_t k = 0; k <= counts.mask && st == RASD_OK; k++) {
        const slot *s = &counts.slots[k];
        if (!s->key || s->value < PARAGRAPH_MIN_SHARED) continue;
        size_t a = (size_t)((s->key - 1) >> 32), b = (size_t)((s->key - 1) & 0xFFFFFFFFu);
        if (info[a].key == info[b].key) continue; /* an exact repeat, reported as such */
        size_t smaller = info[a].n_shingles < info[b].n_shingles ? info[a].n_shingles : info[b].n_shingles;
        double sim = (double)s->value / (double)smaller;
        if (sim >= PARAGRAPH_NEAR && !push_pair(pairs, n_pairs, cap, (rasd_paragraph_pair){a, b, false, sim}))
            st = RASD_ERR_NOMEM;
    }
    free(counts.slots);
    free(e);
    return st;
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
        if (!info[p].key) continue;
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
    if (st == RASD_OK) st = near_paragraphs(info, n, pairs, n_pairs, &cap);
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
