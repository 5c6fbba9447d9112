/*
 * cmd_train_ner.c: `rasd train-ner`: trains the name tagger (docs/ner.md),
 * and, hidden, `--make-clusters` for the word clusters.
 */
#include "cmd_ner.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* --------------------------------------------------------- make-clusters */

static int make_clusters(int argc, char **argv, int first) {
    ner_cluster_options opt;
    ner_cluster_defaults(&opt);
    opt.verbose = true;
    const char *out = NULL;
    int i = first;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        size_t *target = NULL;
        if (strcmp(a, "--make-clusters") == 0 && i + 1 < argc) {
            out = argv[++i];
            continue;
        }
        if (strcmp(a, "--k") == 0) target = &opt.k;
        else if (strcmp(a, "--min-count") == 0) target = &opt.min_count;
        else if (strcmp(a, "--max-words") == 0) target = &opt.max_words;
        else if (strcmp(a, "--contexts") == 0) target = &opt.contexts;
        else if (strcmp(a, "--dims") == 0) target = &opt.dims;
        else if (strcmp(a, "--iterations") == 0) target = &opt.iterations;
        else if (strcmp(a, "--threads") == 0) target = &opt.threads;
        else if (strcmp(a, "--quiet") == 0) {
            opt.verbose = false;
            continue;
        } else {
            cli_error("train-ner --make-clusters: unknown option %s", a);
            return EXIT_USAGE;
        }
        if (i + 1 >= argc || !cli_parse_size(a, argv[i + 1], target)) {
            if (i + 1 >= argc) cli_error("%s needs a value", a);
            return EXIT_USAGE;
        }
        i++;
    }
    if (!out || i >= argc) {
        cli_error("usage: rasd train-ner --make-clusters OUT [--k N] [--threads N] TEXT-FILE...");
        return EXIT_USAGE;
    }
    rasd_error err = {0};
    if (ner_build_clusters(argv + i, (size_t)(argc - i), &opt, out, &err) != RASD_OK) {
        cli_error("%s", err.message);
        return err.code == RASD_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT_FAILED;
    }
    return EXIT_ALL_OK;
}

/* ------------------------------------------------------------- train-ner */

static const char TRAIN_USAGE[] =
    "usage: rasd train-ner [options]\n"
    "  --train FILE      token-TAG training data (default: ../shared/data/anercorp/train.txt\n"
    "                    beside the source tree)\n"
    "  --dev-every N     hold out every Nth sentence as the dev split (default 10; 0: none)\n"
    "  --dev-block B     hold out every Nth block of B sentences instead (B = 20 is about\n"
    "                    an article: names unseen in training; default 1)\n"
    "  --epochs N        passes over the data (default 12)\n"
    "  --out PATH        model file (default: DATA/ner/model.bin)\n"
    "  --clusters PATH   word clusters (default: DATA/ner/clusters.tsv; missing: none)\n"
    "  --corpus PATH     unlabelled news (a directory of .txt files, or a file; repeatable)\n"
    "                    for tag profiles: a first model tags it, the final one learns\n"
    "                    from how each word was tagged (docs/ner.md)\n"
    "  --threads N       threads for tagging the corpus (default: all cores)\n"
    "  --data DIR        rasd's data directory (lexicon, kb, gazetteer)\n"
    "  --quiet           no per-epoch report\n"
    "Exit status: 0 trained and written, 1 bad input (a missing or malformed file, named\n"
    "  on stderr) or the model could not be written, 2 usage error\n"
    "Example:\n"
    "  rasd train-ner --train train.txt --epochs 12 --out model.bin\n";

