/*
 * tagger.c: the runtime side of ner.h: loading a model with the current
 * name lists, and tagging one sentence: features, emission scores from the
 * int16 weight rows, Viterbi, then the spans.
 *
 * Speed (docs/ner.md): most features depend on one word only, so their
 * summed weights are cached per word form (the word cache below), and a
 * known word costs one look-up. For the rest, and for the words not yet
 * cached, a sentence's weight rows are all found and their cache lines
 * prefetched before any is summed, so that the memory misses overlap
 * instead of following one another.
 */
#include "ner/ner_internal.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const TYPE_NAMES[RASD_NER_TYPE_COUNT] = {"PERS", "LOC", "ORG", "MISC"};
static const char *const TAG_NAMES[NER_NTAGS] = {"O",     "B-PERS", "I-PERS", "B-LOC", "I-LOC",
                                                 "B-ORG", "I-ORG",  "B-MISC", "I-MISC"};

const char *rasd_ner_type_name(rasd_ner_type type) {
    return (unsigned)type < RASD_NER_TYPE_COUNT ? TYPE_NAMES[type] : "?";
}

const char *rasd_ner_tag_name(uint8_t tag) { return tag < NER_NTAGS ? TAG_NAMES[tag] : NULL; }

bool rasd_ner_tag_parse(const char *s, size_t len, uint8_t *tag) {
    for (unsigned q = 0; q < NER_NTAGS; q++)
        if (strlen(TAG_NAMES[q]) == len && memcmp(TAG_NAMES[q], s, len) == 0) {
            *tag = (uint8_t)q;
            return true;
        }
    return false;
}

rasd_ner_model *rasd_ner_load(const rasd_lexicon *lex, const char *path, rasd_error *err) {
    if (!lex) {
        rasd_fail(err, RASD_ERR_USAGE, "rasd_ner_load: no lexicon");
        return NULL;
    }
    const char *dir = rasd_lexicon_dir(lex);
    char def[4200];
    if (!path) {
        snprintf(def, sizeof def, "%s/ner/model.bin", dir);
        path = def;
    }
    rasd_ner_model *m = ner_model_read(lex, path, err);
    if (!m) return NULL;
    if (ner_context_load_names(&m->ctx, dir, err) != RASD_OK) {
        rasd_ner_destroy(m);
        return NULL;
    }
    return m;
}

/* ---------------------------------------------------------------- tagging */

uint64_t ner_model_new_id(void) {
    static _Atomic uint64_t next = 1;
    return atomic_fetch_add(&next, 1);
}

/* The word cache. Most features of a token depend on one word only: its
 * own (self) or a neighbour's at a fixed offset. Their summed weights are
 * kept per word form, five vectors of per-tag sums (the word as the token
 * itself, and as the word at -2, -1, +1, +2 from it), so that a word seen
 * before costs one look-up instead of some fifty scattered weight rows.
 * Sums of int16 weights are exact in int32, so the cache changes nothing
 * in the result (tests/test_ner.c checks against ner_tag_reference).
 * An entry holds what the hit path needs and nothing more: the sums of
 * the word itself and at -1 and +1 in int32 (they reach 117,810 on
 * SaudiNewsNet, and those at -1 or +1 pass int16 in one miss in nine),
 * those at -2 and +2 (two rows each) in int16, so 176 bytes in three
 * cache lines instead of 256 in four. That pays for 262,144 forms in 48
 * MB per thread. Over SaudiNewsNet (26,743 articles, 8.7 million tokens,
 * `analyze --jobs 1 --only entities`) 598,000 tokens missed with 2^18
 * forms and 842,000 with 2^17, which took 0.15 s more CPU time (2^16 and
 * 2^15 more again): a miss (analysing the word, some fifty rows found and
 * summed) costs far more than a hit's three lines. A two-way
 * set-associative cache of the same size would miss about 400,000
 * (simulated), but in a measured build the
 * extra look-up of the set's tags cost more than that saved. */
#define CACHE_BITS 18

