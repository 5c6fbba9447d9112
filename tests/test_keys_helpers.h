/*
 * test_keys_helpers.h: a sentence's token-key table (src/extract/phrases.h)
 * built from the analyzer's word keys, as the entity extractor builds it in
 * `rasd analyze`, for the tests that check the keyed entry points of
 * numbers and dates against the plain ones.
 */
#ifndef RASD_TEST_KEYS_HELPERS_H
#define RASD_TEST_KEYS_HELPERS_H

#include "test_helpers.h"

#include "core/internal.h"
#include "extract/phrases.h"

typedef struct known_ctx {
    const char *text;
    const rasd_token *toks;
    char keys[256][256];
} known_ctx;

/* The analyzer's key of a word token (rasd_x_known_key in analyze). */
static const char *analyzer_key(void *vctx, size_t i, size_t *len, uint64_t *hash) {
    known_ctx *k = vctx;
    const rasd_token *t = &k->toks[i];
    rasd_word w;
    if ((t->type != RASD_TOK_WORD && t->type != RASD_TOK_LATIN) ||
        rasd_analyze_word(test_an, k->text, t->start, t->end, &w) != RASD_OK || w.norm_len >= sizeof k->keys[i])
        return NULL;
    /* kept, NUL-terminated, while the table is used: the analyzer's own
     * copy may be written over by the next word */
    memcpy(k->keys[i], w.norm, w.norm_len);
    k->keys[i][w.norm_len] = '\0';
    *len = w.norm_len;
    *hash = rasd_hash_bytes(w.norm, w.norm_len);
    return k->keys[i];
}

/* The key table of toks[0, n) of text (at most 256 tokens); destroy it
 * with rasd_x_keys_destroy. */
static rasd_x_keys *build_keys(const char *text, const rasd_token *toks, size_t n) {
    static known_ctx kc;
    rasd_x_keys *ks = rasd_x_keys_new();
    assert_non_null(ks);
    kc.text = text;
    kc.toks = toks;
    assert_true(rasd_x_keys_build(ks, text, toks, n, analyzer_key, &kc));
    return ks;
}

#endif