static void shuffle(size_t *a, size_t n, uint64_t seed) {
    for (size_t i = n; i > 1; i--) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t j = (size_t)((seed >> 33) % i);
        size_t t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

/* What one training run needs to know. */
typedef struct train_job {
    const ner_data *data;
    size_t dev_every;
    size_t epochs;
    bool quiet;
    rasd_analyzer *an;
    double t0;
    size_t soup;       /* runs averaged into the final model (1: one run) */
    double drop, cost; /* ner_trainer_tune's */
    uint64_t seed;     /* of every trainer (0: the shipped model's) */
} train_job;

/* A trainer with the job's knobs (the context is moved into it). */
static ner_trainer *new_trainer(const train_job *job, ner_context *ctx, rasd_error *err) {
    ner_trainer *tr = ner_trainer_new(ctx, err);
    if (tr) ner_trainer_tune(tr, job->drop, job->cost, job->seed);
    return tr;
}

/* Trains a trainer on examples ex[idx[0..n)] for the job's epochs; with a
 * dev split and `report`, scores it after each epoch. Returns the final
 * (averaged) model, or NULL. dev receives the last dev tagging. */
static rasd_ner_model *run_epochs(const train_job *job, ner_trainer *tr, ner_example *ex, const size_t *idx, size_t n,
                                  bool report, ner_cli_tagged *dev) {
    rasd_error err = {0};
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    rasd_ner_model *model = NULL;
    if (!order) {
        cli_error("out of memory");
        return NULL;
    }
    for (size_t e = 0; e < job->epochs; e++) {
        memcpy(order, idx, n * sizeof *order);
        shuffle(order, n, 0x243f6a8885a308d3ULL + e + ner_trainer_seed(tr) * 0x9e3779b97f4a7c15ULL);
        size_t wrong = 0;
        for (size_t k = 0; k < n; k++) wrong += ner_trainer_train(tr, &ex[order[k]]);
        bool last = e + 1 == job->epochs;
        if (!last && (!report || job->quiet)) continue;
        rasd_ner_destroy(model);
        if (!(model = ner_trainer_finalize(tr, (uint32_t)(e + 1), &err))) {
            cli_error("%s", err.message);
            break;
        }
        if (!report) continue;
        if (!job->quiet) fprintf(stderr, "train-ner: epoch %2zu: %6zu training tokens wrong", e + 1, wrong);
        if (job->dev_every) {
            ner_cli_free_tagged(dev);
            if (!ner_cli_tag_data(model, job->an, job->data, job->dev_every, true, NULL, dev)) {
                rasd_ner_destroy(model);
                model = NULL;
                break;
            }
            ner_prf p = ner_counts_prf(&dev->counts, RASD_NER_TYPE_COUNT);
            if (!job->quiet) fprintf(stderr, "; dev P %.2f R %.2f F1 %.2f", 100 * p.p, 100 * p.r, 100 * p.f);
        }
        if (!job->quiet) fprintf(stderr, " (%.1f s)\n", ner_cli_now() - job->t0);
    }
    free(order);
    return model;
}

/* The final model: job->soup runs that differ only in their seed (the
 * order of the sentences, the features dropped), their averaged weights
 * averaged again ("model soup": a run differs from another by about a
 * point on a dev tenth; their mean is steadier than any). With a dev
 * split, each run's epochs report the mean of the runs so far. */
static rasd_ner_model *run_soup(const train_job *job, ner_trainer *tr, ner_example *ex, const size_t *idx, size_t n,
                                ner_cli_tagged *dev) {
    rasd_ner_model *model = NULL;
    for (size_t s = 0; s < job->soup; s++) {
        if (s) {
            rasd_ner_destroy(model);
            if (ner_trainer_restart(tr, job->seed + s) != RASD_OK) {
                cli_error("out of memory");
                return NULL;
            }
            if (!job->quiet) fprintf(stderr, "train-ner: run %zu of %zu, averaged with the runs before\n", s + 1, job->soup);
        }
        if (!(model = run_epochs(job, tr, ex, idx, n, true, dev))) return NULL;
    }
    return model;
}

/* Builds the examples of the training sentences listed in idx with ctx
 * (and the article memory codes of mem, when given). */
static bool build_examples(const ner_data *data, const ner_context *ctx, rasd_analyzer *an, const size_t *sent_of,
                           const size_t *idx, size_t n, ner_example *ex, uint8_t *const *mem) {
    for (size_t k = 0; k < n; k++) {
        const ner_sentence *sn = &data->sentences[sent_of[idx[k]]];
        ner_example_free(&ex[idx[k]]);
        if (ner_example_init_mem(&ex[idx[k]], ctx, an, data->text + sn->text_off, data->tokens + sn->first, sn->n,
                                 data->gold + sn->first, mem ? mem[idx[k]] : NULL) != RASD_OK) {
            cli_error("out of memory");
            return false;
        }
    }
    return true;
}

/* Tags the training sentences of fold k (those a model trained without
 * them can tag as it would new text) into guess[] and bases[]. */
static bool tag_fold(const train_job *job, const rasd_ner_model *model, const size_t *sent_of, size_t n_train,
                     size_t folds, size_t k, uint8_t **guess, uint64_t **bases) {
    rasd_ner_result res = {0};
    rasd_error err = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < n_train; i++) {
        if ((i / 20) % folds != k) continue;
        const ner_sentence *sn = &job->data->sentences[sent_of[i]];
        guess[i] = malloc(sn->n ? sn->n : 1);
        bases[i] = malloc((sn->n ? sn->n : 1) * sizeof *bases[i]);
        if (!guess[i] || !bases[i]) {
            cli_error("out of memory");
            ok = false;
            break;
        }
        if (sn->n > NER_WINDOW) { /* the tokens kept are the last window's: no memory for it */
            memset(guess[i], RASD_NER_O, sn->n);
            memset(bases[i], 0, sn->n * sizeof *bases[i]);
            continue;
        }
        if (rasd_ner_tag(model, job->an, job->data->text + sn->text_off, job->data->tokens + sn->first, sn->n, &res,
                         &err) != RASD_OK) {
            cli_error("%s", err.message);
            ok = false;
            break;
        }
        const ner_tok *t = ner_result_tokens(&res);
        memcpy(guess[i], res.tags, sn->n);
        for (size_t j = 0; j < sn->n; j++) bases[i][j] = t[j].is_word ? t[j].base : 0;
    }
    rasd_ner_result_free(&res);
    return ok;
}

