/*
 * model.c: the averaged structured perceptron (Collins 2002) behind the
 * tagger, with libpostal's life cycle: a trainer is made (new), shown one
 * sentence at a time (train), averaged into a model (finalize), and the
 * model is written (save), read back (load) and freed (destroy).
 *
 * Weights live in a table of 2^bits rows, one weight per tag in a row, and
 * a feature is hashed straight to its row (features.c): memory and the
 * file are bounded by the table, whatever the training data. The runtime
 * model keeps the averaged weights as int16 times one scale: half the
 * memory of floats, so more of the table stays in cache, at no cost in
 * accuracy (the averaged weights span a few thousand steps of the scale).
 *
 * Averaging uses the usual trick: beside each weight w the trainer keeps
 * u, the sum of step * change; after T steps the average of w over all
 * steps is w - u / T, with no per-step pass over the table.
 *
 * Two changes to Collins' step make the model rely less on the words it
 * memorised, which is what a name it never saw needs (docs/ner.md, on
 * two contiguous dev tenths: +1.5 F1 each):
 *   - cost-augmented decoding: during training every wrong tag of a token
 *     scores NER_TRAIN_COST more than its weights say, so a sentence is
 *     updated until the gold tagging wins by a margin, not just wins;
 *   - feature dropout: each feature occurrence is left out of a step (of
 *     both the decoding and the update) with probability NER_TRAIN_DROP,
 *     by a hash of the step and its position, so runs are deterministic.
 *     A token's key cannot carry the decision alone: its clusters,
 *     affixes, lists and context learn to as well.
 * Neither changes the runtime: the model and its decoding are as before.
 *
 * The file (all integers little-endian):
 *   magic "RASDNER" 0x1A, u32 version, u32 feature set, u32 bits,
 *   u32 tags, u32 epochs, f32 weight scale, f32 score a, f32 score b,
 *   f32 transitions [(tags + 1) * tags], f32 end transitions [tags],
 *   u64 words, each u64 key hash, u32 cluster path, u32 path length
 *       + 256 * frequency step + 65536 * tag profile,
 *   u64 rows, each u32 row, i16 weights [tags] (only rows not all zero),
 *   u64 XXH64 of everything before it.
 * Load checks each of these and refuses with a message naming the file.
 */
#include "ner/ner_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODEL_VERSION 1
static const unsigned char MAGIC[8] = {'R', 'A', 'S', 'D', 'N', 'E', 'R', 0x1A};

/* ------------------------------------------------------------- Viterbi */

/* I-X may only follow B-X or I-X: a tagging that breaks this has no
 * reading as spans, so the decoder never produces one. */
static inline bool allowed(unsigned prev, unsigned tag) {
    if (tag == RASD_NER_O || (tag & 1)) return true; /* O and B-X follow anything */
    return prev != NER_START && prev != RASD_NER_O && (prev + 1) / 2 == tag / 2;
}

#define NEG (-1e30f)

/* One step of the forward pass: cur[q] = em[q] + the best prev[p] +
 * tt[q][p]. Which p gave it is not kept: the backtrace asks only for the
 * one p of the tag it follows (back_arg), instead of nine per token here
 * (the arguments' blends were half of this step's instructions: the
 * decoder took 30% fewer, callgrind over 504 articles). */
#if defined(__SSE2__)
/* Tags 0-7 in two SSE2 vectors (SSE2 is in every x86-64), tag 8 alone:
 * the decoder was 6% of `rasd analyze --only entities` in scalar code.
 * Every p is tried for every tag, in increasing order and kept only when
 * strictly better (_mm_max_ps(a, b) is a > b ? a : b), as the scalar loop
 * does; for I-X, the p that may not precede it score NEG + prev[p], far
 * below B-X's (which may follow anything, so is never near NEG), so they
 * change neither the maximum nor which p gives it first. The sums are the
 * same single-precision adds as the scalar code's, so the result is the
 * same to the bit (tests/test_ner.c checks the decoder against a plain
 * one). */
#include <emmintrin.h>

_Static_assert(NER_NTAGS == 9 && RASD_NER_I(RASD_NER_MISC) == 8, "forward_step: tags 0-7 in vectors, I-MISC alone");

