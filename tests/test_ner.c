/*
 * test_ner.c: the name tagger (src/ner/). Every sentence here is written
 * for the test (the names are made up, so that nothing is known from the
 * name lists or the clusters): a tiny training set teaches an obvious
 * pattern; a model survives saving and loading; the cached runtime path
 * agrees with the plain one; broken model files are refused with a
 * message. Scoring and the commands are in test_ner_cli.c.
 */
#define TEST_TMPDIR "/tmp/rasd-ner-XXXXXX"
#include "cli_run.h"

#include "test_ner_helpers.h"

#include <xxhash.h>
#include <math.h>


/* A model averaged over runs (ner_trainer_restart) of the given seeds;
 * one run of seed 0 is the plain trainer's. */
static rasd_ner_model *train_tiny_runs(uint32_t epochs, const uint64_t *seeds, size_t runs) {
    static sentence train[64];
    size_t n = build_training(train, 64);
    ner_context ctx;
    rasd_error err = {0};
    assert_int_equal(ner_context_init(&ctx, 16, test_lex, &err), RASD_OK);
    ner_trainer *tr = ner_trainer_new(&ctx, &err);
    assert_non_null(tr);
    ner_example ex[64];
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ner_example_init(&ex[i], ner_trainer_context(tr), test_an, train[i].text, train[i].tokens,
                                          train[i].n, train[i].tags),
                         RASD_OK);
    for (size_t r = 0; r < runs; r++) {
        if (r) assert_int_equal(ner_trainer_restart(tr, seeds[r]), RASD_OK);
        else ner_trainer_tune(tr, 0.1, 10, seeds[0]);
        size_t wrong = 0;
        for (uint32_t e = 0; e < epochs; e++) {
            wrong = 0;
            for (size_t i = 0; i < n; i++) wrong += ner_trainer_train(tr, &ex[i]);
        }
        /* the pattern is learnt: the last epoch makes no mistake even with
         * the training's margin and feature dropout (model.c); another
         * seed's drops may still cost a token or two (the averaged model
         * is what is judged) */
        if (seeds[r] == 0) assert_int_equal(wrong, 0);
        else assert_true(wrong <= 2);
    }
    rasd_ner_model *m = ner_trainer_finalize(tr, epochs, &err);
    assert_non_null(m);
    for (size_t i = 0; i < n; i++) ner_example_free(&ex[i]);
    ner_trainer_destroy(tr);
    return m;
}

static rasd_ner_model *train_tiny(uint32_t epochs) { return train_tiny_runs(epochs, (const uint64_t[]){0}, 1); }

/* Sentences the tiny model has not seen: new names in the same frames. */
static const char *const UNSEEN[] = {
    "قال السيد بهلول/B-PERS إن الاجتماع كان مثمرا .",
    "وصل الوفد إلى مدينة قصرونة/B-LOC صباح اليوم .",
    "التقى السيد دحمان/B-PERS الفرحاتي/I-PERS وفدا من مدينة ربوعة/B-LOC أمس .",
    "وأعلنت شركة عنبرات/B-ORG أرباحها في مدينة زنبقة/B-LOC .",
};

/* ----------------------------------------------------------------- tests */

static void test_tag_names(void **state) {
    (void)state;
    assert_string_equal(rasd_ner_tag_name(RASD_NER_B(RASD_NER_LOC)), "B-LOC");
    assert_string_equal(rasd_ner_tag_name(RASD_NER_I(RASD_NER_MISC)), "I-MISC");
    assert_null(rasd_ner_tag_name(NER_NTAGS));
    uint8_t t;
    assert_true(rasd_ner_tag_parse("I-ORG", 5, &t));
    assert_int_equal(t, RASD_NER_I(RASD_NER_ORG));
    assert_false(rasd_ner_tag_parse("B-DATE", 6, &t));
    assert_false(rasd_ner_tag_parse("o", 1, &t));
}

