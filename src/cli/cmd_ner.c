/*
 * cmd_ner.c: `rasd train-ner` and `rasd eval-ner`, the name tagger's
 * commands (the tagger itself is src/ner/).
 *
 *   rasd train-ner [--train FILE] [--dev-every N] [--dev-block B] [--epochs N]
 *                  [--out PATH] [--clusters PATH] [--corpus PATH]... [--data DIR]
 *   rasd eval-ner FILE [--model PATH] [--predictions OUT] [--dev-every N]
 *                  [--dev-block B] [--against PRED] [--bench] [--data DIR]
 *
 * train-ner holds out every Nth sentence of the training file as the dev
 * split (docs/ner.md says why) and reports its score after each epoch;
 * `eval-ner FILE --dev-every N` scores the same sentences again. Hidden:
 * `train-ner --make-clusters OUT TEXT...` builds the word clusters
 * (scripts/train-ner.sh runs it), `--dev-fold R` picks another dev block
 * (cross-validation), `--folds K` and `--bits B` tune training, and
 * `eval-ner --bench-text ARTICLE...` times the tagger on running news,
 * `eval-ner --check` compares it with the plain uncached path.
 *
 * Exit status: 0 done, 1 bad input (a missing or malformed file, named
 * with its line), 2 usage.
 */
#include "cli.h"
#include "ner/ner_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The dev split: every Nth sentence (docs/ner.md says why), or, with
 * --dev-block B, every Nth block of B sentences (about an article each:
 * the stricter test of names the training data never showed). */
static size_t dev_block = 1;
static size_t dev_fold = SIZE_MAX; /* which block of every N (hidden --dev-fold; default the last) */
static bool is_dev(size_t sentence, size_t every) {
    return every > 0 && (sentence / dev_block) % every == (dev_fold < every ? dev_fold : every - 1);
}

static bool file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Parses a count option that may be 0 (cli_parse_size wants positive). */
static bool parse_count(const char *opt, const char *value, size_t *out) {
    if (strcmp(value, "0") == 0) {
        *out = 0;
        return true;
    }
    return cli_parse_size(opt, value, out);
}

/* ------------------------------------------------------------- scoring */

typedef struct tagged {
    ner_counts counts;
    size_t sentences;
    /* for calibrating entity scores: each predicted entity's margin and
     * whether it was right */
    float *margin;
    uint8_t *right;
    size_t n_ent, cap_ent;
} tagged;

static void record_entities(tagged *t, const rasd_ner_result *res, const uint8_t *gold, size_t n) {
    for (size_t e = 0; e < res->n_entities; e++) {
        const rasd_ner_entity *ent = &res->entities[e];
        bool right = gold[ent->first_token] == RASD_NER_B(ent->type) &&
                     (ent->end_token == n || gold[ent->end_token] != RASD_NER_I(ent->type));
        for (size_t i = ent->first_token + 1; i < ent->end_token && right; i++)
            right = gold[i] == RASD_NER_I(ent->type);
        if (t->n_ent == t->cap_ent) {
            size_t cap = t->cap_ent ? t->cap_ent * 2 : 1024;
            float *mg = realloc(t->margin, cap * sizeof *mg);
            if (mg) t->margin = mg;
            uint8_t *r = realloc(t->right, cap);
            if (r) t->right = r;
            if (!mg || !r) return;
            t->cap_ent = cap;
        }
        /* the raw margin (the score is its logistic, which saturates) */
        t->margin[t->n_ent] = ner_result_entity_margins(res)[e];
        t->right[t->n_ent++] = right;
    }
}

/* Tags the sentences of data (the dev ones only when dev_every > 0 and
 * dev_only), adding to t; writes predictions when out is given. */
static bool check_reference = false; /* hidden --check: compare with the plain path */