/* cols[p]: the transitions from p into tags 0-7 */
static inline void forward_step(const float (*tt)[NER_NTAGS + 1], const float (*cols)[8], const float *prev,
                                const float *em, float *cur) {
    __m128 pv = _mm_set1_ps(prev[0]);
    __m128 best_lo = _mm_add_ps(pv, _mm_loadu_ps(cols[0]));
    __m128 best_hi = _mm_add_ps(pv, _mm_loadu_ps(cols[0] + 4));
    for (unsigned p = 1; p < NER_NTAGS; p++) {
        pv = _mm_set1_ps(prev[p]);
        best_lo = _mm_max_ps(_mm_add_ps(pv, _mm_loadu_ps(cols[p])), best_lo);
        best_hi = _mm_max_ps(_mm_add_ps(pv, _mm_loadu_ps(cols[p] + 4)), best_hi);
    }
    _mm_storeu_ps(cur, _mm_add_ps(best_lo, _mm_loadu_ps(em)));
    _mm_storeu_ps(cur + 4, _mm_add_ps(best_hi, _mm_loadu_ps(em + 4)));
    /* I-MISC: only B-MISC and I-MISC may precede it */
    float best = prev[7] + tt[8][7], s;
    if ((s = prev[8] + tt[8][8]) > best) best = s;
    cur[8] = best + em[8];
}

/* The p that gave cur[q] in forward_step: the first best, of the same p
 * and the same sums */
static inline unsigned back_arg(const float (*tt)[NER_NTAGS + 1], const float *prev, unsigned q) {
    unsigned p = q == 8 ? 7 : 0, arg = p;
    float best = prev[p] + tt[q][p], s;
    for (p++; p < NER_NTAGS; p++)
        if ((s = prev[p] + tt[q][p]) > best) best = s, arg = p;
    return arg;
}
#else
/* The first p of the candidates of q: I-X only after B-X or I-X. */
static inline unsigned first_prev(unsigned q) { return q != RASD_NER_O && !(q & 1) ? q - 1 : 0; }
static inline unsigned last_prev(unsigned q) { return q != RASD_NER_O && !(q & 1) ? q : NER_NTAGS - 1; }

static inline void forward_step(const float (*tt)[NER_NTAGS + 1], const float (*cols)[8], const float *prev,
                                const float *em, float *cur) {
    (void)cols;
    for (unsigned q = 0; q < NER_NTAGS; q++) {
        float best = prev[first_prev(q)] + tt[q][first_prev(q)], s;
        for (unsigned p = first_prev(q) + 1; p <= last_prev(q); p++)
            if ((s = prev[p] + tt[q][p]) > best) best = s;
        cur[q] = best + em[q];
    }
}

static inline unsigned back_arg(const float (*tt)[NER_NTAGS + 1], const float *prev, unsigned q) {
    unsigned arg = first_prev(q);
    float best = prev[arg] + tt[q][arg], s;
    for (unsigned p = arg + 1; p <= last_prev(q); p++)
        if ((s = prev[p] + tt[q][p]) > best) best = s, arg = p;
    return arg;
}
#endif

/* One step of the backward pass: cur[p] = the best tt[q][p] + nx[q] over
 * the q that may follow p. O and every B-X may follow p; of the I-X, only
 * p's own type's (the others' transitions are NEG: skipping them changes
 * no maximum and halves the work). Only maxima, no arguments, so the order
 * of the comparisons does not matter. */
#if defined(__SSE2__)
static inline void backward_step(const float (*tt)[NER_NTAGS + 1], const float *nx, float *cur) {
    __m128 lo = _mm_add_ps(_mm_loadu_ps(tt[RASD_NER_O]), _mm_set1_ps(nx[RASD_NER_O]));
    __m128 hi = _mm_add_ps(_mm_loadu_ps(tt[RASD_NER_O] + 4), _mm_set1_ps(nx[RASD_NER_O]));
    for (unsigned q = 1; q < NER_NTAGS; q += 2) {
        __m128 v = _mm_set1_ps(nx[q]);
        lo = _mm_max_ps(lo, _mm_add_ps(_mm_loadu_ps(tt[q]), v));
        hi = _mm_max_ps(hi, _mm_add_ps(_mm_loadu_ps(tt[q] + 4), v));
    }
    /* p's own I-X: for p = 1..7 in lanes, none for O (lane 0: NEG) */
    lo = _mm_max_ps(lo, _mm_add_ps(_mm_setr_ps(NEG, tt[2][1], tt[2][2], tt[4][3]),
                                   _mm_setr_ps(0.0f, nx[2], nx[2], nx[4])));
    hi = _mm_max_ps(hi, _mm_add_ps(_mm_setr_ps(tt[4][4], tt[6][5], tt[6][6], tt[8][7]),
                                   _mm_setr_ps(nx[4], nx[6], nx[6], nx[8])));
    _mm_storeu_ps(cur, lo);
    _mm_storeu_ps(cur + 4, hi);
    unsigned p = NER_NTAGS - 1; /* I-MISC */
    float b = tt[RASD_NER_O][p] + nx[RASD_NER_O];
    for (unsigned q = 1; q < NER_NTAGS; q += 2)
        if (tt[q][p] + nx[q] > b) b = tt[q][p] + nx[q];
    if (tt[p][p] + nx[p] > b) b = tt[p][p] + nx[p];
    cur[p] = b;
}
#else
static inline void backward_step(const float (*tt)[NER_NTAGS + 1], const float *nx, float *cur) {
    for (unsigned p = 0; p < NER_NTAGS; p++) {
        float b = tt[RASD_NER_O][p] + nx[RASD_NER_O];
        for (unsigned q = 1; q < NER_NTAGS; q += 2) {
            float s = tt[q][p] + nx[q];
            if (s > b) b = s;
        }
        if (p != RASD_NER_O) {
            unsigned q = 2 * ((p + 1) / 2); /* I-X of p's type */
            float s = tt[q][p] + nx[q];
            if (s > b) b = s;
        }
        cur[p] = b;
    }
}
#endif