static void test_learns_pattern(void **state) {
    (void)state;
    rasd_ner_model *m = train_tiny(8);
    rasd_ner_result res = {0};
    rasd_error err = {0};
    for (size_t k = 0; k < sizeof UNSEEN / sizeof UNSEEN[0]; k++) {
        sentence s;
        make_sentence(&s, UNSEEN[k]);
        assert_int_equal(rasd_ner_tag(m, test_an, s.text, s.tokens, s.n, &res, &err), RASD_OK);
        assert_int_equal(res.n_tags, s.n);
        for (size_t i = 0; i < s.n; i++) {
            if (res.tags[i] != s.tags[i])
                fprintf(stderr, "sentence %zu token %zu: got %s, want %s\n", k, i, rasd_ner_tag_name(res.tags[i]),
                        rasd_ner_tag_name(s.tags[i]));
            assert_int_equal(res.tags[i], s.tags[i]);
        }
    }
    /* spans: byte offsets of the whole name, its type and a score */
    sentence s;
    make_sentence(&s, UNSEEN[2]);
    assert_int_equal(rasd_ner_tag(m, test_an, s.text, s.tokens, s.n, &res, &err), RASD_OK);
    assert_int_equal(res.n_entities, 2);
    const rasd_ner_entity *e = &res.entities[0];
    assert_int_equal(e->type, RASD_NER_PERS);
    assert_int_equal(e->first_token, 2);
    assert_int_equal(e->end_token, 4);
    assert_int_equal(e->start, s.tokens[2].start);
    assert_int_equal(e->end, s.tokens[3].end);
    assert_true(strncmp(s.text + e->start, "دحمان الفرحاتي", e->end - e->start) == 0);
    assert_true(e->score > 0.5f && e->score <= 1.0f);
    assert_int_equal(res.entities[1].type, RASD_NER_LOC);
    /* an empty sentence is no error */
    assert_int_equal(rasd_ner_tag(m, test_an, "", NULL, 0, &res, &err), RASD_OK);
    assert_int_equal(res.n_entities, 0);
    assert_int_equal(rasd_ner_tag(NULL, test_an, s.text, s.tokens, s.n, &res, &err), RASD_ERR_USAGE);
    rasd_ner_result_free(&res);
    rasd_ner_destroy(m);
}

/* Model averaging across runs: two runs of one seed average to that run
 * (to the bit: the mean of two equal floats is the float), and runs of
 * other seeds (other features dropped) make another model that has still
 * learnt the pattern. */
static void test_soup_of_runs(void **state) {
    (void)state;
    rasd_ner_model *one = train_tiny(8);
    rasd_ner_model *same = train_tiny_runs(8, (const uint64_t[]){0, 0}, 2);
    rasd_ner_model *mixed = train_tiny_runs(8, (const uint64_t[]){0, 1, 2}, 3);
    assert_memory_equal(one->trans, same->trans, sizeof one->trans);
    assert_true(one->wscale == same->wscale);
    assert_memory_not_equal(one->trans, mixed->trans, sizeof one->trans);
    rasd_ner_result a = {0}, b = {0}, c = {0};
    rasd_error err = {0};
    for (size_t k = 0; k < sizeof UNSEEN / sizeof UNSEEN[0]; k++) {
        sentence s;
        make_sentence(&s, UNSEEN[k]);
        assert_int_equal(rasd_ner_tag(one, test_an, s.text, s.tokens, s.n, &a, &err), RASD_OK);
        assert_int_equal(rasd_ner_tag(same, test_an, s.text, s.tokens, s.n, &b, &err), RASD_OK);
        assert_int_equal(rasd_ner_tag(mixed, test_an, s.text, s.tokens, s.n, &c, &err), RASD_OK);
        assert_int_equal(a.n_entities, b.n_entities);
        for (size_t e = 0; e < a.n_entities; e++) assert_true(a.entities[e].score == b.entities[e].score);
        for (size_t i = 0; i < s.n; i++) assert_int_equal(c.tags[i], s.tags[i]);
    }
    rasd_ner_result_free(&a);
    rasd_ner_result_free(&b);
    rasd_ner_result_free(&c);
    rasd_ner_destroy(one);
    rasd_ner_destroy(same);
    rasd_ner_destroy(mixed);
}

static void test_cache_matches_reference(void **state) {
    (void)state;
    rasd_ner_model *m = train_tiny(8);
    rasd_ner_result res = {0};
    rasd_error err = {0};
    /* twice: the first pass fills the word cache, the second reads it */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < sizeof UNSEEN / sizeof UNSEEN[0]; k++) {
            sentence s;
            make_sentence(&s, UNSEEN[k]);
            float em[64 * NER_NTAGS];
            uint8_t tags[64];
            assert_int_equal(ner_tag_reference(m, test_an, s.text, s.tokens, s.n, em, tags), RASD_OK);
            assert_int_equal(rasd_ner_tag(m, test_an, s.text, s.tokens, s.n, &res, &err), RASD_OK);
            assert_memory_equal(tags, res.tags, s.n);
            /* the emission scores themselves are the same numbers */
            assert_memory_equal(em, ner_result_emissions(&res), s.n * NER_NTAGS * sizeof em[0]);
            /* and so with the surface hashes given by the caller */
            uint64_t sh[64];
            for (size_t i = 0; i < s.n; i++)
                sh[i] = XXH3_64bits(s.text + s.tokens[i].start, s.tokens[i].end - s.tokens[i].start);
            assert_int_equal(rasd_ner_tag_hashed(m, test_an, s.text, s.tokens, sh, s.n, &res, &err), RASD_OK);
            assert_memory_equal(tags, res.tags, s.n);
            assert_memory_equal(em, ner_result_emissions(&res), s.n * NER_NTAGS * sizeof em[0]);
        }
    rasd_ner_result_free(&res);
    rasd_ner_destroy(m);
}

