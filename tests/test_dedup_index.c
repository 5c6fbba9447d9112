/*
 * test_dedup_index.c: the duplicate index's memory-lean structure
 * (src/corpus/dedup.c): band postings merged into a sorted array as it
 * grows, signatures read back through a fetch function, tags shared by
 * chance, candidates that are gone, and an index rebuilt from stored
 * fingerprints. Fingerprints are made up here (random minima, families of
 * edited copies), so no text or analyzer is needed; every answer of the
 * fetch-backed index is checked against the index that keeps every
 * signature itself.
 */
#include "test_helpers.h"

#include "core/internal.h"
#include "corpus/dedup.h"

#define LSH_ROWS 4 /* as dedup.c: 32 bands of 4 minima */

static uint64_t rng = 0x5eed;

static uint32_t next_u32(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static void random_fp(rasd_fingerprint *fp) {
    for (int i = 0; i < 16; i++) fp->exact[i] = (uint8_t)next_u32();
    for (int i = 0; i < RASD_MINHASH_SIZE; i++) fp->minhash[i] = next_u32();
    fp->n_words = 100;
}

/* A copy of base with `changed` minima made different (and another text). */
static void edited_fp(const rasd_fingerprint *base, int changed, rasd_fingerprint *fp) {
    *fp = *base;
    for (int i = 0; i < 16; i++) fp->exact[i] = (uint8_t)next_u32();
    for (int k = 0; k < changed; k++) fp->minhash[next_u32() % RASD_MINHASH_SIZE] = next_u32();
}

/* The "store": fingerprints by id, and how often they were read. */
typedef struct store {
    rasd_fingerprint *fps; /* by id - 1 */
    bool *gone;
    size_t n;
    size_t fetches;
    rasd_status fail; /* returned by every read when set */
} store;

static rasd_status fetch(void *ctx, int64_t id, rasd_fingerprint *fp) {
    store *s = ctx;
    s->fetches++;
    if (s->fail != RASD_OK) return s->fail;
    if (id < 1 || (size_t)id > s->n || s->gone[id - 1]) return RASD_ERR_NOT_FOUND;
    *fp = s->fps[id - 1];
    return RASD_OK;
}

/* n articles: families of near copies (from 4 to 60 minima changed, so on
 * both sides of the threshold), exact copies and unrelated ones. */
static rasd_fingerprint *corpus(size_t n) {
    rasd_fingerprint *fps = malloc(n * sizeof *fps);
    assert_non_null(fps);
    for (size_t i = 0; i < n; i++) {
        uint32_t r = next_u32() % 10;
        if (i < 10 || r < 5) {
            random_fp(&fps[i]);
        } else if (r < 9) { /* a copy of a recent or an old article */
            size_t from = r < 7 ? i - 1 - next_u32() % 8 : next_u32() % i;
            edited_fp(&fps[from], 4 + (int)(next_u32() % 57), &fps[i]);
        } else {
            fps[i] = fps[next_u32() % i]; /* the same text again */
        }
    }
    return fps;
}

static void assert_same_match(const rasd_dup_match *a, const rasd_dup_match *b) {
    assert_int_equal(a->kind, b->kind);
    assert_int_equal(a->original, b->original);
    assert_true(a->similarity == b->similarity);
}

/* What the index must answer, by brute force over every earlier article
 * it holds (exact copies are not held): the earliest with the same exact
 * hash, else the earliest that shares a whole band and at least 90 of the
 * 128 minima (threshold 0.7). */
static rasd_dup_match expected(const rasd_fingerprint *fps, const bool *held, size_t i) {
    for (size_t j = 0; j < i; j++)
        if (held[j] && memcmp(fps[j].exact, fps[i].exact, sizeof fps[i].exact) == 0)
            return (rasd_dup_match){RASD_DUP_EXACT, (int64_t)j + 1, 1.0};
    for (size_t j = 0; j < i; j++) {
        if (!held[j]) continue;
        int same = 0;
        for (int k = 0; k < RASD_MINHASH_SIZE; k++) same += fps[j].minhash[k] == fps[i].minhash[k];
        if (same < 90) continue;
        for (int b = 0; b < RASD_MINHASH_SIZE / LSH_ROWS; b++)
            if (memcmp(fps[j].minhash + b * LSH_ROWS, fps[i].minhash + b * LSH_ROWS, LSH_ROWS * 4) == 0)
                return (rasd_dup_match){RASD_DUP_NEAR, (int64_t)j + 1, same / 128.0};
    }
    return (rasd_dup_match){RASD_DUP_NONE, 0, 0};
}

/* Many merges of the newest postings into the sorted array, candidates
 * old and recent: the matches brute force finds, the same with
 * signatures read back as with signatures kept. */
static void test_growth_same_as_brute_force(void **state) {
    (void)state;
    size_t n = 3000; /* 96,000 postings: five merges */
    rasd_fingerprint *fps = corpus(n);
    bool *gone = calloc(n, sizeof *gone), *held = calloc(n, sizeof *held);
    store s = {fps, gone, n, 0, RASD_OK};
    rasd_dedup_options lean = {.fetch = fetch, .fetch_ctx = &s};
    rasd_dedup *kept = rasd_dedup_new(NULL, NULL), *read = rasd_dedup_new(&lean, NULL);
    assert_non_null(kept);
    assert_non_null(read);
    size_t near = 0, exact = 0;
    for (size_t i = 0; i < n; i++) {
        rasd_dup_match a, b, want = expected(fps, held, i);
        assert_int_equal(rasd_dedup_add(kept, (int64_t)i + 1, &fps[i], &a), RASD_OK);
        assert_int_equal(rasd_dedup_add(read, (int64_t)i + 1, &fps[i], &b), RASD_OK);
        assert_same_match(&a, &want);
        assert_same_match(&b, &want);
        held[i] = want.kind != RASD_DUP_EXACT;
        near += a.kind == RASD_DUP_NEAR;
        exact += a.kind == RASD_DUP_EXACT;
    }
    /* the corpus does what it is meant to: both kinds, and old
     * candidates read back from the store */
    assert_true(near > 300);
    assert_true(exact > 150);
    assert_true(s.fetches > 50);
    rasd_dedup_stats sa, sb;
    rasd_dedup_get_stats(kept, &sa);
    rasd_dedup_get_stats(read, &sb);
    assert_int_equal(sa.candidates, sb.candidates);
    assert_int_equal(sa.near, sb.near);
    rasd_dedup_destroy(kept);
    rasd_dedup_destroy(read);
    free(held);
    free(gone);
    free(fps);
}

/* An index rebuilt from the stored fingerprints (as a store opens) goes
 * on with the same answers as the one that added them. */
static void test_rebuilt_index_answers_the_same(void **state) {
    (void)state;
    size_t n = 3000, half = 2000;
    rasd_fingerprint *fps = corpus(n);
    bool *gone = calloc(n, sizeof *gone);
    store s = {fps, gone, n, 0, RASD_OK};
    rasd_dedup_options lean = {.fetch = fetch, .fetch_ctx = &s};
    rasd_dedup *first = rasd_dedup_new(&lean, NULL);
    for (size_t i = 0; i < half; i++) assert_int_equal(rasd_dedup_add(first, (int64_t)i + 1, &fps[i], NULL), RASD_OK);
    rasd_dedup *again = rasd_dedup_new(&lean, NULL);
    for (size_t i = 0; i < half; i++) assert_int_equal(rasd_dedup_add(again, (int64_t)i + 1, &fps[i], NULL), RASD_OK);
    for (size_t i = half; i < n; i++) {
        rasd_dup_match a, b;
        assert_int_equal(rasd_dedup_add(first, (int64_t)i + 1, &fps[i], &a), RASD_OK);
        assert_int_equal(rasd_dedup_add(again, (int64_t)i + 1, &fps[i], &b), RASD_OK);
        assert_same_match(&a, &b);
    }
    rasd_dedup_destroy(first);
    rasd_dedup_destroy(again);
    free(gone);
    free(fps);
}

/* Two different rows of band 0 whose keys share their low 32 bits (the
 * tag the index keeps): found by a birthday search over random rows. */
typedef struct tagged {
    uint32_t tag;
    uint32_t rows[LSH_ROWS];
} tagged;

static int by_tag(const void *x, const void *y) {
    uint32_t a = ((const tagged *)x)->tag, b = ((const tagged *)y)->tag;
    return (a > b) - (a < b);
}

static bool colliding_rows(uint32_t a[LSH_ROWS], uint32_t b[LSH_ROWS]) {
    size_t n = 300000; /* about ten collisions expected */
    tagged *t = malloc(n * sizeof *t);
    assert_non_null(t);
    for (size_t i = 0; i < n; i++) {
        for (int r = 0; r < LSH_ROWS; r++) t[i].rows[r] = next_u32();
        t[i].tag = (uint32_t)XXH3_64bits_withSeed(t[i].rows, sizeof t[i].rows, 0);
    }
    qsort(t, n, sizeof *t, by_tag);
    bool found = false;
    for (size_t i = 1; i < n && !found; i++) {
        if (t[i].tag != t[i - 1].tag || memcmp(t[i].rows, t[i - 1].rows, sizeof t[i].rows) == 0 || t[i].tag < 2)
            continue;
        memcpy(a, t[i - 1].rows, sizeof t[i].rows);
        memcpy(b, t[i].rows, sizeof t[i].rows);
        found = true;
    }
    free(t);
    return found;
}

/* A tag shared by chance is looked at (its signature read) but is no
 * candidate: the band's rows differ. */
static void test_tag_shared_by_chance(void **state) {
    (void)state;
    rasd_fingerprint a, b;
    random_fp(&a);
    random_fp(&b);
    assert_true(colliding_rows(a.minhash, b.minhash));
    store s = {&a, (bool[]){false}, 1, 0, RASD_OK};
    rasd_dedup_options lean = {.fetch = fetch, .fetch_ctx = &s};
    rasd_dedup *d = rasd_dedup_new(&lean, NULL);
    assert_int_equal(rasd_dedup_add(d, 1, &a, NULL), RASD_OK);
    /* out of the recent signatures' reach, so that the look-up reads it */
    for (int i = 0; i < 300; i++) {
        rasd_fingerprint other;
        random_fp(&other);
        assert_int_equal(rasd_dedup_add(d, 100 + i, &other, NULL), RASD_OK);
    }
    s.fetches = 0;
    rasd_dup_match m;
    assert_int_equal(rasd_dedup_add(d, 1000, &b, &m), RASD_OK);
    assert_int_equal(m.kind, RASD_DUP_NONE);
    assert_int_equal(s.fetches, 1);
    rasd_dedup_stats st;
    rasd_dedup_get_stats(d, &st);
    assert_int_equal(st.candidates, 0);
    rasd_dedup_destroy(d);
}

/* A candidate whose fingerprint is no longer stored is skipped; a failing
 * read stops the look-up with its status. */
static void test_gone_and_failing_reads(void **state) {
    (void)state;
    rasd_fingerprint fps[301];
    random_fp(&fps[0]);
    for (int i = 1; i < 301; i++) random_fp(&fps[i]);
    bool gone[301] = {false};
    store s = {fps, gone, 301, 0, RASD_OK};
    rasd_dedup_options lean = {.fetch = fetch, .fetch_ctx = &s};
    rasd_dedup *d = rasd_dedup_new(&lean, NULL);
    for (int i = 0; i < 301; i++) assert_int_equal(rasd_dedup_add(d, i + 1, &fps[i], NULL), RASD_OK);
    rasd_fingerprint copy;
    edited_fp(&fps[0], 6, &copy);
    rasd_dup_match m;
    gone[0] = true;
    assert_int_equal(rasd_dedup_add(d, 400, &copy, &m), RASD_OK);
    assert_int_equal(m.kind, RASD_DUP_NONE);
    gone[0] = false;
    s.fail = RASD_ERR_DB;
    edited_fp(&fps[0], 6, &copy);
    assert_int_equal(rasd_dedup_add(d, 401, &copy, &m), RASD_ERR_DB);
    s.fail = RASD_OK;
    edited_fp(&fps[0], 6, &copy);
    assert_int_equal(rasd_dedup_add(d, 402, &copy, &m), RASD_OK);
    assert_int_equal(m.kind, RASD_DUP_NEAR);
    assert_int_equal(m.original, 1);
    rasd_dedup_destroy(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_growth_same_as_brute_force),
        cmocka_unit_test(test_rebuilt_index_answers_the_same),
        cmocka_unit_test(test_tag_shared_by_chance),
        cmocka_unit_test(test_gone_and_failing_reads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