/* The article memory of each training sentence, as the runtime keeps it,
 * but from the tags of models that did not see the sentences: a run of
 * consecutive sentences of the file is one document. */
static bool memory_codes(const ner_data *data, const size_t *sent_of, size_t n_train, uint8_t *const *guess,
                         uint64_t *const *bases, uint8_t **mem) {
    ner_memory *m = malloc(sizeof *m);
    ner_tok *toks = NULL;
    size_t cap = 0;
    bool ok = m != NULL;
    for (size_t i = 0; ok && i < n_train; i++) {
        size_t n = data->sentences[sent_of[i]].n;
        if (i == 0) ner_memory_reset(m);
        else if (sent_of[i] != sent_of[i - 1] + 1) ner_memory_forget(m);
        if (n > cap) {
            free(toks);
            cap = n * 2;
            ok = (toks = calloc(cap, sizeof *toks)) != NULL;
        }
        ok = ok && (mem[i] = malloc(n ? n : 1)) != NULL;
        if (!ok) break;
        for (size_t j = 0; j < n; j++) {
            toks[j].base = bases[i] ? bases[i][j] : 0;
            toks[j].is_word = toks[j].base != 0;
        }
        ner_memory_mark(m, toks, n);
        for (size_t j = 0; j < n; j++) mem[i][j] = toks[j].mem;
        if (guess[i]) ner_memory_add(m, toks, guess[i], n);
        else m->sentence++;
    }
    if (!ok) cli_error("out of memory");
    free(toks);
    free(m);
    return ok;
}

/* Stacking: for each fold of the training sentences, a model trained on
 * the other folds tags the corpus; a model trained on all of them does too.
 * Then each fold's examples are rebuilt with the profiles of the model
 * that never saw it, and the all-folds profiles go into final_ctx (what
 * the final model, and so the runtime, sees). All first models train on
 * the examples without profiles, so they are all made before any example
 * is rebuilt. */