/* A sentence's weight scales its updates (self-training, docs/ner.md): of
 * weight 0 it teaches nothing, even labelled all wrong. */
static void test_example_weight(void **state) {
    (void)state;
    static sentence train[64];
    size_t n = build_training(train, 64);
    ner_context ctx;
    rasd_error err = {0};
    assert_int_equal(ner_context_init(&ctx, 16, test_lex, &err), RASD_OK);
    ner_trainer *tr = ner_trainer_new(&ctx, &err);
    assert_non_null(tr);
    static ner_example ex[64], none[64];
    uint8_t all_o[64] = {0};
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ner_example_init(&ex[i], ner_trainer_context(tr), test_an, train[i].text, train[i].tokens,
                                          train[i].n, train[i].tags),
                         RASD_OK);
        assert_true(ex[i].weight == 1.0f);
        assert_int_equal(ner_example_init(&none[i], ner_trainer_context(tr), test_an, train[i].text,
                                          train[i].tokens, train[i].n, all_o),
                         RASD_OK);
        none[i].weight = 0.0f;
    }
    /* the wrong copies alone: no weight moves */
    for (size_t i = 0; i < n; i++) ner_trainer_train(tr, &none[i]);
    rasd_ner_model *m = ner_trainer_finalize(tr, 1, &err);
    assert_non_null(m);
    assert_int_equal(m->w.n_rows, 0);
    rasd_ner_destroy(m);
    /* beside the right ones: the pattern is learnt as without them */
    for (uint32_t e = 0; e < 8; e++)
        for (size_t i = 0; i < n; i++) {
            ner_trainer_train(tr, &ex[i]);
            ner_trainer_train(tr, &none[i]);
        }
    m = ner_trainer_finalize(tr, 8, &err);
    assert_non_null(m);
    rasd_ner_result res = {0};
    for (size_t k = 0; k < sizeof UNSEEN / sizeof UNSEEN[0]; k++) {
        sentence s;
        make_sentence(&s, UNSEEN[k]);
        assert_int_equal(rasd_ner_tag(m, test_an, s.text, s.tokens, s.n, &res, &err), RASD_OK);
        assert_memory_equal(res.tags, s.tags, s.n);
    }
    rasd_ner_result_free(&res);
    rasd_ner_destroy(m);
    for (size_t i = 0; i < n; i++) {
        ner_example_free(&ex[i]);
        ner_example_free(&none[i]);
    }
    ner_trainer_destroy(tr);
}

/* The article memory (memory.c): what the tagger said of a word in the
 * sentences before, by its base, within a window. */
static void memory_add_words(ner_memory *mem, const uint64_t *bases, const uint8_t *tags, size_t n) {
    ner_tok toks[8];
    memset(toks, 0, sizeof toks);
    for (size_t i = 0; i < n; i++) toks[i].base = bases[i], toks[i].is_word = 1;
    ner_memory_add(mem, toks, tags, n);
}