typedef struct cached_word {
    _Alignas(64) uint64_t tag; /* hash of the token's bytes and type; 0 = empty */
    uint64_t key, base;
    uint32_t path;  /* the cluster path, and its length in the top 8 bits */
    uint32_t flags;
    int32_t self[NER_NTAGS];    /* the word as the token itself */
    int32_t near[2][NER_NTAGS]; /* as the word at -1, +1 */
    int16_t far[2][NER_NTAGS];  /* as the word at -2, +2 */
} cached_word; /* 176 bytes in three whole cache lines */

#define CACHE_BYTES (((size_t)1 << CACHE_BITS) * sizeof(cached_word))
/* The cache is a large table from rasd_table_alloc: on 2 MB boundaries with
 * huge pages asked for (its look-ups are random over 44 MB), and fresh
 * pages, so not written at creation (a memset there was 3.4% of the
 * instructions of `analyze` over 504 articles). */

#define MISS_ROWS (NER_MAX_SELF + 4 * NER_MAX_CTX)

/* A token's span code: two bits per name-list class (ner_tok.span). */
#define SPAN_CODES (1u << (2 * NER_LIST_CLASSES))
/* The span features of a token are never cut short by the pair part's
 * room (ner_features_span's `before`): up to 4 bigram and 4 memory rows
 * come first, so the tables summed without them hold the same rows. */
_Static_assert(4 + 4 + 2 * NER_LIST_CLASSES + 2 <= NER_MAX_PAIR, "span rows never cut");

struct rasd_ner_scratch {
    size_t cap;
    ner_tok *toks;
    uint32_t *rows, *mrows; /* pair rows per token; self and context rows per missed word */
    uint8_t *pcount, *mcount;
    size_t *miss;           /* tokens whose word was not cached */
    int32_t *acc;
    uint64_t *hash;
    float *em, *work, *margin;
    float *ent_margin;  /* the raw margin of each entity of res (for calibration) */
    size_t ent_cap;
    cached_word *cache; /* 2^CACHE_BITS, allocated on first use */
    uint64_t model_id;  /* the model the cache and edge sums belong to */
    int32_t edge[4][NER_NTAGS]; /* the sentence's edges at -2, -1, +1, +2 */
    /* The pair features that depend on a small code only, summed per code
     * when the model is bound (bind_model): the article memory's code of
     * the token with its frequency, of the token before and after, and
     * the listed names' span bits of the same three (ner_features_mem,
     * _span), which were hashed, found and summed per token: as tables,
     * the tagger took 6.7% fewer instructions (callgrind, 2,057 articles
     * of SaudiNewsNet, `analyze --jobs 1`). The frequency is 4 bits
     * (ner_word_entry). */
    int32_t mem_self[NER_MEM_NEVER + 1][16][NER_NTAGS];
    int32_t mem_near[2][NER_MEM_NEVER + 1][NER_NTAGS]; /* of the word before, after */
    int32_t (*span)[SPAN_CODES][NER_NTAGS];            /* [self, before, after][span] */
    bool memory_on;             /* rasd_ner_begin_document was called */
    ner_memory memory;          /* the article so far (memory.c) */
};

static void scratch_free(rasd_ner_scratch *s) {
    if (!s) return;
    free(s->toks);
    free(s->rows);
    free(s->mrows);
    free(s->pcount);
    free(s->mcount);
    free(s->miss);
    free(s->acc);
    free(s->hash);
    free(s->em);
    free(s->work);
    free(s->margin);
    rasd_table_free(s->cache, CACHE_BYTES);
    free(s->ent_margin);
    free(s->span);
    free(s);
}

void rasd_ner_result_free(rasd_ner_result *res) {
    if (!res) return;
    free(res->tags);
    free(res->entities);
    scratch_free(res->scratch);
    memset(res, 0, sizeof *res);
}

#define GROW(ptr, count)                                           \
    do {                                                           \
        void *grown_ = realloc((ptr), (count) * sizeof *(ptr));    \
        if (!grown_) return false;                                 \
        (ptr) = grown_;                                            \
    } while (0)

