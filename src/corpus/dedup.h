/*
 * dedup.h: exact and near-duplicate articles, and repeated paragraphs.
 *
 * Exact: the XXH3-128 of the article's normalized word keys (so spelling
 * variants, diacritics, tatweel and spacing do not hide a copy). Near: a
 * MinHash signature over word shingles, indexed with LSH bands; the
 * parameters and why they were chosen are in docs/corpus.md.
 *
 * The index is built from fingerprints only, so the store can persist
 * them and rebuild the index when it opens; with a fetch function it keeps
 * only the band keys and reads a candidate's signature back from there.
 * Contract shared by src/corpus/dedup.c and the store.
 */
#ifndef RASD_DEDUP_H
#define RASD_DEDUP_H

#include "rasd.h"

#define RASD_MINHASH_SIZE 128

typedef struct rasd_fingerprint {
    uint8_t exact[16];                   /* XXH3-128 of the normalized keys */
    uint32_t minhash[RASD_MINHASH_SIZE]; /* one minimum per hash function */
    uint32_t n_words;                    /* word tokens in the text */
} rasd_fingerprint;

/* Computes the fingerprint of text[0, len) with the caller's analyzer. */
rasd_status rasd_fingerprint_text(rasd_analyzer *an, const char *text, size_t len, rasd_fingerprint *fp,
                                  rasd_error *err);

/* The key of one paragraph's normalized words, for repeated paragraphs
 * within and across articles; 0 when the paragraph is too short to count
 * (a dateline, a one-line caption). */
uint64_t rasd_paragraph_key(rasd_analyzer *an, const char *text, size_t start, size_t end);

typedef enum rasd_dup_kind { RASD_DUP_NONE = 0, RASD_DUP_EXACT, RASD_DUP_NEAR } rasd_dup_kind;

typedef struct rasd_dup_match {
    rasd_dup_kind kind;
    int64_t original;  /* id of the earliest article it duplicates */
    double similarity; /* estimated Jaccard similarity (1 for exact) */
} rasd_dup_match;

/* Estimated Jaccard similarity from which an article is a near duplicate
 * (docs/corpus.md: 45 of 45 sampled pairs at this level were true copies). */
#define RASD_DEDUP_DEFAULT_THRESHOLD 0.7

/* Reads back the fingerprint of the article added under id (the index
 * keeps band keys, not signatures, when it has one): RASD_OK, or
 * RASD_ERR_NOT_FOUND when it is gone (that article is then no candidate);
 * any other status stops the look-up and rasd_dedup_add returns it. */
typedef rasd_status (*rasd_dedup_fetch_fn)(void *ctx, int64_t id, rasd_fingerprint *fp);

typedef struct rasd_dedup_options {
    double threshold; /* near-duplicate when estimated Jaccard >= this; 0: default */
    /* NULL: the index keeps every signature itself (about 830 bytes an
     * article in all); else about 320 bytes an article, and a candidate's
     * signature is read back through fetch (the store's fingerprints). The
     * matches are the same either way. */
    rasd_dedup_fetch_fn fetch;
    void *fetch_ctx;
} rasd_dedup_options;

/* The index: one writer at a time (the ingest's collecting thread). */
typedef struct rasd_dedup rasd_dedup;

rasd_dedup *rasd_dedup_new(const rasd_dedup_options *opt, rasd_error *err);
void rasd_dedup_destroy(rasd_dedup *d);
/* Looks fp up among the articles added so far (filling *match), then adds
 * it under id. Ids must be unique and increasing for "earliest" to hold.
 * With a fetch function, the article's fingerprint must be readable under
 * id by the time the next article is added: the latest few hundred are
 * kept at hand, but any of them may have been pushed out by then. */
rasd_status rasd_dedup_add(rasd_dedup *d, int64_t id, const rasd_fingerprint *fp, rasd_dup_match *match);

/* Repeated paragraphs within one article: pairs (a < b, indexes into the
 * paragraph list rasd_segment gives) that are the same paragraph (exact,
 * similarity 1) or restate the same passage in near-identical words
 * (similarity = shared word shingles / shingles of the shorter paragraph,
 * at least RASD_PARAGRAPH_NEAR, and a shared passage of 14 words or more).
 * The rules and the measurements are in docs/corpus.md. */
#define RASD_PARAGRAPH_NEAR 0.25

typedef struct rasd_paragraph_pair {
    size_t a, b;       /* paragraph indexes, a < b */
    bool exact;        /* same normalized words */
    double similarity; /* 1 for exact */
} rasd_paragraph_pair;

/* Fills *pairs (malloc'd, free() it; NULL when none) and *n_pairs. */
rasd_status rasd_repeated_paragraphs(rasd_analyzer *an, const char *text, const rasd_span_list *paragraphs,
                                     rasd_paragraph_pair **pairs, size_t *n_pairs, rasd_error *err);

/* Estimated Jaccard similarity of two fingerprints (share of equal minima),
 * for the evaluation tool and for explaining a match. */
double rasd_fingerprint_similarity(const rasd_fingerprint *a, const rasd_fingerprint *b);

/* Counters of the index, for measuring the LSH parameters. */
typedef struct rasd_dedup_stats {
    size_t articles;   /* added so far */
    size_t candidates; /* LSH candidate pairs verified */
    size_t near;       /* candidates that passed verification */
    size_t exact;      /* exact duplicates */
} rasd_dedup_stats;

void rasd_dedup_get_stats(const rasd_dedup *d, rasd_dedup_stats *stats);

#endif