static void test_article_memory(void **state) {
    (void)state;
    static ner_memory mem;
    ner_memory_reset(&mem);
    const uint64_t name = 0x1234567ULL * 2 + 1, word = 0x7654321ULL * 2 + 1, other = 0x5555ULL * 2 + 1;
    assert_int_equal(ner_memory_code(&mem, name), 0);
    /* a person once, a common word once */
    memory_add_words(&mem, (uint64_t[]){word, name}, (uint8_t[]){RASD_NER_O, RASD_NER_B(RASD_NER_PERS)}, 2);
    assert_int_equal(ner_memory_code(&mem, name), 1 + RASD_NER_PERS * 2 + 1); /* always a person so far */
    assert_int_equal(ner_memory_code(&mem, word), NER_MEM_NEVER);
    assert_int_equal(ner_memory_code(&mem, other), 0);
    /* the same word later outside a name: a person, not always */
    memory_add_words(&mem, (uint64_t[]){name}, (uint8_t[]){RASD_NER_O}, 1);
    assert_int_equal(ner_memory_code(&mem, name), 1 + RASD_NER_PERS * 2);
    /* marking sets each word token's code, and none on other tokens */
    ner_tok toks[2];
    memset(toks, 0, sizeof toks);
    toks[0].base = name, toks[0].is_word = 1;
    toks[1].base = word;
    ner_memory_mark(&mem, toks, 2);
    assert_int_equal(toks[0].mem, 1 + RASD_NER_PERS * 2);
    assert_int_equal(toks[1].mem, 0);
    /* forgotten after the window, and the table holds long runs of new
     * words (more than its slots) without losing the recent ones */
    for (uint64_t k = 0; k < NER_MEM_WINDOW + 2000; k++) {
        uint64_t bases[8];
        uint8_t tags[8] = {0};
        for (int j = 0; j < 8; j++) bases[j] = ((k * 8 + (uint64_t)j + 100) * 0x9e3779b97f4a7c15ULL) | 1;
        tags[3] = RASD_NER_B(RASD_NER_LOC);
        memory_add_words(&mem, bases, tags, 8);
        if (k == NER_MEM_WINDOW + 1999) {
            assert_int_equal(ner_memory_code(&mem, bases[3]), 1 + RASD_NER_LOC * 2 + 1);
            assert_int_equal(ner_memory_code(&mem, bases[0]), NER_MEM_NEVER);
        }
    }
    assert_int_equal(ner_memory_code(&mem, name), 0);
    ner_memory_reset(&mem);
    assert_int_equal(ner_memory_code(&mem, word), 0);
    /* a new document forgets the last one at once, and remembers anew */
    memory_add_words(&mem, (uint64_t[]){name}, (uint8_t[]){RASD_NER_B(RASD_NER_ORG)}, 1);
    assert_int_equal(ner_memory_code(&mem, name), 1 + RASD_NER_ORG * 2 + 1);
    ner_memory_forget(&mem);
    assert_int_equal(ner_memory_code(&mem, name), 0);
    memory_add_words(&mem, (uint64_t[]){name}, (uint8_t[]){RASD_NER_O}, 1);
    assert_int_equal(ner_memory_code(&mem, name), NER_MEM_NEVER);
    /* what is not a word (a number, a sign) is not kept */
    ner_tok sign = {0};
    sign.base = other;
    ner_memory_add(&mem, &sign, (uint8_t[]){RASD_NER_B(RASD_NER_LOC)}, 1);
    assert_int_equal(ner_memory_code(&mem, other), 0);
    /* a new document clears only the slots taken (memory.c), those moved
     * by a compaction of a long article too: the table is left as a reset
     * leaves it */
    for (uint64_t k = 0; k < 600; k++) {
        uint64_t bases[8];
        uint8_t tags[8] = {0};
        for (int j = 0; j < 8; j++) bases[j] = ((k * 8 + (uint64_t)j + 7) * 0xbf58476d1ce4e5b9ULL) | 1;
        memory_add_words(&mem, bases, tags, 8);
    }
    assert_true(mem.used > 0);
    ner_memory_forget(&mem);
    static ner_memory empty;
    ner_memory_reset(&empty);
    assert_int_equal(mem.used, 0);
    assert_int_equal(mem.sentence, empty.sentence);
    assert_memory_equal(mem.slots, empty.slots, sizeof mem.slots);
    assert_int_equal(ner_memory_code(&mem, name), 0);
}

/* With the memory on (a document begun), the cached tagger still agrees
 * with the plain one given the same memory codes, and a name of the first
 * sentence is remembered in the next. */
static void test_memory_cache_matches_reference(void **state) {
    (void)state;
    rasd_ner_model *m = train_tiny(8);
    rasd_ner_result res = {0};
    rasd_error err = {0};
    assert_int_equal(rasd_ner_begin_document(&res), RASD_OK);
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < sizeof UNSEEN / sizeof UNSEEN[0]; k++) {
            sentence s;
            make_sentence(&s, UNSEEN[k]);
            assert_int_equal(rasd_ner_tag(m, test_an, s.text, s.tokens, s.n, &res, &err), RASD_OK);
            uint8_t mem[64], tags[64];
            float em[64 * NER_NTAGS];
            const ner_tok *t = ner_result_tokens(&res);
            for (size_t i = 0; i < s.n; i++) mem[i] = t[i].mem;
            /* the second pass sees the first's names */
            if (pass == 1) assert_int_not_equal(mem[3], 0);
            assert_int_equal(ner_tag_reference_mem(m, test_an, s.text, s.tokens, s.n, mem, em, tags), RASD_OK);
            assert_memory_equal(tags, res.tags, s.n);
            assert_memory_equal(em, ner_result_emissions(&res), s.n * NER_NTAGS * sizeof em[0]);
        }
    rasd_ner_result_free(&res);
    rasd_ner_destroy(m);
}