/* Room for n tags, and working memory for a window of w tokens. */
static bool reserve(rasd_ner_result *res, size_t n, size_t w) {
    if (!res->scratch && !(res->scratch = calloc(1, sizeof *res->scratch))) return false;
    rasd_ner_scratch *s = res->scratch;
    if (!s->cache && !(s->cache = rasd_table_alloc(CACHE_BYTES))) return false;
    if (w > s->cap) {
        size_t cap = w < 64 ? 64 : w + w / 2;
        GROW(s->toks, cap);
        GROW(s->rows, cap * NER_MAX_PAIR);
        GROW(s->mrows, cap * MISS_ROWS);
        GROW(s->pcount, cap);
        GROW(s->mcount, cap * 5);
        GROW(s->miss, cap);
        GROW(s->acc, cap * NER_NTAGS);
        GROW(s->hash, cap);
        GROW(s->em, cap * NER_NTAGS);
        GROW(s->work, 2 * cap * NER_NTAGS);
        GROW(s->margin, cap);
        s->cap = cap;
    }
    if (n > res->tags_cap) {
        size_t cap = n < 64 ? 64 : n + n / 2;
        GROW(res->tags, cap);
        res->tags_cap = cap;
    }
    return true;
}

static bool add_entity(rasd_ner_result *res, const rasd_ner_entity *e, float margin) {
    if (res->n_entities == res->entities_cap) {
        size_t cap = res->entities_cap ? res->entities_cap * 2 : 16;
        GROW(res->entities, cap);
        res->entities_cap = cap;
    }
    rasd_ner_scratch *s = res->scratch;
    if (res->n_entities == s->ent_cap) {
        size_t cap = s->ent_cap ? s->ent_cap * 2 : 16;
        GROW(s->ent_margin, cap);
        s->ent_cap = cap;
    }
    s->ent_margin[res->n_entities] = margin;
    res->entities[res->n_entities++] = *e;
    return true;
}

/* The per-tag sums below in SSE2 where there is SSE2 (every x86-64):
 * tags 0-7 in two vectors of int32, tag 8 alone. The scalar loops were
 * not vectorised by the compiler (nine lanes), and these adds were a
 * tenth of the tagger's time. Integer adds: the same sums either way. */
#if defined(__SSE2__)
#include <emmintrin.h>

/* int16 x 8 at p, sign-extended to two vectors of int32 */
static inline void widen(const int16_t *p, __m128i *lo, __m128i *hi) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    *lo = _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16);
    *hi = _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16);
}

static inline void add_vec(int32_t *dst, const int32_t *src) {
    _mm_storeu_si128((__m128i *)dst, _mm_add_epi32(_mm_loadu_si128((const __m128i *)dst),
                                                   _mm_loadu_si128((const __m128i *)src)));
    _mm_storeu_si128((__m128i *)(dst + 4), _mm_add_epi32(_mm_loadu_si128((const __m128i *)(dst + 4)),
                                                         _mm_loadu_si128((const __m128i *)(src + 4))));
    dst[8] += src[8];
}

static inline void add_vec16(int32_t *dst, const int16_t *src) {
    __m128i lo, hi;
    widen(src, &lo, &hi);
    _mm_storeu_si128((__m128i *)dst, _mm_add_epi32(_mm_loadu_si128((const __m128i *)dst), lo));
    _mm_storeu_si128((__m128i *)(dst + 4), _mm_add_epi32(_mm_loadu_si128((const __m128i *)(dst + 4)), hi));
    dst[8] += src[8];
}

/* Adds rows[0, k), packed indices (ner_weights_pack), to out. */
static inline void add_rows(const ner_weights *w, const uint32_t *rows, size_t k, int32_t *out) {
    __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128(); /* in registers, not read-modify-write on out */
    int32_t last = 0;
    for (size_t f = 0; f < k; f++) {
        const int16_t *r = ner_weights_row(w, rows[f]);
        __m128i a, b;
        widen(r, &a, &b);
        lo = _mm_add_epi32(lo, a);
        hi = _mm_add_epi32(hi, b);
        last += r[8];
    }
    _mm_storeu_si128((__m128i *)out, _mm_add_epi32(_mm_loadu_si128((const __m128i *)out), lo));
    _mm_storeu_si128((__m128i *)(out + 4), _mm_add_epi32(_mm_loadu_si128((const __m128i *)(out + 4)), hi));
    out[8] += last;
}
#else
static inline void add_vec(int32_t *dst, const int32_t *src) {
    for (unsigned q = 0; q < NER_NTAGS; q++) dst[q] += src[q];
}

