/*
 * weights.c: a model's weight rows as the tagger reads them: only the rows
 * that are not all zero, packed in row order, found through a bitmap with
 * a running count.
 *
 * Why not the plain table: features are hashed into 2^bits rows (2^20, 19
 * MB of int16), but a trained model fills few of them (80,435 of 1,048,576
 * in data/ner/model.bin, 7.7%). Tagging reads some ten rows per token at
 * random; in the plain table nearly every read was a miss to main memory,
 * and they were a third of the tagger's time. Packed, the rows take 1.4 MB
 * and the bitmap 256 KB, which stay in the caches; a feature whose row is
 * zero (an unseen value) is known from the bitmap and read no further.
 * The sums are the same: a zero row adds nothing.
 *
 * No library does this: it is a rank structure over one bitmap (as in
 * succinct data structures), a popcount per look-up.
 */
#include "ner/ner_internal.h"

#include <stdlib.h>
#include <string.h>

void ner_weights_free(ner_weights *w) {
    if (!w) return;
    free(w->blocks);
    free(w->rows);
    memset(w, 0, sizeof *w);
}

rasd_status ner_weights_init(ner_weights *w, uint32_t bits, size_t n_rows) {
    memset(w, 0, sizeof *w);
    size_t total = (size_t)1 << bits;
    w->bits = bits;
    w->n_blocks = (total + 63) / 64;
    w->blocks = calloc(w->n_blocks, sizeof *w->blocks);
    w->rows = malloc((n_rows ? n_rows : 1) * NER_NTAGS * sizeof *w->rows);
    w->cap = n_rows;
    if (!w->blocks || !w->rows) {
        ner_weights_free(w);
        return RASD_ERR_NOMEM;
    }
    return RASD_OK;
}

bool ner_weights_add(ner_weights *w, uint32_t row, const int16_t *values) {
    if ((size_t)row >= (w->n_blocks << 6) || w->n_rows == w->cap) return false;
    if (w->n_rows && row <= w->last) return false; /* in increasing order, once each */
    bool any = false;
    for (unsigned q = 0; q < NER_NTAGS; q++) any |= values[q] != 0;
    if (!any) return true; /* a zero row is no row */
    ner_weight_block *b = &w->blocks[row >> 6];
    if (!b->present) b->first = (uint32_t)w->n_rows; /* rows come in order: this block's first */
    b->present |= 1ULL << (row & 63);
    memcpy(w->rows + w->n_rows * NER_NTAGS, values, NER_NTAGS * sizeof *values);
    w->n_rows++;
    w->last = row;
    return true;
}

rasd_status ner_weights_from_dense(ner_weights *w, uint32_t bits, const int16_t *dense) {
    size_t total = (size_t)1 << bits, n = 0;
    for (size_t r = 0; r < total; r++) {
        const int16_t *v = dense + r * NER_NTAGS;
        for (unsigned q = 0; q < NER_NTAGS; q++)
            if (v[q]) {
                n++;
                break;
            }
    }
    rasd_status st = ner_weights_init(w, bits, n);
    if (st != RASD_OK) return st;
    for (size_t r = 0; r < total; r++) ner_weights_add(w, (uint32_t)r, dense + r * NER_NTAGS);
    return RASD_OK;
}

bool ner_weights_get(const ner_weights *w, uint32_t row, int16_t *values) {
    uint32_t k = ner_weights_find(w, row);
    if (k == NER_NO_ROW) {
        memset(values, 0, NER_NTAGS * sizeof *values);
        return false;
    }
    memcpy(values, ner_weights_row(w, k), NER_NTAGS * sizeof *values);
    return true;
}

/* A copy of the look-up loop for processors with the POPCNT instruction,
 * chosen at each call (a test of a flag the C runtime sets at start): the
 * baseline x86-64 build may not assume POPCNT, and these look-ups are most
 * of the tagger's popcounts. Over SaudiNewsNet, `analyze --only entities`
 * took 0.12 s less CPU time than with the inline SWAR count alone.
 * (target_clones would do the dispatch, but clang 14 wants it on every
 * declaration, so in ner_internal.h too, and then in every caller's TU.) */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_POPCNT_COPY 1
__attribute__((target("popcnt"))) static size_t pack_popcnt(const ner_weights *w, const uint32_t *rows, size_t k,
                                                             uint32_t *out) {
    size_t n = 0;
    for (size_t f = 0; f < k; f++) {
        const ner_weight_block *b = &w->blocks[rows[f] >> 6];
        uint64_t bit = 1ULL << (rows[f] & 63);
        if (b->present & bit) out[n++] = b->first + (uint32_t)__builtin_popcountll(b->present & (bit - 1));
    }
    return n;
}
#endif

size_t ner_weights_pack(const ner_weights *w, const uint32_t *rows, size_t k, uint32_t *out) {
#ifdef HAVE_POPCNT_COPY
    if (__builtin_cpu_supports("popcnt")) return pack_popcnt(w, rows, k, out);
#endif
    size_t n = 0;
    for (size_t f = 0; f < k; f++) {
        uint32_t i = ner_weights_find(w, rows[f]);
        if (i != NER_NO_ROW) out[n++] = i;
    }
    return n;
}