static bool tag_data(const rasd_ner_model *m, rasd_analyzer *an, const ner_data *d, size_t dev_every, bool dev_only,
                     FILE *out, tagged *t) {
    rasd_ner_result res = {0};
    rasd_error err = {0};
    bool ok = true;
    for (size_t s = 0; s < d->n_sentences; s++) {
        if (dev_only && !is_dev(s, dev_every)) continue;
        const ner_sentence *sn = &d->sentences[s];
        const char *text = d->text + sn->text_off;
        const rasd_token *toks = d->tokens + sn->first;
        if (rasd_ner_tag(m, an, text, toks, sn->n, &res, &err) != RASD_OK) {
            cli_error("%s", err.message);
            ok = false;
            break;
        }
        if (check_reference) {
            float *em = malloc(sn->n * NER_NTAGS * sizeof *em);
            uint8_t *tags = malloc(sn->n);
            if (!em || !tags || ner_tag_reference(m, an, text, toks, sn->n, em, tags) != RASD_OK ||
                memcmp(tags, res.tags, sn->n) != 0) {
                cli_error("sentence at line %zu: the cached tagger and the reference disagree", sn->line);
                ok = false;
            }
            free(em);
            free(tags);
            if (!ok) break;
        }
        ner_counts_add(&t->counts, d->gold + sn->first, res.tags, sn->n);
        record_entities(t, &res, d->gold + sn->first, sn->n);
        t->sentences++;
        if (out) {
            for (size_t i = 0; i < sn->n; i++)
                fprintf(out, "%.*s %s\n", (int)(toks[i].end - toks[i].start), text + toks[i].start,
                        rasd_ner_tag_name(res.tags[i]));
            fputc('\n', out);
        }
    }
    rasd_ner_result_free(&res);
    return ok;
}

static void free_tagged(tagged *t) {
    free(t->margin);
    free(t->right);
    memset(t, 0, sizeof *t);
}

/* conlleval's report: the totals, then one line per type. */
static void print_report(FILE *f, const ner_counts *c) {
    ner_prf all = ner_counts_prf(c, RASD_NER_TYPE_COUNT);
    fprintf(f, "processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n", c->tokens,
            all.tp + all.fn, all.tp + all.fp, all.tp);
    fprintf(f, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
            c->tokens ? 100.0 * (double)c->tokens_correct / (double)c->tokens : 0.0, 100 * all.p, 100 * all.r,
            100 * all.f);
    for (int t = 0; t < RASD_NER_TYPE_COUNT; t++) {
        ner_prf p = ner_counts_prf(c, t);
        fprintf(f, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %zu\n", rasd_ner_type_name((rasd_ner_type)t),
                100 * p.p, 100 * p.r, 100 * p.f, p.tp + p.fp);
    }
}

/* Fits score = logistic(a * margin + b) to whether the dev split's
 * predicted entities were right, by maximum likelihood: Newton's method
 * with step halving, so that every step improves the fit (a nearly
 * separable set would otherwise run off to infinity). */
static double cal_loglik(const tagged *t, double a, double b) {
    double ll = 0;
    for (size_t i = 0; i < t->n_ent; i++) {
        double z = a * t->margin[i] + b;
        /* log p for right, log (1 - p) for wrong, computed stably */
        double lz = z > 0 ? -log1p(exp(-z)) : z - log1p(exp(z));
        double lnz = z > 0 ? -z - log1p(exp(-z)) : -log1p(exp(z));
        ll += t->right[i] ? lz : lnz;
    }
    return ll - 1e-4 * a * a; /* a little ridge keeps a finite */
}

static void calibrate(rasd_ner_model *m, const tagged *t) {
    if (t->n_ent < 50) return;
    double a = 0, b = 0, ll = cal_loglik(t, a, b);
    for (int it = 0; it < 100; it++) {
        double ga = -2e-4 * a, gb = 0, haa = 2e-4, hab = 0, hbb = 1e-9;
        for (size_t i = 0; i < t->n_ent; i++) {
            double x = t->margin[i], p = 1 / (1 + exp(-(a * x + b))), y = t->right[i];
            double w = p * (1 - p);
            ga += (y - p) * x;
            gb += y - p;
            haa += w * x * x;
            hab += w * x;
            hbb += w;
        }
        double det = haa * hbb - hab * hab;
        if (!(det > 0)) break;
        double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det, step = 1;
        while (step > 1e-6 && !(cal_loglik(t, a + step * da, b + step * db) > ll)) step /= 2;
        if (step <= 1e-6) break;
        a += step * da, b += step * db;
        double nll = cal_loglik(t, a, b);
        bool done = nll - ll < 1e-9;
        ll = nll;
        if (done) break;
    }
    if (isfinite(a) && isfinite(b) && a > 0) {
        m->score_a = (float)a;
        m->score_b = (float)b;
    }
}

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
    "  --quiet           no per-epoch report\n";

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
} train_job;