static inline void add_vec16(int32_t *dst, const int16_t *src) {
    for (unsigned q = 0; q < NER_NTAGS; q++) dst[q] += src[q];
}

/* Adds rows[0, k), packed indices (ner_weights_pack), to out. */
static inline void add_rows(const ner_weights *w, const uint32_t *rows, size_t k, int32_t *out) {
    int32_t acc[NER_NTAGS] = {0}; /* in registers, not read-modify-write on out */
    for (size_t f = 0; f < k; f++) {
        const int16_t *r = ner_weights_row(w, rows[f]);
        for (unsigned q = 0; q < NER_NTAGS; q++) acc[q] += r[q];
    }
    for (unsigned q = 0; q < NER_NTAGS; q++) out[q] += acc[q];
}
#endif
_Static_assert(NER_NTAGS == 9, "the sums take tags 0-7 in vectors, tag 8 alone");

/* Emission scores: the sums times the weights' scale (the same conversion
 * and product in either form). */
static inline void to_scores(const int32_t *sum, float scale, float *em) {
#if defined(__SSE2__)
    __m128 k = _mm_set1_ps(scale);
    _mm_storeu_ps(em, _mm_mul_ps(_mm_cvtepi32_ps(_mm_loadu_si128((const __m128i *)sum)), k));
    _mm_storeu_ps(em + 4, _mm_mul_ps(_mm_cvtepi32_ps(_mm_loadu_si128((const __m128i *)(sum + 4))), k));
    em[8] = (float)sum[8] * scale;
#else
    for (unsigned q = 0; q < NER_NTAGS; q++) em[q] = (float)sum[q] * scale;
#endif
}

/* A row is 18 bytes, so one in four straddles two cache lines: both are
 * asked for (measured: with only the first line prefetched, the stall on
 * the row's last weight was a fifth of the tagger's time). */
static inline void prefetch_row(const ner_weights *w, uint32_t row) {
    const char *p = (const char *)ner_weights_row(w, row);
    __builtin_prefetch(p);
    if (((uintptr_t)p & 63) > 64 - NER_NTAGS * sizeof *w->rows) __builtin_prefetch(p + NER_NTAGS * sizeof *w->rows - 1);
}

/* A feature's row is found in two steps, each a possible cache miss: its
 * bit in the weights' bitmap, then the packed row. A sentence's rows are
 * taken through each step together, prefetching for the next, so that
 * their misses overlap. */
static inline void prefetch_finds(const ner_weights *w, const uint32_t *rows, size_t k) {
    for (size_t f = 0; f < k; f++) ner_weights_prefetch_find(w, rows[f]);
}

/* Features rows[0, k) to packed rows at out, those prefetched; returns how
 * many remain. */
static inline size_t pack_rows(const ner_weights *w, const uint32_t *rows, size_t k, uint32_t *out) {
    k = ner_weights_pack(w, rows, k, out);
    for (size_t f = 0; f < k; f++) prefetch_row(w, out[f]);
    return k;
}

static const int OFFSETS[4] = {-2, -1, 1, 2};

/* Adds the weight rows of features rows[0, k) to out. */
static void add_features(const ner_weights *w, uint32_t *rows, size_t k, int32_t *out) {
    add_rows(w, rows, ner_weights_pack(w, rows, k, rows), out);
}