static bool stack_profiles(const train_job *job, const ner_context *base, ner_context *final_ctx, ner_example *ex,
                           const size_t *sent_of, size_t n_train, size_t folds, const ner_corpus *corpus,
                           size_t threads) {
    rasd_error err = {0};
    size_t *idx = malloc((n_train ? n_train : 1) * sizeof *idx);
    ner_profile **prof = calloc(folds + 1, sizeof *prof);
    /* per training sentence: the tags of the model that did not see it,
     * the bases of its words (0: not a word), and the memory codes */
    uint8_t **guess = calloc(n_train ? n_train : 1, sizeof *guess);
    uint64_t **bases = calloc(n_train ? n_train : 1, sizeof *bases);
    uint8_t **mem = calloc(n_train ? n_train : 1, sizeof *mem);
    bool ok = idx && prof && guess && bases && mem;
    train_job quiet = *job;
    quiet.quiet = true;
    for (size_t k = 0; ok && k <= folds; k++) {
        /* k < folds: without fold k; k == folds: all of them */
        size_t n = 0;
        for (size_t i = 0; i < n_train; i++)
            if (k == folds || (i / 20) % folds != k) idx[n++] = i;
        ner_context ctx;
        ok = ner_context_copy(&ctx, base, &err) == RASD_OK;
        ner_trainer *tr = ok ? new_trainer(job, &ctx, &err) : NULL;
        rasd_ner_model *model = tr ? run_epochs(&quiet, tr, ex, idx, n, false, NULL) : NULL;
        ner_trainer_destroy(tr);
        if (model && k < folds && !tag_fold(job, model, sent_of, n_train, folds, k, guess, bases)) ok = false;
        prof[k] = model ? ner_profile_build(model, corpus, threads, &err) : NULL;
        if (model && k == folds && job->dev_every && !job->quiet) {
            ner_cli_tagged dev = {0};
            if (ner_cli_tag_data(model, job->an, job->data, job->dev_every, true, NULL, &dev)) {
                ner_prf p = ner_counts_prf(&dev.counts, RASD_NER_TYPE_COUNT);
                fprintf(stderr, "train-ner: first model (no profiles): dev P %.2f R %.2f F1 %.2f\n", 100 * p.p,
                        100 * p.r, 100 * p.f);
            }
            ner_cli_free_tagged(&dev);
        }
        rasd_ner_destroy(model);
        if (!prof[k]) {
            cli_error("%s", err.message[0] ? err.message : "out of memory");
            ok = false;
        }
        if (!job->quiet)
            fprintf(stderr, "train-ner: profiles %zu of %zu done (%.1f s)\n", k + 1, folds + 1, ner_cli_now() - job->t0);
    }
    if (ok) ok = memory_codes(job->data, sent_of, n_train, guess, bases, mem);
    for (size_t k = 0; ok && k < folds; k++) {
        size_t m = 0;
        for (size_t i = 0; i < n_train; i++)
            if ((i / 20) % folds == k) idx[m++] = i;
        ner_context fold_ctx;
        ok = ner_context_copy(&fold_ctx, base, &err) == RASD_OK && ner_profile_apply(prof[k], &fold_ctx, &err) == RASD_OK;
        ok = ok && build_examples(job->data, &fold_ctx, job->an, sent_of, idx, m, ex, mem);
        ner_context_free(&fold_ctx);
    }
    if (ok) ok = ner_profile_apply(prof[folds], final_ctx, &err) == RASD_OK;
    if (!ok && err.message[0]) cli_error("%s", err.message);
    for (size_t k = 0; prof && k <= folds; k++) ner_profile_free(prof[k]);
    free(prof);
    for (size_t i = 0; i < n_train; i++) {
        if (guess) free(guess[i]);
        if (bases) free(bases[i]);
        if (mem) free(mem[i]);
    }
    free(guess);
    free(bases);
    free(mem);
    free(idx);
    return ok;
}

/* Self-training (docs/ner.md): the model tags the unlabelled corpus
 * article by article with the article memory, as the runtime does, and
 * the sentences it is surest of become training data of a lower weight.
 * A sentence qualifies with at least one name, each of whose margins is
 * in the top `share` of such sentences' smallest margins (a quantile, so
 * no scale of the margins is assumed); at most `max` of them are kept,
 * spread evenly over the corpus. Each keeps the tags and the memory codes
 * the tagger had. Returns the examples (count in *n_out), NULL on error. */
typedef struct self_cand {
    size_t sentence;
    float margin;
} self_cand;

