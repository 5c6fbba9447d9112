/*
 * cmd_ner.c: what the name tagger's commands share (cmd_ner.h); the
 * commands themselves are cmd_train_ner.c and cmd_eval_ner.c (the tagger itself is src/ner/).
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
#include "cmd_ner.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

double ner_cli_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The dev split: every Nth sentence (docs/ner.md says why), or, with
 * --dev-block B, every Nth block of B sentences (about an article each:
 * the stricter test of names the training data never showed). */
size_t ner_cli_dev_block = 1;
size_t ner_cli_dev_fold = SIZE_MAX; /* which block of every N (hidden --dev-fold; default the last) */
bool ner_cli_is_dev(size_t sentence, size_t every) {
    return every > 0 && (sentence / ner_cli_dev_block) % every == (ner_cli_dev_fold < every ? ner_cli_dev_fold : every - 1);
}

bool ner_cli_file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Parses a count option that may be 0 (cli_parse_size wants positive). */
bool ner_cli_parse_count(const char *opt, const char *value, size_t *out) {
    if (strcmp(value, "0") == 0) {
        *out = 0;
        return true;
    }
    return cli_parse_size(opt, value, out);
}

/* ------------------------------------------------------------- scoring */


void ner_cli_record_entities(ner_cli_tagged *t, const rasd_ner_result *res, const uint8_t *gold, size_t n) {
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
bool ner_cli_check_reference = false; /* hidden --check: compare with the plain path */

bool ner_cli_tag_data(const rasd_ner_model *m, rasd_analyzer *an, const ner_data *d, size_t dev_every, bool dev_only,
                     FILE *out, ner_cli_tagged *t) {
    rasd_ner_result res = {0};
    rasd_error err = {0};
    bool ok = true;
    size_t prev = SIZE_MAX;
    for (size_t s = 0; s < d->n_sentences; s++) {
        if (dev_only && !ner_cli_is_dev(s, dev_every)) continue;
        /* a run of consecutive sentences is one document to the article
         * memory (the file has no article marks; the memory's window
         * bounds what a sentence sees of another article) */
        if ((prev == SIZE_MAX || s != prev + 1) && rasd_ner_begin_document(&res) != RASD_OK) {
            cli_error("out of memory");
            ok = false;
            break;
        }
        prev = s;
        const ner_sentence *sn = &d->sentences[s];
        const char *text = d->text + sn->text_off;
        const rasd_token *toks = d->tokens + sn->first;
        if (rasd_ner_tag(m, an, text, toks, sn->n, &res, &err) != RASD_OK) {
            cli_error("%s", err.message);
            ok = false;
            break;
        }
        if (ner_cli_check_reference) {
            float *em = malloc(sn->n * NER_NTAGS * sizeof *em);
            uint8_t *tags = malloc(sn->n);
            const ner_tok *rt = ner_result_tokens(&res);
            uint8_t *mem = malloc(sn->n ? sn->n : 1);
            for (size_t i = 0; mem && i < sn->n; i++) mem[i] = rt[i].mem;
            if (!em || !tags || !mem || ner_tag_reference_mem(m, an, text, toks, sn->n, mem, em, tags) != RASD_OK ||
                memcmp(tags, res.tags, sn->n) != 0) {
                cli_error("sentence at line %zu: the cached tagger and the reference disagree", sn->line);
                ok = false;
            }
            free(em);
            free(tags);
            free(mem);
            if (!ok) break;
        }
        ner_counts_add(&t->counts, d->gold + sn->first, res.tags, sn->n);
        ner_cli_record_entities(t, &res, d->gold + sn->first, sn->n);
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

void ner_cli_free_tagged(ner_cli_tagged *t) {
    free(t->margin);
    free(t->right);
    memset(t, 0, sizeof *t);
}

/* conlleval's report: the totals, then one line per type. */
void ner_cli_print_report(FILE *f, const ner_counts *c) {
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
static double cal_loglik(const ner_cli_tagged *t, double a, double b) {
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

void ner_cli_calibrate(rasd_ner_model *m, const ner_cli_tagged *t) {
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