static bool bind_model(rasd_ner_scratch *s, const rasd_ner_model *m) {
    if (s->model_id == m->id) return true;
    if (!s->span && !(s->span = malloc(3 * sizeof *s->span))) return false;
    /* a new cache is zeroed already: 48 MB not written twice */
    if (s->model_id) memset(s->cache, 0, CACHE_BYTES);
    const ner_weights *w = &m->w;
    const ner_context *ctx = &m->ctx;
    uint32_t rows[NER_MAX_PAIR];
    memset(s->edge, 0, sizeof s->edge);
    for (int j = 0; j < 4; j++) add_features(w, rows, ner_features_ctx(ctx, NULL, OFFSETS[j], rows), s->edge[j]);
    memset(s->mem_self, 0, sizeof s->mem_self);
    memset(s->mem_near, 0, sizeof s->mem_near);
    memset(s->span, 0, 3 * sizeof *s->span);
    for (unsigned c = 1; c <= NER_MEM_NEVER; c++) {
        for (unsigned f = 0; f < 16; f++) add_features(w, rows, ner_features_mem(ctx, c, f, 0, 0, rows), s->mem_self[c][f]);
        add_features(w, rows, ner_features_mem(ctx, 0, 0, c, 0, rows), s->mem_near[0][c]);
        add_features(w, rows, ner_features_mem(ctx, 0, 0, 0, c, rows), s->mem_near[1][c]);
    }
    for (unsigned c = 1; c < SPAN_CODES; c++) {
        add_features(w, rows, ner_features_span(ctx, c, 0, 0, 0, rows), s->span[0][c]);
        add_features(w, rows, ner_features_span(ctx, 0, c, 0, 0, rows), s->span[1][c]);
        add_features(w, rows, ner_features_span(ctx, 0, 0, c, 0, rows), s->span[2][c]);
    }
    s->model_id = m->id;
    return true;
}

/* Emission scores of a sentence, into s->em. Words found in the cache
 * add their sums at once; the others are analysed (their word-table
 * entries prefetched), then looked up, their feature rows all found and
 * prefetched, and only then summed (and cached), so that their memory
 * misses overlap. */