void ner_viterbi(const float (*trans)[NER_NTAGS], const float *trans_end, const float *em, size_t n,
                 uint8_t *tags, float *margin, float *work) {
    if (n == 0) return;
    /* tt[q][p]: the transition into q from p, forbidden ones very low */
    float tt[NER_NTAGS][NER_NTAGS + 1];
    for (unsigned p = 0; p <= NER_NTAGS; p++)
        for (unsigned q = 0; q < NER_NTAGS; q++) tt[q][p] = allowed(p, q) ? trans[p][q] : NEG;
    float *alpha = work, *beta = work + n * NER_NTAGS;
    for (unsigned q = 0; q < NER_NTAGS; q++) alpha[q] = tt[q][NER_START] + em[q];
    float cols[NER_NTAGS][8];
    for (unsigned p = 0; p < NER_NTAGS; p++)
        for (unsigned q = 0; q < 8; q++) cols[p][q] = tt[q][p];
    for (size_t i = 1; i < n; i++)
        forward_step(tt, (const float(*)[8])cols, alpha + (i - 1) * NER_NTAGS, em + i * NER_NTAGS,
                     alpha + i * NER_NTAGS);
    const float *last = alpha + (n - 1) * NER_NTAGS;
    unsigned arg = 0;
    float best = last[0] + trans_end[0];
    for (unsigned q = 1; q < NER_NTAGS; q++)
        if (last[q] + trans_end[q] > best) best = last[q] + trans_end[q], arg = q;
    tags[n - 1] = (uint8_t)arg;
    size_t first = tags[n - 1] != RASD_NER_O ? n - 1 : n; /* the first token not tagged O */
    for (size_t i = n - 1; i > 0; i--)
        if ((tags[i - 1] = (uint8_t)back_arg(tt, alpha + (i - 1) * NER_NTAGS, tags[i])) != RASD_NER_O) first = i - 1;
    bool any = first < n;
    if (!margin || !any) return; /* margins only matter inside entities */
    /* beta[i][p]: the best score of tokens i+1.. given tag p at i. The best
     * tagging that puts p at i scores alpha + beta there. */
    float *bl = beta + (n - 1) * NER_NTAGS;
    for (unsigned q = 0; q < NER_NTAGS; q++) bl[q] = trans_end[q];
    /* back to the first entity only: no margin is asked before it (the
     * decoder took 9% fewer instructions, callgrind over 504 articles) */
    for (size_t i = n - 1; i > first; i--) {
        const float *next = beta + i * NER_NTAGS, *e = em + i * NER_NTAGS;
        float *cur = beta + (i - 1) * NER_NTAGS;
        float nx[NER_NTAGS];
        for (unsigned q = 0; q < NER_NTAGS; q++) nx[q] = e[q] + next[q];
        backward_step(tt, nx, cur);
    }
    for (size_t i = first; i < n; i++) {
        if (tags[i] == RASD_NER_O) continue;
        float other = NEG;
        for (unsigned q = 0; q < NER_NTAGS; q++)
            if (q != tags[i]) {
                float s = alpha[i * NER_NTAGS + q] + beta[i * NER_NTAGS + q];
                if (s > other) other = s;
            }
        margin[i] = best - other;
    }
}

/* ------------------------------------------------------------- trainer */

/* Margin of cost-augmented decoding, in units of one perceptron update
 * (5-20 all did about as well; 0 is Collins' perceptron). */
#define NER_TRAIN_COST 10.0f
/* Share of feature occurrences dropped from a step, out of 65,536 (10%;
 * 25% did worse on the last tenth, 0 is the plain perceptron). */
