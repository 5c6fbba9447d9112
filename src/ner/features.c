/*
 * features.c: what the tagger sees of each token. ner_prepare reads each
 * token once (its key, base, stem, clitics, affixes, shape, frequency,
 * cluster, tag profile and name-list flags, then the listed names the
 * sentence holds); ner_features turns token i and its neighbours into
 * hashed weight rows, in three parts (self, ctx, pair: ner_internal.h) so
 * that the runtime can cache the sums of the parts that depend on one
 * word only (tagger.c).
 *
 * Every feature is a (template, value) pair hashed straight to a row of the
 * weight table: there is no feature dictionary to store or look up, so the
 * model's size is fixed by the table's and an unseen value costs nothing
 * but a row of zeros (or another feature's row, rarely: a collision).
 *
 * Changing what is hashed here changes what every weight means: bump
 * NER_FEATURE_SET (ner_internal.h) so that old models are refused.
 */
#include "ner/ner_internal.h"
#include "text/utf8_inline.h"

#include <string.h>

enum {
    F_BIAS = 1,
    F_KEY, F_BASE, F_STEM, F_PRO, F_ENC,
    F_PRE1, F_PRE2, F_PRE3, F_SUF1, F_SUF2, F_SUF3,
    F_SHAPE, F_FREQ,
    F_CL4, F_CL6, F_CL10, F_CL, F_NOCL, F_BCL6, F_BCL,
    F_FLAG, F_FLAGFREQ, F_SPAN,
    F_PRO_CL6,
    F_KEY_M2, F_KEY_M1, F_KEY_P1, F_KEY_P2,
    F_BASE_M1, F_BASE_P1,
    F_CL6_M2, F_CL6_M1, F_CL6_P1, F_CL6_P2,
    F_CL_M1, F_CL_P1,
    F_FLAG_M1, F_FLAG_P1, F_SPAN_M1, F_SPAN_P1,
    F_PRO_M1, F_PRO_P1, F_SHAPE_M1, F_SHAPE_P1,
    F_KEYM1_BASE, F_BASE_KEYP1, F_CL4M1_CL4, F_KEYM1_CL6,
    F_PROF, F_PROF_FREQ, F_PROF_M1, F_PROF_P1,
    F_RPRE1, F_RPRE2, F_RPRE3, F_RSUF1, F_RSUF2, F_RSUF3,
    F_LCUE_M1, F_RCUE_P1,
    F_MEM, F_MEM_FREQ, F_MEM_M1, F_MEM_P1,
};

/* Sentinels for the words before and after the sentence. */
#define BOS 0x2545f4914f6cdd1dULL
#define EOS 0x5851f42d4c957f2dULL

static inline uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
}

static inline uint32_t row_of(const ner_context *ctx, uint32_t tmpl, uint64_t value) {
    return (uint32_t)(mix(value + (uint64_t)tmpl * 0x9e3779b97f4a7c15ULL) >> (64 - ctx->bits));
}

/* A cluster path cut to its first `len` bits; the length is part of the
 * value so that a short path is not mistaken for a prefix of a long one. */
static inline uint64_t path_prefix(uint32_t path, unsigned path_len, unsigned len) {
    if (path_len > len) path >>= path_len - len;
    else len = path_len;
    return ((uint64_t)len << 32) | path;
}

/* Length buckets in letters: 1, 2, 3, 4, 5, 6-7, 8+. */
static unsigned length_bucket(size_t letters) {
    return letters <= 5 ? (unsigned)letters : letters <= 7 ? 6 : 7;
}

#define ANY_WHOLE 0x11111u
#define ANY_FIRST 0x22222u
#define ANY_LAST 0x44444u
#define ANY_INNER 0x88888u

void ner_match_names(const ner_context *ctx, ner_tok *toks, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!(toks[i].flags & (ANY_WHOLE | ANY_FIRST))) continue;
        uint64_t h = NER_PHRASE_SEED;
        for (size_t len = 1; len <= ctx->max_phrase && i + len <= n; len++) {
            const ner_tok *last = &toks[i + len - 1];
            if (len > 1 && !(last->flags & (ANY_LAST | ANY_INNER))) break;
            h = ner_phrase_step(h, last->base);
            if (len == 1 ? !(last->flags & ANY_WHOLE) : !(last->flags & ANY_LAST)) continue;
            size_t s = (size_t)h & ctx->phrases_mask;
            while (ctx->phrases[s].hash && ctx->phrases[s].hash != h) s = (s + 1) & ctx->phrases_mask;
            uint32_t classes = ctx->phrases[s].hash ? ctx->phrases[s].classes : 0;
            for (unsigned c = 0; c < NER_LIST_CLASSES; c++) {
                if (!(classes & (1u << c))) continue;
                toks[i].span |= (uint16_t)(1u << (2 * c));
                for (size_t j = i + 1; j < i + len; j++) toks[j].span |= (uint16_t)(2u << (2 * c));
            }
        }
    }
}