static void emissions(const rasd_ner_model *m, rasd_analyzer *an, const char *text, const rasd_token *tokens,
                      const uint64_t *surf_hash, size_t n, rasd_ner_scratch *s) {
    /* bit 0 of a tag is always set (0 marks an empty slot): the slot is
     * taken from the bits above it, or only odd slots would be used */
    const size_t mask = ((size_t)1 << CACHE_BITS) - 1;
    const ner_weights *w = &m->w;
    int32_t *acc = s->acc;
    memset(acc, 0, n * NER_NTAGS * sizeof *acc);
    for (size_t j = 0; j < n; j++) {
        uint64_t sh = surf_hash ? surf_hash[j] : rasd_hash_bytes(text + tokens[j].start, tokens[j].end - tokens[j].start);
        uint64_t h = (sh + (uint64_t)tokens[j].type * 0x9e3779b97f4a7c15ULL) | 1;
        s->hash[j] = h;
        const char *line = (const char *)&s->cache[(h >> 1) & mask];
        __builtin_prefetch(line);
        __builtin_prefetch(line + 64);
        __builtin_prefetch(line + 128);
    }
    size_t n_miss = 0;
    for (size_t j = 0; j < n; j++) {
        const cached_word *e = &s->cache[(s->hash[j] >> 1) & mask];
        ner_tok *t = &s->toks[j];
        if (e->tag != s->hash[j]) {
            /* a miss: read now, its word-table entries after the other
             * misses were read, its sums after those */
            if (surf_hash) ner_prepare_token_text_hashed(&m->ctx, an, text, &tokens[j], surf_hash[j], t);
            else ner_prepare_token_text(&m->ctx, an, text, &tokens[j], t);
            s->miss[n_miss++] = j;
            continue;
        }
        t->key = e->key;
        t->base = e->base;
        t->path = e->path & 0xFFFFFF;
        t->path_len = (uint8_t)(e->path >> 24);
        t->flags = e->flags & 0xFFFFF;
        t->is_word = (uint8_t)(e->flags >> 20 & 1);
        t->freq = (uint8_t)(e->flags >> 24);
        t->span = 0;
        /* word j is the word at -2 of token j + 2, at -1 of j + 1, ... */
        add_vec(acc + j * NER_NTAGS, e->self);
        if (j + 2 < n) add_vec16(acc + (j + 2) * NER_NTAGS, e->far[0]);
        if (j + 1 < n) add_vec(acc + (j + 1) * NER_NTAGS, e->near[0]);
        if (j >= 1) add_vec(acc + (j - 1) * NER_NTAGS, e->near[1]);
        if (j >= 2) add_vec16(acc + (j - 2) * NER_NTAGS, e->far[1]);
    }
    for (size_t x = 0; x < n_miss; x++) {
        /* a miss's rows now, prefetched; summed after the other misses */
        ner_tok *t = &s->toks[s->miss[x]];
        ner_prepare_token_lists(&m->ctx, t);
        uint32_t *rows = s->mrows + x * MISS_ROWS;
        uint8_t *cnt = s->mcount + x * 5;
        size_t k = ner_features_self(&m->ctx, t, rows);
        cnt[0] = (uint8_t)k;
        for (int o = 0; o < 4; o++) {
            size_t c = ner_features_ctx(&m->ctx, t, OFFSETS[o], rows + k);
            cnt[1 + o] = (uint8_t)c;
            k += c;
        }
        prefetch_finds(w, rows, k);
    }
    for (size_t x = 0; x < n_miss; x++) {
        /* the rows found, packed part by part over the features */
        uint32_t *rows = s->mrows + x * MISS_ROWS;
        uint8_t *cnt = s->mcount + x * 5;
        size_t from = 0, to = 0;
        for (int part = 0; part < 5; part++) {
            size_t c = cnt[part];
            cnt[part] = (uint8_t)pack_rows(w, rows + from, c, rows + to);
            from += c;
            to += cnt[part];
        }
    }
    for (size_t x = 0; x < n_miss; x++) {
        size_t j = s->miss[x];
        const ner_tok *t = &s->toks[j];
        int32_t sum[5][NER_NTAGS] = {{0}};
        const uint32_t *rows = s->mrows + x * MISS_ROWS;
        const uint8_t *cnt = s->mcount + x * 5;
        for (int part = 0; part < 5; part++) {
            add_rows(w, rows, cnt[part], sum[part]);
            rows += cnt[part];
        }
        add_vec(acc + j * NER_NTAGS, sum[0]);
        if (j + 2 < n) add_vec(acc + (j + 2) * NER_NTAGS, sum[1]);
        if (j + 1 < n) add_vec(acc + (j + 1) * NER_NTAGS, sum[2]);
        if (j >= 1) add_vec(acc + (j - 1) * NER_NTAGS, sum[3]);
        if (j >= 2) add_vec(acc + (j - 2) * NER_NTAGS, sum[4]);
        /* Cached unless a sum at -2 or +2 is beyond int16 (61 of 950,000
         * misses over SaudiNewsNet): such a word is read again each time,
         * as a miss. Every hit has been added already, so writing over a
         * cache slot that one of them used is safe now. */
        bool fits = true;
        for (int part = 1; part < 5; part += 3)
            for (unsigned q = 0; q < NER_NTAGS; q++) fits &= sum[part][q] >= INT16_MIN && sum[part][q] <= INT16_MAX;
        if (!fits) continue;
        cached_word *e = &s->cache[(s->hash[j] >> 1) & mask];
        e->tag = s->hash[j];
        e->key = t->key;
        e->base = t->base;
        e->path = t->path | (uint32_t)t->path_len << 24;
        /* the pair features read the frequency and the memory whether it
         * is a word: both beside the 20 bits of name-list flags */
        e->flags = t->flags | (uint32_t)t->is_word << 20 | (uint32_t)t->freq << 24;
        memcpy(e->self, sum[0], sizeof e->self);
        memcpy(e->near[0], sum[2], sizeof e->near[0]);
        memcpy(e->near[1], sum[3], sizeof e->near[1]);
        for (unsigned q = 0; q < NER_NTAGS; q++) {
            e->far[0][q] = (int16_t)sum[1][q];
            e->far[1][q] = (int16_t)sum[4][q];
        }
    }
    for (size_t i = 0; i < n && i < 2; i++) {
        add_vec(acc + i * NER_NTAGS, s->edge[0]);
        if (i == 0) add_vec(acc, s->edge[1]);
    }
    for (size_t i = n >= 2 ? n - 2 : 0; i < n; i++) {
        add_vec(acc + i * NER_NTAGS, s->edge[3]);
        if (i == n - 1) add_vec(acc + i * NER_NTAGS, s->edge[2]);
    }
    if (m->ctx.phrases_used) ner_match_names(&m->ctx, s->toks, n);
    if (s->memory_on) ner_memory_mark(&s->memory, s->toks, n);
    else
        for (size_t i = 0; i < n; i++) s->toks[i].mem = 0;
    /* the few features of two words, prefetched first */
    for (size_t i = 0; i < n; i++) {
        uint32_t *rows = s->rows + i * NER_MAX_PAIR;
        s->pcount[i] = (uint8_t)ner_features_bigram(&m->ctx, s->toks, n, i, rows);
        prefetch_finds(w, rows, s->pcount[i]);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t *rows = s->rows + i * NER_MAX_PAIR;
        s->pcount[i] = (uint8_t)pack_rows(w, rows, s->pcount[i], rows);
    }
    const ner_tok *toks = s->toks;
    for (size_t i = 0; i < n; i++) {
        int32_t *a = acc + i * NER_NTAGS;
        add_rows(w, s->rows + i * NER_MAX_PAIR, s->pcount[i], a);
        /* those of the memory's and the listed names' codes, from their tables */
        if (toks[i].mem) add_vec(a, s->mem_self[toks[i].mem][toks[i].freq & 15]);
        if (i >= 1 && toks[i - 1].mem) add_vec(a, s->mem_near[0][toks[i - 1].mem]);
        if (i + 1 < n && toks[i + 1].mem) add_vec(a, s->mem_near[1][toks[i + 1].mem]);
        if (toks[i].span) add_vec(a, s->span[0][toks[i].span]);
        if (i >= 1 && toks[i - 1].span) add_vec(a, s->span[1][toks[i - 1].span]);
        if (i + 1 < n && toks[i + 1].span) add_vec(a, s->span[2][toks[i + 1].span]);
        to_scores(a, m->wscale, s->em + i * NER_NTAGS);
    }
}