#define NER_TRAIN_DROP 6554u

/* Whether feature occurrence f of the sentence is dropped at this step
 * (drop: out of 65,536). */
static inline bool dropped(uint64_t seed, uint32_t f, uint32_t drop) {
    uint64_t h = (seed ^ ((uint64_t)f * 0xc4ceb9fe1a85ec53ULL)) * 0xff51afd7ed558ccdULL;
    return (h >> 48) < drop;
}

struct ner_trainer {
    ner_context ctx;
    size_t rows;
    float *w;
    double *u;
    float trans[NER_NTAGS + 1][NER_NTAGS];
    double utrans[NER_NTAGS + 1][NER_NTAGS];
    float tend[NER_NTAGS];
    double utend[NER_NTAGS];
    uint64_t steps;
    /* the run's seed (which features are dropped; 0: the first run's), the
     * dropout share out of 65,536 and the cost of a wrong tag */
    uint64_t seed;
    uint32_t drop;
    float cost;
    /* model averaging across runs (ner_trainer_restart): the sum of the
     * averaged weights of the runs before this one, and how many */
    float *soup;
    double soup_trans[NER_NTAGS + 1][NER_NTAGS], soup_tend[NER_NTAGS];
    unsigned souped;
    /* scratch for one sentence */
    float *em, *work;
    uint8_t *pred;
    size_t cap;
};

ner_trainer *ner_trainer_new(ner_context *ctx, rasd_error *err) {
    ner_trainer *tr = calloc(1, sizeof *tr);
    if (!tr) {
        ner_context_free(ctx);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    tr->ctx = *ctx;
    memset(ctx, 0, sizeof *ctx);
    tr->rows = (size_t)1 << tr->ctx.bits;
    tr->drop = NER_TRAIN_DROP;
    tr->cost = NER_TRAIN_COST;
    tr->w = rasd_table_alloc(tr->rows * NER_NTAGS * sizeof *tr->w);
    tr->u = rasd_table_alloc(tr->rows * NER_NTAGS * sizeof *tr->u);
    if (!tr->w || !tr->u) {
        unsigned bits = tr->ctx.bits;
        ner_trainer_destroy(tr);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory for a table of 2^%u rows", bits);
        return NULL;
    }
    return tr;
}

void ner_trainer_destroy(ner_trainer *tr) {
    if (!tr) return;
    ner_context_free(&tr->ctx);
    rasd_table_free(tr->w, tr->rows * NER_NTAGS * sizeof *tr->w);
    rasd_table_free(tr->u, tr->rows * NER_NTAGS * sizeof *tr->u);
    rasd_table_free(tr->soup, tr->rows * NER_NTAGS * sizeof *tr->soup);
    free(tr->em);
    free(tr->work);
    free(tr->pred);
    free(tr);
}

const ner_context *ner_trainer_context(const ner_trainer *tr) { return &tr->ctx; }

void ner_trainer_tune(ner_trainer *tr, double drop, double cost, uint64_t seed) {
    tr->drop = (uint32_t)lrint(drop * 65536.0);
    tr->cost = (float)cost;
    tr->seed = seed;
}

uint64_t ner_trainer_seed(const ner_trainer *tr) { return tr->seed; }

/* The averaged weight of row entry i after the steps so far */
static inline float averaged(double w, double u, double T) { return (float)(w - u / T); }

rasd_status ner_trainer_restart(ner_trainer *tr, uint64_t seed) {
    size_t cells = tr->rows * NER_NTAGS;
    if (!tr->soup && !(tr->soup = rasd_table_alloc(cells * sizeof *tr->soup))) return RASD_ERR_NOMEM;
    double T = tr->steps ? (double)tr->steps : 1.0;
    for (size_t i = 0; i < cells; i++) tr->soup[i] += averaged(tr->w[i], tr->u[i], T);
    for (unsigned p = 0; p <= NER_NTAGS; p++)
        for (unsigned q = 0; q < NER_NTAGS; q++) tr->soup_trans[p][q] += averaged(tr->trans[p][q], tr->utrans[p][q], T);
    for (unsigned q = 0; q < NER_NTAGS; q++) tr->soup_tend[q] += averaged(tr->tend[q], tr->utend[q], T);
    tr->souped++;
    memset(tr->w, 0, cells * sizeof *tr->w);
    memset(tr->u, 0, cells * sizeof *tr->u);
    memset(tr->trans, 0, sizeof tr->trans);
    memset(tr->utrans, 0, sizeof tr->utrans);
    memset(tr->tend, 0, sizeof tr->tend);
    memset(tr->utend, 0, sizeof tr->utend);
    tr->steps = 0;
    tr->seed = seed;
    return RASD_OK;
}

rasd_status ner_example_init(ner_example *ex, const ner_context *ctx, rasd_analyzer *an, const char *text,
                             const rasd_token *tokens, size_t n, const uint8_t *gold) {
    return ner_example_init_mem(ex, ctx, an, text, tokens, n, gold, NULL);
}

rasd_status ner_example_init_mem(ner_example *ex, const ner_context *ctx, rasd_analyzer *an, const char *text,
                                 const rasd_token *tokens, size_t n, const uint8_t *gold, const uint8_t *mem) {
    memset(ex, 0, sizeof *ex);
    ner_tok *toks = malloc((n ? n : 1) * sizeof *toks);
    ex->gold = malloc(n ? n : 1);
    ex->off = malloc((n + 1) * sizeof *ex->off);
    ex->rows = malloc((n ? n : 1) * NER_MAX_FEATURES * sizeof *ex->rows);
    if (!toks || !ex->gold || !ex->off || !ex->rows) {
        free(toks);
        ner_example_free(ex);
        return RASD_ERR_NOMEM;
    }
    rasd_status st = ner_prepare(ctx, an, text, tokens, n, toks);
    if (st != RASD_OK) {
        free(toks);
        ner_example_free(ex);
        return st;
    }
    if (mem)
        for (size_t i = 0; i < n; i++) toks[i].mem = mem[i];
    ex->n = n;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        ex->off[i] = (uint32_t)k;
        k += ner_features(ctx, toks, n, i, ex->rows + k);
        /* A gold I-X that follows O or another type begins a span (as
         * conlleval reads it); train on the B-X the decoder can produce. */
        uint8_t g = gold[i];
        if (g != RASD_NER_O && !(g & 1) && (i == 0 || (ex->gold[i - 1] + 1) / 2 != (g + 1) / 2)) g--;
        ex->gold[i] = g;
    }
    ex->off[n] = (uint32_t)k;
    ex->weight = 1.0f;
    free(toks);
    uint32_t *fit = realloc(ex->rows, (k ? k : 1) * sizeof *ex->rows);
    if (fit) ex->rows = fit;
    return RASD_OK;
}