/* The decoder (vectorised on x86-64) against the plain Viterbi written
 * here: the same tags, forward scores and margins to the bit, including
 * on ties (scores drawn from a few small integers tie often; the first
 * previous tag in order wins), with transitions and scores of a made-up
 * random model. */
static bool plain_allowed(unsigned prev, unsigned tag) {
    if (tag == RASD_NER_O || (tag & 1)) return true;
    return prev != NER_START && prev != RASD_NER_O && (prev + 1) / 2 == tag / 2;
}

static void plain_viterbi(const float (*trans)[NER_NTAGS], const float *trans_end, const float *em, size_t n,
                          uint8_t *tags, float *alpha, float *margin) {
    uint8_t back[40][NER_NTAGS];
    for (unsigned q = 0; q < NER_NTAGS; q++) alpha[q] = (plain_allowed(NER_START, q) ? trans[NER_START][q] : -1e30f) + em[q];
    for (size_t i = 1; i < n; i++)
        for (unsigned q = 0; q < NER_NTAGS; q++) {
            bool have = false;
            float best = 0;
            for (unsigned p = 0; p < NER_NTAGS; p++) {
                if (!plain_allowed(p, q)) continue;
                float s = alpha[(i - 1) * NER_NTAGS + p] + trans[p][q];
                if (!have || s > best) best = s, back[i][q] = (uint8_t)p, have = true;
            }
            alpha[i * NER_NTAGS + q] = best + em[i * NER_NTAGS + q];
        }
    unsigned arg = 0;
    for (unsigned q = 1; q < NER_NTAGS; q++)
        if (alpha[(n - 1) * NER_NTAGS + q] + trans_end[q] > alpha[(n - 1) * NER_NTAGS + arg] + trans_end[arg]) arg = q;
    tags[n - 1] = (uint8_t)arg;
    for (size_t i = n - 1; i > 0; i--) tags[i - 1] = back[i][tags[i]];
    /* margins: best minus the best tagging with another tag at i */
    float beta[40 * NER_NTAGS], best = alpha[(n - 1) * NER_NTAGS + arg] + trans_end[arg];
    for (unsigned p = 0; p < NER_NTAGS; p++) beta[(n - 1) * NER_NTAGS + p] = trans_end[p];
    for (size_t i = n - 1; i > 0; i--)
        for (unsigned p = 0; p < NER_NTAGS; p++) {
            bool have = false;
            float b = 0;
            for (unsigned q = 0; q < NER_NTAGS; q++) {
                if (!plain_allowed(p, q)) continue;
                float s = trans[p][q] + (em[i * NER_NTAGS + q] + beta[i * NER_NTAGS + q]);
                if (!have || s > b) b = s, have = true;
            }
            beta[(i - 1) * NER_NTAGS + p] = b;
        }
    for (size_t i = 0; i < n; i++) {
        float other = -1e30f;
        for (unsigned q = 0; q < NER_NTAGS; q++)
            if (q != tags[i] && alpha[i * NER_NTAGS + q] + beta[i * NER_NTAGS + q] > other)
                other = alpha[i * NER_NTAGS + q] + beta[i * NER_NTAGS + q];
        margin[i] = best - other;
    }
}

static void test_viterbi_matches_plain(void **state) {
    (void)state;
    uint64_t seed = 0x2545f4914f6cdd1dULL;
    for (int round = 0; round < 400; round++) {
        bool ties = round % 2 == 0;
        float draw[(NER_NTAGS + 2) * NER_NTAGS + 40 * NER_NTAGS];
        for (size_t k = 0; k < sizeof draw / sizeof draw[0]; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            uint32_t r = (uint32_t)(seed >> 33);
            draw[k] = ties ? (float)(r % 5) - 2.0f : ((float)(r % 200001) - 100000.0f) / 997.0f;
        }
        const float(*trans)[NER_NTAGS] = (const float(*)[NER_NTAGS])draw;
        const float *trans_end = draw + (NER_NTAGS + 1) * NER_NTAGS, *em = trans_end + NER_NTAGS;
        size_t n = 1 + (size_t)round % 40;
        uint8_t tags[40], want[40];
        float work[2 * 40 * NER_NTAGS], alpha[40 * NER_NTAGS], margin[40], want_margin[40];
        ner_viterbi(trans, trans_end, em, n, tags, margin, work);
        plain_viterbi(trans, trans_end, em, n, want, alpha, want_margin);
        assert_memory_equal(tags, want, n);
        assert_memory_equal(work, alpha, n * NER_NTAGS * sizeof alpha[0]);
        for (size_t i = 0; i < n; i++) /* margins are written for the tokens not tagged O */
            if (tags[i] != RASD_NER_O) assert_true(margin[i] == want_margin[i]);
    }
}