/* Hashes of the first and last 1..3 letters (code points) of s. */
static void affixes(const char *s, size_t len, uint64_t *pre, uint64_t *suf) {
    size_t cut[4] = {0}, n = 0, i = 0;
    while (i < len && n < 3) {
        int32_t cp;
        i += rasd_utf8_next((const unsigned char *)s + i, len - i, &cp);
        cut[++n] = i;
    }
    for (size_t k = 1; k <= 3; k++) pre[k - 1] = k <= n ? rasd_hash_bytes(s, cut[k]) : 0;
    size_t ends[4] = {len, 0, 0, 0}, m = 0, j = len;
    while (j > 0 && m < 3) {
        do j--;
        while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80);
        ends[++m] = j;
    }
    for (size_t k = 1; k <= 3; k++) suf[k - 1] = k <= m ? rasd_hash_bytes(s + ends[k], len - ends[k]) : 0;
}

static size_t count_letters(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

void ner_prepare_token_text(const ner_context *ctx, rasd_analyzer *an, const char *text, const rasd_token *tk,
                            ner_tok *t) {
    ner_prepare_token_text_hashed(ctx, an, text, tk, rasd_hash_bytes(text + tk->start, tk->end - tk->start), t);
}

void ner_prepare_token_text_hashed(const ner_context *ctx, rasd_analyzer *an, const char *text,
                                   const rasd_token *tk, uint64_t surf_hash, ner_tok *t) {
    memset(t, 0, sizeof *t);
    size_t letters;
    rasd_word w;
    if ((tk->type == RASD_TOK_WORD || tk->type == RASD_TOK_LATIN) && tk->end > tk->start &&
        rasd_analyze_word_hashed(an, text, tk->start, tk->end, surf_hash, &w) == RASD_OK) {
        t->is_word = 1;
        t->key = w.norm_hash | 1; /* the analyzer's, taken once per word form */
        t->base = w.base_hash | 1;
        t->stem = rasd_hash_bytes(w.stem, w.stem_len) | 1;
        size_t pro_len = (size_t)(w.base - w.norm);
        t->pro = pro_len ? rasd_hash_bytes(w.norm, pro_len) : 0;
        t->enc = w.enclitic ? rasd_hash_bytes(w.enclitic, w.enclitic_len) : 0;
        affixes(w.base, w.base_len, t->pre, t->suf);
        /* and of the whole word: when the analyzer takes a name's first
         * letter for a clitic (فادي, a foreign name in و), the word's own
         * letters still show */
        if (w.norm_len != w.base_len) affixes(w.norm, w.norm_len, t->rpre, t->rsuf);
        letters = count_letters(w.base, w.base_len);
    } else {
        char key[256];
        size_t k = rasd_normalize(text + tk->start, tk->end - tk->start, key, sizeof key);
        if (k >= sizeof key) k = sizeof key - 1;
        letters = count_letters(key, k);
        /* Numbers by their number of digits: 2006 and 2015 play one part. */
        t->key = tk->type == RASD_TOK_NUMBER ? (mix(0x4e554dULL + letters) | 1) : (rasd_hash_bytes(key, k) | 1);
        t->base = t->stem = t->key;
    }
    t->shape = (uint8_t)(tk->type * 8 + length_bucket(letters));
    __builtin_prefetch(&ctx->words[(size_t)t->key & ctx->words_mask]);
    __builtin_prefetch(&ctx->words[(size_t)t->base & ctx->words_mask]);
}

void ner_prepare_token_lists(const ner_context *ctx, ner_tok *t) {
    /* How common the word is comes from the clusters' counts (the same
     * unlabelled news): a name is rarer than the words around it. */
    const ner_word_entry *e = ner_context_find(ctx, t->key);
    if (e) t->path = e->path, t->path_len = (uint8_t)e->path_len, t->freq = (uint8_t)e->freq, t->cue = (uint8_t)e->cue;
    if (t->base != t->key) e = ner_context_find(ctx, t->base);
    if (e) {
        t->flags = e->flags;
        t->prof = (uint8_t)e->prof;
        t->bpath = e->path, t->bpath_len = (uint8_t)e->path_len;
    }
}

void ner_prepare_token(const ner_context *ctx, rasd_analyzer *an, const char *text, const rasd_token *tk,
                       ner_tok *t) {
    ner_prepare_token_text(ctx, an, text, tk, t);
    ner_prepare_token_lists(ctx, t);
}

rasd_status ner_prepare(const ner_context *ctx, rasd_analyzer *an, const char *text, const rasd_token *tokens,
                        size_t n, ner_tok *toks) {
    for (size_t i = 0; i < n; i++) ner_prepare_token(ctx, an, text, &tokens[i], &toks[i]);
    if (ctx->phrases_used) ner_match_names(ctx, toks, n);
    return RASD_OK;
}

#define ADD(tmpl, value) (rows[k++] = row_of(ctx, (tmpl), (value)))

size_t ner_features_self(const ner_context *ctx, const ner_tok *t, uint32_t *rows) {
    size_t k = 0;
    ADD(F_BIAS, 0);
    ADD(F_KEY, t->key);
    ADD(F_BASE, t->base);
    ADD(F_STEM, t->stem);
    ADD(F_PRO, t->pro);
    if (t->enc) ADD(F_ENC, t->enc);
    if (t->is_word) {
        ADD(F_PRE1, t->pre[0]);
        ADD(F_PRE2, t->pre[1]);
        ADD(F_PRE3, t->pre[2]);
        ADD(F_SUF1, t->suf[0]);
        ADD(F_SUF2, t->suf[1]);
        ADD(F_SUF3, t->suf[2]);
        if (t->rpre[0]) {
            ADD(F_RPRE1, t->rpre[0]);
            ADD(F_RPRE2, t->rpre[1]);
            ADD(F_RPRE3, t->rpre[2]);
            ADD(F_RSUF1, t->rsuf[0]);
            ADD(F_RSUF2, t->rsuf[1]);
            ADD(F_RSUF3, t->rsuf[2]);
        }
    }
    ADD(F_SHAPE, t->shape);
    ADD(F_FREQ, t->freq);
    if (t->path_len) {
        ADD(F_CL4, path_prefix(t->path, t->path_len, 4));
        ADD(F_CL6, path_prefix(t->path, t->path_len, 6));
        ADD(F_CL10, path_prefix(t->path, t->path_len, 10));
        ADD(F_CL, path_prefix(t->path, t->path_len, 32));
        ADD(F_PRO_CL6, t->pro ^ path_prefix(t->path, t->path_len, 6));
    } else {
        ADD(F_NOCL, t->is_word);
    }
    if (t->bpath_len && t->base != t->key) {
        ADD(F_BCL6, path_prefix(t->bpath, t->bpath_len, 6));
        ADD(F_BCL, path_prefix(t->bpath, t->bpath_len, 32));
    }
    if (t->prof) {
        ADD(F_PROF, t->prof);
        ADD(F_PROF_FREQ, t->prof * 16u + t->freq);
    }
    /* at most 5 bits are set per class; keep within NER_MAX_SELF */
    for (uint32_t f = t->flags; f && k + 2 <= NER_MAX_SELF; f &= f - 1) {
        unsigned bit = (unsigned)__builtin_ctz(f);
        ADD(F_FLAG, bit);
        ADD(F_FLAGFREQ, bit * 16 + t->freq);
    }
    return k;
}

size_t ner_features_ctx(const ner_context *ctx, const ner_tok *t, int o, uint32_t *rows) {
    size_t k = 0;
    uint64_t edge = o < 0 ? BOS : EOS;
    switch (o) {
    case -2:
        ADD(F_KEY_M2, t ? t->key : edge);
        if (t && t->path_len) ADD(F_CL6_M2, path_prefix(t->path, t->path_len, 6));
        break;
    case 2:
        ADD(F_KEY_P2, t ? t->key : edge);
        if (t && t->path_len) ADD(F_CL6_P2, path_prefix(t->path, t->path_len, 6));
        break;
    case -1:
    case 1: {
        bool m = o < 0;
        ADD(m ? F_KEY_M1 : F_KEY_P1, t ? t->key : edge);
        ADD(m ? F_BASE_M1 : F_BASE_P1, t ? t->base : edge);
        ADD(m ? F_PRO_M1 : F_PRO_P1, t ? t->pro : edge);
        ADD(m ? F_SHAPE_M1 : F_SHAPE_P1, t ? t->shape : 255);
        if (t && t->path_len) {
            ADD(m ? F_CL6_M1 : F_CL6_P1, path_prefix(t->path, t->path_len, 6));
            ADD(m ? F_CL_M1 : F_CL_P1, path_prefix(t->path, t->path_len, 32));
        }
        if (t && t->flags) ADD(m ? F_FLAG_M1 : F_FLAG_P1, t->flags);
        if (t && t->prof) ADD(m ? F_PROF_M1 : F_PROF_P1, t->prof);
        /* what the unlabelled news has after the word before (a name of
         * type X begins) and before the word after (one ends): cue words
         * the labelled data has too few of (profile.c) */
        if (t && t->cue) {
            unsigned c = m ? NER_CUE_LEFT(t->cue) : NER_CUE_RIGHT(t->cue);
            if (c) ADD(m ? F_LCUE_M1 : F_RCUE_P1, c);
        }
        break;
    }
    default:
        break;
    }
    return k;
}

size_t ner_features_pair(const ner_context *ctx, const ner_tok *toks, size_t n, size_t i, uint32_t *rows) {
    const ner_tok *t = &toks[i];
    const ner_tok *m1 = i >= 1 ? &toks[i - 1] : NULL, *p1 = i + 1 < n ? &toks[i + 1] : NULL;
    size_t k = ner_features_bigram(ctx, toks, n, i, rows);
    k += ner_features_mem(ctx, t->mem, t->freq, m1 ? m1->mem : 0, p1 ? p1->mem : 0, rows + k);
    return k + ner_features_span(ctx, t->span, m1 ? m1->span : 0, p1 ? p1->span : 0, k, rows + k);
}

size_t ner_features_bigram(const ner_context *ctx, const ner_tok *toks, size_t n, size_t i, uint32_t *rows) {
    const ner_tok *t = &toks[i];
    const ner_tok *m1 = i >= 1 ? &toks[i - 1] : NULL, *p1 = i + 1 < n ? &toks[i + 1] : NULL;
    size_t k = 0;
    ADD(F_KEYM1_BASE, (m1 ? m1->key : BOS) * 31 + t->base);
    ADD(F_BASE_KEYP1, t->base * 31 + (p1 ? p1->key : EOS));
    if (t->path_len) ADD(F_KEYM1_CL6, (m1 ? m1->key : BOS) * 31 + path_prefix(t->path, t->path_len, 6));
    if (m1 && m1->path_len && t->path_len)
        ADD(F_CL4M1_CL4, path_prefix(m1->path, m1->path_len, 4) * 131 + path_prefix(t->path, t->path_len, 4));
    return k;
}

size_t ner_features_mem(const ner_context *ctx, unsigned mem, unsigned freq, unsigned m1_mem, unsigned p1_mem,
                        uint32_t *rows) {
    /* what the sentences before said of this word and its neighbours
     * (memory.c; 0 when the caller keeps no memory) */
    size_t k = 0;
    if (mem) {
        ADD(F_MEM, mem);
        ADD(F_MEM_FREQ, mem * 16u + freq);
    }
    if (m1_mem) ADD(F_MEM_M1, m1_mem);
    if (p1_mem) ADD(F_MEM_P1, p1_mem);
    return k;
}

size_t ner_features_span(const ner_context *ctx, unsigned span, unsigned m1_span, unsigned p1_span, size_t before,
                         uint32_t *rows) {
    size_t k = 0;
    for (uint32_t s = span; s && before + k < NER_MAX_PAIR - 2; s &= s - 1) ADD(F_SPAN, (unsigned)__builtin_ctz(s));
    if (m1_span) ADD(F_SPAN_M1, m1_span);
    if (p1_span) ADD(F_SPAN_P1, p1_span);
    return k;
}

#undef ADD

static const int OFFSETS[4] = {-2, -1, 1, 2};

size_t ner_features(const ner_context *ctx, const ner_tok *toks, size_t n, size_t i, uint32_t *rows) {
    size_t k = ner_features_self(ctx, &toks[i], rows);
    for (int j = 0; j < 4; j++) {
        int o = OFFSETS[j];
        bool in = o < 0 ? i >= (size_t)-o : i + (size_t)o < n;
        k += ner_features_ctx(ctx, in ? &toks[(size_t)((ptrdiff_t)i + o)] : NULL, o, rows + k);
    }
    return k + ner_features_pair(ctx, toks, n, i, rows + k);
}