void ner_example_free(ner_example *ex) {
    free(ex->gold);
    free(ex->rows);
    free(ex->off);
    memset(ex, 0, sizeof *ex);
}

static bool reserve(ner_trainer *tr, size_t n) {
    if (n <= tr->cap) return true;
    size_t cap = n < 64 ? 64 : n * 2;
    float *em = realloc(tr->em, cap * NER_NTAGS * sizeof *em);
    if (em) tr->em = em;
    float *work = realloc(tr->work, 2 * cap * NER_NTAGS * sizeof *work);
    if (work) tr->work = work;
    uint8_t *pred = realloc(tr->pred, cap);
    if (pred) tr->pred = pred;
    if (!em || !work || !pred) return false;
    tr->cap = cap;
    return true;
}

static inline void update(float *w, double *u, float delta, double step) {
    *w += delta;
    *u += step * delta;
}

size_t ner_trainer_train(ner_trainer *tr, const ner_example *ex) {
    size_t n = ex->n;
    if (n == 0) return 0;
    if (!reserve(tr, n)) return n; /* out of memory: skip the sentence */
    uint64_t seed = (tr->steps + 1) * 0x9e3779b97f4a7c15ULL ^ tr->seed * 0xd6e8feb86659fd93ULL;
    for (size_t i = 0; i < n; i++) {
        float *e = tr->em + i * NER_NTAGS;
        memset(e, 0, NER_NTAGS * sizeof *e);
        for (uint32_t f = ex->off[i]; f < ex->off[i + 1]; f++) {
            if (dropped(seed, f, tr->drop)) continue;
            const float *w = tr->w + (size_t)ex->rows[f] * NER_NTAGS;
            for (unsigned q = 0; q < NER_NTAGS; q++) e[q] += w[q];
        }
        for (unsigned q = 0; q < NER_NTAGS; q++)
            if (q != ex->gold[i]) e[q] += tr->cost;
    }
    ner_viterbi((const float(*)[NER_NTAGS])tr->trans, tr->tend, tr->em, n, tr->pred, NULL, tr->work);
    size_t wrong = 0;
    double step = (double)tr->steps;
    const float d = ex->weight; /* a self-labelled sentence moves the weights less */
    for (size_t i = 0; i < n; i++) {
        uint8_t g = ex->gold[i], p = tr->pred[i];
        uint8_t gp = i ? ex->gold[i - 1] : NER_START, pp = i ? tr->pred[i - 1] : NER_START;
        if (g != p) {
            wrong++;
            for (uint32_t f = ex->off[i]; f < ex->off[i + 1]; f++) {
                if (dropped(seed, f, tr->drop)) continue;
                size_t r = (size_t)ex->rows[f] * NER_NTAGS;
                update(&tr->w[r + g], &tr->u[r + g], d, step);
                update(&tr->w[r + p], &tr->u[r + p], -d, step);
            }
        }
        if (g != p || gp != pp) {
            update(&tr->trans[gp][g], &tr->utrans[gp][g], d, step);
            update(&tr->trans[pp][p], &tr->utrans[pp][p], -d, step);
        }
    }
    if (ex->gold[n - 1] != tr->pred[n - 1]) {
        update(&tr->tend[ex->gold[n - 1]], &tr->utend[ex->gold[n - 1]], d, step);
        update(&tr->tend[tr->pred[n - 1]], &tr->utend[tr->pred[n - 1]], -d, step);
    }
    tr->steps++;
    return wrong;
}