/* A "sentence" of 3,200 tokens (the same short one 400 times, no break):
 * tagged in windows, with every token tagged and every name found. */
static void test_very_long_sentence(void **state) {
    (void)state;
    rasd_ner_model *m = train_tiny(8);
    sentence one;
    make_sentence(&one, UNSEEN[0]);
    size_t reps = 400, n = reps * one.n, len = strlen(one.text) + 1;
    char *text = malloc(reps * len + 1);
    rasd_token *toks = malloc(n * sizeof *toks);
    for (size_t r = 0; r < reps; r++) {
        memcpy(text + r * len, one.text, len - 1);
        text[r * len + len - 1] = ' ';
        for (size_t i = 0; i < one.n; i++) {
            toks[r * one.n + i] = one.tokens[i];
            toks[r * one.n + i].start += r * len;
            toks[r * one.n + i].end += r * len;
        }
    }
    text[reps * len] = '\0';
    rasd_ner_result res = {0};
    rasd_error err = {0};
    assert_int_equal(rasd_ner_tag(m, test_an, text, toks, n, &res, &err), RASD_OK);
    assert_int_equal(res.n_tags, n);
    for (size_t i = 0; i < n; i++) assert_int_equal(res.tags[i], one.tags[i % one.n]);
    assert_int_equal(res.n_entities, reps);
    for (size_t e = 0; e < reps; e++) {
        assert_int_equal(res.entities[e].first_token, e * one.n + 2);
        assert_int_equal(res.entities[e].start, toks[e * one.n + 2].start);
    }
    rasd_ner_result_free(&res);
    free(text);
    free(toks);
    rasd_ner_destroy(m);
}

static void test_save_load_round_trip(void **state) {
    (void)state;
    rasd_ner_model *m = train_tiny(8);
    rasd_error err = {0};
    const char *path = tmp_path("model.bin");
    assert_int_equal(ner_model_save(m, path, &err), RASD_OK);
    rasd_ner_model *back = ner_model_read(test_lex, path, &err);
    assert_non_null(back);
    assert_int_equal(back->ctx.bits, m->ctx.bits);
    assert_true(back->wscale == m->wscale);
    rasd_ner_result r1 = {0}, r2 = {0};
    for (size_t k = 0; k < sizeof UNSEEN / sizeof UNSEEN[0]; k++) {
        sentence s;
        make_sentence(&s, UNSEEN[k]);
        assert_int_equal(rasd_ner_tag(m, test_an, s.text, s.tokens, s.n, &r1, &err), RASD_OK);
        assert_int_equal(rasd_ner_tag(back, test_an, s.text, s.tokens, s.n, &r2, &err), RASD_OK);
        assert_memory_equal(r1.tags, r2.tags, s.n);
        assert_int_equal(r1.n_entities, r2.n_entities);
        for (size_t e = 0; e < r1.n_entities; e++) assert_true(r1.entities[e].score == r2.entities[e].score);
    }
    /* saving what was loaded gives the same bytes */
    const char *again = tmp_path("model2.bin");
    assert_int_equal(ner_model_save(back, again, &err), RASD_OK);
    FILE *a = fopen(path, "rb"), *b = fopen(again, "rb");
    int ca, cb;
    do {
        ca = fgetc(a);
        cb = fgetc(b);
        assert_int_equal(ca, cb);
    } while (ca != EOF);
    fclose(a);
    fclose(b);
    /* the public loader also reads it (and adds the data directory's lists) */
    rasd_ner_model *pub = rasd_ner_load(test_lex, path, &err);
    assert_non_null(pub);
    rasd_ner_destroy(pub);
    rasd_ner_result_free(&r1);
    rasd_ner_result_free(&r2);
    rasd_ner_destroy(back);
    rasd_ner_destroy(m);
}

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *d = malloc(*len);
    assert_int_equal(fread(d, 1, *len, f), *len);
    fclose(f);
    return d;
}

/* Loading must fail, with an RASD_ERR_DATA message naming the file and
 * containing `why`. */
static void expect_refused(const char *path, const char *why) {
    rasd_error err = {0};
    rasd_ner_model *m = rasd_ner_load(test_lex, path, &err);
    if (m) fprintf(stderr, "loaded a bad model: %s\n", path);
    assert_null(m);
    assert_int_equal(err.code, RASD_ERR_DATA);
    if (!strstr(err.message, path) || !strstr(err.message, why))
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", err.message, why);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, why));
}

/* The packed weight rows give back exactly the plain table: present rows
 * their values, every other row zeros; a model saved, loaded and saved
 * again is the same bytes. */