static int cmp_index(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_cand(const void *a, const void *b) {
    float x = ((const self_cand *)a)->margin, y = ((const self_cand *)b)->margin;
    return x < y ? 1 : x > y ? -1 : 0; /* largest first */
}

static ner_example *self_label(const train_job *job, const rasd_ner_model *model, const ner_corpus *c, double share,
                               size_t max, float weight, bool strict, size_t *n_out) {
    *n_out = 0;
    rasd_ner_result res = {0};
    rasd_error err = {0};
    uint8_t *tags = malloc(c->n_tokens ? c->n_tokens : 1), *mem = malloc(c->n_tokens ? c->n_tokens : 1);
    self_cand *cand = malloc((c->n_sentences ? c->n_sentences : 1) * sizeof *cand);
    ner_example *ex = NULL;
    size_t n_cand = 0;
    bool ok = tags && mem && cand;
    for (size_t s = 0; ok && s < c->n_sentences; s++) {
        const struct ner_corpus_sentence *sn = &c->sentences[s];
        if (s == 0 || sn->doc != c->sentences[s - 1].doc) rasd_ner_begin_document(&res);
        if (sn->n == 0 || sn->n > NER_WINDOW) continue;
        if (rasd_ner_tag(model, job->an, c->docs[sn->doc].text, c->tokens + sn->first, sn->n, &res, &err) != RASD_OK) {
            cli_error("%s", err.message);
            ok = false;
            break;
        }
        if (!res.n_entities) continue;
        const float *margin = ner_result_entity_margins(&res);
        float least = margin[0];
        for (size_t k = 1; k < res.n_entities; k++)
            if (margin[k] < least) least = margin[k];
        const ner_tok *t = ner_result_tokens(&res);
        /* strict: not where a word left outside the names is one the
         * corpus mostly reads inside a name (a name missed would be taught
         * as none); the profile from the word table, as a cached token
         * does not carry it */
        bool missed = false;
        for (size_t j = 0; strict && !missed && j < sn->n; j++) {
            if (res.tags[j] != RASD_NER_O || !t[j].is_word) continue;
            const ner_word_entry *e = ner_context_find(&model->ctx, t[j].base);
            missed = e && e->prof && ((e->prof - 1u) / 6u) % 6u >= 3u; /* share of .5 or more */
        }
        if (missed) continue;
        memcpy(tags + sn->first, res.tags, sn->n);
        for (size_t j = 0; j < sn->n; j++) mem[sn->first + j] = t[j].mem;
        cand[n_cand++] = (self_cand){s, least};
    }
    rasd_ner_result_free(&res);
    size_t keep = 0;
    if (ok && n_cand) {
        qsort(cand, n_cand, sizeof *cand, cmp_cand);
        size_t eligible = (size_t)(share * (double)n_cand);
        if (eligible > n_cand) eligible = n_cand;
        /* back in corpus order, then every step-th */
        size_t *chosen = malloc((eligible ? eligible : 1) * sizeof *chosen);
        ok = chosen != NULL;
        for (size_t k = 0; ok && k < eligible; k++) chosen[k] = cand[k].sentence;
        if (ok) qsort(chosen, eligible, sizeof *chosen, cmp_index);
        double step = eligible > max ? (double)eligible / (double)max : 1.0;
        keep = eligible > max ? max : eligible;
        ok = ok && (ex = calloc(keep ? keep : 1, sizeof *ex)) != NULL;
        for (size_t k = 0; ok && k < keep; k++) {
            const struct ner_corpus_sentence *sn = &c->sentences[chosen[(size_t)((double)k * step)]];
            if (ner_example_init_mem(&ex[k], &model->ctx, job->an, c->docs[sn->doc].text, c->tokens + sn->first,
                                     sn->n, tags + sn->first, mem + sn->first) != RASD_OK) {
                for (size_t q = 0; q < k; q++) ner_example_free(&ex[q]);
                ok = false;
                break;
            }
            ex[k].weight = weight;
        }
        free(chosen);
        if (ok && !job->quiet)
            fprintf(stderr, "train-ner: self-training: %zu of %zu sentences with names (%zu eligible), weight %.2f (%.1f s)\n",
                    keep, n_cand, eligible, (double)weight, ner_cli_now() - job->t0);
    }
    if (!ok) {
        cli_error("out of memory");
        free(ex);
        ex = NULL;
        keep = 0;
    }
    free(tags);
    free(mem);
    free(cand);
    *n_out = keep;
    return ex ? ex : calloc(1, sizeof *ex);
}

int cmd_train_ner(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--make-clusters") == 0) return make_clusters(argc, argv, 1);
    const char *train = NULL, *out = NULL, *clusters = NULL, *data_dir = NULL;
    char *corpus_paths[64];
    size_t n_corpus = 0;
    size_t dev_every = 10, epochs = 12, bits = NER_DEFAULT_BITS, folds = 5, threads = cli_cores();
    /* hidden, self-training: the share of the corpus's sentences with names
     * kept (0: none), at most how many, and their weight */
    double self_share = 0, self_weight = 0.3;
    size_t self_max = 10000;
    bool self_strict = false;
    /* hidden: runs averaged into the final model, and training's knobs
     * (model.c's defaults) */
    size_t soup = 1, seed = 0;
    double drop = 0.1, cost = 10;
    bool quiet = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(TRAIN_USAGE, stdout);
            return EXIT_ALL_OK;
        }
        if (strcmp(a, "--quiet") == 0) {
            quiet = true;
            continue;
        }
        if (strcmp(a, "--self-strict") == 0) { /* hidden: self-training */
            self_strict = true;
            continue;
        }
        if (i + 1 >= argc) {
            cli_error("train-ner: %s needs a value (or is unknown)", a);
            fputs(TRAIN_USAGE, stderr);
            return EXIT_USAGE;
        }
        char *v = argv[++i];
        if (strcmp(a, "--train") == 0) train = v;
        else if (strcmp(a, "--out") == 0) out = v;
        else if (strcmp(a, "--clusters") == 0) clusters = v;
        else if (strcmp(a, "--data") == 0) data_dir = v;
        else if (strcmp(a, "--corpus") == 0) {
            if (n_corpus == sizeof corpus_paths / sizeof corpus_paths[0]) {
                cli_error("--corpus: at most 64 paths (give a directory)");
                return EXIT_USAGE;
            }
            corpus_paths[n_corpus++] = v;
        } else if (strcmp(a, "--dev-every") == 0) {
            if (!ner_cli_parse_count(a, v, &dev_every) || dev_every == 1) {
                if (dev_every == 1) cli_error("--dev-every 1 would leave nothing to train on");
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--epochs") == 0) {
            if (!cli_parse_size(a, v, &epochs)) return EXIT_USAGE;
        } else if (strcmp(a, "--threads") == 0) {
            if (!cli_parse_size(a, v, &threads)) return EXIT_USAGE;
        } else if (strcmp(a, "--dev-block") == 0) {
            if (!cli_parse_size(a, v, &ner_cli_dev_block)) return EXIT_USAGE;
        } else if (strcmp(a, "--dev-fold") == 0) { /* hidden: which block of every N is dev (cross-validation) */
            if (!ner_cli_parse_count(a, v, &ner_cli_dev_fold)) return EXIT_USAGE;
        } else if (strcmp(a, "--folds") == 0) { /* hidden: jackknife folds for the profiles */
            if (!cli_parse_size(a, v, &folds) || folds < 2) {
                cli_error("--folds: expected 2 or more");
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--self-share") == 0 || strcmp(a, "--self-weight") == 0) { /* hidden: self-training */
            char *end;
            double x = strtod(v, &end);
            if (*end || !(x >= 0 && x <= 1)) {
                cli_error("%s: expected a number from 0 to 1", a);
                return EXIT_USAGE;
            }
            if (strcmp(a, "--self-share") == 0) self_share = x;
            else self_weight = x;
        } else if (strcmp(a, "--soup") == 0) { /* hidden: model averaging across runs */
            if (!cli_parse_size(a, v, &soup) || soup < 1) {
                cli_error("--soup: expected 1 or more");
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--seed") == 0) { /* hidden: another run of the same training (run-to-run noise) */
            if (!cli_parse_size(a, v, &seed)) return EXIT_USAGE;
        } else if (strcmp(a, "--drop") == 0 || strcmp(a, "--cost") == 0) { /* hidden: training's knobs */
            char *end;
            double x = strtod(v, &end);
            if (*end || !(x >= 0 && x <= (strcmp(a, "--drop") == 0 ? 0.9 : 1000))) {
                cli_error("%s: out of range", a);
                return EXIT_USAGE;
            }
            if (strcmp(a, "--drop") == 0) drop = x;
            else cost = x;
        } else if (strcmp(a, "--self-max") == 0) {
            if (!cli_parse_size(a, v, &self_max)) return EXIT_USAGE;
        } else if (strcmp(a, "--bits") == 0) { /* hidden: the feature table's size */
            if (!cli_parse_size(a, v, &bits) || bits < NER_MIN_BITS || bits > NER_MAX_BITS) {
                cli_error("--bits: expected %d to %d", NER_MIN_BITS, NER_MAX_BITS);
                return EXIT_USAGE;
            }
        } else {
            cli_error("train-ner: unknown option %s", a);
            fputs(TRAIN_USAGE, stderr);
            return EXIT_USAGE;
        }
    }
    double t0 = ner_cli_now();
    rasd_lexicon *lex = cli_load_lexicon(data_dir);
    if (!lex) return EXIT_USAGE;
    const char *dir = rasd_lexicon_dir(lex);
    char def_train[4200], def_out[4200], def_clusters[4200];
    snprintf(def_train, sizeof def_train, "%s/../../shared/data/anercorp/train.txt", dir);
    snprintf(def_out, sizeof def_out, "%s/ner/model.bin", dir);
    snprintf(def_clusters, sizeof def_clusters, "%s/ner/clusters.tsv", dir);
    if (!train) train = ner_cli_file_exists(def_train) ? def_train : "../shared/data/anercorp/train.txt";
    if (!out) out = def_out;

    int rc = EXIT_INPUT_FAILED;
    rasd_error err = {0};
    ner_data data = {0};
    ner_trainer *tr = NULL;
    rasd_analyzer *an = NULL;
    ner_example *ex = NULL;
    size_t *sent_of = NULL, *all = NULL;
    rasd_ner_model *model = NULL;
    ner_cli_tagged dev = {0};
    ner_context base = {0}, final_ctx = {0};
    ner_corpus corpus = {0};
    size_t n_extra = 0; /* self-labelled examples after the file's, in ex */

    if (ner_data_read(train, &data, &err) != RASD_OK || ner_context_init(&base, (uint32_t)bits, lex, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto done;
    }
    const char *cl = clusters ? clusters : def_clusters;
    if (clusters || ner_cli_file_exists(cl)) {
        if (ner_context_load_clusters(&base, cl, &err) != RASD_OK) {
            cli_error("%s", err.message);
            goto done;
        }
    } else {
        cli_warning("no word clusters at %s: training without them (scripts/train-ner.sh builds them)", cl);
    }
    if (ner_context_load_names(&base, dir, &err) != RASD_OK || !(an = rasd_analyzer_new(lex, &err))) {
        cli_error("%s", err.message);
        goto done;
    }
    if (!quiet) {
        size_t names = 0;
        for (int c = 0; c < NER_LIST_CLASSES; c++) names += base.n_names[c];
        fprintf(stderr,
                "train-ner: %s: %zu sentences, %zu tokens; %zu clustered words; %zu listed names "
                "(persons %zu, states %zu, organisations %zu, places %zu + %zu)\n",
                train, data.n_sentences, data.n_tokens, base.n_clusters, names, base.n_names[NER_LC_PERSON],
                base.n_names[NER_LC_STATE], base.n_names[NER_LC_ORG], base.n_names[NER_LC_PLACE],
                base.n_names[NER_LC_VILLAGE]);
    }
    if (!n_corpus)
        cli_warning("no --corpus: training without tag profiles, a little weaker on new names "
                    "(scripts/train-ner.sh passes SaudiNewsNet)");
    if (n_corpus && ner_corpus_read(&corpus, corpus_paths, n_corpus, an, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto done;
    }
    if (n_corpus && !quiet)
        fprintf(stderr, "train-ner: corpus: %zu sentences, %zu tokens (%.1f s)\n", corpus.n_sentences,
                corpus.n_tokens, ner_cli_now() - t0);

    /* the training sentences (all but the dev split) */
    ex = calloc(data.n_sentences ? data.n_sentences : 1, sizeof *ex);
    sent_of = malloc((data.n_sentences ? data.n_sentences : 1) * sizeof *sent_of);
    all = malloc((data.n_sentences ? data.n_sentences : 1) * sizeof *all);
    if (!ex || !sent_of || !all) {
        cli_error("out of memory");
        goto done;
    }
    size_t n_train = 0, train_tokens = 0;
    for (size_t s = 0; s < data.n_sentences; s++)
        if (!ner_cli_is_dev(s, dev_every)) {
            all[n_train] = n_train;
            sent_of[n_train++] = s;
            train_tokens += data.sentences[s].n;
        }
    if (n_train == 0) {
        cli_error("%s: no training sentences", train);
        goto done;
    }
    if (!quiet) {
        if (dev_every && ner_cli_dev_block > 1)
            fprintf(stderr, "train-ner: training on %zu sentences (%zu tokens); dev: every %zuth block of %zu sentences\n",
                    n_train, train_tokens, dev_every, ner_cli_dev_block);
        else if (dev_every)
            fprintf(stderr, "train-ner: training on %zu sentences (%zu tokens); dev: every %zuth sentence\n", n_train,
                    train_tokens, dev_every);
        else
            fprintf(stderr, "train-ner: training on all %zu sentences (%zu tokens); no dev split\n", n_train,
                    train_tokens);
    }
    if (!build_examples(&data, &base, an, sent_of, all, n_train, ex, NULL)) goto done;
    train_job job = {&data, dev_every, epochs, quiet, an, t0, soup, drop, cost, seed};
    if (ner_context_copy(&final_ctx, &base, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto done;
    }
    if (n_corpus && !stack_profiles(&job, &base, &final_ctx, ex, sent_of, n_train, folds, &corpus, threads)) goto done;
    if (self_share <= 0) ner_corpus_free(&corpus); /* before the final training: memory */
    if (!(tr = new_trainer(&job, &final_ctx, &err))) {
        cli_error("%s", err.message);
        goto done;
    }
    if (!(model = run_soup(&job, tr, ex, all, n_train, &dev))) goto done;
    if (self_share > 0 && corpus.n_sentences) {
        /* again, with the sentences of the corpus this model is surest of */
        size_t n_self = 0;
        ner_example *self = self_label(&job, model, &corpus, self_share, self_max, (float)self_weight, self_strict, &n_self);
        ner_corpus_free(&corpus);
        if (!self) goto done;
        ner_example *grown = realloc(ex, (data.n_sentences + n_self) * sizeof *ex);
        size_t *grown_all = grown ? realloc(all, (n_train + n_self) * sizeof *all) : NULL;
        if (grown) ex = grown;
        if (grown_all) all = grown_all;
        if (!grown || !grown_all) {
            for (size_t k = 0; k < n_self; k++) ner_example_free(&self[k]);
            free(self);
            cli_error("out of memory");
            goto done;
        }
        memcpy(ex + data.n_sentences, self, n_self * sizeof *ex);
        free(self);
        n_extra = n_self;
        for (size_t k = 0; k < n_self; k++) all[n_train + k] = data.n_sentences + k;
        ner_context ctx2;
        if (ner_context_copy(&ctx2, &model->ctx, &err) != RASD_OK) {
            cli_error("%s", err.message);
            goto done;
        }
        ner_trainer_destroy(tr);
        rasd_ner_destroy(model);
        model = NULL;
        ner_cli_free_tagged(&dev);
        if (!(tr = new_trainer(&job, &ctx2, &err))) {
            cli_error("%s", err.message);
            goto done;
        }
        if (!(model = run_soup(&job, tr, ex, all, n_train + n_self, &dev))) goto done;
    }
    if (dev_every) {
        ner_cli_calibrate(model, &dev);
        if (ner_cli_dev_block > 1)
            fprintf(stderr, "train-ner: dev split (every %zuth block of %zu sentences of %s):\n", dev_every,
                    ner_cli_dev_block, train);
        else
            fprintf(stderr, "train-ner: dev split (every %zuth sentence of %s):\n", dev_every, train);
        ner_cli_print_report(stderr, &dev.counts);
    }
    if (ner_model_save(model, out, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto done;
    }
    struct stat st;
    fprintf(stderr, "train-ner: wrote %s (%.1f MB) in %.1f s\n", out,
            stat(out, &st) == 0 ? (double)st.st_size / 1e6 : 0.0, ner_cli_now() - t0);
    rc = EXIT_ALL_OK;
done:
    if (ex)
        for (size_t s = 0; s < data.n_sentences + n_extra; s++) ner_example_free(&ex[s]);
    free(ex);
    free(sent_of);
    free(all);
    ner_cli_free_tagged(&dev);
    rasd_ner_destroy(model);
    ner_trainer_destroy(tr);
    ner_context_free(&base);
    ner_context_free(&final_ctx);
    ner_corpus_free(&corpus);
    rasd_analyzer_destroy(an);
    ner_data_free(&data);
    rasd_lexicon_destroy(lex);
    return rc;
}