/* Tags tokens [0, n) of one window, writing tags from res->tags + offset
 * and entities with token indices shifted by offset. */
static bool tag_window(const rasd_ner_model *model, rasd_analyzer *an, const char *text, const rasd_token *tokens,
                       const uint64_t *surf_hash, size_t n, size_t offset, rasd_ner_result *res) {
    rasd_ner_scratch *s = res->scratch;
    uint8_t *tags = res->tags + offset;
    emissions(model, an, text, tokens, surf_hash, n, s);
    ner_viterbi((const float(*)[NER_NTAGS])model->trans, model->trans_end, s->em, n, tags, s->margin, s->work);
    if (s->memory_on) ner_memory_add(&s->memory, s->toks, tags, n);
    /* Spans: B-X opens one, I-X of the same type extends it (the decoder
     * never writes I-X elsewhere). */
    for (size_t i = 0; i < n;) {
        uint8_t tag = tags[i];
        if (tag == RASD_NER_O) {
            i++;
            continue;
        }
        unsigned type = (tag - 1u) / 2;
        size_t j = i + 1;
        float margin = s->margin[i];
        while (j < n && tags[j] == RASD_NER_I(type)) {
            if (s->margin[j] < margin) margin = s->margin[j];
            j++;
        }
        rasd_ner_entity e = {tokens[i].start, tokens[j - 1].end, offset + i, offset + j, (rasd_ner_type)type,
                             1.0f / (1.0f + expf(-(model->score_a * margin + model->score_b)))};
        if (!add_entity(res, &e, margin)) return false;
        i = j;
    }
    return true;
}