rasd_ner_model *ner_trainer_finalize(const ner_trainer *tr, uint32_t epochs, rasd_error *err) {
    rasd_ner_model *m = calloc(1, sizeof *m);
    if (!m) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (ner_context_copy(&m->ctx, &tr->ctx, err) != RASD_OK) {
        free(m);
        return NULL;
    }
    int16_t *dense = rasd_table_alloc(tr->rows * NER_NTAGS * sizeof *dense);
    float *avg = malloc(tr->rows * NER_NTAGS * sizeof *avg);
    if (!dense || !avg) {
        rasd_table_free(dense, tr->rows * NER_NTAGS * sizeof *dense);
        free(avg);
        rasd_ner_destroy(m);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    double T = tr->steps ? (double)tr->steps : 1.0;
    /* with earlier runs, the mean of their averages and this run's */
    const float share = 1.0f / (float)(tr->souped + 1);
    float top = 0;
    for (size_t i = 0; i < tr->rows * NER_NTAGS; i++) {
        avg[i] = averaged(tr->w[i], tr->u[i], T);
        if (tr->souped) avg[i] = (avg[i] + tr->soup[i]) * share;
        if (fabsf(avg[i]) > top) top = fabsf(avg[i]);
    }
    m->wscale = top > 0 ? top / 32767.0f : 1.0f;
    for (size_t i = 0; i < tr->rows * NER_NTAGS; i++) dense[i] = (int16_t)lrintf(avg[i] / m->wscale);
    free(avg);
    rasd_status packed = ner_weights_from_dense(&m->w, tr->ctx.bits, dense);
    rasd_table_free(dense, tr->rows * NER_NTAGS * sizeof *dense);
    if (packed != RASD_OK) {
        rasd_ner_destroy(m);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    for (unsigned p = 0; p <= NER_NTAGS; p++)
        for (unsigned q = 0; q < NER_NTAGS; q++)
            m->trans[p][q] = (averaged(tr->trans[p][q], tr->utrans[p][q], T) + (float)tr->soup_trans[p][q]) * share;
    for (unsigned q = 0; q < NER_NTAGS; q++)
        m->trans_end[q] = (averaged(tr->tend[q], tr->utend[q], T) + (float)tr->soup_tend[q]) * share;
    m->score_a = 1.0f;
    m->score_b = 0.0f;
    m->epochs = epochs;
    m->id = ner_model_new_id();
    return m;
}

void rasd_ner_destroy(rasd_ner_model *m) {
    if (!m) return;
    ner_context_free(&m->ctx);
    ner_weights_free(&m->w);
    free(m);
}

/* ---------------------------------------------------------------- files */

rasd_status ner_model_save(const rasd_ner_model *m, const char *path, rasd_error *err) {
    rasd_buf b = {0};
    rasd_buf_append(&b, (const char *)MAGIC, sizeof MAGIC);
    rasd_buf_put_u32(&b, MODEL_VERSION);
    rasd_buf_put_u32(&b, NER_FEATURE_SET);
    rasd_buf_put_u32(&b, m->ctx.bits);
    rasd_buf_put_u32(&b, NER_NTAGS);
    rasd_buf_put_u32(&b, m->epochs);
    rasd_buf_put_f32(&b, m->wscale);
    rasd_buf_put_f32(&b, m->score_a);
    rasd_buf_put_f32(&b, m->score_b);
    for (unsigned p = 0; p <= NER_NTAGS; p++)
        for (unsigned q = 0; q < NER_NTAGS; q++) rasd_buf_put_f32(&b, m->trans[p][q]);
    for (unsigned q = 0; q < NER_NTAGS; q++) rasd_buf_put_f32(&b, m->trans_end[q]);
    uint64_t nc = 0;
    for (size_t i = 0; i <= m->ctx.words_mask; i++)
        nc += m->ctx.words[i].hash && (m->ctx.words[i].path_len || m->ctx.words[i].prof || m->ctx.words[i].cue);
    rasd_buf_put_u64(&b, nc);
    for (size_t i = 0; i <= m->ctx.words_mask; i++) {
        const ner_word_entry *e = &m->ctx.words[i];
        if (!e->hash || (!e->path_len && !e->prof && !e->cue)) continue;
        rasd_buf_put_u64(&b, e->hash);
        rasd_buf_put_u32(&b, e->path);
        rasd_buf_put_u32(&b, e->path_len | (uint32_t)e->freq << 8 | (uint32_t)e->prof << 16 | (uint32_t)e->cue << 24);
    }
    rasd_buf_put_u64(&b, m->w.n_rows);
    for (size_t blk = 0; blk < m->w.n_blocks; blk++) {
        uint64_t present = m->w.blocks[blk].present;
        for (uint32_t k = m->w.blocks[blk].first; present; present &= present - 1, k++) {
            rasd_buf_put_u32(&b, (uint32_t)(blk * 64 + (size_t)__builtin_ctzll(present)));
            const int16_t *w = ner_weights_row(&m->w, k);
            for (unsigned q = 0; q < NER_NTAGS; q++) {
                uint16_t v = (uint16_t)w[q];
                unsigned char c[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
                rasd_buf_append(&b, (const char *)c, 2);
            }
        }
    }
    if (b.oom) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory writing %s", path);
    }
    rasd_buf_put_u64(&b, XXH64(b.data, b.len, 0));
    /* Write beside the target and rename: a reader never sees half a model. */
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    rasd_status st = RASD_OK;
    if (!f) st = rasd_fail(err, RASD_ERR_IO, "%s: cannot write: %s", tmp, strerror(errno));
    else {
        bool ok = fwrite(b.data, 1, b.len, f) == b.len;
        ok &= fclose(f) == 0;
        if (!ok || rename(tmp, path) != 0) {
            st = rasd_fail(err, RASD_ERR_IO, "%s: cannot write: %s", path, strerror(errno));
            remove(tmp);
        }
    }
    rasd_buf_free(&b);
    return st;
}

static rasd_status read_all(const char *path, unsigned char **data, size_t *len, rasd_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) return rasd_fail(err, RASD_ERR_IO, "%s: cannot open the name-tagger model: %s", path, strerror(errno));
    rasd_buf b = {0};
    bool bad = !rasd_buf_read_file(&b, f);
    fclose(f);
    if (bad || b.oom) {
        rasd_buf_free(&b);
        return rasd_fail(err, bad ? RASD_ERR_IO : RASD_ERR_NOMEM, "%s: cannot read the name-tagger model", path);
    }
    if (!b.data) rasd_buf_reserve(&b, 1); /* an empty file: still a buffer, never NULL + 0 */
    if (b.oom) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", path);
    *data = (unsigned char *)b.data;
    *len = b.len;
    return RASD_OK;
}

rasd_ner_model *ner_model_read(const rasd_lexicon *lex, const char *path, rasd_error *err) {
    unsigned char *data = NULL;
    size_t len = 0;
    if (read_all(path, &data, &len, err) != RASD_OK) return NULL;
    rasd_ner_model *m = NULL;
    const char *why = NULL;
    char whybuf[200];
    rasd_le_reader r = {data, data + len, false};
    if (len < sizeof MAGIC || memcmp(data, MAGIC, sizeof MAGIC) != 0) {
        why = "not a rasd name-tagger model (wrong magic number)";
        goto fail;
    }
    r.p += sizeof MAGIC;
    uint32_t version = rasd_le_u32(&r);
    if (r.short_read) {
        why = "truncated";
        goto fail;
    }
    if (version != MODEL_VERSION) {
        snprintf(whybuf, sizeof whybuf, "model format version %u, this rasd reads version %d (retrain: scripts/train-ner.sh)",
                 version, MODEL_VERSION);
        why = whybuf;
        goto fail;
    }
    {
        rasd_le_reader tail = {data + (len >= 8 ? len - 8 : 0), data + len, false};
        uint64_t sum = len >= sizeof MAGIC + 12 ? rasd_le_u64(&tail) : 0;
        if (len < sizeof MAGIC + 12 || XXH64(data, len - 8, 0) != sum) {
            why = "truncated or corrupt (checksum mismatch)";
            goto fail;
        }
    }
    r.end = data + len - 8; /* the checksum is not data */
    uint32_t fset = rasd_le_u32(&r), bits = rasd_le_u32(&r), ntags = rasd_le_u32(&r), epochs = rasd_le_u32(&r);
    if (fset != NER_FEATURE_SET) {
        snprintf(whybuf, sizeof whybuf, "trained with feature set %u, this rasd extracts set %d (retrain: scripts/train-ner.sh)",
                 fset, NER_FEATURE_SET);
        why = whybuf;
        goto fail;
    }
    if (bits < NER_MIN_BITS || bits > NER_MAX_BITS || ntags != NER_NTAGS) {
        why = "bad header (table size or tag count out of range)";
        goto fail;
    }
    m = calloc(1, sizeof *m);
    if (!m || ner_context_init(&m->ctx, bits, lex, NULL) != RASD_OK) {
        free(data);
        free(m);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory loading %s", path);
        return NULL;
    }
    m->epochs = epochs;
    m->id = ner_model_new_id();
    m->wscale = rasd_le_f32(&r);
    m->score_a = rasd_le_f32(&r);
    m->score_b = rasd_le_f32(&r);
    bool finite = isfinite(m->wscale) && m->wscale > 0 && isfinite(m->score_a) && isfinite(m->score_b);
    for (unsigned p = 0; p <= NER_NTAGS; p++)
        for (unsigned q = 0; q < NER_NTAGS; q++) finite &= isfinite(m->trans[p][q] = rasd_le_f32(&r)) != 0;
    for (unsigned q = 0; q < NER_NTAGS; q++) finite &= isfinite(m->trans_end[q] = rasd_le_f32(&r)) != 0;
    if (r.short_read) {
        why = "truncated";
        goto fail;
    }
    if (!finite) {
        why = "bad weights (not finite numbers)";
        goto fail;
    }
    uint64_t nc = rasd_le_u64(&r);
    if (nc > (uint64_t)(r.end - r.p) / 16) {
        why = "truncated (fewer clusters than the header says)";
        goto fail;
    }
    for (uint64_t i = 0; i < nc; i++) {
        uint64_t h = rasd_le_u64(&r);
        uint32_t path_bits = rasd_le_u32(&r), plen = rasd_le_u32(&r), freq = (plen >> 8) & 255,
                 prof = (plen >> 16) & 255, cue = plen >> 24;
        plen &= 255;
        if (!h || (plen == 0 && prof == 0 && cue == 0) || plen > NER_CLUSTER_MAX_BITS || freq > 15 ||
            cue > NER_CUE(12, 8) || path_bits >> plen) {
            why = "bad cluster entry";
            goto fail;
        }
        ner_word_entry *e = ner_context_word(&m->ctx, h, true);
        if (!e) {
            why = "out of memory";
            goto fail;
        }
        m->ctx.n_clusters += plen && !e->path_len;
        m->ctx.n_profiles += prof && !e->prof;
        e->path = path_bits;
        e->path_len = plen;
        e->freq = freq;
        e->prof = prof;
        e->cue = cue;
    }
    size_t rows = (size_t)1 << bits;
    uint64_t nr = rasd_le_u64(&r);
    if (r.short_read || nr > rows || nr * (4 + 2 * NER_NTAGS) != (uint64_t)(r.end - r.p)) {
        why = "truncated or corrupt (the weight rows do not fill the file)";
        goto fail;
    }
    if (ner_weights_init(&m->w, bits, (size_t)nr) != RASD_OK) {
        why = "out of memory for the weights";
        goto fail;
    }
    for (uint64_t i = 0; i < nr; i++) {
        uint32_t row = rasd_le_u32(&r);
        int16_t values[NER_NTAGS];
        for (unsigned q = 0; q < NER_NTAGS; q++, r.p += 2) values[q] = (int16_t)(uint16_t)(r.p[0] | r.p[1] << 8);
        if (row >= rows || !ner_weights_add(&m->w, row, values)) {
            snprintf(whybuf, sizeof whybuf, "bad weight row %u (row %" PRIu64 " of %" PRIu64 "): out of range or not after the one before",
                     row, i + 1, nr);
            why = whybuf;
            goto fail;
        }
    }
    free(data);
    return m;
fail:
    free(data);
    rasd_ner_destroy(m);
    rasd_fail(err, RASD_ERR_DATA, "%s: %s", path, why);
    return NULL;
}