static void test_packed_weights(void **state) {
    (void)state;
    const uint32_t bits = 10;
    size_t total = (size_t)1 << bits;
    int16_t *dense = calloc(total * NER_NTAGS, sizeof *dense);
    assert_non_null(dense);
    /* rows at the edges of 64-row blocks, a full block, and a lone one */
    uint32_t set[] = {0, 1, 63, 64, 127, 500, 1023};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        for (unsigned q = 0; q < NER_NTAGS; q++) dense[set[i] * NER_NTAGS + q] = (int16_t)(set[i] * 7 + q - 30);
    for (uint32_t r = 256; r < 320; r++) dense[r * NER_NTAGS + r % NER_NTAGS] = (int16_t)-(int)r;
    ner_weights w;
    assert_int_equal(ner_weights_from_dense(&w, bits, dense), RASD_OK);
    assert_int_equal(w.n_rows, sizeof set / sizeof set[0] + 64);
    for (uint32_t r = 0; r < total; r++) {
        int16_t got[NER_NTAGS];
        bool any = false;
        for (unsigned q = 0; q < NER_NTAGS; q++) any |= dense[r * NER_NTAGS + q] != 0;
        assert_int_equal(ner_weights_get(&w, r, got), any);
        assert_memory_equal(got, dense + r * NER_NTAGS, sizeof got);
    }
    /* rows out of order or repeated are refused */
    ner_weights w2;
    assert_int_equal(ner_weights_init(&w2, bits, 4), RASD_OK);
    assert_true(ner_weights_add(&w2, 5, dense + 1 * NER_NTAGS));
    assert_false(ner_weights_add(&w2, 5, dense + 1 * NER_NTAGS));
    assert_false(ner_weights_add(&w2, 3, dense + 1 * NER_NTAGS));
    assert_false(ner_weights_add(&w2, (uint32_t)total, dense + 1 * NER_NTAGS));
    ner_weights_free(&w2);
    ner_weights_free(&w);
    free(dense);

    rasd_ner_model *m = train_tiny(8);
    rasd_error err = {0};
    const char *a = tmp_path("resave-a.bin"), *b = tmp_path("resave-b.bin");
    assert_int_equal(ner_model_save(m, a, &err), RASD_OK);
    rasd_ner_model *back = rasd_ner_load(test_lex, a, &err);
    assert_non_null(back);
    assert_int_equal(ner_model_save(back, b, &err), RASD_OK);
    size_t la, lb;
    unsigned char *da = slurp(a, &la), *db = slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    free(da);
    free(db);
    rasd_ner_destroy(back);
    rasd_ner_destroy(m);
}

/* Training drops features and adds a margin (model.c); both are fixed by
 * the data, so two runs give the same model byte for byte, and a name in a
 * frame the model learnt is still found when the frame word before it is
 * one the training never showed with it (the model does not lean on one
 * feature alone). */
static void test_training_deterministic_and_robust(void **state) {
    (void)state;
    rasd_ner_model *m1 = train_tiny(8), *m2 = train_tiny(8);
    rasd_error err = {0};
    const char *a = tmp_path("det-a.bin"), *b = tmp_path("det-b.bin");
    assert_int_equal(ner_model_save(m1, a, &err), RASD_OK);
    assert_int_equal(ner_model_save(m2, b, &err), RASD_OK);
    size_t la, lb;
    unsigned char *da = slurp(a, &la), *db = slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    free(da);
    free(db);
    /* new names, and the first word of the person frame changed */
    static const char *const NEW[] = {
        "وقال السيد شعلان/B-PERS إن الاجتماع كان مثمرا .",
        "وصل الوفد إلى مدينة حمرونة/B-LOC صباح اليوم .",
    };
    rasd_ner_result res = {0};
    for (size_t k = 0; k < sizeof NEW / sizeof NEW[0]; k++) {
        sentence s;
        make_sentence(&s, NEW[k]);
        assert_int_equal(rasd_ner_tag(m1, test_an, s.text, s.tokens, s.n, &res, &err), RASD_OK);
        for (size_t i = 0; i < s.n; i++) assert_int_equal(res.tags[i], s.tags[i]);
    }
    rasd_ner_result_free(&res);
    rasd_ner_destroy(m1);
    rasd_ner_destroy(m2);
}

/* The whole word's first and last letters are features beside the base's:
 * when the analyzer reads a name's first letter as a clitic, the word's
 * own letters still reach the model. A word without clitics has none. */