rasd_status rasd_ner_tag(const rasd_ner_model *model, rasd_analyzer *an, const char *text,
                         const rasd_token *tokens, size_t n, rasd_ner_result *res, rasd_error *err) {
    return rasd_ner_tag_hashed(model, an, text, tokens, NULL, n, res, err);
}

rasd_status rasd_ner_tag_hashed(const rasd_ner_model *model, rasd_analyzer *an, const char *text,
                                const rasd_token *tokens, const uint64_t *surf_hash, size_t n, rasd_ner_result *res,
                                rasd_error *err) {
    if (!model || !an || !res || (n && (!text || !tokens)))
        return rasd_fail(err, RASD_ERR_USAGE, "rasd_ner_tag: missing argument");
    res->n_tags = res->n_entities = 0;
    if (n == 0) return RASD_OK;
    if (!reserve(res, n, n < NER_WINDOW ? n : NER_WINDOW))
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory tagging %zu tokens", n);
    if (!bind_model(res->scratch, model)) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    for (size_t start = 0; start < n;) {
        size_t len = n - start;
        if (len > NER_WINDOW) {
            /* cut after the last punctuation of the window's second half,
             * where a name is least likely to be split */
            len = NER_WINDOW;
            for (size_t k = start + NER_WINDOW - 1; k >= start + NER_WINDOW / 2; k--)
                if (tokens[k].type == RASD_TOK_PUNCT) {
                    len = k - start + 1;
                    break;
                }
        }
        if (!tag_window(model, an, text, tokens + start, surf_hash ? surf_hash + start : NULL, len, start, res))
            return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        start += len;
    }
    res->n_tags = n;
    return RASD_OK;
}

rasd_status rasd_ner_begin_document(rasd_ner_result *res) {
    if (!res->scratch && !(res->scratch = calloc(1, sizeof *res->scratch))) return RASD_ERR_NOMEM;
    if (res->scratch->memory_on) ner_memory_forget(&res->scratch->memory);
    else ner_memory_reset(&res->scratch->memory);
    res->scratch->memory_on = true;
    return RASD_OK;
}

const float *ner_result_emissions(const rasd_ner_result *res) { return res->scratch ? res->scratch->em : NULL; }

const float *ner_result_entity_margins(const rasd_ner_result *res) {
    return res->scratch ? res->scratch->ent_margin : NULL;
}

const ner_tok *ner_result_tokens(const rasd_ner_result *res) { return res->scratch ? res->scratch->toks : NULL; }

rasd_status ner_tag_reference(const rasd_ner_model *m, rasd_analyzer *an, const char *text,
                              const rasd_token *tokens, size_t n, float *em, uint8_t *tags) {
    return ner_tag_reference_mem(m, an, text, tokens, n, NULL, em, tags);
}

rasd_status ner_tag_reference_mem(const rasd_ner_model *m, rasd_analyzer *an, const char *text,
                                  const rasd_token *tokens, size_t n, const uint8_t *mem, float *em, uint8_t *tags) {
    if (n == 0) return RASD_OK;
    ner_tok *toks = malloc(n * sizeof *toks);
    float *work = malloc(2 * n * NER_NTAGS * sizeof *work);
    rasd_status st = toks && work ? RASD_OK : RASD_ERR_NOMEM;
    if (st == RASD_OK) st = ner_prepare(&m->ctx, an, text, tokens, n, toks);
    for (size_t i = 0; st == RASD_OK && mem && i < n; i++) toks[i].mem = mem[i];
    for (size_t i = 0; st == RASD_OK && i < n; i++) {
        uint32_t rows[NER_MAX_FEATURES];
        int32_t acc[NER_NTAGS] = {0};
        add_rows(&m->w, rows, ner_weights_pack(&m->w, rows, ner_features(&m->ctx, toks, n, i, rows), rows), acc);
        for (unsigned q = 0; q < NER_NTAGS; q++) em[i * NER_NTAGS + q] = (float)acc[q] * m->wscale;
    }
    if (st == RASD_OK)
        ner_viterbi((const float(*)[NER_NTAGS])m->trans, m->trans_end, em, n, tags, NULL, work);
    free(toks);
    free(work);
    return st;
}