/* Trains a trainer on examples ex[idx[0..n)] for the job's epochs; with a
 * dev split and `report`, scores it after each epoch. Returns the final
 * (averaged) model, or NULL. dev receives the last dev tagging. */
static rasd_ner_model *run_epochs(const train_job *job, ner_trainer *tr, ner_example *ex, const size_t *idx, size_t n,
                                  bool report, tagged *dev) {
    rasd_error err = {0};
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    rasd_ner_model *model = NULL;
    if (!order) {
        cli_error("out of memory");
        return NULL;
    }
    for (size_t e = 0; e < job->epochs; e++) {
        memcpy(order, idx, n * sizeof *order);
        shuffle(order, n, 0x243f6a8885a308d3ULL + e);
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
            free_tagged(dev);
            if (!tag_data(model, job->an, job->data, job->dev_every, true, NULL, dev)) {
                rasd_ner_destroy(model);
                model = NULL;
                break;
            }
            ner_prf p = ner_counts_prf(&dev->counts, RASD_NER_TYPE_COUNT);
            if (!job->quiet) fprintf(stderr, "; dev P %.2f R %.2f F1 %.2f", 100 * p.p, 100 * p.r, 100 * p.f);
        }
        if (!job->quiet) fprintf(stderr, " (%.1f s)\n", now() - job->t0);
    }
    free(order);
    return model;
}

/* Builds the examples of the training sentences listed in idx with ctx. */
static bool build_examples(const ner_data *data, const ner_context *ctx, rasd_analyzer *an, const size_t *sent_of,
                           const size_t *idx, size_t n, ner_example *ex) {
    for (size_t k = 0; k < n; k++) {
        const ner_sentence *sn = &data->sentences[sent_of[idx[k]]];
        ner_example_free(&ex[idx[k]]);
        if (ner_example_init(&ex[idx[k]], ctx, an, data->text + sn->text_off, data->tokens + sn->first, sn->n,
                             data->gold + sn->first) != RASD_OK) {
            cli_error("out of memory");
            return false;
        }
    }
    return true;
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
    bool ok = idx && prof;
    train_job quiet = *job;
    quiet.quiet = true;
    for (size_t k = 0; ok && k <= folds; k++) {
        /* k < folds: without fold k; k == folds: all of them */
        size_t n = 0;
        for (size_t i = 0; i < n_train; i++)
            if (k == folds || (i / 20) % folds != k) idx[n++] = i;
        ner_context ctx;
        ok = ner_context_copy(&ctx, base, &err) == RASD_OK;
        ner_trainer *tr = ok ? ner_trainer_new(&ctx, &err) : NULL;
        rasd_ner_model *model = tr ? run_epochs(&quiet, tr, ex, idx, n, false, NULL) : NULL;
        ner_trainer_destroy(tr);
        prof[k] = model ? ner_profile_build(model, corpus, threads, &err) : NULL;
        if (model && k == folds && job->dev_every && !job->quiet) {
            tagged dev = {0};
            if (tag_data(model, job->an, job->data, job->dev_every, true, NULL, &dev)) {
                ner_prf p = ner_counts_prf(&dev.counts, RASD_NER_TYPE_COUNT);
                fprintf(stderr, "train-ner: first model (no profiles): dev P %.2f R %.2f F1 %.2f\n", 100 * p.p,
                        100 * p.r, 100 * p.f);
            }
            free_tagged(&dev);
        }
        rasd_ner_destroy(model);
        if (!prof[k]) {
            cli_error("%s", err.message[0] ? err.message : "out of memory");
            ok = false;
        }
        if (!job->quiet)
            fprintf(stderr, "train-ner: profiles %zu of %zu done (%.1f s)\n", k + 1, folds + 1, now() - job->t0);
    }
    for (size_t k = 0; ok && k < folds; k++) {
        size_t m = 0;
        for (size_t i = 0; i < n_train; i++)
            if ((i / 20) % folds == k) idx[m++] = i;
        ner_context fold_ctx;
        ok = ner_context_copy(&fold_ctx, base, &err) == RASD_OK && ner_profile_apply(prof[k], &fold_ctx, &err) == RASD_OK;
        ok = ok && build_examples(job->data, &fold_ctx, job->an, sent_of, idx, m, ex);
        ner_context_free(&fold_ctx);
    }
    if (ok) ok = ner_profile_apply(prof[folds], final_ctx, &err) == RASD_OK;
    if (!ok && err.message[0]) cli_error("%s", err.message);
    for (size_t k = 0; prof && k <= folds; k++) ner_profile_free(prof[k]);
    free(prof);
    free(idx);
    return ok;
}