static void test_whole_word_affixes(void **state) {
    (void)state;
    ner_context ctx;
    rasd_error err = {0};
    assert_int_equal(ner_context_init(&ctx, 16, test_lex, &err), RASD_OK);
    sentence s;
    make_sentence(&s, "وقال مدير بالمدينة إن الطقس معتدل .");
    ner_tok toks[16];
    assert_int_equal(ner_prepare(&ctx, test_an, s.text, s.tokens, s.n, toks), RASD_OK);
    /* وقال: و + قال; بالمدينة: ب + ال + مدينة */
    for (size_t i = 0; i < 3; i += 2) {
        assert_true(toks[i].rpre[0] != 0);
        assert_true(toks[i].rpre[0] != toks[i].pre[0]);
        assert_true(toks[i].rpre[2] != toks[i].pre[2]);
    }
    assert_int_equal(toks[1].rpre[0], 0); /* مدير: no clitic */
    uint32_t with[NER_MAX_SELF], without[NER_MAX_SELF];
    ner_tok bare = toks[0];
    memset(bare.rpre, 0, sizeof bare.rpre);
    assert_int_equal(ner_features_self(&ctx, &toks[0], with), ner_features_self(&ctx, &bare, without) + 6);
    ner_context_free(&ctx);
}

static void test_bad_model_files(void **state) {
    (void)state;
    rasd_ner_model *m = train_tiny(8);
    rasd_error err = {0};
    const char *good = tmp_path("good.bin"), *bad = tmp_path("bad.bin");
    assert_int_equal(ner_model_save(m, good, &err), RASD_OK);
    rasd_ner_destroy(m);
    size_t len;
    unsigned char *d = slurp(good, &len);

    /* missing: an I/O error naming the file */
    rasd_ner_model *none = rasd_ner_load(test_lex, tmp_path("no-such-model.bin"), &err);
    assert_null(none);
    assert_int_equal(err.code, RASD_ERR_IO);
    assert_non_null(strstr(err.message, "no-such-model.bin"));

    spit(bad, (const unsigned char *)"", 0);
    expect_refused(bad, "wrong magic");
    spit(bad, (const unsigned char *)"this is a text file, not a model\n", 33);
    expect_refused(bad, "wrong magic");

    /* truncated anywhere: refused, never a crash */
    for (size_t cut = 0; cut < len; cut += cut < 200 ? 1 : 997) {
        spit(bad, d, cut);
        rasd_ner_model *t = rasd_ner_load(test_lex, bad, &err);
        assert_null(t);
        assert_int_equal(err.code, RASD_ERR_DATA);
        assert_true(strstr(err.message, "truncated") || strstr(err.message, "wrong magic"));
    }
    spit(bad, d, len - 1);
    expect_refused(bad, "truncated");

    /* one byte changed in the weights */
    d[len / 2] ^= 0x40;
    spit(bad, d, len);
    expect_refused(bad, "checksum");
    d[len / 2] ^= 0x40;

    /* the last two weight rows swapped (checksum made right): rows must
     * come in order, as the packed store needs */
    {
        unsigned char *rows = d + len - 8 - 2 * (4 + 2 * NER_NTAGS), tmp[4 + 2 * NER_NTAGS];
        memcpy(tmp, rows, sizeof tmp);
        memmove(rows, rows + sizeof tmp, sizeof tmp);
        memcpy(rows + sizeof tmp, tmp, sizeof tmp);
        uint64_t sum = XXH64(d, len - 8, 0);
        for (int k = 0; k < 8; k++) d[len - 8 + k] = (unsigned char)(sum >> (8 * k));
        spit(bad, d, len);
        expect_refused(bad, "not after the one before");
        memcpy(tmp, rows + sizeof tmp, sizeof tmp);
        memmove(rows + sizeof tmp, rows, sizeof tmp);
        memcpy(rows, tmp, sizeof tmp);
        sum = XXH64(d, len - 8, 0);
        for (int k = 0; k < 8; k++) d[len - 8 + k] = (unsigned char)(sum >> (8 * k));
    }

    /* a future format version */
    d[8] = 99;
    spit(bad, d, len);
    expect_refused(bad, "version 99");
    free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tag_names),
        cmocka_unit_test(test_learns_pattern),
        cmocka_unit_test(test_soup_of_runs),
        cmocka_unit_test(test_cache_matches_reference),
        cmocka_unit_test(test_article_memory),
        cmocka_unit_test(test_memory_cache_matches_reference),
        cmocka_unit_test(test_viterbi_matches_plain),
        cmocka_unit_test(test_very_long_sentence),
        cmocka_unit_test(test_save_load_round_trip),
        cmocka_unit_test(test_packed_weights),
        cmocka_unit_test(test_training_deterministic_and_robust),
        cmocka_unit_test(test_whole_word_affixes),
        cmocka_unit_test(test_example_weight),
        cmocka_unit_test(test_bad_model_files),
    };
    return cmocka_run_group_tests(tests, cli_setup, cli_teardown);
}