int cmd_train_ner(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--make-clusters") == 0) return make_clusters(argc, argv, 1);
    const char *train = NULL, *out = NULL, *clusters = NULL, *data_dir = NULL;
    char *corpus_paths[64];
    size_t n_corpus = 0;
    size_t dev_every = 10, epochs = 12, bits = NER_DEFAULT_BITS, folds = 5, threads = cli_cores();
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
            if (!parse_count(a, v, &dev_every) || dev_every == 1) {
                if (dev_every == 1) cli_error("--dev-every 1 would leave nothing to train on");
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--epochs") == 0) {
            if (!cli_parse_size(a, v, &epochs)) return EXIT_USAGE;
        } else if (strcmp(a, "--threads") == 0) {
            if (!cli_parse_size(a, v, &threads)) return EXIT_USAGE;
        } else if (strcmp(a, "--dev-block") == 0) {
            if (!cli_parse_size(a, v, &dev_block)) return EXIT_USAGE;
        } else if (strcmp(a, "--dev-fold") == 0) { /* hidden: which block of every N is dev (cross-validation) */
            if (!parse_count(a, v, &dev_fold)) return EXIT_USAGE;
        } else if (strcmp(a, "--folds") == 0) { /* hidden: jackknife folds for the profiles */
            if (!cli_parse_size(a, v, &folds) || folds < 2) {
                cli_error("--folds: expected 2 or more");
                return EXIT_USAGE;
            }
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
    double t0 = now();
    rasd_lexicon *lex = cli_load_lexicon(data_dir);
    if (!lex) return EXIT_USAGE;
    const char *dir = rasd_lexicon_dir(lex);
    char def_train[4200], def_out[4200], def_clusters[4200];
    snprintf(def_train, sizeof def_train, "%s/../../shared/data/anercorp/train.txt", dir);
    snprintf(def_out, sizeof def_out, "%s/ner/model.bin", dir);
    snprintf(def_clusters, sizeof def_clusters, "%s/ner/clusters.tsv", dir);
    if (!train) train = file_exists(def_train) ? def_train : "../shared/data/anercorp/train.txt";
    if (!out) out = def_out;

    int rc = EXIT_INPUT_FAILED;
    rasd_error err = {0};
    ner_data data = {0};
    ner_trainer *tr = NULL;
    rasd_analyzer *an = NULL;
    ner_example *ex = NULL;
    size_t *sent_of = NULL, *all = NULL;
    rasd_ner_model *model = NULL;
    tagged dev = {0};
    ner_context base = {0}, final_ctx = {0};
    ner_corpus corpus = {0};

    if (ner_data_read(train, &data, &err) != RASD_OK || ner_context_init(&base, (uint32_t)bits, lex, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto done;
    }
    const char *cl = clusters ? clusters : def_clusters;
    if (clusters || file_exists(cl)) {
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
                corpus.n_tokens, now() - t0);

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
        if (!is_dev(s, dev_every)) {
            all[n_train] = n_train;
            sent_of[n_train++] = s;
            train_tokens += data.sentences[s].n;
        }
    if (n_train == 0) {
        cli_error("%s: no training sentences", train);
        goto done;
    }
    if (!quiet) {
        if (dev_every && dev_block > 1)
            fprintf(stderr, "train-ner: training on %zu sentences (%zu tokens); dev: every %zuth block of %zu sentences\n",
                    n_train, train_tokens, dev_every, dev_block);
        else if (dev_every)
            fprintf(stderr, "train-ner: training on %zu sentences (%zu tokens); dev: every %zuth sentence\n", n_train,
                    train_tokens, dev_every);
        else
            fprintf(stderr, "train-ner: training on all %zu sentences (%zu tokens); no dev split\n", n_train,
                    train_tokens);
    }
    if (!build_examples(&data, &base, an, sent_of, all, n_train, ex)) goto done;
    train_job job = {&data, dev_every, epochs, quiet, an, t0};
    if (ner_context_copy(&final_ctx, &base, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto done;
    }
    if (n_corpus && !stack_profiles(&job, &base, &final_ctx, ex, sent_of, n_train, folds, &corpus, threads)) goto done;
    ner_corpus_free(&corpus); /* before the final training: memory */
    if (!(tr = ner_trainer_new(&final_ctx, &err))) {
        cli_error("%s", err.message);
        goto done;
    }
    if (!(model = run_epochs(&job, tr, ex, all, n_train, true, &dev))) goto done;
    if (dev_every) {
        calibrate(model, &dev);
        if (dev_block > 1)
            fprintf(stderr, "train-ner: dev split (every %zuth block of %zu sentences of %s):\n", dev_every,
                    dev_block, train);
        else
            fprintf(stderr, "train-ner: dev split (every %zuth sentence of %s):\n", dev_every, train);
        print_report(stderr, &dev.counts);
    }
    if (ner_model_save(model, out, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto done;
    }
    struct stat st;
    fprintf(stderr, "train-ner: wrote %s (%.1f MB) in %.1f s\n", out,
            stat(out, &st) == 0 ? (double)st.st_size / 1e6 : 0.0, now() - t0);
    rc = EXIT_ALL_OK;
done:
    if (ex)
        for (size_t s = 0; s < data.n_sentences; s++) ner_example_free(&ex[s]);
    free(ex);
    free(sent_of);
    free(all);
    free_tagged(&dev);
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

/* -------------------------------------------------------------- eval-ner */

static const char EVAL_USAGE[] =
    "usage: rasd eval-ner FILE [options]\n"
    "  FILE              token-TAG data to tag and score (conlleval's report on stdout)\n"
    "  --model PATH      model file (default: DATA/ner/model.bin)\n"
    "  --predictions OUT write \"token TAG\" lines as tagged, blank lines between sentences\n"
    "  --against PRED    score PRED (token TAG lines, as --predictions writes them, from\n"
    "                    any tagger) against FILE instead of tagging FILE\n"
    "  --dev-every N     score only every Nth sentence (train-ner's dev split)\n"
    "  --dev-block B     every Nth block of B sentences instead (as train-ner's)\n"
    "  --bench           also time the tagger over the file and print tokens/s\n"
    "  --data DIR        rasd's data directory (lexicon, kb, gazetteer)\n";

/* Tags the whole file over and over for about two seconds: the tagger's
 * own speed (file reading and scoring excluded). */
static void bench(const rasd_ner_model *m, rasd_analyzer *an, const ner_data *d) {
    rasd_ner_result res = {0};
    rasd_error err = {0};
    size_t tokens = 0, bytes = 0, rounds = 0;
    double start = now(), t = start;
    while (t - start < 2.0 || rounds < 2) {
        for (size_t s = 0; s < d->n_sentences; s++) {
            const ner_sentence *sn = &d->sentences[s];
            if (rasd_ner_tag(m, an, d->text + sn->text_off, d->tokens + sn->first, sn->n, &res, &err) != RASD_OK)
                break;
            tokens += sn->n;
            bytes += sn->text_len + 1;
        }
        rounds++;
        t = now();
        if (rounds == 1) start = t, tokens = bytes = 0; /* the first round warms the caches */
    }
    double secs = t - start;
    printf("bench: %zu tokens in %.2f s: %.2f million tokens/s, %.1f MB/s (one thread)\n", tokens, secs,
           (double)tokens / secs / 1e6, (double)bytes / secs / 1e6);
    rasd_ner_result_free(&res);
}

/* --bench-text FILE...: the tagger's speed on running news (plain-text
 * articles): rasd's own sentences and tokens, held in memory first, then
 * tagged sentence by sentence and timed. */
typedef struct collect {
    rasd_token *toks;
    size_t n, cap;
    size_t *first; /* first token of each sentence, plus the end */
    size_t ns, scap;
    size_t doc_of_base;
    size_t last_sentence;
    bool oom;
} collect;

typedef struct sent_ref {
    size_t doc, first, n;
} sent_ref;

static void on_token(void *ctx, const rasd_token *t, size_t sentence) {
    collect *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1 << 16;
        rasd_token *g = realloc(c->toks, cap * sizeof *g);
        if (!g) {
            c->oom = true;
            return;
        }
        c->toks = g;
        c->cap = cap;
    }
    if (c->ns == 0 || sentence != c->last_sentence) {
        if (c->ns == c->scap) {
            size_t cap = c->scap ? c->scap * 2 : 1 << 12;
            size_t *g = realloc(c->first, cap * sizeof *g);
            if (!g) {
                c->oom = true;
                return;
            }
            c->first = g;
            c->scap = cap;
        }
        c->first[c->ns++] = c->n;
        c->last_sentence = sentence;
    }
    c->toks[c->n++] = *t;
}

static int bench_text(const rasd_ner_model *m, rasd_analyzer *an, char **files, size_t n_files) {
    rasd_read_options opt = {.allow_non_arabic = true};
    rasd_document *docs = calloc(n_files ? n_files : 1, sizeof *docs);
    collect *cols = calloc(n_files ? n_files : 1, sizeof *cols);
    size_t n_docs = 0, bytes = 0, tokens = 0, sentences = 0;
    int rc = EXIT_ALL_OK;
    if (!docs || !cols) {
        cli_error("out of memory");
        free(docs);
        free(cols);
        return EXIT_INPUT_FAILED;
    }
    for (size_t i = 0; i < n_files; i++) {
        rasd_error err = {0};
        if (rasd_document_read(files[i], &opt, &docs[n_docs], &err) != RASD_OK) {
            cli_warning("%s", err.message);
            continue;
        }
        rasd_span_list paras = {0}, sents = {0};
        size_t nt = 0;
        rasd_segment(an, docs[n_docs].text, docs[n_docs].len, &paras, &sents, &nt, on_token, &cols[n_docs]);
        rasd_span_list_free(&paras);
        rasd_span_list_free(&sents);
        if (cols[n_docs].oom) {
            cli_error("out of memory");
            rc = EXIT_INPUT_FAILED;
            break;
        }
        bytes += docs[n_docs].len;
        tokens += cols[n_docs].n;
        sentences += cols[n_docs].ns;
        n_docs++;
    }
    /* Twice: first as the tagger runs alone (it analyses each word the
     * first time it meets it), then after every word has been analysed,
     * as inside `rasd analyze`, whose analyzer has met them all already. */
    rasd_ner_result res = {0};
    rasd_error err = {0};
    for (int pass = 0; pass < 2 && rc == EXIT_ALL_OK; pass++) {
        if (pass == 1) {
            rasd_ner_result_free(&res); /* a cold word cache again */
            for (size_t d = 0; d < n_docs; d++)
                for (size_t k = 0; k < cols[d].n; k++) {
                    const rasd_token *t = &cols[d].toks[k];
                    rasd_word w;
                    if (t->type == RASD_TOK_WORD || t->type == RASD_TOK_LATIN)
                        rasd_analyze_word(an, docs[d].text, t->start, t->end, &w);
                }
        }
        size_t entities = 0;
        double t0 = now();
        for (size_t d = 0; d < n_docs && rc == EXIT_ALL_OK; d++) {
            collect *c = &cols[d];
            for (size_t s = 0; s < c->ns; s++) {
                size_t from = c->first[s], to = s + 1 < c->ns ? c->first[s + 1] : c->n;
                if (rasd_ner_tag(m, an, docs[d].text, c->toks + from, to - from, &res, &err) != RASD_OK) {
                    cli_error("%s", err.message);
                    rc = EXIT_INPUT_FAILED;
                    break;
                }
                entities += res.n_entities;
            }
        }
        double secs = now() - t0;
        if (rc == EXIT_ALL_OK)
            printf("bench: %s: %zu articles, %zu sentences, %zu tokens, %.1f MB tagged in %.2f s (one thread): "
                   "%.2f million tokens/s, %.1f MB/s; %zu entities\n",
                   pass ? "words analysed already" : "tagger alone", n_docs, sentences, tokens, (double)bytes / 1e6,
                   secs, (double)tokens / secs / 1e6, (double)bytes / secs / 1e6, entities);
    }
    rasd_ner_result_free(&res);
    for (size_t d = 0; d < n_files; d++) {
        free(cols[d].toks);
        free(cols[d].first);
        if (d < n_docs) rasd_document_destroy(&docs[d]);
    }
    free(docs);
    free(cols);
    return rc;
}

/* --against: scores a predictions file against the gold file, token by
 * token (both must hold the same tokens in the same sentences). */
static int score_against(const char *gold_path, const char *pred_path, size_t dev_every) {
    ner_data gold = {0}, pred = {0};
    rasd_error err = {0};
    int rc = EXIT_INPUT_FAILED;
    if (ner_data_read(gold_path, &gold, &err) != RASD_OK || ner_data_read(pred_path, &pred, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto done;
    }
    ner_counts c = {0};
    size_t p = 0;
    for (size_t s = 0; s < gold.n_sentences; s++) {
        if (dev_every && !is_dev(s, dev_every)) continue;
        const ner_sentence *g = &gold.sentences[s];
        if (p >= pred.n_sentences) {
            cli_error("%s: ends before %s:%zu (fewer sentences)", pred_path, gold_path, g->line);
            goto done;
        }
        const ner_sentence *q = &pred.sentences[p++];
        for (size_t i = 0; i < g->n || i < q->n; i++) {
            const rasd_token *a = i < g->n ? &gold.tokens[g->first + i] : NULL;
            const rasd_token *b = i < q->n ? &pred.tokens[q->first + i] : NULL;
            if (!a || !b || a->end - a->start != b->end - b->start ||
                memcmp(gold.text + g->text_off + a->start, pred.text + q->text_off + b->start, a->end - a->start)) {
                cli_error("%s:%zu: token does not match %s:%zu", pred_path, q->line + i, gold_path, g->line + i);
                goto done;
            }
        }
        ner_counts_add(&c, gold.gold + g->first, pred.gold + q->first, g->n);
    }
    if (p != pred.n_sentences) {
        cli_error("%s:%zu: more sentences than %s", pred_path, pred.sentences[p].line, gold_path);
        goto done;
    }
    print_report(stdout, &c);
    rc = EXIT_ALL_OK;
done:
    ner_data_free(&gold);
    ner_data_free(&pred);
    return rc;
}

int cmd_eval_ner(int argc, char **argv) {
    const char *file = NULL, *model_path = NULL, *pred = NULL, *data_dir = NULL, *against = NULL;
    size_t dev_every = 0;
    bool do_bench = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(EVAL_USAGE, stdout);
            return EXIT_ALL_OK;
        }
        if (strcmp(a, "--bench") == 0) {
            do_bench = true;
            continue;
        }
        if (strcmp(a, "--check") == 0) {
            check_reference = true;
            continue;
        }
        if (strcmp(a, "--bench-text") == 0) { /* hidden: the rest are plain-text articles */
            rasd_lexicon *lex = cli_load_lexicon(data_dir);
            if (!lex) return EXIT_USAGE;
            rasd_error err = {0};
            rasd_ner_model *m = rasd_ner_load(lex, model_path, &err);
            rasd_analyzer *an = m ? rasd_analyzer_new(lex, &err) : NULL;
            int rc = EXIT_INPUT_FAILED;
            if (!m || !an) cli_error("%s", err.message);
            else rc = bench_text(m, an, argv + i + 1, (size_t)(argc - i - 1));
            rasd_analyzer_destroy(an);
            rasd_ner_destroy(m);
            rasd_lexicon_destroy(lex);
            return rc;
        }
        if (a[0] == '-' && a[1]) {
            if (i + 1 >= argc) {
                cli_error("eval-ner: %s needs a value (or is unknown)", a);
                fputs(EVAL_USAGE, stderr);
                return EXIT_USAGE;
            }
            const char *v = argv[++i];
            if (strcmp(a, "--model") == 0) model_path = v;
            else if (strcmp(a, "--predictions") == 0) pred = v;
            else if (strcmp(a, "--against") == 0) against = v;
            else if (strcmp(a, "--data") == 0) data_dir = v;
            else if (strcmp(a, "--dev-every") == 0) {
                if (!parse_count(a, v, &dev_every)) return EXIT_USAGE;
            } else if (strcmp(a, "--dev-block") == 0) {
                if (!cli_parse_size(a, v, &dev_block)) return EXIT_USAGE;
            } else {
                cli_error("eval-ner: unknown option %s", a);
                fputs(EVAL_USAGE, stderr);
                return EXIT_USAGE;
            }
            continue;
        }
        if (file) {
            cli_error("eval-ner: one data file at a time (got %s and %s)", file, a);
            return EXIT_USAGE;
        }
        file = a;
    }
    if (!file) {
        cli_error("eval-ner: no data file");
        fputs(EVAL_USAGE, stderr);
        return EXIT_USAGE;
    }
    if (against) return score_against(file, against, dev_every);
    rasd_lexicon *lex = cli_load_lexicon(data_dir);
    if (!lex) return EXIT_USAGE;
    int rc = EXIT_INPUT_FAILED;
    rasd_error err = {0};
    ner_data data = {0};
    rasd_ner_model *model = NULL;
    rasd_analyzer *an = NULL;
    FILE *out = NULL;
    tagged t = {0};
    if (ner_data_read(file, &data, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto done;
    }
    if (!(model = rasd_ner_load(lex, model_path, &err)) || !(an = rasd_analyzer_new(lex, &err))) {
        cli_error("%s", err.message);
        goto done;
    }
    if (pred && !(out = fopen(pred, "w"))) {
        cli_error("%s: cannot write: %s", pred, strerror(errno));
        goto done;
    }
    if (!tag_data(model, an, &data, dev_every, dev_every > 0, out, &t)) goto done;
    if (out) {
        bool ok = !ferror(out);
        ok &= fclose(out) == 0;
        out = NULL;
        if (!ok) {
            cli_error("%s: write error", pred);
            goto done;
        }
    }
    print_report(stdout, &t.counts);
    /* how far the entity scores can be trusted: the share of right entities
     * among those scored in each band */
    if (t.n_ent) {
        static const double cut[] = {0, 0.5, 0.7, 0.9, 0.97, 1.01};
        printf("entity scores:");
        for (int b = 0; b < 5; b++) {
            size_t n = 0, right = 0;
            for (size_t i = 0; i < t.n_ent; i++) {
                double sc = 1 / (1 + exp(-(model->score_a * t.margin[i] + model->score_b)));
                if (sc >= cut[b] && sc < cut[b + 1]) n++, right += t.right[i];
            }
            if (n) printf(" [%.2f, %.2f): %zu, %.0f%% right;", cut[b], cut[b + 1] > 1 ? 1.0 : cut[b + 1], n,
                          100.0 * (double)right / (double)n);
        }
        putchar('\n');
    }
    if (do_bench) bench(model, an, &data);
    rc = EXIT_ALL_OK;
done:
    if (out) fclose(out);
    free_tagged(&t);
    rasd_analyzer_destroy(an);
    rasd_ner_destroy(model);
    ner_data_free(&data);
    rasd_lexicon_destroy(lex);
    return rc;
}
